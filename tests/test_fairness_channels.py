"""Issue 16, item 4: flood control counts every update that has a chat.

Before, channel posts (and business messages) bypassed flood control, and the
updates waiting behind one chat's previous one held places shared by all chats:
300 /start posts in one channel delayed another user's private /start by 119 s.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from harness import BotHarness
from telegram import Update

from bot.fairness import CHAT_PENDING, FairUpdateProcessor, _counts, sender_key

CHANNEL = -1_009_990_001
OTHER = 73_001


def _channel_post(fake: Any, text: str, chat_id: int = CHANNEL) -> dict[str, Any]:
    chat = {"id": chat_id, "type": "channel", "title": "A channel of invented news"}
    post = {
        "message_id": fake._new_message_id(chat_id),
        "sender_chat": chat,
        "chat": chat,
        "date": int(time.time()),
        "text": text,
        "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
    }
    return {"channel_post": post}


async def test_a_flooding_channel_does_not_delay_another_user(bot: BotHarness) -> None:
    fake = bot.fake
    fake.set_rate_limits(global_per_second=30, per_chat_per_second=1, per_group_per_minute=20)
    for _ in range(300):
        fake.queue_update(_channel_post(fake, "/start"))
    started = time.monotonic()
    (reply,) = await bot.ask("/start", user_id=OTHER)
    waited = time.monotonic() - started
    assert reply.plain_text
    assert waited < 5.0, waited
    processor = bot.app.update_processor
    assert isinstance(processor, FairUpdateProcessor)
    # The channel's burst was let through, the rest dropped as it arrived.
    await fake.wait_until(lambda: processor.dropped >= 300 - 2 * CHAT_PENDING, timeout=15)
    assert processor.dropped <= 300 - 1
    fake.clear_rate_limits()


def _update(kind: str, chat_type: str = "channel", chat_id: int = CHANNEL) -> Update:
    chat = {"id": chat_id, "type": chat_type, "title": "T"}
    user = {"id": 5, "is_bot": False, "first_name": "U"}
    message = {"message_id": 1, "chat": chat, "date": 0, "text": "hi", "from": user}
    raw: dict[str, Any] = {"update_id": 1}
    if kind == "my_chat_member":
        member = {"user": user, "status": "kicked", "until_date": 0}
        raw[kind] = {
            "chat": chat,
            "from": user,
            "date": 0,
            "old_chat_member": {"user": user, "status": "member"},
            "new_chat_member": member,
        }
    else:
        raw[kind] = message
    update = Update.de_json(raw, None)
    assert update is not None
    return update


@pytest.mark.parametrize(
    "kind",
    ["message", "edited_message", "channel_post", "edited_channel_post", "business_message"],
)
def test_every_update_with_a_chat_counts(kind: str) -> None:
    update = _update(kind)
    assert sender_key(update) == CHANNEL
    assert _counts(update)


def test_membership_changes_are_never_dropped() -> None:
    assert not _counts(_update("my_chat_member"))
