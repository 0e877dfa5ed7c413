"""Matching articles against subscriptions: exactly the right chats, each once.

Timing at 100,000 subscriptions is bench/bench_matching.py's job; here the
indexed matcher is checked against a naive one on a few thousand random
subscriptions, where a wrong answer is as visible and the test stays fast.
"""

from __future__ import annotations

import random

from bot.storage import deliveries
from bot.storage import subscriptions as subs
from bot.storage.articles import ArticleDraft, add_articles
from bot.storage.db import Database
from bot.text import stems

BRIEF = ["A one-sentence brief."]


async def add(db: Database, title: str, body: str, url: str | None = None) -> int:
    [result] = await add_articles(db, [(ArticleDraft(title=title, body=body, url=url), BRIEF)])
    assert result.status == "added"
    return result.article_id


async def queued(db: Database) -> dict[int, set[int]]:
    """chat_id -> article ids queued for it (pending or digest)."""
    found: dict[int, set[int]] = {}
    async with db.conn.execute("SELECT chat_id, article_id FROM deliveries") as cursor:
        for row in await cursor.fetchall():
            found.setdefault(row["chat_id"], set()).add(row["article_id"])
    return found


async def test_keyword_all_news_and_phrase_subscriptions(db: Database) -> None:
    await subs.subscribe(db, 1, "private", [])  # all news
    await subs.subscribe(db, 2, "private", ["rail"])
    await subs.subscribe(db, 3, "private", ["flood warning"])  # a phrase
    await subs.subscribe(db, 4, "private", ["budget", "vaccines"])
    await subs.subscribe(db, -100, "group", ["strike"])
    await subs.subscribe(db, 5, "private", ["warning flood"])  # same words, other order

    rail = await add(db, "Rail strike halts trains", "Unions called a rail strike on Monday.")
    flood = await add(
        db, "Storm nears the coast", "The agency issued a flood warning for three districts."
    )
    apart = await add(
        db, "Dry summer", "No flood is expected, but a heat warning is in force for the weekend."
    )
    vaccine = await add(db, "Flu vaccine uptake falls", "Fewer people were vaccinated this year.")
    city = await add(db, "City budget passes", "The council approved the budget.")

    got = await queued(db)
    assert got[1] == {rail, flood, apart, vaccine, city}
    assert got[2] == {rail}
    assert got[3] == {flood}  # the phrase, not its words scattered
    assert got[4] == {vaccine, city}  # "vaccines" matches "vaccine" and "vaccinated" by stem
    assert got[-100] == {rail}
    assert 5 not in got  # word order matters in a phrase
    counts = await deliveries.counts(db)
    assert counts["pending"] == sum(len(v) for v in got.values())


async def test_a_chat_with_several_matching_subscriptions_gets_one_row(db: Database) -> None:
    await subs.subscribe(db, 7, "private", ["rail", "strike", "rail strike"])
    await subs.subscribe(db, 7, "private", [])
    article = await add(db, "Rail strike", "A rail strike stops trains; the strike goes on.")
    async with db.conn.execute(
        "SELECT count(*) FROM deliveries WHERE chat_id = 7 AND article_id = ?", (article,)
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None and row[0] == 1


async def test_inactive_chats_and_digest_chats(db: Database) -> None:
    await subs.subscribe(db, 1, "private", ["rail"])
    await subs.subscribe(db, 2, "private", ["rail"])
    await subs.subscribe(db, 3, "private", ["rail"])
    await subs.set_digest(db, 2, "private", "08:00", "Europe/Berlin")
    await deliveries.chat_blocked(db, 3, "blocked")
    article = await add(db, "Rail news", "The rail line reopens.")
    async with db.conn.execute(
        "SELECT chat_id, status FROM deliveries WHERE article_id = ? ORDER BY chat_id", (article,)
    ) as cursor:
        rows = [(r["chat_id"], r["status"]) for r in await cursor.fetchall()]
    assert rows == [(1, "pending"), (2, "digest")]


async def test_unsubscribed_and_forgotten_chats_stop_matching(db: Database) -> None:
    await subs.subscribe(db, 1, "private", ["rail", "bus"])
    await subs.subscribe(db, 2, "private", ["rail"])
    await subs.unsubscribe(db, 1, ["rail"])
    await subs.forget_chat(db, 2)
    await add(db, "Rail news", "The rail line reopens.")
    bus = await add(db, "Bus news", "A new bus route.")
    assert await queued(db) == {1: {bus}}


VOCABULARY = [
    "rail",
    "strike",
    "flood",
    "warning",
    "budget",
    "vaccine",
    "election",
    "court",
    "climate",
    "energy",
    "price",
    "housing",
    "school",
    "hospital",
    "police",
    "border",
    "trade",
    "market",
    "bank",
    "water",
    "storm",
    "fire",
    "union",
    "council",
    "minister",
    "river",
    "bridge",
    "airport",
    "wage",
    "tax",
    "farm",
    "drought",
]


def naive_matches(subscriptions: list[tuple[int, str]], title: str, body: str) -> set[int]:
    """The obvious algorithm: every subscription checked against the article."""
    joined = " " + " ".join(stems(f"{title}\n{body}")) + " "
    found = set()
    for chat_id, keyword in subscriptions:
        terms = " ".join(stems(keyword))
        if not keyword or f" {terms} " in joined:
            found.add(chat_id)
    return found


async def test_indexed_matching_agrees_with_naive_matching(db: Database) -> None:
    rng = random.Random(1234)
    subscriptions: list[tuple[int, str]] = []
    for chat_id in range(1, 1501):
        if chat_id % 97 == 0:
            keywords = [""]
        else:
            keywords = []
            for _ in range(rng.randint(1, 3)):
                words = rng.sample(VOCABULARY, rng.choice([1, 1, 1, 2]))
                keywords.append(" ".join(words))
        for keyword in keywords:
            subscriptions.append((chat_id, keyword))
        await subs.subscribe(db, chat_id, "private", [k for k in keywords if k])
        if keywords == [""]:
            await subs.subscribe(db, chat_id, "private", [])

    for number in range(12):
        words = [rng.choice(VOCABULARY) for _ in range(60)]
        title = " ".join(words[:6]).capitalize()
        body = ". ".join(" ".join(words[i : i + 9]) for i in range(6, 60, 9)) + "."
        expected = naive_matches(subscriptions, title, body)
        async with db.transaction() as conn:
            got = await subs.matching_chats(conn, title, body)
        assert set(got) == expected, f"article {number}"
        assert expected  # the corpus is built so every article matches someone
