"""Issue 9, row 4: at every log level, no names, usernames, texts, chat ids or secrets."""

from __future__ import annotations

import io
import logging
import signal
from pathlib import Path

from fake_telegram import FakeTelegram
from test_run import start_bot, stop_bot

from bot.config import load_settings
from bot.logs import setup_logging

USER = 5_550_123
GROUP = -1_009_876_543_210
NAME = "Zebulonia"
USERNAME = "zeb_private_handle"
KEYWORD = "marmaladequest"
TEXT = "confidential musings about turnips"


async def test_debug_log_carries_no_personal_data(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    process = await start_bot(fake_telegram, tmp_path)  # NEWSBRIEF_LOG_LEVEL=DEBUG
    try:
        await fake_telegram.wait_for_request("getUpdates", timeout=60)
        person = {"user_id": USER, "first_name": NAME, "username": USERNAME}
        fake_telegram.queue_message(f"/subscribe {KEYWORD}", **person)
        await fake_telegram.wait_for_sent(1, chat_id=USER, timeout=30)
        fake_telegram.queue_message(f"/search {KEYWORD} {TEXT}", **person)
        await fake_telegram.wait_for_sent(2, chat_id=USER, timeout=30)
        fake_telegram.queue_message(TEXT, **person)
        await fake_telegram.wait_for_sent(3, chat_id=USER, timeout=30)
        fake_telegram.queue_message(
            "/subscriptions", chat_id=GROUP, chat_type="supergroup", **person
        )
        await fake_telegram.wait_for_sent(1, chat_id=GROUP, timeout=30)
        answered = len(fake_telegram.calls("answerInlineQuery"))
        fake_telegram.queue_inline_query(f"{KEYWORD} {TEXT}", user_id=USER)
        await fake_telegram.wait_until(
            lambda: len(fake_telegram.calls("answerInlineQuery")) > answered, timeout=30
        )
    finally:
        code, log = await stop_bot(process, signal.SIGTERM)
    assert code == 0, log
    assert "DEBUG" in log  # the level really was DEBUG
    for private in (NAME, USERNAME, KEYWORD, "turnips", str(USER), str(GROUP)):
        assert private not in log, private


def test_webhook_secret_is_redacted_like_the_token() -> None:
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": "123:TOKEN-value",
            "NEWSBRIEF_WEBHOOK_URL": "https://example.org/hook",
            "NEWSBRIEF_WEBHOOK_SECRET": "Webhook-Secret-42",
            "NEWSBRIEF_LOG_LEVEL": "DEBUG",
        }
    )
    stream = io.StringIO()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        setup_logging(settings, stream)
        logging.getLogger("bot.test").debug("url with 123:TOKEN-value and Webhook-Secret-42")
        logging.getLogger("telegram.Bot").debug("parameters: secret_token=Webhook-Secret-42")
        logging.getLogger("aiosqlite").debug("executing with chat id %d", USER)
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        for name in ("telegram", "aiosqlite"):
            logging.getLogger(name).setLevel(logging.NOTSET)
    text = stream.getvalue()
    assert "<token>" in text and "<secret>" in text
    assert "TOKEN-value" not in text and "Webhook-Secret-42" not in text
    assert str(USER) not in text
