"""`newsbrief run` as an operator runs it: a real process against the fake Bot API."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from fake_telegram import FakeTelegram

pytestmark = pytest.mark.e2e  # `python -m bot run` against the fake Bot API

SECRET_TOKEN = "987654:SECRET-token_value-never-logged"


async def start_bot(fake: FakeTelegram, tmp_path: Path, **env: str) -> asyncio.subprocess.Process:
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "NEWSBRIEF_DB": str(tmp_path / "bot.db"),
        "NEWSBRIEF_ADMIN_IDS": "1000",
        "NEWSBRIEF_LOG_LEVEL": "DEBUG",
        **env,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def stop_bot(process: asyncio.subprocess.Process, sig: int) -> tuple[int, str]:
    process.send_signal(sig)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    return process.returncode or 0, stderr.decode()


async def answers_start_by_polling(fake: FakeTelegram) -> None:
    """The bot, once it polls the fake, greets a user who sends /start."""
    await fake.wait_for_request("getUpdates", timeout=60)
    fake.queue_message("/start", user_id=42)
    (reply,) = await fake.wait_for_sent(1, chat_id=42, timeout=30)
    assert "Hello" in reply.plain_text


SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_update(text: str, *, user_id: int, update_id: int) -> dict[str, Any]:
    """An update as Telegram posts it to the webhook: text from user_id in their private chat."""
    command = text.split(maxsplit=1)[0]
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1764000000,
            "text": text,
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Admin"},
            "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}],
        },
    }


async def first_post(client: httpx.AsyncClient, url: str, update: dict[str, Any]) -> httpx.Response:
    """POST update without the secret, retrying while the listener (started around
    setWebhook) does not accept connections yet."""
    for _ in range(100):
        try:
            return await client.post(url, json=update)
        except httpx.ConnectError:
            await asyncio.sleep(0.1)
    raise AssertionError(f"nothing listens at {url}")


async def answers_start_by_webhook(
    client: httpx.AsyncClient, url: str, secret: str, fake: FakeTelegram, *, update_id: int
) -> None:
    """/start posted with the webhook secret is accepted, and the bot greets the user."""
    update = webhook_update("/start", user_id=77, update_id=update_id)
    accepted = await client.post(url, json=update, headers={SECRET_HEADER: secret})
    assert accepted.status_code == 200
    (reply,) = await fake.wait_for_sent(1, chat_id=77, timeout=30)
    assert "Hello" in reply.plain_text


@pytest.fixture
async def secret_fake() -> FakeTelegram:
    fake = FakeTelegram(token=SECRET_TOKEN)
    await fake.start()
    yield fake  # type: ignore[misc]
    await fake.stop()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_run_serves_and_stops_cleanly(
    secret_fake: FakeTelegram, tmp_path: Path, sig: int
) -> None:
    process = await start_bot(secret_fake, tmp_path)
    try:
        await answers_start_by_polling(secret_fake)
    finally:
        code, log = await stop_bot(process, sig)
    assert code == 0, log
    assert "Traceback" not in log
    assert "running as @newsbrief_test_bot (long polling)" in log
    assert "newsbrief stopped" in log
    # The token is in every request URL; DEBUG logging must still never show it.
    assert SECRET_TOKEN not in log
    assert "SECRET-token" not in log
    assert stat_mode(tmp_path / "bot.db") == 0o600


async def test_run_error_does_not_leak_token(secret_fake: FakeTelegram, tmp_path: Path) -> None:
    """A failing request (here: the bot is unauthorised) is logged without the token."""
    process = await start_bot(secret_fake, tmp_path, TELEGRAM_BOT_TOKEN="111:WRONG-secret-xyz")
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    log = stderr.decode()
    assert process.returncode != 0
    assert "WRONG-secret-xyz" not in log
    assert "Traceback" not in log or "<token>" in log
    assert "newsbrief: error:" in log


def stat_mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_mode(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    port = free_port()
    process = await start_bot(
        fake_telegram,
        tmp_path,
        # Telegram (and the fake) insist on https; a TLS proxy would sit in front.
        NEWSBRIEF_WEBHOOK_URL=f"https://127.0.0.1:{port}/hook",
        NEWSBRIEF_WEBHOOK_LISTEN="127.0.0.1",
        NEWSBRIEF_WEBHOOK_PORT=str(port),
        NEWSBRIEF_WEBHOOK_SECRET="s3cret-Example-0042",
    )
    try:
        request = await fake_telegram.wait_for_request("setWebhook", timeout=60)
        assert request.params["url"] == f"https://127.0.0.1:{port}/hook"
        assert request.params["secret_token"] == "s3cret-Example-0042"
        url = f"http://127.0.0.1:{port}/hook"
        async with httpx.AsyncClient() as client:
            start = webhook_update("/start", user_id=77, update_id=1)
            refused = await first_post(client, url, start)
            assert refused.status_code == 403  # no secret: Telegram did not send it
            await answers_start_by_webhook(
                client, url, "s3cret-Example-0042", fake_telegram, update_id=1
            )
    finally:
        code, log = await stop_bot(process, signal.SIGTERM)
    assert code == 0, log
    assert "(webhook)" in log
