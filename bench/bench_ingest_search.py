"""Ingest and search at 10,000 articles, each beside a baseline measured in the same run.

    python bench/bench_ingest_search.py [--articles 10000] [--baseline-sample 400]

Ingest: newsbrief's bulk ingest (validate, dedupe, brief in worker processes,
store with FTS in batched transactions) against plain sumy (PlaintextParser +
LexRankSummarizer, 3 sentences, one process) on the same articles; the figure
is seconds per article, ours / plain sumy (target <= 1.2 using both cores).
Search: p50/p99 latency of newsbrief's ranked FTS5 search with snippets against
a `LIKE '%word%'` scan over the same table, at full size (target p99 < 10 ms).
The machines are shared and noisy, so only the ratios are comparable across runs.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bot.config import load_settings
from bot.ingest import Record, ingest
from bot.pipeline import Briefer
from bot.storage import open_database
from bot.storage.articles import ArticleDraft, search

ROOT = Path(__file__).resolve().parents[1]


SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
VOCABULARY_SIZE = 50_000


def vocabulary(rng: random.Random) -> list[str]:
    """Made-up topic words (names, places, subjects), most frequent first."""
    words: dict[str, None] = {}
    while len(words) < VOCABULARY_SIZE:
        words["".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))] = None
    return list(words)


def zipf_picker(rng: random.Random, words: list[str]) -> Callable[[], str]:
    """Draw words with Zipf's law (s = 1.1), like the terms of a real news archive."""
    weights = list(itertools.accumulate(1 / (rank**1.1) for rank in range(1, len(words) + 1)))
    return lambda: rng.choices(words, cum_weights=weights, k=1)[0]


def corpus(count: int, seed: int = 7) -> tuple[list[ArticleDraft], Callable[[], str]]:
    """Articles made of real sample sentences whose content words are re-drawn.

    Recombining the 24 sample articles' sentences alone gives a corpus where
    "flood" is in 80% of documents, which no real archive looks like: half the
    longer words of every sentence are replaced by topic words drawn with
    Zipf's law, so document frequencies fall off as they do in real news while
    sentence count and length (what summarizing costs) stay realistic.
    Returns the articles and the word picker, for drawing queries alike.
    """
    rng = random.Random(seed)
    pick = zipf_picker(rng, vocabulary(rng))
    sentences: list[str] = []
    for line in (ROOT / "data" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        body = json.loads(line)["body"]
        sentences.extend(s.strip() + "." for s in body.replace("\n", " ").split(". ") if s.strip())

    def redraw(sentence: str) -> str:
        return " ".join(
            pick() if len(w) > 4 and w.isalpha() and rng.random() < 0.5 else w
            for w in sentence.split()
        )

    drafts = []
    for i in range(count):
        picked = [redraw(s) for s in rng.sample(sentences, rng.randint(20, 40))]
        paragraphs = [" ".join(picked[j : j + 3]) for j in range(0, len(picked), 3)]
        title = " ".join([pick() for _ in range(3)] + picked[0].split()[:5])
        drafts.append(
            ArticleDraft(
                title=f"{title} ({i})",
                body="\n\n".join(paragraphs),
                url=f"https://bench.example.org/{i}",
                source="Bench",
            )
        )
    return drafts, pick


def plain_sumy_seconds(drafts: list[ArticleDraft]) -> float:
    """Per-article seconds of stock sumy LexRank, as a user of sumy would call it."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    from bot.briefs import tools  # the same offline tokenizer: stock sumy would download punkt

    tokenizer = tools("english").tokenizer
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    start = time.perf_counter()
    for draft in drafts:
        parser = PlaintextParser.from_string(draft.body, tokenizer)
        summarizer(parser.document, 3)
    return (time.perf_counter() - start) / len(drafts)


async def bench_ingest(db_path: Path, drafts: list[ArticleDraft], workers: int) -> float:
    settings = load_settings({"NEWSBRIEF_DB": str(db_path)})
    db = await open_database(db_path)
    briefer = Briefer.from_settings(settings, workers=workers)
    await briefer.brief(drafts[0])  # start the worker processes outside the timing
    records = [Record(f"bench:{i}", draft=d) for i, d in enumerate(drafts)]
    start = time.perf_counter()
    report = await ingest(db, records, briefer)
    elapsed = time.perf_counter() - start
    briefer.close()
    await db.close()
    assert report.added == len(drafts), report.summary()
    return elapsed / len(drafts)


async def bench_search(db_path: Path, queries: list[str]) -> tuple[list[float], list[float]]:
    db = await open_database(db_path)
    ours, scan = [], []
    for query in queries:
        start = time.perf_counter()
        await search(db, query, limit=5)
        ours.append(time.perf_counter() - start)
    for query in queries[: max(20, len(queries) // 10)]:
        words = query.split()
        where = " AND ".join("(title LIKE ? OR body LIKE ?)" for _ in words)
        params = [p for w in words for p in (f"%{w}%", f"%{w}%")]
        start = time.perf_counter()
        async with db.conn.execute(
            f"SELECT id, title FROM articles WHERE {where} LIMIT 5", params
        ) as cursor:
            await cursor.fetchall()
        scan.append(time.perf_counter() - start)
    await db.close()
    return ours, scan


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--baseline-sample", type=int, default=400)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    drafts, pick = corpus(args.articles)
    sample = drafts[: args.baseline_sample]
    print(f"corpus: {len(drafts)} articles, {args.workers} worker processes", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        sumy_s = plain_sumy_seconds(sample)
        ours_s = asyncio.run(bench_ingest(db_path, drafts, args.workers))
        rng = random.Random(3)
        queries = [" ".join(pick() for _ in range(rng.randint(1, 3))) for _ in range(args.queries)]
        ours, scan = asyncio.run(bench_search(db_path, queries))
        # The worst case, reported apart: a word in nearly every article.
        worst, _ = asyncio.run(bench_search(db_path, ["said"] * 50))
    print(
        f"ingest: {1 / ours_s:8.1f} articles/s   plain sumy: {1 / sumy_s:8.1f} articles/s   "
        f"time per article ours/sumy = {ours_s / sumy_s:.2f} (target <= 1.2)"
    )
    p50, p99 = percentile(ours, 0.5) * 1000, percentile(ours, 0.99) * 1000
    s50, s99 = percentile(scan, 0.5) * 1000, percentile(scan, 0.99) * 1000
    print(
        f"search at {len(drafts)}: p50 {p50:.2f} ms, p99 {p99:.2f} ms (target p99 < 10 ms)   "
        f"LIKE scan: p50 {s50:.1f} ms, p99 {s99:.1f} ms   p50 scan/ours = {s50 / p50:.1f}x"
    )
    print(
        f"worst case, a word in nearly every article ('said'): p50 "
        f"{percentile(worst, 0.5) * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
