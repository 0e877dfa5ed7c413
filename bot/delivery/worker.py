"""The delivery worker: drains the outbox to Telegram inside the bot process.

One asyncio task per bot process (``start``/``stop`` from post_init and
post_shutdown). It claims due rows in small batches (storage.deliveries
marks them 'sending' as it hands them over), sends each as the article's
brief and records Telegram's message id. ``wake`` sends new rows at once;
the worker also polls the database every POLL_INTERVAL seconds, because
``newsbrief ingest`` in another process queues rows too.

Which bot sends. The application's bot has an AIORateLimiter that retries a
429 on its own (max_retries=3): the worker would never learn that Telegram
asked everyone to wait, and each of its concurrent sends would wait on its
own. So the worker builds a second ``telegram.Bot`` from the same token and
base URL, without a rate limiter, that raises RetryAfter to us; it is
initialised in ``start`` and shut down in ``stop``.

Rate limits (Settings). Every send, from the worker or a digest, takes a
start slot from one pacer (a token bucket one token deep: starts are spaced
1/rate apart, so any one-second window holds at most rate + 1 starts) and
respects the chat's own spacing: 1/chat_rate seconds, or for a group
(negative chat id) 60/group_rate_per_minute if that is longer, each with a 5%
margin for network jitter. Up to ``max_in_flight`` sends run concurrently so
latency does not cap throughput. A 429 pauses every send for retry_after
seconds; the row goes back to the queue without counting an attempt.

Fairness. Replies to commands go through the application's bot and are not
paced by this worker, so the worker keeps WORKER_SHARE (97%) of send_rate and
leaves the rest — about one message a second at Telegram's 30/s — for them;
a burst of replies beyond that earns a 429, which pauses the worker, and PTB's
AIORateLimiter retries the reply. Claims are round-robin across articles (see
claim_due) and small (about a second of sending), so a later article's few
recipients are served in the next second, not after a broadcast ends.

Faults. 403 (blocked, deactivated, kicked) and "chat not found": the chat is
made inactive and everything queued for it dropped. ChatMigrated: the chat
moves to its new id and the row is sent there. Any other 400: failed with the
reason, not retried. Network errors, timeouts, 5xx and anything unexpected:
retried with exponential backoff and jitter until max_send_attempts, then
failed with the reason. Logs say what happened to which article and how many,
never to whom (no chat ids) and never the token.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import re
import time
import warnings
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import Bot, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    RetryAfter,
    TelegramError,
)
from telegram.request import BaseRequest, HTTPXRequest, RequestData
from telegram.warnings import PTBDeprecationWarning

from bot.config import Settings
from bot.formatting import format_article
from bot.services import KEY, AnyApp, app_services
from bot.storage import deliveries
from bot.storage.articles import get_article
from bot.storage.db import Database, format_ts

log = logging.getLogger(__name__)

POLL_INTERVAL = 2.0  # seconds between outbox polls when nothing woke the worker
WORKER_SHARE = 0.97  # of send_rate; the rest is left for replies to commands
SPACING_MARGIN = 1.05  # per-chat and per-group spacing, against network jitter
BACKOFF_BASE = 2.0  # seconds before the first retry; doubles each attempt
BACKOFF_CAP = 900.0
MAX_MIGRATIONS = 3  # a chat that "migrates" more often than this is a loop
STOP_GRACE = 10.0  # seconds stop() lets sends in flight finish
RATE_WINDOW = 60.0  # current_rate averages over this many seconds
# How far behind schedule a send may start and still keep its slot (timer lateness).
# A window of one second then holds at most rate x 1.005 + 1 starts.
PACER_SLACK = 0.005


def worker_rate(settings: Settings) -> float:
    """The worker's share of the global send budget, in messages per second."""
    return settings.send_rate * WORKER_SHARE


def retry_after_seconds(exc: RetryAfter) -> float:
    """RetryAfter.retry_after as seconds, whether PTB gives int or timedelta.

    PTB 22 warns on every read unless PTB_TIMEDELTA is set; the warning is
    about a future type change that this function already handles.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    if isinstance(value, timedelta):
        return max(value.total_seconds(), 0.0)
    return max(float(value), 0.0)


_LONG_NUMBER = re.compile(r"-?\d{5,}")


def describe_error(exc: BaseException, secret: str | None = None) -> str:
    """A short reason for logs and the error column: no chat ids, no token."""
    if isinstance(exc, ChatMigrated):
        return "chat migrated to a supergroup"
    if isinstance(exc, RetryAfter):
        return f"flood control: retry after {retry_after_seconds(exc):g}s"
    text = str(exc) or type(exc).__name__
    if secret:
        text = text.replace(secret, "<token>")
    text = _LONG_NUMBER.sub("<id>", text)
    if not isinstance(exc, TelegramError):
        text = f"{type(exc).__name__}: {text}"
    return " ".join(text.split())[:300]


def is_chat_gone(exc: BaseException) -> bool:
    """Errors that mean this chat will never accept a message from us again."""
    if isinstance(exc, Forbidden):
        return True
    return isinstance(exc, BadRequest) and "chat not found" in str(exc).lower()


def backoff_delay(attempts: int, base: float = BACKOFF_BASE, cap: float = BACKOFF_CAP) -> float:
    """Seconds before retry number `attempts` (1-based): base·2^(n-1), capped, ±50% jitter."""
    delay = min(base * 2.0 ** max(attempts - 1, 0), cap)
    jitter: float = random.uniform(0.5, 1.5)  # noqa: S311 - jitter, not security
    return delay * jitter


class Pacer:
    """Start times spaced 1/rate apart: a token bucket one token deep.

    reserve() hands out the next slot and is synchronous, so two coroutines
    can never take the same one. started() reports when the send really
    began: a caller that woke late (a busy event loop) pushes the next slot
    out, except for a few milliseconds of ordinary timer lateness, which the
    schedule absorbs so that oversleeping does not lower the rate. So a stall
    never causes a burst of catch-up sends worth more than PACER_SLACK.
    """

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self.slack = PACER_SLACK
        self.next = 0.0

    def reserve(self, now: float) -> float:
        start = max(self.next, now)
        self.next = start + self.interval
        return start

    def started(self, actual: float) -> None:
        self.next = max(self.next, actual + self.interval - self.slack)


@dataclass
class _Item:
    id: int
    article_id: int
    chat_id: int
    attempts: int
    migrations: int = 0


@dataclass
class Counters:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    dropped_chats: int = 0
    migrated: int = 0
    rate_limited: int = 0
    errors: int = 0


class DeliveryWorker:
    """The outbox drainer and the pacing every send to Telegram shares."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        bot: Bot,
        *,
        on_chat_gone: Callable[[int], None] | None = None,
        on_chat_migrated: Callable[[int, int], Coroutine[Any, Any, None]] | None = None,
    ) -> None:
        self.settings = settings
        self.db = db
        self.bot = bot
        self.rate = worker_rate(settings)
        self.pacer = Pacer(self.rate)
        self.max_in_flight = max_in_flight(self.rate)
        self.batch = max(8, math.ceil(self.rate))  # about a second of sending
        self.poll_interval = POLL_INTERVAL
        self.backoff_base = BACKOFF_BASE
        self.backoff_cap = BACKOFF_CAP
        self.counters = Counters()
        # Send outcomes for metrics: "sent", "403", "429", "5xx" (retried), "failed".
        self.counts: Counter[str] = Counter()
        self._on_chat_gone = on_chat_gone
        self._on_chat_migrated = on_chat_migrated
        self._chat_next: dict[int, float] = {}
        self._buffer: deque[_Item] = deque()
        self._busy: set[int] = set()  # chats with an item buffered or in flight
        self._in_flight: dict[asyncio.Task[None], _Item] = {}
        self._slots = asyncio.Semaphore(self.max_in_flight)
        self._wake = asyncio.Event()
        self._stopped = asyncio.Event()
        self._stopping = False
        self._db_may_have_due = True
        self._wake_generation = 0
        self._next_claim_at = 0.0
        self.paused_until = 0.0
        self._sent_times: deque[float] = deque()
        self._started_at = time.monotonic()
        self._articles: OrderedDict[int, tuple[str, str | None] | None] = OrderedDict()
        self._task: asyncio.Task[None] | None = None
        self._claiming: asyncio.Task[None] | None = None

    # ---- public ------------------------------------------------------------------------

    def start(self) -> None:
        self._started_at = time.monotonic()
        self._task = asyncio.create_task(self._run(), name="newsbrief-delivery")

    def wake(self) -> None:
        self._db_may_have_due = True
        self._wake_generation += 1
        self._wake.set()

    def current_rate(self) -> float:
        now = time.monotonic()
        self._trim_rate(now)
        span = min(RATE_WINDOW, max(now - self._started_at, 1.0))
        return len(self._sent_times) / span

    @property
    def in_flight(self) -> int:
        return len(self._in_flight)

    async def stop(self, grace: float = STOP_GRACE) -> None:
        """Stop claiming, let sends in flight finish (up to grace s), release the rest."""
        self._stopping = True
        self._stopped.set()
        self._wake.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), grace)
            except TimeoutError:
                self._task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._task
        if self._claiming is not None:
            with contextlib.suppress(Exception):
                await self._claiming  # its rows join the buffer, released below
        if self._in_flight:
            _, pending = await asyncio.wait(list(self._in_flight), timeout=grace)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending)
        leftover = [item.id for item in self._buffer]
        leftover += [item.id for item in self._in_flight.values()]
        self._buffer.clear()
        if leftover:
            released = await deliveries.release(self.db, leftover)
            log.info("delivery stopped: %d queued message(s) left for the next start", released)

    def pause(self, seconds: float) -> None:
        """Flood control: no send starts for `seconds` (from any caller of acquire)."""
        self.paused_until = max(self.paused_until, time.monotonic() + seconds)
        self.counters.rate_limited += 1

    async def acquire(self, chat_id: int) -> None:
        """Wait for a send slot to chat_id that keeps every limit (for digests)."""
        while True:
            now = time.monotonic()
            if self.paused_until > now:
                await asyncio.sleep(self.paused_until - now)
                continue
            ready = self._chat_next.get(chat_id, 0.0)
            if ready > now:
                await asyncio.sleep(ready - now)
                continue
            start = self._reserve(chat_id, now)
            if start > now:
                await asyncio.sleep(start - now)
            if self.paused_until > time.monotonic():
                continue  # a 429 arrived while we waited for the slot
            self.pacer.started(time.monotonic())
            return

    # ---- pacing ------------------------------------------------------------------------

    def chat_interval(self, chat_id: int) -> float:
        interval = 1.0 / self.settings.chat_rate
        if chat_id < 0:
            interval = max(interval, 60.0 / self.settings.group_rate_per_minute)
        return interval * SPACING_MARGIN

    def _reserve(self, chat_id: int, now: float) -> float:
        start = self.pacer.reserve(now)
        self._chat_next[chat_id] = start + self.chat_interval(chat_id)
        return start

    def _trim_rate(self, now: float) -> None:
        while self._sent_times and self._sent_times[0] < now - RATE_WINDOW:
            self._sent_times.popleft()

    # ---- the loop ----------------------------------------------------------------------

    async def _run(self) -> None:
        while not self._stopping:
            try:
                recovered = await deliveries.recover_in_flight(self.db)
            except Exception:
                log.exception("delivery could not recover interrupted sends; retrying")
                await self._sleep(self.poll_interval)
                continue
            if recovered:
                log.info("delivery: %d message(s) interrupted by a stop will be sent", recovered)
            break
        while not self._stopping:
            try:
                await self._step()
            except asyncio.CancelledError:
                raise
            except Exception:
                self.counters.errors += 1
                log.exception("delivery loop error; retrying in %.0fs", self.poll_interval)
                await self._sleep(self.poll_interval)

    async def _sleep(self, seconds: float) -> None:
        """Sleep, but return at once when stop() is called."""
        if seconds > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopped.wait(), seconds)

    async def _wait_wake(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), max(seconds, 0.0))
        self._wake.clear()

    async def _step(self) -> None:
        now = time.monotonic()
        if self.paused_until > now:
            await self._sleep(self.paused_until - now)
            return
        if (
            self._claiming is None
            and len(self._buffer) <= self.batch // 2
            and (self._db_may_have_due or now >= self._next_claim_at)
        ):
            # Claims run beside the sends: a slow query must not cost send slots.
            self._claiming = asyncio.create_task(self._refill())
            self._claiming.add_done_callback(self._claimed)
        item = self._pick(time.monotonic())
        if item is None:
            now = time.monotonic()
            wait = self.poll_interval if self._claiming else self._next_claim_at - now
            if self._buffer:
                soonest = min(self._chat_next.get(i.chat_id, 0.0) for i in self._buffer)
                wait = min(wait, soonest - now)
            await self._wait_wake(wait)
            return
        now = time.monotonic()
        start = self._reserve(item.chat_id, now)
        # The chat may have more rows due: look for them once it has cooled down.
        self._next_claim_at = min(self._next_claim_at, self._chat_next[item.chat_id])
        if start > now:
            if start - now < 0.1:
                await asyncio.sleep(start - now)  # cheap; stop() waits this long at most
            else:
                await self._sleep(start - now)
        if self._stopping or self.paused_until > time.monotonic():
            self._buffer.appendleft(item)
            return
        await self._slots.acquire()
        if self._stopping:
            self._slots.release()
            self._buffer.appendleft(item)
            return
        self.pacer.started(time.monotonic())
        task = asyncio.create_task(self._deliver(item))
        self._in_flight[task] = item
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._in_flight.pop(task, None)
        self._slots.release()
        if not task.cancelled() and task.exception() is not None:
            # _deliver catches everything; this is a bug, but never a silent one.
            log.error("delivery task crashed", exc_info=task.exception())

    def _claimed(self, task: asyncio.Task[None]) -> None:
        self._claiming = None
        if not task.cancelled() and task.exception() is not None:
            self.counters.errors += 1
            log.error("claiming deliveries failed", exc_info=task.exception())
            self._next_claim_at = time.monotonic() + self.poll_interval
            self._db_may_have_due = False
        self._wake.set()

    async def _refill(self) -> None:
        """Claim about a second of sending, skipping chats held or still cooling down."""
        now = time.monotonic()
        # Entries in the past are spent: dropping them keeps the dict at ~rate x spacing.
        self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
        cooling = {c for c, t in self._chat_next.items() if t > now + 0.05}
        want = self.batch - len(self._buffer)
        generation = self._wake_generation
        rows = await deliveries.claim_due(self.db, want, exclude_chats=self._busy | cooling)
        self._db_may_have_due = len(rows) >= want or generation != self._wake_generation
        self._next_claim_at = now + self.poll_interval
        if cooling:
            # A cooling chat may have rows due: look again when the first one is ready.
            self._next_claim_at = min(self._next_claim_at, min(self._chat_next[c] for c in cooling))
        for row in rows:
            self._buffer.append(_Item(row.id, row.article_id, row.chat_id, row.attempts))
            self._busy.add(row.chat_id)

    def _pick(self, now: float) -> _Item | None:
        """The first buffered item whose chat may receive a message now."""
        for index, item in enumerate(self._buffer):
            if self._chat_next.get(item.chat_id, 0.0) <= now:
                del self._buffer[index]
                return item
        return None

    # ---- one send ----------------------------------------------------------------------

    async def _article(self, article_id: int) -> tuple[str, str | None] | None:
        if article_id in self._articles:
            self._articles.move_to_end(article_id)
            return self._articles[article_id]
        article = await get_article(self.db, article_id)
        found = (format_article(article), article.url) if article else None
        self._articles[article_id] = found
        if len(self._articles) > 128:
            self._articles.popitem(last=False)
        return found

    async def send_text(self, chat_id: int, text: str, url: str | None) -> Message:
        """One HTML message; the link preview, if any, is of `url` only."""
        preview = LinkPreviewOptions(url=url) if url else LinkPreviewOptions(is_disabled=True)
        return await self.bot.send_message(
            chat_id, text, parse_mode=ParseMode.HTML, link_preview_options=preview
        )

    async def _deliver(self, item: _Item) -> None:
        requeued = False
        try:
            requeued = await self._attempt(item)
        except Exception as exc:  # the worker survives anything one send does
            self.counters.errors += 1
            log.exception("delivery of article #%d crashed", item.article_id)
            with contextlib.suppress(Exception):
                await self._retry_or_fail(item, exc)
        finally:
            if not requeued:
                self._busy.discard(item.chat_id)

    async def _attempt(self, item: _Item) -> bool:
        """Send one row and record the outcome; True when it went back to the queue."""
        found = await self._article(item.article_id)
        if found is None:
            await deliveries.mark_failed(self.db, item.id, "article no longer stored")
            return False
        text, url = found
        try:
            message = await self.send_text(item.chat_id, text, url)
        except RetryAfter as exc:
            wait = retry_after_seconds(exc)
            self.counts["429"] += 1
            self.pause(wait)
            log.info("flood control: all sending paused for %gs", wait)
            self._buffer.appendleft(item)
            return True
        except ChatMigrated as exc:
            return await self._migrated(item, int(exc.new_chat_id))
        except Exception as exc:
            if is_chat_gone(exc):
                dropped = await deliveries.chat_blocked(
                    self.db, item.chat_id, describe_error(exc, self.settings.token)
                )
                self.counters.dropped_chats += 1
                self.counts["403"] += 1
                log.info(
                    "delivery of article #%d: chat unreachable (%s); made inactive, "
                    "%d queued message(s) dropped",
                    item.article_id,
                    describe_error(exc, self.settings.token),
                    dropped,
                )
                if self._on_chat_gone is not None:
                    self._on_chat_gone(item.chat_id)
                return False
            if isinstance(exc, BadRequest):
                reason = describe_error(exc, self.settings.token)
                await deliveries.mark_failed(self.db, item.id, reason)
                self.counters.failed += 1
                self.counts["failed"] += 1
                log.info("delivery of article #%d failed for good: %s", item.article_id, reason)
                return False
            if not isinstance(exc, TelegramError):
                log.warning("unexpected error sending article #%d", item.article_id, exc_info=exc)
            await self._retry_or_fail(item, exc)
            return False
        await deliveries.mark_sent(self.db, item.id, message.message_id)
        self.counters.sent += 1
        self.counts["sent"] += 1
        now = time.monotonic()
        self._sent_times.append(now)
        self._trim_rate(now)
        return False

    async def _retry_or_fail(self, item: _Item, exc: BaseException) -> None:
        reason = describe_error(exc, self.settings.token)
        attempts = item.attempts + 1
        if attempts >= self.settings.max_send_attempts:
            await deliveries.mark_failed(self.db, item.id, reason)
            self.counters.failed += 1
            self.counts["failed"] += 1
            log.info(
                "delivery of article #%d failed after %d attempts: %s",
                item.article_id,
                attempts,
                reason,
            )
            return
        delay = backoff_delay(attempts, self.backoff_base, self.backoff_cap)
        when = datetime.now(UTC) + timedelta(seconds=delay)
        await deliveries.mark_retry(self.db, item.id, reason, format_ts(when))
        self.counters.retried += 1
        self.counts["5xx"] += 1
        log.info(
            "delivery of article #%d failed (attempt %d of %d), retrying in %.1fs: %s",
            item.article_id,
            attempts,
            self.settings.max_send_attempts,
            delay,
            reason,
        )
        asyncio.get_running_loop().call_later(delay, self.wake)

    async def _migrated(self, item: _Item, new_chat_id: int) -> bool:
        old = item.chat_id
        item.migrations += 1
        if item.migrations > MAX_MIGRATIONS:
            await deliveries.mark_failed(self.db, item.id, "chat migrated too many times")
            self.counters.failed += 1
            log.info("delivery of article #%d failed: chat migrated too often", item.article_id)
            return False
        await deliveries.migrate_chat(self.db, old, new_chat_id)
        self.counters.migrated += 1
        log.info(
            "delivery of article #%d: chat migrated to a supergroup; resending", item.article_id
        )
        if self._on_chat_migrated is not None:
            try:
                await self._on_chat_migrated(old, new_chat_id)
            except Exception:
                log.exception("could not move the digest of a migrated chat")
        row = await deliveries.get_delivery(self.db, item.id)
        self._busy.discard(old)
        if row is None or row.status != "sending":
            return False  # the new chat already had this article: merged away
        item.chat_id = new_chat_id
        self._busy.add(new_chat_id)
        self._buffer.appendleft(item)
        self._wake.set()
        return True


def max_in_flight(rate: float) -> int:
    """Concurrent sends: two seconds of sending, so up to ~2 s latency keeps the rate."""
    return min(256, max(8, math.ceil(rate * 2)))


SHARD_CONNECTIONS = 8
MAX_SHARDS = 8


class ShardedRequest(BaseRequest):
    """Several small HTTPX connection pools behind one PTB request object.

    httpcore walks every connection of its pool (with a poll() and a
    getpeername() each) whenever it assigns a request, so one pool of 64 busy
    connections costs several times the CPU per message of eight pools of
    eight. Each request goes to the least busy shard.
    """

    def __init__(self, connections: int) -> None:
        # Each shard is an httpx client that loads the CA bundle (~40 ms): at most MAX_SHARDS.
        count = min(MAX_SHARDS, max(1, math.ceil(connections / SHARD_CONNECTIONS)))
        per_shard = math.ceil(connections / count)
        self._shards = [
            HTTPXRequest(
                connection_pool_size=per_shard + 2,
                pool_timeout=30.0,
                connect_timeout=10.0,
                read_timeout=20.0,
                write_timeout=20.0,
            )
            for _ in range(count)
        ]
        self._busy = [0] * count

    @property
    def read_timeout(self) -> float | None:
        return self._shards[0].read_timeout

    async def initialize(self) -> None:
        await asyncio.gather(*(shard.initialize() for shard in self._shards))

    async def shutdown(self) -> None:
        await asyncio.gather(*(shard.shutdown() for shard in self._shards))

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,  # PTB's ODVInput[float]
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        index = min(range(len(self._shards)), key=self._busy.__getitem__)
        self._busy[index] += 1
        try:
            return await self._shards[index].do_request(
                url,
                method,
                request_data,
                read_timeout=read_timeout,
                write_timeout=write_timeout,
                connect_timeout=connect_timeout,
                pool_timeout=pool_timeout,
            )
        finally:
            self._busy[index] -= 1


def build_sender_bot(settings: Settings, connections: int) -> Bot:
    """A Bot without a rate limiter, so flood control reaches the worker as RetryAfter."""
    return Bot(
        settings.require_token(),
        base_url=settings.api_base_url,
        base_file_url=settings.api_base_url.removesuffix("/bot") + "/file/bot",
        request=ShardedRequest(connections),
        get_updates_request=HTTPXRequest(connection_pool_size=1),  # never used
    )


# ---- the application-facing API -----------------------------------------------------------


def running_worker(application: AnyApp) -> DeliveryWorker | None:
    if KEY not in application.bot_data:
        return None
    return app_services(application).delivery


async def start(application: AnyApp) -> DeliveryWorker:
    """Build, initialise and start the worker; kept in the services as ``delivery``."""
    existing = running_worker(application)
    if existing is not None:
        return existing
    svc = app_services(application)
    settings = svc.settings
    bot = build_sender_bot(settings, max_in_flight(worker_rate(settings)))
    await bot.initialize()

    def chat_gone(chat_id: int) -> None:
        from bot.delivery import digests

        digests.cancel(application, chat_id)

    async def chat_migrated(old: int, new: int) -> None:
        from bot.delivery import digests

        await digests.moved(application, old, new)

    instance = DeliveryWorker(
        settings, svc.db, bot, on_chat_gone=chat_gone, on_chat_migrated=chat_migrated
    )
    svc.delivery = instance
    instance.start()
    log.info(
        "delivery worker started: %.1f messages/s overall, %d in flight at most",
        instance.rate,
        instance.max_in_flight,
    )
    return instance


async def stop(application: AnyApp) -> None:
    """Stop the worker cleanly and close its bot (idempotent)."""
    instance = running_worker(application)
    if instance is None:
        return
    try:
        await instance.stop()
    finally:
        app_services(application).delivery = None
        await instance.bot.shutdown()


def wake(application: AnyApp) -> None:
    """New rows are queued: send them now instead of at the next poll."""
    instance = running_worker(application)
    if instance is not None:
        instance.wake()


def current_rate(application: AnyApp) -> float:
    """Messages per second the worker sent over the last minute."""
    instance = running_worker(application)
    return instance.current_rate() if instance is not None else 0.0
