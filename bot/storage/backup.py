"""`newsbrief backup PATH`: a consistent copy of the live database.

SQLite's online backup API (``sqlite3.Connection.backup``) copies the pages
as of one read transaction. In WAL mode a reader never blocks the bot's
writers, so the copy is taken in a single step (``pages=-1``): a stepwise
backup restarts whenever another connection writes between steps, and during
a broadcast that is every few milliseconds. Copying the file instead would
miss what is still in the -wal file, or catch a checkpoint halfway.

The copy is written next to PATH with mode 0600 (it holds subscribers' chat
ids), switched to a single self-contained file (journal_mode DELETE, no -wal
beside it), checked, and only then renamed over PATH, so PATH is always
either the previous backup or a complete new one.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.storage.db import private_side_files


class BackupError(RuntimeError):
    """The backup could not be written; the message is one line for the operator."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    articles: int
    deliveries: int


def backup(source: Path, target: Path) -> BackupResult:
    """Copy the database at source to target (mode 0600) while others may write to it."""
    if not source.is_file():
        raise BackupError(f"no database at {source}")
    if target.resolve() == source.resolve():
        raise BackupError("the backup path is the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    # Created by us with 0600 before SQLite opens it: never readable by others, even briefly.
    os.close(os.open(partial, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        src = sqlite3.connect(source, timeout=30)
        try:
            # Opening a WAL database creates its -wal/-shm with the umask when the
            # bot is not running: they hold the same data, so keep them as private.
            src.execute("PRAGMA schema_version").fetchone()
            private_side_files(source)
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)  # pages=-1: one step, one consistent snapshot
                dst.execute("PRAGMA journal_mode = DELETE")
                check = dst.execute("PRAGMA quick_check").fetchone()
                if check is None or check[0] != "ok":
                    raise BackupError(f"the copy failed its check: {check}")
                articles = dst.execute("SELECT count(*) FROM articles").fetchone()[0]
                deliveries = dst.execute("SELECT count(*) FROM deliveries").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
        os.chmod(partial, 0o600)
        os.replace(partial, target)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"backup failed: {exc}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupResult(target, target.stat().st_size, int(articles), int(deliveries))
