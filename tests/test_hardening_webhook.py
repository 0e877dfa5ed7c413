"""Issue 9, rows 2 and 5: the webhook is always authenticated and never buffers a stranger's body.

The real `newsbrief run` process in webhook mode, with NEWSBRIEF_WEBHOOK_SECRET
unset (the default), against the fake Bot API; requests come over real HTTP
and raw sockets on loopback.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from pathlib import Path

import httpx
from fake_telegram import FakeTelegram
from test_run import (
    SECRET_HEADER,
    answers_start_by_webhook,
    first_post,
    free_port,
    start_bot,
    stop_bot,
    webhook_update,
)

from bot.webhook import MAX_BODY

ADMIN = 1000
HUGE = 95_000_000


FORGED_POST = webhook_update(
    "/post Forged headline\n\nForged text that must never reach a subscriber. " * 3,
    user_id=ADMIN,
    update_id=1,
)


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


async def raw_post(port: int, headers: dict[str, str], body_bytes: int) -> tuple[bytes, int]:
    """POST over a raw socket: the headers alone first, and the server must answer them,
    then up to body_bytes of body until it hangs up. Returns (status line, bytes sent)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    writer.write(f"POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}\r\n".encode())
    await writer.drain()
    sent = 0
    try:
        # Answered before a single byte of the body was sent: it cannot have been read.
        status = await asyncio.wait_for(reader.readline(), timeout=30)
        chunk = b"x" * 1_000_000
        while sent < body_bytes:
            try:
                writer.write(chunk[: body_bytes - sent])
                await asyncio.wait_for(writer.drain(), timeout=5)
            except (ConnectionError, TimeoutError):
                break
            sent += len(chunk)
    finally:
        writer.close()
    return status, sent


async def test_webhook_without_configured_secret_is_authenticated(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    process = await start_bot(
        fake_telegram,
        tmp_path,
        NEWSBRIEF_WEBHOOK_URL=f"https://127.0.0.1:{port}/hook",
        NEWSBRIEF_WEBHOOK_PORT=str(port),
    )
    try:
        request = await fake_telegram.wait_for_request("setWebhook", timeout=60)
        secret = str(request.params.get("secret_token") or "")
        assert len(secret) >= 32, "a strong secret is generated when none is configured"
        good = {SECRET_HEADER: secret}
        async with httpx.AsyncClient() as client:
            refused = await first_post(client, url, FORGED_POST)
            assert refused.status_code == 403
            wrong = await client.post(
                url, json=FORGED_POST, headers={SECRET_HEADER: "guess"}
            )
            assert wrong.status_code == 403
            malformed = await client.post(
                url,
                content=b'{"update_id": 5, "message": ',
                headers={**good, "Content-Type": "application/json"},
            )
            assert malformed.status_code == 400
            not_an_update = await client.post(url, json=[1, 2], headers=good)
            assert not_an_update.status_code == 400

            before = rss_kb(process.pid)
            # Four strangers announce 95 MB each and start sending: refused on the headers.
            results = await asyncio.gather(
                *(
                    raw_post(
                        port,
                        {"Content-Type": "application/json", "Content-Length": str(HUGE)},
                        HUGE,
                    )
                    for _ in range(4)
                )
            )
            for status, sent in results:
                assert status.startswith(b"HTTP/1.1 403"), status
                assert sent < HUGE
            # Even with the secret, an oversized update is refused before it is read.
            status, _ = await raw_post(
                port,
                {**good, "Content-Type": "application/json", "Content-Length": str(HUGE)},
                0,
            )
            assert status.startswith(b"HTTP/1.1 413"), status
            grown_mb = (rss_kb(process.pid) - before) / 1024
            assert grown_mb < 30, f"the process grew by {grown_mb:.0f} MB"

            await answers_start_by_webhook(client, url, secret, fake_telegram, update_id=9)
    finally:
        code, log = await stop_bot(process, signal.SIGTERM)
    assert code == 0, log
    assert "secret generated at start-up" in log
    assert secret not in log
    assert "Traceback" not in log
    # The forged admin /post was never processed: nothing stored, nothing sent.
    with sqlite3.connect(tmp_path / "bot.db") as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert not fake_telegram.sent(ADMIN)
    assert MAX_BODY <= 1_000_000
