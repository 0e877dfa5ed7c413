"""Telegram HTML for everything the bot says, and splitting it to fit.

Every piece of article or user text passes through `esc` before it meets a
tag: one unescaped "<" in a headline would make Telegram reject the whole
message ("can't parse entities"), and a subscriber would silently miss it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from bot.i18n import _, day, moment, ngettext, number
from bot.storage.articles import HL_END, HL_START, Article, SearchHit
from bot.storage.stories import Report
from bot.text import source_host, truncate

MAX_MESSAGE = 4096  # Telegram's limit, in UTF-16 code units after entity parsing

_TOKEN = re.compile(r"<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[^<&]+|[<&]")
_TAG = re.compile(r"<(/?)([a-zA-Z-]+)")


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def esc_attr(text: str) -> str:
    return html.escape(text, quote=True)


def link(url: str, label: str) -> str:
    return f'<a href="{esc_attr(url)}">{esc(label)}</a>'


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _visible_text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


def visible_length(markup: str) -> int:
    """What Telegram counts against the 4,096 limit: text after tags and entities."""
    return utf16_len(_visible_text(markup))


def highlight(snippet: str) -> str:
    """Escape a search snippet and turn its match markers into bold."""
    text = " ".join(snippet.split())
    return esc(text).replace(HL_START, "<b>").replace(HL_END, "</b>")


# A source is a feed's label or a page's site name: a name, not a paragraph.
MAX_SOURCE_CHARS = 100


def source_name(source: str | None, url: str | None) -> str | None:
    """Who reported it: the source (a feed's label, a site's name), else the link's host."""
    name = source or (source_host(url) if url else None)
    return truncate(name, MAX_SOURCE_CHARS) if name else None


def article_meta(article: Article) -> str:
    name = source_name(article.source, article.url)
    parts = [esc(name)] if name else []
    parts.append(esc(day(article.published_at or article.created_at)))
    return " · ".join(parts)


def sources_note(count: int) -> str:
    """ " · 3 sources" for a story told by several outlets, "" for one."""
    if count <= 1:
        return ""
    return " · " + ngettext("{count} source", "{count} sources", count).format(count=number(count))


def format_story(reports: Sequence[Report], brief: Sequence[str] = ()) -> str:
    """A story: its brief drawn from all its reports (if given), then every report with
    its source, time and link, oldest first."""
    lines = [
        "<b>{}</b>".format(
            ngettext(
                "This story, {count} report:", "This story, {count} reports:", len(reports)
            ).format(count=number(len(reports)))
        )
    ]
    lines.extend(f"• {esc(sentence)}" for sentence in brief)
    for n, report in enumerate(reports):
        name = source_name(report.source, report.url) or _("unknown source")
        line = f"• {esc(name)} · {esc(moment(report.when))}"
        if report.url:
            line += " · " + link(report.url, _("read"))
        lines.append(("" if n or not brief else "\n") + line + f" · /brief_{report.id}")
    return "\n".join(lines)


def format_article(article: Article, *, with_link: bool = True) -> str:
    """One brief: bold title, the brief's sentences, source, date and link, in one message.

    Briefs are made to fit (briefs.MAX_BRIEF_CHARS); one stored before that, or a longer
    title, loses its last sentences whole, so a push, a reply or an inline result is never
    refused as too long.
    """
    title = f"<b>{esc(article.title)}</b>"
    meta = article_meta(article) + sources_note(article.sources) + f" · #{article.id}"
    if with_link and article.url:
        meta += " · " + link(article.url, _("read"))
    footer = f"<i>{meta}</i>"
    brief = list(article.brief or (truncate(" ".join(article.body.split()), 300),))
    while True:
        text = "\n".join([title, *(f"• {esc(sentence)}" for sentence in brief), footer])
        if visible_length(text) <= MAX_MESSAGE:
            return text
        if len(brief) > 1:
            brief.pop()
        else:
            # One sentence too long for the message: its head, at a word boundary (shorter
            # again if characters outside the BMP count twice).
            room = MAX_MESSAGE - visible_length(f"{title}\n• \n{footer}")
            sentence = brief[0] if brief else ""
            brief = [truncate(sentence, max(room, 2))]
            while room > 2 and utf16_len(brief[0]) > room:
                room -= max(1, (utf16_len(brief[0]) - room))
                brief = [truncate(sentence, max(room, 2))]


def format_headline(article: Article) -> str:
    """A compact entry for lists (/latest, digests): title, first sentence, /brief id."""
    first = article.brief[0] if article.brief else truncate(" ".join(article.body.split()), 200)
    return (
        f"<b>{esc(article.title)}</b>\n{esc(first)}\n"
        f"<i>{article_meta(article)}{sources_note(article.sources)}</i> · /brief_{article.id}"
    )


def format_hit(hit: SearchHit) -> str:
    name = source_name(hit.source, hit.url)
    meta = " · ".join(p for p in (esc(name) if name else "", esc(day(hit.date))) if p)
    meta += sources_note(hit.sources)
    return f"<b>{esc(hit.title)}</b>\n{highlight(hit.snippet)}\n<i>{meta}</i> · /brief_{hit.id}"


def split_message(markup: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split HTML into messages of at most `limit` visible characters.

    Breaks at a paragraph if it can, else a line, a sentence, a space, and only
    then between any two characters; never inside a tag or an entity. Tags open
    at a break are closed at the end of one part and reopened in the next, so
    every part parses on its own.
    """
    if not _visible_text(markup).strip():
        return []  # Telegram refuses an empty message; there is nothing to send
    if visible_length(markup) <= limit:
        return [markup]
    parts: list[str] = []
    tokens = _TOKEN.findall(markup)
    current: list[str] = []
    current_len = 0
    open_tags: list[tuple[str, str]] = []  # (name, full opening tag)
    # Best break so far: (priority, index in current, open tags at that point).
    best: tuple[int, int, list[tuple[str, str]]] | None = None

    def reopen(tags: list[tuple[str, str]]) -> list[str]:
        return [opening for _, opening in tags]

    def closing(tags: list[tuple[str, str]]) -> str:
        return "".join(f"</{name}>" for name, _ in reversed(tags))

    for token in _chars(tokens):
        if token.startswith("<") and len(token) > 1:
            match = _TAG.match(token)
            if match:
                name = match.group(2).lower()
                if match.group(1):
                    for i in range(len(open_tags) - 1, -1, -1):
                        if open_tags[i][0] == name:
                            del open_tags[i]
                            break
                else:
                    open_tags.append((name, token))
            current.append(token)
            continue
        width = utf16_len(html.unescape(token))
        # Room for the closing tags, which are invisible but must fit syntactically.
        # A loop: what stays after a break at the best point may still leave no room
        # for this character, and then the rest is cut where it stands.
        while current_len + width > limit and current_len > 0:
            if best is not None and best[1] > 0:
                _, index, tags_then = best
                head, tail = current[:index], current[index:]
            else:
                tags_then = list(open_tags)
                head, tail = current, []
            parts.append("".join(head).rstrip() + closing(tags_then))
            current = reopen(tags_then) + _lstrip(tail)
            current_len = sum(utf16_len(html.unescape(t)) for t in current if not _is_tag(t))
            best = None
            if current_len + width > limit and current_len:
                # What was kept after the best break, with this character (one outside the
                # BMP counts two), still does not fit: break right before the character.
                parts.append("".join(current).rstrip() + closing(open_tags))
                current = reopen(open_tags)
                current_len = 0
        current.append(token)
        current_len += width
        priority = _break_priority(current)
        if priority and (best is None or priority >= best[0]):
            best = (priority, len(current), list(open_tags))
    if current:
        parts.append("".join(current).strip())
    return [p for p in parts if _visible_text(p).strip()]


def _is_tag(token: str) -> bool:
    return token.startswith("<") and len(token) > 1


def _lstrip(tokens: list[str]) -> list[str]:
    while tokens and not _is_tag(tokens[0]) and not tokens[0].strip():
        tokens = tokens[1:]
    return tokens


def _chars(tokens: Iterable[str]) -> Iterable[str]:
    """Tags and entities whole, text one character at a time (so breaks can fall anywhere)."""
    for token in tokens:
        if token.startswith(("<", "&")) and len(token) > 1:
            yield token
        else:
            yield from token


def _break_priority(current: Sequence[str]) -> int:
    """How good a break right after the last token is: paragraph 4 … space 1."""
    last = current[-1]
    if last == "\n":
        if len(current) > 1 and current[-2] == "\n":
            return 4
        return 3
    if last == " " and len(current) > 1 and current[-2] in ".!?…":
        return 2
    if last == " ":
        return 1
    return 0


def join_blocks(blocks: Sequence[str], limit: int = MAX_MESSAGE) -> list[str]:
    """Pack self-contained HTML blocks into as few messages as fit, splitting huge ones."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        candidate = f"{current}\n\n{block}" if current else block
        if visible_length(candidate) <= limit:
            current = candidate
            continue
        if current:
            messages.append(current)
        pieces = split_message(block, limit)
        messages.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        messages.append(current)
    return messages
