"""Polling feeds and posting links: fetch, extract, brief, store, deliver.

Each feed is polled on its own schedule (``next_poll_at``) by one JobQueue tick,
so a slow or dead feed delays nobody else, and a failing one backs off
exponentially. A feed that keeps failing is reported to the admins once, when
it crosses the threshold, not on every poll.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from bot import delivery, metrics
from bot.config import Settings
from bot.pipeline import Briefer, RejectedError, add_draft
from bot.services import app_services
from bot.sources.extract import Extracted, NotAnArticle, fetch_article
from bot.sources.feedparse import FeedEntry, FeedError, ParsedFeed, parse_feed
from bot.sources.fetch import FetchError, check_url, fetch, make_client
from bot.storage import feeds as store
from bot.storage.articles import AddResult, ArticleDraft, find_duplicate
from bot.storage.db import Database

log = logging.getLogger(__name__)

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8"
# Entries older than this on a feed's first sighting are stored for search but
# not pushed: subscribers want news, not a newly added feed's back catalogue.
MAX_PUSH_AGE = timedelta(days=2)
MAX_ENTRIES_PER_POLL = 50
TICK_SECONDS = 30

Notify = Callable[[str], Awaitable[None]]


@dataclass
class PollResult:
    feed_id: int
    added: int = 0
    duplicates: int = 0
    skipped: int = 0  # seen before
    not_modified: bool = False
    error: str | None = None
    entry_errors: list[str] = field(default_factory=list)
    queued: int = 0


def client_for(settings: Settings) -> httpx.AsyncClient:
    return make_client(user_agent=settings.user_agent, timeout=settings.fetch_timeout)


async def article_from_link(client: httpx.AsyncClient, settings: Settings, url: str) -> Extracted:
    """Fetch and extract one page (raises FetchError or NotAnArticle with a reason)."""
    return await fetch_article(
        client, check_url(url), max_bytes=settings.fetch_max_bytes, timeout=settings.fetch_timeout
    )


def draft_from_extracted(
    page: Extracted, settings: Settings, feed_id: int | None = None
) -> ArticleDraft:
    return ArticleDraft(
        title=page.title,
        body=page.body,
        url=page.url,
        source=page.source,
        language=_language(page.language, settings),
        published_at=page.published_at,
        feed_id=feed_id,
    )


def _language(candidate: str | None, settings: Settings) -> str:
    from bot.briefs import supported_languages

    return candidate if candidate in supported_languages() else settings.language


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
) -> ArticleDraft:
    language = _language(feed.language or parsed.language, settings)
    body = entry.text
    title = entry.title
    if entry.is_teaser and entry.link:
        try:
            page = await article_from_link(client, settings, entry.link)
        except (FetchError, NotAnArticle) as exc:
            log.info(
                "feed %d: full text unavailable for an entry (%s); using its summary", feed.id, exc
            )
        else:
            body = page.body
            title = title or page.title
    return ArticleDraft(
        title=title or (body.split(". ")[0][:200] if body else ""),
        body=body,
        url=entry.link,
        source=feed.label or parsed.title or None,
        language=language,
        published_at=entry.published_at,
        feed_id=feed.id,
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
    try:
        parsed, etag, last_modified = await fetch_feed(
            client, settings, feed.url, etag=feed.etag, last_modified=feed.last_modified
        )
        if parsed is None:
            result.not_modified = True
        else:
            await _store_entries(db, client, briefer, settings, feed, parsed, result)
    except (FetchError, FeedError) as exc:
        await _record_failure(db, settings, feed, result, str(exc), notify)
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
        reason = f"internal error ({type(exc).__name__}), see the bot's log"
        await _record_failure(db, settings, feed, result, reason, notify)
        return result
    await store.record_success(
        db, feed.id, etag=etag, last_modified=last_modified, interval=settings.feed_interval
    )
    if feed.failure_reported and notify:
        await notify(f"Feed #{feed.id} ({feed.name}) works again.")
    return result


async def _record_failure(
    db: Database,
    settings: Settings,
    feed: store.Feed,
    result: PollResult,
    reason: str,
    notify: Notify | None,
) -> None:
    result.error = reason
    failures = await store.record_failure(db, feed.id, reason, interval=settings.feed_interval)
    log.warning("feed %d failed (%d in a row): %s", feed.id, failures, reason)
    if failures >= settings.feed_failure_threshold and not feed.failure_reported:
        await store.mark_failure_reported(db, feed.id)
        if notify:
            await notify(
                f"Feed #{feed.id} ({feed.name}) has failed {failures} "
                f"time{'s' if failures != 1 else ''} in a row: "
                f"{reason}. I keep trying less often; /delfeed {feed.id} removes it."
            )


async def _store_entries(
    db: Database,
    client: httpx.AsyncClient,
    briefer: Briefer,
    settings: Settings,
    feed: store.Feed,
    parsed: ParsedFeed,
    result: PollResult,
) -> None:
    entries = list(parsed.entries[:MAX_ENTRIES_PER_POLL])
    seen = await store.seen_keys(db, feed.id, [e.key for e in entries])
    now = datetime.now(UTC)
    # Oldest first, so articles are stored (and delivered) in publication order.
    for entry in reversed(entries):
        if entry.key in seen:
            result.skipped += 1
            continue
        deliver = entry.published_at is None or now - entry.published_at <= MAX_PUSH_AGE
        if entry.is_teaser and entry.link:
            # Already stored (from another feed, or posted by an admin): recognise it by
            # its link before paying for a page fetch, an extraction and a brief.
            known = await find_duplicate(db, ArticleDraft(entry.title, entry.text, entry.link))
            if known is not None:
                await store.mark_seen(db, feed.id, entry.key, known.article_id)
                result.duplicates += 1
                continue
        try:
            draft = await _entry_draft(client, settings, feed, parsed, entry)
            added = await add_draft(db, briefer, draft, deliver=deliver)
        except RejectedError as exc:
            result.entry_errors.append(f"{entry.title[:60]}: {exc}")
            await store.mark_seen(db, feed.id, entry.key, None)
            continue
        await store.mark_seen(db, feed.id, entry.key, added.article_id)
        if added.status == "added":
            result.added += 1
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
) -> list[PollResult]:
    """Poll every feed that is due (or all of them), one after another."""
    feeds = await (store.list_feeds(db) if everything else store.due_feeds(db))
    results = []
    for feed in feeds:
        results.append(await poll_feed(db, client, briefer, settings, feed, notify))
    return results


# --- wiring into the running bot -------------------------------------------

_JOB = "feeds:poll"


def app_client(application: Any) -> httpx.AsyncClient:
    svc = app_services(application)
    if svc.feed_client is None:
        svc.feed_client = client_for(svc.settings)
    return svc.feed_client


def admin_notifier(application: Any) -> Notify:
    svc = app_services(application)

    async def notify(text: str) -> None:
        from telegram.error import TelegramError

        from bot.formatting import esc

        for admin_id in sorted(svc.settings.admin_ids):
            try:
                await application.bot.send_message(admin_id, esc(text))
            except TelegramError as exc:
                log.warning("could not notify an admin about a feed: %s", exc)

    return notify


async def run_polls(application: Any, *, everything: bool = False) -> list[PollResult]:
    """Poll the due feeds (or all of them) for the running bot and wake delivery.

    One round at a time: the repeating tick and poll_soon (after /addfeed) are separate
    jobs, and two rounds at once would poll the same feed twice (double failure counts
    and failure reports, entries fetched and briefed twice).
    """
    svc = app_services(application)
    async with svc.feed_lock:
        results = await poll_due(
            svc.db,
            app_client(application),
            svc.briefer,
            svc.settings,
            admin_notifier(application),
            everything=everything,
        )
    metrics.record_feed_polls(application, results)
    if any(r.queued for r in results):
        delivery.wake(application)
    return results


async def _tick(context: Any) -> None:
    await run_polls(context.application)


def schedule(application: Any) -> None:
    """One repeating tick; each feed's own next_poll_at decides whether it is polled."""
    svc = app_services(application)
    if application.job_queue is None:
        log.warning("no job queue: feeds are not polled (needs python-telegram-bot[job-queue])")
        return
    tick = min(TICK_SECONDS, svc.settings.feed_interval)
    application.job_queue.run_repeating(_tick, interval=tick, first=1, name=_JOB)


def poll_soon(application: Any) -> None:
    """Run a tick now (after /addfeed), without waiting for the next one."""
    if application.job_queue is not None:
        application.job_queue.run_once(_tick, when=0)


async def close(application: Any) -> None:
    svc = app_services(application)
    client, svc.feed_client = svc.feed_client, None
    if client is not None:
        await client.aclose()


async def post_link_result(application: Any, url: str) -> AddResult:
    """Fetch, extract and store the article at url.

    Raises FetchError, NotAnArticle or RejectedError, each with a reason for the admin.
    """
    svc = app_services(application)
    page = await article_from_link(app_client(application), svc.settings, url)
    return await add_draft(svc.db, svc.briefer, draft_from_extracted(page, svc.settings))
