"""Send pacing: the global start schedule, per-chat spacing and the achieved rate.

Pure bookkeeping on times the caller passes in (``time.monotonic()`` in the
worker, a fake clock in tests); nothing here sleeps.
"""

from __future__ import annotations

from collections import deque

from bot.config import Settings

SPACING_MARGIN = 1.05  # per-chat and per-group spacing, against network jitter
# How far behind schedule a send may start and still keep its slot (timer lateness).
# A window of one second then holds at most rate x 1.005 + 1 starts.
PACER_SLACK = 0.005
RATE_WINDOW = 60.0  # current_rate averages over this many seconds


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


class ChatSpacing:
    """When each chat may next receive a message (1/chat_rate, groups 60/group_rate).

    Only chats still cooling down are kept: ``prune`` drops the rest, so the
    map holds about rate x interval entries however many chats were ever sent to.
    """

    def __init__(self, settings: Settings) -> None:
        self._private = SPACING_MARGIN / settings.chat_rate
        self._group = max(self._private, SPACING_MARGIN * 60.0 / settings.group_rate_per_minute)
        self._ready: dict[int, float] = {}

    def interval(self, chat_id: int) -> float:
        return self._group if chat_id < 0 else self._private

    def ready_at(self, chat_id: int) -> float:
        return self._ready.get(chat_id, 0.0)

    def book(self, chat_id: int, start: float) -> float:
        """A send to chat_id starts at `start`; returns when the chat is ready again."""
        ready = start + self.interval(chat_id)
        self._ready[chat_id] = ready
        return ready

    def hold(self, chat_id: int, until: float) -> None:
        """No message to chat_id before `until` (its own 429)."""
        if until > self._ready.get(chat_id, 0.0):
            self._ready[chat_id] = until

    def prune(self, now: float) -> None:
        if self._ready:
            self._ready = {c: t for c, t in self._ready.items() if t > now}

    def cooling(self, after: float) -> dict[int, float]:
        """Chats not ready until after `after`, with their ready times."""
        return {c: t for c, t in self._ready.items() if t > after}

    def __len__(self) -> int:
        return len(self._ready)


class RateMeter:
    """Sends per second over the last RATE_WINDOW seconds, counted per whole second."""

    def __init__(self, now: float) -> None:
        self._started = now
        self._seconds: deque[list[int]] = deque()  # [second, count], oldest first

    def add(self, now: float, count: int = 1) -> None:
        second = int(now)
        if self._seconds and self._seconds[-1][0] == second:
            self._seconds[-1][1] += count
        else:
            self._seconds.append([second, count])
            self._trim(now)

    def _trim(self, now: float) -> None:
        while self._seconds and self._seconds[0][0] < now - RATE_WINDOW:
            self._seconds.popleft()

    def rate(self, now: float) -> float:
        self._trim(now)
        span = min(RATE_WINDOW, max(now - self._started, 1.0))
        return sum(count for _, count in self._seconds) / span
