"""Aggregate counts for operators: numbers only, never who."""

from __future__ import annotations

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
