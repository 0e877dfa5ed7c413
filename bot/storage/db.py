"""The database: opening it safely and migrating its schema forward.

Each migration is a named step run in one transaction together with the bump
of ``PRAGMA user_version``, so a crash mid-migration leaves the previous
version intact rather than half a schema.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

import aiosqlite

from bot.storage.errors import SchemaTooNewError, StorageError, cannot_write
from bot.storage.schema import MIGRATIONS, SCHEMA_VERSION, statements

log = logging.getLogger(__name__)

T = TypeVar("T")


# The progress handler runs every this many SQLite VM steps (a few hundred
# microseconds): often enough to stop a runaway query promptly, rarely enough
# to cost nothing measurable.
PROGRESS_STEPS = 10_000


class _Budget:
    """A deadline for the statement running on one connection, read by SQLite's progress handler.

    The handler runs on the connection's thread; a float assignment is atomic,
    so no lock is needed.
    """

    def __init__(self) -> None:
        self.deadline: float | None = None

    def expired(self) -> bool:
        # A true return makes SQLite interrupt the statement ("interrupted").
        return self.deadline is not None and time.monotonic() > self.deadline


async def _with_budget(conn: aiosqlite.Connection) -> _Budget:
    budget = _Budget()
    await conn.set_progress_handler(budget.expired, PROGRESS_STEPS)
    return budget


def is_interrupted(exc: BaseException) -> bool:
    """Whether an error is SQLite giving up on a statement whose time budget ran out."""
    return isinstance(exc, sqlite3.OperationalError) and "interrupt" in str(exc)


def utcnow() -> str:
    """Timestamps are ISO 8601 UTC strings of one fixed format, so they sort as text."""
    return format_ts(datetime.now(UTC))


def format_ts(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class Database:
    """One aiosqlite connection for writes plus the lock that keeps its transactions apart,
    and optionally a small pool of read-only connections for slow reads.

    Handlers run concurrently on one connection; without the lock, one
    coroutine's statements could land inside another's open transaction.
    Searches and listings run on the read pool instead (WAL lets readers run
    beside the writer), so one slow read does not queue every other chat's
    database work behind it.
    """

    def __init__(
        self,
        conn: aiosqlite.Connection,
        path: Path,
        *,
        read_only: bool = False,
        story_window_hours: float = 24.0,
    ) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only
        # How long a story stays open after its latest report (storage/stories.py).
        self.story_window_hours = story_window_hours
        self._lock = asyncio.Lock()
        self._budgets: dict[int, _Budget] = {}
        self._readers: list[aiosqlite.Connection] = []
        self._idle: asyncio.Queue[aiosqlite.Connection] = asyncio.Queue()

    @asynccontextmanager
    async def reading(self, budget: float | None = None) -> AsyncIterator[aiosqlite.Connection]:
        """A connection for reads: one of the pool (waiting for a free one), else the main one.

        With budget (seconds), a statement still running when it is spent is
        interrupted: sqlite3.OperationalError, see is_interrupted().
        """
        conn = await self._idle.get() if self._readers else self.conn
        limit = self._budgets.get(id(conn))
        try:
            if limit is not None and budget is not None:
                limit.deadline = time.monotonic() + budget
            yield conn
        finally:
            if limit is not None:
                limit.deadline = None
            if self._readers:
                self._idle.put_nowait(conn)

    async def checkpoint(self) -> None:
        """Copy the WAL into the database and truncate it to zero bytes.

        After /forget, the deleted rows' old pages would otherwise stay in the
        -wal file until the next automatic checkpoint reuses it.
        """
        async with self._lock:
            await self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def ping(self) -> None:
        """Ask the main connection for a trivial answer: raises if the database does not answer."""
        await self.conn.execute_fetchall("SELECT 1")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any exception."""
        async with self._lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                await self.conn.rollback()
                raise
            else:
                await self.conn.commit()

    async def close(self) -> None:
        for reader in self._readers:
            await reader.close()
        self._readers.clear()
        await self.conn.close()

    async def _open_readers(self, count: int) -> None:
        for _ in range(count):
            reader = await aiosqlite.connect(self.path, isolation_level=None)
            self._readers.append(reader)
            reader.row_factory = aiosqlite.Row
            await _configure(reader)
            await reader.execute("PRAGMA query_only = ON")
            self._budgets[id(reader)] = await _with_budget(reader)
            self._idle.put_nowait(reader)


async def _configure(conn: aiosqlite.Connection) -> None:
    await conn.execute("PRAGMA busy_timeout = 5000")
    # Deleted rows are overwritten with zeros, not just unlinked: /forget must
    # leave nothing a copy of the file could reveal.
    await conn.execute("PRAGMA secure_delete = ON")
    await conn.execute("PRAGMA foreign_keys = ON")


async def open_database(
    path: str | os.PathLike[str],
    *,
    readers: int = 0,
    read_only: bool = False,
    story_window_hours: float = 24.0,
) -> Database:
    """Open (creating with mode 0600) and migrate the database at path.

    readers: read-only connections for Database.reading() (0: reads share the
    main connection). read_only: open an existing, current database without
    writing anything, for commands that only read (a read-only file or folder).
    """
    if read_only:
        return await _open_read_only(Path(path))
    db_path = Path(path)
    if str(db_path) != ":memory:":
        db_path.parent.mkdir(parents=True, exist_ok=True)
        # Create the file ourselves so it is never world-readable, even briefly:
        # it holds subscribers' chat ids.
        fd = os.open(db_path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)
        os.chmod(db_path, 0o600)
    conn = await aiosqlite.connect(db_path, isolation_level=None)
    db = Database(conn, db_path, story_window_hours=story_window_hours)
    try:
        conn.row_factory = aiosqlite.Row
        await _configure(conn)
        await conn.execute("PRAGMA journal_mode = WAL")
        await conn.execute("PRAGMA synchronous = NORMAL")
        db._budgets[id(conn)] = await _with_budget(conn)
        await migrate(db)
        if str(db_path) != ":memory:":
            await db._open_readers(readers)
    except BaseException:
        await db.close()
        raise
    return db


def run_on_database(
    path: Path,
    work: Callable[[Database], Awaitable[T]],
    *,
    story_window_hours: float = 24.0,
    reads_only: bool = False,
) -> T:
    """Open the database, run one async piece of work on it, close it (command-line tools).

    reads_only: when the file or its folder cannot be written, open it
    read-only instead of failing (stats, search, feeds list).
    """

    async def go() -> T:
        try:
            db = await open_database(path, story_window_hours=story_window_hours)
        except (sqlite3.Error, PermissionError) as exc:
            if not reads_only or not cannot_write(exc):
                raise
            try:
                db = await open_database(path, read_only=True)
            except StorageError:
                raise exc from None  # no file to read either: the first error says why
        try:
            return await work(db)
        finally:
            await db.close()

    return asyncio.run(go())


def _read_only_uri(db_path: Path) -> str:
    if not db_path.is_file():
        raise StorageError(f"{db_path} does not exist; check NEWSBRIEF_DB or --db")
    # mode=ro never writes; immutable=1 also skips the -shm file, which a
    # read-only folder does not let SQLite create (safe: nobody can write there).
    writable_dir = os.access(db_path.parent, os.W_OK)
    flags = "mode=ro" if writable_dir else "mode=ro&immutable=1"
    return f"file:{quote(str(db_path.resolve()))}?{flags}"


async def _open_read_only(db_path: Path) -> Database:
    uri = await asyncio.to_thread(_read_only_uri, db_path)
    conn = await aiosqlite.connect(uri, uri=True, isolation_level=None)
    db = Database(conn, db_path, read_only=True)
    try:
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA busy_timeout = 5000")
        await conn.execute("PRAGMA query_only = ON")
        db._budgets[id(conn)] = await _with_budget(conn)
        version = await schema_version(conn)
        if version > SCHEMA_VERSION:
            raise SchemaTooNewError(
                f"{db_path} has schema version {version}, newer than this newsbrief "
                f"({SCHEMA_VERSION}); upgrade newsbrief"
            )
        if version < SCHEMA_VERSION:
            raise StorageError(
                f"{db_path} is read-only and needs an upgrade to schema version "
                f"{SCHEMA_VERSION}; run newsbrief once with write access to it"
            )
    except BaseException:
        await db.close()
        raise
    return db


async def schema_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(db: Database, *, target: int = SCHEMA_VERSION) -> list[str]:
    """Apply the missing migrations up to target; return the names applied."""
    current = await schema_version(db.conn)
    if current > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"{db.path} has schema version {current}, newer than this newsbrief "
            f"({SCHEMA_VERSION}); upgrade newsbrief"
        )
    applied: list[str] = []
    for version in range(current + 1, target + 1):
        migration = MIGRATIONS[version - 1]
        async with db.transaction() as conn:
            for statement in statements(migration.sql):
                await conn.execute(statement)
            # PRAGMA user_version is transactional in SQLite: it commits with the step.
            await conn.execute(f"PRAGMA user_version = {version:d}")
        log.info("database migrated to version %d (%s)", version, migration.name)
        applied.append(migration.name)
    private_side_files(db.path)
    return applied


def private_side_files(path: Path) -> None:
    """WAL files are created lazily with the umask; keep them as private as the database."""
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.chmod(side, 0o600)
