"""Fair use: no chat can make the bot slow for the others.

Two mechanisms, both applied when an update arrives, before any handler runs:

* Flood control. Each chat (or, for inline queries, each user) has a token
  bucket that refills at the rate its replies can go out (Telegram allows
  about one message a second into a chat, twenty a minute into a group). An
  update that finds the bucket empty is dropped; the first one dropped in a
  burst is answered with a single "slow down" notice instead.
* Per-chat order. A chat's updates are processed one at a time, while other
  chats' updates go ahead beside them. A reply waiting on its own chat's
  Telegram flood limit then delays only that chat: an update waiting behind
  its chat's previous one holds no running place (MAX_RUNNING) other chats
  need, and one chat has at most CHAT_PENDING updates held; more are dropped.

Every update with a chat counts: messages and their edits, channel posts,
business messages, button presses, inline queries (by user); only membership
changes (the bot blocked, a member joined) are never dropped.

Replies then go out on the bot's one send budget (bot.delivery.budget): a
429 that a chat's own pace explains pauses only that chat.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseUpdateProcessor

from bot import i18n

SLOW_DOWN = i18n.N_(
    "You are sending faster than I can answer. I skipped some; please slow down."
)
# Updates held at once across all chats (running or waiting behind their chat's
# previous one): PTB's own limit, over which it queues new updates.
MAX_PENDING = 4096
# Updates running at once (handlers past their chat's lock), shared by all chats.
MAX_RUNNING = 256
BURST = 20
# Updates one chat may have held (running or waiting): a flooding chat or channel
# cannot fill MAX_PENDING for the others.
CHAT_PENDING = BURST
# Buckets idle long enough to be full again carry no information; they are
# pruned once there are this many, so memory does not grow with every chat seen.
PRUNE_AT = 10_000


@dataclass
class _Bucket:
    tokens: float
    stamp: float
    noticed: bool = False


class FloodLimiter:
    """Token buckets per sender key: `burst` at once, then `rate` per second."""

    def __init__(self, *, private_rate: float, group_rate: float, burst: int = BURST) -> None:
        self.private_rate = private_rate
        self.group_rate = group_rate
        self.burst = burst
        self._buckets: dict[int, _Bucket] = {}

    def check(self, key: int, now: float | None = None) -> str:
        """'ok' to process, 'notice' for the first update over the limit, else 'drop'."""
        now = time.monotonic() if now is None else now
        rate = self.group_rate if key < 0 else self.private_rate
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= PRUNE_AT:
                self._prune(now)
            bucket = self._buckets[key] = _Bucket(float(self.burst), now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.stamp) * rate)
        bucket.stamp = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            # Half the burst back: the sender slowed down, a new burst may get a notice.
            if bucket.tokens >= self.burst / 2:
                bucket.noticed = False
            return "ok"
        if bucket.noticed:
            return "drop"
        bucket.noticed = True
        return "notice"

    def refuse(self, key: int, now: float | None = None) -> str:
        """An update refused for another reason (its chat holds too many): 'notice' if the
        sender has not been told in this burst, else 'drop'. No token is spent."""
        now = time.monotonic() if now is None else now
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(float(self.burst), now)
        if bucket.noticed:
            return "drop"
        bucket.noticed = True
        return "notice"

    def _prune(self, now: float) -> None:
        for key, bucket in list(self._buckets.items()):
            rate = self.group_rate if key < 0 else self.private_rate
            if bucket.tokens + (now - bucket.stamp) * rate >= self.burst:
                del self._buckets[key]


def sender_key(update: object) -> int | None:
    """Whose budget an update spends: its chat, or the user for chat-less updates."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


def _counts(update: object) -> bool:
    """Every update with a sender, except membership changes, which are never dropped
    (the bot blocked or removed must still be recorded)."""
    return isinstance(update, Update) and (
        update.my_chat_member is None
        and update.chat_member is None
        and update.chat_join_request is None
    )


async def _notice(update: Update) -> None:
    """The one "slow down" answer per burst: a reply, a button toast, or nothing for inline.

    It goes out before any handler, so before the chat's stored language is read: it is in
    the sender's Telegram language.
    """
    user = update.effective_user
    with i18n.use_language(user.language_code if user else None):
        text = i18n._(SLOW_DOWN)
    with contextlib.suppress(TelegramError):
        if update.callback_query is not None:
            await update.callback_query.answer(text)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(text, do_quote=False)


class FairUpdateProcessor(BaseUpdateProcessor):
    """Flood control at arrival, then one update per chat at a time, chats in parallel."""

    def __init__(
        self,
        limiter: FloodLimiter,
        max_pending: int = MAX_PENDING,
        *,
        exempt: frozenset[int] = frozenset(),
    ) -> None:
        super().__init__(max_pending)
        self.limiter = limiter
        self._running = asyncio.Semaphore(min(MAX_RUNNING, max_pending))
        self.chat_pending = CHAT_PENDING
        # The bot's admins: posting twenty links in a row is their job, not a flood.
        self.exempt = exempt
        self.dropped = 0
        # key -> (lock, users): the lock goes when the last update using it is done.
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = sender_key(update)
        if key is None:
            await coroutine
            return
        work: Awaitable[Any] = coroutine
        if _counts(update) and not self._is_exempt(update):
            held = self._locks.get(key)
            if held is not None and held[1] >= self.chat_pending:
                verdict = self.limiter.refuse(key)  # the chat already holds its share
            else:
                verdict = self.limiter.check(key)
            if verdict != "ok":
                self.dropped += 1
                if isinstance(coroutine, Coroutine):
                    coroutine.close()  # never started: no handler saw this update
                if verdict == "drop":
                    return
                assert isinstance(update, Update)
                work = _notice(update)
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock, self._running:
                await work
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def _is_exempt(self, update: object) -> bool:
        user = update.effective_user if isinstance(update, Update) else None
        return user is not None and user.id in self.exempt

    async def initialize(self) -> None:
        """Nothing to set up: the buckets and locks fill as updates arrive."""

    async def shutdown(self) -> None:
        """Nothing to free."""
