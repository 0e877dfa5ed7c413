"""What a page says about itself: declared language, site name, headline and title.

Read with the standard library's lenient HTML parser, so attribute order, quoting and
case do not matter (``<meta content="de" http-equiv="Content-Language">`` counts).
Pure: no network, no trafilatura; :mod:`bot.sources.extract` combines this with the
article text.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

from bot.briefs.cleaning import word_count
from bot.briefs.language import language_name
from bot.i18n import N_

__all__ = [
    "ClaimReview",
    "LinkedData",
    "PageMeta",
    "article_markup",
    "declared_language",
    "not_an_article",
    "read_linked_data",
    "read_meta",
]

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
    og_type: str | None = None  # og:type ("article", "website", "product")
    authors: list[str] = field(default_factory=list)  # <meta name="author">, article:author
    generator: str | None = None  # <meta name="generator">: the software that made the page
    description: str | None = None  # og:description, else description or twitter:description


class _MetaReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta = PageMeta()
        self.done = False
        self._in: str | None = None  # "title" or "h1" while inside one
        self._text: list[str] = []
        self._svg = 0  # inside an inline <svg>, whose <title> names a drawing, not the page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self._svg += 1
            return
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        meta = self.meta
        if tag == "html" and meta.html_lang is None:
            # The first lang that says something: pages repeat the attribute empty
            # ('<html lang="da" xml:lang="" lang="">'), and a dict keeps the last.
            meta.html_lang = next(
                (
                    v.strip()
                    for k, v in attrs
                    if k.lower() in ("lang", "xml:lang") and v and v.strip()
                ),
                None,
            )
        elif tag == "meta":
            # Twitter's cards once documented value= ('<meta name="twitter:description"
            # value="…">'), and pages still carry it.
            content = values.get("content") or values.get("value", "")
            if not content:
                return
            key = (values.get("property") or values.get("name") or "").lower()
            if values.get("http-equiv", "").lower() == "content-language":
                meta.content_language = meta.content_language or content
            elif key == "og:locale":
                meta.og_locale = meta.og_locale or content
            elif key == "og:title":
                meta.og_title = meta.og_title or _squeeze(content)
            elif key == "og:type":
                meta.og_type = meta.og_type or content.lower()
            elif key == "og:description":
                meta.description = _squeeze(content)  # the editor's standfirst, if any
            elif key in ("description", "twitter:description"):
                meta.description = meta.description or _squeeze(content)
            elif key == "generator":
                meta.generator = meta.generator or content
            elif key in ("author", "article:author", "byl", "sailthru.author", "parsely-author"):
                name = _squeeze(content).removeprefix("By ").removeprefix("by ")
                if name and not name.startswith("http") and name not in meta.authors:
                    meta.authors.append(name)
            elif key in ("og:site_name", "application-name", "apple-mobile-web-app-title"):
                name = _squeeze(content)
                if name and name not in meta.site_names:
                    meta.site_names.append(name)
        elif self._in is None and (
            (tag == "title" and meta.title is None and not self._svg)
            or (tag == "h1" and meta.h1 is None)
        ):
            self._in, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._svg = max(0, self._svg - 1)
            return
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


# --------------------------------------------------------------------------------------------
# schema.org JSON-LD: what kind of page this is, and a fact check's claim and verdict

_JSON_LD = re.compile(
    r"<script\b[^>]*?type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_MAX_JSON_LD_CHARS = 200_000
_MAX_NODES = 2_000


@dataclass(frozen=True)
class ClaimReview:
    """A schema.org ClaimReview: the claim checked, the verdict, and who checked it."""

    claim: str
    rating: str
    author: str | None = None


@dataclass
class LinkedData:
    types: set[str] = field(default_factory=set)  # every @type named, without "schema:" prefixes
    claims: list[ClaimReview] = field(default_factory=list)


def _nodes(value: Any) -> list[dict[str, Any]]:
    """Every JSON object in a JSON-LD document, breadth first, bounded."""
    found: list[dict[str, Any]] = []
    queue = [value]
    while queue and len(found) < _MAX_NODES:
        item = queue.pop(0)
        if isinstance(item, dict):
            found.append(item)
            queue.extend(v for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            queue.extend(item)
    return found


def _types(node: dict[str, Any]) -> list[str]:
    raw = node.get("@type")
    names = raw if isinstance(raw, list) else [raw]
    return [str(n).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for n in names if isinstance(n, str)]


def _text(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name") or value.get("text") or ""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str | dict)), "")
        return _text(value)
    return _squeeze(value) if isinstance(value, str) else ""


def read_linked_data(html: str) -> LinkedData:
    """The page's JSON-LD types and ClaimReviews (whatever parses; never raises)."""
    data = LinkedData()
    for match in _JSON_LD.finditer(html[:_MAX_CHARS]):
        raw = match.group(1).strip()[:_MAX_JSON_LD_CHARS]
        if raw.startswith("<!--"):
            raw = raw.removeprefix("<!--").removesuffix("-->")
        try:
            document = json.loads(raw)
        except ValueError:
            continue
        for node in _nodes(document):
            types = _types(node)
            data.types.update(types)
            if "ClaimReview" not in types:
                continue
            claim = _text(node.get("claimReviewed"))
            rating_node = node.get("reviewRating")
            rating = ""
            if isinstance(rating_node, dict):
                rating = _text(rating_node.get("alternateName")) or _text(
                    rating_node.get("ratingExplanation")
                )
            if claim and rating:
                author = _text(node.get("author")) or None
                data.claims.append(ClaimReview(claim[:500], rating[:100], author))
    return data


# --------------------------------------------------------------------------------------------
# Pages that are not articles

# schema.org types of a page with an article on it; any of them wins over the rules below.
_ARTICLE_TYPES = frozenset(
    {
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting",
        "LiveBlogPosting", "ScholarlyArticle", "TechArticle", "Report", "ClaimReview", "Review",
        "SocialMediaPosting", "Recipe", "HowTo",
    }
)  # fmt: skip
_PRODUCT_TYPES = frozenset({"Product", "ProductGroup", "IndividualProduct", "Offer"})
# Holiday homes, hotels and rooms to book (schema.org Accommodation and LodgingBusiness).
_LODGING_TYPES = frozenset(
    {
        "Accommodation", "Apartment", "House", "Room", "HotelRoom", "Suite", "VacationRental",
        "LodgingBusiness", "Hotel", "Motel", "Hostel", "BedAndBreakfast", "Resort", "Campground",
    }
)  # fmt: skip
# A forum post or a Q&A page is someone's question or answer in a thread, not reporting.
_FORUM_TYPES = frozenset({"DiscussionForumPosting", "QAPage"})
# ProfilePage is left out: sites put it on match pages and author archives alike.
_PROFILE_TYPES = frozenset({"AboutPage", "ContactPage"})
_FRONT_PATHS = frozenset({"", "/index.html", "/index.htm", "/index.php", "/home", "/en"})
# A front page names itself by its sections ("Breaking, World, Business, Sports and Video
# News") or as the home page.
_FRONT_TITLE = re.compile(
    r"^(?:[A-Z][\w&'\u2019-]*(?: [A-Z][\w&'\u2019-]*)?, ){3,}[^,]*\b(?:and|&) [A-Z]"
    r"|^(?:Home|Homepage|Home page|Front page|Startseite|Accueil|Inicio|Portada|P\u00e1gina inicial"
    r"|\u0413\u043b\u0430\u0432\u043d\u0430\u044f)(?:$|\s*[:|\u2013\u2014-]\s)",
    re.IGNORECASE,
)
# A list article's title: "List of rivers of Peru", "Liste der Bahnhöfe", "Liste des …",
# "Lista de …", "Список …".
_LIST_TITLE = re.compile(
    r"^(?:List of|Lists of|Liste (?:der|des|von|de)|Lista (?:de|dos|das)|Elenco (?:di|dei|delle)"
    r"|\u0421\u043f\u0438\u0441\u043e\u043a)\b"
    # A Chinese section's name as the whole title ("公司公告", "新闻中心"), or search results.
    r"|^[\u4e00-\u9fff]{0,4}(?:\u65b0\u95fb\u4e2d\u5fc3|\u516c\u544a|\u9996\u9875|\u9891\u9053|\u5217\u8868"
    r"|\u4fe1\u606f\u62ab\u9732)$|.{0,60}\u641c\u7d22\u7ed3\u679c",
    re.IGNORECASE,
)
# Tokens that are numbers, scores or records ("3", "2-1", "14.5", "W", "L"): a standings table
# or box score read as text is mostly these.
_NUMBERISH = re.compile(r"^(?:[+\u2212-]?\d[\d.,:/%\u2013-]*|[WLDT]|[+\u2212-])$")
# Prices ("$22.49", "19,99 €"): a page with one in every few dozen words is selling.
# Shop prices have cents and are not followed by "million": "$22.49", "19,99 €".
_PRICE = re.compile(
    r"(?:[$\u00a3\u20ac]\s?\d[\d,.]*[.,]\d\d|\d[\d.]*,\d\d\s?(?:\u20ac|EUR))(?![\d,.])"
    r"(?!\s?(?:million|billion|trillion|bn|m|Mio|Mrd)\b)"
)
_PRICES_MIN = 8
_WORDS_PER_PRICE = 25
_TABLE_SHARE = 0.35
_TABLE_MIN_TOKENS = 40


# A forum's address: /forum/, /threads/ (XenForo), viewtopic.php (phpBB), showthread.php
# (vBulletin), /t/slug/123 (Discourse), /t7-slug (Forumotion), /r/sub/comments/ (Reddit),
# /questions/123/ (Stack Exchange and its kind).
_FORUM_PATH = re.compile(
    r"/(?:forums?|foren|threads)/|/(?:viewtopic|showthread|showtopic)\.php"
    r"|^/t/[^/]+/\d+|^/t\d+-|^/r/\w+/comments/|^/questions/\d+"
    # A post on a social network: twitter.com/jane/status/60911…, mastodon's /@jane/1100….
    r"|^/\w+/status(?:es)?/\d+|^/@[\w.]+/\d+$",
    re.IGNORECASE,
)
# A <title> part naming a forum: "… | iPhone | Forum", "… - Katzen-Forum".
_FORUM_TITLE = re.compile(
    r"\s[|\u2013\u2014\u00b7-]\s(?:[\w&.'-]+[ -])?[\w&.'-]*(?:Forum|Forums|Foren|Board)"
    r"\s*(?:$|\s[|\u2013\u2014\u00b7-]\s)"
    r"|\u8d34\u5427"  # a Tieba board (贴吧)
)
_FORUM_SOFTWARE = re.compile(
    r"vBulletin|phpBB|XenForo|Discourse|MyBB|Simple Machines|Invision|Burning Board|NodeBB"
    r"|Flarum|punBB|FluxBB|Vanilla Forums",
    re.IGNORECASE,
)
# A site's page about itself or its legal pages: its address or title ("About us", "Über
# mich", "Chi siamo", "Impressum", "Privacy policy").
_ABOUT_WORDS = (
    r"about|about[ -]?us|about[ -]me|who[ -]we[ -]are|\u00fcber[ -]uns|ueber[ -]uns|uber[ -]uns"
    r"|\u00fcber[ -]mich|ueber[ -]mich|uber[ -]mich|wir[ -]\u00fcber[ -]uns|a[ -]propos"
    r"|\u00e0[ -]propos|qui[ -]sommes[ -]nous|chi[ -]siamo|qui\u00e9nes[ -]somos|quienes[ -]somos"
    r"|sobre[ -]nosotros|sobre[ -]m\u00ed|sobre[ -]mi|sobre[ -]n\u00f3s|quem[ -]somos"
    r"|impressum|imprint|kontakt|contact|contact[ -]us|team|unser[ -]team|our[ -]team"
    # its legal pages
    r"|privacy|privacy[ -]policy|privacy[ -]notice|datenschutz|datenschutzerkl(?:\u00e4|ae)rung"
    r"|agb|terms|terms[ -]of[ -](?:service|use)|nutzungsbedingungen|cookie[ -]policy"
    r"|mentions[ -]l(?:\u00e9|e)gales|note[ -]legali|aviso[ -]legal|disclaimer"
    r"|pol(?:\u00ed|i)tica[ -]de[ -]privacidad"
)
_ABOUT_PATH = re.compile(
    rf"/(?:{_ABOUT_WORDS.replace('[ -]', '[ _-]')})(?:\.\w{{2,5}})?/?$", re.IGNORECASE
)
_ABOUT_TITLE = re.compile(rf"^(?:{_ABOUT_WORDS})\s*\??$", re.IGNORECASE)
# A blog or site greeting its visitors, or its author introducing themself, at the top of the
# page: "Willkommen auf meinem Blog", "Welcome to our website", "Hey, André hier!".
_WELCOME = re.compile(
    # "Welcome to …" in Chinese (欢迎来到, 欢迎访问, 欢迎光临), then in European languages.
    r"\u6b22\u8fce[\u60a8\u4f60]?(?:\u6765\u5230|\u8bbf\u95ee|\u5149\u4e34)|"
    r"\b(?:willkommen (?:auf|bei|in|im) (?:meine[mnr]?|unsere[mnr]?) (?:[\w-]+ ){0,2}"
    r"(?:Blog|Seite|Webseite|Website|Homepage|Internetseite)"
    r"|welcome to (?:my|our) (?:[\w-]+ ){0,2}(?:blog|site|website|web site|homepage|page)"
    r"|bienvenue sur (?:mon|notre) (?:blog|site)|benvenut[oia] (?:sul|nel) (?:mio|nostro)"
    r" (?:blog|sito)|bienvenid[oa]s? a (?:mi|nuestro|nuestra) (?:blog|sitio|web|p\u00e1gina))\b"
    r"|^(?:Hi|Hey|Hallo|Hello|Servus|Moin)[,!]? (?:I'm|I am|ich bin|my name is|mein Name ist"
    r"|[A-Z\u00c4\u00d6\u00dc][\w\u00e9-]+ hier\b)"
    # or a legal page stating what it is: "This privacy policy has been compiled …"
    r"|^(?:this|our) (?:privacy policy|privacy notice|cookie policy|imprint)\b"
    r"|^(?:diese|unsere) (?:Datenschutzerkl(?:\u00e4|ae)rung|Datenschutzhinweise)\b",
    re.IGNORECASE,
)
# A holiday home or hotel room offered for booking: a rate per night or week with the terms of
# a stay (arrival, deposit, cancellation, availability) or what the house offers (beds, linen,
# pets), or many of those. News about tourism names a price or a bed now and then, not a
# listing's terms.
_RATE = re.compile(
    r"\b(?:pro|per|par|por|je)\s(?:Nacht|\u00dcbernachtung|night|nuit|notte|noche|Woche|week"
    r"|semaine|settimana|semana)\b|\ba\s(?:notte|settimana)\b|/\s?(?:Nacht|night|nuit|notte|noche)\b",
    re.IGNORECASE,
)
_BOOKING = re.compile(
    r"\b(?:Anreise|Abreise|Anreisetag|Abreisetag|Stornierung|Stornierungsbedingungen|Storno"
    r"|Anzahlung|Kaution|Endreinigung|Belegungsplan|Belegungskalender|Mindestaufenthalt"
    r"|Buchungsanfrage|jetzt buchen|Datum w\u00e4hlen|freie Termine|check-in|check-out"
    r"|availability|minimum stay|cancellation policy|security deposit|book now|cleaning fee"
    r"|arriv\u00e9e|d\u00e9part|annulation|acompte|prenotazione|caparra|cancellazione"
    r"|llegada|cancelaci\u00f3n|fianza"
    # what a listing offers: beds, linen, pets, the price of a stay
    r"|Mietpreise?|\u00dcbernachtungspreise?|Doppelbett|Einzelbett|Kinderbett|Bettw\u00e4sche"
    r"|Handt\u00fccher|Haustiere erlaubt|Nichtraucher|Wohnfl\u00e4che|Ferienhaus|Ferienwohnung"
    r"|Ferienvilla|holiday home|vacation rental|double bed|single bed|bed linen|pets allowed"
    r"|non-smoking|sleeps \d+)\b",
    re.IGNORECASE,
)
_BOOKING_TERMS_MIN = 3
# A text of exclamations ("Endlich oben! Was für ein Blick!") is a diary or an advert, not
# reporting: news states things. Half of its sentences, and at least this many.
_SENTENCE = re.compile(r"[^.!?\u2026]+[.!?\u2026]+")
_EXCLAIMED_SHARE = 0.5
_CODE = re.compile(r"[{}=|#]|\w: \w|^\s*\w+: ")
_EXCLAIMED_MIN = 6
_LISTING_TERMS_MIN = 5
# A shop's terms of delivery and payment, on a category or help page: several of these, not one
# mentioned in a story about a shop.
_SHOP = re.compile(
    r"\b(?:Versandkosten|Warenwert|Bestellwert|Teillieferung(?:en)?|Nachnahme\w*|Warenkorb"
    r"|Widerrufsrecht|Lieferzeit|zzgl\. (?:Versand|MwSt)|inkl\. MwSt|frei Haus"
    r"|shipping (?:costs?|fees?)|free shipping|add to (?:cart|basket)|order value|returns policy"
    r"|frais de (?:port|livraison)|livraison gratuite|panier|gastos de env\u00edo|carrito)\b",
    re.IGNORECASE,
)
_SHOP_TERMS_MIN = 4


def _is_forum(meta: PageMeta, linked: LinkedData, path: str) -> bool:
    return bool(
        linked.types & _FORUM_TYPES
        or _FORUM_PATH.search(path)
        or _FORUM_TITLE.search(meta.title or "")
        or _FORUM_SOFTWARE.search(meta.generator or "")
    )


def _is_about(meta: PageMeta, linked: LinkedData, path: str, title: str, text: str) -> bool:
    opening = "\n".join(text.split("\n", 2)[:2])
    return bool(
        linked.types & _PROFILE_TYPES
        or (meta.og_type or "").startswith("profile")
        or _ABOUT_PATH.search(unquote(path))
        or _ABOUT_TITLE.match(title.strip())
        or any(_WELCOME.search(line) for line in opening.splitlines())
    )


def _terms(pattern: re.Pattern[str], text: str) -> set[str]:
    """The distinct words of a vocabulary (booking, shop terms) the text uses."""
    return {match.casefold() for match in pattern.findall(text)}


def _is_booking(linked: LinkedData, text: str) -> bool:
    if linked.types & _LODGING_TYPES:
        return True
    terms = _terms(_BOOKING, text)
    if len(terms) >= _LISTING_TERMS_MIN:
        return True  # a listing of what the house offers, its price on another tab
    return len(terms) >= _BOOKING_TERMS_MIN and _RATE.search(text) is not None


def _exclaimed(text: str) -> bool:
    sentences = [s for s in _SENTENCE.findall(text) if len(s.split()) >= 2]
    # Code is no exclamation: a GraphQL type's "email: String!", "{ id: ID! }".
    exclaimed = sum(1 for s in sentences if s.rstrip().endswith("!") and not _CODE.search(s))
    return exclaimed >= _EXCLAIMED_MIN and exclaimed >= _EXCLAIMED_SHARE * len(sentences)


def article_markup(meta: PageMeta, linked: LinkedData) -> bool:
    """The page marks itself up as an article: og:type article or a schema.org article type."""
    return bool(linked.types & _ARTICLE_TYPES) or (meta.og_type or "").startswith("article")


def not_an_article(
    meta: PageMeta, linked: LinkedData, path: str, title: str, text: str
) -> str | None:
    """Why the page is not an article (an N_() reason), or None when it may be one.

    A product page (og:type product, or schema.org Product without any article type), a
    site's front page (the root path, no article type), a forum thread, a site's page about
    itself, a holiday rental to book, a text of exclamations, a list page ("List of …"
    titles) and a page of numbers (a standings table or box score: over a third of its words
    are numbers) are refused rather than briefed as if they were news. og:type article does
    not save a forum, about, rental or exclamation page: content systems set it on every
    page; a schema.org article type does.
    """
    is_article = article_markup(meta, linked)
    declared = bool(linked.types & _ARTICLE_TYPES)
    if not is_article and (
        (meta.og_type or "").startswith("product") or linked.types & _PRODUCT_TYPES
    ):
        return N_("not an article: a product page")
    # A front page's item list carries its stories' NewsArticle types: og:type website at the
    # root still says what the page is.
    root = path.lower().rstrip("/") in _FRONT_PATHS
    if (not is_article or (root and meta.og_type == "website")) and (
        root or _FRONT_TITLE.match(title.strip())
    ):
        return N_("not an article: a site's front page")
    if not declared and _is_forum(meta, linked, path):
        return N_("not an article: a forum thread")
    if not declared and _is_about(meta, linked, path, title, text):
        return N_("not an article: a page about the site or its author")
    if not declared and _is_booking(linked, text):
        return N_("not an article: a holiday rental or booking page")
    if not declared and len(_terms(_SHOP, text)) >= _SHOP_TERMS_MIN:
        return N_("not an article: a product page")  # a shop's terms of delivery and payment
    if not declared and _exclaimed(text):
        return N_("not an article: mostly exclamations, not reporting")
    if _LIST_TITLE.match(title):
        return N_("not an article: a list page")
    tokens = text.split()
    words = word_count(text)  # Chinese and Japanese are written without spaces
    prices = len(_PRICE.findall(text))
    if prices >= _PRICES_MIN and prices * _WORDS_PER_PRICE >= words:
        return N_("not an article: a product page")  # a shop's list or a page of deals
    if len(tokens) >= _TABLE_MIN_TOKENS:
        numbers = sum(1 for token in tokens if _NUMBERISH.match(token.strip("()[],;")))
        if numbers >= _TABLE_SHARE * words:
            return N_("not an article: mostly numbers, like a table or scores")
    return None
