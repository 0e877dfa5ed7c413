"""Muted words: an article a chat muted is neither pushed to it nor put in its digest.

Unit checks on the matcher (in-memory database), then the whole path on the fake
Bot API: /mute, a push that does not come, a digest entry that is left out.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fake_telegram import FakeTelegram
from harness import ADMIN_ID, USER_ID, BotHarness, running_bot

from bot import delivery
from bot.delivery import digests
from bot.storage import deliveries, mutes
from bot.storage import subscriptions as subs
from bot.storage.articles import ArticleDraft, add_articles
from bot.storage.db import Database, open_database

BRIEF = ["A one-sentence brief."]


async def add(db: Database, title: str, body: str) -> int:
    [result] = await add_articles(db, [(ArticleDraft(title=title, body=body), BRIEF)])
    assert result.status == "added"
    return result.article_id


async def queued_for(db: Database, chat_id: int) -> set[int]:
    rows = await db.conn.execute_fetchall(
        "SELECT article_id FROM deliveries WHERE chat_id = ?", (chat_id,)
    )
    return {row[0] for row in rows}


async def test_a_mute_wins_over_keyword_and_all_news() -> None:
    # Stories off: these three one-line texts share words, and the point here is the
    # mute, not whether they report one event.
    db = await open_database(":memory:", story_window_hours=0)
    await subs.subscribe(db, 1, "private", [])  # all news
    await subs.subscribe(db, 2, "private", ["rail"])
    await subs.subscribe(db, 3, "private", ["rail"])  # mutes nothing: control
    await mutes.mute(db, 1, "private", ["football"])
    await mutes.mute(db, 2, "private", ["transfer window"])  # a phrase

    sport = await add(db, "Footballers strike over rail travel", "The players took the rail.")
    window = await add(db, "Rail firm opens a transfer window", "Tickets can be moved.")
    scattered = await add(db, "Rail window repaired", "A transfer of staff followed.")

    assert await queued_for(db, 1) == {window, scattered}  # "footballers" stems to football
    assert await queued_for(db, 2) == {sport, scattered}  # the phrase, not its words apart
    assert await queued_for(db, 3) == {sport, window, scattered}
    await db.close()


async def test_mute_and_unmute_with_cap(db: Database) -> None:
    result = await mutes.mute(db, 5, "private", ["Elections", "elections", "x"], max_mutes=50)
    assert result.added == ("Elections", "x") and result.already == ("elections",)
    with pytest.raises(mutes.TooManyMutesError):
        await mutes.mute(db, 5, "private", [f"word{i}" for i in range(49)], max_mutes=50)
    assert await mutes.list_mutes(db, 5) == ["Elections", "x"]  # nothing of the refused batch
    assert await mutes.unmute(db, 5, ["election"]) == ["Elections"]  # by stem
    assert await mutes.unmute(db, 5, None) == ["x"]
    assert await mutes.list_mutes(db, 5) == []


async def test_a_chat_that_comes_back_to_mute_is_active_again(db: Database) -> None:
    # Every chat-scoped write records the chat with the one storage.chats.upsert_chat: a chat
    # that blocked the bot and then sends /mute is talking to us again, as after /subscribe.
    await subs.subscribe(db, 7, "private", ["rail"])
    await deliveries.chat_blocked(db, 7, "Forbidden: bot was blocked by the user")
    chat = await subs.get_chat(db, 7)
    assert chat is not None and not chat.active
    await mutes.mute(db, 7, "private", ["football"])
    chat = await subs.get_chat(db, 7)
    assert chat is not None and chat.active


async def test_forget_deletes_mutes(db: Database) -> None:
    await mutes.mute(db, 6, "private", ["sport"])
    await subs.forget_chat(db, 6)
    assert await mutes.list_mutes(db, 6) == []


# ---- end to end ------------------------------------------------------------------------------


@pytest.fixture
async def bot(fake_telegram: FakeTelegram, tmp_path: Path) -> AsyncIterator[BotHarness]:
    env = {"NEWSBRIEF_SEND_RATE": "200", "NEWSBRIEF_CHAT_RATE": "50"}
    async with running_bot(fake_telegram, tmp_path / "bot.db", env) as harness:
        yield harness


POST_MUTED = (
    "/post Harbour derby ends in a draw\n"
    "The football derby at the harbour stadium ended without goals on Saturday evening. "
    "Both coaches praised the defenders and said the harbour crowd had been loud all night. "
    "The return match is planned for the spring after the harbour works are finished."
)
POST_KEPT = (
    "/post Harbour ferry gets a new timetable\n"
    "The harbour ferry will leave every twenty minutes from Monday, the operator said today. "
    "Commuters had asked for more crossings in the morning and the harbour office agreed. "
    "Evening crossings stay as they are until the summer timetable begins in June."
)


async def test_muted_word_suppresses_a_push_and_a_digest_entry(bot: BotHarness) -> None:
    (muted,) = await bot.ask('/mute football "penalty shootout"')
    assert "football" in muted.plain_text and "penalty shootout" in muted.plain_text
    (sub,) = await bot.ask("/subscribe harbour")
    assert "harbour" in sub.plain_text
    (listing,) = await bot.ask("/subscriptions")
    assert "harbour" in listing.plain_text
    assert "Muted: football and penalty shootout" in listing.plain_text

    # A digest chat (the group) that follows all news and mutes the same word.
    group = -100777
    await bot.ask("/subscribe", user_id=ADMIN_ID, chat_id=group, chat_type="supergroup")
    await bot.ask("/mute footballs", user_id=ADMIN_ID, chat_id=group, chat_type="supergroup")
    await bot.ask("/digest 08:00", user_id=ADMIN_ID, chat_id=group, chat_type="supergroup")

    before = len(bot.fake.sent(USER_ID))
    await bot.ask(POST_MUTED, user_id=ADMIN_ID, chat_id=ADMIN_ID)
    await bot.ask(POST_KEPT, user_id=ADMIN_ID, chat_id=ADMIN_ID)
    pushed = await bot.fake.wait_for_sent(before + 1, chat_id=USER_ID, timeout=15)
    assert "ferry" in pushed[-1].plain_text
    delivery.wake(bot.app)
    assert all("derby" not in m.plain_text for m in bot.fake.sent(USER_ID))

    db = bot.services.db
    # A word muted after the article was queued still keeps it out of the digest.
    await bot.ask("/mute ferries", user_id=ADMIN_ID, chat_id=group, chat_type="supergroup")
    sent_before = len(bot.fake.sent(group))
    assert await digests.send_digest(bot.app, db, group) == 0
    assert len(bot.fake.sent(group)) == sent_before
    assert (await deliveries.counts(db)).get("digest", 0) == 0

    (gone,) = await bot.ask(
        "/unmute ferries", user_id=ADMIN_ID, chat_id=group, chat_type="supergroup"
    )
    assert "ferries" in gone.plain_text
    (nothing,) = await bot.ask("/unmute cricket")
    assert nothing.plain_text == "That was not muted. /subscriptions shows what is."


async def test_mute_is_for_group_admins_and_capped(bot: BotHarness) -> None:
    group = -100778
    (refused,) = await bot.ask("/mute sport", chat_id=group, chat_type="supergroup")
    assert "only its admins" in refused.plain_text
    (long,) = await bot.ask("/mute " + "a" * 101)
    assert "at most 100 characters" in long.plain_text
    words = " ".join(f"w{i}x" for i in range(51))
    (many,) = await bot.ask(f"/mute {words}")
    assert "at most 50 words" in many.plain_text
    (usage,) = await bot.ask("/mute")
    assert usage.plain_text.startswith("Usage: /mute")
