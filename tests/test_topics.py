"""Forum topics: in a forum supergroup each topic follows its own keywords, gets its own
pushes and digest in its own language, and a closed or deleted topic is dropped like a
gone chat without touching the group's other topics. All on the fake Bot API."""

from __future__ import annotations

import itertools
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fake_telegram import FakeTelegram, SentMessage
from harness import ADMIN_ID, BotHarness, eventually, running_bot

from bot.delivery import digests
from bot.storage import subscriptions as subs
from bot.storage import topics

FORUM = -1005550001111


@pytest.fixture
async def bot(fake_telegram: FakeTelegram, tmp_path: Path) -> AsyncIterator[BotHarness]:
    env = {"NEWSBRIEF_SEND_RATE": "200", "NEWSBRIEF_CHAT_RATE": "50", "NEWSBRIEF_GROUP_RATE": "600"}
    async with running_bot(fake_telegram, tmp_path / "bot.db", env) as harness:
        yield harness


async def in_topic(bot: BotHarness, thread: int | None, text: str) -> SentMessage:
    """A command sent by a group admin in a topic (None: the group outside topics)."""
    extra = {} if thread is None else {"message_thread_id": thread}
    (answer,) = await bot.ask(
        text, user_id=ADMIN_ID, chat_id=FORUM, chat_type="supergroup", **extra
    )
    assert answer.message_thread_id == thread, answer.plain_text  # the reply is in the topic
    return answer


def post(title: str, words: str) -> str:
    return (
        f"/post {title}\n"
        f"The {words} story was reported by the city office on Tuesday morning. "
        "Officials gave more details at a briefing and promised a written report. "
        "Residents were told where to find updates during the week ahead. "
        "A second briefing is planned for Friday afternoon at the town hall."
    )


async def pushed(bot: BotHarness, thread: int) -> list[str]:
    return [m.plain_text for m in bot.fake.sent(FORUM, thread_id=thread)]


async def test_two_topics_follow_different_keywords(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    rail = bot.fake.create_topic(FORUM)
    budget = bot.fake.create_topic(FORUM)
    assert "rail" in (await in_topic(bot, rail, "/subscribe rail")).plain_text
    assert "budget" in (await in_topic(bot, budget, "/subscribe budget")).plain_text
    await in_topic(bot, budget, "/language de")
    await in_topic(bot, budget, "/mute parking")
    mine = await in_topic(bot, rail, "/subscriptions")
    assert "rail" in mine.plain_text and "budget" not in mine.plain_text
    theirs = await in_topic(bot, budget, "/subscriptions")
    assert "budget" in theirs.plain_text and "rail" not in theirs.plain_text
    assert "Stummgeschaltet: parking" in theirs.plain_text  # the topic's own language
    outside = await in_topic(bot, None, "/subscriptions")
    assert outside.plain_text.startswith("You have no subscriptions.")  # the group itself

    await bot.ask(post("Rail line reopens", "rail"), user_id=ADMIN_ID)
    await bot.ask(post("Budget vote delayed", "budget"), user_id=ADMIN_ID)
    await bot.ask(post("Budget for parking", "budget parking"), user_id=ADMIN_ID)
    await bot.fake.wait_until(
        lambda: (
            any("Rail line" in m for m in _texts(bot, rail))
            and any("Budget vote" in m for m in _texts(bot, budget))
        ),
        timeout=15,
    )
    rail_texts = " ".join(await pushed(bot, rail))
    budget_texts = " ".join(await pushed(bot, budget))
    assert "Rail line reopens" in rail_texts and "Budget" not in rail_texts
    assert "Budget vote delayed" in budget_texts and "Rail line" not in budget_texts

    # The budget topic switches to a digest: it goes to that topic.
    await in_topic(bot, budget, "/digest 08:00")
    await bot.ask(post("Budget audit published", "budget"), user_id=ADMIN_ID)
    db = bot.services.db
    target = await topics.target_for(db, FORUM, budget)
    await eventually(lambda: _digest_waiting(bot, target))
    assert await digests.send_digest(bot.app, db, target) == 1
    assert "Budget audit published" in bot.fake.sent(FORUM, thread_id=budget)[-1].plain_text

    # The rail topic is closed: it is dropped like a gone chat, with a log line, and the
    # other topic keeps its news.
    bot.fake.close_topic(FORUM, rail)
    await in_topic(bot, budget, "/digest off")
    caplog.set_level(logging.INFO)
    await bot.ask(post("Rail and budget talks", "rail budget"), user_id=ADMIN_ID)
    await bot.fake.wait_until(
        lambda: any("Rail and budget" in m for m in _texts(bot, budget)), timeout=15
    )
    assert not any("Budget for parking" in m for m in _texts(bot, budget))  # muted there
    rail_target = await topics.target_for(db, FORUM, rail)
    await eventually(lambda: _inactive(bot, rail_target))
    assert any("topic_closed" in r.getMessage().lower() for r in caplog.records), [
        r.getMessage() for r in caplog.records
    ]
    assert not any(str(FORUM) in r.getMessage() for r in caplog.records)
    budget_chat = await subs.get_chat(db, target)
    assert budget_chat is not None and budget_chat.active

    # /forget in the group, after confirmation, deletes every topic's data.
    question = await in_topic(bot, budget, "/forget")
    await bot.press("forget:yes", message=question, user_id=ADMIN_ID)
    assert await topics.targets_of(db, FORUM) == []
    for gone in (target, rail_target):
        assert await subs.get_chat(db, gone) is None
        assert await subs.list_subscriptions(db, gone) == []


def _texts(bot: BotHarness, thread: int) -> list[str]:
    return [m.plain_text for m in bot.fake.sent(FORUM, thread_id=thread)]


async def _digest_waiting(bot: BotHarness, target: int) -> bool:
    rows = await bot.services.db.conn.execute_fetchall(
        "SELECT 1 FROM deliveries WHERE chat_id = ? AND status = 'digest'", (target,)
    )
    return bool(rows)


async def _inactive(bot: BotHarness, target: int) -> bool:
    chat = await subs.get_chat(bot.services.db, target)
    return chat is not None and not chat.active


async def test_a_deleted_topic_is_gone_for_that_topic_only(bot: BotHarness) -> None:
    doomed = bot.fake.create_topic(FORUM)
    kept = bot.fake.create_topic(FORUM)
    await in_topic(bot, doomed, "/subscribe harbour")
    await in_topic(bot, kept, "/subscribe harbour")
    bot.fake.delete_topic(FORUM, doomed)
    await bot.ask(post("Harbour gates repaired", "harbour"), user_id=ADMIN_ID)
    await bot.fake.wait_until(
        lambda: any("Harbour gates" in m for m in _texts(bot, kept)), timeout=15
    )
    target = await topics.target_for(bot.services.db, FORUM, doomed)
    await eventually(lambda: _inactive(bot, target))
    assert (await subs.get_chat(bot.services.db, target - 1)) is not None  # the kept topic


async def test_topics_of_one_group_share_the_groups_pace(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    """Telegram's per-group limit counts every message to the group, whatever topic it
    goes to: three topics' pushes of one article are spaced by the group's interval."""
    env = {"NEWSBRIEF_SEND_RATE": "200", "NEWSBRIEF_CHAT_RATE": "50", "NEWSBRIEF_GROUP_RATE": "60"}
    async with running_bot(fake_telegram, tmp_path / "bot.db", env) as bot:
        threads = [bot.fake.create_topic(FORUM) for _ in range(3)]
        for thread in threads:
            await in_topic(bot, thread, "/subscribe")
        await bot.ask(post("Harbour crane", "harbour crane"), user_id=ADMIN_ID)

        def pushes() -> list[SentMessage]:
            found = [m for t in threads for m in bot.fake.sent(FORUM, thread_id=t)]
            return [m for m in found if "Harbour crane" in m.plain_text]

        async def all_pushed() -> bool:
            return len(pushes()) == len(threads)

        await eventually(all_pushed, timeout=15)
        times = sorted(m.at for m in pushes())
        # 60 a minute: one a second to the group (less a little for the fake's clock).
        assert all(b - a >= 0.9 for a, b in itertools.pairwise(times))
