"""Issue 18, twelfth round: patterns found on saved news pages of 2000 to 2015 (a news
network's 2015 layout, magazine and wire titles). Every text here is invented."""

from __future__ import annotations

import pytest

from bot.briefs import clean_body, make_brief
from bot.briefs.calls import calls_to_action
from bot.briefs.coherence import Needs
from bot.briefs.dangling import dangles
from bot.briefs.openers import cannot_open
from bot.sources.extract import extract_article
from bot.sources.headlines import strip_decoration
from bot.sources.titles import clean_title, host_label, is_site_name

_STORY = [
    "(XYZ)Harbour officials in Port Ellis closed the old ferry terminal on Saturday after "
    "inspectors found cracks in two of its concrete piers.",
    "The terminal, built in 1962, carried about 4,000 passengers a day before the closure, "
    "according to the port authority's latest figures.",
    "Ferries will dock at the cargo quay until a temporary pontoon is ready, which the "
    "authority expects to take about three weeks.",
    "Engineers will decide by the end of the month whether the piers can be repaired or "
    "whether the terminal must be rebuilt.",
    "Local traders said the closure had already cut the number of visitors to the harbour "
    "market, which depends on foot passengers from the ferries.",
]
_GALLERY_CAPTIONS = [
    "A crane lifts a damaged section of the old pier in Port Ellis during an inspection in May.",
    "Divers examine the base of a concrete pier beneath the terminal building in June.",
    "Passengers queue for a ferry at the cargo quay on the first morning after the closure.",
]


def _article(
    paragraphs: list[str], title: str = "Old ferry terminal closed after cracks found"
) -> str:
    """A plain article page: the title as <title> and <h1>, then one <p> per paragraph."""
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{body}</article></body></html>"
    )


def _network_page() -> str:
    """A 2015 network page: byline and update stamp, a photo gallery whose captions sit in
    divs with "Hide Caption 1 of 3" under each, video end slates ("Just Watched … replay
    More Videos … PLAY VIDEO"), story highlights and an embedded post, around the story."""
    slides = "".join(
        f'<div data-slidename="Harbour repairs"><div class="el__resize"><img src="/p{i}.jpg">'
        f'</div><div class="el__gallery-caption">Harbour repairs \u2013 {caption}</div>'
        '<div class="el__gallery-showhide"><div class="el__gallery-caption">Hide Caption</div>'
        f'<div class="el__gallery-photocount"> {i} of 3</div></div></div>'
        for i, caption in enumerate(_GALLERY_CAPTIONS, 1)
    )
    video = (
        '<div class="media__video"><div class="video__end-slate"><h2>Just Watched</h2>'
        "<h3>Ferry passengers stranded in Port Ellis</h3><a>replay</a><a>More Videos ...</a>"
        "<h3>Ferry passengers stranded in Port Ellis</h3><span>02:01</span>"
        "<span>PLAY VIDEO</span></div></div>"
        '<div class="media__caption"><span>Ferry passengers stranded in Port Ellis</span>'
        "<span>02:01</span></div>"
    )
    highlights = (
        '<div class="el__storyhighlights"><h3>Story highlights</h3><ul>'
        "<li>Old ferry terminal closed after cracks are found in its piers</li>"
        "<li>Ferries move to the cargo quay for three weeks</li></ul></div>"
    )
    carousel = (
        '<div class="cn-carousel-medium-strip"><h3>More from Port Ellis (4)</h3>'
        "<h3>Lighthouse keeper retires after forty years</h3>"
        "<h3>Seals return to the harbour mouth</h3></div>"
    )
    post = (
        '<blockquote class="twitter-tweet"><p>Queues at the cargo quay this morning! '
        "#PortEllis #ferry @harbourwatch</p></blockquote>"
    )
    paragraphs = [f"<p>{text}</p>" for text in _STORY]
    body = "".join([*paragraphs[:2], video, *paragraphs[2:3], post, *paragraphs[3:], carousel])
    return (
        "<html><head><title>Old ferry terminal closed after cracks found - XYZ.com</title></head>"
        '<body><div class="pg-headline"><h1>Old ferry terminal closed after cracks found</h1></div>'
        '<p class="metadata__byline">By Jane Roe, XYZ</p>'
        '<p class="update-time">Updated 6:58 PM ET, Sun January 18, 2015</p>'
        '<div class="el__embedded"><div class="el__gallery el__gallery--fullwidth">'
        f'{slides}</div></div><section class="body-text">{highlights}'
        f'<div class="zn-body__paragraph">{body}</div></section>'
        "</body></html>"
    )


def test_a_gallery_video_slates_and_highlights_stay_out_of_the_text() -> None:
    page = extract_article(_network_page(), "https://edition.xyz.com/2015/01/18/ferry/")
    assert "Harbour officials in Port Ellis closed the old ferry terminal" in page.body
    assert "Local traders said the closure" in page.body
    for chrome in (
        "Hide Caption",
        "Divers examine",
        "Just Watched",
        "More Videos",
        "PLAY VIDEO",
        "Story highlights",
        "stranded",
        "Lighthouse keeper",
        "Updated 6:58",
        "#PortEllis",
    ):
        assert chrome not in page.body


def test_an_article_inside_a_container_named_gallery_keeps_its_text() -> None:
    """A story page whose wrapper's class mentions a gallery (a theme's "has-gallery") is not a
    gallery: only an element with few paragraphs of its own is pruned."""
    paragraphs = "".join(f"<p>{text}</p>" for text in _STORY)
    html = (
        "<html><head><title>Old ferry terminal closed after cracks found</title></head><body>"
        '<div class="post-content has-gallery"><h1>Old ferry terminal closed after cracks found'
        f'</h1><img src="/pier.jpg">{paragraphs}</div></body></html>'
    )
    page = extract_article(html, "https://news.example.org/ferry")
    assert "Engineers will decide by the end of the month" in page.body


@pytest.mark.parametrize(
    "body",
    [
        "Ferry pier shut by cracks (XYZ)Harbour officials closed the old ferry terminal "
        "on Saturday after inspectors found cracks in two of its piers.",
        "Inspectors found cracks in two of the terminal's piers.\n\nFerry pier shut by "
        "cracks Harbour officials closed the old ferry terminal on Saturday after inspectors "
        "found cracks in two of its piers.",
    ],
)
def test_a_short_headline_run_into_the_text_is_cut(body: str) -> None:
    """A headline of four words or more run into the first or second line (after a standfirst)
    before a capital or a bracket is the page's heading, not the text's first words."""
    cleaned = clean_body(body, "Ferry pier shut by cracks")
    assert "shut by cracks" not in cleaned
    assert "Harbour officials closed the old ferry terminal" in cleaned


def test_a_video_players_button_run_into_the_text_is_cut() -> None:
    body = (
        "Ferries will dock at the cargo quay for three weeks.\n\nPLAY VIDEO Instead, the "
        "authority will build a temporary pontoon beside the old terminal in Port Ellis."
    )
    assert "PLAY VIDEO" not in clean_body(body)
    assert "Instead, the authority will build a temporary pontoon" in clean_body(body)


def test_a_short_headline_that_opens_a_sentence_stays() -> None:
    body = "Storm hits the coast towns overnight, cutting power to 4,000 homes in Port Ellis."
    assert clean_body(body, "Storm hits the coast") == body


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        (
            "Ferry terminal closed after cracks found in piers_English_Xinhua",
            "Ferry terminal closed after cracks found in piers",
        ),
        (
            "Harbour traders count cost of closure _English_Xinhua",
            "Harbour traders count cost of closure",
        ),
        (
            "cover story / Inside the Harbour Business by JANE Q. ROE (05/15/00)",
            "Inside the Harbour Business",
        ),
        ("features / The Last Ferry Out by JOHN DOE (03/06/00)", "The Last Ferry Out"),
        ("sales & bargains / Pier Side Deals by JO DOE (03/06/00)", "Pier Side Deals"),
        ("the city politic / Ferry Fare Wars by JO DOE (03/06/00)", "Ferry Fare Wars"),
        (
            "port style / The ferry jacket, reconsidered (05/15/00)",
            "The ferry jacket, reconsidered",
        ),
        (
            "News - 'Harbour Lights' is Just Another Sequel",
            "'Harbour Lights' is Just Another Sequel",
        ),
        (
            'Singer Says "Yes" at Harbour Chapel - E!Online News',
            'Singer Says "Yes" at Harbour Chapel',
        ),
    ],
)
def test_wire_and_magazine_decoration_is_cut(title: str, headline: str) -> None:
    assert strip_decoration(title) == headline


@pytest.mark.parametrize(
    "title",
    [
        "Using the snake_Case style in Python",  # an underscore inside, not a tail
        "Stabbed by John Doe",  # a headline ending on a name, with no issue date
        "letters to the editor",  # lower case throughout, nothing after a slash
    ],
)
def test_headlines_that_only_look_decorated_stay(title: str) -> None:
    assert strip_decoration(title) == title


def test_a_sub_domain_does_not_hide_the_sites_name() -> None:
    """ "MSN" spells too little of "entertainmentmsn" to name it, but it is the name the host
    was registered under."""
    assert host_label("entertainment.msn.com") == "msn"
    assert host_label("news.bbc.co.uk") == "bbc"
    assert host_label("127.0.0.1") == ""
    assert (
        clean_title(
            "Old ferry terminal closed after cracks found | Xinhua", host="news.xinhuanet.com"
        )
        == "Old ferry terminal closed after cracks found"
    )
    assert (
        clean_title(
            "MSN - Singer weds childhood sweetheart in harbour chapel", host="entertainment.msn.com"
        )
        == "Singer weds childhood sweetheart in harbour chapel"
    )
    assert is_site_name("MSN", host="entertainment.msn.com")


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        (
            "June 19 (UPI) -- Harbour Marine has received a $15 million contract for ferries.",
            "Harbour Marine has received a $15 million contract for ferries.",
        ),
        (
            "March 22 (Bloomberg) -- Port stocks fell for a fifth day on Friday.",
            "Port stocks fell for a fifth day on Friday.",
        ),
        (
            "PORT ELLIS (AP) Jane Roe threw eight strong innings on Sunday.",
            "Jane Roe threw eight strong innings on Sunday.",
        ),
    ],
)
def test_a_wire_tag_after_a_date_or_a_place_without_a_dash_is_a_dateline(
    line: str, sentence: str
) -> None:
    assert clean_body(line) == sentence


@pytest.mark.parametrize(
    "note",
    [
        "This story has been corrected to show that the ferry sailed on Tuesday, not Monday.",
        "Correction: An earlier version of this story misspelled the harbour master's name.",
        "Editor's note: This story was first published in 2016.",
        "NEWS TIPS: Call 555-0100 or email tips@example.com.",
        "Log out of your Harbour News account.",
        "See: Port Ellis ferry operator fined over late sailings.",
    ],
)
def test_notes_about_the_story_and_the_sites_furniture_are_cut(note: str) -> None:
    body = f"Harbour officials closed the old ferry terminal on Saturday.\n\n{note}"
    assert clean_body(body) == "Harbour officials closed the old ferry terminal on Saturday."


@pytest.mark.parametrize(
    "sentence",
    [
        "See how the new timetable works for commuters from the island.",
        "Corrections officers at the harbour prison went on strike on Monday.",
        "This story has taken three years to report, the editor said.",
    ],
)
def test_sentences_that_only_look_like_notes_stay(sentence: str) -> None:
    assert clean_body(sentence) == sentence


def test_a_video_title_before_a_glued_network_tag_is_cut() -> None:
    line = "Harbour Watch: Special Report (CNN)Harbour officials closed the old terminal."
    assert clean_body(line) == "Harbour officials closed the old terminal."


def test_a_star_glued_to_the_first_word_is_not_part_of_the_sentence() -> None:
    text = (
        "*Online fundraisers for the Port Ellis ferry crew have stopped without a word.\n\n"
        "The crew had raised $40,000 in a week for the family of the injured deckhand.\n\n"
        "The operator said it would match every dollar given before the end of the month."
    )
    brief = make_brief("Fundraisers stop", text, language="english")
    assert brief[0].startswith("Online fundraisers")


def test_a_link_set_inside_a_paragraph_is_cut_and_a_bulleted_tip_line_too() -> None:
    body = (
        "The operator fined two captains last year. See: Port Ellis ferry operator fined over "
        "late sailings. It said delays had fallen since.\n\n- NEWS TIPS: Call 555-0100."
    )
    assert clean_body(body) == (
        "The operator fined two captains last year. It said delays had fallen since."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "According to the report, spending fell by 12.5% after the fourth year of retirement.",
        "Not really: this is the only hope left for the harbour's seal colony.",
        "No, the council did not approve the new ferry timetable on Monday.",
    ],
)
def test_english_first_lines_that_lean_on_a_line_left_out(sentence: str) -> None:
    assert cannot_open(sentence, "english")


@pytest.mark.parametrize(
    "sentence",
    [
        "According to the Census Bureau, spending fell by 12.5% after retirement.",
        "No one was hurt in the fire at the harbour on Monday night.",
    ],
)
def test_english_first_lines_that_stand_alone(sentence: str) -> None:
    assert not cannot_open(sentence, "english")


def test_a_section_name_before_a_dash_at_the_texts_start_is_cut() -> None:
    body = (
        "Harbour Business - When ferry operators plan a timetable, they start with the tides. "
        "Most then ask the port."
    )
    assert clean_body(body).startswith("When ferry operators plan a timetable")
    later = "The port opened in 1962.\n\nOn the quay - Fishermen sold crab from the boats."
    assert clean_body(later) == later  # lower case in the label: not a section's name


@pytest.mark.parametrize(
    ("sentence", "leaning"),
    [
        ("When ferry operators plan a timetable, they start with the tides.", False),
        ("If voters back the harbour plan, they will pay more for parking.", False),
        ("After a while, they left the harbour in small boats.", True),
        ("In a new study out Monday, they detail the flaws in the pier.", True),
    ],
)
def test_they_after_a_clause_that_names_its_own_subject_stands_alone(
    sentence: str, leaning: bool
) -> None:
    assert dangles(sentence, "english") is leaning


def test_a_newsletters_pitch_and_rights_notice_end_the_text() -> None:
    paragraphs = [
        *_STORY,
        "New to Harbour Weekly?",
        "Harbour Weekly is a subscription newsletter that reports on trends in the ferry trade.",
        "The above article may not be copied, reproduced or distributed without permission.",
        "Jane Roe is founder of Harbour Weekly and is available for telephone consultations.",
    ]
    page = extract_article(_article(paragraphs), "https://news.example.org/ferry")
    assert "Local traders said the closure" in page.body
    assert "subscription newsletter" not in page.body
    assert "telephone consultations" not in page.body


def test_an_ellipsis_alone_ends_a_syndicated_teaser() -> None:
    paragraphs = [
        *_STORY[:3],
        "\u2026",
        "Do you have news to share? Plug your news into the daily news cycle with Harbour Wire.",
        "Our users are monitoring specific topics, so they rely on Harbour Desk to filter news.",
    ]
    page = extract_article(_article(paragraphs), "https://news.example.org/ferry")
    assert "Ferries will dock at the cargo quay" in page.body
    assert "Plug your news" not in page.body


def test_an_ellipsis_further_down_is_an_elision_not_an_end() -> None:
    paragraphs = [*_STORY, *_STORY[:3], "...", *_STORY[3:]]
    paragraphs[-1] = "Traders at the harbour market said the closure had cost them dearly."
    page = extract_article(_article(paragraphs), "https://news.example.org/ferry")
    assert "closure had cost them dearly" in page.body


@pytest.mark.parametrize(
    ("sentence", "leaning"),
    [
        ("The first sailing of the new ferry was a year later, in the spring of 2012.", True),
        ("Now contrast that with the risk of crossing the bay in a small boat.", True),
        ("Similar findings have also been reported in the northern harbours.", True),
        ("In response, the operator was ordered to refund every season ticket.", True),
        ("In response to the strike, the council closed the port for a day.", False),
        ("Compare the two timetables before you buy a season ticket.", False),
        ("Similar to last year, the harbour fair opens on Friday.", False),
    ],
)
def test_sentences_that_lean_on_a_time_or_a_finding_told_before(
    sentence: str, leaning: bool
) -> None:
    assert dangles(sentence, "english") is leaning


@pytest.mark.parametrize(
    "sentence",
    [
        "This is the type of story you probably won't be sharing with your friends.",
        "We will delete comments that contain insults or abuse.",
        "Мы будем вынуждены удалить ваши комментарии при наличии в них оскорблений.",
        "View the Port Ellis Ferry Fast Facts on XYZ and learn more about the island routes.",
        "The graph below plots the number of sailings cancelled each month since 2015.",
        "Harbour Weekly is also very proud to have published her last investigation in 2004.",
    ],
)
def test_a_page_describing_itself_or_its_comment_rules_is_not_news(sentence: str) -> None:
    assert calls_to_action(sentence)


def test_the_first_lines_place_in_capitals_without_its_tag_is_a_dateline() -> None:
    body = "PORT ELLIS A consortium of ferry operators won the harbour contract on Monday."
    assert clean_body(body) == "A consortium of ferry operators won the harbour contract on Monday."
    acronym = "NASA Administrator Jane Roe said the launch would go ahead on Friday."
    assert clean_body(acronym) == acronym


def test_another_storys_dateline_ends_a_wire_story() -> None:
    paragraphs = [
        "PORT ELLIS A consortium of ferry operators won the harbour contract on Monday, the "
        "port authority said.",
        "The consortium was tied with a rival bidder but won with a larger cash offer.",
        "The contract covers the island routes for ten years from next spring.",
        "The operators plan to replace the two oldest ferries on the routes by 2027 and to run "
        "an extra sailing on summer evenings, when the island's hotels are full.",
        "Fares for island residents will be frozen for the first three years of the contract, "
        "the authority said, after a campaign by the island council.",
        "KELLTOWN The city's anti-graft watchdog on Tuesday defended her report on the mayor's "
        "office and its contracts.",
        "Lawyers for the mayor said they would appeal against the findings next week.",
    ]
    page = extract_article(
        _article(paragraphs, "Consortium wins Port Ellis ferry contract"),
        "https://news.example.org/ferry-contract",
    )
    assert "ten years from next spring" in page.body
    assert "anti-graft watchdog" not in page.body


def test_a_surname_after_two_opening_phrases_comes_with_the_full_name() -> None:
    """A real page: "Walking on the northern outskirts of Paradise, where the Camp Fire has
    destroyed nearly 13,000 structures …, Smith recounted …", with "Eric Smith" two lines up."""
    needs = Needs(
        [
            "Edith Marlow walked up to the rubble where her childhood home used to be.",
            "The fire had burned for three days before crews could reach the harbour road.",
            "Walking along the harbour, where the fire has destroyed nearly 1,300 homes and "
            "killed 16, Marlow recounted how she had known every family on the street.",
        ],
        "Harbour fire victims",
        "english",
    )
    assert needs.unmet(2, set()) == 0
    assert needs.unmet(2, {0}) is None
