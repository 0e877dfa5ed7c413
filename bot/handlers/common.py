"""Small pieces every handler uses: command text, replies that fit, admin checks."""

from __future__ import annotations

import contextvars
import functools
import logging
import re
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ChatMemberStatus, ChatType

from bot import delivery
from bot.formatting import esc, format_article, join_blocks
from bot.i18n import N_, _, ngettext, number
from bot.services import Context
from bot.storage.articles import AddResult, get_article

log = logging.getLogger(__name__)

# AddResult.reason for a duplicate, marked here for translation.
DUPLICATE_REASONS = (N_("same link"), N_("same text"))

Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]

NOT_ADMIN = N_("This command is for the bot's admins.")


def command_text(update: Update) -> str:
    """Everything after "/command" (and "@botname"), newlines and quotes kept.

    context.args would split on whitespace and lose the line structure that
    /post relies on (title line, URL line, body).
    """
    message = update.effective_message
    text = (message.text or message.caption or "") if message else ""
    command = re.match(r"/\S+", text)
    return text[command.end() if command else 0 :].strip()


async def reply(
    update: Update,
    blocks: str | list[str],
    *,
    preview_url: str | None = None,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Send HTML blocks as one message or several; the keyboard goes on the last.

    Only the first message may show a link preview, and only of preview_url:
    a reply with five links would otherwise show whichever Telegram picks.
    """
    message = update.effective_message
    if message is None:
        return None
    parts = join_blocks([blocks] if isinstance(blocks, str) else blocks)
    sent: Message | None = None
    for index, part in enumerate(parts):
        preview = (
            LinkPreviewOptions(url=preview_url, prefer_small_media=True)
            if preview_url and index == 0
            else LinkPreviewOptions(is_disabled=True)
        )
        sent = await message.reply_html(
            part,
            link_preview_options=preview,
            reply_markup=reply_markup if index == len(parts) - 1 else None,
            do_quote=False,
        )
    return sent


def admin_only(handler: Handler) -> Handler:
    """Refuse anyone not in NEWSBRIEF_ADMIN_IDS before the handler runs."""

    @functools.wraps(handler)
    async def wrapper(update: Update, context: Context) -> None:
        user = update.effective_user
        if not context.services.is_admin(user.id if user else None):
            if update.effective_message:
                await update.effective_message.reply_text(_(NOT_ADMIN))
            return
        await handler(update, context)

    return wrapper


# Also a callback answer (show_alert): at most 200 characters in every language.
GROUP_ADMINS_ONLY = N_("In a group, only its admins can change what the group receives.")


async def may_change_chat(update: Update, context: Context) -> bool:
    """Whether this user may change the chat's subscriptions, digest or stored data.

    Anyone may in a private chat; in a group only its admins (or the bot's),
    so one member cannot unsubscribe, flood or /forget a whole group.
    """
    chat = update.effective_chat
    user = update.effective_user
    if chat is None or chat.type == ChatType.PRIVATE:
        return True
    if user is None:
        return chat.type == ChatType.CHANNEL  # a channel post: only its admins can write
    if context.services.is_admin(user.id):
        return True
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)


async def refused_in_group(update: Update, context: Context) -> bool:
    """Refuse (and say so) when this user may not change the chat's settings."""
    if await may_change_chat(update, context):
        return False
    await reply(update, _(GROUP_ADMINS_ONLY))
    return True


# The forum topic this update was sent in, as its target id (storage.topics), or None:
# set for every update by the first handler group (handlers.settings.resolve_language),
# in the update's own task like the language (bot.i18n).
_TOPIC: contextvars.ContextVar[int | None] = contextvars.ContextVar("topic", default=None)


def set_topic(target: int | None) -> None:
    _TOPIC.set(target)


def chat_info(update: Update) -> tuple[int, str, str | None]:
    """(chat id, chat type, language code): all a subscription stores about a chat.

    In a forum topic the id is the topic's target id, so subscriptions, mutes, the
    digest and the language are the topic's own.
    """
    chat = update.effective_chat
    user = update.effective_user
    assert chat is not None
    return _TOPIC.get() or chat.id, chat.type, (user.language_code if user else None)


async def announce(update: Update, context: Context, result: AddResult) -> None:
    """Tell the admin what happened to a posted article, and wake delivery."""
    svc = context.services
    if result.status == "duplicate":
        await reply(
            update,
            _("Already stored as #{id} ({reason}): {title}").format(
                id=result.article_id,
                reason=esc(_(result.reason)),
                title=f"<b>{esc(result.title)}</b>",
            ),
        )
        return
    article = await get_article(svc.db, result.article_id)
    assert article is not None
    if result.short_words is not None:
        # Too little text to be worth a notification: stored for search and /latest only.
        queued = ngettext(
            "Stored, but not pushed: only {count} word of article text.",
            "Stored, but not pushed: only {count} words of article text.",
            result.short_words,
        ).format(count=number(result.short_words))
    elif result.story_reports > 1:
        # A later report of a story: chats that had the story are not pushed again; a
        # keyword chat that only this report matches gets it now.
        queued = _("Joined story #{story} ({sources}), not pushed again.").format(
            story=result.story_id,
            sources=ngettext("{count} source", "{count} sources", result.story_reports).format(
                count=number(result.story_reports)
            ),
        )
        if result.deliveries:
            queued += " " + ngettext(
                "Queued for {count} chat that had not had the story.",
                "Queued for {count} chats that had not had the story.",
                result.deliveries,
            ).format(count=number(result.deliveries))
    elif result.deliveries:
        queued = ngettext(
            "Queued for {count} subscriber chat.",
            "Queued for {count} subscriber chats.",
            result.deliveries,
        ).format(count=number(result.deliveries))
    else:
        queued = _("No subscriber matches it.")
    stored = _("Stored as #{id}.").format(id=article.id)
    await reply(update, [stored, format_article(article), queued])
    delivery.wake(context.application)
