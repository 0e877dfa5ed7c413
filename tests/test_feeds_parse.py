"""bot.sources.feedparse: dialects, relative links, broken feeds, languages, teasers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from http_server import LocalHTTPServer
from hypothesis import given
from hypothesis import strategies as st

from bot.briefs.language import language_name
from bot.sources.feedparse import (
    FeedEntry,
    FeedError,
    ParsedFeed,
    parse_feed,
)
from bot.sources.fetch import fetch
from bot.sources.htmltext import html_to_text

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse(name: str, url: str, content_type: str | None = None) -> ParsedFeed:
    return parse_feed(load(name), url, content_type=content_type)


def entry(summary: str = "", content: str = "") -> FeedEntry:
    return FeedEntry(
        key="k", title="t", link=None, summary=summary, content=content, published_at=None
    )


def test_rss2() -> None:
    feed = parse("rss2.xml", "https://news.example/feed.xml", "application/rss+xml")
    assert feed.title == "Northbank Courier & Friends"
    assert feed.link == "https://news.example/"
    assert feed.language == "english"
    assert len(feed.entries) == 3

    first, second, third = feed.entries
    assert first.key == "courier-2025-0301"  # the guid, not the link
    assert first.title == "River town opens floating flood barrier after decade of delays"
    assert first.link == "https://news.example/2025/03/flood-barrier"
    assert first.summary == (
        "The barrier, first proposed in 2014, was raised for the first time on Tuesday."
    )
    paragraphs = first.content.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[2].endswith("nearly double the original estimate — mostly because of "
                                  "the price of steel.")  # fmt: skip
    assert "alert" not in first.content and "<" not in first.content
    assert first.text == first.content
    # +01:00 in the feed, UTC here.
    assert first.published_at == datetime(2025, 3, 4, 8, 30, tzinfo=UTC)

    assert second.key == "https://news.example/2025/03/council-budget"
    assert second.summary.endswith("town centre …")  # &hellip; decoded
    assert "next year\u2019s budget" in second.summary  # &#8217; decoded
    assert second.content == "" and second.text == second.summary
    assert second.published_at == datetime(2025, 3, 3, 22, 15, tzinfo=UTC)

    # Escaped HTML in <description> is decoded and stripped.
    assert third.summary.startswith("Millbrook library reopened on Saturday")
    assert "<p>" not in third.summary and "&lt;" not in third.summary


def test_rss1_rdf() -> None:
    feed = parse("rss1.rdf", "https://science.example/rss")
    assert feed.title == "Valley Science Notes"
    assert feed.language == "english"  # from dc:language en-GB
    assert [e.link for e in feed.entries] == [
        "https://science.example/notes/comet",
        "https://science.example/notes/owls",
    ]
    assert feed.entries[0].published_at == datetime(2025, 2, 20, 18, 0, tzinfo=UTC)
    assert feed.entries[1].published_at == datetime(2025, 2, 18, 5, 45, tzinfo=UTC)
    # rdf:about is the id
    assert feed.entries[0].key == "https://science.example/notes/comet"


def test_atom_with_xml_base() -> None:
    feed = parse("atom.xml", "https://news.example/feeds/atom.xml", "application/atom+xml")
    assert feed.title == "Northbank Courier (Atom)"  # type="html" title, markup stripped
    assert feed.link == "https://news.example/"
    assert feed.language == "english"  # xml:lang
    barrier, cup = feed.entries
    assert barrier.key == "tag:news.example,2025:flood-barrier"
    assert barrier.link == "https://news.example/2025/03/flood-barrier"  # feed-level xml:base
    assert barrier.summary == "The barrier was raised for the first time."
    assert barrier.content == (
        "The floating flood barrier was raised for the first time on Tuesday morning.\n\n"
        "It protects about four hundred homes on the east bank."
    )
    assert barrier.published_at == datetime(2025, 3, 4, 8, 30, tzinfo=UTC)  # published wins
    assert cup.link == "https://news.example/sport/2025/03/cup-final"  # entry-level xml:base
    assert cup.published_at == datetime(2025, 3, 2, 16, 5, tzinfo=UTC)  # from updated


def test_relative_links_are_resolved_against_the_feed_url() -> None:
    feed = parse("relative_links.xml", "https://blog.example/feed/rss.xml")
    assert feed.link == "https://blog.example/"
    first, second, third = feed.entries
    assert first.link == "https://blog.example/posts/first-post"
    assert second.link == "https://blog.example/feed/second-post.html"
    assert third.link is None  # javascript: is not an article link
    # No guid: the link is the key; with no link either, a content hash.
    assert first.key == first.link
    assert third.key.startswith("sha256:")


def test_keys_are_stable_between_polls() -> None:
    url = "https://blog.example/feed/rss.xml"
    assert [e.key for e in parse("relative_links.xml", url).entries] == [
        e.key for e in parse("relative_links.xml", url).entries
    ]


def test_malformed_but_recoverable_feed() -> None:
    feed = parse("malformed.xml", "https://broken.example/feed")
    assert feed.title == "Broken But Readable"
    titles = [e.title for e in feed.entries]
    assert titles[:2] == ["First item survives", "Second item survives too"]
    assert feed.entries[0].summary == "An unclosed bold tag and a stray & ampersand."
    assert feed.entries[1].summary == "Its markup is unbalanced."


def test_garbage_is_not_a_feed() -> None:
    with pytest.raises(FeedError) as info:
        parse("garbage.txt", "https://news.example/feed")
    assert info.value.reason.startswith("not an RSS or Atom feed: ")
    assert len(info.value.reason) < 160


def test_html_page_is_not_a_feed_but_its_feed_link_is_offered() -> None:
    with pytest.raises(FeedError) as info:
        parse("article.html", "https://news.example/2025/03/flood-barrier", "text/html")
    assert info.value.reason.startswith("not an RSS or Atom feed: got an HTML page")
    assert info.value.feed_links == ("https://news.example/feeds/news.xml",)

    with pytest.raises(FeedError) as info:
        parse("homepage.html", "https://news.example/")
    assert info.value.feed_links == ()


@pytest.mark.parametrize("content", [b"", b"   ", b"{}", b"<html></html>"])
def test_empty_and_trivial_documents_are_not_feeds(content: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(content, "https://x.example/feed")


def test_a_local_path_in_the_body_is_not_read_as_a_file(tmp_path: Path) -> None:
    # Given bytes, feedparser would try them as a file name first.
    secret = tmp_path / "feed.xml"
    secret.write_bytes(load("rss2.xml"))
    with pytest.raises(FeedError):
        parse_feed(str(secret).encode(), "https://evil.example/feed")


def test_valid_feed_without_items_is_empty_not_an_error() -> None:
    content = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Quiet</title></channel></rss>"
    )
    feed = parse_feed(content, "https://quiet.example/rss")
    assert feed.title == "Quiet"
    assert feed.entries == ()


def test_feed_without_title_uses_the_host() -> None:
    content = b"<rss version='2.0'><channel><item><title>a</title></item></channel></rss>"
    feed = parse_feed(content, "https://untitled.example/rss")
    assert feed.title == "untitled.example"


def test_entry_without_title_gets_one_from_its_text() -> None:
    content = (
        b"<rss version='2.0'><channel><title>x</title><item><description>"
        + b"word " * 40
        + b"</description></item></channel></rss>"
    )
    (only,) = parse_feed(content, "https://x.example/rss").entries
    assert only.title.startswith("word word") and only.title.endswith("…")
    assert len(only.title) <= 81


def test_german_feed_in_latin1() -> None:
    feed = parse("german.xml", "https://nachrichten.example/rss", "application/rss+xml")
    assert feed.language == "german"
    (item,) = feed.entries
    assert item.title == "Neue Brücke über die Mühlbach eröffnet"
    assert "Fußgängerbrücke" in item.summary
    assert item.is_teaser  # ends with "Weiterlesen »"
    # "Di, 04 Mär 2025" is not RFC 822; an unparseable date is None, not an error.
    assert item.published_at is None


def test_french_atom_feed() -> None:
    feed = parse("french.xml", "https://nouvelles.example/atom")
    assert feed.language == "french"
    assert feed.title == "Les nouvelles de la vallée"
    assert feed.entries[0].is_teaser  # "Lire la suite"
    assert feed.entries[0].published_at == datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


def test_teasers_in_fixtures() -> None:
    rss = parse("rss2.xml", "https://news.example/feed.xml").entries
    assert [e.is_teaser for e in rss] == [False, True, False]  # content / "…" / long summary
    rdf = parse("rss1.rdf", "https://science.example/rss").entries
    assert [e.is_teaser for e in rdf] == [True, True]  # short / "[...]"
    atom = parse("atom.xml", "https://news.example/feeds/atom.xml").entries
    assert [e.is_teaser for e in atom] == [False, True]  # content / "Read more"


LONG = " ".join(["Sentence number one goes on for a while."] * 12)  # 96 words


@pytest.mark.parametrize(
    ("summary", "content", "teaser"),
    [
        ("", "", True),
        ("Short summary.", "", True),
        (LONG, "", False),
        (LONG + " …", "", True),
        (LONG + "...", "", True),
        (LONG + " [...]", "", True),
        (LONG + " [&#8230;]".replace("&#8230;", "…"), "", True),
        (LONG + " Read more", "", True),
        (LONG + " Read more »", "", True),
        (LONG + " Continue reading →", "", True),
        (LONG + " (more…)", "", True),
        ("Short.", LONG, False),
        ("Short.", "Full text is here.", False),
        ("Short.", LONG + " Continue reading", True),
        (LONG + " I already read more than most", "", False),
    ],
)
def test_is_teaser(summary: str, content: str, teaser: bool) -> None:
    assert entry(summary, content).is_teaser is teaser


def test_same_story_in_two_feeds_has_the_same_link() -> None:
    rss = parse("rss2.xml", "https://news.example/feed.xml")
    atom = parse("atom.xml", "https://news.example/feeds/atom.xml")
    rss_links = {e.link for e in rss.entries}
    atom_links = {e.link for e in atom.entries}
    assert rss_links & atom_links == {"https://news.example/2025/03/flood-barrier"}
    # Keys differ (each feed has its own guid scheme): dedupe must use links.
    assert rss.entries[0].key != atom.entries[0].key


async def test_feed_fetched_over_http_then_parsed(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    http_server.redirect("/old-feed", "/feeds/rss2.xml", status=301)
    http_server.route(
        "/feeds/rss2.xml", load("german.xml"), content_type="application/rss+xml"
    )  # no charset in the header: the XML declaration's ISO-8859-1 applies
    result = await fetch(http_client, http_server.url("/old-feed"), max_bytes=10**6, timeout=5)
    feed = parse_feed(result.content, result.url, content_type=result.content_type)
    assert feed.language == "german"
    assert feed.entries[0].title == "Neue Brücke über die Mühlbach eröffnet"


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("en", "english"),
        ("en-US", "english"),
        ("EN_gb", "english"),
        ("de", "german"),
        ("de-DE", "german"),
        ("de-AT", "german"),
        ("fr", "french"),
        ("fr-CA", "french"),
        ("es", "spanish"),
        ("pt-BR", "portuguese"),
        ("ru", "russian"),
        ("it", "italian"),
        ("nl", "dutch"),
        ("cs", "czech"),
        ("pl", "polish"),
        ("sv", "swedish"),
        ("da", "danish"),
        ("no", "norwegian"),
        ("nb-NO", "norwegian"),
        ("fi", "finnish"),
        ("et", "estonian"),
        ("el", "greek"),
        ("tr", "turkish"),
        ("sl", "slovene"),
        ("sk", "slovak"),
        ("uk", "ukrainian"),
        ("ja", "japanese"),
        ("zh-Hans-CN", "chinese"),
        ("ko", "korean"),
        ("he", "hebrew"),
        ("ar", "arabic"),
        ("deu", "german"),
        ("fre", "french"),
        ("english", "english"),
        ("German", "german"),
        (" de-DE.UTF-8 ", "german"),
        ("de, en", "german"),
        ("xx", None),
        ("klingon", None),
        ("", None),
        (None, None),
    ],
)
def test_language_name(code: str | None, name: str | None) -> None:
    assert language_name(code) == name


@given(st.one_of(st.none(), st.text()))
def test_language_name_never_raises(code: str | None) -> None:
    result = language_name(code)
    assert result is None or (result.isalpha() or " " in result)


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>Hello <b>world</b></p>", "Hello world"),
        ("Fish &amp; chips &mdash; &#8220;tasty&#8221;", "Fish & chips — “tasty”"),
        ("<script>var x = '<p>';</script>Visible<style>p{}</style>", "Visible"),
        ("&lt;p&gt;Escaped &lt;i&gt;twice&lt;/i&gt;&lt;/p&gt;", "Escaped twice"),
        ("line\n  break\tand   spaces", "line break and spaces"),
        ("a < b and c > d", "a < b and c > d"),
        ("<p>one</p><p>two</p>", "one two"),
        ("<div><img src=x onerror=alert(1)>caption</div>", "caption"),
        ("", ""),
    ],
)
def test_html_to_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


def test_html_to_text_paragraphs() -> None:
    markup = "<h2>Title</h2><p>First\nparagraph.</p><p>Second<br>line.</p>"
    assert html_to_text(markup, paragraphs=True) == "Title\n\nFirst paragraph.\n\nSecond\n\nline."


@given(st.text())
def test_html_to_text_never_keeps_tags(markup: str) -> None:
    text = html_to_text(markup)
    assert "\n" not in text
    assert text == text.strip()
