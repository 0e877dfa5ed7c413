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

Issue 19 adds muted words and source subscriptions to the mix: 5% of the
chats mute one to three words, and 5% of the subscriptions follow one source
(a feed, a site, or a site's subdomain, some with a keyword). Each article
gets a feed and a link host. In the same run, interleaved article by
article, the matcher as it was before issue 19 (keywords and all news only,
kept below as `before_issue_19`) is timed on the same database as a
baseline; a Python scan that applies sources and mutes checks the new
matcher's answers. Target: p99 with mutes and sources within 1.2x of the
baseline's.
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

import aiosqlite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.storage.db import Database, open_database, utcnow  # noqa: E402
from bot.storage.sources import _hosts  # noqa: E402
from bot.storage.subscriptions import matching_chats  # noqa: E402
from bot.text import stems  # noqa: E402

FEEDS = 50
SITES = [f"site{i}.example" for i in range(200)]

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
        await add_mutes_and_sources(conn, rng, words, chats, count, now)
    await db.conn.execute("ANALYZE")
    return chats


async def add_mutes_and_sources(
    conn: aiosqlite.Connection,
    rng: random.Random,
    words: list[str],
    chats: int,
    count: int,
    now: str,
) -> None:
    """5% of chats mute 1-3 words; 5% as many source subscriptions as keyword ones."""
    mutes: dict[tuple[int, str], tuple[int, str, str, str, str]] = {}
    for chat in rng.sample(range(1, chats + 1), chats // 20):
        for _ in range(rng.randint(1, 3)):
            word = rng.choice(words)
            terms = " ".join(stems(word))
            if terms:
                mutes[(chat, terms)] = (chat, word, terms, terms.split(" ", 1)[0], now)
    await conn.executemany(
        "INSERT INTO muted_words (chat_id, phrase, terms, stem, created_at) VALUES (?, ?, ?, ?, ?)",
        list(mutes.values()),
    )
    now_feeds = [(f"https://feeds.{SITES[i]}/rss", now, now) for i in range(FEEDS)]
    await conn.executemany(
        "INSERT INTO feeds (url, created_at, next_poll_at) VALUES (?, ?, ?)", now_feeds
    )
    rows: dict[tuple[int, str, str], tuple[int, str, str, str, str]] = {}
    while len(rows) < count // 20:
        chat = rng.randrange(1, chats + 1)
        roll = rng.random()
        if roll < 0.4:
            source = f"feed:{rng.randrange(1, FEEDS + 1)}"
        elif roll < 0.8:
            source = f"host:{rng.choice(SITES)}"
        else:
            source = f"host:news.{rng.choice(SITES)}"
        keyword = rng.choice(words) if rng.random() < 0.3 else ""
        terms = " ".join(stems(keyword))
        rows[(chat, source, terms)] = (chat, source, keyword, terms, now)
    await conn.executemany(
        "INSERT INTO source_subscriptions (chat_id, source, keyword, terms, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        list(rows.values()),
    )


def origins(articles: list[tuple[str, str]], seed: int) -> list[list[str]]:
    """Each article's source keys, as storage.sources.article_sources gives them."""
    rng = random.Random(seed + 1)
    keys = []
    for _ in articles:
        site = rng.randrange(len(SITES))
        link = f"https://{rng.choice(['www.', 'news.', ''])}{SITES[site]}/story"
        feed = [f"feed:{site + 1}"] if site < FEEDS else []
        feed_hosts = _hosts(f"https://feeds.{SITES[site]}/rss") if feed else []
        keys.append(list(dict.fromkeys(feed + _hosts(link) + feed_hosts)))
    return keys


async def before_issue_19(conn: aiosqlite.Connection, title: str, body: str) -> dict[int, bool]:
    """matching_chats as it was before muted words and source subscriptions (the baseline)."""
    sequence = stems(f"{title}\n{body}")
    joined = " " + " ".join(sequence) + " "
    candidates = await conn.execute_fetchall(
        "SELECT chat_id, terms, digest FROM subscription_terms "
        "WHERE stem IN (SELECT value FROM json_each(?)) AND active = 1",
        (json.dumps(sorted(set(sequence))),),
    )
    matches = {
        chat_id: bool(digest)
        for chat_id, terms, digest in candidates
        if " " not in terms or f" {terms} " in joined
    }
    everything = await conn.execute_fetchall(
        "SELECT s.chat_id, c.digest_time IS NOT NULL FROM subscriptions s "
        "JOIN chats c ON c.chat_id = s.chat_id WHERE s.terms = '' AND c.active = 1"
    )
    matches.update((chat_id, bool(digest)) for chat_id, digest in everything)
    return matches


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


async def python_scan_all(db: Database, title: str, body: str, origin: list[str]) -> set[int]:
    """The python scan plus source subscriptions, minus muted chats: checks the new matcher."""
    joined = " " + " ".join(stems(f"{title}\n{body}")) + " "
    found = await python_scan(db, title, body)
    async with db.conn.execute("SELECT chat_id, source, terms FROM source_subscriptions") as cursor:
        for chat_id, source, terms in await cursor.fetchall():
            if source in origin and (not terms or f" {terms} " in joined):
                found.add(chat_id)
    async with db.conn.execute("SELECT chat_id, terms FROM muted_words") as cursor:
        for chat_id, terms in await cursor.fetchall():
            if f" {terms} " in joined:
                found.discard(chat_id)
    return found


async def indexed(db: Database, title: str, body: str) -> set[int]:
    return set(await before_issue_19(db.conn, title, body))


async def timed_pair(
    db: Database, articles: list[tuple[str, str]], keys: list[list[str]], rounds: int
) -> tuple[list[float], list[float], list[set[int]]]:
    """The baseline and the new matcher, interleaved article by article (noise hits both)."""
    before: list[float] = []
    after: list[float] = []
    results: list[set[int]] = []
    for title, body in articles:  # warm the stemmer's cache: neither pays for it
        await before_issue_19(db.conn, title, body)
    for round_number in range(rounds):
        for index, ((title, body), origin) in enumerate(zip(articles, keys, strict=True)):
            # Which goes first alternates, so neither always runs on a warmer cache.
            for which in (0, 1) if (index + round_number) % 2 == 0 else (1, 0):
                started = time.perf_counter()
                if which == 0:
                    await before_issue_19(db.conn, title, body)
                    before.append((time.perf_counter() - started) * 1000)
                else:
                    found = await matching_chats(db.conn, title, body, origin)
                    after.append((time.perf_counter() - started) * 1000)
                    results.append(set(found))
    return before, after, results


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
            keys = origins(articles, args.seed)
            base, mixed, mixed_found = await timed_pair(db, articles, keys, args.rounds)
            expected = [
                await python_scan_all(db, title, body, origin)
                for (title, body), origin in zip(articles, keys, strict=True)
            ]
            fast, fast_found = await timed(indexed, db, articles, args.rounds)
            slow, slow_found = await timed(python_scan, db, articles, args.rounds)
            scan, scan_found = await timed(sql_scan, db, articles, args.rounds)
        finally:
            await db.close()
    assert fast_found == slow_found == scan_found, "the matchers disagree"
    assert mixed_found == expected * args.rounds, "mutes and sources: the matchers disagree"
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
    print()
    print("with muted words and source subscriptions (interleaved with the baseline):")
    muted_chats = statistics.mean(len(f) for f in mixed_found)
    print(f"chats matched per article: mean {muted_chats:.0f}")
    old50, old99 = percentile(base, 0.5), percentile(base, 0.99)
    new50, new99 = percentile(mixed, 0.5), percentile(mixed, 0.99)
    print(f"{'before issue 19 (baseline)':<28}{old50:>10.2f}{old99:>10.2f}")
    print(f"{'with mutes and sources':<28}{new50:>10.2f}{new99:>10.2f}")
    within = new99 <= 1.2 * old99
    print(
        f"p99 ratio {new99 / old99:.2f} (p50 {new50 / old50:.2f}): "
        f"{'OK' if within else 'TARGET MISSED'} (target <= 1.2)"
    )
    return 0 if ok and within else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--subscriptions", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=11)
    return asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
