"""Pages made of separate items: a brief from the first item, never a mix of items.

A listicle ("7 films to see this winter"), letters to an advice column or a glossary put
several unrelated pieces on one page. A summarizer scores them as one text and picks the
openings of three different things, which reads as nonsense. Such a page is briefed from its
introduction and its first item only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from bot.briefs.cleaning import _CJK, word_count
from bot.briefs.language import topic_keys

# A heading: a short line that does not end like a sentence.
_HEADING_MAX_WORDS = 12
_MARKED_HEADING_WORDS = 5
_CJK_HEADING_CHARS = 50
_SENTENCE_END = re.compile(r"[.!?\u2026:;\"'\u201d\u2019\u00bb\u3002\uff01\uff1f]$")
# A numbered item heading: "1. The lighthouse at Kell", "#2 North Pier", "No. 3: The ferry".
_NUMBERED = re.compile(r"^(?:#|No\.? ?)?(\d{1,3})(?:[.):]|\s*[-\u2013\u2014])?\s+\S")
# A letter to an advice column: "Dear Annie,", "Dear Doctor:".
_LETTER = re.compile(r"^Dear [A-Z][\w.' ]{0,30}[,:]")
# A glossary or directory entry: "Term: definition." / "Term \u2013 definition."
_ENTRY = re.compile(r"^[A-Z][\w'()/ -]{0,40}?(?::| [\u2013\u2014-] )\s*\S.{10,}$")
# A title that announces a list: "7 films …", "The 10 best …", "Top 20 …", "22 of our …".
_LIST_TITLE = re.compile(
    r"^(?:The |Our )?(?:Top |Best )?(?:\d{1,3}|Three|Four|Five|Six|Seven|Eight|Nine|Ten"
    r"|Eleven|Twelve|Fifteen|Twenty) (?!(?:years?|days?|months?|weeks?|hours?|minutes?"
    r"|people|percent|per cent|million|billion|thousand)\b)",
    re.IGNORECASE,
)
# Chinese and Japanese list titles, anywhere: "…10選" (ten picks), "十大…", "10个…", and
# Chinese round-ups: "资讯汇总" (news round-up), "盘点", "一览", "要闻", "午间公告" (filings).
_CJK_LIST_TITLE = re.compile(
    r"\d{1,3}\u9078|\u5341\u5927|\d{1,3}(?:\u500b|\u4e2a|\u3064\u306e)"
    r"|\u6c47\u603b|\u76d8\u70b9|\u4e00\u89c8|\u8981\u95fb|\u95f4\u516c\u544a"
)
_MIN_ITEMS = 3
# A bulletin announcing its stories: "Top news in this Bulletin:", "Today's headlines:".
_BULLETIN = re.compile(
    r"^(?:(?:Top|Main|Today(?:'|\u2019)s|The day(?:'|\u2019)s|More|Other) (?:news|stories"
    r"|headlines)|Headlines|In this (?:bulletin|edition|issue|newsletter|episode))\b[^.!?]{0,40}:$",
    re.IGNORECASE,
)
# "… this morning? Here's our daily business round-up:", the line before its stories.
_ROUND_UP = re.compile(
    r"\bHere(?:'s|\u2019s| is) (?:our|the|your) (?:[\w-]+ ){0,3}round-?up:$", re.IGNORECASE
)
# A news bulletin's or a reading list's title: "TOLOnews 6pm News 19 April 2016", "Evening
# headlines", "News in brief", "What we're reading": one story per paragraph.
_BULLETIN_TITLE = re.compile(
    r"\b(?:\d{1,2}\s?(?:am|pm|Uhr)|morning|midday|evening|late|night) (?:news|bulletin"
    r"|headlines|briefing)\b|\bnews (?:bulletin|round-?up|in brief)\b"
    # A reading list or a link round-up: "What we're reading: Thursday, May 23".
    r"|\bwhat we(?:'|\u2019)re reading\b|\b(?:link|morning|weekly) round-?up\b"
    # An events listing: "Weekly calendar: Community and entertainment events …".
    r"|\b(?:weekly|events?|community) calendar\b|\bthings to do\b"
    # Game summaries one after another: "NBA Game Capsules", "Sports briefs".
    r"|\bgame capsules\b|\b(?:sports|news|business) briefs\b",
    re.IGNORECASE,
)
# A title that names the page's items one after another: "Coddling criminals | Undermining road
# | Tax dollars" over a page of letters to the editor, each under its own heading.
_ITEMS_TITLE = re.compile(r"^[^|]+(?:\s\|\s[^|]+){2,}$")
_MIN_PROSE_WORDS = 8
# A paragraph that is a numbered item: "1. Take a walk by the sea.", "2) Call your mother …".
_NUMBERED_PARAGRAPH = re.compile(r"^(\d{1,3})[.)]\s+\S")
# Numbered questions are an FAQ about one subject, not separate things: "1. Who pays?".
_QUESTION = re.compile(r"\?[\"'\u201c\u201d\u00bb]?$")
# The count a list title announces, after a colon or dash too: "Winter: 7 films to see", "…
# ad - 17 favourite responses", "Top 10 …", "The 10 best ways …". Not "7 killed in …": a
# participle after it is news.
_TITLE_COUNT = re.compile(
    r"(?:^|: | [-\u2013\u2014|] )(?:The |Our |Die |Les? |Las? |Los )?(?:Top |Best )?"
    r"(?P<count>\d{1,3}|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
    r"\+? (?!\S+ed\b|(?:years?|days?|months?|weeks?|hours?|people|percent|million|dead"
    r"|hurt|missing|children|men|women)\b)"
    # Anywhere, a count with a plus before "best": "Hire Movers from SF's 21+ Best …".
    r"|(?<= )(?P<plus>\d{1,3})\+ (?:Best|Top)\b",
    re.IGNORECASE,
)
_COUNT_WORDS = (
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
)
# A list marker opening a line ("- ", "\u2022 "): trafilatura writes <li> items so.
_MARKER = re.compile(r"^[-*+\u2022\u25aa\u25cf\u00b7]\s+")
# An item named by its first words, the name in bold on the page (trafilatura drops the bold):
# "Evernote (Android, iOS) is the …", "Quick Graph ($3, iOS) offers …".
_NAMED = re.compile(
    r"^(?P<name>[A-Z0-9][^\s():]*(?: [^\s():]+){0,5}) "
    r"\((?P<note>[^()]{1,50})\),? (?P<next>[a-z]+)\b"
)
# A party, a state or an age after a person's name ("Jane Doe (D-Calif.) said", "Tom Roe
# (42)"), or a company's ticker in a market report ("Kell Ferries (KFL) shares fell").
_PERSON_NOTE = re.compile(r"^(?:[DRI](?:-.*)?|\d{1,3}|(?:[A-Z]{2,10}: ?)?[A-Z]{2,5})$")
_SPEECH = re.compile(
    r"^(?:said|says|told|tells|added|adds|wrote|writes|asked|asks|noted|notes|argued|argues"
    r"|explained|explains|replied|replies|tweeted|posted)$"
)
# An item led by a label, then its text as a new sentence: "Check on neighbours: Call …",
# "Parallels -- Every word …",
# "Heat 2 \u2013 Kell won …", "No. 3 Kell (7-2) at No. 1 Rosk, 7 p.m.: The …".
_LABELLED = re.compile(
    r"^(?P<name>[^\s:!?][^:!?]{0,90}?)(?::| [\u2013\u2014-]| ?--) +"
    r"[\"'\u201c\u201e(]?[A-Z0-9\u00c0-\u00de]"
)
# A label is a few words ("Check on neighbours"); a longer one is a clause before a colon
# ("Was the council right to wait: No …"), unless it counts ("No. 3 Kell (7-2) at No. 1 …").
_LABEL_MAX_WORDS = 6
# An entry of a live report led by its time: "21:06 (IST) It's a wrap …", "14.30 Uhr: …".
_CLOCK = re.compile(r"^(?:[01]?\d|2[0-3])[:.h][0-5]\d(?!\d)(?:\s?(?:[ap]\.?m\.?|Uhr|h)\b)?")
_COUNTED_LABEL_MAX_WORDS = 14
# A sentence boundary inside a label means the "label" is a sentence ("Rain fell. Its cause: …").
_INNER_END = re.compile(r"\w{3,}[.!?] [A-Z]")
# A label names a thing or a step ("Check on neighbours", "Heat 2", "Evernote (iOS)"); a label
# of capitalised names only is a speaker ("Tom Roe: …"), which an interview repeats.
_NOT_A_SPEAKER = re.compile(r"(?:^|\s)[a-z\u00df-\u00ff]|\d|\(")


def _is_heading(line: str) -> bool:
    if _MARKER.match(line) and word_count(line) <= _MARKED_HEADING_WORDS:
        line = _MARKER.sub("", line).rstrip(".")  # a list's item name: "- Bad Pitch Blog."
    if _SENTENCE_END.search(line):
        return False
    # Chinese headlines run longer than the words counted for them suggest (two characters
    # are a word): a round-up's item headline has 30 to 40 characters.
    if _CJK.search(line):
        return 0 < len(line) <= _CJK_HEADING_CHARS and "\u3002" not in line
    return 0 < word_count(line) <= _HEADING_MAX_WORDS


def _is_prose(line: str) -> bool:
    return word_count(line) >= _MIN_PROSE_WORDS and bool(_SENTENCE_END.search(line))


def _opener(line: str) -> tuple[str, str] | None:
    """The shape of an item line ("clock", or "name" for a name or a label) and its name,
    or None."""
    text = _MARKER.sub("", line)
    if not _is_prose(text):
        return None
    if _CLOCK.match(text):
        return "clock", text  # two entries may share a minute: the whole entry is its name
    named = _NAMED.match(text)
    if named is not None:
        if _PERSON_NOTE.match(named["note"]) or _SPEECH.match(named["next"]):
            return None
        return "name", named["name"]
    labelled = _LABELLED.match(text)
    if labelled is None:
        return None
    label = labelled["name"]
    most = _COUNTED_LABEL_MAX_WORDS if re.search(r"\d", label) else _LABEL_MAX_WORDS
    if word_count(label) > most or _INNER_END.search(label) or not _NOT_A_SPEAKER.search(label):
        return None
    return "name", label


def _opened_items(lines: list[str]) -> list[int]:
    """Indexes of the lines that open items by a time, a name or a label, all in the same
    shape, when such items make up the page after a short introduction, else []."""
    shapes: dict[str, list[tuple[int, str]]] = {}
    for i, line in enumerate(lines):
        opener = _opener(line)
        if opener is not None:
            shapes.setdefault(opener[0], []).append((i, opener[1].casefold()))
    if not shapes:
        return []
    # Items repeat one shape; a stray label in the introduction is not one of them.
    found = max(shapes.values(), key=len)
    names = [name for _, name in found]
    if len(set(names)) < len(names):
        # A label that repeats ("Advantages:", a speaker) is not an item's name, unless it is
        # most of the labels and opens every item: "About the book club: …" before each club.
        top, times = Counter(names).most_common(1)[0]
        if times < _MIN_ITEMS + 1 or 2 * times < len(names):
            return []
        found = [(i, name) for i, name in found if name == top]
    starts = [i for i, _ in found]
    if len(starts) < _MIN_ITEMS:
        return []
    prose = [i for i, line in enumerate(lines) if _is_prose(_MARKER.sub("", line))]
    # Items in list markers may share the page with the prose that introduces each group.
    share = 4 if all(_MARKER.match(lines[i]) for i in starts) else 3
    list_page = share * len(starts) >= len(prose) and 3 * starts[0] <= len(lines)
    # A report that ends on a list of advice ("Stay indoors: …", "Check on neighbours: …"):
    # the items fill the page's tail, so the report before them stays whole.
    tail = 2 * len(starts) >= sum(1 for i in prose if i >= starts[0])
    return starts if list_page or tail else []


def _numbered_paragraphs(lines: list[str]) -> list[int]:
    """Indexes of paragraphs numbered 1, 2, 3 … from early on the page, else []. Short ones
    count too: "3. Take a walk." is an item like the longer ones around it."""
    starts: list[int] = []
    for i, line in enumerate(lines):
        numbered = None if _QUESTION.search(line) else _NUMBERED_PARAGRAPH.match(line)
        if numbered is not None and int(numbered[1]) == len(starts) + 1 and word_count(line) > 2:
            starts.append(i)
    if len(starts) >= _MIN_ITEMS and 3 * starts[0] <= len(lines):
        return starts
    return []


def _counts_up(numbers: list[int]) -> bool:
    """Numbers that count up, maybe starting again at 1 in each part of the page, or down."""
    restarts = all(b >= a or b <= 1 for a, b in pairwise(numbers))
    return restarts or numbers == sorted(numbers, reverse=True)


def _numbered_headings(lines: list[str]) -> list[int]:
    """Indexes of numbered headings ("3. Sam Ponder", "#2 Steckturm") that count up, each
    followed by a paragraph, else []. The paragraph need not end like a sentence: an item's
    text often ends on a price or a shop's name."""
    starts = [
        i
        for i, line in enumerate(lines[:-1])
        if _is_heading(line)
        and _NUMBERED.match(line)
        and word_count(lines[i + 1]) >= _MIN_PROSE_WORDS
        and not _is_heading(lines[i + 1])
    ]
    numbers = [int(m[1]) for m in (_NUMBERED.match(lines[i]) for i in starts) if m is not None]
    if len(starts) >= _MIN_ITEMS and _counts_up(numbers):
        return starts
    return []


def _title_count(title: str) -> tuple[int, str]:
    """The number of items a list title announces and how it says it ("Winter: 7 films …"
    gives 7 and "7"), else 0 and ""."""
    counted = _TITLE_COUNT.search(title)
    if counted is None:
        return 0, ""
    said = counted["count"] or counted["plus"]
    word = said.lower()
    return (_COUNT_WORDS.index(word) + 3 if word in _COUNT_WORDS else int(word)), said


def _counts(title: str) -> int:
    """The number of items a list title announces, else 0."""
    return _title_count(title)[0]


def _announced(lines: list[str], title: str) -> list[int]:
    """For a title announcing a list ("10 tips …") on a page whose items show no name or
    heading (the page's headings are gone with the menus): where its first item starts and
    the line after it, else []."""
    count, said = _title_count(title)
    if not said:
        return []
    prose = [i for i, line in enumerate(lines) if _is_prose(line)]
    if count < _MIN_ITEMS or len(prose) < min(count, 8) + 1:
        return []
    # The introduction ends where it names the count ("Here are the 10 best ways …");
    # otherwise it is taken to be the first paragraph. The first mention: a later one may
    # be inside an item ("10 minutes a day").
    mention = re.compile(rf"(?<!\w){re.escape(said)}(?!\w)", re.IGNORECASE)
    intro_end = next((i for i in prose[: len(prose) // 2] if mention.search(lines[i])), prose[0])
    after = [i for i in prose if i > intro_end]
    return after[:2] if len(after) >= 2 else []


def _item_starts(lines: list[str], title: str) -> list[int]:
    """Indexes of the lines that start the page's items, or [] when it is not a list page."""
    letters = [i for i, line in enumerate(lines) if _LETTER.match(line)]
    if len(letters) >= 2:
        return letters
    prose_lines = sum(1 for line in lines if _is_prose(line))
    entries = [i for i, line in enumerate(lines) if _ENTRY.match(line) and _is_prose(line)]
    # Every term differs in a glossary; an interview's "Name: …" lines repeat their speakers.
    terms = {re.split(r":| [\u2013\u2014-] ", lines[i], maxsplit=1)[0] for i in entries}
    if len(entries) >= 5 and len(terms) == len(entries) and 2 * len(entries) >= prose_lines:
        return entries
    announced = next(
        (i for i, line in enumerate(lines) if _BULLETIN.match(line) or _ROUND_UP.search(line)),
        None,
    )
    if announced is None and _BULLETIN_TITLE.search(title):
        announced = -1
    if announced is not None:
        stories = [i for i, line in enumerate(lines) if i > announced and _is_prose(line)]
        if len(stories) >= 2:
            return stories
    opened = _opened_items(lines) or _numbered_paragraphs(lines) or _numbered_headings(lines)
    if opened:
        return opened
    headed = [
        i for i, line in enumerate(lines[:-1]) if _is_heading(line) and _is_prose(lines[i + 1])
    ]
    numbers = [m for m in (_NUMBERED.match(lines[i]) for i in headed) if m is not None]
    counted = [int(m[1]) for m in numbers]
    in_sequence = len(counted) >= _MIN_ITEMS and (
        counted == sorted(counted) or counted == sorted(counted, reverse=True)
    )
    if len(headed) >= _MIN_ITEMS and (
        in_sequence
        or _LIST_TITLE.match(title)
        or _counts(title) in (len(headed), len(headed) - 1)  # "Wine Guy: 3 rosé bottles …"
        or _CJK_LIST_TITLE.search(title)
        or _ITEMS_TITLE.match(title)
    ):
        return headed
    if _CJK_LIST_TITLE.search(title):
        # "…10選" with one paragraph per item and no headings: an introduction, then items.
        prose = [i for i, line in enumerate(lines) if _is_prose(line)]
        if len(prose) >= _MIN_ITEMS + 1:
            return prose[1:]
    return _announced(lines, title) or _round_up(lines, headed, title)


_NAME = re.compile(r"\b[A-Z][^\W\d_]{4,}")


def _names(line: str) -> list[str]:
    return [w[:5].casefold() for w in _NAME.findall(line)]


def _round_up(lines: list[str], headed: list[int], title: str) -> list[int]:
    """A news round-up under its first story's headline: the page's own headline as a
    heading over that story, then another story under its own heading ("Taiwan vote may boost
    ties with China" … "Japan to resume Afghan war aid"), after which no line shares a word of
    five letters or more with the title or a recurring name with the first story. A feature's
    subheadings stay: its later sections come back to the headline's subject or people."""
    if _CJK.search(title):
        return []  # words are not counted at spaces there
    keys = topic_keys(title)
    lead = next((i for i in headed if keys and topic_keys(lines[i]) == keys), None)
    if lead is None:
        return []
    # The last line each word and name appear on, read once: a page of many sections would
    # otherwise be read again from every heading on.
    last_key: dict[str, int] = {}
    last_name: dict[str, int] = {}
    for index, line in enumerate(lines):
        last_key.update(dict.fromkeys(topic_keys(line), index))
        last_name.update(dict.fromkeys(_names(line), index))
    told: Counter[str] = Counter()
    counted = lead
    for i in headed:
        if i <= lead + 1:
            continue
        # Nor a name the first story kept coming back to: a profile's "Early years" section
        # names its person ("Wynaendts"); a word in passing ("non-Chinese") is no subject.
        told.update(name for line in lines[counted:i] for name in _names(line))
        counted = i
        if all(last_key.get(key, -1) < i for key in keys) and all(
            last_name.get(name, -1) < i for name, times in told.items() if times >= 2
        ):
            return [lead, i]
    return []


def first_item(title: str, body: str) -> str:
    """The body cut after its first item when the page is a list of separate items (with
    the introduction before it), else the body unchanged."""
    lines = [" ".join(line.split()) for line in body.splitlines()]
    kept = [line for line in lines if line]
    starts = _item_starts(kept, title)
    if len(starts) < 2:
        return body
    return "\n".join(kept[: starts[1]])


# A Chinese item's label: a company's or a place's name and a full-width colon.
_CJK_ITEM_LABEL = re.compile(r"^([\u3400-\u9fff\w]{2,8})\uff1a")


def one_item(candidates: Sequence[str], chosen: list[int]) -> list[int]:
    """``chosen`` up to its first labelled item when it holds items of a round-up labelled
    with different names ("company: news."): one item, not three companies' news mixed."""
    labels = [m[1] for m in (_CJK_ITEM_LABEL.match(candidates[i]) for i in chosen) if m]
    if len(set(labels)) < 2:
        return chosen
    first = next(i for i in chosen if _CJK_ITEM_LABEL.match(candidates[i]))
    return [i for i in chosen if i <= first]
