"""Sentences a page broke across lines or paragraphs, put back together.

Pages hard-wrap prose (trafilatura keeps a ``<br>`` as a line break), and some split one
sentence over two paragraphs around an advert or a photo ("… zweier deutscher" /
"Tochterfirmen des Konzerns zurückgewiesen."). Left apart, each half is scored as a sentence
of its own, and a brief may show the second half alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from bot.briefs.cjk import PHOTO_CREDIT
from bot.briefs.splits import GERMAN_SENTENCE_OPENER

_TERMINAL = re.compile(r"[.!?\u2026\u3002\uff01\uff1f](?:[\"'\u201d\u2019\u00bb)\]]*)$")

# German capitalises nouns, so a paragraph ending on a determiner and a lower-case word
# ("… zweier deutscher", "… mit dem erneuerbaren") stops before the noun: an adjective, never
# a sentence's end. A heading ending on a verb ("… den Haushalt retten") has a noun before it.
_GERMAN_OPEN_PHRASE = re.compile(
    r"\s(?:der|die|das|dem|den|des|ein|eine|einem|einen|einer|eines|zweier|dreier|mehrerer"
    r"|vieler|aller|beider|seiner|ihrer|unserer|keine[mnr]?|diese[mnrs]?|jede[mnrs]?)"
    r"\s[a-z\u00df-\u00ff][\w-]*$"
)
_NEXT_GOES_ON = re.compile(r"^[^\W_]")
# Chinese and Japanese: a paragraph ending on a character, not on "。", with a finished
# sentence before it ("…で敗退。岡田" / "彰布" / "監督は今季で退任する。").
_CJK_END = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff10-\uff5a]$")
_CJK_START = re.compile(r"^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff10-\uff5a]")
# A Chinese or Japanese paragraph ending on a comma (U+FF0C, U+3001) was cut mid-sentence:
# pages set out for phones break a sentence into short lines, one clause each ("下周一" /
# "施工将进入第二阶段" / "也是……的一段。", each but the last ending on a comma). The rest may
# open on a digit, a Latin word, a quotation or a title mark.
_CJK_COMMA_END = re.compile(r"[\uff0c\u3001]$")
_CJK_GOES_ON = re.compile(
    r"^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff10-\uff5a0-9A-Za-z\u201c\u300a\u300c\uff08]"
)
_CREDIT_CHARS = 12  # a photo credit ending a caption: "沙坪坝区公安分局供图"
_OPEN_END = re.compile(r"[A-Za-z0-9]$")
_CJK_STUB = re.compile(r"[\u3002\uff01\uff1f][^\u3002\uff01\uff1f]{1,4}$")


def _open_prose(tail: str, line: str) -> bool:
    """Whether a paragraph ending in ``tail`` is German prose cut off before its noun ("… mit
    dem erneuerbaren") and ``line`` goes on with it."""
    if _TERMINAL.search(tail) or not _NEXT_GOES_ON.match(line):
        return False
    # Elsewhere a paragraph may stop on a lower-case word and a heading or a standfirst
    # without its full stop ("… with vapes also restricted" / "Keir Starmer has kept …").
    return _GERMAN_OPEN_PHRASE.search(tail) is not None


# Words no sentence ends on: a paragraph that stops on one was cut in the middle of a
# sentence ("… who had tested positive for" / "Covid-19 died on Monday."). In lower case only:
# a heading ending on "bei der UN" or "Teil A" stops on a name, not on "un" or "a".
_BROKEN_END = re.compile(
    r"(?:,|(?:^|\s)(?:for|to|of|the|a|an|and|or|but|in|on|at|with|by|from|that|as|into|than|der|die"
    r"|das|den|dem|des|und|oder|zu|von|mit|f\u00fcr|auf|im|ein|eine|einen|de|la|le|les|du|et|y"
    r"|en|que|del|los|las|un|una|e|o|com|para|do|da|dos|il|di|che|per))$"
)
_BROKEN_MIN_WORDS = 4
_CAPITAL_OPENER = re.compile(
    r"^(?:The|A|An|It|He|She|They|We|I|But|And|So|Le|La|Les|Un|Une|Il|Elle|Ils|Elles|Et|Mais"
    r"|El|Los|Las|Ella|Pero|Die|Der|Das|Es|Er|Sie|Wir|Und|Aber)\b"
)
# A German clause can end on a verb's particle ("… wachsen mit Halbgeschwistern auf", "… hört
# ihm zu"): after one, a paragraph opening on a capitalised article, pronoun or preposition
# is a new sentence (a heading stood above it), not the rest of the one before. A broken
# sentence goes on in lower case ("… mit" / "dem Onlineshop …") or on a noun.
_PARTICLE_END = re.compile(r"\s(?:auf|zu|mit|ein)$")


def _goes_on(tail: str, words: int, line: str) -> bool:
    """Whether a paragraph of ``words`` words ending in ``tail`` stops mid-sentence and
    ``line`` is the rest of it."""
    if _PARTICLE_END.search(tail) and GERMAN_SENTENCE_OPENER.match(line):
        return False
    if _BROKEN_END.search(tail) and words >= _BROKEN_MIN_WORDS:
        # After a comma, a capitalised article, pronoun or conjunction opens a new sentence: a
        # dateline stood alone ("A l'Allianz Riviera (Nice)," / "Et voilà le travail.").
        return not (tail.endswith(",") and _CAPITAL_OPENER.match(line))
    return _open_prose(tail, line)


def _cjk_goes_on(tail: str, stopped: bool, line: str) -> bool:
    """Whether a Chinese or Japanese paragraph ending in ``tail`` (``stopped``: it holds a
    full stop) was cut mid-sentence and ``line`` is the rest of it."""
    if _CJK_COMMA_END.search(tail):
        return bool(_CJK_GOES_ON.match(line))
    if not _CJK_START.match(line):
        return False
    if stopped:
        # A name broken off after a finished sentence is short ("…で敗退。岡田"); a heading
        # after one is not, nor a caption's photo credit ("…。视频截图").
        return bool(
            _CJK_END.search(tail)
            and _CJK_STUB.search(tail)
            and not PHOTO_CREDIT.search(tail[-_CREDIT_CHARS:])
        )
    # A clause cut off at a Latin word or a number, no stop in the paragraph yet ("…三大运营商
    # 关于 5G" / "手机的…"): a heading has no comma in it.
    return "\uff0c" in tail and bool(_OPEN_END.search(tail))


# The rules read only the end of the paragraph being built, and count its words only up to
# what they need: a page of thousands of lines each ending "… for" is one long paragraph, and
# searching all of it again at every line took 40 s for 4,000 lines.
_TAIL_CHARS = 200


def rejoin_broken(lines: list[str]) -> Iterator[str]:
    """Source lines with a sentence that a page broke across paragraphs put back together: a
    paragraph ending on "for" or a comma goes on in the next, and a paragraph opening on a
    stray full stop or comma ends the one before."""
    held: list[str] = []  # the paragraph being built, which may go on in the next line
    tail = ""  # its last _TAIL_CHARS characters
    words = 0  # its words, counted up to _BROKEN_MIN_WORDS
    stopped = False  # it holds a CJK full stop
    blanks = 0
    for raw in lines:
        line = raw.strip()
        if not line:
            blanks += 1
            continue
        if held:
            stray = line[:1] in ".,;:\u3002\uff0c"
            cjk = _cjk_goes_on(tail, stopped, line)
            if stray or cjk or _goes_on(tail, words, line):
                # No space before a stray stop, nor inside CJK text.
                joined = line if stray or cjk else f" {line}"
                held.append(joined)
                tail = (tail + joined)[-_TAIL_CHARS:]
                if words < _BROKEN_MIN_WORDS:
                    words += len(joined.split())
                stopped = stopped or "\u3002" in line
                blanks = 0
                continue
            yield "".join(held)
            yield from [""] * blanks
        held, tail, blanks = [line], line[-_TAIL_CHARS:], 0
        words = len(line[:_TAIL_CHARS].split())
        stopped = "\u3002" in line
    if held:
        yield "".join(held)


# A drop cap set apart from the rest of its word: "T he Smithsonian's museum opens …". Not a
# vowel, which may be a word of its own ("A new study", "I went", "O jogador", "Y luego"), nor
# a letter that names a thing ("X marks", "K-pop").
_DROP_CAP = re.compile(r"^([B-DF-HJLMNP-TVWZ]) ([a-z]{1,12}\b)")

# Soft hyphens and zero-width characters, invisible on the page: left in, "Ausnahmever\u00ad
# ordnung" is another word than "Ausnahmeverordnung" to every comparison and stemmer.
_INVISIBLE = str.maketrans("", "", "\u00ad\u200b\u2060\ufeff")


def blocks(body: str) -> Iterable[list[str]]:
    """Yield paragraphs as lists of whitespace-collapsed lines, re-joining hard-wrapped prose.

    Scraped text puts one paragraph on each line, so every line is its own unit; a line that
    stops without sentence-final punctuation and is continued in lower case is a hard wrap and
    is joined to the next instead.
    """
    block: list[str] = []
    pieces: list[str] = []  # the line being built: one source line, or several hard-wrapped
    for raw in rejoin_broken(body.translate(_INVISIBLE).splitlines()):
        line = _DROP_CAP.sub(r"\1\2", " ".join(raw.split()))
        if line and pieces and line[0].islower() and not _TERMINAL.search(pieces[-1]):
            pieces.append(line)
            continue
        if pieces:
            block.append(" ".join(pieces))
        pieces = [line] if line else []
        if not line and block:
            yield block
            block = []
    if pieces:
        block.append(" ".join(pieces))
    if block:
        yield block
