"""Chats, their subscriptions, and matching a new article against all of them.

Privacy: a chat is stored as its id, type and language code, with its
subscriptions and digest choice. Nothing else about a person is kept.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import aiosqlite

from bot.storage import mutes, sources
from bot.storage.chats import upsert_chat
from bot.storage.db import Database, utcnow
from bot.storage.topics import TOPIC_BASE
from bot.text import stems

ALL_NEWS = ""  # the terms of an "all news" subscription


@dataclass(frozen=True)
class Subscription:
    id: int
    keyword: str  # as the subscriber typed it; "" for all news
    created_at: str

    @property
    def is_all(self) -> bool:
        return self.keyword == ""


@dataclass(frozen=True)
class Chat:
    chat_id: int
    chat_type: str
    language_code: str | None
    active: bool
    digest_time: str | None
    digest_tz: str | None
    last_digest_at: str | None


class TooManySubscriptionsError(Exception):
    """Adding these keywords would take the chat over its cap; nothing was added."""


@dataclass(frozen=True)
class SubscribeResult:
    added: tuple[str, ...]
    already: tuple[str, ...]


def _terms(keyword: str) -> str:
    return " ".join(stems(keyword))


async def touch_chat(
    db: Database, chat_id: int, chat_type: str, language_code: str | None = None
) -> None:
    """Record a chat that talked to us; a chat that comes back is active again."""
    async with db.transaction() as conn:
        await upsert_chat(conn, chat_id, chat_type, language_code)


async def get_chat(db: Database, chat_id: int) -> Chat | None:
    async with db.conn.execute(
        "SELECT chat_id, chat_type, language_code, active, digest_time, digest_tz, "
        "last_digest_at FROM chats WHERE chat_id = ?",
        (chat_id,),
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    return Chat(
        chat_id=row["chat_id"],
        chat_type=row["chat_type"],
        language_code=row["language_code"],
        active=bool(row["active"]),
        digest_time=row["digest_time"],
        digest_tz=row["digest_tz"],
        last_digest_at=row["last_digest_at"],
    )


async def subscribe(
    db: Database,
    chat_id: int,
    chat_type: str,
    keywords: Sequence[str],
    language_code: str | None = None,
    *,
    max_subscriptions: int | None = None,
) -> SubscribeResult:
    """Add keyword subscriptions, or an all-news one when keywords is empty.

    With max_subscriptions, the count is checked in the same transaction as
    the inserts (BEGIN IMMEDIATE holds the write lock), so no two concurrent
    calls can both pass it: over the cap, TooManySubscriptionsError and nothing added.
    """
    wanted = list(keywords) or [ALL_NEWS]
    added: list[str] = []
    already: list[str] = []
    async with db.transaction() as conn:
        await upsert_chat(conn, chat_id, chat_type, language_code)
        for keyword in wanted:
            terms = _terms(keyword) if keyword else ALL_NEWS
            if keyword and not terms:
                continue
            cursor = await conn.execute(
                "INSERT INTO subscriptions (chat_id, keyword, terms, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (chat_id, terms) DO NOTHING",
                (chat_id, keyword, terms, utcnow()),
            )
            # A trigger indexes the new subscription's first stem for matching.
            (added if cursor.rowcount else already).append(keyword)
        if max_subscriptions is not None and added:
            async with conn.execute(
                "SELECT count(*) FROM subscriptions WHERE chat_id = ?", (chat_id,)
            ) as count_cursor:
                row = await count_cursor.fetchone()
            if row is not None and row[0] > max_subscriptions:
                raise TooManySubscriptionsError  # rolls the inserts back
    return SubscribeResult(tuple(added), tuple(already))


async def unsubscribe(db: Database, chat_id: int, keywords: Sequence[str] | None) -> list[str]:
    """Remove the given keyword subscriptions (all of them when None); return what went."""
    removed: list[str] = []
    async with db.transaction() as conn:
        if keywords is None:
            async with conn.execute(
                "DELETE FROM subscriptions WHERE chat_id = ? RETURNING keyword", (chat_id,)
            ) as cursor:
                removed = [row["keyword"] for row in await cursor.fetchall()]
        else:
            for keyword in keywords:
                terms = _terms(keyword) if keyword else ALL_NEWS
                async with conn.execute(
                    "DELETE FROM subscriptions WHERE chat_id = ? AND terms = ? RETURNING keyword",
                    (chat_id, terms),
                ) as cursor:
                    removed.extend(row["keyword"] for row in await cursor.fetchall())
        # Instant deliveries already queued for a subscription that is gone stay
        # queued: they were decided while the subscription existed.
    return removed


async def list_subscriptions(db: Database, chat_id: int) -> list[Subscription]:
    async with db.conn.execute(
        "SELECT id, keyword, created_at FROM subscriptions WHERE chat_id = ? ORDER BY id",
        (chat_id,),
    ) as cursor:
        return [
            Subscription(row["id"], row["keyword"], row["created_at"])
            for row in await cursor.fetchall()
        ]


async def forget_chat(db: Database, chat_id: int) -> bool:
    """Delete everything stored about a chat: the row, subscriptions, deliveries.

    secure_delete (set on every connection) zeroes the deleted rows; the
    checkpoint then copies the cleaned pages over the file and truncates the
    WAL, where the old pages would otherwise linger.
    A forum's topics go with it: every topic target of the chat (storage.topics).
    """
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "DELETE FROM chats WHERE chat_id = ? OR chat_id IN "
            "(SELECT ? - id FROM topics WHERE chat_id = ?)",
            (chat_id, TOPIC_BASE, chat_id),
        )
        deleted = cursor.rowcount > 0
        await conn.execute("DELETE FROM topics WHERE chat_id = ?", (chat_id,))
    await db.checkpoint()
    return deleted


async def set_digest(
    db: Database, chat_id: int, chat_type: str, time: str | None, tz: str | None
) -> None:
    """Switch a chat to one daily digest at time/tz, or back to instant with None.

    Going back to instant sends nothing retroactively: rows waiting for a
    digest are dropped so a subscriber is not flooded with old news.
    """
    async with db.transaction() as conn:
        await upsert_chat(conn, chat_id, chat_type, None)
        await conn.execute(
            "UPDATE chats SET digest_time = ?, digest_tz = ?, updated_at = ? WHERE chat_id = ?",
            (time, tz, utcnow(), chat_id),
        )
        if time is None:
            await conn.execute(
                "UPDATE deliveries SET status = 'dropped', error = 'digest turned off' "
                "WHERE chat_id = ? AND status = 'digest'",
                (chat_id,),
            )


async def digest_chats(db: Database) -> list[Chat]:
    """Active chats that want a daily digest (for scheduling their jobs)."""
    async with db.conn.execute(
        "SELECT chat_id, chat_type, language_code, active, digest_time, digest_tz, "
        "last_digest_at FROM chats WHERE digest_time IS NOT NULL AND active = 1"
    ) as cursor:
        rows = await cursor.fetchall()
    return [
        Chat(
            row["chat_id"],
            row["chat_type"],
            row["language_code"],
            bool(row["active"]),
            row["digest_time"],
            row["digest_tz"],
            row["last_digest_at"],
        )
        for row in rows
    ]


async def matching_chats(
    conn: aiosqlite.Connection, title: str, body: str, origin: Sequence[str] = ()
) -> dict[int, bool]:
    """Chats whose subscriptions match an article: {chat_id: wants_digest}.

    Candidates come from an index lookup of the article's own distinct stems
    (a few hundred) against the first stem of every keyword subscription, so
    the cost grows with the article and its matches, not with the number of
    subscriptions. Multi-word phrases are then confirmed against the article's
    stem sequence, and inactive chats dropped. origin is the article's source
    keys (storage.sources.article_sources), for source subscriptions.
    """
    sequence = stems(f"{title}\n{body}")
    joined = " " + " ".join(sequence) + " "
    # One statement, one trip to the database thread: keyword candidates by the
    # article's stems, source subscriptions by its source keys, all-news chats,
    # and the mutes whose first stem the article has (kind 0, 1, 2, 3).
    rows = await conn.execute_fetchall(
        "WITH article(stem) AS MATERIALIZED (SELECT value FROM json_each(?)) "
        "SELECT 0, chat_id, terms, digest FROM subscription_terms "
        "WHERE stem IN article AND active = 1 "
        "UNION ALL SELECT 1, s.chat_id, s.terms, c.digest_time IS NOT NULL "
        "FROM source_subscriptions s JOIN chats c ON c.chat_id = s.chat_id "
        "WHERE s.source IN (SELECT value FROM json_each(?)) AND c.active = 1 "
        "UNION ALL SELECT 2, s.chat_id, '', c.digest_time IS NOT NULL FROM subscriptions s "
        "JOIN chats c ON c.chat_id = s.chat_id WHERE s.terms = '' AND c.active = 1 "
        "UNION ALL SELECT 3, chat_id, terms, 0 FROM muted_words WHERE stem IN article",
        (json.dumps(sorted(set(sequence))), json.dumps(list(origin))),
    )
    found: tuple[list[tuple[int, bool]], ...] = ([], [], [], [])
    for kind, chat_id, terms, digest in rows:
        # A phrase (or a source's keyword) must be in the article as a whole.
        if not terms or (kind == 0 and " " not in terms) or f" {terms} " in joined:
            found[kind].append((chat_id, bool(digest)))
    # Keyword matches first, then sources, then all-news chats: outbox rows are
    # sent in this order, and someone who asked for this topic by name should
    # not wait behind a broadcast of the same article.
    matches: dict[int, bool] = {}
    for chat_id, digest in found[0]:
        matches[chat_id] = digest
    for chat_id, digest in found[1]:
        matches.setdefault(chat_id, digest)
    matches.update(found[2])
    # Muted words win over every subscription; only chats already matched matter.
    muted = {chat_id for chat_id, _digest in found[3]}
    return mutes.drop_muted(matches, muted) if muted & matches.keys() else matches


async def enqueue_deliveries(
    conn: aiosqlite.Connection,
    article_id: int,
    title: str,
    body: str,
    skip: Collection[int] = (),
) -> int:
    """Write the outbox rows for a new article inside the caller's transaction.

    skip: chats that already have a row for another report of the article's story.
    """
    origin = await sources.article_sources(conn, article_id)
    matches = await matching_chats(conn, title, body, origin)
    for chat_id in skip:
        matches.pop(chat_id, None)
    if not matches:
        return 0
    now = utcnow()
    await conn.executemany(
        "INSERT INTO deliveries (article_id, chat_id, status, next_attempt_at, created_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id, chat_id) DO NOTHING",
        [
            (article_id, chat_id, "digest" if digest else "pending", now, now)
            for chat_id, digest in matches.items()
        ],
    )
    return len(matches)
