"""Feeds and links end to end: the real bot against the fake Bot API, feeds and article
pages served by the local HTTP server, polls run by the bot's own JobQueue."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fake_telegram import FakeTelegram, SentMessage
from harness import (
    ADMIN_ID,
    OTHER_USER_ID,
    USER_ID,
    BotHarness,
    eventually,
    polls_finished,
    running_bot,
)
from http_server import LocalHTTPServer
from test_feed_poller import ARTICLE_HTML, ATOM, FIXTURES, RSS, render, serve_herald

from bot import jobs
from bot.storage import feeds as store
from bot.storage.articles import count_articles

ENV = {
    "NEWSBRIEF_FEED_INTERVAL": "10",
    "NEWSBRIEF_FETCH_TIMEOUT": "2",
    "NEWSBRIEF_FEED_FAILURES": "1",
    "NEWSBRIEF_FETCH_ALLOW_PRIVATE": "1",  # the test server is on loopback
}
NOT_ADMIN = "This command is for the bot's admins."


@pytest.fixture
async def bot(fake_telegram: FakeTelegram, tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(fake_telegram, tmp_path / "bot.db", ENV) as harness:
        yield harness


async def feed_named(bot: BotHarness, feed_id: int) -> store.Feed:
    feed = await store.get_feed(bot.services.db, feed_id)
    assert feed is not None
    return feed


async def delivery_rows(bot: BotHarness) -> list[tuple[int, int, str]]:
    async with bot.services.db.conn.execute(
        "SELECT article_id, chat_id, status FROM deliveries ORDER BY article_id"
    ) as cursor:
        return [(row[0], row[1], row[2]) for row in await cursor.fetchall()]


def texts(messages: list[SentMessage]) -> list[str]:
    return [m.plain_text for m in messages]


async def test_admin_adds_a_feed_and_matching_subscribers_get_each_brief_once(
    bot: BotHarness, http_server: LocalHTTPServer
) -> None:
    url = serve_herald(http_server)
    (ok,) = await bot.ask("/subscribe barrier", user_id=USER_ID)
    assert "barrier" in ok.plain_text
    await bot.ask("/subscribe cricket", user_id=OTHER_USER_ID)

    (added,) = await bot.ask(f"/addfeed {url} Valley news", user_id=ADMIN_ID)

    assert added.plain_text.startswith("Added feed #1: Valley news (4 entries now")
    assert "Language: english" in added.plain_text
    # Nobody runs anything else: the poll happens by itself and delivery follows.
    sent = await bot.fake.wait_for_sent(3, chat_id=USER_ID, timeout=30)
    briefs = texts(sent[1:])
    assert sorted(b.splitlines()[0] for b in briefs) == [
        "Barrier gates tested ahead of spring tides",
        "River town opens floating flood barrier after decade of delays",
    ]
    opened = next(b for b in briefs if b.startswith("River town"))
    assert "•" in opened and "Valley news" in opened  # the brief, from the fetched page
    assert await count_articles(bot.services.db) == 4  # the old entry and the bakery too

    # Another poll (and whatever the tick does meanwhile) delivers nothing again.
    await polls_finished(bot)
    results = await jobs.run_polls(bot.app, everything=True)
    assert [(r.added, r.skipped, r.queued, r.error) for r in results] == [(0, 4, 0, None)]
    await eventually(lambda: _all_sent(bot), timeout=20)
    rows = await delivery_rows(bot)
    assert len(rows) == 2 and {chat for _, chat, _ in rows} == {USER_ID}
    (listing,) = await bot.ask("/subscriptions", user_id=USER_ID)  # exactly one new message
    assert "barrier" in listing.plain_text
    assert len(bot.fake.sent(USER_ID)) == 4
    assert len(bot.fake.sent(OTHER_USER_ID)) == 1  # only the /subscribe reply

    (feeds,) = await bot.ask("/feeds", user_id=ADMIN_ID)
    assert "#1 Valley news" in feeds.plain_text
    assert "4 articles" in feeds.plain_text
    # English dates as Babel writes them for "en": "Nov 26, 2026 5:10 AM UTC".
    assert re.search(r"last success \w{3} \d+, \d{4} \d+:\d\d\W[AP]M UTC", feeds.plain_text)
    assert "failure" not in feeds.plain_text

    # Later news arrives through the repeating JobQueue tick alone. Its interval has
    # "passed" (next_poll_at moved to now), so the next tick, at most 10 s away, polls.
    (job,) = bot.app.job_queue.get_jobs_by_name("feeds:poll")
    assert job.trigger.interval.total_seconds() == 10
    later = (
        "<item><title>Barrier closed for the first spring tide</title>"
        f"<link>{http_server.base_url}/news/first-tide</link><guid>herald-first-tide</guid>"
        "<content:encoded><![CDATA[<p>The barrier was closed for the first spring tide of "
        "the year on Monday night.</p><p>The water stopped forty centimetres below the top "
        "of the gates, and the quay reopened at dawn.</p><p>The river agency said the pumps on "
        "the east bank ran for six hours and that no house reported water in its cellar."
        "</p>]]></content:encoded></item>"
    )
    body = render("local_rss2.xml", http_server)
    http_server.route(
        "/herald/rss.xml", body.replace(b"<item>", later.encode() + b"<item>", 1), content_type=RSS
    )
    await bot.services.db.conn.execute(
        "UPDATE feeds SET next_poll_at = '2000-01-01T00:00:00+00:00'"
    )
    (news,) = (await bot.fake.wait_for_sent(5, chat_id=USER_ID, timeout=25))[4:]
    assert news.plain_text.startswith("Barrier closed for the first spring tide")


async def _all_sent(bot: BotHarness) -> bool:
    rows = await delivery_rows(bot)
    return bool(rows) and all(status == "sent" for _, _, status in rows)


async def test_failing_feed_is_reported_once_shown_in_feeds_and_removed(
    bot: BotHarness, http_server: LocalHTTPServer
) -> None:
    http_server.route("/gazette.xml", render("local_atom.xml", http_server), content_type=ATOM)
    (added,) = await bot.ask(f"/addfeed {http_server.url('/gazette.xml')}", user_id=ADMIN_ID)
    assert added.plain_text.startswith("Added feed #1: Hill Gazette (2 entries now")

    async def polled() -> bool:
        return (await feed_named(bot, 1)).articles == 2

    await eventually(polled, timeout=20)
    await polls_finished(bot)

    # The feed starts hanging: a poll waits for the timeout, the bot answers meanwhile.
    http_server.hang("/gazette.xml")
    requests = len(http_server.requests_to("/gazette.xml"))
    poll = asyncio.create_task(jobs.run_polls(bot.app, everything=True))
    await bot.fake.wait_until(lambda: len(http_server.requests_to("/gazette.xml")) > requests)
    (latest,) = await bot.ask("/latest", user_id=USER_ID)
    assert "Quarry expansion plan withdrawn" in latest.plain_text
    assert not poll.done()
    (result,) = await poll
    assert result.error == "timed out after 2 s"

    # The admin is told (threshold 1), once.
    (note,) = await _admin_notes(bot, 1)
    assert "Feed #1 (Hill Gazette) is failing: timed out after 2 s. Failures in a row: 1." in (
        note.plain_text
    )
    await jobs.run_polls(bot.app, everything=True)  # fails again: no second message
    assert len(await _admin_notes(bot, 1)) == 1

    (feeds,) = await bot.ask("/feeds", user_id=ADMIN_ID)
    assert "#1 Hill Gazette" in feeds.plain_text and "2 articles" in feeds.plain_text
    assert re.search(r"⚠ \d failures? in a row, last .*: timed out after 2 s", feeds.plain_text)
    assert (await feed_named(bot, 1)).consecutive_failures >= 2

    for bad in ("99", "²", "9" * 40, "https://nowhere.example/feed"):
        (missing,) = await bot.ask(f"/delfeed {bad}", user_id=ADMIN_ID)
        assert missing.plain_text == "No such feed. /feeds lists them."
    (refused,) = await bot.ask("/delfeed 1", user_id=OTHER_USER_ID)
    assert refused.plain_text == NOT_ADMIN
    (gone,) = await bot.ask("/delfeed #1", user_id=ADMIN_ID)
    assert gone.plain_text.startswith("Stopped polling feed #1 (Hill Gazette)")
    (empty,) = await bot.ask("/feeds", user_id=ADMIN_ID)
    assert "No feeds yet" in empty.plain_text
    (still,) = await bot.ask("/latest", user_id=USER_ID)  # its articles stay
    assert "Quarry expansion plan withdrawn" in still.plain_text


async def _admin_notes(bot: BotHarness, at_least: int) -> list[SentMessage]:
    await bot.fake.wait_until(
        lambda: (
            len([m for m in bot.fake.sent(ADMIN_ID) if m.plain_text.startswith("Feed #")])
            >= at_least
        )
    )
    return [m for m in bot.fake.sent(ADMIN_ID) if m.plain_text.startswith("Feed #")]


async def test_addfeed_answers_every_problem_clearly(
    bot: BotHarness, http_server: LocalHTTPServer
) -> None:
    http_server.route("/page.html", ARTICLE_HTML)
    http_server.route(
        "/garbage", (FIXTURES / "garbage.txt").read_bytes(), content_type="text/plain"
    )
    http_server.hang("/slow.xml")
    http_server.route("/gazette.xml", render("local_atom.xml", http_server), content_type=ATOM)

    (refused,) = await bot.ask(f"/addfeed {http_server.url('/gazette.xml')}", user_id=USER_ID)
    assert refused.plain_text == NOT_ADMIN
    assert http_server.requests == []  # refused before fetching anything

    async def answer(text: str) -> str:
        (message,) = await bot.ask(text, user_id=ADMIN_ID)
        return message.plain_text

    assert (await answer("/addfeed")).startswith("Usage: /addfeed <url> [label]")
    hint = await answer(f"/addfeed {http_server.url('/page.html')}")
    feed_link = http_server.url("/feeds/news.xml")  # the page's <link rel="alternate">
    assert hint.startswith("Not added: not an RSS or Atom feed: got an HTML page")
    assert f"This page links to: {feed_link}" in hint
    assert (await answer(f"/addfeed {http_server.url('/missing.xml')}")) == (
        "Not added: could not fetch it (HTTP 404 Not Found)."
    )
    assert (await answer(f"/addfeed {http_server.url('/garbage')}")).startswith(
        "Not added: not an RSS or Atom feed"
    )
    assert (await answer("/addfeed ftp://example.org/feed")) == (
        "Not added: could not fetch it (not http(s))."
    )
    # A slow feed holds up only its own /addfeed.
    slow = asyncio.create_task(answer(f"/addfeed {http_server.url('/slow.xml')}"))
    await bot.fake.wait_until(lambda: bool(http_server.requests_to("/slow.xml")))
    (hello,) = await bot.ask("/start", user_id=OTHER_USER_ID)
    assert "Hello" in hello.plain_text
    assert (await slow) == "Not added: could not fetch it (timed out after 2 s)."
    assert await store.list_feeds(bot.services.db) == []

    assert (await answer(f"/addfeed {http_server.url('/gazette.xml')} My <b>label</b>")).startswith(
        "Added feed #1: My <b>label</b> (2 entries now"
    )
    again = await answer(f"/addfeed {http_server.url('/gazette.xml')}#top")
    assert again == "Already polling that feed as #1 (My <b>label</b>)."
    (listing,) = await store.list_feeds(bot.services.db)
    assert listing.url == http_server.url("/gazette.xml") and listing.language == "english"
    # /delfeed also takes the URL, in any spelling /addfeed would have accepted.
    gone = await answer(f"/delfeed HTTP://127.0.0.1:{http_server.port}/gazette.xml#feed")
    assert gone.startswith("Stopped polling feed #1")


async def test_admin_link_and_post_url(bot: BotHarness, http_server: LocalHTTPServer) -> None:
    http_server.route("/news/flood-barrier", ARTICLE_HTML)
    http_server.route("/report.pdf", b"%PDF-1.7\n" + b"0" * 4000, content_type="application/pdf")
    http_server.route("/login", (FIXTURES / "homepage.html").read_bytes())
    http_server.route("/down", "maintenance", status=503, content_type="text/plain")
    await bot.ask("/subscribe barrier", user_id=USER_ID)
    link = http_server.url("/news/flood-barrier")

    stored = await bot.ask(link, user_id=ADMIN_ID)  # a bare link in the admin's private chat

    text = "\n".join(texts(stored))
    assert text.startswith("Stored as #1.")
    assert "River town opens floating flood barrier after decade of delays" in text
    assert "•" in text and "Northbank Courier" in text
    assert "Queued for 1 subscriber chat." in text
    (delivered,) = (await bot.fake.wait_for_sent(2, chat_id=USER_ID))[1:]
    assert delivered.plain_text.startswith("River town opens floating flood barrier")

    async def answer(text: str, user_id: int = ADMIN_ID) -> str:
        return "\n".join(texts(await bot.ask(text, user_id=user_id)))

    assert (await answer(f"/post {link}?utm_source=tg")).startswith(
        "Already stored as #1 (same link)"
    )
    pdf = await answer(f"/post {http_server.url('/report.pdf')}")
    assert pdf == "Not stored: not an HTML page (application/pdf)."
    assert (await answer(f"/post {http_server.url('/nothing')}")) == (
        "Could not fetch that page: HTTP 404 Not Found."
    )
    assert (await answer(http_server.url("/down"))) == (
        "Could not fetch that page: HTTP 503 Service Unavailable."
    )
    assert (await answer(http_server.url("/login"))).startswith("Not stored: no article text")
    # Anyone else's link is not fetched.
    before = len(http_server.requests)
    hint = await answer(link, user_id=OTHER_USER_ID)
    assert "I answer commands" in hint
    assert (await answer(f"/post {link}", user_id=OTHER_USER_ID)) == NOT_ADMIN
    assert len(http_server.requests) == before
    assert await count_articles(bot.services.db) == 1
    (latest,) = await bot.ask("/latest", user_id=OTHER_USER_ID)
    assert "River town opens floating flood barrier" in latest.plain_text
    assert len(bot.fake.sent(USER_ID)) == 2  # the subscriber got that article once


async def test_internal_addresses_are_refused_by_default(
    fake_telegram: FakeTelegram, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    """Without NEWSBRIEF_FETCH_ALLOW_PRIVATE, neither a link nor a feed on loopback is fetched."""
    http_server.route("/admin/secret", ARTICLE_HTML)
    http_server.route("/gazette.xml", render("local_atom.xml", http_server), content_type=ATOM)
    env = {k: v for k, v in ENV.items() if k != "NEWSBRIEF_FETCH_ALLOW_PRIVATE"}
    async with running_bot(fake_telegram, tmp_path / "bot.db", env) as bot:
        (link,) = await bot.ask(http_server.url("/admin/secret"), user_id=ADMIN_ID)
        (feed,) = await bot.ask(f"/addfeed {http_server.url('/gazette.xml')}", user_id=ADMIN_ID)
        assert await count_articles(bot.services.db) == 0
    assert link.plain_text == "Could not fetch that page: refused: address is loopback."
    assert feed.plain_text == "Not added: could not fetch it (refused: address is loopback)."
    assert http_server.requests == []
