"""Same story or not: weighted stems of title and lead, names, and the decision.

An article becomes a vector of stems (the same stemming as search, so
"floods" and "flooding" agree), the title counted more than the body, only the
lead of the body read (reports of one event share their first paragraphs;
their later ones wander), each stem weighted by sublinear term frequency times
its inverse document frequency over the archive. Its names are the stems of
words capitalised inside a sentence (people, places, firms). A story keeps
the sum of its reports' vectors and of their names, each cut to its heaviest
stems.

A new article joins the open story whose sum is most similar to it (cosine),
if that is at least the threshold, they share at least two stems, and enough
of the article's names are the story's: "Japan's economy slides into
recession" and "US economy shows solid growth" share every topic word and no
name. Otherwise it starts a story of its own. Precision first: a false merge
hides news from people, a miss only costs one more push.

Everything here is deterministic: ties go to the older (lower id) story, and
stems are sorted wherever order could leak into a result.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from bot.text import stem

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# What may stand between two words of one sentence: a capital after anything else
# (a full stop, a colon, a quotation mark, a new line) may just open a sentence.
_SAME_SENTENCE = re.compile(r"[ \t,;()/&'\-\u2013\u2014]*")
# Capitalised, but the date of a report, not who or where it is about: two councils'
# votes "on Monday" that start "in March" are not one story for sharing those words.
_CALENDAR = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)

Vector = dict[str, float]


@dataclass(frozen=True)
class Params:
    """The clusterer's knobs; the defaults are the ones tuned on the development sets."""

    threshold: float = 0.22  # cosine with the story's sum needed to join
    title_weight: float = 3.0  # a title word counts this many body words
    lead_tokens: int = 400  # words of the body read
    story_terms: int = 80  # stems a story's sum keeps
    probe_terms: int = 12  # an article's heaviest stems, looked up in the index
    max_candidates: int = 24  # stories scored per article
    min_shared: int = 2  # stems an article must share with a story
    name_terms: int = 8  # an article's heaviest names
    story_names: int = 30  # names a story keeps
    # Of the article's names (weighted), the share the story must hold; articles or
    # stories without names (headlines alone, a first report with none) skip the check.
    min_name_overlap: float = 0.3


DEFAULT = Params()


@dataclass(frozen=True)
class Features:
    """What the clusterer knows of an article or a story."""

    terms: Vector
    names: Vector = field(default_factory=dict)


@lru_cache(maxsize=16)
def stop_stems(language: str) -> frozenset[str]:
    """Stems of the language's stop words (sumy's lists), which say nothing about an event."""
    from sumy.utils import get_stop_words

    try:
        words: Iterable[str] = get_stop_words(language)
    except LookupError:
        words = ()
    return frozenset(stem(w) for w in words)


def term_counts(
    title: str, body: str, language: str, params: Params = DEFAULT
) -> tuple[Vector, Vector]:
    """Weighted term frequencies of an article's title and lead, and of its names."""
    stops = stop_stems(language)
    counts: Vector = {}
    names: Vector = {}
    for token, weight, is_name in _weighted_tokens(title, body, params):
        if len(token) < 2 or (token.isdigit() and len(token) < 3):
            continue
        term = stem(token)
        if term in stops:
            continue
        counts[term] = counts.get(term, 0.0) + weight
        if is_name:
            names[term] = names.get(term, 0.0) + 1.0
    return counts, names


def _weighted_tokens(title: str, body: str, params: Params) -> Iterable[tuple[str, float, bool]]:
    # Headlines are often in title case, so their capitals say nothing: names come
    # from the body only.
    for token in _TOKEN.findall(title):
        yield token, params.title_weight, False
    previous_end: int | None = None
    for n, match in enumerate(_TOKEN.finditer(body)):
        if n >= params.lead_tokens:
            break
        token = match.group()
        is_name = (
            token[0].isupper()
            and token.lower() not in _CALENDAR
            and previous_end is not None
            and _SAME_SENTENCE.fullmatch(body, previous_end, match.start()) is not None
        )
        previous_end = match.end()
        yield token, 1.0, is_name


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


def features(
    counts: Mapping[str, float],
    names: Mapping[str, float],
    idfs: Callable[[str], float],
    params: Params = DEFAULT,
) -> Features:
    """An article's unit term vector and its heaviest names (count times idf)."""
    weighted = {name: count * idfs(name) for name, count in names.items()}
    return Features(weigh(counts, idfs), _top(weighted, params.name_terms))


def _top(vector: Mapping[str, float], limit: int) -> Vector:
    ranked = sorted(vector.items(), key=lambda item: (-item[1], item[0]))
    return dict(ranked[:limit])


def probes(vector: Mapping[str, float], params: Params = DEFAULT) -> list[str]:
    """The heaviest (rarest, most repeated) stems: the ones looked up in the story index."""
    return list(_top(vector, params.probe_terms))


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


def name_overlap(article: Mapping[str, float], story: Mapping[str, float]) -> float:
    """The weighted share of the article's names that the story has; 1 without evidence."""
    total = sum(article.values())
    if total == 0.0 or not story:
        return 1.0
    return sum(w for name, w in article.items() if name in story) / total


def choose(
    article: Features,
    candidates: Sequence[tuple[int, Features]],
    params: Params = DEFAULT,
) -> tuple[int, float] | None:
    """The story an article joins: the most similar candidate that passes, or None."""
    best: tuple[int, float] | None = None
    for story_id, story in sorted(candidates, key=lambda c: c[0]):
        if sum(1 for term in article.terms if term in story.terms) < params.min_shared:
            continue
        if name_overlap(article.names, story.names) < params.min_name_overlap:
            continue
        score = cosine(article.terms, story.terms)
        if score >= params.threshold and (best is None or score > best[1]):
            best = (story_id, score)
    return best


def merge(story: Features, article: Features, params: Params = DEFAULT) -> Features:
    """A story after a report joins: its sums, cut to their heaviest stems."""
    return Features(
        _top(_add(story.terms, article.terms), params.story_terms),
        _top(_add(story.names, article.names), params.story_names),
    )


def _add(a: Mapping[str, float], b: Mapping[str, float]) -> Vector:
    total = dict(a)
    for term, weight in b.items():
        total[term] = total.get(term, 0.0) + weight
    return total
