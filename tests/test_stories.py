"""Stories on real SQLite: which reports join, who is pushed once, the migration, the window."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.storage import Database, open_database
from bot.storage.articles import ArticleDraft, add_article
from bot.storage.db import MIGRATIONS, SCHEMA_VERSION, schema_version
from bot.storage.subscriptions import subscribe

# Invented reports: two outlets telling one event in their own words, and an unrelated
# story that shares its town's name.
FERRY_A = ArticleDraft(
    title="Ferry Marisol runs aground off Kestrel Point, all 212 passengers rescued",
    body=(
        "The passenger ferry Marisol ran aground on a sandbank off Kestrel Point early on "
        "Tuesday, and coastguard crews rescued all 212 passengers and crew. The harbour "
        "authority said the ferry had lost steering in heavy fog shortly after leaving "
        "Port Aldwin. Lifeboats from three stations took the passengers ashore, where four "
        "were treated for mild hypothermia. Salvage tugs will try to refloat the Marisol "
        "at high tide on Wednesday."
    ),
    url="https://coastnews.example/marisol-aground",
    source="Coast News",
)
FERRY_B = ArticleDraft(
    title="Coastguard saves 212 after ferry Marisol grounds in fog near Kestrel Point",
    body=(
        "Coastguard lifeboats brought 212 people ashore after the ferry Marisol struck a "
        "sandbank near Kestrel Point in thick fog on Tuesday morning. The vessel, which had "
        "left Port Aldwin minutes earlier, lost its steering, the harbour authority said. "
        "Four passengers were treated for hypothermia. Tugs are expected to attempt to "
        "refloat the ferry on Wednesday's high tide, and the hull is being inspected."
    ),
    url="https://harbourdaily.example/2026/ferry-marisol",
    source="Harbour Daily",
)
MARKET = ArticleDraft(
    title="Port Aldwin opens a covered market for local growers",
    body=(
        "Port Aldwin opened its new covered market on Saturday, with stalls for forty local "
        "growers, bakers and cheesemakers. The council spent two years converting the old "
        "grain warehouse by the quay. Traders said the roof means they can sell through the "
        "winter for the first time, and the market will open four days a week."
    ),
    url="https://towncrier.example/aldwin-market",
    source="Town Crier",
)


async def test_reworded_reports_join_and_an_unrelated_story_does_not(db: Database) -> None:
    first = await add_article(db, FERRY_A, ["s."])
    second = await add_article(db, FERRY_B, ["s."])
    other = await add_article(db, MARKET, ["s."])
    assert second.story_id == first.story_id
    assert second.story_reports == 2
    assert other.story_id != first.story_id
    assert other.story_reports == 1


async def test_a_chat_that_had_the_story_gets_no_second_push(db: Database) -> None:
    await subscribe(db, 1, "private", [])  # all news
    await subscribe(db, 2, "private", ["ferry"])  # matches both reports
    await subscribe(db, 3, "private", ["inspected"])  # only the second report says it
    first = await add_article(db, FERRY_A, ["s."])
    assert first.deliveries == 2
    second = await add_article(db, FERRY_B, ["s."])
    assert second.story_id == first.story_id
    assert second.deliveries == 1  # chat 3 only
    rows = await db.conn.execute_fetchall(
        "SELECT article_id, chat_id FROM deliveries ORDER BY article_id, chat_id"
    )
    assert [tuple(r) for r in rows] == [
        (first.article_id, 1),
        (first.article_id, 2),
        (second.article_id, 3),
    ]


async def test_a_report_after_the_window_starts_a_new_story(db: Database) -> None:
    start = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    first = await add_article(
        db, ArticleDraft(**{**FERRY_A.__dict__, "published_at": start}), ["s."]
    )
    late = await add_article(
        db,
        ArticleDraft(**{**FERRY_B.__dict__, "published_at": start + timedelta(hours=30)}),
        ["s."],
    )
    assert late.story_id != first.story_id


async def test_window_zero_keeps_every_article_alone(tmp_path: Path) -> None:
    database = await open_database(tmp_path / "alone.db", story_window_hours=0)
    try:
        first = await add_article(database, FERRY_A, ["s."])
        second = await add_article(database, FERRY_B, ["s."])
        assert first.story_id != second.story_id
    finally:
        await database.close()


async def test_previous_release_upgrades_with_one_report_stories(tmp_path: Path) -> None:
    path = tmp_path / "previous.db"
    con = sqlite3.connect(path)
    for migration in MIGRATIONS[: SCHEMA_VERSION - 1]:
        con.executescript(migration.sql)
    for n, title in enumerate(["Old flood story", "Old rail story"], start=1):
        con.execute(
            "INSERT INTO articles (url, canonical_url, title, body, brief, language, "
            "created_at, content_hash) VALUES (?, ?, ?, 'The body.', '', 'english', "
            "'2026-01-01T00:00:00+00:00', ?)",
            (f"https://e.org/{n}", f"https://e.org/{n}", title, f"h{n}"),
        )
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    con.commit()
    con.close()
    database = await open_database(path)
    try:
        assert await schema_version(database.conn) == SCHEMA_VERSION
        rows = await database.conn.execute_fetchall(
            "SELECT a.id, a.story_id, s.reports, s.open FROM articles a "
            "JOIN stories s ON s.id = a.story_id ORDER BY a.id"
        )
        assert [tuple(r) for r in rows] == [(1, 1, 1, 0), (2, 2, 1, 0)]
        # A new article gets a story of its own id range, not one of the old ones.
        added = await add_article(database, FERRY_A, ["s."])
        assert added.story_id not in (1, 2)
    finally:
        await database.close()
