"""Issue 9, rows 6 and 7: caps on keywords, and every number a user sends parsed strictly."""

from __future__ import annotations

import asyncio

import pytest
from harness import USER_ID, BotHarness

from bot.storage import subscriptions as subs
from bot.text import clamped_int, strict_int


def test_strict_int() -> None:
    assert strict_int("12") == 12
    assert strict_int(" 7 ") == 7
    for bad in ("", "²", "٣", "1²", "-1", "+1", "1.0", "10" * 10, str(10**20), str(2**63)):
        assert strict_int(bad) is None, bad
    assert strict_int(str(2**63 - 1)) == 2**63 - 1
    assert strict_int("1001", high=1000) is None


def test_clamped_int_for_counts() -> None:
    """/latest [n]: absent is the default, too many is the most, not a number is None."""
    assert clamped_int(" ", default=5, low=1, high=20) == 5
    assert clamped_int("7", default=5, low=1, high=20) == 7
    assert clamped_int("0", default=5, low=1, high=20) == 1
    for many in ("1000", str(2**63), "9" * 5000):
        assert clamped_int(many, default=5, low=1, high=20) == 20, many
    for bad in ("x", "²", "-3", "1.5"):
        assert clamped_int(bad, default=5, low=1, high=20) is None, bad


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/latest ²", "Usage: /latest"),
        ("/brief ²", "Usage: /brief"),
        ("/brief 99999999999999999999", "Usage: /brief"),
        ("/latest 99999999999999999999", "/brief_"),  # the most there is, as for /latest 50
    ],
)
async def test_numbers_get_a_clear_answer(bot: BotHarness, command: str, expected: str) -> None:
    await bot.seed(3)
    (answer,) = await bot.ask(command)
    assert expected in answer.plain_text
    assert "Sorry" not in answer.plain_text  # not the apology for a crash


async def test_brief_shortcut_with_a_superscript_is_ignored(bot: BotHarness) -> None:
    await bot.seed(3)
    bot.fake.queue_message("/brief_²", user_id=USER_ID)
    (answer,) = await bot.ask("/brief 1")  # the next reply is for /brief 1: nothing crashed
    assert "Sorry" not in answer.plain_text
    assert not [m for m in bot.fake.sent(USER_ID) if "Sorry" in m.plain_text]


@pytest.mark.parametrize("offset", ["²", str(10**20), "-5", "abc"])
async def test_bad_search_page_callbacks(bot: BotHarness, offset: str) -> None:
    await bot.seed()
    (results,) = await bot.ask("/search the")
    button = results.reply_markup["inline_keyboard"][0][0]["callback_data"]
    _, key, _ = button.split(":")
    answers = await bot.press(f"search:{key}:{offset}", message=results, expect="answer")
    assert "expired" in answers[0].get("text", "")
    assert not [m for m in bot.fake.sent(USER_ID) if "Sorry" in m.plain_text]


@pytest.mark.parametrize("offset", ["²", str(10**20)])
async def test_inline_query_with_bad_offset_is_answered_empty(bot: BotHarness, offset: str) -> None:
    await bot.seed(5)
    before = len(bot.fake.calls("answerInlineQuery"))
    bot.fake.queue_inline_query("", user_id=USER_ID, offset=offset)
    await bot.fake.wait_until(lambda: len(bot.fake.calls("answerInlineQuery")) > before, 15)
    answer = bot.fake.calls("answerInlineQuery")[-1]
    assert answer["results"] == []


async def test_keyword_length_is_capped(bot: BotHarness) -> None:
    phrase = " ".join(["word"] * 1440)  # 7,199 characters
    (answer,) = await bot.ask(f'/subscribe "{phrase}"')
    assert "at most 100 characters" in answer.plain_text
    assert await subs.list_subscriptions(bot.services.db, USER_ID) == []


async def test_keyword_cap_holds_under_concurrent_subscribes(bot: BotHarness) -> None:
    """Eight /subscribe commands of 50 keywords each, at once: 50 stored at most."""
    for batch in range(8):
        words = " ".join(f"kw{batch}x{i}" for i in range(50))
        bot.fake.queue_message(f"/subscribe {words}", user_id=USER_ID)
    await bot.fake.wait_for_sent(8, chat_id=USER_ID, timeout=60)
    stored = await subs.list_subscriptions(bot.services.db, USER_ID)
    assert 0 < len(stored) <= 50


async def test_keyword_cap_in_storage_is_atomic(bot: BotHarness) -> None:
    db = bot.services.db

    async def add(batch: int) -> bool:
        try:
            await subs.subscribe(
                db,
                4242,
                "private",
                [f"w{batch}x{i}" for i in range(50)],
                max_subscriptions=50,
            )
        except subs.TooManySubscriptionsError:
            return False
        return True

    outcomes = await asyncio.gather(*(add(batch) for batch in range(8)))
    assert outcomes.count(True) == 1
    assert len(await subs.list_subscriptions(db, 4242)) == 50
