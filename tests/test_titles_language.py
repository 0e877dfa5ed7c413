"""Clean titles and declared languages (issue 8, items 4 and 5, the page side), from
invented pages and feeds: site names cut from titles, slugs replaced by the headline, and
the declared language read from every place a page or feed puts it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from http_server import LocalHTTPServer
from test_feed_poller import RSS

from bot.config import load_settings
from bot.pipeline import Briefer
from bot.sources.extract import extract_article, fetch_article
from bot.sources.feedparse import parse_feed
from bot.sources.headlines import heading_matches, strip_decoration
from bot.sources.pagemeta import declared_language, read_meta
from bot.sources.pagetitle import page_title
from bot.sources.poller import poll_feed
from bot.sources.titles import (
    TEXT_TITLE_CHARS,
    clean_title,
    is_slug,
    repeated_parts,
    title_from_text,
)
from bot.storage import Database
from bot.storage import feeds as store
from bot.storage.articles import get_articles

# --- titles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "names", "host", "expected"),
    [
        # a site name given by the page (og:site_name / application-name)
        (
            "Why we moved our search to SQLite | Harbour Engineering Notes",
            ["Harbour Engineering Notes"],
            "notes.example",
            "Why we moved our search to SQLite",
        ),
        (
            "Harbour Engineering Notes - Why we moved our search to SQLite",
            ["Harbour Engineering Notes"],
            None,
            "Why we moved our search to SQLite",
        ),
        # the host name, spelled with spaces and capitals
        (
            "Testing async Django views without tears | Caktus Group",
            [],
            "www.caktusgroup.com",
            "Testing async Django views without tears",
        ),
        (
            "Rail strike ends after six weeks - Stack Overflow Blog",
            [],
            "blog.stackoverflow.co.uk",
            "Rail strike ends after six weeks",
        ),
        (
            "Tax advice for small exporters | Kanzlei Haferkamp",
            [],
            "www.haferkamp.example",
            "Tax advice for small exporters",
        ),
        (
            "Ein Abend am Hafen mit Freunden | HAFENBLICK.de",
            [],
            "hafenblick.de",
            "Ein Abend am Hafen mit Freunden",
        ),
        # a chain of site, short site name and date
        (
            "Rhine closed to shipping after floods | DW | 19.01.2020",
            [],
            "www.dw.com",
            "Rhine closed to shipping after floods",
        ),
        (
            "Rhine closed to shipping after floods \u2013 Deutsche Welle | DW | 19.01.2020",
            ["Deutsche Welle"],
            "www.dw.com",
            "Rhine closed to shipping after floods",
        ),
        # a byline beside the site name, with asterisks between the parts
        (
            "Harbour ferry fares rise again * Harbour Gazette * by Jane Roe",
            ["Harbour Gazette"],
            None,
            "Harbour ferry fares rise again",
        ),
        # Japanese: a full-width bar, no spaces, and a headline with no spaces either
        (
            "港の渡し船の運賃が来月から値上げへ\uff5c港新聞デジタル",
            ["港新聞デジタル"],
            None,
            "港の渡し船の運賃が来月から値上げへ",
        ),
        # Chinese: "_" or "-" between parts with no spaces, and a site or channel the page
        # does not declare, known by how Chinese sites name themselves ("…网", "…订阅")
        ("港城渡轮明起增开夜间航线_港城新闻网", [], "port.example", "港城渡轮明起增开夜间航线"),
        ("港城渡轮明起增开夜间航线-港城网", [], None, "港城渡轮明起增开夜间航线"),
        ("港城渡轮增开夜间航线\uff01_港城订阅", [], None, "港城渡轮增开夜间航线\uff01"),
        ("港城渡轮增开夜间航线 - 港城市人民政府门户网站", [], None, "港城渡轮增开夜间航线"),
        ("港城渡轮增开夜间航线 -港城网", [], None, "港城渡轮增开夜间航线"),
        # short sections and a site's name after a long Chinese or Japanese headline, with
        # or without spaces around the bar or the double hyphen
        (
            "港城渡轮明起增开夜间航线并延长运营时间 | 兩岸焦點 | 兩岸",
            [],
            None,
            "港城渡轮明起增开夜间航线并延长运营时间",
        ),
        (
            "港城渡轮明起增开夜间航线并延长运营时间--港報",
            [],
            None,
            "港城渡轮明起增开夜间航线并延长运营时间",
        ),
        (
            "港の渡し船の運賃が来月から値上げへ|港ポータル",
            ["港ポータル"],
            None,
            "港の渡し船の運賃が来月から値上げへ",
        ),
        # the site's name followed by its sections
        (
            "Kell ferry gets a new engine - HAFEN ONLINE - Nachrichten - Region",
            [],
            "www.hafen.example",
            "Kell ferry gets a new engine",
        ),
        # a German site's umlauts spelled out in its host
        (
            "Sterbehilfe: Gericht weist Klagen ab | Ärzte Blatt",
            [],
            "www.aerzteblatt.example",
            "Sterbehilfe: Gericht weist Klagen ab",
        ),
        # accents and case do not matter
        (
            "Neue Brücke für Köln eröffnet — Kölner Zeitung",
            ["KÖLNER ZEITUNG"],
            None,
            "Neue Brücke für Köln eröffnet",
        ),
    ],
)
def test_site_names_are_cut_from_titles(
    title: str, names: list[str], host: str | None, expected: str
) -> None:
    assert clean_title(title, site_names=names, host=host) == expected


@pytest.mark.parametrize(
    ("title", "names", "host"),
    [
        ("Caktus Group | Careers", [], "caktusgroup.com"),  # one word would be left
        ("Brexit | Harbour Gazette", ["Harbour Gazette"], None),
        ("Harbour Gazette", ["Harbour Gazette"], "harbourgazette.example"),  # nothing left
        ("Covid-19 cases rise in Berlin - what you need to know", [], "news.example"),
        ("Brexit: the deal in ten charts", ["Brexit"], None),  # a colon is not a separator
        ("Ferry fares rise | Council blames fuel prices", ["Harbour Gazette"], "gazette.example"),
        ("Budget passes | 2024", [], None),  # a date alone is not a site name
        ("上海-北京高铁明起提速", [], None),  # a hyphen between two places
        ("上海 | 北京高铁明起提速", [], None),  # a short part before the headline: a kicker
        # short parts after a site-like part that is not the site's
        ("Ferry fares rise - Kell Council - Good News", [], "gazette.example"),
    ],
)
def test_titles_that_must_stay_as_they_are(title: str, names: list[str], host: str | None) -> None:
    assert clean_title(title, site_names=names, host=host) == title


def test_a_part_repeated_across_a_feeds_titles_is_a_site_name() -> None:
    titles = [
        "Budget passes after late vote | Harbour Gazette Online",
        "Ferry fares rise again | Harbour Gazette Online",
        "Harbour Gazette Online | Port strike ends",
        "Storm warning for the coast",
    ]
    repeated = repeated_parts(titles)
    assert clean_title(titles[0], repeated=repeated) == "Budget passes after late vote"
    assert clean_title(titles[2], repeated=repeated) == "Port strike ends"
    assert clean_title(titles[3], repeated=repeated) == titles[3]
    # One title with a given ending is a story, not a pattern.
    assert repeated_parts(["Budget passes | Analysis", "Ferry fares rise | Opinion"]) == frozenset()


@pytest.mark.parametrize(
    ("title", "url", "slug"),
    [
        ("adac-kindersitztest-herbst-2018", None, True),
        (
            "ADAC-Kindersitztest-Herbst-2018",
            "https://x.example/a/ADAC-Kindersitztest-Herbst-2018.html",
            True,
        ),
        ("harbour_budget_2024", None, True),
        ("Covid-19", None, False),
        ("Brexit", "https://x.example/brexit", False),
        ("Rail strike ends", None, False),
    ],
)
def test_slug_titles(title: str, url: str | None, slug: bool) -> None:
    assert is_slug(title, url) is slug


# --- pages ----------------------------------------------------------------------------------

GERMAN_BODY = """
<p>Der Stadtrat von Nordhafen hat am Dienstagabend nach einer langen Debatte den Haushalt
für das kommende Jahr beschlossen. Die Mehrheit fiel knapp aus, weil zwei Fraktionen bis
zuletzt über die Finanzierung der neuen Fähre gestritten hatten.</p>
<p>Die Bürgermeisterin sagte, der Haushalt sichere den Betrieb der Schulen und der
Schwimmbäder. Die Opposition kritisierte dagegen, dass die Stadt für die Fähre neue
Schulden aufnehmen müsse und die Gebühren für Anwohner steigen würden.</p>
<p>Die neue Fähre soll im Frühjahr in Dienst gestellt werden und die alte Verbindung über
den Fluss ersetzen, die seit zwei Jahren immer wieder ausfällt.</p>
"""
ENGLISH_BODY = """
<p>The council of Northbank approved next year's budget on Tuesday evening after a long
debate. The majority was narrow, because two groups argued about the money for the new
ferry until the very end of the meeting.</p>
<p>The mayor said the budget keeps the schools and the swimming pools open. The opposition
said the town would have to borrow for the ferry and that fees for residents would rise
as a result of the decision.</p>
<p>The new ferry is due to enter service in the spring and will replace the old crossing,
which has broken down again and again over the past two years.</p>
"""


def page(head: str, body: str = GERMAN_BODY, html_attrs: str = "", h1: str = "") -> str:
    return (
        f"<!doctype html><html{html_attrs}><head><meta charset='utf-8'>{head}</head>"
        f"<body><article>{f'<h1>{h1}</h1>' if h1 else ''}{body}</article></body></html>"
    )


URL = "https://www.nordhafen-kurier.example/lokales/haushalt-beschlossen"


@pytest.mark.parametrize(
    ("html", "header", "language"),
    [
        (page("<meta http-equiv='Content-Language' content='de'>"), None, "german"),
        (page("<meta content='de-AT' http-equiv='content-language'>"), None, "german"),
        (page("<meta property='og:locale' content='de_DE'>"), None, "german"),
        (page(""), "de-DE", "german"),
        (page("", html_attrs=" lang='de'"), "en", "german"),  # <html lang> beats the header
        (
            page("<meta http-equiv='content-language' content='nl'>", html_attrs=" lang='de'"),
            None,
            "german",
        ),
        (page("<meta http-equiv='content-language' content='de'>"), "fr", "german"),
        (page("", html_attrs=" lang='x-default'"), "de", "german"),  # unusable tag skipped
        (
            page("<meta property='og:locale' content='fr_FR'>", body=ENGLISH_BODY),
            "en-GB",
            "english",
        ),
    ],
)
def test_declared_language_from_every_place_a_page_puts_it(
    html: str, header: str | None, language: str
) -> None:
    article = extract_article(html, URL, content_language=header)
    assert article.language == language
    assert declared_language(read_meta(html), header) == language


def test_page_title_without_its_site_name_and_slug_replaced_by_the_headline() -> None:
    named = page(
        "<title>Stadtrat beschließt den Haushalt für 2025 | Nordhafener Kurier</title>"
        "<meta name='application-name' content='Nordhafener Kurier'>"
    )
    assert extract_article(named, URL).title == "Stadtrat beschließt den Haushalt für 2025"
    slug = page(
        "<title>haushalt-beschlossen</title>",
        h1="Stadtrat beschließt den Haushalt für 2025",
    )
    article = extract_article(slug, URL)
    assert article.title == "Stadtrat beschließt den Haushalt für 2025"
    assert not article.body.startswith("Stadtrat beschließt")  # the headline is not body
    og = page(
        "<title>haushalt-beschlossen</title>"
        "<meta property='og:title' content='Haushalt beschlossen: knappe Mehrheit im Rat'>"
    )
    assert extract_article(og, URL).title == "Haushalt beschlossen: knappe Mehrheit im Rat"


ZIVILKUNDE = "https://www.land-nordhafen.example/themen/homo-vallensis"


@pytest.mark.parametrize(
    "head",
    [
        # The declared site name, though it resembles neither host label.
        "<meta property='og:site_name' content='Landeszentrale für Zivilkunde'>",
        "<meta name='application-name' content='Landeszentrale für Zivilkunde'>",
        "",  # no declaration: the <h1> shows which part is the headline
    ],
)
def test_a_declared_or_headline_evident_site_name_is_cut(head: str) -> None:
    html = page(
        f"<title>Homo Vallensis | Landeszentrale für Zivilkunde</title>{head}",
        h1="Homo Vallensis",
    )
    assert extract_article(html, ZIVILKUNDE).title == "Homo Vallensis"


def test_a_logo_headline_does_not_replace_the_story() -> None:
    html = page(
        "<title>Stadtrat beschließt den Haushalt | Nordhafener Kurier</title>",
        h1="Nordhafener Kurier",
    )
    url = "https://www.nordhafener-kurier.example/lokales/haushalt"
    assert extract_article(html, url).title == "Stadtrat beschließt den Haushalt"


@pytest.mark.parametrize(
    ("head", "h1", "title"),
    [
        (
            "<title></title><meta property='og:title' content='Fähre fällt aus'>",
            "",
            "Fähre fällt aus",
        ),
        ("<title> </title>", "Haushalt beschlossen", "Haushalt beschlossen"),
        (
            "",
            "",
            "Der Stadtrat von Nordhafen hat am Dienstagabend nach einer langen Debatte den "
            "Haushalt für das…",
        ),
    ],
)
def test_an_untitled_page_takes_its_headline_or_first_sentence(
    head: str, h1: str, title: str
) -> None:
    article = extract_article(page(head, h1=h1), URL)
    assert article.title == title
    assert len(article.title) <= TEXT_TITLE_CHARS + 1
    assert article.body.startswith("Der Stadtrat von Nordhafen")  # the body keeps its lead


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("The ferry runs again. It broke down twice.", "The ferry runs again."),
        ("\n\n  A first line without an end\nand a second", "A first line without an end"),
        ("", ""),
        ("x" * 150, "x" * 100 + "\u2026"),
    ],
)
def test_title_from_text(text: str, title: str) -> None:
    assert title_from_text(text) == title


async def test_content_language_header_reaches_the_article(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    http_server.route("/artikel", page(""), headers={"Content-Language": "de"})
    article = await fetch_article(
        http_client, http_server.url("/artikel"), max_bytes=100_000, timeout=3
    )
    assert article.language == "german"


# --- feeds ----------------------------------------------------------------------------------

ATOM_MIXED = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Harbour Gazette</title><id>urn:gazette</id><updated>2025-03-04T08:00:00Z</updated>
  <entry xml:lang="de"><title>Haushalt beschlossen</title><id>urn:1</id>
    <updated>2025-03-04T08:00:00Z</updated><summary>Der Rat hat entschieden.</summary></entry>
  <entry><title>Budget approved</title><id>urn:2</id>
    <updated>2025-03-04T08:00:00Z</updated><summary>The council decided.</summary></entry>
</feed>"""


def test_feed_entries_carry_their_xml_lang() -> None:
    parsed = parse_feed(ATOM_MIXED, "https://gazette.example/atom.xml")
    assert parsed.language == "english"
    assert [e.language for e in parsed.entries] == ["german", "english"]


RSS_TEASERS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Nordhafener Kurier</title><link>{base}/</link>
<language>en</language>
<item><title>Stadtrat beschließt den Haushalt für 2025 | Nordhafener Kurier</title>
<link>{base}/lokales/haushalt</link><guid>1</guid><description>Mehr…</description></item>
<item><title>haushalt-faehre-2025</title>
<link>{base}/lokales/haushalt-faehre-2025</link><guid>2</guid><description>Mehr…</description></item>
</channel></rss>"""


@pytest.fixture
def briefer() -> Iterator[Briefer]:
    instance = Briefer(language="english", sentences=2, summarizer="lexrank")
    try:
        yield instance
    finally:
        instance.close()


async def test_feed_entry_gets_the_pages_language_and_a_clean_title(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient, db: Database, briefer: Briefer
) -> None:
    """The feed says English; the pages say German (content-language meta only): the page
    wins. The feed's site suffix goes, and a slug title becomes the page's headline."""
    meta = "<meta http-equiv='content-language' content='de'>"
    http_server.route("/lokales/haushalt", page(meta))
    http_server.route(
        "/lokales/haushalt-faehre-2025",
        page(meta + "<title>Die Fähre kommt im Frühjahr | Nordhafener Kurier</title>"),
    )
    http_server.route("/rss.xml", RSS_TEASERS.format(base=http_server.base_url), content_type=RSS)
    settings = load_settings({"NEWSBRIEF_FETCH_ALLOW_PRIVATE": "1"})
    feed, _ = await store.add_feed(db, http_server.url("/rss.xml"), None, "english")
    result = await poll_feed(db, http_client, briefer, settings, feed)
    assert (result.error, result.added) == (None, 2)
    articles = await get_articles(db, [1, 2])
    assert {a.title for a in articles} == {
        "Stadtrat beschließt den Haushalt für 2025",
        "Die Fähre kommt im Frühjahr",
    }
    assert [a.language for a in articles] == ["german", "german"]


@pytest.mark.parametrize(
    ("title", "names", "clean"),
    [
        # the site after a full-width colon at the end of a Japanese headline
        (
            "渡し船の運賃値上げ\u3000市が発表\uff1a港新聞デジタル",
            ["港新聞デジタル"],
            "渡し船の運賃値上げ 市が発表",
        ),
        # an all-capitals section label before a bar
        (
            "BUDGET 2.0 | Harbour council finds money for ferries",
            [],
            "Harbour council finds money for ferries",
        ),
        ("VIDEO. Harbour crane topples in the storm", [], "Harbour crane topples in the storm"),
        # kept: a colon after an acronym is the headline's own; a label needs a headline after it
        ("NASA: Probe finds water on the moon", [], "NASA: Probe finds water on the moon"),
        ("TOP 10 | Ferries", [], "TOP 10 | Ferries"),
        # a Chinese column's tag in brackets; a Latin one stays (it may be the headline's)
        ("【港城观察】渡轮公司明年起增开夜间航线", [], "渡轮公司明年起增开夜间航线"),
        ("[Update] Harbour wall raised", [], "[Update] Harbour wall raised"),
    ],
)
def test_decoration_around_headlines(title: str, names: list[str], clean: str) -> None:
    assert strip_decoration(title, site_names=names) == clean


@pytest.mark.parametrize(
    ("title", "headline", "expected"),
    [
        ("Harbour wall raised at Kell | Kessel Courier", "Harbour wall raised at Kell", True),
        ("Kell | Harbour wall raised at Kell", "Harbour wall raised at Kell", True),
        ("Harbour: wall raised | Kell News - Courier", "Harbour: wall raised", True),
        # A longer headline is another story, and the same title is no decoration.
        ("Harbour wall raised at Kell again | News", "Harbour wall raised at Kell", False),
        ("Harbour wall raised at Kell", "Harbour wall raised at Kell", False),
        ("Kell | News", "Kell", False),  # too short a headline to tell
    ],
)
def test_a_title_decorating_the_pages_headline_is_recognised(
    title: str, headline: str, expected: bool
) -> None:
    from bot.sources.titles import decorates

    assert decorates(title, headline) is expected


def test_a_korean_title_loses_its_section_and_site() -> None:

    # Real page: "…"-정치ㅣ한국일보 (politics | the paper's name).
    title = '항구 새 부두 공사 또다시 연기··· 주민들 "왜 늦어지나"-정치\u3163항구일보'
    cleaned = strip_decoration(clean_title(title, site_names=["항구일보"]))
    assert cleaned == '항구 새 부두 공사 또다시 연기··· 주민들 "왜 늦어지나"'


@pytest.mark.parametrize(
    ("title", "host", "clean"),
    [
        ("\u00bb Harbour crane topples in the storm", None, "Harbour crane topples in the storm"),
        (
            "Ten tips for ferry travel | HGZ",
            "www.harbourgazette.example",
            "Ten tips for ferry travel",
        ),
        # initials that do not spell the host stay: they may be the headline's
        ("Ten tips for ferry travel | NHS", "www.harbourgazette.example", None),
    ],
)
def test_a_leading_mark_and_the_sites_initials_are_cut(
    title: str, host: str | None, clean: str | None
) -> None:
    assert strip_decoration(title, host=host) == (clean or title)


def test_one_word_of_the_title_is_not_its_headline() -> None:
    # A blog's <h1> is its author's first name, a word of the <title>'s byline.
    assert not heading_matches("dalton", ["Dear Mark Zuckerberg by Dalton Caldwell"])
    assert heading_matches("Java", ["Java - Wikipedia, the free encyclopedia"])
    # A Japanese headline has no spaces, but it is no single word.
    assert heading_matches("渡し船の運賃値上げ", ["渡し船の運賃値上げ : 地域 : 港新聞"])
    assert heading_matches("Harbour wall raised", ["Harbour wall raised at Kell | Courier"])


@pytest.mark.parametrize(
    ("head", "h1", "title"),
    [
        # "--" between the headline and the site
        (
            "<title>Stadtrat beschließt den Haushalt für 2025 -- Kurier</title>"
            "<meta name='application-name' content='Kurier'>",
            "",
            None,
        ),
        # the site's handle and tags as a part
        (
            "<title>Stadtrat beschließt den Haushalt für 2025 | @NKurier #Rat | Kurier</title>",
            "",
            None,
        ),
        # a blog's name and tagline after the headline, its name in the <h1>
        (
            "<title>Stadtrat beschließt den Haushalt für 2025 - Ratsblog: Neues aus dem Rathaus - "
            "Kurier</title>",
            "Ratsblog: Das Neueste aus Rat und Verwaltung",
            None,
        ),
        (
            "<title>Stadtrat beschließt den Haushalt für 2025 - Ratsblog: Neues aus dem Rathaus - "
            "Kurier</title>",
            "KURIER Ratsblog: Neues aus dem Rathaus",
            None,
        ),
    ],
)
def test_a_titles_site_decoration_and_blog_name_are_cut(head: str, h1: str, title: None) -> None:
    assert extract_article(page(head, h1=h1), URL).title == (
        title or "Stadtrat beschließt den Haushalt für 2025"
    )


def test_a_headline_guessed_as_the_site_name_stays_the_headline() -> None:
    meta = read_meta(page("<title>Stadtrat beschließt den Haushalt - Ratsblog</title>"))
    # trafilatura took a comment form's heading and guessed the headline as the site's name
    assert page_title("Send a comment", "Stadtrat beschließt den Haushalt", meta, URL) == (
        "Stadtrat beschließt den Haushalt - Ratsblog"
    )


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("Harbour wall gets its first stone | Harbour News", "Harbour wall gets its first stone"),
        ("Ferry fares rise again | News", "Ferry fares rise again"),
        # WordPress puts the site's name after U+2039
        (
            "Kell : un pêcheur condamné ! \u2039 Harbour Watch Project",
            "Kell : un pêcheur condamné !",
        ),
        # "News" inside the headline stays
        ("Good News for the harbour wall", "Good News for the harbour wall"),
    ],
)
def test_a_news_section_or_wordpress_site_name_is_cut(title: str, clean: str) -> None:
    assert strip_decoration(title) == clean
