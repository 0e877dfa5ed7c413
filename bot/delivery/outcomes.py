"""Writing the delivery worker's outcomes in batches.

A send's outcome (sent, retry later, failed, chat gone) is decided at once, but written
with others: at most FLUSH_ROWS rows per transaction, no later than FLUSH_DELAY seconds
after the first. Until then its row stays 'sending' on disk, so after a crash only those
rows repeat.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.storage import deliveries
from bot.storage.db import Database

log = logging.getLogger("bot.delivery.worker")

FLUSH_ROWS = 300  # outcomes written per transaction at most …
FLUSH_DELAY = 0.2  # … and no later than this many seconds after the first one


@dataclass
class Outcomes:
    """Outcomes decided but not yet written; their rows are still 'sending' on disk."""

    sent: list[tuple[int, int]] = field(default_factory=list)
    retries: list[tuple[int, str, str]] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    gone: list[tuple[int, str]] = field(default_factory=list)  # (chat id, reason)

    def __len__(self) -> int:
        return len(self.sent) + len(self.retries) + len(self.failed) + len(self.gone)

    def extend(self, other: Outcomes) -> None:
        self.sent += other.sent
        self.retries += other.retries
        self.failed += other.failed
        self.gone += other.gone


class OutcomeWriter:
    """Gathers outcomes and writes them in batches; a failed write is kept and retried.

    written(batch, error) runs after each attempt (the worker counts errors and forgets
    chats that went away); pause() is how long to wait after a failed write.
    """

    def __init__(
        self,
        db: Database,
        written: Callable[[Outcomes, bool], None],
        *,
        pause: Callable[[], float],
    ) -> None:
        self.db = db
        self._written = written
        self._pause = pause
        self._outcomes = Outcomes()
        self._flushing: asyncio.Task[None] | None = None
        self._flush_timer: asyncio.TimerHandle | None = None

    def record(
        self,
        *,
        sent: tuple[int, int] | None = None,
        retry: tuple[int, str, str] | None = None,
        failed: tuple[int, str] | None = None,
        gone: tuple[int, str] | None = None,
    ) -> None:
        if sent is not None:
            self._outcomes.sent.append(sent)
        if retry is not None:
            self._outcomes.retries.append(retry)
        if failed is not None:
            self._outcomes.failed.append(failed)
        if gone is not None:
            self._outcomes.gone.append(gone)
        self._schedule_flush()

    def _schedule_flush(self) -> None:
        """Write now if a batch is full, else within FLUSH_DELAY."""
        if len(self._outcomes) >= FLUSH_ROWS:
            self._start_flush()
        elif self._outcomes and self._flush_timer is None:
            self._flush_timer = asyncio.get_running_loop().call_later(
                FLUSH_DELAY, self._start_flush
            )

    def _start_flush(self) -> None:
        if self._flush_timer is not None:
            self._flush_timer.cancel()
            self._flush_timer = None
        if self._flushing is None and self._outcomes:
            self._flushing = asyncio.create_task(self._flush())

    async def _flush(self) -> None:
        """Write the outcomes gathered so far in one transaction; on failure, keep them."""
        batch, self._outcomes = self._outcomes, Outcomes()
        try:
            dropped = await deliveries.record_outcomes(
                self.db,
                sent=batch.sent,
                retries=batch.retries,
                failed=batch.failed,
                gone=batch.gone,
            )
        except Exception:
            self._written(batch, True)
            log.exception("writing %d delivery outcome(s) failed; retrying", len(batch))
            batch.extend(self._outcomes)
            self._outcomes = batch
            await asyncio.sleep(self._pause())
        else:
            if batch.gone:
                log.info(
                    "delivery: %d unreachable chat(s) made inactive, %d queued message(s) dropped",
                    len(batch.gone),
                    dropped,
                )
            self._written(batch, False)
        finally:
            self._flushing = None
        self._schedule_flush()

    async def flush_all(self) -> None:
        """Until every outcome decided so far is written (stop, chat block, migration)."""
        while self._outcomes or self._flushing is not None:
            if self._flushing is None:
                self._start_flush()
            if self._flushing is not None:
                await asyncio.shield(self._flushing)
