"""Live tickers and news feeds: a brief from one entry, never from several mixed.

A live page ("Nahost-Ticker: …", "… en direct", "aktuelle News") strings together short reports
on unrelated events, each under a time stamp ("12.31 Uhr: …", "9h05 - …"). A summarizer picks
the most central sentences of the whole page, so its brief mixes three events under a title
that names one. The brief is made from a single entry instead: the one whose heading the title
repeats, else the newest with text to brief.
"""

from __future__ import annotations

import re
from itertools import pairwise

from bot.briefs.cleaning import leading_paragraphs, word_count

# A title that names a live page: "Nahost-Ticker: …", "Liveblog", "LIVE: …", "… en direct",
# "aktuelle News und Entwicklungen", "live updates".
_TICKER_TITLE = re.compile(
    r"(?:\w-)?[Tt]icker\b|\b(?:[Ll]ive-?[Bb]log|[Nn]ews-?[Bb]log|LIVE|[Ll]ive(?: |-)?(?:updates?"
    r"|news|coverage|ticker)|[Ee]n direct|[Ee]n vivo|[Aa]o vivo|[Ii]n diretta|[Aa]ktuelle"
    r" (?:News|Nachrichten|Entwicklungen)|[Ll]atest (?:news|updates))\b|^Live\s?:"
    # A wire's running story of unrelated items: "The Latest: Germany's CureVac signs …".
    r"|^The Latest\s?:"
)
# An entry's heading led by its time: "12.31 Uhr: …", "9h05 - …", "14:02 | …", "08:57 …".
_STAMP = re.compile(
    r"^(?P<hour>[01]?\d|2[0-3])[:.h](?P<minute>[0-5]\d)(?!\d)(?:\s?(?:Uhr|h|[ap]\.?m\.?)\b)?"
    r"\s*(?:[-\u2013\u2014:|]\s*)?(?=\S)"
)
# Without a title that says so, time-stamped headings make a live page only when there are
# this many and they run from the newest down, as live pages list them (a report's timeline of
# one event runs forward in time).
_MIN_STAMPS = 4
_MIN_TITLED_STAMPS = 2
_OUT_OF_PLACE = 0.2
# An entry to brief has this many words besides its heading; a shorter one is a line of news
# ("9h05 - Paris opens higher" and one figure) or a list of teasers.
_MIN_ENTRY_WORDS = 30
# A titled live page whose entries carry no time stamp (the page's markup for them is gone):
# where one entry ends cannot be seen, so the brief is made from its first paragraphs, up to
# about the length of one entry.
_FIRST_ENTRY_WORDS = 60
_WORD = re.compile(r"[^\W\d_]{3,}")


def _minutes(line: str) -> int | None:
    stamp = _STAMP.match(line)
    if stamp is None:
        return None
    return int(stamp["hour"]) * 60 + int(stamp["minute"])


def _runs_down(times: list[int]) -> bool:
    """The times run from the latest down, but for an entry or two out of place (a page that
    moved an entry up, or two entries of one minute)."""
    pairs = list(pairwise(times))
    falling = sum(1 for a, b in pairs if b < a)
    rising = sum(1 for a, b in pairs if b > a)
    return falling > 0 and rising <= _OUT_OF_PLACE * len(pairs)


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(text)}


def _matches_title(heading: str, title: str) -> bool:
    """The entry's heading is the one the title repeats (the title may add the ticker's name:
    "Nahost-Ticker: Palästinenser …")."""
    words = _words(_STAMP.sub("", heading, count=1))
    return len(words) >= 3 and len(words & _words(title)) >= 0.8 * len(words)


def _first_paragraphs(paragraphs: list[str]) -> str:
    # An entry ends early at a rule ("___") or where the next opens on its own dateline
    # ("ROSK -- The council …"), as a wire's running story writes them.
    end = next(
        (i for i, p in enumerate(paragraphs) if i and (_RULE.match(p) or _DATELINE.match(p))),
        len(paragraphs),
    )
    return "\n\n".join(leading_paragraphs(paragraphs[:end], _FIRST_ENTRY_WORDS))


_RULE = re.compile(r"^(?:_{3,}|-{3,}|\*{3,})$")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40} (?:--|\u2014|\u2013|\") ")


def one_entry(title: str, body: str) -> str:
    """A live page's body cut to one entry (see the module's docstring), else the body."""
    titled = _TICKER_TITLE.search(title) is not None
    paragraphs = [" ".join(p.split()) for p in body.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    stamped = [(i, m) for i, p in enumerate(paragraphs) if (m := _minutes(p)) is not None]
    times = [m for _, m in stamped]
    newest_first = _runs_down(times)
    if not (
        (titled and len(stamped) >= _MIN_TITLED_STAMPS)
        or (len(stamped) >= _MIN_STAMPS and newest_first)
    ):
        return _first_paragraphs(paragraphs) if titled and not stamped else body
    starts = [i for i, _ in stamped]
    entries = [
        paragraphs[start:end]
        for start, end in zip(starts, [*starts[1:], len(paragraphs)], strict=True)
    ]
    for entry in entries:
        if _matches_title(entry[0], title):
            return "\n\n".join(entry)
    # The newest entry first: a page that runs forward in time has it last.
    ordered = entries[::-1] if _runs_down(times[::-1]) else entries
    for entry in ordered:
        if sum(word_count(p) for p in entry) - word_count(entry[0]) >= _MIN_ENTRY_WORDS:
            return "\n\n".join(entry)
    return "\n\n".join(ordered[0])
