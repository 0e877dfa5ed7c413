"""Briefs whose sentences lean on ones left out, repeat each other, or are not sentences.

Every article here is our own writing, modelled on patterns seen on real pages.
"""

from __future__ import annotations

import pytest

from bot.briefs import make_brief
from bot.briefs.coherence import Needs
from bot.briefs.dangling import dangles
from bot.briefs.fitness import candidates, is_fit
from bot.briefs.language import tools


def _brief(title: str, sentences: list[str], language: str = "english") -> tuple[str, ...]:
    return make_brief(title, " ".join(sentences), language=language, sentences=3)


def test_the_boy_comes_with_the_sentence_that_introduced_a_boy() -> None:
    introduction = "Witnesses said a small boy had been walking alone near the station entrance."
    needy = (
        "The inspector asked the attacker about the parents of the small boy, and the attacker "
        "then struck the inspector with a stone at the station."
    )
    article = [
        "A police inspector was treated in hospital on Friday after an attack at the station.",
        "Officers are still searching for the woman, who fled on foot.",
        introduction,
        needy,
        "The attacker threw a second stone at the inspector outside the station.",
        "The inspector was treated at the hospital and released the same evening.",
        "The station reopened on Saturday morning.",
    ]
    brief = _brief("Inspector hurt in station attack", article)
    assert needy not in brief or introduction in brief


def test_a_surname_alone_comes_with_the_full_name() -> None:
    full = "The Swedish brothers Elias Ymer and Mikael Ymer both reached the quarter-finals."
    short = (
        "Ymer won the match in two sets and reached the quarter-finals of the tournament, the "
        "best result of the season for the Swedish player in the tournament."
    )
    article = [
        "Two Swedish players caused upsets at two tennis tournaments on Wednesday.",
        full,
        "The crowd in the small arena cheered both players after the matches.",
        short,
        "The tournament continues on Thursday with the remaining quarter-final matches.",
        "The season resumes in the spring after a short break for the players.",
    ]
    brief = _brief("Two upsets in one day", article)
    assert short not in brief or full in brief


@pytest.mark.parametrize(
    "quoted",
    [
        "\u201cHarbour towns are emptying because the ferries stopped,\u201d Marlow said.",
        "Harbour towns are emptying because the ferries stopped, according to Marlow.",
        "Although the ferries stopped, Marlow said harbour towns are emptying fastest.",
        # The possessive: "On Hale's first day at the school, Colomy said …".
        "On Marlow\u2019s first survey, harbour towns were emptying fastest in the north.",
    ],
)
def test_a_surname_later_in_the_sentence_comes_with_the_full_name(quoted: str) -> None:
    # Real pages: "…,” Ray said." and "Calarco said" with the full name in a left-out line.
    full = "Edith Marlow, a geographer at Kell University, has studied harbour towns for years."
    needs = Needs(
        [
            "Harbour towns along the coast lost a fifth of their people in ten years.",
            full,
            "The ferries to the islands stopped running in 2019.",
            quoted,
        ],
        "Harbour towns are emptying",
        "english",
    )
    assert needs.unmet(3, set()) == 1
    assert needs.unmet(3, {1}) is None


def test_needs_names_what_each_sentence_leans_on() -> None:
    sentences = [
        "Researchers surveyed two thousand teachers across the country in May.",
        "The survey asked three questions about pay, hours and class sizes.",
        "Officials plan to answer these questions before the next school year starts.",
        "A spokesman for the ministry said results would be published in June.",
    ]
    needs = Needs(sentences, "Teachers surveyed", "english")
    assert needs.unmet(2, set()) == 1  # "these questions"
    assert needs.unmet(2, {1}) is None
    assert needs.unmet(3, set()) is None  # "the ministry" was never introduced as "a ministry"


def test_the_middle_of_a_quotation_leans_on_the_sentence_that_opened_it() -> None:
    sentences = [
        "The ferry captain spoke about the winter on Monday.",
        "\u201cThrough everything, I\u2019m just focused on the crew and the boat.",
        "For me, certain things happen in life and you have to move on.",
        "I am excited about the summer season.\u201d",
        "The harbour reopens on Monday after the storm.",
    ]
    needs = Needs(sentences, "Ferry captain looks ahead", "english")
    assert needs.unmet(2, set()) == 1
    assert needs.unmet(2, {1}) is None
    assert needs.unmet(4, set()) is None
    # Straight marks: one that closes after a word, then a new quotation that opens.
    straight = [
        'The captain said the boat was "ready".',
        "The crew agreed with her on Monday.",
        '"We sail at dawn.',
        "Nobody will stop us.\"",
    ]
    needs = Needs(straight, "Ferry captain looks ahead", "english")
    assert needs.unmet(1, set()) is None
    assert needs.unmet(3, set()) == 2


def test_a_quotation_opening_without_its_speaker_leans_on_the_line_before() -> None:
    sentences = [
        "The captain spoke about the winter:",
        '"Through everything, I\'m just focused on the ferry and the crew.',
        'The season starts in May," she said.',
        "\u201cWe had our first crossing in the storm after two hours.",
        "Nobody on board was hurt.\u201d",
    ]
    needs = Needs(sentences, "Ferry captain looks ahead", "english")
    assert needs.unmet(1, set()) is None  # its speaker is named where it closes
    assert needs.unmet(3, set()) == 2


def test_a_sentence_saying_the_same_again_is_not_taken_twice() -> None:
    first = (
        "The foundation holds its annual digital policy conference in the Stuttgart town hall "
        "on Saturday, 31 January, from ten until five."
    )
    again = (
        "The foundation holds its annual digital policy conference in the Stuttgart town hall "
        "on Saturday, 31 January, which I will also attend."
    )
    article = [
        first,
        "Speakers from politics, science and civil society will discuss online campaigns.",
        again,
        "Entry is free, but places in the town hall are limited to two hundred.",
        "The conference is the foundation's fifth on digital policy since it began in 2011.",
    ]
    brief = _brief("Digital policy conference 2015", article)
    assert not (first in brief and again in brief)


def test_score_lines_that_differ_only_in_their_numbers_are_not_candidates() -> None:
    body = (
        "Leszno beat Zielona Gora 57:33 in the second leg of the semi-final on Sunday.\n"
        "Aggregate result: 98:70 for Unia Leszno.\n"
        "Aggregate result: 87:63 for Unia Leszno.\n"
        "Leszno will face the champions in the final next month after a strong season."
    )
    found = candidates("Leszno reach the final", body, "english")
    assert not any(s.startswith("Aggregate result") for s in found)
    assert len(found) == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "from 1 January 2024 for substitutes for tobacco products.",
        "ab 1. Januar 2024 für Substitute für Tabakwaren.",
        "Korinna Hennig: Wir haben vor ein paar Folgen schon darüber gesprochen.",
        "Anna Berg: We talked about this two episodes ago, didn't we, at length.",
        "Here's the full list from the magazine.",
        "Schön, dass Du diese Seite gefunden hast.",
        "Informieren Sie sich hier über die freien Termine oder nehmen einfach Kontakt zu uns auf.",
        "Ich freue mich über jeden ernst gemeinten Kommentar zu diesem Thema.",
        "This post is divided into two sections: a recount and a commentary.",
        "Wir erklären die historischen Hintergründe des Streits.",
        "Sie machte eine Abmahnung öffentlich (den Artikel könnt ihr hier lesen).",
        "Viel Spaß auf meiner Seite!",
    ],
)
def test_fragments_transcript_lines_and_page_talk_are_unfit(sentence: str) -> None:
    assert not is_fit(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "iPhone sales rose by a tenth in the spring quarter.",
        "eBay said it would close the service in March.",
        "Schwerpunkt Kommunikation: Im Frühjahr bietet der Verband zwei Seminare an.",
        "Update: The company said it would close the plant in May.",
    ],
)
def test_brands_labels_and_updates_stay_fit(sentence: str) -> None:
    assert is_fit(sentence)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Unterm Strich lässt sich die Entscheidung auf zwei Gründe herunterbrechen.", "german"),
        ("Den legte sie einem großen Kölner Verlag vor, der ihn ablehnte.", "german"),
        ("Für seinen Einsatz sprach der geringe Preis pro Kilowattstunde.", "german"),
        ("Die daraus resultierende Änderung dient der Besteuerung neuer Produkte.", "german"),
        ("Vermutet wurde damals bewusste Sabotage an den Bahnen.", "german"),
        ("Finalmente, precisó que el grupo reúne a representantes de sindicatos.", "spanish"),
        ("Por su parte, el ministro anunció nuevas medidas para el sector.", "spanish"),
        ("Enfin, le ministre a annoncé de nouvelles mesures pour le secteur.", "french"),
        ("To that end, the council is spending a million on two new ferries.", "english"),
        ("While the ferry line holds 85% of that market, buses are gaining.", "english"),
        ("Many, including the harbour master, don't want to leave.", "english"),
        ("Especially for ferries like the Kell boat where the timetable changes.", "english"),
        ("Repeat step 3, laying a full sheet of sail on top of the mast.", "english"),
        ("Fold the remaining 6 half sheets on the diagonal and cut them.", "english"),
    ],
)
def test_openers_that_lean_on_what_came_before(sentence: str, language: str) -> None:
    assert dangles(sentence, language)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Die deutsche Autorin hat einen Kriminalroman geschrieben.", "german"),
        ("Der Bundestag hat am Donnerstag das Gesetz beschlossen.", "german"),
        ("El ministro anunció nuevas medidas para el sector agrícola.", "spanish"),
        ("The council said at that time of year the ferry runs twice a day.", "english"),
        ("Kell ferries argued that government money should pay for the pier.", "english"),
        ("Many islanders don't want to leave.", "english"),
        ("Especially popular this year were the night ferries to Norby.", "english"),
        ("\"We will rebuild the pier,\" the harbour master said on Monday.", "english"),
        ("\"Sea Shanty\" is the town's new ferry, launched on Monday.", "english"),
    ],
)
def test_openers_that_stand_alone(sentence: str, language: str) -> None:
    assert not dangles(sentence, language)


def test_a_german_quotation_ends_where_its_closing_mark_is() -> None:
    split = tools("german").tokenizer.to_sentences(
        "Er sagte: „Das ist gut. Wir machen weiter.“ Dann ging er. Das Seminar „Fit für das "
        "Web“ findet am 4. und 5. März statt. Teilnehmer lernen die Grundlagen."
    )
    assert split == (
        "Er sagte: „Das ist gut. Wir machen weiter.“",
        "Dann ging er.",
        "Das Seminar „Fit für das Web“ findet am 4. und 5. März statt.",
        "Teilnehmer lernen die Grundlagen.",
    )


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Ello no impidió que se graduaran cincuenta maestros en el centro.", "spanish"),
        ("Он только припарковался и вышел из машины, когда на него напали.", "russian"),
        ("Ennek része az is, hogy a falu új iskolát épít.", "hungarian"),
        ("Isso não impediu a vitória do time no domingo.", "portuguese"),
        ('Da mesma forma, a responsabilidade é dos clubes", disse o governador.', "portuguese"),
        ('The club is responsible for its players", the mayor said on Monday.', "english"),
        ("“Estoy emocionado. Es un premio al esfuerzo de mi familia y mis maestros”.", "spanish"),
        # Japanese: "the said company", a surname alone with its title; Korean: "he", "meanwhile"
        (
            "\u540c\u793e\u306f\u6765\u6708\u3001\u65b0\u5de5\u5834\u3092\u958b\u304f\u3002",
            "japanese",
        ),
        ("\u6e21\u8fba\u6c0f\u306f\u5e02\u9577\u3092\u52d9\u3081\u305f\u3002", "japanese"),
        ("\uadf8\ub294 \uc774\ub0a0 \uc0ac\uc784\ud588\ub2e4.", "korean"),
        ("\ud55c\ud3b8 \uc2dc\uccad\uc740 \ub2e4\ub9ac\ub97c \ub2eb\uc558\ub2e4.", "korean"),
        ("\uc774\uc5b4 \uc2dc\uc7a5\uc740 \uc0ac\uacfc\ud588\ub2e4.", "korean"),
        ("Next up, the gardeners suggest a fern for the bathroom shelf.", "english"),
        ("Other good choices for a shady balcony are ferns and ivy.", "english"),
        ("The reviews of the new ferry have not been kind either.", "english"),
        ("\u201cDespite this, the fern is easy to care for,\u201d the gardener said.", "english"),
        # a quotation in single marks that neither closes nor names its speaker
        ("'I think we've done just enough to keep the ferry running all winter!", "english"),
    ],
)
def test_more_languages_and_quotation_ends_lean_back(sentence: str, language: str) -> None:
    assert dangles(sentence, language)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Олег Иванов вышел из машины на парковке.", "russian"),
        ('The mayor called the plan "a disgrace" on Monday.', "english"),
        ("O governador disse que o retorno é responsabilidade dos clubes.", "portuguese"),
        ("'We kept the ferry running all winter,' the skipper said on Monday.", "english"),
        ("'We kept the ferry running all winter', the skipper said on Monday.", "english"),
        # a full name with its title, and a Korean name, open a story on their own
        ("\u6e21\u8fba\u4e00\u90ce\u5e02\u9577\u306f\u8f9e\u4efb\u3057\u305f\u3002", "japanese"),
        ("\uc774\ubbfc\uc218 \uc2dc\uc7a5\uc740 \uc0ac\uc784\ud588\ub2e4.", "korean"),
    ],
)
def test_names_and_quotations_that_open_here_stand_alone(sentence: str, language: str) -> None:
    assert not dangles(sentence, language)


@pytest.mark.parametrize(
    "sentence",
    [
        "Si vous souhaitez aider l'hôpital dans sa mobilisation contre l'épidémie.",
        "If you want access, you need to be a subscriber and head over to the shop page.",
    ],
)
def test_offers_to_the_reader_are_unfit(sentence: str) -> None:
    assert not is_fit(sentence)


def test_hindi_is_refused_by_name_not_as_an_overlong_sentence() -> None:
    from bot.briefs import UnsupportedLanguage

    body = "जिले के बत्तीस केंद्रों पर बुधवार को गेहूं की खरीद शुरू हुई। " * 12
    with pytest.raises(UnsupportedLanguage, match="Hindi"):
        make_brief("गेहूं की खरीद शुरू", body)


def test_a_sentence_broken_across_paragraphs_is_put_back_together() -> None:
    from bot.briefs.cleaning import clean_body

    body = (
        "A 64-year-old swimmer who had been pulled from the lake on\n\n"
        "Sunday died in hospital on Monday, the police said.\n\n"
        "The hospital said she had a history of heart trouble\n\n"
        ". She was buried on Friday.\n\n"
        "The lake stays closed to swimmers until the end of the month."
    )
    assert clean_body(body).split("\n\n") == [
        "A 64-year-old swimmer who had been pulled from the lake on Sunday died in hospital on "
        "Monday, the police said.",
        "The hospital said she had a history of heart trouble. She was buried on Friday.",
        "The lake stays closed to swimmers until the end of the month.",
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Das gilt in kleinen Märkten wie z. B. in Kanada. Dort gibt es solche Fonds.",
            ("Das gilt in kleinen Märkten wie z. B. in Kanada.", "Dort gibt es solche Fonds."),
        ),
        (
            "Die Stiftung wurde vom Verein Tafelrunde e.V. gegründet. Sie fördert Projekte.",
            ("Die Stiftung wurde vom Verein Tafelrunde e.V. gegründet.", "Sie fördert Projekte."),
        ),
    ],
)
def test_german_abbreviations_do_not_end_sentences(text: str, sentences: tuple[str, ...]) -> None:
    assert tools("german").tokenizer.to_sentences(text) == sentences


def test_a_site_name_ending_in_com_is_not_a_broken_sentence() -> None:
    from bot.briefs.cleaning import clean_body

    body = "Stay up to date with the latest news from Harbour.com\n\nThe ferry sailed at noon."
    assert clean_body(body).split("\n\n")[-1] == "The ferry sailed at noon."


@pytest.mark.parametrize(
    "sentence",
    [
        "Könnten Sie den Fall bitte kurz schildern.",
        "Could you describe the case for our readers.",
        "Tageskarte Erwachsene: 34 Euro | Hier geht's zu allen Ticketpreisen.",
    ],
)
def test_interview_requests_and_ticket_links_are_unfit(sentence: str) -> None:
    assert not is_fit(sentence)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        (
            "Dann eiert die Münze in der Flugphase und landet häufiger auf derselben Seite.",
            "german",
        ),
        ("There are a dozen more whiskeys still aging in their barrels there.", "english"),
    ],
)
def test_then_and_there_lean_back(sentence: str, language: str) -> None:
    assert dangles(sentence, language)


@pytest.mark.parametrize(
    ("sentence", "language", "leans"),
    [
        ("Ist ihr Lebensraum zerstört, rücken die Tiere näher an den Menschen.", "german", True),
        ("In 2019, he left the company for a rival in Oslo.", "english", True),
        ("In his new job as chief executive, Mr Ghosn will split his time.", "english", False),
        ("Biden said his plan would cut costs for families.", "english", False),
        ("Many patients smoke cannabis to relieve their symptoms.", "english", False),
    ],
)
def test_a_pronoun_before_any_name_it_could_stand_for(
    sentence: str, language: str, leans: bool
) -> None:
    assert dangles(sentence, language) is leans


def test_an_interview_is_briefed_from_its_introduction() -> None:
    intro = [
        "The novelist Mara Lind has written a crime novel about a flooded harbour town.",
        "Her publisher of twenty years turned the manuscript down in March.",
        "Lind made the refusal public in an essay that was widely shared.",
    ]
    qa = [
        "Ms Lind, why did your publisher refuse the book?",
        "In the end the decision came down to two reasons, both about the harbour chapters.",
        "What were the two reasons?",
        "The first was the subject itself, which the editors found too close to home.",
        "Did that surprise you?",
        "It surprised me less than the second reason, which was about the tone of the book.",
        "Will you publish it elsewhere?",
        "A small press in the north has offered to print it next spring.",
    ]
    body = "\n".join(intro + qa)
    brief = make_brief("Interview with novelist Mara Lind", body, sentences=3)
    assert set(brief) <= set(intro)


def test_a_page_with_a_few_questions_is_not_an_interview() -> None:
    from bot.briefs.interviews import introduction

    body = (
        "The council approved the new bridge on Monday after a long debate.\n"
        "Will it be finished on time?\n"
        "Engineers say the work should take two years and cost ten million."
    )
    assert introduction("Council approves bridge", body) == body


def test_an_explainer_with_question_subheadings_is_briefed_from_its_first_answer() -> None:
    intro = ["Every autumn the harbour fair draws crowds to the old quay for a long weekend."]
    first = [
        "The fair opens on the second Friday of October and runs for three days.",
        "Stalls open at ten in the morning and the last ferry leaves at midnight.",
    ]
    later = [
        "What does a ticket cost?",
        "A day ticket costs eight euros and children under twelve go free.",
        "Where can visitors park?",
        "The council opens two fields behind the station as car parks for the weekend.",
        "Is there food on the quay?",
        "Fishmongers from the whole coast sell grilled sardines beside the lighthouse.",
    ]
    body = "\n".join([*intro, "When does the fair open?", *first, *later])
    brief = make_brief("Harbour fair 2025: when it opens and what it costs", body, sentences=3)
    assert set(brief) <= set(intro + first)
    assert set(brief) & set(first)


def test_an_interviewer_addressing_the_guest_is_unfit() -> None:
    assert not is_fit("Herr Helfrich, der Wasserstoff ist ein Schlüssel der Energiewende.")


def test_a_guide_is_briefed_from_its_introduction() -> None:
    intro = [
        "Rain barrels save a garden hundreds of litres of tap water every summer, and the "
        "water they catch is softer and warmer than what comes out of the tap.",
        "Connecting one to a downpipe takes an afternoon and no plumbing experience at all, "
        "which is why councils in dry regions now subsidise the kits.",
        "You need a barrel, a diverter kit that fits your pipe and a drill with a hole saw.",
    ]
    steps = [
        "Now drill a hole in the downpipe at the height of the barrel's top edge.",
        "Then push the diverter into the hole and screw it tight against the pipe.",
        "Finally connect the hose from the diverter to the barrel and open the valve.",
        "Check the seal after the first heavy rain and tighten the screws if it drips.",
        "Drill a second hole for an overflow if the barrel often fills to the top.",
    ]
    brief = make_brief("How to connect a rain barrel to a downpipe", "\n".join(intro + steps))
    assert set(brief) <= set(intro)


@pytest.mark.parametrize(
    "sentence",
    [
        "In diesem Blogbeitrag zeigen wir, wie man einen Feed einbettet.",
        "Das Magazin gibt Ihnen in diesem Artikel viele wertvolle Tipps.",
        "Welche Tasche zu welchem Anlass passt, zeigen wir euch hier.",
    ],
)
def test_a_post_announcing_itself_in_german_is_unfit(sentence: str) -> None:
    assert not is_fit(sentence)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Now, the museum is receiving help from a luxury group.", "english"),
        ("Konkret will der Konzern mehr Enzyme in der Produktion nutzen.", "german"),
    ],
)
def test_now_and_konkret_lean_back(sentence: str, language: str) -> None:
    assert dangles(sentence, language)


@pytest.mark.parametrize(
    ("language", "text", "sentences"),
    [
        (
            "polish",
            "Pierwszy rejs okrętu „Królowa” to wydarzenie. W kategoriach wojskowych to dużo.",
            ("Pierwszy rejs okrętu „Królowa” to wydarzenie.", "W kategoriach wojskowych to dużo."),
        ),
        (
            "german",
            "Es kamen ca. 500 Menschen zur Kundgebung. Sie blieb friedlich.",
            ("Es kamen ca. 500 Menschen zur Kundgebung.", "Sie blieb friedlich."),
        ),
    ],
)
def test_low_quotes_closing_high_and_more_abbreviations(
    language: str, text: str, sentences: tuple[str, ...]
) -> None:
    assert tools(language).tokenizer.to_sentences(text) == sentences


def test_a_sentence_restating_another_with_more_words_is_a_repeat() -> None:
    sentences = [
        "The author Michael Lewis said the founder never needed to understand crypto markets.",
        "Customers came to the exchange because it was the first built for big traders.",
        "Lewis, clearly amused, said in the end that the founder never needed to understand "
        "crypto markets at all.",
    ]
    needs = Needs(sentences, "Lewis on the exchange", "english")
    assert needs.repeats(2, {0})
    assert not needs.repeats(1, {0})


def test_a_sentence_carrying_a_long_run_of_anothers_words_is_a_repeat() -> None:
    sentences = [
        "These ferry fares will keep rising until the day the new bridge opens to traffic.",
        "Ferries are here to stay on the islands, whatever the council decides this year.",
        "Island life depends on the boats, and fares will keep rising until the day the new "
        "bridge opens to traffic.",
        # A long name in common is no repeat.
        "Long before the vote, councillors began touring the early harbour towns of Kell, "
        "Norby, Rosk and Vale by boat.",
        "The first chart counts the visits to the harbour towns of Kell, Norby, Rosk and Vale.",
    ]
    needs = Needs(sentences, "Six things the ferry line must stop doing", "english")
    assert needs.repeats(2, {0})
    assert not needs.repeats(1, {0})
    assert not needs.repeats(4, {3})


@pytest.mark.parametrize(
    ("language", "first", "again"),
    [
        (
            "english",
            # A standfirst and the lead retold in other words: many content words in common.
            "The harbour council is seeking an emergency budget to keep the island ferries "
            "running through the winter, amid concerns over rising fuel costs.",
            "The harbour council is looking to pass emergency spending that keeps the island "
            "ferries running, as fuel costs rise through the coming winter months.",
        ),
        (
            # Few words each, half of them shared: the same news twice.
            "norwegian",
            "Mannen falt fra taket fredag kveld.",
            "Mannen skal ha falt fra taket.",
        ),
    ],
)
def test_a_lead_retelling_the_standfirst_is_a_repeat(language: str, first: str, again: str) -> None:
    other = {
        "english": "Ticket prices stay the same until March, the council said on Monday.",
        "norwegian": "Politiet kom til stedet etter noen minutter.",
    }[language]
    needs = Needs([first, again, other], "", language)
    assert needs.repeats(1, {0})
    assert not needs.repeats(2, {0})


def test_a_surname_after_an_opening_phrase_or_a_middle_initial_needs_its_introduction() -> None:
    sentences = [
        "A study led by biologist Darla Holm of the Kell Institute found that gulls smell fish.",
        "To explore how smell shaped the birds, Holm and her colleagues measured 150 skulls.",
        "The harbour lawyer, Carter G. Rosk, argued the case for the island on Monday.",
        "Rosk said the ferry law was never meant to bind the islands.",
        "The court will rule in June.",
    ]
    needs = Needs(sentences, "Gulls smell fish, study finds", "english")
    assert needs.unmet(1, set()) == 0
    assert needs.unmet(3, set()) == 2
    assert needs.unmet(4, set()) is None


def test_a_surname_only_mentioned_in_a_chosen_line_still_needs_its_introduction() -> None:
    # Real page: "Maria Colomy … recalled Hale as …" does not say who Hale is, so it does
    # not introduce "Hale's first day" either.
    full = "Police said the driver, identified as Nora Whitcombe, had no licence."
    mention = "A neighbour, Ann Lowe, said she had often seen Whitcombe by the square."
    possessive = "Whitcombe\u2019s car was found two streets away from the square on Sunday."
    needs = Needs(
        ["A car hit the market stalls in the town square on Saturday.", full, mention, possessive],
        "Car hits market stalls",
        "english",
    )
    assert needs.unmet(3, {2}) == 1
    assert needs.unmet(3, {1, 2}) is None


def test_a_sentence_leaning_on_a_refused_question_is_never_taken() -> None:
    # Real page: "Megan replied: …" and "Another joked: …" each after a line the brief may not
    # show (a question, a hashtag), so the candidate before them is not what they answer.
    body = (
        "The harbour at Kell reopened on Monday after three weeks of repairs to its north wall. "
        "Crews replaced two hundred metres of stone damaged in the January storms.\n\n"
        "Has the harbour ever been closed this long before? "
        "It has, in 1953, when a storm surge broke the same wall, the harbour master said.\n\n"
        "The repairs cost the province four million euros, paid from its storm fund."
    )
    found = candidates("Kell harbour reopens", body, "english")
    stranded = found.index(
        "It has, in 1953, when a storm surge broke the same wall, the harbour master said."
    )
    assert found.after_gap == frozenset({stranded})
    needs = Needs(found, "Kell harbour reopens", "english", after_gap=found.after_gap)
    assert needs.unmet(stranded, set(range(stranded))) == stranded
    assert needs.unmet(stranded + 1, set(range(stranded))) is None


def test_the_reported_thing_comes_with_the_sentence_that_reported_it() -> None:
    # Real page: "The reported Pentagon memo considering steps …" with the memo introduced
    # three sentences before, in the line a brief left out.
    report = "The council may close the north pier for good, according to a harbour memo."
    needs = Needs(
        [
            report,
            "The pier was built in 1911 and repaired twice since the storms of 1953.",
            "Fishing crews use it every morning to land their catch at Kell.",
            "The reported memo follows a year of complaints from the ferry operators.",
        ],
        "What is the north pier?",
        "english",
    )
    assert needs.unmet(3, {1, 2}) == 0
    assert needs.unmet(3, {0}) is None


def test_there_at_the_start_of_a_german_sentence_leans_back() -> None:
    assert dangles("Dort liegt Österreich mit elf Litern pro Kopf im Spitzenfeld.", "german")


def test_a_podcast_transcript_is_briefed_from_its_introduction() -> None:
    intro = [
        "Reported infections in the country now double about every three days, say officials.",
        "This week the health ministry asked regulators to shorten the approval of vaccines.",
        "We talk about both with the virologist Anna Berg of the city's university hospital.",
    ]
    turns = [
        "Tom Lake: Anna, how fast can a vaccine be approved without cutting corners?",
        "Anna Berg: We can shorten the paperwork, but not the trials themselves, I think.",
        "Tom Lake: And what does that mean for the winter that is coming now?",
        "Anna Berg: It means we plan for a winter without a vaccine and hope to be surprised.",
        "Tom Lake: Thank you, and see you next week on the programme.",
        "Anna Berg: Thank you, it was a pleasure as always to talk about this.",
    ]
    brief = make_brief("Coronavirus update, episode 16", "\n".join(intro + turns))
    assert set(brief) <= set(intro)


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        (
            "Ein Quantensprung für den Nordpark : 06.11.2023, 11.41 Uhr",
            "Ein Quantensprung für den Nordpark",
        ),
        ("Storm floods the harbour road - 2 March 2024", "Storm floods the harbour road"),
        ("Gaza : les tunnels sous la ville", "Gaza : les tunnels sous la ville"),
        ("Budget 2024: what changes for renters", "Budget 2024: what changes for renters"),
    ],
)
def test_a_time_stamp_after_the_headline_is_decoration(title: str, clean: str) -> None:
    from bot.sources.headlines import strip_decoration

    assert strip_decoration(title) == clean


@pytest.mark.parametrize(
    "sentence",
    [
        ": In acht Wochen ist Weihnachten und alle Drucke stehen zum Verkauf.",
        "Berlin \u2013 Jetzt noch anmelden und bequem von Zuhause am Forum teilnehmen.",
        "Information and registration online: https://www.example.org/forum/.",
        "Ann Lee/Instagram She also shared a photo of the four of them at the lake.",
        "19:39 (IST) Live score: the bowler is on a hat-trick after two wickets.",
    ],
)
def test_cut_pieces_sign_up_links_glued_credits_and_live_stamps_are_unfit(
    sentence: str,
) -> None:
    assert not is_fit(sentence)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Zum Vergleich: Die Schweiz belegt Platz vier der reichsten Länder.", "german"),
        ("By comparison, the neighbouring county spent twice as much on roads.", "english"),
    ],
)
def test_comparisons_lean_back(sentence: str, language: str) -> None:
    assert dangles(sentence, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "به گزارش خبرگزاری، رئیس سازمان بورس گفت که بازار سرمایه باید شفاف باشد و کار کند",
            "Persian",
        ),
        (
            "پاکستان کے وزیر اعظم نے کہا ہے کہ حکومت معیشت کو بہتر بنانے کے لیے کام کر رہی ہے",
            "Urdu",
        ),
        ("قال الرئيس إن الحكومة ستعمل على تحسين الاقتصاد في العام المقبل من خلال خطة جديدة", None),
    ],
)
def test_persian_and_urdu_are_named_arabic_is_briefed(text: str, language: str | None) -> None:
    from bot.briefs import unbriefable_language

    assert unbriefable_language(text) == language


@pytest.mark.parametrize(
    "sentence",
    [
        "En remplissant ce formulaire vous pourrez être inscrit à notre liste de diffusion.",
        "You can unsubscribe at any time with the link at the end of every email.",
        "Preis: ab ca. 8,99 Euro für die Köder und 8,95 Euro für die Dips.",
    ],
)
def test_mailing_list_furniture_and_price_labels_are_unfit(sentence: str) -> None:
    assert not is_fit(sentence)


def test_a_newsletter_in_the_news_stays_fit() -> None:
    assert is_fit("In a newsletter to clients, the bank said rates would fall in spring.")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Движение по новому участку кольцевой автодороги открывается в понедельник, "
            "сообщили в госкомпании, которая строит дорогу.",
            "russian",
        ),
        (
            # Ukrainian text: its letters look Latin to ruff's confusable check.
            "Рух новою ділянкою кільцевої дороги відкривається в понеділок, повідомили в "  # noqa: RUF001
            "компанії, яка будує дорогу.",
            "ukrainian",
        ),
        (
            "De melding werd om elf uur verzonden naar een ambulance in de regio. Den Haag is "
            "een plaats in de provincie en de brandweer werd ook gealarmeerd voor de brand.",
            "dutch",
        ),
    ],
)
def test_a_page_with_no_language_is_read_by_its_alphabet_and_words(
    text: str, language: str
) -> None:
    from bot.briefs import detect_language

    assert detect_language(text, None, "english") == language


def test_a_photo_caption_marked_with_a_triangle_is_unfit() -> None:
    assert not is_fit("\u25b24일 시청에서 특별모금 성금 전달식이 열렸다.")
    assert not is_fit("왼쪽부터 시장, 체육회 회장, 공동모금회 회장.")
    assert not is_fit("From left, the mayor, the club's chairman and the charity's director.")
    assert is_fit("4일 시청에서 특별모금 성금 전달식이 열렸다.")


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Certains itinéraires se retrouvaient donc avec moins de cinquante élèves.", "french"),
        ("The council therefore cancelled the second vote on the bridge.", "english"),
        ("Il comune ha quindi rinviato il voto sul ponte alla prossima settimana.", "italian"),
        ("Der Rat hat die Abstimmung deshalb auf die nächste Woche verschoben.", "german"),
    ],
)
def test_a_conclusion_drawn_from_what_came_before_leans_back(sentence: str, language: str) -> None:
    assert dangles(sentence, language)


@pytest.mark.parametrize(
    "sentence",
    [
        "Find a group that is meeting in the area you are staying, and pick your goal.",
        "Take your time and compare the offers before you book anything.",
        "Achten Sie darauf, dass der Reifen richtig in der Felge sitzt.",
    ],
)
def test_advice_to_the_reader_is_unfit(sentence: str) -> None:
    assert not is_fit(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Use of force by the police is under review after the protest.",
        "Book sales rose by a tenth in the first half of the year.",
        "Check fraud has fallen since banks stopped issuing paper cheques.",
    ],
)
def test_nouns_that_look_like_orders_stay_fit(sentence: str) -> None:
    assert is_fit(sentence)


def test_damals_at_the_start_and_the_video_below_in_german() -> None:
    assert dangles(
        "Damals habe ich erlebt, wie die Netzwerke die Vermarktung übernahmen.", "german"
    )
    assert not is_fit("Welche Drohne verwendet wurde, zeigt das nachfolgende Video.")


def test_a_spanish_page_declared_english_is_read_as_spanish() -> None:
    from bot.briefs import detect_language

    text = (
        "Tras la intensificación de ataques a periodistas en el país, que ha llevado a algunos "
        "a exiliarse, y la aprobación de una ley que castiga a quienes hagan cobertura de las "
        "pandillas, el presidente de la Asamblea exigió a los periodistas que se vayan. Desde "
        "la tarima legislativa dijo que la prensa no tiene nada que hacer en el edificio y que "
        "los diputados no van a responder a preguntas de medios que considera enemigos."
    )
    assert detect_language(text, "en", "english") == "spanish"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Turkish Airlines oplyste, at selskabet havde indgået en aftale med Boeing om en "
            "erstatning. De andre aftaler får analytikeren til at forvente, at Norwegian snart "
            "kan fortælle, at der er indgået en aftale, og det er ikke sket endnu.",
            "danish",
        ),
        (
            "Turkish Airlines opplyste at selskapet hadde inngått en avtale med Boeing om en "
            "erstatning. De andre avtalene får analytikeren til å forvente at Norwegian snart "
            "kan fortelle at det er inngått en avtale, og det er ikke skjedd ennå.",
            "norwegian",
        ),
    ],
)
def test_danish_and_norwegian_are_told_from_swedish_and_each_other(
    text: str, language: str
) -> None:
    from bot.briefs import detect_language

    assert detect_language(text, None, "english") == language


# Lines modelled on fundus's held-out pages whose briefs leaned on a left-out sentence in
# ways no rule reads: "Verschiebungen sind kaum möglich." after the line that said what is
# being moved, a Polish "podkreślił" whose subject was in the sentence before.
_GERMAN_STRIKE = [
    "Die Gewerkschaft Verdi hat für Montag einen Warnstreik im Nahverkehr in Kell angekündigt.",
    "Busse und Straßenbahnen sollen den ganzen Tag in den Depots bleiben.",
    "Die Stadtwerke raten Pendlern, auf das Fahrrad oder Fahrgemeinschaften umzusteigen.",
    "Verschiebungen sind kaum möglich, denn der Streik trifft Busse, Bahnen und Schulbusse.",
    "Auch die Schulbusse fahren nicht, der Streik trifft Busse und Bahnen gleichermaßen.",
    "Der Streik trifft Busse und Bahnen, weil Verdi mehr Lohn für Busse und Bahnen will.",
]
_POLISH_TALKS = [
    "Minister spraw zagranicznych Jan Kowal spotkał się we wtorek z ambasadorem Niemiec.",
    "Rozmowa dotyczyła budowy nowego mostu na Odrze i finansowania inwestycji.",
    "Obie strony zapowiedziały kolejne spotkanie w przyszłym miesiącu w Berlinie.",
    "Podkreślił, że most na Odrze to inwestycja ważna dla obu krajów i dla regionu.",
    "Most na Odrze ma połączyć dwa kraje, a inwestycja w most ma ruszyć w przyszłym roku.",
    "Finansowanie mostu na Odrze ma pochodzić z budżetu obu krajów i z funduszy unijnych.",
]


@pytest.mark.parametrize(
    ("title", "article", "language"),
    [
        ("Warnstreik in Kell", _GERMAN_STRIKE, "german"),
        ("Rozmowy o moście", _POLISH_TALKS, "polish"),
    ],
)
def test_outside_english_a_brief_is_the_lead_in_the_writers_order(
    title: str, article: list[str], language: str
) -> None:
    # The later lines share the most words with the rest, so a ranked brief takes them; each
    # leans on a line before it that no rule of that language reads.
    assert _brief(title, article, language) == tuple(article[:3])


def test_outside_english_the_lead_skips_a_line_that_repeats_an_earlier_one() -> None:
    article = [
        "Die Stadt Kell baut bis zum Sommer eine neue Brücke über den Hafen.",
        "Die Stadt Kell baut bis zum Sommer eine neue Brücke über den Hafen, sagte sie.",
        *_GERMAN_STRIKE[:2],
    ]
    assert _brief("Brücke in Kell", article, "german") == (article[0], *_GERMAN_STRIKE[:2])


def test_outside_english_the_lead_passes_over_a_first_line_that_leans() -> None:
    # A real page lost its teaser to cleaning and the brief opened "Auch Herbert Grönemeyer
    # gehört zu den Unterstützern.", with no word of what he supports.
    article = [
        "Auch der Hafenmeister gehört zu den Unterstützern des neuen Fahrplans.",
        *_GERMAN_STRIKE[:3],
    ]
    assert _brief("Warnstreik in Kell", article, "german") == tuple(_GERMAN_STRIKE[:3])


def test_outside_english_the_lead_passes_over_a_two_line_teaser_that_leans() -> None:
    # Real page: a teaser "Er galt als … / Auch sein Privatleben …" above the article,
    # the name it leans on only in the title.
    article = [
        "Er galt als strengster Hafenmeister der ganzen Küste.",
        "Auch sein Privatleben sorgte immer wieder für Gesprächsstoff.",
        *_GERMAN_STRIKE[:3],
    ]
    assert _brief("Warnstreik in Kell", article, "german") == tuple(_GERMAN_STRIKE[:3])


def test_a_short_article_carried_twice_on_its_page_is_briefed_once() -> None:
    # A blog post and its teaser, the same sentence with other quotes and "Sa" for "Samstag".
    first = (
        'Unter dem Titel "Häfen im Wandel" lädt der Verein am Samstag, 31. Januar, zwischen 10 '
        "und 17 Uhr ins Rathaus von Kell zu seiner Jahrestagung, an der auch Anna teilnimmt."
    )
    second = (
        "Unter dem Titel \u201eHäfen im Wandel\u201c lädt der Verein am Sa, dem 31. Januar, "
        "zwischen 10 und 17 Uhr ins Rathaus von Kell zu seiner Jahrestagung, an der ich teilnehme."
    )
    assert _brief("Jahrestagung in Kell", [first, second], "german") == (first,)


@pytest.mark.parametrize(
    "first",
    [
        "Das Hafenfest in Kell ist eines der großen Feste an der Küste.",
        "Diese Woche entscheidet der Stadtrat von Kell über den neuen Fahrplan.",
        "Es war bereits der dritte Warnstreik im Nahverkehr von Kell in diesem Jahr.",
    ],
)
def test_outside_english_a_first_line_opening_on_an_article_is_kept(first: str) -> None:
    article = [first, *_GERMAN_STRIKE[:3]]
    assert _brief("Warnstreik in Kell", article, "german")[0] == first


def test_a_first_line_that_opens_on_a_pronoun_is_never_taken_in_english() -> None:
    # A real brief opened "He will be reading out a speech …": the line naming him was a
    # heading the page lost. What leans on that first line is left out with it.
    article = [
        "He will read out the speech written by the new council, setting out its plans.",
        "It was the first such speech in the harbour town of Kell for fourteen years.",
        "The new council will focus on the ferry, the pier and the harbour school, it said.",
        "The ferry to Norby will run all winter from next year, the council said.",
        "The pier will be repaired before the summer, at a cost of two million crowns.",
        "The harbour school will get a new roof and two more teachers in the autumn.",
    ]
    brief = _brief("Kell council sets out its plans", article)
    assert article[0] not in brief
    assert article[1] not in brief


def test_short_sentences_listing_in_parallel_count_as_one() -> None:
    # A list told in prose: the brief takes one of its items, not three.
    candidates = [
        "The new ferry app is free in both app stores and works offline on the boats.",
        "You can search a ferry.",
        "You can search a pier.",
        "You can search a departure time.",
    ]
    needs = Needs(candidates, "A new ferry app", "english")
    assert needs.repeats(2, {1}) and needs.repeats(3, {1})
    assert not needs.repeats(1, {0})


def test_a_brief_in_order_passes_over_a_line_leaning_on_a_refused_one() -> None:
    body = (
        "Der Stadtrat hat am Montag den Bau einer neuen Fähre für die Insel Kell beschlossen.\n\n"
        "Die Fähre soll ab dem Sommer zweimal täglich zwischen Hafen und Insel verkehren.\n\n"
        "Wer soll das bezahlen?\n\n"
        "Damit soll sich nun der Landtag in seiner nächsten Sitzung befassen.\n\n"
        "Die Kosten für das Schiff liegen nach Angaben der Stadt bei rund vier Millionen Euro."
    )
    brief = make_brief("Neue Fähre für Kell", body, language="german")
    assert not any(line.startswith("Damit") for line in brief)
    assert brief[-1].startswith("Die Kosten")
