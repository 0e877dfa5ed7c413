"""Webhook mode: a small tornado server that checks every request before reading its body.

PTB's own webhook server reads the whole body (up to tornado's 100 MB default)
before it looks at the secret header, and answers malformed JSON with 500.
This one streams the body: the secret and Content-Length are checked as soon
as the headers arrive, and a request without the right secret is refused
(403) with its body never read. Nothing larger than MAX_BODY is ever
buffered. Malformed JSON gets 400.

Slow or idle peers cannot hold it: headers must arrive within HEADER_TIMEOUT
(also the idle time allowed between requests on a kept-alive connection), a
body within BODY_TIMEOUT, and at most MAX_CONNECTIONS are open at once (more
are closed as they are accepted). Connections are accepted by ``Listener``
rather than tornado's accept loop, which, out of file descriptors (EMFILE),
retries at once and logs a traceback each time: here accepting pauses for
ACCEPT_PAUSE seconds with one log line. A reverse proxy in front (README) is
still the better first line.

It follows PTB's documented pattern for a custom webhook server: set the
webhook, feed updates to application.update_queue, and run the application's
lifecycle around it.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hmac
import json
import logging
import re
import signal
import socket
import time
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

import tornado.web
from telegram import Update
from telegram.ext import ExtBot
from tornado.httpserver import HTTPServer
from tornado.iostream import IOStream
from tornado.netutil import bind_sockets

from bot.services import AnyApp

log = logging.getLogger(__name__)

# An update is a few kilobytes; Telegram's largest (a long message with many
# entities) stays far below this.
MAX_BODY = 1_000_000
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
HEADER_TIMEOUT = 10.0  # seconds for a request's headers, and idle between requests
BODY_TIMEOUT = 10.0  # seconds for its body (at most MAX_BODY)
# Telegram opens at most 100 connections (setWebhook's max_connections, default 40).
MAX_CONNECTIONS = 256
ACCEPT_PAUSE = 1.0  # seconds accepting pauses when the process is out of descriptors
ACCEPT_BATCH = 64  # connections accepted per wake-up, so accepting cannot starve the loop
DISCARD_BYTES = 256 * 1024  # a refused request's body bytes thrown away, not read
LOG_EVERY = 60.0  # seconds between two "out of descriptors" log lines
_OUT_OF_RESOURCES = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})


@tornado.web.stream_request_body
class UpdateHandler(tornado.web.RequestHandler):
    """POST /<path>: one Telegram update as JSON, with the secret header."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, bot_app: AnyApp, secret: str) -> None:
        self.bot_app = bot_app
        self.secret = secret
        self.chunks: list[bytes] = []
        self.size = 0
        self.refusal: HTTPStatus | None = None

    def prepare(self) -> None:
        # Runs when the headers are in and before any of the body is read.
        length = self.request.headers.get("Content-Length", "")
        if length and (not length.isascii() or not length.isdigit() or len(length) > 12):
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST)
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            # Refused now: the connection closes with the body never read, so a
            # stranger cannot hold it open by sending a body slowly.
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        if length and int(length) > MAX_BODY:
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        content_type = self.request.headers.get("Content-Type", "").split(";")[0].strip()
        if content_type != "application/json":
            self.refusal = self.refusal or HTTPStatus.UNSUPPORTED_MEDIA_TYPE
        # A chunked body has no length up front: tornado stops reading it past this.
        if self.request.connection is not None:
            self.request.connection.set_max_body_size(MAX_BODY)  # type: ignore[attr-defined]

    def data_received(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > MAX_BODY:
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        if self.refusal is None:
            self.chunks.append(chunk)

    async def post(self) -> None:
        if self.refusal is not None:
            raise tornado.web.HTTPError(self.refusal)
        try:
            data = json.loads(b"".join(self.chunks))
            if not isinstance(data, dict):
                raise ValueError("not an object")
            update = Update.de_json(data, self.bot_app.bot)
        except Exception:  # any malformed update is the sender's error: 400, not 500
            # Not logged with the data: an update carries names and message texts.
            log.warning("webhook: refused a malformed update")
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        bot = self.bot_app.bot
        if isinstance(bot, ExtBot):
            bot.insert_callback_data(update)
        await self.bot_app.update_queue.put(update)
        self.set_status(HTTPStatus.OK)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        # A bare status: no traceback or reason that could echo what was sent. The
        # connection closes (a refused body was never read), and the client is told so.
        self.set_header("Connection", "close")
        self.finish()

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        """HTTPErrors are the answers above, not faults worth a log line."""
        if not isinstance(value, tornado.web.HTTPError):
            log.error("webhook: error while receiving an update", exc_info=(typ, value, tb))


class _Stream(IOStream):
    """An IOStream that, closing, first throws away what already arrived unread."""

    def close_fd(self) -> None:
        if isinstance(self.socket, socket.socket):
            _discard_arrived(self.socket)
        super().close_fd()


def _discard_arrived(sock: socket.socket) -> None:
    """Throw away bytes that already arrived (at most DISCARD_BYTES), without waiting for
    more: a refused request's unread body would make the close a reset, and the client
    would lose the 403 sent just before."""
    discarded = 0
    with contextlib.suppress(OSError):  # BlockingIOError: nothing more has arrived
        while discarded < DISCARD_BYTES:
            chunk = sock.recv(65536)
            if not chunk:
                break
            discarded += len(chunk)


class _Quiet(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """No access log: it would record every caller's address."""


class Server(HTTPServer):
    """tornado's HTTPServer, counting its open connections for Listener's cap."""

    open_connections = 0

    def handle_stream(self, stream: IOStream, address: Any) -> None:
        self.open_connections += 1
        super().handle_stream(stream, address)

    def on_close(self, server_conn: object) -> None:
        self.open_connections -= 1
        super().on_close(server_conn)


def make_server(application: AnyApp, url_path: str, secret: str) -> Server:
    """The HTTP server for updates at /url_path; bodies over MAX_BODY are never buffered."""
    # The path is matched literally: "/tg/bot+1" is a path, not a pattern.
    route = rf"/{re.escape(url_path.strip('/'))}/?"
    app = _Quiet([(route, UpdateHandler, {"bot_app": application, "secret": secret})])
    return Server(
        app,
        max_body_size=MAX_BODY,
        max_buffer_size=MAX_BODY + 65536,
        idle_connection_timeout=HEADER_TIMEOUT,
        body_timeout=BODY_TIMEOUT,
    )


class Listener:
    """Accepts connections for a Server: at most max_connections open, and out of file
    descriptors it pauses (one log line a minute) instead of spinning."""

    def __init__(self, server: Server, sockets: Sequence[socket.socket]) -> None:
        self.server = server
        self.sockets = list(sockets)
        self.max_connections = MAX_CONNECTIONS
        self.refused = 0  # connections closed at once: over the cap
        self.pauses = 0  # times accepting paused, out of descriptors
        self._last_log = -LOG_EVERY
        self._loop = asyncio.get_running_loop()
        self._timers: list[asyncio.TimerHandle] = []

    @classmethod
    def bind(cls, server: Server, port: int, address: str) -> Listener:
        return cls(server, bind_sockets(port, address=address))

    def start(self) -> None:
        for sock in self.sockets:
            self._loop.add_reader(sock.fileno(), self._accept, sock)

    def close(self) -> None:
        for timer in self._timers:
            timer.cancel()
        for sock in self.sockets:
            self._loop.remove_reader(sock.fileno())
            sock.close()
        self.sockets = []

    def _accept(self, sock: socket.socket) -> None:
        for _ in range(ACCEPT_BATCH):
            try:
                connection, address = sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except ConnectionAbortedError:
                continue
            except OSError as exc:
                if exc.errno not in _OUT_OF_RESOURCES:
                    raise
                self._pause(sock)
                return
            if self.server.open_connections >= self.max_connections:
                self.refused += 1
                connection.close()
                continue
            stream = _Stream(
                connection,
                max_buffer_size=self.server.max_buffer_size,
                read_chunk_size=self.server.read_chunk_size,
            )
            self.server.handle_stream(stream, address)

    def _pause(self, sock: socket.socket) -> None:
        self.pauses += 1
        self._loop.remove_reader(sock.fileno())
        now = time.monotonic()
        if now - self._last_log >= LOG_EVERY:
            self._last_log = now
            log.warning(
                "webhook: out of file descriptors with %d connection(s) open; "
                "not accepting for %gs (put a reverse proxy in front, or raise the limit)",
                self.server.open_connections,
                ACCEPT_PAUSE,
            )
        self._timers = [t for t in self._timers if not t.cancelled()]
        self._timers.append(self._loop.call_later(ACCEPT_PAUSE, self._resume, sock))

    def _resume(self, sock: socket.socket) -> None:
        if sock in self.sockets:
            self._loop.add_reader(sock.fileno(), self._accept, sock)


async def serve(
    application: AnyApp,
    *,
    listen: str,
    port: int,
    url_path: str,
    webhook_url: str,
    secret: str,
    stop: asyncio.Event | None = None,
) -> None:
    """Run the application on a webhook until SIGINT/SIGTERM (or `stop` is set).

    The same sequence as Application.run_webhook: initialize, post_init, set
    the webhook, start, then stop, shutdown and post_shutdown on the way out.
    """
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    await application.initialize()
    server: Server | None = None
    listener: Listener | None = None
    try:
        if application.post_init is not None:
            await application.post_init(application)
        server = make_server(application, url_path, secret)
        listener = Listener.bind(server, port, listen)
        listener.start()
        await application.bot.set_webhook(
            url=webhook_url, allowed_updates=Update.ALL_TYPES, secret_token=secret
        )
        await application.start()
        try:
            await stop.wait()
        finally:
            listener.close()
            await server.close_all_connections()
            listener = None
            await application.stop()
    finally:
        if listener is not None:
            listener.close()
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
