"""Pages made of separate items: a brief from the first item, never a mix of items.

A listicle ("7 films to see this winter"), letters to an advice column or a glossary put
several unrelated pieces on one page. A summarizer scores them as one text and picks the
openings of three different things, which reads as nonsense. Such a page is briefed from its
introduction and its first item only.
"""

from __future__ import annotations

import re

from bot.briefs.cleaning import word_count

# A heading: a short line that does not end like a sentence.
_HEADING_MAX_WORDS = 12
_SENTENCE_END = re.compile(r"[.!?\u2026:;\"'\u201d\u2019\u00bb\u3002\uff01\uff1f]$")
# A numbered item heading: "1. The lighthouse at Kell", "#2 North Pier", "No. 3: The ferry".
_NUMBERED = re.compile(r"^(?:#|No\.? ?)?(\d{1,3})(?:[.):]|\s*[-\u2013\u2014])?\s+\S")
# A letter to an advice column: "Dear Annie,", "Dear Doctor:".
_LETTER = re.compile(r"^Dear [A-Z][\w.' ]{0,30}[,:]")
# A glossary or directory entry: "Term: definition." / "Term \u2013 definition."
_ENTRY = re.compile(r"^[A-Z][\w'()/ -]{0,40}?(?::| [\u2013\u2014-] )\s*\S.{10,}$")
# A title that announces a list: "7 films …", "The 10 best …", "Top 20 …", "22 of our …".
_LIST_TITLE = re.compile(
    r"^(?:The |Our )?(?:Top |Best )?(?:\d{1,3}|Three|Four|Five|Six|Seven|Eight|Nine|Ten"
    r"|Eleven|Twelve|Fifteen|Twenty) (?!(?:years?|days?|months?|weeks?|hours?|minutes?"
    r"|people|percent|per cent|million|billion|thousand)\b)",
    re.IGNORECASE,
)
# Chinese and Japanese list titles, anywhere: "…10選" (ten picks), "十大…", "10个…".
_CJK_LIST_TITLE = re.compile(r"\d{1,3}\u9078|\u5341\u5927|\d{1,3}(?:\u500b|\u4e2a|\u3064\u306e)")
_MIN_ITEMS = 3
_MIN_PROSE_WORDS = 8


def _is_heading(line: str) -> bool:
    return 0 < word_count(line) <= _HEADING_MAX_WORDS and not _SENTENCE_END.search(line)


def _is_prose(line: str) -> bool:
    return word_count(line) >= _MIN_PROSE_WORDS and bool(_SENTENCE_END.search(line))


def _item_starts(lines: list[str], title: str) -> list[int]:
    """Indexes of the lines that start the page's items, or [] when it is not a list page."""
    letters = [i for i, line in enumerate(lines) if _LETTER.match(line)]
    if len(letters) >= 2:
        return letters
    prose_lines = sum(1 for line in lines if _is_prose(line))
    entries = [i for i, line in enumerate(lines) if _ENTRY.match(line) and _is_prose(line)]
    # Every term differs in a glossary; an interview's "Name: …" lines repeat their speakers.
    terms = {re.split(r":| [\u2013\u2014-] ", lines[i], maxsplit=1)[0] for i in entries}
    if len(entries) >= 5 and len(terms) == len(entries) and 2 * len(entries) >= prose_lines:
        return entries
    headed = [
        i
        for i, line in enumerate(lines[:-1])
        if _is_heading(line) and _is_prose(lines[i + 1])
    ]
    numbers = [m for m in (_NUMBERED.match(lines[i]) for i in headed) if m is not None]
    counted = [int(m[1]) for m in numbers]
    in_sequence = len(counted) >= _MIN_ITEMS and (
        counted == sorted(counted) or counted == sorted(counted, reverse=True)
    )
    if len(headed) >= _MIN_ITEMS and (
        in_sequence or _LIST_TITLE.match(title) or _CJK_LIST_TITLE.search(title)
    ):
        return headed
    if _CJK_LIST_TITLE.search(title):
        # "…10選" with one paragraph per item and no headings: an introduction, then items.
        prose = [i for i, line in enumerate(lines) if _is_prose(line)]
        if len(prose) >= _MIN_ITEMS + 1:
            return prose[1:]
    return []


def first_item(title: str, body: str) -> str:
    """The body cut after its first item when the page is a list of separate items (with
    the introduction before it), else the body unchanged."""
    lines = [" ".join(line.split()) for line in body.splitlines()]
    kept = [line for line in lines if line]
    starts = _item_starts(kept, title)
    if len(starts) < 2:
        return body
    return "\n".join(kept[: starts[1]])
