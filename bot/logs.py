"""Logging set-up: plain or JSON lines, the bot token and webhook secret redacted everywhere,
people's data kept out of libraries' DEBUG lines."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from bot.config import Settings, log_level_number


class RedactingFilter(logging.Filter):
    """Replace the bot token (and the webhook secret) wherever it appears in a log record.

    The HTTP client logs request URLs, and Telegram puts the token in every
    URL; a log file must never become a way to take over the bot, or to forge
    updates to its webhook.
    """

    def __init__(self, secrets: Sequence[str]) -> None:
        super().__init__()
        self.secrets = [(s, "<token>") for s in secrets if s]

    def add_secret(self, secret: str, label: str = "<secret>") -> None:
        """Redact one more value, like a webhook secret generated at start-up."""
        if secret:
            self.secrets.append((secret, label))

    def redact(self, text: str) -> str:
        for secret, label in self.secrets:
            text = text.replace(secret, label)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        redacted = self.redact(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class QuietNetworkRetries(logging.Filter):
    """Keep PTB's network-retry messages but drop their tracebacks below DEBUG.

    "Cannot connect" is an operator's problem, not a bug: a 60-line httpx
    traceback hides the one line that says what is wrong.
    """

    def __init__(self, verbose: bool) -> None:
        super().__init__()
        self.verbose = verbose

    def filter(self, record: logging.LogRecord) -> bool:
        if (
            not self.verbose
            and record.name.startswith("telegram.ext")
            and record.exc_info
            and "Network Retry Loop" in record.getMessage()
        ):
            error = record.exc_info[1]
            record.msg = f"{record.getMessage()} ({type(error).__name__}: {error})"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


# Libraries whose DEBUG lines carry people's data: PTB logs every update and
# every API call's parameters (names, usernames, message texts, chat ids),
# aiosqlite every statement's parameters (chat ids, keywords). They are kept to
# INFO at any NEWSBRIEF_LOG_LEVEL; DEBUG still shows newsbrief's own lines.
PRIVATE_AT_DEBUG = ("telegram", "aiosqlite")


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log shippers (NEWSBRIEF_LOG_FORMAT=json).

    It formats the record after the handler's filters ran, so the message and
    traceback it prints are the redacted ones, exactly as in text mode.
    """

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(settings: Settings, stream: Any = None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s")
        )
    secrets = [settings.token] if settings.token else []
    handler.addFilter(QuietNetworkRetries(settings.log_level == "DEBUG"))
    redacting = RedactingFilter(secrets)
    if settings.webhook_secret:
        redacting.add_secret(settings.webhook_secret)
    handler.addFilter(redacting)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    # httpx logs every request URL at INFO, token included: keep it to warnings.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    for name in PRIVATE_AT_DEBUG:
        logging.getLogger(name).setLevel(max(logging.INFO, log_level_number(settings)))
    # tornado (the webhook server) logs callers' addresses and malformed requests.
    logging.getLogger("tornado").setLevel(logging.WARNING)


def redact_in_logs(secret: str) -> None:
    """Add a secret (a webhook secret made at start-up) to every handler's redaction."""
    for handler in logging.getLogger().handlers:
        for log_filter in handler.filters:
            if isinstance(log_filter, RedactingFilter):
                log_filter.add_secret(secret)
