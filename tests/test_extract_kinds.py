"""Issue 18: short news items are briefed; forums, about pages and rentals are refused.

All pages are invented (no third-party text).
"""

from __future__ import annotations

import json

import pytest

from bot import briefs
from bot.sources.extract import NotAnArticle, extract_article
from bot.sources.shortitem import dateline

URL = "https://www.bay.example/2025/04/harbour-wall"


def page(body: str, *, title: str = "Harbour wall at Kell to be raised", head: str = "") -> str:
    return (
        f'<!doctype html><html lang="en"><head><title>{title}</title>{head}</head>'
        f"<body><nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<aside><h2>Most read</h2><ul><li><a href='/a'>Ferry times change</a></li>"
        "<li><a href='/b'>Lighthouse reopens</a></li></ul></aside>"
        "<footer>Bay News</footer></body></html>"
    )


def paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def linked_data(kind: str) -> str:
    data = {"@context": "https://schema.org", "@type": kind}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


OG_ARTICLE = "<meta property='og:type' content='article'>"

# 36 words in three sentences: a wire item, shorter than min_words (60).
WIRE_ITEM = [
    "KELL, 5 APR (Bay Wire) - The island council voted on Monday to raise the harbour wall "
    "by two metres before next winter.",
    "Storms closed the harbour for nine days in January.",
    "Work begins in April, the council's engineer said.",
]
SECTION_JUNK = ["NEWS FROM THE SECTION", "Most read", "Photos", "Ferry times change"]

# --- 1. short real news items ------------------------------------------------------------------


def test_a_short_wire_item_under_a_dateline_is_accepted_and_briefed() -> None:
    html = page(paragraphs(WIRE_ITEM + SECTION_JUNK))
    article = extract_article(html, URL)
    assert article.body.startswith("KELL, 5 APR (Bay Wire) - The island council voted")
    brief = briefs.brief_article(article.title, article.body)
    assert brief.sentences[0].startswith("The island council voted on Monday")
    assert not brief.pushable  # stored for search; too short to notify subscribers


@pytest.mark.parametrize("head", [OG_ARTICLE, linked_data("NewsArticle")])
def test_a_short_item_with_article_markup_is_accepted(head: str) -> None:
    lines = [
        "The island council voted on Monday to raise the harbour wall at Kell by two metres "
        "before next winter.",
        "Storms closed the harbour for nine days in January and crews lost their catch.",
        "Work begins in April.",
    ]
    article = extract_article(page(paragraphs(lines), head=head), URL)
    assert article.body.split("\n\n")[0] == lines[0]


@pytest.mark.parametrize(
    ("lines", "head"),
    [
        # no dateline and no article markup: a company's blurb, a stub
        ([WIRE_ITEM[0].split(" - ", 1)[1], *WIRE_ITEM[1:]], ""),
        # a teaser cut off behind a paywall
        (
            [
                "The island council voted on Monday to raise the harbour wall at Kell by two "
                "metres. Storms closed the harbour for nine days in January, and the fishing "
                "crews who depend on it..."
            ],
            OG_ARTICLE,
        ),
        # one long sentence is a caption, not an item
        (
            [
                "The harbour wall at Kell seen from the ferry on a stormy morning in January "
                "when the island council met to talk about raising it by two metres"
            ],
            OG_ARTICLE,
        ),
        # a gallery or a video with its description
        (WIRE_ITEM, linked_data("ImageGallery")),
        (WIRE_ITEM, "<meta property='og:type' content='video.other'>"),
    ],
)
def test_short_pages_that_are_not_whole_items_stay_refused(lines: list[str], head: str) -> None:
    with pytest.raises(NotAnArticle, match="too little article text"):
        extract_article(page(paragraphs(lines), head=head), URL)


def test_a_short_page_with_a_player_data_sheet_or_business_card_stays_refused() -> None:
    video = page(paragraphs(WIRE_ITEM) + "<video src='/v/wall.mp4' controls></video>")
    sheet = page(
        paragraphs(
            [
                *WIRE_ITEM,
                "- Camera: Bay 60",
                "- Lens: 180 mm",
                "- Exposure: 3 minutes",
                "- ISO: 640",
            ]
        )
    )
    card = page(paragraphs([*WIRE_ITEM, "Harbour Board", "Quay Street 4", "Tel.: +99 12 345"]))
    for html in (video, sheet, card):
        with pytest.raises(NotAnArticle, match="too little article text"):
            extract_article(html, URL)


def test_a_short_item_needs_half_of_min_words() -> None:
    with pytest.raises(NotAnArticle, match="too little article text"):
        extract_article(page(paragraphs(WIRE_ITEM)), URL, min_words=200)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("KELL, 5 APR (Bay Wire) - The council met.", "The council met."),
        ("Kell, 5 de abril de 2025 (Baywire) - O conselho reuniu-se.", "O conselho reuniu-se."),
    ],
)
def test_a_wire_dateline_in_any_language_leaves_the_brief(line: str, expected: str) -> None:
    assert briefs.clean_body(line) == expected


@pytest.mark.parametrize(
    "opening",
    [
        "KELL, 5 APR (Bay Wire) - The council",
        "(Bay Wire) - KELL, 5 APR - The council",
        "Kell, 5 de abril (Baywire) - O conselho",
        "KELL (bw) - Der Rat",
        "Kell (bw) \u2013 Der Rat",
        "KELL \u2014 The council",
        "KELL--The council",
        "KELL, Islands (BW) \u2014 The council",
        "Kell, 05.04.2025 - Der Rat",
        "KELL, Apr. 5 (Bay Wire) - The council",
        "Kell, 5 abr (BW).- El consejo",
    ],
)
def test_datelines_and_wire_tags_are_recognised(opening: str) -> None:
    assert dateline(opening)


@pytest.mark.parametrize(
    "opening",
    [
        "Also there: the harbour master.",
        "In short - the wall goes up.",
        "Kell \u2013 The council met.",
        "UPDATE: The council met again.",
        "Yes, Monday - The council met.",
        "The council voted on Monday.",
    ],
)
def test_ordinary_openings_are_not_datelines(opening: str) -> None:
    assert not dateline(opening)


# --- 2. non-articles ------------------------------------------------------------------------------

FORUM_POST = [
    "Hello all, my boat's bilge pump stops after a few minutes and I cannot find out why.",
    "I changed the float switch last week and cleaned the intake, but nothing helped so far.",
    "Has anyone here had the same trouble with this pump, and what did you do about it?",
    "The boat is a small wooden fishing boat from the seventies with a new battery.",
    "Thanks in advance for any ideas, I am running out of them and the season starts soon.",
]


@pytest.mark.parametrize(
    ("head", "url", "title"),
    [
        (linked_data("DiscussionForumPosting"), URL, "Bilge pump stops after a few minutes"),
        (OG_ARTICLE, "https://bay.example/threads/bilge-pump.4411/", "Bilge pump stops"),
        ("", "https://bay.example/viewtopic.php?t=12", "Bilge pump stops"),
        ("", "https://bay.example/r/boats/comments/1x2y3z/bilge_pump/", "Bilge pump stops"),
        ("", "https://boats.example/questions/4411/bilge-pump-stops", "Bilge pump stops"),
        (linked_data("QAPage"), URL, "Bilge pump stops"),
        ("", URL, "Bilge pump stops after a few minutes | Boats | Forum"),
        ("", URL, "Bilge pump stops after a few minutes - Bay Boat-Forum"),
        ("<meta name='generator' content='XenForo 2.2'>", URL, "Bilge pump stops"),
        ("", URL, "Bilge pump stops - 港城吧-百度贴吧"),  # a Tieba board
        # a post and its replies on a social network, even with og:type article
        (OG_ARTICLE, "https://social.example/kellboats/status/609116267891580928", "Kell Boats"),
        ("", "https://toot.example/@kell.boats/110012345678", "Kell Boats"),
    ],
)
def test_a_forum_thread_is_not_an_article(head: str, url: str, title: str) -> None:
    with pytest.raises(NotAnArticle, match="a forum thread"):
        extract_article(page(paragraphs(FORUM_POST), title=title, head=head), url)


ABOUT = [
    "We are two sailors from Kell who started this blog in 2015 to write about the island.",
    "One of us repairs boats for a living and the other teaches at the island school.",
    "Here we write about the harbour, the weather and the small things that happen on Kell.",
    "If you want to write to us, use the form below and we will answer within a week.",
]


@pytest.mark.parametrize(
    ("lines", "url", "title", "head"),
    [
        (ABOUT, "https://bay.example/about-us/", "The two of us", OG_ARTICLE),
        (ABOUT, "https://bay.example/%C3%BCber-uns", "Wir", ""),
        (ABOUT, URL, "About me", ""),
        (["Welcome to our little island blog!", *ABOUT], URL, "The two of us", OG_ARTICLE),
        (["Hi, I'm Ann and I sail.", *ABOUT], URL, "The two of us", ""),
        (ABOUT, URL, "The two of us", linked_data("AboutPage")),
        (ABOUT, "https://bay.example/privacy_policy", "Bay Blog", ""),
        (["This privacy policy explains what we keep about you.", *ABOUT], URL, "Bay Blog", ""),
        (ABOUT, URL, "Datenschutzerklärung", ""),
        (["欢迎您来到港城渡轮公司。", *ABOUT], URL, "Bay Blog", ""),  # "welcome to …"
    ],
)
def test_a_page_about_the_site_or_its_author_is_not_an_article(
    lines: list[str], url: str, title: str, head: str
) -> None:
    with pytest.raises(NotAnArticle, match="a page about the site or its author"):
        extract_article(page(paragraphs(lines), title=title, head=head), url)


RENTAL = [
    "The wooden cabin by the harbour has two bedrooms, each with a double bed, and a kitchen.",
    "It sleeps 5 and looks out over the bay from a large terrace with a barbecue.",
    "Bed linen and towels are included; pets allowed on request for a small fee.",
    "Rates: 55 euros per night for two, 65 euros per night for up to six guests.",
    "Minimum stay three nights. Check-in from 3 pm, check-out by 10 am.",
    "A security deposit of 100 euros is due when you book; see our cancellation policy.",
]


@pytest.mark.parametrize("head", ["", OG_ARTICLE, linked_data("VacationRental")])
def test_a_holiday_rental_is_not_an_article(head: str) -> None:
    with pytest.raises(NotAnArticle, match="a holiday rental or booking page"):
        extract_article(page(paragraphs(RENTAL), title="Harbour Cabin 3", head=head), URL)


SHOP_TERMS = [
    "Our deliveries of island cheese come by parcel service or with one of our own vans.",
    "Delivery is free within Kell for orders over 60 euros; below that order value we charge "
    "shipping costs of 8 euros.",
    "We reserve the right to split large orders, at no extra cost to you.",
    "Items left in your basket are kept for a week; add to cart again to reorder.",
    "Our returns policy gives you fourteen days to send back anything unopened.",
]


def test_a_shops_delivery_terms_are_not_an_article() -> None:
    # Real page: a wine shop's region page whose text is its delivery terms.
    with pytest.raises(NotAnArticle, match="a product page"):
        extract_article(page(paragraphs(SHOP_TERMS), title="Kell cheese, Norby"), URL)


def test_news_about_a_shops_shipping_costs_is_still_an_article() -> None:
    lines = [
        "The island's largest grocer will raise its shipping costs to Norby from May, it said.",
        "Customers there paid 8 euros per order last year, and will pay 12 euros from spring.",
        "The grocer blamed the ferry company, which doubled its freight rates in January.",
        "Islanders say they have no other shop within reach and will have to pay.",
        "The council said it would ask the ferry company to explain the new freight rates, "
        "which it called unfair to an island that depends on the crossing for its food.",
        "The grocer said free shipping for orders above 100 euros would stay as it is.",
    ]
    assert extract_article(page(paragraphs(lines), title="Grocer raises delivery fees"), URL)


def test_a_match_page_marked_as_a_profile_is_not_called_an_about_page() -> None:
    # Sites put schema.org ProfilePage on match reports and author archives alike.
    html = page(paragraphs(FORUM_POST), title="Kell v Bay", head=linked_data("ProfilePage"))
    assert extract_article(html, URL)


def test_news_about_tourism_and_about_forums_is_still_an_article() -> None:
    lines = [
        "Hotels on Kell were full over Easter for the first time since the storms, the island's "
        "tourism office said on Tuesday.",
        "Rooms by the harbour cost up to 180 euros per night, and some guests were turned away "
        "at check-in because of double bookings.",
        "The office wants a new forum for hosts and a better booking site before the summer.",
        "Welcome to our website, the old site said for years; the new one will say more.",
        "Hosts say the ferry timetable, not the price, keeps visitors away in winter.",
    ]
    head = linked_data("NewsArticle")
    article = extract_article(page(paragraphs(lines), title="Kell hotels full", head=head), URL)
    assert article.body.startswith("Hotels on Kell were full")
    # A headline that starts with "About" and an address with /forum/ in a news site's
    # section are still articles when the page marks itself up as one.
    html = page(paragraphs(lines), title="About time: Kell hotels full", head=head)
    assert extract_article(html, "https://bay.example/forum/2025/kell-hotels")
    # A report on a privacy policy is not the policy.
    html = page(paragraphs(lines), title="Ferry company changes its privacy policy")
    assert extract_article(html, "https://bay.example/2025/04/ferry-privacy-policy")


def test_a_diary_of_exclamations_is_not_reporting() -> None:
    diary = [
        "Day three on the coast path and the sun is finally out!",
        "Up at six and on the trail by seven with cold coffee!",
        "What a view from the top of the cliffs at Kell Head!",
        "The ferry below looked like a toy boat on the bay!",
        "Lunch on a rock with the gulls trying to steal the cheese.",
        "Tomorrow the long stage to the lighthouse, wish us luck!",
        "My feet hurt but my heart is full tonight!",
    ]
    html = page(paragraphs(diary), title="Coast path, day 3", head=OG_ARTICLE)
    with pytest.raises(NotAnArticle, match="mostly exclamations"):
        extract_article(html, URL)


def test_a_report_quoting_a_few_exclamations_is_still_an_article() -> None:
    report = [
        "Kell beat Bay 2-1 on Saturday to win the island cup for the first time since 1998.",
        '"What a day for this island!" the captain shouted as the final whistle went.',
        "Bay led at half time through a header from their youngest player.",
        "Kell equalised after an hour and scored the winner in the last minute of play.",
        '"We never stopped believing!" said the coach, who took over in the spring.',
        "About 800 people watched the final, the largest crowd at the ground in years.",
    ]
    html = page(paragraphs(report), title="Kell win the island cup", head=OG_ARTICLE)
    assert extract_article(html, URL).title == "Kell win the island cup"


def test_the_first_lang_that_says_something_is_the_pages() -> None:
    from bot.sources.pagemeta import read_meta

    page = '<html lang="da" class="x" xml:lang="" lang=""><head><title>T</title></head></html>'
    assert read_meta(page).html_lang == "da"
    assert read_meta('<html xml:lang="de"><head><title>T</title></head></html>').html_lang == "de"
