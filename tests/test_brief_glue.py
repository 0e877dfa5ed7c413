"""Issue 18: headings glued into sentences, page notices, and sentences cut at the wrong place.
Every text here is invented."""

from __future__ import annotations

import pytest

from bot.briefs import clean_body

# --- headings kept apart from the paragraph after them ----------------------------------------


def test_a_heading_ending_on_a_capitalised_name_is_not_joined_to_the_next_paragraph() -> None:
    body = (
        "Die Stadt plant eine neue Brücke über den Fluss.\n\n"
        "Die Messe zieht im Sommer in die Halle A\n\n"
        "Aus dem Rathaus hieß es, der Bau beginne im Frühjahr."
    )
    lines = clean_body(body).split("\n\n")
    assert "Aus dem Rathaus hieß es, der Bau beginne im Frühjahr." in lines


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
