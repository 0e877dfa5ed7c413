"""Settings, built once from an environment mapping.

Nothing here reads ``os.environ`` or ``.env`` at import time: the CLI loads
``.env`` and passes the environment in, and tests pass plain dicts. A bad value
fails fast with one line naming the variable and what it accepts, before any
network or database work starts.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from bot.text import strict_int

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_DB = "data/newsbrief.db"

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("text", "json")


class ConfigError(ValueError):
    """A setting has a value we cannot use; the message is one line for the operator."""


T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """Everything the bot and the CLI need to know about their environment."""

    token: str | None = None
    api_base_url: str = DEFAULT_API_BASE_URL
    db_path: Path = Path(DEFAULT_DB)
    admin_ids: frozenset[int] = frozenset()
    language: str = "english"
    brief_sentences: int = 3
    summarizer: str = "auto"
    log_level: str = "INFO"
    # Webhook mode is on when webhook_url is set; long polling otherwise.
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str | None = None
    # Delivery: Telegram's documented limits are the defaults.
    send_rate: float = 30.0
    chat_rate: float = 1.0
    group_rate_per_minute: float = 20.0
    max_send_attempts: int = 5
    # Feeds.
    feed_interval: int = 600
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 5_000_000
    feed_failure_threshold: int = 5
    max_feeds: int = 1000  # feeds an OPML import (or /addfeed) may bring the total to
    # Feeds polled at once, so one slow feed delays no other.
    feed_concurrency: int = 4
    # One feed's poll, teaser pages and briefs included: past it, the entries left wait for
    # the next poll.
    feed_poll_budget: float = 120.0
    # Teaser pages fetched in one poll of one feed; the others wait for the next poll.
    feed_max_fetches: int = 10
    # Off: feeds and pages are fetched from public addresses only (see bot.sources.client).
    fetch_allow_private: bool = False
    # Operations: the metrics endpoint is off unless a port is set.
    metrics_port: int | None = None
    metrics_listen: str = "127.0.0.1"
    retention_days: int = 30  # finished delivery rows; 0 keeps them forever
    article_retention_days: int | None = None  # None keeps articles forever
    # Reports join a story while it had one within this many hours; 0: every article alone.
    story_window_hours: int = 24
    log_format: str = "text"
    user_agent: str = field(
        default="newsbrief/0.1 (+https://github.com/newsbrief/newsbrief; news brief bot)"
    )

    def require_token(self) -> str:
        """The token, or a clear error: only `run` needs one."""
        if not self.token:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather in .env "
                "or the environment"
            )
        return self.token

    @property
    def webhook_enabled(self) -> bool:
        return self.webhook_url is not None

    def __repr__(self) -> str:
        # The token must never reach a log line or a traceback through repr().
        shown = "***" if self.token else None
        return (
            f"Settings(token={shown!r}, api_base_url={self.api_base_url!r}, "
            f"db_path={str(self.db_path)!r}, admins={len(self.admin_ids)}, "
            f"language={self.language!r}, summarizer={self.summarizer!r})"
        )


def _get(
    env: Mapping[str, str], name: str, parse: Callable[[str], T], default: T, accepts: str
) -> T:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return parse(raw.strip())
    except (ValueError, TypeError):
        shown = raw if len(raw) <= 40 else raw[:37] + "..."
        if name.endswith("_SECRET"):
            shown = "(hidden)"  # even a weak secret is not printed
        raise ConfigError(f"{name}={shown!r} is not valid: expected {accepts}") from None


def _positive_int(raw: str, *, low: int = 1, high: int = 10**9) -> int:
    value = int(raw)
    if not low <= value <= high:
        raise ValueError(raw)
    return value


def _positive_float(raw: str) -> float:
    value = float(raw)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(raw)
    return value


def _admin_ids(raw: str) -> frozenset[int]:
    parts = [p for p in raw.replace(";", ",").replace(" ", ",").split(",") if p]
    ids = [strict_int(p, low=1) for p in parts]
    # ASCII digits only: int() also reads "1_001" and Arabic-Indic digits as numbers, and an
    # admin list must say exactly who it names.
    if any(i is None for i in ids):
        raise ValueError(raw)
    return frozenset(i for i in ids if i is not None)


def _http_url(raw: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(raw)
    return raw


def _choice(options: tuple[str, ...], *, lower: bool = True) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        value = raw.lower() if lower else raw.upper()
        if value not in options:
            raise ValueError(raw)
        return value

    return parse


def _language(raw: str) -> str:
    # Imported here rather than at the top so that importing bot.config stays light;
    # load_settings still loads sumy and nltk once, to name the languages in its error hint.
    from bot.briefs import supported_languages

    value = raw.lower()
    if value not in supported_languages():
        raise ValueError(raw)
    return value


def load_settings(environ: Mapping[str, str]) -> Settings:
    """Build Settings from an environment mapping, raising ConfigError on the first bad value."""
    env = environ
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip() or None
    if token is not None and (":" not in token or any(c.isspace() for c in token)):
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is not valid: expected the token from @BotFather, "
            "like 123456:ABC-DEF..."
        )
    from bot.briefs import SUMMARIZER_NAMES, supported_languages

    settings = Settings(
        token=token,
        api_base_url=_get(
            env, "TELEGRAM_API_BASE_URL", _http_url, DEFAULT_API_BASE_URL, "an http(s) URL"
        ),
        db_path=_get(env, "NEWSBRIEF_DB", Path, Path(DEFAULT_DB), "a file path"),
        admin_ids=_get(
            env,
            "NEWSBRIEF_ADMIN_IDS",
            _admin_ids,
            frozenset(),
            "comma-separated numeric Telegram user ids, like 12345,67890",
        ),
        language=_get(
            env,
            "NEWSBRIEF_LANGUAGE",
            _language,
            "english",
            "one of " + ", ".join(supported_languages()),
        ),
        brief_sentences=_get(
            env,
            "NEWSBRIEF_BRIEF_SENTENCES",
            lambda r: _positive_int(r, high=20),
            3,
            "a whole number from 1 to 20",
        ),
        summarizer=_get(
            env,
            "NEWSBRIEF_SUMMARIZER",
            _choice(SUMMARIZER_NAMES),
            "auto",
            "one of " + ", ".join(SUMMARIZER_NAMES),
        ),
        log_level=_get(
            env,
            "NEWSBRIEF_LOG_LEVEL",
            _choice(LOG_LEVELS, lower=False),
            "INFO",
            "one of " + ", ".join(LOG_LEVELS),
        ),
        webhook_url=_get(env, "NEWSBRIEF_WEBHOOK_URL", _http_url, None, "an https URL"),
        webhook_listen=_get(
            env, "NEWSBRIEF_WEBHOOK_LISTEN", str, "127.0.0.1", "an address to listen on"
        ),
        webhook_port=_get(
            env,
            "NEWSBRIEF_WEBHOOK_PORT",
            lambda r: _positive_int(r, high=65535),
            8443,
            "a port number from 1 to 65535",
        ),
        webhook_secret=_get(
            env,
            "NEWSBRIEF_WEBHOOK_SECRET",
            _webhook_secret,
            None,
            f"{MIN_WEBHOOK_SECRET}-256 characters of A-Z, a-z, 0-9, _ and -, not one or two "
            "repeated (make one: python -c 'import secrets; print(secrets.token_urlsafe(32))')",
        ),
        send_rate=_get(
            env, "NEWSBRIEF_SEND_RATE", _positive_float, 30.0, "messages per second, above 0"
        ),
        chat_rate=_get(
            env,
            "NEWSBRIEF_CHAT_RATE",
            _positive_float,
            1.0,
            "messages per second to one chat, above 0",
        ),
        group_rate_per_minute=_get(
            env,
            "NEWSBRIEF_GROUP_RATE",
            _positive_float,
            20.0,
            "messages per minute to one group, above 0",
        ),
        max_send_attempts=_get(
            env,
            "NEWSBRIEF_MAX_SEND_ATTEMPTS",
            lambda r: _positive_int(r, high=100),
            5,
            "a whole number from 1 to 100",
        ),
        feed_interval=_get(
            env,
            "NEWSBRIEF_FEED_INTERVAL",
            lambda r: _positive_int(r, low=10, high=7 * 86400),
            600,
            "seconds between feed polls, from 10 to 604800",
        ),
        fetch_timeout=_get(
            env, "NEWSBRIEF_FETCH_TIMEOUT", _positive_float, 20.0, "seconds, above 0"
        ),
        fetch_max_bytes=_get(
            env,
            "NEWSBRIEF_FETCH_MAX_BYTES",
            lambda r: _positive_int(r, low=1024),
            5_000_000,
            "a size in bytes, at least 1024",
        ),
        feed_failure_threshold=_get(
            env,
            "NEWSBRIEF_FEED_FAILURES",
            lambda r: _positive_int(r, high=1000),
            5,
            "a whole number from 1 to 1000",
        ),
        max_feeds=_get(
            env,
            "NEWSBRIEF_MAX_FEEDS",
            lambda r: _positive_int(r, high=1_000_000),
            1000,
            "a whole number from 1 to 1000000",
        ),
        feed_concurrency=_get(
            env,
            "NEWSBRIEF_FEED_CONCURRENCY",
            lambda r: _positive_int(r, high=64),
            4,
            "a whole number of feeds from 1 to 64",
        ),
        feed_poll_budget=_get(
            env, "NEWSBRIEF_FEED_POLL_BUDGET", _positive_float, 120.0, "seconds, above 0"
        ),
        feed_max_fetches=_get(
            env,
            "NEWSBRIEF_FEED_MAX_FETCHES",
            lambda r: _positive_int(r, low=0, high=50),
            10,
            "a whole number of pages from 0 to 50",
        ),
        fetch_allow_private=_get(
            env, "NEWSBRIEF_FETCH_ALLOW_PRIVATE", _flag, False, "1 or 0 (true or false)"
        ),
        metrics_port=_get(
            env,
            "NEWSBRIEF_METRICS_PORT",
            lambda r: _positive_int(r, high=65535),
            None,
            "a port number from 1 to 65535 (unset: no metrics endpoint)",
        ),
        metrics_listen=_get(
            env, "NEWSBRIEF_METRICS_LISTEN", str, "127.0.0.1", "an address to listen on"
        ),
        retention_days=_get(
            env,
            "NEWSBRIEF_RETENTION_DAYS",
            lambda r: _positive_int(r, low=0, high=36500),
            30,
            "days from 0 (keep forever) to 36500",
        ),
        article_retention_days=_get(
            env,
            "NEWSBRIEF_ARTICLE_RETENTION_DAYS",
            lambda r: _positive_int(r, high=36500),
            None,
            "days from 1 to 36500 (unset: keep articles forever)",
        ),
        story_window_hours=_get(
            env,
            "NEWSBRIEF_STORY_WINDOW_HOURS",
            lambda r: _positive_int(r, low=0, high=720),
            24,
            "hours from 0 (no stories: every article on its own) to 720",
        ),
        log_format=_get(
            env, "NEWSBRIEF_LOG_FORMAT", _choice(LOG_FORMATS), "text", "text or json"
        ),
    )
    return settings


def _flag(raw: str) -> bool:
    value = raw.lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(raw)


# Telegram takes 1-256 characters; anything shorter than this is guessable.
MIN_WEBHOOK_SECRET = 16


def _webhook_secret(raw: str) -> str:
    allowed = all(c.isascii() and (c.isalnum() or c in "_-") for c in raw)
    # A long run of one or two characters ("aaaa…", "abab…") is as weak as a short one.
    if not MIN_WEBHOOK_SECRET <= len(raw) <= 256 or not allowed or len(set(raw)) < 6:
        raise ValueError(raw)
    return raw


def log_level_number(settings: Settings) -> int:
    return logging.getLevelNamesMapping()[settings.log_level]
