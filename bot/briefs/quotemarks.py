"""Quotation marks at a sentence's ends: a quotation opened and not closed, or closed with
its speaker named. Split from ``dangling`` (which asks whether a sentence needs the one
before) so both stay readable; ``openers`` and ``quotations`` use these too.
"""

from __future__ import annotations

import re

OPENING_QUOTES = '"\u201c\u201e\u00ab'
CLOSING_QUOTES = "\u201d\u00bb"
# German quotes open low and close high („…“), or point inwards (»…«): opening, closing.
GERMAN_QUOTES = ("\u201e\u00bb", "\u201c\u00ab")


def all_quotation(sentence: str, language: str) -> bool:
    """All quotation, no speaker, in double or single curly marks (Spanish and Portuguese
    put the stop outside)."""
    german = language == "german"
    opening, closing = GERMAN_QUOTES if german else (OPENING_QUOTES, CLOSING_QUOTES)
    stripped = sentence.rstrip().rstrip(".")
    return stripped[:1] in opening + "\u2018" and stripped[-1:] in '"\u201d\u00bb\u2019' + closing


# British papers quote in single marks: "'I think we've got enough points to stay up!" opens
# a quotation whose speaker comes later or came before. An apostrophe inside a word ("we've")
# neither opens nor closes one; a mark after a letter and before a space or stop closes it.
_SINGLE_CLOSE = re.compile(r"(?<=[^\s'\u2018])['\u2019](?=[\s.,;:!?\u2026]|$)")
_SPEAKER_VERB = re.compile(
    r"\b(?:said|says|told|tells|added|adds|explained|insisted|admitted|claimed|according to"
    r"|wrote|writes|recalled|revealed|warned|declared|continued)\b"
)


def opens_single_quote_unclosed(sentence: str) -> bool:
    """The sentence opens a quotation in single marks that it neither closes nor attributes."""
    if sentence[:1] not in ("'", "\u2018") or not sentence[1:2].isalpha():
        return False
    return not _SINGLE_CLOSE.search(sentence, 1) and not _SPEAKER_VERB.search(sentence)


def opens_quotation(sentence: str) -> bool:
    """The sentence opens a quotation in double marks that goes on past it, with no speaker
    in it: the speaker came before ("He spoke about moving on:") or comes after."""
    if sentence[:1] not in ('"', "\u201c") or not sentence[1:2].isalpha():
        return False
    closed = '"' in sentence[1:] or "\u201d" in sentence
    return not closed and not _SPEAKER_VERB.search(sentence)


def closes_with_speaker(sentence: str) -> bool:
    """The sentence ends a quotation and names who spoke: '… to win," said Hingis.'"""
    closing = max(sentence.rfind('"'), sentence.rfind("\u201d"))
    return closing > 0 and _SPEAKER_VERB.search(sentence, closing) is not None
