"""Same story or not: weighted stems of title and lead, and the decision between candidates.

An article becomes a vector of stems (the same stemming as search, so
"floods" and "flooding" agree), the title counted more than the body, only the
lead of the body read (reports of one event share their first paragraphs;
their later ones wander), each stem weighted by sublinear term frequency times
its inverse document frequency over the archive. A story is the sum of its
reports' unit vectors, cut to its heaviest stems. A new article joins the open
story it is most similar to (cosine against the story's sum), if that is at
least the threshold and they share enough rare stems; otherwise it starts a
story of its own. Precision first: a false merge hides news from people, a
miss only costs one more push.

Everything here is deterministic: ties go to the older (lower id) story, and
stems are sorted wherever order could leak into a result.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.text import stem

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

Vector = dict[str, float]


@dataclass(frozen=True)
class Params:
    """The clusterer's knobs; the defaults are the ones tuned on the development sets."""

    # Cosine needed to join: short texts (headlines) share few stems, so one shared name
    # already gives a high cosine; long ones share many incidental words. The threshold
    # falls from threshold_short (at short_terms stems or fewer) to threshold_long (at
    # long_terms or more), linearly in the log of the article's number of stems.
    threshold_short: float = 0.22
    threshold_long: float = 0.14
    short_terms: int = 8
    long_terms: int = 100
    title_weight: float = 3.0
    lead_tokens: int = 400
    story_terms: int = 80
    probe_terms: int = 12
    max_candidates: int = 24
    min_shared: int = 2
    # Of the article's probes, how many a candidate story's index must hold: a story
    # that shares only a place and a topic word ("Halvik", "flood") is not the same event,
    # which matters most while the archive is small and idf cannot tell rare from common.
    min_probe_hits: int = 4
    min_probe_hits_short: int = 2


DEFAULT = Params()


@lru_cache(maxsize=16)
def stop_stems(language: str) -> frozenset[str]:
    """Stems of the language's stop words (sumy's lists), which say nothing about an event."""
    from sumy.utils import get_stop_words

    try:
        words: Iterable[str] = get_stop_words(language)
    except LookupError:
        words = ()
    return frozenset(stem(w) for w in words)


def term_counts(title: str, body: str, language: str, params: Params = DEFAULT) -> Vector:
    """Weighted term frequencies of an article's title and lead, stop words dropped."""
    stops = stop_stems(language)
    counts: Vector = {}
    for token, weight in _weighted_tokens(title, body, params):
        if len(token) < 2 or (token.isdigit() and len(token) < 3):
            continue
        term = stem(token)
        if term in stops:
            continue
        counts[term] = counts.get(term, 0.0) + weight
    return counts


def _weighted_tokens(title: str, body: str, params: Params) -> Iterable[tuple[str, float]]:
    for token in _TOKEN.findall(title):
        yield token, params.title_weight
    for n, match in enumerate(_TOKEN.finditer(body)):
        if n >= params.lead_tokens:
            break
        yield match.group(), 1.0


def idf(df: int, total: int) -> float:
    """Smoothed inverse document frequency: a stem in every article weighs 1, a new one most."""
    return math.log((1 + total) / (1 + df)) + 1.0


def weigh(counts: Mapping[str, float], idfs: Callable[[str], float]) -> Vector:
    """The unit vector of sublinear tf times idf."""
    raw = {
        term: (1.0 + math.log(tf)) * idfs(term) if tf >= 1 else tf * idfs(term)
        for term, tf in counts.items()
    }
    norm = math.sqrt(sum(w * w for w in raw.values()))
    if norm == 0.0:
        return {}
    return {term: w / norm for term, w in raw.items()}


def probes(vector: Mapping[str, float], params: Params = DEFAULT) -> list[str]:
    """The heaviest (rarest, most repeated) stems: the ones looked up in the story index."""
    ranked = sorted(vector.items(), key=lambda item: (-item[1], item[0]))
    return [term for term, _ in ranked[: params.probe_terms]]


def threshold(terms: int, params: Params = DEFAULT) -> float:
    """The cosine an article of this many stems needs to join a story."""
    if terms <= params.short_terms:
        return params.threshold_short
    if terms >= params.long_terms:
        return params.threshold_long
    share = math.log(terms / params.short_terms) / math.log(params.long_terms / params.short_terms)
    return params.threshold_short + (params.threshold_long - params.threshold_short) * share


def cosine(article: Mapping[str, float], story: Mapping[str, float]) -> float:
    """Cosine of a unit article vector with a story's (unnormalised) sum."""
    norm = math.sqrt(sum(w * w for w in story.values()))
    if norm == 0.0:
        return 0.0
    if len(story) < len(article):
        dot = sum(w * article.get(t, 0.0) for t, w in story.items())
    else:
        dot = sum(w * story.get(t, 0.0) for t, w in article.items())
    return dot / norm


def shared(article: Mapping[str, float], story: Mapping[str, float]) -> int:
    return sum(1 for term in article if term in story)


def choose(
    article: Mapping[str, float],
    candidates: Sequence[tuple[int, Mapping[str, float]]],
    params: Params = DEFAULT,
) -> tuple[int, float] | None:
    """The story an article joins: the most similar candidate above the threshold, or None."""
    best: tuple[int, float] | None = None
    needed = threshold(len(article), params)
    for story_id, centroid in sorted(candidates, key=lambda c: c[0]):
        if shared(article, centroid) < params.min_shared:
            continue
        score = cosine(article, centroid)
        if score >= needed and (best is None or score > best[1]):
            best = (story_id, score)
    return best


def merge(
    story: Mapping[str, float], article: Mapping[str, float], params: Params = DEFAULT
) -> Vector:
    """A story's sum after a report joins, cut to its story_terms heaviest stems."""
    total = dict(story)
    for term, weight in article.items():
        total[term] = total.get(term, 0.0) + weight
    ranked = sorted(total.items(), key=lambda item: (-item[1], item[0]))
    return dict(ranked[: params.story_terms])
