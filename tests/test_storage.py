"""Storage on real SQLite: migrations and file modes on files, dedupe, search, matching."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.storage import SCHEMA_VERSION, Database, open_database
from bot.storage.articles import (
    HL_END,
    HL_START,
    ArticleDraft,
    add_article,
    count_articles,
    get_article,
    latest_articles,
    search,
)
from bot.storage.db import migrate, schema_version
from bot.storage.errors import SchemaTooNewError
from bot.storage.schema import MIGRATIONS
from bot.storage.subscriptions import (
    forget_chat,
    list_subscriptions,
    matching_chats,
    subscribe,
    unsubscribe,
)


def draft(title: str, body: str, url: str | None = None, **kw: object) -> ArticleDraft:
    return ArticleDraft(title=title, body=body, url=url, **kw)  # type: ignore[arg-type]


# --- opening and migrating ----------------------------------------------------------------


async def test_new_database_is_private_wal_and_current(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "news.db"
    database = await open_database(path)
    try:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        async with database.conn.execute("PRAGMA journal_mode") as cursor:
            assert (await cursor.fetchone())[0] == "wal"  # type: ignore[index]
        async with database.conn.execute("PRAGMA foreign_keys") as cursor:
            assert (await cursor.fetchone())[0] == 1  # type: ignore[index]
        assert await schema_version(database.conn) == SCHEMA_VERSION
    finally:
        await database.close()


async def test_migrates_from_previous_version_keeping_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    # A database as the first release left it: articles, no full-text index.
    con = sqlite3.connect(path)
    con.executescript(MIGRATIONS[0].sql)
    con.execute(
        "INSERT INTO articles (url, canonical_url, title, body, brief, language, created_at, "
        "content_hash) VALUES ('https://e.org/a', 'https://e.org/a', 'Old flood story', "
        "'The river flooded the old town.', '', 'english', '2026-01-01T00:00:00+00:00', 'h1')"
    )
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    database = await open_database(path)
    try:
        assert await schema_version(database.conn) == SCHEMA_VERSION
        hits = await search(database, "flooding")
        assert [h.title for h in hits] == ["Old flood story"]  # FTS rebuilt from old rows
    finally:
        await database.close()


async def test_reopening_applies_nothing(db: Database) -> None:
    assert await migrate(db) == []


async def test_failed_migration_leaves_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "half.db"
    database = await open_database(path)
    await database.conn.execute("PRAGMA user_version = 4")
    await database.conn.execute("DROP TABLE feed_entries")
    await database.conn.execute("DROP TABLE feeds")
    # feeds migration will fail half-way: articles.feed_id already exists.
    with pytest.raises(sqlite3.OperationalError):
        await migrate(database)
    assert await schema_version(database.conn) == 4
    async with database.conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE name = 'feeds'"
    ) as cursor:
        assert (await cursor.fetchone())[0] == 0  # type: ignore[index]
    await database.close()


async def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(SchemaTooNewError):
        await open_database(path)


# --- dedupe -------------------------------------------------------------------------------


async def test_duplicate_by_canonical_url(db: Database) -> None:
    first = await add_article(
        db, draft("Rail news", "Body one.", "https://www.Example.org/a/?utm_source=x&id=3#top"), []
    )
    second = await add_article(
        db, draft("Other title", "Body two.", "http://example.org/a?id=3&fbclid=zz"), []
    )
    assert first.status == "added"
    assert second.status == "duplicate" and second.reason == "same link"
    assert second.article_id == first.article_id
    assert await count_articles(db) == 1


async def test_duplicate_by_content(db: Database) -> None:
    await add_article(db, draft("Rail news", "The same   body.", "https://a.example/1"), [])
    again = await add_article(db, draft("Rail  news", "The same body.", "https://b.example/2"), [])
    assert again.status == "duplicate" and again.reason == "same text"


async def test_article_round_trip_and_latest_order(db: Database) -> None:
    from datetime import UTC, datetime

    old = await add_article(
        db, draft("Old", "Old body.", published_at=datetime(2026, 1, 1, tzinfo=UTC)), ["Old."]
    )
    new = await add_article(
        db, draft("New", "New body.", published_at=datetime(2026, 6, 1, tzinfo=UTC)), ["New."]
    )
    latest = await latest_articles(db, 5)
    assert [a.id for a in latest] == [new.article_id, old.article_id]
    article = await get_article(db, new.article_id)
    assert article is not None and article.brief == ("New.",) and article.date == "2026-06-01"


# --- search -------------------------------------------------------------------------------


async def test_search_ranks_title_above_body_and_highlights(db: Database) -> None:
    body_only = await add_article(
        db, draft("Council meets", "The budget for rail was discussed at length. " * 3), []
    )
    in_title = await add_article(db, draft("Rail budget approved", "Councillors voted."), [])
    hits = await search(db, "rail")
    assert [h.id for h in hits] == [in_title.article_id, body_only.article_id]
    assert f"{HL_START}rail{HL_END}" in hits[1].snippet


async def test_search_stems_and_prefix_and_phrase(db: Database) -> None:
    await add_article(db, draft("Floods", "Rivers were flooding the valley towns."), [])
    await add_article(db, draft("Valley", "The towns in the valley were flooding."), [])
    assert len(await search(db, "flooded")) == 2
    assert len(await search(db, "flood*")) == 2
    assert len(await search(db, '"valley towns"')) == 1


async def test_search_falls_back_to_any_word(db: Database) -> None:
    await add_article(db, draft("Rail strike", "Trains stopped."), [])
    hits = await search(db, "rail zzyzx")
    assert len(hits) == 1


async def test_fallback_results_page_on(db: Database) -> None:
    for i in range(8):
        await add_article(db, draft(f"Rail news {i}", f"Trains stopped on line {i}."), [])
    first = await search(db, "rail zzyzx", limit=5)
    second = await search(db, "rail zzyzx", limit=5, offset=5)
    assert len(first) == 5 and len(second) == 3
    assert not {h.id for h in first} & {h.id for h in second}
    assert await search(db, "rail zzyzx", limit=5, offset=10) == []


HOSTILE = [
    '"',
    '"AND ("',
    "AND (",
    "*",
    "NEAR(",
    "NEAR(a b",
    "-",
    "- -rail",
    "rail:",
    "title:rail",
    "^rail",
    "🙂" * 50,
    "x" * 5000,
    "'; DROP TABLE articles; --",
    "OR",
    "(",
    ")",
    "{",
    "NOT",
    "\x00\x02\x03",
    "a" * 300 + " b",
]


@pytest.mark.parametrize("query", HOSTILE)
async def test_hostile_queries_never_raise(db: Database, query: str) -> None:
    await add_article(db, draft("Rail AND budget", "NEAR the station, rail - budget *."), [])
    assert isinstance(await search(db, query), list)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=300))
async def test_any_text_is_a_safe_query(db: Database, query: str) -> None:
    hits = await search(db, query)
    assert isinstance(hits, list)


# --- subscriptions and matching -----------------------------------------------------------


async def test_matching_keywords_phrases_and_all(db: Database) -> None:
    await subscribe(db, 1, "private", ["floods"])
    await subscribe(db, 2, "private", ["city budget"])
    await subscribe(db, 3, "private", [])
    await subscribe(db, 4, "private", ["tennis"])
    await subscribe(db, 5, "private", ["budget city"])  # phrase in the other order
    async with db.transaction() as conn:
        matched = await matching_chats(
            conn, "Flooding hits the city", "The city budget cannot cover the damage."
        )
    assert set(matched) == {1, 2, 3}


async def test_unsubscribe_and_forget(db: Database) -> None:
    await subscribe(db, 1, "private", ["rail", "bus"])
    assert await unsubscribe(db, 1, ["Rail"]) == ["rail"]
    assert [s.keyword for s in await list_subscriptions(db, 1)] == ["bus"]
    assert await forget_chat(db, 1)
    assert await list_subscriptions(db, 1) == []


async def test_article_queues_one_delivery_per_chat(db: Database) -> None:
    await subscribe(db, 1, "private", ["rail", "trains", "rail strike"])
    await subscribe(db, 2, "private", [])
    result = await add_article(db, draft("Rail strike", "Trains and rail lines stopped."), [])
    assert result.deliveries == 2
    async with db.conn.execute("SELECT chat_id, status FROM deliveries ORDER BY chat_id") as cur:
        rows = [tuple(r) for r in await cur.fetchall()]
    assert rows == [(1, "pending"), (2, "pending")]


@pytest.mark.parametrize("new_chat_exists", [False, True])
async def test_matching_follows_a_migrated_chat(db: Database, new_chat_exists: bool) -> None:
    from bot.storage.deliveries import migrate_chat

    await subscribe(db, -1, "group", ["rail strike", "budget"])
    if new_chat_exists:
        await subscribe(db, -100, "supergroup", ["budget"])
    await migrate_chat(db, -1, -100)
    async with db.transaction() as conn:
        matched = await matching_chats(conn, "Rail strike", "The budget talks failed.")
    assert matched == {-100: False}
    assert sorted(s.keyword for s in await list_subscriptions(db, -100)) == [
        "budget",
        "rail strike",
    ]


async def test_keyword_index_is_built_for_existing_subscriptions(tmp_path: Path) -> None:
    path = tmp_path / "v5.db"
    database = await open_database(path)
    await subscribe(database, 7, "private", ["city budget"])
    await database.close()
    # Back to the schema before the covering index, with the subscription in it.
    con = sqlite3.connect(path)
    con.executescript(
        "DROP TRIGGER subscription_terms_insert; DROP TRIGGER subscription_terms_move;"
        "DROP TRIGGER subscription_terms_chat_flags;"
        "DROP TABLE subscription_terms;"
        "CREATE TABLE subscription_terms (stem TEXT NOT NULL, subscription_id INTEGER NOT NULL,"
        " PRIMARY KEY (stem, subscription_id)) WITHOUT ROWID;"
        "INSERT INTO subscription_terms SELECT 'citi', id FROM subscriptions;"
        # Columns that later migrations add, so that they can run again.
        "ALTER TABLE chats DROP COLUMN language;"
        "ALTER TABLE feeds DROP COLUMN language_override;"
        "DROP INDEX articles_story; ALTER TABLE articles DROP COLUMN story_id;"
        "DROP TABLE stories; DROP TABLE story_probes; DROP TABLE story_df; DROP TABLE story_meta;"
        "PRAGMA user_version = 5;"
    )
    con.close()
    database = await open_database(path)
    try:
        async with database.transaction() as conn:
            matched = await matching_chats(conn, "City budget", "Approved.")
        assert matched == {7: False}
    finally:
        await database.close()


async def test_matching_sees_digest_and_inactive_chats(db: Database) -> None:
    from bot.storage.deliveries import chat_blocked
    from bot.storage.subscriptions import set_digest

    await subscribe(db, 1, "private", ["rail"])
    await subscribe(db, 2, "private", ["rail"])
    await subscribe(db, 3, "private", [])
    await set_digest(db, 1, "private", "08:00", "Europe/Berlin")
    await chat_blocked(db, 2, "blocked")
    async with db.transaction() as conn:
        assert await matching_chats(conn, "Rail", "Trains.") == {1: True, 3: False}
    await set_digest(db, 1, "private", None, None)
    await subscribe(db, 2, "private", ["bus"])  # a blocked chat that comes back is active again
    async with db.transaction() as conn:
        assert await matching_chats(conn, "Rail", "Trains.") == {1: False, 2: False, 3: False}
