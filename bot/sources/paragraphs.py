"""trafilatura's text as the article's paragraphs: hard wraps joined, and cut where the story
ends and the page goes on (comments, a press release's end mark, a newsletter's pitch, a
teaser's ellipsis, another story's dateline, an "About" section). Split from ``extract``.
"""

from __future__ import annotations

import re

from bot.briefs.datelines import opens_on_place

__all__ = ["story_paragraphs"]

# A line that stops without sentence-final punctuation and goes on in lower case on the next
# line is one paragraph hard-wrapped in the page's source (kept by trafilatura at a <br>).
_NO_END = re.compile(r"[^.!?…:;\"'\u201d\u2019»)\u3002\uff01\uff1f]$")

# Where the article has ended and the page goes on: a comment's header, where trafilatura took
# a page's comments for its text ("Name withheld wrote on October 28, 2010 @ 3:29 PM", "Jane
# says: 3 March 2012 at 10:04 pm"), or a press release's end mark.
_TEXT_ENDED = re.compile(
    r"^[^.!?]{1,60}? (?:wrote|says|said|commented|replied)(?: on)?:? (?:[A-Z][a-z]+\.? \d{1,2},?"
    r" \d{4}|\d{1,2}\.? [A-Z][a-z]+ \d{4}|\d{1,2}/\d{1,2}/\d{2,4})(?:,? (?:at|@) \d{1,2}[:.]\d{2}"
    r"(?: ?[AaPp]\.?[Mm]\.?)?)?$|^This comment is hidden because\b"
    # A press release's end mark ("SOURCE Kell Ferries", "###", "-30-"): after it come the
    # wire page's teasers for other releases.
    r"|^SOURCE [A-Z0-9]|^(?:#\s?#\s?#|-\s?30\s?-|-ENDS?-)$"
    # A newsletter's pitch to the new reader and its rights notice after a paywalled story's
    # opening: "New to Selling Stock?", "The above article may not be copied, reproduced …".
    r"|^New to [A-Z][\w&'\u2019 .-]{1,40}\?$"
    r"|^The above (?:article|story|content|post) may not be (?:copied|reproduced|republished)"
)
# An ellipsis alone after a few paragraphs: a syndicated teaser cut there, the syndicator's
# pitch after it. Further down it is an elision in a quoted e-mail or a code listing.
_TEASER_CUT = re.compile(r"^(?:\.\.\.|\u2026|\[(?:\.\.\.|\u2026)\])$")
_TEASER_PARAGRAPHS = 6
_OTHER_STORY_FROM = 2  # paragraphs of the story, at least, before another one's dateline
_PROSE_END = re.compile(r"\w[.!?][\"'\u201d\u2019]?$")


# A press release's "About Kell Ferries" section: the company describing itself, then its
# legal notices. Known by the next paragraph opening on the name ("Kell Ferries (NYSE: KF) …").
_ABOUT = re.compile(r"^About ([A-Z][\w&.,'\u2019 ()/:-]{1,60})$")


def _about_section(paragraphs: list[str]) -> int | None:
    for i in range(2, len(paragraphs) - 1):
        about = _ABOUT.match(paragraphs[i])
        if about is not None and paragraphs[i + 1].startswith(about[1].split()[0]):
            return i
    return None


def _ends_text(paragraphs: list[str], i: int, *, wire: bool) -> bool:
    if _TEXT_ENDED.match(paragraphs[i]):
        return True
    # A wire story opens on its dateline (``wire``); a later paragraph that does too is another
    # story (a news page's next item: "JOHANNESBURG South Africa's anti-graft watchdog …").
    if wire and i >= _OTHER_STORY_FROM and opens_on_place(paragraphs[i], later=True):
        return True
    # The teaser's ellipsis follows a sentence of prose, not a line of code ("rsync … /" "...").
    return (
        0 < i <= _TEASER_PARAGRAPHS
        and _TEASER_CUT.match(paragraphs[i]) is not None
        and _PROSE_END.search(paragraphs[i - 1]) is not None
    )


def story_paragraphs(text: str, title: str) -> list[str]:
    """trafilatura's text output has one block per line; make them paragraphs, drop a
    first line that merely repeats the headline and any comments section, press release
    tail or "About" section after the text."""
    paragraphs: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if paragraphs and line[0].islower() and _NO_END.search(paragraphs[-1]):
            paragraphs[-1] += " " + line  # a hard wrap, not a new paragraph
        else:
            paragraphs.append(line)
    if paragraphs and title and paragraphs[0].casefold() == " ".join(title.split()).casefold():
        paragraphs = paragraphs[1:]
    wire = bool(paragraphs) and opens_on_place(paragraphs[0])
    ended = next((i for i in range(len(paragraphs)) if _ends_text(paragraphs, i, wire=wire)), None)
    if ended is not None and ended >= 2:
        paragraphs = paragraphs[:ended]
    about = _about_section(paragraphs)
    if about is not None:
        paragraphs = paragraphs[:about]
    return paragraphs
