"""Admin commands: /post (text or a link) and /stats (feeds live in handlers/feeds.py).

Each is marked admin-only in bot.commands, whose add_handlers wraps it in admin_only:
anyone else gets one short refusal and nothing is read or changed.
"""

from __future__ import annotations

import logging

from telegram import Message, MessageOriginChannel, MessageOriginChat, Update

from bot import delivery
from bot.errors import UserFacingError
from bot.formatting import esc
from bot.handlers.common import announce, command_text, reply
from bot.i18n import N_, _, number
from bot.ingest import draft_from_text
from bot.pipeline import RejectedError, add_draft
from bot.services import Context
from bot.sources import links
from bot.sources.fetch import FetchError
from bot.storage.articles import ArticleDraft
from bot.storage.stats import collect_stats
from bot.storage.stories import unlink_article
from bot.text import strict_int

log = logging.getLogger(__name__)

POST_USAGE = N_(
    "Usage: /post followed by the article: the first line is the title, an optional "
    "second line the link, then the text. Or /post &lt;link&gt; to fetch a page, or reply "
    "/post to a forwarded message."
)


def _origin_name(message: Message) -> str | None:
    origin = message.forward_origin
    if isinstance(origin, MessageOriginChannel | MessageOriginChat):
        chat = origin.chat if isinstance(origin, MessageOriginChannel) else origin.sender_chat
        return chat.title
    # Forwards from people are not attributed: we do not store people's names.
    return None


def _draft_from_update(update: Update, language: str) -> ArticleDraft | None:
    message = update.effective_message
    assert message is not None
    text = command_text(update)
    if not text and message.reply_to_message is not None:
        replied = message.reply_to_message
        text = replied.text or replied.caption or ""
        return draft_from_text(text, language, source=_origin_name(replied)) if text else None
    return draft_from_text(text, language) if text else None


def _is_bare_link(text: str) -> bool:
    return text.lower().startswith(("http://", "https://")) and len(text.split()) == 1


async def post(update: Update, context: Context) -> None:
    svc = context.services
    text = command_text(update)
    if _is_bare_link(text):
        await post_link(update, context, text)
        return
    try:
        draft = _draft_from_update(update, svc.settings.language)
    except RejectedError as exc:
        not_stored = _("Not stored: {reason}.").format(reason=esc(exc.localized()))
        await reply(update, f"{not_stored}\n\n{_(POST_USAGE)}")
        return
    if draft is None:
        await reply(update, _(POST_USAGE))
        return
    try:
        result = await add_draft(svc.db, svc.briefer, draft)
    except RejectedError as exc:
        await reply(update, _("Not stored: {reason}.").format(reason=esc(exc.localized())))
        return
    await announce(update, context, result)


async def post_link(update: Update, context: Context, url: str) -> None:
    """An admin sent a link: fetch the page, extract the article, brief and deliver it."""
    svc = context.services
    client = svc.http_client()
    try:
        result = await links.post_link(svc.db, client, svc.briefer, svc.settings, url)
    except FetchError as exc:
        await reply(
            update, _("Could not fetch that page: {reason}.").format(reason=esc(exc.localized()))
        )
        return
    except UserFacingError as exc:  # not an article, or rejected by validation
        await reply(update, _("Not stored: {reason}.").format(reason=esc(exc.localized())))
        return
    await announce(update, context, result)


async def stats(update: Update, context: Context) -> None:
    numbers = await collect_stats(context.services.db)
    rate = delivery.current_rate(context.application)
    n = {name: number(value) for name, value in vars(numbers).items()}
    await reply(
        update,
        _(
            "<b>newsbrief stats</b>\n"
            "Articles: {articles}\n"
            "Subscriber chats: {active_chats} active, {chats} in all\n"
            "Subscriptions: {subscriptions} ({digest_chats} chats on a digest)\n"
            "Deliveries: {pending} pending, {sent} sent, {failed} failed\n"
            "Send rate: {rate} messages/s (last minute)\n"
            "Feeds: {feeds}"
        ).format(rate=number(rate, fraction=True), **n),
    )


async def private_text(update: Update, context: Context) -> None:
    """Plain text in a private chat: an admin's bare link is posted, anyone else gets a hint."""
    message = update.effective_message
    user = update.effective_user
    text = (message.text or "").strip() if message else ""
    if context.services.is_admin(user.id if user else None) and _is_bare_link(text):
        await post_link(update, context, text)
        return
    await reply(update, _("I answer commands: try /latest, <code>/search words</code> or /help."))


async def unlink(update: Update, context: Context) -> None:
    """/unlink <article id>: a report wrongly merged into a story becomes a story of its own.

    Nothing is pushed: the chats that had the story keep what they had.
    """
    article_id = strict_int(command_text(update).lstrip("#"))
    if article_id is None:
        await reply(update, _("Usage: /unlink &lt;article id&gt;, e.g. <code>/unlink 12</code>."))
        return
    result = await unlink_article(context.services.db, article_id)
    if result is None:
        await reply(update, _("There is no article #{id}.").format(id=article_id))
    elif result.new_story == result.old_story:
        await reply(update, _("#{id} is already a story of its own.").format(id=article_id))
    else:
        await reply(
            update,
            _("#{id} left story #{old} and is now story #{new} on its own; not pushed.").format(
                id=article_id, old=result.old_story, new=result.new_story
            ),
        )
