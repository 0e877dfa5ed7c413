"""Forum topics as delivery targets.

In a forum supergroup, /subscribe, /digest, /language and /mute apply to the
topic they are sent in. Each topic gets a target id, TOPIC_BASE - n, which
every other table stores where it would store a chat id: subscriptions,
mutes, the digest time, the language and the outbox rows are then per topic
with no other schema change. Telegram's chat ids use at most 52 bits, so a
target id can never be a real chat's. Sending maps a target back to its chat
and message_thread_id (resolve).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from bot.storage.db import Database

TOPIC_BASE = -(1 << 62)


def is_topic(target: int) -> bool:
    return target <= TOPIC_BASE


async def target_for(db: Database, chat_id: int, thread_id: int) -> int:
    """The target id of a topic, made on first use."""
    async with db.conn.execute(
        "SELECT id FROM topics WHERE chat_id = ? AND thread_id = ?", (chat_id, thread_id)
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO topics (chat_id, thread_id) VALUES (?, ?) "
                "ON CONFLICT (chat_id, thread_id) DO NOTHING",
                (chat_id, thread_id),
            )
            async with conn.execute(
                "SELECT id FROM topics WHERE chat_id = ? AND thread_id = ?", (chat_id, thread_id)
            ) as cursor:
                row = await cursor.fetchone()
    assert row is not None
    return TOPIC_BASE - int(row[0])


async def resolve(db: Database, targets: Iterable[int]) -> dict[int, tuple[int, int]]:
    """{target id: (chat id, message_thread_id)} for the topic targets among targets."""
    wanted = [TOPIC_BASE - t for t in set(targets) if is_topic(t)]
    if not wanted:
        return {}
    async with db.conn.execute(
        "SELECT id, chat_id, thread_id FROM topics WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(wanted),),
    ) as cursor:
        return {TOPIC_BASE - r[0]: (r[1], r[2]) for r in await cursor.fetchall()}


async def targets_of(db: Database, chat_id: int) -> list[int]:
    """The target ids of every topic of a chat that ever used the bot."""
    async with db.conn.execute("SELECT id FROM topics WHERE chat_id = ?", (chat_id,)) as cursor:
        return [TOPIC_BASE - r[0] for r in await cursor.fetchall()]
