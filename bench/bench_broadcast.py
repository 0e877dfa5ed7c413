"""Broadcast benchmark: one article to N all-news subscribers through the real worker.

    python bench/bench_broadcast.py                      # 10,000 subscribers at 30/s (~6 min)
    python bench/bench_broadcast.py --rate 300           # the same at 300/s (~35 s)
    python bench/bench_broadcast.py --subscribers 2000   # a quick run at 30/s (~70 s)

The fake Bot API server (tests/fake_telegram.py) runs in a child process so
that its HTTP handling does not share a CPU with the bot. It enforces
Telegram's broadcast limits (--rate messages/s overall, 1/s per chat, 20/min
per group), answers 403 for --blocked of the chats and a 500 once for
--errors of them, and answers every call after --latency seconds.

The bot side is the real thing: the Application from bot.app.build_application,
its post_init (which starts bot.delivery's worker) and post_shutdown, over
real HTTP. The outbox is filled the way ingest fills it (add_articles in one
transaction with matching). The run ends when no row is pending or sending.

Reported: achieved rate against the allowed rate (target >= 0.95 in the steady state), messages
lost (non-blocked subscribers without the article; target 0), duplicates
(target 0), 429 responses received, and the bot process's peak RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

os.environ.setdefault("PTB_TIMEDELTA", "true")  # RetryAfter as timedelta, without warnings

TOKEN = "123456:BENCH-TOKEN"
FIRST_CHAT = 10_000_000


def chats(count: int) -> list[int]:
    return list(range(FIRST_CHAT, FIRST_CHAT + count))


def faulty(args: argparse.Namespace) -> tuple[set[int], set[int]]:
    """(blocked chats, chats whose first send gets a 500), the same in both processes."""
    rng = random.Random(args.seed)
    everyone = chats(args.subscribers)
    blocked = set(rng.sample(everyone, round(len(everyone) * args.blocked)))
    rest = [c for c in everyone if c not in blocked]
    errors = set(rng.sample(rest, round(len(everyone) * args.errors)))
    return blocked, errors


# ---- the fake server's process ---------------------------------------------------------------


async def serve_fake(args: argparse.Namespace) -> None:
    from fake_telegram import FakeTelegram

    # The fake keeps every request and message for the statistics. A full garbage
    # collection over 100,000 of them stalls it for tens of milliseconds, and the
    # requests it reads after a stall are stamped together: its sliding window then
    # counts a burst the bot never sent and answers 429. Nothing here forms cycles.
    gc.disable()

    fake = FakeTelegram(token=TOKEN)
    await fake.start()
    fake.set_rate_limits(
        global_per_second=args.rate, per_chat_per_second=1, per_group_per_minute=20
    )
    fake.set_latency(args.latency)
    blocked, errors = faulty(args)
    for chat in blocked:
        fake.block_chat(chat)
    for chat in errors:
        fake.fail_chat(chat, 500, times=1)
    print(f"READY {fake.base_url}", flush=True)
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if line.strip() != "STATS":
            break
        sends = [r for r in fake.requests if r.method == "sendMessage"]
        stats = {
            "statuses": Counter(r.response_status for r in sends),
            "times": sorted(r.at for r in sends if r.response_status != 429),
            "per_chat": Counter(s.chat_id for s in fake.sent()),
            "rate_limited": fake.rate_limited,
            "rate_limited_by": dict(fake.rate_limited_by),
            "cpu": time.process_time(),
            "arrivals": sorted(s.at for s in fake.sent()),
        }
        print(json.dumps(stats), flush=True)
    await fake.stop()


# ---- the bot's process -----------------------------------------------------------------------


async def fill_outbox(db_path: Path, subscribers: list[int]) -> int:
    """Subscribe everyone to all news (bulk, like N /subscribe) and store one article."""
    from bot.storage.articles import ArticleDraft, add_articles
    from bot.storage.db import open_database, utcnow

    db = await open_database(db_path)
    try:
        now = utcnow()
        async with db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO chats (chat_id, chat_type, active, created_at, updated_at) "
                "VALUES (?, 'private', 1, ?, ?)",
                [(c, now, now) for c in subscribers],
            )
            await conn.executemany(
                "INSERT INTO subscriptions (chat_id, keyword, terms, created_at) "
                "VALUES (?, '', '', ?)",
                [(c, now) for c in subscribers],
            )
        draft = ArticleDraft(
            title="Benchmark bulletin: the one article everyone gets",
            body="A short body. It is here so the brief has something to say.",
            url="https://news.example.org/bench",
            source="Bench News",
        )
        [result] = await add_articles(db, [(draft, ["A one-sentence brief for the benchmark."])])
        return result.deliveries
    finally:
        await db.close()


async def run_bot(args: argparse.Namespace, base_url: str, db_path: Path) -> dict[str, Any]:
    from bot import delivery
    from bot.app import build_application, post_init, post_shutdown
    from bot.config import load_settings
    from bot.services import app_services
    from bot.storage import deliveries

    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": base_url,
            "NEWSBRIEF_DB": str(db_path),
            "NEWSBRIEF_SEND_RATE": str(args.rate),
            "NEWSBRIEF_LOG_LEVEL": "WARNING",
        }
    )
    app = build_application(settings)
    await app.initialize()
    try:
        await post_init(app, settings)
        worker = delivery.running_worker(app)
        assert worker is not None
        db = app_services(app).db
        started = time.monotonic()
        cpu_started = time.process_time()
        rss_started = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        last_report = started
        while True:
            counts = await deliveries.counts(db)
            if counts["pending"] == 0 and counts["sending"] == 0:
                break
            if time.monotonic() - last_report >= 10:
                last_report = time.monotonic()
                print(
                    f"  {time.monotonic() - started:6.0f}s  sent {counts['sent']:>6}  "
                    f"pending {counts['pending'] + counts['sending']:>6}  "
                    f"rate {delivery.current_rate(app):6.1f}/s",
                    flush=True,
                )
            await asyncio.sleep(0.25)
        elapsed = time.monotonic() - started
        return {
            "elapsed": elapsed,
            "cpu": time.process_time() - cpu_started,
            "rss_started": rss_started,
            "counts": await deliveries.counts(db),
            "worker": dict(worker.counts),
            "worker_rate": worker.rate,
        }
    finally:
        await post_shutdown(app)
        await app.shutdown()


async def main_async(args: argparse.Namespace) -> int:
    subscribers = chats(args.subscribers)
    blocked, errors = faulty(args)
    fake = await asyncio.create_subprocess_exec(
        sys.executable,
        __file__,
        "--serve-fake",
        *sys.argv[1:],
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        limit=64 * 1024 * 1024,  # the stats line lists every chat
    )
    assert fake.stdin is not None and fake.stdout is not None
    try:
        ready = (await fake.stdout.readline()).decode().split()
        assert ready and ready[0] == "READY", ready
        base_url = ready[1]
        with tempfile.TemporaryDirectory() as tmp:
            db_path = Path(tmp) / "bench.db"
            queued = await fill_outbox(db_path, subscribers)
            print(
                f"{queued} deliveries queued; fake Telegram allows {args.rate:g} msg/s "
                f"(1/s per chat), {len(blocked)} chats blocked, {len(errors)} fail once "
                f"with 500, latency {args.latency * 1000:.0f} ms",
                flush=True,
            )
            result = await run_bot(args, base_url, db_path)
        fake.stdin.write(b"STATS\n")
        await fake.stdin.drain()
        stats = json.loads(await fake.stdout.readline())
        fake.stdin.write(b"QUIT\n")
        await fake.stdin.drain()
    finally:
        try:
            await asyncio.wait_for(fake.wait(), 10)
        except TimeoutError:
            fake.kill()
    per_chat = {int(k): v for k, v in stats["per_chat"].items()}
    statuses = {int(k): v for k, v in stats["statuses"].items()}
    expected = [c for c in subscribers if c not in blocked]
    lost = sum(1 for c in expected if per_chat.get(c, 0) == 0)
    duplicates = sum(n - 1 for n in per_chat.values() if n > 1)
    answered = sum(n for status, n in statuses.items() if status != 429)
    delivered = statuses.get(200, 0)
    times = stats["times"]
    span = max(times[-1] - times[0], 1e-9)
    request_rate = answered / span
    delivery_rate = delivered / span
    # The saturated phase: without the first and last 1% of calls, i.e. start-up and the
    # tail of retries that wait out their backoff after the queue has drained.
    low, high = times[len(times) // 100], times[len(times) * 99 // 100]
    steady_rate = (len(times) * 98 // 100) / max(high - low, 1e-9)
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    counters = result["worker"]
    print()
    print(f"subscribers             {args.subscribers}")
    print(f"drained in              {result['elapsed']:.1f} s")
    print(
        f"achieved / allowed      {request_rate:.2f} / {args.rate:g} msg/s = "
        f"{request_rate / args.rate:.3f}   (sendMessage calls answered, any status but 429)"
    )
    print(
        f"  steady state          {steady_rate:.2f} / {args.rate:g} msg/s = "
        f"{steady_rate / args.rate:.3f}   (without the first and last 1% of calls)"
    )
    print(
        f"delivered / allowed     {delivery_rate:.2f} / {args.rate:g} msg/s = "
        f"{delivery_rate / args.rate:.3f}   (200s only; the 403s and 500s also used budget)"
    )
    print(f"worker budget           {result['worker_rate']:.2f} msg/s (97% of the allowed rate)")
    print(f"lost                    {lost}")
    print(f"duplicates              {duplicates}")
    print(f"rate-limited (429)      {stats['rate_limited']} {stats['rate_limited_by'] or ''}")
    print(f"busiest second          {busiest_second(stats['arrivals'])} messages accepted")
    print(f"responses               {dict(sorted(statuses.items()))}")
    print(f"outbox at the end       {result['counts']}")
    print(f"worker send outcomes    {dict(sorted(counters.items()))}")
    calls = sum(statuses.values())
    print(
        f"bot CPU                 {result['cpu']:.1f} s = "
        f"{result['cpu'] * 1000 / max(calls, 1):.3f} ms per sendMessage call ({calls} calls)"
    )
    print(
        f"fake server CPU         {stats['cpu']:.1f} s = "
        f"{stats['cpu'] * 1000 / max(calls, 1):.3f} ms per call (whole process lifetime)"
    )
    started_mb = result["rss_started"]
    print(
        f"peak RSS (bot process)  {maxrss_mb:.0f} MB ({started_mb:.0f} MB when the drain began, "
        f"after filling the outbox and starting the bot: the drain added "
        f"{maxrss_mb - started_mb:.0f} MB)"
    )
    # The target is the steady state: the whole drain also has the start-up and the last
    # retries waiting out their backoff after the queue has drained.
    ok = lost == 0 and duplicates == 0 and steady_rate / args.rate >= 0.95
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


def busiest_second(times: list[float]) -> int:
    """The most messages the fake accepted within any one second (sliding)."""
    best, low = 0, 0
    for high, at in enumerate(times):
        while times[low] <= at - 1.0:
            low += 1
        best = max(best, high - low + 1)
    return best


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=30.0, help="allowed msg/s (fake + bot)")
    parser.add_argument("--blocked", type=float, default=0.03, help="share of blocked chats")
    parser.add_argument("--errors", type=float, default=0.02, help="share failing once with 500")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per API answer")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--serve-fake", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main() -> int:
    args = parse_args(sys.argv[1:])
    if args.serve_fake:
        asyncio.run(serve_fake(args))
        return 0
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
