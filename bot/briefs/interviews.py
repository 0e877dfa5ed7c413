"""Interviews and guides: a brief from the introduction, not from answers torn from their
questions or steps torn from their order.

An interview's answers are first-person speech about a question the brief leaves out ("Unterm
Strich lässt sich die Entscheidung auf zwei Gründe herunterbrechen"), so a summarizer that picks
three central answers gives three voices with no subject. Its introduction, the paragraphs
before the first question, says who is speaking and about what: that is what a brief can use.
"""

from __future__ import annotations

import re

from bot.briefs.cleaning import leading_paragraphs, word_count

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


_PROSE_END = re.compile(r"[.!?\u2026\"'\u201d\u2019\u00bb\u3002\uff01\uff1f]$")


def _is_prose(paragraph: str) -> bool:
    return not paragraph.startswith(("- ", "\u2022")) and bool(_PROSE_END.search(paragraph))


def _guide_introduction(paragraphs: list[str]) -> str:
    """The first paragraphs up to ``_GUIDE_INTRO_WORDS`` words of prose: the headline again
    and a standfirst's bullet points ("- Two batches of $1 bills …") do not count, or they
    would fill the introduction and leave one sentence to brief."""
    return "\n\n".join(leading_paragraphs(paragraphs, _GUIDE_INTRO_WORDS, _is_prose))


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
    interview = (
        bool(turns)
        or _INTERVIEW_TITLE.search(title) is not None
        or (
            len(questions) >= _MIN_QUESTIONS
            and len(questions) >= _MIN_QUESTION_SHARE * len(paragraphs)
        )
    )
    intro = paragraphs[: questions[0]]
    if interview and not turns and _are_headings([paragraphs[i] for i in questions]):
        # Questions as short subheadings ("Wann sind die Eisheiligen?") make an explainer,
        # not an interview: its answers are the reporter's own. The introduction is often
        # only a teaser, so the brief gets the first answer too.
        end = questions[1] if len(questions) > 1 else len(paragraphs)
        kept = intro + paragraphs[questions[0] + 1 : end]
        return "\n\n".join(kept) if sum(map(word_count, kept)) >= _MIN_INTRO_WORDS else body
    if not interview or sum(word_count(p) for p in intro) < _MIN_INTRO_WORDS:
        return body
    return "\n\n".join(intro)


# Subheadings are short and ask about the subject; an interviewer's questions are mostly
# longer, or put to the guest ("Did that surprise you?", "Frau Lind, warum …").
_HEADING_WORDS = 10
# German's polite "Sie" is capitalised inside a sentence; "sie" is "she" or "they".
_SECOND_PERSON = re.compile(
    r"\b(?:[Yy]ou|[Yy]ours?|[Dd]u|[Dd]ich|[Dd]ir|[Dd]ein\w*|[Ee]uch|[Vv]ous|[Vv]otre|[Tt]u"
    r"|[Uu]sted(?:es)?|[Vv]oc\u00ea|[Vv]oi)\b|(?<=\w )(?:Sie|Ihnen|Ihr\w*)\b"
)


def _are_headings(questions: list[str]) -> bool:
    if any(_ADDRESS.match(q) for q in questions):
        return False
    if 2 * sum(1 for q in questions if _SECOND_PERSON.search(q)) >= len(questions):
        return False
    return sorted(word_count(q) for q in questions)[len(questions) // 2] <= _HEADING_WORDS
