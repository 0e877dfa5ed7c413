"""OPML: moving a feed list between readers (newsbrief feeds export/import, /export, /import).

Parsing is defensive: the file comes from whoever an admin got it from.
defusedxml refuses any DTD, entity declaration or external reference (so no
"billion laughs" and no file or network reads), the size is capped before
parsing, and nesting (categories) is flattened: every outline with an xmlUrl
is a feed, however deep.

An imported address is checked like /addfeed checks one (check_url), and a
host that is a literal non-public address, or a name that only means this
machine or its network (localhost, *.local, *.internal, …), is refused. A name
that resolves to a private address is refused when it is polled, by the
fetch guard (sources/client.py), like every other feed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from bot.briefs.language import language_code, language_name
from bot.errors import UserFacingError
from bot.i18n import N_, Text
from bot.sources.client import numeric_host, refusal
from bot.sources.fetch import FetchError, check_url
from bot.storage import feeds as store
from bot.storage.db import Database

MAX_OPML_BYTES = 2_000_000  # a list of a few thousand feeds; far beyond what anyone exports
MAX_OUTLINES = 100_000  # outlines read at most; more is not a feed list
MAX_LABEL = 200  # characters of a feed's label kept

# Names that never mean a public site (RFC 6761, RFC 6762, RFC 8375 and common intranet use).
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".intranet", ".lan", ".home.arpa")


class OpmlError(UserFacingError):
    """The file is not an OPML feed list we accept; .reason says why."""


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    label: str | None = None
    language: str | None = None  # a name as briefs use it ("german"), or None
    language_override: str | None = None


@dataclass
class ImportReport:
    added: list[store.Feed] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    refused: list[tuple[str, Text]] = field(default_factory=list)  # (address as given, why)


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """The feeds an OPML document lists, in document order, categories flattened."""
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(N_("the file is larger than {size} bytes"), size=MAX_OPML_BYTES)
    try:
        root: ElementTree.Element = fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        raise OpmlError(N_("the file declares a DTD or entities, which are not accepted")) from None
    except ElementTree.ParseError:
        raise OpmlError(N_("the file is not well-formed XML")) from None
    if _local(root.tag) != "opml":
        raise OpmlError(N_("the file is not OPML"))
    found: list[OpmlFeed] = []
    for count, outline in enumerate(root.iter(), start=1):
        if count > MAX_OUTLINES:
            raise OpmlError(N_("the file has more than {count} outlines"), count=MAX_OUTLINES)
        if _local(outline.tag) != "outline":
            continue
        attrs = {_local(k).lower(): v for k, v in outline.attrib.items()}
        url = (attrs.get("xmlurl") or "").strip()
        if not url:
            continue  # a category: its children are visited by iter()
        label = " ".join((attrs.get("title") or attrs.get("text") or "").split())[:MAX_LABEL]
        language = language_name(attrs.get("language"))
        override = language_name(attrs.get("languageoverride"))
        found.append(
            OpmlFeed(
                url=url,
                # An outline must have a text; a feed without a label is written with its URL.
                label=label if label and label != url else None,
                # Our export writes the override as the language when the feed declared none.
                language=None if override and language == override else language,
                language_override=override,
            )
        )
    return found


def _local(tag: str) -> str:
    """A tag or attribute name without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _code(name: str | None) -> str | None:
    """The ISO 639-1 code OPML readers expect for a language name ("german" → "de")."""
    return language_code(name) if name else None


def render_opml(feeds: Sequence[store.Feed], *, now: datetime | None = None) -> bytes:
    """An OPML 2.0 document of the feeds, with labels and languages."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = "newsbrief feeds"
    moment = (now or datetime.now(UTC)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    ElementTree.SubElement(head, "dateCreated").text = moment
    body = ElementTree.SubElement(root, "body")
    for feed in feeds:
        attrs = {"type": "rss", "text": feed.name, "xmlUrl": feed.url}
        if feed.label:
            attrs["title"] = feed.label
        language = _code(feed.language or feed.language_override)
        if language:
            attrs["language"] = language
        override = _code(feed.language_override)
        if override:
            # Ours: set with /addfeed … lang=xx; other readers ignore an unknown attribute.
            attrs["languageOverride"] = override
        ElementTree.SubElement(body, "outline", attrs)
    ElementTree.indent(root)
    document: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def check_address(url: str, *, allow_private: bool = False) -> str:
    """The normal form of an imported feed's address; FetchError saying why it is refused."""
    normal = check_url(url)
    host = (urlsplit(normal).hostname or "").lower().rstrip(".")
    literal = numeric_host(host)
    if literal is not None:
        why = refusal(literal, allow_private=allow_private)
        if why is not None:
            raise FetchError(N_("refused: address is {kind}"), kind=Text(why))
        return normal
    if (host == "localhost" or host.endswith(_LOCAL_SUFFIXES) or "." not in host) and not (
        allow_private
    ):
        raise FetchError(N_("refused: address is {kind}"), kind=Text(N_("not public")))
    return normal


async def import_opml(
    db: Database, data: bytes, *, max_feeds: int, allow_private: bool = False
) -> ImportReport:
    """Add the feeds an OPML document lists (they are polled as soon as the poller runs).

    Raises OpmlError when the file as a whole is refused; single feeds are
    refused in the report, with their reason.
    """
    report = ImportReport()
    wanted: list[OpmlFeed] = []
    for item in parse_opml(data):
        try:
            normal = check_address(item.url, allow_private=allow_private)
        except FetchError as exc:
            reason = Text(N_("malformed URL: {reason}"), {"reason": exc.text})
            if exc.text.template == N_("refused: address is {kind}"):
                reason = exc.text
            report.refused.append((item.url[:300], reason))
            continue
        wanted.append(OpmlFeed(normal, item.label, item.language, item.language_override))
    added, already, over = await store.add_feeds(
        db,
        [(f.url, f.label, f.language, f.language_override) for f in wanted],
        max_feeds=max_feeds,
    )
    report.added = added
    report.already = already
    report.refused.extend(
        (url, Text(N_("over the limit of {count} feeds"), {"count": max_feeds})) for url in over
    )
    return report


async def export_opml(db: Database) -> tuple[bytes, int]:
    """(the OPML document of every feed, how many)."""
    feeds = await store.list_feeds(db)
    return render_opml(feeds), len(feeds)
