"""`newsbrief run` as an operator runs it: a real process against the fake Bot API."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

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
        await secret_fake.wait_for_request("getUpdates", timeout=60)
        secret_fake.queue_message("/start", user_id=42)
        (reply,) = await secret_fake.wait_for_sent(1, chat_id=42, timeout=30)
        assert "Hello" in reply.plain_text
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
    import httpx

    port = free_port()
    process = await start_bot(
        fake_telegram,
        tmp_path,
        # Telegram (and the fake) insist on https; a TLS proxy would sit in front.
        NEWSBRIEF_WEBHOOK_URL=f"https://127.0.0.1:{port}/hook",
        NEWSBRIEF_WEBHOOK_LISTEN="127.0.0.1",
        NEWSBRIEF_WEBHOOK_PORT=str(port),
        NEWSBRIEF_WEBHOOK_SECRET="s3cret",
    )
    try:
        request = await fake_telegram.wait_for_request("setWebhook", timeout=60)
        assert request.params["url"] == f"https://127.0.0.1:{port}/hook"
        assert request.params["secret_token"] == "s3cret"
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 1764000000,
                "text": "/start",
                "chat": {"id": 77, "type": "private"},
                "from": {"id": 77, "is_bot": False, "first_name": "W"},
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            },
        }
        async with httpx.AsyncClient() as client:
            for _ in range(100):  # the listener starts just after setWebhook
                try:
                    refused = await client.post(f"http://127.0.0.1:{port}/hook", json=update)
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.1)
            assert refused.status_code == 403  # no secret: Telegram did not send it
            accepted = await client.post(
                f"http://127.0.0.1:{port}/hook",
                json=update,
                headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"},
            )
            assert accepted.status_code == 200
        (reply,) = await fake_telegram.wait_for_sent(1, chat_id=77, timeout=30)
        assert "Hello" in reply.plain_text
    finally:
        code, log = await stop_bot(process, signal.SIGTERM)
    assert code == 0, log
    assert "(webhook)" in log
