"""Stories: the candidate index, assigning a new article to a story, reading stories back.

Assignment runs inside the transaction that stores the article and writes its
outbox rows (storage/articles._add_one), so a story decision, the article and
who gets pushed commit together or not at all.

The index holds only open stories: each story's rarest stems (its reports'
probes) in story_probes, removed once the story has had no report for the
window. Candidates are looked up by the new article's own probes, so the cost
of a lookup follows the number of stories open in the window, not the archive.
Document frequencies (story_df) grow with the vocabulary only and are read by
key.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.storage.db import Database
from bot.stories.similarity import (
    DEFAULT,
    Features,
    Params,
    choose,
    features,
    idf,
    merge,
    probes,
    term_counts,
)

DEFAULT_WINDOW_HOURS = 24.0
# Stories closed per assignment at most: closing is amortised over new articles.
_CLOSE_BATCH = 64


@dataclass(frozen=True)
class Assignment:
    story_id: int
    joined: bool  # True when the article joined an existing story
    reports: int  # the story's reports, this one included
    score: float = 0.0


def story_time(published_at: str | None, created_at: str) -> float:
    """The moment a report counts from: its publication, unless missing or in the future."""
    created = datetime.fromisoformat(created_at).timestamp()
    if published_at:
        try:
            published = datetime.fromisoformat(published_at).timestamp()
        except ValueError:
            return created
        return min(published, created)
    return created


def _json(values: Sequence[str]) -> str:
    return json.dumps(list(values))


async def assign_story(
    conn: aiosqlite.Connection,
    article_id: int | None,
    title: str,
    body: str,
    language: str,
    at: float,
    *,
    window_hours: float = DEFAULT_WINDOW_HOURS,
    params: Params = DEFAULT,
    feed_id: int | None = None,
) -> Assignment:
    """Put one new article into a story (an open one it reports, or a new one), in conn's
    transaction. article_id None assigns without an articles row (the benchmark).

    A feed's entry never joins a story that feed already reported: one outlet's two
    entries in a day are two developments (a test of a flood barrier, then its opening)
    that its subscribers want both, however alike their words.
    """
    window = window_hours * 3600.0
    counts, names = term_counts(title, body, language, params)
    terms = sorted(counts)
    total = 0
    high = at
    async with conn.execute(
        "SELECT key, value FROM story_meta WHERE key IN ('articles', 'high')"
    ) as cursor:
        for key, value in await cursor.fetchall():
            if key == "articles":
                total = int(value)
            else:
                high = max(high, float(value))
    dfs: dict[str, int] = {}
    if terms:
        async with conn.execute(
            "SELECT stem, df FROM story_df WHERE stem IN (SELECT value FROM json_each(?))",
            (_json(terms),),
        ) as cursor:
            dfs = {stem: int(df) for stem, df in await cursor.fetchall()}
    article = features(counts, names, lambda term: idf(dfs.get(term, 0), total), params)
    keys = probes(article.terms, params)
    feed = f" {feed_id} " if feed_id is not None else None
    candidates: list[tuple[int, Features, int]] = []
    if keys and window > 0:
        async with conn.execute(
            "SELECT s.id, s.vector, s.reports, s.feeds FROM stories s JOIN ("
            "  SELECT story_id, count(*) AS hits FROM story_probes"
            "  WHERE stem IN (SELECT value FROM json_each(?)) GROUP BY story_id"
            ") p ON p.story_id = s.id WHERE s.last_at >= ? AND s.first_at <= ? "
            "ORDER BY p.hits DESC, s.id LIMIT ?",
            # An old report (a back catalogue) never joins a story that began long after it.
            (_json(keys), at - window, at + window, params.max_candidates),
        ) as cursor:
            candidates = [
                (int(row[0]), _load(row[1]), int(row[2]))
                for row in await cursor.fetchall()
                if feed is None or feed not in row[3]
            ]
    picked = choose(article, [(c[0], c[1]) for c in candidates], params)
    if picked is not None:
        story_id, score = picked
        old = next(c for c in candidates if c[0] == story_id)
        reports = old[2] + 1
        await conn.execute(
            "UPDATE stories SET vector = ?, reports = reports + 1, last_at = max(last_at, ?), "
            "feeds = feeds || ? WHERE id = ?",
            (_dump(merge(old[1], article, params)), at, feed or "", story_id),
        )
    else:
        score = 0.0
        reports = 1
        cursor = await conn.execute(
            "INSERT INTO stories (vector, reports, first_at, last_at, open, feeds) "
            "VALUES (?, 1, ?, ?, 1, ?)",
            (_dump(merge(Features({}), article, params)), at, at, feed or ""),
        )
        assert cursor.lastrowid is not None
        story_id = cursor.lastrowid
    if keys:
        await conn.executemany(
            "INSERT OR IGNORE INTO story_probes (stem, story_id) VALUES (?, ?)",
            [(key, story_id) for key in keys],
        )
    if terms:
        await conn.executemany(
            "INSERT INTO story_df (stem, df) VALUES (?, 1) "
            "ON CONFLICT (stem) DO UPDATE SET df = df + 1",
            [(term,) for term in terms],
        )
    await conn.execute(
        "INSERT INTO story_meta (key, value) VALUES ('articles', 1), ('high', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = CASE key "
        "WHEN 'articles' THEN value + 1 ELSE max(value, excluded.value) END",
        (at,),
    )
    if article_id is not None:
        await conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id))
    await _close_stale(conn, high - window)
    return Assignment(story_id, picked is not None, reports, score)


def _dump(story: Features) -> str:
    """A story's sums as stored: {"t": stems, "n": names}, weights rounded."""
    return json.dumps(
        {
            "t": {term: round(weight, 5) for term, weight in story.terms.items()},
            "n": {name: round(weight, 3) for name, weight in story.names.items()},
        }
    )


def _load(text: str) -> Features:
    stored = json.loads(text)
    return Features(stored.get("t", {}), stored.get("n", {}))


async def _close_stale(conn: aiosqlite.Connection, cutoff: float) -> None:
    """Take stories with no report since cutoff out of the index (a few per call)."""
    async with conn.execute(
        "SELECT id FROM stories WHERE open = 1 AND last_at < ? ORDER BY last_at LIMIT ?",
        (cutoff, _CLOSE_BATCH),
    ) as cursor:
        stale = [int(row[0]) for row in await cursor.fetchall()]
    if not stale:
        return
    ids = json.dumps(stale)
    await conn.execute(
        "DELETE FROM story_probes WHERE story_id IN (SELECT value FROM json_each(?))", (ids,)
    )
    # The vector is kept only while a story is open: nothing reads it after.
    await conn.execute(
        "UPDATE stories SET open = 0, vector = '{}' WHERE id IN (SELECT value FROM json_each(?))",
        (ids,),
    )


async def story_chats(conn: aiosqlite.Connection, story_id: int, article_id: int) -> set[int]:
    """Chats with an outbox row (queued, sent or given up) for another report of the story."""
    async with conn.execute(
        "SELECT DISTINCT d.chat_id FROM articles a JOIN deliveries d ON d.article_id = a.id "
        "WHERE a.story_id = ? AND a.id <> ?",
        (story_id, article_id),
    ) as cursor:
        return {int(row[0]) for row in await cursor.fetchall()}


async def open_stories(db: Database) -> int:
    async with db.conn.execute("SELECT count(*) FROM stories WHERE open = 1") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


@dataclass(frozen=True)
class Report:
    """One report of a story, as /brief and `newsbrief stories` list them."""

    id: int
    title: str
    source: str | None
    url: str | None
    published_at: str | None
    created_at: str
    brief: tuple[str, ...] = ()

    @property
    def when(self) -> str:
        return self.published_at or self.created_at


_REPORT_COLUMNS = "id, title, source, url, published_at, created_at, brief"


def _report(row: aiosqlite.Row) -> Report:
    return Report(
        row["id"],
        row["title"],
        row["source"],
        row["url"],
        row["published_at"],
        row["created_at"],
        tuple(s for s in row["brief"].split("\n") if s),
    )


async def story_reports(db: Database, story_id: int, limit: int = 50) -> list[Report]:
    """A story's reports, oldest first (at most limit)."""
    async with (
        db.reading() as conn,
        conn.execute(
            f"SELECT {_REPORT_COLUMNS} FROM articles "  # noqa: S608 - constant columns
            "WHERE story_id = ? ORDER BY id LIMIT ?",
            (story_id, limit),
        ) as cursor,
    ):
        return [_report(row) for row in await cursor.fetchall()]


@dataclass(frozen=True)
class StorySummary:
    id: int
    reports: list[Report]


async def recent_stories(db: Database, limit: int = 10) -> list[StorySummary]:
    """The stories of the newest stored articles, newest first, with all their reports."""
    async with db.reading() as conn:
        rows = await conn.execute_fetchall(
            "SELECT story_id FROM articles WHERE story_id IS NOT NULL ORDER BY id DESC LIMIT ?",
            (limit * 20,),
        )
    ids = list(dict.fromkeys(int(row[0]) for row in rows))[:limit]
    return [StorySummary(sid, await story_reports(db, sid)) for sid in ids]


@dataclass(frozen=True)
class Unlinked:
    article_id: int
    old_story: int
    new_story: int


async def unlink_article(db: Database, article_id: int) -> Unlinked | None:
    """Move a wrongly merged report into a story of its own (closed: nothing joins it, and
    nothing is pushed). None when there is no such article; a report already alone stays."""
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT a.story_id, s.reports, s.last_at FROM articles a "
            "JOIN stories s ON s.id = a.story_id WHERE a.id = ?",
            (article_id,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        old_story = int(row[0])
        if int(row[1]) <= 1:
            return Unlinked(article_id, old_story, old_story)
        cursor = await conn.execute(
            "INSERT INTO stories (vector, reports, first_at, last_at, open) "
            "VALUES ('{}', 1, ?, ?, 0)",
            (row[2], row[2]),
        )
        assert cursor.lastrowid is not None
        new_story = cursor.lastrowid
        await conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (new_story, article_id))
        await conn.execute("UPDATE stories SET reports = reports - 1 WHERE id = ?", (old_story,))
    return Unlinked(article_id, old_story, new_story)
