"""Following a quotation across sentences: which sentences speak without their speaker.

A quotation of several sentences names its speaker once, where it opens ("He said:") or where
it closes ('…," she said.'). A sentence from its middle, or an opening whose speaker is not
named where it closes next, reads as nobody's words without the line before it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from bot.briefs.quotemarks import GERMAN_QUOTES, closes_with_speaker, opens_quotation

# Quotation marks that open and close (straight marks are told apart by position below).
# Single marks are left out: U+2019 is an apostrophe far more often than a closing mark.
_QUOTES = {"german": GERMAN_QUOTES}
_DEFAULT_QUOTES = ("\u201c\u00ab", "\u201d\u00bb")
_QUOTE_MARK = re.compile('["\u201c\u201d\u201e\u00ab\u00bb]')


def unattributed(
    sentences: Sequence[str], language: str, after_gap: Collection[int] = ()
) -> list[bool]:
    """For each sentence, whether it is the middle of a quotation an earlier one opened ("For
    me, certain things happen.") or opens one whose speaker the next does not name.
    ``after_gap`` are the sentences after a refused line: what that line opened or closed is
    unknown, so the count starts again there."""
    openers, closers = _QUOTES.get(language, _DEFAULT_QUOTES)
    marks = f'"{openers}{closers}'
    flags, is_open = [], False
    for i, sentence in enumerate(sentences):
        if i in after_gap or sentence[:1] in f'"{openers}':
            is_open = False
        unnamed = opens_quotation(sentence) and not (
            i + 1 < len(sentences) and closes_with_speaker(sentences[i + 1])
        )
        flags.append(unnamed or (is_open and not any(mark in sentence for mark in marks)))
        # Only the marks are visited: a loop over every character cost a millisecond.
        for found in _QUOTE_MARK.finditer(sentence):
            mark, at = found[0], found.start()
            if mark == '"':
                # A straight mark opens before a word and closes after one.
                before = sentence[at - 1 : at] if at else " "
                mark = openers[0] if before in " ([\u2014\u2013-" else closers[0]
            if mark in openers:
                is_open = True
            elif mark in closers:
                is_open = False
    return flags
