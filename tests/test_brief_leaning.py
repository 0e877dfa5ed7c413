"""Non-English sentences that lean on one left out (``bot.briefs.leaning``).

Every sentence here is our own writing, modelled on patterns seen on real pages.
"""

from __future__ import annotations

import pytest

from bot.briefs import make_brief
from bot.briefs.dangling import dangles
from bot.briefs.leaning import leans


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        # A contrast or a step inside the first clause.
        ("Der Kapitän kommt dagegen nur auf zwölf Fahrten im Jahr.", "german"),
        ("Meier dagegen sei zwanzig Jahre lang Lotse gewesen, sagte der Hafenrat.", "german"),
        ("Die Fähren seien dann nicht mehr sicher genug für den Winter.", "german"),
        ("Im Hafenamt war zudem bemängelt worden, dass die Kaimauer bröckelt.", "german"),
        ("Im Hafen geht es aber nicht nur um Fischerei.", "german"),
        # A pronoun subject right after the verb.
        ("Zugleich verteidigte sie den neuen Fahrplan der Inselfähre.", "german"),
        ("Am späten Abend meldete er den Schaden an der Mole.", "german"),
        ("Umgehend rief sie die Wasserschutzpolizei.", "german"),
        # Pronominal adverbs, "both", "worse still", "so" with the verb.
        ("Darin fordert der Verband mehr Liegeplätze für Segler.", "german"),
        ("Hierbei wurde das Ruder des Kutters beschädigt.", "german"),
        ("Beide Reedereien haben bereits neue Schiffe bestellt.", "german"),
        ("Schlimmer noch: Die Fangquote für Hering sinkt weiter.", "german"),
        ("So sinke der Wasserstand im Hafenbecken jedes Frühjahr.", "german"),
        ("Sollte das zutreffen, fährt die Fähre erst im Mai.", "german"),
        ("So lange dauert die schnellste Fährverbindung von Kell nach Oslo.", "german"),
        ("Nun, sie sind alle erfahrene Fährleute.", "german"),
        # Someone named before, demonstratives, a possessive before any noun.
        ("Die Täter flohen nach Angaben der Polizei mit einem Boot.", "german"),
        ("Niemand im Hafenrat wollte diese Pläne verteidigen.", "german"),
        ("An dieser Stelle verläuft die Fahrrinne besonders flach.", "german"),
        ("Gerade ist seine zweite Seekarte der Bucht erschienen.", "german"),
        ("Der Hafenrat hat dies am Montag abgelehnt.", "german"),
        ("Wer die Fähre verpasst, kann aber mit dem Postboot fahren.", "german"),
        ("Während solche Fähren selten sind, fährt hier eine täglich.", "german"),
        ("Deren Kapitän lehnte jede Verantwortung ab.", "german"),
        ("Grundlage der Planung sind denn auch alte Seekarten.", "german"),
        # Other languages.
        ("Men da sa skipperen at ferja var for sen.", "norwegian"),
        ("Og på den baggrund vil havnen bygge en ny mole.", "danish"),
        ("Därför stängs hamnen redan i oktober.", "swedish"),
        ("Daarom vaart de veerboot in de winter niet.", "dutch"),
        ("Zo zei de havenmeester dat de pier te laag was.", "dutch"),
        ("Per questo motivo il porto resterà chiuso fino a maggio.", "italian"),
        ("Questa decisione ha sorpreso i pescatori del porto.", "italian"),
        ("Il traghetto, tuttavia, non partirà prima di maggio.", "italian"),
        ("El puerto, sin embargo, seguirá cerrado hasta mayo.", "spanish"),
        ("Mientras tanto, los pescadores esperan en el muelle.", "spanish"),
        ("En revanche, le port restera fermé jusqu'en mai.", "french"),
        ("Le ferry ne partira toutefois pas avant le mois de mai.", "french"),
    ],
)
def test_sentences_that_lean_on_the_one_before(sentence: str, language: str) -> None:
    assert leans(sentence, language)
    assert dangles(sentence, language)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Der Hafenrat der Insel Kell hat am Montag einen neuen Fahrplan beschlossen.", "german"),
        ("Die Polizei nahm den Kapitän am Montag im Hafen fest.", "german"),
        # Pointing forward, not back: "damit, dass …", "dazu auf, …".
        ("Die Reederei rechnet damit, dass die Preise im Sommer steigen.", "german"),
        ("Der Hafenrat ruft die Segler dazu auf, die Mole zu meiden.", "german"),
        ("So viele Fähren wie nie liefen im August aus.", "german"),
        ("Sollte das neue Fährschiff rechtzeitig fertig werden, fährt es ab Mai.", "german"),
        ("Der Lotse und seine Kollegen streiken seit Dienstag.", "german"),
        ("Die Fähre fährt in dieser Woche nur zweimal täglich.", "german"),
        ("Im Hafenbecken liegen 40 Boote, die sie im Winter an Land holen.", "german"),
        ("Nachdem die Ministerin gelandet war, sagte sie wenig über die Fähre.", "german"),
        ("Wenn die Fähre kommt, dann fahren wir zur Insel.", "german"),
        ("De veerboot vaart vanaf mei weer twee keer per dag.", "dutch"),
        ("Havnen i Kell åbner igen til maj.", "danish"),
        ("Questa mattina il traghetto è partito in ritardo.", "italian"),
        ("Alors que le port était fermé, les pêcheurs sont restés à terre.", "french"),
        ("El cambio de horario del ferry entra en vigor en mayo.", "spanish"),
    ],
)
def test_sentences_that_stand_alone(sentence: str, language: str) -> None:
    assert not leans(sentence, language)


@pytest.mark.parametrize("sentence", ["2024: Die Fähre fuhr.", ", aber nicht mehr.", "(…)", ""])
def test_a_clause_without_words_is_no_error(sentence: str) -> None:
    for language in ("german", "dutch", "swedish", "italian", "french"):
        assert not leans(sentence, language)


def test_rules_for_other_languages_leave_english_alone() -> None:
    assert not leans("The ferry, however, will not sail before May.", "english")
    assert not leans("Men at the harbour said the ferry was late.", "english")


def test_a_german_brief_takes_a_leaning_sentence_only_with_the_one_before() -> None:
    before = "Die Hafenbehörde von Kell will die Kaimauer bis zum Herbst um zwei Meter erhöhen."
    leaning = (
        "Zugleich verteidigte sie die Erhöhung der Hafengebühren für die Kaimauer in Kell, "
        "weil die Kaimauer in Kell sonst nicht bezahlt werden könne."
    )
    body = " ".join(
        [
            "Stürme haben den Hafen von Kell im Januar neun Tage lang geschlossen.",
            "Die Fischer verloren einen großen Teil ihres Winterfangs.",
            before,
            leaning,
            "Die Arbeiten an der Kaimauer in Kell beginnen im April und dauern bis Oktober.",
            "Die Fähren zur Insel fahren während der Arbeiten nach dem Winterfahrplan.",
        ]
    )
    for count in (1, 2, 3):
        brief = make_brief("Kaimauer in Kell wird erhöht", body, language="german", sentences=count)
        assert leaning not in brief or before in brief


@pytest.mark.parametrize(
    ("sentence", "leaning"),
    [
        ("En ese marco, el capitán ha garantizado la seguridad del puerto.", True),
        ("Ante esta situación, el ayuntamiento cerró el muelle.", True),
        ("En este año el puerto recibió diez mil visitantes.", False),  # time, not a frame
        ("En Kell el puerto recibió diez mil visitantes.", False),
    ],
)
def test_a_spanish_frame_set_by_the_sentence_before(sentence: str, leaning: bool) -> None:
    # Real page: a standfirst "En ese marco, el inspector general … ha garantizado …" briefed
    # as the first line.
    assert dangles(sentence, "spanish") is leaning
