"""The outbox's HTTP send path: sendMessage without PTB's per-call objects.

Every subscriber of an article gets the same message, so ``prepare`` serialises
its JSON once and ``send`` only splices in the chat id. Answers are read for
``ok``, ``result.message_id`` and the error fields; a refusal is raised as the
same ``telegram.error`` exception PTB would raise, so ``policy.classify``
handles both paths alike. Replies to commands and everything else still go
through PTB.

The client is aiohttp, not httpx: against the fake Bot API, 64 concurrent
keep-alive sends cost 0.20 ms of CPU each with aiohttp, 1.17 ms with httpx
(eight pools of eight; 2.5 ms with one pool of 64) and 0.99 ms with bare
httpcore, whose anyio layer and per-request walk over its pool dominate.
HTTP/2 was not adopted: neither aiohttp nor the fake server speaks it, and
httpx's HTTP/2 (the pure-Python ``h2``) keeps the same per-request layers.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

import aiohttp
import yarl
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.delivery.policy import ServerError

HEADERS = {"Content-Type": "application/json"}
TIMEOUT = aiohttp.ClientTimeout(total=None, connect=10.0, sock_read=20.0)


def prepare(text: str, preview_url: str | None = None) -> bytes:
    """The body of a sendMessage call after its chat id: built once per message text.

    HTML parse mode; a link preview of `preview_url` only, or none at all.
    """
    preview: dict[str, Any] = {"url": preview_url} if preview_url else {"is_disabled": True}
    rest = json.dumps(
        {"text": text, "parse_mode": "HTML", "link_preview_options": preview},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return b"," + rest[1:].encode()


def api_error(status: int, answer: dict[str, Any] | None) -> TelegramError:
    """The exception PTB raises for this error answer (its _request_wrapper's mapping)."""
    try:
        message = f"{HTTPStatus(status).phrase} ({status})"
    except ValueError:
        message = f"Unknown HTTPError ({status})"
    if answer is not None:
        message = answer.get("description") or message
        parameters = answer.get("parameters") or {}
        if parameters.get("migrate_to_chat_id"):
            return ChatMigrated(int(parameters["migrate_to_chat_id"]))
        if parameters.get("retry_after"):
            return RetryAfter(int(parameters["retry_after"]))
    if status == HTTPStatus.FORBIDDEN:
        return Forbidden(message)
    if status in (HTTPStatus.NOT_FOUND, HTTPStatus.UNAUTHORIZED):
        return InvalidToken(message)
    if status == HTTPStatus.BAD_REQUEST:
        return BadRequest(message)
    if status >= 500:
        return ServerError(message, status)
    return NetworkError(message)


class Transport:
    """sendMessage over one shared keep-alive aiohttp session."""

    def __init__(self, api_base_url: str, token: str, connections: int) -> None:
        self._url = yarl.URL(f"{api_base_url}{token}/sendMessage", encoded=True)
        self._connections = connections
        self._session: aiohttp.ClientSession | None = None
        # Forum topic target id -> (chat id, message_thread_id); see send().
        self.topics: dict[int, tuple[int, int]] = {}

    @property
    def session(self) -> aiohttp.ClientSession:
        """The shared session, made on first use (it needs the running event loop)."""
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._connections),
                timeout=TIMEOUT,
                headers=HEADERS,
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def send(self, chat_id: int, prepared: bytes) -> int:
        """Send a prepared message to chat_id; its message id, or the API's error raised.

        A forum topic's target id goes to its chat and message_thread_id (self.topics,
        filled in by whoever claims rows for it: see storage.topics).
        """
        route = self.topics.get(chat_id)
        if route is None:
            body = b'{"chat_id":%d%b' % (chat_id, prepared)
        else:
            body = b'{"chat_id":%d,"message_thread_id":%d%b' % (route[0], route[1], prepared)
        try:
            async with self.session.post(self._url, data=body) as response:
                status = response.status
                payload = await response.read()
        except TimeoutError as exc:
            raise TimedOut("Timed out") from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc
        try:
            answer = json.loads(payload)
        except ValueError:
            answer = None
        if status == HTTPStatus.OK and isinstance(answer, dict) and answer.get("ok"):
            return int(answer["result"]["message_id"])
        raise api_error(status, answer if isinstance(answer, dict) else None)

    async def send_text(self, chat_id: int, text: str, preview_url: str | None = None) -> int:
        return await self.send(chat_id, prepare(text, preview_url))
