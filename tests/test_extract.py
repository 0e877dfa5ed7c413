"""bot.sources.extract: main text from article pages, and what is not an article."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from http_server import LocalHTTPServer

from bot.sources.extract import Extracted, NotAnArticle, check_html, extract_article, fetch_article
from bot.sources.fetch import FetchError

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
ARTICLE = (FIXTURES / "article.html").read_bytes()
HOMEPAGE = (FIXTURES / "homepage.html").read_bytes()
URL = "https://www.news.example/2025/03/flood-barrier"

BOILERPLATE = [
    "cookies",  # banner
    "Subscribe for unlimited access",  # nav
    "Sport",  # nav
    "Related stories",  # aside
    "Storm damage bill",  # aside link
    "boatowner77",  # comments
    "parking spaces back",  # comment text
    "Unbelievable waste",  # comment text
    "All rights reserved",  # footer
    "Privacy policy",  # footer
    "tracking pixel",  # script
]


def check_article(article: Extracted) -> None:
    assert article.title == "River town opens floating flood barrier after decade of delays"
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) >= 6
    # The page's description is its standfirst, which the body lacks (bot.sources.standfirst).
    assert paragraphs[0] == (
        "The barrier, first proposed in 2014, was raised for the first time on Tuesday."
    )
    assert paragraphs[1].startswith("The floating flood barrier that residents of Millbrook")
    assert paragraphs[-1].startswith("The gates will now be tested every month")
    assert any(p.startswith("Not everyone is convinced.") for p in paragraphs)
    assert article.title not in paragraphs  # the headline is not repeated in the body
    for text in BOILERPLATE:
        assert text not in article.body, text
    assert article.language == "english"
    assert article.source == "Northbank Courier"
    assert article.published_at == datetime(2025, 3, 4, 8, 30, tzinfo=UTC)


def test_extract_article_finds_title_and_paragraphs_without_boilerplate() -> None:
    article = extract_article(ARTICLE, URL)
    assert article.url == URL
    check_article(article)


def test_extract_article_accepts_str() -> None:
    check_article(extract_article(ARTICLE.decode("utf-8"), URL))


def test_non_article_page_is_refused() -> None:
    with pytest.raises(NotAnArticle) as info:
        extract_article(HOMEPAGE, "https://news.example/login")
    assert info.value.reason in {
        "no article text found on the page",
    } or info.value.reason.startswith("too little article text")


@pytest.mark.parametrize("page", [b"", b"<html></html>", "<p>Too short.</p>", b"\x00\xff\x10"])
def test_empty_pages_are_refused(page: bytes | str) -> None:
    with pytest.raises(NotAnArticle, match="no article text found on the page"):
        extract_article(page, "https://x.example/")


def test_min_words_is_enforced() -> None:
    with pytest.raises(NotAnArticle, match=r"^too little article text on the page \(\d+ words\)$"):
        extract_article(ARTICLE, URL, min_words=5000)


def test_source_falls_back_to_host_and_language_to_none() -> None:
    body = "".join(
        f"<p>Paragraph {i} tells a plain story with enough words to count as prose here.</p>"
        for i in range(8)
    )
    page = (
        f"<html><head><title>Plain page</title></head><body><article>{body}</article></body></html>"
    )
    article = extract_article(page, "https://www.plain.example/story")
    assert article.source == "plain.example"
    assert article.language is None
    assert article.title == "Plain page"
    assert len(article.body.split("\n\n")) == 8


def test_page_language_from_html_lang() -> None:
    page = ARTICLE.replace(b'<html lang="en-GB">', b'<html lang="de-DE">')
    assert extract_article(page, URL).language == "german"


def test_extraction_makes_no_network_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access during extraction")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    check_article(extract_article(ARTICLE, URL))


async def test_fetch_article_over_http_reports_the_final_url(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    http_server.redirect("/short/abc", "/2025/03/flood-barrier")
    http_server.route("/2025/03/flood-barrier", ARTICLE, content_type="text/html; charset=utf-8")
    article = await fetch_article(
        http_client, http_server.url("/short/abc"), max_bytes=10**6, timeout=5
    )
    assert article.url == http_server.url("/2025/03/flood-barrier")
    check_article(article)
    assert "text/html" in http_server.last_request.headers["Accept"]


async def test_fetch_article_uses_the_header_charset(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    text = ARTICLE.decode("utf-8").replace('<meta charset="utf-8">', "")
    text = text.replace("The floating flood barrier", "The café-side flood barrier")
    http_server.route(
        "/latin1", text.encode("iso-8859-1"), content_type="text/html; charset=iso-8859-1"
    )
    article = await fetch_article(
        http_client, http_server.url("/latin1"), max_bytes=10**6, timeout=5
    )
    # After the page's standfirst (its description), which the body lacks.
    assert article.body.split("\n\n")[1].startswith("The café-side flood barrier")


async def test_fetch_article_with_generic_content_type_sniffs_html(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    # content_type=None: aiohttp then sends its default, application/octet-stream.
    http_server.route("/untyped", ARTICLE, content_type=None)
    article = await fetch_article(
        http_client, http_server.url("/untyped"), max_bytes=10**6, timeout=5
    )
    assert article.title.startswith("River town")

    http_server.route("/blob", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, content_type=None)
    with pytest.raises(NotAnArticle, match=r"^not an HTML page \(application/octet-stream\)$"):
        await fetch_article(http_client, http_server.url("/blob"), max_bytes=10**6, timeout=5)


@pytest.mark.parametrize(
    ("content_type", "content", "reason"),
    [
        ("text/html; charset=utf-8", b"", None),
        ("Application/XHTML+XML", b"", None),
        (None, b"  <!DOCTYPE html><html>", None),
        (None, b"<html lang=en>", None),
        ("application/octet-stream", b"\n<!doctype HTML>", None),
        (None, b"%PDF-1.7", "not an HTML page (no content type)"),
        ("", b"plain", "not an HTML page (no content type)"),
        ("application/pdf", b"<html>", "not an HTML page (application/pdf)"),
        ("text/plain", b"<html>", "not an HTML page (text/plain)"),
    ],
)
def test_check_html(content_type: str | None, content: bytes, reason: str | None) -> None:
    if reason is None:
        check_html(content_type, content)
    else:
        with pytest.raises(NotAnArticle) as info:
            check_html(content_type, content)
        assert info.value.reason == reason


@pytest.mark.parametrize(
    ("content_type", "media"),
    [
        ("application/pdf", "application/pdf"),
        ("image/jpeg", "image/jpeg"),
        ("application/rss+xml; charset=utf-8", "application/rss+xml"),
    ],
)
async def test_fetch_article_refuses_non_html(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient, content_type: str, media: str
) -> None:
    http_server.route("/doc", b"%PDF-1.7 not really", content_type=content_type)
    with pytest.raises(NotAnArticle) as info:
        await fetch_article(http_client, http_server.url("/doc"), max_bytes=10**6, timeout=5)
    assert info.value.reason == f"not an HTML page ({media})"


async def test_fetch_article_accepts_xhtml(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    http_server.route("/x", ARTICLE, content_type="application/xhtml+xml")
    article = await fetch_article(http_client, http_server.url("/x"), max_bytes=10**6, timeout=5)
    assert article.title.startswith("River town")


async def test_fetch_article_lets_fetch_errors_through(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    http_server.route("/gone", "gone", status=404)
    with pytest.raises(FetchError, match=r"^HTTP 404 Not Found$"):
        await fetch_article(http_client, http_server.url("/gone"), max_bytes=10**6, timeout=5)

    http_server.route("/big", ARTICLE, content_type="text/html")
    with pytest.raises(FetchError, match="larger than"):
        await fetch_article(http_client, http_server.url("/big"), max_bytes=1024, timeout=5)


async def test_non_article_over_http(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    http_server.route("/login", HOMEPAGE)
    with pytest.raises(NotAnArticle):
        await fetch_article(http_client, http_server.url("/login"), max_bytes=10**6, timeout=5)
