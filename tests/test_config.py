"""Settings: defaults, every variable, and one-line errors naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_API_BASE_URL, ConfigError, Settings, load_settings


def test_defaults() -> None:
    settings = load_settings({})
    assert settings.token is None
    assert settings.api_base_url == DEFAULT_API_BASE_URL
    assert settings.db_path == Path("data/newsbrief.db")
    assert settings.admin_ids == frozenset()
    assert (settings.language, settings.brief_sentences, settings.summarizer) == (
        "english",
        3,
        "auto",
    )
    assert settings.log_level == "INFO"
    assert settings.send_rate == 30 and settings.chat_rate == 1
    assert settings.feed_interval == 600
    assert not settings.webhook_enabled


def test_every_variable_is_read() -> None:
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": "123:abc",
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
            "NEWSBRIEF_DB": "/tmp/x.db",
            "NEWSBRIEF_ADMIN_IDS": "1, 2;3",
            "NEWSBRIEF_LANGUAGE": "German",
            "NEWSBRIEF_BRIEF_SENTENCES": "5",
            "NEWSBRIEF_SUMMARIZER": "TextRank",
            "NEWSBRIEF_LOG_LEVEL": "debug",
            "NEWSBRIEF_WEBHOOK_URL": "https://bot.example.org/hook",
            "NEWSBRIEF_WEBHOOK_LISTEN": "0.0.0.0",
            "NEWSBRIEF_WEBHOOK_PORT": "9000",
            "NEWSBRIEF_WEBHOOK_SECRET": "s3cret_-Example-0042",
            "NEWSBRIEF_SEND_RATE": "1000",
            "NEWSBRIEF_CHAT_RATE": "0.5",
            "NEWSBRIEF_GROUP_RATE": "10",
            "NEWSBRIEF_MAX_SEND_ATTEMPTS": "7",
            "NEWSBRIEF_FEED_INTERVAL": "300",
            "NEWSBRIEF_FETCH_TIMEOUT": "5",
            "NEWSBRIEF_FETCH_MAX_BYTES": "100000",
            "NEWSBRIEF_FEED_FAILURES": "3",
        }
    )
    assert settings.admin_ids == frozenset({1, 2, 3})
    assert settings.language == "german" and settings.summarizer == "textrank"
    assert settings.log_level == "DEBUG" and settings.webhook_port == 9000
    assert settings.send_rate == 1000 and settings.feed_interval == 300
    assert settings.webhook_enabled and settings.webhook_secret == "s3cret_-Example-0042"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        (
            "NEWSBRIEF_BRIEF_SENTENCES",
            "zero",
            "NEWSBRIEF_BRIEF_SENTENCES='zero' is not valid: expected a whole number from 1 to 20",
        ),
        ("NEWSBRIEF_BRIEF_SENTENCES", "0", "from 1 to 20"),
        ("NEWSBRIEF_SUMMARIZER", "gpt", "one of lexrank, textrank"),
        ("NEWSBRIEF_LANGUAGE", "klingon", "NEWSBRIEF_LANGUAGE='klingon' is not valid"),
        ("NEWSBRIEF_ADMIN_IDS", "alice", "numeric Telegram user ids"),
        ("TELEGRAM_API_BASE_URL", "ftp://x", "an http(s) URL"),
        ("NEWSBRIEF_LOG_LEVEL", "LOUD", "one of DEBUG, INFO"),
        ("NEWSBRIEF_SEND_RATE", "-1", "messages per second"),
        ("NEWSBRIEF_SEND_RATE", "nan", "messages per second"),
        ("NEWSBRIEF_WEBHOOK_PORT", "70000", "port number"),
        ("TELEGRAM_BOT_TOKEN", "no colon here", "TELEGRAM_BOT_TOKEN is not valid"),
    ],
)
def test_bad_values_are_one_line_errors(name: str, value: str, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings({name: value})
    message = str(info.value)
    assert expected in message and name in message and "\n" not in message


def test_token_is_never_in_repr() -> None:
    settings = load_settings({"TELEGRAM_BOT_TOKEN": "123456:SECRET-TOKEN"})
    assert "SECRET" not in repr(settings)
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN is not set"):
        Settings().require_token()
