"""Polling feeds: fetch, parse, fetch the pages of teaser entries, brief and store.

Each feed is polled on its own schedule (``next_poll_at``; the repeating tick lives in
:mod:`bot.jobs`), so a slow or dead feed delays nobody else, and a failing one backs off
exponentially. A feed that keeps failing is reported once through ``notify``, when it
crosses the threshold, not on every poll. Service level only: the database, HTTP client,
briefer, settings and notifier are passed in; nothing here knows Telegram.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import httpx

from bot.config import Settings
from bot.errors import UserFacingError
from bot.i18n import N_, Text
from bot.pipeline import Briefer, RejectedError, add_draft
from bot.sources.feedparse import FeedEntry, ParsedFeed, parse_feed
from bot.sources.fetch import FEED_ACCEPT, AddressRefusedError, fetch
from bot.sources.links import article_from_link, language_or_default
from bot.sources.titles import (
    clean_title,
    decorates,
    is_slug,
    repeated_parts,
    title_from_text,
)
from bot.storage import feeds as store
from bot.storage.articles import ArticleDraft, find_duplicate
from bot.storage.db import Database

log = logging.getLogger(__name__)

# Entries older than this on a feed's first sighting are stored for search but
# not pushed: subscribers want news, not a newly added feed's back catalogue.
MAX_PUSH_AGE = timedelta(days=2)
MAX_ENTRIES_PER_POLL = 50

# A notice for the admins: a Text, translated into each admin's language where it is sent.
Notify = Callable[[Text], Awaitable[None]]


@dataclass
class PollResult:
    feed_id: int
    added: int = 0
    too_short: int = 0  # of the added: stored, but too little text to push
    duplicates: int = 0
    skipped: int = 0  # seen before
    not_modified: bool = False
    error: str | None = None
    entry_errors: list[str] = field(default_factory=list)
    queued: int = 0
    # Of the added: reports of a story already told (an earlier report, another source),
    # stored and shown with the story but pushed to no chat that had it.
    joined: int = 0
    # New entries left for the next poll: the poll's time budget or page-fetch cap ran out.
    deferred: int = 0


async def fetch_feed(
    client: httpx.AsyncClient,
    settings: Settings,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> tuple[ParsedFeed | None, str | None, str | None]:
    """(parsed feed or None when unchanged, etag, last_modified)."""
    result = await fetch(
        client,
        url,
        max_bytes=settings.fetch_max_bytes,
        timeout=settings.fetch_timeout,
        etag=etag,
        last_modified=last_modified,
        accept=FEED_ACCEPT,
    )
    if result.not_modified:
        return None, result.etag, result.last_modified
    parsed = await asyncio.to_thread(
        parse_feed, result.content, result.url, content_type=result.content_type
    )
    return parsed, result.etag, result.last_modified


async def _entry_draft(
    client: httpx.AsyncClient,
    settings: Settings,
    feed: store.Feed,
    parsed: ParsedFeed,
    entry: FeedEntry,
    repeated: frozenset[str] = frozenset(),
    *,
    fetch_timeout: float | None = None,
) -> ArticleDraft:
    """The entry as a draft: its page's text for a teaser, a clean title, and the language:
    an admin's override (/addfeed lang=xx) wins and is used as given; otherwise the most
    specific declaration (the page's, then the entry's xml:lang, then the feed's), which
    validation then checks against the text."""
    declared = entry.language or feed.language or parsed.language
    body = entry.text
    # In a thread, like all work on what a feed supplies: nothing a feed sends may hold
    # the event loop (titles are capped and cleaned in linear time, but still).
    title = await asyncio.to_thread(
        clean_title,
        entry.title,
        site_names=[name for name in (parsed.title, feed.label) if name],
        host=urlsplit(entry.link).hostname if entry.link else None,
        repeated=repeated,
    )
    if entry.is_teaser and entry.link:
        try:
            page = await article_from_link(client, settings, entry.link, timeout=fetch_timeout)
        except AddressRefusedError as exc:
            # The feed points into an internal network: store nothing of the entry, not
            # even its summary with a link to, say, http://127.0.0.1/admin.
            raise RejectedError(N_("link {reason}"), reason=exc.text) from None
        except UserFacingError as exc:
            log.info(
                "feed %d: full text unavailable for an entry (%s); using its summary", feed.id, exc
            )
        else:
            body = page.body
            invented = not entry.titled or not title
            if invented or is_slug(title, entry.link) or decorates(title, page.title):
                title = page.title
            elif page.source:
                # The page names its site ("AP News"), which the feed may not have: a feed of
                # one entry per site gives the repeated-part cleaning nothing to compare.
                title = await asyncio.to_thread(clean_title, title, site_names=[page.source])
            declared = page.language or declared
    declared = feed.language_override or declared
    if not title:
        # The first sentence of a body that may be megabytes on one line: in a thread too.
        title = await asyncio.to_thread(title_from_text, body)
    return ArticleDraft(
        title=title,
        body=body,
        url=entry.link,
        source=feed.label or parsed.title or None,
        language=language_or_default(declared, settings),
        published_at=entry.published_at,
        feed_id=feed.id,
        language_chosen=feed.language_override is not None,
    )


async def poll_feed(
    db: Database,
    client: httpx.AsyncClient,
    briefer: Briefer,
    settings: Settings,
    feed: store.Feed,
    notify: Notify | None = None,
) -> PollResult:
    """Poll one feed; every failure is recorded on the feed, none escapes."""
    result = PollResult(feed.id)
    deadline = time.monotonic() + settings.feed_poll_budget
    try:
        parsed, etag, last_modified = await fetch_feed(
            client, settings, feed.url, etag=feed.etag, last_modified=feed.last_modified
        )
        if parsed is None:
            result.not_modified = True
        else:
            await _store_entries(db, client, briefer, settings, feed, parsed, result, deadline)
    except UserFacingError as exc:
        await _record_failure(db, settings, feed, result, exc.text, notify)
        return result
    except Exception as exc:
        if await store.get_feed(db, feed.id) is None:
            # /delfeed during the poll: storing its entries now fails on the foreign key.
            log.info("feed %d was removed while it was being polled", feed.id)
            result.error = "removed while it was being polled"
            return result
        # A bug (or a crashed brief worker) must not stop the other feeds, nor make this
        # one fail on every tick without backing off or telling anyone.
        log.exception("feed %d: unexpected error while polling", feed.id)
        reason = Text(
            N_("internal error ({kind}), see the bot's log"), {"kind": type(exc).__name__}
        )
        await _record_failure(db, settings, feed, result, reason, notify)
        return result
    await store.record_success(
        db, feed.id, etag=etag, last_modified=last_modified, interval=settings.feed_interval
    )
    if feed.failure_reported and notify:
        await notify(
            Text(N_("Feed #{id} ({name}) works again."), {"id": feed.id, "name": feed.name})
        )
    return result


async def _record_failure(
    db: Database,
    settings: Settings,
    feed: store.Feed,
    result: PollResult,
    reason: Text,
    notify: Notify | None,
) -> None:
    result.error = str(reason)  # English: the log, the stored error, /feeds
    failures = await store.record_failure(
        db, feed.id, result.error, interval=settings.feed_interval
    )
    log.warning("feed %d failed (%d in a row): %s", feed.id, failures, reason)
    if failures >= settings.feed_failure_threshold and not feed.failure_reported:
        await store.mark_failure_reported(db, feed.id)
        if notify:
            # No plural in the template: "failures in a row: 5" reads right in every language.
            notice = N_(
                "Feed #{id} ({name}) is failing: {reason}. Failures in a row: {count}. "
                "I keep trying less often; /delfeed {id} removes it."
            )
            values = {"id": feed.id, "name": feed.name, "reason": reason, "count": failures}
            await notify(Text(notice, values))


async def _store_entries(
    db: Database,
    client: httpx.AsyncClient,
    briefer: Briefer,
    settings: Settings,
    feed: store.Feed,
    parsed: ParsedFeed,
    result: PollResult,
    deadline: float,
) -> None:
    """Store the new entries, oldest first, until the poll's budget (``deadline``, a
    time.monotonic()) or its page fetches (settings.feed_max_fetches) run out; the entries
    left are not marked seen, so the next poll takes them up."""
    entries = list(parsed.entries[:MAX_ENTRIES_PER_POLL])
    # Only titles the feed gave: one made from a teaser's words repeats nothing of the site's.
    titles = [entry.title for entry in parsed.entries if entry.titled]
    repeated = await asyncio.to_thread(repeated_parts, titles)
    seen = await store.seen_keys(db, feed.id, [e.key for e in entries])
    now = datetime.now(UTC)
    fetches = 0
    # Oldest first, so articles are stored (and delivered) in publication order.
    for entry in reversed(entries):
        if entry.key in seen:
            result.skipped += 1
            continue
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            result.deferred += 1
            continue
        deliver = entry.published_at is None or now - entry.published_at <= MAX_PUSH_AGE
        fetches_page = entry.is_teaser and entry.link is not None
        if fetches_page:
            # Already stored (from another feed, or posted by an admin): recognise it by
            # its link before paying for a page fetch, an extraction and a brief.
            known = await find_duplicate(db, ArticleDraft(entry.title, entry.text, entry.link))
            if known is not None:
                await store.mark_seen(db, feed.id, entry.key, known.article_id)
                result.duplicates += 1
                continue
            if fetches >= settings.feed_max_fetches:
                result.deferred += 1
                continue
            fetches += 1
        try:
            draft = await _entry_draft(
                client,
                settings,
                feed,
                parsed,
                entry,
                repeated,
                fetch_timeout=min(settings.fetch_timeout, remaining),
            )
            added = await add_draft(db, briefer, draft, deliver=deliver)
        except RejectedError as exc:
            result.entry_errors.append(f"{entry.title[:60]}: {exc}")
            await store.mark_seen(db, feed.id, entry.key, None)
            continue
        except Exception as exc:
            if await store.get_feed(db, feed.id) is None:
                raise  # /delfeed during the poll: poll_feed says so
            # One entry that trips a bug (its data, its page) must not stop its feed: the
            # entries after it still come, and it is not retried on every poll.
            log.exception("feed %d: unexpected error on one entry; skipping it", feed.id)
            result.entry_errors.append(f"{entry.title[:60]}: internal error ({type(exc).__name__})")
            await store.mark_seen(db, feed.id, entry.key, None)
            continue
        await store.mark_seen(db, feed.id, entry.key, added.article_id)
        if added.status == "added":
            result.added += 1
            result.too_short += added.short_words is not None
            result.joined += added.story_reports > 1
            result.queued += added.deliveries
        else:
            result.duplicates += 1


async def poll_due(
    db: Database,
    client: httpx.AsyncClient,
    briefer: Briefer,
    settings: Settings,
    notify: Notify | None = None,
    *,
    everything: bool = False,
    busy: set[int] | None = None,
    slots: asyncio.Semaphore | None = None,
) -> list[PollResult]:
    """Poll every feed that is due (or all of them), ``slots`` at a time (default: a
    semaphore of settings.feed_concurrency), so one slow feed holds up no other.

    ``busy`` holds the ids of feeds being polled (by an earlier call still running):
    they are skipped here, added while polled and removed after, so overlapping calls never
    poll one feed twice at once.
    """
    feeds = await (store.list_feeds(db) if everything else store.due_feeds(db))
    busy = set() if busy is None else busy
    slots = asyncio.Semaphore(settings.feed_concurrency) if slots is None else slots
    todo = [feed for feed in feeds if feed.id not in busy]
    busy.update(feed.id for feed in todo)

    async def one(feed: store.Feed) -> PollResult:
        try:
            async with slots:
                return await poll_feed(db, client, briefer, settings, feed, notify)
        finally:
            busy.discard(feed.id)

    return list(await asyncio.gather(*(one(feed) for feed in todo)))
