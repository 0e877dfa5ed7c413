"""Issue 18, thirteenth round: patterns found on saved news pages (US papers' titles before
names, adverts inside a review's text, …). Every text here is invented."""

from __future__ import annotations

import pytest

from bot.briefs.calls import calls_to_action
from bot.briefs.language import split_sentences


@pytest.mark.parametrize(
    "text",
    [
        "State Atty. Gen. Mara Quill said on Monday that the harbour deal was lawful.",
        "Dist. Atty. Ray Olen will not seek a retrial of the ferry operator.",
        "Dep. Sec. Ann Lobo and Det. Sgt. Tim Vale spoke to reporters outside the court.",
        "The Rev. Dr. Paul Ames and Msgr. Leo Hart led the service at the harbour chapel.",
    ],
)
def test_titles_before_a_name_do_not_end_a_sentence(text: str) -> None:
    assert split_sentences(text) == [text]


@pytest.mark.parametrize(
    "sentence",
    [
        "If your computer is slowing down or crashing, get a free scan of your computer to "
        "make sure it is not infected.",
        "Homeowners in Port Ellis can request a free quote for storm shutters before June.",
    ],
)
def test_an_adverts_offer_inside_a_sentence_is_not_news(sentence: str) -> None:
    assert calls_to_action(sentence)


def test_a_free_offer_reported_as_news_stays() -> None:
    sentence = "The council said residents would get free parking at the ferry quay all summer."
    assert not calls_to_action(sentence)
