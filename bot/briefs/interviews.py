"""Interviews and guides: a brief from the introduction, not from answers torn from their
questions or steps torn from their order.

An interview's answers are first-person speech about a question the brief leaves out ("Unterm
Strich lässt sich die Entscheidung auf zwei Gründe herunterbrechen"), so a summarizer that picks
three central answers gives three voices with no subject. Its introduction, the paragraphs
before the first question, says who is speaking and about what: that is what a brief can use.
"""

from __future__ import annotations

import re

from bot.briefs.cleaning import word_count

# A title that names the page an interview: "Interview mit …", "Entrevista a …", "Q&A: …".
_INTERVIEW_TITLE = re.compile(
    r"\b(?:interview|im gespr\u00e4ch|entrevista|entretien|intervista|q\s?&\s?a)\b", re.I
)
# A question put to the interviewee: it ends on a question mark, or it addresses them by
# name first ("Frau Silberhorn, Sie haben …", "Mr Lee, you said …").
_QUESTION_END = re.compile(r"\?[\"'\u201d\u201c\u00bb)]*$")
_ADDRESS = re.compile(
    r"^(?:Herr|Frau|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Professor|Señor|Señora|Monsieur|Madame) "
    r"[A-Z\u00c0-\u00de][\w'\u2019-]+,"
)
# Without a title that says so, a page is an interview when this many of its paragraphs,
# and at least this share of them, are questions.
_MIN_QUESTIONS = 4
_MIN_QUESTION_SHARE = 0.15
# An introduction shorter than this is only a standfirst line: brief the whole page instead.
_MIN_INTRO_WORDS = 30


# A title that names the page a guide: its steps and tips read as orders out of context
# ("Nun kopieren Sie die URL …"), its introduction says what it is about.
_GUIDE_TITLE = re.compile(
    r"^How to\b|\bhow to (?!\w+ (?:the|a) (?:crisis|war|pandemic)\b)|\bso geht(?:'|\u2019)?s\b"
    r"|\bAnleitung\b|\bSchritt f\u00fcr Schritt\b|\bstep[- ]by[- ]step\b|\btutorial\b"
    r"|\bRatgeber\b|\bTipps\b|\btips (?:for|to|on)\b|\bguide to\b|\bc\u00f3mo (?!se)\w+r\b"
    r"|\bso (?:machst du|machen Sie|gelingt|klappt|funktioniert)\b",
    re.I,
)
_GUIDE_INTRO_WORDS = 60


def _guide_introduction(paragraphs: list[str]) -> str:
    kept: list[str] = []
    words = 0
    for paragraph in paragraphs:
        kept.append(paragraph)
        words += word_count(paragraph)
        if words >= _GUIDE_INTRO_WORDS:
            break
    return "\n".join(kept)


# A transcript's speaker label: "Korinna Hennig: Wir haben …", "DROSTEN: Ja."
_SPEAKER = re.compile(
    r"^([A-Z\u00c0-\u00de][\w.'\u2019-]+(?: [A-Z\u00c0-\u00de][\w.'\u2019-]+){0,2}):\s"
)
_MIN_SPEAKER_TURNS = 4


def _is_question(paragraph: str) -> bool:
    return bool(_QUESTION_END.search(paragraph) or _ADDRESS.match(paragraph))


def _turns(paragraphs: list[str]) -> list[int]:
    """The paragraphs that open a speaker's turn in a transcript, or [] if it is none: at
    least two speakers who take turns, each at least twice."""
    speakers = [(i, m[1]) for i, m in enumerate(map(_SPEAKER.match, paragraphs)) if m]
    names = [name for _, name in speakers]
    if len(speakers) < _MIN_SPEAKER_TURNS or len(set(names)) < 2:
        return []
    if any(names.count(name) < 2 for name in set(names[:2])):
        return []
    return [i for i, _ in speakers]


def introduction(title: str, body: str) -> str:
    """The paragraphs before the first question (or a transcript's first speaker's turn)
    when the page is an interview and they are long enough to brief, the first paragraphs
    when it is a guide, else the body unchanged."""
    paragraphs = [p for p in (" ".join(line.split()) for line in body.splitlines()) if p]
    if _GUIDE_TITLE.search(title):
        return _guide_introduction(paragraphs)
    turns = _turns(paragraphs)
    questions = turns or [i for i, p in enumerate(paragraphs) if _is_question(p)]
    if not questions:
        return body
    interview = bool(turns) or _INTERVIEW_TITLE.search(title) is not None or (
        len(questions) >= _MIN_QUESTIONS
        and len(questions) >= _MIN_QUESTION_SHARE * len(paragraphs)
    )
    intro = paragraphs[: questions[0]]
    if not interview or sum(word_count(p) for p in intro) < _MIN_INTRO_WORDS:
        return body
    return "\n".join(intro)
