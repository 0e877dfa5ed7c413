"""Live tickers are briefed from one entry, never from several mixed. Every text is invented."""

from __future__ import annotations

from bot.briefs import make_brief
from bot.briefs.tickers import one_entry

_FERRY = (
    "Die Fähre zwischen Kell und Norderwick fährt ab Montag wieder nach dem Sommerfahrplan. "
    "Die Reederei hatte den Verkehr im Winter wegen Sturmschäden am Anleger eingeschränkt. "
    "Nun seien die Reparaturen abgeschlossen, teilte ein Sprecher am Dienstag mit."
)
_MARKET = (
    "Auf dem Fischmarkt in Kell sind die Preise für Hering im Frühjahr deutlich gestiegen. "
    "Händler führen das auf schwache Fänge in der Nordsee und höhere Kosten für Diesel zurück. "
    "Die Stadt will den Markt dennoch im Mai um zwei Stände erweitern."
)
_SCHOOL = (
    "Die Grundschule am Hafen bekommt einen Anbau mit vier neuen Klassenräumen und einer Mensa. "
    "Der Gemeinderat stimmte dem Plan am Abend mit großer Mehrheit zu, zwei Räte waren dagegen. "
    "Der Bau soll nach den Sommerferien beginnen und rund zwei Jahre dauern."
)
_TICKER = "\n\n".join(
    [
        "Die wichtigsten Nachrichten aus der Region im Überblick",
        "14.05 Uhr: Grundschule am Hafen wird erweitert",
        _SCHOOL,
        "12.40 Uhr: Heringspreise auf dem Fischmarkt steigen",
        _MARKET,
        "09.15 Uhr: Fähre nach Norderwick fährt wieder nach Sommerfahrplan",
        _FERRY,
        "08.30 Uhr: Wetterdienst warnt vor Sturm",
        "Der Wetterdienst warnt für die Nacht vor Sturmböen an der ganzen Küste.",
    ]
)


def test_a_ticker_is_briefed_from_the_entry_its_title_names() -> None:
    brief = make_brief(
        "Küsten-Ticker: Fähre nach Norderwick fährt wieder nach Sommerfahrplan",
        _TICKER,
        language="german",
    )
    assert brief
    assert all(sentence in _FERRY for sentence in brief)


def test_a_ticker_without_such_a_title_is_briefed_from_its_newest_entry() -> None:
    brief = make_brief("Nachrichten aus Kell und Umgebung", _TICKER, language="german")
    assert brief
    assert all(sentence in _SCHOOL for sentence in brief)


def test_a_live_page_running_forward_in_time_is_briefed_from_its_newest_entry() -> None:
    forward = "\n\n".join(
        [
            "08.30 Uhr: Wetterdienst warnt vor Sturm",
            "Der Wetterdienst warnt für die Nacht vor Sturmböen an der ganzen Küste.",
            "09.15 Uhr: Fähre fährt wieder",
            _FERRY,
            "14.05 Uhr: Grundschule am Hafen wird erweitert",
            _SCHOOL,
        ]
    )
    brief = make_brief("Liveticker aus Kell", forward, language="german")
    assert brief
    assert all(sentence in _SCHOOL for sentence in brief)


def test_a_titled_live_page_without_time_stamps_is_briefed_from_its_first_paragraphs() -> None:
    more = (
        "Fahrkarten gibt es wie bisher am Hafen und an Bord, die Preise bleiben gleich. "
        "Am Wochenende fährt die Fähre zusätzlich am späten Abend, damit Ausflügler zurückkommen."
    )
    body = "\n\n".join([_FERRY, more, _MARKET, _SCHOOL])
    assert one_entry("Kell: aktuelle News aus der Region", body) == f"{_FERRY}\n\n{more}"


def test_a_report_with_a_timeline_of_one_event_is_kept_whole() -> None:
    body = "\n\n".join(
        [
            "Der Sturm hat in der Nacht den Anleger in Kell schwer beschädigt.",
            "21.10 Uhr: Der Wetterdienst meldet Böen mit über 100 Kilometern pro Stunde.",
            "22.30 Uhr: Die Feuerwehr sperrt den Hafen für alle Fahrzeuge.",
            "23.45 Uhr: Eine Welle reißt zwei Planken aus dem Anleger.",
            "01.20 Uhr: Der Wind lässt nach, die Sperrung bleibt bis zum Morgen.",
        ]
    )
    assert one_entry("Sturm beschädigt Anleger in Kell", body) == body
