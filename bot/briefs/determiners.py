"""The words ``coherence`` reads back-references by, per language: articles, indefinite
articles, demonstratives, "the reported …", the time words a demonstrative may precede
without pointing back ("this year"), and the nouns ``dangling`` reads as pointing back ("The
agency said …")."""

from __future__ import annotations

# Determiners that point back: "the"-like articles mean "the one just mentioned" only when the
# sentence just before mentioned it; demonstratives ("these", "diese") reach a little further.
ARTICLES: dict[str, str] = {
    "english": "the",
    "german": "der|die|das|den|dem|des",
    "spanish": "el|la|los|las",
    "french": "le|la|les|l'|l\u2019",
    "portuguese": "o|a|os|as",
    "italian": "il|lo|la|i|gli|le|l'|l\u2019",
    "dutch": "de|het",
}
# Indefinite articles: the sentence before introduced "a little boy", this one says "the boy".
INDEFINITES: dict[str, str] = {
    "english": "a|an",
    "german": "ein|eine|einen|einem|einer|eines",
    "spanish": "un|una|unos|unas",
    "french": "un|une|des",
    "portuguese": "um|uma|uns|umas",
    "italian": "un|uno|una|un'|un\u2019",
    "dutch": "een",
}
DEMONSTRATIVES: dict[str, str] = {
    "english": "this|these|those",  # not "that": mostly a conjunction ("said that")
    "german": "diese[rsmn]?|jene[rsmn]?|solche[rsmn]?",
    "spanish": "este|esta|estos|estas|ese|esa|esos|esas|dich[oa]s?|tal(?:es)?",
    "french": "ce|cet|cette|ces|ledit|ladite|lesdits",
    "portuguese": "este|esta|estes|estas|esse|essa|esses|essas|tal|tais",
    "italian": "questo|questa|questi|queste|quel|quella|quelli|quelle|tale|tali",
    "dutch": "deze|dit",
}
# Words that say a thing was mentioned before, however far back: "the reported Pentagon memo",
# "the aforementioned study".
REPORTED: dict[str, str] = {
    "english": "the (?:reported|aforementioned|above-mentioned|abovementioned)",
}
# "this year", "diese Woche": time, not a back-reference.
TIME_WORDS = (
    "year years week weeks month months time season morning afternoon evening night weekend"
    " summer winter spring autumn jahr jahres woche monat monats zeit saison sommer"
    " a\u00f1o semana temporada ann\u00e9e semaine mois ano anno settimana jaar"
)

# English nouns for the kind of actor or thing an article names once and then refers back to.
BACK_NOUNS = (
    r"agency|company|firm|group|organi[sz]ation|ministry|department|government|administration"
    r"|regulator|authority|authorities|body|institute|report|study|survey|paper|researchers"
    r"|scientists|authors|team|move|plan|deal|decision|measure|proposal|bill|law|rule|ruling"
    r"|case|incident|attack|crash|outbreak|announcement|statement|product|device|app|startup"
    r"|service|platform|network|project|programme|program|effort|initiative|pair|couple|duo"
    r"|speaker|dude|guy|lady"
    r"|trio|two|three|man|woman|boy|girl|suspect|victim|driver|official|officials|spokesman"
    r"|spokeswoman|spokesperson|source|sources|film|movie|show|series|book|album|song|game"
    r"|band|singer|actor|actress|star|player|club|side|brand|retailer|carrier|airline|bank"
    r"|lender|insurer|automaker|carmaker|manufacturer|maker|giant|operator|utility|partnership"
    r"|findings|results|data|figures|changes|update|feature|event|festival|exhibition|episode"
)
