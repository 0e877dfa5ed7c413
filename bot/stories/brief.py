"""A story's brief drawn from several reports' briefs: no two sentences saying the same.

Each report already has its own brief (sentences picked by bot.briefs when it was
stored). The story's brief opens with the earliest report's first sentence, then takes
the sentences most central to the whole story (closest, by stem cosine, to the other
reports' sentences), skipping any that says what a chosen one already says and any that
needs the sentence before it (bot.briefs.dangling.dangles), until the word budget is
spent. Pure and deterministic: ties go to the earlier report and sentence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from bot.briefs.dangling import dangles
from bot.stories.similarity import stop_stems
from bot.text import stem

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# A sentence this close (stem cosine) to one already chosen says the same thing.
REDUNDANT = 0.5


def _vector(sentence: str, stops: frozenset[str]) -> dict[str, float]:
    counts: dict[str, float] = {}
    for token in _TOKEN.findall(sentence):
        term = stem(token)
        if len(term) > 1 and term not in stops:
            counts[term] = counts.get(term, 0.0) + 1.0
    norm = math.sqrt(sum(c * c for c in counts.values()))
    return {t: c / norm for t, c in counts.items()} if norm else {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def story_brief(
    reports: Sequence[Sequence[str]], *, words: int = 100, language: str = "english"
) -> list[str]:
    """Sentences for a story from its reports' briefs (earliest report first), within
    about `words` words (the last sentence chosen may pass it)."""
    stops = stop_stems(language)
    pool: list[tuple[int, int, str, dict[str, float]]] = [
        (r, s, sentence, _vector(sentence, stops))
        for r, brief in enumerate(reports)
        for s, sentence in enumerate(brief)
        if sentence.strip()
    ]
    if not pool:
        return []
    # Centrality: how much a sentence is echoed by the other reports' sentences.
    central = {
        (r, s): sum(_cosine(vec, other) for r2, _, _, other in pool if r2 != r)
        for r, s, _, vec in pool
    }
    chosen = [pool[0]]
    used = len(pool[0][2].split())
    rest = sorted(pool[1:], key=lambda p: (-central[(p[0], p[1])], p[0], p[1]))
    for candidate in rest:
        if used >= words:
            break
        if any(_cosine(candidate[3], c[3]) > REDUNDANT for c in chosen):
            continue
        if dangles(candidate[2], language):
            continue  # it needs the sentence before it, which may not be chosen
        chosen.append(candidate)
        used += len(candidate[2].split())
    return [c[2] for c in chosen]
