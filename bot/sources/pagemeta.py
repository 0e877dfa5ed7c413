"""What a page says about itself: declared language, site name, headline and title.

Read with the standard library's lenient HTML parser, so attribute order, quoting and
case do not matter (``<meta content="de" http-equiv="Content-Language">`` counts).
Pure: no network, no trafilatura; :mod:`bot.sources.extract` combines this with the
article text.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from html.parser import HTMLParser

from bot.sources.feedparse import language_name

__all__ = ["PageMeta", "declared_language", "read_meta"]

# Metadata sits in <head> and the headline near the top; the rest of a page is not read.
_MAX_CHARS = 300_000
_CHUNK = 16_384
_TEXT_LIMIT = 500


@dataclass
class PageMeta:
    html_lang: str | None = None
    content_language: str | None = None  # <meta http-equiv="content-language">
    og_locale: str | None = None
    og_title: str | None = None
    site_names: list[str] = field(default_factory=list)  # og:site_name, application-name
    title: str | None = None  # <title>
    h1: str | None = None  # the first <h1>


class _MetaReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta = PageMeta()
        self.done = False
        self._in: str | None = None  # "title" or "h1" while inside one
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        meta = self.meta
        if tag == "html" and values.get("lang") and meta.html_lang is None:
            meta.html_lang = values["lang"]
        elif tag == "meta":
            content = values.get("content", "")
            if not content:
                return
            key = (values.get("property") or values.get("name") or "").lower()
            if values.get("http-equiv", "").lower() == "content-language":
                meta.content_language = meta.content_language or content
            elif key == "og:locale":
                meta.og_locale = meta.og_locale or content
            elif key == "og:title":
                meta.og_title = meta.og_title or _squeeze(content)
            elif key in ("og:site_name", "application-name", "apple-mobile-web-app-title"):
                name = _squeeze(content)
                if name and name not in meta.site_names:
                    meta.site_names.append(name)
        elif self._in is None and (
            (tag == "title" and meta.title is None) or (tag == "h1" and meta.h1 is None)
        ):
            self._in, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag != self._in:
            return
        text = _squeeze("".join(self._text))[:_TEXT_LIMIT] or None
        if tag == "title":
            self.meta.title = text
        else:
            self.meta.h1 = text
            self.done = text is not None  # the headline is the last thing we look for
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._text.append(data)


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def read_meta(html: str) -> PageMeta:
    """The page's metadata (whatever of it there is; never raises on bad markup)."""
    reader = _MetaReader()
    text = html[:_MAX_CHARS]
    with contextlib.suppress(AssertionError, ValueError):  # html.parser is lenient
        for start in range(0, len(text), _CHUNK):
            reader.feed(text[start : start + _CHUNK])
            if reader.done:
                break
    return reader.meta


def declared_language(meta: PageMeta, header: str | None = None) -> str | None:
    """The language the page declares, as a summarizer name ("german"), or None.

    HTML's own order: ``<html lang>`` first, then the content-language pragma, then the
    HTTP Content-Language header; ``og:locale`` last, as a hint. An unrecognisable value
    ("x-default", "mul") is skipped, not an answer.
    """
    for candidate in (meta.html_lang, meta.content_language, header, meta.og_locale):
        name = language_name(candidate)
        if name:
            return name
    return None
