"""Muted words: what a chat never wants pushed, whatever subscription matched.

A muted word or phrase is stored stemmed like a keyword subscription, so
"/mute elections" also mutes "election". Matching stays cheap: mutes are
indexed on their first stem, and subscriptions.matching_chats looks up the
article's own distinct stems there in the same statement as its keywords;
only the chats it already matched are filtered.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from bot.storage.chats import upsert_chat
from bot.storage.db import Database, utcnow
from bot.text import stems

V = TypeVar("V")


class TooManyMutesError(Exception):
    """Adding these words would take the chat over its cap; nothing was added."""


@dataclass(frozen=True)
class MuteResult:
    added: tuple[str, ...]
    already: tuple[str, ...]


def _terms(phrase: str) -> str:
    return " ".join(stems(phrase))


def stem_text(title: str, body: str) -> str:
    """An article's stems as " a b c ", so a phrase's terms are found with `in`."""
    return " " + " ".join(stems(f"{title}\n{body}")) + " "


async def mute(
    db: Database,
    chat_id: int,
    chat_type: str,
    phrases: Sequence[str],
    *,
    max_mutes: int | None = None,
) -> MuteResult:
    """Add muted words; the cap is checked in the same transaction as the inserts."""
    added: list[str] = []
    already: list[str] = []
    now = utcnow()
    async with db.transaction() as conn:
        await upsert_chat(conn, chat_id, chat_type)
        for phrase in phrases:
            terms = _terms(phrase)
            if not terms:
                continue
            cursor = await conn.execute(
                "INSERT INTO muted_words (chat_id, phrase, terms, stem, created_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id, terms) DO NOTHING",
                (chat_id, phrase, terms, terms.split(" ", 1)[0], now),
            )
            (added if cursor.rowcount else already).append(phrase)
        if max_mutes is not None and added:
            async with conn.execute(
                "SELECT count(*) FROM muted_words WHERE chat_id = ?", (chat_id,)
            ) as count_cursor:
                row = await count_cursor.fetchone()
            if row is not None and row[0] > max_mutes:
                raise TooManyMutesError  # rolls the inserts back
    return MuteResult(tuple(added), tuple(already))


async def unmute(db: Database, chat_id: int, phrases: Sequence[str] | None) -> list[str]:
    """Remove the given muted words (all of them when None); return what went."""
    removed: list[str] = []
    async with db.transaction() as conn:
        if phrases is None:
            async with conn.execute(
                "DELETE FROM muted_words WHERE chat_id = ? RETURNING phrase", (chat_id,)
            ) as cursor:
                removed = [row[0] for row in await cursor.fetchall()]
        else:
            for phrase in phrases:
                async with conn.execute(
                    "DELETE FROM muted_words WHERE chat_id = ? AND terms = ? RETURNING phrase",
                    (chat_id, _terms(phrase)),
                ) as cursor:
                    removed.extend(row[0] for row in await cursor.fetchall())
    return removed


async def list_mutes(db: Database, chat_id: int) -> list[str]:
    async with (
        db.reading() as conn,
        conn.execute(
            "SELECT phrase FROM muted_words WHERE chat_id = ? ORDER BY created_at, phrase",
            (chat_id,),
        ) as cursor,
    ):
        return [row[0] for row in await cursor.fetchall()]


def drop_muted(matches: Mapping[int, V], muted: set[int]) -> dict[int, V]:
    """matches without the muted chats, keeping its order (keyword matches first)."""
    return {chat_id: value for chat_id, value in matches.items() if chat_id not in muted}


async def chat_mutes(db: Database, chat_id: int) -> list[str]:
    """A chat's muted terms (stemmed), for filtering its digest when it is sent."""
    async with (
        db.reading() as conn,
        conn.execute("SELECT terms FROM muted_words WHERE chat_id = ?", (chat_id,)) as cursor,
    ):
        return [row[0] for row in await cursor.fetchall()]


def is_muted(terms: Iterable[str], title: str, body: str) -> bool:
    """Whether an article contains any of the stemmed terms (a digest's late check)."""
    wanted = list(terms)
    if not wanted:
        return False
    joined = stem_text(title, body)
    return any(f" {t} " in joined for t in wanted)


async def drop_muted_digest_rows(db: Database, delivery_ids: Sequence[int]) -> None:
    """Digest rows whose article a mute added after queueing now hides: never sent."""
    if not delivery_ids:
        return
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE deliveries SET status = 'dropped', error = 'muted' "
            "WHERE id IN (SELECT value FROM json_each(?)) AND status = 'digest'",
            (json.dumps(list(delivery_ids)),),
        )
