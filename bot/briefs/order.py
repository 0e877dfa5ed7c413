"""Pages briefed in the writer's order: their opening, not their most central sentences.

Centrality suits a news report, whose central sentences restate its news. A recipe's steps
share the dish's words, so centrality picks "Sear the chicken in batches …", while its
headnote says what the dish is. A first-person essay or blog post circles its subject, so
centrality picks lines from the middle of an argument ("Nerds ALL carry iPhones …"), while
its opening sets the scene.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# "Chicken Paprikash Recipe", "Rezept: …", "Recette …".
_RECIPE_TITLE = re.compile(
    r"\b(?:recipes?|rezept|recette|receta|ricetta|receita)\b", re.IGNORECASE
)
_FIRST_PERSON = re.compile(r"\b(?:I|I['\u2019](?:m|ve|d|ll)|[Mm]y|[Mm]e|[Mm]yself)\b")
_QUOTED = re.compile(r"[\"\u201c][^\"\u201d]*[\"\u201d]")
# The share of words that are "I", "my" or "me" outside quotation marks. Chosen on the dev
# sets: at 4% (about 2% of BBC's and 1% of CNN's articles, mostly columns) neither moves;
# at 2% (5%) BBC lost 0.3 ROUGE-1 and CNN 0.15, the columns' references being their
# central lines.
_FIRST_PERSON_SHARE = 0.04


def in_writers_order(title: str, sentences: Sequence[str], language: str) -> bool:
    """Whether the page is a recipe, or an English text in the first person."""
    if _RECIPE_TITLE.search(title):
        return True
    if language != "english":
        return False  # "me" and "my" are other words in Spanish, French and Polish
    text = _QUOTED.sub(" ", " ".join(sentences))
    words = len(text.split())
    return words > 0 and len(_FIRST_PERSON.findall(text)) >= _FIRST_PERSON_SHARE * words
