"""An article page's title: trafilatura's, checked against what the page declares (its
<title>, og:title and <h1>), without the site's name and decoration."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from bot.briefs.cleaning import word_count
from bot.sources.headlines import heading_matches, slug_share, strip_decoration
from bot.sources.htmltext import html_to_text
from bot.sources.pagemeta import PageMeta
from bot.sources.titles import (
    SITE_DOMAIN,
    clean_title,
    fold_key,
    is_site_name,
    is_slug,
    title_parts,
    title_words,
)

# A <title>'s first part this long is a headline, not a site's name; a logo's name is
# at most this short.
_HEADLINE_WORDS = 5
_LOGO_WORDS = 3
_TIGHT_SEPARATOR = re.compile(r"\s*[_|\uff5c\u2502]\s*")
# Titles that name no story: "INDEX", "Home", "Untitled", "… Online Edition: Breaking News".
_PLACEHOLDER = re.compile(
    r"^(?:[^:]{1,40}: )?(?:index|home ?page|home|untitled(?: document)?|breaking news|news"
    # "News" in Portuguese, Spanish, Italian, Dutch and German: a news section's name.
    r"|not[i\u00ed]cias?|notizie|nieuws|nachrichten"
    r"|default|welcome|new page|[^:]{1,40} online edition:?"
    # Chinese templates: "news updates", "news details", "article details", "text" ("新闻中心",
    # a portal's news centre, is a list page: see pagemeta).
    r"|\u65b0\u95fb\u52a8\u6001|\u65b0\u95fb\u8be6\u60c5"
    r"|\u6587\u7ae0\u8be6\u60c5|\u6b63\u6587|\u8be6\u60c5\u9875?)$",
    re.IGNORECASE,
)
# A <title> that is only the site's name after an empty headline slot: "| What's Cooking".
_BARE_SITE = re.compile(r"^\s*(?:\||-|\u2013|\u2014|:)\s")


def _is_logo(h1: str, parts: list[str]) -> bool:
    """The heading is the <title>'s last part, a short name after a longer headline."""
    if len(parts) < 2 or fold_key(h1) != fold_key(parts[-1]):
        return False
    last = word_count(parts[-1])
    return last <= _LOGO_WORDS and last < word_count(parts[0])


def _section_parts(h1: str, parts: list[str]) -> list[str]:
    """The parts between the first (a headline) and the last (the site's name) that the
    heading names, when it does not name the first: a blog's or section's name."""
    if len(parts) < 3 or word_count(parts[0]) < _HEADLINE_WORDS or heading_matches(h1, parts[:1]):
        return []  # no headline first: the <h1> may be the headline in the middle
    return [
        part
        for part in parts[1:-1]
        if heading_matches(h1, [part])
        or fold_key(part) in fold_key(h1)
        or (": " in part and fold_key(part.split(": ")[0]) == fold_key(h1.split(": ")[0]))
    ]


def page_title(found: object, sitename: object, meta: PageMeta, url: str) -> str:
    """trafilatura's title (``found``, with its guess at the ``sitename``), or the headline
    when that is a URL slug or missing, without the site name ("" when the page has none)."""
    title = " ".join(str(found or "").split())
    parts = title_parts(meta.title or "")
    if isinstance(sitename, str) and (
        fold_key(sitename) == fold_key(title)
        or (fold_key(sitename) == fold_key(parts[0]) and word_count(parts[0]) >= _HEADLINE_WORDS)
    ):
        sitename = None  # trafilatura guessed the headline as the site's name
    names = [*meta.site_names, *([sitename] if isinstance(sitename, str) else [])]
    host = urlsplit(url).hostname
    # The site's logo in an <h1> that the <title> names after the headline: cut at the end.
    logo = [meta.h1] if meta.h1 and _is_logo(meta.h1, parts) else []
    sections = _section_parts(meta.h1, parts) if meta.h1 else []
    if sections:
        # The <h1> is a blog's or section's name that the <title> gives after the headline
        # ("GM files for IPO … - Drive On: A conversation about cars - USATODAY.com").
        names += sections
        if title and heading_matches(title, sections):
            title = meta.title or title  # trafilatura took that <h1> for the headline
        meta = replace(meta, h1=None)
    # "MSN - News - Going Batty": the site's name first and its section, then the headline,
    # which trafilatura cut off as if it were the site's name (a last part of one word or with
    # a site's word is a column's name: "MSN - News - Gossip", "… | Live Football Scores").
    headline_last = (
        len(parts) >= 3
        and is_site_name(parts[0], names, host)
        and word_count(parts[-1]) >= 2
        and not _SITE_WORD.search(parts[-1])
        and [fold_key(p) for p in title_parts(title)] == [fold_key(p) for p in parts[:-1]]
    )
    if headline_last:
        title = parts[-1]
    metadata = [
        t
        for t in (meta.og_title, meta.title)
        if t
        and not is_slug(t, url)
        and not is_site_name(t.strip(" |-\u2013\u2014:"), names, host)
        and not _BARE_SITE.match(t)
    ]
    # The first <h1> is the headline only when it matches the page's own title metadata: on
    # many pages it is a site or section heading ("Allergies Health Center", "Hi, I'm …").
    h1 = meta.h1 if meta.h1 and (not metadata or heading_matches(meta.h1, metadata)) else None
    headlines = [h for h in (meta.og_title, h1) if h and not is_slug(h, url)]
    if metadata and title and not heading_matches(title, metadata):
        # trafilatura took a heading of the page ("Allergies Health Center", "Follow us on
        # Twitter", a comment form's "Leave a reply") that is not the page's own headline.
        title = meta.og_title if meta.og_title in metadata else metadata[0]
    if (
        h1
        and meta.title
        and word_count(h1) >= _HEADLINE_WORDS
        and heading_matches(h1, parts[:1])
        and heading_matches(parts[0], [h1])  # not a logo: "CBS News Logo CBS News"
        and not heading_matches(title, [h1])
    ):
        # The <title> and the <h1> agree on a headline that og:title replaces with a social
        # one ("Palestinians say his appointment could ruin …" over "What's next for Gaza …").
        title = h1
    if meta.title and is_site_name(title, names, host):
        title = meta.title  # trafilatura took a lone <h1> that is the site's logo
    if is_site_name(title, names, host) and meta.h1 and not is_site_name(meta.h1, names, host):
        title = meta.h1  # the only title the page gives is its name: the h1 is the headline
    elif (
        meta.title
        and title
        and not headline_last
        and len(title) * 2 < len(meta.title)
        and meta.title.endswith(title)
    ):
        # trafilatura took the site's name off a <title> joined without spaces, as Chinese and
        # Japanese sites write them ("标题_频道_站点"): the headline is the longest part.
        title = max(_TIGHT_SEPARATOR.split(meta.title), key=len).strip() or title
    if title and title[-1].isalpha():
        # A title cut short at a quote in og:title: the <h1> goes on after a space ("… Sieger
        # und" / "… Sieger und Verlierer"), the <title> after the quote ("… 写" / "… 写"救命啊"…").
        if meta.h1 and meta.h1.startswith(f"{title} "):
            title = meta.h1
        elif meta.title and meta.title.startswith(tuple(title + q for q in _CUT_AT)):
            title = meta.title  # also at an apostrophe: "… Here, What" / "… What's Next?"
    if not title or is_slug(title, url):
        title = next(iter(headlines), title)
    if not title and meta.title and not is_slug(meta.title, url):
        title = meta.title  # trafilatura found none, not even in <title>'s parts
    if not title:
        return ""
    # The <title>'s parts are a slug's match only for a name-like title: beside a headline,
    # the part matching the slug is the search-engine headline ("Firefighter GoPro Video").
    short = word_count(title) <= _SITE_NAME_WORDS
    headings = [str(found or ""), meta.og_title, meta.h1, *(parts if short else [])]
    title = _slug_named(title, headings, url, names, host)
    # Markup written into a <title> as text ("<b>Quotes:</b> Senators Discuss Deal").
    if _CLOSING_TAG.search(title):
        title = html_to_text(title)
    path = _SECTION_PATH.split(title)
    if len(path) > 1 and is_site_name(path[0], names, host):
        # The site's name and its sections ("Esquire:Money:Green"): a last part of a few
        # words is the headline ("Esquire:Feature Story:Poolside with Yoda"), else none is.
        title = path[-1].strip()
        if len(title.split()) < _PATH_HEADLINE_WORDS:
            return ""
    cleaned = clean_title(title, site_names=names + logo, host=host, headlines=headlines)
    title = strip_decoration(cleaned, site_names=names + logo, host=host, authors=meta.authors)
    # A content system's placeholder is no headline: the caller takes the text's first line.
    return "" if _PLACEHOLDER.match(title) else title


# The URL's slug is made from the headline: a title with none of its words gives way to a
# heading with most of them ("Tribunal Regional do Trabalho da 20ª Região - Sergipe", the
# site's name as every page's <title>, under ".../7154-csjt-aprova-resolucao-que-…"). A title
# sharing a word keeps its place: a slug is often the search-engine headline, not the one
# the page shows ("Here's What Global Warming Actually Does To Your Body" over
# "global-warming-effects-human-health").
_SLUG_NAMES = 0.6
_SITE_NAME_WORDS = 4


def _slug_named(
    title: str, candidates: list[str | None], url: str, names: list[str], host: str | None
) -> str:
    if slug_share(title, url) != 0.0:
        return title
    scored = [
        (slug_share(c, url) or 0.0, c)
        for c in candidates
        if c and c != title and not is_site_name(c, names, host)
    ]
    share, best = max(scored, key=lambda pair: pair[0], default=(0.0, title))
    return best if share >= _SLUG_NAMES and word_count(best) >= _SITE_NAME_WORDS else title


# A title that is a path of the site's sections, joined by colons without spaces around them:
# "Esquire:Feature Story" ("Forbes.com: Blame America", with a space, is a headline).
_SECTION_PATH = re.compile(r"(?<=\w):(?=\S)")
_PATH_HEADLINE_WORDS = 3
_CUT_AT = ('"', "'", "\u2019")
_CLOSING_TAG = re.compile(r"</[A-Za-z]+>")  # not "30 Years of <br> Tags", a title about HTML


# A title that names the paper, a section or the moment rather than the story: "Charleston
# Daily Mail", "Sports Wire", "Related News", "TV3 > News > National News > Story",
# "2008-01-12 11:31:01 -", "Footballworld.com", a menu. The last three never head a story; others
# might ("Bad News"), so they give way only when the text shares none of their words.
_NEVER_A_HEADLINE = re.compile(
    r"^[\d\s:./-]{8,}[-\u2013\u2014|]?$"
    # A site's menu as its title: "--Advertise with us --Place a classified ad --…".
    r"|.*\bAdvertise with us\b"
    # A portal's way back as its title: "msn back to msn home entertainment".
    r"|.*\bback to \w+ home\b"
)
_MASTHEAD = re.compile(
    r"^(?:[A-Z&][\w.'&-]*\s){0,4}(?:News|Mail|Sun|Times|Post|Herald|Star|Tribune|Gazette|Journal"
    r"|Chronicle|Wire|Radio|Record|Telegraph|Express|Observer|Examiner|Courier|Entertainment"
    r"|Sports?|Stories|Features|Story|Business|Bee|Newspaper|Press|Globe|Register|Dispatch"
    r"|Inquirer|Sentinel|Independent|Guardian|Standard|Bulletin|Online)(?: \(English\))?$"
    # A station's or paper's self-description: "El Paso News, Weather, Sports and …".
    r"|\bNews, Weather\b"
    # A navigation path: "News | Africa", "Feed Article | Business".
    r"|^[\w .&]{2,30}(?: (?:>|\|) [\w .&]{2,30})+$"
)
# Short titles that name a site or a section in other words: "SPORTS PLUS", "Channel 4",
# "bbc.co.uk Navigation", "Montana's News Station", "#1 in College Sports", "U.S. & World".
# Like a masthead, they give way only when the text shares none of their words (a pun
# headline such as "Identity Crisis" has no such word and stays).
_SITE_WORD = re.compile(
    r"News|Sport|Football|Soccer|Network|Station|Channel|Forum|Navigation|Article|Digest"
    r"|Online|World|Movies|Opinion|Section|\bPlus\b|\bTV\b|Radio|\.com\b",
    re.IGNORECASE,
)
_SITE_TITLE_WORDS = 4
_NEWS_WORD = re.compile(r"News|Sports?|Network|Wire|Station|Channel", re.IGNORECASE)
_KEY_WORD = re.compile(r"[^\W\d_]{4,}")


def generic_title(title: str, paragraphs: list[str]) -> bool:
    """Whether the title names the paper, a section or a time, not this story (see above)."""
    if _NEVER_A_HEADLINE.match(title) or SITE_DOMAIN.fullmatch(title):
        return True
    # Words counted at spaces: Chinese and Japanese titles have none (and "CEO" in one is
    # not a title in capitals).
    short = title.isascii() and len(title.split()) <= _SITE_TITLE_WORDS
    if not (
        _MASTHEAD.search(title)
        or (short and (_SITE_WORD.search(title) or (title.isupper() and len(title) > 3)))
    ):
        return False
    text = " ".join(paragraphs)[:2000]
    # A news site's own words ("Football News", "The Sports Network") say nothing of the story.
    own = {w.casefold()[:5] for w in _KEY_WORD.findall(title) if not _NEWS_WORD.fullmatch(w)}
    return not own & {w.casefold()[:5] for w in _KEY_WORD.findall(text)}


# A heading at the top of the text, where a theme without <h1> puts the story's headline: a
# title that is the whole <title> and matches no word of it is the site's name ("Tribunal de
# Contas de MS" over "Conselheiros da 2ª Câmara aplicam mais de R$ 6 mil em multas …").
_TOP_HEADING_WORDS = 4  # of four letters or more
_SHORT_WORD = 3  # "de", "do", "the": shared by any two titles
_BYLINE_HEADING = re.compile(
    r"^[Bb][Yy] |\b(?:News Service|Press|Reuters|AFP|Staff|Correspondent|Reporter|Writer)\b"
)


def title_from_top_heading(title: str, heading: str | None, meta: PageMeta) -> str:
    """``heading`` (the first heading above the text's first paragraph) when ``title`` is the
    page's whole <title>, no og:title says otherwise, and the two share no word."""
    if not heading or meta.og_title or not meta.title or fold_key(title) != fold_key(meta.title):
        return title
    if len(_KEY_WORD.findall(heading)) < _TOP_HEADING_WORDS:
        return title  # a date above the text ("24 de outubro de 2016") is no headline
    if heading.rstrip().endswith((".", ":")) or _PLACEHOLDER.match(heading):
        return title
    if _BYLINE_HEADING.search(heading):
        return title  # "By KAREN MATTHEWS", "Tim Shufelt, Canwest News Service"
    shared = {w for w in title_words(title) if len(w) > _SHORT_WORD} & set(title_words(heading))
    return title if shared else heading
