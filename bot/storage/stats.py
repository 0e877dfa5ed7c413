"""Aggregate counts for operators: numbers only, never who."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.storage.db import Database


@dataclass(frozen=True)
class Stats:
    articles: int
    chats: int
    active_chats: int
    subscriptions: int
    digest_chats: int
    pending: int
    sent: int
    failed: int
    feeds: int


async def collect_stats(db: Database) -> Stats:
    async with db.conn.execute(
        """
        SELECT
            (SELECT count(*) FROM articles) AS articles,
            (SELECT count(*) FROM chats) AS chats,
            (SELECT count(*) FROM chats WHERE active = 1) AS active_chats,
            (SELECT count(*) FROM subscriptions) AS subscriptions,
            (SELECT count(*) FROM chats WHERE digest_time IS NOT NULL) AS digest_chats,
            (SELECT count(*) FROM deliveries
                WHERE status IN ('pending', 'sending', 'digest')) AS pending,
            (SELECT count(*) FROM deliveries WHERE status = 'sent') AS sent,
            (SELECT count(*) FROM deliveries WHERE status = 'failed') AS failed,
            (SELECT count(*) FROM feeds) AS feeds
        """
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return Stats(**{key: int(row[key]) for key in row.keys()})  # noqa: SIM118 - Row has no __iter__ of keys


@dataclass(frozen=True)
class OutboxFigures:
    """What a scrape reads: rows per outbox status, the oldest waiting row, failing feeds."""

    outbox: dict[str, int]
    oldest_pending: str | None  # created_at of the oldest pending or sending row
    feeds_failing: int


async def outbox_figures(db: Database, statuses: Sequence[str]) -> OutboxFigures:
    """Read on one of the bot's read-only connections, so a scrape never waits behind a write."""
    outbox: dict[str, int] = {}
    async with db.reading() as conn:
        for status in statuses:
            # One index range per status (deliveries_due starts with status).
            found = await conn.execute_fetchall(
                "SELECT count(*) FROM deliveries WHERE status = ?", (status,)
            )
            outbox[status] = int(next(iter(found))[0])
        found = await conn.execute_fetchall(
            "SELECT min(created_at) FROM deliveries WHERE status IN ('pending', 'sending')"
        )
        oldest = next(iter(found))[0]
        found = await conn.execute_fetchall(
            "SELECT count(*) FROM feeds WHERE consecutive_failures > 0"
        )
        failing = int(next(iter(found))[0])
    return OutboxFigures(outbox=outbox, oldest_pending=oldest or None, feeds_failing=failing)
