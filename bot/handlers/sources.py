"""Following one source: the source:<feed id or host> part of /subscribe and /unsubscribe.

/subscribe source:bbc.co.uk follows everything from that site (its subdomains
too); /subscribe source:3 climate only what feed #3 says about climate.
"""

from __future__ import annotations

import re

from telegram import Update

from bot.formatting import esc
from bot.handlers.common import chat_info, reply
from bot.i18n import _, items, ngettext, number
from bot.services import Context
from bot.storage import sources as store
from bot.text import strict_int

MAX_SOURCES = 50  # source subscriptions per chat, like keywords

_SOURCE = re.compile(r"(?i)(?:^|\s)source:(\S*)")


def split_source(text: str) -> tuple[str | None, str]:
    """("bbc.co.uk", "climate") from "source:bbc.co.uk climate"; (None, text) without one."""
    found = _SOURCE.search(text)
    if found is None:
        return None, text
    rest = (text[: found.start()] + " " + text[found.end() :]).strip()
    return found.group(1).lstrip("#"), rest


def describe_source(sub: store.SourceSubscription) -> str:
    if sub.feed_id is not None:
        name = f" ({esc(sub.feed_label)})" if sub.feed_label else ""
        return _("feed #{id}").format(id=sub.feed_id) + name
    return f"<code>{esc(sub.host or '')}</code>"


def describe(sub: store.SourceSubscription) -> str:
    """ "bbc.co.uk" alone (everything from it), or "climate from bbc.co.uk"."""
    if not sub.keyword:
        return _("everything from {source}").format(source=describe_source(sub))
    return _("{keyword} from {source}").format(
        keyword=f"<code>{esc(sub.keyword)}</code>", source=describe_source(sub)
    )


def listing(current: list[store.SourceSubscription]) -> list[str]:
    return [f"• {describe(s)}" for s in current]


async def resolve(
    update: Update, context: Context, value: str, *, must_exist: bool = True
) -> str | None:
    """The source key for what the user typed, or None after saying what is wrong.

    must_exist=False for unsubscribing: a feed removed since can still be unfollowed.
    """
    if value.isascii() and value.isdigit():
        feed_id = strict_int(value)
        exists = feed_id is not None and (
            not must_exist or await store.feed_exists(context.services.db, feed_id)
        )
        if feed_id is None or not exists:
            await reply(
                update,
                _("There is no feed #{id}. /feeds lists them with their ids.").format(
                    id=esc(value[:20])
                ),
            )
            return None
        return f"feed:{feed_id}"
    key = store.host_key(value) if value else None
    if key is None:
        await reply(
            update,
            _(
                "{value} is not a feed id or a site's name. Examples: "
                "<code>/subscribe source:example.org</code>, "
                "<code>/subscribe source:3 climate</code>."
            ).format(value=f"<code>{esc(value[:60])}</code>"),
        )
    return key


async def follow(
    update: Update, context: Context, value: str, keywords: list[str]
) -> list[str] | None:
    """/subscribe source:… [keywords]: the reply's lines, or None when already answered."""
    key = await resolve(update, context, value)
    if key is None:
        return None
    chat_id, chat_type, _language = chat_info(update)
    db = context.services.db
    try:
        added, already = await store.subscribe(
            db, chat_id, chat_type, key, keywords, max_subscriptions=MAX_SOURCES
        )
    except store.TooManySourcesError:
        await reply(
            update,
            ngettext(
                "A chat can follow at most {count} source subscription. "
                "Remove some with /unsubscribe first.",
                "A chat can follow at most {count} source subscriptions. "
                "Remove some with /unsubscribe first.",
                MAX_SOURCES,
            ).format(count=number(MAX_SOURCES)),
        )
        return None
    labels = {s.source: s.feed_label for s in await store.list_sources(db, chat_id)}

    def what(keywords: tuple[str, ...]) -> str:
        label = labels.get(key)
        return items([describe(store.SourceSubscription(key, k, label)) for k in keywords])

    lines = []
    if added:
        lines.append(_("Subscribed to {what}.").format(what=what(added)))
    if already:
        lines.append(_("Already subscribed to {what}.").format(what=what(already)))
    return lines


async def unfollow(
    update: Update, context: Context, value: str, keywords: list[str]
) -> list[str] | None:
    """/unsubscribe source:… [keywords]: what went (possibly nothing), None when answered."""
    key = await resolve(update, context, value, must_exist=False)
    if key is None:
        return None
    removed = await store.unsubscribe(context.services.db, chat_info(update)[0], key, keywords)
    return [describe(s) for s in removed]
