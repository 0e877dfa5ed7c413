"""Main-text extraction from article pages.

When an admin sends a bare link, or a feed only carries teasers, the brief has to be made
from the web page. Pages are mostly navigation, banners, related links and comments;
trafilatura finds the article body. This module adds the policy around it: what counts as an
article (enough prose, an HTML content type), plain paragraphs for the summariser, a title
without the site name (a slug title replaced by the headline), the declared language as a
summariser language name, and a publication time.
"""

from __future__ import annotations

import asyncio
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
import trafilatura

from bot.briefs.cleaning import word_count
from bot.briefs.detection import placeholder_text
from bot.briefs.language import language_name, topic_keys
from bot.briefs.scripts import unbriefable_language
from bot.errors import UserFacingError
from bot.i18n import N_, Text
from bot.sources.charset import decode_page
from bot.sources.fetch import HTML_ACCEPT, fetch
from bot.sources.pagemeta import (
    ClaimReview,
    declared_language,
    not_an_article,
    read_linked_data,
    read_meta,
)
from bot.sources.pagetitle import generic_title, page_title, title_from_top_heading
from bot.sources.paragraphs import story_paragraphs
from bot.sources.shortitem import short_item
from bot.sources.standfirst import with_standfirst
from bot.sources.titles import title_from_text
from bot.text import mend_encoding

__all__ = ["Extracted", "NotAnArticle", "check_html", "extract_article", "fetch_article"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class NotAnArticle(UserFacingError):
    """The page has no article to brief; ``reason`` is short and user-facing."""


@dataclass(frozen=True)
class Extracted:
    """An article's text and metadata, ready for summarising."""

    url: str
    title: str
    body: str  # paragraphs separated by a blank line
    language: str | None  # a summariser language name ("german"), when the page says
    published_at: datetime | None  # timezone-aware UTC
    source: str | None  # site name, else host without "www."


# trafilatura and lxml share module-level state (compiled XPaths, caches); one extraction at
# a time keeps that safe via asyncio.to_thread, and it holds the GIL most of the time anyway.
_EXTRACT_LOCK = threading.Lock()

# A line counts as prose when it reads like a sentence, not a menu entry or a
# headline in a list of links: terminal punctuation, or long enough.
_SENTENCE_END = re.compile(r"[.!?…:;\"'\u201d\u2019»)\u3002\uff01\uff1f\u300d\u300f]\s*$")
_PROSE_MIN_WORDS = 20
# Precision mode may settle on the comments of an unusual page: a short text is checked against
# balanced mode, which wins with several times the prose (not a few more boilerplate lines).
_RECHECK_WORDS = 150
_MUCH_MORE = 5
_HEADLINE_REACH = 60  # a kicker before a headline that opens a table cell's text

_META_PUBLISHED = re.compile(
    rb"<meta\b[^>]*?(?:property|name|itemprop)\s*=\s*[\"']?"
    rb"(?:article:published_time|og:published_time|datePublished|pubdate)[\"']?"
    rb"[^>]*?content\s*=\s*[\"']([^\"'<>]{8,40})[\"']",
    re.I,
)
_JSONLD_PUBLISHED = re.compile(rb"\"datePublished\"\s*:\s*\"([^\"]{8,40})\"")


def _head(html: bytes | str, limit: int = 100_000) -> bytes:
    if isinstance(html, str):
        return html[:limit].encode("utf-8", "replace")
    return html[:limit]


def _parse_when(raw: str) -> datetime | None:
    text = raw.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        return when.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def _published(head: bytes, day: str | None) -> datetime | None:
    """The page's publication time in UTC.

    trafilatura (htmldate) gives only a day, and for pages without explicit
    metadata it guesses, sometimes from dates in links. An explicit
    ``article:published_time``/JSON-LD ``datePublished`` with a time is
    preferred; otherwise the day at midnight UTC.
    """
    for pattern in (_META_PUBLISHED, _JSONLD_PUBLISHED):
        match = pattern.search(head)
        if match:
            when = _parse_when(match.group(1).decode("ascii", "replace"))
            if when is not None:
                return when
    if day:
        try:
            return datetime.strptime(day[:10], "%Y-%m-%d").replace(tzinfo=UTC)
        except ValueError:
            return None
    return None


# The Wayback Machine's toolbar in an archived page (a link to web.archive.org posted as
# news) can land inside the page's <title>, whose text then ran on into the toolbar's script.
_WAYBACK_TOOLBAR = re.compile(
    r"(<title[^>]*>[^<]*)<!-- BEGIN WAYBACK TOOLBAR INSERT -->.*?"
    r"<!-- END WAYBACK TOOLBAR INSERT -->",
    re.DOTALL | re.IGNORECASE,
)
_CELL_BORDER = re.compile(r"(?<!\\)\|")
_TITLE_PARTS = re.compile(r" [-|\u2013\u2014] |: ")


def _cells(text: str, title: str) -> str:
    """trafilatura's table rows ("| menu | Kicker Headline NEW YORK - The text … |") as one
    paragraph per cell, a cell's text after the headline it opens with."""
    # The headline is a part of the page's title: "Forbes.com: Sales In A Lather".
    heads = sorted((p for p in _TITLE_PARTS.split(title) if len(p) >= 8), key=len, reverse=True)
    cells = []
    for row in text.splitlines():
        for cell in _CELL_BORDER.split(row):
            cell = " ".join(cell.replace("\\|", "|").split())
            for head in heads:
                at = cell.find(head, 0, len(head) + _HEADLINE_REACH)
                if at >= 0 and len(cell) > at + len(head):
                    cell = cell[at + len(head) :].strip()
                    break
            if cell:
                cells.append(cell)
    return "\n".join(cells)


def _sentence_words(paragraphs: list[str]) -> int:
    """Words in paragraphs that end as sentences do (a menu's long line does not)."""
    return sum(word_count(p) for p in paragraphs if _SENTENCE_END.search(p))


def _prose_words(paragraphs: list[str]) -> int:
    total = 0
    for paragraph in paragraphs:
        words = word_count(paragraph)  # Chinese and Japanese are written without spaces
        if words >= _PROSE_MIN_WORDS or (words >= 4 and _SENTENCE_END.search(paragraph)):
            total += words
    return total


def _claim_first(paragraphs: list[str], claims: list[ClaimReview]) -> list[str]:
    """A fact check's claim and verdict from its ClaimReview markup, as the labelled lines a
    reader sees on such pages ("Claim: …", "Rating: …"), before the text, unless the page
    already shows them. The brief then leads with the claim marked as a claim (see
    bot.briefs.factcheck), never with the claim stated as fact."""
    if not claims:
        return paragraphs
    review = claims[0]
    shown = any(p.casefold().startswith(("claim:", "claim :")) for p in paragraphs[:40])
    if shown:
        return paragraphs
    return [f"Claim: {review.claim}", f"Rating: {review.rating}", *paragraphs]


# A box of links to other stories, headed as such: "You might also like", "Related articles",
# "Lesen Sie auch". trafilatura keeps one whose class names say nothing, and its teasers (a
# kicker, a headline without a stop, another story's first paragraph) then run into the brief
# glued together ("RISK REMAINS: … angry words The Ministry said …"). Only a container whose
# first child is such a heading goes: an article that merely has the phrase in it stays.
_RELATED_HEADINGS = (
    "you might also like|you may also like|related articles|related stories|related news"
    "|more stories|recommended for you|lesen sie auch|mehr zum thema"
    "|das k\u00f6nnte sie auch interessieren|weitere artikel|lire aussi|\u00e0 lire aussi"
    "|sur le m\u00eame sujet|te puede interesar|leia tamb\u00e9m"
    # A promotion box headed only "Headline" (a print edition's front story), "Most read".
    "|headline|most read|most popular|meistgelesen|baca juga|berita terkait|terpopuler"
)
_UPPER, _LOWER = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ\u00c0\u00c9\u00d6\u00dc",
    "abcdefghijklmnopqrstuvwxyz\u00e0\u00e9\u00f6\u00fc",
)
_RELATED_BOX = (
    "//*[self::div or self::section or self::aside or self::ul][*[1][self::h1 or self::h2 or "
    "self::h3 or self::h4 or self::h5 or self::h6]["
    + " or ".join(
        f"translate(normalize-space(.), '{_UPPER}', '{_LOWER}')='{phrase}'"
        for phrase in _RELATED_HEADINGS.split("|")
    )
    + "]]"
)


# A news page's media furniture, which trafilatura keeps as text and which then opens the
# brief: a photo gallery's captions, each under "Hide Caption 2 of 22"; a video's end slate
# ("Just Watched … replay More Videos … PLAY VIDEO"); a carousel of other videos or stories;
# captions ("Jan. 5: Police outside the airport …", a video's title and "02:01"); story
# highlights, written without full stops, which run into the first sentence; the byline's
# "Updated 6:58 PM ET, Sun …" stamp; an embedded post ("Good morning from us! … #miami"). A
# gallery or carousel has a picture or few paragraphs and is never the page's body or
# article: a theme's "has-gallery" wrapper around the story stays.
_NOT_THE_PAGE = "[not(self::body or self::article or self::main)]"
# A "gallery" that holds one heading, the story's own, and the story's length of text is a
# theme's wrapper, not a slideshow (whose slides each have a heading) or its title card: an
# unclosed list in a 2016 page nests the whole news item in "<div class='gallery'>".
_NOT_A_WRAPPER = (
    "[count(.//h1 | .//h2 | .//h3 | .//h4) != 1 or string-length(normalize-space()) < 500]"
)
_MEDIA_CHROME = (
    f"//*[contains(@class, 'gallery')][.//img][count(.//p) < 5]{_NOT_THE_PAGE}{_NOT_A_WRAPPER}",
    f"//*[contains(@class, 'carousel')][count(.//p) < 5]{_NOT_THE_PAGE}",
    "//*[contains(@class, 'end-slate')]",
    "//*[@data-gallery-legend]",  # a slide's caption: "4/30 23 December 2015 People cross …"
    "//figcaption | //*[contains(@class, 'caption')][string-length(normalize-space()) < 400]",
    "//*[contains(@class, 'storyhighlights')]",
    "//*[contains(@class, 'byline') or contains(@class, 'update-time')]"
    "[string-length(normalize-space()) < 200]",
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media')]",
)


def _run_trafilatura(html: bytes | str, url: str, *, precision: bool, tables: bool = False) -> Any:
    with _EXTRACT_LOCK:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=tables,
            include_images=False,
            include_links=False,
            favor_precision=precision,
            deduplicate=False,
            prune_xpath=[_RELATED_BOX, *_MEDIA_CHROME],
        )


def _top_heading(document: Any) -> str | None:
    """The last heading above the text's first paragraph in trafilatura's tree, if any."""
    body = getattr(document, "body", None)
    heading = None
    for element in body if body is not None else ():
        if element.tag != "head":
            break
        heading = " ".join("".join(element.itertext()).split())
    return heading


def _source(document: Any, url: str) -> str | None:
    sitename = getattr(document, "sitename", None)
    if isinstance(sitename, str) and sitename.strip():
        return " ".join(sitename.split())
    host = urlsplit(url).hostname
    if not host:
        return None
    return host.removeprefix("www.")


# A query naming one item: "/?p=17038" (WordPress), "/noticia_det.php?id=505".
_ITEM_QUERY = re.compile(
    r"(?:^|&)(?:p|id|page_id|post|story|article|noticia|nid|cod|codigo|item)=\w", re.IGNORECASE
)


def _page_path(url: str) -> str:
    """The URL's path, with the query when it names one item: a post at "/?p=17038" is not
    the site's front page at "/"."""
    parts = urlsplit(url)
    # Only at the bare root: "/index.php?id=1489" may be a site's page about itself, which
    # the front-page rule refuses too.
    if parts.path in ("", "/") and _ITEM_QUERY.search(parts.query):
        return f"/?{parts.query}"
    return parts.path


def _on_topic(paragraphs: list[str], title: str) -> bool:
    """Whether the text's opening shares a word of five letters or more with the headline
    (their first five letters: "Fahrzeug" and "Fahrzeuge"); true when the title has none."""
    keys = topic_keys(title)
    opening = " ".join(paragraphs)[:3000]
    return not keys or bool(keys & topic_keys(opening))


def extract_article(
    html: bytes | str, url: str, *, min_words: int = 60, content_language: str | None = None
) -> Extracted:
    """Extract the main article from an HTML page.

    Precision mode first (less boilerplate in briefs); if that finds little (see
    ``_RECHECK_WORDS``), trafilatura's balanced mode, which retries with recall settings itself.
    Only lines that read as prose count towards ``min_words``, so a home page or a login form
    (menus, link lists, labels) is not an article. A shorter text is taken when it is a whole
    news item: half of ``min_words`` in two or more full sentences, under a dateline or wire
    tag or with article markup, not a teaser cut off with an ellipsis, a gallery, a video or
    a podcast.
    Comments are never included, tables only when the page's text sits in a layout table's
    cells and nothing outside them reads as sentences (pages of the 2000s). The language is
    the page's declaration (``<html lang>``, content-language meta, then
    ``content_language``, the HTTP header, then og:locale). CPU-bound and synchronous: call
    it through :func:`asyncio.to_thread` from async code. Raises :class:`NotAnArticle`.
    """
    best: tuple[Any, list[str], int] | None = None
    # Decoded once, as a browser would (bot.sources.charset); a page encoded twice is mended
    # before trafilatura drops the C1 characters that show it ("we\u00e2\x80\x99ll" would
    # stay "we\u00e2ll").
    html = _WAYBACK_TOOLBAR.sub(r"\1", mend_encoding(decode_page(html)))
    meta = read_meta(html)
    for precision in (True, False):
        document = _run_trafilatura(html, url, precision=precision)
        if document is None:
            continue
        title = " ".join(str(getattr(document, "title", None) or "").split())
        paragraphs = story_paragraphs(str(getattr(document, "text", None) or ""), title)
        prose = _prose_words(paragraphs)
        if best is None or (
            prose > best[2] * (_MUCH_MORE if best[2] >= min_words else 1)
            # More words about something else (a block of obituaries beside a short report)
            # do not replace a text about the page's headline.
            and (_on_topic(paragraphs, title) or not _on_topic(best[1], title))
        ):
            best = (document, paragraphs, prose)
        if prose >= max(min_words, _RECHECK_WORDS):
            break
    in_sentences = _sentence_words(best[1]) if best is not None else 0
    if in_sentences < min_words:
        # Pages of the 2000s laid their text out in table cells, which the passes above leave
        # out with the data tables; what they found is menus, not sentences.
        document = _run_trafilatura(html, url, precision=False, tables=True)
        if document is not None:
            title = " ".join(str(getattr(document, "title", None) or "").split())
            text = _cells(str(getattr(document, "text", None) or ""), meta.title or title)
            paragraphs = story_paragraphs(text, title)
            sentences = _sentence_words(paragraphs)
            if (
                sentences >= min_words
                and (best is None or sentences > in_sentences)
                # a table of other stories' teasers is not this one
                and _on_topic(paragraphs, meta.title or title)
            ):
                best = (document, paragraphs, _prose_words(paragraphs))
    if best is not None:
        unbriefable = unbriefable_language("\n".join(best[1]))
        if unbriefable is not None:
            raise NotAnArticle(N_("cannot brief text in {language}"), language=unbriefable)
        if placeholder_text("\n".join(best[1])):
            raise NotAnArticle(N_("not an article: placeholder text (lorem ipsum)"))
    if best is None or best[2] == 0:
        raise NotAnArticle(N_("no article text found on the page"))
    document, paragraphs, prose = best
    linked = read_linked_data(html)
    if prose < min_words and not short_item(paragraphs, prose, min_words, html, meta, linked):
        raise NotAnArticle(N_("too little article text on the page ({words} words)"), words=prose)

    head = _head(html)
    found, sitename = getattr(document, "title", None), getattr(document, "sitename", None)
    title = title_from_top_heading(
        page_title(found, sitename, meta, url), _top_heading(document), meta
    )
    reason = not_an_article(meta, linked, _page_path(url), title, "\n".join(paragraphs))
    if reason is not None:
        raise NotAnArticle(reason)
    paragraphs = _claim_first(with_standfirst(paragraphs, meta.description, title), linked.claims)
    if not title or generic_title(title, paragraphs):
        # No title (or one naming the paper or section): name the page by its first sentence,
        # which stays in the body too.
        title = title_from_text("\n".join(paragraphs))
    elif paragraphs and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # the headline again, now that the site name is gone
    return Extracted(
        url=url,
        title=title,
        body="\n\n".join(paragraphs),
        language=declared_language(meta, content_language)
        or language_name(getattr(document, "language", None)),
        published_at=_published(head, getattr(document, "date", None)),
        source=_source(document, url),
    )


def _media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def _sniff_html(content: bytes) -> bool:
    start = content[:1024].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html")) or b"<html" in start


def check_html(content_type: str | None, content: bytes) -> None:
    """Raise :class:`NotAnArticle` unless the response is an HTML page.

    text/html and application/xhtml+xml are accepted. A missing type, or the
    generic application/octet-stream that servers send when they do not know,
    is accepted only if the body starts like HTML. Anything else (PDF, images,
    feeds) is refused with its media type in the reason.
    """
    media = _media_type(content_type)
    if media in _HTML_TYPES:
        return
    if media in (None, "application/octet-stream") and _sniff_html(content):
        return
    raise NotAnArticle(
        N_("not an HTML page ({media})"), media=Text(media[:60] if media else N_("no content type"))
    )


async def fetch_article(
    client: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int,
    timeout: float,  # noqa: ASYNC109 - passed to fetch(), see there
) -> Extracted:
    """Fetch an HTML page and extract its article.

    Non-HTML responses (PDFs, images, feeds) raise :class:`NotAnArticle` naming
    the content type (see :func:`check_html`). :class:`bot.sources.fetch.FetchError`
    propagates unchanged. Extraction runs in a worker thread so it never blocks
    the event loop.
    """
    result = await fetch(client, url, max_bytes=max_bytes, timeout=timeout, accept=HTML_ACCEPT)
    check_html(result.content_type, result.content)
    page = decode_page(result.content, result.encoding)
    return await asyncio.to_thread(
        extract_article, page, result.url, content_language=result.content_language
    )
