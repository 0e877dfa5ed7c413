"""Extractive news briefs: clean a scraped article, split it into sentences, keep the best few.

Everything here is pure and synchronous, so the bot can run it in a worker thread or process
without touching the event loop, and nothing here knows about Telegram. Nothing here ever
downloads anything, and importing the package is cheap: sumy, nltk, punkt and numpy are
imported on first use.

Modules: ``cleaning`` (boilerplate, datelines, word counts), ``fitness`` (sentences fit for a
brief, sentences that need the one before, candidates), ``language`` (tokenizers, stemmers, stop
words, language names), ``scripts`` and ``detection`` (the language a text is in),
``factcheck`` (claim and verdict first), ``items`` (list pages briefed from their first item),
``tickers`` (live tickers briefed from one entry) and ``summarizers`` (sumy's algorithms and
``auto``).

Public API:

- ``brief_article(title, body, *, language="english", sentences=3, summarizer="auto")`` -> a
  ``Brief``: the chosen sentences, verbatim and in article order, and the article's ``words``
  of real text; ``Brief.pushable`` is False under ``PUSH_MIN_WORDS`` (callers store such an
  article for search without pushing it to subscribers). Raises ``BriefError`` for bad
  settings and its subclass ``TooLittleText`` for an article with under
  ``MIN_ARTICLE_WORDS`` words in sentences fit for a brief (callers reject such an article
  rather than store it).
- ``make_brief(...)``, same arguments -> ``brief_article(...).sentences``, nothing more.
- ``clean_body(body, title="")`` -> the body minus boilerplate, one paragraph per line;
  ``has_text(body, title="")`` -> whether it would leave anything (read lazily).
- ``split_sentences(text, language="english")`` -> sentences; a line break always ends one.
- ``supported_languages()`` -> the sumy language names a brief can be made in (Chinese and
  Japanese through sumy's segmenters jieba and tinysegmenter; Korean with the generic rules).
- ``generic_languages()`` -> the languages recognised by their commonest words and briefed with
  the generic rules (no stemmer, no stop words) under their own name: "swahili", "croatian" ...
- ``unbriefable_language(text)`` -> "Thai" (Lao, Khmer, Burmese, Tibetan) when the text is in a
  script no installed segmenter handles, else None; ``brief_article`` then raises
  ``UnsupportedLanguage``. ``script_language(text)`` -> "chinese", "japanese", "korean" or None.
- ``placeholder_text(text)`` -> whether the text is lorem ipsum filler, not an article.
- ``detect_language(text, declared, default)`` -> a sumy language name or a generic language's:
  ``declared`` (an ISO code such as "en-US" or "de", or a name; None if the page declared
  nothing) unless the text's stop words clearly say otherwise. Pure and cheap (well under 1 ms).
- ``SUMMARIZER_NAMES``: the accepted ``summarizer`` values; ``DEFAULT_SUMMARIZER`` is "auto".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.briefs import coherence, factcheck, interviews, items, order, tickers
from bot.briefs.cleaning import (
    MAX_BODY_CHARS,
    MAX_SCORED_SENTENCES,
    clean_body,
    has_text,
    head,
    word_count,
)
from bot.briefs.detection import detect_language, placeholder_text
from bot.briefs.fitness import candidates, longest_refused
from bot.briefs.language import (
    canonical_language,
    generic_languages,
    split_sentences,
    supported_languages,
    tools,
)
from bot.briefs.scripts import script_language, unbriefable_language
from bot.i18n import N_, Text

__all__ = [
    "DEFAULT_SUMMARIZER",
    "MAX_BODY_CHARS",
    "MAX_BRIEF_CHARS",
    "MAX_SCORED_SENTENCES",
    "MIN_ARTICLE_WORDS",
    "PUSH_MIN_WORDS",
    "SUMMARIZER_NAMES",
    "Brief",
    "BriefError",
    "TooLittleText",
    "UnsupportedLanguage",
    "brief_article",
    "candidates",
    "canonical_language",
    "clean_body",
    "detect_language",
    "generic_languages",
    "has_text",
    "head",
    "make_brief",
    "placeholder_text",
    "script_language",
    "split_sentences",
    "supported_languages",
    "tools",
    "unbriefable_language",
]

# sumy's deterministic summarizers, then newsbrief's own "auto" (the default). sumy's "random"
# is left out (briefs must be repeatable) and "edmundson" needs cue words a feed does not give.
SUMMARIZER_NAMES: tuple[str, ...] = (
    "lexrank",
    "textrank",
    "lsa",
    "luhn",
    "kl",
    "sumbasic",
    "reduction",
    "auto",
)
DEFAULT_SUMMARIZER = "auto"


# A brief's sentences together, in characters: with a title (at most 500) and the source line
# it stays well inside one Telegram message (4,096). Sentences past it are left out whole.
MAX_BRIEF_CHARS = 3000

# An article with fewer words than this in sentences fit for a brief ("Cogent.", "Continue
# reading", a link post's footer) gets no brief at all: it is rejected, never stored.
MIN_ARTICLE_WORDS = 10
# Between the two (a teaser of a sentence or two, a link post's blurb), the article is stored
# for search but pushed to nobody: a one-line brief is not worth a subscriber's notification.
PUSH_MIN_WORDS = 40


@dataclass(frozen=True)
class Brief:
    """The chosen sentences, and how many words of real text the article had to choose from
    (words in the sentences fit for a brief, counted by ``word_count``)."""

    sentences: tuple[str, ...]
    words: int

    @property
    def pushable(self) -> bool:
        """Enough text to push to subscribers, not only to store for search."""
        return self.words >= PUSH_MIN_WORDS


class BriefError(ValueError):
    """No brief can be made: settings no article could satisfy, or see TooLittleText."""


class TooLittleText(BriefError):
    """The article has too little real text, once cleaned, to make a brief worth sending.

    The counts are attributes, so a caller can say it in the reader's language; they are
    also the exception's args, so it survives the trip back from a worker process.
    """

    def __init__(self, words: int, minimum: int, longest: int = 0) -> None:
        super().__init__(words, minimum, longest)
        self.words = words
        self.minimum = minimum
        # No sentence was left and some were refused for their length: "0 words in full
        # sentences" would send an admin looking for missing text that is there.
        self.longest = longest

    @property
    def text(self) -> Text:
        """The reason, translated where it is shown (see ``bot.i18n.Text``)."""
        if self.longest:
            return Text(
                N_("no sentence short enough to brief (the longest has {characters} characters)"),
                {"characters": self.longest},
            )
        return Text(
            N_(
                "too little text to brief: {words} words in full sentences after cleaning "
                "(at least {minimum})"
            ),
            {"words": self.words, "minimum": self.minimum},
        )

    def __str__(self) -> str:
        return str(self.text)


class UnsupportedLanguage(BriefError):
    """The text is in a language briefs cannot be made in (no segmenter for its script);
    ``language`` is its English name, for the reason shown to the user."""

    def __init__(self, language: str) -> None:
        super().__init__(language)
        self.language = language

    def __str__(self) -> str:
        return f"cannot brief text in {self.language}"


def make_brief(
    title: str,
    body: str,
    *,
    language: str = "english",
    sentences: int = 3,
    summarizer: str = DEFAULT_SUMMARIZER,
) -> tuple[str, ...]:
    """Only the sentences of ``brief_article``: a thin wrapper kept for the tests, the
    benchmarks and callers that need no word count."""
    return brief_article(
        title, body, language=language, sentences=sentences, summarizer=summarizer
    ).sentences


def brief_article(
    title: str,
    body: str,
    *,
    language: str = "english",
    sentences: int = 3,
    summarizer: str = DEFAULT_SUMMARIZER,
) -> Brief:
    """Pick the article's `sentences` best sentences, in the order the article has them, with
    the article's word count of real text (``Brief.pushable`` decides on a push). A recipe
    or a first-person essay is briefed from its opening, whatever the summarizer (``order``).

    Raises BriefError for bad settings, UnsupportedLanguage for a script no segmenter
    handles, and TooLittleText when the cleaned article has under MIN_ARTICLE_WORDS words in
    sentences fit for a brief, so an empty or hollow brief is never stored and pushed.
    Deterministic for the same input and settings: sumy's summarizers use no randomness and sort
    stably, so equal scores are broken by position.
    """
    if summarizer not in SUMMARIZER_NAMES:
        raise BriefError(
            f"unknown summarizer {summarizer!r}: expected one of {', '.join(SUMMARIZER_NAMES)}"
        )
    if isinstance(sentences, bool) or not isinstance(sentences, int) or sentences < 1:
        raise BriefError(f"sentences must be a whole number of at least 1, not {sentences!r}")
    unbriefable = unbriefable_language(body)
    if unbriefable is not None:
        raise UnsupportedLanguage(unbriefable)
    lang = canonical_language(language)
    fact = factcheck.find(head(body)[:20_000])
    if fact is not None:
        # A fact check: its claim, marked as a claim with the verdict, leads the brief, and
        # no other sentence restates the claim as if it were fact.
        body = factcheck.without_labels(body, fact)
    # A page of separate items (a listicle, letters, a glossary) is briefed from its first;
    # a live ticker from one entry; an interview from its introduction.
    entry = tickers.one_entry(title, head(body))
    item = interviews.introduction(title, items.first_item(title, entry))
    chosen: list[str] = candidates(title, item, lang)
    if fact is not None:
        chosen = [sentence for sentence in chosen if not fact.restates_claim(sentence)]
    words = sum(word_count(sentence) for sentence in chosen)
    lead: tuple[str, ...] = ()
    if fact is not None:
        lead = (fact.lead,)
        words += word_count(fact.lead)
        sentences -= 1
    if words < MIN_ARTICLE_WORDS:
        longest = 0 if chosen else longest_refused(title, item, lang)
        raise TooLittleText(words, MIN_ARTICLE_WORDS, longest)
    if len(chosen) <= sentences:
        kept = coherence.without_repeats(chosen, title, lang)
        return Brief(_fit(lead + tuple(kept)), words)
    from bot.briefs import summarizers

    if order.in_writers_order(title, chosen, lang):
        # Like a list page or a ticker, a page's kind decides before any summarizer ranks.
        ordered = coherence.in_order(chosen, title, lang, sentences)
        return Brief(_fit(lead + tuple(chosen[i] for i in ordered)), words)
    if summarizer == "auto":
        return Brief(_fit(lead + summarizers.auto(chosen, lang, sentences, title)), words)
    return Brief(_fit(lead + summarizers.rank(chosen, lang, sentences, summarizer)), words)


def _fit(sentences: Sequence[str]) -> tuple[str, ...]:
    """The leading sentences that fit in MAX_BRIEF_CHARS (always the first: candidates are
    at most MAX_SENTENCE_CHARS long), cut between sentences, never inside one."""
    kept: list[str] = []
    total = 0
    for sentence in sentences:
        total += len(sentence) + 1
        if kept and total > MAX_BRIEF_CHARS:
            break
        kept.append(sentence)
    return tuple(kept)
