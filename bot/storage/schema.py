"""The schema as named migrations, oldest first (as sqlite-utils keeps ``migrations.py``).

Append new steps at the end; ``bot.storage.db.migrate`` runs the missing ones, each in
one transaction together with the bump of ``PRAGMA user_version``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


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


def statements(sql: str) -> list[str]:
    """Split a migration into statements; sqlite3.complete_statement handles triggers."""
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
