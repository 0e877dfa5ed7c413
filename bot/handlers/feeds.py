"""Admin commands for feeds and links: /addfeed, /feeds, /delfeed (admin-only: see
bot.commands), and posting a URL."""

from __future__ import annotations

from telegram import Update

from bot.formatting import esc, link
from bot.handlers.common import announce, command_text, reply
from bot.pipeline import RejectedError
from bot.services import Context
from bot.sources import poller as feed_poller
from bot.sources.extract import NotAnArticle
from bot.sources.feedparse import FeedError
from bot.sources.fetch import FetchError, check_url
from bot.storage import feeds as store


async def addfeed(update: Update, context: Context) -> None:
    text = command_text(update)
    if not text:
        await reply(
            update,
            "Usage: /addfeed &lt;url&gt; [label], e.g. "
            "<code>/addfeed https://example.org/rss.xml World news</code>",
        )
        return
    url_text, _, label = text.partition(" ")
    svc = context.services
    try:
        url = check_url(url_text)
        parsed, _, _ = await feed_poller.fetch_feed(
            feed_poller.app_client(context.application), svc.settings, url
        )
    except FeedError as exc:
        hint = ""
        if exc.feed_links:
            hint = "\nThis page links to: " + ", ".join(
                f"<code>{esc(u)}</code>" for u in exc.feed_links[:3]
            )
        await reply(update, f"Not added: {esc(exc.reason)}.{hint}")
        return
    except FetchError as exc:
        await reply(update, f"Not added: could not fetch it ({esc(exc.reason)}).")
        return
    name = label.strip() or (parsed.title if parsed else "") or None
    language = parsed.language if parsed else None
    feed, created = await store.add_feed(svc.db, url, name, language)
    if not created:
        await reply(update, f"Already polling that feed as #{feed.id} ({esc(feed.name)}).")
        return
    entries = len(parsed.entries) if parsed else 0
    await reply(
        update,
        f"Added feed #{feed.id}: <b>{esc(feed.name)}</b> ({entries} entries now"
        f"{', language ' + esc(language) if language else ''}). I check it every "
        f"{_every(svc.settings.feed_interval)}; new entries are briefed and "
        "delivered to matching subscribers.",
    )
    feed_poller.poll_soon(context.application)


def _every(seconds: int) -> str:
    return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds} s"


async def list_feeds(update: Update, context: Context) -> None:
    feeds = await store.list_feeds(context.services.db)
    if not feeds:
        await reply(update, "No feeds yet. /addfeed &lt;url&gt; adds one.")
        return
    blocks = []
    for feed in feeds:
        ok = feed.last_success_at[:16].replace("T", " ") if feed.last_success_at else "never"
        lines = [
            f"<b>#{feed.id}</b> {link(feed.url, feed.name)}",
            f"{feed.articles} articles · last success {ok} UTC",
        ]
        if feed.last_error:
            when = (feed.last_error_at or "")[:16].replace("T", " ")
            if feed.consecutive_failures:
                lines.append(
                    f"⚠ {feed.consecutive_failures} failure(s) in a row, last {when} UTC: "
                    f"{esc(feed.last_error)}"
                )
            else:
                lines.append(f"last error {when} UTC (recovered since): {esc(feed.last_error)}")
        blocks.append("\n".join(lines))
    await reply(update, blocks)


async def delfeed(update: Update, context: Context) -> None:
    text = command_text(update).lstrip("#")
    db = context.services.db
    if not text:
        await reply(update, "Usage: /delfeed &lt;id|url&gt; — ids are in /feeds.")
        return
    feed = await store.get_feed(db, _feed_key(text))
    if feed is None:
        await reply(update, "No such feed. /feeds lists them.")
        return
    await store.remove_feed(db, feed.id)
    await reply(
        update, f"Stopped polling feed #{feed.id} ({esc(feed.name)}). Its articles stay searchable."
    )


def _feed_key(text: str) -> int | str:
    """An id (ASCII digits that fit SQLite's integer: "²" is a digit to str.isdigit, and
    a huge number overflows the query) or a URL in the form /addfeed stored it."""
    if text.isascii() and text.isdigit():
        return int(text) if len(text) <= 18 else -1
    try:
        return check_url(text)
    except FetchError:
        return text


async def post_link(update: Update, context: Context, url: str) -> None:
    """An admin sent a link: fetch the page, extract the article, brief and deliver it."""
    try:
        result = await feed_poller.post_link_result(context.application, url)
    except FetchError as exc:
        await reply(update, f"Could not fetch that page: {esc(exc.reason)}.")
        return
    except NotAnArticle as exc:
        await reply(update, f"Not stored: {esc(exc.reason)}.")
        return
    except RejectedError as exc:
        await reply(update, f"Not stored: {esc(str(exc))}.")
        return
    await announce(update, context, result)
