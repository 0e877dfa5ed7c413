"""bot.sources.fetch against a real local HTTP server: redirects, limits, timeouts, 304s."""

from __future__ import annotations

import gzip
import socket
import time
import tracemalloc
from datetime import UTC, datetime

import httpx
import pytest
from http_server import TEST_USER_AGENT, LocalHTTPServer, http_date
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.sources.client import make_client
from bot.sources.fetch import FetchError, FetchResult, check_url, fetch, human_size

MB = 1_000_000
FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"


async def test_fetch_returns_body_and_sends_user_agent(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    http_server.route(
        "/feed.xml",
        FEED,
        content_type="application/rss+xml; charset=utf-8",
        headers={"ETag": '"abc"', "Last-Modified": "Tue, 04 Mar 2025 08:00:00 GMT"},
    )
    result = await fetch(http_client, http_server.url("/feed.xml"), max_bytes=MB, timeout=5)
    assert result == FetchResult(
        url=http_server.url("/feed.xml"),
        status=200,
        content=FEED,
        content_type="application/rss+xml; charset=utf-8",
        encoding="utf-8",
        etag='"abc"',
        last_modified="Tue, 04 Mar 2025 08:00:00 GMT",
    )
    assert not result.not_modified
    sent = http_server.last_request.headers
    assert sent["User-Agent"] == TEST_USER_AGENT
    assert "application/rss+xml" in sent["Accept"]
    assert "If-None-Match" not in sent and "If-Modified-Since" not in sent


async def test_make_client_does_not_follow_redirects_itself() -> None:
    client = make_client(user_agent="x/1", timeout=3)
    try:
        assert client.follow_redirects is False
        assert client.headers["User-Agent"] == "x/1"
    finally:
        await client.aclose()


async def test_gzip_body_is_decoded(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    http_server.route(
        "/gz", gzip.compress(FEED), content_type="text/xml", headers={"Content-Encoding": "gzip"}
    )
    result = await fetch(http_client, http_server.url("/gz"), max_bytes=MB, timeout=5)
    assert result.content == FEED
    assert "gzip" in http_server.last_request.headers["Accept-Encoding"]


async def test_redirect_chain_is_followed_and_final_url_reported(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    http_server.redirect("/r1", "/dir/r2", status=301)  # root-relative
    http_server.redirect("/dir/r2", "r3", status=307)  # relative to /dir/
    http_server.redirect("/dir/r3", http_server.url("/final?x=1"), status=308)  # absolute
    http_server.route("/final", "done", content_type="text/plain")
    result = await fetch(http_client, http_server.url("/r1"), max_bytes=MB, timeout=5, etag='"e"')
    assert result.url == http_server.url("/final?x=1")
    assert result.content == b"done"
    assert [r.path for r in http_server.requests] == ["/r1", "/dir/r2", "/dir/r3", "/final?x=1"]
    # Every hop is a GET with the same conditional headers.
    assert all(r.method == "GET" for r in http_server.requests)
    assert all(r.headers["If-None-Match"] == '"e"' for r in http_server.requests)


async def test_too_many_redirects(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    http_server.redirect("/loop1", "/loop2")
    http_server.redirect("/loop2", "/loop1")
    with pytest.raises(FetchError) as info:
        await fetch(
            http_client, http_server.url("/loop1"), max_bytes=MB, timeout=5, max_redirects=3
        )
    assert info.value.reason == "too many redirects (more than 3)"
    assert len(http_server.requests) == 4  # the first request plus three hops


@pytest.mark.parametrize(
    "target",
    ["ftp://files.example/feed.xml", "file:///etc/passwd", "http://user:pw@127.0.0.1/"],
)
async def test_redirect_to_a_forbidden_url_is_refused(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient, target: str
) -> None:
    http_server.redirect("/bounce", target)
    with pytest.raises(FetchError) as info:
        await fetch(http_client, http_server.url("/bounce"), max_bytes=MB, timeout=5)
    assert info.value.reason.startswith("bad redirect: ")
    if "://user" not in target:
        assert info.value.reason == "bad redirect: not http(s)"
    assert len(http_server.requests) == 1


async def test_redirect_without_location(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    http_server.route("/nowhere", "", status=302)
    with pytest.raises(FetchError, match="without a Location"):
        await fetch(http_client, http_server.url("/nowhere"), max_bytes=MB, timeout=5)


async def test_not_modified_by_etag(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    http_server.conditional("/feed", FEED, etag='"v1"')
    first = await fetch(http_client, http_server.url("/feed"), max_bytes=MB, timeout=5)
    assert first.status == 200 and first.etag == '"v1"'

    second = await fetch(
        http_client, http_server.url("/feed"), max_bytes=MB, timeout=5, etag=first.etag
    )
    assert second.status == 304
    assert second.not_modified
    assert second.content == b""
    assert http_server.last_request.headers["If-None-Match"] == '"v1"'

    changed = await fetch(
        http_client, http_server.url("/feed"), max_bytes=MB, timeout=5, etag='"v0"'
    )
    assert changed.status == 200 and changed.content == FEED


async def test_not_modified_by_last_modified(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    stamp = http_date(datetime(2025, 3, 4, 8, 0, tzinfo=UTC))
    http_server.conditional("/feed", FEED, last_modified=stamp)
    first = await fetch(http_client, http_server.url("/feed"), max_bytes=MB, timeout=5)
    assert first.status == 200 and first.last_modified == stamp

    second = await fetch(
        http_client,
        http_server.url("/feed"),
        max_bytes=MB,
        timeout=5,
        last_modified=first.last_modified,
    )
    assert second.not_modified and second.content == b""
    assert http_server.last_request.headers["If-Modified-Since"] == stamp

    older = http_date(datetime(2025, 3, 1, tzinfo=UTC))
    third = await fetch(
        http_client, http_server.url("/feed"), max_bytes=MB, timeout=5, last_modified=older
    )
    assert third.status == 200


async def test_unsendable_validators_are_dropped(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    http_server.route("/feed", FEED)
    result = await fetch(
        http_client,
        http_server.url("/feed"),
        max_bytes=MB,
        timeout=5,
        etag='"a"\r\nX-Injected: 1',
        last_modified="  ",
    )
    assert result.status == 200
    headers = http_server.last_request.headers
    assert "X-Injected" not in headers and "If-None-Match" not in headers
    assert "If-Modified-Since" not in headers


@pytest.mark.parametrize(
    ("status", "reason"),
    [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error"), (410, "HTTP 410 Gone")],
)
async def test_http_errors_have_short_reasons(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient, status: int, reason: str
) -> None:
    http_server.route("/x", "<h1>oops</h1>", status=status)
    with pytest.raises(FetchError) as info:
        await fetch(http_client, http_server.url("/x"), max_bytes=MB, timeout=5)
    assert info.value.reason == reason
    assert str(info.value) == reason
    assert info.value.url == http_server.url("/x")


async def test_hanging_server_times_out_quickly(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    http_server.hang("/hang")
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        await fetch(http_client, http_server.url("/hang"), max_bytes=MB, timeout=0.5)
    assert info.value.reason == "timed out after 0.5 s"
    assert time.monotonic() - started < 2.0


async def test_slow_drip_body_is_bounded_by_the_overall_timeout(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    # Each chunk arrives well within httpx's read timeout, so only the overall
    # deadline can stop this (it would take 10 s to finish).
    http_server.stream("/drip", 100, chunk_size=1, delay=0.1)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"^timed out after 0\.5 s$"):
        await fetch(http_client, http_server.url("/drip"), max_bytes=MB, timeout=0.5)
    assert time.monotonic() - started < 2.0


async def test_slow_redirect_chain_is_bounded_by_one_deadline(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    # Three hops of 0.3 s each: every hop is fast enough alone, the chain is not.
    for i in range(3):
        http_server.route(f"/s{i}", "", status=302, headers={"Location": f"/s{i + 1}"}, delay=0.3)
    http_server.route("/s3", "end")
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        await fetch(http_client, http_server.url("/s0"), max_bytes=MB, timeout=0.7)
    assert time.monotonic() - started < 2.0


async def test_huge_streamed_body_is_cut_off_early_with_bounded_memory(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    stats = http_server.stream("/huge", 50 * MB, content_type="application/rss+xml")
    tracemalloc.start()
    try:
        started = time.monotonic()
        with pytest.raises(FetchError) as info:
            await fetch(http_client, http_server.url("/huge"), max_bytes=1 * MB, timeout=10)
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.reason == "response larger than 1 MB"
    assert elapsed < 5.0
    assert peak < 12 * MB, f"peak traced memory {peak / MB:.1f} MB"
    assert stats.sent < 20 * MB  # the client hung up long before the end
    assert not stats.finished


async def test_declared_content_length_too_big_is_refused_before_reading(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    # The body would take 50 s to arrive; refusing on the header is instant.
    stats = http_server.stream("/big", 50 * MB, chunk_size=MB, delay=1.0, declared_length=50 * MB)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"^response larger than 5 MB$"):
        await fetch(http_client, http_server.url("/big"), max_bytes=5 * MB, timeout=10)
    assert time.monotonic() - started < 0.9
    assert stats.sent <= MB


async def test_body_of_exactly_max_bytes_is_accepted(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    http_server.stream("/exact", 4096, chunk_size=1000)
    http_server.stream("/over", 4097, chunk_size=1000)
    result = await fetch(http_client, http_server.url("/exact"), max_bytes=4096, timeout=5)
    assert len(result.content) == 4096
    with pytest.raises(FetchError, match=r"larger than 4\.1 kB"):
        await fetch(http_client, http_server.url("/over"), max_bytes=4096, timeout=5)


async def test_connection_refused_is_a_short_fetch_error(http_client: httpx.AsyncClient) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError) as info:
        await fetch(http_client, f"http://127.0.0.1:{port}/feed", max_bytes=MB, timeout=5)
    assert info.value.reason.startswith("could not connect")
    assert "Traceback" not in info.value.reason
    assert len(info.value.reason) <= 150


async def test_bad_url_is_refused_without_a_request(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    with pytest.raises(FetchError, match=r"^not http\(s\)$"):
        await fetch(http_client, "ftp://127.0.0.1/feed", max_bytes=MB, timeout=5)
    assert http_server.requests == []


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("https://Example.COM", "https://example.com/"),
        ("  http://example.com:80/a?b=1#frag  ", "http://example.com/a?b=1"),
        ("https://example.com:443/", "https://example.com/"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("HTTP://bücher.example/ü", "http://xn--bcher-kva.example/%C3%BC"),
        ("http://[::1]:8080/feed", "http://[::1]:8080/feed"),
        ("https://example.com/a b", "https://example.com/a%20b"),
    ],
)
def test_check_url_normalises(url: str, normal: str) -> None:
    assert check_url(url) == normal
    assert check_url(normal) == normal


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "empty URL"),
        ("example.com/feed", "not http(s)"),
        ("ftp://example.com/", "not http(s)"),
        ("javascript:alert(1)", "not http(s)"),
        ("file:///etc/passwd", "not http(s)"),
        ("http://", "URL has no host"),
        ("http:///path", "URL has no host"),
        ("http://user:secret@example.com/", "credentials in URLs are not allowed"),
        ("http://token@example.com/", "credentials in URLs are not allowed"),
        ("http://example.com:99999/", "invalid URL"),
        ("http://[::1/", "invalid URL"),
        ("http://exa\nmple.com/", "URL contains control characters"),
    ],
)
def test_check_url_refuses(url: str, reason: str) -> None:
    with pytest.raises(FetchError) as info:
        check_url(url)
    assert info.value.reason == reason


# Pieces of URLs, so that many generated strings get deep into the parser
# (hosts with IDN and odd characters, ports, userinfo, paths, queries).
_host_chars = st.text(
    st.sampled_from(list("abcxyz019-._~%[]:@ üß\u0130\u200b\uff0e\ufffd\x00\t/\\#?")), max_size=20
)
URLISH = st.builds(
    lambda scheme, sep, userinfo, host, port, path, query: (
        f"{scheme}{sep}{userinfo}{host}{port}{path}{query}"
    ),
    st.sampled_from(["http", "https", "HTTP", "hTtPs", "ftp", "file", "javascript", ""]),
    st.sampled_from(["://", ":", ":/", ":///", "//"]),
    st.sampled_from(["", "", "user@", "user:pw@", "@", ":@"]),
    st.one_of(
        _host_chars, st.sampled_from(["example.com", "[::1]", "127.0.0.1", "xn--bcher-kva.de"])
    ),
    st.one_of(st.just(""), st.builds(lambda p: f":{p}", st.text("0123456789x-", max_size=7))),
    st.text(max_size=15).map(lambda t: "/" + t),
    st.one_of(st.just(""), st.text(max_size=10).map(lambda t: "?" + t)),
)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(), URLISH))
def test_check_url_raises_only_fetch_error(url: str) -> None:
    try:
        normal = check_url(url)
    except FetchError as exc:
        assert exc.reason
        return
    assert normal.startswith(("http://", "https://"))
    assert check_url(normal) == normal


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (5_000_000, "5 MB"),
        (1_000_000, "1 MB"),
        (1_048_576, "1.05 MB"),
        (2048, "2.05 kB"),
        (10, "10 bytes"),
    ],
)
def test_human_size(n: int, text: str) -> None:
    assert human_size(n) == text
