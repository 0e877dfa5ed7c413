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
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import aiosqlite

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "articles",
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url TEXT,
            canonical_url TEXT UNIQUE,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            brief TEXT NOT NULL,
            source TEXT,
            language TEXT NOT NULL,
            published_at TEXT,
            created_at TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE
        );
        CREATE INDEX articles_newest ON articles (coalesce(published_at, created_at) DESC, id DESC);
        """,
    ),
    Migration(
        "articles_fts",
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5 (
            title, body,
            content='articles', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
            INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
        END;
        INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
        """,
    ),
    Migration(
        "subscribers",
        # Only what delivery needs: no names, usernames or message texts.
        """
        CREATE TABLE chats (
            chat_id INTEGER PRIMARY KEY,
            chat_type TEXT NOT NULL,
            language_code TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            digest_time TEXT,
            digest_tz TEXT,
            last_digest_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL
                REFERENCES chats (chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
            keyword TEXT NOT NULL,
            terms TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (chat_id, terms)
        );
        CREATE INDEX subscriptions_all ON subscriptions (chat_id) WHERE terms = '';
        -- One row per subscription on the first stem of its phrase: an article is
        -- matched by looking up its own stems here, never by scanning subscriptions.
        CREATE TABLE subscription_terms (
            stem TEXT NOT NULL,
            subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
            PRIMARY KEY (stem, subscription_id)
        ) WITHOUT ROWID;
        CREATE INDEX subscription_terms_sub ON subscription_terms (subscription_id);
        """,
    ),
    Migration(
        "deliveries",
        """
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            chat_id INTEGER NOT NULL
                REFERENCES chats (chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'digest', 'dropped')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            message_id INTEGER,
            error TEXT,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            UNIQUE (article_id, chat_id)
        );
        CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
        CREATE INDEX deliveries_chat ON deliveries (chat_id, status);
        """,
    ),
    Migration(
        "feeds",
        """
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            label TEXT,
            language TEXT,
            etag TEXT,
            last_modified TEXT,
            created_at TEXT NOT NULL,
            last_polled_at TEXT,
            last_success_at TEXT,
            last_error TEXT,
            last_error_at TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            next_poll_at TEXT NOT NULL,
            failure_reported INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE feed_entries (
            feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
            entry_key TEXT NOT NULL,
            article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (feed_id, entry_key)
        ) WITHOUT ROWID;
        ALTER TABLE articles ADD COLUMN feed_id INTEGER REFERENCES feeds (id) ON DELETE SET NULL;
        CREATE INDEX articles_feed ON articles (feed_id);
        """,
    ),
    Migration(
        "subscription_terms_covering",
        # Matching reads only this table: the subscription's chat, terms and the
        # chat's active/digest flags are copied in, so looking up an article's
        # stems needs no join and no per-chat lookup. Triggers keep the copies
        # true, so no code path can change a subscription or a chat and forget
        # the index.
        """
        DROP TABLE subscription_terms;
        CREATE TABLE subscription_terms (
            stem TEXT NOT NULL,
            subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
            chat_id INTEGER NOT NULL,
            terms TEXT NOT NULL,
            active INTEGER NOT NULL,
            digest INTEGER NOT NULL,
            PRIMARY KEY (stem, subscription_id)
        ) WITHOUT ROWID;
        CREATE INDEX subscription_terms_sub ON subscription_terms (subscription_id);
        CREATE INDEX subscription_terms_chat ON subscription_terms (chat_id);
        CREATE TRIGGER subscription_terms_insert AFTER INSERT ON subscriptions
        WHEN new.terms <> '' BEGIN
            INSERT INTO subscription_terms (stem, subscription_id, chat_id, terms, active, digest)
            SELECT substr(new.terms, 1, instr(new.terms || ' ', ' ') - 1),
                   new.id, new.chat_id, new.terms, c.active, c.digest_time IS NOT NULL
            FROM chats c WHERE c.chat_id = new.chat_id;
        END;
        CREATE TRIGGER subscription_terms_move AFTER UPDATE OF chat_id ON subscriptions BEGIN
            UPDATE subscription_terms SET
                chat_id = new.chat_id,
                active = (SELECT active FROM chats WHERE chat_id = new.chat_id),
                digest = (SELECT digest_time IS NOT NULL FROM chats WHERE chat_id = new.chat_id)
            WHERE subscription_id = new.id;
        END;
        CREATE TRIGGER subscription_terms_chat_flags
        AFTER UPDATE OF active, digest_time ON chats BEGIN
            UPDATE subscription_terms
            SET active = new.active, digest = new.digest_time IS NOT NULL
            WHERE chat_id = new.chat_id;
        END;
        INSERT INTO subscription_terms (stem, subscription_id, chat_id, terms, active, digest)
        SELECT substr(s.terms, 1, instr(s.terms || ' ', ' ') - 1), s.id, s.chat_id, s.terms,
               c.active, c.digest_time IS NOT NULL
        FROM subscriptions s JOIN chats c ON c.chat_id = s.chat_id WHERE s.terms <> '';
        """,
    ),
    Migration(
        "chat_and_feed_language",
        # chats.language: the reply language chosen with /language (a catalog code such as
        # "pt_BR"), kept apart from language_code, which follows the last sender.
        # feeds.language_override: set by an admin with /addfeed … lang=xx, it wins over
        # what the feed declares.
        """
        ALTER TABLE chats ADD COLUMN language TEXT;
        ALTER TABLE feeds ADD COLUMN language_override TEXT;
        """,
    ),
    Migration(
        "deliveries_pending",
        # The outbox claim reads each article's oldest pending rows: this index
        # holds only pending rows, so the claim costs the same whatever the
        # number of finished rows kept.
        """
        CREATE INDEX IF NOT EXISTS deliveries_pending ON deliveries (article_id, id)
            WHERE status = 'pending';
        """,
    ),
    Migration(
        "muted_words",
        # /mute: words or phrases a chat never wants pushed. Indexed on the first
        # stem like subscription_terms, so an article looks up its own stems here
        # and the cost grows with the article and the mutes it hits, not with the
        # number of chats it matched.
        """
        CREATE TABLE IF NOT EXISTS muted_words (
            chat_id INTEGER NOT NULL
                REFERENCES chats (chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
            phrase TEXT NOT NULL,
            terms TEXT NOT NULL,
            stem TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (chat_id, terms)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS muted_words_stem ON muted_words (stem);
        """,
    ),
    Migration(
        "source_subscriptions",
        # /subscribe source:<feed id or host> [keywords]: everything (or the keywords)
        # from one feed or site. source is "feed:3" or "host:bbc.co.uk"; an article
        # looks up its own few source keys here (its feed, its hosts and their parent
        # domains), so matching never scans these rows either.
        """
        CREATE TABLE IF NOT EXISTS source_subscriptions (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL
                REFERENCES chats (chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
            source TEXT NOT NULL,
            keyword TEXT NOT NULL,
            terms TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (chat_id, source, terms)
        );
        CREATE INDEX IF NOT EXISTS source_subscriptions_source ON source_subscriptions (source);
        """,
    ),
    Migration(
        "forum_topics",
        # A topic of a forum supergroup is a delivery target of its own: it gets a
        # target id (storage.topics.TOPIC_BASE - id, far outside Telegram's 52-bit ids)
        # that every other table uses as its chat id, so subscriptions, mutes, digest
        # time, language and deliveries are per topic with no other schema change.
        # Existing rows are the group itself (no topic) and stay as they are.
        """
        CREATE TABLE IF NOT EXISTS topics (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL,
            thread_id INTEGER NOT NULL,
            UNIQUE (chat_id, thread_id)
        );
        """,
    ),
    Migration(
        "stories",
        # Reports of one event from several outlets form a story (bot/storage/stories.py).
        # vector: the story's summed stem and name weights (JSON {"t": …, "n": …}), kept
        # while the story is open;
        # last_at/first_at: epoch seconds of its latest/first report. story_probes is the
        # candidate index over open stories only; story_df the stems' document frequencies;
        # story_meta the article count and the latest report time seen; feeds the ids
        # (" 3 7 ") of the feeds that reported the story.
        # Articles stored before this release become one-report stories, closed, with the
        # article's id as the story's.
        """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            vector TEXT NOT NULL DEFAULT '{}',
            reports INTEGER NOT NULL DEFAULT 1,
            first_at REAL NOT NULL,
            last_at REAL NOT NULL,
            open INTEGER NOT NULL DEFAULT 1,
            feeds TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX stories_open ON stories (last_at) WHERE open = 1;
        CREATE TABLE story_probes (
            stem TEXT NOT NULL,
            story_id INTEGER NOT NULL,
            PRIMARY KEY (stem, story_id)
        ) WITHOUT ROWID;
        CREATE INDEX story_probes_story ON story_probes (story_id);
        CREATE TABLE story_df (stem TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE story_meta (key TEXT PRIMARY KEY, value REAL NOT NULL) WITHOUT ROWID;
        ALTER TABLE articles ADD COLUMN story_id INTEGER;
        INSERT INTO stories (id, vector, reports, first_at, last_at, open)
        SELECT id, '{}', 1,
               coalesce(unixepoch(min(coalesce(published_at, created_at), created_at)), 0),
               coalesce(unixepoch(min(coalesce(published_at, created_at), created_at)), 0), 0
        FROM articles;
        UPDATE articles SET story_id = id;
        CREATE INDEX articles_story ON articles (story_id, id);
        """,
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer newsbrief; refusing beats corrupting it."""


class StorageError(RuntimeError):
    """The database cannot be used as it is; the message says why and what to do."""


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
            for statement in _statements(migration.sql):
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


def _statements(sql: str) -> list[str]:
    """Split a migration into statements; sqlite3.complete_statement handles triggers."""
    import sqlite3

    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
