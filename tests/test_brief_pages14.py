"""Issue 18, fourteenth round: patterns found on saved news pages. Every text here is
invented."""

from __future__ import annotations

from bot.briefs.coherence import in_order


def test_a_list_pages_first_line_about_the_headlines_person_opens_its_brief() -> None:
    # A brief kept in the writer's order agrees with a ranked one: "He" on the first line
    # means the person the headline names, so the brief starts there, not one line later.
    lines = [
        "He was a cheerful regular who ordered lobster at the harbour's restaurants.",
        "Tom Vale walked out without paying a hundred bills in five years.",
        "Police in Port Ellis have opened a murder inquiry.",
    ]
    title = "Harbour man who skipped 100 restaurant bills is killed"
    assert in_order(lines, title, "english", 2) == [0, 1]
    assert in_order(lines, "Harbour board skips 100 bills", "english", 2) == [1, 2]
