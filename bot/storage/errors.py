"""Storage failures, and what to tell an operator about SQLite's own errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StorageError(RuntimeError):
    """The database cannot be used as it is; the message says why and what to do."""


class SchemaTooNewError(StorageError):
    """The file was written by a newer newsbrief; refusing beats corrupting it."""


# SQLite's primary result codes for a database that cannot be written here.
_CANNOT_WRITE = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM}


def describe(exc: BaseException, path: Path) -> str | None:
    """One line saying what is wrong with the database and what to do, or None if not ours."""
    if isinstance(exc, StorageError):
        return str(exc)
    if isinstance(exc, OSError):
        name = str(exc.filename or "")
        # The database, its -wal/-shm files, or a folder it would be created in.
        if not name or not (name.startswith(str(path)) or str(path).startswith(name)):
            return None  # some other file: not a storage failure
        reason = (exc.strerror or type(exc).__name__).lower()
        if isinstance(exc, PermissionError):
            return _cannot_write_message(path, reason)
        return (
            f"cannot open the database {path}: {reason}; check that its folder "
            "exists and that this user may write there (or set NEWSBRIEF_DB)"
        )
    if not isinstance(exc, sqlite3.Error):
        return None
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code == sqlite3.SQLITE_NOTADB:
        return (
            f"{path} is not a newsbrief database (not SQLite, or encrypted); "
            "point NEWSBRIEF_DB at the right file or move this one away"
        )
    if code == sqlite3.SQLITE_CORRUPT:
        return (
            f"the database {path} is damaged; restore it from a backup, or "
            f"rescue what is left with: sqlite3 {path} .recover | sqlite3 new.db"
        )
    if code == sqlite3.SQLITE_FULL:
        return f"the disk holding {path} is full; free some space and try again (nothing was lost)"
    if code in _CANNOT_WRITE:
        return _cannot_write_message(path, "read-only")
    if code == sqlite3.SQLITE_BUSY:
        return f"the database {path} is locked by another program; try again when it is done"
    if code == sqlite3.SQLITE_IOERR:
        return f"the disk failed reading or writing {path}: {exc}; check the disk"
    return f"the database {path} failed: {exc}"


def _cannot_write_message(path: Path, reason: str) -> str:
    return (
        f"cannot write the database {path} or its folder ({reason}); give this user "
        "write access to both (stats, search and feeds list also work read-only)"
    )


def cannot_write(exc: BaseException) -> bool:
    if isinstance(exc, PermissionError):
        return True
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    return code in _CANNOT_WRITE
