"""Issue 9, rows 8 and 9: /forget leaves no bytes behind; storage failures are one clear line."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_telegram import FakeTelegram
from harness import BotHarness
from test_cli import DATA, newsbrief
from test_run import start_bot

from bot.storage import open_database
from bot.storage.articles import ArticleDraft, add_article
from bot.storage.errors import describe

CHAT = 987_654_321_987  # needs six bytes: its encodings are distinctive in a file
KEYWORD = "quuxwobbleflarn"


def sqlite_varint(value: int) -> bytes:
    """SQLite's big-endian base-128 varint (rowids and cell headers use it)."""
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def traces(db_path: Path) -> list[str]:
    """What of the forgotten chat is still in the database, -wal or -shm file."""
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*") if p.is_file())
    found = []
    for label, needle in (
        ("keyword", KEYWORD.encode()),
        ("chat id (record)", CHAT.to_bytes(6, "big")),
        ("chat id (rowid varint)", sqlite_varint(CHAT)),
    ):
        if needle in raw:
            found.append(label)
    return found


async def test_forget_leaves_no_trace_in_any_file(bot: BotHarness) -> None:
    await bot.ask(f"/subscribe {KEYWORD} rail", user_id=CHAT)
    await bot.ask("/digest 08:00", user_id=CHAT)
    # A matching article queues a delivery row for the chat, too.
    result = await add_article(
        bot.services.db,
        ArticleDraft(title="Rail affair", body="All about the rail line."),
        ["brief"],
    )
    assert result.deliveries == 1
    # The test can see what it looks for: all of it is on disk now.
    assert len(traces(bot.settings.db_path)) == 3
    (question,) = await bot.ask("/forget", user_id=CHAT)
    await bot.press("forget:yes", message=question, user_id=CHAT)
    # While the bot runs, straight from the files on disk.
    assert traces(bot.settings.db_path) == []


async def test_every_connection_uses_secure_delete(tmp_path: Path) -> None:
    db = await open_database(tmp_path / "s.db", readers=2)
    try:
        async with db.conn.execute("PRAGMA secure_delete") as cursor:
            assert (await cursor.fetchone())[0] == 1  # type: ignore[index]
        for _ in range(2):
            async with db.reading() as conn, conn.execute("PRAGMA secure_delete") as cursor:
                assert (await cursor.fetchone())[0] == 1  # type: ignore[index]
    finally:
        await db.close()


# --- clear failures -----------------------------------------------------------------------


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    stderr = result.stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert result.returncode != 0, stderr
    assert "Traceback" not in stderr
    assert len(lines) == 1, stderr
    assert lines[0].startswith("newsbrief: error: ")
    return lines[0]


@pytest.fixture(scope="module")
def filled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the sample articles, made once by `newsbrief ingest`."""
    folder = tmp_path_factory.mktemp("filled")
    result = newsbrief("--db", "news.db", "ingest", str(DATA), "--workers", "1", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "news.db"


def copy_db(filled_db: Path, folder: Path) -> Path:
    target = folder / "news.db"
    shutil.copy(filled_db, target)
    return target


@pytest.mark.e2e  # `python -m bot`
def test_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "news.db").write_text("these are my notes, not a database\n" * 200)
    line = one_error_line(newsbrief("--db", "news.db", "stats", cwd=tmp_path))
    assert "is not a newsbrief database" in line


@pytest.mark.e2e  # `python -m bot`
def test_corrupt_database(filled_db: Path, tmp_path: Path) -> None:
    path = copy_db(filled_db, tmp_path)
    page = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as f:  # scribble over every page but the first
        size = path.stat().st_size
        for offset in range(page, size, page):
            f.seek(offset)
            f.write(b"\xde\xad\xbe\xef" * (page // 8))
    line = one_error_line(newsbrief("--db", "news.db", "stats", cwd=tmp_path))
    assert "is damaged" in line and "backup" in line


def unprivileged() -> tuple[str, ...]:
    """Root ignores file modes: a prefix that drops the capabilities that let it (or skip)."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot test a read-only folder")
    return ("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--")


def run_unprivileged(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return newsbrief(*args, cwd=folder, prefix=unprivileged())


@pytest.fixture
def read_only_folder(filled_db: Path, tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = copy_db(filled_db, folder)
    path.chmod(0o400)
    folder.chmod(0o500)
    try:
        yield folder
    finally:
        folder.chmod(0o700)
        path.chmod(0o600)


@pytest.mark.e2e  # `python -m bot`
def test_read_only_folder_reads_work_and_writes_say_why(read_only_folder: Path) -> None:
    db = str(read_only_folder / "news.db")
    stats = run_unprivileged(read_only_folder, "--db", db, "stats")
    assert stats.returncode == 0, stats.stderr
    assert "articles:" in stats.stdout
    found = run_unprivileged(read_only_folder, "--db", db, "search", "rail")
    assert found.returncode == 0, found.stderr
    assert "#" in found.stdout
    feeds = run_unprivileged(read_only_folder, "--db", db, "feeds", "list")
    assert feeds.returncode == 0, feeds.stderr
    write = run_unprivileged(read_only_folder, "--db", db, "deliveries", "retry-failed")
    line = one_error_line(write)
    assert "cannot write" in line and "write access" in line
    assert not list(read_only_folder.glob("news.db-*"))  # nothing was created there


@pytest.mark.e2e  # `python -m bot`
def test_missing_folder_cannot_be_created(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        result = run_unprivileged(tmp_path, "--db", str(locked / "sub" / "news.db"), "stats")
        line = one_error_line(result)
        assert "cannot write" in line and "permission denied" in line
    finally:
        locked.chmod(stat.S_IRWXU)


async def test_full_disk_is_one_line(tmp_path: Path) -> None:
    """A real SQLITE_FULL (max_page_count stands in for a full disk) becomes one clear line."""
    path = tmp_path / "full.db"
    db = await open_database(path)
    try:
        await db.conn.execute("PRAGMA max_page_count = 40")
        with pytest.raises(sqlite3.OperationalError) as caught:
            for n in range(200):
                draft = ArticleDraft(title=f"Article {n}", body=f"Body {n} " + "words " * 400)
                await add_article(db, draft, ["brief"])
    finally:
        await db.close()
    message = describe(caught.value, path)
    assert message is not None and "is full" in message and "\n" not in message


async def test_run_with_a_broken_database_is_one_line(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    (tmp_path / "bot.db").write_text("not a database\n" * 300)
    process = await start_bot(fake_telegram, tmp_path, NEWSBRIEF_LOG_LEVEL="INFO")
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    log = stderr.decode()
    assert process.returncode != 0
    assert "Traceback" not in log
    assert "newsbrief: error: " in log and "is not a newsbrief database" in log
