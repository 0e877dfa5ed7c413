"""Fact checks: lead the brief with the claim, marked as a claim, and the verdict.

A fact-check page states the claim it checks, often in the very words of the rumour, and
then its verdict under a label: "Claim: …", "Rating: False". A summarizer that drops the
labels turns a debunked claim into a statement of fact. The labels are read here (the
extractor adds them from schema.org ClaimReview markup when the page only has that), and the
brief's first sentence says "Claim: “…” Rating: …"; no other sentence of the brief restates
the claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Only the head of the text is searched: the labels sit above the article.
_SEARCH_LINES = 40
_MAX_VALUE_CHARS = 400

_CLAIM_LABEL = re.compile(
    r"^(?P<label>Claim|The claim|Claimed|Behauptung|Aussage|Affirmation|All\u00e9gation"
    r"|Afirmaci\u00f3n|Afirma\u00e7\u00e3o|Alega\u00e7\u00e3o"
    r"|\u0423\u0442\u0432\u0435\u0440\u0436\u0434\u0435\u043d\u0438\u0435)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_RATING_LABEL = re.compile(
    r"^(?P<label>Rating|Our rating|Verdict|Our verdict|Conclusion|Bewertung|Fazit"
    r"|Urteil|Veredicto|Calificaci\u00f3n|Classifica\u00e7\u00e3o|Veredito"
    r"|\u0412\u0435\u0440\u0434\u0438\u043a\u0442|\u041e\u0446\u0435\u043d\u043a\u0430)"
    r"\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class FactCheck:
    claim_label: str
    claim: str
    rating_label: str
    rating: str
    lines: frozenset[int]  # the body's line numbers that held the labels and their values

    @property
    def lead(self) -> str:
        """The brief's first sentence: the claim in quotes under its label, then the verdict."""
        claim = self.claim.strip().strip("\"'\u201c\u201d\u00ab\u00bb").rstrip(" .")
        rating = self.rating.strip().rstrip(" .")
        return f"{self.claim_label}: \u201c{claim}\u201d {self.rating_label}: {rating}."

    def restates_claim(self, sentence: str) -> bool:
        """The sentence says what the claim says, in about its words (not a report of it)."""
        claim = set(_WORD.findall(self.claim.casefold()))
        words = set(_WORD.findall(sentence.casefold()))
        if not claim or not words:
            return False
        return len(claim & words) >= 0.7 * len(claim) and len(words) <= 2 * len(claim)


def is_label(line: str) -> bool:
    """The line is a fact check's claim or verdict label, with or without its value."""
    return bool(_CLAIM_LABEL.match(line) or _RATING_LABEL.match(line)) and len(line) < 500


def _labelled(
    lines: list[str], index: int, pattern: re.Pattern[str]
) -> tuple[str, str, set[int]] | None:
    match = pattern.match(lines[index])
    if match is None:
        return None
    value, used = match["value"].strip(), {index}
    if not value:
        # "Claim:" alone on its line, the claim on the next one.
        following = next((j for j in range(index + 1, len(lines)) if lines[j].strip()), None)
        if following is None:
            return None
        value, used = lines[following].strip(), {index, following}
    if not value or len(value) > _MAX_VALUE_CHARS:
        return None
    return match["label"].strip(), value, used


def find(body: str) -> FactCheck | None:
    """The claim and verdict a fact-check page labels near its top, or None."""
    lines = body.splitlines()
    claim = rating = None
    for index in range(min(len(lines), _SEARCH_LINES)):
        line = lines[index].strip()
        if not line:
            continue
        lines[index] = line
        if claim is None:
            claim = _labelled(lines, index, _CLAIM_LABEL)
            if claim is not None:
                continue
        if rating is None:
            rating = _labelled(lines, index, _RATING_LABEL)
        if claim is not None and rating is not None:
            break
    if claim is None or rating is None:
        return None
    return FactCheck(claim[0], claim[1], rating[0], rating[1], frozenset(claim[2] | rating[2]))


def without_labels(body: str, fact: FactCheck) -> str:
    """The body without the labelled claim and verdict lines (the lead says them)."""
    return "\n".join(line for i, line in enumerate(body.splitlines()) if i not in fact.lines)
