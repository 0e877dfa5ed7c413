"""Whether a line can open a brief: the first line shown must lean on nothing left out.

``dangling.opens_on_reference`` reads a line's opening words ("Er", "However,", "Auch"). A
page's first line may open so without pointing back ("Das Hutfestival …", "It was a …"), so
the first line is judged with that in mind; a pull quote or a quotation left open, whose
speaker no line shown names, never opens a brief.
"""

from __future__ import annotations

import re

from bot.briefs.dangling import opens_on_reference
from bot.briefs.quotemarks import all_quotation, opens_quotation, opens_single_quote_unclosed

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
# Words that open an article's first line as often as not without pointing back: an article
# or demonstrative before a noun ("Das Hutfestival …", "Diese Woche …") and the "es"/"it" that
# points forward ("Es war bereits der zwölfte Einsatz …").
_FIRST_LINE_OPENERS = frozenset(
    {
        *("das", "die", "der", "den", "dem", "des", "dies", "diese", "dieser", "dieses", "es"),
        *("it", "this", "these", "there", "that"),
    }
)
# German "das" or "dies" straight before a verb is a pronoun for something said before ("Das
# fängt beim Oberbürgermeister an.", "Dies gilt auch für …"); before a noun or an adjective
# it is an article ("Das neue Gesetz …"). A noun is capitalised; these are the common verbs.
_GERMAN_PRONOUN = re.compile(
    r"^(?:Das|Dies|Dieses)(?: alles)? (?:ist|war|sei|w\u00e4re|hat|hatte|habe|h\u00e4tte|wird"
    r"|wurde|w\u00fcrde|werde|kann|konnte|k\u00f6nnte|muss|musste|m\u00fcsste|soll|sollte|darf"
    r"|durfte|mag|will|gilt|galt|gelte|f\u00e4ngt|fing|beginnt|begann|bedeutet|bedeutete|hei\u00dft"
    r"|hie\u00df|liegt|lag|geht|ging|kommt|kam|macht|machte|klingt|klang|passiert|passierte"
    r"|betrifft|betraf|sorgt|sorgte|f\u00fchrt|f\u00fchrte|reicht|reichte|bleibt|blieb|stimmt"
    r"|trifft|traf|zeigt|zeigte|erkl\u00e4rt|spricht|sprach|steht|stand)\b"
)

# "That is, the credo pushed by …": a gloss on a term the line before used, never a first line.
_RESTATING = re.compile(r"^(?:That|This) is,")
# English first lines that lean on a line left out: a report named before ("According to the
# report, …"), an answer to a question ("Not really: this is …", "No, …", "In a word:
# seminal."), an example of a point made before ("Google, for example, used …"; read on the
# first line only: as a rule for every line it cost 0.003 ROUGE-1 on BBC's summaries, taking
# `auto` below TextRank).
_ENGLISH_LEANING = re.compile(
    r"^(?:According to (?:the|this|that) (?:new |latest )?(?:report|study|survey|poll|data"
    r"|figures|analysis|document|paper|research|filing)\b"
    r"|(?:Not really|Not quite|No|Nope)[,:.!] |In (?:a|one) word[,:]"
    r"|[^,]{1,40}, for (?:example|instance),)"
)


def leans_on_the_unseen(text: str, language: str) -> bool:
    """The line opens on a word pointing back, when it is the first line shown: what it
    points at was cut from the page (a heading, a teaser) or refused."""
    if (language == "german" and _GERMAN_PRONOUN.match(text)) or _RESTATING.match(text):
        return True
    if language == "english" and _ENGLISH_LEANING.match(text):
        return True
    words = _WORD.findall(text[:40])
    if words and words[0].casefold() in _FIRST_LINE_OPENERS:
        return False
    return opens_on_reference(text, language)


def cannot_open(text: str, language: str) -> bool:
    """The line leans on the unseen, is a pull quote with no speaker ("“The parity game
    isn't new.”"), or opens a quotation that it neither closes nor attributes ("'I stop the
    police …", '"I think that if you played him …'): none can be a brief's first line."""
    return (
        leans_on_the_unseen(text, language)
        or all_quotation(text, language)
        or (language == "english" and (opens_single_quote_unclosed(text) or opens_quotation(text)))
    )


# People a headline names by what they are: "Belgian man who skipped 100 restaurant bills is
# killed" over a first line "He was a happy-go-lucky guy who …".
_PERSON_WORDS = (
    "man woman boy girl father mother son daughter husband wife teen teenager student teacher"
    " doctor nurse soldier pilot driver player chef priest farmer worker grandmother grandfather"
    " mum dad widow veteran"
)
_PERSON_NOUNS = frozenset(_PERSON_WORDS.split())


def opens_on_the_titles_person(text: str, language: str, title_words: frozenset[str]) -> bool:
    """An English first line opens on "He" or "She", and the title names the person it means
    by what they are: the pronoun points at the headline, not at a line left out."""
    return (
        language == "english"
        and text.startswith(("He ", "She "))
        and bool(title_words & _PERSON_NOUNS)
    )
