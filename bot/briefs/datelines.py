"""Datelines and wire tags before an article's first sentence: "HAVANA — ", "KYIV, Ukraine (AP)
— ", "Moscow (CNN)A Russian …", "BERLIN taz | …". Split from ``cleaning`` so the rules for
where a sentence starts live together; ``strip_dateline`` drops them so punkt and the summarizer
see the sentence itself.
"""

from __future__ import annotations

import re

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# A date as datelines write it: "21 December 2022", "Dec. 21", "2022-12-21", "12/21/2022",
# and a day, any language's month and a year: "11. März 2015", "3 dez 2024".
_DATE = re.compile(
    rf"\b\d{{1,2}} {MONTH}\b|\b{MONTH}\.? \d{{1,2}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"
    # The months' first letters in German, French, Spanish, Italian, Portuguese and Dutch.
    r"|\b\d{1,2}\.? (?i:jan|j\u00e4n|feb|f\u00e9v|fev|m\u00e4r|mar|maa|apr|avr|abr|mai|may|maj"
    r"|mei|mag|jun|jui|giu|jul|lug|aug|ago|ao\u00fb|sep|set|okt|oct|ott|out|nov|dez|dec"
    r"|d\u00e9c|dic|gen|ene)[^\W\d_]{0,7}\.? \d{4}\b"
)
# A place in capitals, optionally with a region and a wire tag: "HAVANA", "NEW YORK (Reuters)",
# "KYIV, Ukraine (AP)".
_CAPS_PLACE = re.compile(
    r"[A-Z][A-Z .'\u2019-]*[A-Z](?:, [A-Z][A-Za-z .'\u2019/-]*)?(?: ?\([A-Za-z .]{1,20}\))?"
)
# Up to 80 characters, then a spaced dash (em/en dash may touch the words), then the sentence,
# which must start with a capital, digit or quote: a dash inside a sentence is followed by more
# of the same sentence, usually in lower case.
_DATELINE = re.compile(
    r"^(?P<prefix>.{2,80}?)(?: ?[\u2014\u2013] ?| --? )"
    r"(?=[\"\u201c\u2018'(\u00ab\u201e]?\s?[A-Z0-9])"
)

# A place in capitals with a double hyphen glued to both sides, as 1990s papers typed it:
# "ANGANGUEO, Mexico--In a yearly ritual …", "WASHINGTON--The Senate …".
_GLUED_DOUBLE_HYPHEN = re.compile(
    r"^[A-Z][A-Z.'\u2019-]*[A-Z](?: [A-Z][A-Z.'\u2019-]*[A-Z]){0,2}"
    r"(?:, [A-Z][A-Za-z.'\u2019 ]{1,30})?--(?=[\"\u201c'A-Z0-9])"
)
_DASH = re.compile(r"[\u2014\u2013]| --? ")
# A site's name before the place in capitals: "jpnn.com, JAKARTA", "Kompas.com, SOLO".
_SITE_PLACE = re.compile(r"[\w-]+(?:\.[a-z]{2,3}){1,2}, [A-Z][A-Z .'\u2019-]*[A-Z]")
# A wire item's dateline in any language: a place in capitals, or a place, a comma and a date,
# then the agency's tag: "ROMA, 5 DIC (ANSA)", "Lisboa, 3 dez 2024 (Lusa)".
_WIRE_PREFIX = re.compile(
    r"(?:[A-Z][A-Z'\u2019.-]*[A-Z](?=[ ,])[^()]*|[A-Z\u00c0-\u00de][^,()]{1,30},[^()]*\d[^()]*)"
    r" ?\([A-Za-z][\w./-]{1,14}(?: [A-Z][\w./-]{1,14})?\)"
)

# A wire or outlet tag glued to the first word, maybe after a place: "Moscow (CNN)A Russian …",
# "(The Hollywood Reporter)The cast …", "Polk City, Florida (CNN)If …", "(CNN) -- The …".
# Glued, the tag hides the sentence start from punkt and joins the place to the first sentence.
_GLUED_DATELINE = re.compile(
    r"^(?:[A-Z][\w.'\u2019-]*(?:,? [A-Z][\w.'\u2019-]*){0,4},? ?)?"
    r"\((?:CNN|AP|AFP|Reuters|[A-Z][\w&.'\u2019]*(?: [A-Z&][\w&.'\u2019]*){0,4})\)"
    r"(?:(?= ?(?:--?|[\u2014\u2013]) )(?: ?(?:--?|[\u2014\u2013]) )|(?=[\"\u201c\u2018'A-Z0-9]))"
)

# A wire tag after a date ("June 19 (UPI) -- King Aerospace …", "March 22 (Bloomberg) -- …"),
# or after a place in capitals with a space and no dash ("ST. LOUIS (AP) Zack Greinke …"):
# datelines the glued pattern above does not reach.
_WIRE_TAG = r"\((?:AP|AFP|Reuters|UPI|Bloomberg|CNN|dpa|Xinhua)\)"
_TAGGED_DATELINE = re.compile(
    rf"^{MONTH}\.? \d{{1,2}}(?:, \d{{4}})? {_WIRE_TAG} (?:--?|[\u2014\u2013]) "
    r"(?=[\"\u201c\u2018'A-Z0-9])"
    rf"|^[A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){{0,3}}(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)?)? "
    rf"{_WIRE_TAG} (?=[\"\u201c\u2018A-Z][a-z])"
    # A video's or series' title before a tag glued to the first word: "ISIS Reign of Terror
    # (CNN)Islamist militants freed …" (the glued tag marks where the story starts).
    r"|^[^.!?()]{1,80}?\((?:CNN|AP|AFP|Reuters)\)(?=[\"\u201c\u2018]?[A-Z0-9])"
)


# A photo credit glued to the first word of a paragraph: "Jane Roe/REUTERSThe UK may …",
# "Wikimedia CommonsThe island …" (the caption's credit line lost its line break).
_GLUED_CREDIT = re.compile(
    r"^(?:[A-Z][\w.'\u2019-]* ){0,3}[A-Z][\w.'\u2019-]*/ ?(?:REUTERS|Reuters|AP|AFP|EPA"
    r"|Getty Images|AP Photo)(?=[A-Z\u201c\"])"
    r"|^(?:Wikimedia Commons|Getty Images|Shutterstock|iStock(?:photo)?)(?=[A-Z][a-z])"
)


# A place and an outlet's tag before a bar, or a place before a middle dot: "BERLIN taz |
# Jahrelang …", "Neuss · Fünf Jahre lang …".
_BAR_DATELINE = re.compile(
    r"^(?:[A-Z\u00c0-\u00de]{2,}(?:[ /-][A-Z\u00c0-\u00de]{2,}){0,3} [a-z][\w.]{1,10} \| "
    r"|[A-Z\u00c0-\u00de][\w'/-]+(?: [A-Z\u00c0-\u00de][\w'/-]+){0,2} \u00b7 )"
    r"(?=[\"\u201e\u201c]?[A-Z\u00c0-\u00de0-9])"
    # A wire release's place, wire and date between slashes: "WHITEFISH, MT / ACCESSWIRE /
    # July 13, 2015 / The global market …".
    r"|^[A-Z][A-Z .,'-]{1,40}(?: / [^/]{1,40}){1,2} / (?=[A-Z\u00c0-\u00de0-9])"
    # A broadcast transcript's role label: "Anchor: After heavy downpours on Monday, …".
    r"|^(?:Anchor|Reporter|Presenter|Correspondent|Narrator|Moderator|Moderation|Sprecher"
    r"|Sprecherin): (?=[A-Z\u00c0-\u00de\"\u201c\u201e])"
)


# A wire's slug, photo codes and byline before the dateline: "AP Photo XAN101, GFX729 AP
# Graphic YEMEN ATTACK By AHMED AL-HAJ Associated Press Writer SAN'A, Yemen (AP) -- …", and a
# release's time stamp and wire: "07/01/2008 20:12:00 Business Wire Magellan …".
_WIRE_SLUG = re.compile(
    r"^.{0,120}?\bBy [A-Z][A-Z .'-]+ (?:Associated Press|AP) (?:Writers?|Correspondents?) "
    r"|^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}(?::\d{2})? (?:Business Wire|PR Newswire|Marketwired) "
    # A paid release's wire and date: "Media OutReach Newswire - 30 April 2024 - Recently, …".
    r"|^(?:[A-Z][\w.]* ){0,3}(?:Newswire|NEWSWIRE|Business Wire|News Wire)(?: -{1,2} |/ ?)"
    r"(?:\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+\.? \d{1,2}, \d{4}) -{1,2} "
    # A portal's label glued to the text: "All Ndtv news on India:Modi, BJP leaders …".
    r"|^All \w+ news on [\w ]{2,30}:(?=[A-Z])"
)


# The same header with the editors' note and the headline before it, too long for the slug's
# reach: "Headline Eds: AMs. UPDATES with … AP Photo XAN101 … By AHMED AL-HAJ Associated Press
# Writer SAN'A, Yemen (AP) -- Suspected …". Cut from the text only, to its dateline: a title
# taken from the text keeps the headline (see ``titles.title_from_text``).
_WIRE_HEADER = re.compile(
    r"^.{10,300}?\bEds?: .{0,400}?(?=\b[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)?"
    r"(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)?)? \(AP\) --)"
)


# The first line's place in capitals before its sentence, the wire tag and dash lost with the
# page's markup: "MEXICO CITY A consortium comprising …", "LOS ANGELES Paula Abdul …". Two words
# at least and six capitals: one word alone is as often a tabloid's capitalised first word
# ("SCOTLAND Yard strengthened …", "ACTRESS Mischa Barton …") or an acronym ("NASA …").
_BARE_PLACE = re.compile(r"^[A-Z]{2,}(?:[ .']{1,2}[A-Z]{2,}){1,3} (?=[A-Z][a-z]*\b)")
# After a wire story's own dateline, a later paragraph's place may be one long word:
# "JOHANNESBURG South Africa's anti-graft watchdog …" opens the page's next story.
_LATER_PLACE = re.compile(r"^[A-Z]{6,}(?:[ .']{1,2}[A-Z]{2,}){0,3} (?=[A-Z][a-z]+\b)")
_BARE_PLACE_CAPITALS = 6


def without_bare_place(line: str) -> str:
    """The text's first line without a place in capitals before its first sentence."""
    found = _BARE_PLACE.match(line)
    if found is None or sum(c.isupper() for c in found.group()) < _BARE_PLACE_CAPITALS:
        return line
    return line[found.end() :]


def opens_on_place(line: str, *, later: bool = False) -> bool:
    """The line opens on a place in capitals, a wire's dateline: "HAVANA — …", "KYIV, Ukraine
    (AP) — …", "MEXICO CITY A consortium …"; ``later`` (a paragraph after a wire story's
    dateline) takes one long word too ("JOHANNESBURG South Africa's …")."""
    if without_bare_place(line) != line or (later and _LATER_PLACE.match(line)):
        return True
    match = _DATELINE.match(line)
    if match is None:
        return False
    prefix = match["prefix"].strip(" ,")
    return bool(_CAPS_PLACE.fullmatch(prefix) or _WIRE_PREFIX.fullmatch(prefix))


# A reader-submitted item's credit, as Slashdot and its kin open every story (and its feed's
# entries): "An anonymous reader quotes a report from Ars Technica: …", "Slashdot reader
# theodp writes: …", "msmith43 writes: …". A handle is one word in lower case; a named writer
# ("Professor Plant writes: …") is a quotation's speaker and stays.
_SUBMITTED = re.compile(
    r"^(?:An? anonymous (?:reader|Slashdot reader|Coward)"
    r"|(?:(?:Longtime|Frequent|Long-time) )?(?:Slashdot|SoylentNews) (?:reader|user) [\w.-]+"
    r"(?: \(\d+\))?|[a-z][\w.-]{2,30}(?: \(\d+\))?)"
    r" (?:writes|quotes|shares|sends|points out|notes|tips us)\b[^:.!?]{0,100}:\s+"
    r"(?=[\"\u201c'A-Z0-9])"
)


def submitted(line: str) -> bool:
    """The line opens on a reader-submitted item's credit (see ``_SUBMITTED``)."""
    return _SUBMITTED.match(line) is not None


def without_wire_header(line: str) -> str:
    """The line from its wire dateline on, when an editors' note and a slug come before it."""
    return _WIRE_HEADER.sub("", line)


def strip_dateline(line: str) -> str:
    """Drop "PLACE, date — " or "HAVANA — " so the first sentence after it can be chosen."""
    submission = _SUBMITTED.match(line)
    if submission is not None:
        return line[submission.end() :]
    slug = _WIRE_SLUG.match(line)
    if slug is not None and slug.end() < len(line):
        line = line[slug.end() :]
    credit = _GLUED_CREDIT.match(line)
    if credit is not None and credit.end() < len(line):
        line = line[credit.end() :]
    bar = _BAR_DATELINE.match(line)
    if bar is not None and bar.end() < len(line):
        return line[bar.end() :]
    glued = (
        _GLUED_DATELINE.match(line)
        or _TAGGED_DATELINE.match(line)
        or _GLUED_DOUBLE_HYPHEN.match(line)
    )
    if glued is not None and glued.end() < len(line):
        return line[glued.end() :].strip()
    match = _DATELINE.match(line)
    if match is None:
        return line
    prefix = match["prefix"].strip(" ,")
    if len(prefix.split()) > 12 or _DASH.search(prefix):
        return line
    # A date alone is not enough ("On 21 December — Christmas week — …"): a dateline lists
    # place and date separated by commas.
    if (
        ("," in prefix and _DATE.search(prefix))
        or _CAPS_PLACE.fullmatch(prefix)
        or _WIRE_PREFIX.fullmatch(prefix)
        or _SITE_PLACE.fullmatch(prefix)
    ):
        return line[match.end() :].strip()
    return line
