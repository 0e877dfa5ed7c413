"""News feeds: which to poll, when, what was seen, and how healthy each one is."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiosqlite

from bot.storage.db import Database, format_ts, utcnow


@dataclass(frozen=True)
class Feed:
    id: int
    url: str
    label: str | None
    language: str | None
    etag: str | None
    last_modified: str | None
    created_at: str
    last_polled_at: str | None
    last_success_at: str | None
    last_error: str | None
    last_error_at: str | None
    consecutive_failures: int
    next_poll_at: str
    failure_reported: bool
    articles: int = 0
    language_override: str | None = None  # /addfeed … lang=xx; wins over `language`

    @property
    def name(self) -> str:
        return self.label or self.url


_COLUMNS = (
    "f.id, f.url, f.label, f.language, f.etag, f.last_modified, f.created_at, "
    "f.last_polled_at, f.last_success_at, f.last_error, f.last_error_at, "
    "f.consecutive_failures, f.next_poll_at, f.failure_reported, f.language_override"
)


def _feed(r: aiosqlite.Row, articles: int = 0) -> Feed:
    return Feed(
        id=r["id"],
        url=r["url"],
        label=r["label"],
        language=r["language"],
        etag=r["etag"],
        last_modified=r["last_modified"],
        created_at=r["created_at"],
        last_polled_at=r["last_polled_at"],
        last_success_at=r["last_success_at"],
        last_error=r["last_error"],
        last_error_at=r["last_error_at"],
        consecutive_failures=r["consecutive_failures"],
        next_poll_at=r["next_poll_at"],
        failure_reported=bool(r["failure_reported"]),
        articles=articles,
        language_override=r["language_override"],
    )


class TooManyFeedsError(Exception):
    """Adding the feed would pass NEWSBRIEF_MAX_FEEDS; nothing was added."""


async def add_feed(
    db: Database,
    url: str,
    label: str | None,
    language: str | None,
    language_override: str | None = None,
    *,
    max_feeds: int | None = None,
) -> tuple[Feed, bool]:
    """Store a feed to poll (due at once); (feed, False) if the URL was already there.

    With max_feeds, a new feed beyond that many raises TooManyFeedsError (checked in
    the transaction that adds it).
    """
    now = utcnow()
    async with db.transaction() as conn:
        if max_feeds is not None:
            async with conn.execute(
                "SELECT count(*), (SELECT count(*) FROM feeds WHERE url = ?) FROM feeds", (url,)
            ) as counting:
                row = await counting.fetchone()
            if row is not None and not row[1] and row[0] >= max_feeds:
                raise TooManyFeedsError
        cursor = await conn.execute(
            "INSERT INTO feeds (url, label, language, created_at, next_poll_at, "
            "language_override) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING",
            (url, label, language, now, now, language_override),
        )
        created = cursor.rowcount > 0
    feed = await get_feed(db, url)
    assert feed is not None
    return feed, created


async def get_feed(db: Database, id_or_url: int | str) -> Feed | None:
    column = "f.id" if isinstance(id_or_url, int) else "f.url"
    async with db.conn.execute(
        f"SELECT {_COLUMNS}, (SELECT count(*) FROM articles a WHERE a.feed_id = f.id) AS n "  # noqa: S608 - constant columns
        f"FROM feeds f WHERE {column} = ?",
        (id_or_url,),
    ) as cursor:
        row = await cursor.fetchone()
    return _feed(row, row["n"]) if row else None


async def list_feeds(db: Database) -> list[Feed]:
    async with db.conn.execute(
        f"SELECT {_COLUMNS}, (SELECT count(*) FROM articles a WHERE a.feed_id = f.id) AS n "  # noqa: S608 - constant columns
        "FROM feeds f ORDER BY f.id"
    ) as cursor:
        return [_feed(row, row["n"]) for row in await cursor.fetchall()]


async def remove_feed(db: Database, feed_id: int) -> bool:
    """Stop polling a feed; its articles stay (they may have been delivered already)."""
    async with db.transaction() as conn:
        cursor = await conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
        return cursor.rowcount > 0


async def due_feeds(db: Database, now: datetime | None = None) -> list[Feed]:
    moment = format_ts(now or datetime.now(UTC))
    async with db.conn.execute(
        f"SELECT {_COLUMNS} FROM feeds f WHERE f.next_poll_at <= ? ORDER BY f.next_poll_at",  # noqa: S608 - constant columns
        (moment,),
    ) as cursor:
        return [_feed(row) for row in await cursor.fetchall()]


async def seen_keys(db: Database, feed_id: int, keys: list[str]) -> set[str]:
    async with db.conn.execute(
        "SELECT entry_key FROM feed_entries WHERE feed_id = ? "
        "AND entry_key IN (SELECT value FROM json_each(?))",
        (feed_id, json.dumps(keys)),
    ) as cursor:
        return {row[0] for row in await cursor.fetchall()}


async def mark_seen(db: Database, feed_id: int, key: str, article_id: int | None) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO feed_entries (feed_id, entry_key, article_id, seen_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (feed_id, entry_key) DO NOTHING",
            (feed_id, key, article_id, utcnow()),
        )


async def record_success(
    db: Database, feed_id: int, *, etag: str | None, last_modified: str | None, interval: int
) -> None:
    now = datetime.now(UTC)
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE feeds SET etag = coalesce(?, etag), "
            "last_modified = coalesce(?, last_modified), "
            "last_polled_at = ?, last_success_at = ?, consecutive_failures = 0, "
            "failure_reported = 0, next_poll_at = ? WHERE id = ?",
            (
                etag,
                last_modified,
                format_ts(now),
                format_ts(now),
                format_ts(now + timedelta(seconds=interval)),
                feed_id,
            ),
        )


async def record_failure(db: Database, feed_id: int, reason: str, *, interval: int) -> int:
    """Note a failed poll and back off exponentially (capped at a day); return failures in a row."""
    now = datetime.now(UTC)
    async with db.transaction() as conn:
        async with conn.execute(
            "UPDATE feeds SET consecutive_failures = consecutive_failures + 1, "
            "last_polled_at = ?, last_error = ?, last_error_at = ? WHERE id = ? "
            "RETURNING consecutive_failures",
            (format_ts(now), reason[:300], format_ts(now), feed_id),
        ) as cursor:
            row = await cursor.fetchone()
        failures = int(row[0]) if row else 0
        delay = min(interval * 2 ** min(failures - 1, 10), 86400)
        await conn.execute(
            "UPDATE feeds SET next_poll_at = ? WHERE id = ?",
            (format_ts(now + timedelta(seconds=max(delay, interval))), feed_id),
        )
    return failures


async def mark_failure_reported(db: Database, feed_id: int) -> None:
    async with db.transaction() as conn:
        await conn.execute("UPDATE feeds SET failure_reported = 1 WHERE id = ?", (feed_id,))


async def add_feeds(
    db: Database,
    items: list[tuple[str, str | None, str | None, str | None]],
    *,
    max_feeds: int,
) -> tuple[list[Feed], list[str], list[str]]:
    """Add many feeds (url, label, language, language override) in one transaction, due at once.

    Returns (added, already there, refused for the cap): a URL already stored, or twice
    in the list, is "already there" whatever the cap; a new one is refused once the
    number of feeds would pass max_feeds.
    """
    added_ids: list[int] = []
    already: list[str] = []
    over: list[str] = []
    now = utcnow()
    async with db.transaction() as conn:
        async with conn.execute("SELECT count(*) FROM feeds") as cursor:
            row = await cursor.fetchone()
        count = int(row[0]) if row else 0
        for url, label, language, override in items:
            async with conn.execute("SELECT 1 FROM feeds WHERE url = ?", (url,)) as cursor:
                if await cursor.fetchone() is not None:
                    already.append(url)
                    continue
            if count >= max_feeds:
                over.append(url)
                continue
            cursor = await conn.execute(
                "INSERT INTO feeds (url, label, language, created_at, next_poll_at, "
                "language_override) VALUES (?, ?, ?, ?, ?, ?)",
                (url, label, language, now, now, override),
            )
            assert cursor.lastrowid is not None
            added_ids.append(cursor.lastrowid)
            count += 1
    found = {feed.id: feed for feed in await list_feeds(db)} if added_ids else {}
    return [found[i] for i in added_ids if i in found], already, over
