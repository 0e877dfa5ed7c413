"""Cleaning a scraped article and choosing the sentences fit to be scored for a brief.

Boilerplate lines (bylines, credits, appeals, share prompts, captions) are dropped, datelines are
cut off, hard-wrapped prose is re-joined, and what is left is split into sentences; only
sentences that can stand in a brief become candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from bot.briefs.factcheck import is_label
from bot.briefs.language import tools

# News is written as an inverted pyramid: what a brief needs is in the first screens, and the
# tail of a long page is mostly archive, comments and link lists the cleaner did not catch.
# Graph summarizers build an n x n similarity matrix (plain sumy LexRank needs about a second
# for 500 sentences), so scoring only the first 150 sentences -- some 3,000-4,000 words, longer
# than all but the longest features -- bounds the worst case while leaving ordinary articles
# (20-80 sentences) untouched.
MAX_SCORED_SENTENCES = 150

# MAX_SCORED_SENTENCES sentences of at most MAX_SENTENCE_WORDS words fit in well under this many
# characters, boilerplate included. Anything longer is a page dump rather than an article, and
# cleaning and splitting all of it (a 5 MB single-line page takes seconds) would buy nothing.
MAX_BODY_CHARS = 200_000

# A "sentence" of fewer words is a fragment (a label, a lone name, "Read more."); one of more
# words is a scraping blob (a menu, a table, a caption run together) rather than prose.
MIN_SENTENCE_WORDS = 4
MAX_SENTENCE_WORDS = 80

# What counts as a word for the length limits: a whitespace-separated token with a letter or
# digit in it, so "—" and "•" do not count but "2022" and "U.S." do.
_HAS_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _norm_key(text: str) -> str:
    """Comparison key: case, spacing and closing punctuation do not make a sentence different."""
    return " ".join(text.casefold().split()).rstrip(" .!?\u2026:;\"'\u201d\u2019\u00bb")


# Sentence-final punctuation, optionally followed by closing quotes or brackets.
_TERMINAL = re.compile(r"[.!?\u2026\u3002\uff01\uff1f](?:[\"'\u201d\u2019\u00bb)\]]*)$")

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# A date as datelines write it: "21 December 2022", "Dec. 21", "2022-12-21", "12/21/2022".
_DATE = re.compile(
    rf"\b\d{{1,2}} {_MONTH}\b|\b{_MONTH}\.? \d{{1,2}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"
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
    r"^(?P<prefix>.{2,80}?)(?: ?[\u2014\u2013] ?| --? )(?=[\"\u201c\u2018'(]?[A-Z0-9])"
)

_DASH = re.compile(r"[\u2014\u2013]| --? ")

# Lines that are boilerplate, tested in order against each whitespace-collapsed line; a match
# drops the whole line. Each is anchored or phrased so that ordinary reporting survives: a story
# about subscribers, donations, photographs or copyright must not lose its sentences.
_BOILERPLATE: tuple[re.Pattern[str], ...] = (
    # Byline: the whole line is "By" and capitalised names, joined by commas/"and"/"&", maybe an
    # outlet after a dash or bar ("By Jane Doe and John Roe, Reuters"). "By the end of …" survives.
    re.compile(
        r"^(?:By|BY) [A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}"
        r"(?:(?:,| and| &) [A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3})*"
        r"(?: ?[|\u2013\u2014-] ?[A-Z][\w.'\u2019& ]{0,40})?\.?$"
    ),
    # Wire credits: "Reporting by Jane Doe; Editing by John Roe", "Additional reporting by …".
    re.compile(
        r"^(?:(?:Additional )?[Rr]eporting|Writing|Editing|Written|Compiled|Produced) by [A-Z]"
        r".{0,200}$"
    ),
    # Translator credit: "Translated by Regina Anavy", "Translation: …".
    re.compile(r"^(?:Translated|Translation|Translator)(?: from [A-Z]\w+)?(?: by|:) .{1,80}$"),
    # Appeals opening a line: "Subscribe …", "Sign up for …", "Support us", "Donate …",
    # "Become a member …", "Thank you for reading …". "Subscribers said …" survives (\b).
    re.compile(
        r"^(?:Please,? )?(?:[Ss]ubscribe|[Ss]ign up|[Ss]upport us|[Dd]onate|[Jj]oin us"
        r"|[Bb]ecome a (?:paying )?(?:member|subscriber|supporter|patron)"
        r"|[Gg]et (?:our|the) (?:\w+ )?newsletter"
        r"|Thank you for (?:reading|supporting|your support))\b"
    ),
    # Appeals anywhere in a line, in phrasing only a publisher uses about itself: "sign up for
    # our newsletter", "continue supporting us by becoming a member", "donate now". Quotes in
    # the news say "support us" and "become a member" too, so those alone are not enough.
    re.compile(
        r"\b(?:sign up (?:for|to) our (?:\w+ ){0,2}(?:newsletters?|alerts|emails?|mailing list"
        r"|briefings?|digest)|subscribe (?:to|for) our\b"
        r"|support (?:our|independent) (?:journalism|reporting|newsroom)"
        r"|support(?:ing)? us (?:by|through) (?:becoming|subscribing|donating|making|joining)"
        r"|support us on (?:Patreon|Ko-fi|Substack)|donate (?:now|today|here)\b"
        r"|by becoming a (?:paying |monthly )?(?:subscriber|supporter|patron)\b)",
        re.IGNORECASE,
    ),
    # Shouted appeal headers that scrapers glue onto the text: "COLLABORATE WITH OUR WORKThe …".
    re.compile(r"^(?:COLLABORATE|SUPPORT|DONATE|SUBSCRIBE|JOIN|HELP) [A-Z]"),
    # Share and follow prompts: "Share this article", "Follow us on Telegram", "Click here …".
    re.compile(
        r"^(?:Share (?:this|on|via)\b|Share:|Follow (?:us|@)|Like us on|Tweet this|Email this"
        r"|Copy link|Print this)|\b(?:click|tap) here\b|\bfollow us on\b",
        re.IGNORECASE,
    ),
    # Credit labels opening a line: "Photo: …", "Image credit …", "File photo …", "Photo by X/Y".
    re.compile(
        r"^(?:(?:File |Main |Top |Featured |Cover )?(?:Photo|Photograph|Picture|Image|Foto|Caption"
        r"|Credit|Video)s?(?: credit)? ?[:|\u00a9]|Image credits?\b|File photo\b"
        r"|(?:Photo|Photograph|Picture)s? by (?-i:[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3})"
        r"(?: ?[/,|] ?.{0,40})?$)",
        re.IGNORECASE,
    ),
    # A caption: after the last sentence, or alone, a credit parenthetical "(Name/Outlet)" or
    # "(Photo: …)", as in "… 220,000 Cubans. (Reinaldo Escobar/14ymedio)", "(AP Photo/Evan
    # Vucci)". Inside a sentence, "(Reuters/Ipsos)." is a poll citation and survives.
    re.compile(
        r"(?:^|[.!?\u201d\"] ?)\([A-Z][^()/]{0,60}/ ?\w[^()/]{0,40}\)$"
        r"|\((?:Photo|Photograph|Image|Foto|Picture)s?(?: credit)?(?::| by)[^()]{1,80}\)\.?$"
    ),
    # Agency credits: "Photograph: Jane Doe/Getty Images", "… via Getty Images", "REUTERS/Name".
    # A sentence that merely mentions Getty Images ends with a period and survives.
    re.compile(
        r"(?:[/|:\u00a9]|\bvia) ?(?:Getty Images|Shutterstock|Alamy)\b"
        r"|(?:Getty Images|Shutterstock|Alamy)\)?$|\b(?:REUTERS|AFP|AP|EPA)/ ?[A-Z]"
    ),
    # Advertising slots: "Advertisement", "Story continues below advertisement", "Sponsored".
    re.compile(
        r"^(?:Advertisement|Sponsored(?: content)?|Story continues below(?: advertisement)?"
        r"|Continue reading(?: below)?)\W*$",
        re.IGNORECASE,
    ),
    # Links to other stories: "Read more: …", "Related: …", "See also: …", "READ MORE".
    re.compile(
        r"^(?:(?:Read (?:more|also|next)|Also read|See also|Related(?: (?:articles?|stories"
        r"|coverage|content))?|More on this(?: story)?|Recommended|Must read|Watch|Listen)"
        r" ?[:\uff1a|\u00bb\u203a>]|READ MORE\b|Read more$)",
        re.IGNORECASE,
    ),
    # Copyright lines: "© 2024 Outlet", "Copyright 2024 …", "(c) 2024 …", "All rights reserved".
    re.compile(
        r"^(?:\u00a9|\([cC]\) ?\d|Copyright (?:\u00a9|\([cC]\)|\d{4}))"
        r"|\u00a9 ?\d{4}|\bAll rights reserved\b",
        re.IGNORECASE,
    ),
    # No sentence in it: at most five words and no sentence-final punctuation, like a menu
    # label, a section name or "14ymedio bigger14ymedio".
    re.compile(r"^(?:\S+ ){0,4}\S*[^\s.!?\u2026\u3002\uff01\uff1f\"'\u201d\u2019\u00bb]$"),
)


# A wire or outlet tag glued to the first word, maybe after a place: "Moscow (CNN)A Russian …",
# "(The Hollywood Reporter)The cast …", "Polk City, Florida (CNN)If …", "(CNN) -- The …".
# Glued, the tag hides the sentence start from punkt and joins the place to the first sentence.
_GLUED_DATELINE = re.compile(
    r"^(?:[A-Z][\w.'\u2019-]*(?:,? [A-Z][\w.'\u2019-]*){0,4},? ?)?"
    r"\((?:CNN|AP|AFP|Reuters|[A-Z][\w&.'\u2019]*(?: [A-Z&][\w&.'\u2019]*){0,4})\)"
    r"(?:(?= ?(?:--?|[\u2014\u2013]) )(?: ?(?:--?|[\u2014\u2013]) )|(?=[\"\u201c\u2018'A-Z0-9]))"
)


# A photo credit glued to the first word of a paragraph: "Jane Roe/REUTERSThe UK may …",
# "Wikimedia CommonsThe island …" (the caption's credit line lost its line break).
_GLUED_CREDIT = re.compile(
    r"^(?:[A-Z][\w.'\u2019-]* ){0,3}[A-Z][\w.'\u2019-]*/ ?(?:REUTERS|Reuters|AP|AFP|EPA"
    r"|Getty Images|AP Photo)(?=[A-Z\u201c\"])"
    r"|^(?:Wikimedia Commons|Getty Images|Shutterstock|iStock(?:photo)?)(?=[A-Z][a-z])"
)


def _strip_dateline(line: str) -> str:
    """Drop "PLACE, date — " or "HAVANA — " so the first sentence after it can be chosen."""
    credit = _GLUED_CREDIT.match(line)
    if credit is not None and credit.end() < len(line):
        line = line[credit.end() :]
    glued = _GLUED_DATELINE.match(line)
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
    if ("," in prefix and _DATE.search(prefix)) or _CAPS_PLACE.fullmatch(prefix):
        return line[match.end() :].strip()
    return line


# Aggregator footers glued to the end of an item's text: Reddit's "submitted by /u/name to
# r/sub [link] [181 comments]", Hacker News' "Comments", and "[link]"/"[comments]" pairs.
_AGGREGATOR_FOOTER = re.compile(
    r"\s*(?:&#32;)?\s*submitted by\s+(?:/?u/)?[\w-]+(?:\s+to\s+(?:/?r/)?\w+)?"
    r"(?:\s*\[[^\]]{0,40}\])*\s*$"
    r"|\s*\[link\]\s*\[\d*\s*comments?\]\s*$",
    re.IGNORECASE,
)


def _strip_footer(line: str) -> str:
    return _AGGREGATOR_FOOTER.sub("", line) if "[" in line or "submitted" in line else line


def _is_boilerplate(line: str) -> bool:
    return any(rule.search(line) for rule in _BOILERPLATE)


# A rough sentence boundary, for dropping boilerplate out of a long line: terminal punctuation,
# closing quotes, white space, then an upper-case letter, a digit or an opening quote.
_NEXT_STARTS = r"(?=[\"\u201c\u2018(\[]?[A-Z0-9\u00a9\u00c0-\u00de])"
_ROUGH_BOUNDARY = re.compile(
    rf"(?<=[.!?\u2026][\"'\u201d\u2019\u00bb)\]]) {_NEXT_STARTS}|(?<=[.!?\u2026]) {_NEXT_STARTS}"
)


def _without_boilerplate(line: str) -> str:
    """The line, or what is left of it once its boilerplate sentences are dropped.

    Some sources put a whole article on one line ("… the cast returns. ©2015 The Outlet. All
    rights reserved."): dropping the line for one appeal or copyright sentence would drop the
    article, so a long line loses only the sentences the rules match.
    """
    if not _is_boilerplate(line):
        return line
    pieces = _ROUGH_BOUNDARY.split(line)
    if len(pieces) < 3:
        return ""
    return " ".join(piece for piece in pieces if not _is_boilerplate(piece))


def _blocks(body: str) -> Iterable[list[str]]:
    """Yield paragraphs as lists of whitespace-collapsed lines, re-joining hard-wrapped prose.

    Scraped text puts one paragraph on each line, so every line is its own unit; a line that
    stops without sentence-final punctuation and is continued in lower case is a hard wrap and
    is joined to the next instead.
    """
    block: list[str] = []
    pieces: list[str] = []  # the line being built: one source line, or several hard-wrapped
    for raw in body.splitlines():
        line = " ".join(raw.split())
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


def _clean_blocks(body: str, title: str) -> Iterator[list[str]]:
    """Yield the kept lines of each paragraph block, lazily so a brief can stop reading early."""
    title_key = _norm_key(title)
    first = True
    for block in _blocks(body):
        kept: list[str] = []
        for line in block:
            if first:
                first = False
                # Feeds often repeat the headline as the body's first line.
                if title_key and _norm_key(line) == title_key:
                    continue
            if is_label(line):
                # A fact check's "Claim:"/"Rating:" labels look like menu labels, but the brief
                # needs them to say the claim is a claim (see factcheck).
                kept.append(line)
                continue
            text = _without_boilerplate(_strip_footer(_strip_dateline(line)))
            if text:
                kept.append(text)
        if kept:
            yield kept


def clean_body(body: str, title: str = "") -> str:
    """Return the article text minus boilerplate, one paragraph per line, blocks blank-separated.

    Boilerplate is not merely noise for a summarizer: appeals and captions repeat the article's
    key words, so graph methods rank them highly, and a brief that ends "Subscribe now" or a
    photo credit looks broken. Whitespace inside lines is collapsed so that every sentence a
    brief returns is a verbatim substring of this text.
    """
    return "\n\n".join("\n".join(block) for block in _clean_blocks(body, title))


# Han ideographs, kana and the CJK punctuation block: Chinese and Japanese, written without spaces.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
# A Chinese word is about 1.5-2 characters long on average, a Japanese one about as long once
# particles count: a run of such characters is counted as one word per two characters.
_CJK_CHARS_PER_WORD = 2


def word_count(sentence: str) -> int:
    """Words in a text: whitespace-separated tokens with a letter or digit in them, and in
    Chinese or Japanese (no spaces) one word per two characters."""
    count = 0
    for token in sentence.split():
        if not _HAS_LETTER_OR_DIGIT.search(token):
            continue
        cjk = len(_CJK.findall(token))
        if cjk:
            count += max(1, round(cjk / _CJK_CHARS_PER_WORD))
            # Latin words glued to Chinese text ("发布了iPhone新款") still count.
            rest = _CJK.sub(" ", token).split()
            count += sum(1 for part in rest if _HAS_LETTER_OR_DIGIT.search(part))
        else:
            count += 1
    return count


# Where a sentence can end: terminal punctuation, closing quotes, then white space.
_SENTENCE_END = re.compile(r"[.!?\u2026\u3002\uff01\uff1f][\"'\u201d\u2019\u00bb)\]]*\s")


def head(body: str) -> str:
    """The first MAX_BODY_CHARS of a body, cut at a line end (or a sentence end) so that the
    cut leaves no half sentence behind to be briefed."""
    if len(body) <= MAX_BODY_CHARS:
        return body
    window = body[:MAX_BODY_CHARS]
    cut = window.rfind("\n")
    if cut < MAX_BODY_CHARS // 2:
        # One enormous line: end at its last sentence boundary instead.
        ends = [match.end() for match in _SENTENCE_END.finditer(window, MAX_BODY_CHARS // 2)]
        cut = ends[-1] if ends else MAX_BODY_CHARS
    return window[:cut]


# --------------------------------------------------------------------------------------------
# Sentences fit to be a brief

# A list marker opening a line: a dash, star, bullet or "1.", "2)", "a)". The item after it is
# kept when it is a sentence in its own right.
_BULLET = re.compile(
    r"^(?:[-*+\u2022\u2023\u25aa\u25cf\u2013\u2014\u00b7>]|\d{1,2}[.)]|[a-z]\))\s+"
)

# A complete statement: it ends on a full stop or exclamation mark, maybe inside quotes or
# brackets. Questions, colons, ellipses and bare words are not sentences a brief can stand on.
_STATEMENT_END = re.compile(r"[.!\u3002\uff01][\"'\u201d\u2019\u00bb)\]]*$")
# A teaser cut short: "… and then […]", "… more...", "The council voted to…".
_TRUNCATED = re.compile(r"(?:\.\.\.|\u2026|\[(?:\.\.\.|\u2026)\]|\((?:more|mehr)\W*\))\W*$", re.I)
# Calls to action and teaser tails: what a page says to its reader rather than about the news.
_CALL_TO_ACTION = re.compile(
    r"^(?:Check (?:out|it out)|Click|Tap|Read (?:more|on|the (?:full|whole|rest))|Continue reading"
    r"|Keep reading|Learn more|Find out (?:more|how|why|what)|Watch (?:the|our|it|now|this|more)"
    r"|Listen (?:to|now)|Subscribe|Sign up|Download|Register (?:now|here|today|for)"
    r"|Join (?:us|our|the conversation)|Follow (?:us|@)|Share (?:this|your)|Don'?t (?:miss|forget)"
    r"|Get (?:your|our|the latest|it now|started)|Visit (?:our|us|the website|www)"
    r"|See (?:more|the full|also|our|all)|Want (?:to|more)|Be sure to|Make sure to|Stay tuned"
    r"|Tune in|Head (?:over )?to|Grab (?:your|a|the)|Order (?:now|today|your)|Pre-?order"
    r"|Jetzt (?:lesen|kaufen|bestellen|abonnieren|anmelden)|Hier (?:klicken|geht|lesen|mehr)"
    r"|Mehr (?:dazu|erfahren|lesen|zum Thema)|Weiterlesen|Lire la suite|En savoir plus"
    r"|Leer m[a\u00e1]s|Seguir leyendo)\b"
    # Anywhere: "click here", and a "read more" or "continue reading" that points somewhere
    # ("… Continue reading on Medium", "Read more:"), not "pupils read more at home".
    r"|\bclick here\b"
    r"|\b(?:read more|continue reading)(?: (?:on|here)\b| ?[:\u00bb\u203a>\u2026]| ?$)"
    r"|\bavailable (?:now )?(?:on|at) (?:Steam|Amazon|the App Store|Google Play|Netflix)\b"
    # Offers and the page talking about itself: "Book your tickets today!", "Today, we're going
    # to talk about …", "Below are all the teams …", "In this article, we look at …".
    r"|^(?:Book|Buy|Reserve|Secure) (?:your|now|tickets|a (?:table|seat|place|ticket))\b"
    r"|^(?:Add|Save) (?:us|this (?:page|site|article)) (?:to|as)\b|^Bookmark (?:us|this)\b"
    r"|^(?:Today|Now|Here|Next),? (?:we(?:'|\u2019)re|we are|I(?:'|\u2019)m|I am) going to"
    r" (?:talk|look|discuss|explore|show|cover|review|share|walk)\b"
    r"|^In (?:this|today(?:'|\u2019)s) (?:article|post|guide|video|episode|tutorial|piece|review)"
    r",? (?:we|I|you)\b"
    r"|^(?:Below|Above),? (?:are|is|you(?:'|\u2019)ll find|we(?:'|\u2019)ve|you can)\b"
    r"|^(?:Scroll|Swipe) (?:down|through|up)\b|^(?:Let(?:'|\u2019)s|Let us) (?:take a look|dive)\b"
    r"|\byou (?:should|can|may) (?:subscribe|follow (?:any responses|us|him|her))\b"
    r"|\bresponses to this entry\b|\b(?:leave|post) a (?:response|comment|reply)\b"
    r"|^This (?:entry|post) was posted\b|\bis filed under\b|^Welcome (?:to|back to)\b"
    r"|^The following (?:will|is|are|article|post|guide)\b|\bhere(?:,)? we(?:'|\u2019)ll\b"
    r"|\bfile (?:this|it) under\b"
    # Japanese and Chinese references to a figure: "as in the figure below" (下図, 上図, 下图).
    r"|[\u4e0b\u4e0a]\u56f3|\u4e0b\u56fe|\u5982\u56fe"
    r"|\bin (?:a|my|our|an) (?:previous|earlier|last|recent) (?:post|article|piece|column"
    r"|episode|video)\b"
    r"|\u3054\u78ba\u8a8d|\u3054\u5229\u7528\u304f\u3060\u3055\u3044|\u304a\u554f\u3044\u5408\u308f\u305b"
    r"|\bon (?:our|this|the) (?:[\w:]+ ){0,2}podcast\b"
    r"|\b(?:video|photo|image|picture|chart|graphic|map|clip|gallery|tweet|slideshow|table)s? "
    r"(?:above|below)\b|^Editor(?:'|\u2019)?s(?:'|\u2019)? [Nn]ote\b"
    r"|^(?:See|Read|Visit|Check|Consult)\b.{0,80}\bfor (?:more|further|full|all the) (?:information"
    r"|details|info)\b|^(?:Dann |Jetzt )?[Ll]esen Sie (?:unbedingt|hier|jetzt)\b"
    r"|\bwe(?:(?:'|\u2019)(?:re|ve)| are| have)? (?:rounding|rounded) up\b"
    r"|^In (?:der|unserem|unserer|unseren) (?:Produkt[\w-]*|Galerie|Shop|Onlineshop)\b"
    r"|\b(?:findet ihr|findest du|finden Sie|gibt(?:'s| es))\b.{0,60}\b(?:hier|unter|im Shop"
    r"|in (?:der|unserem|unserer|unseren) (?:Produkt|Galerie|Shop|Onlineshop))"
    r"|\bverr(?:a|\u00e4)t(?:e|en)? (?:ich|wir) (?:dir|euch|Ihnen)\b"
    r"|^You can (?:download|get|find|read|buy|order|watch|listen to|see|try)\b.{0,80}"
    r"\b(?:here|below|now)[.!]?$"
    # Disclaimers of a site's links and offers.
    r"|\bat your own risk\b|\bdoes not (?:approve|endorse)\b.{0,80}\b(?:content|websites?"
    r"|information|materials?)\b"
    r"|^(?:Add|Leave|Share|Post|Tell us) (?:your|yours)\b.{0,60}\b(?:in|to|below) the comments\b"
    r"|\b(?:let us know|tell us|sound off)\b.{0,40}\bin the comments\b"
    # Portuguese, Spanish, French, German and Russian pages say the same to their readers.
    r"|^(?:Adicione-nos|Adicione (?:o|a|este)|Clique (?:aqui|no|na)|Leia (?:mais|tamb[e\u00e9]m)"
    r"|Saiba mais|Assine (?:j[a\u00e1]|a|o|nossa|nosso)|Inscreva-se|Siga-nos|Compartilhe"
    r"|Confira (?:tamb[e\u00e9]m|mais|aqui))"
    r"|^(?:Haz clic|Pulsa aqu[i\u00ed]|Suscr[i\u00ed]bete|S[i\u00ed]guenos|Lee tambi[e\u00e9]n"
    r"|Comparte (?:esta|este)|A\u00f1[a\u00e1]denos|Desc[a\u00e1]rgala|Ap[u\u00fa]ntate)"
    r"|^(?:Cliquez (?:ici|sur)|Abonnez-vous|Suivez-nous|(?:\u00c0 )?[Ll]ire aussi|Inscrivez-vous"
    r"|Ajoutez-nous|Partagez (?:cet|cette)|R\u00e9servez (?:vos|votre|d\u00e8s))"
    r"|^(?:Folgen Sie uns|Abonnieren Sie|Lesen Sie (?:auch|mehr|hier)|Klicken Sie"
    r"|Melden Sie sich|F\u00fcgen Sie uns|Sichern Sie sich|Buchen Sie (?:jetzt|Ihre|Ihr))"
    r"|^(?:\u0427\u0438\u0442\u0430\u0439\u0442\u0435 (?:\u0442\u0430\u043a\u0436\u0435|"
    r"\u0434\u0430\u043b\u0435\u0435|\u043d\u0430\u0441)|\u041f\u043e\u0434\u043f\u0438"
    r"\u0441\u044b\u0432\u0430\u0439\u0442\u0435\u0441\u044c|\u041f\u043e\u0434\u043f\u0438"
    r"\u0448\u0438\u0442\u0435\u0441\u044c|\u041f\u043e\u0434\u0440\u043e\u0431\u043d\u0435"
    r"\u0435|\u0421\u043c\u043e\u0442\u0440\u0438\u0442\u0435 \u0442\u0430\u043a\u0436\u0435"
    r"|\u0414\u043e\u0431\u0430\u0432\u044c\u0442\u0435 \u043d\u0430\u0441|\u041d\u0430\u0436"
    r"\u043c\u0438\u0442\u0435)",
    re.IGNORECASE,
)
# Page furniture that reads like a sentence: reference-list access dates ("Retrieved 27
# January 2020."), streaming and rental tails of a review, sponsor reads, and hover-card text
# glued into a sentence ("Kristi NoemKristi Lynn NoemSouth Dakota governor"): a name, then the
# same name's first word glued to the end of a word.
_FURNITURE = re.compile(
    rf"^(?:Retrieved|Accessed|Archived(?: from the original)?)(?: on)? (?:\d{{1,2}} {_MONTH}"
    rf"|{_MONTH}\.? \d{{1,2}},?|\d{{4}}-\d{{2}}-\d{{2}})"
    r"|\b(?:currently|now|is|are) streaming (?:on|via)\b.{0,120}\bavailable to (?:rent|buy)\b"
    r"|\b(?:currently|now) streaming on\b|\bavailable to (?:rent|buy|stream)\b"
    r"|\b(?:podcast|episode|show|newsletter|video|broadcast)\b.{0,40}\b(?:is |are )?"
    r"(?:sponsored|brought to you|presented|supported) by\b"
    r"|\b([A-Z][a-z]{2,}) (?:[A-Z][\w.'\u2019-]* ){0,3}[A-Z][a-z]+\1\b"
    # What is left of a quotation the page embedded: "Trump told the paper.", and a comment
    # or reply that starts by trailing off: "...I just want new phones."
    r"|^(?:[\w\u2019'.-]+ ){1,3}(?:told|said to|wrote to) (?:the |a |an )?\w+(?: \w+)?\.$"
    r"|^(?:\.\.\.|\u2026)"
    # Japanese and Chinese pages talking to their readers: "details on the next page",
    # "please contact us", "we look forward to", "click", "follow us", "scan the code".
    r"|\u6b21\u306e\u30da\u30fc\u30b8|\u3054\u9023\u7d61|\u304a\u5f85\u3061\u3057\u3066"
    r"|\u3054\u89a7\u304f\u3060\u3055\u3044|\u3053\u3061\u3089\u304b\u3089"
    r"|\u70b9\u51fb|\u5173\u6ce8\u6211\u4eec|\u626b\u7801|\u6b22\u8fce\u5173\u6ce8|\u4e0b\u4e00\u9875"
    # Shopping-deal lines: "… 6.76 Fl. Oz. for $22.49 (list price $29.99)".
    r"|\((?:list price|was|reg\.?|regularly) [$\u00a3\u20ac]\d"
    # A line that is only a company's name: "Turner Broadcasting System, Inc."
    r"|^(?:[A-Z][\w&'\u2019.-]*,? ){1,5}(?:Inc|LLC|Ltd|GmbH|Corp|Co|AG|SA|plc)\.?$"
    # An aside or editor's note in brackets: "(Update, 7 May: …)", "(Previous films: …)".
    r"|^[(\[]"
)
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
)
_CODE_SIGNS = re.compile(r"[{};=<>|]|\w\(|\)\.|::|->|=>|\b\w+_\w+\b|\b[a-z]+[A-Z]\w*\(")


def is_fit(sentence: str) -> bool:
    """Whether a sentence can stand in a brief: a complete statement about the news.

    Not fit: questions, fragments without a full stop (headings, labels, hard-wrapped or
    code-stripped pieces), truncated teasers, calls to action and source code.
    """
    if not _STATEMENT_END.search(sentence) or _TRUNCATED.search(sentence):
        return False
    if sentence.startswith(("\u00bf", "\u00a1")) or _CALL_TO_ACTION.search(sentence):
        return False
    if _FURNITURE.search(sentence) or _title_case(sentence):
        return False
    if _CODE.search(sentence):
        return False
    return len(_CODE_SIGNS.findall(sentence)) < 3


# Nouns for the kind of actor or thing an article names once and then refers back to.
_BACK_NOUNS = (
    r"agency|company|firm|group|organi[sz]ation|ministry|department|government|administration"
    r"|regulator|authority|authorities|body|institute|report|study|survey|paper|researchers"
    r"|scientists|authors|team|move|plan|deal|decision|measure|proposal|bill|law|rule|ruling"
    r"|case|incident|attack|crash|outbreak|announcement|statement|product|device|app|startup"
    r"|service|platform|network|project|programme|program|effort|initiative|pair|couple|duo"
    r"|trio|two|three|man|woman|boy|girl|suspect|victim|driver|official|officials|spokesman"
    r"|spokeswoman|spokesperson|source|sources|film|movie|show|series|book|album|song|game"
    r"|band|singer|actor|actress|star|player|club|side|brand|retailer|carrier|airline|bank"
    r"|lender|insurer|automaker|carmaker|manufacturer|maker|giant|operator|utility|partnership"
    r"|findings|results|data|figures|changes|update|feature|event|festival|exhibition|episode"
)

# Words that open a sentence leaning on the one before: pronouns whose noun came earlier,
# demonstratives ("These bursts"), and connectives ("However,", "But"). A brief that picks such
# a sentence without its predecessor leaves the reader asking "who?" or "but what?".
_DANGLING: dict[str, re.Pattern[str]] = {
    "english": re.compile(
        r"^[\"'\u201c\u2018]?(?:He|She|It|They|Him|Her|His|Its|Their|Them|Such|Then|However|But"
        r"|And|Or|Nor|Yet|So|Also|Still|Meanwhile|Instead|Moreover|Furthermore|Besides"
        r"|Nevertheless|Nonetheless|Otherwise|Therefore|Thus|Hence|Likewise|Similarly|Indeed"
        r"|In addition|As a result|By contrast|In contrast|On the other hand"
        r"|For (?:example|instance)|Even so|After that|The (?:latter|former|same)"
        # "These bursts", "This is", but not "This year", "That night".
        r"|(?:This|That|These|Those)(?! (?:year|week|month|morning|afternoon|evening|night|day"
        r"|weekend|time|season|summer|winter|spring|autumn|fall)\b)"
        # A cause or a contrast whose other half came before: "Because space travel is hard."
        r"|Because|Others|Everyone else|The rest|Both|Neither|Not only that|No wonder"
        r"|(?:Even )?[Ww]orse(?: still| than that)?,?(?= )|Better still|As in\b|As such|Another"
        # The second and later steps of an enumeration whose first step came before.
        r"|(?:Second|Secondly|Third|Thirdly|Fourth|Finally|Lastly)(?=,)"
        # A conclusion of what came before: "All in all, it's not a huge win."
        r"|All in all|In short|In sum|To sum up|Overall(?=,)|In the end(?=,)"
        # "One of them is …", "Some of these …": a group named before.
        r"|(?:One|Some|Many|Most|All|Each|Few|None|Several|Two|Three|Both) of (?:them|these|those"
        r"|this|that|it)"
        # A question put to someone named before: "Asked if he would perform, the star …".
        r"|(?:Asked|Pressed|Told|Reached|Contacted) (?:if|whether|about|by|on|for|to)"
        r"|That(?:'|\u2019)s why|Which is why|Which"
        r"|(?:Now|Today|Later|Soon|Here|There|Again|Yet),? (?:he|she|they|it|his|her|their|its)"
        # A definite noun phrase that names a kind of actor the article introduced earlier
        # ("The agency said Monday", "The company's shares"); a role such as "The mayor"
        # identifies its holder and stands alone.
        rf"|The (?:{_BACK_NOUNS})(?:'s|\u2019s)?(?! (?:of|behind|that|which|who|whose|called"
        r"|named|known)\b)"
        # A pronoun subject after an opening phrase: "In a new case study out Monday, they".
        r"|[^,;:\"\u201c]{2,60}, (?:he|she|it|they|his|her|its|their)(?= )(?! (?:is|was) "
        r"(?:not )?(?:clear|unclear|likely|unlikely|possible|expected|time|hard|easy)\b)"
        r")\b"
    ),
    "german": re.compile(
        r"^[\"'\u201e\u201c\u201a]?(?:Er|Sie|Es|Ihm|Ihr|Ihre|Sein|Seine|Dies|Diese|Dieser|Dieses"
        r"|Das|Dabei|Dazu|Daher|Deshalb|Damit|Darum|Aber|Doch|Jedoch|Und|Oder|Auch|Trotzdem"
        r"|Allerdings|Au\u00dferdem|Zudem|Dennoch|Stattdessen|Denn|Dagegen|Daraufhin|Daf\u00fcr"
        r"|Demnach|Somit|Folglich|Ebenso|Kein Wunder|Deswegen|Au\u00dferdem|Trotzdem)\b"
    ),
    "french": re.compile(
        r"^[\"'\u00ab\u201c]?\s?(?:Il|Elle|Ils|Elles|Ce|Cette|Ces|Cela|Ceci|Mais|Et|Ou|Donc|Pourtant"
        r"|Cependant|Toutefois|Ainsi|Aussi|En outre|Par ailleurs|De plus)\b"
    ),
    # Connectives and demonstratives that open a sentence: "However" (ですが, しかし, 但是),
    # "so" (そのため, 因此), "this/that" (この, その, 这, 那), pronouns (彼, 他, 她).
    "japanese": re.compile(
        r"^[\u300c\u300e]?(?:\u3067\u3059\u304c|\u3057\u304b\u3057|\u3060\u304c|\u3068\u3053\u308d\u304c"
        r"|\u305d\u306e|\u3053\u306e|\u3053\u308c|\u305d\u308c|\u3042\u306e|\u307e\u305f|\u3055\u3089\u306b"
        r"|\u4e00\u65b9|\u305f\u3060\u3057|\u3064\u307e\u308a|\u305d\u3057\u3066|\u5f7c|\u5f7c\u5973"
        r"|\u305d\u3093\u306a|\u3053\u3093\u306a)"
    ),
    "chinese": re.compile(
        r"^[\u201c\u300c]?(?:\u4f46\u662f|\u4f46|\u800c\u4e14|\u56e0\u6b64|\u6240\u4ee5|\u7136\u800c"
        r"|\u4e0d\u8fc7|\u6b64\u5916|\u53e6\u5916|\u8fd9|\u90a3|\u4ed6|\u5979|\u5b83|\u5176)"
    ),
    "spanish": re.compile(
        r"^[\"'\u00ab\u201c]?(?:\u00c9l|Ella|Ellos|Ellas|Este|Esta|Estos|Estas|Eso|Esto|Pero|Y|O"
        r"|Sin embargo|Adem\u00e1s|Tambi\u00e9n|Por eso|As\u00ed)\b"
    ),
}


# A quotation's speaker given only as a pronoun: '…," she said.', '…" they told reporters.'
_PRONOUN_SPEAKER: dict[str, re.Pattern[str]] = {
    "english": re.compile(
        r"[,.!?\u2026][\"'\u201d\u2019] (?:he|she|they) (?:said|says|told|added|adds|wrote|writes"
        r"|explained|continued|argued|insisted|warned|noted)\b"
    ),
}
_OPENING_QUOTES = '"\u201c\u201e\u00ab'
_CLOSING_QUOTES = "\u201d\u00bb"


# A sentence that ends on what an earlier one said: "Trump has said that more than once."
_ENDS_ON_BACK_REFERENCE = re.compile(
    r"\b(?:said|says|say|heard|seen|done|did|does|tweeted|written|wrote|repeated) (?:that|this|it"
    r"|so)(?: (?:more than once|again|before|often|many times|repeatedly|publicly|too|as well"
    r"|himself|herself|themselves))?[.!]$"
    # "Wiig smiles when I tell her this."
    r"|\b(?:this|that)[.!]$"
)


# "these questions", "those plans" early in a sentence point at something said before
# ("these days" and "those years" do not).
_DEMONSTRATIVE = re.compile(
    r"^(?:\S+ ){0,12}?(?:these|those) (?!(?:days|years|months|weeks|times|hours)\b)[a-z]"
)


def dangles(sentence: str, language: str) -> bool:
    """Whether a sentence needs the sentence before it to make sense.

    It opens on a pronoun or connective ("She said", "These bursts", "However,"), it ends a
    quotation that an earlier sentence opened (a closing quote before any opening one), or it
    is all quotation with no speaker, or its speaker is only "he", "she" or "they".
    """
    pattern = _DANGLING.get(language)
    if pattern is not None and pattern.match(sentence) is not None:
        return True
    if language == "english" and (
        _ENDS_ON_BACK_REFERENCE.search(sentence) or _DEMONSTRATIVE.search(sentence)
    ):
        return True
    # German quotes open low and close high („…“), or point inwards (»…«).
    opening, closing = _OPENING_QUOTES, _CLOSING_QUOTES
    if language == "german":
        opening, closing = "\u201e\u00bb", "\u201c\u00ab"
    close = min((i for i in map(sentence.find, closing) if i >= 0), default=-1)
    if close >= 0:
        opened = [i for i in map(sentence.find, opening) if i >= 0]
        if not opened or min(opened) > close:
            return True
    stripped = sentence.rstrip()
    if stripped[:1] in opening + "\u2018" and stripped[-1:] in '"\u201d\u00bb\u2019' + closing:
        return True
    speaker = _PRONOUN_SPEAKER.get(language)
    return speaker is not None and speaker.search(sentence) is not None


_QUOTES = re.compile(r"[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e]")
_RECENT = 8


def candidates(title: str, body: str, language: str) -> list[str]:
    """Sentences worth scoring: fit (see is_fit), not the title, no repeats, the lead N.

    Reads the body lazily and stops at MAX_SCORED_SENTENCES, so a huge page costs no more to
    clean and split than a long article.
    """
    tokenizer = tools(language).tokenizer
    title_key = _norm_key(title)
    seen: set[str] = set()
    recent: list[str] = []  # quote-free keys of the last few sentences kept
    result: list[str] = []
    for block in _clean_blocks(body, title):
        for line in block:
            for sentence in tokenizer.to_sentences(_BULLET.sub("", line)):
                key = _norm_key(sentence)
                if key == title_key or key in seen:
                    continue
                if not MIN_SENTENCE_WORDS <= word_count(sentence) <= MAX_SENTENCE_WORDS:
                    continue
                if not is_fit(sentence):
                    continue
                # A quotation repeated in the sentence that reports it (an embedded post and
                # its write-up): keep whichever came first.
                bare = _QUOTES.sub("", key)
                if any(bare in other or other in bare for other in recent):
                    continue
                seen.add(key)
                recent.append(bare)
                del recent[:-_RECENT]
                result.append(sentence)
                if len(result) == MAX_SCORED_SENTENCES:
                    return result
    return result
