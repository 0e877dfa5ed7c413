"""Subscribing: /subscribe, /unsubscribe, /subscriptions, /digest and /forget.

Replies only ever describe the chat they are sent to; nothing here can name
another chat or what it follows.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.delivery import digests
from bot.formatting import esc
from bot.handlers import mutes as mute_handlers
from bot.handlers import sources as source_handlers
from bot.handlers.common import (
    GROUP_ADMINS_ONLY,
    chat_info,
    command_text,
    may_change_chat,
    refused_in_group,
    reply,
)
from bot.i18n import N_, _, clock, items, ngettext, number
from bot.services import Context
from bot.storage import mutes, sources, topics
from bot.storage import subscriptions as subs
from bot.storage.db import Database
from bot.text import split_keywords

MAX_KEYWORDS = 50  # per chat: enough for anyone, small enough to stay fast
MAX_KEYWORD_LENGTH = 100  # characters: a headline phrase fits, a pasted article does not


def _describe(keyword: str) -> str:
    return _("all news") if not keyword else f"<code>{esc(keyword)}</code>"


async def subscribe(update: Update, context: Context) -> None:
    if await refused_in_group(update, context):
        return
    chat_id, chat_type, language = chat_info(update)
    source, text = source_handlers.split_source(command_text(update))
    keywords = split_keywords(text)
    if source is None and text and not keywords:
        await reply(
            update,
            _('I found no words in that. Example: <code>/subscribe rail "flood warning"</code>'),
        )
        return
    if any(len(keyword) > MAX_KEYWORD_LENGTH for keyword in keywords):
        await reply(
            update,
            _("A keyword can be at most {count} characters long.").format(
                count=number(MAX_KEYWORD_LENGTH)
            ),
        )
        return
    db = context.services.db
    if source is not None:
        followed = await source_handlers.follow(update, context, source, keywords)
        if followed is None:
            return
        await reply(update, "\n".join([*followed, await _delivery_note(db, chat_id)]))
        return
    try:
        # The cap is checked inside the transaction that adds: concurrent
        # /subscribe commands cannot each see room and together overshoot it.
        result = await subs.subscribe(
            db, chat_id, chat_type, keywords, language, max_subscriptions=MAX_KEYWORDS
        )
    except subs.TooManySubscriptionsError:
        await reply(
            update,
            ngettext(
                "A chat can follow at most {count} keyword. Remove some with /unsubscribe first.",
                "A chat can follow at most {count} keywords. Remove some with /unsubscribe first.",
                MAX_KEYWORDS,
            ).format(count=number(MAX_KEYWORDS)),
        )
        return
    lines = []
    if result.added:
        lines.append(_("Subscribed to {keywords}.").format(keywords=_join(result.added)))
    if result.already:
        lines.append(_("Already subscribed to {keywords}.").format(keywords=_join(result.already)))
    lines.append(await _delivery_note(db, chat_id))
    await reply(update, "\n".join(lines))


def _digest_at(at: str, zone: str | None) -> dict[str, str]:
    """The {time} and {zone} of a digest line, as every reply shows them."""
    return {"time": clock(at), "zone": esc(zone or "UTC")}


async def _delivery_note(db: Database, chat_id: int) -> str:
    chat = await subs.get_chat(db, chat_id)
    if chat and chat.digest_time:
        return _("Briefs come in your daily digest at {time} ({zone}).").format(
            **_digest_at(chat.digest_time, chat.digest_tz)
        )
    return _(
        "Matching briefs will arrive here as they are published. "
        "/digest HH:MM gets one daily message instead."
    )


async def unsubscribe(update: Update, context: Context) -> None:
    if await refused_in_group(update, context):
        return
    chat_id = chat_info(update)[0]
    source, text = source_handlers.split_source(command_text(update))
    db = context.services.db
    extra: list[str] = []
    if source is not None:
        went = await source_handlers.unfollow(update, context, source, split_keywords(text))
        if went is None:
            return
        if went:
            await reply(update, _("Unsubscribed from {keywords}.").format(keywords=items(went)))
        else:
            await reply(
                update, _("You were not subscribed to that. /subscriptions shows what you follow.")
            )
        return
    if text.strip().lower() == "all":
        removed = await subs.unsubscribe(db, chat_id, None)
        extra = [source_handlers.describe(s) for s in await sources.unsubscribe(db, chat_id, None)]
    elif text:
        keywords = split_keywords(text)
        removed = await subs.unsubscribe(db, chat_id, keywords) if keywords else []
    else:
        removed = await subs.unsubscribe(db, chat_id, [""])
        if not removed:
            current = await subs.list_subscriptions(db, chat_id)
            followed = source_handlers.listing(await sources.list_sources(db, chat_id))
            if current or followed:
                lines = [_listing(current)] if current else []
                await reply(
                    update,
                    "\n".join(
                        [
                            _(
                                "Which one? <code>/unsubscribe keyword</code> "
                                "or <code>/unsubscribe all</code>."
                            ),
                            *lines,
                            *followed,
                        ]
                    ),
                )
                return
    if removed or extra:
        what = items([_describe(k) for k in removed] + extra)
        await reply(update, _("Unsubscribed from {keywords}.").format(keywords=what))
    else:
        await reply(
            update, _("You were not subscribed to that. /subscriptions shows what you follow.")
        )


def _join(keywords: tuple[str, ...] | list[str]) -> str:
    return items([_describe(k) for k in keywords])


def _listing(current: list[subs.Subscription]) -> str:
    return "\n".join(f"• {_describe(s.keyword)}" for s in current)


async def list_subscriptions(update: Update, context: Context) -> None:
    chat_id = chat_info(update)[0]
    db = context.services.db
    current = await subs.list_subscriptions(db, chat_id)
    followed = source_handlers.listing(await sources.list_sources(db, chat_id))
    muted = mute_handlers.listing(await mutes.list_mutes(db, chat_id))
    if not current and not followed:
        none = _(
            "You have no subscriptions. /subscribe for all news, or "
            "<code>/subscribe keyword</code> for some."
        )
        await reply(update, "\n\n".join(filter(None, [none, muted])))
        return
    chat = await subs.get_chat(db, chat_id)
    mode = (
        _("Delivered in a daily digest at {time} ({zone}).").format(
            **_digest_at(chat.digest_time, chat.digest_tz)
        )
        if chat and chat.digest_time
        else _("Delivered as they are published.")
    )
    lines = [_listing(current)] if current else []
    text = "\n".join([_("You are subscribed to:"), *lines, *followed]) + "\n\n" + mode
    await reply(update, "\n\n".join(filter(None, [text, muted])))


_TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")


def parse_digest(text: str) -> tuple[str, str] | str:
    """("HH:MM", "Zone/Name") for a valid /digest argument, else an error message."""
    parts = text.split()
    if not parts or len(parts) > 2:
        return _("Usage: /digest HH:MM [timezone], e.g. <code>/digest 08:00 Europe/Berlin</code>")
    match = _TIME.match(parts[0])
    if not match:
        return _("{value} is not a time; use HH:MM, e.g. 07:30.").format(
            value=f"<code>{esc(parts[0][:20])}</code>"
        )
    zone = parts[1] if len(parts) == 2 else "UTC"
    try:
        if zone not in available_timezones() and zone != "UTC":
            raise ZoneInfoNotFoundError(zone)
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return _(
            "{value} is not a time zone I know; use an IANA name "
            "like Europe/Berlin or America/New_York."
        ).format(value=f"<code>{esc(zone[:40])}</code>")
    return f"{int(match.group(1)):02d}:{match.group(2)}", zone


async def digest(update: Update, context: Context) -> None:
    chat_id, chat_type, _language = chat_info(update)
    text = command_text(update)
    db = context.services.db
    if text.lower() in ("off", "stop", "none"):
        if await refused_in_group(update, context):
            return
        await subs.set_digest(db, chat_id, chat_type, None, None)
        digests.cancel(context.application, chat_id)
        await reply(update, _("Daily digest off: briefs will arrive as they are published."))
        return
    if not text:
        chat = await subs.get_chat(db, chat_id)
        state = (
            _("Your digest is at {time} ({zone}).").format(
                **_digest_at(chat.digest_time, chat.digest_tz)
            )
            if chat and chat.digest_time
            else _("You get briefs as they are published.")
        )
        await reply(
            update,
            state
            + "\n"
            + _("Usage: <code>/digest 08:00 Europe/Berlin</code> or <code>/digest off</code>."),
        )
        return
    if await refused_in_group(update, context):
        return
    parsed = parse_digest(text)
    if isinstance(parsed, str):
        await reply(update, parsed)
        return
    at, zone = parsed
    await subs.set_digest(db, chat_id, chat_type, at, zone)
    digests.schedule(context.application, chat_id, at, zone)
    note = ""
    if not await subs.list_subscriptions(db, chat_id):
        note = "\n" + _("You have no subscriptions yet: /subscribe to choose what goes in it.")
    await reply(
        update,
        _("Daily digest set for {time} ({zone}).").format(**_digest_at(at, zone)) + note,
    )


# The /forget confirmation buttons' callback data.
FORGET_PREFIX = "forget:"
FORGET_YES = FORGET_PREFIX + "yes"
FORGET_NO = FORGET_PREFIX + "no"
NOTHING_DELETED = N_("Nothing was deleted.")  # callback answers
DELETED = N_("Deleted.")


async def forget(update: Update, context: Context) -> None:
    if await refused_in_group(update, context):
        return
    await reply(
        update,
        _(
            "Delete everything stored about this chat: subscriptions, digest time and "
            "undelivered briefs? This cannot be undone."
        ),
        reply_markup=InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(_("Yes, delete"), callback_data=FORGET_YES),
                    InlineKeyboardButton(_("Cancel"), callback_data=FORGET_NO),
                ]
            ]
        ),
    )


async def forget_answer(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    chat = update.effective_chat
    if chat is None:
        await query.answer()
        return
    if not await may_change_chat(update, context):
        await query.answer(_(GROUP_ADMINS_ONLY), show_alert=True)
        return
    if query.data != FORGET_YES:
        await query.answer(_(NOTHING_DELETED))
        await query.edit_message_text(_("Cancelled: nothing was deleted."))
        return
    # In a forum, every topic's data goes too, whichever topic the button was pressed in.
    for target in await topics.targets_of(context.services.db, chat.id):
        digests.cancel(context.application, target)
    await subs.forget_chat(context.services.db, chat.id)
    digests.cancel(context.application, chat.id)
    if context.chat_data is not None:
        context.chat_data.clear()
    await query.answer(_(DELETED))
    await query.edit_message_text(
        _("Done: nothing about this chat is stored any more. /subscribe to start again.")
    )
