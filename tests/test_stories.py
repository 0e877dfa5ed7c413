"""Stories on real SQLite: which reports join, who is pushed once, the migration, the window."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.storage import Database, open_database
from bot.storage.articles import ArticleDraft, add_article
from bot.storage.db import schema_version
from bot.storage.schema import MIGRATIONS, SCHEMA_VERSION
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
    # An old report stored afterwards (a feed's back catalogue) does not join either.
    third = replace(FERRY_B, url="https://old.example/m", body=FERRY_B.body + " Archive.")
    early = await add_article(db, replace(third, published_at=start - timedelta(hours=30)), ["s."])
    assert early.story_id not in (first.story_id, late.story_id)


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


# Two different events told in the same words: only the country differs.
ECONOMY_A = ArticleDraft(
    title="Economy shrinks for second quarter as exports and household spending fall",
    body=(
        "The economy of Rivaria shrank by 0.4% in the three months to September, the "
        "second quarter in a row, official figures from the Rivarian statistics office in "
        "Castelmar showed on Monday. Exports fell sharply and household spending weakened "
        "as prices rose. Finance minister Ilse Varga said growth would return next year, "
        "but economists at Castelmar University expect the central bank to cut interest "
        "rates to support the economy."
    ),
    url="https://wire-one.example/rivaria-economy",
    source="Wire One",
)
ECONOMY_B = ArticleDraft(
    title="Economy grows in third quarter as exports and household spending rise",
    body=(
        "The economy of Osterland grew by 0.6% in the three months to September, official "
        "figures from the Osterland statistics bureau in Nordhafen showed on Monday. Exports "
        "rose strongly and household spending held up despite higher prices. Finance "
        "minister Tomas Berg said growth would continue next year, and economists at the "
        "Nordhafen Institute expect the central bank to keep interest rates on hold."
    ),
    url="https://wire-two.example/osterland-economy",
    source="Wire Two",
)


async def test_same_words_about_other_names_are_another_story(db: Database) -> None:
    first = await add_article(db, ECONOMY_A, ["s."])
    second = await add_article(db, ECONOMY_B, ["s."])
    assert second.story_id != first.story_id


def test_the_name_check_is_what_keeps_them_apart() -> None:
    # Without it, the shared topic words alone would join the two economies.
    from bot.stories.similarity import DEFAULT, Features, choose, features, idf, term_counts

    def feats(draft: ArticleDraft) -> Features:
        counts, names = term_counts(draft.title, draft.body, "english")
        return features(counts, names, lambda term: idf(0, 2))

    a, b = feats(ECONOMY_A), feats(ECONOMY_B)
    assert choose(b, [(1, a)]) is None
    assert choose(b, [(1, a)], replace(DEFAULT, min_name_overlap=0.0)) is not None


async def test_a_feed_never_joins_its_own_earlier_entry(db: Database) -> None:
    from bot.storage.feeds import add_feed

    feed, _ = await add_feed(db, "https://coastnews.example/feed.xml", "Coast News", None)
    first = await add_article(db, replace(FERRY_A, feed_id=feed.id), ["s."])
    again = await add_article(db, replace(FERRY_B, feed_id=feed.id), ["s."])
    assert again.story_id != first.story_id
    third = replace(FERRY_B, url="https://third.example/m", body=FERRY_B.body + " Updated.")
    other = await add_article(db, third, ["s."])
    # Another outlet's report still joins (the closest story: the same words as the second).
    assert other.story_id == again.story_id and other.story_reports == 2


async def test_the_sample_articles_stored_at_once_stay_apart(db: Database) -> None:
    # 24 different stories, several about the same towns, stored in one go into an empty
    # archive (idf knows nothing yet): an earlier rule chained four of them into one.
    import json

    from bot.storage.articles import add_articles

    data = Path(__file__).resolve().parents[1] / "data" / "articles.jsonl"
    records = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()]
    items = [
        (ArticleDraft(title=r["title"], body=r["body"], url=r["url"], source=r["source"]), ["s."])
        for r in records
    ]
    results = await add_articles(db, items, deliver=False)
    assert len({r.story_id for r in results}) == len(records)


def test_a_story_brief_opens_with_the_earliest_report_and_never_repeats() -> None:
    from bot.stories.brief import story_brief

    earliest = [
        "The ferry Marisol ran aground off Kestrel Point early on Tuesday.",
        "Coastguard crews rescued all 212 passengers and crew.",
    ]
    later = [
        "Coastguard crews rescued all 212 passengers and crew from the ferry.",
        "However, the harbour stays closed.",  # needs the sentence before it
        "Salvage tugs will try to refloat the Marisol at high tide on Wednesday.",
    ]
    picked = story_brief([earliest, later])
    assert picked[0] == earliest[0]
    assert sum("rescued all 212" in s for s in picked) == 1
    assert "However, the harbour stays closed." not in picked
    assert later[2] in picked
    assert story_brief([earliest, later]) == picked  # deterministic
    assert story_brief([]) == []


async def test_ingest_counts_the_reports_that_joined_an_earlier_story(db: Database) -> None:
    from bot.ingest import Record, ingest
    from bot.pipeline import Briefer

    briefer = Briefer("english", 2, "lexrank", workers=1)
    try:
        records = [Record(f"in:{n}", draft) for n, draft in enumerate([FERRY_A, FERRY_B, MARKET])]
        report = await ingest(db, records, briefer)
    finally:
        briefer.close()
    assert (report.added, report.joined) == (3, 1)
    assert report.summary() == ("added 3 (1 joined an earlier story), duplicates 0, rejected 0")


async def test_latest_pages_by_story_and_never_repeats_one(db: Database) -> None:
    """/latest and inline mode page over stories: a story of three reports takes one place,
    and the second page neither repeats it nor skips the story after it."""
    from bot.storage.articles import latest_articles

    FERRY_C = replace(
        FERRY_A,
        title="Marisol ferry grounding: tugs wait for Wednesday's tide off Kestrel Point",
        body=FERRY_A.body + " Passengers praised the lifeboat crews from three stations.",
        url="https://capenews.example/marisol",
        source="Cape News",
    )
    start = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    texts = [
        (
            "Orvik library reopens after roof repairs",
            "Readers returned to the Orvik "
            "library on Monday after builders replaced the leaking slate roof.",
        ),
        (
            "Tram drivers in Tallmere vote for a strike",
            "Union members voted by a wide margin to stop work for two days over night-shift pay.",
        ),
        (
            "Quenby cheese fair draws record crowds",
            "More than nine thousand visitors "
            "tasted goat and sheep cheeses from forty farms at the weekend.",
        ),
        (
            "Comet visible to the naked eye this week",
            "Astronomers say the comet will "
            "be brightest before dawn, low over the eastern horizon.",
        ),
    ]
    ids = []
    for n, (title, body) in enumerate(texts):
        draft = ArticleDraft(
            title=title,
            body=body * 3,
            url=f"https://paper{n}.example/{n}",
            published_at=start + timedelta(hours=n),
        )
        ids.append((await add_article(db, draft, ["s."])).article_id)
    # The newest story: three reports of the ferry grounding, after the four others.
    ferry = [
        await add_article(db, replace(d, published_at=start + timedelta(hours=10 + n)), ["s."])
        for n, d in enumerate([FERRY_A, FERRY_B, FERRY_C])
    ]
    assert len({r.story_id for r in ferry}) == 1

    first = await latest_articles(db, 2, 0, per_story=True)
    second = await latest_articles(db, 2, 2, per_story=True)
    third = await latest_articles(db, 2, 4, per_story=True)
    assert [a.id for a in first] == [ferry[2].article_id, ids[3]]
    assert [a.id for a in second] == [ids[2], ids[1]]
    assert [a.id for a in third] == [ids[0]]


async def test_two_towns_votes_on_the_same_day_are_two_stories(db: Database) -> None:
    """Template news: two councils' votes, told in the same words, on the same weekday and
    both starting in March. The dates are not names: the towns decide, and they differ."""
    COUNCIL_ORVIK = ArticleDraft(
        title="Orvik council approves new library roof plan",
        body=(
            "The Orvik council approved a plan on Monday to replace the leaking roof of the "
            "town library. "
            "Councillors voted nine to two for the project, which will cost about "
            "1.2 million euros. "
            "Work is due to start in March and the library will stay open during the repairs. "
            "The mayor said the building had waited too long for the money."
        ),
        url="https://a.example/1",
        source="Orvik Post",
    )
    COUNCIL_TALLMERE = ArticleDraft(
        title="Tallmere council approves new tram timetable plan",
        body=(
            "The Tallmere council approved a plan on Monday to run trams every eight "
            "minutes at peak hours. "
            "Councillors voted eleven to one for the change, which will cost about "
            "0.8 million euros a year. "
            "The new timetable starts in March and night trams will run at weekends. "
            "The mayor said commuters had asked for more frequent services for years."
        ),
        url="https://b.example/2",
        source="Tallmere News",
    )
    orvik = await add_article(db, COUNCIL_ORVIK, ["s."])
    tallmere = await add_article(db, COUNCIL_TALLMERE, ["s."])
    assert orvik.story_id != tallmere.story_id
