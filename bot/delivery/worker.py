"""The delivery worker: drains the outbox to Telegram inside the bot process.

It claims about a second of due rows at a time (marked 'sending' as they are
claimed), sends each through ``transport`` at the pace ``pacing`` sets, and
writes the outcomes ``policy.classify`` gives in batches; a row stays
'sending' until its outcome is on disk, so after a SIGKILL only those rows
repeat. ``wake`` sends new rows at once; the worker also polls every
POLL_INTERVAL seconds for rows that ``newsbrief ingest`` queued. It keeps
the bot's one send budget (``budget.SendBudget``) with replies to commands,
which go through PTB and take their slots first; the worker uses what is left.
Logs name articles and counts, never chats or the token.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections import Counter, OrderedDict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from telegram.error import TelegramError

from bot import i18n
from bot.config import Settings
from bot.delivery import budget as send_budget
from bot.delivery import transport
from bot.delivery.budget import SendBudget
from bot.delivery.outcomes import FLUSH_DELAY, Outcomes, OutcomeWriter
from bot.delivery.pacing import RateMeter
from bot.delivery.policy import (
    BACKOFF_BASE,
    BACKOFF_CAP,
    MAX_MIGRATIONS,
    Failed,
    Gone,
    Migrated,
    Outcome,
    Retry,
    Sent,
    backoff_delay,
    classify,
    describe_error,
)
from bot.formatting import format_article
from bot.storage import deliveries, topics
from bot.storage.articles import get_article
from bot.storage.db import Database, format_ts

log = logging.getLogger(__name__)

POLL_INTERVAL = 2.0  # seconds between outbox polls when nothing woke the worker
STOP_GRACE = 10.0  # seconds stop() lets sends in flight finish
EARLY = 0.003  # seconds a send may start before its slot (a 1 s window: rate x 1.008 + 1 at most)

ChatGone = Callable[[int], object]
ChatMoved = Callable[[int, int], Awaitable[None]]


def worker_rate(settings: Settings) -> float:
    """The most the worker sends, in messages per second: the whole budget when no
    reply needs a slot."""
    return settings.send_rate * send_budget.SHARE


def max_in_flight(rate: float) -> int:
    """Concurrent sends: two seconds of sending, so up to ~2 s latency keeps the rate."""
    return min(256, max(8, math.ceil(rate * 2)))


@dataclass(slots=True)
class _Item:
    id: int
    article_id: int
    chat_id: int
    attempts: int
    language: str = i18n.DEFAULT  # the chat's reply language and digest zone (claim_due)
    zone: str | None = None
    migrations: int = 0
    start: float = 0.0  # when its last send attempt started (to judge a 429)


class DeliveryWorker:
    """The outbox drainer and the pacing every send to Telegram shares."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        sender: transport.Transport,
        *,
        on_chat_gone: ChatGone | None = None,
        on_chat_migrated: ChatMoved | None = None,
        budget: SendBudget | None = None,
    ) -> None:
        self.settings = settings
        self.db = db
        self.transport = sender
        self.rate = worker_rate(settings)
        # Shared with replies (app.build_application) so both draw on one send rate.
        self.budget = budget if budget is not None else SendBudget(settings)
        self.pacer = self.budget.pacer
        self.spacing = self.budget.spacing
        self.max_in_flight = max_in_flight(self.rate)
        self.batch = max(8, math.ceil(self.rate))  # about a second of sending
        self.poll_interval = POLL_INTERVAL
        self.backoff_base = BACKOFF_BASE
        self.backoff_cap = BACKOFF_CAP
        # Each send attempt's outcome: "sent", "403", "429", "5xx", "network",
        # "failed", "migrated" (policy.COUNT_KEYS; read by metrics).
        self.counts: Counter[str] = Counter()
        self.errors = 0  # the worker's own failures (claims, writes, crashes)
        self._on_chat_gone = on_chat_gone
        self._on_chat_migrated = on_chat_migrated
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
        self._meter = RateMeter(time.monotonic())
        # Prepared bodies by (article, language, zone), the most recently used kept.
        self._prepared: OrderedDict[tuple[int, str, str | None], bytes | None] = OrderedDict()
        self._writer = OutcomeWriter(db, self._written, pause=lambda: self.poll_interval)
        self._task: asyncio.Task[None] | None = None
        self._claiming: asyncio.Task[None] | None = None

    # ---- public ------------------------------------------------------------------------

    def start(self) -> None:
        self._meter = RateMeter(time.monotonic())
        self._task = asyncio.create_task(self._run(), name="newsbrief-delivery")

    def wake(self) -> None:
        self._db_may_have_due = True
        self._wake_generation += 1
        self._wake.set()

    def current_rate(self) -> float:
        """Messages per second sent over the last minute."""
        return self._meter.rate(time.monotonic())

    @property
    def in_flight(self) -> int:
        return len(self._in_flight)

    async def stop(self, grace: float = STOP_GRACE) -> None:
        """Stop claiming, let sends in flight finish (up to grace s), write, release the rest."""
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
            await asyncio.wait([self._claiming])  # its rows join the buffer, released below
        leftover = [item.id for item in self._buffer]
        self._buffer.clear()
        if self._in_flight:
            _, pending = await asyncio.wait(list(self._in_flight), timeout=grace)
            leftover += [self._in_flight[task].id for task in pending]
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending)
        try:
            await asyncio.wait_for(self._writer.flush_all(), grace)
        except TimeoutError:
            log.error("delivery outcomes could not be written; those rows are resent at start")
        if leftover:
            released = await deliveries.release(self.db, leftover)
            log.info("delivery stopped: %d queued message(s) left for the next start", released)

    @property
    def paused_until(self) -> float:
        """No send starts before this (an overall 429)."""
        return self.budget.paused_until

    def pause(self, seconds: float) -> None:
        """Flood control: no send of the bot starts for `seconds`."""
        self.budget.pause_all(seconds)

    async def acquire(self, chat_id: int) -> tuple[float, float]:
        """Wait for a send slot to chat_id that keeps every limit (for digests).

        Returns what ``flood`` needs to judge a 429 on that send."""
        return await self.budget.slot(self._paced(chat_id))

    def flood(self, chat_id: int, seconds: float, ticket: tuple[float, float]) -> bool:
        """A 429 on a send acquire() allowed: pause its chat or everything (True: the chat)."""
        start, before = ticket
        return self.budget.flood(self._paced(chat_id), seconds, start, before)

    def _paced(self, chat_id: int) -> int:
        """The chat a send to chat_id is paced as: a forum topic's group, since Telegram's
        per-group limit counts the group's messages whatever topic they go to."""
        route = self.transport.topics.get(chat_id)
        return chat_id if route is None else route[0]

    # ---- the loop ----------------------------------------------------------------------

    def _reserve(self, chat_id: int, now: float) -> float:
        start = self.pacer.reserve(now)
        self.spacing.book(self._paced(chat_id), start)
        return start

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
                self.errors += 1
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
        budget = self.budget
        if budget.paused_until > now:
            await self._sleep(budget.paused_until - now)
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
                soonest = min(self.spacing.ready_at(self._paced(i.chat_id)) for i in self._buffer)
                wait = min(wait, soonest - now)
            await self._wait_wake(wait)
            return
        now = time.monotonic()
        start = self._reserve(item.chat_id, now)
        # The chat may have more rows due: look for them once it has cooled down.
        self._next_claim_at = min(
            self._next_claim_at, self.spacing.ready_at(self._paced(item.chat_id))
        )
        # A slot less than EARLY away is taken now: one wake-up starts a few sends, instead
        # of the event loop waking for every one (at 1,000/s, its biggest cost per send).
        if start - now > EARLY:
            if start - now < 0.1:
                await asyncio.sleep(start - now)  # cheap; stop() waits this long at most
            else:
                await self._sleep(start - now)
        if self._stopping or budget.paused_until > time.monotonic():
            self._buffer.appendleft(item)
            return
        now = time.monotonic()
        if budget.held and budget.paused(item.chat_id, now) > now:
            # A reply to this chat got its 429 while the item waited for its slot.
            self._buffer.appendleft(item)
            return
        await self._slots.acquire()
        if self._stopping:
            self._slots.release()
            self._buffer.appendleft(item)
            return
        self.pacer.started(time.monotonic())
        item.start = start
        task = asyncio.create_task(self._deliver(item))
        self._in_flight[task] = item
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._in_flight.pop(task, None)
        self._slots.release()
        if not task.cancelled() and task.exception() is not None:
            # _deliver catches everything; this is a bug, but never a silent one.
            self.errors += 1
            log.error("delivery task crashed", exc_info=task.exception())

    def _claimed(self, task: asyncio.Task[None]) -> None:
        self._claiming = None
        if not task.cancelled() and task.exception() is not None:
            self.errors += 1
            log.error("claiming deliveries failed", exc_info=task.exception())
            self._next_claim_at = time.monotonic() + self.poll_interval
            self._db_may_have_due = False
        self._wake.set()

    async def _refill(self) -> None:
        """Claim about a second of sending, skipping chats held or still cooling down."""
        now = time.monotonic()
        self.spacing.prune(now)
        cooling = self.spacing.cooling(now + 0.05)
        want = self.batch - len(self._buffer)
        generation = self._wake_generation
        rows = await deliveries.claim_due(self.db, want, exclude_chats=self._busy | cooling.keys())
        self._db_may_have_due = len(rows) >= want or generation != self._wake_generation
        self._next_claim_at = now + self.poll_interval
        if cooling:
            # A cooling chat may have rows due: look again when the first one is ready.
            self._next_claim_at = min(self._next_claim_at, min(cooling.values()))
        if any(topics.is_topic(row.chat_id) for row in rows):
            # Rows for forum topics: where each goes (chat and message_thread_id).
            self.transport.topics.update(await topics.resolve(self.db, (r.chat_id for r in rows)))
        for row in rows:
            self._buffer.append(
                _Item(row.id, row.article_id, row.chat_id, row.attempts, row.language, row.zone)
            )
            self._busy.add(row.chat_id)

    def _pick(self, now: float) -> _Item | None:
        """The first buffered item whose chat may receive a message now."""
        for index, item in enumerate(self._buffer):
            if self.spacing.ready_at(self._paced(item.chat_id)) <= now:
                del self._buffer[index]
                return item
        return None

    # ---- one send ----------------------------------------------------------------------

    async def _message(self, article_id: int, language: str, zone: str | None) -> bytes | None:
        """The article's sendMessage body (after the chat id) in a chat's language (its
        "read" link, its date in the chat's zone), serialised once per language and zone."""
        key = (article_id, language, zone)
        if key in self._prepared:
            self._prepared.move_to_end(key)
            return self._prepared[key]
        article = await get_article(self.db, article_id)
        found = None
        if article is not None:
            with i18n.use_locale(i18n.ChatLocale(language, zone)):
                found = transport.prepare(format_article(article), article.url)
        self._prepared[key] = found
        if len(self._prepared) > 128:
            self._prepared.popitem(last=False)
        return found

    async def _send(self, item: _Item) -> Outcome:
        """One attempt; whatever happens comes back as an outcome, never as an exception."""
        try:
            prepared = await self._message(item.article_id, item.language, item.zone)
            if prepared is None:
                return Failed("article no longer stored")
            return Sent(await self.transport.send(item.chat_id, prepared))
        except Exception as exc:
            if not isinstance(exc, TelegramError):
                log.warning("unexpected error sending article #%d", item.article_id, exc_info=exc)
            return classify(exc, self.settings.token)

    async def _deliver(self, item: _Item) -> None:
        outcome = await self._send(item)
        self.counts[outcome.key] += 1
        try:
            await self._settle(item, outcome)
        except Exception as exc:  # a migration that could not be written
            self.errors += 1
            log.exception("recording a send of article #%d failed", item.article_id)
            self._retry_or_fail(item, Retry(describe_error(exc, self.settings.token)))

    async def _settle(self, item: _Item, outcome: Outcome) -> None:
        """Act on an outcome. Every branch says what becomes of the item and its chat:
        done (the chat is free for its next row), queued again, or held."""
        match outcome:
            case Sent(message_id=message_id):
                self._meter.add(time.monotonic())
                self._writer.record(sent=(item.id, message_id))
                self._done(item)
            case Retry(flood_wait=float(wait)):
                if self.budget.flood(self._paced(item.chat_id), wait, item.start):
                    log.info("flood control: one chat paused for %gs", wait)
                else:
                    log.info("flood control: all sending paused for %gs", wait)
                self._requeue(item)  # no attempt counted; its chat is held as flood() says
            case Retry() as retry:
                self._retry_or_fail(item, retry)
            case Failed(reason=reason):
                self._writer.record(failed=(item.id, reason))
                log.info("delivery of article #%d failed for good: %s", item.article_id, reason)
                self._done(item)
            case Gone(reason=reason):
                # The chat is made inactive with the next batch and held until then
                # (see _flush), so no further row of it is claimed meanwhile.
                self._writer.record(gone=(item.chat_id, reason))
                log.info("delivery of article #%d: chat unreachable (%s)", item.article_id, reason)
                if self._on_chat_gone is not None:
                    self._on_chat_gone(item.chat_id)
            case Migrated(new_chat_id=new_chat_id):
                await self._migrated(item, new_chat_id)

    def _done(self, item: _Item) -> None:
        self._busy.discard(item.chat_id)

    def _requeue(self, item: _Item) -> None:
        """Back to the front of the buffer; its chat stays held."""
        self._buffer.appendleft(item)
        self._wake.set()

    def _retry_or_fail(self, item: _Item, outcome: Retry) -> None:
        attempts = item.attempts + 1
        self._done(item)
        if attempts >= self.settings.max_send_attempts:
            self._writer.record(failed=(item.id, outcome.reason))
            log.info(
                "delivery of article #%d failed after %d attempts: %s",
                item.article_id,
                attempts,
                outcome.reason,
            )
            return
        delay = backoff_delay(attempts, self.backoff_base, self.backoff_cap)
        when = format_ts(datetime.now(UTC) + timedelta(seconds=delay))
        self._writer.record(retry=(item.id, outcome.reason, when))
        log.info(
            "delivery of article #%d failed (attempt %d of %d), retrying in %.1fs: %s",
            item.article_id,
            attempts,
            self.settings.max_send_attempts,
            delay,
            outcome.reason,
        )
        # The row is pending again once written; wake a little after both.
        asyncio.get_running_loop().call_later(delay + FLUSH_DELAY, self.wake)

    async def _migrated(self, item: _Item, new_chat_id: int) -> None:
        old = item.chat_id
        item.migrations += 1
        if item.migrations > MAX_MIGRATIONS:
            self._writer.record(failed=(item.id, "chat migrated too many times"))
            log.info("delivery of article #%d failed: chat migrated too often", item.article_id)
            self._done(item)
            return
        await self._writer.flush_all()
        await deliveries.migrate_chat(self.db, old, new_chat_id)
        log.info(
            "delivery of article #%d: chat migrated to a supergroup; resending", item.article_id
        )
        if self._on_chat_migrated is not None:
            try:
                await self._on_chat_migrated(old, new_chat_id)
            except Exception:
                log.exception("could not move the digest of a migrated chat")
        row = await deliveries.get_delivery(self.db, item.id)
        self._done(item)
        if row is None or row.status != "sending":
            return  # the new chat already had this article: merged away
        item.chat_id = new_chat_id
        self._busy.add(new_chat_id)
        self._requeue(item)

    def _written(self, batch: Outcomes, error: bool) -> None:
        """After each write: count a failed one; forget the chats that went away."""
        if error:
            self.errors += 1
        else:
            self._busy.difference_update(chat for chat, _ in batch.gone)
