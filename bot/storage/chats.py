"""The chats row that every chat's own write starts from: a keyword or source subscription,
a muted word. One statement, so every such write records the chat alike."""

from __future__ import annotations

import aiosqlite

from bot.storage.db import utcnow


async def upsert_chat(
    conn: aiosqlite.Connection, chat_id: int, chat_type: str, language_code: str | None = None
) -> None:
    """Insert the chat, or refresh its type and (when given) its sender's language.

    A chat that comes back is active again (see deliveries.chat_blocked): it is talking to
    us, so it can be sent to.
    """
    now = utcnow()
    await conn.execute(
        "INSERT INTO chats (chat_id, chat_type, language_code, active, created_at, updated_at) "
        "VALUES (?, ?, ?, 1, ?, ?) "
        "ON CONFLICT (chat_id) DO UPDATE SET chat_type = excluded.chat_type, "
        "language_code = coalesce(excluded.language_code, chats.language_code), "
        "active = 1, updated_at = excluded.updated_at",
        (chat_id, chat_type, language_code, now, now),
    )
