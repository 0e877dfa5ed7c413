"""bot.sources.poller at service level: a real SQLite database, a real local HTTP server serving
feeds and pages, and a real Briefer (spawned worker process), without Telegram.

Feeds under tests/fixtures/feeds/local_*.xml are templates: ``$base`` becomes the test
server's address, so every link a feed carries points back at the local server, and
``$fresh1``/``$fresh2``/``$old``/``$fresh_iso`` become dates relative to now (entries older
than MAX_PUSH_AGE are stored without deliveries).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from string import Template

import httpx
import pytest
from http_server import LocalHTTPServer

from bot.briefs import split_sentences
from bot.config import Settings, load_settings
from bot.i18n import Text
from bot.pipeline import Briefer
from bot.sources import poller as feed_poller
from bot.sources.client import client_for
from bot.sources.extract import NotAnArticle
from bot.sources.fetch import FetchError
from bot.sources.links import article_from_link, draft_from_extracted
from bot.sources.poller import PollResult, poll_due, poll_feed
from bot.storage import Database
from bot.storage import feeds as store
from bot.storage.articles import Article, get_articles, search
from bot.storage.db import format_ts
from bot.storage.subscriptions import subscribe

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "feeds"
ARTICLE_HTML = (FIXTURES / "article.html").read_bytes()
RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
INTERVAL = 60
MB = 1_000_000

NOW = datetime.now(UTC).replace(microsecond=0)
FRESH1 = NOW - timedelta(hours=1)
FRESH2 = NOW - timedelta(hours=2)
OLD = NOW - timedelta(days=5)


def render(name: str, server: LocalHTTPServer) -> bytes:
    """A fixture feed with its placeholders filled in for this server and this run."""
    template = Template((FIXTURES / name).read_text(encoding="utf-8"))
    return template.substitute(
        base=server.base_url,
        fresh1=format_datetime(FRESH1, usegmt=True),
        fresh2=format_datetime(FRESH2, usegmt=True),
        old=format_datetime(OLD, usegmt=True),
        fresh_iso=FRESH1.isoformat(),
    ).encode("utf-8")


def serve_herald(server: LocalHTTPServer, path: str = "/herald/rss.xml") -> str:
    """The Valley Herald feed: one full entry, a teaser whose page is a real article, a
    teaser whose page 404s, and a full entry published five days ago."""
    server.route(path, render("local_rss2.xml", server), content_type=RSS)
    server.route("/news/flood-barrier", ARTICLE_HTML)
    return server.url(path)


@pytest.fixture(scope="module")
def briefer() -> Iterator[Briefer]:
    """One worker pool for the module: spawning it costs a second or two."""
    instance = Briefer(language="english", sentences=3, summarizer="lexrank", workers=1)
    try:
        yield instance
    finally:
        instance.close()


@pytest.fixture
def settings() -> Settings:
    return load_settings(
        {
            "NEWSBRIEF_FETCH_TIMEOUT": "1",
            "NEWSBRIEF_FEED_FAILURES": "3",
            "NEWSBRIEF_FEED_INTERVAL": str(INTERVAL),
            "NEWSBRIEF_FETCH_ALLOW_PRIVATE": "1",  # the test server is on loopback
        }
    )


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    instance = client_for(settings)
    try:
        yield instance
    finally:
        await instance.aclose()


class Poller:
    """The poller's collaborators in one place, plus the notifications it sent."""

    def __init__(
        self, db: Database, client: httpx.AsyncClient, briefer: Briefer, settings: Settings
    ) -> None:
        self.db = db
        self.client = client
        self.briefer = briefer
        self.settings = settings
        self.notes: list[str] = []

    async def notify(self, text: Text) -> None:
        self.notes.append(str(text))  # the English; jobs.admin_notifier translates per admin

    async def add(self, url: str, label: str | None = None, language: str | None = None) -> int:
        feed, created = await store.add_feed(self.db, url, label, language)
        assert created
        return feed.id

    async def feed(self, feed_id: int) -> store.Feed:
        feed = await store.get_feed(self.db, feed_id)
        assert feed is not None
        return feed

    async def poll(self, feed_id: int) -> PollResult:
        return await poll_feed(
            self.db, self.client, self.briefer, self.settings, await self.feed(feed_id), self.notify
        )

    async def poll_due(self, *, everything: bool = False) -> list[PollResult]:
        return await poll_due(
            self.db, self.client, self.briefer, self.settings, self.notify, everything=everything
        )

    async def articles(self, feed_id: int | None = None) -> list[Article]:
        sql = "SELECT id FROM articles" + (" WHERE feed_id = ?" if feed_id else "") + " ORDER BY id"
        async with self.db.conn.execute(sql, (feed_id,) if feed_id else ()) as cursor:
            ids = [row[0] for row in await cursor.fetchall()]
        return await get_articles(self.db, ids)

    async def by_url(self, url: str) -> Article:
        found = [a for a in await self.articles() if a.url == url]
        assert len(found) == 1, f"{url}: {[a.url for a in await self.articles()]}"
        return found[0]

    async def deliveries(self) -> set[tuple[int, int]]:
        async with self.db.conn.execute("SELECT article_id, chat_id FROM deliveries") as cursor:
            return {(row[0], row[1]) for row in await cursor.fetchall()}


@pytest.fixture
def poller(db: Database, client: httpx.AsyncClient, briefer: Briefer, settings: Settings) -> Poller:
    return Poller(db, client, briefer, settings)


def assert_good_brief(article: Article) -> None:
    assert 1 <= len(article.brief) <= 3
    for sentence in article.brief:
        assert sentence in article.body or sentence in article.title


def ts_seconds(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


# --- feed kinds ---------------------------------------------------------------------------


async def test_rss2_entries_become_articles(poller: Poller, http_server: LocalHTTPServer) -> None:
    url = serve_herald(http_server)
    feed_id = await poller.add(url)
    before = datetime.now(UTC).replace(microsecond=0)

    result = await poller.poll(feed_id)

    assert result.error is None and result.entry_errors == []
    assert (result.added, result.duplicates, result.skipped) == (4, 0, 0)
    articles = await poller.articles(feed_id)
    assert len(articles) == 4
    # Stored oldest first (publication order), each with source, date, canonical link.
    assert [a.title for a in articles] == [
        "Barrier contractor named after long tender",
        "Bakery on Mill Street celebrates its centenary",
        "River town opens floating flood barrier after decade of delays",
        "Barrier gates tested ahead of spring tides",
    ]
    base = http_server.base_url
    assert {a.url for a in articles} == {
        f"{base}/news/barrier-tested",
        f"{base}/news/flood-barrier",
        f"{base}/news/bakery-centenary",
        f"{base}/news/barrier-contractor",
    }
    for article in articles:
        assert article.source == "Valley Herald"  # no label: the feed's own title
        assert article.language == "english"
        assert_good_brief(article)
    tested = await poller.by_url(f"{base}/news/barrier-tested")
    assert tested.published_at == format_ts(FRESH1)
    assert "All six gates rose within thirty-five minutes" in tested.body
    assert (await poller.by_url(f"{base}/news/barrier-contractor")).published_at == format_ts(OLD)

    feed = await poller.feed(feed_id)
    assert feed.articles == 4
    assert (
        feed.last_success_at is not None and ts_seconds(feed.last_success_at) >= before.timestamp()
    )
    assert feed.last_error is None and feed.consecutive_failures == 0
    assert ts_seconds(feed.next_poll_at) - ts_seconds(feed.last_success_at) == INTERVAL
    # Stored articles are searchable.
    assert [hit.title for hit in await search(poller.db, "bakery centenary")] == [
        "Bakery on Mill Street celebrates its centenary"
    ]


async def test_teaser_entry_is_briefed_from_the_full_page(
    poller: Poller, http_server: LocalHTTPServer
) -> None:
    feed_id = await poller.add(serve_herald(http_server))
    await poller.poll(feed_id)

    article = await poller.by_url(http_server.url("/news/flood-barrier"))
    # The feed's title, the page's paragraphs: not just the one-line teaser.
    assert article.title == "River town opens floating flood barrier after decade of delays"
    assert "Engineers began pumping air into the hollow steel gates" in article.body
    assert "The gates will now be tested every month" in article.body
    assert len(article.body.split()) > 300
    for boilerplate in ("cookies", "boatowner77", "Related stories", "All rights reserved"):
        assert boilerplate not in article.body
    assert article.published_at == format_ts(FRESH2)
    assert_good_brief(article)
    assert len(http_server.requests_to("/news/flood-barrier")) == 1
    assert "text/html" in http_server.requests_to("/news/flood-barrier")[0].headers["Accept"]


@pytest.mark.parametrize("page", ["404", "pdf", "login page"])
async def test_teaser_whose_page_is_unusable_falls_back_to_the_summary(
    poller: Poller, http_server: LocalHTTPServer, page: str
) -> None:
    if page == "pdf":
        http_server.route("/news/bakery-centenary", b"%PDF-1.7\n", content_type="application/pdf")
    elif page == "login page":
        http_server.route("/news/bakery-centenary", (FIXTURES / "homepage.html").read_bytes())
    feed_id = await poller.add(serve_herald(http_server))

    result = await poller.poll(feed_id)

    assert result.added == 4 and result.entry_errors == []
    article = await poller.by_url(http_server.url("/news/bakery-centenary"))
    assert article.body.startswith("The family bakery on Mill Street marked one hundred years")
    assert "Sign in" not in article.body
    assert article.title == "Bakery on Mill Street celebrates its centenary"
    assert article.brief
    assert len(http_server.requests_to("/news/bakery-centenary")) == 1


async def test_atom_feed_with_a_relative_link_and_a_label(
    poller: Poller, http_server: LocalHTTPServer
) -> None:
    http_server.route("/gazette/atom.xml", render("local_atom.xml", http_server), content_type=ATOM)
    feed_id = await poller.add(http_server.url("/gazette/atom.xml"), label="Gazette")

    result = await poller.poll(feed_id)

    assert (result.added, result.error) == (2, None)
    quarry = await poller.by_url(http_server.url("/gazette/stories/quarry"))  # resolved
    choir = await poller.by_url(http_server.url("/gazette/stories/choir"))
    for article in (quarry, choir):
        assert article.source == "Gazette"  # the admin's label wins over the feed title
        assert article.published_at == format_ts(FRESH1)  # <published>, else <updated>
        assert_good_brief(article)
    assert "three hundred people marched" in quarry.body
    assert "<p>" not in quarry.body
    # Full content in the feed: no page was fetched.
    assert [r.path for r in http_server.requests] == ["/gazette/atom.xml"]


async def test_rss_relative_links_resolve_against_the_feed_url(
    poller: Poller, http_server: LocalHTTPServer
) -> None:
    http_server.route(
        "/blog/feed.xml", (FIXTURES / "relative_links.xml").read_bytes(), content_type=RSS
    )
    http_server.route("/posts/first-post", ARTICLE_HTML)
    feed_id = await poller.add(http_server.url("/blog/feed.xml"))

    result = await poller.poll(feed_id)

    assert (result.added, result.entry_errors) == (3, [])
    articles = {a.title: a for a in await poller.articles(feed_id)}
    root = articles["Root-relative link"]
    assert root.url == http_server.url("/posts/first-post")
    assert "floating flood barrier" in root.body  # fetched from the resolved link
    doc = articles["Document-relative link"]
    assert doc.url == http_server.url("/blog/second-post.html")  # 404: summary kept
    assert doc.body == "The second post describes how the harbour crane was repaired in a week."
    assert articles["Not a web link"].url is None  # javascript: dropped, entry kept
    assert not any("javascript" in r.path for r in http_server.requests)
    assert all(a.source == "Small Blog" for a in articles.values())


async def test_redirect_chain_to_the_feed(poller: Poller, http_server: LocalHTTPServer) -> None:
    http_server.redirect("/old/feed", "/moved/feed", status=301)
    http_server.redirect("/moved/feed", http_server.url("/feeds/current/atom.xml"), status=302)
    http_server.route(
        "/feeds/current/atom.xml", render("local_atom.xml", http_server), content_type=ATOM
    )
    feed_id = await poller.add(http_server.url("/old/feed"))

    result = await poller.poll(feed_id)

    assert (result.added, result.error) == (2, None)
    # Relative links resolve against where the feed really is, not where it was.
    await poller.by_url(http_server.url("/feeds/current/stories/quarry"))
    assert [r.path for r in http_server.requests] == [
        "/old/feed",
        "/moved/feed",
        "/feeds/current/atom.xml",
    ]
    assert (await poller.feed(feed_id)).last_success_at is not None


async def test_malformed_feed_keeps_its_readable_entries(
    poller: Poller, http_server: LocalHTTPServer
) -> None:
    http_server.route(
        "/broken.xml", render("local_malformed.xml", http_server), content_type="text/xml"
    )
    feed_id = await poller.add(http_server.url("/broken.xml"))

    result = await poller.poll(feed_id)

    assert (result.added, result.error) == (2, None)
    bodies = {a.title: a.body for a in await poller.articles(feed_id)}
    assert "stray & ampersand" in bodies["First item survives"]
    assert "<b>" not in bodies["First item survives"]
    assert (await poller.feed(feed_id)).consecutive_failures == 0


# --- conditional GET and "seen before" -------------------------------------------------------


@pytest.mark.parametrize("validator", ["etag", "last-modified"])
async def test_second_poll_sends_validators_and_a_304_stores_nothing(
    poller: Poller, http_server: LocalHTTPServer, validator: str
) -> None:
    body = render("local_rss2.xml", http_server)
    http_server.route("/news/flood-barrier", ARTICLE_HTML)
    stamp = "Tue, 04 Mar 2025 08:00:00 GMT"
    if validator == "etag":
        http_server.conditional("/c.xml", body, etag='"v1"')
    else:
        http_server.conditional("/c.xml", body, last_modified=stamp)
    feed_id = await poller.add(http_server.url("/c.xml"))

    first = await poller.poll(feed_id)
    assert first.added == 4 and not first.not_modified
    feed = await poller.feed(feed_id)
    assert (feed.etag, feed.last_modified) == (
        ('"v1"', None) if validator == "etag" else (None, stamp)
    )
    await poller.db.conn.execute("UPDATE feeds SET last_success_at = '2000-01-01T00:00:00+00:00'")

    second = await poller.poll(feed_id)

    assert second.not_modified and second.error is None
    assert (second.added, second.skipped, second.duplicates) == (0, 0, 0)
    sent = http_server.requests_to("/c.xml")[-1].headers
    if validator == "etag":
        assert sent["If-None-Match"] == '"v1"'
    else:
        assert sent["If-Modified-Since"] == stamp
    feed = await poller.feed(feed_id)
    assert feed.last_success_at is not None and feed.last_success_at > "2001"  # recorded
    assert feed.consecutive_failures == 0 and feed.articles == 4
    assert len(http_server.requests_to("/news/flood-barrier")) == 1  # nothing refetched


async def test_changed_feed_skips_entries_seen_before(
    poller: Poller, http_server: LocalHTTPServer
) -> None:
    url = serve_herald(http_server)
    feed_id = await poller.add(url)
    await poller.poll(feed_id)
    # The same feed again (no validators): every entry was seen, none is fetched or briefed.
    second = await poller.poll(feed_id)
    assert (second.added, second.skipped, second.duplicates) == (0, 4, 0)
    assert len(http_server.requests_to("/news/flood-barrier")) == 1
    # A new entry appears at the top: only it is added.
    new_item = (
        "<item><title>Ferry timetable changes for the summer</title>"
        f"<link>{http_server.base_url}/news/ferry</link><guid>herald-ferry</guid>"
        "<content:encoded><![CDATA[<p>The ferry will run every twenty minutes from June, "
        "the operator said on Monday.</p><p>Evening sailings are extended until midnight on "
        "Fridays and Saturdays.</p>]]></content:encoded></item>"
    )
    body = render("local_rss2.xml", http_server).replace(
        b"<item>", new_item.encode() + b"<item>", 1
    )
    http_server.route("/herald/rss.xml", body, content_type=RSS)
    third = await poller.poll(feed_id)
    assert (third.added, third.skipped) == (1, 4)
    assert (await poller.feed(feed_id)).articles == 5


async def test_entries_already_stored_via_another_feed_are_duplicates(
    poller: Poller, http_server: LocalHTTPServer
) -> None:
    await subscribe(poller.db, 501, "private", ["barrier"])
    herald = await poller.add(serve_herald(http_server))
    http_server.route("/mirror.xml", render("local_mirror.xml", http_server), content_type=RSS)
    mirror = await poller.add(http_server.url("/mirror.xml"), label="Mirror")

    await poller.poll(herald)
    queued_before = await poller.deliveries()
    result = await poller.poll(mirror)

    # Same link (tracking parameters aside) and same text are both recognised.
    assert (result.added, result.duplicates, result.skipped) == (1, 2, 0)
    mirror_articles = await poller.articles(mirror)
    assert [a.title for a in mirror_articles] == [
        "Mirror readers choose the valley's best footpath"
    ]
    assert len(await poller.articles()) == 5
    # The duplicate entries point at the stored articles, so they are not retried...
    async with poller.db.conn.execute(
        "SELECT count(*) FROM feed_entries WHERE feed_id = ? AND article_id IS NOT NULL", (mirror,)
    ) as cursor:
        assert (await cursor.fetchone())[0] == 3  # type: ignore[index]
    # ...and nobody gets the same story twice.
    assert await poller.deliveries() == queued_before
    again = await poller.poll(mirror)
    assert (again.added, again.duplicates, again.skipped) == (0, 0, 3)


async def test_teaser_already_stored_is_not_fetched_again(
    poller: Poller, http_server: LocalHTTPServer
) -> None:
    first = await poller.add(serve_herald(http_server))
    await poller.poll(first)
    # Another feed carries the same teaser under the same link.
    http_server.route("/copy.xml", render("local_rss2.xml", http_server), content_type=RSS)
    second = await poller.add(http_server.url("/copy.xml"))
    result = await poller.poll(second)
    assert (result.added, result.duplicates) == (0, 4)
    assert len(http_server.requests_to("/news/flood-barrier")) == 1
    assert len(http_server.requests_to("/news/bakery-centenary")) == 1


# --- deliveries ------------------------------------------------------------------------------


async def test_fresh_entries_are_queued_for_matching_subscribers_old_ones_only_stored(
    poller: Poller, http_server: LocalHTTPServer
) -> None:
    await subscribe(poller.db, 501, "private", ["barrier"])
    await subscribe(poller.db, 502, "private", ["bakery"])
    await subscribe(poller.db, 503, "private", ["cricket"])
    feed_id = await poller.add(serve_herald(http_server))

    result = await poller.poll(feed_id)

    assert result.added == 4 and result.queued == 3
    base = http_server.base_url
    tested = await poller.by_url(f"{base}/news/barrier-tested")
    opened = await poller.by_url(f"{base}/news/flood-barrier")
    bakery = await poller.by_url(f"{base}/news/bakery-centenary")
    old = await poller.by_url(f"{base}/news/barrier-contractor")
    assert await poller.deliveries() == {(tested.id, 501), (opened.id, 501), (bakery.id, 502)}
    # The five-day-old entry matches "barrier" too, but is only stored (and searchable).
    assert "barrier" in old.body
    assert old.id in {hit.id for hit in await search(poller.db, "contractor tender")}


def _item(base: str, slug: str, title: str, *, summary: str = "", content: str = "") -> str:
    text = f"<description>{summary}</description>" if summary else ""
    if content:
        text += f"<content:encoded><![CDATA[{content}]]></content:encoded>"
    return (
        f"<item><title>{title}</title><link>{base}/news/{slug}</link>"
        f"<guid>{slug}</guid><pubDate>{format_datetime(FRESH1, usegmt=True)}</pubDate>"
        f"{text}</item>"
    )


def _vale_feed(base: str, items: list[str]) -> bytes:
    """An RSS 2.0 feed "Vale Notes" of _item()s, with the content: namespace they use."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Vale Notes</title><link>{base}/</link>" + "".join(items) + "</channel></rss>"
    ).encode()


async def test_short_teasers_never_push_an_empty_or_one_line_brief(
    poller: Poller, http_server: LocalHTTPServer
) -> None:
    base = http_server.base_url
    full = (
        "<p>The Kessel Vale library reopened on Saturday after a year of building work that "
        "added a reading room, a repair cafe and a lift to the upper floor.</p>"
        "<p>More than three hundred residents came on the first day, and the librarians said "
        "they had issued ninety new cards before lunch.</p>"
    )
    items = [
        _item(base, "library", "Valley library reopens", content=full),
        # Teasers whose pages are gone, so all the poller has is the summary.
        _item(base, "cogent", "Valley opinion", summary="Cogent."),
        _item(base, "more", "Valley essay", summary="Continue reading"),
        _item(
            base,
            "reddit",
            "Valley photo thread",
            summary="submitted by /u/valley_reader to r/smalltowns [link] [181 comments]",
        ),
        # One real sentence: worth storing and finding, not worth a notification.
        _item(
            base,
            "market",
            "Valley market moves",
            content="<p>The Saturday market in Kessel Vale moves to the station square "
            "from next month.</p>",
        ),
    ]
    http_server.route("/vale.xml", _vale_feed(base, items), content_type=RSS)
    await subscribe(poller.db, 501, "private", ["valley"])
    feed_id = await poller.add(http_server.url("/vale.xml"))

    result = await poller.poll(feed_id)

    assert (result.added, result.too_short, result.queued) == (2, 1, 1)
    assert len(result.entry_errors) == 3
    # Rejected with a reason: cleaning leaves nothing of a teaser tail or a Reddit footer,
    # and "Cogent." is no sentence a brief could stand on.
    assert sorted(result.entry_errors) == [
        "Valley essay: body is empty",
        "Valley opinion: too little text to brief: 0 words in full sentences after cleaning "
        "(at least 10)",
        "Valley photo thread: body is empty",
    ]
    library = await poller.by_url(f"{base}/news/library")
    market = await poller.by_url(f"{base}/news/market")
    assert await poller.deliveries() == {(library.id, 501)}
    assert len(library.brief) == 2
    sentence = "The Saturday market in Kessel Vale moves to the station square from next month."
    assert market.brief == (sentence,)
    assert [hit.id for hit in await search(poller.db, "market station square")] == [market.id]


@pytest.mark.parametrize(
    ("entry_title", "stored"),
    [
        # The page's own headline with the site around it: the headline.
        (
            "River town opens floating flood barrier after decade of delays | Kessel Courier",
            "River town opens floating flood barrier after decade of delays",
        ),
        # Other wording than the page's, ending on the site name the page gives.
        (
            "Floating flood barrier opens after ten years | Northbank Courier",
            "Floating flood barrier opens after ten years",
        ),
    ],
)
async def test_an_entry_title_loses_the_site_its_page_names(
    poller: Poller, http_server: LocalHTTPServer, entry_title: str, stored: str
) -> None:
    # An aggregated feed with one entry per site: no repeated part to compare, and the
    # entry's host (a loopback address here) names no site. The page does.
    base = http_server.base_url
    http_server.route("/news/flood-barrier", ARTICLE_HTML)
    item = _item(base, "flood-barrier", entry_title, summary="Gates up.")
    http_server.route("/one-per-site.xml", _vale_feed(base, [item]), content_type=RSS)
    result = await poller.poll(await poller.add(http_server.url("/one-per-site.xml")))
    assert result.added == 1, result.entry_errors
    assert (await poller.by_url(f"{base}/news/flood-barrier")).title == stored


async def test_an_untitled_entry_is_titled_by_its_first_sentence(
    poller: Poller, http_server: LocalHTTPServer
) -> None:
    base = http_server.base_url
    content = (
        "<p>The ferry between Northbank and Kessel Vale runs again after the engine repair "
        "that kept it in the yard for most of the winter.</p><p>The operator said the first "
        "crossing left on time on Monday morning and that the timetable from last year applies "
        "until the summer season begins in June.</p>"
    )
    feed = _vale_feed(base, [_item(base, "ferry", "", content=content)])
    http_server.route("/untitled.xml", feed, content_type=RSS)
    result = await poller.poll(await poller.add(http_server.url("/untitled.xml")))
    assert result.added == 1, result.entry_errors
    article = await poller.by_url(f"{base}/news/ferry")
    assert article.title.startswith("The ferry between Northbank and Kessel Vale runs again")
    assert len(article.title) <= 101 and article.title.endswith("\u2026")



async def test_an_untitled_teaser_takes_its_page_headline(
    poller: Poller, http_server: LocalHTTPServer
) -> None:
    # The feed gives no <title>, only a teaser, so the entry's title was made from the
    # teaser's first words; the page fetched for the full text has a real headline.
    base = http_server.base_url
    http_server.route("/news/flood-barrier", ARTICLE_HTML)
    item = _item(base, "flood-barrier", "", summary="Gates up on the river at last.")
    http_server.route("/untitled-teaser.xml", _vale_feed(base, [item]), content_type=RSS)
    result = await poller.poll(await poller.add(http_server.url("/untitled-teaser.xml")))
    assert result.added == 1, result.entry_errors
    stored = await poller.by_url(f"{base}/news/flood-barrier")
    assert stored.title == "River town opens floating flood barrier after decade of delays"


# --- languages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("declared", "stored", "expected"),
    [
        ("de-DE", None, "german"),  # the feed's own <language>
        # Unknown, or no brief tools for it: the bot's default, no error -- which the
        # German text then overrules, as it would a wrong declaration.
        ("tlh", None, "german"),
        ("tlh", "german", "german"),  # the feed's stored language wins
        ("ko", None, "german"),
    ],
)
async def test_feed_language_picks_the_brief_tools(
    poller: Poller, http_server: LocalHTTPServer, declared: str, stored: str | None, expected: str
) -> None:
    body = render("local_german.xml", http_server).replace(b"de-DE", declared.encode())
    http_server.route("/de/rss.xml", body, content_type=RSS)
    feed_id = await poller.add(http_server.url("/de/rss.xml"), language=stored)

    result = await poller.poll(feed_id)

    assert (result.added, result.entry_errors) == (1, [])
    (article,) = await poller.articles(feed_id)
    assert article.language == expected
    assert article.title == "Neue Brücke über den Mühlbach eröffnet"
    assert_good_brief(article)
    # German punkt keeps "4 Mio. Euro" inside one sentence; English rules split there.
    mio = [s for s in article.brief if "4 Mio." in s]
    if expected == "german":
        assert article.brief == tuple(split_sentences(article.body, "german"))
        assert len(article.brief) == 3 and mio and "Euro und dauerte" in mio[0]
    else:
        assert mio == [] or mio[0].endswith("4 Mio.")


# --- failures --------------------------------------------------------------------------------


def serve_failure(server: LocalHTTPServer, kind: str) -> tuple[str, str]:
    """A failing feed of the given kind at /bad; returns (url, expected reason)."""
    if kind == "timeout":
        server.hang("/bad")
        return server.url("/bad"), "timed out after 1 s"
    if kind == "50 MB chunked":
        server.stream("/bad", 50 * MB, chunk_size=256 * 1024, content_type="application/rss+xml")
        return server.url("/bad"), "response larger than 5 MB"
    if kind == "50 MB declared":
        server.stream("/bad", 50 * MB, declared_length=50 * MB, content_type="application/rss+xml")
        return server.url("/bad"), "response larger than 5 MB"
    if kind == "garbage":
        garbage = (FIXTURES / "garbage.txt").read_bytes()
        server.route("/bad", garbage, content_type="text/plain")
        return server.url("/bad"), "not an RSS or Atom feed"
    if kind == "html page":
        server.route("/bad", (FIXTURES / "homepage.html").read_bytes())
        return server.url("/bad"), "not an RSS or Atom feed: got an HTML page"
    if kind == "500":
        server.route("/bad", "oops", status=500, content_type="text/plain")
        return server.url("/bad"), "HTTP 500 Internal Server Error"
    if kind == "404":
        return server.url("/bad"), "HTTP 404 Not Found"
    if kind == "refused":
        return "http://127.0.0.1:1/feed.xml", "could not connect"
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind",
    ["timeout", "50 MB chunked", "50 MB declared", "garbage", "html page", "500", "404", "refused"],
)
async def test_failing_feed_records_its_error_and_backs_off(
    poller: Poller, http_server: LocalHTTPServer, kind: str
) -> None:
    url, reason = serve_failure(http_server, kind)
    feed_id = await poller.add(url)

    result = await poller.poll(feed_id)

    assert result.error is not None and reason in result.error
    assert result.added == 0
    feed = await poller.feed(feed_id)
    assert feed.last_error == result.error
    assert feed.consecutive_failures == 1
    assert feed.last_success_at is None and feed.articles == 0
    assert feed.last_error_at is not None
    assert ts_seconds(feed.next_poll_at) - ts_seconds(feed.last_error_at) == INTERVAL
    assert poller.notes == []  # one failure is below the threshold
    stats = http_server.streams.get("/bad")
    if stats is not None:
        assert not stats.finished and stats.sent < 50 * MB  # abandoned, not downloaded


async def test_repeated_failures_back_off_and_notify_once(
    poller: Poller, http_server: LocalHTTPServer
) -> None:
    url, _ = serve_failure(http_server, "500")
    feed_id = await poller.add(url, label="Flaky")
    delays = []
    for attempt in range(1, 6):
        await poller.poll(feed_id)
        feed = await poller.feed(feed_id)
        assert feed.consecutive_failures == attempt
        assert feed.last_error_at is not None
        delays.append(ts_seconds(feed.next_poll_at) - ts_seconds(feed.last_error_at))
        # Reported when the threshold (3) is crossed, and only then.
        assert len(poller.notes) == (0 if attempt < 3 else 1)
        assert feed.failure_reported == (attempt >= 3)
    assert delays == [INTERVAL * 2**n for n in range(5)]
    (note,) = poller.notes
    assert f"Feed #{feed_id} (Flaky)" in note
    assert "Failures in a row: 3." in note and "HTTP 500" in note and f"/delfeed {feed_id}" in note
    # Backing off: not due now, due once its (longer) delay has passed.
    assert feed_id not in [f.id for f in await store.due_feeds(poller.db)]
    later = datetime.now(UTC) + timedelta(seconds=delays[-1] + 1)
    assert feed_id in [f.id for f in await store.due_feeds(poller.db, later)]

    # It recovers: one "works again", counters reset.
    serve_herald(http_server, "/bad")
    result = await poller.poll(feed_id)
    assert result.added == 4
    assert len(poller.notes) == 2 and poller.notes[1] == f"Feed #{feed_id} (Flaky) works again."
    feed = await poller.feed(feed_id)
    assert (feed.consecutive_failures, feed.failure_reported) == (0, False)
    assert ts_seconds(feed.next_poll_at) - ts_seconds(feed.last_success_at or "") == INTERVAL

    # A later single failure is below the threshold again: no message; a success after it
    # does not claim the feed "works again" either.
    serve_failure(http_server, "500")
    await poller.poll(feed_id)
    serve_herald(http_server, "/bad")
    await poller.poll(feed_id)
    assert len(poller.notes) == 2


async def test_one_failing_feed_does_not_stop_the_others(
    poller: Poller, http_server: LocalHTTPServer
) -> None:
    http_server.hang("/hang.xml")
    http_server.route(
        "/garbage.xml", (FIXTURES / "garbage.txt").read_bytes(), content_type="text/plain"
    )
    http_server.route("/gazette.xml", render("local_atom.xml", http_server), content_type=ATOM)
    hang = await poller.add(http_server.url("/hang.xml"))
    garbage = await poller.add(http_server.url("/garbage.xml"))
    good = await poller.add(http_server.url("/gazette.xml"))

    results = {r.feed_id: r for r in await poller.poll_due()}

    assert set(results) == {hang, garbage, good}
    assert results[hang].error == "timed out after 1 s"
    assert (
        results[garbage].error is not None and "not an RSS or Atom feed" in results[garbage].error
    )
    assert (results[good].added, results[good].error) == (2, None)
    # Only the good feed is due at its normal interval; nothing is due right now.
    assert await store.due_feeds(poller.db) == []


async def test_unexpected_error_in_one_feed_is_recorded_and_the_rest_are_polled(
    poller: Poller, http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    http_server.route("/boom.xml", render("local_atom.xml", http_server), content_type=ATOM)
    http_server.route("/gazette.xml", render("local_atom.xml", http_server), content_type=ATOM)
    boom = await poller.add(http_server.url("/boom.xml"))
    good = await poller.add(http_server.url("/gazette.xml"))
    real_parse = feed_poller.parse_feed

    def parse(content: bytes, url: str, *, content_type: str | None = None) -> object:
        if url.endswith("/boom.xml"):
            raise RuntimeError("a bug in the parser")
        return real_parse(content, url, content_type=content_type)

    monkeypatch.setattr(feed_poller, "parse_feed", parse)

    results = {r.feed_id: r for r in await poller.poll_due()}

    assert results[good].added == 2
    assert results[boom].error is not None and "RuntimeError" in results[boom].error
    feed = await poller.feed(boom)
    assert feed.consecutive_failures == 1 and feed.last_error == results[boom].error
    assert await store.due_feeds(poller.db) == []  # backs off instead of failing every tick


async def test_feed_removed_while_it_is_polled(
    poller: Poller, http_server: LocalHTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    serve_herald(http_server)
    http_server.route("/news/flood-barrier", ARTICLE_HTML, delay=0.3)  # a slow teaser page
    feed_id = await poller.add(http_server.url("/herald/rss.xml"))
    poll = asyncio.create_task(poller.poll(feed_id))
    async with asyncio.timeout(5):
        while not http_server.requests_to("/news/flood-barrier"):
            await asyncio.sleep(0.01)

    assert await store.remove_feed(poller.db, feed_id)  # /delfeed meanwhile
    result = await poll

    assert result.error == "removed while it was being polled"
    assert "ERROR" not in caplog.text
    assert await store.list_feeds(poller.db) == []
    # What was stored before stays (searchable), no longer tied to the feed.
    kept = await poller.articles()
    assert kept and all(a.title != "Barrier gates tested ahead of spring tides" for a in kept)


# --- links -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "error", "reason"),
    [
        ("pdf", NotAnArticle, "not an HTML page (application/pdf)"),
        ("404", FetchError, "HTTP 404 Not Found"),
        ("login page", NotAnArticle, "article text"),
        ("timeout", FetchError, "timed out after 1 s"),
    ],
)
async def test_article_from_link_refuses_non_articles_with_a_reason(
    http_server: LocalHTTPServer,
    client: httpx.AsyncClient,
    settings: Settings,
    route: str,
    error: type[Exception],
    reason: str,
) -> None:
    if route == "pdf":
        http_server.route("/page", b"%PDF-1.7\n" + b"0" * 2000, content_type="application/pdf")
    elif route == "login page":
        http_server.route("/page", (FIXTURES / "homepage.html").read_bytes())
    elif route == "timeout":
        http_server.hang("/page")
    with pytest.raises(error) as caught:
        await article_from_link(client, settings, http_server.url("/page"))
    assert reason in str(caught.value)


async def test_article_from_link_follows_redirects_and_extracts(
    http_server: LocalHTTPServer, client: httpx.AsyncClient, settings: Settings
) -> None:
    http_server.redirect("/s/abc", "/news/flood-barrier")
    http_server.route("/news/flood-barrier", ARTICLE_HTML)
    page = await article_from_link(client, settings, http_server.url("/s/abc"))
    assert page.url == http_server.url("/news/flood-barrier")
    assert page.title == "River town opens floating flood barrier after decade of delays"
    assert page.source == "Northbank Courier"
    assert "hollow steel gates" in page.body
    draft = draft_from_extracted(page, settings)
    assert draft.language == "english" and draft.url == page.url
