"""Webhook mode: a small tornado server that checks every request before reading its body.

PTB's own webhook server reads the whole body (up to tornado's 100 MB default)
before it looks at the secret header, and answers malformed JSON with 500.
This one streams the body: the secret and Content-Length are checked as soon
as the headers arrive. A request without the secret that announces more than
MAX_BODY (or no length at all) is refused with its body never read; a small
one is drained without being kept, then refused. Nothing larger than MAX_BODY
is ever buffered. Malformed JSON gets 400.

It follows PTB's documented pattern for a custom webhook server: set the
webhook, feed updates to application.update_queue, and run the application's
lifecycle around it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
from http import HTTPStatus
from typing import Any

import tornado.web
from telegram import Update
from telegram.ext import ExtBot
from tornado.httpserver import HTTPServer

from bot.services import AnyApp

log = logging.getLogger(__name__)

# An update is a few kilobytes; Telegram's largest (a long message with many
# entities) stays far below this.
MAX_BODY = 1_000_000
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name


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
        authorized = hmac.compare_digest(given.encode(), self.secret.encode())
        large = not length or int(length) > MAX_BODY  # no length: chunked, size unknown
        if not authorized and large:
            # Refused now, the connection closes with the body never read.
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        if length and int(length) > MAX_BODY:
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        if not authorized:
            # A small body is drained (not kept) before the 403: answering while
            # the client still sends would reset the connection under the answer.
            self.refusal = HTTPStatus.FORBIDDEN
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
        # A bare status: no traceback or reason that could echo what was sent.
        self.finish()

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        """HTTPErrors are the answers above, not faults worth a log line."""
        if not isinstance(value, tornado.web.HTTPError):
            log.error("webhook: error while receiving an update", exc_info=(typ, value, tb))


class _Quiet(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """No access log: it would record every caller's address."""


def make_server(application: AnyApp, url_path: str, secret: str) -> HTTPServer:
    """The HTTP server for updates at /url_path; bodies over MAX_BODY are never buffered."""
    route = rf"/{url_path.strip('/')}/?"
    app = _Quiet([(route, UpdateHandler, {"bot_app": application, "secret": secret})])
    return HTTPServer(app, max_body_size=MAX_BODY, max_buffer_size=MAX_BODY + 65536)


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
    server: HTTPServer | None = None
    try:
        if application.post_init is not None:
            await application.post_init(application)
        server = make_server(application, url_path, secret)
        server.listen(port, address=listen)
        await application.bot.set_webhook(
            url=webhook_url, allowed_updates=Update.ALL_TYPES, secret_token=secret
        )
        await application.start()
        try:
            await stop.wait()
        finally:
            server.stop()
            await server.close_all_connections()
            server = None
            await application.stop()
    finally:
        if server is not None:
            server.stop()
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
