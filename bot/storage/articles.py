"""Articles: storing them once, reading them back, searching them."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from bot.storage.db import Database, format_ts, is_interrupted, utcnow
from bot.storage.retention import was_pruned
from bot.storage.stories import assign_story, story_chats, story_time
from bot.storage.subscriptions import enqueue_deliveries
from bot.text import canonical_url, clean_text, content_hash, query_terms, render_query

log = logging.getLogger(__name__)

# Snippet highlight markers: control characters that clean_text strips from
# every stored article, so they can only come from FTS5's snippet().
HL_START = "\x02"
HL_END = "\x03"

# bm25 column weights: a word in the title counts ten times a word in the body.
TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
# Matches ranked per search: the newest this many (see _search).
RANK_WINDOW = 500


class SearchTooBroadError(Exception):
    """The search ran out of its time budget: the user should narrow it."""


@dataclass(frozen=True)
class ArticleDraft:
    """An article before it is stored: what ingest, /post and feeds all produce."""

    title: str
    body: str
    url: str | None = None
    source: str | None = None
    language: str = "english"
    published_at: datetime | None = None
    feed_id: int | None = None
    # True when a person chose the language (an admin's /addfeed lang=xx): then it is used as
    # given, not checked against the text like a page's or feed's own declaration.
    language_chosen: bool = False

    def cleaned(self) -> ArticleDraft:
        return ArticleDraft(
            title=" ".join(clean_text(self.title).split()),
            body=clean_text(self.body).strip(),
            url=self.url.strip() if self.url else None,
            source=" ".join(clean_text(self.source).split()) if self.source else None,
            language=self.language,
            published_at=self.published_at,
            feed_id=self.feed_id,
            language_chosen=self.language_chosen,
        )


@dataclass(frozen=True)
class Article:
    id: int
    url: str | None
    title: str
    body: str
    brief: tuple[str, ...]
    source: str | None
    language: str
    published_at: str | None
    created_at: str
    story_id: int | None = None
    sources: int = 1  # reports in the article's story, this one included

    @property
    def date(self) -> str:
        """The date readers care about: publication, or when we stored it."""
        return (self.published_at or self.created_at)[:10]


@dataclass(frozen=True)
class AddResult:
    status: Literal["added", "duplicate"]
    article_id: int
    title: str
    reason: str = ""  # for duplicates: "same link" or "same text"
    deliveries: int = 0
    # Set by the pipeline when the article had too little text to push (it is stored, for
    # search and /latest, but queued for nobody): its words of article text.
    short_words: int | None = None
    # The story the article was put in, and its reports then (this one included); a
    # report that joined an earlier one is not pushed to chats that had the story.
    story_id: int | None = None
    story_reports: int = 1


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str
    snippet: str  # with HL_START/HL_END around matched words
    source: str | None
    url: str | None
    date: str
    rank: float
    story_id: int | None = None
    sources: int = 1


_ARTICLE_COLUMNS = (
    "id, url, title, body, brief, source, language, published_at, created_at, story_id, "
    "coalesce((SELECT reports FROM stories WHERE stories.id = articles.story_id), 1) AS sources"
)


def _article(row: aiosqlite.Row) -> Article:
    return Article(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        body=row["body"],
        brief=tuple(s for s in row["brief"].split("\n") if s),
        source=row["source"],
        language=row["language"],
        published_at=row["published_at"],
        created_at=row["created_at"],
        story_id=row["story_id"],
        sources=int(row["sources"]),
    )


async def add_article(
    db: Database, draft: ArticleDraft, brief: Sequence[str], *, deliver: bool = True
) -> AddResult:
    """Store one article, or report the stored one it duplicates."""
    return (await add_articles(db, [(draft, brief)], deliver=deliver))[0]


async def add_articles(
    db: Database,
    items: Sequence[tuple[ArticleDraft, Sequence[str]]],
    *,
    deliver: bool | Sequence[bool] = True,
) -> list[AddResult]:
    """Store a batch in one transaction, matching subscriptions as part of it.

    The delivery rows are written in the same transaction as the article, so
    a crash can never store an article without its delivery decisions, or
    decide twice. deliver=False stores without matching (old feed entries:
    subscribers want news, not a feed's back catalogue); a sequence gives one flag per item.
    """
    flags = [deliver] * len(items) if isinstance(deliver, bool) else list(deliver)
    if len(flags) != len(items):
        raise ValueError(f"{len(flags)} deliver flags for {len(items)} articles")
    results: list[AddResult] = []
    async with db.transaction() as conn:
        for (raw, brief), push in zip(items, flags, strict=True):
            draft = raw.cleaned()
            results.append(await _add_one(conn, draft, brief, push, db.story_window_hours))
    return results


async def find_duplicate(db: Database, draft: ArticleDraft) -> AddResult | None:
    """The stored article a draft duplicates, checked before paying for its brief."""
    draft = draft.cleaned()
    return await _duplicate(
        db.conn,
        canonical_url(draft.url) if draft.url else None,
        content_hash(draft.title, draft.body),
    )


async def _duplicate(
    conn: aiosqlite.Connection, canonical: str | None, digest: str
) -> AddResult | None:
    async with conn.execute(
        "SELECT id, title, canonical_url = ? AS same_link FROM articles "
        "WHERE canonical_url = ? OR content_hash = ? LIMIT 1",
        (canonical, canonical, digest),
    ) as cursor:
        existing = await cursor.fetchone()
    if existing is None:
        return None
    reason = "same link" if existing["same_link"] else "same text"
    return AddResult("duplicate", existing["id"], existing["title"], reason)


async def _add_one(
    conn: aiosqlite.Connection,
    draft: ArticleDraft,
    brief: Sequence[str],
    deliver: bool,
    story_window_hours: float,
) -> AddResult:
    canonical = canonical_url(draft.url) if draft.url else None
    digest = content_hash(draft.title, draft.body)
    duplicate = await _duplicate(conn, canonical, digest)
    if duplicate is not None:
        return duplicate
    if deliver and await was_pruned(conn, [digest, canonical or ""]):
        deliver = False  # stored and delivered before, then pruned by retention: not news
    now = utcnow()
    published = format_ts(draft.published_at) if draft.published_at else None
    cursor = await conn.execute(
        "INSERT INTO articles (url, canonical_url, title, body, brief, source, language, "
        "published_at, created_at, content_hash, feed_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            draft.url,
            canonical,
            draft.title,
            draft.body,
            "\n".join(s.replace("\n", " ") for s in brief),
            draft.source,
            draft.language,
            published,
            now,
            digest,
            draft.feed_id,
        ),
    )
    article_id = cursor.lastrowid
    assert article_id is not None
    # The story decision commits with the article and its outbox rows: after a crash
    # either all three exist or none, so no story is ever pushed twice to a chat.
    story = await assign_story(
        conn,
        article_id,
        draft.title,
        draft.body,
        draft.language,
        story_time(published, now),
        window_hours=story_window_hours,
        feed_id=draft.feed_id,
    )
    queued = 0
    if deliver:
        had_it = await story_chats(conn, story.story_id, article_id) if story.joined else set()
        queued = await enqueue_deliveries(conn, article_id, draft.title, draft.body, had_it)
    return AddResult(
        "added",
        article_id,
        draft.title,
        deliveries=queued,
        story_id=story.story_id,
        story_reports=story.reports,
    )


async def get_article(db: Database, article_id: int) -> Article | None:
    async with (
        db.reading() as conn,
        conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?",  # noqa: S608 - constant columns
            (article_id,),
        ) as cursor,
    ):
        row = await cursor.fetchone()
    return _article(row) if row else None


async def get_articles(db: Database, article_ids: Sequence[int]) -> list[Article]:
    """Articles by id, in the order asked for (missing ids are skipped)."""
    if not article_ids:
        return []
    async with (
        db.reading() as conn,
        conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles "  # noqa: S608 - constant columns
            "WHERE id IN (SELECT value FROM json_each(?))",
            (_json_ints(article_ids),),
        ) as cursor,
    ):
        rows = {row["id"]: _article(row) for row in await cursor.fetchall()}
    return [rows[i] for i in article_ids if i in rows]


async def latest_articles(
    db: Database, limit: int = 5, offset: int = 0, *, per_story: bool = False
) -> list[Article]:
    """The newest articles; per_story: the newest report of each story, paged by story, so
    the next page (offset + limit) neither repeats nor skips a story."""
    # A report is its story's newest when no report of the story sorts before it; that
    # lookup is one probe of articles_story per row read, newest first.
    only_newest = (
        "WHERE story_id IS NULL OR id = (SELECT r.id FROM articles r WHERE r.story_id = "
        "articles.story_id ORDER BY coalesce(r.published_at, r.created_at) DESC, r.id DESC "
        "LIMIT 1) "
        if per_story
        else ""
    )
    async with (
        db.reading() as conn,
        conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles {only_newest}"  # noqa: S608 - constants
            "ORDER BY coalesce(published_at, created_at) DESC, id DESC LIMIT ? OFFSET ?",
            (limit, offset),
        ) as cursor,
    ):
        return [_article(row) for row in await cursor.fetchall()]


async def count_articles(db: Database) -> int:
    async with db.conn.execute("SELECT count(*) FROM articles") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def search(
    db: Database,
    text: str,
    *,
    limit: int = 5,
    offset: int = 0,
    budget: float | None = None,
) -> list[SearchHit]:
    """Ranked full-text search; any user text is safe and gives hits or [].

    All words must match first; when that finds nothing, any word may. It
    runs on a read connection; past budget seconds (None: no limit) it stops
    with SearchTooBroadError.
    """
    terms = query_terms(text)
    if not terms:
        return []
    queries = dict.fromkeys(
        q for q in (render_query(terms), render_query(terms, any_term=True)) if q is not None
    )
    async with db.reading(budget) as conn:
        try:
            for query in queries:
                hits = await _search(conn, query, limit, offset)
                # A later page must come from the query that gave the first page.
                if hits or (offset and await _has_match(conn, query)):
                    return hits
        except sqlite3.OperationalError as exc:
            if is_interrupted(exc):
                raise SearchTooBroadError from None
            # render_query quotes every term, so this should not happen; if a future
            # SQLite parses something differently, the user still gets "no results".
            # The message is not logged: FTS5 quotes the user's words in it.
            log.warning("search query rejected by FTS5")
    return []


async def _has_match(conn: aiosqlite.Connection, query: str) -> bool:
    rows = await conn.execute_fetchall(
        "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (query,)
    )
    return bool(rows)


_RANKED_PAGE = (
    "SELECT rowid, bm25(articles_fts, :title_weight, :body_weight) AS rank "
    "FROM articles_fts WHERE articles_fts MATCH :query AND rowid >= coalesce(("
    "  SELECT rowid FROM articles_fts WHERE articles_fts MATCH :query "
    "  ORDER BY rowid DESC LIMIT 1 OFFSET :window), 0) "
    "ORDER BY rank, rowid DESC LIMIT :limit OFFSET :offset"
)
_HIT = (
    "SELECT a.id, a.title, a.source, a.url, coalesce(a.published_at, a.created_at) AS day, "
    "a.story_id, coalesce((SELECT reports FROM stories s WHERE s.id = a.story_id), 1) AS sources, "
    "snippet(articles_fts, 1, :start, :end, '…', 16) AS snip "
    "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
    "WHERE articles_fts MATCH :query AND articles_fts.rowid = :id{n}"
)


async def _search(
    conn: aiosqlite.Connection, query: str, limit: int, offset: int
) -> list[SearchHit]:
    # bm25 costs a few microseconds per matching row, and a query made of
    # common words matches most of the archive: rank only the RANK_WINDOW most
    # recently stored matches (found by walking the index backwards, without
    # ranking), so the cost is bounded whatever the words.
    #
    # Snippets are then made for the page alone, one rowid lookup per hit: in
    # a single query with "rowid IN (page)" SQLite scans every match instead.
    params: dict[str, object] = {
        "start": HL_START,
        "end": HL_END,
        "title_weight": TITLE_WEIGHT,
        "body_weight": BODY_WEIGHT,
        "query": query,
        "window": RANK_WINDOW - 1,
        "limit": limit,
        "offset": offset,
    }
    page = list(await conn.execute_fetchall(_RANKED_PAGE, params))
    if not page:
        return []
    ranks: dict[int, float] = {}
    for n, (rowid, rank) in enumerate(page):
        params[f"id{n}"] = rowid
        ranks[rowid] = rank
    sql = " UNION ALL ".join(_HIT.format(n=n) for n in range(len(page)))
    rows = await conn.execute_fetchall(sql, params)
    rows = sorted(rows, key=lambda row: (ranks[row["id"]], -row["id"]))
    return [
        SearchHit(
            id=row["id"],
            title=row["title"],
            snippet=row["snip"] or "",
            source=row["source"],
            url=row["url"],
            date=str(row["day"])[:10],
            rank=float(ranks[row["id"]]),
            story_id=row["story_id"],
            sources=int(row["sources"]),
        )
        for row in rows
    ]


def _json_ints(values: Sequence[int]) -> str:
    return "[" + ",".join(str(int(v)) for v in values) + "]"
