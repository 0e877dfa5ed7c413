"""Cleaning a scraped article: boilerplate, datelines, hard wraps, and counting its words.

Boilerplate lines (bylines, credits, appeals, share prompts, captions) are dropped, datelines are
cut off and hard-wrapped prose is re-joined; ``fitness`` splits what is left into sentences and
keeps those that can stand in a brief.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from bot.briefs import cjk
from bot.briefs.datelines import strip_dateline, without_bare_place, without_wire_header
from bot.briefs.factcheck import is_label
from bot.briefs.wraps import blocks

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
# The same in characters: 80 long words are a blob too, and a brief of three such sentences
# would not fit in one Telegram message (4,096 characters).
MAX_SENTENCE_CHARS = 800

# What counts as a word for the length limits: a whitespace-separated token with a letter or
# digit in it, so "—" and "•" do not count but "2022" and "U.S." do.
_HAS_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _norm_key(text: str) -> str:
    """Comparison key: case, spacing and closing punctuation do not make a sentence different."""
    return " ".join(text.casefold().split()).rstrip(" .!?\u2026:;\"'\u201d\u2019\u00bb")


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
    # A video teaser's length run into CNN's highlights box: "… wins 02:15 Story highlights …".
    re.compile(r"\b\d{1,2}:\d{2} Story highlights\b"),
    # A finance site's market-data notices: "Stock quotes are delayed at least 15 minutes …",
    # "… indexes are delayed …", "Exchange trademark and copyright notices."
    re.compile(
        r"\b(?:quotes|indexes|indices|prices|data) (?:are|is) delayed\b"
        r"|^Exchange trademark and copyright notices\b",
        re.IGNORECASE,
    ),
    # Browser notices a page shows before its text when styles or scripts did not load: "You
    # are using a browser version with limited support for CSS.", "Please enable JavaScript
    # to view this page.", "… we are displaying the site without styles and JavaScript."
    re.compile(
        r"\b(?:you are using (?:a|an) (?:browser|outdated|old|unsupported)\b"
        r"|we recommend you use a (?:more )?(?:up[- ]to[- ]date|newer|modern) browser"
        r"|(?:displaying|showing) the (?:site|page) without styles\b"
        r"|(?:please )?(?:enable|turn on) JavaScript (?:in your browser|to (?:view|see|use))"
        r"|your browser (?:does not|doesn(?:'|\u2019)t) support\b)"
        r"|^Thank you for visiting \S+\.$",
        re.IGNORECASE,
    ),
    # Advertising slots: "Advertisement", "Story continues below advertisement", "Sponsored".
    re.compile(
        r"^(?:Advertisement|Sponsored(?: content)?|Story continues below(?: advertisement)?"
        r"|Continue reading(?: below)?)\W*$",
        re.IGNORECASE,
    ),
    # Links to other stories: "Read more: …", "Related: …", "See also: …", "See: …", "READ MORE".
    re.compile(
        r"^(?:(?:Read (?:more|also|next)|Also read|See also|See|Related(?: (?:articles?|stories"
        r"|coverage|content))?|More on this(?: story)?|Recommended|Must read|Watch|Listen)"
        r" ?[:\uff1a|\u00bb\u203a>]|READ MORE\b|Read more$)"
        # and "See: …" after a sentence, a link set inside the paragraph.
        r"|(?<=[.!?\u201d] )See: (?=[A-Z])",
        re.IGNORECASE,
    ),
    # Notes on the story itself and the site's own furniture: "This story has been corrected
    # to show …", "Correction: …", "An article on July 10 about … misstated …", "- NEWS TIPS:
    # Call …", "Log out of your CBC account."
    re.compile(
        r"^(?:[-\u2022*] )?"
        r"(?:This (?:story|article|report|post) (?:has been|was) (?:corrected|updated|amended)\b"
        r"|An? (?:article|review|obituary|picture caption|caption|entry|post|chart)"
        r"(?: on [A-Z][a-z]+\.? \d{1,2}(?:, \d{4})?)? about\b[^.]{0,160}\b(?:misstated"
        r"|misidentified|misspelled|referred incorrectly|described incorrectly|gave an incorrect"
        r"|omitted)\b"
        r"|(?:Correction|CORRECTION|Clarification|CLARIFICATION|Editor's [Nn]ote|EDITOR'S NOTE):"
        r"|NEWS TIPS?:|(?:Log|Sign) (?:in|out)(?: (?:of|to|into))? your [\w ]{1,30}account\b)"
    ),
    # Copyright lines: "© 2024 Outlet", "Copyright 2024 …", "(c) 2024 …", "All rights reserved".
    re.compile(
        r"^(?:\u00a9|\([cC]\) ?\d|Copyright (?:\u00a9|\([cC]\)|\d{4}))"
        r"|\u00a9 ?\d{4}|\bAll rights reserved\b",
        re.IGNORECASE,
    ),
)
# No sentence in it: at most five words and no sentence-final punctuation, like a menu label, a
# section name or "14ymedio bigger14ymedio". Chinese and Japanese have no spaces between words,
# so there it takes few characters too: a paragraph whose sentence ends in a bracketed credit
# (the county office that wrote it) or that lacks its last full stop is text, not a label.
_NO_SENTENCE = re.compile(
    r"^(?:\S+ ){0,4}\S*[^\s.!?\u2026\u3002\uff01\uff1f\"'\u201d\u2019\u00bb]$"
)
_LABEL_CJK_CHARS = 12


# Aggregator footers glued to the end of an item's text: Reddit's "submitted by /u/name to
# r/sub [link] [181 comments]", Hacker News' "Comments", and "[link]"/"[comments]" pairs.
_AGGREGATOR_FOOTER = re.compile(
    r"\s*(?:&#32;)?\s*submitted by\s+(?:/?u/)?[\w-]+(?:\s+to\s+(?:/?r/)?\w+)?"
    r"(?:\s*\[[^\]]{0,40}\])*\s*$"
    r"|\s*\[link\]\s*\[\d*\s*comments?\]\s*$"
    # WordPress feeds end each item on "The post <title> appeared first on <site>." (in the
    # blog's language: "Post-ul … apare prima dată în …", "Der Beitrag … erschien zuerst auf").
    r"|\s*(?:The post|Post-ul|Der Beitrag|La entrada|El post|L['\u2019]articolo|L['\u2019]article"
    r"|O post|Het bericht|Wpis)\s.{1,300}?\s(?:appeared first on|apare prima dat\u0103 \u00een"
    r"|erschien zuerst auf|(?:se public\u00f3|apareci\u00f3) primero en|\u00e8 apparso per la prima"
    r" volta su|est apparu en premier sur|apareceu primeiro em|verscheen eerst op"
    r"|pochodzi z serwisu)\s.{1,120}$",
    re.IGNORECASE,
)
# Cheap tests that a line may carry one of those footers, before the pattern runs.
_FOOTER_HINTS = (
    "[",
    "submitted",
    "first on",
    "prima dat",
    "zuerst auf",
    "primero en",
    "prima volta",
    "premier sur",
    "primeiro em",
    "eerst op",
    "z serwisu",
)


# A link's note to screen readers left in the text: "The report, opens new tab by …",
# "Akkus von Panasonic(öffnet im neuen Fenster) mit …".
_LINK_NOTE = re.compile(
    r",? ?\(?(?:opens?(?: in)?(?: a)? new (?:tab|window)|\u00f6ffnet im neuen (?:Fenster|Tab)"
    r"|s['\u2019]ouvre dans un(?: nouvel onglet| nouvelle fen\u00eatre)|se abre en una nueva"
    r" (?:pesta\u00f1a|ventana)|abre (?:em|numa) nova (?:aba|janela))\)?"
    # Old link widgets and credits inline: "Katrina (search)", "Intel (nasdaq: INTC - news -
    # people )", "… draft (Photo credit: Phlyerssuck) A few years ago …".
    r"| \((?:search|(?:nyse|nasdaq|amex): [\w.]+ - news - people ?)\)"
    r"| ?\(Photo credit: [^)]{1,80}\)",
    re.IGNORECASE,
)
# The hints read better packed than one to a line.
# fmt: off
_LINK_NOTE_HINTS = (
    "new tab", "new window", "neuen Fenster", "neuen Tab", "nouvel", "nueva", "nova ", "(search)",
    "news - people", "Photo credit",
)
# fmt: on


def _strip_link_notes(line: str) -> str:
    if any(hint in line for hint in _LINK_NOTE_HINTS):
        return _LINK_NOTE.sub("", line)
    return line


# An encyclopedia's reference marks glued to a word: "… 632);[1] also …", "a leader[2] from
# Mecca", "[citation needed]". A bracket after a space ("[Update]", "[sic]") is the writer's.
_REFERENCE_MARK = re.compile(
    r"(?<=[^\s\[])\[(?:\d{1,3}|[a-z]|(?:note|n|nb) \d{1,3}|citation needed|clarification needed"
    r"|when\?|who\?|which\?|by whom\?|dubious[^\]]{0,20})\]"
)


def _strip_reference_marks(line: str) -> str:
    return _REFERENCE_MARK.sub("", line) if "[" in line else line


# Wire copy of the 1990s and 2000s quotes with two backticks and two apostrophes, typewriter
# style: "``Tejada told the committee …,'' Waxman said." As curly quotes, the rules for
# quotations (their speakers, quotes left open, punkt's splits inside them) read them too.
# A backtick pair before a space closes a quotation the writer mistyped ("… your man, `` Gore
# said"). Some papers open with the apostrophes too: "Sajid said, ''Yes, we shall …''".
_TYPEWRITER_CLOSE = re.compile(r"\s?``(?=\s|$)")
_APOSTROPHES_OPEN = re.compile(r"(?<![\w'])''(?=[^\W\d_])")


def _typewriter_quotes(line: str) -> str:
    if "``" in line:
        line = _TYPEWRITER_CLOSE.sub("\u201d", line).replace("``", "\u201c")
    elif "''" not in line or not _APOSTROPHES_OPEN.search(line):
        return line  # an inch mark ("12'' deep"), not a quotation
    line = _APOSTROPHES_OPEN.sub("\u201c", line)
    return line.replace("''", "\u201d")


# A page saved as a JSON or script string keeps its line breaks as the two characters "\n"
# ("\n\n\tThis month, Sony starts …"). Two or more in a row, or one beside white space, are
# escapes, not text; inside code ('printf("\n")') or a word ("\nothavinganaffair") they stay.
_LITERAL_ESCAPES = re.compile(r"(?:^|(?<=\s))(?:\\[ntr]){2,}|(?:\\[ntr])+(?=\s|$)")


def _strip_footer(line: str) -> str:
    if any(hint in line for hint in _FOOTER_HINTS):
        return _AGGREGATOR_FOOTER.sub("", line)
    return line


def _is_boilerplate(line: str) -> bool:
    if _NO_SENTENCE.search(line) and len(_CJK.findall(line, 0, 200)) <= _LABEL_CJK_CHARS:
        return True
    return any(rule.search(line) for rule in _BOILERPLATE)


# A rough sentence boundary, for dropping boilerplate out of a long line: terminal punctuation,
# closing quotes, white space, then an upper-case letter, a digit or an opening quote.
_NEXT_STARTS = r"(?=[\"\u201c\u2018(\[]?[A-Z0-9\u00a9\u00c0-\u00de])"
_ROUGH_BOUNDARY = re.compile(
    rf"(?<=[.!?\u2026][\"'\u201d\u2019\u00bb)\]]) {_NEXT_STARTS}|(?<=[.!?\u2026]) {_NEXT_STARTS}"
)


# An advertising slot's label run into the text after it, at a line's start or a sentence's
# (a page that put its whole text on one line): "Sponsored \u201cBecause there are …",
# "… jobs. Advertisement Each additional robot …" (not "Sponsored by the council, …"); a
# video player's button the same way: "PLAY VIDEO Instead, Arsenal put in …".
_AD_LABEL = re.compile(
    r"(?:^|(?<=[.!?\u201d\"] ))"
    r"(?:Advertisement|ADVERTISEMENT|Sponsored|SPONSORED|Anzeige|ANZEIGE|PLAY VIDEO)\s+(?!by\b)"
    r"(?=[\"'\u201c\u2018A-Z])"
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
    # Each distinct piece is tested once: a body of 60,000 one-word sentences ("A. A. A. …",
    # 190 KB) otherwise spent a second running every rule on each of them.
    verdicts: dict[str, bool] = {}
    kept = []
    for piece in pieces:
        drop = verdicts.get(piece)
        if drop is None:
            drop = verdicts[piece] = _is_boilerplate(piece)
        if not drop:
            kept.append(piece)
    return " ".join(kept)


# A numbered heading of a list page ("3. Chloe Kim", "#2 North Pier") is as short as a menu
# label, but bot.briefs.items needs it to tell the page's items apart. A dot, bracket or hash
# after the number and no other digit: not a quantity ("1 TL Wasser") or a date ("12. Mai 2020").
_NUMBERED_HEADING = re.compile(r"^(?:#\d{1,3}|\d{1,3}[.)]) [A-Z\u00c0-\u00de][^\d]{0,60}$")


# A paragraph that ends cut off is a teaser for another page: its sentences are teasers too.
_CUT_OFF = re.compile(r"\w\s?(?:\.\.\.|\u2026|\[(?:\.\.\.|\u2026)\])$")
_CUT_OFF_MAX_WORDS = 60
# A video's or photo's caption ending on its credit, a bare capitalised tag after the last
# sentence: "Travelers at the airport express concerns about screening. VPC" (USA Today's video
# unit), "… on Monday. AFP".
_CREDITED_CAPTION = re.compile(r"[.!?][\"'\u201d\u2019]? [A-Z]{2,6}$")
# A teaser for a page elsewhere, cut with a mark inside its line: "… models [continued]
# Speaker Bio: Paul leads …" (an events site's sidebar of talks).
_TEASER_MARK = re.compile(r"\[(?:continued|more|read more)\]|\bSpeaker Bio:", re.IGNORECASE)


# The text's opening lines, where a headline, a section or a dateline may run into the text.
_LEAD_LINES = 2
# A section's name before a dash or bar at the text's start: "Marketing Strategy - When
# marketing execs consider …", "Media | Ziggo zag haar omzet …".
_SECTION_KICKER = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)? [-|] (?=[A-Z][\w'\u2019]* \S+ \S+ \S)")


def _run_in(headline: str, line: str) -> bool:
    """The line opens on the headline run into its text: a long headline, or one of four words
    or more before a capital, a bracket or a quote ("Arsenal sweep Man City aside (CNN)Arsenal
    put …"); not "Storm hits the coast" opening "Storm hits the coast towns overnight"."""
    rest = line[len(headline) + 1 :]
    return len(headline) > 30 or (
        len(headline.split()) >= 4 and (rest[:1].isupper() or rest[:1] in '("\u201c')
    )


def _clean_blocks(body: str, title: str) -> Iterator[list[str]]:
    """Yield the kept lines of each paragraph block, lazily so a brief can stop reading early."""
    title_key = _norm_key(title)
    headline = " ".join(title.split())
    seen = 0  # lines read so far
    for block in blocks(body):
        kept: list[str] = []
        for line in block:
            seen += 1
            if seen <= _LEAD_LINES:
                first = seen == 1
                # Feeds often repeat the headline as the body's first line, alone or run into
                # its text ("Kamrussamad: PPKM … per Hari jpnn.com, JAKARTA - Anggota DPR …");
                # a page does so after its standfirst, as its second.
                if first and title_key and _norm_key(line) == title_key:
                    continue
                if line.startswith(f"{headline} ") and len(line) > 60 and _run_in(headline, line):
                    line = line[len(headline) + 1 :]
                line = _SECTION_KICKER.sub("", line, count=1)
                if first:  # a later line may open on an acronym
                    line = without_bare_place(line)
            if is_label(line) or _NUMBERED_HEADING.match(line):
                # A fact check's "Claim:"/"Rating:" labels look like menu labels, but the brief
                # needs them to say the claim is a claim (see factcheck).
                kept.append(line)
                continue
            if _CUT_OFF.search(line) and len(line.split()) <= _CUT_OFF_MAX_WORDS:
                continue  # a teaser cut short, all of it: "Die Buchstaben GTI … War VW anfangs …"
            if ("[" in line or "Bio:" in line) and _TEASER_MARK.search(line):
                continue
            if _CREDITED_CAPTION.search(line):
                continue  # "Travelers at the airport express concerns … States. VPC"
            line = without_wire_header(line)
            pieces = [line]
            if _CJK.search(line):
                if cjk.furniture(line):
                    continue
                pieces = cjk.pieces(cjk.without_labels(line, headline))
            for piece in pieces:
                piece = _typewriter_quotes(_AD_LABEL.sub("", piece))
                if "\\" in piece:
                    piece = " ".join(_LITERAL_ESCAPES.sub(" ", piece).split())
                text = _without_boilerplate(
                    _strip_footer(strip_dateline(_strip_link_notes(_strip_reference_marks(piece))))
                )
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


def has_text(body: str, title: str = "") -> bool:
    """Whether ``clean_body`` would leave anything: reads up to the first block it keeps."""
    return next(_clean_blocks(body, title), None) is not None


# Han ideographs, kana and the CJK punctuation block: Chinese and Japanese, written without spaces.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
# A whitespace-separated token with a letter or digit in it.
_WORD_TOKEN = re.compile(r"(?<!\S)[\W_]*[^\W_]\S*")
# A Chinese word is about 1.5-2 characters long on average, a Japanese one about as long once
# particles count: a run of such characters is counted as one word per two characters.
_CJK_CHARS_PER_WORD = 2


def word_count(sentence: str) -> int:
    """Words in a text: whitespace-separated tokens with a letter or digit in them, and in
    Chinese or Japanese (no spaces) one word per two characters."""
    if not _CJK.search(sentence):
        # The common case in one pass: every word is a whitespace-separated token.
        return len(_WORD_TOKEN.findall(sentence))
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


def leading_paragraphs(
    paragraphs: list[str], words: int, counts: Callable[[str], bool] | None = None
) -> list[str]:
    """The first paragraphs, up to the one that brings their length to ``words``; with
    ``counts``, only the words of the paragraphs it accepts count (the others are kept)."""
    kept: list[str] = []
    total = 0
    for paragraph in paragraphs:
        kept.append(paragraph)
        if counts is None or counts(paragraph):
            total += word_count(paragraph)
        if total >= words:
            break
    return kept
