"""Story clustering on a development set: the bot's own clusterer beside a TF-IDF baseline.

    python bench/bench_stories.py DATA.jsonl [--out PRED.jsonl] [--limit N] [--window-hours H]
    python bench/bench_stories.py --same-time bbc_dev.jsonl   # a false-merge check

DATA.jsonl is one of the development sets of ../shared/eval (section "Development sets
for story clustering"): one article per line with id, story, title, text, source, url
and published. The clusterer sees title, text, source, url and published only. Articles
are fed in published order; ties (UCI dates have no time) are broken by a hash of the
url (or, without one, of the text), never by id or row order.

Ours: bot.storage.stories.assign_story, the code the bot runs inside the transaction
that stores an article, on a fresh SQLite database made by the bot's own migrations,
one transaction per article. Baseline: TF-IDF cosine (lower-cased tokens, English stop
words, smoothed idf over the set itself) >= 0.5 to the most similar article of the
previous 48 h, greedy single link.

--same-time puts every article at one moment and counts the articles that joined
another one: run on a set of distinct articles (the BBC summarisation set, whose 500
articles are 500 different reports of 2004-05 across five topics), every join is a
candidate false merge, in the harshest case of all of them arriving in one window.

Printed: pairwise precision/recall/F1 of "same story", adjusted Rand index and B-cubed
F1 (articles without a story label are left out of the scores), the median and p99
milliseconds per article of our assignment, and the peak memory of the process.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import math
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.storage.db import open_database
from bot.storage.stories import DEFAULT_WINDOW_HOURS, assign_story

Record = dict[str, object]


def load(path: Path, limit: int | None) -> list[Record]:
    with path.open(encoding="utf-8") as handle:
        rows: list[Record] = [json.loads(line) for line in handle if line.strip()]
    rows.sort(key=_order)
    if limit is not None:
        # The first `limit` articles in time order: a subsample that keeps every
        # story's neighbours of the same days.
        rows = rows[:limit]
    return rows


def _order(row: Record) -> tuple[str, str]:
    key = str(row.get("url") or "") or f"{row.get('title', '')}\n{row.get('text', '')}"
    return str(row.get("published") or ""), hashlib.sha256(key.encode()).hexdigest()


def moment(row: Record) -> float:
    if not row.get("published"):
        return 0.0  # --same-time, or a set without dates: one moment for all
    published = datetime.fromisoformat(str(row["published"]))
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return published.timestamp()


async def run_ours(rows: Sequence[Record], window_hours: float) -> tuple[list[int], list[float]]:
    stories: list[int] = []
    millis: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        db = await open_database(Path(folder) / "stories.db")
        try:
            for row in rows:
                started = time.perf_counter()
                async with db.transaction() as conn:
                    assignment = await assign_story(
                        conn,
                        None,
                        str(row.get("title") or ""),
                        str(row.get("text") or ""),
                        "english",
                        moment(row),
                        window_hours=window_hours,
                    )
                millis.append((time.perf_counter() - started) * 1000.0)
                stories.append(assignment.story_id)
        finally:
            await db.close()
    return stories, millis


# The baseline's English stop words: sklearn's list is not installed here, so sumy's
# (a superset of most lists) stands in.
_WORD = re.compile(r"(?u)\b\w\w+\b")


def run_baseline(
    rows: Sequence[Record], *, threshold: float = 0.5, hours: float = 48.0
) -> list[int]:
    from sumy.utils import get_stop_words

    stops = frozenset(get_stop_words("english"))
    docs = [
        Counter(
            w
            for w in _WORD.findall(f"{row.get('title') or ''} {row.get('text') or ''}".lower())
            if w not in stops
        )
        for row in rows
    ]
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    n = len(docs)
    idf = {term: math.log((1 + n) / (1 + count)) + 1.0 for term, count in df.items()}
    vectors: list[dict[str, float]] = []
    for doc in docs:
        raw = {term: tf * idf[term] for term, tf in doc.items()}
        norm = math.sqrt(sum(w * w for w in raw.values())) or 1.0
        vectors.append({term: w / norm for term, w in raw.items()})
    times = [moment(row) for row in rows]
    postings: dict[str, list[int]] = defaultdict(list)
    story: list[int] = []
    start = 0  # first article still inside the window (rows are in time order)
    for i, vector in enumerate(vectors):
        while times[start] < times[i] - hours * 3600.0:
            start += 1
        dots: dict[int, float] = defaultdict(float)
        for term, weight in vector.items():
            posting = postings[term]
            for j in reversed(posting):
                if j < start:
                    break
                dots[j] += weight * vectors[j][term]
        best = max(dots.items(), key=lambda item: (item[1], -item[0]), default=None)
        story.append(story[best[0]] if best is not None and best[1] >= threshold else i)
        for term in vector:
            postings[term].append(i)
    return story


def scores(gold: Sequence[object], predicted: Sequence[int]) -> dict[str, float]:
    labelled = [i for i, g in enumerate(gold) if g is not None]
    if len(labelled) < 2:
        return {}
    cells = Counter((gold[i], predicted[i]) for i in labelled)
    golds = Counter(gold[i] for i in labelled)
    preds = Counter(predicted[i] for i in labelled)

    def pairs(n: int) -> float:
        return n * (n - 1) / 2

    same_both = sum(pairs(c) for c in cells.values())
    same_gold = sum(pairs(c) for c in golds.values())
    same_pred = sum(pairs(c) for c in preds.values())
    precision = same_both / same_pred if same_pred else float("nan")
    recall = same_both / same_gold if same_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if same_both else 0.0
    n = len(labelled)
    expected = same_gold * same_pred / pairs(n) if n > 1 else 0.0
    top = (same_gold + same_pred) / 2
    ari = (same_both - expected) / (top - expected) if top != expected else 0.0
    b_p = sum(c * c / preds[p] for (_, p), c in cells.items()) / n
    b_r = sum(c * c / golds[g] for (g, _), c in cells.items()) / n
    return {
        "P": precision,
        "R": recall,
        "F1": f1,
        "ARI": ari,
        "B3F1": 2 * b_p * b_r / (b_p + b_r),
        "stories": float(len(set(predicted))),
    }


def _line(name: str, result: dict[str, float], predicted: Sequence[int]) -> str:
    joined = len(predicted) - len(set(predicted))
    if not result:
        return f"{name:<34} {joined} of {len(predicted)} articles joined another one"
    return (
        f"{name:<34} P {result['P']:.3f}  R {result['R']:.3f}  F1 {result['F1']:.3f}  "
        f"ARI {result['ARI']:.3f}  B3 F1 {result['B3F1']:.3f}  stories {int(result['stories'])}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--out", type=Path, help="write {id, story} per article here")
    parser.add_argument("--limit", type=int, help="only the first N articles in time order")
    parser.add_argument("--window-hours", type=float, default=DEFAULT_WINDOW_HOURS)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--same-time", action="store_true", help="every article at one moment (false-merge check)"
    )
    args = parser.parse_args(argv)

    rows = load(args.data, args.limit)
    if args.same_time:
        rows = [{**row, "published": None} for row in rows]
    gold = [row.get("story") for row in rows]
    labelled = sum(1 for g in gold if g is not None)
    print(
        f"{args.data.name}: {len(rows)} articles ({labelled} labelled), "
        f"{len(set(g for g in gold if g is not None))} stories; window {args.window_hours:g} h"
    )

    started = time.perf_counter()
    ours, millis = asyncio.run(run_ours(rows, args.window_hours))
    elapsed = time.perf_counter() - started
    print(_line("ours (bot.storage.stories)", scores(gold, ours), ours))
    ordered = sorted(millis)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    print(
        f"{'':<34} per article: median {statistics.median(millis):.3f} ms, p99 {p99:.3f} ms, "
        f"total {elapsed:.1f} s"
    )
    if not args.no_baseline:
        base = run_baseline(rows)
        print(_line("baseline TF-IDF >= 0.5, 48 h", scores(gold, base), base))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MB")
    if args.out:
        with args.out.open("w", encoding="utf-8") as handle:
            for row, story in zip(rows, ours, strict=True):
                handle.write(json.dumps({"id": row["id"], "story": story}) + "\n")


if __name__ == "__main__":
    main()
