"""Issue 16, item 5: the webhook cannot be held by slow or idle peers.

Before, 1,100 loopback connections that sent headers and one byte stayed open,
a correctly signed update then timed out, and tornado's accept loop spun on
EMFILE writing tracebacks. Everything here runs on 127.0.0.1, bounded in count
and time.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from harness import BotHarness
from test_run import SECRET_HEADER, free_port, webhook_update

from bot import webhook
from bot.config import ConfigError, load_settings

SECRET = "Invented-Webhook-Secret_0042"
ROOT = Path(__file__).resolve().parents[1]


async def _serve(
    bot: BotHarness, path: str = "hook"
) -> tuple[webhook.Server, webhook.Listener, int]:
    server = webhook.make_server(bot.app, path, SECRET)
    port = free_port()
    listener = webhook.Listener.bind(server, port, "127.0.0.1")
    listener.start()
    return server, listener, port


async def _closed_by_server(reader: asyncio.StreamReader, within: float) -> bool:
    """Whether the server answers or hangs up within `within` seconds."""
    try:
        await asyncio.wait_for(reader.read(), within)
    except TimeoutError:
        return False
    except ConnectionError:
        return True
    return True


async def _signed_start(port: int, path: str = "hook", update_id: int = 1) -> httpx.Response:
    async with httpx.AsyncClient(timeout=5) as client:
        return await client.post(
            f"http://127.0.0.1:{port}/{path}",
            json=webhook_update("/start", user_id=74_001, update_id=update_id),
            headers={SECRET_HEADER: SECRET},
        )


async def test_slow_and_idle_peers_are_cut_off_and_a_signed_update_still_comes_in(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(webhook, "HEADER_TIMEOUT", 1.0)
    monkeypatch.setattr(webhook, "BODY_TIMEOUT", 1.0)
    server, listener, port = await _serve(bot)
    peers: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    try:
        # 100 strangers: headers without the secret, a small length, and one byte of body.
        for _ in range(100):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(
                b"POST /hook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 500\r\n\r\n{"
            )
            peers.append((reader, writer))
        # 100 more that never finish their headers.
        for _ in range(100):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"POST /hook HTTP/1.1\r\nHost: x\r\n")
            peers.append((reader, writer))
        started = time.monotonic()
        closed = await asyncio.gather(*(_closed_by_server(r, 4.0) for r, _ in peers))
        assert all(closed), f"{closed.count(False)} of {len(peers)} connections still open"
        assert time.monotonic() - started < 4.0
        answer = await _signed_start(port)
        assert answer.status_code == 200
        await bot.fake.wait_for_sent(chat_id=74_001, timeout=10)
    finally:
        for _, writer in peers:
            writer.close()
        listener.close()
        await server.close_all_connections()


async def test_connections_over_the_cap_are_closed_as_they_are_accepted(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(webhook, "HEADER_TIMEOUT", 1.0)
    server, listener, port = await _serve(bot)
    listener.max_connections = 20
    writers = []
    try:
        for _ in range(40):
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writers.append(writer)
        deadline = time.monotonic() + 5
        while listener.refused < 20 and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert listener.refused == 20
        assert server.open_connections <= 20
        # The idle ones time out; then a signed update gets a place.
        await asyncio.sleep(1.5)
        assert (await _signed_start(port, update_id=2)).status_code == 200
    finally:
        for writer in writers:
            writer.close()
        listener.close()
        await server.close_all_connections()


async def test_the_webhook_path_is_matched_literally(bot: BotHarness) -> None:
    server, listener, port = await _serve(bot, "tg/bot+1")
    try:
        assert (await _signed_start(port, "tg/bot+1", update_id=3)).status_code == 200
        await bot.fake.wait_for_sent(chat_id=74_001, timeout=10)
        # As a pattern it matched "/tg/bott1", and never the path itself.
        assert (await _signed_start(port, "tg/bott1", update_id=4)).status_code == 404
    finally:
        listener.close()
        await server.close_all_connections()


@pytest.mark.parametrize(
    "secret",
    ["a", "short-Secret1", "a" * 40, "ab" * 20, "has space in it 123456", "ünïcode-secret-1234"],
)
def test_a_weak_webhook_secret_is_refused_without_printing_it(secret: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings({"NEWSBRIEF_WEBHOOK_SECRET": secret})
    message = str(info.value)
    assert "NEWSBRIEF_WEBHOOK_SECRET" in message and "16-256 characters" in message
    assert f"={secret!r}" not in message and "(hidden)" in message


def test_a_strong_webhook_secret_is_accepted() -> None:
    settings = load_settings({"NEWSBRIEF_WEBHOOK_SECRET": SECRET})
    assert settings.webhook_secret == SECRET


# The listener in a process of its own with 64 file descriptors: out of them, it pauses.
CHILD = """
import asyncio, logging, resource, sys
from bot import webhook

async def main() -> None:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    server = webhook.make_server(None, "hook", "Invented-Webhook-Secret_0042")
    listener = webhook.Listener.bind(server, int(sys.argv[1]), "127.0.0.1")
    listener.max_connections = 10_000  # the descriptors run out first
    listener.start()
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, hard))
    print("READY", flush=True)
    await asyncio.sleep(6)
    print("PAUSES", listener.pauses, flush=True)

asyncio.run(main())
"""


@pytest.mark.e2e  # a subprocess, or 10,000 feeds: seconds, not milliseconds
async def test_out_of_file_descriptors_the_listener_pauses_quietly(tmp_path: Path) -> None:
    port = free_port()
    err = tmp_path / "stderr"
    with err.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(port)],
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    writers = []
    try:
        assert child.stdout is not None
        ready = await asyncio.to_thread(child.stdout.readline)
        assert ready.strip() == b"READY"
        for _ in range(100):
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writers.append(writer)
        await asyncio.sleep(2)
        for writer in writers:
            writer.close()
        writers.clear()
        await asyncio.sleep(1.5)  # the pause ends; closed connections free descriptors
        async with httpx.AsyncClient(timeout=5) as client:
            refused = await client.post(f"http://127.0.0.1:{port}/hook", json={})
        assert refused.status_code == 403  # accepting again, and checking the secret
        line = await asyncio.to_thread(child.stdout.readline)
        assert line.startswith(b"PAUSES") and int(line.split()[1]) >= 1
    finally:
        for writer in writers:
            writer.close()
        child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    log = err.read_bytes()
    # Before: tornado retried accept() at once and logged a traceback each time (227 MB
    # in 25 s in the run); now one line a minute.
    assert b"out of file descriptors" in log
    assert len(log) < 2_000, len(log)
    assert b"Traceback" not in log
