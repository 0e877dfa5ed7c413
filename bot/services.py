"""The long-lived objects handlers need, opened in post_init and closed in post_shutdown.

They live in ``application.bot_data["services"]``; handlers reach them as
``context.services`` through CustomContext (the pattern of PTB's ``contexttypesbot.py``
example), jobs and lifecycle hooks through ``app_services(application)``.
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

if TYPE_CHECKING:  # the worker module imports this one
    from bot.delivery.worker import DeliveryWorker

KEY = "services"

# PTB's Application is generic in six types this project never narrows.
AnyApp = Application[Any, Any, Any, Any, Any, Any]


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


def app_services(application: AnyApp) -> Services:
    found = application.bot_data[KEY]
    assert isinstance(found, Services)
    return found


class CustomContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """The context every handler and job gets (ContextTypes(context=CustomContext) in app.py)."""

    @property
    def services(self) -> Services:
        return app_services(self.application)


Context = CustomContext
