"""Checking a declared language against the text: the page or feed says "en", the words say
Swahili. Split from ``language`` (names, tags, tokenizers), which it builds on."""

from __future__ import annotations

import functools
import re

from bot.briefs.language import generic_languages, label_language, supported_languages
from bot.briefs.language_words import DETECTION_WORDS, GENERIC_LANGUAGE_WORDS, MIN_SHARES
from bot.briefs.scripts import contradicts_claim, script_family_language, script_language

# Words read to judge a language: enough for a stable count, little enough to stay well under a
# millisecond. Stop words are about 40% of running text in any language that has them.
_DETECT_WORDS = 300
_DETECT_MIN_WORDS = 20
# Clear evidence: the best language's stop words are at least this share of the words read, and
# (each shared stop word counted as a fraction) at least _DETECT_MARGIN times as many as the
# declared language's.
_DETECT_MIN_SHARE = 0.1  # of the words
_DETECT_MARGIN = 2.0
_LETTERS = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


@functools.cache
def _stop_word_lists() -> dict[str, frozenset[str]]:
    """Each language's words to recognise it by: sumy's stop words for a supported language,
    else ``language_words``' list (a generic language's, or a supported one sumy has none for)."""
    from sumy.utils import get_stop_words

    lists: dict[str, frozenset[str]] = {}
    for language in supported_languages():
        try:
            lists[language] = frozenset(str(w).casefold() for w in get_stop_words(language))
        except LookupError:
            if language in DETECTION_WORDS:
                lists[language] = frozenset(DETECTION_WORDS[language].split())
    for language, words in GENERIC_LANGUAGE_WORDS.items():
        lists[language] = frozenset(words.split())
    return lists


@functools.cache
def _stop_word_index() -> dict[str, tuple[tuple[str, float], ...]]:
    """Each listed word, mapped to the languages that list it and what it counts for each.

    A word in several lists ("a" is English, Spanish, Portuguese and Italian) counts that much
    less for each: the words only one language uses tell it apart. For a supported language
    only the other supported languages share a word: the generic languages' lists, added for
    Swahili or Croatian text, leave the weighing of a Spanish page against an English one as it
    was ("la" is Swahili too).
    """
    lists = _stop_word_lists()
    generic = generic_languages()
    sharing: dict[str, list[str]] = {}
    for language, words in lists.items():
        for word in words:
            sharing.setdefault(word, []).append(language)
    index: dict[str, tuple[tuple[str, float], ...]] = {}
    for word, languages in sharing.items():
        supported = sum(1 for language in languages if language not in generic)
        index[word] = tuple(
            (language, 1 / (len(languages) if language in generic else supported))
            for language in languages
        )
    return index


def _first_words(text: str) -> list[str]:
    """The text's first _DETECT_WORDS words, case-folded: what both checks here read."""
    return _LETTERS.findall(text[: _DETECT_WORDS * 12].casefold())[:_DETECT_WORDS]


def detect_language(text: str, declared: str | None, default: str) -> str:
    """The language to brief and label `text` in: the declared one unless the text says otherwise.

    `declared` is what the page or feed said (an ISO code such as "en-US" or "de", or a name
    such as "german"; None when it said nothing); `default` is used when nothing usable is
    declared. The answer is a supported sumy name or a generic language's ("swahili", see
    ``generic_languages``). The first few hundred words are checked against sumy's stop-word
    lists and the word lists of ``language_words``, and the answer moves away from the declared
    language only on clear evidence: the best language's words make up a tenth of the words
    read and outnumber the declared language's two to one. A declared language without a word
    list (Russian, Malayalam) is trusted, unless the text is barely in its alphabet (an
    English page marked lang="ru": the words then decide alone). Pure and cheap (well under a
    millisecond once the lists are loaded).
    """
    fallback = label_language(default)
    claimed = label_language(declared) or fallback
    if contradicts_claim(text, claimed):
        # An English text declared Russian (its letters are Latin): the words decide alone.
        claimed = "" if contradicts_claim(text, fallback) else fallback
    # Chinese, Japanese and Korean are told by their script, whatever the page declared; so
    # is a Cyrillic, Greek, Hebrew or Arabic text declared in (or defaulted to) a language
    # written otherwise.
    script = script_language(text) or script_family_language(text, claimed)
    if script is not None:
        return script
    lists = _stop_word_lists()
    if claimed and claimed not in lists:
        return claimed
    words = _first_words(text)
    if len(words) < _DETECT_MIN_WORDS:
        return claimed or fallback
    if claimed != "turkish" and _turkish_letters(text):
        # Turkish letters, and few of the declared language's words among them.
        own = sum(1 for word in words if word in lists.get(claimed, ()))
        if own < _DETECT_MIN_SHARE * len(words):
            return "turkish"
    index = _stop_word_index()
    hits = dict.fromkeys(sorted(lists), 0.0)
    for word in words:
        for language, weight in index.get(word, ()):
            hits[language] += weight
    best = max(hits, key=hits.__getitem__)
    share = MIN_SHARES.get(best, _DETECT_MIN_SHARE) * len(words)
    if (
        best == claimed
        or hits[best] < _DETECT_MARGIN * hits.get(claimed, 0)
        or hits[best] < share / 2
    ):
        return claimed or fallback
    # The share counts each of the best language's words in full: Czech shares "je", "na",
    # "se" with Slovak, Slovene and Croatian, which makes it no less Czech.
    own = sum(1 for word in words if word in lists[best])
    return best if own >= share else claimed or fallback


# Turkish joins its words into long ones, so its few function words rarely make the share the
# word lists need; its dotless i (U+0131) and soft g (U+011F), used by no other language sumy
# reads (Azerbaijani has them too, with its schwa), tell it instead, when the declared
# language's own words are few: they make about one letter in twenty of Turkish text, and an
# English report full of Turkish names keeps its English words.
_TURKISH_SHARE = 0.02
_TURKISH_MIN_MARKS = 10
_TURKISH_SAMPLE = 3000


def _turkish_letters(text: str) -> bool:
    sample = text[:_TURKISH_SAMPLE]
    if "\u0259" in sample:  # the schwa: Azerbaijani
        return False
    marks = sample.count("\u0131") + sample.count("\u011f") + sample.count("\u0130")
    if marks < _TURKISH_MIN_MARKS:
        return False  # most texts: no letter walk on every article's way in
    letters = sum(1 for char in sample if char.isalpha())
    return marks >= _TURKISH_SHARE * letters


# The words of lorem ipsum, the filler text of templates (from Cicero's "De finibus", as
# generators such as Faker's use it): a text mostly of these is a placeholder, not an
# article. A word list rather than a language model: Latin news exists, but not in this
# vocabulary at this density.
_LOREM = frozenset(
    # 200 words read better as text than as a list literal.
    "a ab accusamus accusantium ad adipisci alias aliquam aliquid amet animi aperiam"  # noqa: SIM905
    " architecto"
    " asperiores aspernatur assumenda at atque aut autem beatae blanditiis commodi consectetur"
    " consequatur consequuntur corporis corrupti culpa cum cumque cupiditate debitis delectus"
    " deleniti deserunt dicta dignissimos distinctio dolor dolore dolorem doloremque dolores"
    " doloribus dolorum ducimus ea eaque earum eius eligendi enim eos error esse est et eum"
    " eveniet ex excepturi exercitationem expedita explicabo facere facilis fuga fugiat fugit"
    " harum hic id illo illum impedit in incidunt inventore ipsa ipsam ipsum iste itaque iure"
    " iusto labore laboriosam laborum laudantium libero lorem magnam magni maiores maxime minima"
    " minus modi molestiae molestias mollitia nam natus necessitatibus nemo neque nesciunt nihil"
    " nisi nobis non nostrum nulla numquam obcaecati odio odit officia officiis omnis optio"
    " pariatur perferendis perspiciatis placeat porro possimus praesentium provident quae quaerat"
    " quam quas quasi qui quia quibusdam quidem quis quisquam quo quod quos ratione recusandae"
    " reiciendis rem repellat repellendus reprehenderit repudiandae rerum saepe sapiente sed"
    " sequi similique sint sit soluta sunt suscipit tempora tempore temporibus tenetur totam"
    " ullam unde ut vel velit veniam veritatis vero vitae voluptas voluptate voluptatem"
    " voluptates voluptatibus voluptatum"
    # The generators' other filler ("Praesent in arcu vitae erat sodales consequat. Nam …").
    " ac accumsan adipiscing aenean aliquet ante arcu augue auctor blandit commodo condimentum"
    " congue consequat convallis cras curabitur cursus dapibus diam dictum dignissim donec"
    " egestas eleifend elementum elit erat etiam eu euismod facilisis faucibus felis fermentum"
    " feugiat fringilla fusce gravida hendrerit iaculis imperdiet integer interdum lacinia"
    " lacus laoreet lectus leo ligula lobortis luctus malesuada massa mattis mauris metus mi"
    " molestie morbi nec nibh nisl nunc orci ornare pellentesque pharetra phasellus placerat"
    " porta porttitor posuere praesent pretium proin pulvinar purus quisque rhoncus rutrum"
    " sagittis sapien scelerisque semper sodales sollicitudin tellus tempor tempus tincidunt"
    " tortor tristique turpis ullamcorper ultrices ultricies varius vehicula venenatis"
    " vestibulum vivamus viverra volutpat vulputate".split()
)
_PLACEHOLDER_SHARE = 0.6
_PLACEHOLDER_MIN_WORDS = 20


def placeholder_text(text: str) -> bool:
    """Whether the text is lorem ipsum filler: most of its first few hundred words are."""
    words = _first_words(text)
    if len(words) < _PLACEHOLDER_MIN_WORDS:
        return False
    return sum(1 for word in words if word in _LOREM) >= _PLACEHOLDER_SHARE * len(words)
