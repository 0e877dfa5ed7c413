"""No internal fetches (issue 9, row 1): the client refuses loopback, private, link-local,
multicast, reserved and unspecified addresses in every spelling, at every redirect hop, and
connects to the address it checked.

Everything runs against real servers on several loopback addresses. Where a test needs a
"public" server, a policy treats 127.0.0.2 as public (the one address the tests may reach
that stands in for the internet); a stub resolver plays DNS for names like news.example.
"""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import httpx
import pytest
from http_server import LocalHTTPServer
from test_feed_poller import ARTICLE_HTML, RSS

from bot.config import load_settings
from bot.pipeline import Briefer
from bot.sources.client import IPAddress, make_client, numeric_host, refusal
from bot.sources.fetch import AddressRefusedError, FetchError, fetch
from bot.sources.poller import poll_feed
from bot.storage import feeds as store
from bot.storage import open_database

PUBLIC_STAND_IN = ipaddress.ip_address("127.0.0.2")


def public_stand_in(address: IPAddress) -> str | None:
    """The real policy, except that 127.0.0.2 plays a public web server."""
    return None if address == PUBLIC_STAND_IN else refusal(address)


class StubDNS:
    """A resolver hook: each name answers from its list in turn (the last answer repeats)."""

    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    async def __call__(self, host: str, port: int) -> Sequence[str]:
        self.asked.append(host)
        queue = self.answers[host]
        return [queue.pop(0) if len(queue) > 1 else queue[0]]


@pytest.fixture
async def public_server() -> AsyncIterator[LocalHTTPServer]:
    server = LocalHTTPServer(host="127.0.0.2")
    await server.start()
    try:
        yield server
    finally:
        await server.close()


async def get(client: httpx.AsyncClient, url: str) -> bytes:
    return (await fetch(client, url, max_bytes=100_000, timeout=3)).content


# --- the policy ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.0.0.2", "loopback"),
        ("127.1", "loopback"),
        ("2130706433", "loopback"),
        ("0x7f000001", "loopback"),
        ("0x7f.0.0.1", "loopback"),
        ("017700000001", "loopback"),
        ("::1", "loopback"),
        ("[::1]", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:7f00:1", "loopback"),
        ("64:ff9b::7f00:1", "loopback"),  # NAT64
        ("2002:7f00:1::", "loopback"),  # 6to4
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("0xa000001", "private"),
        ("167772161", "private"),
        ("::ffff:10.0.0.1", "private"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("::ffff:169.254.169.254", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("0.0.0.0", "unspecified"),
        ("0", "unspecified"),
        ("::", "unspecified"),
        ("100.64.0.1", "not public"),
    ],
)
def test_every_spelling_of_an_internal_address_is_refused(host: str, kind: str) -> None:
    address = numeric_host(host)
    assert address is not None
    assert refusal(address) == kind


@pytest.mark.parametrize("host", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_pass(host: str) -> None:
    address = numeric_host(host)
    assert address is not None and refusal(address) is None
    assert refusal(ipaddress.ip_address("64:ff9b::5db8:d70e")) is None  # NAT64 of a public one


@pytest.mark.parametrize("host", ["example.org", "0x.example", "1.2.3.4.5", "deadbeef.de"])
def test_names_are_not_mistaken_for_numbers(host: str) -> None:
    assert numeric_host(host) is None


def test_allow_private_admits_intranets_but_not_link_local_or_multicast() -> None:
    for host in ("127.0.0.1", "10.1.2.3", "::1", "fd00::5", "100.64.0.1"):
        assert refusal(ipaddress.ip_address(host), allow_private=True) is None
    for host in ("169.254.169.254", "224.0.0.1", "0.0.0.0", "240.0.0.1"):
        assert refusal(ipaddress.ip_address(host), allow_private=True) is not None


# --- fetching ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.0.0.3", "loopback"),
        ("127.1", "loopback"),
        ("2130706433", "loopback"),
        ("0x7f000001", "loopback"),
        ("017700000001", "loopback"),
        ("[::1]", "loopback"),
        ("[::ffff:127.0.0.1]", "loopback"),
        ("localhost", "loopback"),
        ("10.0.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("[fe80::1]", "link-local"),
        ("0", "unspecified"),
        ("[::]", "unspecified"),
    ],
)
async def test_fetching_an_internal_address_is_refused_before_connecting(
    http_server: LocalHTTPServer, host: str, kind: str
) -> None:
    http_server.route("/admin/secret", "the admin password is hunter2")
    async with make_client(user_agent="t/1", timeout=3) as client:
        with pytest.raises(AddressRefusedError) as caught:
            await get(client, f"http://{host}:{http_server.port}/admin/secret")
    assert caught.value.reason == f"refused: address is {kind}"
    assert isinstance(caught.value, FetchError)  # callers that catch FetchError still do
    assert http_server.requests == []


async def test_allow_private_fetches_from_loopback(http_server: LocalHTTPServer) -> None:
    http_server.route("/intranet.xml", "<rss/>")
    url = http_server.url("/intranet.xml")
    async with make_client(user_agent="t/1", timeout=3, allow_private=True) as client:
        assert await get(client, url) == b"<rss/>"
    async with make_client(user_agent="t/1", timeout=3) as client:
        with pytest.raises(AddressRefusedError):
            await get(client, url)
    assert len(http_server.requests) == 1


async def test_a_name_that_also_resolves_inward_is_refused(
    public_server: LocalHTTPServer,
) -> None:
    dns = StubDNS({"news.example": ["127.0.0.2"], "mixed.example": ["127.0.0.2"]})

    async def both(host: str, port: int) -> Sequence[str]:
        return ["127.0.0.2", "10.0.0.7"] if host == "mixed.example" else await dns(host, port)

    public_server.route("/", "hello")
    async with make_client(
        user_agent="t/1", timeout=3, resolver=both, policy=public_stand_in
    ) as client:
        assert await get(client, f"http://news.example:{public_server.port}/") == b"hello"
        with pytest.raises(AddressRefusedError, match="address is private"):
            await get(client, f"http://mixed.example:{public_server.port}/")


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://127.0.0.1:{port}/admin/secret", "loopback"),
        ("http://0x7f000001:{port}/admin/secret", "loopback"),
        ("http://[::ffff:7f00:1]:{port}/admin/secret", "loopback"),
        ("http://intranet.example:{port}/admin/secret", "private"),
    ],
)
async def test_a_redirect_into_the_internal_network_is_refused_at_the_hop(
    public_server: LocalHTTPServer, http_server: LocalHTTPServer, target: str, kind: str
) -> None:
    http_server.route("/admin/secret", "the admin password is hunter2")
    public_server.redirect("/story", target.format(port=http_server.port))
    dns = StubDNS({"intranet.example": ["10.20.30.40"]})
    async with make_client(
        user_agent="t/1", timeout=3, resolver=dns, policy=public_stand_in
    ) as client:
        with pytest.raises(AddressRefusedError) as caught:
            await get(client, public_server.url("/story"))
    assert caught.value.reason == f"bad redirect: refused: address is {kind}"
    assert len(public_server.requests) == 1
    assert http_server.requests == []


async def test_link_local_stays_refused_at_a_hop_even_when_private_is_allowed(
    http_server: LocalHTTPServer,
) -> None:
    http_server.redirect("/story", "http://169.254.169.254/latest/meta-data/")
    async with make_client(user_agent="t/1", timeout=3, allow_private=True) as client:
        with pytest.raises(
            AddressRefusedError, match="bad redirect: refused: address is link-local"
        ):
            await get(client, http_server.url("/story"))


async def test_dns_rebinding_connects_to_the_checked_address() -> None:
    """news.example answers 127.0.0.2 ("public") first and 127.0.0.3 (internal) after that:
    the one connection goes where the check said, and the next one is refused."""
    public = LocalHTTPServer(host="127.0.0.2")
    await public.start()
    internal = LocalHTTPServer(host="127.0.0.3")
    await internal.start(port=public.port)  # same port: only the DNS answer differs
    try:
        public.route("/page", "public page")
        internal.route("/page", "internal secret")
        dns = StubDNS({"news.example": ["127.0.0.2", "127.0.0.3"]})
        url = f"http://news.example:{public.port}/page"
        async with make_client(
            user_agent="t/1", timeout=3, resolver=dns, policy=public_stand_in
        ) as client:
            assert await get(client, url) == b"public page"
        assert dns.asked == ["news.example"]  # resolved once, for check and connect alike
        assert public.last_request.headers["Host"] == f"news.example:{public.port}"
        async with make_client(
            user_agent="t/1", timeout=3, resolver=dns, policy=public_stand_in
        ) as client:
            with pytest.raises(AddressRefusedError, match="address is loopback"):
                await get(client, url)
        assert internal.requests == []
    finally:
        await internal.close()
        await public.close()


# --- feeds --------------------------------------------------------------------------------------

FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>{base}/</link>
<item><title>Council approves the harbour budget</title><link>{secret}</link>
<guid>entry-1</guid><description>Read more…</description></item>
</channel></rss>"""


async def test_a_feed_entry_linking_to_a_loopback_page_is_refused_and_nothing_stored(
    public_server: LocalHTTPServer, http_server: LocalHTTPServer, tmp_path: Path
) -> None:
    http_server.route("/admin/secret", ARTICLE_HTML)  # an article, so it would brief well
    secret = http_server.url("/admin/secret")
    public_server.route(
        "/rss.xml", FEED.format(base=public_server.base_url, secret=secret), content_type=RSS
    )
    settings = load_settings({"NEWSBRIEF_FETCH_TIMEOUT": "2"})
    assert settings.fetch_allow_private is False
    db = await open_database(tmp_path / "feeds.db")
    briefer = Briefer(language="english", sentences=3, summarizer="lexrank")
    try:
        feed, _ = await store.add_feed(db, public_server.url("/rss.xml"), None, None)
        async with make_client(user_agent="t/1", timeout=2, policy=public_stand_in) as client:
            result = await poll_feed(db, client, briefer, settings, feed)
            # Seen, so the next poll does not try again.
            again = await poll_feed(db, client, briefer, settings, feed)
        assert again.skipped == 1
        assert (result.error, result.added) == (None, 0)
        assert result.entry_errors == [
            "Council approves the harbour budget: link refused: address is loopback"
        ]
        async with db.conn.execute("SELECT COUNT(*) FROM articles") as cursor:
            assert tuple(await cursor.fetchone() or ()) == (0,)
        assert http_server.requests == []
    finally:
        briefer.close()
        await db.close()


def test_allow_private_setting() -> None:
    assert load_settings({}).fetch_allow_private is False
    assert load_settings({"NEWSBRIEF_FETCH_ALLOW_PRIVATE": "1"}).fetch_allow_private is True
    assert load_settings({"NEWSBRIEF_FETCH_ALLOW_PRIVATE": "0"}).fetch_allow_private is False
