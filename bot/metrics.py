"""Prometheus metrics and a health check for operators, served inside the bot.

Every application gets its own ``CollectorRegistry`` (tests build several
apps in one process; the global registry would refuse a second set of the
same names). Counting is always on and costs a dictionary increment; the
HTTP endpoint runs only when ``NEWSBRIEF_METRICS_PORT`` is set.

The server is tornado's, on the bot's own asyncio loop: tornado already comes
with PTB's webhooks extra, is mature, and being async it can ``await`` the
database for /healthz and for the outbox figures. It also makes the health
check honest: if the event loop is stuck, /healthz does not answer at all,
which every prober treats as unhealthy. The exposition itself is
prometheus_client's (``choose_encoder`` picks text or OpenMetrics).

Figures that live in the database (the outbox, failing feeds) are read at
scrape time on one of the bot's read-only connections (Database.reading), so a
slow count never queues behind, or in front of, the bot's writes. Labels carry commands,
outcomes and statuses only: never a chat id or any text a person wrote.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import choose_encoder
from prometheus_client.registry import Collector
from telegram import Update
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application as WebApplication
from tornado.web import RequestHandler

from bot.briefs import Brief
from bot.config import ConfigError, Settings
from bot.pipeline import Briefer
from bot.services import AnyApp, Context
from bot.storage import stats
from bot.storage.articles import ArticleDraft
from bot.storage.db import Database

log = logging.getLogger(__name__)

METRICS_GROUP = -1000  # the handler group that counts updates, before every other group
SEND_OUTCOMES = ("sent", "403", "429", "5xx", "failed")
# Statuses of rows still waiting; 'sent' and 'dropped' are history, and
# counting millions of them on every scrape would cost more than it tells.
OUTBOX_STATUSES = ("pending", "sending", "digest", "failed")
FEED_OUTCOMES = ("ok", "not_modified", "error")
BRIEF_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0)
HEALTH_TIMEOUT = 5.0  # seconds the database gets to answer /healthz


@dataclass
class DatabaseFigures:
    """What the scrape reads from the database, refreshed before each exposition."""

    outbox: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTBOX_STATUSES, 0))
    oldest_pending_age: float = 0.0
    feeds_failing: int = 0
    ok: bool = False


class LiveCollector(Collector):
    """Figures computed at scrape time: the worker's counters and the database's."""

    def __init__(self, application: AnyApp) -> None:
        self.application = application
        self.figures = DatabaseFigures()

    def collect(self) -> Iterable[Metric]:
        from bot.delivery import running_worker

        worker = running_worker(self.application)
        # The worker counts each attempt by outcome (bot.delivery.policy.COUNT_KEYS). A
        # network error is retried like a 5xx and reported with it; migrations are not sends.
        counts = dict(worker.counts) if worker is not None else {}
        counts["5xx"] = counts.get("5xx", 0) + counts.get("network", 0)
        sent = CounterMetricFamily(
            "newsbrief_messages",
            "Outbox sends by outcome (5xx: a transient error, retried)",
            labels=["outcome"],
        )
        for outcome in SEND_OUTCOMES:
            sent.add_metric([outcome], counts.get(outcome, 0))
        yield sent
        yield GaugeMetricFamily(
            "newsbrief_send_rate",
            "Messages per second the delivery worker sent over the last minute",
            value=worker.current_rate() if worker is not None else 0.0,
        )
        outbox = GaugeMetricFamily(
            "newsbrief_outbox_rows", "Delivery rows waiting, by status", labels=["status"]
        )
        for status, count in self.figures.outbox.items():
            outbox.add_metric([status], count)
        yield outbox
        yield GaugeMetricFamily(
            "newsbrief_outbox_oldest_pending_age_seconds",
            "Age of the oldest delivery row still pending or being sent (0: none)",
            value=self.figures.oldest_pending_age,
        )
        yield GaugeMetricFamily(
            "newsbrief_feeds_failing",
            "Feeds whose last poll failed",
            value=self.figures.feeds_failing,
        )
        updater = self.application.updater
        yield GaugeMetricFamily(
            "newsbrief_update_loop_running",
            "1 while the bot receives updates (long polling or webhook)",
            value=1 if self.application.running and updater and updater.running else 0,
        )
        yield GaugeMetricFamily(
            "newsbrief_database_up",
            "1 when the last scrape could read the database",
            value=1 if self.figures.ok else 0,
        )


class Metrics:
    """One application's registry and the metrics updated as things happen."""

    def __init__(self, application: AnyApp) -> None:
        self.registry = CollectorRegistry()
        self.updates = Counter(
            "newsbrief_updates",
            "Telegram updates handled, by command",
            ["command"],
            registry=self.registry,
        )
        self.brief_seconds = Histogram(
            "newsbrief_brief_seconds",
            "Time to brief one article (queueing for a worker process included)",
            buckets=BRIEF_BUCKETS,
            registry=self.registry,
        )
        self.feed_polls = Counter(
            "newsbrief_feed_polls", "Feed polls by outcome", ["outcome"], registry=self.registry
        )
        for outcome in FEED_OUTCOMES:
            self.feed_polls.labels(outcome)  # exported at 0 before the first poll
        self.live = LiveCollector(application)
        self.registry.register(self.live)
        self.known_commands: frozenset[str] = frozenset()
        self._refreshing = asyncio.Lock()  # concurrent scrapes read the figures once each
        self._server: HTTPServer | None = None
        self.port: int | None = None

    # ---- counting ------------------------------------------------------------------------

    def command_label(self, update: Update) -> str:
        """A bounded label for an update: a known command, or the kind of update."""
        if update.inline_query is not None:
            return "inline"
        if update.callback_query is not None:
            return "callback"
        message = update.message
        if message is None:
            return "other"
        text = message.text or ""
        if not text.startswith("/"):
            return "message"
        name = text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower() if len(text) > 1 else ""
        if name.startswith("brief_"):
            name = "brief"  # the /brief_12 shortcut
        return name if name in self.known_commands else "unknown"

    async def count_update(self, update: object, context: Context) -> None:
        """A handler in METRICS_GROUP: it sees every update before the real handler does."""
        if isinstance(update, Update):
            self.updates.labels(self.command_label(update)).inc()

    def feed_poll_results(self, results: Sequence[Any]) -> None:
        """Record a poll round (bot.sources.poller's PollResult objects)."""
        for result in results:
            outcome = "error" if result.error else "not_modified" if result.not_modified else "ok"
            self.feed_polls.labels(outcome).inc()

    # ---- the database at scrape time ----------------------------------------------------

    async def refresh(self, db: Database) -> None:
        """Read the outbox and feed figures the collector will report, on one of the
        bot's read-only connections (so a scrape never waits behind a write)."""
        async with self._refreshing:
            await self._refresh(db)

    async def _refresh(self, db: Database) -> None:
        figures = DatabaseFigures()
        try:
            found = await stats.outbox_figures(db, OUTBOX_STATUSES)
            figures.outbox.update(found.outbox)
            if found.oldest_pending:
                age = datetime.now(UTC) - datetime.fromisoformat(found.oldest_pending)
                figures.oldest_pending_age = max(age.total_seconds(), 0.0)
            figures.feeds_failing = found.feeds_failing
            figures.ok = True
        except Exception as exc:  # a scrape must answer even when the database does not
            log.warning("metrics: could not read the database: %s", exc)
        self.live.figures = figures

    def exposition(self, accept: str | None) -> tuple[bytes, str]:
        encoder, content_type = choose_encoder(accept or "")
        return encoder(self.registry), content_type

    # ---- the server ---------------------------------------------------------------------

    async def serve(self, application: AnyApp, listen: str, port: int) -> None:
        web = WebApplication(
            [
                (r"/metrics", MetricsHandler, {"metrics": self, "bot_app": application}),
                (r"/healthz", HealthHandler, {"bot_app": application}),
            ],
            log_function=_log_request,
        )
        self._server = HTTPServer(web, xheaders=False)
        sockets = bind_sockets(port, address=listen)
        self._server.add_sockets(sockets)
        self.port = int(sockets[0].getsockname()[1])
        log.info("metrics on http://%s:%d/metrics and /healthz", listen, self.port)

    async def close(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None


def _log_request(handler: RequestHandler) -> None:
    """Scrapes every few seconds would drown the log: only errors are worth a line."""
    status = handler.get_status()
    if status >= 500:
        request = handler.request
        log.warning("metrics endpoint: %s %s -> %d", request.method, request.path, status)


class MetricsHandler(RequestHandler):
    def initialize(self, metrics: Metrics, bot_app: AnyApp) -> None:
        self.metrics = metrics
        self.bot_app = bot_app

    async def get(self) -> None:
        services = self.bot_app.bot_data.services
        if services is not None:
            await self.metrics.refresh(services.db)
        body, content_type = self.metrics.exposition(self.request.headers.get("Accept"))
        self.set_header("Content-Type", content_type)
        self.write(body)


class HealthHandler(RequestHandler):
    def initialize(self, bot_app: AnyApp) -> None:
        self.bot_app = bot_app

    async def get(self) -> None:
        checks = await health_checks(self.bot_app)
        healthy = all(checks.values())
        self.set_status(200 if healthy else 503)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.write(json.dumps({"status": "ok" if healthy else "unhealthy", "checks": checks}))


async def health_checks(application: AnyApp) -> dict[str, bool]:
    """The update loop is running, and the bot's own database connection answers."""
    updater = application.updater
    loop_alive = bool(application.running and updater is not None and updater.running)
    database = False
    services = application.bot_data.services
    if services is not None:
        db = services.db
        try:
            await asyncio.wait_for(db.ping(), HEALTH_TIMEOUT)
            database = True
        except Exception as exc:  # TimeoutError, a closed connection, a broken file
            log.warning("health check: the database does not answer: %s", exc)
    return {"update_loop": loop_alive, "database": database}


# ---- the application-facing API ----------------------------------------------------------


def install(application: AnyApp, command_names: Iterable[str]) -> Metrics:
    """Create the application's metrics and count every update (build time)."""
    from telegram.ext import TypeHandler

    metrics = Metrics(application)
    metrics.known_commands = frozenset(command_names)
    application.bot_data.metrics = metrics
    # A group of its own, first: in a shared group it would shadow the group's other handlers.
    application.add_handler(TypeHandler(Update, metrics.count_update), group=METRICS_GROUP)
    return metrics


def of(application: AnyApp) -> Metrics | None:
    found = application.bot_data.metrics
    return found if isinstance(found, Metrics) else None


async def start(application: AnyApp, settings: Settings) -> None:
    """Serve /metrics and /healthz when NEWSBRIEF_METRICS_PORT is set (post_init)."""
    metrics = of(application)
    if metrics is None or settings.metrics_port is None:
        return
    try:
        await metrics.serve(application, settings.metrics_listen, settings.metrics_port)
    except OSError as exc:  # the port is taken, or the address is not this host's
        raise ConfigError(
            f"NEWSBRIEF_METRICS_PORT={settings.metrics_port}: cannot listen on "
            f"{settings.metrics_listen}:{settings.metrics_port}: {exc.strerror or exc}"
        ) from None


async def stop(application: AnyApp) -> None:
    metrics = of(application)
    if metrics is not None:
        await metrics.close()


def record_feed_polls(application: AnyApp, results: Sequence[Any]) -> None:
    metrics = of(application)
    if metrics is not None:
        metrics.feed_poll_results(results)


class TimedBriefer(Briefer):
    """A Briefer whose every brief is observed in newsbrief_brief_seconds."""

    histogram: Histogram | None = None

    async def brief(self, draft: ArticleDraft) -> Brief:
        started = time.perf_counter()
        try:
            return await super().brief(draft)
        finally:
            if self.histogram is not None:
                self.histogram.observe(time.perf_counter() - started)


def timed_briefer(application: AnyApp, settings: Settings) -> Briefer:
    briefer = TimedBriefer.from_settings(settings)
    metrics = of(application)
    if isinstance(briefer, TimedBriefer) and metrics is not None:
        briefer.histogram = metrics.brief_seconds
    return briefer
