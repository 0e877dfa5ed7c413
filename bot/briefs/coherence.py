"""What a sentence needs from the sentences before it, so a brief never leaves it hanging.

``dangling.dangles`` reads a sentence alone ("However,", "She said"). Many back-references only
show against the article: "the little boy" when the sentence before met "a little boy",
"these questions" after the questions, "Ymer won" when only an earlier sentence said who
Elias Ymer is. ``Needs`` finds those by comparing each candidate with the ones before it,
and ``select`` picks a brief in score order that takes a sentence only with what it needs,
and never two sentences that say the same thing.

Written here rather than taken from a library: coreference resolvers (spaCy's, AllenNLP's)
need large models per language and a download, and cost far more than the 15 ms a brief may
take; these word-overlap rules work for every language sumy stems, offline.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.briefs.dangling import dangles
from bot.briefs.determiners import ARTICLES, DEMONSTRATIVES, INDEFINITES, REPORTED, TIME_WORDS
from bot.briefs.items import one_item
from bot.briefs.language import RANKED_LANGUAGES, SEGMENTED_LANGUAGES, tools
from bot.briefs.openers import cannot_open, leans_on_the_unseen, opens_on_the_titles_person
from bot.briefs.quotations import unattributed

_DEMONSTRATIVE_REACH = 3  # sentences back a demonstrative may point
_NOUN_WORDS = 3  # words after a determiner that may be its noun ("the little boy")
_MIN_STEM = 4  # shorter stems are too common to mean a shared referent
# Only the words up to the next punctuation belong to a determiner's noun phrase.
_PHRASE_END = re.compile(r"[,;:.!?()\"\u201c\u201d\u201e]")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
# A run of two or more capitalised words ("Rosario del Pilar Pentón"), not a sentence's opener
# ("But Stephen Paddock"): its last word alone later is a short reference to the whole name.
_NAME_RUN = re.compile(
    r"\b(?!(?:But|And|So|Yet|When|While|After|Before|If|As)\s)[A-Z\u00c0-\u00de][\w'\u2019-]+"
    r"(?:\s+(?:(?:de|del|da|van|von|der|la|le|di|bin)\s+|[A-Z]\.\s+)?"
    r"[A-Z\u00c0-\u00de][\w'\u2019-]+)+"
)
# A surname as the subject after an opening phrase (or two, and a number's comma: "Walking on
# the outskirts, where the fire has destroyed 13,000 structures, Smith recounted …"), before
# its verb or "and".
_PHRASE = r"(?:[^,;:\"\u201c]|,(?=\d)){3,100}"
_SUBJECT_AFTER_PHRASE = re.compile(
    rf"^{_PHRASE}(?:, {_PHRASE})?, ([A-Z\u00c0-\u00de][\w'\u2019-]{{2,}})"
    r"(?= (?:and|said|says|[a-z]+(?:s|ed)|held|told|made|took|gave|went|came|saw|found"
    r"|thought|felt|kept|left|put|ran|won|lost|met|paid|sent|spent|built|brought|bought|led"
    r"|wrote|spoke|began|became|knew|got|chose|drew|fell|flew|grew|hit|hung|rose|sat|set"
    r"|shot|stood|struck|taught|threw|understood|woke|wore)\b)"
)
_CAPITALISED = re.compile(r"(?<![\w'\u2019-])[A-Z\u00c0-\u00de][\w'\u2019-]{2,}")
_NAME_OPENING_WORDS = 3
_POSSESSIVE = re.compile(r"['\u2019]s$")
# A speaker named by surname alone anywhere in the sentence: "…,” Ray said.", "said Calarco",
# "according to Bernabé". Who Ray is was said only where the full name came.
_SPEAKER = re.compile(
    r"(?:(?<=[,\u201d\"] )|(?<=[,\u201d\"]))(?P<a>[A-Z\u00c0-\u00de][\w'\u2019-]{2,})"
    r" (?:said|says|told|added|adds|explained|explains|argued|wrote|noted|recalled|warned)\b"
    r"|\b(?:said|says|according to|added|explained) (?P<b>[A-Z\u00c0-\u00de][\w'\u2019-]{2,})"
    r"(?! [A-Z\u00c0-\u00de])\b"
)
# A surname alone before a relative clause about its person: "… poignant for Martin, whose son
# …".
_RELATIVE_NAME = re.compile(r"(?<=[a-z] )([A-Z\u00c0-\u00de][\w'\u2019-]{2,}), (?:who|whose)\b")
# A title and a surname ("Mr Ross") name someone without introducing them.
_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Mx", "Dr"})
# A person introduced with a role or a quote ("Susan Brown, owner of Potted, …", "Susan Brown
# said"), whom a feature then calls by the given name alone ("Susan says, …").
_INTRODUCED = re.compile(r", | (?:said|says|told)\b")
# How many sentences back "a dude" may introduce "the dude". Readers would gain from more,
# but BBC's reference summaries keep such sentences: a reach of 3 cost 0.1 ROUGE-1 there and
# 6 cost 0.2, taking `auto` below TextRank.
_INDEFINITE_REACH = 1
# Two sentences whose content words overlap this much say the same thing twice.
_DUPLICATE_JACCARD = 0.5
_DUPLICATE_CONTAINED = 0.8
_CONTAINED_MIN_STEMS = 5
# A standfirst and the lead retold in other words ("Ireland is seeking an emergency law …" /
# "Ireland is looking to implement emergency legislation …"): many content words in common,
# half of the shorter one's.
_RETOLD_SHARED = 7
_RETOLD_SHARE = 0.5
# A teaser's line among the first ones: this many content words shared, at most one added.
_TEASER_LINES = 3
_TEASER_SHARED = 3
_TEASER_NEW = 1
# Items of a list told in prose ("You can execute a query. You can execute a write."): short
# sentences opening on the same three words say one thing between them.
_PARALLEL_WORDS = 3
# A run of this many words in both says the same thing twice, whatever else each adds: a
# standfirst's "… until the day the zombies eat through our network cables" again in the text.
_SHARED_RUN = 10
_SHARED_CHARS = 20  # the same in Chinese and Japanese, counted in characters
_CJK_LETTER = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\w]")
_PARALLEL_MAX_WORDS = 8
# A standfirst retold in the text's first line with the same opening words, whatever their
# length: "It's that time of year that sees …" / "It's that time of year when …". Only the
# first two: further on, such a rule cost the BBC set 0.05 ROUGE-1 (its summaries keep them).
_SAME_OPENING = 5


@dataclass
class _Sentence:
    stems: frozenset[str]
    after_articles: frozenset[str] = frozenset()
    after_demonstratives: frozenset[str] = frozenset()
    after_reported: frozenset[str] = frozenset()  # "the reported memo": met before, at any distance
    after_indefinites: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()  # names it introduces in full
    given_names: frozenset[str] = frozenset()  # "Susan" of "Susan Brown, owner of …"
    short_names: frozenset[str] = frozenset()  # capitalised words standing alone
    words: frozenset[str] = frozenset()


@functools.cache
def _cached_stemmer(language: str) -> Callable[[str], str]:
    # Stemming is most of this module's cost, and an article repeats its words.
    return functools.lru_cache(maxsize=1 << 16)(tools(language).stemmer)


def _pattern(determiners: str | None) -> re.Pattern[str] | None:
    if determiners is None:
        return None
    return re.compile(
        # The words are read in a lookahead so that "of the boy" inside an earlier match
        # ("the parents of the boy") is still found.
        rf"(?<![\w'\u2019-])(?:{determiners})\s+(?=((?:[^\W\d_][\w'\u2019-]*\s*){{1,{_NOUN_WORDS}}}))",
        re.IGNORECASE,
    )


class Needs:
    """For each candidate of one article, the earlier sentences a brief must show with it."""

    def __init__(
        self,
        candidates: Sequence[str],
        title: str,
        language: str,
        scores: Sequence[float] | None = None,
        after_gap: frozenset[int] = frozenset(),
    ) -> None:
        # Where several earlier sentences would do, the best scored one is brought in.
        self._scores = scores if scores is not None else [0.0] * len(candidates)
        self._candidates = candidates
        self._language = language
        self._after_gap = after_gap
        self._lexical = language not in SEGMENTED_LANGUAGES
        kit = tools(language)
        self._stop = kit.stop_words
        self._stem = _cached_stemmer(language)
        self._articles = _pattern(ARTICLES.get(language))
        self._demonstratives = _pattern(DEMONSTRATIVES.get(language))
        self._reported = _pattern(REPORTED.get(language))
        self._indefinites = _pattern(INDEFINITES.get(language))
        self._time = frozenset(self._stem(word) for word in TIME_WORDS.split())
        self._speakers = language == "english"
        self._title = self._stems(title) | {w.casefold() for w in _WORD.findall(title)}
        # What each question needs is read on first use: a brief in the writer's order asks
        # only whether its first few lines repeat one another, and reading every candidate in
        # full for it cost most of that brief's time.
        self._stems_of: dict[int, frozenset[str]] = {}
        self._words_of: dict[int, list[str]] = {}
        self._runs_of: dict[int, frozenset[tuple[str, ...]]] = {}

    @functools.cached_property
    def _unattributed(self) -> list[bool]:
        return unattributed(self._candidates, self._language, self._after_gap)

    @functools.cached_property
    def _dangles(self) -> list[bool]:
        inside = self._unattributed
        return [
            i > 0 and (inside[i] or dangles(s, self._language))
            for i, s in enumerate(self._candidates)
        ]

    @functools.cached_property
    def _stranded(self) -> frozenset[int]:
        # A sentence that leans on the one before, when that one was refused (a question, a
        # fragment: "Megan replied: …" after "Did she have a signature move?"), leans on
        # nothing a brief can show.
        count = len(self._candidates)
        return frozenset(i for i in self._after_gap if i < count and self._dangles[i])

    @functools.cached_property
    def _orphan(self) -> bool:
        # The first candidate can lean on nothing shown: when it opens on "He" or "However",
        # what it leans on was cut from the page (a heading, a teaser), and it is never taken;
        # nor a pull quote whose speaker no line names ("'The parity game isn't new.'").
        first = self._candidates[:1]
        return bool(first) and (self._unattributed[0] or not self.can_open(first[0]))

    def can_open(self, text: str) -> bool:
        """``text`` may be a brief's first line: it leans on nothing left out, or its "He"
        means the person the title names."""
        lang = self._language
        return not cannot_open(text, lang) or opens_on_the_titles_person(text, lang, self._title)

    @functools.cached_property
    def _sentences(self) -> list[_Sentence]:
        if not self._lexical:
            return []
        return [self._read(i) for i in range(len(self._candidates))]

    @functools.cached_property
    def _first(self) -> dict[str, int]:
        """Each stem's first sentence."""
        first: dict[str, int] = {}
        for index, sentence in enumerate(self._sentences):
            for stem in sentence.stems:
                first.setdefault(stem, index)
        return first

    def _stems_at(self, i: int) -> frozenset[str]:
        stems = self._stems_of.get(i)
        if stems is None:
            stems = self._stems_of[i] = self._stems(self._candidates[i])
        return stems

    def _words_at(self, i: int) -> list[str]:
        words = self._words_of.get(i)
        if words is None:
            words = self._words_of[i] = _WORD.findall(self._candidates[i].casefold())
        return words

    def _runs_at(self, i: int) -> frozenset[tuple[str, ...]]:
        runs = self._runs_of.get(i)
        if runs is None:
            # Chinese and Japanese have no spaces: a run of characters for a run of words.
            if self._lexical:
                words, size = self._words_at(i), _SHARED_RUN
            else:
                words, size = _CJK_LETTER.findall(self._candidates[i]), _SHARED_CHARS
            runs = frozenset(zip(*(words[k:] for k in range(size)), strict=False))
            self._runs_of[i] = runs
        return runs

    def _stems(self, text: str) -> frozenset[str]:
        return frozenset(
            self._stem(w)
            for w in _WORD.findall(text.lower())
            if len(w) >= _MIN_STEM and w not in self._stop
        )

    def _after(self, pattern: re.Pattern[str] | None, sentence: str) -> frozenset[str]:
        if pattern is None:
            return frozenset()
        found: set[str] = set()
        for match in pattern.finditer(sentence):
            found |= self._stems(_PHRASE_END.split(match[1], maxsplit=1)[0])
        return frozenset(found)

    def _read(self, i: int) -> _Sentence:
        sentence = self._candidates[i]
        # A person's or body's name in full: two to four capitalised words, not led by a
        # determiner ("the Metropolitan Police", "Der Deutsche Handballbund" name an
        # institution whose last word alone is a common noun).
        matches = list(_NAME_RUN.finditer(sentence))
        runs = [(m[0].split(), sentence[max(0, m.start() - 4) : m.start()]) for m in matches]
        given = frozenset(
            words[0]
            for m, (words, before) in zip(matches, runs, strict=True)
            if len(words) == 2  # a given name and a surname
            and words[0] not in _HONORIFICS
            and words[0].casefold() not in self._stop
            and before.casefold() != "the "
            and _INTRODUCED.match(sentence, m.end())
        )
        surnames = frozenset(
            words[-1]
            for words, before in runs
            if len(words) <= 4
            and words[0].casefold() not in self._stop
            and before.casefold() != "the "
            and not (len(words) == 2 and words[0] in _HONORIFICS)  # "Mr Ross" introduces no one
        )
        in_runs = {word for words, _ in runs for word in words}
        # Only a name near the start, as the sentence's subject ("Ymer won", "Soderbergh
        # returns"), reads as someone the reader should already know.
        opening = " ".join(sentence.split()[:_NAME_OPENING_WORDS])
        alone = {m[0] for m in _CAPITALISED.finditer(opening) if m[0] not in in_runs}
        if self._speakers:
            alone |= {m["a"] or m["b"] for m in _SPEAKER.finditer(sentence)} - in_runs
            alone |= {m[1] for m in _RELATIVE_NAME.finditer(sentence)} - in_runs
            # English capitalises names only, so a surname alone anywhere ("On Hale's first
            # day, Colomy said …") is someone an earlier sentence introduced, if one did.
            alone |= {
                _POSSESSIVE.sub("", m[0])
                for m in _CAPITALISED.finditer(sentence)
                if _POSSESSIVE.search(m[0])
            } - in_runs
            # The same for the subject after an opening phrase: "To explore it further,
            # Zelenitsky and her colleagues looked at …".
            after_phrase = _SUBJECT_AFTER_PHRASE.match(sentence)
            if after_phrase is not None and after_phrase[1] not in in_runs:
                alone.add(after_phrase[1])
        return _Sentence(
            stems=self._stems_at(i),
            after_articles=self._after(self._articles, sentence),
            after_demonstratives=self._after(self._demonstratives, sentence) - self._time,
            after_reported=self._after(self._reported, sentence),
            after_indefinites=self._after(self._indefinites, sentence),
            surnames=surnames,
            given_names=given,
            short_names=frozenset(alone),
            words=frozenset(_WORD.findall(sentence.casefold())),
        )

    def unmet(self, i: int, chosen: set[int]) -> int | None:
        """The earlier candidate to bring in so that sentence ``i`` reads right beside the
        ``chosen`` ones, or None when it already does."""
        if i in self._stranded:
            return i  # needs itself: never met
        if self._dangles[i] and i - 1 not in chosen:
            return i - 1
        if i == 0 and self._orphan:
            return 0  # needs itself: never met
        if not self._lexical:
            return None
        here = self._sentences[i]
        shown = [self._sentences[j] for j in chosen if j < i]
        # "the little boy" whose boy the sentence just before introduced as "a little boy"
        # (its first mention: a word the article has used all along is no back-reference).
        for j in range(max(0, i - _INDEFINITE_REACH), i):
            for stem in here.after_articles & self._sentences[j].after_indefinites:
                if (
                    self._first[stem] == j
                    and stem not in self._title
                    and not any(stem in s.stems for s in shown)
                ):
                    return j
        # "The reported memo" at any distance, "these questions" a few sentences back.
        for stems, reach in (
            (here.after_reported, i),
            (here.after_demonstratives, _DEMONSTRATIVE_REACH),
        ):
            for stem in stems - self._title:
                first = self._first[stem]
                if i - 1 - reach < first < i and not any(stem in s.stems for s in shown):
                    return first
        # "Ymer won" when only an earlier sentence said "Elias Ymer".
        for name in sorted(here.short_names):  # sorted: a set's order changes between runs
            if name.casefold() in self._title or any(
                name in s.surnames or name in s.given_names for s in shown
            ):
                continue
            introductions = [
                j
                for j in range(i)
                if name in self._sentences[j].surnames or name in self._sentences[j].given_names
            ]
            if introductions:
                return max(introductions, key=lambda j: self._scores[j])
        return None

    def _opening(self, i: int) -> tuple[str, ...] | None:
        words = self._words_at(i)
        if _PARALLEL_WORDS < len(words) <= _PARALLEL_MAX_WORDS:
            return tuple(words[:_PARALLEL_WORDS])
        return None

    def _same_opening(self, i: int, j: int) -> bool:
        if {i, j} != {0, 1}:
            return False  # further on, an anaphora ("We will …") is the writer's, kept
        first, second = self._words_at(i), self._words_at(j)
        return len(first) > _SAME_OPENING and first[:_SAME_OPENING] == second[:_SAME_OPENING]

    def repeats(self, i: int, chosen: set[int]) -> bool:
        """Sentence ``i`` says again what a chosen sentence says."""
        if not self._lexical:
            return any(self._runs_at(i) & self._runs_at(j) for j in chosen)
        stems = self._stems_at(i)
        opening = self._opening(i)
        for j in chosen:
            if (opening is not None and opening == self._opening(j)) or self._same_opening(i, j):
                return True
            if self._runs_at(i) & self._runs_at(j):
                return True
            other = self._stems_at(j)
            shared, smaller = len(stems & other), min(len(stems), len(other))
            if shared >= _DUPLICATE_JACCARD * len(stems | other) > 0:
                return True
            # One restates the other with a few words more: "Lewis said SBF did not need to
            # know …" and "Lewis, much amused, said in the end that SBF did not need to know …".
            if smaller >= _CONTAINED_MIN_STEMS and shared >= _DUPLICATE_CONTAINED * smaller:
                return True
            if shared >= _RETOLD_SHARED and shared >= _RETOLD_SHARE * smaller:
                return True
            # A teaser's short line the lead says again ("Vonovia steht wieder in der Kritik:
            # …" / "Vonovia steht erneut in der Kritik.").
            teaser = max(i, j) < _TEASER_LINES and len(stems - other) <= _TEASER_NEW
            if teaser and shared >= _TEASER_SHARED:
                return True
        return False


def in_order(candidates: Sequence[str], title: str, language: str, count: int) -> list[int]:
    """The first ``count`` candidates in article order, leaving out any that says again what
    an earlier one said (a standfirst the first paragraph repeats).

    The brief starts at the first candidate that does not open on a word pointing back:
    cleaning may have dropped the page's first line ("Auch Herbert Grönemeyer gehört zu den
    Unterstützern." after a teaser that named the initiative). A reference later in the
    sentence may point at the title ("Unter diesem Motto …"), so only the opening counts. If
    every early one points back, the brief starts at the top.
    """
    needs = Needs(candidates, title, language)
    start = next(
        (i for i, text in enumerate(candidates[:_LEANING_LEAD]) if needs.can_open(text)),
        0,
    )
    # Further on, a line that leans on a refused one ("But now I want …" after a code
    # listing) is passed over: what it leans on is not shown.
    gaps: frozenset[int] = getattr(candidates, "after_gap", frozenset())
    indexes = [
        i
        for i in range(start, len(candidates))
        if i == start or i not in gaps or not leans_on_the_unseen(candidates[i], language)
    ]
    return one_item(candidates, _new_ones(needs, indexes, count))


def without_repeats(candidates: Sequence[str], title: str, language: str) -> list[str]:
    """The candidates less any that says again what an earlier one said: for an article too
    short to choose from, whose page may carry its text twice (a teaser and the post). Where
    briefs keep the writer's order, from the first that can open one (see ``in_order``)."""
    if language in RANKED_LANGUAGES:
        # A short English page's first line is most often its standfirst, which says what
        # the page is about even when it opens on "The policy" or "It's".
        needs = Needs(candidates, title, language)
        kept = one_item(candidates, _new_ones(needs, range(len(candidates)), len(candidates)))
    else:
        kept = in_order(candidates, title, language, len(candidates))
    return [candidates[i] for i in kept]


def _new_ones(needs: Needs, indexes: Sequence[int], count: int) -> list[int]:
    """Up to ``count`` of ``indexes``, in order, each saying something no earlier one said."""
    chosen: set[int] = set()
    for i in indexes:
        if len(chosen) >= count:
            break
        if not needs.repeats(i, chosen):
            chosen.add(i)
    return sorted(chosen)


# How many leading candidates that lean on a dropped line a brief in order may pass over (a
# teaser of two lines, "Er galt als … / Auch sein Privatleben …", is common).
_LEANING_LEAD = 3


def select(order: Sequence[int], needs: Needs, count: int) -> list[int]:
    """Up to ``count`` candidates, best first by ``order``, in article order.

    A sentence is taken only with the earlier sentences it needs: on a first pass together
    with one such sentence that needs nothing more; if the brief is still short, a second pass
    takes whole chains. A sentence that repeats a chosen one, or one it comes with, is never
    taken.
    """
    chosen: set[int] = set()
    for i in order:
        if len(chosen) >= count:
            break
        if i in chosen or needs.repeats(i, chosen):
            continue
        wanted = needs.unmet(i, chosen)
        if wanted is None:
            chosen.add(i)
        elif (
            len(chosen) + 2 <= count
            and needs.unmet(wanted, chosen) is None
            and not needs.repeats(wanted, chosen)
            and not needs.repeats(i, {wanted})  # a lead retold: "This is a story about how …"
            and needs.unmet(i, chosen | {wanted}) is None
        ):
            chosen |= {wanted, i}
    for i in order:
        if len(chosen) >= count:
            break
        if i in chosen or needs.repeats(i, chosen):
            continue
        run = {i}
        wanted = needs.unmet(i, chosen)
        while wanted is not None and wanted not in run and len(chosen) + len(run) < count:
            run.add(wanted)
            wanted = next(
                (w for w in (needs.unmet(j, chosen | run) for j in sorted(run)) if w is not None),
                None,
            )
        if (
            wanted is None
            and len(chosen) + len(run) <= count
            and not any(needs.repeats(j, run - {j}) for j in run)
        ):
            chosen |= run
    return sorted(chosen)
