"""The outbox's HTTP send path: sendMessage without PTB's per-call objects.

Every subscriber of an article gets the same message, so ``prepare`` serialises
its JSON once and ``send`` only splices in the chat id. Answers are read for
``ok``, ``result.message_id`` and the error fields; a refusal is raised as the
same ``telegram.error`` exception PTB would raise, so ``policy.classify``
handles both paths alike. Replies to commands and everything else still go
through PTB.

httpcore walks every connection of its pool whenever it assigns a request, so
one pool of 64 busy connections costs several times the CPU per message of
eight pools of eight: sends go to the least busy of a few small clients.
HTTP/2 (one connection, multiplexed) would avoid the walk, but needs the
pure-Python ``h2`` package, whose framing costs more CPU than the walk saves,
and the test server speaks HTTP/1.1 only; so HTTP/1.1 with keep-alive it is.
"""

from __future__ import annotations

import asyncio
import json
import math
from http import HTTPStatus
from typing import Any

import httpx
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

SHARD_CONNECTIONS = 8
MAX_SHARDS = 8
HEADERS = {"Content-Type": "application/json"}
TIMEOUT = httpx.Timeout(connect=10.0, read=20.0, write=20.0, pool=30.0)


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
    """sendMessage over a few shared keep-alive httpx clients."""

    def __init__(self, api_base_url: str, token: str, connections: int) -> None:
        count = min(MAX_SHARDS, max(1, math.ceil(connections / SHARD_CONNECTIONS)))
        per_shard = math.ceil(connections / count)
        limits = httpx.Limits(max_connections=per_shard, max_keepalive_connections=per_shard)
        self._clients = [
            httpx.AsyncClient(limits=limits, timeout=TIMEOUT, headers=HEADERS)
            for _ in range(count)
        ]
        self._busy = [0] * count
        self._url = httpx.URL(f"{api_base_url}{token}/sendMessage")

    async def close(self) -> None:
        await asyncio.gather(*(client.aclose() for client in self._clients))

    async def send(self, chat_id: int, prepared: bytes) -> int:
        """Send a prepared message to chat_id; its message id, or the API's error raised."""
        body = b'{"chat_id":%d%b' % (chat_id, prepared)
        index = self._busy.index(min(self._busy))
        self._busy[index] += 1
        try:
            response = await self._clients[index].post(self._url, content=body)
        except httpx.TimeoutException as exc:
            raise TimedOut(f"Timed out: {type(exc).__name__}") from exc
        except httpx.HTTPError as exc:
            raise NetworkError(f"httpx.{type(exc).__name__}: {exc}") from exc
        finally:
            self._busy[index] -= 1
        try:
            answer = json.loads(response.content)
        except ValueError:
            answer = None
        if response.status_code == HTTPStatus.OK and answer is not None and answer.get("ok"):
            return int(answer["result"]["message_id"])
        raise api_error(response.status_code, answer if isinstance(answer, dict) else None)

    async def send_text(self, chat_id: int, text: str, preview_url: str | None = None) -> int:
        return await self.send(chat_id, prepare(text, preview_url))
