"""Issue 18, thirteenth round: patterns found on saved news pages (US papers' titles before
names, adverts inside a review's text, …). Every text here is invented."""

from __future__ import annotations

import pytest

from bot.briefs import clean_body, make_brief
from bot.briefs.calls import calls_to_action
from bot.briefs.coherence import Needs
from bot.briefs.dangling import dangles
from bot.briefs.datelines import strip_dateline
from bot.briefs.items import first_item
from bot.briefs.language import split_sentences
from bot.briefs.openers import cannot_open, opens_on_the_titles_person
from bot.sources.extract import extract_article
from bot.sources.headlines import strip_decoration
from bot.sources.titles import clean_title, title_from_text


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


_SUBMISSION = (
    "The harbour board of Port Ellis today opened its ferry timetables to anyone who wants "
    "to build an app on them. The data covers every sailing since 2019 and is updated each "
    "night. Until now, the timetables were published only as printed leaflets at the quay."
)


def _story() -> str:
    """Three paragraphs of the story, as a page's <p> elements."""
    return "".join(f"<p>{_SUBMISSION} {n}</p>" for n in range(3))


@pytest.mark.parametrize(
    "credit",
    [
        "An anonymous reader writes: ",
        "An anonymous reader quotes a report from the Ellis Gazette: ",
        "Slashdot reader harbourfan writes: ",
        "ferrygeek42 shares a report from the Ellis Gazette: ",
    ],
)
def test_a_reader_submissions_credit_is_not_the_briefs_first_words(credit: str) -> None:
    brief = make_brief("Ferry timetables opened to app makers", credit + _SUBMISSION)
    assert brief[0].startswith("The harbour board of Port Ellis today opened")


def test_a_named_writers_quotation_keeps_its_speaker() -> None:
    line = 'Professor Ada Plant writes: "The evidence on harbour dredging is far from settled."'
    assert strip_dateline(line) == line


def test_a_short_reader_submission_page_is_a_news_item() -> None:
    comments = "".join(
        f"<div class='comment'><h4>Re: timetables (Score:{n})</h4><p>Nice.</p></div>"
        for n in range(1, 4)
    )
    page = (
        "<html><head><title>Ferry Timetables Opened To App Makers - Slashdot</title></head>"
        "<body><article><h2>Ferry Timetables Opened To App Makers</h2>"
        f"<div class='body'><p>An anonymous reader writes: {_SUBMISSION}</p></div></article>"
        f"{comments}</body></html>"
    )
    article = extract_article(page, "https://news.example.org/story/ferry-timetables")
    assert "An anonymous reader writes: The harbour board" in article.body


def test_typewriter_quotes_read_as_quotation_marks() -> None:
    body = (
        "``The pier was never safe for passenger traffic,'' harbour master Ian Cole said on "
        "Monday. He said the board had answered ``no'' twice.\n"
        "``If you want a harbour that works, here is your plan, `` Cole told the council."
    )
    assert clean_body(body).splitlines() == [
        "\u201cThe pier was never safe for passenger traffic,\u201d harbour master Ian Cole "
        "said on Monday. He said the board had answered \u201cno\u201d twice.",
        "\u201cIf you want a harbour that works, here is your plan,\u201d Cole told the council.",
    ]


def test_apostrophes_without_backticks_stay() -> None:
    line = "The bay's depth is 12'' deeper than the charts' figure, surveyors said on Monday."
    assert clean_body(line) == line


@pytest.mark.parametrize(
    "sentence",
    [
        "Ferry passes are sold to all residents who bank with the above listed institutions.",
        "All the figures mentioned above will shape the harbour board's budget next year.",
    ],
)
def test_a_sentence_pointing_at_a_list_left_out_is_not_news(sentence: str) -> None:
    assert calls_to_action(sentence)


def test_a_backtick_opening_a_titles_quotation_is_a_quote_mark() -> None:
    assert clean_title("`Team Ellis\u2019 has its fingers crossed") == (
        "\u2018Team Ellis\u2019 has its fingers crossed"
    )
    assert clean_title("`Atonement' up for harbour film award") == (
        "\u2018Atonement\u2019 up for harbour film award"
    )
    assert clean_title("Run `make` before the ferry sails") == "Run `make` before the ferry sails"


def test_a_slide_show_announced_is_not_news() -> None:
    assert calls_to_action(
        "The slide show that follows shows the new ferries and the pier the harbour board chose."
    )


def test_an_answer_to_a_question_left_out_needs_it() -> None:
    assert dangles("Nope, the harbour board wanted a new pier, not a repaired one.", "english")


def test_two_apostrophes_opening_a_quotation_are_quote_marks() -> None:
    body = (
        "Asked about the ferry, the mayor said, ''Yes, we shall announce a date very soon. "
        "As our harbour grows, I would like the new pier to open this summer.''"
    )
    assert clean_body(body) == (
        "Asked about the ferry, the mayor said, \u201cYes, we shall announce a date very soon. "
        "As our harbour grows, I would like the new pier to open this summer.\u201d"
    )


def test_a_next_item_leans_on_the_ones_before() -> None:
    assert dangles("Now comes Number 6: the long-awaited ferry to the islands.", "english")


def test_an_example_of_a_point_left_out_cannot_open_a_brief() -> None:
    sentence = "Port Ellis, for example, used a new tide model to plan its ferry timetable."
    assert cannot_open(sentence, "english")


def test_a_writers_credit_is_not_the_pages_title() -> None:
    body = "By Ann Lobo\n\nSpecial to Harbour Weekly\n\nThe old ferry terminal closed on Monday."
    assert title_from_text(body) == "The old ferry terminal closed on Monday."


def test_the_headline_after_a_sites_name_and_section_is_the_title() -> None:
    # A portal of the 2000s: no <h1>, the headline in a styled span, the <title> as
    # "Site - Section - Headline".
    paragraphs = _story()
    page = (
        "<html><head><title>Harbourweb - News - Going Coastal</title></head><body>"
        f"<span class='txt4'>Going Coastal</span><br>{paragraphs}</body></html>"
    )
    article = extract_article(page, "https://movies.harbourweb.example/news/article.aspx?id=7")
    assert article.title == "Going Coastal"


def test_a_correction_notice_is_not_part_of_the_story() -> None:
    body = (
        "The old ferry terminal in Port Ellis closed on Monday after inspectors found cracks.\n"
        "An article on July 10 about the harbour board misstated the year the terminal opened; "
        "it was 1962, not 1926.\n"
        "A report by the harbour board misstated the cost of the repairs, critics said."
    )
    assert clean_body(body).splitlines() == [
        "The old ferry terminal in Port Ellis closed on Monday after inspectors found cracks.",
        "A report by the harbour board misstated the cost of the repairs, critics said.",
    ]


def test_a_series_part_announcing_itself_is_not_news() -> None:
    assert calls_to_action(
        "For our last look at the harbour project, we discuss the tide models it runs on."
    )


def test_none_of_a_group_told_before_leans_on_it() -> None:
    assert dangles("None became popular enough to replace the old ferry timetable.", "english")
    assert not dangles("None of the 12 passengers on the ferry was hurt.", "english")


@pytest.mark.parametrize(
    "sentence",
    [
        "In our monthly look at ferry timetables, we take a look at the first winter schedule.",
        "Time for your weekly edition of the Harbour Mailbag.",
        "Find more of Ann's stuff at the Harbour Weekly or on her blog.",
        "Email the Mailbag here.",
        "Today, we're covering ferries, tides, lost luggage and more.",
        "En 2023, el puerto sumó 9.359 pasajeros, según la autoridad portuaria, que publica los "
        "datos que vienen a continuación.",
    ],
)
def test_a_columns_furniture_and_a_pointer_to_figures_below_are_not_news(sentence: str) -> None:
    assert calls_to_action(sentence)


def test_a_restatement_leans_on_the_line_before_and_a_one_word_answer_cannot_open() -> None:
    assert dangles("Put another way, the board reacted to the harbour plan by stalling.", "english")
    assert dangles("In a word: seminal.", "english")
    assert cannot_open("In a word: seminal.", "english")


def test_literal_line_break_escapes_beside_white_space_are_not_text() -> None:
    body = "\\n\\n\\tThis month, the harbour board starts selling its first ferry passes. \\n It "
    body += 'said so on Monday. Code that prints printf("\\n") stays, and so does \\nofilter.'
    assert clean_body(body) == (
        "This month, the harbour board starts selling its first ferry passes. It said so on "
        'Monday. Code that prints printf("\\n") stays, and so does \\nofilter.'
    )


def test_a_title_cut_at_an_apostrophe_is_made_whole_from_the_pages_title() -> None:
    paragraphs = _story()
    page = (
        "<html><head><title>Ferry Passes Are Here, What\u2019s Next? - Harbour Weekly</title>"
        '<meta property="og:title" content="Ferry Passes Are Here, What"></head><body>'
        f"<article><h1>Ferry Passes Are Here, What</h1>{paragraphs}</article></body></html>"
    )
    article = extract_article(page, "https://harbourweekly.example/ferry-passes")
    assert article.title == "Ferry Passes Are Here, What\u2019s Next?"


def test_a_gallerys_slide_captions_beside_the_story_stay_out_of_its_text() -> None:
    slides = "".join(
        f'<li data-gallery-legend="{n}"><h2><span class="counter">{n}/3</span> 23 December '
        f"2015</h2><p>Swimmers race in the harbour at Port Ellis on a cold morning, slide {n}."
        "</p></li>"
        for n in range(1, 4)
    )
    story = _story()
    page = (
        "<html><head><title>Ferry timetables opened to app makers</title></head><body>"
        f"<article><h1>Ferry timetables opened to app makers</h1>{story}"
        f"<div><ul>{slides}</ul></div></article></body></html>"
    )
    article = extract_article(page, "https://harbourweekly.example/ferry-timetables")
    assert "Swimmers" not in article.body and "1/3" not in article.body


def test_an_archives_year_after_the_headline_is_decoration() -> None:
    title = "Ignoring Deadline, Harbour Board Defies Its Chairman (Published 2012)"
    assert strip_decoration(title) == "Ignoring Deadline, Harbour Board Defies Its Chairman"


@pytest.mark.parametrize(
    "line",
    [
        "PORT ELLIS, Westland--In a yearly ritual, thousands of terns returned to the harbour.",
        "WASHINGTON--The Senate voted on Monday to fund the new harbour pier.",
    ],
)
def test_a_place_glued_to_a_double_hyphen_is_a_dateline(line: str) -> None:
    assert strip_dateline(line) == line.split("--", 1)[1]


def test_a_round_up_under_its_first_storys_headline_is_briefed_from_that_story() -> None:
    body = "\n\n".join(
        [
            "Harbour vote may open the ferry market",
            "Port Ellis voted today on whether to let a second operator run ferries to the "
            "islands, a contest seen as a test of the harbour board's plan.",
            "The result could end years of deadlock over the crossing, which one company has "
            "run alone since 1962.",
            "Mountain road to reopen after landslide",
            "Engineers in the hill country said on Friday that the pass would reopen next week "
            "after crews cleared the last of the rocks.",
            "Drivers have used a detour of about 40 kilometres since the slide in March.",
        ]
    )
    assert first_item("Harbour vote may open the ferry market", body).splitlines()[-1] == (
        "The result could end years of deadlock over the crossing, which one company has run "
        "alone since 1962."
    )


def test_a_features_subheadings_keep_the_whole_story() -> None:
    body = "\n\n".join(
        [
            "Harbour vote may open the ferry market",
            "Port Ellis voted today on whether to let a second operator run ferries to the "
            "islands, a contest seen as a test of the harbour board's plan.",
            "What the islanders want",
            "Islanders said they wanted cheaper tickets more than a second operator.",
            "Most of them travel to the mainland twice a week for work and school.",
            "What comes next",
            "The harbour board will publish the ferry tender in the spring if the vote passes.",
        ]
    )
    assert first_item("Harbour vote may open the ferry market", body) == body


def test_a_profiles_later_section_about_its_person_keeps_the_whole_story() -> None:
    body = "\n\n".join(
        [
            "Harbour board names chairman for a second term",
            "The harbour board of Port Ellis named Ann Lobato chairman for a second term on "
            "Monday. Lobato has led the board since 2022.",
            "Lobato will stand for election at the annual meeting in May.",
            "Early years",
            "Before that, Lobato ran a shipping agency in Kell for twelve years.",
        ]
    )
    assert first_item("Harbour board names chairman for a second term", body) == body


def test_a_round_up_announced_in_its_text_is_briefed_from_its_first_story() -> None:
    body = "\n\n".join(
        [
            "What made the harbour news this morning? Here's our daily harbour round-up:",
            "The harbour board of Port Ellis set aside £3m to cover the cost of pier repairs.",
            "Kell Ferries said its profits fell by a tenth in the first quarter.",
            "The impact of the storms had cost it £4m in the first quarter, the carrier said.",
        ]
    )
    kept = first_item("Morning harbour round-up", body)
    assert kept.splitlines()[-1].startswith("The harbour board of Port Ellis set aside")


def test_a_surname_before_a_relative_clause_comes_with_the_full_name() -> None:
    needs = Needs(
        [
            "Ann Marlow runs the bakery on the harbour road where the ferry crew buy bread.",
            "The ferry has been missing for four days in the channel off Port Ellis.",
            "The loss is particularly hard for Marlow, whose son was among the crew.",
        ],
        "Ferry still missing",
        "english",
    )
    assert needs.unmet(2, set()) == 0
    assert needs.unmet(2, {0}) is None


def test_a_first_line_about_the_headlines_person_can_open_a_brief() -> None:
    body = (
        "He was a cheerful regular who ordered lobster at the harbour's restaurants and walked "
        "out without paying the bill.\n"
        "But after a hundred such meals over five years, Tom Vale was found dead on the quay, "
        "and police have opened a murder inquiry.\n"
        "Restaurant owners in Port Ellis said they had complained about him for years.\n"
        "The harbour master said the quay would stay closed until Friday."
    )
    brief = make_brief("Harbour man who skipped 100 restaurant bills is killed", body)
    assert brief[0].startswith("He was a cheerful regular")
    assert opens_on_the_titles_person(
        "He was a cheerful regular.", "english", frozenset({"harbour", "man"})
    )
    assert not opens_on_the_titles_person(
        "He was a cheerful regular.", "english", frozenset({"harbour", "board"})
    )
