"""Issue 16: no input a feed, a page or a user supplies freezes the bot or stops a feed.

Hostile titles and bodies, malformed redirects, briefs too long for Telegram, slow feeds,
dates in the future, and the smaller command and setting problems. Feeds and pages come
from the local HTTP server; chats go through the fake Bot API.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from fake_telegram import FakeTelegram
from harness import ADMIN_ID, OTHER_USER_ID, USER_ID, BotHarness, eventually, running_bot
from http_server import LocalHTTPServer

from bot import briefs, jobs
from bot.config import ConfigError, Settings, load_settings
from bot.formatting import MAX_MESSAGE, format_article, split_message, visible_length
from bot.pipeline import Briefer, validate
from bot.sources.client import client_for
from bot.sources.feedparse import parse_feed
from bot.sources.fetch import FetchError, fetch
from bot.sources.poller import poll_due, poll_feed
from bot.sources.titles import MAX_TITLE_CHARS, clean_title
from bot.storage import feeds as store
from bot.storage.articles import Article, ArticleDraft, add_articles, latest_articles
from bot.storage.db import Database, open_database

RSS = "application/rss+xml; charset=utf-8"
ENV = {
    "NEWSBRIEF_FEED_INTERVAL": "600",
    "NEWSBRIEF_FETCH_TIMEOUT": "2",
    "NEWSBRIEF_FETCH_ALLOW_PRIVATE": "1",  # the test server is on loopback
}

# Invented reporting, long enough for a full (not teaser) entry and a pushable brief.
STORY = (
    "The harbour board of Kessling approved a new tidal barrier on Monday evening. "
    "Engineers said the barrier would protect four hundred homes along the eastern quay. "
    "Work is expected to start in the spring and to last about two years in all. "
    "The board will pay for most of the project from a regional flood fund. "
    "Residents who attended the meeting asked for a footpath across the new structure. "
    "The chair of the board promised a public exhibition of the plans next month. "
    "A similar barrier in the neighbouring town has stopped three storm surges since it opened. "
    "Local shops hope the construction crews will bring extra trade during the quiet winter."
)
HOSTILE_TITLE = "Big story" + " | Site" * 40000  # 280 KB, 40,001 parts
HOSTILE_BODY = "A. " * 63000  # 189 KB of one-letter sentences


def rss(items: list[dict[str, str]], title: str = "Test feed") -> str:
    """An RSS 2.0 feed; each item has title, link, description and optionally date."""
    now = format_datetime(datetime.now(UTC) - timedelta(minutes=5), usegmt=True)
    parts = [
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{escape(title)}</title><link>http://example.org/</link>"
    ]
    for item in items:
        parts.append(
            f"<item><title>{escape(item['title'])}</title><link>{escape(item['link'])}</link>"
            f"<guid>{escape(item['link'])}</guid>"
            f"<description>{escape(item['description'])}</description>"
            f"<pubDate>{item.get('date', now)}</pubDate></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts)


def feed_settings(**extra: str) -> Settings:
    return load_settings({**ENV, "NEWSBRIEF_FETCH_TIMEOUT": "1", **extra})


@pytest.fixture(scope="module")
def briefer() -> Iterator[Briefer]:
    instance = Briefer(language="english", sentences=3, summarizer="auto", workers=1)
    try:
        yield instance
    finally:
        instance.close()


async def articles_of(db: Database) -> list[Article]:
    return await latest_articles(db, 50)


# --------------------------------------------------------------------------------------------
# Item 3: hostile titles and bodies


def test_a_title_of_forty_thousand_parts_is_cut_and_cleaned_at_once() -> None:
    started = time.perf_counter()
    cleaned = clean_title(HOSTILE_TITLE[:70_000], site_names=["Site"])
    assert time.perf_counter() - started < 0.5  # before: quadratic in the parts, seconds
    assert cleaned == "Big story"


def test_a_headline_is_found_in_a_long_title_in_linear_time() -> None:
    title = "Flood barrier opens" + " | Kessling harbour news" * 1000  # 24 KB
    started = time.perf_counter()
    # A headline that is none of the title's leading or trailing runs: every run is tried.
    cleaned = clean_title(
        title, site_names=["Kessling harbour news"], headlines=["Quay footbridge closes"]
    )
    assert time.perf_counter() - started < 0.5  # before: seconds (quadratic in the parts)
    assert cleaned == "Flood barrier opens"
    # Normal titles keep their behaviour.
    assert clean_title("Rail strike ends | DW | 19.01.2020", site_names=["DW"]) == (
        "Rail strike ends"
    )
    assert clean_title("Kessling news - Barrier opens", headlines=["Barrier opens"]) == (
        "Barrier opens"
    )


@pytest.mark.parametrize(
    "line", ["The city will build the harbour for", "Die Stadt baut den Hafen mit dem neuen"]
)
def test_a_page_of_lines_that_each_go_on_in_the_next_is_cleaned_in_linear_time(
    line: str,
) -> None:
    # Each line ends mid-sentence, so all of them make one paragraph; the rules looked at the
    # whole paragraph again at every line: 40 s for these 4,000 lines.
    body = "\n\n".join([line] * 4000)
    started = time.perf_counter()
    cleaned = briefs.clean_body(body)
    assert time.perf_counter() - started < 3
    assert cleaned.count(line) == 4000


def test_feed_titles_are_capped_before_cleaning() -> None:
    feed = rss([{"title": HOSTILE_TITLE, "link": "http://example.org/a", "description": STORY}])
    parsed = parse_feed(feed.encode(), "http://example.org/feed", content_type=RSS)
    (entry,) = parsed.entries
    assert 0 < len(entry.title) <= MAX_TITLE_CHARS
    assert entry.title.startswith("Big story | Site")


async def test_a_hostile_feed_does_not_hold_up_another_chats_reply(
    fake_telegram: FakeTelegram, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    feed = rss(
        [
            {"title": HOSTILE_TITLE, "link": http_server.url("/big"), "description": HOSTILE_BODY},
            {
                "title": "Tidal barrier approved",
                "link": http_server.url("/ok"),
                "description": STORY,
            },
        ],
        title="Site",  # the feed names itself as its title's 40,000 parts do
    )
    http_server.route("/hostile.xml", feed, content_type=RSS)
    async with running_bot(fake_telegram, tmp_path / "bot.db", ENV) as bot:
        db = bot.services.db
        await bot.ask("/start", user_id=OTHER_USER_ID)  # warm
        await store.add_feed(db, http_server.url("/hostile.xml"), "Hostile", None)
        # The bot's own tick polls it; meanwhile another user keeps talking to the bot, and
        # a watchdog on the same event loop (the bot's) notes how late its wake-ups come.
        lags: list[float] = []

        async def watchdog() -> None:
            while True:
                began = time.monotonic()
                await asyncio.sleep(0.05)
                lags.append(time.monotonic() - began - 0.05)

        watching = asyncio.create_task(watchdog())
        jobs.poll_soon(bot.app)  # as /addfeed does
        await bot.fake.wait_until(lambda: bool(http_server.requests_to("/hostile.xml")), timeout=15)
        latencies = []
        while True:
            polled = await store.get_feed(db, 1)
            assert polled is not None
            if polled.last_success_at or polled.last_error:
                break
            began = time.monotonic()
            await bot.ask("/start", user_id=OTHER_USER_ID)
            latencies.append(time.monotonic() - began)
            await asyncio.sleep(1.0)  # within the chat's own rate: fairness must not drop it
        watching.cancel()
        assert latencies, "the poll ended before anyone asked"
        assert max(latencies) < 2.0, latencies  # before: 28 s behind the title alone
        assert max(lags) < 1.0, max(lags)  # the loop was never held for long
        assert polled.last_error is None
        titles = [a.title for a in await articles_of(db)]
        assert titles == ["Tidal barrier approved"]  # the hostile entry was refused, alone


# --------------------------------------------------------------------------------------------
# Item 6: malformed redirects, errors per entry


@pytest.mark.parametrize("location", ["http:\\\\example.com/x", "http://xn--/"])
async def test_a_malformed_redirect_is_a_fetch_error_with_a_reason(
    http_server: LocalHTTPServer, location: str
) -> None:
    http_server.redirect("/moved", location)
    settings = feed_settings()
    async with client_for(settings) as client:
        with pytest.raises(FetchError) as caught:
            await fetch(client, http_server.url("/moved"), max_bytes=10_000, timeout=2)
    assert str(caught.value) == "bad redirect: invalid URL"


async def test_a_feed_with_one_badly_redirected_entry_keeps_its_other_entries(
    db: Database, briefer: Briefer, http_server: LocalHTTPServer
) -> None:
    http_server.redirect("/teaser", "http:\\\\example.com/x")
    http_server.redirect("/feed-moved", "http:\\\\example.com/feed")
    items = [
        {"title": "Barrier plans shown", "link": http_server.url("/ok"), "description": STORY},
        {
            "title": "Harbour board meets",
            "link": http_server.url("/teaser"),
            "description": "The harbour board of Kessling met on Monday to discuss the plans.",
        },
    ]
    http_server.route("/feed.xml", rss(items), content_type=RSS)
    settings = feed_settings()
    async with client_for(settings) as client:
        good, _ = await store.add_feed(db, http_server.url("/feed.xml"), "Good", None)
        moved, _ = await store.add_feed(db, http_server.url("/feed-moved"), "Moved", None)
        result = await poll_feed(db, client, briefer, settings, good)
        assert result.error is None  # before: "internal error (InvalidURL), see the bot's log"
        # The teaser whose page could not be fetched is stored from its summary (too short
        # to push), and the entry after it too.
        assert sorted(a.title for a in await articles_of(db)) == [
            "Barrier plans shown",
            "Harbour board meets",
        ]
        result = await poll_feed(db, client, briefer, settings, moved)
        assert result.error == "bad redirect: invalid URL"


async def test_post_of_a_badly_redirected_link_says_why(
    fake_telegram: FakeTelegram, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    http_server.redirect("/story", "http:\\\\example.com/x")
    async with running_bot(
        fake_telegram, tmp_path / "bot.db", {**ENV, "NEWSBRIEF_ADMIN_IDS": str(ADMIN_ID)}
    ) as bot:
        (answer,) = await bot.ask(f"/post {http_server.url('/story')}", user_id=ADMIN_ID)
    assert answer.plain_text == "Could not fetch that page: bad redirect: invalid URL."


# --------------------------------------------------------------------------------------------
# Item 7: Telegram's length limits

LONG_WORD = "abcdefghijklmnopqrstuvwxyzabcdefghij"  # 36 letters
LONG_SENTENCE = " ".join([LONG_WORD] * 69 + [LONG_WORD + "."])  # 70 words, 2,589 characters


def long_article(article_id: int = 1) -> Article:
    return Article(
        id=article_id,
        url="https://example.org/long",
        title="Three very long sentences",
        body=" ".join([LONG_SENTENCE] * 3),
        brief=(LONG_SENTENCE,) * 3,  # as such an item was briefed before the limits
        source="Example",
        language="english",
        published_at=None,
        created_at="2026-12-01 10:00:00",
    )


def test_a_stored_brief_too_long_for_one_message_is_cut_between_sentences() -> None:
    text = format_article(long_article())
    assert visible_length(text) <= MAX_MESSAGE  # before: 7,900 characters, refused
    assert text.count("• ") == 1 and LONG_SENTENCE in text


def test_briefs_are_capped_in_characters_at_a_sentence_boundary() -> None:
    sentence = " ".join(["harbourmaster"] * 40) + "."  # 40 words, 559 characters
    # Reports named in words: lines that differ only in a number are a table's rows, which
    # are no candidates.
    names = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    body = "\n".join(f"Report {name} says {sentence}" for name in names)
    brief = briefs.brief_article("Harbour", body, sentences=8, summarizer="auto")
    assert sum(len(s) + 1 for s in brief.sentences) <= briefs.MAX_BRIEF_CHARS
    assert 1 <= len(brief.sentences) < 8
    assert all(s in body.splitlines() for s in brief.sentences)  # whole sentences
    # A 2,589-character "sentence" is a blob, not a candidate.
    with pytest.raises(briefs.TooLittleText):
        briefs.brief_article("Long", " ".join([LONG_SENTENCE] * 3))


async def test_a_long_item_never_makes_a_message_telegram_refuses(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(
        fake_telegram, tmp_path / "bot.db", {**ENV, "NEWSBRIEF_ADMIN_IDS": str(ADMIN_ID)}
    ) as bot:
        db = bot.services.db
        draft = ArticleDraft("Three very long sentences", " ".join([LONG_SENTENCE] * 3))
        (added,) = await add_articles(db, [(draft, (LONG_SENTENCE,) * 3)])
        (shown,) = await bot.ask(f"/brief {added.article_id}")
        assert LONG_SENTENCE in shown.plain_text
        # An empty inline query lists the newest ten, this one among them.
        bot.fake.queue_inline_query("", user_id=USER_ID)
        answered = await bot.fake.wait_for_request("answerInlineQuery", timeout=10)
        assert answered.response_status == 200  # before: 400, message is too long
        (result,) = answered.params["results"]
        assert LONG_SENTENCE in result["input_message_content"]["message_text"]
        # /post of such an item is refused with a reason rather than stored unsendable.
        other = LONG_SENTENCE.replace("abc", "xyz")
        text = "Three other long sentences\n" + " ".join([other] * 3)
        (refused,) = await bot.ask(f"/post {text}", user_id=ADMIN_ID)
        # Honestly: not "too little text to brief: 0 words", which sent admins looking for
        # text that is there. (Its sentences start in lower case, so punkt reads one.)
        assert refused.plain_text.startswith(
            "Not stored: no sentence short enough to brief (the longest has 7772 characters)"
        )


# --------------------------------------------------------------------------------------------
# Item 8: feeds polled concurrently, each within a budget; dates clamped


def teasers(server: LocalHTTPServer, prefix: str, count: int) -> list[dict[str, str]]:
    return [
        {
            "title": f"Teaser number {i} from {prefix}",
            "link": server.url(f"/{prefix}/page{i}"),
            "description": (
                f"Teaser {i} tells of the harbour board and its plans for a new tidal "
                "barrier on the quay."
            ),
        }
        for i in range(count)
    ]


async def test_a_slow_feed_delays_no_other_feed(
    db: Database, briefer: Briefer, http_server: LocalHTTPServer
) -> None:
    for i in range(10):
        http_server.hang(f"/slow/page{i}")
    http_server.route("/slow.xml", rss(teasers(http_server, "slow", 10)), content_type=RSS)
    http_server.route(
        "/quick.xml",
        rss([{"title": "Barrier approved", "link": http_server.url("/q"), "description": STORY}]),
        content_type=RSS,
    )
    settings = feed_settings(NEWSBRIEF_FETCH_TIMEOUT="3")
    await store.add_feed(db, http_server.url("/slow.xml"), "Slow", None)
    await store.add_feed(db, http_server.url("/quick.xml"), "Quick", None)
    async with client_for(settings) as client:
        started = time.monotonic()
        polls = asyncio.create_task(poll_due(db, client, briefer, settings, everything=True))

        async def quick_stored() -> bool:
            return [a.title for a in await articles_of(db)] == ["Barrier approved"]

        await eventually(quick_stored, timeout=8)
        assert time.monotonic() - started < 8  # before: after the slow feed's 30 s
        assert not polls.done()
        polls.cancel()
        with pytest.raises(asyncio.CancelledError):
            await polls


async def test_a_poll_stops_at_its_budget_and_its_page_cap(
    db: Database, briefer: Briefer, http_server: LocalHTTPServer
) -> None:
    for i in range(10):
        http_server.hang(f"/slow/page{i}")
    http_server.route("/slow.xml", rss(teasers(http_server, "slow", 10)), content_type=RSS)
    for i in range(5):
        http_server.route(f"/few/page{i}", "gone", status=404)
    http_server.route("/few.xml", rss(teasers(http_server, "few", 5)), content_type=RSS)
    settings = feed_settings(
        NEWSBRIEF_FETCH_TIMEOUT="1",
        NEWSBRIEF_FEED_POLL_BUDGET="2.5",
        NEWSBRIEF_FEED_MAX_FETCHES="2",
    )
    slow, _ = await store.add_feed(db, http_server.url("/slow.xml"), "Slow", None)
    few, _ = await store.add_feed(db, http_server.url("/few.xml"), "Few", None)
    async with client_for(settings) as client:
        started = time.monotonic()
        result = await poll_feed(db, client, briefer, settings, slow)
        assert time.monotonic() - started < 6  # before: 10 pages at the 1 s timeout, and more
        assert result.error is None and result.deferred >= 7 and result.added <= 3

        result = await poll_feed(db, client, briefer, settings, few)
        pages = sum(len(http_server.requests_to(f"/few/page{i}")) for i in range(5))
        assert (pages, result.added, result.deferred) == (2, 2, 3)
        # The deferred entries are not marked seen: the next poll takes the next two.
        result = await poll_feed(db, client, briefer, settings, few)
        assert (result.added, result.deferred, result.skipped) == (2, 1, 2)


def test_a_publication_time_in_the_future_becomes_now() -> None:
    future = datetime(2099, 1, 1, tzinfo=UTC)
    draft = validate(ArticleDraft("Barrier approved", STORY, published_at=future))
    assert draft.published_at is not None
    assert abs(draft.published_at - datetime.now(UTC)) < timedelta(minutes=1)
    soon = datetime.now(UTC) + timedelta(minutes=2)  # a clock a little ahead is believed
    assert validate(ArticleDraft("Barrier approved", STORY, published_at=soon)).published_at == (
        soon
    )


async def test_an_entry_dated_2099_does_not_stay_on_top_of_latest(
    db: Database, briefer: Briefer, http_server: LocalHTTPServer
) -> None:
    late = format_datetime(datetime(2099, 1, 1, tzinfo=UTC), usegmt=True)
    items = [
        {
            "title": "Barrier from the future",
            "link": http_server.url("/f"),
            "description": STORY,
            "date": late,
        },
    ]
    http_server.route("/future.xml", rss(items), content_type=RSS)
    settings = feed_settings()
    feed, _ = await store.add_feed(db, http_server.url("/future.xml"), "Future", None)
    async with client_for(settings) as client:
        await poll_feed(db, client, briefer, settings, feed)
    draft = ArticleDraft("A later story about the quay", STORY.replace("Monday", "Friday"))
    await add_articles(db, [(draft, ("The board met.",))])
    newest = await latest_articles(db, 2)
    assert [a.title for a in newest] == ["A later story about the quay", "Barrier from the future"]


# --------------------------------------------------------------------------------------------
# Item 9: smaller problems


@pytest.mark.parametrize("ids", ["1_001", "\u0661\u0662\u0663", "12,1_001"])
def test_admin_ids_take_ascii_digits_only(ids: str) -> None:
    with pytest.raises(ConfigError, match="NEWSBRIEF_ADMIN_IDS"):
        load_settings({"NEWSBRIEF_ADMIN_IDS": ids})
    assert load_settings({"NEWSBRIEF_ADMIN_IDS": "12, 1001"}).admin_ids == frozenset({12, 1001})


@pytest.fixture
async def chat_bot(fake_telegram: FakeTelegram, tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(fake_telegram, tmp_path / "bot.db", ENV) as harness:
        await harness.seed(2)
        yield harness


USAGE = "Usage: /brief <id>, e.g. /brief 12. Ids are shown in /latest and /search."


async def test_brief_shortcut_with_a_huge_id_gets_the_usage_line(chat_bot: BotHarness) -> None:
    (answer,) = await chat_bot.ask("/brief_99999999999999999999")
    assert answer.plain_text == USAGE


async def test_brief_shortcut_for_another_bot_is_not_answered(chat_bot: BotHarness) -> None:
    group = -100123
    (ours,) = await chat_bot.ask(
        "/brief_1@newsbrief_test_bot", chat_id=group, chat_type="supergroup"
    )
    assert "#1" in ours.plain_text
    chat_bot.fake.queue_message(
        "/brief_1@otherbot", user_id=USER_ID, chat_id=group, chat_type="supergroup"
    )
    (plain,) = await chat_bot.ask("/brief_2", chat_id=group, chat_type="supergroup")
    # The next answer in the group is the one to /brief_2: /brief_1@otherbot got none.
    assert "#2" in plain.plain_text
    await asyncio.sleep(0.3)
    assert len(chat_bot.fake.sent(group)) == 2


def edited(fake: FakeTelegram, text: str, chat_id: int = USER_ID) -> None:
    message = {
        "message_id": 999,
        "from": {"id": chat_id, "is_bot": False, "first_name": "Test"},
        "chat": {"id": chat_id, "type": "private", "first_name": "Test"},
        "date": int(time.time()) - 60,
        "edit_date": int(time.time()),
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    fake.queue_update({"edited_message": message})


async def test_edited_messages_are_not_answered(chat_bot: BotHarness) -> None:
    edited(chat_bot.fake, "/brief_1")
    edited(chat_bot.fake, "hello there")
    (answer,) = await chat_bot.ask("/brief_2")
    assert "#2" in answer.plain_text
    await asyncio.sleep(0.3)
    assert len(chat_bot.fake.sent(USER_ID)) == 1  # only /brief_2's


async def test_cli_feeds_remove_normalises_the_url_like_delfeed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot import cli

    path = tmp_path / "bot.db"
    db = await open_database(path)
    try:
        await store.add_feed(db, "https://example.org/rss", "Example", None)
    finally:
        await db.close()
    code = await asyncio.to_thread(
        cli.main, ["--db", str(path), "feeds", "remove", "HTTPS://Example.org/rss#top"]
    )
    assert code == 0  # before: "no feed", exit 1
    assert "removed feed #1: Example" in capsys.readouterr().out


def test_a_split_reply_never_passes_the_limit_with_characters_outside_the_bmp() -> None:
    # Found by hypothesis: the text kept after the best break, plus a character that counts
    # two UTF-16 units, made a part of 21 under a limit of 20.
    text = "0000" + "00\U00010000" + "0000000000\U00010000" + " 0" + "0" * 16 + "00\U00010000"
    parts = split_message(text, 20)
    assert all(visible_length(part) <= 20 for part in parts), parts
    assert "".join(parts).replace(" ", "") == text.replace(" ", "")
