"""What a failed send means: one classification for the outbox worker and digests.

``classify(exc)`` turns whatever a send raised into an outcome the caller acts on:

- ``Retry(reason, flood_wait)``: try again. With ``flood_wait`` (a 429), every
  send pauses that long and no attempt is counted; without it (network error,
  timeout, 5xx, anything unexpected), the attempt counts and the caller backs off.
- ``Gone(reason)``: 403 or "chat not found"; the chat is made inactive.
- ``Migrated(new_chat_id)``: the group became a supergroup; send there.
- ``Failed(reason)``: any other 400, refused for good.

``Sent(message_id)`` completes the set for callers that record outcomes. Every
reason is redacted by ``describe_error``: no token, no chat ids.
"""

from __future__ import annotations

import random
import re
import warnings
from dataclasses import dataclass
from datetime import timedelta

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBDeprecationWarning

BACKOFF_BASE = 2.0  # seconds before the first retry; doubles each attempt
BACKOFF_CAP = 900.0
MAX_MIGRATIONS = 3  # a chat that "migrates" more often than this is a loop


@dataclass(frozen=True, slots=True)
class Sent:
    message_id: int
    key = "sent"


@dataclass(frozen=True, slots=True)
class Retry:
    reason: str
    flood_wait: float | None = None  # seconds everyone waits (429); None: back off this row
    key: str = "5xx"  # "429", "5xx" or "network"


@dataclass(frozen=True, slots=True)
class Gone:
    reason: str
    key = "403"  # "chat not found" counts here too: the chat is gone either way


@dataclass(frozen=True, slots=True)
class Migrated:
    new_chat_id: int
    key = "migrated"


@dataclass(frozen=True, slots=True)
class Failed:
    reason: str
    key = "failed"


class ServerError(NetworkError):
    """A 5xx answer from the Bot API (PTB raises a plain NetworkError for these)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


Outcome = Sent | Retry | Gone | Migrated | Failed

# Keys of DeliveryWorker.counts, one per send attempt (the metrics contract of issue 12).
COUNT_KEYS = ("sent", "403", "429", "5xx", "failed", "migrated", "network")


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


_TOPIC_GONE = ("message thread not found", "topic_closed", "topic_deleted")


def classify(exc: BaseException, secret: str | None = None) -> Outcome:
    """The outcome of a send that raised `exc`; `secret` (the token) never appears in it."""
    if isinstance(exc, RetryAfter):
        return Retry(describe_error(exc), retry_after_seconds(exc), key="429")
    if isinstance(exc, ChatMigrated):
        return Migrated(int(exc.new_chat_id))
    reason = describe_error(exc, secret)
    if isinstance(exc, Forbidden):
        return Gone(reason)
    if isinstance(exc, BadRequest):
        text = str(exc).lower()
        # A forum topic closed or deleted is gone like a chat, for that topic only: the
        # bot sends a message_thread_id to topic targets alone (storage.topics).
        if "chat not found" in text or any(sign in text for sign in _TOPIC_GONE):
            return Gone(reason)
        return Failed(reason)
    return Retry(reason, key="5xx" if isinstance(exc, ServerError) else "network")


def backoff_delay(attempts: int, base: float = BACKOFF_BASE, cap: float = BACKOFF_CAP) -> float:
    """Seconds before retry number `attempts` (1-based): base·2^(n-1), capped, ±50% jitter."""
    delay = min(base * 2.0 ** max(attempts - 1, 0), cap)
    jitter: float = random.uniform(0.5, 1.5)  # noqa: S311 - jitter, not security
    return delay * jitter
