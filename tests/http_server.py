"""A local HTTP server for tests that fetch over real sockets.

Tests must not touch the internet, but mocking the HTTP client would hide the
parts worth testing (redirect hops, streaming limits, timeouts, headers on the
wire). So tests register routes on an aiohttp server bound to 127.0.0.1 on a
random port and point the real client at it.

Tests take the ``http_server`` fixture (and ``http_client``, a client built like
the bot's): tests/conftest.py loads this module as a plugin (``pytest_plugins``),
so every test module has them without importing anything. pytest's default
"prepend" import mode puts tests/ on sys.path (there is no tests/__init__.py),
so ``import http_server`` works from conftest.py and any test module.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime

import httpx
import pytest
from aiohttp import web
from multidict import CIMultiDict, CIMultiDictProxy

from bot.sources.client import make_client

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

TEST_USER_AGENT = "newsbrief-tests/1.0 (+local)"


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it; ``headers`` is case-insensitive."""

    method: str
    path: str  # path and query string
    headers: CIMultiDictProxy[str]


@dataclass
class StreamStats:
    """How much a streaming route actually sent (to prove a client gave up early)."""

    sent: int = 0
    finished: bool = False
    disconnected: bool = False


@dataclass
class LocalHTTPServer:
    """Routes set by tests, served on 127.0.0.1:<random port>."""

    host: str = "127.0.0.1"
    requests: list[RecordedRequest] = field(default_factory=list)
    streams: dict[str, StreamStats] = field(default_factory=dict)
    _routes: dict[str, Handler] = field(default_factory=dict)
    _runner: web.AppRunner | None = None
    _port: int = 0
    _closing: asyncio.Event = field(default_factory=asyncio.Event)

    # --- lifecycle -----------------------------------------------------------

    async def start(self, port: int = 0) -> None:
        """Listen on ``host``:``port`` (0: a random free port)."""
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        # A short shutdown timeout: hanging handlers are cancelled, not awaited.
        self._runner = web.AppRunner(app, shutdown_timeout=0.5, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, port)
        await site.start()
        self._port = int(self._runner.addresses[0][1])

    async def close(self) -> None:
        self._closing.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # --- addresses and logs ---------------------------------------------------

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self._port}"

    def url(self, path: str) -> str:
        if not path.startswith("/"):
            path = "/" + path
        return self.base_url + path

    def requests_to(self, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == path]

    @property
    def last_request(self) -> RecordedRequest:
        return self.requests[-1]

    # --- routes ----------------------------------------------------------------

    def handler(self, path: str, handler: Handler) -> None:
        """Register any aiohttp handler (escape hatch for odd cases)."""
        self._routes[path] = handler

    def route(
        self,
        path: str,
        body: bytes | str,
        *,
        status: int = 200,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
    ) -> None:
        """A fixed response. ``content_type=None`` sends no Content-Type at all."""
        payload = body.encode("utf-8") if isinstance(body, str) else body

        async def handle(request: web.Request) -> web.StreamResponse:
            if delay:
                await asyncio.sleep(delay)
            response = web.StreamResponse(status=status, headers=headers or {})
            if content_type is not None:
                response.headers["Content-Type"] = content_type
            response.content_length = len(payload)
            await response.prepare(request)
            await response.write(payload)
            await response.write_eof()
            return response

        self._routes[path] = handle

    def redirect(self, path: str, to: str, status: int = 302) -> None:
        """Redirect to ``to``, sent verbatim as Location (relative paths stay relative)."""

        async def handle(request: web.Request) -> web.StreamResponse:
            return web.Response(status=status, headers={"Location": to})

        self._routes[path] = handle

    def conditional(
        self,
        path: str,
        body: bytes | str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        content_type: str = "application/rss+xml; charset=utf-8",
    ) -> None:
        """Answers 304 when If-None-Match matches ``etag`` or If-Modified-Since is
        not older than ``last_modified`` (an HTTP date), like a well-behaved server."""
        payload = body.encode("utf-8") if isinstance(body, str) else body

        async def handle(request: web.Request) -> web.StreamResponse:
            validators: dict[str, str] = {}
            if etag is not None:
                validators["ETag"] = etag
            if last_modified is not None:
                validators["Last-Modified"] = last_modified
            if etag is not None and "If-None-Match" in request.headers:
                tags = [t.strip() for t in request.headers["If-None-Match"].split(",")]
                if etag in tags or "*" in tags:
                    return web.Response(status=304, headers=validators)
            elif last_modified is not None and "If-Modified-Since" in request.headers:
                try:
                    since = parsedate_to_datetime(request.headers["If-Modified-Since"])
                    changed = parsedate_to_datetime(last_modified)
                except (TypeError, ValueError):
                    pass  # an unparseable date means "send the body"
                else:
                    if changed <= since:
                        return web.Response(status=304, headers=validators)
            headers = {"Content-Type": content_type, **validators}
            return web.Response(body=payload, headers=headers)

        self._routes[path] = handle

    def stream(
        self,
        path: str,
        total_bytes: int,
        *,
        chunk_size: int = 64 * 1024,
        delay: float = 0.0,
        declared_length: int | None = None,
        content_type: str = "application/octet-stream",
    ) -> StreamStats:
        """Stream ``total_bytes`` in chunks generated on the fly (never allocated
        whole), sleeping ``delay`` between chunks. ``declared_length`` sets a
        Content-Length header (otherwise chunked). Returns live stats."""
        stats = StreamStats()
        self.streams[path] = stats
        chunk = b"x" * chunk_size

        async def handle(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers={"Content-Type": content_type})
            if declared_length is not None:
                response.content_length = declared_length
            else:
                response.enable_chunked_encoding()
            await response.prepare(request)
            try:
                while stats.sent < total_bytes:
                    piece = chunk[: min(chunk_size, total_bytes - stats.sent)]
                    await response.write(piece)
                    stats.sent += len(piece)
                    if delay:
                        await asyncio.sleep(delay)
                await response.write_eof()
                stats.finished = True
            except (ConnectionError, RuntimeError):
                # The client went away (what the size-limit tests want).
                stats.disconnected = True
            return response

        self._routes[path] = handle
        return stats

    def hang(self, path: str) -> None:
        """Accept the request and never answer (until the server closes)."""

        async def handle(request: web.Request) -> web.StreamResponse:
            await self._closing.wait()
            return web.Response(status=503)

        self._routes[path] = handle

    # --- dispatch ----------------------------------------------------------------

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(
            RecordedRequest(
                method=request.method,
                path=request.path_qs,
                headers=CIMultiDictProxy(CIMultiDict(request.headers)),
            )
        )
        handler = self._routes.get(request.path_qs) or self._routes.get(request.path)
        if handler is None:
            return web.Response(status=404, text="no such test route")
        return await handler(request)


def http_date(when: datetime) -> str:
    """An HTTP-date for a timezone-aware UTC datetime (Last-Modified values in tests)."""
    return format_datetime(when, usegmt=True)


# Registered under the names tests use as parameters; the functions have other
# names so that importing them does not shadow (and trip ruff's F811 on) the
# parameters.
@pytest.fixture(name="http_server")
async def http_server_fixture() -> AsyncIterator[LocalHTTPServer]:
    server = LocalHTTPServer()
    await server.start()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture(name="http_client")
async def http_client_fixture() -> AsyncIterator[httpx.AsyncClient]:
    """A client built exactly like the bot's, with a recognisable User-Agent; private
    addresses allowed, since this server is on loopback (NEWSBRIEF_FETCH_ALLOW_PRIVATE=1)."""
    client = make_client(user_agent=TEST_USER_AGENT, timeout=5.0, allow_private=True)
    try:
        yield client
    finally:
        await client.aclose()
