"""Issue 18, tenth round: patterns found on saved news pages of fundus's test corpus (2023
to 2026, forty countries). Every text here is invented."""

from __future__ import annotations

import pytest

from bot.briefs import brief_article
from bot.briefs.coherence import Needs
from bot.briefs.interviews import introduction
from bot.briefs.items import first_item
from bot.briefs.openers import cannot_open


@pytest.mark.parametrize(
    "sentence",
    [
        "Das fängt beim Bürgermeister an.",
        "Dies gilt auch für die Fähren nach Kell.",
        "Das alles ist seit Jahren bekannt.",
    ],
)
def test_a_german_demonstrative_before_a_verb_cannot_open_a_brief(sentence: str) -> None:
    assert cannot_open(sentence, "german")


@pytest.mark.parametrize(
    "sentence",
    [
        "Das neue Hafenamt öffnet im Mai.",
        "Das Hafenfest in Kell ist eines der großen Feste der Stadt.",
        "Diese Woche tagt der Stadtrat über die Fähren.",
    ],
)
def test_a_german_article_before_a_noun_may_open_a_brief(sentence: str) -> None:
    assert not cannot_open(sentence, "german")


def test_a_german_brief_does_not_open_on_a_pronoun_for_a_refused_line() -> None:
    body = (
        "Wir leben in einer Stadt der Rekorde! Das fängt beim Bürgermeister an. Jan Holm "
        "dürfte der Bürgermeister sein, der in seinen Reden die meisten Rekorde nennt. Der "
        "Hafen von Kell hat in diesem Jahr mehr Fähren abgefertigt als jeder andere Hafen im "
        "Norden. Die Stadt will den Nordpier im Frühjahr erneuern lassen, damit noch mehr "
        "Schiffe anlegen können. Der Stadtrat hat dafür zwei Millionen Euro bereitgestellt."
    )
    brief = brief_article("Kell kann alles", body, language="german")
    assert not brief.sentences[0].startswith("Das fängt")


def test_a_quotation_in_single_marks_left_open_never_opens_a_brief() -> None:
    sentences = [
        "\u2018I keep the ferry running by talking to every skipper on the pier.",
        "The harbour master has run the Kell ferry office for twenty years.",
        "The council will honour her at the spring regatta, it said on Monday.",
    ]
    needs = Needs(sentences, "Kell honours its harbour master", "english")
    assert needs.unmet(0, set()) == 0  # needs itself: never met


def test_a_french_title_keeps_its_closing_guillemet() -> None:
    from bot.sources.headlines import strip_decoration

    title = "La maire de Kell met en garde sur la « situation du port »"
    assert strip_decoration(title) == title
    assert strip_decoration("La maire de Kell parle du port \u00bb") == (
        "La maire de Kell parle du port"
    )


def test_the_headline_that_title_and_h1_agree_on_wins_over_a_social_og_title() -> None:
    from bot.sources.extract import extract_article

    paragraphs = "".join(
        f"<p>{text}</p>"
        for text in (
            "Hours after the harbour master was named head of the port authority on Tuesday, "
            "many in Kell wondered how the choice would change the ferry timetable.",
            "The announcement came a week after the old head retired, and skippers on the "
            "north pier said they had not been asked for their views.",
            "The council said the new head would meet the ferry companies next month to talk "
            "about the winter timetable and the fares.",
        )
    )
    headline = "What is next for the Kell ferries after the harbour master's promotion?"
    html = (
        f"<html><head><title>{headline} | Kell News</title>"
        '<meta property="og:title" content="Skippers say the choice could change the '
        'timetable | Kell News"></head>'
        f"<body><h1>{headline}</h1><article>{paragraphs}</article></body></html>"
    )
    page = extract_article(html, "https://news.example.com/2024/08/harbour.html")
    assert page.title == headline


def test_a_guides_introduction_counts_prose_not_its_headline_and_bullet_points() -> None:
    body = "\n\n".join(
        [
            "Your old coin could be worth a fortune - here's how to check if you have one",
            "- Collectors are hunting for rare Kell pennies",
            "- Two batches from 1998 and 2001 were struck with an error",
            "- Only a few pairs have been found so far",
            "Look twice before you spend any old penny, as it could fetch a fortune for you.",
            "Collectors in Kell are hunting for rare pennies and will pay up to 5,000 pounds "
            "for those with a striking error.",
            "According to the Kell coin club, two batches struck in 1998 and 2001 carry the "
            "error, which doubled the harbour on the reverse.",
            "Here is how to check your coins.",
        ]
    )
    intro = introduction("Your old coin could be worth a fortune - here's how to check", body)
    assert "two batches struck in 1998" in intro


def test_a_list_whose_title_counts_its_headed_items_is_cut_after_the_first() -> None:
    lines = [
        "Summer is here, and the Kell ferries have never been busier than this year.",
        "Every ferry on the list sails from the north pier at least twice a day.",
        "The Morning Gull (north pier, 8 a.m.)",
        "The oldest boat on the route is slow but has the best deck for watching seals.",
        "The Kell Express (north pier, 10 a.m.)",
        "The fastest crossing takes forty minutes and serves coffee from a real machine.",
        "The Evening Star (south pier, 6 p.m.)",
        "The sunset crossing is the quietest of the day and the cheapest in the week.",
    ]
    kept = first_item("Ferry Guy: 3 crossings to take this summer", "\n".join(lines))
    assert kept.splitlines() == lines[:4]


def test_another_teasers_caption_glued_into_a_sentence_is_unfit_but_a_brand_is_not() -> None:
    from bot.briefs.fitness import is_fit

    assert not is_fit(
        "Neu gestrichen sind die FähreFähre fährt ab Mai zweimal am Tag nach Kell hinüber."
    )
    assert is_fit("Das Navi von TomTom zeigt die neue Fähre nach Kell seit Montag an.")


def test_a_standfirst_cut_on_an_abbreviation_is_not_taken() -> None:
    from bot.sources.standfirst import with_standfirst

    body = [
        "Officials at the harbour office told the Courier the ferry team was dissolved on "
        "Sept. 1, ending months of talk about the north pier.",
        "The team was set up in 2009 to run the ferries to the islands off Kell.",
    ]
    cut = "Harbour officials tell the Courier the ferry team for the islands is dissolved on Sept."
    assert with_standfirst(body, cut, "Kell shuts its ferry office") == body


def test_a_quotation_in_double_marks_left_open_never_opens_a_brief() -> None:
    assert cannot_open(
        "\u201cI think if you played the harbour master as she really is, nobody would believe it.",
        "english",
    )
    assert not cannot_open(
        "\u201cWe will reopen the pier in May,\u201d the harbour master said on Monday.",
        "english",
    )


def test_a_filler_generators_latin_is_placeholder_text_too() -> None:
    from bot.briefs import placeholder_text

    filler = (
        "Praesent in arcu vitae erat sodales consequat. Nam tellus purus, volutpat ac "
        "elementum tempus, sagittis sed lacus. Curabitur et augue odio, sed auctor massa. Ut "
        "odio massa, fringilla eu elementum sit amet, eleifend congue erat. Aenean dapibus "
        "pellentesque felis, ac malesuada nibh fringilla malesuada."
    )
    assert placeholder_text(filler)
    assert not placeholder_text(
        "Il porto di Kell non apre prima di maggio, ha detto il sindaco, e le navi "
        "partiranno dal molo nord ogni mattina alle otto per le isole vicine fino a ottobre."
    )


def test_a_view_taken_up_after_an_opening_phrase_leans_on_the_line_that_told_it() -> None:
    from bot.briefs.dangling import dangles

    assert dangles("In expressing this view, the mayor joins many people on the pier.", "english")
    assert not dangles("In expanding the harbour, the council hopes for more ferries.", "english")


def test_an_interviewers_prompt_put_as_a_statement_is_unfit() -> None:
    from bot.briefs.fitness import is_fit

    assert not is_fit("You mentioned that the ferry idea came out of a meeting on the pier.")
    assert is_fit("The harbour master said the ferry idea came out of a meeting on the pier.")


def test_tips_labelled_with_a_double_hyphen_are_items_and_never_mixed() -> None:
    lines = [
        "If you sail often enough, you will learn how to read the harbour in every weather.",
        "These tips can help you get the most out of every crossing to the islands.",
        "- Reading the tides -- Leaving on a falling tide is one part of a good crossing plan.",
        "- Watching the wind -- A west wind in the afternoon makes the way back slow and wet.",
        "- Booking a mooring -- Book a mooring on the north pier before you leave the island.",
    ]
    assert first_item("Sailing tips for Kell", "\n".join(lines)).splitlines() == lines[:3]


def test_text_encoded_twice_is_mended_and_right_text_is_left_alone() -> None:
    from bot.text import clean_text

    assert clean_text(
        "The ferry\u00e2\u20ac\u2122s crew \u00e2\u20ac\u201d all six \u00e2\u20ac\u201d "
        "left Kell\u00e2\u0080\u0099s pier. Caf\u00c3\u00a9 owners cheered."
    ) == (
        "The ferry\u2019s crew \u2014 all six \u2014 left Kell\u2019s pier. Caf\u00e9 owners "
        "cheered."
    )
    right = "Brâncuși, pâte, São Paulo, «âge», “quoted” 中文\uff0c日本語\u3002"
    assert clean_text(right) == right


def test_calls_to_phone_a_business_and_offers_of_help_are_calls_to_action() -> None:
    from bot.briefs.calls import calls_to_action

    assert calls_to_action("Call Kell Dental at 555-205-4492 to book an appointment.")
    assert calls_to_action("Get help writing your ferry licence application.")
    assert not calls_to_action("Call centres in Kell took 4,000 calls on Monday.")


def test_a_description_inviting_the_reader_in_is_no_standfirst() -> None:
    from bot.sources.standfirst import with_standfirst

    body = [
        "Installing solar panels on a house in Kell can feel like a daunting task for owners.",
        "Most installers on the island book six weeks ahead, the harbour office said.",
    ]
    blurb = "Discover why installing solar panels on a house in Kell feels daunting to owners."
    assert with_standfirst(body, blurb, "Solar panels: a guide for Kell") == body


@pytest.mark.parametrize(
    ("title", "count"),
    [
        ("Best Ferry Companies in Kell 2025 | Top 19 Companies", 19),
        ("Hire Ferries from Kell's 21+ Best Ferry Companies (2024)", 21),
        ("Kell News | 3 dead in ferry crash", 0),
        ("Kell: 5 children missing after the storm", 0),
    ],
)
def test_list_titles_count_after_a_bar_and_with_a_plus(title: str, count: int) -> None:
    from bot.briefs.items import _counts

    assert _counts(title) == count


@pytest.mark.parametrize(
    "sentence",
    [
        "If the answer is yes, you might want to book the ferry a week ahead.",
        "If so, the ferry will leave Kell at noon.",
        "If not, the north pier closes on Monday.",
    ],
)
def test_an_answer_to_a_question_left_out_leans_on_it(sentence: str) -> None:
    from bot.briefs.dangling import dangles

    assert dangles(sentence, "english")


def test_a_page_encoded_twice_is_mended_before_its_text_is_extracted() -> None:
    from bot.sources.extract import extract_article

    broken = "we\u00e2\u0080\u0099ll"  # UTF-8 of a curly "we will" read as Latin-1, then stored
    paragraphs = "".join(
        f"<p>{text}</p>"
        for text in (
            f"In this guide {broken} cover how the Kell ferry timetable is written, checked "
            "and published every spring by the harbour office and its two clerks.",
            "The office prints four thousand copies and puts the rest online, and the skippers "
            "on the north pier get theirs a week before anyone else in Kell.",
            "Changes after printing go on a board at the pier, the office said, and on the "
            "harbour's page, where most passengers now look first.",
        )
    )
    html = (
        '<html><head><meta charset="utf-8"><title>How the Kell ferry timetable is made</title>'
        f"</head><body><article>{paragraphs}</article></body></html>"
    ).encode()
    page = extract_article(html, "https://news.example.com/2025/03/timetable.html")
    assert "we\u2019ll cover" in page.body


def test_a_code_tutorials_non_null_marks_are_no_exclamations() -> None:
    from bot.sources.pagemeta import LinkedData, PageMeta, not_an_article

    fields = "\n".join(f"  {name}: String!" for name in ("id", "email", "name", "pier", "boat"))
    text = (
        "A schema defines the contract between the Kell ferry API and its users.\n"
        f"type Ferry {{\n{fields}\n}}\n"
        f"type Pier {{\n{fields}\n}}\n"
        "The exclamation mark marks a field that is never empty. Use it when the field "
        "always has a value."
    )
    meta = PageMeta(og_type="article")
    assert not_an_article(meta, LinkedData(), "/guides/schema", "Designing a schema", text) is None


def test_an_invitation_to_save_or_design_is_no_standfirst() -> None:
    from bot.sources.standfirst import with_standfirst

    body = [
        "A smart thermostat combines the features of a programmable thermostat with "
        "automation that learns when the people of a Kell house are home.",
        "Owners of smart thermostats in Kell saved money on heating, the harbour office said.",
    ]
    blurb = "Save money on heating in Kell with a smart thermostat that learns when owners are in."
    assert with_standfirst(body, blurb, "Can a smart thermostat save money?") == body


def test_a_label_that_opens_every_item_cuts_the_list_after_the_first() -> None:
    lines = [
        "Many of the big ferry clubs are ending the year with a new crossing to try.",
        "As always, you can use this list to find your next crossing or a club to join.",
        "About the club: The Kell Sailors cross to the islands every first Saturday.",
        "What the club said about the crossing: it is the calmest of the year.",
        "About the club: The North Pier Rowers meet at dawn and row to the lighthouse.",
        "What the rowers said about the crossing: the tide decides everything.",
        "About the club: The Harbour Swimmers cross the bay once a month in summer.",
        "What the swimmers said about the crossing: bring a warm coat for afterwards.",
        "About the club: The Island Walkers take the ferry and walk the coast path back.",
    ]
    kept = first_item("The ferry clubs ending the year with these crossings", "\n".join(lines))
    assert kept.splitlines() == lines[:4]


@pytest.mark.parametrize(
    "sentence",
    [
        "\u8bf4\u8fd9\u8bdd\u7684\u8239\u957f\u662f\u4e2a\u82cf\u683c\u5170\u4eba\u3002",
        "\u6700\u8fd1\uff0c\u4ed6\u5728\u6e2f\u53e3\u62cd\u4e86\u4e00\u671f\u89c6\u9891\u3002",
    ],
)
def test_chinese_lines_that_point_at_a_speaker_left_out(sentence: str) -> None:
    from bot.briefs.dangling import dangles

    # "The captain who said this …", "Recently, he filmed a video at the harbour."
    assert dangles(sentence, "chinese")


def test_code_after_a_chinese_lead_in_is_unfit() -> None:
    from bot.briefs.fitness import is_fit

    assert not is_fit(
        "\u793a\u4f8b\u4ee3\u7801\u5982\u4e0b\uff1a import json import redis client = redis."
    )


def test_a_chinese_section_name_as_title_gives_way_to_the_first_sentence() -> None:
    from bot.sources.extract import extract_article

    first = "\u6e2f\u53e3\u5c06\u4e8e\u4e94\u6708\u91cd\u65b0\u5f00\u653e\u3002"  # the port reopens
    paragraphs = "".join(
        f"<p>{text}</p>"
        for text in (
            first + "\u6e2f\u52a1\u5c40\u79f0\uff0c\u5317\u7801\u5934\u7684\u5de5\u7a0b"
            "\u5df2\u7ecf\u5b8c\u6210\uff0c\u6e21\u8f6e\u5c06\u6062\u590d\u6bcf\u5929"
            "\u4e24\u73ed\u3002",
            "\u6e2f\u52a1\u5c40\u8868\u793a\uff0c\u65b0\u7684\u65f6\u523b\u8868\u5c06\u5728"
            "\u4e0b\u5468\u516c\u5e03\uff0c\u6e14\u6c11\u53ef\u4ee5\u5728\u5357\u7801\u5934"
            "\u505c\u8239\uff0c\u76f4\u5230\u5de5\u7a0b\u5168\u90e8\u7ed3\u675f\u3002",
            "\u8bb8\u591a\u5c45\u6c11\u8bf4\uff0c\u4ed6\u4eec\u7b49\u5f85\u8fd9\u4e00\u5929"
            "\u5df2\u7ecf\u5f88\u4e45\u4e86\uff0c\u5e0c\u671b\u6e21\u8f6e\u80fd\u6309\u65f6"
            "\u8fd0\u884c\uff0c\u4e0d\u518d\u56e0\u5929\u6c14\u505c\u8fd0\u3002",
        )
    )
    html = (
        '<html lang="zh"><head><meta charset="utf-8"><title>\u65b0\u95fb\u52a8\u6001'
        "--\u51ef\u5c14\u6e2f\u52a1\u5c40\u5b98\u7f51</title>"  # "--Kell port authority site"
        '<meta property="og:type" content="article">'
        f"</head><body><article>{paragraphs}</article>"
        "</body></html>"
    )
    page = extract_article(html, "https://news.example.com/2019/05/port.html")
    assert page.title == first


def test_list_items_run_together_are_unfit() -> None:
    from bot.briefs.fitness import is_fit

    assert not is_fit(
        "Plus, the harbour app has tons of guides for new skippers, - It's a closed system: "
        "If you stay within it for bookings and fuel you'll find it quick."
    )
    assert is_fit("The mayor said the pier, which opened in 1902, - despite the storm - stays.")


def test_an_online_editions_name_is_no_title_and_a_date_line_no_first_sentence() -> None:
    from bot.sources.extract import extract_article

    paragraphs = "".join(
        f"<p>{text}</p>"
        for text in (
            "April 5, 2005 --",
            "A crowd half a million strong waited for hours on the Kell pier to see the old "
            "ferry leave the harbour for the last time last night.",
            "The ferry, which had crossed to the islands twice a day since 1952, will be "
            "broken up for scrap in the spring, the harbour office said.",
            "Skippers from three towns sounded their horns as it passed the lighthouse, and "
            "the mayor thanked its last crew in a short speech on the quay.",
        )
    )
    html = (
        "<html><head><title>Kell Post Online Edition:</title></head>"
        f"<body><article>{paragraphs}</article></body></html>"
    )
    page = extract_article(html, "https://news.example.com/2005/04/ferry.html")
    assert page.title.startswith("A crowd half a million strong")


def test_a_sites_name_before_the_place_is_a_dateline() -> None:
    from bot.briefs.datelines import strip_dateline

    assert strip_dateline("kellnews.com, KELL - The harbour master opened the pier.") == (
        "The harbour master opened the pier."
    )
    assert strip_dateline("Kell.com, a site for the harbour - The pier reopens.").startswith(
        "Kell.com"
    )


def test_a_headline_run_into_the_first_line_is_cut() -> None:
    from bot.briefs.cleaning import clean_body

    title = "Harbour master: the north pier reopens to ferries on Monday"
    body = f"{title} kellnews.com, KELL - The harbour master said the pier would reopen."
    assert clean_body(body, title) == "The harbour master said the pier would reopen."


@pytest.mark.parametrize(
    "sentence",
    [
        "\u3053\u306e\u8a18\u4e8b\u306f\u4f1a\u54e1\u9650\u5b9a\u3067\u3059\u3002",  # members only
        "\u767b\u9332\u3059\u308b\u3068\u7d9a\u304d\u3092\u304a\u8aad\u307f\u3044\u305f\u3060"
        "\u3051\u307e\u3059\u3002",  # register to read on
        "Necesitas ser suscriptor para acceder a esta funcionalidad.",
        # a piece starting on a particle, its subject lost with a link
        "\u306f\u3001\u6e2f\u306e\u8239\u306b\u71c3\u6599\u3092\u4f9b\u7d66\u3057\u3066\u3044"
        "\u308b\u3002",
        "SO LOW TEMPERATURES TODAY STARTED JUST AS I FELT IT WOULD ON THE NORTH SHORE.",
        "Jane Roe Yesterday 3:20pm Filed to: Ferries Kell Harbour Edit Promote Share to Kinja.",
    ],
)
def test_paywalls_fragments_captions_in_capitals_and_blog_furniture_are_unfit(
    sentence: str,
) -> None:
    from bot.briefs.fitness import is_fit

    assert not is_fit(sentence)


def test_a_link_to_a_pages_pictures_inside_japanese_text_is_cut() -> None:
    from bot.briefs.cleaning import clean_body

    line = (
        "\u3010\u753b\u50cf\u3011\u8239\u306e\u5199\u771f\u3092\u3082\u3063\u3068\u898b\u308b "
        "\u305d\u306e\u8239\u306f\u6bce\u671d\u516b\u6642\u306b\u6e2f\u3092\u51fa\u308b\u3002"
    )
    assert clean_body(line).startswith("\u305d\u306e\u8239\u306f")


def test_a_root_page_of_type_website_is_a_front_page_whatever_its_item_list_says() -> None:
    from bot.sources.pagemeta import LinkedData, PageMeta, not_an_article

    meta = PageMeta(og_type="website")
    linked = LinkedData(types={"NewsArticle", "WebPage"})
    reason = not_an_article(meta, linked, "/", "Top Stories", "The pier reopens. " * 20)
    assert reason == "not an article: a site's front page"


def test_an_events_calendar_is_briefed_from_its_introduction() -> None:
    lines = [
        "This is a list of reader-submitted public events around the Kell harbour.",
        "The Kell Gallery, 12 Harbour Road, Kell, opens its doors for the winter show.",
        "Clematis by Night, 6-9 p.m. on Thursdays on the Great Lawn by the north pier.",
    ]
    kept = first_item("Weekly calendar: community events beginning Dec. 1", "\n".join(lines))
    assert kept.splitlines() == lines[:1]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "World Views : Another ferry sinks off the coast of Kell",
            "Another ferry sinks off the coast of Kell",
        ),
        (
            "News - Holders Kell maintain winning run ahead of the Cup",
            "Holders Kell maintain winning run ahead of the Cup",
        ),
        ("Other Sports - Podium for Kell in the downhill", "Podium for Kell in the downhill"),
        (
            "Ferry ministers visit the flooded north - Breaking News - National",
            "Ferry ministers visit the flooded north",
        ),
        ("Kell Game Capsules - NBA News Story - KELL Denver", "Kell Game Capsules"),
        ("Guerre en Ukraine : la Russie affirme avoir fait échouer la campagne", None),
        ("The ferry is back - good news for the islands", None),
        ("Al- Qaeda leader killed in raid near the Kell border", None),
    ],
)
def test_a_sections_label_before_a_spaced_colon_is_cut(title: str, expected: str | None) -> None:
    from bot.sources.headlines import strip_decoration

    assert strip_decoration(title) == (expected or title)


@pytest.mark.parametrize(
    ("title", "generic"),
    [
        ("Kell Daily Mail", True),  # the paper, and the text never says so
        ("2008-01-12 11:31:01 -", True),
        ("kellnews.com", True),
        ("TV3 > News > National News > Story", True),
        ("Kell News, Weather, Sports and Entertainment - KELL 4", True),
        ("Bad News for the Ferry", False),
        ("Ferry News", False),  # the text talks about the ferry
    ],
)
def test_a_title_naming_the_paper_section_or_time_gives_way(title: str, generic: bool) -> None:
    from bot.sources.pagetitle import generic_title

    text = ["The ferry to the islands left the north pier at noon, the harbour master said."]
    assert generic_title(title, text) is generic


def test_a_title_from_the_text_passes_bylines_and_datelines_and_abbreviations() -> None:
    from bot.sources.titles import title_from_text

    text = (
        "By JANE ROE\n"
        "KELL (AP) - Kell guard T.J. Ford was cleared to play on Wednesday after the No. 2 "
        "doctor in the league saw him. He will travel with the team."
    )
    assert title_from_text(text) == (
        "Kell guard T.J. Ford was cleared to play on Wednesday after the No. 2 doctor in the "
        "league saw him."
    )


def test_game_capsules_are_briefed_from_the_first_game() -> None:
    lines = [
        "Kell Rovers beat Bay United 3-1 on Saturday with two goals from Jane Roe in the rain.",
        "Harbour Town drew 2-2 with North Pier after a late penalty in front of 3,000 fans.",
    ]
    assert first_item("Kell League Game Capsules", "\n".join(lines)) == lines[0]


@pytest.mark.parametrize(
    ("title", "generic"),
    [
        ("The Kell Bee", True),
        ("Kell Times Newspaper (English)", True),
        ("--Advertise with us --Place a classified ad --Customer Service", True),
    ],
)
def test_more_mastheads_and_a_menu_are_no_headlines(title: str, generic: bool) -> None:
    from bot.sources.pagetitle import generic_title

    text = ["The ferry to the islands left the north pier at noon, the harbour master said."]
    assert generic_title(title, text) is generic


def test_a_greeting_before_the_headline_is_cut() -> None:
    from bot.sources.headlines import strip_decoration

    title = "Welcome to www.kellrecord.com - Ferries - Kell ferry keeps its winter timetable"
    assert strip_decoration(title) == "Kell ferry keeps its winter timetable"


@pytest.mark.parametrize(
    "line",
    [
        "AP Photo XAN101 AP Graphic FERRY By JANE ROE Associated Press Writer KELL (AP) -- "
        "The ferry left the north pier at noon.",
        "07/01/2008 20:12:00 Business Wire The ferry left the north pier at noon.",
        "All Kellnews news on Kell:The ferry left the north pier at noon.",
    ],
)
def test_wire_slugs_release_stamps_and_portal_labels_before_the_text_are_cut(line: str) -> None:
    from bot.briefs.datelines import strip_dateline

    assert strip_dateline(line) == "The ferry left the north pier at noon."


def test_a_title_from_the_text_passes_time_stamps_and_wire_credits() -> None:
    from bot.sources.titles import title_from_text

    text = (
        "Associated Press - January 2, 2008 7:33 AM ET\n"
        "Thursday, January 17th, 2008\n"
        "last updated: January 13, 2008 09:31:06 PM\n"
        "The Kell ferry will keep its winter timetable until the end of March, the office said."
    )
    assert title_from_text(text).startswith("The Kell ferry will keep")
