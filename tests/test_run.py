"""`newsbrief run` as an operator runs it: a real process against the fake Bot API."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest
from fake_telegram import FakeTelegram

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
