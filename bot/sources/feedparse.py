"""RSS/Atom feed parsing: pure functions, no database, no network, no Telegram.

A feed arrives as bytes from :func:`bot.sources.fetch.fetch`; :func:`parse_feed` turns
it into plain-text entries with stable keys and absolute links, so everything
downstream (dedupe, summarising, delivery) can ignore feed dialects, markup,
relative URLs and time zones. Polling feeds and storing their entries is
:mod:`bot.sources.poller`'s job.
"""

from __future__ import annotations

import calendar
import contextlib
import hashlib
import io
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from bot.briefs.language import language_name
from bot.errors import UserFacingError
from bot.i18n import N_, Text
from bot.sources.htmltext import html_to_text
from bot.sources.titles import cap_title

__all__ = [
    "FeedEntry",
    "FeedError",
    "ParsedFeed",
    "parse_feed",
]


class FeedError(UserFacingError):
    """The bytes are not a usable feed; ``reason`` is short and user-facing.

    ``feed_links`` lists feeds that an HTML page advertises (``<link
    rel="alternate" type="application/rss+xml">``), so an admin who pasted a
    site's home page can be told which URL to add instead.
    """

    def __init__(
        self, reason: str | Text, /, *, feed_links: tuple[str, ...] = (), **values: object
    ) -> None:
        super().__init__(reason, **values)
        self.feed_links = feed_links


# An entry whose only text is a summary shorter than this is probably a teaser.
TEASER_WORDS = 80

# Endings that say "the rest is on the web page". Checked against the last few
# hundred characters only, so the regex stays linear.
_TEASER_END = re.compile(
    r"(?:…|\.\.\.|\[\s*(?:…|\.\.\.)\s*\]|\(\s*more\s*(?:…|\.\.\.)?\s*\)|"
    r"\b(?:read\s+more|read\s+the\s+rest|continue\s+reading|read\s+full\s+(?:story|article)|"
    r"weiterlesen|mehr\s+lesen|lire\s+la\s+suite|leer\s+más|seguir\s+leyendo|leggi\s+tutto|"
    r"lees\s+verder|czytaj\s+dalej|читать\s+далее))[\s\W]*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FeedEntry:
    """One feed item, reduced to what a brief needs."""

    key: str
    title: str
    link: str | None
    summary: str
    content: str
    published_at: datetime | None
    # The entry's own xml:lang (inherited from the feed's when it has none), as a name.
    language: str | None = None
    # False when the feed gave no <title> and ``title`` was made from the text or link:
    # a page fetched for the full text then has a better one.
    titled: bool = True

    @property
    def text(self) -> str:
        """The best text the feed itself carries."""
        return self.content or self.summary

    @property
    def is_teaser(self) -> bool:
        """Whether the full page should be fetched to brief this entry.

        True when the feed gives no full content and the summary is short (under
        ``TEASER_WORDS`` words) or trails off ("…", "[...]", "Read more"); also when
        the content itself ends with such a marker, because some feeds put their
        teaser into content:encoded.
        """
        if self.content:
            return _ends_like_teaser(self.content)
        return len(self.summary.split()) < TEASER_WORDS or _ends_like_teaser(self.summary)


def _ends_like_teaser(text: str) -> bool:
    return _TEASER_END.search(text[-300:].rstrip()) is not None


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed: its own metadata and its entries in document order."""

    title: str
    link: str | None
    language: str | None
    entries: tuple[FeedEntry, ...]


# --- feed autodiscovery (for a helpful error) -------------------------------

_FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"}
)


class _FeedLinkFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        found = {k: (v or "") for k, v in attrs}
        rels = found.get("rel", "").lower().split()
        kind = found.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in _FEED_TYPES and found.get("href"):
            self.hrefs.append(found["href"].strip())


def _feed_links(page: str, base: str) -> tuple[str, ...]:
    finder = _FeedLinkFinder()
    try:
        finder.feed(page[:200_000])
        finder.close()
    except (AssertionError, ValueError):  # pragma: no cover
        return ()
    links: list[str] = []
    for href in finder.hrefs:
        absolute = _absolute(href, base)
        if absolute and absolute not in links:
            links.append(absolute)
    return tuple(links[:5])


def _looks_like_html(content: bytes, content_type: str | None) -> bool:
    if content_type and content_type.split(";")[0].strip().lower() in (
        "text/html",
        "application/xhtml+xml",
    ):
        return True
    head = content[:2048].lstrip().lower()
    return head.startswith(b"<!doctype html") or b"<html" in head


# --- parsing ----------------------------------------------------------------

# bozo exceptions that only say the server mislabelled the document; the parse
# itself went fine.
_BENIGN_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def _get(mapping: Any, key: str) -> Any:
    """Plain dict lookup: FeedParserDict's aliasing warns (DeprecationWarning)
    for ``updated`` and silently maps other keys; we want exactly what is there."""
    return dict.get(mapping, key) if isinstance(mapping, dict) else None


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _absolute(link: str | None, base: str) -> str | None:
    """Resolve against the feed URL (feedparser already applied xml:base) and
    keep only http(s): a ``javascript:`` or ``mailto:`` link is not an article."""
    if not isinstance(link, str) or not link.strip():
        return None
    try:
        absolute = urljoin(base, link.strip())
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return absolute


def _timestamp(entry: Mapping[str, Any]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = _get(entry, key)
        if isinstance(value, time.struct_time):
            try:
                # feedparser normalises to UTC already; timegm keeps it that way.
                return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _content_text(entry: Mapping[str, Any]) -> str:
    content = _get(entry, "content")
    if not isinstance(content, list):
        return ""
    texts = []
    for part in content:
        value = _get(part, "value")
        if isinstance(value, str) and value.strip():
            text = html_to_text(value, paragraphs=True)
            if text and text not in texts:
                texts.append(text)
    return "\n\n".join(texts)


def _entry_key(raw_id: Any, link: str | None, title: str, summary: str) -> str:
    """A key that stays the same each time the feed is polled.

    guid/id when the feed gives one (long ones hashed to keep keys bounded),
    else the absolute link, else a hash of the visible text.
    """
    if isinstance(raw_id, str) and raw_id.strip():
        ident = raw_id.strip()
        if len(ident) <= 512:
            return ident
        return "sha256:" + hashlib.sha256(ident.encode("utf-8", "replace")).hexdigest()
    if link:
        return link
    digest = hashlib.sha256(f"{title}\n{summary}".encode("utf-8", "replace")).hexdigest()
    return "sha256:" + digest


def _shorten(text: str, limit: int = 80) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut + "…"


def _parse_entry(entry: Mapping[str, Any], url: str) -> FeedEntry | None:
    # Capped before the title is cleaned (and before its key is made): a 281 KB "title"
    # is no headline.
    title = cap_title(html_to_text(_str(_get(entry, "title"))))
    summary = html_to_text(_str(_get(entry, "summary")))
    content = _content_text(entry)
    link = _absolute(_get(entry, "link"), url)
    if not title and not summary and not content and not link:
        return None
    titled = bool(title)
    if not titled:
        title = _shorten(summary or content.replace("\n\n", " ")) or (link or "")
    return FeedEntry(
        key=_entry_key(_get(entry, "id"), link, title, summary or content),
        title=title,
        link=link,
        summary=summary,
        content=content,
        published_at=_timestamp(entry),
        language=_entry_language(entry),
        titled=titled,
    )


def _entry_language(entry: Mapping[str, Any]) -> str | None:
    """xml:lang of the entry's text, which feedparser records on each text construct."""
    content = _get(entry, "content")
    details = [*(content if isinstance(content, list) else [])]
    details += [_get(entry, "summary_detail"), _get(entry, "title_detail")]
    for detail in details:
        name = language_name(_get(detail, "language"))
        if name:
            return name
    return None


def _bozo_reason(exc: object) -> str:
    if exc is None:
        return "no feed elements found"
    getter = getattr(exc, "getMessage", None)
    message = getter() if callable(getter) else str(exc)
    line = getattr(exc, "getLineNumber", None)
    if callable(line):
        with contextlib.suppress(Exception):  # SAX locators can be half-initialised
            message = f"{message} at line {line()}"
    text = " ".join(str(message).split()) or type(exc).__name__
    return text if len(text) <= 100 else text[:99] + "…"


def parse_feed(content: bytes, url: str, *, content_type: str | None = None) -> ParsedFeed:
    """Parse RSS 0.9x/1.0/2.0 or Atom bytes fetched from ``url``.

    Recoverable breakage is tolerated: when feedparser flags the document as
    malformed (bozo) but still found entries, they are used. A document with no
    entries that is not a recognisable feed (an HTML page, garbage) raises
    :class:`FeedError`. A well-formed feed with no entries is a valid, empty feed.
    """
    headers = {"content-type": content_type} if content_type else {}
    # A file object, not bytes: given bytes, feedparser first tries them as a
    # local *file name*, and the body of a response is not ours to trust.
    result = feedparser.parse(io.BytesIO(content), response_headers=headers)
    feed = _get(result, "feed") or {}
    raw_entries = _get(result, "entries") or []
    version = _get(result, "version") or ""
    bozo_exc = _get(result, "bozo_exception") if _get(result, "bozo") else None
    serious = bozo_exc is not None and not isinstance(bozo_exc, _BENIGN_BOZO)

    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for raw in raw_entries:
        entry = _parse_entry(raw, url)
        if entry is not None and entry.key not in seen:
            seen.add(entry.key)
            entries.append(entry)

    if not entries and (serious or not version):
        if _looks_like_html(content, content_type):
            page = content[:200_000].decode("utf-8", "replace")
            links = _feed_links(page, url)
            if links:
                raise FeedError(
                    N_("not an RSS or Atom feed: got an HTML page; it links to the feed {url}"),
                    feed_links=links,
                    url=links[0],
                )
            raise FeedError(N_("not an RSS or Atom feed: got an HTML page"))
        why = Text(_bozo_reason(bozo_exc)) if serious else Text(N_("no feed elements found"))
        raise FeedError(N_("not an RSS or Atom feed: {why}"), why=why)

    title = html_to_text(_str(_get(feed, "title")))
    if not title:
        title = urlsplit(url).hostname or url
    language = language_name(_get(feed, "language"))
    return ParsedFeed(
        title=title,
        link=_absolute(_get(feed, "link"), url),
        language=language,
        entries=tuple(entries),
    )
