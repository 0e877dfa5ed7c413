"""OPML import and export: parsing that refuses hostile files, the round trip, the CLI,
and /export and /import on the fake Bot API (sendDocument, getFile and the file download).

Feed addresses in end-to-end tests are on the local HTTP server (loopback, allowed with
NEWSBRIEF_FETCH_ALLOW_PRIVATE=1), so the poller that an import wakes never leaves 127.0.0.1.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fake_telegram import FakeTelegram
from harness import ADMIN_ID, USER_ID, BotHarness, running_bot
from http_server import LocalHTTPServer

from bot.sources import opml
from bot.storage import feeds as store
from bot.storage.db import Database, open_database

ROOT = Path(__file__).resolve().parents[1]


def document(outlines: str, head: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{head}\n<opml version="2.0">'
        f"<head><title>Mine</title></head><body>{outlines}</body></opml>"
    ).encode()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b']>\n<opml version="2.0"><body><outline text="&lol9;" xmlUrl="https://a.example/x"/>'
    b"</body></opml>"
)
EXTERNAL = (
    b'<?xml version="1.0"?>\n<!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<opml version="2.0"><body><outline text="&xxe;" xmlUrl="https://a.example/x"/>'
    b"</body></opml>"
)


# ---- parsing ---------------------------------------------------------------------------------


def test_categories_are_flattened_and_labels_kept() -> None:
    data = document(
        '<outline text="News"><outline text="Europe">'
        '<outline type="rss" text="Tide" title="The Tide" xmlUrl="https://tide.example/rss"'
        ' language="de-DE"/></outline>'
        '<outline type="rss" text="  Gazette\n weekly " xmlUrl=" https://gazette.example/atom "/>'
        "</outline>"
        '<outline text="no address, a category without children"/>'
    )
    assert opml.parse_opml(data) == [
        opml.OpmlFeed("https://tide.example/rss", "The Tide", "german"),
        opml.OpmlFeed("https://gazette.example/atom", "Gazette weekly", None),
    ]


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (BILLION_LAUGHS, "DTD or entities"),
        (EXTERNAL, "DTD or entities"),
        (b"<opml><body><outline", "not well-formed XML"),
        (b"<rss version='2.0'/>", "not OPML"),
        (b" " * (opml.MAX_OPML_BYTES + 1), "larger than"),
        (document("<x/>" * 2000).replace(b"x/", b"outline text='a'/"), ""),
    ],
)
def test_hostile_files_are_refused_whole(data: bytes, why: str) -> None:
    if not why:  # 2,000 empty outlines: fine, no feeds
        assert opml.parse_opml(data) == []
        return
    with pytest.raises(opml.OpmlError) as refused:
        opml.parse_opml(data)
    assert why in refused.value.reason


async def test_private_and_malformed_addresses_are_refused(db: Database) -> None:
    bad = [
        "http://127.0.0.1/feed",
        "http://10.1.2.3/rss",
        "http://192.168.0.1/rss",
        "http://[::1]/rss",
        "http://[fd00::1]/rss",
        "http://169.254.169.254/latest",
        "http://0x7f000001/rss",
        "http://localhost:8080/rss",
        "http://wiki.internal/rss",
        "http://printer.local/rss",
        "http://intranet/rss",
    ]
    malformed = ["ftp://files.example/feed", "https://user:pw@a.example/x", "not a url", "http://"]
    outlines = "".join(f'<outline type="rss" text="x" xmlUrl="{u}"/>' for u in bad + malformed)
    report = await opml.import_opml(
        db, document(outlines + '<outline xmlUrl="https://ok.example/rss"/>'), max_feeds=10
    )
    assert [f.url for f in report.added] == ["https://ok.example/rss"]
    reasons = {url: str(why) for url, why in report.refused}
    assert set(reasons) == set(bad + malformed)
    for url in bad:
        assert reasons[url].startswith("refused: address is"), (url, reasons[url])
    for url in malformed:
        assert reasons[url].startswith("malformed URL:"), (url, reasons[url])
    assert len(await store.list_feeds(db)) == 1


@pytest.mark.e2e  # a subprocess, or 10,000 feeds: seconds, not milliseconds
async def test_ten_thousand_feeds_stop_at_the_cap(db: Database) -> None:
    await store.add_feed(db, "https://feed7.example/rss", "Already", None)
    outlines = "".join(
        f'<outline type="rss" text="Feed {i}" xmlUrl="https://feed{i}.example/rss"/>'
        for i in range(10_000)
    )
    report = await opml.import_opml(db, document(outlines), max_feeds=100)
    assert len(report.added) == 99 and report.already == ["https://feed7.example/rss"]
    assert len(report.refused) == 10_000 - 100
    assert str(report.refused[0][1]) == "over the limit of 100 feeds"
    assert len(await store.list_feeds(db)) == 100


async def test_round_trip_keeps_labels_and_languages(db: Database, tmp_path: Path) -> None:
    await store.add_feed(db, "https://tide.example/rss", "The Tide", "german")
    await store.add_feed(db, "https://gazette.example/atom", None, None, "french")
    await store.add_feed(db, "https://herald.example/rss", "Herald & Co <1>", "english", "spanish")
    data, count = await opml.export_opml(db)
    assert count == 3 and b'language="de"' in data and b"Herald &amp; Co &lt;1&gt;" in data
    empty = await open_database(tmp_path / "empty.db")
    try:
        report = await opml.import_opml(empty, data, max_feeds=10)
        assert len(report.added) == 3 and not report.refused

        def shape(feeds: list[store.Feed]) -> list[tuple[object, ...]]:
            return [(f.url, f.label, f.language, f.language_override) for f in feeds]

        assert shape(await store.list_feeds(empty)) == shape(await store.list_feeds(db))
        again = await opml.import_opml(empty, data, max_feeds=10)
        assert not again.added and len(again.already) == 3
    finally:
        await empty.close()


@pytest.mark.e2e  # a subprocess, or 10,000 feeds: seconds, not milliseconds
def test_cli_export_then_import(tmp_path: Path) -> None:
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    source = tmp_path / "in.opml"
    source.write_bytes(
        document(
            '<outline text="Cat"><outline type="rss" text="Tide" xmlUrl="https://tide.example/rss"'
            ' language="de"/></outline><outline xmlUrl="http://10.0.0.1/rss" text="inside"/>'
        )
    )

    def newsbrief(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={"PATH": "/usr/bin:/bin", "PTB_TIMEDELTA": "true"},
            check=False,
        )

    imported = newsbrief("--db", str(first), "feeds", "import", str(source))
    assert imported.returncode == 0, imported.stderr
    assert "refused http://10.0.0.1/rss: refused: address is private" in imported.stdout
    assert imported.stdout.rstrip().endswith("added 1, already present 0, refused 1")
    exported = newsbrief("--db", str(first), "feeds", "export", str(tmp_path / "out.opml"))
    assert exported.returncode == 0, exported.stderr
    again = newsbrief("--db", str(second), "feeds", "import", str(tmp_path / "out.opml"))
    assert again.stdout.rstrip().endswith("added 1, already present 0, refused 0")
    listing = newsbrief("--db", str(second), "feeds", "export")
    assert 'text="Tide"' in listing.stdout and 'language="de"' in listing.stdout
    hostile = tmp_path / "lol.opml"
    hostile.write_bytes(BILLION_LAUGHS)
    refused = newsbrief("--db", str(second), "feeds", "import", str(hostile))
    assert refused.returncode == 1 and "DTD or entities" in refused.stderr


# ---- end to end ------------------------------------------------------------------------------


@pytest.fixture
async def bot(fake_telegram: FakeTelegram, tmp_path: Path) -> AsyncIterator[BotHarness]:
    env = {"NEWSBRIEF_FETCH_ALLOW_PRIVATE": "1", "NEWSBRIEF_MAX_FEEDS": "5"}
    async with running_bot(fake_telegram, tmp_path / "bot.db", env) as harness:
        yield harness


async def send_file(
    bot: BotHarness, data: bytes, *, caption: str = "/import", user_id: int = ADMIN_ID, **kw: int
) -> str:
    before = len(bot.fake.sent(user_id))
    bot.fake.queue_document(data, "feeds.opml", caption=caption, user_id=user_id, **kw)
    sent = await bot.fake.wait_for_sent(before + 1, chat_id=user_id, timeout=15)
    return "\n".join(m.plain_text for m in sent[before:])


async def test_export_and_import_in_chat(bot: BotHarness, http_server: LocalHTTPServer) -> None:
    (empty,) = await bot.ask("/export", user_id=ADMIN_ID)
    assert empty.plain_text == "No feeds yet. /addfeed <url> adds one."
    (usage,) = await bot.ask("/import", user_id=ADMIN_ID)
    assert "with the caption /import" in usage.plain_text

    local = [http_server.url(f"/feed{i}.xml") for i in range(3)]
    outlines = "".join(
        f'<outline type="rss" text="Local {i}" xmlUrl="{u}" language="fr"/>'
        for i, u in enumerate(local)
    )
    outlines += '<outline text="Deep"><outline xmlUrl="http://169.254.169.254/meta" text="m"/>'
    outlines += '<outline xmlUrl="gopher://old.example/feed" text="g"/></outline>'
    report = await send_file(bot, document(outlines))
    assert "Import done: 3 added, 0 already present, 2 refused." in report
    assert "Refused http://169.254.169.254/meta: refused: address is link-local" in report
    assert "Refused gopher://old.example/feed: malformed URL: not http(s)" in report

    # 10,000 feeds: the cap (5) stops them, the reply stays short.
    many = "".join(
        f'<outline type="rss" text="F{i}" xmlUrl="{http_server.url(f"/many{i}.xml")}"/>'
        for i in range(10_000)
    )
    big = await send_file(bot, document(many))
    assert "Import done: 2 added, 0 already present, 9,998 refused." in big
    assert "over the limit of 5 feeds" in big and "…and 9,978 more refused." in big

    # Hostile files are refused whole; a 10 MB file is not even downloaded.
    assert "Not imported: the file declares a DTD" in await send_file(bot, BILLION_LAUGHS)
    assert "Not imported: the file declares a DTD" in await send_file(bot, EXTERNAL)
    downloads = len(bot.fake.calls("getFile"))
    huge = await send_file(bot, b"<opml>" + b" " * (10 * 1024 * 1024) + b"</opml>")
    assert "Not imported: the file is larger than 2,000,000 bytes." in huge
    assert len(bot.fake.calls("getFile")) == downloads

    # Only admins.
    refused = await send_file(bot, document(outlines), user_id=USER_ID)
    assert refused == "This command is for the bot's admins."

    # /export sends the list back as a file, which imports into an empty database.
    before = len(bot.fake.documents)
    (sent,) = await bot.ask("/export", user_id=ADMIN_ID)
    assert sent.method == "sendDocument" and "5 feeds" in sent.plain_text
    exported = bot.fake.documents[before]
    assert exported.file_name == "newsbrief-feeds.opml"
    assert exported.data.count(b"<outline ") == 5 and b'language="fr"' in exported.data
    fresh = await open_database(":memory:")
    try:
        again = await opml.import_opml(fresh, exported.data, max_feeds=10, allow_private=True)
        assert [(f.url, f.label, f.language) for f in again.added] == [
            (f.url, f.label, f.language) for f in await store.list_feeds(bot.services.db)
        ]
    finally:
        await fresh.close()


async def test_add_feed_honours_the_cap(db: Database) -> None:
    """NEWSBRIEF_MAX_FEEDS also bounds /addfeed and `feeds add` (store.add_feed's max_feeds)."""
    await store.add_feed(db, "https://one.example/rss", None, None, max_feeds=1)
    again, created = await store.add_feed(db, "https://one.example/rss", None, None, max_feeds=1)
    assert not created and again.url == "https://one.example/rss"  # already there: no refusal
    with pytest.raises(store.TooManyFeedsError):
        await store.add_feed(db, "https://two.example/rss", None, None, max_feeds=1)
    assert len(await store.list_feeds(db)) == 1
