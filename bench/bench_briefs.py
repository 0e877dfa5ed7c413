"""Brief quality: ROUGE on the two development sets, every method on the same candidates.

    python bench/bench_briefs.py DATA_DIR [--limit N] [--methods auto,lead3,textrank]
                                          [--sets bbc,cnn] [--words 60]

DATA_DIR holds ``bbc_dev.jsonl`` and ``cnn_dev.jsonl`` as built by the project's eval
scripts (``../shared/eval/README.md``); the data never goes into the repository. Each line
is a JSON object with ``id``, ``title``, ``text`` and ``reference`` (one reference sentence
per line).

For every article, each method picks 3 sentences from the same candidates (the article
cleaned and split by ``bot.briefs``): our default (``auto``), Lead-3 (the first three
candidates) and every sumy algorithm newsbrief offers. ``sumy-lexrank`` is plain sumy's
LexRank on the raw text split by the same punkt model, with none of our cleaning, as a
reference point. Scores are ROUGE-1/2/Lsum F1 (rouge-score, Porter stemmer; rougeLsum with
sentences joined by newlines), on the 3 sentences as chosen and cut to their first 60
words (ROUGE F1 rewards length, so the cut compares methods at equal length). Also printed:
mean words per brief, median ms per article, and a paired difference in ROUGE-1 at the cut
between the default and its best rival with a 95% bootstrap interval (seeded, so runs
repeat). Needs the ``bench`` extra: ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rouge_score import rouge_scorer

from bot import briefs
from bot.briefs import SUMMARIZER_NAMES, make_brief

SETS = ("bbc", "cnn")
METRICS = ("rouge1", "rouge2", "rougeLsum")
SENTENCES = 3
DEFAULT = "auto"
BOOTSTRAP_ROUNDS = 2000


def load(data_dir: Path, name: str, limit: int | None) -> list[dict[str, str]]:
    path = data_dir / f"{name}_dev.jsonl"
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return rows[:limit] if limit else rows


def cut(sentences: Sequence[str], words: int) -> list[str]:
    """The first `words` words, keeping sentence boundaries (the last one may be cut)."""
    kept: list[str] = []
    left = words
    for sentence in sentences:
        tokens = sentence.split()
        if left <= 0:
            break
        kept.append(" ".join(tokens[:left]))
        left -= len(tokens)
    return kept


def plain_sumy_lexrank() -> Callable[[str, str], tuple[str, ...]]:
    """sumy's own LexRank on raw text: its parser's sentences, our punkt model, no cleaning."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    tools = briefs.tools("english")
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def run(title: str, text: str) -> tuple[str, ...]:
        paragraphs = []
        for line in text.splitlines():
            if line.strip():
                sents = [Sentence(s, tools.tokenizer) for s in tools.tokenizer.to_sentences(line)]
                paragraphs.append(Paragraph(sents))
        document = ObjectDocumentModel(paragraphs)
        return tuple(str(s) for s in summarizer(document, SENTENCES))

    return run


def method(name: str) -> Callable[[str, str], tuple[str, ...]]:
    if name == "lead3":
        return lambda title, text: tuple(briefs.candidates(title, text, "english")[:SENTENCES])
    if name == "sumy-lexrank":
        return plain_sumy_lexrank()
    return lambda title, text: make_brief(title, text, sentences=SENTENCES, summarizer=name)


def bootstrap(diffs: list[float], rounds: int = BOOTSTRAP_ROUNDS) -> tuple[float, float]:
    rng = random.Random(20260426)
    n = len(diffs)
    means = sorted(sum(rng.choices(diffs, k=n)) / n for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def run_set(
    rows: list[dict[str, str]], methods: list[str], words: int
) -> dict[str, dict[str, list[float]]]:
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    results: dict[str, dict[str, list[float]]] = {}
    for name in methods:
        run = method(name)
        run(rows[0]["title"], rows[0]["text"])  # warm up: tokenizer and stemmer load once
        series: dict[str, list[float]] = {"ms": [], "words": []}
        for key in METRICS:
            series[f"{key}@3"] = []
            series[f"{key}@{words}"] = []
        for row in rows:
            reference = row["reference"]
            start = time.perf_counter()
            try:
                picked = run(row["title"], row["text"])
            except briefs.BriefError:
                picked = ()
            series["ms"].append((time.perf_counter() - start) * 1000)
            series["words"].append(sum(len(s.split()) for s in picked))
            for label, summary in (("3", list(picked)), (str(words), cut(picked, words))):
                scores = scorer.score(reference, "\n".join(summary))
                for key in METRICS:
                    series[f"{key}@{label}"].append(scores[key].fmeasure * 100)
        results[name] = series
    return results


def report(name: str, results: dict[str, dict[str, list[float]]], words: int) -> None:
    print(f"\n{name}: {len(next(iter(results.values()))['ms'])} articles")
    header = (
        f"{'method':<14} {'R1@3':>6} {'R2@3':>6} {'RL@3':>6}  "
        f"{'R1@' + str(words):>6} {'R2@' + str(words):>6} {'RL@' + str(words):>6}"
        f"  {'words':>6} {'ms p50':>7}"
    )
    print(header)
    for method_name, series in results.items():
        mean = {key: statistics.fmean(values) for key, values in series.items()}
        print(
            f"{method_name:<14} {mean['rouge1@3']:6.1f} {mean['rouge2@3']:6.1f} "
            f"{mean['rougeLsum@3']:6.1f}  {mean[f'rouge1@{words}']:6.1f} "
            f"{mean[f'rouge2@{words}']:6.1f} {mean[f'rougeLsum@{words}']:6.1f}"
            f"  {mean['words']:6.1f} {statistics.median(series['ms']):7.2f}"
        )
    if DEFAULT in results and len(results) > 1:
        key = f"rouge1@{words}"
        rivals = {m: statistics.fmean(s[key]) for m, s in results.items() if m not in (DEFAULT,)}
        best = max(rivals, key=lambda m: rivals[m])
        for rival in dict.fromkeys([best, "lead3"]):
            if rival not in results:
                continue
            diffs = [a - b for a, b in zip(results[DEFAULT][key], results[rival][key], strict=True)]
            low, high = bootstrap(diffs)
            label = "best rival" if rival == best else "vs"
            print(
                f"paired ROUGE-1@{words} {DEFAULT} - {rival} ({label}): "
                f"{statistics.fmean(diffs):+.2f} [95% {low:+.2f}, {high:+.2f}]"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--limit", type=int, help="first N articles of each set")
    parser.add_argument(
        "--methods",
        default=",".join((DEFAULT, "lead3", *SUMMARIZER_NAMES[:-1], "sumy-lexrank")),
        help="comma-separated: auto, lead3, sumy-lexrank and the summarizer names",
    )
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--words", type=int, default=60, help="cut every brief to N words")
    args = parser.parse_args(argv)
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    unknown = set(methods) - {"lead3", "sumy-lexrank", *SUMMARIZER_NAMES}
    if unknown:
        parser.error(f"unknown methods: {', '.join(sorted(unknown))}")
    for name in args.sets.split(","):
        rows = load(args.data_dir, name, args.limit)
        report(name, run_set(rows, methods, args.words), args.words)
    return 0


if __name__ == "__main__":
    sys.exit(main())
