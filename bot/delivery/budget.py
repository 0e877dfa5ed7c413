"""One send budget for the whole bot: replies, pushes, edits and digests.

Telegram allows about NEWSBRIEF_SEND_RATE messages a second from a bot in
all, and answers a request over a limit with 429 and a ``retry_after``. Its
429 does not say which limit was hit: the bot's overall one or one chat's.

``SendBudget`` is the one schedule every message starts on:

* **One pace.** Start times are spaced 1/(SHARE x send_rate) apart
  (``pacing.Pacer``), whoever sends: a reply through PTB (``ReplyLimiter``,
  PTB's rate-limiter hook), the outbox worker, a digest. Slots are handed out
  in the order they are asked for; the outbox worker asks for one at a time,
  so a burst of replies takes the slots ahead of it: replies go first, the
  outbox uses what is left.
* **Per-chat spacing.** The same ``pacing.ChatSpacing`` book records every
  message to a chat; the outbox never sends to a chat still cooling down.
* **429s.** A 429 on a chat that had another message within its own spacing
  interval is that chat's limit: only that chat waits ``retry_after``. Any
  other 429 (a chat at rest, or a request with no chat) is the bot's overall
  limit: nothing at all starts until ``retry_after`` has passed, and slots
  handed out inside that window are void (their holders ask again). So
  nothing is sent into a 429 window that the bot knows of.
* **Replies are not dropped** after some number of retries: a reply waits its
  turn through any number of 429s, and is given up (with a log line) only
  when Telegram refuses it for another reason (a chat gone) or when it has
  waited REPLY_DEADLINE seconds.

PTB's own AIORateLimiter had the overall limit but paused every request of
the bot for any 429, so one flooding chat paused everyone; the ChatRateLimiter
that replaced it paused only "its" chat and had no overall limit. This module
keeps both halves.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.config import Settings
from bot.delivery.pacing import ChatSpacing, Pacer
from bot.delivery.policy import retry_after_seconds

log = logging.getLogger(__name__)

SHARE = 0.97  # of send_rate: a margin for network jitter under Telegram's window
# How long a reply may wait for Telegram's flood control before it is given up.
REPLY_DEADLINE = 300.0
RETRY_MARGIN = 0.1  # seconds added to every retry_after, against clock skew
EPSILON = 1e-6
# Chat pauses and group limiters idle long enough are pruned once there are this many.
PRUNE_AT = 10_000

JSONDict = dict[str, Any]


class SendBudget:
    """The bot's send schedule: the overall pace, per-chat spacing and 429 pauses."""

    def __init__(self, settings: Settings) -> None:
        self.rate = settings.send_rate * SHARE
        self.pacer = Pacer(self.rate)
        self.spacing = ChatSpacing(settings)
        self.paused_until = 0.0  # nothing starts before this (an overall 429)
        self.held: dict[int, float] = {}  # chat -> no message to it before this (its 429)
        # 429s seen: "all" paused everything, "chat" paused one chat; "given_up" replies.
        self.counts: Counter[str] = Counter()

    # ---- 429s --------------------------------------------------------------------------

    def pause_all(self, seconds: float) -> None:
        """Nothing starts for `seconds`; slots already handed out inside them are void."""
        until = time.monotonic() + seconds
        if until > self.paused_until:
            self.paused_until = until
        self.pacer.next = max(self.pacer.next, self.paused_until)

    def hold_chat(self, chat_id: int, seconds: float) -> None:
        """No message to chat_id for `seconds`; other chats go on."""
        now = time.monotonic()
        if len(self.held) >= PRUNE_AT:
            self.held = {chat: until for chat, until in self.held.items() if until > now}
        until = max(self.held.get(chat_id, 0.0), now + seconds)
        self.held[chat_id] = until
        self.spacing.hold(chat_id, until)

    def explains(self, chat_id: int, start: float, before: float = 0.0) -> bool:
        """Whether the chat's own pace explains a 429 on a message to it started at `start`.

        `before` is when the chat was ready again before that message was booked: a
        message sent while the chat still cooled down, or another one booked to the same
        chat after it within its interval, exceeded the chat's pace.
        """
        if before > start + EPSILON:
            return True
        later = self.spacing.ready_at(chat_id) - self.spacing.interval(chat_id)
        return later > start + EPSILON

    def flood(self, chat_id: int | None, seconds: float, start: float, before: float = 0.0) -> bool:
        """Act on a 429 (`seconds` of retry_after); True when only the chat was paused."""
        if chat_id is not None and self.explains(chat_id, start, before):
            self.hold_chat(chat_id, seconds)
            self.counts["chat"] += 1
            return True
        self.pause_all(seconds)
        self.counts["all"] += 1
        return False

    def paused(self, chat_id: int | None, now: float) -> float:
        """Until when a message to chat_id must wait (<= now: it may go)."""
        until = self.paused_until
        if chat_id is not None:
            held = self.held.get(chat_id)
            if held is not None:
                if held <= now:
                    del self.held[chat_id]
                elif held > until:
                    until = held
        return until

    # ---- slots -------------------------------------------------------------------------

    async def wait_paused(self, chat_id: int | None) -> None:
        """Until no 429 window covers a message to chat_id (None: the overall one only)."""
        while True:
            now = time.monotonic()
            until = self.paused(chat_id, now)
            if until <= now:
                return
            await asyncio.sleep(until - now)

    async def slot(self, chat_id: int | None, *, spaced: bool = True) -> tuple[float, float]:
        """Wait for this message's start on the overall schedule and book it to chat_id.

        `spaced`: also wait until the chat has cooled down from its last message (the
        outbox and digests; replies answer a person who just wrote, so they go at once).
        Returns (start, when the chat was ready before this booking), for ``flood``.
        """
        while True:
            await self.wait_paused(chat_id)
            now = time.monotonic()
            if spaced and chat_id is not None:
                ready = self.spacing.ready_at(chat_id)
                if ready > now:
                    await asyncio.sleep(ready - now)
                    continue
            start = self.pacer.reserve(now)
            if start > now:
                await asyncio.sleep(start - now)
            now = time.monotonic()
            if self.paused(chat_id, now) > now:
                continue  # a 429 arrived while this waited: its slot is void
            self.pacer.started(now)
            if chat_id is None:
                return now, 0.0
            before = self.spacing.ready_at(chat_id)
            self.spacing.book(chat_id, now)
            return now, before


class ReplyLimiter(BaseRateLimiter[int]):
    """PTB's rate-limiter hook: every request through PTB draws on the SendBudget.

    A request that addresses a chat and sends or changes something (sendMessage,
    editMessageText, answers in a chat, …) takes a slot of the overall schedule;
    requests without a chat (answering a button or an inline query) and reads
    (``get…``) only wait out an overall 429. Groups are also paced to Telegram's
    per-group rate, as AIORateLimiter does. A 429 is retried, however many
    times, until REPLY_DEADLINE; ``rate_limit_args`` is not used.
    """

    def __init__(self, budget: SendBudget, *, group_rate_per_minute: float) -> None:
        self.budget = budget
        self.group_rate_per_minute = group_rate_per_minute
        self.deadline = REPLY_DEADLINE
        self._groups: dict[int | str, AsyncLimiter] = {}

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""

    def _group_limiter(self, key: int | str) -> AsyncLimiter:
        limiter = self._groups.get(key)
        if limiter is None:
            if len(self._groups) >= PRUNE_AT:
                for old, idle in list(self._groups.items()):
                    if idle.has_capacity(idle.max_rate):
                        del self._groups[old]
            limiter = self._groups[key] = AsyncLimiter(self.group_rate_per_minute, 60)
        return limiter

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        key = _chat_key(data.get("chat_id"))
        # A chat's number books its spacing; "@channel" names are paced overall only.
        chat_id = key if isinstance(key, int) else None
        paced = key is not None and not endpoint.startswith("get")
        is_group = isinstance(key, str) or (chat_id is not None and chat_id < 0)
        deadline = time.monotonic() + self.deadline
        while True:
            if paced and is_group and key is not None and self.group_rate_per_minute:
                await self._group_limiter(key).acquire()
            if paced:
                start, before = await self.budget.slot(chat_id, spaced=False)
            else:
                await self.budget.wait_paused(chat_id)
                start, before = time.monotonic(), 0.0
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = retry_after_seconds(exc) + RETRY_MARGIN
                # A read or an answer without a chat tells nothing about a chat's pace.
                self.budget.flood(chat_id if paced else None, wait, start, before)
                if time.monotonic() + wait > deadline:
                    self.budget.counts["given_up"] += 1
                    log.warning(
                        "a %s request was given up: Telegram's flood control would hold it "
                        "past %.0f s",
                        endpoint,
                        self.deadline,
                    )
                    raise


def _chat_key(chat_id: object) -> int | str | None:
    if isinstance(chat_id, int):
        return chat_id
    if isinstance(chat_id, str):
        try:
            return int(chat_id)
        except ValueError:
            return chat_id  # @channelusername
    return None


def of(bot: object) -> SendBudget | None:
    """The budget of a PTB bot built with a ReplyLimiter (app.build_application), if any."""
    limiter = getattr(bot, "rate_limiter", None)
    return limiter.budget if isinstance(limiter, ReplyLimiter) else None
