"""Following one source: /subscribe source:<feed id or host> [keywords].

A source is a key: "feed:3" for one feed, "host:bbc.co.uk" for a site, which
also covers its subdomains (news.bbc.co.uk, www.bbc.co.uk). An article's own
keys (its feed, the hosts of its link and of its feed, and their parent
domains) are looked up in an index (by subscriptions.matching_chats), so
matching costs a handful of lookups whatever the number of source subscriptions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import aiosqlite

from bot.storage.chats import upsert_chat
from bot.storage.db import Database, utcnow
from bot.text import stems

_HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9-]{1,63})+$")


class TooManySourcesError(Exception):
    """Adding these would take the chat over its cap; nothing was added."""


@dataclass(frozen=True)
class SourceSubscription:
    source: str  # "feed:3" or "host:bbc.co.uk"
    keyword: str  # "" for everything from the source
    feed_label: str | None = None  # the feed's label or URL, when the source is a feed

    @property
    def feed_id(self) -> int | None:
        return int(self.source[5:]) if self.source.startswith("feed:") else None

    @property
    def host(self) -> str | None:
        return self.source[5:] if self.source.startswith("host:") else None


def host_key(text: str) -> str | None:
    """ "host:example.org" for a host name or a link (lower-cased, "www." dropped), else None."""
    text = text.strip().lower()
    if "://" in text:
        try:
            text = urlsplit(text).hostname or ""
        except ValueError:
            return None
    text = text.split("/", 1)[0].rstrip(".")
    try:
        # An internationalised name is stored as its ASCII (punycode) form, like a link's host.
        text = text.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    text = text.removeprefix("www.")
    return f"host:{text}" if _HOST.match(text) else None


def _hosts(url: str | None) -> list[str]:
    """host: keys of a link's host and every parent domain with at least two labels."""
    if not url:
        return []
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return []
    labels = host.removeprefix("www.").split(".")
    return [f"host:{'.'.join(labels[i:])}" for i in range(len(labels) - 1) if labels[i]]


async def article_sources(conn: aiosqlite.Connection, article_id: int) -> list[str]:
    """The source keys of a stored article: its feed, and the hosts of its link and feed."""
    rows = await conn.execute_fetchall(
        "SELECT a.feed_id, a.url, f.url FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id "
        "WHERE a.id = ?",
        (article_id,),
    )
    keys: list[str] = []
    for feed_id, url, feed_url in rows:
        if feed_id is not None:
            keys.append(f"feed:{feed_id}")
        keys.extend(_hosts(url))
        keys.extend(_hosts(feed_url))
    return list(dict.fromkeys(keys))


async def feed_exists(db: Database, feed_id: int) -> bool:
    async with db.conn.execute("SELECT 1 FROM feeds WHERE id = ?", (feed_id,)) as cursor:
        return await cursor.fetchone() is not None


async def subscribe(
    db: Database,
    chat_id: int,
    chat_type: str,
    source: str,
    keywords: Sequence[str],
    *,
    max_subscriptions: int | None = None,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Follow a source, for everything or for some keywords: (added, already)."""
    wanted = list(keywords) or [""]
    added: list[str] = []
    already: list[str] = []
    now = utcnow()
    async with db.transaction() as conn:
        await upsert_chat(conn, chat_id, chat_type)
        for keyword in wanted:
            terms = " ".join(stems(keyword)) if keyword else ""
            if keyword and not terms:
                continue
            cursor = await conn.execute(
                "INSERT INTO source_subscriptions (chat_id, source, keyword, terms, created_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id, source, terms) DO NOTHING",
                (chat_id, source, keyword, terms, now),
            )
            (added if cursor.rowcount else already).append(keyword)
        if max_subscriptions is not None and added:
            async with conn.execute(
                "SELECT count(*) FROM source_subscriptions WHERE chat_id = ?", (chat_id,)
            ) as count_cursor:
                row = await count_cursor.fetchone()
            if row is not None and row[0] > max_subscriptions:
                raise TooManySourcesError  # rolls the inserts back
    return tuple(added), tuple(already)


async def unsubscribe(
    db: Database, chat_id: int, source: str | None, keywords: Sequence[str] = ()
) -> list[SourceSubscription]:
    """Stop following a source (only the given keywords of it, when any); None: every source."""
    removed: list[SourceSubscription] = []
    async with db.transaction() as conn:
        if source is None:
            found = await conn.execute_fetchall(
                "DELETE FROM source_subscriptions WHERE chat_id = ? RETURNING source, keyword",
                (chat_id,),
            )
            removed.extend(SourceSubscription(r[0], r[1]) for r in found)
        elif not keywords:
            found = await conn.execute_fetchall(
                "DELETE FROM source_subscriptions WHERE chat_id = ? AND source = ? "
                "RETURNING source, keyword",
                (chat_id, source),
            )
            removed.extend(SourceSubscription(r[0], r[1]) for r in found)
        else:
            for keyword in keywords:
                found = await conn.execute_fetchall(
                    "DELETE FROM source_subscriptions WHERE chat_id = ? AND source = ? "
                    "AND terms = ? RETURNING source, keyword",
                    (chat_id, source, " ".join(stems(keyword))),
                )
                removed.extend(SourceSubscription(r[0], r[1]) for r in found)
    return removed


async def list_sources(db: Database, chat_id: int) -> list[SourceSubscription]:
    async with (
        db.reading() as conn,
        conn.execute(
            "SELECT s.source, s.keyword, coalesce(f.label, f.url) AS feed "
            "FROM source_subscriptions s "
            "LEFT JOIN feeds f ON s.source = 'feed:' || f.id "
            "WHERE s.chat_id = ? ORDER BY s.source, s.id",
            (chat_id,),
        ) as cursor,
    ):
        return [SourceSubscription(r[0], r[1], r[2]) for r in await cursor.fetchall()]
