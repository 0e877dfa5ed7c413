"""Issue 18, pattern 5: list pages whose items are plain paragraphs, named by their first
words or a label, are briefed from their introduction and first item. Every text is invented."""

from __future__ import annotations

from bot.briefs import make_brief
from bot.briefs.items import first_item

# A "gear you need" page as trafilatura writes it: <li> items as "- " lines, each opening with
# the product's name (bold on the page, plain here), with prose introducing each group.
APPS = "\n".join(
    [
        "The ferry season starts next week, and a phone can make the crossing far less stressful.",
        "You no longer need a paper timetable folded in your pocket to catch the boat on time.",
        "- Tidewise (Android, iOS) is the best tide table we tried for the islands this year. "
        "It shows the tides for every harbour on the coast and works without a signal.",
        "- Harbourmap (iOS only) is a plain map of every pier and slipway on the islands.",
        "- Ferry Clock (Android) counts down to the next sailing from the pier you are on.",
        "Weather matters as much as the timetable when the winter storms come in from the west.",
        "- Gale Watch ($3, iOS) warns of storms two days ahead with a loud alarm at night.",
        "- Windrose (free, Android) draws the wind over the bay for the next twelve hours.",
        "Paying for the crossing is easier than it used to be on the old island boats.",
        "- Deckpass (Android, iOS) keeps your season ticket on the phone and shows it offline.",
    ]
)


def test_list_items_named_by_their_first_words_are_not_mixed() -> None:
    cut = first_item("The apps you need for the ferry season", APPS)
    assert "Tidewise" in cut
    for other in ("Harbourmap", "Ferry Clock", "Gale Watch", "Windrose", "Deckpass"):
        assert other not in cut
    text = " ".join(make_brief("The apps you need for the ferry season", APPS))
    for other in ("Harbourmap", "Ferry Clock", "Gale Watch", "Windrose", "Deckpass"):
        assert other not in text


def test_named_items_in_plain_paragraphs_are_items_too() -> None:
    body = "\n".join(line.removeprefix("- ") for line in APPS.splitlines())
    cut = first_item("The apps you need for the ferry season", body)
    assert "Tidewise" in cut and "Harbourmap" not in cut


# Safety advice after a short report: a label, then what to do, as a new sentence.
STORM_ADVICE = "\n".join(
    [
        "Storm Edda reached the islands on Tuesday night with gusts of more than ninety miles "
        "an hour.",
        "Ferries stayed in harbour and the schools on Kell and Rosk were closed for the day.",
        "Check on your neighbours: Call older people who live alone and ask if they need food.",
        "Stay away from the sea wall: Waves can knock a grown man off his feet at high tide.",
        "Charge your phone now: Power cuts are likely on the north side of both islands.",
        "Tie down what the wind can lift: Bins and garden chairs break windows in a gale.",
    ]
)


def test_labelled_advice_is_not_mixed_into_the_report() -> None:
    text = " ".join(make_brief("Storm Edda closes ferries and schools", STORM_ADVICE))
    assert "ninety miles" in text
    for other in ("sea wall", "phone", "garden chairs"):
        assert other not in text


def test_heats_of_a_live_report_are_items() -> None:
    body = "\n".join(
        [
            "The island regatta ended in a dead heat after six races on a grey afternoon.",
            "Heat 1: Kell led from the start and crossed the line two lengths clear of Rosk.",
            "Heat 2: Rosk broke an oar at the turn and Kell won again by half the course.",
            "Heat 3: The north pier crew capsized in the swell and were pulled out unhurt.",
            "Heat 4: Rosk came back with a new stroke and won by a length in the last metres.",
        ]
    )
    cut = first_item("Island regatta live", body)
    assert cut.splitlines() == body.splitlines()[:2]


def test_speakers_quotes_and_clauses_before_a_colon_are_not_items() -> None:
    quotes = "\n".join(
        [
            "The harbour bill passed the state senate on Monday by a single vote.",
            "Senator Jane Doe (D-Kell) said the bill would save the ferry service for a decade.",
            "Senator Tom Roe (R-Rosk) said the money would be better spent on the old bridge.",
            "Senator Ann Poe (D-Holm) voted against it after a long speech about the pier.",
            "Harbour Master Mara Lind (54) said the vote came ten years too late for her crews.",
        ]
    )
    assert first_item("Harbour bill passes by one vote", quotes) == quotes
    clauses = "\n".join(
        [
            "What the council decided on Monday surprised the fishing families: They had hoped "
            "for a new pier.",
            "The harbour board took a different view of the matter this week: It wants a wall.",
            "A letter from the ferry company made the choice even harder for them: It will "
            "leave.",
            "Nobody on the island expected the vote to go the way it did in the end: It was "
            "close.",
        ]
    )
    assert first_item("Council splits on pier", clauses) == clauses


def test_a_label_that_repeats_is_not_an_item_name() -> None:
    body = "\n".join(
        [
            "Two ferries serve the islands, and each has its strengths for a winter crossing.",
            "Advantages: The old ferry is slow but it sails in almost any weather there is.",
            "Drawbacks: It has no covered deck, so the crossing is cold from November on.",
            "Advantages: The new catamaran takes half the time and has a warm cabin inside.",
            "Drawbacks: It stays in harbour whenever the wind rises above a strong breeze.",
        ]
    )
    assert first_item("Which ferry to take this winter", body) == body


def test_numbered_paragraphs_are_items() -> None:
    body = "\n".join(
        [
            "1. I never eat chips with a fork, not even at the harbour cafe on a Sunday.",
            "2. The ferry is the only place where I can read a whole book in one go.",
            "3. My neighbour's goat has eaten four of my gloves since the first snow.",
            "4. Nobody on the island has ever seen the lighthouse keeper without a hat.",
        ]
    )
    assert first_item("Small things", body) == body.splitlines()[0]


# A "6 gadgets" page whose item names were headings: cleaning drops a heading of a few
# words with the menus, so what is left are the items' paragraphs without their names.
GADGETS = "\n".join(
    [
        "Winter on the islands is long, dark and wet, and the right kit makes it much easier.",
        "We spent a month on Kell with every gadget we could find, and here are the 6 that we "
        "would take back.",
        "This lamp wakes you with a slow sunrise, which matters when the sun rises at ten.",
        "It runs for a week on one charge and the light is warm rather than blue.",
        "A heated insole sounds silly until you wait an hour for a late ferry on the pier.",
        "The pocket radio picks up the coastguard channel and the island station in a storm.",
        "This kettle boils on a camping stove in four minutes, even in a strong wind.",
        "A solar charger the size of a book kept our phones alive through two power cuts.",
        "The last is a doorstop alarm that shrieks when the wind blows the back door open.",
    ]
)


def test_a_title_announcing_a_list_briefs_the_introduction_and_first_item() -> None:
    cut = first_item("6 gadgets for a winter on the islands", GADGETS)
    assert cut.splitlines() == GADGETS.splitlines()[:3]
    text = " ".join(make_brief("6 gadgets for a winter on the islands", GADGETS))
    for other in ("insole", "radio", "kettle", "solar", "doorstop"):
        assert other not in text


def test_a_news_title_with_a_number_is_not_a_list() -> None:
    body = "\n".join(GADGETS.splitlines()[2:])
    assert first_item("7 rescued after ferry runs aground off Kell", body) == body
    assert first_item("Ferry runs aground off Kell", body) == body


def test_timed_entries_of_a_live_report_are_items() -> None:
    body = "\n".join(
        [
            "Kell beat Rosk by two lengths in the final of the island regatta on Saturday.",
            "Final 2024: Kell keep the silver oar for a third year after a windy afternoon.",
            "- 16:05 It's over: Kell cross the line first and the harbour wall erupts in cheers.",
            "- 15:48 Rosk catch a crab at the turn and lose a length they never win back.",
            "- 15:30 The crews are on the water and the wind is picking up from the west.",
            "- 15:02 The start is delayed by half an hour while a ferry clears the course.",
        ]
    )
    cut = first_item("Island regatta final", body)
    assert cut.splitlines() == body.splitlines()[:3]


def test_cleaning_keeps_numbered_item_headings_but_not_labels_dates_or_quantities() -> None:
    from bot.briefs import clean_body

    body = "\n".join(
        [
            "Home",
            "Our five favourite harbours on the islands, picked by readers this winter.",
            "1. Kell Harbour",
            "#2 North Pier",
            "12. November 2023",
            "1 TL Zucker",
            "Share",
        ]
    )
    kept = [body.splitlines()[1], "1. Kell Harbour", "#2 North Pier"]
    assert clean_body(body).splitlines() == kept


def test_numbered_headings_count_up_again_in_each_part_of_the_page() -> None:
    # Items whose text ends on a shop's name rather than a full stop, in two numbered parts.
    body = "\n".join(
        [
            "Hydrangeas need little care, and a few simple steps keep them blooming all summer.",
            "1. Cut the Stems",
            "Cut each stem at an angle under running water, then put it straight in the vase",
            "2. Change the Water",
            "Fresh cold water every other day keeps the blooms open for a week or longer",
            "In the garden",
            "1. Pick the Spot",
            "Hydrangeas like morning sun and shade in the afternoon, away from the sea wind",
            "2. Water Deeply",
            "Water the roots twice a week in summer, and more often in a dry spell on Kell",
        ]
    )
    cut = first_item("Hydrangea care", body)
    assert cut.splitlines() == body.splitlines()[:3]


def test_short_numbered_paragraphs_keep_the_count_going() -> None:
    body = "\n".join(
        [
            "Winter is long on the islands, and these small things make the dark days better.",
            "1. Walk along the harbour wall at first light, when the boats come back in.",
            "2. Call someone you have not spoken to since the summer ferries stopped.",
            "3. Bake bread.",
            "4. Read a whole book on the slow ferry instead of looking at your phone.",
        ]
    )
    assert first_item("Small things for dark days", body).splitlines() == body.splitlines()[:2]


def test_companies_with_their_tickers_in_a_market_report_are_not_items() -> None:
    body = "\n".join(
        [
            "Island shares fell on Monday after the ferry strike entered its second week.",
            "Kell Ferries (KFL) shares dropped six percent as the strike kept its boats in port.",
            "Rosk Fisheries (NYSE: RSK) slipped two percent on fears of a longer stoppage.",
            "Harbour Bank (HBK) gained one percent after it raised its forecast for the year.",
        ]
    )
    assert first_item("Island shares fall as ferry strike drags on", body) == body


def test_a_numbered_faq_about_one_subject_is_not_a_list() -> None:
    body = "\n".join(
        [
            "The island council has stopped all grants for new harbour walls with immediate "
            "effect.",
            "1. What exactly has been stopped and what happens to the applications already in?",
            "No new applications are taken, and those already in will be decided by March.",
            "2. When will the grants start again for the repairs of old walls?",
            "The council wants to open them again in the spring once the budget is agreed.",
            "3. Why was the stop announced at such short notice this week?",
            "The money set aside for the year had run out after a rush of late applications.",
        ]
    )
    assert first_item("Harbour wall grants stopped", body) == body


def test_advice_at_the_end_of_a_long_report_is_not_mixed_into_it() -> None:
    report = [
        f"Storm Edda closed the {place} for the day, the island council said on Wednesday."
        for place in (
            "ferries", "schools", "north pier", "fish market", "library", "swimming pool",
            "harbour cafe", "old bridge",
        )
    ]
    body = "\n".join([*report, *STORM_ADVICE.splitlines()[2:]])
    cut = first_item("Storm Edda closes the islands", body)
    assert cut.splitlines() == body.splitlines()[:9]


def test_letters_under_headings_that_the_title_lists_are_items() -> None:
    # A page of letters to the editor: each letter under its heading, signed with a name and
    # a town; the title strings the headings together.
    letters = [
        "Ferry fares are too high",
        "The new fares for the island ferry price out the families who live on the islands.",
        "A return ticket now costs more than a week of groceries for a family of four.",
        "Anna Berg",
        "Kell",
        "The pier needs repairs first",
        "Before the council spends money on a new ferry, it should repair the old north pier.",
        "The pier has been closed for two winters and the fishermen have nowhere to land.",
        "Tom Lund",
        "Norby",
        "Keep the library open",
        "The library in the harbour is the only warm place for pupils to study after school.",
        "Closing it on Saturdays would leave them nowhere to go on the weekend at all.",
        "Eva Holm",
        "Kell",
    ]
    title = "Ferry fares | Pier repairs | Harbour library"
    text = " ".join(make_brief(title, "\n".join(letters)))
    assert "pier" not in text.lower()
    assert "library" not in text.lower()


def test_a_bulletin_announcing_its_stories_is_briefed_from_the_first() -> None:
    body = "\n\n".join(
        [
            "Top news in this bulletin:",
            "The governor of Kell province said that a quarrel between the council's two "
            "leaders has left the harbour without a budget for the winter.",
            "To watch the whole bulletin, click here:",
            "Hundreds of relatives gathered outside Norby hospital on Tuesday waiting for news "
            "of the crew after the trawler sank in the storm.",
        ]
    )
    text = " ".join(make_brief("Kell TV 6pm News 19 April", body))
    assert "governor of Kell" in text
    assert "trawler" not in text


def test_list_items_named_in_marked_lines_ending_on_a_stop_are_not_mixed() -> None:
    body = "\n\n".join(
        [
            "There are only five harbour blogs here, but the list of good ones is much longer.",
            "- Tidewatch.",
            "I love the way Anna Berg writes about the tides, and she has a fine sense of humour.",
            "- Pier Notes.",
            "Quite some time ago my crew became fascinated with Pier Notes and its photographs.",
            "- Gull Report.",
            "Nobody writes about gulls like Tom Roe, who has watched them for thirty years.",
        ]
    )
    text = " ".join(make_brief("5 harbour blogs worth reading", body))
    assert "Anna Berg" in text
    assert "Pier Notes" not in text and "Tom Roe" not in text
