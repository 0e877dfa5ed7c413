"""Issue 18, eighth round: patterns found on saved pages of htmldate's and newspaper4k's test
corpora. Every text here is invented."""

# Chinese, Japanese, Greek and Turkish texts use letters and punctuation that look like ASCII.
# ruff: noqa: RUF001

from __future__ import annotations

import httpx
import pytest
from http_server import LocalHTTPServer

from bot.briefs import detect_language, make_brief, placeholder_text, split_sentences
from bot.briefs.coherence import Needs
from bot.briefs.dangling import dangles, opens_on_reference
from bot.briefs.fitness import is_fit


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("In fact, the ferry company still believes in night crossings.", "english"),
        ("After all, the pier was built for smaller boats.", "english"),
        ("The previous law had no limit on ferry fares.", "english"),
        # a pronoun subject after two opening phrases
        (
            "Today, in a long new report published by the Kell Harbour Trust, he brings a new "
            "warning about the north pier.",
            "english",
        ),
        # German puts the verb second and the pronoun subject after it
        ("Mitte November wird sie das Amt des Hafenmeisters übernehmen.", "german"),
        ("Seit 2017 ist er Mitglied im Vorstand der Fährgesellschaft.", "german"),
    ],
)
def test_more_sentences_that_lean_on_the_one_before(sentence: str, language: str) -> None:
    assert dangles(sentence, language)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("In 2019, after the storm, the council rebuilt the pier.", "english"),
        ("Mitte November wird die Fähre wieder fahren.", "german"),
        ("Seit 2017 ist Anna Berg Mitglied im Vorstand der Fährgesellschaft.", "german"),
    ],
)
def test_openers_that_stand_alone_still_do(sentence: str, language: str) -> None:
    assert not dangles(sentence, language)


def test_a_german_pronoun_after_the_verb_opens_on_a_reference() -> None:
    # The test a lead in the writer's order makes to pass over its first line.
    assert opens_on_reference("Mitte November wird sie das Amt übernehmen.", "german")
    assert not opens_on_reference("Mitte November wird die Fähre wieder fahren.", "german")


def test_a_surname_after_mr_is_no_introduction_of_it() -> None:
    # "Mr Berg" names no one in full: a later "Berg said" still needs "Douglas Berg".
    sentences = [
        "Opposition leader Douglas Berg said the pier survey must be published at once.",
        "Mr Berg spoke to reporters outside the harbour office on Monday.",
        "Berg said the harbour master misled the council last week.",
    ]
    needs = Needs(sentences, "Harbour master accused over pier survey", "english")
    assert needs.unmet(2, {1}) == 0


@pytest.mark.parametrize(
    "sentence",
    [
        "Please activate JavaScript in your browser to use all interface options.",
        "Stay informed about the storm warnings and closures across the coast.",
        "Stay updated with the Kell Courier to get live score updates of the regatta.",
        "Hello and welcome to the live coverage of the third race of the regatta.",
        "Estimado lector, muchas gracias por su interés en nuestras notas.",
        "Hemos incorporado el registro con el objetivo de mejorar la información.",
        "Rendez-vous sur ce site pour remplir un formulaire.",
        "Die folgenden Beiträge und Videos zeigen, wie es gemacht wird.",
        "Das ist der Grund.",
        "Here's why.",
        "To view the full story, please subscribe to the Kell Courier.",
        "When you join the Courier family, you'll get unlimited digital access to our reporting.",
        "Dieser Beitrag enthält Werbung für Kell Bademoden.",
        "Fülle jetzt unseren Bewerbungsbogen aus, um dein Paket zu erhalten.",
        "Genauere Informationen findest Du weiter unten auf der Seite.",
        "Seien Sie offen für alle Fragen Ihrer Tochter.",
        "Das Coaching der Kasse hilft Ihnen dabei, Ihre Ernährung umzustellen.",
        "Ob Ihr nun arbeiten müsst oder nicht; wir wünschen in jedem Fall einen guten Dienstag.",
        "Just in case you haven't seen the ferry advert yet (it's a cracker!)",
        "If you see a topic that doesn't seem right, flag it below and we'll take a look.",
        "Your PDF has successfully downloaded.",
        "All charts include embed codes so that anyone can use our charts on their own sites.",
        "Sichert euch jetzt 20% Rabatt auf die erste Bestellung mit unserem Code!",
        "La suite de cet article est réservée aux abonnés.",
        "Il vous reste 80% de cet article à lire.",
        "Dieser Artikel ist nur für Digital-Abonnenten verfügbar.",
        "This story is available to paying subscribers only.",
        "Este contenido es exclusivo para suscriptores.",
        "This website uses cookies to improve your experience.",
        "Diese Website verwendet Cookies, um Ihnen den bestmöglichen Service zu bieten.",
        "Auf unserer Website nutzen wir neben technischen Cookies auch optionale Cookies.",
        "Weitere Details finden Sie in unserer Datenschutzerklärung.",
        "Die Einwilligung ist freiwillig.",
    ],
)
def test_site_notices_and_teaser_promises_are_unfit(sentence: str) -> None:
    assert not is_fit(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The ferry stayed informed about the storm by radio.",
        "That is why the ferry stayed in port, the captain said.",
        "Der Kapitän nannte das den Grund für die Verspätung.",
        "The Courier said subscribers to its print edition fell by a tenth last year.",
    ],
)
def test_news_that_looks_like_a_notice_stays_fit(sentence: str) -> None:
    assert is_fit(sentence)


def test_a_text_in_latin_letters_declared_russian_is_read_for_what_it_is() -> None:
    text = (
        "The harbour company is a responsible user of the coast, strictly observing all of "
        "its licence commitments. Under the law, the dredging of the channel is subject to a "
        "licence, and such a licence is issued by the harbour board for a number of years."
    )
    assert detect_language(text, "ru", "russian") == "english"
    assert detect_language(text, "ru", "english") == "english"
    # A Russian text declared Russian stays Russian.
    assert detect_language("Паром снова ходит в Кель. " * 5, "ru", "english") == "russian"


def test_a_latin_names_exclamation_mark_inside_japanese_text_ends_no_sentence() -> None:
    text = "港社は「Kell!広告」の配信を7月から始めると発表した。料金は据え置く。本当?はい。"
    assert split_sentences(text, "japanese") == [
        "港社は「Kell!広告」の配信を7月から始めると発表した。",
        "料金は据え置く。",
        "本当?",
        "はい。",
    ]


def test_an_age_in_brackets_glued_to_initials_ends_no_sentence() -> None:
    text = (
        "Bilgiye göre, sobadan zehirlenen A.K.T.(11) ve kardeşi M.K.T.(8) hastaneye "
        "kaldırıldı. Olay akşam yaşandı."
    )
    assert len(split_sentences(text, "turkish")) == 2


def test_a_sentence_with_a_lost_letter_is_unfit() -> None:
    assert not is_fit("The ferry captain Pedro S\ufffdnchez said the pier would reopen.")


def test_a_chinese_lead_repeated_after_a_tortoise_shell_byline_is_briefed_once() -> None:
    lead = "港城今天下午公佈今年渡輪新航線，港務局透露，本期新增航線為十八條。"
    body = "\n".join(
        [
            lead,
            "\u3014記者王小明\uff0f港城報導\u3015" + lead[:-1] + "；夜間航線則為十四條。",
            "新航線將於下月一日起開始營運，票價維持不變。",
            "港務局表示，將視乘客人數調整班次。",
        ]
    )
    brief = make_brief("港城新增渡輪航線", body, language="chinese")
    assert not any("\u3014" in sentence for sentence in brief)
    assert sum(sentence.startswith("港城今天下午") for sentence in brief) == 1


def test_a_spaced_guillemet_opens_the_next_sentence_not_the_last() -> None:
    assert split_sentences("Le maire a parlé. « Nous reconstruirons », a-t-il dit.", "french") == [
        "Le maire a parlé.",
        "« Nous reconstruirons », a-t-il dit.",
    ]


def test_a_quotation_opening_in_lower_case_after_an_abbreviation_ends_no_sentence() -> None:
    text = (
        "Σύμφωνα με την ανακοίνωση της ΕΛ.ΑΣ. «σήμερα συνελήφθη ο δράστης στο λιμάνι.» "
        "Η έρευνα συνεχίζεται."
    )
    assert len(split_sentences(text, "greek")) == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "Publishers: the harbour songs catalogue and two smaller firms, adm by Kell Music.",
        "\u25a0 港駅の目の前、徒歩5分とアクセス抜群。",
        "港の中心部からスタートするお部屋さがしに便利！",
    ],
)
def test_credits_bullets_and_cjk_slogans_are_unfit(sentence: str) -> None:
    assert not is_fit(sentence)


def test_a_wire_services_running_story_is_briefed_from_its_first_item() -> None:
    body = "\n".join(
        [
            "KELL -- The harbour master says the north pier will reopen in January after repairs.",
            "She said the work will cost 2 million euros and that ferries will run as before.",
            "___",
            "HERE'S WHAT ELSE IS HAPPENING:",
            "ROSK -- The Rosk council voted to close two schools on the island next year, citing "
            "falling pupil numbers across the whole district.",
            "Parents said they would appeal against the decision to the regional court.",
            "MARSH -- A storm cut power to three thousand homes in Marsh overnight, the utility "
            "said on Monday morning.",
        ]
    )
    brief = make_brief("The Latest: Kell pier to reopen in January", body)
    assert brief and all("Rosk" not in s and "Marsh" not in s for s in brief)


def test_a_count_after_a_dash_in_the_title_announces_a_list() -> None:
    from bot.briefs.items import first_item

    intro = "The ferry's new advert went out on Monday and people had a lot to say about it online."
    items = [
        "Honestly the ferry advert is the best thing on television this winter, by far.",
        "My grandmother watched the ferry advert four times and then booked a crossing.",
        "Nobody expected a ferry company to make the whole country cry before Christmas.",
        "I have now seen the ferry advert more often than my own family this month.",
        "The dog in the ferry advert deserves an award and a lifetime of free crossings.",
    ]
    body = "\n".join([intro, *items])
    cut = first_item("Kell ferry advert wins hearts - 5 favourite responses", body)
    assert "Honestly" in cut and "grandmother" not in cut


LOREM = (
    "Dolor ipsam et est cumque. Laboriosam sed delectus rerum sint qui natus tenetur ea. "
    "Tenetur debitis aspernatur sapiente iure. Esse voluptatem eos sequi quia. Repellat odio "
    "libero et aliquam dicta. Voluptatem blanditiis iure numquam. Sint veritatis quia sunt non "
    "officia sapiente ipsam omnis. Quod repellat ipsa iure et laborum exercitationem."
)


def test_lorem_ipsum_filler_is_refused_as_not_an_article() -> None:
    from bot.errors import UserFacingError
    from bot.pipeline import validate
    from bot.sources.extract import NotAnArticle, extract_article
    from bot.storage.articles import ArticleDraft

    assert placeholder_text(LOREM)
    html = (
        "<!doctype html><html lang='de'><head><title>Kinderfest am Hafen</title></head>"
        f"<body><article><h1>Kinderfest am Hafen</h1><p>{LOREM}</p><p>{LOREM}</p></article>"
        "</body></html>"
    )
    with pytest.raises(NotAnArticle, match="placeholder text"):
        extract_article(html, "https://www.bay.example/2025/04/kinderfest")
    with pytest.raises(UserFacingError, match="placeholder text"):
        validate(ArticleDraft("Kinderfest am Hafen", LOREM))


@pytest.mark.parametrize(
    "text",
    [
        # Italian, Spanish and French share "a", "in", "non", "est", "qui" with the filler.
        "Il sindaco non ha detto quando la nave tornerà in porto, ma ha promesso una risposta "
        "entro la fine del mese a tutti gli abitanti dell'isola che aspettano da anni.",
        "Le maire est celui qui a promis une réponse avant la fin du mois à tous les habitants "
        "de l'île qui attendent depuis des années le retour du bac au port de Kell.",
    ],
)
def test_real_text_in_romance_languages_is_no_placeholder(text: str) -> None:
    assert not placeholder_text(text)


@pytest.mark.parametrize(
    ("sentence", "fit"),
    [
        ("Was ist denn DA los?!", False),
        ("Un vent à décorner les vaches bretonnes !", False),
        ("Tickets for the ferry sold out in minutes!", False),
        ('"We sailed at last!" the captain shouted from the bridge.', True),
        ("\u201cWe won!\u201d", True),
        ("Kell (dpo) - Der Hafen ist in Gefahr!", True),
        ("The ferry sailed on Monday after nine days of storms kept it in the harbour!", True),
    ],
)
def test_a_writers_hook_is_unfit_a_quoted_cry_is_not(sentence: str, fit: bool) -> None:
    assert is_fit(sentence) is fit


def test_a_closing_quote_before_a_comma_stays_with_its_quotation() -> None:
    text = (
        'Kell (dpo) - Der Hafen ist gesperrt. "Alle Boote müssen sofort zurückkehren!", '
        "erklärt der Hafenmeister. Danach war Ruhe."
    )
    assert split_sentences(text, "german") == [
        "Kell (dpo) - Der Hafen ist gesperrt.",
        '"Alle Boote müssen sofort zurückkehren!", erklärt der Hafenmeister.',
        "Danach war Ruhe.",
    ]


@pytest.mark.parametrize(
    ("sentence", "language", "leans"),
    [
        ("Ma il sindaco non ha risposto alle domande dei giornalisti.", "italian", True),
        ("Il sindaco ha risposto alle domande dei giornalisti.", "italian", False),
        ("Maar de burgemeester wilde niet reageren op de vragen.", "dutch", True),
        ("De burgemeester wilde niet reageren op de vragen.", "dutch", False),
        ("Jednak burmistrz nie odpowiedział na pytania.", "polish", True),
        ("Burmistrz nie odpowiedział na pytania.", "polish", False),
        ("Men borgmästaren svarade inte på frågorna.", "swedish", True),
        ("De nya reglerna börjar gälla i januari.", "swedish", False),
        ("Derfor svarede borgmesteren ikke på spørgsmålene.", "danish", True),
        ("Det nye år begynder med storm over havnen.", "danish", False),
    ],
)
def test_connectives_and_pronouns_in_more_languages(
    sentence: str, language: str, leans: bool
) -> None:
    assert dangles(sentence, language) is leans


def test_a_lead_retold_with_seven_words_in_common_repeats_it() -> None:
    sentences = [
        "Anna Berg vanished in Kell in the early hours of Sunday morning, November 3, 2013, "
        "after leaving a nightclub.",
        "Anna Berg, from Kell, was 23 when she disappeared after leaving Styx nightclub in the "
        "town shortly after 2am on Sunday November 3, 2013.",
        "Her father has now given up hope of finding her alive.",
    ]
    assert Needs(sentences, "Father gives up hope", "english").repeats(1, {0})


# --- found on the final draw's pages, after its one reading -----------------------------------


def test_french_guillemets_and_monsieur_end_no_sentence() -> None:
    text = (
        "« Vous combattrez, dira la pierre : ô musulman ! Voici un homme caché derrière moi. » "
        "Pour ce message, l'imam a été condamné. Le texte émane de M. Petit, président du "
        "port de Kell."
    )
    assert split_sentences(text, "french") == [
        "« Vous combattrez, dira la pierre : ô musulman ! Voici un homme caché derrière moi. »",
        "Pour ce message, l'imam a été condamné.",
        "Le texte émane de M. Petit, président du port de Kell.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Blog : Petits papiers, grandes histoires..",
        "The following table lists all contributions to the harbour campaign in September.",
        "Berg: Ein britisches „Hass-Duell“!",
    ],
)
def test_a_blog_label_a_table_pointer_and_a_crosshead_are_unfit(sentence: str) -> None:
    assert not is_fit(sentence)


async def test_a_page_whose_text_is_all_furniture_is_refused_as_no_article_text(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    from bot.config import load_settings
    from bot.errors import UserFacingError
    from bot.pipeline import validate
    from bot.sources.extract import NotAnArticle
    from bot.sources.links import article_from_link
    from bot.storage.articles import ArticleDraft

    appeals = [
        "Sign up for our newsletter to get the best of the harbour news in your inbox.",
        "Support independent journalism in Kell by becoming a member of the Courier today.",
        "Share this article with your friends and family on the social networks you use.",
        "Follow us on Telegram for every update from the harbour, the ferries and the pier.",
        "Thank you for reading the Kell Courier, the island's paper since eighteen ninety.",
        "Subscribe to the Courier's morning briefing for the day's news from the island.",
    ]
    paragraphs = "".join(f"<p>{line}</p>" for line in appeals)
    http_server.route(
        "/news/teasers",
        "<html lang='en'><head><title>Kell Courier news</title></head><body><article>"
        f"<h1>Kell Courier news</h1>{paragraphs}</article></body></html>",
        content_type="text/html; charset=utf-8",
    )
    with pytest.raises(NotAnArticle, match="no article text found on the page"):
        await article_from_link(http_client, load_settings({}), http_server.url("/news/teasers"))
    # A post (or a feed entry's summary) of furniture keeps its own reason.
    with pytest.raises(UserFacingError, match="body is empty"):
        validate(ArticleDraft("Harbour news", "\n".join(appeals[:3])))


def test_a_title_opening_on_startseite_names_a_front_page() -> None:
    from bot.sources.extract import NotAnArticle, extract_article

    lines = "".join(
        f"<p>{t}</p>"
        for t in [
            "Der Oberbürgermeister hat am Sonntag den Aktionstag auf dem Marktplatz eröffnet "
            "und die neuen Elektrobusse der Stadt vorgestellt, die ab Januar fahren sollen.",
            "Die Stadt testet bis Ende des Monats zwei elektrische Müllwagen, die vom "
            "Eigenbetrieb Abfallwirtschaft genutzt werden und leiser als die alten sind.",
            "Die Eiswelt eröffnet die neue Saison am Freitag mit einem Fest für Familien, "
            "der Eintritt ist an diesem Tag für alle Kinder unter zwölf Jahren frei.",
        ]
    )
    html = (
        "<html lang='de'><head><title>Startseite: Offizielles Internetangebot der Stadt Kell"
        f"</title></head><body><main>{lines}</main></body></html>"
    )
    with pytest.raises(NotAnArticle, match="front page"):
        extract_article(html, "https://www.kell.example/startseite")


@pytest.mark.parametrize(
    "sentence",
    [
        # French spaces its closing guillemet.
        "« Nous partons demain matin vers le port de Kell. »",
        # A name with an initial, as French papers shorten a defendant's: no reference list.
        "Yassin E., imam de la mosquée de Kell, avait cité un texte sur Facebook.",
    ],
)
def test_a_spaced_closing_guillemet_and_a_name_with_an_initial_stay_fit(sentence: str) -> None:
    assert is_fit(sentence)


def test_a_reference_lists_authors_stay_unfit() -> None:
    assert not is_fit("Cui, J., Zou, R., Zhang, W. et al. Nature 2020.")
    assert not is_fit("Smith J., Jones K. Ferry routes of the north. Kell Press, 2020.")
