"""Shared fixtures. Keep this small: helpers live in their own modules (fake_telegram.py)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fake_telegram import FakeTelegram
from harness import BotHarness, running_bot

from bot.storage import Database, open_database

# tests/http_server.py's fixtures (http_server, http_client), for every test module.
pytest_plugins = ["http_server"]


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by mark
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark e2e every test that starts the fake Bot API (the fake_telegram fixture, itself or
    through another fixture): such a test runs the real bot over HTTP, or the fake's server.

    Keyed on the fixture rather than the module, so a unit test beside them (a pacer on a fake
    clock in test_delivery.py, say) stays in the fast loop, and modules need no mark of their
    own. Tests that spawn processes or are slow for another reason carry @pytest.mark.e2e.
    """
    for item in items:
        if "fake_telegram" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's TELEGRAM_*/NEWSBRIEF_* variables (or a loaded .env) must not leak in.

    PTB_TIMEDELTA=true: without it PTB 22 warns (PTBDeprecationWarning) whenever a duration
    attribute is read, and RetryAfter reads its own in __init__, so under filterwarnings=error
    every 429 would surface as a warning instead of RetryAfter. With it, RetryAfter.retry_after
    is a datetime.timedelta; the bot must set the same variable (or accept int and timedelta).
    """
    for name in list(os.environ):
        if name.startswith(("TELEGRAM_", "NEWSBRIEF_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    """A started fake Bot API server; point PTB at it with base_url(fake_telegram.base_url)."""
    fake = FakeTelegram()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
async def bot(fake_telegram: FakeTelegram, tmp_path: Path) -> AsyncIterator[BotHarness]:
    """The real bot with default settings on a fresh database file, against the fake Bot API.

    Modules that need other settings define their own ``bot`` with running_bot(..., env).
    """
    async with running_bot(fake_telegram, tmp_path / "bot.db") as harness:
        yield harness


@pytest.fixture
async def db() -> AsyncIterator[Database]:
    """A real, migrated SQLite database, in memory: the same SQL, FTS5 and triggers as a file.

    Tests that need a file (modes, WAL side files, a second connection, a backup) open
    their own with open_database(tmp_path / ...).
    """
    database = await open_database(":memory:")
    try:
        yield database
    finally:
        await database.close()
