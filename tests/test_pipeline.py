"""The ingest pipeline's worker processes: briefs off the event loop, surviving a dead worker."""

from __future__ import annotations

import os
import signal

import pytest

from bot.pipeline import Briefer, validate
from bot.storage.articles import ArticleDraft

DRAFT = ArticleDraft(
    title="Harbour tunnel reopens",
    body="The harbour tunnel reopened on Monday after repairs. Engineers replaced two pumps. "
    "Traffic returned to normal by the evening. A review will report in March.",
)


async def test_briefs_run_in_another_process() -> None:
    briefer = Briefer("english", 2, "lexrank", workers=1)
    try:
        assert len((await briefer.brief(DRAFT)).sentences) == 2
        executor = briefer._executor  # the pool is private; the test needs its pids
        pids = list(executor._processes)  # type: ignore[union-attr]
        assert pids and os.getpid() not in pids
    finally:
        briefer.close()


async def test_briefer_recovers_from_a_killed_worker(caplog: pytest.LogCaptureFixture) -> None:
    briefer = Briefer("english", 2, "lexrank", workers=1)
    try:
        await briefer.brief(DRAFT)
        for pid in list(briefer._executor._processes):  # type: ignore[union-attr]
            os.kill(pid, signal.SIGKILL)
        # The first submission after the kill finds the pool broken; brief() starts a new one.
        assert len((await briefer.brief(DRAFT)).sentences) == 2
        assert "summarizing process died" in caplog.text
        assert len((await briefer.brief(DRAFT)).sentences) == 2
    finally:
        briefer.close()


GERMAN_BODY = (
    "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss bis zum Herbst "
    "zu sanieren. Die Arbeiten sollen im Mai beginnen und werden nach Angaben der Verwaltung "
    "etwa vier Millionen Euro kosten. Während der Bauzeit fahren die Busse über eine Umleitung, "
    "die nach Auskunft der Verkehrsbetriebe nur wenige Minuten länger dauert. Anwohner hatten "
    "sich seit Jahren über den Zustand der Brücke beschwert."
)


def test_a_german_article_declared_english_is_briefed_in_german() -> None:
    """A site-wide lang="en-US" on a German page must not make the summarizer use English."""
    draft = ArticleDraft(title="Brücke wird saniert", body=GERMAN_BODY, language="english")
    assert validate(draft).language == "german"


def test_a_declared_language_that_fits_the_text_is_kept() -> None:
    assert validate(DRAFT).language == "english"
    assert validate(ArticleDraft("Brücke", GERMAN_BODY, language="german")).language == "german"
