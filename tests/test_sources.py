"""Following one source: /subscribe source:<feed id or host> [keywords].

The matcher on an in-memory database (feeds, hosts and their subdomains,
keywords on a source, mutes on top), then the chat commands on the fake Bot API.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fake_telegram import FakeTelegram
from harness import ADMIN_ID, USER_ID, BotHarness, running_bot

from bot import delivery
from bot.storage import feeds, mutes, sources
from bot.storage import subscriptions as subs
from bot.storage.articles import ArticleDraft, add_articles
from bot.storage.db import Database

BRIEF = ["A one-sentence brief."]


async def add(db: Database, title: str, url: str | None, feed_id: int | None = None) -> int:
    draft = ArticleDraft(
        title=title, body=f"{title}. The council met on Tuesday.", url=url, feed_id=feed_id
    )
    [result] = await add_articles(db, [(draft, BRIEF)])
    assert result.status == "added"
    return result.article_id


async def queued_for(db: Database, chat_id: int) -> set[int]:
    rows = await db.conn.execute_fetchall(
        "SELECT article_id FROM deliveries WHERE chat_id = ?", (chat_id,)
    )
    return {row[0] for row in rows}


def test_host_keys() -> None:
    assert sources.host_key("BBC.co.uk") == "host:bbc.co.uk"
    assert sources.host_key("https://www.bbc.co.uk/news/x") == "host:bbc.co.uk"
    assert sources.host_key("www.example.org/") == "host:example.org"
    assert sources.host_key("bücher.example") == "host:xn--bcher-kva.example"
    for bad in ("localhost", "", "a b.org", "-x.org", "http://", "x..org", "exa_mple.org"):
        assert sources.host_key(bad) is None, bad


async def test_source_subscriptions_match_feed_host_and_subdomains(db: Database) -> None:
    world, _ = await feeds.add_feed(db, "https://feeds.example.org/world.xml", "World", None)
    other, _ = await feeds.add_feed(db, "https://other.test/rss", "Other", None)
    await sources.subscribe(db, 1, "private", f"feed:{world.id}", [])
    await sources.subscribe(db, 2, "private", "host:example.org", [])
    await sources.subscribe(db, 3, "private", "host:news.example.org", ["budget"])
    await sources.subscribe(db, 4, "private", f"feed:{other.id}", ["council", "flood warning"])
    await sources.subscribe(db, 5, "private", "host:ample.org", [])  # not a parent domain
    await subs.subscribe(db, 6, "private", ["zebra"])  # keyword only, matches nothing here

    from_feed = await add(db, "Rail plan", "https://elsewhere.net/a", world.id)
    sub_host = await add(db, "Budget vote", "https://www.news.example.org/b")
    other_feed = await add(db, "Harbour news", "https://other.test/c", other.id)
    unrelated = await add(db, "Budget elsewhere", "https://unrelated.net/d")

    assert await queued_for(db, 1) == {from_feed}
    # by the feed's own address (feeds.example.org) and by the article's link
    assert await queued_for(db, 2) == {from_feed, sub_host}
    assert await queued_for(db, 3) == {sub_host}  # "budget" from news.example.org only
    assert await queued_for(db, 4) == {other_feed}  # "council" is in its body
    assert await queued_for(db, 5) == set()
    assert unrelated not in await queued_for(db, 2)

    # A muted word wins over a source subscription too.
    await mutes.mute(db, 2, "private", ["rail"])
    again = await add(db, "Rail plan two", "https://example.org/e")
    assert again not in await queued_for(db, 2)

    listed = await sources.list_sources(db, 4)
    assert [(s.feed_id, s.keyword, s.feed_label) for s in listed] == [
        (other.id, "council", "Other"),
        (other.id, "flood warning", "Other"),
    ]
    went = await sources.unsubscribe(db, 4, f"feed:{other.id}", ["floods warnings"])
    assert [s.keyword for s in went] == ["flood warning"]
    assert len(await sources.unsubscribe(db, 4, None)) == 1


async def test_source_cap(db: Database) -> None:
    await sources.subscribe(db, 7, "private", "host:a.org", [f"w{i}x" for i in range(50)])
    with pytest.raises(sources.TooManySourcesError):
        await sources.subscribe(db, 7, "private", "host:b.org", [], max_subscriptions=50)
    assert all(s.host == "a.org" for s in await sources.list_sources(db, 7))


# ---- end to end ------------------------------------------------------------------------------


@pytest.fixture
async def bot(fake_telegram: FakeTelegram, tmp_path: Path) -> AsyncIterator[BotHarness]:
    env = {"NEWSBRIEF_SEND_RATE": "200", "NEWSBRIEF_CHAT_RATE": "50"}
    async with running_bot(fake_telegram, tmp_path / "bot.db", env) as harness:
        yield harness


def post(title: str, url: str) -> str:
    return (
        f"/post {title}\n{url}\n"
        "The regional assembly voted on the new ferry routes late on Thursday evening. "
        "Members said the routes would link three islands that have waited for years. "
        "The first boats are due to sail in early May, weather permitting. "
        "Harbour masters on each island will publish the timetables next month."
    )


async def test_source_subscription_end_to_end(bot: BotHarness) -> None:
    db = bot.services.db
    # Never polled: the test stays off the network (the feed is only a source to follow).
    await db.conn.execute(
        "INSERT INTO feeds (url, label, created_at, next_poll_at) "
        "VALUES ('https://islands.example.net/feed.xml', 'Islands', '2026-01-01', '9999')"
    )
    await db.conn.commit()
    feed = await feeds.get_feed(db, "https://islands.example.net/feed.xml")
    assert feed is not None
    (listing,) = await bot.ask("/feeds")  # read-only for everyone
    assert f"#{feed.id} Islands islands.example.net" in listing.plain_text
    assert "last success" not in listing.plain_text

    (bad,) = await bot.ask("/subscribe source:localhost")
    assert "is not a feed id or a site's name" in bad.plain_text
    (missing,) = await bot.ask("/subscribe source:999")
    assert "There is no feed #999" in missing.plain_text

    (site,) = await bot.ask("/subscribe source:https://www.example.org/news")
    assert "Subscribed to everything from example.org." in site.plain_text
    (fed,) = await bot.ask(f"/subscribe source:{feed.id} ferry")
    assert f"Subscribed to ferry from feed #{feed.id} (Islands)." in fed.plain_text
    (mine,) = await bot.ask("/subscriptions")
    assert "everything from example.org" in mine.plain_text
    assert f"ferry from feed #{feed.id} (Islands)" in mine.plain_text

    before = len(bot.fake.sent(USER_ID))
    (stored,) = await bot.ask(
        post("Ferry routes approved", "https://news.example.org/ferry"), user_id=ADMIN_ID
    )
    assert "Queued for 1 subscriber chat." in stored.plain_text, stored.plain_text
    (other,) = await bot.ask(
        post("Ferry routes doubted", "https://elsewhere.test/ferry"), user_id=ADMIN_ID
    )
    assert "No subscriber matches it." in other.plain_text
    # From the feed: only what mentions ferries.
    drafts = [
        (
            ArticleDraft(
                title="Island ferry timetable",
                body="The ferry sails at noon.",
                url="https://islands.example.net/1",
                feed_id=feed.id,
            ),
            BRIEF,
        ),
        (
            ArticleDraft(
                title="Island school opens",
                body="Pupils start on Monday.",
                url="https://islands.example.net/2",
                feed_id=feed.id,
            ),
            BRIEF,
        ),
    ]
    await add_articles(db, drafts)
    delivery.wake(bot.app)
    pushed = await bot.fake.wait_for_sent(before + 2, chat_id=USER_ID, timeout=15)
    texts = " ".join(m.plain_text for m in pushed[before:])
    assert "Ferry routes approved" in texts and "Island ferry timetable" in texts
    assert "doubted" not in texts and "school" not in texts

    (which,) = await bot.ask("/unsubscribe")
    assert which.plain_text.startswith("Which one?") and "from example.org" in which.plain_text
    (stop,) = await bot.ask("/unsubscribe source:example.org")
    assert "Unsubscribed from everything from example.org." in stop.plain_text
    # A feed removed since can still be unfollowed by its id.
    await bot.ask(f"/subscribe source:{feed.id}")
    await feeds.remove_feed(db, feed.id)
    (gone,) = await bot.ask(f"/unsubscribe source:{feed.id}")
    assert f"ferry from feed #{feed.id}" in gone.plain_text  # every subscription to it
    assert f"everything from feed #{feed.id}" in gone.plain_text
    (nothing,) = await bot.ask("/unsubscribe all")
    assert nothing.plain_text.startswith("You were not subscribed to that.")
