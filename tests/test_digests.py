"""Daily digests: when the jobs fire, what the message says, what gets marked.

Nothing here sleeps until 08:00: the schedule is checked through the job's
trigger with a fixed clock, and the job callback is run directly.
"""

from __future__ import annotations

import datetime as dtm
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from fake_telegram import FakeTelegram
from harness import BotHarness, running_bot

from bot import delivery
from bot.delivery import digests
from bot.formatting import MAX_MESSAGE, visible_length
from bot.storage import deliveries
from bot.storage import subscriptions as subs
from bot.storage.articles import ArticleDraft, add_articles
from bot.storage.db import Database

UTC = dtm.UTC
BRIEF = ["What happened, in one sentence.", "Why it matters."]


@pytest.fixture
async def bot(fake_telegram: FakeTelegram, tmp_path: Path) -> AsyncIterator[BotHarness]:
    env = {"NEWSBRIEF_SEND_RATE": "200", "NEWSBRIEF_CHAT_RATE": "50"}
    async with running_bot(fake_telegram, tmp_path / "bot.db", env) as harness:
        yield harness


def jobs(h: BotHarness, chat_id: int) -> list[Any]:
    assert h.app.job_queue is not None
    return list(h.app.job_queue.get_jobs_by_name(digests.job_name(chat_id)))


async def add_many(db: Database, titles: list[str], body: str = "The rail line.") -> list[int]:
    items = [
        (
            ArticleDraft(title=t, body=f"{body} {t}.", url=f"https://e.org/{t.replace(' ', '-')}"),
            BRIEF,
        )
        for t in titles
    ]
    return [r.article_id for r in await add_articles(db, items)]


async def digest_chat(db: Database, chat_id: int, keywords: list[str], at: str = "08:00") -> None:
    chat_type = "private" if chat_id > 0 else "group"
    await subs.subscribe(db, chat_id, chat_type, keywords)
    await subs.set_digest(db, chat_id, chat_type, at, "Europe/Berlin")


# ---- the schedule ----------------------------------------------------------------------------


def test_next_run_follows_daylight_saving() -> None:
    def at(*args: int) -> dtm.datetime:
        return dtm.datetime(*args, tzinfo=UTC)

    berlin = "Europe/Berlin"
    assert digests.next_run("08:00", berlin, at(2025, 1, 15, 12)) == at(2025, 1, 16, 7)
    assert digests.next_run("08:00", berlin, at(2025, 1, 15, 6)) == at(2025, 1, 15, 7)
    assert digests.next_run("08:00", berlin, at(2025, 7, 1, 12)) == at(2025, 7, 2, 6)
    # Clocks go forward on 30 March 2025: 08:00 that day is 06:00 UTC, the day before 07:00.
    assert digests.next_run("08:00", berlin, at(2025, 3, 29, 0)) == at(2025, 3, 29, 7)
    assert digests.next_run("08:00", berlin, at(2025, 3, 29, 12)) == at(2025, 3, 30, 6)
    assert digests.next_run("18:30", "America/New_York", at(2025, 1, 15)) == at(2025, 1, 15, 23, 30)
    assert digests.next_run("00:00", "UTC", at(2025, 12, 31, 23, 59)) == at(2026, 1, 1)
    assert digests.previous_run("08:00", berlin, at(2025, 1, 15, 12)) == at(2025, 1, 15, 7)
    assert digests.previous_run("08:00", berlin, at(2025, 1, 15, 6)) == at(2025, 1, 14, 7)


async def test_schedule_runs_daily_at_local_time(bot: BotHarness) -> None:
    job = digests.schedule(bot.app, 42, "08:00", "Europe/Berlin")
    assert [j.name for j in jobs(bot, 42)] == ["digest:42"]
    assert job.next_t is not None
    now = dtm.datetime.now(UTC)
    assert job.next_t.astimezone(UTC) == digests.next_run("08:00", "Europe/Berlin", now)
    # Drive the trigger's clock: the same wall time in winter and in summer.
    trigger = job.job.trigger
    for moment, expected in (
        (dtm.datetime(2025, 1, 15, 12, tzinfo=UTC), dtm.datetime(2025, 1, 16, 7, tzinfo=UTC)),
        (dtm.datetime(2025, 7, 1, 12, tzinfo=UTC), dtm.datetime(2025, 7, 2, 6, tzinfo=UTC)),
        (dtm.datetime(2025, 3, 29, 12, tzinfo=UTC), dtm.datetime(2025, 3, 30, 6, tzinfo=UTC)),
    ):
        fired = trigger.get_next_fire_time(None, moment)
        assert fired.astimezone(UTC) == expected
        # … and the day after, again at 08:00 local.
        following = trigger.get_next_fire_time(fired, fired + dtm.timedelta(seconds=1))
        assert following.astimezone(dtm.UTC).hour in (6, 7)
        assert (following - fired) <= dtm.timedelta(hours=25)


async def test_schedule_replaces_and_cancel_removes(bot: BotHarness) -> None:
    digests.schedule(bot.app, 43, "08:00", "Europe/Berlin")
    job = digests.schedule(bot.app, 43, "21:15", "Asia/Tokyo")
    [only] = jobs(bot, 43)
    assert only.job.id == job.job.id
    assert job.next_t is not None
    local = job.next_t.astimezone(dtm.timezone(dtm.timedelta(hours=9)))
    assert (local.hour, local.minute) == (21, 15)
    assert digests.cancel(bot.app, 43) is True
    assert jobs(bot, 43) == []
    assert digests.cancel(bot.app, 43) is False


# ---- the message -----------------------------------------------------------------------------


async def test_digest_sends_what_matched_since_the_last_one(bot: BotHarness) -> None:
    db = bot.services.db
    await digest_chat(db, 1500, ["rail"])
    await subs.subscribe(db, 1501, "private", ["rail"])  # instant, for contrast
    ids = await add_many(db, ["Rail strike", "Rail fares rise", "New rail bridge"])
    await add_many(db, ["Budget passes"], body="The council voted.")
    delivery.wake(bot.app)
    await bot.fake.wait_for_sent(3, chat_id=1501)
    assert bot.fake.sent(1500) == []  # digest chats get nothing instantly

    assert await digests.send_digest(bot.app, db, 1500) == 3
    [message] = bot.fake.sent(1500)
    text = message.plain_text
    assert text.startswith("Your daily digest: 3 briefs\n")
    for title in ("Rail strike", "Rail fares rise", "New rail bridge"):
        assert title in text
    assert "Budget passes" not in text
    assert message.preview_disabled
    marked = await deliveries.counts(db)
    assert marked["digest"] == 0
    async with db.conn.execute(
        "SELECT article_id, status, message_id FROM deliveries WHERE chat_id = 1500"
    ) as cursor:
        got = {(r["article_id"], r["status"], r["message_id"]) for r in await cursor.fetchall()}
    assert got == {(i, "sent", message.message_id) for i in ids}
    chat = await subs.get_chat(db, 1500)
    assert chat is not None and chat.last_digest_at is not None

    # Nothing new matched: no message at all.
    assert await digests.send_digest(bot.app, db, 1500) == 0
    assert len(bot.fake.sent(1500)) == 1
    # Only what arrived since goes into the next one.
    [later] = await add_many(db, ["Rail reopens"])
    assert await digests.send_digest(bot.app, db, 1500) == 1
    assert "Your daily digest: 1 brief\n" in bot.fake.sent(1500)[-1].plain_text
    assert f"#{later}" in bot.fake.sent(1500)[-1].plain_text


async def test_the_job_callback_sends_the_digest(bot: BotHarness) -> None:
    db = bot.services.db
    await digest_chat(db, 1510, [])
    await add_many(db, ["Morning news"])
    job = digests.schedule(bot.app, 1510, "08:00", "Europe/Berlin")
    await job.run(bot.app)  # what the scheduler does at 08:00 Berlin time
    [message] = bot.fake.sent(1510)
    assert message.plain_text.startswith("Your daily digest: 1 brief\n")
    assert "Morning news" in message.plain_text


async def test_a_long_digest_is_split_and_capped(bot: BotHarness) -> None:
    db = bot.services.db
    await digest_chat(db, 1520, [])
    titles = [f"Headline number {n} about the rail network and its budget" for n in range(60)]
    ids = await add_many(db, titles, body="A long first sentence " + "word " * 40)
    assert await digests.send_digest(bot.app, db, 1520) == 60
    sent = bot.fake.sent(1520)
    assert len(sent) > 1
    assert sent[0].plain_text.startswith("Your daily digest: 60 briefs")
    assert all(visible_length(m.text) <= MAX_MESSAGE for m in sent)
    everything = "\n".join(m.plain_text for m in sent)
    shown = [t for t in titles if f"{t}\n" in everything]
    assert len(shown) == digests.MAX_ITEMS
    assert "…and 10 more" in everything
    async with db.conn.execute(
        "SELECT article_id, status, message_id FROM deliveries WHERE chat_id = 1520"
    ) as cursor:
        got = list(await cursor.fetchall())
    assert {r["article_id"] for r in got} == set(ids)
    assert {r["status"] for r in got} == {"sent"}
    assert {r["message_id"] for r in got} <= {m.message_id for m in sent}


def test_compose_keeps_every_row_with_the_message_that_carries_it() -> None:
    from bot.storage.articles import Article

    def article(n: int) -> Article:
        return Article(n, None, f"Title {n}", "Body.", ("x" * 900,), None, "english", None, "2025")

    messages = digests.compose([(100 + n, article(n)) for n in range(8)])
    assert len(messages) > 1
    ids = [i for m in messages for i in m.delivery_ids]
    assert ids == [100 + n for n in range(8)]
    for message in messages:
        for delivery_id in message.delivery_ids:
            assert f"/brief_{delivery_id - 100}" in message.text


# ---- faults ----------------------------------------------------------------------------------


async def test_digest_to_a_blocked_chat_makes_it_inactive(bot: BotHarness) -> None:
    db = bot.services.db
    await digest_chat(db, 1530, [])
    await add_many(db, ["Unread news", "More unread news"])
    digests.schedule(bot.app, 1530, "08:00", "Europe/Berlin")
    bot.fake.block_chat(1530)
    assert await digests.send_digest(bot.app, db, 1530) == 0
    chat = await subs.get_chat(db, 1530)
    assert chat is not None and not chat.active
    assert (await deliveries.counts(db))["dropped"] == 2
    assert jobs(bot, 1530) == []


async def test_digest_to_a_migrated_group_follows_it(bot: BotHarness) -> None:
    db = bot.services.db
    old, new = -1540, -1000000001540
    await digest_chat(db, old, [])
    await add_many(db, ["Group news"])
    digests.schedule(bot.app, old, "08:00", "Europe/Berlin")
    bot.fake.migrate_chat(old, new)
    assert await digests.send_digest(bot.app, db, old) == 1
    [message] = bot.fake.sent(new)
    assert "Group news" in message.plain_text
    assert jobs(bot, old) == [] and len(jobs(bot, new)) == 1
    moved = await subs.get_chat(db, new)
    assert moved is not None and moved.digest_time == "08:00"


async def test_digest_survives_a_flood_wait_and_server_errors(bot: BotHarness) -> None:
    db = bot.services.db
    await digest_chat(db, 1550, [])
    await add_many(db, ["Patience"])
    bot.fake.fail_next("sendMessage", status=429, retry_after=1, chat_id=1550)
    bot.fake.fail_chat(1550, 500, times=1)
    assert await digests.send_digest(bot.app, db, 1550) == 1
    assert len(bot.fake.sent(1550)) == 1


async def test_digest_without_the_worker_goes_through_the_bot(bot: BotHarness) -> None:
    db = bot.services.db
    await delivery.stop(bot.app)  # no worker: the application's bot sends it
    await digest_chat(db, 1560, [])
    await add_many(db, ["Sent by a plain Bot"])
    assert await digests.send_digest(bot.app, db, 1560) == 1
    assert "Sent by a plain Bot" in bot.fake.sent(1560)[0].plain_text


# ---- restarts --------------------------------------------------------------------------------


async def test_restore_recreates_jobs_after_a_restart(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    path = tmp_path / "restart.db"
    async with running_bot(fake_telegram, path) as first:
        db = first.services.db
        await digest_chat(db, 1601, [], at="08:00")
        await subs.subscribe(db, 1602, "private", [])
        await subs.set_digest(db, 1602, "private", "18:30", "America/New_York")
        await digest_chat(db, 1603, [])
        await deliveries.chat_blocked(db, 1603, "blocked")  # inactive: no job
        await subs.subscribe(db, 1604, "private", [])  # instant: no job
    async with running_bot(fake_telegram, path) as second:
        now = dtm.datetime.now(UTC)
        [berlin] = jobs(second, 1601)
        [new_york] = jobs(second, 1602)
        assert berlin.next_t.astimezone(UTC) == digests.next_run("08:00", "Europe/Berlin", now)
        assert new_york.next_t.astimezone(UTC) == digests.next_run("18:30", "America/New_York", now)
        assert jobs(second, 1603) == [] and jobs(second, 1604) == []


async def test_a_digest_missed_while_down_is_caught_up(bot: BotHarness) -> None:
    db = bot.services.db
    await digest_chat(db, 1610, [])
    await add_many(db, ["Waited overnight"])
    tomorrow = dtm.datetime.now(UTC) + dtm.timedelta(days=1, hours=1)
    assert await digests.restore(bot.app, now=tomorrow) >= 1
    assert bot.app.job_queue is not None
    [catch_up] = bot.app.job_queue.get_jobs_by_name("digest:1610:catch-up")
    await catch_up.run(bot.app)
    assert "Waited overnight" in bot.fake.sent(1610)[0].plain_text
    # Restored again the same day after that digest: nothing is missed any more.
    await digests.restore(bot.app, now=tomorrow)
    assert bot.app.job_queue.get_jobs_by_name("digest:1610:catch-up") == ()
