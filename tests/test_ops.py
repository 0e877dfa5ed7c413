"""Operator settings and machine-readable logs (issue 12)."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.config import ConfigError, load_settings
from bot.logs import setup_logging

TOKEN = "123456:SECRET-json-token"


def test_operator_settings_defaults_and_values() -> None:
    default = load_settings({})
    assert default.metrics_port is None and default.metrics_listen == "127.0.0.1"
    assert default.retention_days == 30 and default.article_retention_days is None
    assert default.log_format == "text"
    settings = load_settings(
        {
            "NEWSBRIEF_METRICS_PORT": "9108",
            "NEWSBRIEF_METRICS_LISTEN": "0.0.0.0",
            "NEWSBRIEF_RETENTION_DAYS": "0",
            "NEWSBRIEF_ARTICLE_RETENTION_DAYS": "365",
            "NEWSBRIEF_LOG_FORMAT": "JSON",
        }
    )
    assert settings.metrics_port == 9108 and settings.metrics_listen == "0.0.0.0"
    assert settings.retention_days == 0 and settings.article_retention_days == 365
    assert settings.log_format == "json"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NEWSBRIEF_METRICS_PORT", "0"),
        ("NEWSBRIEF_METRICS_PORT", "http"),
        ("NEWSBRIEF_RETENTION_DAYS", "-1"),
        ("NEWSBRIEF_ARTICLE_RETENTION_DAYS", "0"),
        ("NEWSBRIEF_LOG_FORMAT", "xml"),
    ],
)
def test_bad_operator_settings(name: str, value: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings({name: value})
    assert name in str(info.value) and "\n" not in str(info.value)


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.mark.usefixtures("restore_logging")
def test_json_logs_one_object_per_line_redacted() -> None:
    stream = io.StringIO()
    setup_logging(
        load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "NEWSBRIEF_LOG_FORMAT": "json"}), stream
    )
    log = logging.getLogger("newsbrief.test")
    log.info("calling https://api.telegram.org/bot%s/getMe", TOKEN)
    try:
        raise RuntimeError(f"boom at /bot{TOKEN}/sendMessage\nsecond line")
    except RuntimeError:
        log.exception("request failed")
    output = stream.getvalue()
    assert TOKEN not in output and "SECRET-json" not in output
    lines = output.splitlines()
    assert len(lines) == 2  # the traceback stays inside its object
    first, second = (json.loads(line) for line in lines)
    assert first["level"] == "INFO" and first["logger"] == "newsbrief.test"
    assert first["message"] == "calling https://api.telegram.org/bot<token>/getMe"
    assert first["time"].endswith("+00:00")
    assert second["level"] == "ERROR" and second["message"] == "request failed"
    assert "RuntimeError: boom at /bot<token>/sendMessage" in second["exception"]


@pytest.mark.usefixtures("restore_logging")
def test_text_logs_stay_the_default() -> None:
    stream = io.StringIO()
    setup_logging(load_settings({"TELEGRAM_BOT_TOKEN": TOKEN}), stream)
    logging.getLogger("newsbrief.test").warning("token %s", TOKEN)
    line = stream.getvalue().strip()
    assert line.endswith("WARNING newsbrief.test: token <token>")


def test_every_setting_is_documented() -> None:
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    names = set(
        re.findall(r'"((?:NEWSBRIEF|TELEGRAM)_[A-Z_]+)"', (root / "bot/config.py").read_text())
    )
    assert "NEWSBRIEF_METRICS_PORT" in names
    readme = (root / "README.md").read_text()
    example = (root / ".env.example").read_text()
    for name in names:
        assert f"| `{name}` |" in readme, name
        assert f"\n{name}=" in example, name
