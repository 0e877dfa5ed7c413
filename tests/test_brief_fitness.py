"""Sentences fit to be a brief, the auto summarizer, too-short articles and language checks.

Every example text here is made up for these tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot import briefs, i18n
from bot.briefs import (
    MIN_ARTICLE_WORDS,
    TooLittleText,
    candidates,
    clean_body,
    detect_language,
    make_brief,
)
from bot.briefs.cleaning import MAX_SENTENCE_CHARS
from bot.briefs.dangling import dangles
from bot.briefs.fitness import is_fit

TITLE = "Valley town opens its first public library"

# Plain reporting that every rule must leave alone.
STORY = [
    "The town of Kessel Vale opened its first public library on Saturday after a decade of "
    "fundraising by residents.",
    "The building, a converted grain store on Mill Lane, holds about 12,000 books and a small "
    "archive of local newspapers.",
    "Librarian Mara Ostrowski said more than 400 people signed up for cards on the first day.",
    "The council will pay for two full-time staff from next year's budget.",
    "Volunteers will run a reading club for children every Wednesday afternoon.",
    "The library is open six days a week and closed on Mondays.",
]


def body(*extra: str) -> str:
    return "\n\n".join([*STORY, *extra])


# --------------------------------------------------------------------------------------------
# One rule at a time


@pytest.mark.parametrize(
    "sentence",
    [
        *STORY,
        # Reporting that merely contains the words of a call to action or a list marker.
        "Pupils who read more at home did better in the valley's reading tests.",
        "Children continue reading after school, the survey found.",
        "From Monday, the library will open at eight.",
        "Return journeys on the valley bus will be free for card holders.",
        "1.5 million books were lent across the region last year.",
        "The librarian said the roof (replaced in 2029) still leaks.",
    ],
)
def test_reporting_is_fit(sentence: str) -> None:
    assert is_fit(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # Questions, in any language.
        "Who will pay for the new roof over the reading room?",
        "Was bedeutet das für die Leser in der kleinen Stadt?",
        '"Where else would the children go after school?"',
        "\u00bfQui\u00e9n pagar\u00e1 el nuevo tejado de la biblioteca este a\u00f1o?",
        # Calls to action and teaser tails.
        "Check out the photo gallery of the opening day for more pictures.",
        "Continue reading on the Valley Courier website.",
        "Read more about the fundraising campaign in our archive.",
        "Sign up for our weekly newsletter to get stories like this.",
        "Don't miss the library's open evening next Friday.",
        "Click here to see the full list of new opening hours.",
        "The librarian said the archive would grow and [\u2026]",
        "The librarian said the archive would grow and [...]",
        "The council spent most of its budget on the building and\u2026",
        "The council spent most of its budget on the building and...",
        # Headings and fragments without terminal punctuation.
        "Opening hours and how to get a card",
        "In Kessel Vale, the",
        "The library will be open on:",
        # Source code.
        "// LibraryCard.swift",
        "import Foundation",
        "from library.cards import issue_card",
        "let card = LibraryCard(owner: name, expires: nil);",
        "}",
        "if (cards.count > limit) { reject(card); }",
    ],
)
def test_unfit_sentences(sentence: str) -> None:
    assert not is_fit(sentence)


@pytest.mark.parametrize(
    "unfit",
    [
        "Who will pay for the new roof over the reading room?",
        "Check out the photo gallery of the opening day for more pictures.",
        "Continue reading on the Valley Courier website \u00bb",
        "The librarian said the archive would grow and [...]",
        "Opening hours and how to get a card",
        "// LibraryCard.swift import Foundation",
        "let card = LibraryCard(owner: name, expires: nil);",
    ],
)
def test_unfit_sentences_never_reach_a_brief(unfit: str) -> None:
    text = "\n".join([STORY[0], unfit, *STORY[1:], unfit])
    assert unfit not in " ".join(candidates(TITLE, text, "english"))
    for name in briefs.SUMMARIZER_NAMES:
        brief = make_brief(TITLE, text, sentences=4, summarizer=name)
        assert all(s in STORY for s in brief), (name, brief)


def test_list_markers_are_stripped_and_items_kept_when_sentences() -> None:
    items = [
        "- The reading room seats forty people at long oak tables.",
        "* A children's corner has beanbags and picture books.",
        "\u2022 The archive keeps every issue of the Valley Courier since 1952.",
        "1. Members may borrow up to eight books at a time.",
        "2) Late returns cost nothing in the first year.",
        "- Free wifi",
    ]
    got = candidates(TITLE, body(*items), "english")
    assert "The reading room seats forty people at long oak tables." in got
    assert "A children's corner has beanbags and picture books." in got
    assert "The archive keeps every issue of the Valley Courier since 1952." in got
    assert "Members may borrow up to eight books at a time." in got
    assert "Late returns cost nothing in the first year." in got
    assert not any("wifi" in s for s in got)
    assert not any(s.startswith(("-", "*", "\u2022", "1.", "2)")) for s in got)


def test_aggregator_footer_is_cut_off() -> None:
    item = (
        "Residents of Kessel Vale raised money for ten years to open their first library. "
        "submitted by /u/valley_reader to r/smalltowns [link] [181 comments]"
    )
    cleaned = clean_body(item)
    assert cleaned == (
        "Residents of Kessel Vale raised money for ten years to open their first library."
    )
    assert "submitted" not in clean_body(body(item))
    # A link post whose only text is the footer has nothing to brief.
    with pytest.raises(TooLittleText):
        make_brief(TITLE, "submitted by /u/valley_reader to r/smalltowns [link] [4 comments]")


@pytest.mark.parametrize(
    "footer",
    [
        "The post Kessel Vale opens its first library appeared first on Vale Times.",
        "Der Beitrag Kessel Vale eröffnet Bibliothek erschien zuerst auf Tal-Zeitung.",
        "Post-ul Biblioteca din Kessel Vale apare prima dată în Valea.md.",
    ],
)
def test_a_feeds_appeared_first_on_footer_is_cut_off(footer: str) -> None:
    text = "Residents of Kessel Vale raised money for ten years to open their first library."
    assert clean_body(f"{text} {footer}") == text


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        (
            "The report, opens new tab by the harbour board found the crane was overloaded.",
            "The report by the harbour board found the crane was overloaded.",
        ),
        (
            "Der Hafen kaufte Kräne von Kellwerk(öffnet im neuen Fenster) für zwei Millionen Euro.",
            "Der Hafen kaufte Kräne von Kellwerk für zwei Millionen Euro.",
        ),
    ],
)
def test_a_links_note_to_screen_readers_is_cut_from_the_text(line: str, clean: str) -> None:
    assert clean_body(line) == clean


def test_glued_wire_dateline_is_dropped() -> None:
    text = (
        "Kessel Vale (Valley Wire)The town opened its first public library on Saturday. "
        + " ".join(STORY[1:])
    )
    got = candidates(TITLE, text, "english")
    assert got[0] == "The town opened its first public library on Saturday."
    assert make_brief(TITLE, "(CNN)" + " ".join(STORY))[0] == STORY[0]


def test_one_copyright_sentence_does_not_drop_a_one_line_article() -> None:
    # Some sources put the whole article on one line, ending in their copyright notice.
    text = " ".join(STORY) + " \u00a92031 Valley Courier. All rights reserved."
    got = candidates(TITLE, text, "english")
    assert got == STORY


# --------------------------------------------------------------------------------------------
# Pronouns and connectives


@pytest.mark.parametrize(
    "sentence",
    [
        "He said the roof would be finished by June.",
        "She says the town waited too long.",
        "These bursts of giving came mostly at Christmas.",
        "However, the council has not agreed to pay for heating.",
        "But the money ran out twice.",
        "They plan to open on Sundays in summer.",
        '"It took us ten years," the librarian said.',
        # The end of a quotation an earlier sentence opened, or one whose speaker is a pronoun.
        "We will open on Sundays once we find the volunteers,\u201d she told the meeting.",
        'Nobody expected the queue to reach the bridge," he said.',
        # A quotation with no speaker at all.
        "\u201cThe town has waited a long time for this.\u201d",
    ],
)
def test_dangling_openers(sentence: str) -> None:
    assert dangles(sentence, "english")


@pytest.mark.parametrize(
    "sentence",
    [
        "Denn wenn wir eines gelernt haben, dann den vorsichtigen Umgang mit Zahlen.",
        "Dagegen blieb der Hafen bis zum Abend geschlossen.",
        "Er sagte, die Arbeiten seien im Juni beendet.",
        "Trotzdem fuhren die Busse am Sonntag nach Plan.",
    ],
)
def test_german_dangling_openers(sentence: str) -> None:
    assert dangles(sentence, "german")
    assert not dangles("Der Hafen blieb bis zum Abend geschlossen.", "german")


@pytest.mark.parametrize(
    "sentence",
    [
        "This year the library will also lend tools.",
        "The librarian said the roof would be finished by June.",
        "Theatre groups may book the reading room in the evening.",
        "Helen Marsh, the mayor, cut the ribbon.",
        "There were queues outside before nine o'clock.",
        "\u201cLow Tide,\u201d a novel set in the valley, was the first book lent.",
        'The mayor called the opening "a great day for the valley".',
        "Mara Ostrowski said: \u201cWe will open on Sundays.\u201d",
    ],
)
def test_sentences_that_stand_alone(sentence: str) -> None:
    assert not dangles(sentence, "english")


def test_auto_never_picks_a_pronoun_sentence_without_its_antecedent() -> None:
    # The pronoun sentence is the most central one (it repeats everyone's words), but the
    # sentence naming "she" is weak: auto must skip it or take both.
    text = " ".join(
        [
            "Kessel Vale opened its first public library on Saturday in the old grain store.",
            "Mara Ostrowski has lived in the valley all her life.",
            "She said the library, the grain store and the Saturday opening were the town's "
            "proudest moment, and that the library would open every Saturday.",
            "The public library holds 12,000 books in the old grain store.",
            "The town raised money for the library for ten years.",
            "Children from the valley schools will visit the library on Saturday mornings.",
        ]
    )
    sentences = candidates(TITLE, text, "english")
    for count in (1, 2, 3, 4):
        brief = make_brief(TITLE, text, sentences=count)
        assert 1 <= len(brief) <= count
        for sentence in brief:
            i = sentences.index(sentence)
            if dangles(sentence, "english"):
                assert sentences[i - 1] in brief, (count, brief)


def test_auto_keeps_the_guarantees() -> None:
    text = body()
    first = make_brief(TITLE, text, sentences=3)
    assert first == make_brief(TITLE, text, sentences=3, summarizer="auto")
    assert len(first) == 3
    positions = [STORY.index(s) for s in first]
    assert positions == sorted(positions)
    assert make_brief(TITLE, f"{TITLE}.\n\n{text}", sentences=3) == first


# --------------------------------------------------------------------------------------------
# Too little text


@pytest.mark.parametrize(
    "text",
    [
        "Cogent.",
        "Continue reading",
        "Check out the new trailer for the festival.",
        "Read more \u00bb",
        "Who wants a library card?",
    ],
)
def test_too_little_text_is_refused_with_a_reason(text: str) -> None:
    with pytest.raises(TooLittleText, match=r"too little text to brief: \d+ words"):
        make_brief(TITLE, text)


def _long_sentence(shift: int) -> str:
    """70 made-up words of 36 letters: under MAX_SENTENCE_WORDS, far over MAX_SENTENCE_CHARS."""
    letters = "abcdefghijklmnopqrstuvwxyz" * 3
    words = [letters[(i + shift) % 26 :][:36] for i in range(70)]
    return " ".join(words).capitalize() + "."


def test_sentences_all_too_long_are_refused_for_their_length() -> None:
    # "too little text to brief: 0 words" sent admins looking for text that was there.
    body = "\n".join(_long_sentence(shift) for shift in range(3))
    longest = len(_long_sentence(0))
    assert longest > MAX_SENTENCE_CHARS
    with pytest.raises(TooLittleText) as refused:
        briefs.brief_article(TITLE, body)
    assert str(refused.value) == (
        f"no sentence short enough to brief (the longest has {longest} characters)"
    )
    with i18n.use_language("de"):
        assert str(longest) in refused.value.text.localized()
        assert refused.value.text.localized() != str(refused.value)


def test_short_article_at_the_bar_is_briefed() -> None:
    sentence = "The Kessel Vale library lends tools, seeds and books to every resident for free."
    assert len(sentence.split()) >= MIN_ARTICLE_WORDS
    assert make_brief(TITLE, sentence) == (sentence,)


def test_a_short_article_is_briefed_but_not_pushable() -> None:
    sentence = "The Kessel Vale library lends tools, seeds and books to every resident for free."
    short = briefs.brief_article(TITLE, sentence)
    assert short.sentences == (sentence,) and short.words == 14 and not short.pushable
    full = briefs.brief_article(TITLE, body())
    assert full.words >= briefs.PUSH_MIN_WORDS and full.pushable
    assert full.sentences == make_brief(TITLE, body())


@pytest.mark.e2e  # `python -m bot ingest`
def test_ingest_reports_a_hollow_article_as_rejected(tmp_path: Path) -> None:
    records = [
        {"title": TITLE, "body": body()},
        {"title": "Link post", "body": "Continue reading on the Valley Courier \u00bb"},
        {
            "title": "Short note",
            "body": "The library lends tools and seeds to every resident for free.",
        },
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(tmp_path / "t.db"), "ingest", str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert "added 2 (1 too short to push), duplicates 0, rejected 1" in result.stdout, result.stderr
    assert "articles.jsonl:2: too little text to brief" in result.stderr


# --------------------------------------------------------------------------------------------
# Language

RUSSIAN = (
    "Движение по новому участку кольцевой автодороги открывается в понедельник, сообщили в "
    "госкомпании, которая строит дорогу вокруг города уже четыре года."
)
GERMAN = (
    "Die kleine Stadt im Tal hat am Samstag ihre erste \u00f6ffentliche Bibliothek er\u00f6ffnet. "
    "Die Bewohner hatten zehn Jahre lang Geld gesammelt, um das alte Kornlager umzubauen. "
    "Nach Angaben der Bibliothekarin haben sich am ersten Tag mehr als vierhundert Menschen "
    "einen Ausweis geholt. Der Gemeinderat will im n\u00e4chsten Jahr zwei Stellen bezahlen, "
    "und Freiwillige wollen jeden Mittwoch einen Leseklub f\u00fcr Kinder anbieten."
)
ENGLISH = " ".join(STORY)


@pytest.mark.parametrize(
    ("text", "declared", "default", "expected"),
    [
        (GERMAN, "en-US", "english", "german"),  # the page lied
        (GERMAN, "en", "english", "german"),
        (GERMAN, None, "english", "german"),  # nothing declared: the text decides
        (ENGLISH, "en-GB", "german", "english"),
        (ENGLISH, "english", "german", "english"),
        (ENGLISH, None, "german", "english"),
        (GERMAN, "de-AT", "english", "german"),
        (GERMAN, "nl", "english", "german"),  # Dutch is told by its commonest words now
        ("Kurzer Text.", "nl", "german", "dutch"),  # too little text: the declaration stands
        (RUSSIAN, "en", "english", "russian"),  # another alphabet overrules the declaration
        ("Kurzer Text.", "en", "german", "english"),  # too little text to overrule anyone
        ("Kurzer Text.", None, "german", "german"),
        ("Kurzer Text.", "xx-YY", "german", "german"),  # unknown code: the default
    ],
)
def test_detect_language(text: str, declared: str | None, default: str, expected: str) -> None:
    assert detect_language(text, declared, default) == expected


def test_detect_language_needs_clear_evidence() -> None:
    # An English story quoting a German sign stays English.
    text = ENGLISH + ' The sign over the door reads "Die Bibliothek ist f\u00fcr alle da."'
    assert detect_language(text, "en", "english") == "english"


def test_detect_language_is_cheap() -> None:
    article = " ".join([ENGLISH] * 20)
    detect_language(article, "en-US", "english")  # loads the stop-word lists once
    started = time.perf_counter()
    for _ in range(200):
        detect_language(article, "en-US", "english")
    assert (time.perf_counter() - started) / 200 < 0.002
