"""Issue 18: headings glued into sentences, page notices, and sentences cut at the wrong place.
Every text here is invented."""

from __future__ import annotations

import pytest

from bot.briefs import clean_body, split_sentences
from bot.briefs.fitness import is_fit

# --- headings kept apart from the paragraph after them ----------------------------------------


def test_a_heading_ending_on_a_capitalised_name_is_not_joined_to_the_next_paragraph() -> None:
    body = (
        "Die Stadt plant eine neue Brücke über den Fluss.\n\n"
        "Die Messe zieht im Sommer in die Halle A\n\n"
        "Aus dem Rathaus hieß es, der Bau beginne im Frühjahr."
    )
    lines = clean_body(body).split("\n\n")
    assert "Aus dem Rathaus hieß es, der Bau beginne im Frühjahr." in lines


@pytest.mark.parametrize(
    "heading",
    [
        "So will die Stadt den Hafen retten",  # a verb after a noun: a heading's end
        "1. Ferries to run twice a day, with night crossings also planned",
        "Der Hafen wird größer. Die Fähren fahren bald öfter",  # a standfirst, no full stop
    ],
)
def test_a_heading_ending_on_a_lower_case_word_is_not_joined(heading: str) -> None:
    after = "Die Reederei kündigte am Montag zwei neue Verbindungen an."
    assert clean_body(f"{heading}\n\n{after}").split("\n\n")[-1] == after


def test_a_dateline_ending_on_a_comma_is_not_joined_to_a_new_sentence() -> None:
    body = "Au stade du Port (Kell),\n\nEt voilà le travail. Les Bleus ont battu l'Italie."
    assert "Et voilà le travail." in split_sentences(clean_body(body), "french")


def test_a_german_heading_ending_on_a_verb_particle_is_not_joined() -> None:
    body = (
        "Hafen: Die Fähren fahren ab Mai wieder öfter auf\n\n"
        "Dem Plan zufolge legt die Fähre künftig zweimal am Tag an."
    )
    lines = clean_body(body).split("\n\n")
    assert "Dem Plan zufolge legt die Fähre künftig zweimal am Tag an." in lines


@pytest.mark.parametrize(
    ("body", "joined"),
    [
        (
            "The storm forced the ferry company to cancel crossings for\n\n"
            "Tuesday and Wednesday, the harbour master said.",
            "The storm forced the ferry company to cancel crossings for "
            "Tuesday and Wednesday, the harbour master said.",
        ),
        (
            "Die Gemeinde testete das neue System mit\n\ndem Bauhof und der Feuerwehr im Sommer.",
            "Die Gemeinde testete das neue System mit dem Bauhof und der Feuerwehr im Sommer.",
        ),
        (
            "Die Gemeinde testete das neue System zusammen mit\n\nBauhof und Feuerwehr im Sommer.",
            "Die Gemeinde testete das neue System zusammen mit Bauhof und Feuerwehr im Sommer.",
        ),
        (
            # German nouns are capitalised: "… dem neuen" stops before its noun.
            "Ab Mai sollen alle Fähren der Reederei mit dem neuen\n\n"
            "Treibstoff fahren, teilte die Firma mit.",
            "Ab Mai sollen alle Fähren der Reederei mit dem neuen "
            "Treibstoff fahren, teilte die Firma mit.",
        ),
        (
            "Das Gericht bestätigte die Aufsicht über die Häfen zweier großer\n\n"
            "Reedereien der Stadt.",
            "Das Gericht bestätigte die Aufsicht über die Häfen zweier großer "
            "Reedereien der Stadt.",
        ),
        (
            # Japanese: a finished sentence, then a name broken off before its title.
            "市の港で新しい桟橋が完成した。山田\n\n太郎\n\n市長は式典で喜びを語った。",
            "市の港で新しい桟橋が完成した。山田太郎市長は式典で喜びを語った。",
        ),
        (
            # Chinese set out for phones: one sentence over short lines ending on commas.
            "下周一\uff0c\n\n港口大桥施工就将进入第二阶段\uff0c\n\n也是对市民出行影响最大的一段。",
            "下周一\uff0c港口大桥施工就将进入第二阶段\uff0c也是对市民出行影响最大的一段。",
        ),
        (
            # A Chinese sentence whose last words and full stop stand in paragraphs of their own.
            "新的研究发现\uff1a渡轮乘客中\uff0c\n\n周末出行的人更多\n\n。",
            "新的研究发现\uff1a渡轮乘客中\uff0c周末出行的人更多。",
        ),
    ],
)
def test_a_sentence_broken_across_paragraphs_is_still_joined(body: str, joined: str) -> None:
    assert clean_body(body) == joined


# --- browser notices --------------------------------------------------------------------------


def test_a_browser_notice_is_dropped_and_the_article_kept() -> None:
    body = (
        "Thank you for visiting example.org. You are using a browser version with limited "
        "support for CSS. To get the best experience, we recommend you use a more up to date "
        "browser. Meanwhile, we are displaying the site without styles and JavaScript.\n\n"
        "The harbour council approved a new pier on Monday after a long debate."
    )
    assert clean_body(body) == (
        "The harbour council approved a new pier on Monday after a long debate."
    )


# --- sentence ends that are not ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Die Bank testete Zahlungen mit dem Fanshop des 1. FC Musterstadt. Das klappte gut.",
            [
                "Die Bank testete Zahlungen mit dem Fanshop des 1. FC Musterstadt.",
                "Das klappte gut.",
            ],
        ),
        (
            "Die für Mai geplante 19. Hafen-WM in Kell wird verschoben. Das sagte der Verband.",
            [
                "Die für Mai geplante 19. Hafen-WM in Kell wird verschoben.",
                "Das sagte der Verband.",
            ],
        ),
        (
            "Der Kapitän wurde 19. Sein Vater war Fischer.",
            ["Der Kapitän wurde 19.", "Sein Vater war Fischer."],
        ),
        (
            "Die Minister bringen in Kell das 19. Hafenpaket auf den Weg. Norby ist dagegen.",
            ["Die Minister bringen in Kell das 19. Hafenpaket auf den Weg.", "Norby ist dagegen."],
        ),
        (
            "Die Fähre wurde beim Rennen die 19. Das war ihr schlechtester Platz.",
            ["Die Fähre wurde beim Rennen die 19.", "Das war ihr schlechtester Platz."],
        ),
        (
            "Der Verein spielt bald in der 3. Liga. Der Trainer bleibt.",
            ["Der Verein spielt bald in der 3. Liga.", "Der Trainer bleibt."],
        ),
        (
            "Die Läuferin kam auf Platz 3. Die Siegerin war schneller.",
            ["Die Läuferin kam auf Platz 3.", "Die Siegerin war schneller."],
        ),
    ],
)
def test_a_german_ordinal_before_a_name_does_not_end_a_sentence(
    text: str, expected: list[str]
) -> None:
    assert split_sentences(text, "german") == expected


def test_an_exclamation_inside_brackets_does_not_end_a_sentence() -> None:
    text = "Nur einer war noch fauler, der Kassenwart (3!), wie alle wussten. Dann kam die Wahl."
    assert split_sentences(text, "german") == [
        "Nur einer war noch fauler, der Kassenwart (3!), wie alle wussten.",
        "Dann kam die Wahl.",
    ]


def test_a_colon_after_an_abbreviation_in_brackets_stays_in_its_sentence() -> None:
    text = "Das Gericht gab der Klage statt (Az.: 3 K 12/24). Die Stadt will nun Berufung einlegen."
    assert split_sentences(text, "german") == [
        "Das Gericht gab der Klage statt (Az.: 3 K 12/24).",
        "Die Stadt will nun Berufung einlegen.",
    ]


def test_a_citation_in_brackets_stays_in_its_sentence() -> None:
    text = (
        "Costs could double by 2030, a study found (A. Roe et al. Harbour Review; 2025). "
        "The council will vote in May."
    )
    assert split_sentences(text) == [
        "Costs could double by 2030, a study found (A. Roe et al. Harbour Review; 2025).",
        "The council will vote in May.",
    ]


# --- captions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Pictured right, is the harbour master Jane Roe, speaking to a ferry captain.",
        "Pictured: the new pier at Kell on its first morning.",
        "Pictured are two volunteers painting the old lighthouse.",
    ],
)
def test_a_caption_naming_who_is_pictured_is_unfit(sentence: str) -> None:
    assert not is_fit(sentence)


def test_a_postscript_is_unfit() -> None:
    assert not is_fit("P.S.: All the prints of the harbour shown here are for sale until May.")
    assert not is_fit("PS: The ferry photos from this post are available as postcards.")


def test_a_sentence_about_a_picture_stays_fit() -> None:
    assert is_fit("Pictures of the flooded pier were shared widely on Monday.")


def test_a_paragraph_cut_off_with_an_ellipsis_goes_whole() -> None:
    # Real page: another article's teaser above this one, "… Garant für dynamische
    # Fortbewegung. War Volkswagen anfangs vom ...": its first sentence is whole but still
    # the other article's.
    teaser = "Die Fähre nach Norby ist seit jeher ein Symbol der Insel. War sie anfangs vom ..."
    story = "Der Hafen von Kell bekommt einen zweiten Kran. Der Stadtrat stimmte am Montag zu."
    assert clean_body(f"{teaser}\n\n{story}") == story


def test_soft_hyphens_do_not_split_words() -> None:
    # Real page: "Ausnahmever\u00ad\u00adordnung" in one paragraph and "Ausnahmeverordnung" in
    # the next read as two sentences saying different things, and both were briefed.
    body = (
        "Mit der Verordnung wurden die Fahr\u00adpläne der Fähre nach Norby neu geregelt.\n\n"
        "Mit der Verordnung wurden die Fahrpläne der Fähre nach Norby neu geregelt."
    )
    assert clean_body(body).split("\n\n") == [
        "Mit der Verordnung wurden die Fahrpläne der Fähre nach Norby neu geregelt.",
        "Mit der Verordnung wurden die Fahrpläne der Fähre nach Norby neu geregelt.",
    ]


def test_reference_marks_glued_to_words_are_dropped() -> None:
    body = (
        "Anna Berg (1820 \u2013 1881);[1] also known as the Harbour Queen, was a ferry owner[2]"
        " from Kell who built the north pier.[citation needed] She wrote[n 2] [sic] that it took"
        " nine years."
    )
    assert clean_body(body) == (
        "Anna Berg (1820 \u2013 1881); also known as the Harbour Queen, was a ferry owner"
        " from Kell who built the north pier. She wrote [sic] that it took nine years."
    )


def test_teasers_cut_with_a_mark_in_their_line_are_dropped() -> None:
    story = "The harbour board approved the new pier on Monday after a year of talks."
    teaser = (
        "Ferries are changing the way islands trade, and the next decade will show how far. "
        "[continued] Speaker Bio: Jane Roe leads the ferry practice at Examplesoft."
    )
    assert clean_body(f"{story}\n\n{teaser}") == story


def test_a_caption_ending_on_its_credit_is_dropped() -> None:
    story = "The harbour board approved the new pier on Monday after a year of talks."
    caption = "Travellers at Kell pier express concerns about the new ferry timetable. VPC"
    assert clean_body(f"{caption}\n\n{story}") == story
    # An abbreviation ending the last sentence is no credit.
    kept = "The pier will be paid for by the island and the EU."
    assert clean_body(kept) == kept
