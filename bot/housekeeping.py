"""The retention job: prunes the database on PTB's JobQueue while the bot runs.

The pruning itself (bot.storage.retention) works in small transactions and
yields between them, so the delivery worker and handlers keep going.
"""

from __future__ import annotations

import logging

from bot.services import AnyApp, CustomContext, app_services
from bot.storage import retention

log = logging.getLogger(__name__)

INTERVAL = 3600.0  # seconds between passes: rows become due one day at a time anyway
FIRST = 60.0  # after start-up, once the backlog of the restart is being sent
_JOB = "newsbrief-retention"


async def run_retention(application: AnyApp) -> retention.PruneReport:
    svc = app_services(application)
    settings = svc.settings
    report = await retention.prune(svc.db, settings.retention_days, settings.article_retention_days)
    if report.deliveries or report.articles:
        log.info(
            "retention: removed %d finished delivery row(s) and %d article(s)",
            report.deliveries,
            report.articles,
        )
    return report


async def _tick(context: CustomContext) -> None:
    try:
        await run_retention(context.application)
    except Exception:  # the next pass tries again; the bot must not stop for this
        log.exception("retention pass failed")


def schedule(application: AnyApp) -> None:
    """Start the hourly pass, unless every retention setting says keep forever."""
    settings = app_services(application).settings
    if application.job_queue is None:
        return
    if settings.retention_days == 0 and settings.article_retention_days is None:
        return
    application.job_queue.run_repeating(_tick, interval=INTERVAL, first=FIRST, name=_JOB)
