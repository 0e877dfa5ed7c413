"""A chat's reply language (chosen with /language) and what resolving it needs.

Only a catalog code is stored ("de", "pt_BR"): nothing about the person who chose it.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot import i18n
from bot.storage.db import Database, utcnow


@dataclass(frozen=True)
class ChatLanguage:
    chosen: str | None  # set with /language
    language_code: str | None  # the last subscribing sender's, from Telegram
    chat_type: str
    digest_tz: str | None


async def chat_language(db: Database, chat_id: int) -> ChatLanguage | None:
    async with db.conn.execute(
        "SELECT language, language_code, chat_type, digest_tz FROM chats WHERE chat_id = ?",
        (chat_id,),
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    return ChatLanguage(row["language"], row["language_code"], row["chat_type"], row["digest_tz"])


async def chat_locale(db: Database, chat_id: int) -> i18n.ChatLocale:
    """How to speak to a chat outside an update (digests, pushed briefs): its chosen
    language, else in a private chat its subscriber's, else English; its digest zone."""
    found = await chat_language(db, chat_id)
    if found is None:
        return i18n.ChatLocale()
    language = i18n.resolve(found.chosen, found.chat_type, found.language_code)
    return i18n.ChatLocale(language, found.digest_tz)


async def set_chat_language(db: Database, chat_id: int, chat_type: str, language: str) -> None:
    """Store the chat's reply language, creating its row (as subscribing would) if needed."""
    now = utcnow()
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO chats (chat_id, chat_type, language, active, created_at, updated_at) "
            "VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET "
            "language = excluded.language, updated_at = excluded.updated_at",
            (chat_id, chat_type, language, now, now),
        )
