"""A page's standfirst (og:description) leads the body when the body lacks it (issue 18: briefs
that opened on a feature's scene or named "the reported memo" only the standfirst introduced).
Every text is invented."""

from __future__ import annotations

import pytest

from bot.briefs import make_brief
from bot.sources.extract import extract_article
from bot.sources.standfirst import with_standfirst

BODY = [
    "It is Friday evening, five o'clock, and the harbour café in Kell is filling up.",
    "Tea is poured, cake is shared, and the talk soon turns to the ferry.",
    "The island council voted on Thursday to stop the winter ferry to Norby from January.",
    "Fishermen and families on Norby say the vote leaves them cut off for three months.",
]
STANDFIRST = (
    "Kell's council has voted to stop the winter ferry to Norby, and islanders fear three "
    "months cut off."
)


def test_a_summary_the_body_lacks_leads_it() -> None:
    assert with_standfirst(BODY, STANDFIRST, "Winter ferry to Norby stopped") == [STANDFIRST, *BODY]


def test_only_its_first_sentence_is_taken() -> None:
    teaser = STANDFIRST + " Here is what they told us."
    assert with_standfirst(BODY, teaser, "Ferry stopped")[0] == STANDFIRST


@pytest.mark.parametrize(
    "description",
    [
        None,
        "",
        "Kell's council has voted to stop the winter ferry to Norby, and islanders fear …",
        "Why did Kell's council vote to stop the winter ferry to Norby from January?",
        "What the vote on the winter ferry to Norby means for the islanders of Kell.",
        "The Kell Courier: news, sport and weather from the harbour town and its islands.",
        "Ferry news.",
        BODY[2],
    ],
)
def test_no_summary_of_this_article_leaves_the_body_alone(description: str | None) -> None:
    assert with_standfirst(BODY, description, "Winter ferry to Norby stopped") == BODY


def test_a_twice_escaped_description_is_unescaped() -> None:
    description = STANDFIRST.replace("Kell's council", "Kell&amp;Norby's council")
    assert with_standfirst(BODY, description, "Ferry")[0].startswith("Kell&Norby's council")


def test_an_article_page_gets_its_standfirst_and_the_brief_leads_with_it() -> None:
    paragraphs = "".join(f"<p>{text}</p>" for text in BODY * 2)
    page = (
        "<html lang='en'><head><title>Winter ferry to Norby stopped</title>"
        f'<meta property="og:description" content="{STANDFIRST}"></head>'
        f"<body><article><h1>Winter ferry to Norby stopped</h1>{paragraphs}</article></body></html>"
    )
    article = extract_article(page, "https://www.courier.example/2025/ferry", min_words=30)
    assert article.body.split("\n\n")[0] == STANDFIRST
    for language in ("english", "german"):  # ranked, and in the writer's order
        brief = make_brief(article.title, article.body, language=language, sentences=3)
        assert brief[0] == STANDFIRST
