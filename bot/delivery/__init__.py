"""Getting briefs to subscribers: the outbox worker and daily digests.

This module is the application-facing side of the outbox worker: callers say
``delivery.wake(application)`` and never see where the worker is kept (in the
services, as ``delivery``). ``bot.delivery.worker`` itself knows only Settings, the
database and its transport, never the application.
"""

from __future__ import annotations

import logging

from bot.delivery import budget as send_budget
from bot.delivery import transport
from bot.delivery.worker import ChatGone, ChatMoved, DeliveryWorker, max_in_flight, worker_rate
from bot.services import AnyApp, app_services

__all__ = ["DeliveryWorker", "current_rate", "running_worker", "start", "stop", "wake"]

log = logging.getLogger("bot.delivery.worker")


def running_worker(application: AnyApp) -> DeliveryWorker | None:
    services = application.bot_data.services
    return services.delivery if services is not None else None


async def start(
    application: AnyApp,
    *,
    on_chat_gone: ChatGone | None = None,
    on_chat_migrated: ChatMoved | None = None,
) -> DeliveryWorker:
    """Build and start the worker; kept in the services as ``delivery``.

    The callbacks tell the caller (app.post_init: the digests) that a chat went
    away or moved, so this package never imports the digests.
    """
    existing = running_worker(application)
    if existing is not None:
        return existing
    svc = app_services(application)
    settings = svc.settings
    rate = worker_rate(settings)
    sender = transport.Transport(
        settings.api_base_url, settings.require_token(), max_in_flight(rate)
    )
    instance = DeliveryWorker(
        settings,
        svc.db,
        sender,
        on_chat_gone=on_chat_gone,
        on_chat_migrated=on_chat_migrated,
        budget=send_budget.of(application.bot),
    )
    svc.delivery = instance
    instance.start()
    log.info(
        "delivery worker started: %.1f messages/s overall, %d in flight at most",
        instance.rate,
        instance.max_in_flight,
    )
    return instance


async def stop(application: AnyApp) -> None:
    """Stop the worker cleanly and close its connections (idempotent)."""
    instance = running_worker(application)
    if instance is None:
        return
    try:
        await instance.stop()
    finally:
        app_services(application).delivery = None
        await instance.transport.close()


def wake(application: AnyApp) -> None:
    """New rows are queued: send them now instead of at the next poll."""
    instance = running_worker(application)
    if instance is not None:
        instance.wake()


def current_rate(application: AnyApp) -> float:
    """Messages per second the worker sent over the last minute."""
    instance = running_worker(application)
    return instance.current_rate() if instance is not None else 0.0

