"""The long-lived objects handlers need, opened in post_init and closed in post_shutdown.

They live in ``application.bot_data.services``: PTB makes ``bot_data`` a ``BotData`` and
every handler's and job's context a ``CustomContext`` (``ContextTypes(context=CustomContext,
bot_data=BotData)`` in app.py, the pattern of PTB's ``contexttypesbot.py`` example).
Handlers and jobs reach them as ``context.services``; lifecycle hooks, the metrics server
and other code holding the application through ``app_services(application)``.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx
from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.pipeline import Briefer
from bot.sources.client import client_for
from bot.storage.db import Database

if TYPE_CHECKING:  # only a type: bot.delivery (the package) imports this module
    from bot.delivery.worker import DeliveryWorker



@dataclass
class Services:
    settings: Settings
    db: Database
    briefer: Briefer
    # Started by post_init after the services exist; None when the bot is not running.
    delivery: DeliveryWorker | None = None
    # Feeds being polled, and the slots (NEWSBRIEF_FEED_CONCURRENCY) that polls share
    # (see bot.jobs.run_polls): a feed is never polled twice at once, and a slow one holds
    # only its own slot.
    feeds_polling: set[int] = field(default_factory=set)
    feed_slots: asyncio.Semaphore | None = None

    # The HTTP client for feeds and pages: opened on the first feed poll or link post
    # (http_client()), closed at shutdown (close_http_client()).
    _http: httpx.AsyncClient | None = field(default=None, init=False, repr=False)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admin_ids

    def http_client(self) -> httpx.AsyncClient:
        """The running bot's HTTP client for feeds and links, opened on first use."""
        if self._http is None:
            self._http = client_for(self.settings)
        return self._http

    async def close_http_client(self) -> None:
        client, self._http = self._http, None
        if client is not None:
            await client.aclose()


class BotData:
    """``application.bot_data``: named, typed slots instead of string keys."""

    def __init__(self) -> None:
        # Set by post_init, cleared by post_shutdown: None while the bot is not running.
        self.services: Services | None = None
        # The bot.metrics.Metrics of this application (bot.metrics imports this module, so
        # the type is not named here; metrics.of() checks it).
        self.metrics: object | None = None


class NotRunningError(RuntimeError):
    """The services are asked for before post_init opened them or after shutdown closed them."""


class CustomContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """The context every handler and job gets."""

    @property
    def services(self) -> Services:
        return app_services(self.application)


Context = CustomContext

# The application as app.py builds it. Only bot_data is narrowed: a context's
# ``application`` leaves the others open (PTB types it Application[BT, ST, …, Any]).
AnyApp = Application[Any, Any, Any, Any, BotData, Any]


def app_services(application: AnyApp) -> Services:
    services = application.bot_data.services
    if services is None:
        raise NotRunningError("the bot's services are not open")
    return services
