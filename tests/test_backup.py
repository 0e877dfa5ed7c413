"""`newsbrief backup`: a consistent copy taken while the bot writes, then restored."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from fake_telegram import FakeTelegram
from harness import running_bot

from bot.cli import main
from bot.delivery import running_worker
from bot.storage import subscriptions as subs
from bot.storage.articles import ArticleDraft, add_articles
from bot.storage.backup import BackupError, BackupResult, backup
from bot.storage.db import open_database

CHATS = list(range(8000, 8020))


def check_restored(path: Path) -> tuple[int, int]:
    """What an operator checks after restoring: integrity, the FTS index, row counts."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # Raises sqlite3.DatabaseError if the index and the articles disagree.
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        rows = conn.execute("SELECT count(*) FROM deliveries").fetchone()[0]
        # Each article is stored in one transaction with its outbox rows: a consistent
        # copy has every article's rows, or neither.
        assert rows == articles * len(CHATS)
        last = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
        found = conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (f'"story {last}"',)
        ).fetchall()
        assert (last,) in found
        return articles, rows
    finally:
        conn.close()


async def test_backup_while_a_broadcast_writes_restores_consistently(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    env = {"NEWSBRIEF_SEND_RATE": "300", "NEWSBRIEF_CHAT_RATE": "50"}
    async with running_bot(fake_telegram, tmp_path / "bot.db", env) as h:
        db = h.services.db
        for chat in CHATS:
            await subs.subscribe(db, chat, "private", [])
        worker = running_worker(h.app)
        assert worker is not None
        stop = asyncio.Event()
        stored = 0

        async def writer() -> None:
            # New articles keep arriving, each queued to every chat; the worker sends them.
            nonlocal stored
            while not stop.is_set():
                draft = ArticleDraft(
                    title=f"Story {stored + 1}", body=f"Story {stored + 1} body. " * 30
                )
                await add_articles(db, [(draft, ["Brief."])])
                stored += 1
                worker.wake()
                await asyncio.sleep(0.005)

        task = asyncio.create_task(writer())
        counts = []
        try:
            while stored < 5:
                await asyncio.sleep(0.01)
            for n in range(3):
                target = tmp_path / "backups" / f"copy{n}.db"
                result = await asyncio.to_thread(backup, db.path, target)
                # Restored and checked while the bot keeps writing and sending.
                counts.append(await restore_and_check(result, tmp_path / "restore"))
                assert not task.done()
        finally:
            stop.set()
            await task
        assert len(h.fake.sent()) > 0  # the broadcast was really going on
    assert counts == sorted(counts) and counts[0][0] >= 5 and counts[-1][0] <= stored


async def restore_and_check(result: BackupResult, folder: Path) -> tuple[int, int]:
    assert os.stat(result.path).st_mode & 0o777 == 0o600
    assert not Path(f"{result.path}-wal").exists()  # one self-contained file
    # The documented restore: old side files away, the copy into place as the database.
    restored = folder / "newsbrief.db"
    folder.mkdir(exist_ok=True)
    for side in ("", "-wal", "-shm"):
        Path(f"{restored}{side}").unlink(missing_ok=True)
    shutil.copy(result.path, restored)
    counts = await asyncio.to_thread(check_restored, restored)
    assert counts == (result.articles, result.deliveries)
    reopened = await open_database(restored)  # migrations and all, as the bot would
    await reopened.close()
    return counts


def test_backup_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bot.db"
    assert main(["--db", str(path), "ingest", str(Path(__file__).parents[1] / "data")]) == 0
    target = tmp_path / "b" / "copy.db"
    target.parent.mkdir()
    target.write_text("an older backup")
    os.chmod(target, 0o644)
    assert main(["--db", str(path), "backup", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"backup written to {target}" in out and "24 articles" in out
    assert os.stat(target).st_mode & 0o777 == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["copy.db"]
    assert main(["--db", str(target), "search", "flood"]) == 0
    assert "#" in capsys.readouterr().out
    with pytest.raises(BackupError):
        backup(tmp_path / "missing.db", tmp_path / "x.db")
    assert main(["--db", str(path), "backup", str(path)]) == 1
