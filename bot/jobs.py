"""The bot's background jobs and their Telegram wiring: the feed-poll tick and admin notices.

:mod:`bot.sources` works at service level (database, client, briefer, settings and a
notifier passed in); this module is where those come from the running application.
"""

from __future__ import annotations

import asyncio
import logging

from telegram.error import TelegramError

from bot import delivery, i18n, metrics
from bot.formatting import esc
from bot.i18n import Text
from bot.services import AnyApp, CustomContext, app_services
from bot.sources.poller import Notify, PollResult, poll_due
from bot.storage.chat_language import chat_locale

log = logging.getLogger(__name__)

TICK_SECONDS = 30
_POLL_JOB = "feeds:poll"


def admin_notifier(application: AnyApp) -> Notify:
    """A notifier that sends a feed notice to every admin (one failing admin skips only them)."""
    svc = app_services(application)

    async def notify(text: Text) -> None:
        for admin_id in sorted(svc.settings.admin_ids):
            try:
                # Each admin in their own language: the chat's /language choice, else
                # their Telegram app's (stored when they last used the bot).
                with i18n.use_locale(await chat_locale(svc.db, admin_id)):
                    body = esc(text.localized())
                await application.bot.send_message(admin_id, body)
            except TelegramError as exc:
                log.warning("could not notify an admin about a feed: %s", exc)

    return notify


async def run_polls(application: AnyApp, *, everything: bool = False) -> list[PollResult]:
    """Poll the due feeds (or all of them) for the running bot and wake delivery.

    Feeds are polled NEWSBRIEF_FEED_CONCURRENCY at a time, in slots shared with any other
    round still running; a feed that an earlier round is still polling is skipped (two polls
    of one feed at once would double its failure counts and fetch and brief its entries
    twice).
    """
    svc = app_services(application)
    if svc.feed_slots is None:
        svc.feed_slots = asyncio.Semaphore(svc.settings.feed_concurrency)
    results = await poll_due(
        svc.db,
        svc.http_client(),
        svc.briefer,
        svc.settings,
        admin_notifier(application),
        everything=everything,
        busy=svc.feeds_polling,
        slots=svc.feed_slots,
    )
    metrics.record_feed_polls(application, results)
    if any(r.queued for r in results):
        delivery.wake(application)
    return results


async def _tick(context: CustomContext) -> None:
    # A task of its own rather than the job itself: the JobQueue skips a tick while the
    # previous one runs, so a feed that takes its whole poll budget would delay every
    # other feed that falls due meanwhile.
    context.application.create_task(run_polls(context.application), name="feeds:round")


def schedule(application: AnyApp) -> None:
    """One repeating tick; each feed's own next_poll_at decides whether it is polled."""
    svc = app_services(application)
    if application.job_queue is None:
        log.warning("no job queue: feeds are not polled (needs python-telegram-bot[job-queue])")
        return
    tick = min(TICK_SECONDS, svc.settings.feed_interval)
    application.job_queue.run_repeating(_tick, interval=tick, first=1, name=_POLL_JOB)


def poll_soon(application: AnyApp) -> None:
    """Run a tick now (after /addfeed), without waiting for the next one."""
    if application.job_queue is not None:
        application.job_queue.run_once(_tick, when=0)


async def close(application: AnyApp) -> None:
    """Close the shared HTTP client (at shutdown, after the jobs have stopped)."""
    await app_services(application).close_http_client()
