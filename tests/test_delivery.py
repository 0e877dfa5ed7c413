"""The delivery worker end to end: real Application, real HTTP, the fake Bot API.

Every test stores subscriptions and articles with the storage functions the
bot itself uses, wakes the worker (as /post does) and then watches what the
fake Telegram received and what the outbox says.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Mapping
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import pytest
from fake_telegram import FakeTelegram, SentMessage
from harness import BotHarness, eventually, running_bot
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter

from bot import delivery
from bot.config import load_settings
from bot.delivery import worker as delivery_worker
from bot.delivery.pacing import ChatSpacing, Pacer, RateMeter
from bot.delivery.policy import Failed, Gone, Migrated, Retry, ServerError, classify
from bot.delivery.transport import api_error, prepare
from bot.storage import deliveries
from bot.storage import subscriptions as subs
from bot.storage.articles import ArticleDraft, add_articles
from bot.storage.chat_language import set_chat_language
from bot.storage.db import Database, open_database

BRIEF = ["The first sentence of the brief.", "The second one & a <tag>."]


# Delivery tests send far faster than Telegram's defaults allow, and retry quickly.
# Stories off: these tests push many short, alike texts that are each meant to arrive.
FAST = {
    "NEWSBRIEF_SEND_RATE": "200",
    "NEWSBRIEF_CHAT_RATE": "20",
    "NEWSBRIEF_STORY_WINDOW_HOURS": "0",
}
BACKOFF = 0.05  # seconds before the first retry


def fast_bot(
    fake: FakeTelegram, tmp_path: Path, env: dict[str, str]
) -> AbstractAsyncContextManager[BotHarness]:
    """running_bot on a fresh database, retrying sends after BACKOFF."""
    return running_bot(fake, tmp_path / "bot.db", env, retry_backoff=BACKOFF)


def worker_of(h: BotHarness) -> delivery.DeliveryWorker:
    found = delivery.running_worker(h.app)
    assert found is not None
    return found


async def add(
    h: BotHarness | Database,
    title: str,
    body: str = "Nothing else happened.",
    url: str | None = None,
    *,
    wake: bool = True,
) -> int:
    db = h if isinstance(h, Database) else h.services.db
    draft = ArticleDraft(title=title, body=body, url=url, source="Example News")
    [result] = await add_articles(db, [(draft, BRIEF)])
    assert result.status == "added"
    if wake and isinstance(h, BotHarness):
        delivery.wake(h.app)
    return result.article_id


async def drained(db: Database) -> bool:
    counts = await deliveries.counts(db)
    return counts["pending"] == 0 and counts["sending"] == 0


async def rows(db: Database, where: str = "1", params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
    async with db.conn.execute(
        f"SELECT * FROM deliveries WHERE {where} ORDER BY id",
        params,
    ) as cursor:
        return list(await cursor.fetchall())


ARTICLE_ID = re.compile(r"· #(\d+)")


def article_ids(messages: list[SentMessage]) -> list[int]:
    found = []
    for message in messages:
        match = ARTICLE_ID.search(message.plain_text)
        assert match, message.plain_text
        found.append(int(match.group(1)))
    return found


# ---- fan-out ---------------------------------------------------------------------------------


async def test_each_subscription_gets_exactly_its_articles(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with fast_bot(fake_telegram, tmp_path, FAST) as h:
        db = h.services.db
        await subs.subscribe(db, 11, "private", [])
        await subs.subscribe(db, 12, "private", ["rail"])
        await subs.subscribe(db, 13, "private", ["flood warning"])
        await subs.subscribe(db, -14, "group", ["budget"])
        rail = await add(h, "Rail strike halts trains", "A rail strike.", "https://e.org/rail")
        flood = await add(h, "Storm", "A flood warning was issued.", "https://e.org/flood")
        other = await add(h, "Flood of warnings", "A warning about a flood.", None)
        await eventually(lambda: drained(db))
        fake = h.fake
        assert sorted(article_ids(fake.sent(11))) == [rail, flood, other]
        assert article_ids(fake.sent(12)) == [rail]
        assert article_ids(fake.sent(13)) == [flood]  # the phrase, not the words apart
        assert fake.sent(-14) == []

        [message] = fake.sent(12)
        assert message.parse_mode == "HTML"
        assert message.plain_text.startswith("Rail strike halts trains\n")
        assert "The second one & a <tag>." in message.plain_text  # escaped, then parsed back
        assert {"type": "bold", "offset": 0, "length": 24} in message.entities
        # A preview of the article's own link, never of some other URL in the text.
        assert message.link_preview_options == {"url": "https://e.org/rail"}
        assert not message.preview_disabled
        [no_link] = [m for m in fake.sent(11) if f"#{other}" in m.plain_text]
        assert no_link.preview_disabled

        sent_rows = await rows(db, "chat_id = 12")
        assert [(r["status"], r["message_id"], r["attempts"]) for r in sent_rows] == [
            ("sent", message.message_id, 1)
        ]
        assert sent_rows[0]["sent_at"] is not None
        assert delivery.current_rate(h.app) > 0


async def test_no_chat_gets_an_article_twice(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    async with fast_bot(fake_telegram, tmp_path, {**FAST, "NEWSBRIEF_CHAT_RATE": "10"}) as h:
        db = h.services.db
        chats = list(range(100, 130))
        for chat in chats:
            await subs.subscribe(db, chat, "private", [])
            await subs.subscribe(db, chat, "private", ["rail", "strike"])  # overlapping
        ids = [await add(h, f"Rail strike day {n}", "The rail strike goes on.") for n in range(5)]
        await eventually(lambda: drained(db))
        for chat in chats:
            sent = h.fake.sent(chat)
            assert sorted(article_ids(sent)) == ids, chat
            gaps = [b.at - a.at for a, b in itertools.pairwise(sent)]
            assert min(gaps) >= 0.09  # chat_rate 10/s
        assert len(h.fake.calls("sendMessage")) == len(chats) * len(ids)


async def test_rate_limits_are_never_exceeded(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    # The fake counts a send when it answers, so a busy test process can bunch answers
    # that left the bot evenly spaced: the bot's limits sit 10% under the fake's.
    fake_telegram.set_rate_limits(
        global_per_second=20, per_chat_per_second=2, per_group_per_minute=120
    )
    env = {
        "NEWSBRIEF_SEND_RATE": "18",
        "NEWSBRIEF_CHAT_RATE": "1.8",
        "NEWSBRIEF_GROUP_RATE": "108",
    }
    async with fast_bot(fake_telegram, tmp_path, {**FAST, **env}) as h:
        db = h.services.db
        chats = [*range(200, 240), -201, -202]
        for chat in chats:
            await subs.subscribe(db, chat, "private" if chat > 0 else "group", [])
        for n in range(2):
            await add(h, f"Bulletin {n}")
        await eventually(lambda: drained(db), timeout=20)
        sent = h.fake.sent()
        assert len(sent) == 2 * len(chats)
        assert h.fake.rate_limited == 0, h.fake.rate_limited_by
        for chat in chats:
            first, second = h.fake.sent(chat)
            assert second.at - first.at >= 0.5
        # Sends leave evenly spaced at 97% of 18/s (that the budget is used, not wasted,
        # is the pacer's unit test below, on a fake clock).
        starts = sorted(m.at for m in sent)
        gaps = [b - a for a, b in itertools.pairwise(starts)]
        assert len(sent) / (starts[-1] - starts[0]) <= 18
        assert sorted(gaps)[len(gaps) // 2] >= 0.9 / 18


async def test_a_big_broadcast_does_not_starve_a_later_article(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with fast_bot(fake_telegram, tmp_path, {**FAST, "NEWSBRIEF_SEND_RATE": "20"}) as h:
        db = h.services.db
        for chat in range(300, 360):
            await subs.subscribe(db, chat, "private", [])
        await subs.subscribe(db, 400, "private", ["rail"])
        await subs.subscribe(db, 401, "private", ["rail"])
        big = await add(h, "Everyone gets this", "General news.")
        await h.fake.wait_for_sent(5)
        small = await add(h, "Rail timetable", "The rail timetable changes.", wake=False)
        # No wake: the worker's poll finds it, as it would for `newsbrief ingest`.
        await eventually(lambda: drained(db), timeout=20)
        order = [m.chat_id for m in h.fake.sent()]
        assert article_ids(h.fake.sent(400)) == article_ids(h.fake.sent(401)) == [small]
        assert article_ids(h.fake.sent(300)) == [big, small]
        late = max(order.index(400), order.index(401))
        # The small article went out within the next couple of seconds, long before the
        # sixty-chat broadcast (three seconds of sending) had finished.
        assert late < len(order) - 15


async def test_rows_from_another_process_are_found_by_polling(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with fast_bot(fake_telegram, tmp_path, FAST) as h:
        await subs.subscribe(h.services.db, 500, "private", [])
        other = await open_database(h.settings.db_path)  # like `newsbrief ingest`
        try:
            await add(other, "Ingested elsewhere")
        finally:
            await other.close()
        [message] = await h.fake.wait_for_sent(
            chat_id=500, timeout=delivery_worker.POLL_INTERVAL + 3
        )
        assert message.plain_text.startswith("Ingested elsewhere")


# ---- faults ----------------------------------------------------------------------------------


async def test_blocked_chat_is_made_inactive_and_its_rows_dropped(
    fake_telegram: FakeTelegram, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    async with fast_bot(fake_telegram, tmp_path, FAST) as h:
        db = h.services.db
        await subs.subscribe(db, 601, "private", [])
        await subs.subscribe(db, 602, "private", [])
        h.fake.block_chat(602)
        ids = [await add(h, f"News {n}", wake=False) for n in range(3)]
        delivery.wake(h.app)
        await eventually(lambda: drained(db))
        assert sorted(article_ids(h.fake.sent(601))) == ids
        assert len([c for c in h.fake.calls("sendMessage") if c["chat_id"] == 602]) == 1
        chat = await subs.get_chat(db, 602)
        assert chat is not None and not chat.active
        dropped = await rows(db, "chat_id = 602")
        assert {r["status"] for r in dropped} == {"dropped"}
        assert "blocked" in dropped[0]["error"]
        # The subscription stays: a chat that comes back (/start) is active again.
        assert await subs.list_subscriptions(db, 602)
        await add(h, "After the block")
        await eventually(lambda: drained(db))
        assert len(await rows(db, "chat_id = 602")) == 3  # nothing new queued for it
    assert "602" not in caplog.text  # logs never say who


async def test_chat_not_found_is_treated_like_blocked(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with fast_bot(fake_telegram, tmp_path, FAST) as h:
        db = h.services.db
        await subs.subscribe(db, 603, "private", [])
        h.fake.fail_next(
            "sendMessage", status=400, description="Bad Request: chat not found", chat_id=603
        )
        await add(h, "Anyone there?")
        await eventually(lambda: drained(db))
        chat = await subs.get_chat(db, 603)
        assert chat is not None and not chat.active
        assert [r["status"] for r in await rows(db, "chat_id = 603")] == ["dropped"]


async def test_other_bad_request_fails_at_once_with_its_reason(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with fast_bot(fake_telegram, tmp_path, FAST) as h:
        db = h.services.db
        await subs.subscribe(db, 604, "private", [])
        h.fake.fail_next(
            "sendMessage", status=400, description="Bad Request: message is too long", chat_id=604
        )
        await add(h, "Too long, apparently")
        await eventually(lambda: drained(db))
        [row] = await rows(db, "chat_id = 604")
        assert (row["status"], row["attempts"]) == ("failed", 1)
        assert "message is too long" in row["error"].lower()
        chat = await subs.get_chat(db, 604)
        assert chat is not None and chat.active


async def test_migrated_group_is_delivered_at_its_new_id(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with fast_bot(fake_telegram, tmp_path, {**FAST, "NEWSBRIEF_GROUP_RATE": "1200"}) as h:
        db = h.services.db
        old, new = -700, -1000000000700
        await subs.subscribe(db, old, "group", ["rail", ""])
        await subs.subscribe(db, old, "group", [])
        h.fake.migrate_chat(old, new)
        first = await add(h, "Rail news", "The rail line reopens.", wake=False)
        second = await add(h, "Other news", "Nothing about trains.", wake=False)
        delivery.wake(h.app)
        await eventually(lambda: drained(db))
        assert sorted(article_ids(h.fake.sent(new))) == [first, second]
        assert h.fake.sent(old) == []
        assert await subs.get_chat(db, old) is None
        moved = await subs.get_chat(db, new)
        assert moved is not None and moved.chat_type == "supergroup"
        assert {s.keyword for s in await subs.list_subscriptions(db, new)} == {"rail", ""}
        assert {(r["chat_id"], r["status"]) for r in await rows(db)} == {(new, "sent")}
        # And new articles are matched for the new id from now on.
        third = await add(h, "Rail again", "More rail news.")
        await eventually(lambda: drained(db))
        assert article_ids(h.fake.sent(new))[-1] == third


async def test_migration_onto_a_known_chat_merges_without_duplicates(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with fast_bot(fake_telegram, tmp_path, {**FAST, "NEWSBRIEF_GROUP_RATE": "1200"}) as h:
        db = h.services.db
        old, new = -710, -1000000000710
        await subs.subscribe(db, old, "group", ["rail", "bus"])
        await subs.subscribe(db, new, "supergroup", ["rail"])
        h.fake.migrate_chat(old, new)
        both = await add(h, "Rail and bus", "The rail and bus lines.", wake=False)
        bus = await add(h, "Bus only", "A new bus route.", wake=False)
        delivery.wake(h.app)
        await eventually(lambda: drained(db))
        assert sorted(article_ids(h.fake.sent(new))) == [both, bus]
        assert await subs.get_chat(db, old) is None
        assert {s.keyword for s in await subs.list_subscriptions(db, new)} == {"rail", "bus"}


async def test_server_errors_are_retried_until_they_succeed(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with fast_bot(fake_telegram, tmp_path, FAST) as h:
        db = h.services.db
        await subs.subscribe(db, 801, "private", [])
        h.fake.fail_chat(801, 500, times=2)
        article = await add(h, "Third time lucky")
        await eventually(lambda: drained(db))
        assert article_ids(h.fake.sent(801)) == [article]
        [row] = await rows(db, "chat_id = 801")
        assert (row["status"], row["attempts"], row["error"]) == ("sent", 3, None)
        statuses = [
            r.response_status
            for r in h.fake.requests
            if r.method == "sendMessage" and r.params["chat_id"] == 801
        ]
        assert statuses == [500, 500, 200]


async def test_persistent_server_errors_fail_after_max_attempts(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with fast_bot(fake_telegram, tmp_path, {**FAST, "NEWSBRIEF_MAX_SEND_ATTEMPTS": "3"}) as h:
        db = h.services.db
        await subs.subscribe(db, 802, "private", [])
        await subs.subscribe(db, 803, "private", [])
        h.fake.fail_chat(802, 502, times=3)
        h.fake.fail_next("sendMessage", status=504, times=3, chat_id=803)
        await add(h, "Never arrives")
        await eventually(lambda: drained(db))
        for chat, reason in ((802, "Bad Gateway"), (803, "504")):
            [row] = await rows(db, "chat_id = ?", (chat,))
            assert (row["status"], row["attempts"]) == ("failed", 3)
            assert reason in row["error"]
            calls = [c for c in h.fake.calls("sendMessage") if c["chat_id"] == chat]
            assert len(calls) == 3
        assert worker_of(h).counts["5xx"] == 6  # every attempt counted, by outcome
        # An operator can put them back once the cause is fixed (the faults are used up).
        assert await deliveries.retry_failed(db) == 2
        delivery.wake(h.app)
        await eventually(lambda: drained(db))
        assert len(h.fake.sent(802)) == 1 and len(h.fake.sent(803)) == 1


async def test_flood_control_pauses_all_sending(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with fast_bot(fake_telegram, tmp_path, {**FAST, "NEWSBRIEF_SEND_RATE": "10"}) as h:
        db = h.services.db
        chats = list(range(900, 915))
        for chat in chats:
            await subs.subscribe(db, chat, "private", [])
        await h.fake.wait_until(lambda: True)
        await add(h, "Breaking", wake=False)
        h.fake.fail_next("sendMessage", status=429, retry_after=1, times=1)
        delivery.wake(h.app)
        await eventually(lambda: drained(db), timeout=15)
        sends = [r for r in h.fake.requests if r.method == "sendMessage"]
        [limited] = [r for r in sends if r.response_status == 429]
        during = [r for r in sends if limited.at + 0.05 < r.at < limited.at + 0.95]
        assert during == []  # no chat got anything while Telegram asked us to wait
        after = [r for r in sends if r.at >= limited.at + 0.95]
        assert len(after) >= len(chats) - 2
        assert {m.chat_id for m in h.fake.sent()} == set(chats)
        # The row that met the 429 was not charged an attempt for it.
        [row] = await rows(db, "chat_id = ?", (limited.params["chat_id"],))
        assert (row["status"], row["attempts"]) == ("sent", 1)
        assert worker_of(h).counts["429"] == 1


async def test_one_send_crashing_does_not_stop_the_worker(
    fake_telegram: FakeTelegram, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = delivery_worker.format_article

    def explode_on_poison(article: Any, **kwargs: Any) -> str:
        if article.title == "Poison":
            raise RuntimeError("formatting bug")
        return real(article, **kwargs)

    monkeypatch.setattr(delivery_worker, "format_article", explode_on_poison)
    async with fast_bot(fake_telegram, tmp_path, {**FAST, "NEWSBRIEF_MAX_SEND_ATTEMPTS": "2"}) as h:
        db = h.services.db
        await subs.subscribe(db, 950, "private", [])
        poison = await add(h, "Poison")
        fine = await add(h, "Fine")
        await eventually(lambda: drained(db))
        assert article_ids(h.fake.sent(950)) == [fine]
        [row] = await rows(db, "article_id = ?", (poison,))
        assert row["status"] == "failed" and "formatting bug" in row["error"]


async def test_stop_lets_sends_in_flight_finish(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    fake_telegram.set_latency(0.3)
    async with fast_bot(fake_telegram, tmp_path, {**FAST, "NEWSBRIEF_SEND_RATE": "50"}) as h:
        db = h.services.db
        for chat in range(1000, 1040):
            await subs.subscribe(db, chat, "private", [])
        await add(h, "Interrupted")
        await h.fake.wait_for_request("sendMessage")
        # Leaving the block runs post_shutdown, which stops the worker mid-broadcast.
    db = await open_database(tmp_path / "bot.db")
    try:
        counts = await deliveries.counts(db)
        assert counts["sending"] == 0
        assert counts["sent"] == len(fake_telegram.sent()) > 0
        assert counts["pending"] == 40 - counts["sent"] > 0
    finally:
        await db.close()


# ---- pacing on a fake clock, the failure policy, the prepared body ---------------------------


def test_pacer_spaces_starts_and_uses_the_whole_budget() -> None:
    pacer = Pacer(rate=10.0)
    now, starts = 0.0, []
    for _ in range(50):  # a sender that starts each send the moment its slot comes
        start = pacer.reserve(now)
        now = start
        pacer.started(now)
        starts.append(start)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) == pytest.approx(0.1)
    assert starts[-1] == pytest.approx(4.9)  # 50 sends in 4.9 s: nothing wasted
    # Timer lateness within the slack is absorbed; a real stall pushes the next slot out.
    slot = pacer.reserve(now)
    pacer.started(slot + 0.004)
    assert pacer.reserve(slot) == pytest.approx(slot + 0.1)
    late = pacer.reserve(slot + 1.0)  # a second behind: no burst of catch-up sends
    pacer.started(late)
    assert pacer.reserve(late) == pytest.approx(late + 0.1)


def test_chat_spacing_keeps_only_chats_still_cooling() -> None:
    settings = load_settings(
        {"TELEGRAM_BOT_TOKEN": "1:x", "NEWSBRIEF_CHAT_RATE": "1", "NEWSBRIEF_GROUP_RATE": "20"}
    )
    spacing = ChatSpacing(settings)
    assert spacing.interval(5) == pytest.approx(1.05)
    assert spacing.interval(-5) == pytest.approx(3.15)  # 20/min, with the margin
    for n in range(100_000):  # chats sent to over a long broadcast, 1,000 a second
        spacing.book(n, n / 1000)
        if n % 1000 == 0:
            spacing.prune(n / 1000)
    # Pruned once a second (as each claim does): at most about rate x (interval + 1 s),
    # not every chat ever sent to.
    assert len(spacing) <= 2100
    assert spacing.ready_at(99_999) == pytest.approx(99.999 + 1.05)
    assert sorted(spacing.cooling(101.0)) == list(range(99_951, 100_000))


def test_rate_meter_averages_over_the_last_minute() -> None:
    meter = RateMeter(now=0.0)
    for n in range(1200):
        meter.add(n / 10)  # 10/s for two minutes
    assert meter.rate(120.0) == pytest.approx(10.0, rel=0.05)
    assert meter.rate(240.0) == 0.0


def test_classify_maps_each_failure_to_one_outcome() -> None:
    token = "123:SECRET"
    assert classify(RetryAfter(3)) == Retry("flood control: retry after 3s", 3.0, key="429")
    assert classify(ChatMigrated(-100123)) == Migrated(-100123)
    assert classify(Forbidden("Forbidden: bot was blocked by the user")).key == "403"
    assert isinstance(classify(BadRequest("Bad Request: chat not found")), Gone)
    assert classify(BadRequest("Bad Request: message is too long")) == Failed(
        "Message is too long"  # PTB drops the "Bad Request: " prefix
    )
    assert classify(ServerError("Bad Gateway", 502)) == Retry("Bad Gateway", key="5xx")
    outcome = classify(OSError(f"cannot reach /bot{token}/sendMessage for 1234567"), token)
    assert outcome == Retry("OSError: cannot reach /bot<token>/sendMessage for <id>", key="network")


def test_prepared_body_is_the_message_with_any_chat_id() -> None:
    prepared = prepare("<b>Hi</b> & “quotes”", "https://e.org/a")
    body = b'{"chat_id":%d%b' % (-100, prepared)
    assert json.loads(body) == {
        "chat_id": -100,
        "text": "<b>Hi</b> & “quotes”",
        "parse_mode": "HTML",
        "link_preview_options": {"url": "https://e.org/a"},
    }
    assert json.loads(b'{"chat_id":1%b' % prepare("x"))["link_preview_options"] == {
        "is_disabled": True
    }
    assert isinstance(api_error(429, {"parameters": {"retry_after": 5}}), RetryAfter)
    assert isinstance(api_error(400, {"parameters": {"migrate_to_chat_id": -1001}}), ChatMigrated)


async def test_commands_are_answered_while_a_broadcast_drains(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    """A reply does not queue behind the outbox: it is sent while the broadcast is going."""
    env = {"NEWSBRIEF_SEND_RATE": "40", "NEWSBRIEF_CHAT_RATE": "20"}
    async with fast_bot(fake_telegram, tmp_path, env) as h:
        db = h.services.db
        readers = range(5000, 5300)  # 300 chats at 40 msg/s: several seconds of sending
        for chat in readers:
            await subs.subscribe(db, chat, "private", [])
        await add(h, "Harbour ferry resumes", "The harbour ferry ran again on Monday.")
        def delivered() -> int:
            return sum(len(h.fake.sent(chat)) for chat in readers)

        async def under_way() -> bool:
            return delivered() > 0

        await eventually(under_way)

        (answer,) = await h.ask("/latest", user_id=7777)

        assert "Harbour ferry resumes" in answer.plain_text
        assert delivered() < len(readers) // 2  # answered early in the broadcast, not after it
        await eventually(lambda: drained(db), timeout=60)
        assert delivered() == len(readers)


def test_the_worker_does_not_import_the_digests() -> None:
    # The digests use the worker; the worker hears of gone and moved chats only through
    # the callbacks app.post_init gives it.
    code = "import sys, bot.delivery.worker; print('bot.delivery.digests' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"


# ---- storage ---------------------------------------------------------------------------------


async def test_outbox_queries(tmp_path: Path) -> None:
    db = await open_database(tmp_path / "outbox.db")
    try:
        for chat in (1, 2, 3):
            await subs.subscribe(db, chat, "private", [])
        a = await add(db, "A")
        b = await add(db, "B")
        claimed = await deliveries.claim_due(db, 10)
        # One row per chat per claim, round-robin across articles.
        assert [c.chat_id for c in claimed] == [1, 2, 3]
        assert {c.article_id for c in claimed} == {a}
        assert (await deliveries.counts(db))["sending"] == 3
        # Chats the worker already holds are skipped, even for another article.
        more = await deliveries.claim_due(db, 10, exclude_chats=[1, 2])
        assert [(c.article_id, c.chat_id) for c in more] == [(b, 3)]
        # A killed process left rows 'sending': the next start puts them back.
        assert await deliveries.recover_in_flight(db) == 4
        assert (await deliveries.counts(db))["sending"] == 0
        first = (await deliveries.claim_due(db, 1))[0]
        await deliveries.mark_sent(db, first.id, 42)
        assert await deliveries.sent_in_last(db, 60) == 1
        second = (await deliveries.claim_due(db, 1))[0]
        assert second.chat_id == 2
        past = "2000-01-01T00:00:00+00:00"
        assert await deliveries.mark_retry(db, second.id, "Bad Gateway", past) == 1
        await deliveries.mark_failed(db, second.id, "Bad Gateway")
        assert (await deliveries.get_delivery(db, second.id)) is not None
        assert await deliveries.retry_failed(db) == 1
        again = await deliveries.get_delivery(db, second.id)
        assert again is not None and (again.status, again.attempts) == ("pending", 0)
        assert await deliveries.chat_blocked(db, 3, "blocked") == 2
        assert await deliveries.release(db, []) == 0
    finally:
        await db.close()


async def test_a_claim_tells_each_chats_language_and_zone(tmp_path: Path) -> None:
    # Resolved as handlers resolve it: the /language choice, else a private chat's
    # sender's, else English (a group); the digest zone comes along for dates.
    db = await open_database(tmp_path / "lang.db")
    try:
        await subs.subscribe(db, 1, "private", [], "es-ES")
        await subs.subscribe(db, 2, "private", [], "ru")
        await subs.subscribe(db, -3, "group", [], "de")
        await subs.subscribe(db, -4, "group", [])
        await set_chat_language(db, 2, "private", "fr")
        await set_chat_language(db, -4, "group", "pt_BR")
        async with db.transaction() as conn:
            await conn.execute("UPDATE chats SET digest_tz = 'Asia/Tokyo' WHERE chat_id = 1")
        await add(db, "A")
        claimed = {c.chat_id: (c.language, c.zone) for c in await deliveries.claim_due(db, 10)}
        assert claimed == {
            1: ("es", "Asia/Tokyo"),
            2: ("fr", None),
            -3: ("en", None),
            -4: ("pt_BR", None),
        }
    finally:
        await db.close()


async def test_claims_alternate_between_articles(tmp_path: Path) -> None:
    db = await open_database(tmp_path / "fair.db")
    try:
        for chat in range(1, 21):
            await subs.subscribe(db, chat, "private", [])
        await subs.subscribe(db, 100, "private", ["rail"])
        await subs.subscribe(db, 101, "private", ["rail"])
        big = await add(db, "Everyone")
        small = await add(db, "Rail", "The rail line.")
        claimed = await deliveries.claim_due(db, 4)
        assert [c.article_id for c in claimed] == [big, small, big, small]
    finally:
        await db.close()


# ---- a SIGKILL mid-broadcast -----------------------------------------------------------------


def _bot_env(fake: FakeTelegram, db_path: Path, **extra: str) -> Mapping[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "NEWSBRIEF_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=fake.token,
        TELEGRAM_API_BASE_URL=fake.base_url,
        NEWSBRIEF_DB=str(db_path),
        NEWSBRIEF_SEND_RATE="20",
        NEWSBRIEF_LOG_LEVEL="INFO",
        PTB_TIMEDELTA="true",
        **extra,
    )
    return env


async def _spawn(env: Mapping[str, str], cwd: Path, log: Path) -> asyncio.subprocess.Process:
    handle = log.open("ab")
    try:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=dict(env), cwd=cwd, stdout=handle, stderr=handle
        )
    finally:
        handle.close()


async def test_sigkill_mid_broadcast_resumes_without_loss(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    subscribers = list(range(10_001, 10_201))
    db_path = tmp_path / "kill.db"
    db = await open_database(db_path)
    try:
        for chat in subscribers:
            await subs.subscribe(db, chat, "private", [])
        article = await add(db, "The one broadcast")
    finally:
        await db.close()
    fake_telegram.set_latency(0.2)  # a few sends always in flight
    env = _bot_env(fake_telegram, db_path)
    log = tmp_path / "bot.log"

    first = await _spawn(env, tmp_path, log)
    try:
        await fake_telegram.wait_for_sent(80, timeout=60)
    finally:
        first.send_signal(signal.SIGKILL)
        await first.wait()
    sent_at_kill = len(fake_telegram.sent())
    with sqlite3.connect(db_path) as conn:
        in_flight_at_kill = conn.execute(
            "SELECT count(*) FROM deliveries WHERE status = 'sending'"
        ).fetchone()[0]
        marked_at_kill = conn.execute(
            "SELECT count(*) FROM deliveries WHERE status = 'sent'"
        ).fetchone()[0]
    assert sent_at_kill < len(subscribers)  # it really was mid-broadcast

    second = await _spawn(env, tmp_path, log)
    try:
        await fake_telegram.wait_until(
            lambda: {m.chat_id for m in fake_telegram.sent()} >= set(subscribers), timeout=60
        )

        def all_marked() -> bool:
            with sqlite3.connect(db_path) as conn:
                return conn.execute(
                    "SELECT count(*) FROM deliveries WHERE status = 'sent'"
                ).fetchone()[0] == len(subscribers)

        await fake_telegram.wait_until(all_marked, timeout=10)
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(second.wait(), 20)
        except TimeoutError:
            second.kill()
            await second.wait()
    per_chat = Counter(m.chat_id for m in fake_telegram.sent() if m.chat_id in subscribers)
    duplicates = sum(n - 1 for n in per_chat.values())
    print(
        f"\nSIGKILL after {sent_at_kill} of {len(subscribers)} sent ({marked_at_kill} marked): "
        f"{in_flight_at_kill} rows in flight, {duplicates} duplicate(s) after the restart"
    )
    assert set(per_chat) == set(subscribers)  # nobody lost
    assert duplicates <= in_flight_at_kill  # at least once, and only the in-flight few twice
    assert all(f"#{article}" in m.plain_text for m in fake_telegram.sent())
    assert second.returncode == 0, log.read_text()[-2000:]
    assert fake_telegram.token not in log.read_text()
