"""Run the real newsbrief Application against the fake Bot API, as run_polling would.

PTB calls post_init/post_shutdown only from run_polling/run_webhook, which own
the event loop; tests need the loop, so this module replays the same sequence:
initialize, post_init, start polling, start … stop, shutdown, post_shutdown.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fake_telegram import FakeTelegram, SentMessage

from bot.app import build_application
from bot.config import Settings, load_settings
from bot.delivery import running_worker
from bot.services import Services, app_services
from bot.storage.articles import ArticleDraft, add_articles

ADMIN_ID = 1000
USER_ID = 2000
OTHER_USER_ID = 3000
DATA = Path(__file__).resolve().parents[1] / "data" / "articles.jsonl"


@dataclass
class BotHarness:
    app: Any
    fake: FakeTelegram
    settings: Settings

    @property
    def services(self) -> Services:
        return app_services(self.app)

    async def ask(
        self,
        text: str,
        *,
        user_id: int = USER_ID,
        chat_id: int | None = None,
        chat_type: str = "private",
        expect: int = 1,
        **extra: Any,
    ) -> list[SentMessage]:
        """Send a message as a user and return the bot's next `expect` messages to that chat."""
        chat = chat_id if chat_id is not None else user_id
        before = len(self.fake.sent(chat))
        self.fake.queue_message(text, user_id=user_id, chat_id=chat, chat_type=chat_type, **extra)
        sent = await self.fake.wait_for_sent(before + expect, chat_id=chat, timeout=15)
        return sent[before:]

    async def press(
        self, data: str, *, message: SentMessage, user_id: int = USER_ID, expect: str = "edit"
    ) -> Any:
        """Press an inline button on a bot message; wait for its answer (and edit or reply)."""
        chat = message.chat_id if message.chat_id is not None else user_id
        answers = len(self.fake.calls("answerCallbackQuery"))
        sent_before = len(self.fake.sent(chat))
        self.fake.queue_callback_query(
            data, user_id=user_id, chat_id=chat, message_id=message.message_id
        )
        await self.fake.wait_until(
            lambda: len(self.fake.calls("answerCallbackQuery")) > answers, timeout=15
        )
        if expect in ("edit", "reply"):
            sent = await self.fake.wait_for_sent(sent_before + 1, chat_id=chat, timeout=15)
            return sent[sent_before:]
        return self.fake.calls("answerCallbackQuery")[answers:]

    async def seed(self, count: int | None = None) -> list[int]:
        """Store sample articles directly (brief = first two sentences), no delivery wake."""
        return await seed_articles(self.services, count)


async def seed_articles(svc: Services, count: int | None = None) -> list[int]:
    items = []
    for line in DATA.read_text(encoding="utf-8").splitlines()[:count]:
        record = json.loads(line)
        draft = ArticleDraft(
            title=record["title"],
            body=record["body"],
            url=record["url"],
            source=record["source"],
        )
        brief = [p for p in record["body"].split("\n\n") if len(p.split()) > 8][:2]
        items.append((draft, brief))
    results = await add_articles(svc.db, items, deliver=False)
    return [r.article_id for r in results]


async def eventually(
    check: Callable[[], Awaitable[bool]], timeout: float = 10.0, message: str = ""
) -> None:
    """Wait for a condition the fake cannot signal (a database row), re-checked every 20 ms."""
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s {message}")
        await asyncio.sleep(0.02)


async def polls_finished(bot: BotHarness, timeout: float = 20.0) -> None:
    """Wait until no feed-poll round of the bot is running: a feed that a round still polls
    is skipped by another round, so a test that polls by hand waits for the job's first."""

    async def idle() -> bool:
        return not bot.services.feeds_polling

    await eventually(idle, timeout, "(a feed poll still running)")


def bot_settings(fake: FakeTelegram, db_path: Path, **env: str) -> Settings:
    base: dict[str, str] = {
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "NEWSBRIEF_DB": str(db_path),
        "NEWSBRIEF_ADMIN_IDS": str(ADMIN_ID),
        # Stories off unless a test turns them on (tests/test_stories_e2e.py): the other
        # tests push short, alike invented texts that are each meant to arrive.
        "NEWSBRIEF_STORY_WINDOW_HOURS": "0",
    }
    base.update(env)
    return load_settings(base)


@asynccontextmanager
async def running_bot(
    fake: FakeTelegram,
    db_path: Path,
    env: Mapping[str, str] | None = None,
    *,
    retry_backoff: float | None = None,
) -> AsyncIterator[BotHarness]:
    """The real application, polling the fake Bot API, with its delivery worker running.

    retry_backoff sets the worker's first retry delay, so delivery tests see retries in
    tens of milliseconds rather than seconds.
    """
    settings = bot_settings(fake, db_path, **dict(env or {}))
    app = build_application(settings)
    await app.initialize()
    try:
        await app.post_init(app)
        await app.updater.start_polling(poll_interval=0, timeout=1, allowed_updates=None)
        await app.start()
        if retry_backoff is not None:
            worker = running_worker(app)
            assert worker is not None
            worker.backoff_base = retry_backoff
        try:
            yield BotHarness(app, fake, settings)
        finally:
            await app.updater.stop()
            await app.stop()
    finally:
        await app.shutdown()
        await app.post_shutdown(app)
