"""A year of a busy bot, time-compressed: does any operation's cost grow with the archive?

    python bench/bench_growth.py                                 # the full year (~10 min)
    python bench/bench_growth.py --months 3 --subscribers 20000  # a quick look (~1 min)
    python bench/bench_growth.py --retention-days 0              # keep every delivery row

Rows are written directly with SQL (the real path would take a year): 100,000
subscriber chats, 20% of them with one to three keyword subscriptions drawn from
a Zipf vocabulary and the rest on all news; 200 articles a day, each stored with
its FTS entry (the same triggers as ingest) and --fanout delivery rows already
'sent' (a real 80,000 all-news audience writes 80,000 a day per article; the
row count is scaled down so a year runs in minutes, and rows are what the
operations below could scan). Finished delivery rows older than
--retention-days are deleted daily with a plain DELETE, standing in for the
NEWSBRIEF_RETENTION_DAYS pruning of the operators issue (default 30).

After each simulated month the real storage functions behind each operation
are timed on the file: search (`articles.search`), matching one article
(`subscriptions.matching_chats`), claiming a second of outbox at 1,000/s
(`deliveries.claim_due` with a 20,000-row broadcast pending), `/latest`
(`articles.latest_articles`) and `/stats` (`stats.collect_stats`), beside
the floor: an aiosqlite round trip doing nothing (`SELECT 1`). Printed:
p50/p99 of each and its p50 as a ratio to month one (target <= 2), and the
database size beside the rows kept (target: linear in them). The p50 is the
lowest of --rounds rounds' medians: a shared machine's load only ever adds
time, and its spikes would otherwise decide the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.storage import deliveries, open_database  # noqa: E402 - after the path setup
from bot.storage.articles import latest_articles, search  # noqa: E402
from bot.storage.db import Database, format_ts  # noqa: E402
from bot.storage.stats import collect_stats  # noqa: E402
from bot.storage.subscriptions import matching_chats  # noqa: E402
from bot.text import stems  # noqa: E402

OPS = ("search", "matching", "claim", "latest", "stats", "floor")
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
START = datetime(2026, 1, 1, tzinfo=UTC)
FIRST_CHAT = 10_000_000
BROADCAST = 20_000  # pending rows while the claim is timed


def vocabulary(rng: random.Random, size: int = 30_000) -> list[str]:
    words: dict[str, None] = {}
    while len(words) < size:
        words["".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))] = None
    return list(words)


class World:
    def __init__(self, args: argparse.Namespace, path: Path) -> None:
        self.args = args
        self.path = path
        self.rng = random.Random(args.seed)
        self.words = vocabulary(self.rng)
        self.weights = list(
            itertools.accumulate(1 / (r**1.1) for r in range(1, len(self.words) + 1))
        )
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA foreign_keys = OFF")  # rows are written consistent
        self.conn.execute("PRAGMA synchronous = OFF")  # a scratch file: no need to sync
        self.next_article = 1
        self.day_first_delivery: list[int] = []

    def text(self, count: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.weights, k=count))

    def subscribers(self) -> None:
        args, now = self.args, format_ts(START)
        chats = range(FIRST_CHAT, FIRST_CHAT + args.subscribers)
        keyword_chats = set(self.rng.sample(chats, round(args.subscribers * args.keyword_share)))
        subs: list[tuple[int, str, str, str]] = []
        for chat in chats:
            if chat in keyword_chats:
                # Topic words from the middle of the vocabulary: common enough to match.
                for word in self.rng.sample(self.words[50:5000], self.rng.randint(1, 3)):
                    subs.append((chat, word, " ".join(stems(word)), now))
            else:
                subs.append((chat, "", "", now))
        self.conn.execute("BEGIN")
        self.conn.executemany(
            "INSERT INTO chats (chat_id, chat_type, active, created_at, updated_at) "
            "VALUES (?, 'private', 1, ?, ?)",
            [(c, now, now) for c in chats],
        )
        self.conn.executemany(
            "INSERT INTO subscriptions (chat_id, keyword, terms, created_at) VALUES (?, ?, ?, ?)",
            subs,
        )
        self.conn.execute("COMMIT")

    def day(self, number: int) -> None:
        """One day's articles, their delivery rows, and the day's retention pruning."""
        args = self.args
        moment = START + timedelta(days=number)
        ts = format_ts(moment)
        first_article = self.next_article
        articles = []
        for n in range(args.articles_per_day):
            aid = first_article + n
            articles.append(
                (
                    aid,
                    f"https://bench.example.org/{aid}",
                    f"https://bench.example.org/{aid}",
                    self.text(8),
                    self.text(args.body_words),
                    self.text(40),
                    "Bench",
                    "english",
                    ts,
                    ts,
                    f"hash-{aid}",
                )
            )
        self.next_article += len(articles)
        chats = range(FIRST_CHAT, FIRST_CHAT + args.subscribers)
        rows = [
            (aid, chat, ts, 1000 + i, ts, ts)
            for aid, *_ in articles
            for i, chat in enumerate(self.rng.sample(chats, args.fanout))
        ]
        self.conn.execute("BEGIN")
        self.conn.executemany(
            "INSERT INTO articles (id, url, canonical_url, title, body, brief, source, language, "
            "published_at, created_at, content_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            articles,
        )
        first = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM deliveries").fetchone()[0]
        self.day_first_delivery.append(first)
        self.conn.executemany(
            "INSERT INTO deliveries (article_id, chat_id, status, attempts, next_attempt_at, "
            "message_id, created_at, sent_at) VALUES (?, ?, 'sent', 1, ?, ?, ?, ?)",
            rows,
        )
        keep = args.retention_days
        if keep and number >= keep:
            # Retention: ids grow with time, so "older than N days" is an id range.
            cutoff = self.day_first_delivery[number - keep + 1]
            self.conn.execute(
                "DELETE FROM deliveries WHERE id < ? AND status IN ('sent', 'failed', 'dropped')",
                (cutoff,),
            )
        self.conn.execute("COMMIT")

    def size_mb(self) -> float:
        """The database file and its WAL, in MiB."""
        return sum(f.stat().st_size for f in self.path.parent.glob(self.path.name + "*")) / 2**20

    def counts(self) -> tuple[int, int]:
        articles = self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        rows = self.conn.execute("SELECT count(*) FROM deliveries").fetchone()[0]
        return articles, rows

    def queue_broadcast(self) -> None:
        """A pending broadcast for the claim to work on (removed after the timing)."""
        aid = self.next_article - 1
        now = format_ts(START)
        self.conn.execute("BEGIN")
        self.conn.execute("DELETE FROM deliveries WHERE article_id = ?", (aid,))
        self.conn.executemany(
            "INSERT INTO deliveries (article_id, chat_id, status, next_attempt_at, created_at) "
            "VALUES (?, ?, 'pending', ?, ?)",
            [(aid, FIRST_CHAT + i, now, now) for i in range(min(BROADCAST, self.args.subscribers))],
        )
        self.conn.execute("COMMIT")

    def clear_broadcast(self) -> None:
        self.conn.execute("BEGIN")
        self.conn.execute("DELETE FROM deliveries WHERE status IN ('pending', 'sending')")
        self.conn.execute("COMMIT")


async def timed(repeat: int, op: Callable[[int], Awaitable[Any]]) -> list[float]:
    times = []
    for n in range(repeat):
        started = time.perf_counter()
        await op(n)
        times.append((time.perf_counter() - started) * 1000)
    return times


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


async def measure(world: World, db: Database, rounds: int) -> dict[str, tuple[float, float]]:
    """(p50, p99) in ms of each operation. The p50 is the lowest of `rounds` rounds'
    medians, the p99 over all rounds: a shared machine's load spikes only ever add time,
    and they would otherwise decide the ratios."""
    rng = random.Random(world.args.seed + 1)
    queries = [" ".join(rng.choices(world.words[:3000], k=rng.randint(1, 2))) for _ in range(100)]
    samples = [(world.text(8), world.text(world.args.body_words)) for _ in range(15)]
    far = format_ts(START + timedelta(days=3650))
    times: dict[str, list[list[float]]] = {op: [] for op in OPS}
    for _ in range(rounds):
        times["search"].append(await timed(len(queries), lambda n: search(db, queries[n])))
        times["matching"].append(
            await timed(len(samples), lambda n: matching_chats(db.conn, *samples[n]))
        )
        times["latest"].append(await timed(100, lambda n: latest_articles(db, 5)))
        times["stats"].append(await timed(5, lambda n: collect_stats(db)))
        # The floor: one aiosqlite round trip (SELECT 1), the part of every figure that is
        # the thread hand-off, not the query; on a busy machine it alone can vary 4x.
        times["floor"].append(await timed(100, lambda n: db.conn.execute_fetchall("SELECT 1")))
        world.queue_broadcast()
        times["claim"].append(await timed(5, lambda n: deliveries.claim_due(db, 970, now=far)))
        world.clear_broadcast()
    return {
        op: (min(statistics.median(r) for r in runs), p([t for r in runs for t in r], 0.99))
        for op, runs in times.items()
    }


async def main_async(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "growth.db"
        db = await open_database(path)
        world = World(args, path)
        started = time.monotonic()
        world.subscribers()
        print(
            f"{args.subscribers} subscribers ({args.keyword_share:.0%} with keywords), "
            f"{args.articles_per_day} articles/day, {args.fanout} delivery rows per article, "
            f"retention {args.retention_days or 'none'} (days), {args.months} months",
            flush=True,
        )
        header = f"{'month':>5} {'articles':>8} {'deliv.rows':>10} {'MB':>7} {'KB/row':>6}"
        for op in OPS:
            header += f" | {op + ' p50/p99 ms':>20} {'/m1':>5}"
        print(header)
        first: dict[str, float] = {}
        worst: dict[str, float] = dict.fromkeys(OPS, 0.0)
        day = 0
        for month in range(1, args.months + 1):
            for _ in range(30 if month < 12 else 35):  # 365 days in twelve months
                world.day(day)
                day += 1
            await db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            result = await measure(world, db, args.rounds)
            articles, rows = world.counts()
            size = world.size_mb()
            line = (
                f"{month:>5} {articles:>8} {rows:>10} {size:>7.1f} "
                f"{size * 1024 / (articles + rows):>6.2f}"
            )
            for op in OPS:
                p50, p99 = result[op]
                first.setdefault(op, p50)
                ratio = p50 / first[op]
                worst[op] = max(worst[op], ratio)
                line += f" | {p50:>9.2f} /{p99:>9.2f} {ratio:>5.2f}"
            print(line, flush=True)
        await db.close()
        print(f"\nsimulated {day} days in {time.monotonic() - started:.0f} s")
    print("worst p50 ratio to month one: " + ", ".join(f"{k} {v:.2f}" for k, v in worst.items()))
    ok = all(v <= 2.0 for k, v in worst.items() if k != "floor")
    print("OK" if ok else "TARGET MISSED (an operation grew more than 2x)")
    return 0 if ok else 1


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--keyword-share", type=float, default=0.2)
    parser.add_argument("--articles-per-day", type=int, default=200)
    parser.add_argument("--fanout", type=int, default=100, help="delivery rows per article")
    parser.add_argument("--body-words", type=int, default=150)
    parser.add_argument("--retention-days", type=int, default=30, help="0 keeps every row")
    parser.add_argument("--rounds", type=int, default=3, help="measuring rounds per month")
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args(argv)


def main() -> int:
    return asyncio.run(main_async(parse_args(sys.argv[1:])))


if __name__ == "__main__":
    sys.exit(main())
