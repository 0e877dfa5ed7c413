"""Plain text from the HTML fragments feeds carry (titles, summaries, content)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from bot.text import CONTROL_CHARS

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr",
        "ul",
    }
)  # fmt: skip
# Elements whose content is never readable text.
_SKIP_TAGS = frozenset(
    {"script", "style", "template", "noscript", "head", "iframe", "object", "svg", "math"}
)
_LEFTOVER_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,500}>")


class _TextCollector(HTMLParser):
    """Collects character data, marking block boundaries with newlines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <hr/>, <script/>: a boundary at most, never an open skip region.
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            # Source line breaks are not paragraph breaks; only tags make those.
            self.parts.append(data.replace("\r", " ").replace("\n", " "))


def _strip_once(markup: str) -> str:
    collector = _TextCollector()
    try:
        collector.feed(markup)
        collector.close()
    except (AssertionError, ValueError):  # pragma: no cover - html.parser is lenient
        return html.unescape(_LEFTOVER_TAG.sub(" ", markup))
    return "".join(collector.parts)


def has_markup(text: str) -> bool:
    """Whether the text holds an HTML tag ("<p>A Advocacia …"), not only a "<" or ">"."""
    return _LEFTOVER_TAG.search(text) is not None


def html_to_text(markup: str, *, paragraphs: bool = False) -> str:
    """Plain text from an HTML fragment: tags dropped, entities decoded,
    scripts/styles removed, whitespace collapsed.

    With ``paragraphs`` block elements become paragraphs separated by a blank
    line (for full article content, which the summariser splits); otherwise the
    result is a single line (for titles and summaries). Feeds that escape their
    HTML twice are handled by a second pass, so markup never survives.
    """
    if not markup:
        return ""
    text = _strip_once(CONTROL_CHARS.sub("", markup))
    if has_markup(text):
        text = _strip_once(text)
        text = _LEFTOVER_TAG.sub(" ", text)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    kept = [line for line in lines if line]
    return ("\n\n" if paragraphs else " ").join(kept)
