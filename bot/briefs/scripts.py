"""Scripts that say the language on their own: Chinese, Japanese and Korean by their
characters, and the scripts no segmenter or stemmer here handles (Thai, Hindi, Persian …), so
that a page in one is refused by its language's name rather than miscounted."""

from __future__ import annotations

import re

# Scripts whose text needs a word and sentence segmenter nothing installed provides, by the
# English name of the language they are mostly written in.
_UNBRIEFABLE_SCRIPTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\u0e00-\u0e7f]"), "Thai"),
    (re.compile(r"[\u0e80-\u0eff]"), "Lao"),
    (re.compile(r"[\u1780-\u17ff]"), "Khmer"),
    (re.compile(r"[\u1000-\u109f]"), "Burmese"),
    (re.compile(r"[\u0f00-\u0fff]"), "Tibetan"),
    # Indic and other scripts sumy has no tokenizer or stemmer for. Hindi sentences end on a
    # danda (।), which no sentence splitter here knows: without this they read as one
    # "sentence too long to brief".
    (re.compile(r"[\u0900-\u097f]"), "Hindi"),
    (re.compile(r"[\u0980-\u09ff]"), "Bengali"),
    (re.compile(r"[\u0a00-\u0a7f]"), "Punjabi"),
    (re.compile(r"[\u0a80-\u0aff]"), "Gujarati"),
    (re.compile(r"[\u0b80-\u0bff]"), "Tamil"),
    (re.compile(r"[\u0c00-\u0c7f]"), "Telugu"),
    (re.compile(r"[\u0c80-\u0cff]"), "Kannada"),
    (re.compile(r"[\u0d80-\u0dff]"), "Sinhala"),
    (re.compile(r"[\u10a0-\u10ff]"), "Georgian"),
    (re.compile(r"[\u0530-\u058f]"), "Armenian"),
    (re.compile(r"[\u1200-\u137f]"), "Amharic"),
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_LETTER = re.compile(r"[^\W\d_]")
# A script decides when its characters are at least this share of the letters read.
_SCRIPT_SHARE = 0.3
_SCRIPT_SAMPLE = 3000


# Any character of the scripts above: text without one (nearly all of it) is decided at once.
_ANY_ASIAN = re.compile(
    r"[\u0530-\u058f\u0600-\u06ff\u0900-\u0cff\u0d80-\u0dff\u10a0-\u10ff\u1200-\u137f"
    r"\u0e00-\u0fff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u3040-\u30ff\u3130-\u318f"
    r"\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]"
)


def _script_shares(text: str) -> tuple[int, str]:
    sample = text[:_SCRIPT_SAMPLE]
    if not _ANY_ASIAN.search(sample):
        return 0, ""
    return max(1, len(_LETTER.findall(sample))), sample


def script_language(text: str) -> str | None:
    """ "chinese", "japanese" or "korean" when the text is mostly in that script, else None.

    Kana (hiragana, katakana) mark Japanese among Han characters: Japanese prose has about
    as many kana as kanji, Chinese none.
    """
    letters, sample = _script_shares(text)
    if not letters:
        return None
    han, kana = len(_HAN.findall(sample)), len(_KANA.findall(sample))
    if han + kana >= _SCRIPT_SHARE * letters:
        return "japanese" if kana >= 0.1 * (han + kana) else "chinese"
    if len(_HANGUL.findall(sample)) >= _SCRIPT_SHARE * letters:
        return "korean"
    return None


def unbriefable_language(text: str) -> str | None:
    """The English name of the language the text is mostly written in when briefs cannot be
    made in it ("Thai"), else None."""
    letters, sample = _script_shares(text)
    if not letters:
        return None
    for pattern, name in _UNBRIEFABLE_SCRIPTS:
        if len(pattern.findall(sample)) >= _SCRIPT_SHARE * letters:
            return name
    arabic_script = len(_ARABIC_SCRIPT.findall(sample))
    if arabic_script >= _SCRIPT_SHARE * letters:
        # Arabic is briefed; Persian and Urdu share its script but not its words, and no
        # stemmer or stop list here knows them. Their own letters tell them apart.
        for pattern, name in _ARABIC_SCRIPT_LANGUAGES:
            if len(pattern.findall(sample)) >= _OWN_LETTER_SHARE * arabic_script:
                return name
    return None


_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
# Letters Arabic lacks: Urdu's retroflex letters and final yeh barree first, because Urdu
# also uses Persian's پ چ ژ گ ک ی.
_ARABIC_SCRIPT_LANGUAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2]"), "Urdu"),
    (re.compile(r"[\u067e\u0686\u0698\u06af\u06a9\u06cc]"), "Persian"),
)
_OWN_LETTER_SHARE = 0.03


# Alphabets shared by few supported languages, the first being the one to assume.
_FAMILIES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"[\u0400-\u04ff]"), ("russian", "ukrainian")),
    (re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]"), ("greek",)),
    (re.compile(r"[\u0590-\u05ff]"), ("hebrew",)),
    (_ARABIC_SCRIPT, ("arabic",)),
)
# Any letter of those alphabets: a text without one (most of them) is decided at once.
_ANY_FAMILY = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u1f00-\u1fff]")
# Letters Ukrainian has and Russian lacks (U+0456, U+0457, U+0454, U+0491), and the share of
# the Cyrillic letters that makes a text Ukrainian.
_UKRAINIAN = re.compile(r"[\u0456\u0457\u0454\u0491]")
_UKRAINIAN_SHARE = 0.005
# Other Cyrillic languages by the letters Russian lacks (each at least _OWN_CYRILLIC_SHARE of
# the Cyrillic letters): Macedonian's gje, kje and dze first (it shares je, lje, nje and dzhe
# with Serbian), Serbian's dje, tshe, je, lje, nje, dzhe, and Belarusian's short u. No stemmer
# or stop list here knows them: they are briefed with the generic rules under their own name
# (language.generic_languages), not as Russian.
_CYRILLIC_LANGUAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\u0453\u045c\u0455]"), "macedonian"),
    (re.compile(r"[\u0452\u045b\u0458\u0459\u045a\u045f]"), "serbian"),
)
_BELARUSIAN = re.compile(r"\u045e")
_OWN_CYRILLIC_SHARE = 0.005
# Bulgarian has no letter of its own but writes ъ as a vowel (about 2% of its letters, under
# 0.1% of Russian's) and never ы or э (about 2% of Russian's letters).
_HARD_SIGN = re.compile(r"\u044a")
_RUSSIAN_VOWELS = re.compile(r"[\u044b\u044d]")
_BULGARIAN_HARD_SIGNS = 0.004
_FAMILY_SHARE = 0.5


def script_family_language(text: str, claimed: str) -> str | None:
    """The language a text's alphabet says when the claimed language is written in another
    one: Cyrillic is Russian (Ukrainian, Macedonian, Serbian, Belarusian or Bulgarian when it
    has their own letters), Greek, Hebrew, Arabic; else None."""
    sample = text[:_SCRIPT_SAMPLE]
    if not _ANY_FAMILY.search(sample):
        return None
    letters = len(_LETTER.findall(sample))
    if not letters:
        return None
    for pattern, languages in _FAMILIES:
        found = len(pattern.findall(sample))
        if found < _FAMILY_SHARE * letters or claimed in languages:
            continue
        if languages[0] == "russian":
            return _cyrillic_language(sample.lower(), found)
        return languages[0]
    return None


# Languages written only in those alphabets; a text claimed to be in one of them that has
# almost none of its letters says the claim is wrong (an English page marked lang="ru").
_NON_LATIN = frozenset(
    {"russian", "ukrainian", "belarusian", "bulgarian", "macedonian", "greek", "hebrew", "arabic"}
)
_CLAIM_SHARE = 0.1


def contradicts_claim(text: str, claimed: str) -> bool:
    """The claimed language is written in an alphabet the text barely uses."""
    if claimed not in _NON_LATIN:
        return False
    sample = text[:_SCRIPT_SAMPLE]
    letters = len(_LETTER.findall(sample))
    return bool(letters) and len(_ANY_FAMILY.findall(sample)) < _CLAIM_SHARE * letters


def _cyrillic_language(sample: str, letters: int) -> str:
    """Russian, or the Cyrillic language whose own letters the lower-cased sample has."""
    # Belarusian also writes the dotted i Ukrainian has and Russian lacks: its short u
    # decides first.
    if len(_BELARUSIAN.findall(sample)) >= _OWN_CYRILLIC_SHARE * letters:
        return "belarusian"
    if len(_UKRAINIAN.findall(sample)) >= _UKRAINIAN_SHARE * letters:
        return "ukrainian"
    for pattern, language in _CYRILLIC_LANGUAGES:
        if len(pattern.findall(sample)) >= _OWN_CYRILLIC_SHARE * letters:
            return language
    hard_signs = len(_HARD_SIGN.findall(sample))
    if hard_signs >= _BULGARIAN_HARD_SIGNS * letters and (
        len(_RUSSIAN_VOWELS.findall(sample)) < 0.1 * hard_signs
    ):
        return "bulgarian"
    return "russian"
