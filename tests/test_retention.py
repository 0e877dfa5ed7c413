"""Retention: old finished delivery rows go, in small batches, and nothing is sent twice."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from fake_telegram import FakeTelegram
from harness import eventually, running_bot

from bot import housekeeping
from bot.cli import main
from bot.delivery import running_worker
from bot.storage import deliveries, retention
from bot.storage import subscriptions as subs
from bot.storage.articles import ArticleDraft, add_articles, search
from bot.storage.db import Database, open_database

OLD = "2020-01-01T00:00:00+00:00"
BRIEF = ["A sentence of the brief."]
ENV = {"NEWSBRIEF_SEND_RATE": "200", "NEWSBRIEF_CHAT_RATE": "20"}


async def drained(db: Database) -> bool:
    counts = await deliveries.counts(db)
    return counts["pending"] == 0 and counts["sending"] == 0


async def ids(db: Database, where: str = "1") -> set[int]:
    found = await db.conn.execute_fetchall(f"SELECT id FROM deliveries WHERE {where}")
    return {int(row[0]) for row in found}


async def add(db: Database, title: str, url: str | None = None) -> tuple[str, int, int]:
    draft = ArticleDraft(title=title, body=f"{title}. Nothing else happened.", url=url)
    [result] = await add_articles(db, [(draft, BRIEF)])
    return result.status, result.article_id, result.deliveries


async def test_retention_removes_exactly_the_old_finished_rows_during_a_broadcast(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(fake_telegram, tmp_path / "bot.db", ENV) as h:
        db = h.services.db
        chats = list(range(5000, 5060))
        for chat in chats:
            await subs.subscribe(db, chat, "private", [])
        # History: finished and waiting rows, old and recent, for articles nobody will resend.
        article_ids = await h.seed(6)
        async with db.transaction() as conn:
            for n, (status, created, sent) in enumerate(
                [
                    ("sent", OLD, OLD),
                    ("failed", OLD, None),
                    ("dropped", OLD, None),
                    ("pending", OLD, None),  # waiting: kept, however old
                    ("digest", OLD, None),  # waiting for a digest: kept
                    ("sent", OLD, "2999-01-01T00:00:00+00:00"),  # queued long ago, sent now
                ]
            ):
                for chat in chats:
                    await conn.execute(
                        "INSERT INTO deliveries (article_id, chat_id, status, next_attempt_at,"
                        " created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?)",
                        (
                            article_ids[n],
                            chat,
                            status,
                            "2999-01-01T00:00:00+00:00" if status == "pending" else OLD,
                            created,
                            sent,
                        ),
                    )
        old_finished = await ids(
            db, "status IN ('sent', 'failed', 'dropped') AND coalesce(sent_at, created_at) < '2021'"
        )
        assert len(old_finished) == 3 * len(chats)
        kept_before = await ids(db) - old_finished

        # A broadcast to every chat is going on while retention runs, in batches of 7.
        _, broadcast, queued = await add(db, "Broadcast during retention")
        assert queued == len(chats)
        worker = running_worker(h.app)
        assert worker is not None
        worker.wake()
        removed = await retention.prune_deliveries(db, 30, batch=7)

        async def broadcast_done() -> bool:
            where = f"article_id = {broadcast} AND status = 'sent'"
            return len(await ids(db, where)) == len(chats)

        await eventually(broadcast_done, timeout=30)

        assert removed == len(old_finished)
        remaining = await ids(db)
        assert remaining & old_finished == set()
        assert kept_before <= remaining
        assert len(h.fake.sent()) == len(chats)
        assert (await retention.removed_counts(db))["deliveries_removed"] == removed

        # The job does the same with the settings; nothing old and finished is left.
        report = await housekeeping.run_retention(h.app)
        assert report.deliveries == 0 and report.articles == 0


async def test_rerun_after_pruning_sends_nothing_twice(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(fake_telegram, tmp_path / "bot.db", ENV) as h:
        db = h.services.db
        await subs.subscribe(db, 7001, "private", [])
        await subs.subscribe(db, 7002, "private", ["ferry"])
        worker = running_worker(h.app)
        assert worker is not None
        status, article, queued = await add(db, "Ferry timetable changes", "https://example.org/f")
        assert (status, queued) == ("added", 2)
        worker.wake()
        await eventually(lambda: drained(db))
        assert len(h.fake.sent()) == 2

        # Forty days later: the delivery rows are pruned.
        await db.conn.execute(
            "UPDATE deliveries SET created_at = ?, sent_at = ?, next_attempt_at = ?",
            (OLD, OLD, OLD),
        )
        assert await retention.prune_deliveries(db, 30) == 2
        assert await ids(db) == set()
        # The same article again (a re-run of ingest, a feed, an admin's /post): a duplicate.
        status, again, queued = await add(db, "Ferry timetable changes", "https://example.org/f")
        assert (status, again, queued) == ("duplicate", article, 0)

        # Article retention too: the article and its search entry go, its keys stay.
        await db.conn.execute("UPDATE articles SET created_at = ?", (OLD,))
        assert await retention.prune_articles(db, 365) == 1
        assert await search(db, "ferry timetable") == []
        check = await db.conn.execute_fetchall(
            "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')"
        )
        assert list(check) == []
        # Stored again: searchable again, but queued for nobody. By its text (another link):
        status, _, queued = await add(db, "Ferry timetable changes", "https://example.net/other")
        assert (status, queued) == ("added", 0)
        await db.conn.execute("UPDATE articles SET created_at = ?", (OLD,))
        assert await retention.prune_articles(db, 365) == 1
        # ... and by its link (tracking parameters dropped), with the text edited:
        status, _, queued = await add(
            db, "Ferry timetable changes again", "https://example.org/f?utm_source=x"
        )
        assert (status, queued) == ("added", 0)
        assert len(await search(db, "ferry timetable")) == 1
        worker.wake()
        await eventually(lambda: drained(db))
        assert len(h.fake.sent()) == 2
        assert (await retention.removed_counts(db)) == {
            "deliveries_removed": 2,
            "articles_removed": 2,
        }


async def test_articles_with_waiting_deliveries_are_kept(tmp_path: Path) -> None:
    db = await open_database(tmp_path / "bot.db")
    try:
        await subs.subscribe(db, 7101, "private", [])
        await subs.set_digest(db, 7101, "private", "08:00", "UTC")
        _, _, queued = await add(db, "Waiting for the morning digest")
        assert queued == 1
        await db.conn.execute("UPDATE articles SET created_at = ?", (OLD,))
        assert await retention.prune_articles(db, 1) == 0
        assert await retention.prune_deliveries(db, 1) == 0
        assert len(await ids(db, "status = 'digest'")) == 1
    finally:
        await db.close()


def test_stats_shows_size_and_rows_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bot.db"

    async def prepare() -> None:
        db = await open_database(path)
        try:
            await subs.subscribe(db, 7201, "private", [])
            await add(db, "One old story")
            await db.conn.execute(
                "UPDATE deliveries SET status = 'sent', created_at = ?, sent_at = ?,"
                " next_attempt_at = ?",
                (OLD, OLD, OLD),
            )
            assert await retention.prune_deliveries(db, 30) == 1
        finally:
            await db.close()

    asyncio.run(prepare())
    assert main(["--db", str(path), "stats"]) == 0
    out = capsys.readouterr().out
    assert "removed (retention): 1 delivery rows, 0 articles" in out
    assert "database size:" in out and "MB used" in out
    assert "finished deliveries after 30 days, articles kept forever" in out
    assert main(["--db", str(path), "vacuum"]) == 0
    assert "vacuumed" in capsys.readouterr().out


async def test_the_job_is_scheduled_unless_everything_is_kept(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(fake_telegram, tmp_path / "a.db") as h:
        [job] = h.app.job_queue.get_jobs_by_name("newsbrief-retention")
        assert job.job.trigger.interval.total_seconds() == housekeeping.INTERVAL
    kept = {"NEWSBRIEF_RETENTION_DAYS": "0"}
    async with running_bot(fake_telegram, tmp_path / "b.db", kept) as h:
        assert h.app.job_queue.get_jobs_by_name("newsbrief-retention") == ()
