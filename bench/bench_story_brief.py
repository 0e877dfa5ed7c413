"""A story's brief from several reports, against one report's brief, Lead-3 and LexRank.

    python bench/bench_story_brief.py DATA_DIR [--words 100] [--show 10]

DATA_DIR holds ``duc_dev.jsonl`` and ``duc_dev_refs.jsonl`` (../shared/eval, section
"Development sets for story clustering"); nothing of them goes into the repository. For
every document set (a story of about ten newswire reports with four human summaries),
each method's output is cut to its first `words` words and scored with ROUGE-1/2 F1
(rouge-score, Porter stemmer), averaged over the four references:

- ``story``: bot.stories.brief.story_brief over each report's own brief (bot.briefs'
  default summarizer, 3 sentences, as the bot stores them), earliest report first;
- ``earliest``: the earliest report's own brief (6 sentences, so it can fill the cut);
- ``lead3``: the earliest report's first three sentences;
- ``lexrank-all``: sumy's LexRank over all the reports joined (6 sentences).

"Earliest" is by publication date, ties broken by a hash of the text (never the id).
Needs the ``bench`` extra: ``pip install -e '.[bench]'``. --show prints that many story
briefs to read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rouge_score import rouge_scorer

from bot import briefs
from bot.briefs import make_brief
from bot.stories.brief import story_brief

METRICS = ("rouge1", "rouge2")
Doc = dict[str, str]


def cut(sentences: Sequence[str], words: int) -> str:
    tokens = " ".join(sentences).split()
    return " ".join(tokens[:words])


def _brief(doc: Doc, sentences: int) -> list[str]:
    try:
        return list(make_brief("", doc["text"], sentences=sentences))
    except briefs.BriefError:
        return []


def lexrank_all(docs: Sequence[Doc]) -> list[str]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    tools = briefs.tools("english")
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    paragraphs = []
    for doc in docs:
        for line in doc["text"].splitlines():
            if line.strip():
                sents = [Sentence(s, tools.tokenizer) for s in tools.tokenizer.to_sentences(line)]
                paragraphs.append(Paragraph(sents))
    return [str(s) for s in summarizer(ObjectDocumentModel(paragraphs), 6)]


METHODS: dict[str, Callable[[Sequence[Doc]], list[str]]] = {
    "story": lambda docs: story_brief([_brief(d, 3) for d in docs]),
    "earliest": lambda docs: _brief(docs[0], 6),
    "lead3": lambda docs: list(briefs.candidates("", docs[0]["text"], "english")[:3]),
    "lexrank-all": lexrank_all,
}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args(argv)

    with (args.data_dir / "duc_dev.jsonl").open(encoding="utf-8") as handle:
        docs = {d["id"]: d for d in map(json.loads, handle)}
    with (args.data_dir / "duc_dev_refs.jsonl").open(encoding="utf-8") as handle:
        sets = [json.loads(line) for line in handle]
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    scores: dict[str, dict[str, list[float]]] = {m: {k: [] for k in METRICS} for m in METHODS}
    shown = 0
    for docset in sets:
        members = sorted(
            (docs[i] for i in docset["docs"] if i in docs),
            key=lambda d: (d["published"], hashlib.sha256(d["text"].encode()).hexdigest()),
        )
        if len(members) < 2:
            continue
        for name, run in METHODS.items():
            summary = cut(run(members), args.words)
            for key in METRICS:
                per_ref = [scorer.score(ref, summary)[key].fmeasure for ref in docset["references"]]
                scores[name][key].append(100 * statistics.mean(per_ref))
            if name == "story" and shown < args.show:
                shown += 1
                print(f"--- {docset['story']} ({len(members)} reports)\n{summary}\n")
    print(f"{len(scores['story']['rouge1'])} document sets, cut to {args.words} words")
    for name, series in scores.items():
        means = "  ".join(f"{k.upper()} {statistics.mean(v):5.2f}" for k, v in series.items())
        print(f"{name:<12} {means}")


if __name__ == "__main__":
    main()
