"""Matching benchmark: one article against 100,000 keyword subscriptions.

    python bench/bench_matching.py                        # 100,000 subscriptions
    python bench/bench_matching.py --subscriptions 20000 --rounds 3

Builds a real SQLite file (in a temporary directory) holding --subscriptions
keyword subscriptions over about 40% as many chats: single words drawn from
the vocabulary of data/articles.jsonl, 15% two-word phrases (half of them
taken from the articles, so phrases do match), and a few all-news chats.
Rows are written in bulk with the same shape subscribe() writes.

Then every article in data/articles.jsonl is matched --rounds times with
bot.storage.subscriptions.matching_chats (the indexed lookup the bot runs
inside add_articles), and, in the same run, with two naive baselines:

  python scan  load every active subscription, test each against the article
  SQL scan     one query testing instr(article, terms) on every subscription

All three must return the same chats. Reported: p50 and p99 per article for
each, and the naive/indexed ratio. Target: indexed p99 well under 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.storage.db import Database, open_database, utcnow  # noqa: E402
from bot.storage.subscriptions import matching_chats  # noqa: E402
from bot.text import stems  # noqa: E402

DATA = ROOT / "data" / "articles.jsonl"


def load_articles() -> list[tuple[str, str]]:
    records = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    return [(r["title"], r["body"]) for r in records]


def vocabulary(articles: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """(words, adjacent word pairs) of the articles: realistic keywords and phrases."""
    words: set[str] = set()
    pairs: set[str] = set()
    for title, body in articles:
        tokens = [t.lower() for t in f"{title} {body}".split() if t.isalpha() and len(t) > 3]
        words.update(tokens)
        pairs.update(f"{a} {b}" for a, b in itertools.pairwise(tokens))
    return sorted(words), sorted(pairs)


async def build(db: Database, count: int, seed: int, articles: list[tuple[str, str]]) -> int:
    rng = random.Random(seed)
    words, pairs = vocabulary(articles)
    # A long tail of words nobody's article contains, like real subscribers' interests.
    words += [
        f"{rng.choice(words)}{suffix}" for suffix in ("ville", "gate", "ism") for _ in range(3000)
    ]
    chats = max(1, int(count * 0.4))
    seen: set[tuple[int, str]] = set()
    subscriptions: list[tuple[int, int, str, str, str]] = []
    now = utcnow()
    while len(subscriptions) < count:
        chat = rng.randrange(1, chats + 1)
        roll = rng.random()
        if roll < 0.075:
            keyword = rng.choice(pairs)
        elif roll < 0.15:
            keyword = f"{rng.choice(words)} {rng.choice(words)}"
        else:
            keyword = rng.choice(words)
        terms = " ".join(stems(keyword))
        if not terms or (chat, terms) in seen:
            continue
        seen.add((chat, terms))
        sub_id = len(subscriptions) + 1
        subscriptions.append((sub_id, chat, keyword, terms, now))
    everyone = [(chat, now, now) for chat in range(1, chats + 1)]
    all_news = [
        (len(subscriptions) + i + 1, chat, "", "", now)
        for i, chat in enumerate(rng.sample(range(1, chats + 1), min(50, chats)))
    ]
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO chats (chat_id, chat_type, active, created_at, updated_at) "
            "VALUES (?, 'private', 1, ?, ?)",
            everyone,
        )
        await conn.executemany(
            "INSERT INTO subscriptions (id, chat_id, keyword, terms, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            subscriptions + all_news,
        )
    await db.conn.execute("ANALYZE")
    return chats


async def python_scan(db: Database, title: str, body: str) -> set[int]:
    joined = " " + " ".join(stems(f"{title}\n{body}")) + " "
    found: set[int] = set()
    async with db.conn.execute(
        "SELECT s.chat_id, s.terms FROM subscriptions s "
        "JOIN chats c ON c.chat_id = s.chat_id WHERE c.active = 1"
    ) as cursor:
        for chat_id, terms in await cursor.fetchall():
            if not terms or f" {terms} " in joined:
                found.add(chat_id)
    return found


async def sql_scan(db: Database, title: str, body: str) -> set[int]:
    joined = " " + " ".join(stems(f"{title}\n{body}")) + " "
    async with db.conn.execute(
        "SELECT DISTINCT s.chat_id FROM subscriptions s JOIN chats c ON c.chat_id = s.chat_id "
        "WHERE c.active = 1 AND (s.terms = '' OR instr(?, ' ' || s.terms || ' ') > 0)",
        (joined,),
    ) as cursor:
        return {row[0] for row in await cursor.fetchall()}


async def indexed(db: Database, title: str, body: str) -> set[int]:
    return set(await matching_chats(db.conn, title, body))


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


async def timed(
    matcher: Callable[[Database, str, str], Awaitable[set[int]]],
    db: Database,
    articles: list[tuple[str, str]],
    rounds: int,
) -> tuple[list[float], list[set[int]]]:
    samples: list[float] = []
    results: list[set[int]] = []
    for _ in range(rounds):
        for title, body in articles:
            started = time.perf_counter()
            found = await matcher(db, title, body)
            samples.append((time.perf_counter() - started) * 1000)
            results.append(found)
    return samples, results


async def main_async(args: argparse.Namespace) -> int:
    articles = load_articles()
    with tempfile.TemporaryDirectory() as tmp:
        db = await open_database(Path(tmp) / "matching.db")
        try:
            started = time.perf_counter()
            chats = await build(db, args.subscriptions, args.seed, articles)
            print(
                f"{args.subscriptions:,} keyword subscriptions (+50 all-news) over {chats:,} "
                f"chats, built in {time.perf_counter() - started:.1f} s; "
                f"{len(articles)} articles x {args.rounds} rounds"
            )
            # As the bot does after start-up (bot/app.py): what exists now lives
            # for the whole run, so full collections need not walk it each time.
            gc.collect()
            gc.freeze()
            fast, fast_found = await timed(indexed, db, articles, args.rounds)
            slow, slow_found = await timed(python_scan, db, articles, args.rounds)
            scan, scan_found = await timed(sql_scan, db, articles, args.rounds)
        finally:
            await db.close()
    assert fast_found == slow_found == scan_found, "the matchers disagree"
    matched = statistics.mean(len(f) for f in fast_found)
    print(f"chats matched per article: mean {matched:.0f}, max {max(len(f) for f in fast_found)}")
    print()
    print(f"{'':<28}{'p50 ms':>10}{'p99 ms':>10}{'ratio p50':>12}")
    base50, base99 = percentile(fast, 0.5), percentile(fast, 0.99)
    for name, samples in (
        ("indexed (matching_chats)", fast),
        ("naive: python scan", slow),
        ("naive: SQL instr scan", scan),
    ):
        p50, p99 = percentile(samples, 0.5), percentile(samples, 0.99)
        print(f"{name:<28}{p50:>10.2f}{p99:>10.2f}{p50 / base50:>11.1f}x")
    ok = base99 < 50
    print()
    print(f"indexed p99 {base99:.2f} ms: {'OK' if ok else 'TARGET MISSED'} (target < 50 ms)")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--subscriptions", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=11)
    return asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
