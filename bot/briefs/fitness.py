"""Which sentences can stand in a brief, and the candidates.

``is_fit`` refuses questions, fragments, teasers, calls to action (``calls``), page furniture
and code; ``candidates`` cleans a body (see ``cleaning``) and returns the sentences worth
scoring.
Which sentences lean on the one before is ``dangling.dangles``.
"""

from __future__ import annotations

import re

from bot.briefs.calls import calls_to_action
from bot.briefs.cleaning import (
    _CJK,
    _HAS_LETTER_OR_DIGIT,
    MAX_SCORED_SENTENCES,
    MAX_SENTENCE_CHARS,
    MAX_SENTENCE_WORDS,
    MIN_SENTENCE_WORDS,
    _clean_blocks,
    _norm_key,
    word_count,
)
from bot.briefs.datelines import MONTH
from bot.briefs.language import tools

# --------------------------------------------------------------------------------------------
# Sentences fit to be a brief

# A list marker opening a line: a dash, star, bullet or "1.", "2)", "a)". The item after it is
# kept when it is a sentence in its own right.
_BULLET = re.compile(
    r"^(?:[-*+\u2022\u2023\u25aa\u25cf\u2013\u2014\u00b7>]|\d{1,2}[.)]|[a-z]\))\s+"
    # Stars and diamonds before a Chinese or Japanese item, with no space after.
    r"|^[\u2605\u2606\u25c6\u25c7]\s*"
    # A star glued to an English story's first word, a site's house style: "*Online fundraisers …".
    r"|^\*(?=[A-Z\"\u201c][a-z])"
)

# A complete statement: it ends on a full stop or exclamation mark, maybe inside quotes or
# brackets. Questions, colons, ellipses and bare words are not sentences a brief can stand on.
# French spaces its closing guillemet: "… demain. »".
_STATEMENT_END = re.compile(r"[.!\u3002\uff01](?:[\"'\u201d\u2019\u00bb)\]]|\s\u00bb)*$")
# A statement that reports a question someone asked, quoted after a colon: "… a student
# asked Ann Rogerson a question she'd never heard before: Was it okay to use paraphrasing
# tools?" (eight words or more before the colon: "The question: will it last?" is a hook,
# and so is a teaser's "… im Sechs-Parteien-Deutschland: Stabile Mehrheiten?").
_REPORTED_QUESTION = re.compile(
    r"^(?=[^:]*\b(?:ask(?:ed|s|ing)?|question|wonder(?:ed|s|ing)?)\b)"
    r"(?:[^\s:?]+\s+){8,}[^\s:?]*:\s[\"'\u201c]?[A-Z][^:?]{10,}\?[\"'\u201d\u2019]?$"
)
# A rhetorical "?!" and a short exclamation outside quotation marks ("Williams: Ein
# britisches „Hass-Duell“!") are a writer's hook, not a report.
_HOOK = re.compile(r"(?:\?!|!\?)[\"'\u201d\u2019\u00bb)]*$")
_SHORT_EXCLAMATION = re.compile(r"!$")  # not '"We won!"': the cry inside quotation marks
_HOOK_WORDS = 8
# Page pieces run into a sentence: a heading in title case before its paragraph's first
# words ("University Ave A surprising amount of the work …"), a piece that starts after a
# dash ("— email remains the standard …").
_GLUED_HEADING = re.compile(
    r"^(?:[A-Z][\w'\u2019.-]*\s){2,6}(?:A|An|The) [a-z]|^[\u2013\u2014-]\s?[a-z]"
)
# A sentence of capitals only: six words or more in capitals, nothing in lower case.
_LOWER = re.compile(r"[a-z\u00df-\u00ff]")
_CAPS_WORD = re.compile(r"\b[A-Z\u00c0-\u00de]{2,}")
_SHOUTED_WORDS = 6
# List items run together: "… for new users, - It's a closed system: If you stay …".
_GLUED_ITEMS = re.compile(r"[,;] - [A-Z][^:.!?]{2,40}: ")
# A standfirst without its subject: "Says moves will bring stability to the Rams."
_SUBJECTLESS = re.compile(r"^(?:Says|Warns|Claims|Insists|Argues|Admits|Reveals) [a-z]")
# What a removed embed or a feed's metadata leaves: a sentence cut at its colon ("… this
# time around:."), a time stamp ("published on 2015-04-02T00:42:25Z In 2012, …").
_LEFT_BEHIND = re.compile(r"[:;,]\.$|\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
# A writer's aside to the reader, outside quotation marks: "Don't get out of your chair.",
# "Do not pass them up when you spot these gems in the produce aisle!"
_ASIDE = re.compile(r"^(?:Don['\u2019]t|Do not) \w")
_DATELINE_LEAD = re.compile(r"^[A-Z\u00c0-\u00de][\w./ -]{1,30} \([\w/]{2,12}\) [-\u2013\u2014]")
# A teaser cut short: "… and then […]", "… more...", "The council voted to…".
_TRUNCATED = re.compile(r"(?:\.\.\.|\u2026|\[(?:\.\.\.|\u2026)\]|\((?:more|mehr)\W*\))\W*$", re.I)
# Page furniture that reads like a sentence: reference-list access dates ("Retrieved 27
# January 2020."), streaming and rental tails of a review, sponsor reads, and hover-card text
# glued into a sentence ("Kristi NoemKristi Lynn NoemSouth Dakota governor"): a name, then the
# same name's first word glued to the end of a word.
_FURNITURE = re.compile(
    rf"^(?:Retrieved|Accessed|Archived(?: from the original)?)(?: on)? (?:\d{{1,2}} {MONTH}"
    rf"|{MONTH}\.? \d{{1,2}},?|\d{{4}}-\d{{2}}-\d{{2}})"
    # A blog's name as a label: "Blog : Petits papiers, grandes histoires..".
    r"|^Blog\s?:\s.{0,60}$"
    # A record's or film's credits: "Publishers: WB Music Corp. (ASCAP) / …".
    r"|^(?:Publishers?|Producers?|Songwriters?|Composers?|Label|Record Company|Credits?"
    r"|Lyrics|Cast)\s?:"
    # A reference list's authors: "Cui, J., Zou, R., Zhang, W. et al."
    # (Not one name with an initial: "Yassin E., imam de la mosquée …".)
    r"|^[A-Z][\w'\u2019-]+, (?:[A-Z]\.\s?){1,3},"
    r"|^[A-Z][\w'\u2019-]+ (?:[A-Z]\.\s?){1,3}, [A-Z][\w'\u2019-]+,? [A-Z]\."
    r"|\b(?:currently|now|is|are) streaming (?:on|via)\b.{0,120}\bavailable to (?:rent|buy)\b"
    r"|\b(?:currently|now) streaming on\b|\bavailable to (?:rent|buy|stream)\b"
    r"|\b(?:podcast|episode|show|newsletter|video|broadcast)\b.{0,40}\b(?:is |are )?"
    r"(?:sponsored|brought to you|presented|supported) by\b"
    r"|\b([A-Z][a-z]{2,}) (?:[A-Z][\w.'\u2019-]* ){0,3}[A-Z][a-z]+\1\b"
    # A photo's caption, in a caption's present tense: "The Clark County sheriff, Joe Lombardo,
    # speaks during a news conference at the Las Vegas police headquarters."
    # (Not "Everyone who listens to her show …": no relative clause in a caption's subject.)
    r"|^(?![^.]*\b(?:who|that|which)\b)[^\"\u201c\u201d.]{3,80}? (?:speaks|gestures|looks on"
    r"|poses|waves|smiles|reacts|addresses reporters) (?:during|at|as|after|outside|in front of"
    r"|to)\b[^\"\u201c\u201d]{0,120}\.$"
    # The same card with a nickname: "Chairman Mike EnziMichael (Mike) Bradley EnziThis …".
    r"|\b[A-Z][a-z]+[A-Z][a-z]+ \([A-Z][a-z]+\) [A-Z]"
    # Another teaser's caption glued on, its last word run into the text's first: "… sind
    # die LegoLego feiert …". Four letters or more: "GasGas" and "TomTom" are brands.
    r"|\b(?P<twice>[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]{3,})(?P=twice)\b"
    # What is left of a quotation the page embedded: "Trump told the paper.", and a comment
    # or reply that starts by trailing off: "...I just want new phones."
    r"|^(?:[\w\u2019'.-]+ ){1,3}(?:told|said to|wrote to) (?:the |a |an )?\w+(?: \w+)?\.$"
    r"|^(?:\.\.\.|\u2026)"
    # Japanese and Chinese pages talking to their readers: "details on the next page",
    # "please contact us", "we look forward to", "click", "follow us", "scan the code", "sorted
    # out / summed up for you" (为您梳理, 为你盘点), "have a look first" (抢先看), "please stay
    # tuned" (敬请关注), "see more", "read the full text" (查看更多, 阅读全文).
    r"|\u6b21\u306e\u30da\u30fc\u30b8|\u3054\u9023\u7d61|\u304a\u5f85\u3061\u3057\u3066"
    r"|\u3054\u89a7\u304f\u3060\u3055\u3044|\u3053\u3061\u3089\u304b\u3089"
    r"|\u70b9\u51fb|\u5173\u6ce8\u6211\u4eec|\u626b\u7801|\u6b22\u8fce\u5173\u6ce8|\u4e0b\u4e00\u9875"
    r"|\u4e3a[\u60a8\u4f60](?:\u68b3\u7406|\u76d8\u70b9|\u6574\u7406|\u89e3\u8bfb|\u5e26\u6765|\u4ecb\u7ecd"
    r"|\u63a8\u8350|\u63ed\u79d8|\u6c47\u603b|\u5949\u4e0a|\u5448\u73b0|\u9001\u4e0a)|\u62a2\u5148\u770b|\u656c\u8bf7\u5173\u6ce8"
    r"|\u67e5\u770b\u66f4\u591a|\u9605\u8bfb\u5168\u6587|\u9605\u8bfb\u539f\u6587|\u5c55\u5f00\u5168\u6587"
    # An encyclopedia's "come and edit it" (赶紧来编辑, 本词条缺少), "let's look below" (下面来看),
    # "share this image" (この画像をシェア), a note's label (备注), a Korean portal's "read the
    # full text for context" (본문 보기를 권장합니다), and a piece that starts on a particle (的).
    r"|\u8d76\u7d27\u6765\u7f16\u8f91|\u672c\u8bcd\u6761\u7f3a\u5c11|\u4e0b\u9762\u6765\u770b"
    r"|\u3053\u306e\u753b\u50cf\u3092\u30b7\u30a7\u30a2|^\u5907\u6ce8\uff1a|^\u7684"
    r"|\ubcf8\ubb38 \ubcf4\uae30\ub97c \uad8c\uc7a5"
    # "this article will / shares …" (本文会, 本文将): a blog announcing itself.
    r"|\u672c\u6587(?:\u4f1a|\u5c06)"
    # A table's caption: "各地高温津贴一览。" (… at a glance).
    r"|^[^\uff0c,]{2,24}\u4e00\u89c8\u8868?\u3002?$"
    # A Chinese attribution whose quotation was a paragraph of its own: "一位负责人表示。",
    # "…副主任在…会议上表示。" ("said", "pointed out", "revealed", "stressed", "told"), with no
    # quotation of its own before it (a quotation, then "…官员表示。", is whole); not "…之称。"
    # (is known as) or a novel, a legend or a theory (小说, 传说, 学说); "介绍" ends whole
    # sentences too ("…进行了介绍。", gave a presentation).
    r"|^(?![\u201c\u201d\u300c\"])(?!.*[\u201d\u300d\"][\uff0c,])[^\uff1a:]{2,80}"
    r"(?:\u8868\u793a|\u6307\u51fa|\u900f\u9732|\u5f3a\u8c03|\u5766\u8a00"
    r"|\u544a\u8bc9[^\uff0c\u3002]{0,20}\u8bb0\u8005"  # told (the paper's) reporter
    r"|(?<!\u4e4b)\u79f0|(?<![\u5c0f\u4f20\u5b66\u6f14\u6e38\u542c\u636e])\u8bf4)\u3002$"
    # Paywalls: "members only" (会員限定), "read on" (続きをお読み, 続きを読む), "subscribers" in
    # Spanish and Portuguese ("Necesitas ser suscriptor para …", "Assine para …").
    r"|\u4f1a\u54e1\u9650\u5b9a|\u7d9a\u304d\u3092\u304a?\u8aad\u307f|\u7d9a\u304d\u3092\u8aad\u3080"
    r"|\b(?:Necesitas ser suscriptor|Hazte suscriptor|Assine para|Exclusivo para assinantes)\b"
    # A Japanese piece that starts on a particle, its subject lost with a link: "は、…".
    r"|^[\u306f\u304c\u3092][\u3001\uff0c]"
    # Shopping-deal lines: "… 6.76 Fl. Oz. for $22.49 (list price $29.99)".
    r"|\((?:list price|was|reg\.?|regularly) [$\u00a3\u20ac]\d"
    # A photo shoot's credits: "Grooming by … at Platform using Aveda.", "Styling: …".
    r"|^(?:Grooming|Styling|Styled|Hair(?: and make-?up)?|Make-?up|Photograph(?:y|ed)|Photos?"
    r"|Produced|Props?|Set design|Casting|Manicure|Illustrations?)(?: by|:) [A-Z]"
    # A line that is only a company's name: "Turner Broadcasting System, Inc."
    r"|^(?:[A-Z][\w&'\u2019.-]*,? ){1,5}(?:Inc|LLC|Ltd|GmbH|Corp|Co|AG|SA|plc)\.?$"
    # An aside or editor's note in brackets: "(Update, 7 May: …)", "(Previous films: …)", and
    # a blog's postscript ("P.S.: All prints shown here are for sale.", "P.S. As a volunteer
    # project …").
    r"|^[(\[]|^P\.? ?S\.?:|^(?i:P\.S\.)"
)
# A short Chinese or Japanese line ending on a full-width "!" without a number in it is a
# teaser or a slogan; news reports its facts with a full stop.
_CJK_EXCLAMATION_CHARS = 30
# A heading that happens to end in "!" or ".": a few words, nearly all capitalised.
_HEADING_WORDS = 8


def _title_case(sentence: str) -> bool:
    if _CJK.search(sentence):
        return False  # Latin names inside Chinese or Japanese text are not a heading
    words = [w for w in sentence.split() if _HAS_LETTER_OR_DIGIT.search(w)]
    if not 2 <= len(words) <= _HEADING_WORDS:
        return False
    capitals = sum(1 for w in words if w.lstrip("\"'\u201c\u2018(")[:1].isupper())
    return capitals >= len(words) - 1 and capitals >= 3


# Source code: comment or preprocessor openers, declarations, and statements ending on a
# brace or semicolon.
_CODE = re.compile(
    r"^(?://|/\*|\*/|#(?:include|define|!)|<\?|\$ |>>> )"
    r"|^(?:import|from|package|using|def|class|func|fn|public|private|protected|static|return"
    r"|var|let|const|val|struct|enum|interface|namespace|typedef)\s+[\w.$<>*]+(?:\s*[(:{;=]|$)"
    r"|[{};]\s*$"
    # Code after a Chinese or Japanese lead-in and a colon: "示例代码如下 import json …".
    r"|[\u4e00-\u9fff]\s?[\uff1a:]\s*(?:import|from|def|class|var|let|const|function|public)\s"
)
_CODE_SIGNS = re.compile(r"[{};=<>|]|\w\(|\)\.|::|->|=>|\b\w+_\w+\b|\b[a-z]+[A-Z]\w*\(")


# The tail of a list item or a hard-wrapped line: it opens on a small letter ("ab 1. Januar
# 2024 für Substitute."), which no sentence in a script with capitals does. "iPhone sales
# rose." and "eBay said" open on a brand with a capital inside.
_FIRST_WORD = re.compile(r"^[\"'\u201c\u201e\u00ab(\[]?([^\W\d_][\w'\u2019-]*)")


def _opens_small(sentence: str) -> bool:
    first = _FIRST_WORD.match(sentence)
    return first is not None and first[1].islower()


# A transcript line: a speaker's name and a colon, then someone talking in the first or
# second person ("Korinna Hennig: Wir haben darüber gesprochen …").
_SPEAKER_LABEL = re.compile(
    r"^[A-Z][\w.'\u2019-]+(?: [A-Z][\w.'\u2019-]+){0,2}: .*\b(?:I|[Ww]e|[Yy]ou|[Ii]ch|[Ww]ir|Sie"
    r"|[Dd]u|[Jj]e|[Nn]ous|[Vv]ous|[Yy]o|[Nn]osotros|[Uu]sted)\b"
)


# Triangles mark a Korean or Japanese photo caption; squares, diamonds and circles a
# bulleted point of a press release ("■ JR岐阜駅の目の前 …"), not a sentence of the story.
_CAPTION_MARKS = "\u25b2\u25b3\u25a0\u25a1\u25c6\u25c7\u25cf\u25cb\u2605\u2606"
_FROM_LEFT = re.compile(
    r"^\(?(?:[Ff]rom left|[Vv]on links|[Vv]\.\s?l\.\s?n\.\s?r\.|[Dd]e gauche \u00e0 droite"
    r"|[Dd]e izquierda a derecha|\uc67c\ucabd\ubd80\ud130|\u5de6\u304b\u3089"
    # A caption that names who is in the photo: "Pictured right, is …", "Pictured: …".
    r"|Pictured(?: (?:left|right|above|below|here|top|bottom|centre|center))?(?:,|:| (?:is|are)\b))"
)
# A transcript's gap: "(inaudible)", "[crosstalk]".
_TRANSCRIPT_GAP = re.compile(
    r"[(\[](?:inaudible|unintelligible|crosstalk|indiscernible)[)\]]", re.I
)
# A caption that says the photo is an old one: "Mario Vargas Llosa, en una imagen de archivo.",
# "… in a file photo.", "… in this June 3, 2007, file photo.", "(Archivbild)".
_FILE_PHOTO = re.compile(
    r"\b(?:en (?:una )?(?:imagen|foto|fotograf\u00eda) de archivo"
    r"|in (?:a|this) (?:[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4},? )?file (?:photo|image)"
    r"|(?:em|numa) (?:imagem|foto) de arquivo"
    r"|sur une photo d(?:'|\u2019)archives"
    r"|in una (?:foto|immagine) d(?:'|\u2019)archivio|Archivbild|Archivfoto"
    # A wire photo's caption, which ends on its date: "Guests attend a ceremony … at the West
    # Kowloon Station, Jan. 15, 2023." (a report says "on Jan. 15").
    r"|, (?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}(?=\.$)"
    # A caption pointing at its picture: "… like this amateur dogfighting video …".
    r"|(?:like|in|from|shown in|seen in) this (?:[\w-]+ ){0,3}(?:photo|photograph|picture"
    r"|image|screenshot)|like this (?:[\w-]+ ){0,3}video"
    # A caption telling people apart by where they stand: "The veiled woman on the left …
    # the couple on the right …" (one side alone is as often politics: "people on the right").
    r"|(?:wom[ae]n|m[ae]n|person|people|couple|girl|boy|child|children) on the (?:far )?"
    r"(?:left|right)\b.{0,120}\bon the (?:far )?(?:left|right)"
    r")\b"
)
# A caption that is a name, what the person is and the year of the photo: "Mario Vargas Llosa,
# peruanischer Schriftsteller und Nobelpreisträger (2010)."
_NAME_AND_YEAR = re.compile(
    r"^[A-Z\u00c0-\u00de][\w'\u2019-]+(?: [A-Z\u00c0-\u00de][\w'\u2019-]+){0,3}, [^.]{3,150}"
    r"\(\d{4}\)\.$"
)


# An interviewer's prompt put as a statement: "You mentioned that this game came out of a
# game jam." It is a question to the guest, not news.
_INTERVIEWER = re.compile(
    r"^You(?:(?:'|\u2019)ve| have)? (?:mentioned|said|told (?:us|me)|wrote|talked about"
    r"|spoke about|described|once said|noted) "
)


def is_fit(sentence: str) -> bool:
    """Whether a sentence can stand in a brief: a complete statement about the news.

    Not fit: questions, fragments without a full stop (headings, labels, hard-wrapped or
    code-stripped pieces, a list item's tail), truncated teasers, calls to action, transcript
    lines and source code.
    """
    if _TRUNCATED.search(sentence) or not (
        _STATEMENT_END.search(sentence) or _REPORTED_QUESTION.match(sentence)
    ):
        return False
    short = len(sentence.split()) <= _HOOK_WORDS
    if (
        _HOOK.search(sentence)
        or ((short or sentence.endswith("!")) and _ASIDE.match(sentence))
        or (
            short
            and _SHORT_EXCLAMATION.search(sentence)
            and not _DATELINE_LEAD.match(sentence)  # "Kiel (dpo) - Finnland ist in Gefahr!"
        )
    ):
        return False  # a writer's hook: "Was ist denn DA los?!", "Un vent à décorner les vaches !"
    if _opens_small(sentence) or _SPEAKER_LABEL.match(sentence) or sentence[:1] in ":;,)":
        return False  # a list item's tail, a transcript line, or a piece cut after a label
    caption = (
        _FROM_LEFT.match(sentence) or _FILE_PHOTO.search(sentence) or _NAME_AND_YEAR.match(sentence)
    )
    if sentence[:1] in _CAPTION_MARKS or caption:
        # A photo caption: Korean and Japanese papers mark one with a triangle, a group
        # photo's names run "from left", an old photo says so, a portrait gives its year.
        return False
    if (
        _GLUED_HEADING.match(sentence)
        or _GLUED_ITEMS.search(sentence)
        or _LEFT_BEHIND.search(sentence)
        or _SUBJECTLESS.match(sentence)
        or _INTERVIEWER.match(sentence)
    ):
        return False
    if "\ufffd" in sentence:
        return False  # a letter the page lost in a wrong decoding: "Pedro S\ufffdnchez"
    if _TRANSCRIPT_GAP.search(sentence):
        return False  # a transcript's gap: "Did you (inaudible) the ferry?"
    if not _LOWER.search(sentence) and len(_CAPS_WORD.findall(sentence)) >= _SHOUTED_WORDS:
        return False  # a broadcast's closed captions, all in capitals: "SO LOW TEMPERATURES …"
    if sentence.startswith(("\u00bf", "\u00a1")) or calls_to_action(sentence):
        return False
    if _FURNITURE.search(sentence) or _title_case(sentence):
        return False
    if (
        sentence.endswith("\uff01")
        and len(sentence) < _CJK_EXCLAMATION_CHARS
        and not any(c.isdigit() for c in sentence)  # "…封闭施工22天" + U+FF01 reports a fact
    ):
        return False  # a Chinese teaser: "it is settled!" (定了), "… opens at last!"
    if _CODE.search(sentence):
        return False
    if _HANDLE.search(sentence) and not _REPORTED.search(sentence):
        return False  # an embedded post ("… affecting parts of @STN_Airport.")
    return len(_CODE_SIGNS.findall(sentence)) < 3


# A social-media handle: a sentence holding one is an embedded post or a "follow @us", unless
# the article reports what the account wrote.
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z_]\w{1,14}\b")
_REPORTED = re.compile(r"\b(?:said|says|wrote|writes|tweeted|posted|told|added|according to)\b")


_QUOTES = re.compile(r"[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e]")
_RECENT = 8


class Candidates(list[str]):
    """The sentences ``candidates`` keeps, and which of them follow one it refused."""

    after_gap: frozenset[int] = frozenset()


def candidates(title: str, body: str, language: str) -> Candidates:
    """Sentences worth scoring: fit (see is_fit), not the title, no repeats, the lead N.

    Reads the body lazily and stops at MAX_SCORED_SENTENCES, so a huge page costs no more to
    clean and split than a long article. A kept sentence right after a refused one (a
    question, a fragment) is marked: whatever it leans on is not among the candidates.
    """
    tokenizer = tools(language).tokenizer
    title_key = _norm_key(title)
    seen: set[str] = set()
    recent: list[str] = []  # quote-free keys of the last few sentences kept
    templates: set[str] = set()  # keys with their numbers blanked
    repeated: set[str] = set()  # such keys seen twice
    result: list[str] = []
    after_gap: set[int] = set()
    refused = False  # the sentence just before was refused
    for block in _clean_blocks(body, title):
        for line in block:
            for sentence in tokenizer.to_sentences(_BULLET.sub("", line)):
                key = _norm_key(sentence)
                if key == title_key or key in seen:
                    continue
                if (
                    not MIN_SENTENCE_WORDS <= word_count(sentence) <= MAX_SENTENCE_WORDS
                    or len(sentence) > MAX_SENTENCE_CHARS
                    or not is_fit(sentence)
                ):
                    refused = True
                    continue
                # A quotation repeated in the sentence that reports it (an embedded post and
                # its write-up): keep whichever came first.
                bare = _QUOTES.sub("", key)
                if any(bare in other or other in bare for other in recent):
                    continue
                # Score lines, tables and tickers: the same words with other numbers
                # ("Result: 98:70 for Leszno.", "Result: 87:63 for Leszno.") are no one's news.
                template = _DIGITS.sub("#", key)
                if template != key and template in templates:
                    repeated.add(template)
                templates.add(template)
                seen.add(key)
                recent.append(bare)
                del recent[:-_RECENT]
                if refused:
                    after_gap.add(len(result))
                    refused = False
                result.append(sentence)
                if len(result) == MAX_SCORED_SENTENCES:
                    return _without_templates(result, repeated, after_gap)
    return _without_templates(result, repeated, after_gap)


_DIGITS = re.compile(r"\d+")


def _without_templates(sentences: list[str], repeated: set[str], after_gap: set[int]) -> Candidates:
    kept = Candidates()
    gaps: set[int] = set()
    for index, sentence in enumerate(sentences):
        if repeated and _DIGITS.sub("#", _norm_key(sentence)) in repeated:
            continue  # a score line: its neighbours' references are not to it
        if index in after_gap:
            gaps.add(len(kept))
        kept.append(sentence)
    kept.after_gap = frozenset(gaps)
    return kept


def longest_refused(title: str, body: str, language: str) -> int:
    """The length in characters of the longest sentence ``candidates`` refuses for its length
    (over MAX_SENTENCE_WORDS words or MAX_SENTENCE_CHARS characters), or 0 if none is: read
    only when no sentence was left, to say why."""
    tokenizer = tools(language).tokenizer
    longest = 0
    for block in _clean_blocks(body, title):
        for line in block:
            for sentence in tokenizer.to_sentences(_BULLET.sub("", line)):
                if len(sentence) > MAX_SENTENCE_CHARS or word_count(sentence) > MAX_SENTENCE_WORDS:
                    longest = max(longest, len(sentence))
    return longest
