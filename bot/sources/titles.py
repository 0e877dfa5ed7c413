"""Titles without the site name, and headlines instead of URL slugs.

Pages and feeds decorate titles: "Rail strike ends | Caktus Group", "Stack Overflow Blog -
Rail strike ends", "Rail strike ends | DW | 19.01.2020". A part set off by " | ", " - ", an
en or em dash, " · " or " :: " (spaces on both sides) is dropped from either end when it
names the site: it matches a site name the page or feed gives (og:site_name,
application-name, the feed's title), the host name ("Caktus Group" ~ caktusgroup.com), or a
part that repeats across a feed's titles; a date next to such a part goes with it. A title
is never cut to nothing or to a single word. When the page's own headline (its ``<h1>`` or
og:title) is the title's first or last part, the other parts are the site's decoration and
go too ("Homo Vallensis | Landeszentrale für Zivilkunde" under ``<h1>Homo Vallensis</h1>``).
A title that is a URL slug ("adac-kindersitztest-herbst-2018") is replaced by the page's
headline when there is one, and a page or entry with no title at all takes the first
sentence of its text (``title_from_text``). Pure functions.

Titles come from feeds and pages, so they are hostile input: each is cut to
``MAX_TITLE_CHARS`` (``cap_title``) before any cleaning, and cleaning is linear in the
title's length and number of parts.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from bot.briefs.cleaning import word_count
from bot.briefs.datelines import strip_dateline

__all__ = [
    "BYLINE",
    "MAX_TITLE_CHARS",
    "TEXT_TITLE_CHARS",
    "cap_title",
    "clean_title",
    "decorates",
    "fold_key",
    "host_core",
    "is_site_name",
    "is_slug",
    "long_enough",
    "names_host",
    "repeated_parts",
    "title_from_text",
    "title_parts",
    "title_words",
]

# A separator needs spaces on both sides: "Covid-19" and "Brexit: the deal" are not split.
# Japanese and Chinese titles put a full-width bar (U+FF5C) between parts with no spaces, and
# Korean ones the letter ㅣ (U+3163, never found alone inside a word);
# an asterisk needs spaces ("Headline * Site * by Jane Roe").
# Chinese titles also join their parts with "_" or "-" and no spaces ("标题_网易新闻").
_SEPARATOR = re.compile(
    r"\s+(?:\||--?|\u2013|\u2014|·|•|::|»|«|\u2039|\u203a|/|\*|\u2248)\s+|\s*[\uff5c\u3163]\s*"
    # A bar without spaces beside a Japanese or Chinese character: "…明らかに|au Webポータル".
    r"|(?<=[\u3040-\u30ff\u3400-\u9fff\uff01\uff1f\u3011\u300d])\|(?=\S)"
    r"|(?:(?<=[\u3400-\u9fff\uff01\uff1f\u201d\u300b\uff09])|\s)(?:_|--?)(?=[\u3400-\u9fff])"
)
# A short part of a Chinese or Japanese title after a long one is a section or
# the site's name ("… | 兩岸焦點 | 兩岸", "… -- 上報"): no headline has four characters.
_CJK_SHORT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]{1,4}")
_CJK_LONG = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]{8}")
# A Chinese site's or channel's name: a few characters ending on "net", "website", "news",
# "subscriptions", "client", "portal", "channel" or a paper's "daily" ("新华网", "网易订阅",
# "山西省人民政府门户网站", "体育频道").
_CJK_SITE = re.compile(
    r"[\u3400-\u9fff\w]{0,10}(?:\u7f51|\u7f51\u7ad9|\u65b0\u95fb|\u8ba2\u9605|\u5ba2\u6237\u7aef"
    r"|\u95e8\u6237|\u9891\u9053|\u65e5\u62a5|\u665a\u62a5|\u65f6\u62a5)"
)
_DATE = re.compile(
    r"\d{1,4}([./-])\d{1,2}\1\d{1,4}|\d{4}|\d{1,2}\.? \w+ \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}"
)
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
# A part that is a domain name ("FOXNews.com", "CNN.com") names a site, whatever the host,
# and so does one before a colon ("Forbes.com: Happiness Is A Fast Car").
_DOMAIN_NAME = (
    r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|net|org|co\.uk|com\.au|co\.nz|ca|ie|de|fr|it|es"
    r"|jp|cn|ru|in|info|news|tv|io)"
)
SITE_DOMAIN = re.compile(_DOMAIN_NAME, re.IGNORECASE)
_DOMAIN_LABEL = re.compile(rf"^{_DOMAIN_NAME}\s?:\s+(?=\S)", re.IGNORECASE)
# Host labels that say nothing about the site's name.
# Subdomains, and public bodies' domains ("jus.br" courts, "leg.br", "mp.br", "gouv.fr").
_HOST_NOISE = frozenset(
    {"www", "www1", "www2", "ww2", "m", "amp", "mobile", "portal", "com", "co", "org", "net"}
    | {"gov", "ac", "jus", "leg", "mp", "gob", "gouv"}
)
_MIN_WORDS = 2
# A site's section named after it in a title: "Nachrichten", "Netzwelt", "US News".
_SECTION_WORDS = 2
_HEADLINE_WORDS = 4  # a headline's words, at least, before a section is cut from its end
# No headline is this long; a longer "title" is a feed's or page's garbage (or an attack:
# "Big story" + " | Site" * 40000), cut before anything else looks at it.
MAX_TITLE_CHARS = 1000
# A title made from the text is cut near this many characters, at a word boundary.
TEXT_TITLE_CHARS = 100


def cap_title(title: str, limit: int = MAX_TITLE_CHARS) -> str:
    """The title cut to at most ``limit`` characters: before its last separator in the
    second half (so it ends on whole parts, and a site name there is still recognised),
    else at a space there (the pipeline refuses a title still too long after cleaning)."""
    if len(title) <= limit:
        return title
    cut = title[:limit]
    separator = max((m.start() for m in _SEPARATOR.finditer(cut)), default=-1)
    if separator > limit // 2:
        return cut[:separator]
    space = cut.rfind(" ")
    return cut[:space].rstrip() if space > limit // 2 else cut


def fold_key(text: str) -> str:
    """Letters and digits only, case- and accent-folded: "Caktus  Group" -> "caktusgroup"."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if c.isalnum() and not unicodedata.combining(c))


def title_words(text: str) -> list[str]:
    return [fold_key(w) for w in re.split(r"[\W_]+", text) if fold_key(w)]


def _host_labels(host: str | None) -> list[str]:
    """The host's labels that may name the site: no top-level domain, no "www" or "co"."""
    if not host or host.replace(".", "").isdigit() or ":" in host:
        return []  # an IP address names no site
    labels = host.lower().rstrip(".").split(".")
    if len(labels) > 1:
        labels = labels[:-1]  # the top-level domain
    return [label for label in labels if label not in _HOST_NOISE]


def host_core(host: str | None) -> str:
    """The naming part of a host: "www.caktusgroup.com" -> "caktusgroup"."""
    return "".join(fold_key(label) for label in _host_labels(host))


def host_label(host: str | None) -> str:
    """The host's registered name alone: "msn" for "entertainment.msn.com", where the whole
    core ("entertainmentmsn") is too long for "MSN" to spell most of it."""
    labels = _host_labels(host)
    return fold_key(labels[-1]) if labels else ""


def _host_keys(host: str | None) -> frozenset[str]:
    """What a part may spell to name the host: its whole core or its registered name alone."""
    return frozenset({host_core(host), host_label(host)})


_UMLAUTS = str.maketrans(
    {
        "\u00e4": "ae",
        "\u00f6": "oe",
        "\u00fc": "ue",
        "\u00c4": "Ae",
        "\u00d6": "Oe",
        "\u00dc": "Ue",
        "\u00df": "ss",
    }
)


# A public body's name whose first words are its host's label: "Defensoria Pública do Estado
# de Mato Grosso" on defensoriapublica.mt.gov.br. A label this long is no accident; the part
# is one name, capitalised as a name is, with a name's "of" ("Kellby News - Harbours - …" and
# "Kellby News Orders Ferries" are headlines).
_SPELLED_LABEL = 8
_NAME_WORD = re.compile(r"[^\W\d_]{4,}")
_NAME_OF = re.compile(r"\s(?:de|do|da|dos|das|del|della|di|du|des|of)\s")


def _spells_a_label(part: str, words: list[str], core: str) -> bool:
    if len(words) < 2 or len(core) < _SPELLED_LABEL or _SEPARATOR.search(part):
        return False
    if not _NAME_OF.search(part) or not all(w[0].isupper() for w in _NAME_WORD.findall(part)):
        return False
    spelled = list(itertools.accumulate(words))[1:]
    return any(len(run) >= _SPELLED_LABEL and core.startswith(run) for run in spelled)


def names_host(part: str, core: str) -> bool:
    """The part names the host: it is the host ("MODEPILOT.de"), one of its few words is
    the host's name ("Kanzlei Viehbacher"), or its words spell most of the host
    ("Caktus Group", "Stack Overflow Blog"). German umlauts match their host spelling:
    "Ärzte Zeitung" names aerztezeitung.de."""
    if not core:
        return False
    spelled = part.translate(_UMLAUTS)
    if spelled != part and names_host(spelled, core):
        return True
    words = title_words(part)
    if _spells_a_label(part, words, core):
        return True
    if not words or len(words) > 4:
        return False
    if _DOMAIN.fullmatch(part) and host_core(part) == core:
        return True
    if core in words and len(words) <= 3:
        return True
    if not all(w in core for w in words):
        return False
    return 2 * sum(len(w) for w in words) >= len(core)


def decorates(title: str, headline: str) -> bool:
    """``title`` is the page's ``headline`` with more parts around it ("… | Bhopal News -
    Times of India", "… - rp.pl"): a feed entry's title, which a feed with one entry per
    site leaves nothing to compare with, against the headline its page gives."""
    parts = title_parts(title)
    key = fold_key(headline)
    if len(parts) < 2 or len(title_words(headline)) < _MIN_WORDS + 1 or key == fold_key(title):
        return False
    # Whole parts at either end only: "Harbour wall raised" in "Harbour wall raised again |
    # News" is a shorter headline, not this one.
    heads = itertools.accumulate(parts, lambda run, part: f"{run} {part}")
    tails = itertools.accumulate(reversed(parts), lambda run, part: f"{part} {run}")
    return any(fold_key(run) == key for run in itertools.chain(heads, tails))


def _is_date(part: str) -> bool:
    """A date or a byline ("by Jane Roe"): parts that sit beside a site name, never a headline."""
    return _DATE.fullmatch(part.strip()) is not None or _BYLINE.fullmatch(part.strip()) is not None


# "by Jane Roe", "By JANE Q. ROE": a byline's words (headlines cuts one at a title's end too).
BYLINE = r"[Bb]y [A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}"
_BYLINE = re.compile(BYLINE)


def _split(title: str) -> list[str]:
    return [p.strip() for p in _SEPARATOR.split(title)]


def title_parts(title: str) -> list[str]:
    """The title's parts between separators ("Headline | Site" gives two)."""
    return _split(" ".join(title.split()))


# A part made of a site's handle and hash tags only: "@CloudExpo #Cloud".
_TAGS = re.compile(r"[@#]\w+(?: [@#]\w+)*")


def repeated_parts(titles: Iterable[str]) -> frozenset[str]:
    """Leading or trailing parts that recur across a feed's titles (folded with fold_key).

    A part counts when it ends (or starts) at least two titles and half of those that have
    separators at all: a site name, not a story.
    """
    counts: Counter[str] = Counter()
    split_titles = 0
    for title in titles:
        parts = _split(cap_title(title))
        if len(parts) < 2:
            continue
        split_titles += 1
        for part in {fold_key(parts[0]), fold_key(parts[-1])}:
            if part:
                counts[part] += 1
    return frozenset(part for part, n in counts.items() if n >= 2 and 2 * n >= split_titles)


_BACKTICK_QUOTE = re.compile(r"`([^\W_][^`'\u2019]*)['\u2019](?!\w)")


def clean_title(
    title: str,
    *,
    site_names: Iterable[str] = (),
    host: str | None = None,
    repeated: Iterable[str] = (),
    headlines: Iterable[str] = (),
) -> str:
    """``title`` without site-name parts at either end (see the module docstring);
    ``headlines`` are the page's own (``<h1>``, og:title)."""
    title = " ".join(cap_title(title).split())
    # A typewriter's quote, a backtick and an apostrophe: "`Atonement' Up for …" (some papers
    # close it with a curly one, U+2019).
    title = _BACKTICK_QUOTE.sub("\u2018\\1\u2019", title)
    # "Forbes.com: Happiness Is A Fast Car": a domain name before a colon is the site's.
    title = _DOMAIN_LABEL.sub("", title, count=1) or title
    parts = _split(title)
    if len(parts) < 2:
        return title
    names = {fold_key(n) for n in site_names if fold_key(n)} | {fold_key(r) for r in repeated if r}
    cores = _host_keys(host)

    def names_site(part: str) -> bool:
        # "… | @CloudExpo #Cloud": the site's handle and tags.
        return (
            fold_key(part) in names
            or any(names_host(part, core) for core in cores)
            or bool(_CJK_SITE.fullmatch(part) or _TAGS.fullmatch(part))
            or bool(SITE_DOMAIN.fullmatch(part))  # "FOXNews.com - …" on any host
        )

    # A headline that names the site is a logo in an <h1> or a lazy og:title, not the story.
    headlines = [_cjk_headline(h) for h in headlines]
    headline = _headline_part(title, parts, (h for h in headlines if not names_site(h)))
    if headline:
        return headline

    separators = _SEPARATOR.findall(title)
    # words[i]: the words in parts[:i], so the words of any run of parts cost one subtraction
    # (joining the run at every step made a title of many parts quadratic).
    words = [0]
    for part in parts:
        words.append(words[-1] + word_count(part))
    site = [names_site(part) for part in parts]
    for i in range(_cjk_headline_end(parts), len(parts)):
        site[i] = True
    start, end = 0, len(parts)
    # From the end: a chain of site names and dates ("| DW | 19.01.2020") with a name in it.
    cut = end
    while cut - 1 > start and (site[cut - 1] or _is_date(parts[cut - 1])):
        cut -= 1
        if site[cut] and words[cut] - words[start] >= _MIN_WORDS:
            end = cut
    # From the end: the site's name followed by its sections ("… - SPIEGEL ONLINE -
    # Nachrichten - Netzwelt"), short parts that no headline ends on.
    cut = end
    while cut - 1 > start and not site[cut - 1] and word_count(parts[cut - 1]) <= _SECTION_WORDS:
        cut -= 1
    if start < cut - 1 < end - 1 and site[cut - 1] and words[cut - 1] - words[start] >= _MIN_WORDS:
        end = cut - 1
    # From the start: "Site - Title", "Site | Section | Title" is left alone past the name.
    cut = start
    while cut + 1 < end and (site[cut] or _is_date(parts[cut])):
        cut += 1
        if site[cut - 1] and words[end] - words[cut] >= _MIN_WORDS:
            start = cut
    # "Site - Title - Section": after a leading site name, a short last part is its section
    # or a date ("FOXNews.com - Hurricane Katrina Plows Through Florida - U.S. & World",
    # "CNN.com - Rita growing weaker, slower - Sep 25, 2005").
    if (
        start > 0
        and end - start >= 2
        and words[end - 1] - words[start] >= _HEADLINE_WORDS
        and (
            _is_date(parts[end - 1])
            or (
                word_count(parts[end - 1]) <= _SECTION_WORDS + 1
                and not any(char.isdigit() for char in parts[end - 1])
            )
        )
    ):
        end -= 1
    if (start, end) == (0, len(parts)):
        return title
    return _join(parts[start:end], separators[start : end - 1])


def _cjk_headline(title: str) -> str:
    parts = _split(title)
    end = _cjk_headline_end(parts)
    return parts[0] if end == 1 else title  # only the headline, or the title as it was


def _cjk_headline_end(parts: list[str]) -> int:
    """Where a long Chinese or Japanese headline's short trailing parts begin (sections and
    the site's name: "… | 兩岸焦點 | 兩岸"); ``len(parts)`` when there are none."""
    end = len(parts)
    while end > 1 and _CJK_SHORT.fullmatch(parts[end - 1]) and _CJK_LONG.search(parts[0]):
        end -= 1
    return end


def is_site_name(text: str, site_names: Iterable[str] = (), host: str | None = None) -> bool:
    """The text is a site's name (a declared one, or the host's), not a headline."""
    key = fold_key(text)
    return bool(key) and (
        key in {fold_key(n) for n in site_names}
        or any(names_host(text, core) for core in _host_keys(host))
    )


def _headline_part(title: str, parts: list[str], headlines: Iterable[str]) -> str | None:
    """The title's leading or trailing parts when they are exactly one of the headlines.

    Linear: the key of parts joined by spaces is their keys joined (``fold_key`` keeps only
    letters and digits), so the leading ``count`` parts have the key ``whole[:lead[count]]``
    and only the counts whose key has the headline key's length need comparing.
    """
    separators = _SEPARATOR.findall(title)
    n = len(parts)
    keys = [fold_key(part) for part in parts]
    whole = "".join(keys)
    lead = [0]  # lead[i]: the key length of parts[:i]
    for key in keys:
        lead.append(lead[-1] + len(key))
    for headline in headlines:
        key = fold_key(headline)
        if not key or not long_enough([headline]):
            continue
        starts, ends = whole.startswith(key), whole.endswith(key)
        for count in range(1, n):
            if starts and lead[count] == len(key):
                return _join(parts[:count], separators[: count - 1])
            if ends and lead[n] - lead[n - count] == len(key):
                return _join(parts[n - count :], separators[n - count :])
    return None


def _join(parts: list[str], separators: list[str]) -> str:
    pieces = [parts[0]]
    for separator, part in zip(separators, parts[1:], strict=True):
        pieces += (separator, part)
    return "".join(pieces)


_STAMP_LINE = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}|\d{1,2}\.\d{1,2}\.\d{2,4})\b[^.!?]{0,50}\d{4}$"
    # A date alone, maybe before a dash: "April 5, 2005 --", "5 April 2005".
    r"|^(?:[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4})"
    r"\s*(?:--|[-\u2013\u2014])?$"
    # A weekday's date, and a wire's credit with its time: "Thursday, January 17th, 2008",
    # "Associated Press - January 2, 2008 7:33 AM ET".
    r"|^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? [A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)?,? \d{4}$"
    # The same the other way round, with a time: "Monday 14 Jan 2008 - 09:24".
    r"|^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}"
    r"(?:,? (?:[-\u2013\u2014|] )?\d{1,2}[:.]\d{2}(?: ?[AaPp][Mm])?)?$"
    r"|^(?:Associated Press|AP|Reuters|AFP)\b[^.]{0,40}\b\d{4}\b[^.]{0,20}$"
)


# Lines above a text that are no sentence of it: a byline, a photo's caption or link, a time
# stamp, a menu ("--Advertise with us --Place a classified ad").
_NOT_TEXT = re.compile(
    r"^(?:By [A-Z]|Special to (?:the )?[A-Z]|Click |Photo:|Image:|Video:|[-\u2013\u2014\u2022*] |--"
    r"|(?i:last updated|updated|posted|published)\b)"
)
_STOP = re.compile(r"[.!?\u2026](?=[\"'\u201d\u2019\u00bb)]*(?:\s|$))|[\u3002\uff01\uff1f]")
# Abbreviations that always need their next word: a line cut after one ("… dissolved on
# Sept.") is cut short; a sentence does not end there.
NEEDS_NEXT_WORD = (
    r"No|Mr|Mrs|Ms|Dr|St|Gen|Gov|Sen|Rep|Lt|Col|Sgt|Capt|Prof|Mt|Ft|Ave"
    r"|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec"
)
# A stop after these ends an abbreviation, not a sentence: "No. 3", "Mr. Lee", "T.J. Ford";
# inside a first sentence, "Inc." and "Jr." do not end it either.
_ABBREVIATION = re.compile(
    rf"(?:\b(?:{NEEDS_NEXT_WORD}|Jr|Sr|vs|Inc|Co|Corp|Ltd)|(?:^|[\s.])[A-Z])$"
)
_TITLE_MIN_WORDS = 4


def _first_sentence(line: str) -> str:
    for stop in _STOP.finditer(line):
        head = line[: stop.start()]
        if stop.group() == "." and _ABBREVIATION.search(head):
            continue
        if word_count(head) >= _TITLE_MIN_WORDS or stop.group() != ".":
            return line[: stop.end()]
    return line


# An AP editors' note after the headline on the wire: "… Belgian women Eds: AMs."
_EDITORS_NOTE = re.compile(r"\s+Eds?: [^.]{1,80}\.?$")


def title_from_text(text: str, limit: int = TEXT_TITLE_CHARS) -> str:
    """A title for an untitled page or entry: the text's first sentence (or line), cut at a
    word boundary near ``limit`` characters with an ellipsis. Time stamps, bylines, captions
    and pieces of a few words above the text are passed over, and a dateline is cut."""
    lines = [" ".join(ln.split()) for ln in text.splitlines()]
    # Not a time stamp the page printed above its text ("22:00 UK time, Wednesday, 27 March").
    stamped = [ln for ln in lines if ln and not _STAMP_LINE.match(ln)]
    line = next(
        (ln for ln in stamped if word_count(ln) >= _TITLE_MIN_WORDS and not _NOT_TEXT.match(ln)),
        next(iter(stamped), ""),
    )
    sentence = _first_sentence(strip_dateline(line) or line)
    sentence = _EDITORS_NOTE.sub("", sentence) or sentence
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0] if " " in sentence[:limit] else sentence[:limit]
    return cut.rstrip(" ,;:-\u2013\u2014") + "\u2026"


def long_enough(parts: list[str]) -> bool:
    # word_count counts two Chinese or Japanese characters as a word, so a Japanese headline
    # before a full-width bar and the site is long enough to keep alone.
    return word_count(" ".join(parts)) >= _MIN_WORDS


def is_slug(title: str, url: str | None = None) -> bool:
    """A title that is a URL path segment, not a headline: one hyphenated token that is all
    lower case ("adac-kindersitztest-herbst-2018") or equals the URL's last path segment."""
    text = title.strip()
    if not text or " " in text:
        return False
    if url:
        path = urlsplit(url).path.rstrip("/")
        last = unquote(path.rsplit("/", 1)[-1]).rsplit(".", 1)[0]
        if last and last.casefold() == text.casefold() and ("-" in text or "_" in text):
            return True
    return bool(re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)+", text))
