"""Retention: forget finished deliveries (and optionally old articles) after a while.

A delivery row says which chat was sent which article. Once it is finished
(``sent``, ``failed``, or ``dropped`` because the chat blocked the bot) it is
only a record of what a person read, so it is deleted NEWSBRIEF_RETENTION_DAYS
after it finished. Rows still waiting (``pending``, ``sending``, ``digest``) are
never touched.

Deleting never blocks the delivery worker for long: the ids are chosen outside
any transaction, each transaction deletes at most BATCH of them, and the next
batch waits PAUSE seconds, behind everything else that wants the database.

No duplicates after pruning. An outbox row is only ever written in the
transaction that stores a *new* article (bot.storage.articles.add_articles):
storing the same article again finds the stored one by its link or text hash
and queues nothing. Deleting delivery rows leaves that guard in place, so a
re-run of an old article sends nothing twice. Deleting an *article* would
remove the guard, so article retention first records the article's canonical
URL and content hash in ``pruned_articles``, which the duplicate check reads.

The tables this module needs are created here with IF NOT EXISTS on first use:
a counter of rows removed (for ``newsbrief stats``) and the pruned-article keys.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiosqlite

from bot.storage.db import Database, format_ts

BATCH = 500  # rows per transaction: ~30 ms of holding the write lock on a busy 2-core VM
# Seconds between batches: everything queued for the database (the worker's marks and
# claims, handlers) runs first, and retention takes at most ~40% of the write lock.
PAUSE = 0.05
FINISHED = ("sent", "failed", "dropped")
UNFINISHED = ("pending", "sending", "digest")

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS retention_counters ("
    " name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
    # Dedupe keys (canonical URL or content hash) of articles deleted by retention.
    "CREATE TABLE IF NOT EXISTS pruned_articles (key TEXT PRIMARY KEY) WITHOUT ROWID",
)


@dataclass(frozen=True)
class PruneReport:
    deliveries: int = 0
    articles: int = 0


async def ensure_schema(db: Database) -> None:
    async with db.transaction() as conn:
        for statement in SCHEMA:
            await conn.execute(statement)


def cutoff(days: int, now: datetime | None = None) -> str:
    return format_ts((now or datetime.now(UTC)) - timedelta(days=days))


async def prune_deliveries(db: Database, days: int, *, batch: int = BATCH) -> int:
    """Delete delivery rows finished more than `days` ago; the number deleted.

    "Finished at" is sent_at for sent rows and created_at otherwise (failed and
    dropped rows keep no finishing time). The index deliveries_due (status,
    next_attempt_at) bounds each lookup: a finished row was last due before it
    finished, so next_attempt_at < cutoff covers every candidate and the scan
    never walks the recent rows.
    """
    await ensure_schema(db)
    limit = cutoff(days)
    total = 0
    for status in FINISHED:
        while True:
            found = await db.conn.execute_fetchall(
                "SELECT id FROM deliveries WHERE status = ? AND next_attempt_at < ? "
                "AND coalesce(sent_at, created_at) < ? LIMIT ?",
                (status, limit, limit, batch),
            )
            ids = [int(row[0]) for row in found]
            if not ids:
                break
            async with db.transaction() as conn:
                # The status is checked again: `deliveries retry-failed` may have
                # put a failed row back in the queue since it was chosen.
                cursor = await conn.execute(
                    "DELETE FROM deliveries WHERE id IN (SELECT value FROM json_each(?)) "
                    "AND status = ?",
                    (json.dumps(ids), status),
                )
                await _count(conn, "deliveries_removed", cursor.rowcount)
            total += cursor.rowcount
            if len(ids) < batch:
                break
            await asyncio.sleep(PAUSE)  # let the worker's and handlers' transactions in
    return total


async def prune_articles(db: Database, days: int, *, batch: int = BATCH) -> int:
    """Delete articles stored more than `days` ago, with their FTS rows; the number deleted.

    An article with a delivery still waiting is kept until that delivery
    finishes. Its dedupe keys go to pruned_articles first, so the same article
    stored again later is a duplicate, not news to send again. Its finished
    delivery rows go with it (ON DELETE CASCADE); feed entries keep their key
    (the article id becomes NULL), so a feed does not bring it back either.
    """
    await ensure_schema(db)
    limit = cutoff(days)
    total = 0
    while True:
        found = list(
            await db.conn.execute_fetchall(
                "SELECT id FROM articles a WHERE created_at < ? AND NOT EXISTS ("
                " SELECT 1 FROM deliveries d WHERE d.article_id = a.id"
                " AND d.status IN ('pending', 'sending', 'digest')) "
                "ORDER BY id LIMIT ?",
                (limit, batch),
            )
        )
        ids = json.dumps([int(row[0]) for row in found])
        if not found:
            break
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT OR IGNORE INTO pruned_articles (key) "
                "SELECT content_hash FROM articles WHERE id IN (SELECT value FROM json_each(?)) "
                "UNION ALL SELECT canonical_url FROM articles "
                "WHERE id IN (SELECT value FROM json_each(?)) AND canonical_url IS NOT NULL",
                (ids, ids),
            )
            # The FTS delete trigger removes each article's index entries in this transaction.
            cursor = await conn.execute(
                "DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?)) "
                "AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.article_id = articles.id"
                " AND d.status IN ('pending', 'sending', 'digest'))",
                (ids,),
            )
            await _count(conn, "articles_removed", cursor.rowcount)
        total += cursor.rowcount
        if len(found) < batch:
            break
        await asyncio.sleep(PAUSE)
    return total


async def was_pruned(conn: aiosqlite.Connection, keys: list[str]) -> bool:
    """True when an article with one of these dedupe keys was stored and pruned."""
    wanted = [k for k in keys if k]
    if not wanted:
        return False
    try:
        found = await conn.execute_fetchall(
            "SELECT 1 FROM pruned_articles WHERE key IN (SELECT value FROM json_each(?)) LIMIT 1",
            (json.dumps(wanted),),
        )
    except aiosqlite.OperationalError:  # no such table: nothing was ever pruned
        return False
    return bool(list(found))


async def prune(db: Database, days: int, article_days: int | None) -> PruneReport:
    """One retention pass with the configured settings (0 days: keep deliveries)."""
    deliveries = await prune_deliveries(db, days) if days > 0 else 0
    articles = await prune_articles(db, article_days) if article_days else 0
    return PruneReport(deliveries, articles)


async def removed_counts(db: Database) -> dict[str, int]:
    counts = {"deliveries_removed": 0, "articles_removed": 0}
    try:
        found = await db.conn.execute_fetchall("SELECT name, value FROM retention_counters")
    except aiosqlite.OperationalError:  # no such table: retention never removed anything
        return counts
    counts.update({str(row[0]): int(row[1]) for row in found})
    return counts


async def database_size(db: Database) -> tuple[int, int]:
    """(bytes in use, bytes free inside the file): VACUUM gives the free part back."""
    page_size = await _pragma(db, "page_size")
    pages = await _pragma(db, "page_count")
    free = await _pragma(db, "freelist_count")
    return (pages - free) * page_size, free * page_size


async def vacuum(db: Database) -> None:
    """Rebuild the file without its free pages, then fold the WAL back in.

    VACUUM cannot run inside a transaction; it takes the write lock for its
    whole run, so a running bot's writes wait (see README).
    """
    await db.conn.execute("VACUUM")
    await db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


async def _pragma(db: Database, name: str) -> int:
    found = await db.conn.execute_fetchall(f"PRAGMA {name}")  # constant names only
    return int(next(iter(found))[0])


async def _count(conn: aiosqlite.Connection, name: str, value: int) -> None:
    if value > 0:
        await conn.execute(
            "INSERT INTO retention_counters (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = value + excluded.value",
            (name, value),
        )
