"""Whether a short page is still a whole news item: a wire item or brief of two or three
sentences under a dateline or with article markup, not a teaser, a gallery or a data sheet."""

from __future__ import annotations

import re

from bot.briefs.cleaning import word_count
from bot.briefs.datelines import submitted
from bot.sources.pagemeta import LinkedData, PageMeta, article_markup

# A page with less prose than ``min_words`` is still news when it reads as a news item: a
# wire item or brief of two or three sentences, under a dateline, with article markup or with
# a reader's submission credit ("An anonymous reader writes: …"). It needs half of
# ``min_words`` in prose, in at least two full sentences.
_SHORT_SHARE = 0.5
_SHORT_MIN_SENTENCES = 2
_SENTENCE = re.compile(r"[^.!?\u2026\u3002\uff01\uff1f]+[.!?\u2026\u3002\uff01\uff1f]+")
# A dateline or wire tag opening the text: "ROMA, 5 DIC (ANSA) - ", "(ANSA) - MILANO - ",
# "Lisboa, 3 dez 2024 (Lusa) - ", "BERLIN (dpa) - ", "WASHINGTON -- ". It needs a wire tag, a
# date or a place in capitals: "Mit dabei: der …" or "Fazit - Das …" open ordinary sentences.
_WIRE = r"\((?:[A-Za-z][\w./-]{1,14})(?: [A-Z][\w./-]{1,14})?\)"
_DAY = (
    r"\d{1,2}\.?(?: de)? ?[^\W\d_]{3,10}\.?(?:,? \d{4})?|\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?"
    r"|[^\W\d_]{3,9}\.? \d{1,2}(?:, \d{4})?"
)
_REGION = r"(?:, [A-Z\u00c0-\u00de][\w'\u2019.-]*(?: [A-Z\u00c0-\u00de][\w'\u2019.-]*)?)?"
_DATELINE = re.compile(
    rf"^(?P<wire>{_WIRE}\s*[-\u2013\u2014]{{1,2}}\s*)?"
    r"(?P<place>[A-Z\u00c0-\u00de][\w'\u2019.-]*(?: [A-Z\u00c0-\u00de][\w'\u2019.-]*){0,3})"
    rf"{_REGION}(?P<day>,? (?:{_DAY}))?(?P<tag> ?{_WIRE})?\.?"
    r"(?:\s?(?P<dash>--|[-\u2013\u2014]\s|[\u2013\u2014])|:\s)"
)
# The page's text is a teaser cut off ("… [more]" behind a paywall or a link), a photo or
# video with its caption, or a podcast: a short text there is not a whole news item.
_CUT_OFF = re.compile(r"(?:\.\.\.|\u2026|\[\u2026\]|\(\.\.\.\))[\"'\u201d\u2019\u00bb)]*$")
_MEDIA_OG = ("video", "music", "audio")
_PLAYER = re.compile(r"<(?:audio|video)\b", re.IGNORECASE)
# A data sheet or a business card: "Exposure: 60 x 3 minutes", "Tel.: +49 …", "Fax: …". A short
# page with several such lines is a photo's, product's or firm's details, not a news item.
_LABEL_LINE = re.compile(r"^(?:[-\u2022] )?[^\W\d_][\w .'/-]{0,30}: ?\S")
_PHONE_LINE = re.compile(
    r"^(?:Tel|Telefon|Phone|Fax|T\u00e9l|Telefono|Tel\u00e9fono)\.?\s?:?\s?\+?\(?\d", re.IGNORECASE
)
_LABEL_LINES_MAX = 3
_LABEL_LINE_WORDS = 8
_MEDIA_TYPES = frozenset(
    {"ImageGallery", "MediaGallery", "VideoGallery", "PodcastEpisode", "RadioEpisode"}
)


def dateline(paragraph: str) -> bool:
    match = _DATELINE.match(paragraph)
    if match is None:
        return False
    place = match["place"]
    return bool(
        match["wire"]
        or match["tag"]
        or match["day"]
        or (match["dash"] and len(place) >= 3 and place.isupper())
    )


def _full_sentences(paragraphs: list[str]) -> int:
    """Sentences of four or more words in the text's prose, list items left out."""
    count = 0
    for paragraph in paragraphs:
        if paragraph.startswith(("- ", "\u2022")):
            continue
        count += sum(1 for s in _SENTENCE.findall(paragraph) if word_count(s) >= 4)
    return count


def short_item(
    paragraphs: list[str],
    prose: int,
    min_words: int,
    page: str,
    meta: PageMeta,
    linked: LinkedData,
) -> bool:
    """A short page that is still a whole news item (see ``_SHORT_SHARE``)."""
    if prose < min_words * _SHORT_SHARE or _full_sentences(paragraphs) < _SHORT_MIN_SENTENCES:
        return False
    if any(word_count(p) >= 8 and _CUT_OFF.search(p) for p in paragraphs):
        return False
    if linked.types & _MEDIA_TYPES or (meta.og_type or "").startswith(_MEDIA_OG):
        return False
    if _PLAYER.search(page):
        return False  # a video or a podcast episode with its description
    labels = sum(
        1 for p in paragraphs if word_count(p) <= _LABEL_LINE_WORDS and _LABEL_LINE.match(p)
    )
    if labels > _LABEL_LINES_MAX or any(_PHONE_LINE.match(p) for p in paragraphs):
        return False
    opening = next((p for p in paragraphs if word_count(p) >= 4), "")
    return article_markup(meta, linked) or dateline(opening) or submitted(opening)
