"""Getting briefs to subscribers: the outbox worker and daily digests.

The application-facing calls of the outbox worker are re-exported here, so callers say
``delivery.wake(application)`` without knowing which module holds the worker.
"""

from bot.delivery.worker import DeliveryWorker, current_rate, running_worker, start, stop, wake

__all__ = ["DeliveryWorker", "current_rate", "running_worker", "start", "stop", "wake"]
