"""A page's standfirst (its og:description) as the article's first paragraph.

Editors write the description as the article in one or two sentences ("The US is considering
options for punishing Nato allies …, according to a Pentagon memo seen by Reuters."), and many
pages show it under the headline where trafilatura does not look. A brief that starts from the
body alone may open on a feature's scene-setting ("Es ist Freitagabend, 17 Uhr.") or name "the
reported memo" that only the standfirst introduced. The description is taken only when it reads
as this article's own summary: whole sentences, not cut off, not already in the text, and
about what the text is about (a site's generic blurb shares few of its words). Only its first
sentence is taken: a second is most often a teaser ("Ein Test liefert überraschende Antworten.",
"Darüber haben sie gesprochen."), and a question ("What is the OBR and what does it do?") is
no summary at all.
"""

from __future__ import annotations

import html
import re

from bot.sources.htmltext import has_markup, html_to_text
from bot.sources.titles import NEEDS_NEXT_WORD, fold_key

# At least this many words, and at most: a label or a keyword list is not a standfirst, and a
# description this long is a copy of the article's opening, already in the body.
_MIN_WORDS = 8
_MAX_WORDS = 80
_ENDS_A_SENTENCE = re.compile(r"[.!][\"'\u201d\u2019\u00bb\u201c)]*$")
# Where the first sentence ends: a stop after a letter (not "am 15." / "Juni"), maybe a closing
# quote, then a capital or a digit. An abbreviation ("Dr. Kell") cuts it short, and a piece that
# short is not taken.
_SENTENCE_END = re.compile(
    r"(?<=[^\W\d_])[.!?][\"'\u201d\u2019\u00bb]?(?=\s+[\"'\u201e\u201c\u00ab]?[A-Z\u00c0-\u00de0-9])"
)
# A teaser that asks what the article will tell: "Was zwei Rankings über … verraten.",
# "How the ferry was saved.", "Warum …".
_QUESTION_WORD = re.compile(
    r"^(?:Was|Wie|Warum|Wieso|Weshalb|Wer|Wo|Wann|Welche[rsnm]?|What|How|Why|Who|Where|When"
    r"|Which|Qu(?:e|\u00e9)|C(?:o|\u00f3)mo|Por qu\u00e9|Pourquoi|Comment|Quoi)\b"
)
# A description that invites the reader in, a search result's blurb rather than a summary:
# "Discover the solar installation process in this complete guide …", "See which insurance
# companies lead the US market …", "Your one-stop shop for all things video production …".
_INVITATION = re.compile(
    r"^(?:Discover|Explore|Find|See|Learn|Get|Read|Check out|Browse|Shop|Compare|Join|Sign up"
    r"|Download|Watch|Try|Uncover|Dive into|Here(?:'|\u2019)s|Here are|Your one-stop"
    r"|Everything you need|Save (?!the Children)|Design|Create|Boost|Unlock|Master|Transform)\b"
)
_CUT_OFF = re.compile(
    r"(?:\u2026|\.\.\.|\[\u2026\]|\[\.\.\.\])\s*$"
    # Cut at a length on an abbreviation that needs its next word: "… is dissolved on Sept."
    rf"|\b(?:{NEEDS_NEXT_WORD})\.$"
)
_LONG_WORD = re.compile(r"[^\W\d_]{5,}")
_MIN_SHARED = 3  # long words it shares with the body
_MIN_SHARED_SHARE = 0.4  # of its long words
_BODY_CHARS = 4000  # the opening of the body it is compared with
_KEY_CHARS = 60


def with_standfirst(paragraphs: list[str], description: str | None, title: str) -> list[str]:
    """``paragraphs`` with the page's description put first when it is a standfirst the body
    lacks (see the module docstring), else unchanged."""
    if not description or not paragraphs:
        return paragraphs
    # Some sites escape the attribute twice ("CD&amp;amp;V"), or write markup into it
    # ("<p>A Advocacia-Geral …"), which would hide that the body opens on the same words.
    description = html.unescape(description).strip()
    if has_markup(description):
        description = html_to_text(description)
    end = _SENTENCE_END.search(description)
    if end is not None:
        description = description[: end.end()]
    if _QUESTION_WORD.match(description) or _INVITATION.match(description):
        return paragraphs
    words = description.split()
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS:
        return paragraphs
    if not _ENDS_A_SENTENCE.search(description) or _CUT_OFF.search(description):
        return paragraphs
    key = fold_key(description)
    opening = fold_key(" ".join(paragraphs[:3]))
    if key == fold_key(title) or key[:_KEY_CHARS] in opening:
        return paragraphs
    if any(fold_key(p) and fold_key(p) in key for p in paragraphs[:3]):
        return paragraphs  # a paragraph of the body is part of it: the body shows it
    own = {w.casefold() for w in _LONG_WORD.findall(description)}
    body = {w.casefold() for w in _LONG_WORD.findall(" ".join(paragraphs)[:_BODY_CHARS])}
    shared = len(own & body)
    if shared < _MIN_SHARED or shared < _MIN_SHARED_SHARE * len(own):
        return paragraphs
    return [description, *paragraphs]
