"""Issue 18, ninth round: patterns found on saved pages of GoOse's and crux's test corpora,
MSVCode's ir-research-data and magic-html's article benchmark. Every text here is invented."""

# Chinese and Japanese texts use full-width punctuation that looks like ASCII.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest

from bot.briefs import brief_article, split_sentences
from bot.briefs.coherence import Needs
from bot.briefs.dangling import dangles
from bot.briefs.fitness import is_fit


@pytest.mark.parametrize(
    "sentence",
    [
        # a demonstrative's noun after an opening phrase
        "Most of the time, that debate turns quickly to the harbour's oldest crane.",
        "Last winter, these tools were banned from the north pier.",
        # a discovery about something told before
        "It turns out, the student had found the survey in the harbour office.",
        "As it turns out, the ferry never left Kell that night.",
    ],
)
def test_sentences_leaning_on_a_left_out_one(sentence: str) -> None:
    assert dangles(sentence, "english")


@pytest.mark.parametrize(
    "sentence",
    [
        # a relative clause after a comma is no demonstrative
        "One day you will meet someone at the harbour, that is going to change everything.",
        "At the regatta, this year's winner came from the north pier.",
        "In a statement, officials said the pier would reopen.",
    ],
)
def test_sentences_that_stand_alone(sentence: str) -> None:
    assert not dangles(sentence, "english")


def test_a_given_name_alone_needs_the_sentence_that_introduced_the_person() -> None:
    sentences = [
        "Mara Vell, owner of the Kell gardening shop Potted, put her opening hours online.",
        "Customers from three towns now find the shop before they visit the harbour.",
        "Mara says the listing brought more people through her door than any advert.",
    ]
    needs = Needs(sentences, "Small shops on the harbour go online", "english")
    assert needs.unmet(2, {1}) == 0
    assert needs.unmet(2, {0, 1}) is None


def test_a_surname_after_an_opening_phrase_with_an_irregular_verb_needs_its_introduction() -> None:
    sentences = [
        "Tomas Rebb, one of the engineers who surveyed the north pier, called it unsafe.",
        "The council has closed the pier until the spring.",
        "While agreeing with the survey, Rebb held out hope that the pier could reopen.",
    ]
    needs = Needs(sentences, "North pier closed until spring", "english")
    assert needs.unmet(2, {1}) == 0


def test_a_reported_question_after_a_colon_is_a_statement() -> None:
    assert is_fit(
        "After the lecture, a student asked the harbour master a question she had never "
        "heard before: Was it allowed to fish from the north pier at night?"
    )
    # a hook or a teaser's question is still no statement
    assert not is_fit("The question: will the pier reopen?")
    assert not is_fit(
        "Die Wahl in Kell gibt einen Vorgeschmack auf die Koalitionen im ganzen Land: "
        "Stabile Mehrheiten?"
    )


def test_a_writers_aside_to_the_reader_is_unfit() -> None:
    assert not is_fit("Don't get out of your deck chair.")
    assert is_fit("Don't expect the ferry to run before the spring, the harbour master said.")


def test_a_full_stop_glued_to_the_next_sentence_ends_it() -> None:
    text = "The part I like is their love story.Mara met him at the harbour a year ago."
    assert split_sentences(text, "english") == [
        "The part I like is their love story.",
        "Mara met him at the harbour a year ago.",
    ]
    # a domain or a product name with a capital after its dot stays whole
    assert len(split_sentences("The shop sells through Kell.Market and its own site.")) == 1


def test_a_recipe_is_briefed_from_its_headnote() -> None:
    body = (
        "Kell harbour stew is what the fishermen's families cooked when the boats came back "
        "with more mackerel than the market could take. It is a bright, sour stew that "
        "tastes of tomatoes and smoke. Serve it with plenty of bread.\n"
        "Heat the oven to 200 degrees and season the mackerel well with salt and pepper. "
        "Sear the mackerel in batches in a heavy pan until the skin is crisp, about four "
        "minutes. Add the onions to the pan with the mackerel juices and cook until soft. "
        "Pour the tomatoes over the mackerel and onions, and cook in the oven for twenty "
        "minutes until the mackerel is cooked through. Scatter the herbs over the stew."
    )
    brief = brief_article("Kell Harbour Mackerel Stew Recipe", body)
    assert brief.sentences[0].startswith("Kell harbour stew is what")
    assert not any(s.startswith(("Sear", "Pour", "Heat")) for s in brief.sentences)


def test_a_first_person_essay_is_briefed_from_its_opening() -> None:
    body = (
        "This month is the tenth anniversary of my last paper ticket for the Kell ferry. "
        "I stopped buying them the day the harbour office put its timetable online. "
        "I knew at once that the queue at the kiosk was over for me.\n"
        "Ferries have carried cars to the islands for a century, but all our tickets were "
        "paper. Ferries ALL carry card readers now, and the ferries run on time. "
        "Ferries may even sell tickets on board one day, the ferries' owners say. "
        "My own habit changed first, and the ferries followed, as I remember it."
    )
    brief = brief_article("Mara's ferry notes", body)
    assert brief.sentences[0].startswith("This month is the tenth anniversary")


@pytest.mark.parametrize(
    "sentence",
    [
        "For, while fear kept the fishermen alive, today's fears are mostly in the mind.",
        "The speaker is Tomas Rebb, the harbour master who closed the north pier.",
        "The dude was naturally stunned.",
    ],
)
def test_a_conjunction_for_and_a_definite_speaker_lean_on_what_came_before(
    sentence: str,
) -> None:
    assert dangles(sentence, "english")


def test_a_news_bulletin_is_briefed_from_its_first_story() -> None:
    from bot.briefs.items import first_item

    body = (
        "The harbour master of Kell said on Tuesday that the north pier would stay closed "
        "until a new survey is finished in the spring.\n"
        "Hundreds of people gathered outside the Rosk town hall on Tuesday to protest against "
        "the planned closure of the island's only school."
    )
    assert first_item("Kell Radio 6pm News 19 April 2016", body) == body.splitlines()[0]


def test_a_drop_cap_set_apart_is_joined_to_its_word() -> None:
    from bot.briefs.wraps import blocks

    assert list(blocks("T he Kell harbour museum opens on Sept. 24 after a long journey.")) == [
        ["The Kell harbour museum opens on Sept. 24 after a long journey."]
    ]
    # a vowel may be a word of its own
    assert list(blocks("A new ferry sails to Rosk.")) == [["A new ferry sails to Rosk."]]


def test_a_comparison_with_a_figure_told_before_leans_on_it() -> None:
    assert dangles("The preliminary December reading is even higher, at 93.8.", "english")


# --- found on the final draw's pages, after its one reading -----------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # a heading in title case run into its paragraph's first words
        "Harbour Street A surprising amount of the town's trade is done in its cafes.",
        # a piece that starts after a dash
        "\u2014 email remains the standard for news from the harbour office.",
        # a sentence cut where an embedded post was
        "The harbour master had trouble sleeping on the boat this time around:.",
        # a feed's time stamp run into the first sentence
        "#18 Silence by Kell Radio published on 2015-04-02T00:42:25Z In 2012, a woman sailed.",
        # an aside to the reader, and a list announced after an opening phrase
        "Do not pass them up when you spot these beautiful figs at the harbour market!",
        "From compotes to small plates, here are some wonderful ways to eat fresh figs.",
    ],
)
def test_page_pieces_and_asides_found_on_the_final_draw_are_unfit(sentence: str) -> None:
    assert not is_fit(sentence)


def test_a_place_behind_a_leader_left_out_leans_on_it() -> None:
    assert dangles("Right behind were Tomas Rebb and Mara Vell, two young sailors.", "english")


def test_a_sentence_that_needs_a_retelling_of_the_lead_is_not_taken_with_it() -> None:
    sentences = [
        "An economist and his friends tricked the people of Kell into saving the island's "
        "economy.",
        "This is a story about how an economist and his friends tricked the people of Kell "
        "into saving the island from rampant inflation.",
        "Twenty years ago, the island's inflation rate hit 80 percent a month.",
        "At that rate, bread that cost one crown in May cost two in June.",
        "Shops changed their prices every day, and shoppers ran ahead of the clerks.",
    ]
    from bot.briefs import coherence

    needs = Needs(sentences, "How fake money saved Kell", "english")
    chosen = coherence.select([1, 0, 2, 3, 4], needs, 3)
    assert not {0, 1} <= set(chosen)


# --- found on the tuning half of a second new pool (MSVCode's ir-research-data) ---------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Well, most of us are.",
        "If that's not a scary enough thought, imagine the harbour master reading it.",
    ],
)
def test_a_reply_or_a_step_on_leans_on_what_came_before(sentence: str) -> None:
    assert dangles(sentence, "english")


@pytest.mark.parametrize(
    "sentence",
    [
        "Says the new pier will bring stability to the island's ferries.",
        "Add \u201cKell Harbour\u201d to the list.",
    ],
)
def test_a_subjectless_standfirst_and_a_list_pointer_are_unfit(sentence: str) -> None:
    assert not is_fit(sentence)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "KellNews.com - Ferry Hits North Pier in Storm - U.S. & World",
            "Ferry Hits North Pier in Storm",
        ),
        (
            "KellNews.com - Storm closes the north pier again - Sep 22, 2005",
            "Storm closes the north pier again",
        ),
        (
            "Ferry hits the north pier in a storm - KellNews.com",
            "Ferry hits the north pier in a storm",
        ),
        # a short headline keeps its last part; a site name alone is no headline
        ("Music - 21 by Mara Vell", "Music - 21 by Mara Vell"),
    ],
)
def test_a_site_named_by_its_domain_and_a_section_after_the_headline_are_cut(
    title: str, expected: str
) -> None:
    from bot.sources.titles import clean_title

    assert clean_title(title) == expected


def test_a_caption_pointing_at_its_picture_is_unfit() -> None:
    assert not is_fit("Selling videos like this amateur harbour fight video may be illegal.")
    assert not is_fit("The north pier, seen in this 1999 photo, was built in 1890.")


def test_old_link_widgets_and_photo_credits_inline_are_cut() -> None:
    from bot.briefs.cleaning import clean_body

    body = (
        "Kell Ferries (nasdaq: KELL - news - people ) said on Monday that Storm Wilma (search) "
        "had closed the north pier for the rest of the week.\n"
        "North pier (Photo credit: Mara Vell) A few years ago, the harbour office asked for a "
        "new wall on the north side of the pier."
    )
    cleaned = clean_body(body)
    assert "(search)" not in cleaned and "news - people" not in cleaned
    assert "Photo credit" not in cleaned


# --- found on the second final draw's pages, after its one reading -----------------------------


def test_a_domain_name_before_a_colon_is_cut_from_a_title() -> None:
    from bot.sources.titles import clean_title

    assert clean_title("KellNews.com: Happiness Is A Fast Ferry") == "Happiness Is A Fast Ferry"


def test_oh_and_leans_on_what_came_before() -> None:
    assert dangles("Oh, and if it works, car ownership in Kell is going to disappear.", "english")


def test_a_pull_quote_never_opens_a_brief() -> None:
    sentences = [
        "\u2018The ferry race isn\u2019t something new.\u2019",
        "The new ferry will be the fastest on the route, but it still stops at every island.",
        "Ferry makers have long had to match each other's speeds on the Kell route.",
    ]
    needs = Needs(sentences, "Speed alone may not sell the new Kell ferry", "english")
    assert needs.unmet(0, set()) == 0  # needs itself: never met


def test_a_place_relative_to_one_told_before_and_a_request_to_the_reader() -> None:
    assert dangles("Farther north, the Rosk resorts dug out from the same storm.", "english")
    assert dangles("Closer to home, the harbour was waiting for the same storm.", "english")
    assert not is_fit("Please remove any reference to the ferry's price from its name.")


# --- found on the tuning part of a third new pool (magic-html's article benchmark) -------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The biggest harbour stories of the week delivered to your inbox.",
        "This newsletter may contain ferry deals and affiliate links.",
        "In our top stories this week, a reporter describes the new Kell ferry.",
        "At Kell Review we provide original essays and curated videos from around the globe.",
        "Your ongoing support is essential in letting us plan for the future.",
        "Plus: the harbour is warned to prepare for a storm.",
        "港の思い出 2024-05-19 17:47:17 テーマ： ブログ 昔よく釣りをした。",
        "本词条缺少图片，赶紧来编辑吧。",
        "下面来看下港口码头投诉举报方法介绍。",
        "备注：仅限成人渡轮票实行半价优惠。",
        "的码头、渡轮、灯塔和其他港口故事的网页。",
        "전체 맥락을 이해하기 위해서는 본문 보기를 권장합니다.",
    ],
)
def test_newsletter_boxes_and_portal_notices_are_unfit(sentence: str) -> None:
    assert not is_fit(sentence)


def test_chinese_but_leans_on_what_came_before() -> None:
    assert dangles("可是，就在刚刚结束的帆船赛中，他再次提前出局。", "chinese")


def test_a_pull_quote_never_opens_a_brief_in_the_writers_order() -> None:
    from bot.briefs import coherence

    candidates = [
        "\u201c港口的风，吹了一百年！\u201d",
        "码头管理处3月1日召开会议，部署北码头的维修工作。",
        "会议指出，维修要在夏季前完成。",
        "维修期间，渡轮将停靠南码头。",
    ]
    assert coherence.in_order(candidates, "北码头维修", "chinese", 3)[0] == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "In today's interview we hear from another voice in harbour shipping.",
        'Promising review: "I am a ferry captain with a desk job.',
        "Recommenders and Search Tools arXivLabs: projects with community collaborators.",
        "Some lamps were sent as samples, but all were independently selected by our editors.",
        "Kell Shop and its partners may collect a share of sales from the links on this page.",
    ],
)
def test_page_talk_shop_lists_and_preprint_furniture_are_unfit(sentence: str) -> None:
    assert not is_fit(sentence)


def test_microblog_topic_tags_before_a_chinese_text_are_cut() -> None:
    from bot.briefs.cleaning import clean_body

    body = "【#港口北码头将维修#】#码头维修# 据本地报纸报道，港口北码头将从下月起维修三个月。"
    assert clean_body(body).startswith("据本地报纸报道")


# --- found on the third final draw's pages, after its one reading ------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The views expressed in this commentary on the ferries are his own.",
        "View more opinion on Kell Radio.",
        "Guests attend a ceremony at the Kell ferry terminal in Kell, Jan. 15, 2023.",
        "前言：本文会以几个码头的例子，分享维修的经验。",
    ],
)
def test_opinion_disclaimers_wire_captions_and_a_blog_announcing_itself_are_unfit(
    sentence: str,
) -> None:
    assert not is_fit(sentence)


def test_an_example_of_a_point_left_out_and_a_japanese_says_so_lean_on_it() -> None:
    assert dangles(
        "In 2021, to give one example, the minister told the fishermen they had a chance.",
        "english",
    )
    assert dangles("港の近くで長年店を営む店主はそう語る。", "japanese")


# --- found on the fourth final draw's pages (CleanPortalEval), after its one reading -----------


@pytest.mark.parametrize(
    "sentence",
    [
        "Watch Mara Vell talk about the people who made the harbour show a success.",
        "As always, please feel free to e-mail us with your comments on the ferry app.",
        "Tomas Rebb is The Courier's harbour editor.",
    ],
)
def test_a_call_to_watch_an_invitation_to_write_and_a_writers_biography_are_unfit(
    sentence: str,
) -> None:
    assert not is_fit(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Watch parties were held across Kell on Sunday.",
        "The harbour master is a former ferry captain.",
        "Tomas Rebb is a reporter who was arrested at the pier last week.",
    ],
)
def test_lines_that_only_look_like_those_stay_fit(sentence: str) -> None:
    assert is_fit(sentence)


def test_a_reading_list_is_briefed_from_its_first_item() -> None:
    from bot.briefs.items import first_item

    body = (
        "The harbour master is making a speech about the north pier and the ferry timetable.\n"
        "In the opinion pages: the mayor writes about the ferry fares in the Kell Courier."
    )
    assert first_item("What we\u2019re reading: Thursday, May 23", body) == body.splitlines()[0]


def test_a_placeholder_title_gives_way_to_the_texts_first_line() -> None:
    from bot.sources.extract import extract_article

    paragraphs = "".join(
        f"<p>{text}</p>"
        for text in (
            "22:00 Kell time, Wednesday, 27 March 2013",
            "Kell harbour engineers develop a new way to raise the north pier without closing "
            "it, which means the ferries can keep running through the spring.",
            "The harbour office said the work would start in April and take six weeks, and "
            "that the ferry timetable would not change while it lasts.",
            "Fishermen who moor at the north pier will be told which berths close each week, "
            "the office said, and the south pier will take their boats.",
        )
    )
    html = (
        f"<html><head><title>INDEX</title></head><body><article>{paragraphs}</article>"
        "</body></html>"
    )
    page = extract_article(html, "https://news.example.com/2013/03/pier.html")
    assert page.title.startswith("Kell harbour engineers develop")


def test_a_browser_notice_is_unfit() -> None:
    assert not is_fit(
        "This page is best viewed in an up-to-date web browser with style sheets enabled."
    )


def test_turkish_text_declared_english_is_read_as_turkish() -> None:
    from bot.briefs import detect_language

    turkish = (
        "Kell limanındaki kuzey iskelesi, bahar aylarında yapılacak onarım nedeniyle altı "
        "hafta kapalı kalacak. Liman müdürlüğü, feribot seferlerinin güney iskelesinden "
        "yapılacağını açıkladı. Balıkçılar, teknelerini hangi haftalarda taşımaları "
        "gerektiğini öğrenmek için müdürlüğe başvurabilecek."
    )
    assert detect_language(turkish, "english", "english") == "turkish"
    # an English report full of Turkish names keeps its English words
    english = (
        "The Istanbul office said the new ferry would sail to Kadıköy on Monday, and the "
        "mayor welcomed it. President Erdoğan said Erdoğan's party backed it. " * 3
    )
    assert detect_language(english, "english", "english") == "english"
