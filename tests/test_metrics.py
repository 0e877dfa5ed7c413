"""/metrics and /healthz over real HTTP while the bot delivers (issue 12)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import httpx
from fake_telegram import FakeTelegram
from harness import ADMIN_ID, USER_ID, eventually, running_bot
from http_server import LocalHTTPServer
from prometheus_client.parser import text_string_to_metric_families
from test_feed_poller import serve_herald
from test_run import free_port

from bot.delivery import running_worker
from bot.storage import deliveries
from bot.storage import subscriptions as subs

SUBSCRIBERS = [901, 902, 903, 904, 905]


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a Prometheus text exposition, by name and labels."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(
    found: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str
) -> float:
    return found[(name, tuple(sorted(labels.items())))]


async def test_metrics_match_what_the_fake_server_saw(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    port = free_port()
    env = {
        "NEWSBRIEF_METRICS_PORT": str(port),
        "NEWSBRIEF_SEND_RATE": "200",
        "NEWSBRIEF_CHAT_RATE": "20",
    }
    async with (
        running_bot(fake_telegram, tmp_path / "bot.db", env) as h,
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http,
    ):
        worker = running_worker(h.app)
        assert worker is not None
        worker.backoff_base = 0.05  # a retry in tens of milliseconds
        health = await http.get("/healthz")
        assert health.status_code == 200
        assert health.json() == {"status": "ok", "checks": {"update_loop": True, "database": True}}

        for chat in SUBSCRIBERS:
            await subs.subscribe(h.services.db, chat, "private", [])
        h.fake.block_chat(902)  # 403
        h.fake.fail_chat(903, 500, times=1)  # 5xx, then sent on the retry
        h.fake.fail_next("sendMessage", status=429, retry_after=1, chat_id=904)  # 429, then sent
        await h.ask("/help", user_id=USER_ID)
        await h.ask("/latest", user_id=USER_ID)
        await h.ask(
            "/post Harbour ferry resumes after the storm\n"
            "The harbour ferry ran again on Monday after three days in port. "
            "Crews checked the pier for damage overnight and found only loose railings. "
            "Passengers queued from dawn, and the operator added two extra crossings "
            "in the afternoon to carry the cars that had waited since Friday.",
            user_id=ADMIN_ID,
        )
        db = h.services.db

        async def drained() -> bool:
            counts = await deliveries.counts(db)
            return counts["pending"] == counts["sending"] == 0

        await eventually(drained, timeout=30)
        scraped = await http.get("/metrics")
        assert scraped.status_code == 200
        assert scraped.headers["content-type"].startswith("text/plain")
        found = samples(scraped.text)

    # What the fake Bot API answered to the worker's sends, by status.
    seen = Counter(
        r.response_status
        for r in fake_telegram.requests
        if r.method == "sendMessage" and r.params["chat_id"] in SUBSCRIBERS
    )
    assert seen == {200: 4, 403: 1, 500: 1, 429: 1}
    assert value(found, "newsbrief_messages_total", outcome="sent") == seen[200]
    assert value(found, "newsbrief_messages_total", outcome="403") == seen[403]
    assert value(found, "newsbrief_messages_total", outcome="5xx") == seen[500]
    assert value(found, "newsbrief_messages_total", outcome="429") == seen[429]
    assert value(found, "newsbrief_messages_total", outcome="failed") == 0
    for command in ("help", "latest", "post"):
        assert value(found, "newsbrief_updates_total", command=command) == 1
    assert value(found, "newsbrief_brief_seconds_count") == 1
    assert value(found, "newsbrief_outbox_rows", status="pending") == 0
    assert value(found, "newsbrief_outbox_rows", status="sending") == 0
    assert value(found, "newsbrief_outbox_oldest_pending_age_seconds") == 0
    assert value(found, "newsbrief_feeds_failing") == 0
    assert value(found, "newsbrief_feed_polls_total", outcome="error") == 0
    assert value(found, "newsbrief_send_rate") > 0
    assert value(found, "newsbrief_database_up") == 1
    assert value(found, "newsbrief_update_loop_running") == 1
    # No label anywhere carries a chat id or a person's text.
    labels = {v for (_, pairs) in found for (_, v) in pairs}
    assert not any(
        str(chat) in label for chat in [*SUBSCRIBERS, USER_ID, ADMIN_ID] for label in labels
    )
    assert not any("ferry" in label.lower() for label in labels)


async def test_outbox_backlog_and_health_when_the_loop_stops(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    port = free_port()
    env = {"NEWSBRIEF_METRICS_PORT": str(port), "NEWSBRIEF_METRICS_LISTEN": "127.0.0.1"}
    async with (
        running_bot(fake_telegram, tmp_path / "bot.db", env) as h,
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http,
    ):
        db = h.services.db
        await subs.subscribe(db, 950, "private", [])
        await subs.subscribe(db, 951, "private", [])
        await subs.set_digest(db, 951, "private", "08:00", "UTC")
        # Rows queued an hour ago that the worker cannot send: its chat is failing for good.
        h.fake.fail_chat(950, 500, times=None)
        await h.seed(1)
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO deliveries (article_id, chat_id, status, next_attempt_at, created_at)"
                " SELECT id, 950, 'pending', '2999-01-01T00:00:00+00:00',"
                " strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '-1 hour') FROM articles"
            )
            await conn.execute(
                "INSERT INTO deliveries (article_id, chat_id, status, next_attempt_at, created_at)"
                " SELECT id, 951, 'digest', '2999-01-01T00:00:00+00:00',"
                " strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') FROM articles"
            )
        found = samples((await http.get("/metrics")).text)
        assert value(found, "newsbrief_outbox_rows", status="pending") == 1
        assert value(found, "newsbrief_outbox_rows", status="digest") == 1
        age = value(found, "newsbrief_outbox_oldest_pending_age_seconds")
        assert 3500 < age < 7200

        await h.app.updater.stop()  # the update loop dies; the process is still up
        try:
            health = await http.get("/healthz")
            assert health.status_code == 503
            assert health.json()["checks"] == {"update_loop": False, "database": True}
        finally:
            await h.app.updater.start_polling(poll_interval=0, timeout=1)
        assert (await http.get("/healthz")).status_code == 200
    # Stopped with the bot: the port is free again.
    async with httpx.AsyncClient() as http:
        try:
            await http.get(f"http://127.0.0.1:{port}/healthz")
        except httpx.ConnectError:
            pass
        else:
            raise AssertionError("the metrics server outlived the bot")


async def test_no_metrics_server_without_a_port(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(fake_telegram, tmp_path / "bot.db") as h:
        from bot import metrics

        found = metrics.of(h.app)
        assert found is not None and found.port is None


async def test_a_taken_port_is_one_clear_error(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    import asyncio
    import socket

    from test_run import start_bot

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = await start_bot(fake_telegram, tmp_path, NEWSBRIEF_METRICS_PORT=str(port))
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    log = stderr.decode()
    assert process.returncode == 2, log
    assert f"newsbrief: error: NEWSBRIEF_METRICS_PORT={port}: cannot listen on" in log
    assert "Traceback" not in log


async def test_feed_polls_and_failing_feeds(
    fake_telegram: FakeTelegram, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    from bot import jobs
    from bot.storage import feeds as store

    port = free_port()
    env = {
        "NEWSBRIEF_METRICS_PORT": str(port),
        "NEWSBRIEF_FETCH_TIMEOUT": "2",
        "NEWSBRIEF_FETCH_ALLOW_PRIVATE": "1",  # the feeds are served on loopback
    }
    async with (
        running_bot(fake_telegram, tmp_path / "bot.db", env) as h,
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http,
    ):
        db = h.services.db
        await store.add_feed(db, serve_herald(http_server), "Herald", None)
        await store.add_feed(db, http_server.url("/gone.xml"), "Gone", None)
        results = await jobs.run_polls(h.app, everything=True)
        assert sorted(bool(r.error) for r in results) == [False, True]
        found = samples((await http.get("/metrics")).text)
    assert value(found, "newsbrief_feed_polls_total", outcome="ok") == 1
    assert value(found, "newsbrief_feed_polls_total", outcome="error") == 1
    assert value(found, "newsbrief_feeds_failing") == 1
    # The herald's full entries and its fetched teaser page were briefed.
    assert value(found, "newsbrief_brief_seconds_count") >= 2
