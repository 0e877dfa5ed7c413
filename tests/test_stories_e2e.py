"""Stories end to end on the fake Bot API: one push per story, the keyword chat that only a
later report matches, the admin told a post joined a story, /brief_N, /unlink, and a real
`python -m bot run` killed with SIGKILL between two reports."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from pathlib import Path

from fake_telegram import FakeTelegram
from harness import ADMIN_ID, eventually, running_bot
from test_delivery import FAST, _bot_env, _spawn, article_ids, drained
from test_stories import FERRY_A, FERRY_B, MARKET

from bot import delivery
from bot.storage import subscriptions as subs
from bot.storage.articles import ArticleDraft, add_articles
from bot.storage.db import open_database


async def test_one_push_per_story_and_the_keyword_chat_gets_the_later_report(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    env = {**FAST, "NEWSBRIEF_STORY_WINDOW_HOURS": "24"}
    async with running_bot(fake_telegram, tmp_path / "bot.db", env) as h:
        db = h.services.db
        await subs.subscribe(db, 11, "private", [])  # all news
        await subs.subscribe(db, 12, "private", ["inspected"])  # only the second report
        [first, market] = await add_articles(db, [(FERRY_A, ["A."]), (MARKET, ["M."])])
        delivery.wake(h.app)
        await eventually(lambda: drained(db))
        assert sorted(article_ids(fake_telegram.sent(11))) == [first.article_id, market.article_id]
        [push] = [m for m in fake_telegram.sent(11) if f"#{first.article_id}" in m.plain_text]
        assert "Coast News" in push.plain_text  # the push names its source

        # The second outlet's report, posted by an admin: stored, joined, not pushed to 11.
        text = f"/post {FERRY_B.title}\n{FERRY_B.url}\n{FERRY_B.body}"
        [answer] = await h.ask(text, user_id=ADMIN_ID)
        assert f"Joined story #{first.story_id} (2 sources), not pushed again." in (
            answer.plain_text
        )
        await eventually(lambda: drained(db))
        second_id = max(article_ids([answer]))
        assert sorted(article_ids(fake_telegram.sent(11))) == [first.article_id, market.article_id]
        assert article_ids(fake_telegram.sent(12)) == [second_id]

        # /brief_N shows the whole story: the brief, then every report with its source.
        [brief] = await h.ask(f"/brief_{first.article_id}")
        assert "This story, 2 reports:" in brief.plain_text
        assert "Coast News" in brief.plain_text
        assert "harbourdaily.example" in brief.plain_text  # /post had no source: the host
        assert f"/brief_{second_id}" in brief.plain_text

        # /latest: one line per story, with its number of sources.
        [latest] = await h.ask("/latest")
        assert latest.plain_text.count("2 sources") == 1
        assert "Port Aldwin opens a covered market" in latest.plain_text

        # /search: one result per story, with its sources; inline mode shares it once.
        [found] = await h.ask("/search Marisol ferry")
        assert found.plain_text.count("/brief_") == 1
        assert "2 sources" in found.plain_text
        fake_telegram.queue_inline_query("Marisol", user_id=12)
        request = await fake_telegram.wait_for_request("answerInlineQuery", timeout=15)
        assert len(request.params["results"]) == 1

        # /unlink splits the second report off; nothing is pushed again.
        [unlinked] = await h.ask(f"/unlink {second_id}", user_id=ADMIN_ID)
        assert f"#{second_id} left story #{first.story_id}" in unlinked.plain_text
        [alone] = await h.ask(f"/brief_{first.article_id}")
        assert "This story" not in alone.plain_text
        [again] = await h.ask(f"/unlink {second_id}", user_id=ADMIN_ID)
        assert "already a story of its own" in again.plain_text
        await eventually(lambda: drained(db))
        assert len(fake_telegram.sent(11)) == 2
        assert len(fake_telegram.sent(12)) == 1


async def test_a_story_is_not_pushed_twice_across_a_sigkill(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    """The first report is pushed, the bot is killed with SIGKILL, a new process stores the
    second report: it joins the story and only the keyword chat it alone matches gets it."""
    db_path = tmp_path / "kill.db"
    db = await open_database(db_path)
    try:
        for chat in (21, 22, 23):
            await subs.subscribe(db, chat, "private", [])
        await subs.subscribe(db, 24, "private", ["inspected"])
    finally:
        await db.close()
    env = _bot_env(fake_telegram, db_path, NEWSBRIEF_ADMIN_IDS=str(ADMIN_ID))
    log = tmp_path / "bot.log"

    first = await _spawn(env, tmp_path, log)
    try:
        await fake_telegram.wait_for_request("getUpdates", timeout=60)
        fake_telegram.queue_message(_post(FERRY_A), user_id=ADMIN_ID)
        [stored] = await fake_telegram.wait_for_sent(1, chat_id=ADMIN_ID, timeout=60)
        assert "Queued for 3 subscriber chats." in stored.plain_text, stored.plain_text
        # Killed once the pushes are recorded as sent (a send still in flight at a kill
        # is repeated after the restart, by design: that is the outbox's at-least-once).
        await fake_telegram.wait_until(lambda: _sent_rows(db_path) == 3, timeout=30)
    finally:
        first.send_signal(signal.SIGKILL)
        await first.wait()

    second = await _spawn(env, tmp_path, log)
    try:
        await fake_telegram.wait_for_request("getUpdates", timeout=60)
        fake_telegram.queue_message(_post(FERRY_B), user_id=ADMIN_ID)
        answers = await fake_telegram.wait_for_sent(2, chat_id=ADMIN_ID, timeout=60)
        assert "(2 sources), not pushed again." in answers[1].plain_text, answers[1].plain_text
        await fake_telegram.wait_until(lambda: bool(fake_telegram.sent(24)), timeout=30)
        await asyncio.sleep(0.5)  # time for any wrong second push to show
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(second.wait(), 20)
        except TimeoutError:
            second.kill()
            await second.wait()
    for chat in (21, 22, 23):
        [push] = fake_telegram.sent(chat)
        assert FERRY_A.title in push.plain_text
    [keyword] = fake_telegram.sent(24)
    assert FERRY_B.title in keyword.plain_text
    assert second.returncode == 0, log.read_text()[-2000:]


def _sent_rows(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        return int(
            conn.execute("SELECT count(*) FROM deliveries WHERE status = 'sent'").fetchone()[0]
        )


def _post(draft: ArticleDraft) -> str:
    return f"/post {draft.title}\n{draft.url}\n{draft.body}"


async def test_the_digest_has_one_entry_per_story_with_its_sources(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    from bot.delivery import digests

    env = {**FAST, "NEWSBRIEF_STORY_WINDOW_HOURS": "24"}
    async with running_bot(fake_telegram, tmp_path / "bot.db", env) as h:
        db = h.services.db
        await subs.subscribe(db, 31, "private", [])
        await subs.set_digest(db, 31, "private", "08:00", "UTC")
        items = [(FERRY_A, ["A."]), (MARKET, ["M."]), (FERRY_B, ["B."])]
        [ferry, _market, second] = await add_articles(db, items)
        assert second.story_id == ferry.story_id
        assert await digests.send_digest(h.app, db, 31) == 2
        [message] = fake_telegram.sent(31)
        assert message.plain_text.startswith("Your daily digest: 2 briefs\n")
        assert FERRY_A.title in message.plain_text and FERRY_B.title not in message.plain_text
        assert "2 sources" in message.plain_text
        assert MARKET.title in message.plain_text
