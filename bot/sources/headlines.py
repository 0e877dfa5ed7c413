"""Headings that are not the headline, and decoration around a headline: whether an
``<h1>`` is the page's own headline (``heading_matches``), and a headline without its kind
label, author, self-description, section or site initials (``strip_decoration``). Split
from ``titles`` (site names and slugs), whose helpers it uses. Pure functions.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from bot.briefs.cleaning import word_count
from bot.sources.titles import (
    BYLINE,
    fold_key,
    host_core,
    is_site_name,
    long_enough,
    names_host,
    title_parts,
    title_words,
)

__all__ = ["heading_matches", "slug_share", "strip_decoration"]

# A label before the headline ("BREAKING: …", "Opinion | …", "Exclusive - …") or after it
# ("… | Editorial", "… - Opinion"): the kind of piece, not its subject.
_KIND = (
    r"(?:BREAKING(?: NEWS)?|Breaking(?: [Nn]ews)?|EXCLUSIVE|Exclusive|WATCH|Watch|LIVE|Live"
    r"|UPDATED?|Update[sd]?|REVEALED|OPINION|Opinion|EDITORIAL|Editorial|ANALYSIS|Analysis|Commentary"
    r"|COMMENTARY|Op-[Ee]d|OP-ED|Column|Letters?|Leitartikel|Kommentar|Meinung|Tribune|Opini[o\u00f3]n"
    r"|Opini\u00e3o|Editorial)"
)
_KIND_PREFIX = re.compile(rf"^{_KIND}\s*(?::|\||\s-|\u2013|\u2014)\s+")
# A section's label before the headline, as older sites wrote it: "World Views : Another …",
# "News - Holders Egypt maintain …", "Business : BSNL …" (a spaced colon, or a section's name).
_SECTIONS = (
    r"News|Sports?|Business|Music|Entertainment|World|Politics|Local|National|Nation|Health"
    r"|Tech(?:nology)?|Science|Travel|Culture|Lifestyle|Money|Football|Soccer|Golf|Cricket"
    r"|Rugby|Tennis|Celeb(?:rity)?(?: News)?|Showbiz|Movies|TV|Markets|Economy|Breaking News"
)
# A site greeting its reader, a section after it: "Welcome to www.dailyrecord.com - Giants - ".
_WELCOME = re.compile(
    r"^Welcome to [^|\u2013\u2014]{2,60}? [-|\u2013\u2014] (?:[A-Z][\w&' ]{1,20} [-|] )?"
)
# A news section and what follows it at the end: "… - NBA News Story - KMGH Denver",
# "… - Breaking News - National".
_NEWS_TRAIL = re.compile(
    r"\s[-\u2013\u2014]\s(?:[\w.&'! ]{0,30} )?(?:News(?: Story)?|Breaking News"
    # The same in Portuguese, Spanish, Italian, German, French and Dutch: "… - Mais Notícias".
    r"|Not[i\u00ed]cias|Notizie|Nachrichten|Actualit[e\u00e9]s|Nieuws)"
    r"(?:\s[-\u2013\u2014|]\s[^-\u2013\u2014|]{1,40})*$"
)
_SECTION_PREFIX = re.compile(
    rf"^(?:(?:[A-Z][a-z]+ )?(?:{_SECTIONS}) [-\u2013\u2014] "
    r"|[A-Z][\w&'.]*(?: [A-Z&][\w&'.]*){0,2} :{1,2} )"
    r"(?=[A-Z\"'\u201c\u2018\u00ab]\S* \S+ \S+ \S)"
)
_KIND_SUFFIX = re.compile(rf"\s+(?:\||-|\u2013|\u2014)\s+{_KIND}$")
# "Nigeria's popular news platform: …": a site's self-description before a colon.
_SELF_DESCRIPTION = re.compile(
    r"^[^:]{2,60}\b(?:news|newspaper|news platform|news site|news portal|portal|magazine"
    r"|online|website|blog|radio|TV|television)\s*:\s+",
    re.IGNORECASE,
)
_TRAILING_PART = re.compile(r"\s+(?:\||-|\u2013|\u2014)\s+([^|\u2013\u2014]{2,60})$")
_MATCH_SHARE = 0.6
_ENTITY = re.compile(r"&(?:#\d{2,5}|#x[0-9a-fA-F]{2,4}|[a-zA-Z]{2,8});")


# A URL's path segment made from the headline: "2415-defesa-de-prerrogativas-intimacao-…".
_SLUG_TOKEN = re.compile(r"[^\W\d_]+")
_SLUG_WORDS = 3
_SLUG_WORD_LETTERS = 3


def slug_share(text: str, url: str) -> float | None:
    """The share of the text's words (of three letters or more) in the URL's slug, the
    path segment of the most words; None when the URL has no slug of three words."""
    parts = urlsplit(url)
    segments = unquote(parts.path).split("/")
    slug = max(
        (_SLUG_TOKEN.findall(segment.rsplit(".", 1)[0]) for segment in segments if segment),
        key=len,
        default=[],
    )
    if len(slug) < _SLUG_WORDS or not any(c in segment for segment in segments for c in "-_"):
        return None
    # The site's own name in its paths ("/bbc-news-magazine-…") names no headline.
    in_slug = {fold_key(token) for token in slug} - set(title_words(parts.hostname or ""))
    words = [w for w in title_words(text) if len(w) >= _SLUG_WORD_LETTERS and not w.isdigit()]
    return sum(w in in_slug for w in words) / len(words) if words else 0.0


def heading_matches(heading: str, titles: Iterable[str]) -> bool:
    """The heading is the page's headline as its metadata gives it: one contains the other
    (once folded), or most of the heading's words are in one of the titles."""
    key = fold_key(heading)
    words = set(title_words(heading))
    if not key or not words:
        return False
    for title in titles:
        other = fold_key(title)
        if not other:
            continue
        if other in key:
            return True
        if word_count(heading) == 1:
            # One word inside a longer title must be one of its parts ("Java" in "Java -
            # Wikipedia"), not a word of it: "dalton" of "Dear Mark … by Dalton Caldwell".
            if any(fold_key(part) == key for part in title_parts(title)):
                return True
            continue
        if key in other:
            return True
        if len(words & set(title_words(title))) >= _MATCH_SHARE * len(words):
            return True
    return False


def strip_decoration(
    title: str,
    *,
    site_names: Iterable[str] = (),
    host: str | None = None,
    authors: Iterable[str] = (),
) -> str:
    """The headline without its kind label ("BREAKING:", "Opinion | ", " | Editorial"), a
    trailing author's name ("… | Jane Roe", when the page names Jane Roe as its author) or a
    leading site name or self-description before a colon ("Bay News: …"). Never cut to fewer
    than two words."""
    text = " ".join(title.split())
    if _ENTITY.search(text):
        text = html.unescape(text)  # an og:title escaped twice: "Sean Penn &#039;proposes&#039;"
    core = host_core(host)
    for _ in range(3):  # "BREAKING: Opinion | …" carries two labels
        before = text
        text = _cut(text, _KIND_PREFIX.sub("", text))
        text = _cut(text, _SECTION_PREFIX.sub("", text))
        text = _cut(text, _WELCOME.sub("", text))
        text = _cut(text, _NEWS_TRAIL.sub("", text))
        text = _cut(text, _KIND_SUFFIX.sub("", text))
        tail = _TRAILING_PART.search(text)
        author_keys = {fold_key(a) for a in authors if fold_key(a)}
        if tail and fold_key(tail.group(1).removeprefix("By ").removeprefix("by ")) in author_keys:
            text = _cut(text, text[: tail.start()])
        head, colon, rest = text.partition(": ")
        if colon and (is_site_name(head, site_names, host) or _SELF_DESCRIPTION.match(head + ": ")):
            text = _cut(text, rest)
        # A trailing site name given by its words whose initials spell the host: "… - Sports
        # Illustrated" on si.com.
        tail = _TRAILING_PART.search(text)
        initials = "".join(w[:1] for w in title_words(tail.group(1))) if tail else ""
        if tail and len(initials) >= 2 and initials == core:
            text = _cut(text, text[: tail.start()])
        # Site and section names after colons: "How to pack: The GQ Eye: GQ on Style: GQ".
        head, colon, last = text.rpartition(": ")
        if colon and (is_site_name(last, site_names, host) or names_host(last, core)):
            text = _cut(text, head)
        # Japanese titles end on the site after a full-width colon (U+FF1A): "…逮捕\uff1a東京新聞".
        head, colon, last = text.rpartition("\uff1a")
        if colon and is_site_name(last, site_names, host):
            text = _cut(text, head)
        # An all-capitals section label before a bar or a full stop: "BUDGET 3.0 | Sars gets
        # R4bn …", "BIO. Annelies Verlinden ruilt …", "VIDEO. …".
        text = _cut(text, _CAPS_SECTION.sub("", text))
        text = _cut(text, _CAPS_KICKER.sub("", text))
        # A time stamp after a colon or dash: "… : 06.11.2023, 11.41 Uhr", "… - 2 March 2024".
        text = _cut(text, _TRAILING_STAMP.sub("", text))
        # An empty slot for the site's name: "Pferdesport bei Olympia 2028 dabei -", and a
        # leading mark: "» Stress hormones …".
        if not (text.endswith("\u00bb") and "\u00ab" in text):  # "… la « gravité … »"
            text = _cut(text, _TRAILING_SEPARATOR.sub("", text))
        text = _cut(text, _LEADING_MARK.sub("", text))
        # A news section after a bar ("… | Cricket News") and a WordPress site name after
        # U+2039 ("Guinée : … ! \u2039 Wara Conservation Project").
        text = _cut(text, _NEWS_SECTION.sub("", text))
        # The site's initials after a bar: "… | SEJ" on searchenginejournal.com.
        tail = _ACRONYM_TAIL.search(text)
        if tail and _spells(tail.group(1).casefold(), core):
            text = _cut(text, text[: tail.start()])
        # A magazine's lower-case section before a slash and its byline with the issue's date
        # after the headline: "cover story / Inside the … Business by JANE ROE (05/15/00)".
        text = _cut(text, _LOWER_SECTION.sub("", text))
        dated = _ISSUE_DATE.sub("", text)
        if dated != text:
            text = _cut(text, dated)
            text = _cut(text, _BYLINE_TAIL.sub("", text))
        # The site's name and edition joined on with underscores: "…typhoon_English_Xinhua",
        # and an archive's year: "… Defies His Party Leaders (Published 2012)".
        text = _cut(text, _UNDERSCORE_TAIL.sub("", text))
        text = _cut(text, _ARCHIVE_YEAR.sub("", text))
        # A Korean section glued on with a hyphen: "… 밀어붙이나\"-정치" (politics).
        text = _cut(text, _KOREAN_SECTION.sub("", text))
        # A Chinese column's tag in brackets before the headline: "【中国稳健前行】…".
        text = _cut(text, _CJK_TAG.sub("", text))
        if text == before:
            break
    return text


_CAPS_SECTION = re.compile(
    r"^(?=[^|]*[A-Z]{2})[A-Z0-9][A-Z0-9 .&'\u2019-]{1,30}\s\|\s+(?=\S+ \S+ \S)"
)
_CAPS_KICKER = re.compile(
    r"^[A-Z\u00c0-\u00de]{2,15}\. (?=[A-Z\u00c0-\u00de\"'\u201c\u201e\u00ab])(?=\S+ \S+ \S)"
)
_LOWER_SECTION = re.compile(r"^[a-z]+(?: (?:[a-z]+|&)){0,3} / (?=[A-Z\"\u201c\d])")
_ARCHIVE_YEAR = re.compile(r"\s+\((?:Published|Publicado|Publi\u00e9) (?:in )?\d{4}\)$")
_ISSUE_DATE = re.compile(r"\s+\(\d{1,2}/\d{1,2}/\d{2,4}\)$")
_BYLINE_TAIL = re.compile(rf"\s+{BYLINE}$")
_UNDERSCORE_TAIL = re.compile(
    r"(?<=[\w.!?'\"\u2019\u201d)])\s?_[A-Z][A-Za-z.]+(?:_[A-Z][A-Za-z.]+){0,2}$"
)
_CJK_TAG = re.compile(r"^(?:\u3010[^\u3011]{1,12}\u3011|\[[^\]]{1,12}\])\s*(?=[\u3400-\u9fff])")
_KOREAN_SECTION = re.compile(r"(?<=[\"'\u201d\u2019)\uac00-\ud7a3])-[\uac00-\ud7a3]{1,4}$")
_TRAILING_SEPARATOR = re.compile(r"\s+(?:\||-|\u2013|\u2014|·|•|::|»|/)$")
_LEADING_MARK = re.compile(r"^(?:\||\u00bb|\u203a|>|·|•|::)\s+")
_NEWS_SECTION = re.compile(r"\s+\|\s+(?:[A-Z][\w-]*\s){0,2}News$|\s+\u2039\s+[^\u2039]{1,60}$")
_ACRONYM_TAIL = re.compile(r"\s+\|\s+([A-Z]{2,5})$")
_TRAILING_STAMP = re.compile(
    r"\s+[:|\u2013\u2014-]\s+"
    r"(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\.? \w+ \d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:,? \d{1,2}[.:]\d{2}(?: ?(?:Uhr|h|am|pm|a\.m\.|p\.m\.))?)?$"
)


def _spells(initials: str, core: str) -> bool:
    """The letters open the host's name and follow each other in it: "sej" in
    "searchenginejournal" (a host has no spaces to find its words' initials by)."""
    if not core or not initials or core[0] != initials[0]:
        return False
    at = 0
    for letter in initials:
        at = core.find(letter, at) + 1
        if not at:
            return False
    return True


def _cut(text: str, shorter: str) -> str:
    shorter = shorter.strip()
    return shorter if long_enough([shorter]) else text
