"""Non-English sentences that lean on the one before, past their first word: ``leans``.

``dangling`` reads a sentence's opening word ("Er", "Aber", "Dies"). In German, Dutch and
the Scandinavian languages the finite verb comes second, so a pronoun subject or a connective
often sits just after it ("Zugleich verteidigte sie …", "Damit ist er …", "Men da sa …"), and
a contrast or a step in a story is often told by an adverb inside the first clause ("Hahn kommt
dagegen nur auf …", "Die Bahnen seien dann …"). These rules read the first few words of the
first clause for such words, per language; they never fire on English text.
"""

from __future__ import annotations

import itertools
import re

from bot.briefs.language import tools


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Openers the first-word lists in ``dangling`` leave out, per language: connectives ("Zugleich",
# "Schlimmer noch:"), pronominal adverbs ("Darin betonte …"), "both"/"the latter", and
# pronouns. Each alternative must be followed by a word boundary.
_OPENERS: dict[str, re.Pattern[str]] = {
    "german": re.compile(
        r"^[\"'\u201e\u201c\u201a\u00bb]?(?:Nun(?=,)|Zugleich|Gleichzeitig|Ebenfalls|Hingegen|Indes"
        r"|Indessen|Wiederum|Umgekehrt|Nichtsdestotrotz|Vielmehr|Im Gegenteil|Hierbei|Hierzu"
        r"|Hierf\u00fcr|Hier|Darin|Davon|Darauf|Daran|Dar\u00fcber|Dadurch|Daraus|Darunter"
        r"|Dahinter|Daneben|Dazwischen|Davor|Jene|Jener|Letztere|Letzterer|Erstere|Ersterer"
        r"|Beide|Beiden|Die beiden|Ihn|Deren|Dessen|Sondern|Umso|Desto"
        r"|(?:Schlimmer|Mehr|Besser|Wichtiger|Schlimmer noch|Noch schlimmer) noch(?=[:,])"
        r"|Noch (?:schlimmer|wichtiger|besser)(?=[:,])"
        # "So gehe das Merkvermögen zurück": "so" with the verb straight after means "thus";
        # "So viele wie nie" does not.
        r"|So (?!(?:viel|viele|vielen|wenig|wenige|lange|weit|schnell|gut|oft|fr\u00fch|sp\u00e4t"
        r"|gro\u00df|hoch|stark|sehr|etwa|genannte|genannten|wie|dass|oder|und)\b)"
        r"[a-z\u00e4\u00f6\u00fc\u00df]+"
        # "So lange dauert die schnellste Verbindung": how long, as a figure before said.
        r"|So (?:lange|viel|viele|weit|oft|schnell|hoch|gro\u00df|teuer|wenig|wenige)"
        r" (?:dauert|dauerte|kostet|kostete|braucht|brauchte|ist|war|sind|waren|liegt|lag)"
        # "Sollte das korrekt sein, …": "das" as a pronoun after a verb (no noun follows the
        # next word, as one follows "das neue" in "Sollte das neue Gesetz …").
        r"|(?:Sollte|Sollten|W\u00e4re|Ist|War|W\u00fcrde|Wird|Kann|K\u00f6nnte|Falls|Wenn|Ob)"
        r" (?:das|dies) [a-z\u00e4\u00f6\u00fc\u00df]+\b(?! [A-Z\u00c4\u00d6\u00dc])"
        # A definite noun phrase for someone named before: "Die Täter waren …", "Der Mann
        # soll …" ("Die Polizei" names itself; "Die Organisation" may stand for a group an
        # earlier sentence called something else, too far back for the sentence before).
        r"|(?:Der|Die|Den|Dem) (?:Mann|Frau|Junge|Jungen|T\u00e4ter|T\u00e4terin|Verd\u00e4chtige"
        r"|Verd\u00e4chtigen|Angeklagte|Angeklagten|Beschuldigte|Beschuldigten|Opfer|Paar"
        r"|Unbekannten|Betroffenen|Verletzten)"
        r"(?! (?:des|der|von|aus|mit|im|in|vom|am|auf|f\u00fcr|\u00fcber)\b)(?=[\s,])"
        r")\b"
    ),
    "dutch": re.compile(
        r"^[\"'\u201e\u201c\u2018]?(?:Hij|Zij|Ze|Zijn|Haar|Hun|Hem|Dit|Deze|Dat|Die|Daarom"
        r"|Daardoor|Daarbij|Daarmee|Daarna|Daarnaast|Daarin|Daarover|Daarvoor|Daar|Maar|En|Ook"
        r"|Toch|Bovendien|Echter|Wel|Dan|Dus|Verder|Tegelijk|Tegelijkertijd|Intussen|Ondertussen"
        r"|Vervolgens|Uiteindelijk|Beide|Allebei|Volgens hem|Volgens haar|Zo"
        r"|Anderzijds|Evenmin|Desondanks|Niettemin|Bijgevolg|Hierdoor|Hierbij|Hiermee|Hier"
        r"|De man|De vrouw|De jongen|De dader|De daders|De verdachte|De verdachten)\b"
    ),
    "danish": re.compile(
        r"^[\"'\u201e\u201c\u00bb\u2013-]?\s?(?:Han|Hun|Ham|Hende|Hans|Hendes|Deres|Dem|Det"
        r" er (?:derfor|ogs\u00e5)|Dette|Denne|Disse|Derfor|Dermed|Desuden|Derudover|Ogs\u00e5"
        r"|Alligevel|Samtidig|Men|Og|S\u00e5|Her|Bagefter|Begge|Ligeledes"
        r"|Imidlertid|Tilmed|I stedet|P\u00e5 den baggrund|Derefter|Heller ikke)\b"
    ),
    "norwegian": re.compile(
        r"^[\"'\u201e\u201c\u00ab\u2013-]?\s?(?:Han|Hun|Ham|Henne|Hans|Hennes|Deres|Dem|Dette"
        r"|Denne|Disse|Derfor|Dermed|Dessuten|I tillegg|Ogs\u00e5|Likevel|Samtidig|Men|Og"
        r"|S\u00e5|Her|Etterp\u00e5|Begge|Imidlertid|Isteden|I stedet|Deretter"
        r"|Heller ikke)\b"
    ),
    "swedish": re.compile(
        r"^[\"'\u201d\u00bb\u2013-]?\s?(?:Han|Hon|Honom|Henne|Hans|Hennes|Deras|Dem|Detta"
        r"|Denna|Dessa|D\u00e4rf\u00f6r|D\u00e4rmed|Dessutom|Ocks\u00e5|\u00c4nd\u00e5"
        r"|Samtidigt|Men|Och|S\u00e5|D\u00e4r|H\u00e4r|Efter\u00e5t|B\u00e5da|Dock"
        r"|Ist\u00e4llet|D\u00e4refter|Inte heller)\b"
    ),
    "italian": re.compile(
        r"^[\"'\u00ab\u201c]?(?:Lui|Lei|Loro|Egli|Ella|Esso|Essa|Essi|Esse|Ci\u00f2|Ma|E(?!['\u2019])|Per\u00f2"
        r"|Tuttavia|Inoltre|Anche|Quindi|Cos\u00ec|Infatti|Invece|Poi|Allora|Pertanto|Dunque"
        r"|Intanto|Nel frattempo|Per questo|Per questa ragione|Per questo motivo|Eppure"
        r"|Oltretutto|Peraltro|Insomma|Anzi|Del resto|D(?:'|\u2019)altronde|D(?:'|\u2019)altra"
        r" parte|Qui|L\u00ec|L\u00e0|Entrambi|Entrambe|Tali|Tale|Il suo|La sua|I suoi|Le sue"
        r"|Suo|Sua|Suoi|Sue|Quest(?:'|\u2019)ultim[oaie]|Costui|Costei|Dopodich\u00e9"
        # "Questo" and "Questa" are a back-reference unless a time follows ("Questa mattina").
        r"|(?:Questo|Questa|Questi|Queste|Quello|Quella|Quelli|Quelle)(?! (?:anno|mese|mattina"
        r"|sera|settimana|pomeriggio|weekend|fine settimana|inverno|estate|autunno|primavera"
        r"|stagione|notte)\b))\b"
    ),
    "spanish": re.compile(
        r"^[\"'\u00ab\u201c]?(?:Mientras tanto|Ambos|Ambas|Los dos|Las dos|All\u00ed|Ah\u00ed"
        r"|Para \u00e9l|Para ella|Seg\u00fan \u00e9l|Seg\u00fan ella|Incluso|Encima"
        r"|Adem\u00e1s de ello|Por otra parte|Por otro lado|A su vez|Tras ello|Tras esto"
        r"|Con ello|Con esto|De ah\u00ed|Despu\u00e9s de eso|Aquel|Aquella|Aquellos|Aquellas"
        r"|Le|Les|La misma|El mismo)\b"
    ),
    "french": re.compile(
        r"^[\"'\u00ab\u201c]?\s?(?:En revanche|Par contre|De son c\u00f4t\u00e9"
        r"|De leur c\u00f4t\u00e9"
        r"|Selon lui|Selon elle|Selon eux|Pour lui|Pour elle|Pour eux|L\u00e0|Puis|Alors(?! que)"
        r"|D\u00e8s lors|C(?:'|\u2019)est pourquoi|Celui-ci|Celle-ci|Ceux-ci|Celles-ci"
        r"|Lui-m\u00eame|Elle-m\u00eame|Parmi eux|Parmi elles|Les deux|Tous deux|Toutes deux"
        r"|Tous les deux|Toutes les deux|Ensuite|Du coup|Or|Malgr\u00e9 tout|Pire|Mieux"
        r"|Apr\u00e8s quoi|Sur ce|De m\u00eame|Ici|Autrement dit)\b"
    ),
}

# Words inside the first clause that tie the sentence to the one before: a contrast ("Hahn
# kommt dagegen nur auf …"), an addition ("war zudem …"), a step in a story ("seien dann …"),
# and, in verb-second languages, a pronoun subject right after the verb ("Zugleich verteidigte
# sie"). Only the first clause counts: "…, dann …" after "Wenn …" and "…, die sie …" in a
# relative clause do not lean on anything outside the sentence.
_INSIDE: dict[str, frozenset[str]] = {
    "german": _words(
        "dagegen hingegen jedoch allerdings aber indes indessen wiederum trotzdem dennoch"
        " zudem au\u00dferdem ebenfalls dann damit dabei daf\u00fcr darin davon dazu deshalb"
        " daher deswegen jedenfalls denn dies er sie ihn ihm"
    ),
    "dutch": _words(
        "echter daarentegen toch ook bovendien daarom daardoor daarmee daarbij hij zij ze hem"
    ),
    "danish": _words("derimod dog imidlertid ogs\u00e5 desuden derfor dermed han hun ham"),
    "norwegian": _words("derimot likevel imidlertid ogs\u00e5 dessuten derfor dermed han hun ham"),
    "swedish": _words(
        "d\u00e4remot dock \u00e4nd\u00e5 ocks\u00e5 dessutom d\u00e4rf\u00f6r d\u00e4rmed han"
        " hon honom"
    ),
}
# Romance languages set such a word off with commas ("El Gobierno, sin embargo, …"), so the
# first words count whatever the punctuation.
_EARLY: dict[str, frozenset[str]] = {
    "french": _words("cependant toutefois pourtant n\u00e9anmoins"),
    "spanish": frozenset(["sin embargo", "no obstante", "en cambio"]),
    "italian": _words("tuttavia per\u00f2 invece inoltre"),
}
_EARLY_WORDS = 8
# How far into the first clause: a verb-second sentence has its pronoun subject by the fifth
# word ("Nach Angaben der Polizei soll er …").
_INSIDE_WORDS = 6
_CLAUSE_END = re.compile(r"[,;:\u2013\u2014(\"\u201e\u201c\u00bb\u00ab]| - ")
_WORD = re.compile(r"[^\W\d_]+")
_QUOTES = "\"'\u201e\u201c\u00bb\u00ab\u2018 "
# German pronominal adverbs point forward when they close a clause a comma continues:
# "Die Regierung rechnet damit, dass …", "Das gilt nur dann, wenn …".
_FORWARD = _words("damit dabei daf\u00fcr darin davon dazu dann deshalb daher deswegen")
_FORWARD_TAIL = 2
# Subordinating conjunctions that open a German sentence, and the contrasts that may head the
# main clause after them.
_SUBORDINATORS = {
    "german": _words(
        "wer wenn als weil obwohl nachdem w\u00e4hrend da dass ob sobald bevor seit seitdem falls"
    ),
}
_CONTRASTS = {
    "german": _words(
        "aber dagegen hingegen jedoch allerdings indes wiederum trotzdem dennoch zudem"
        " au\u00dferdem ebenfalls"
    ),
}
_MAIN_CLAUSE_WORDS = 3
# A German possessive before any noun it could belong to ("Gerade ist sein zweites Album
# erschienen"): German capitalises nouns, so only lower-case words came before it. Bare "sein"
# and "ihr" are left out: they are also "to be" and "you".
_POSSESSIVES = {
    "german": _words("seine seinen seinem seiner seines ihre ihren ihrem ihrer ihres"),
}
# Adverbs that open a German sentence without naming anyone ("Gerade ist seine …").
_TIME_ADVERBS = _words(
    "gerade heute gestern inzwischen mittlerweile zuletzt bald damals seither sp\u00e4ter zuvor"
    " k\u00fcrzlich erst schon bereits"
)
# "diese Fragen", "an dieser Stelle" early in a German sentence point at something said before;
# "diese Woche" and "in diesem Jahr" do not.
_DEMONSTRATIVE: dict[str, re.Pattern[str]] = {
    "german": re.compile(
        r"^(?:\S+ ){0,7}?(?:[Dd]iese[nmrs]?|[Jj]ene[nmrs]?|[Ss]olche[nmrs]?)"
        r" (?!(?:Jahr|Jahres|Jahren|Jahrzehnt"
        r"|Jahrhundert|Jahrhunderts|Woche|Wochen|Wochenende|Monat|Monats|Monaten|Tag|Tage|Tagen"
        r"|Zeit|Saison|Sommer|Sommers|Winter|Winters|Fr\u00fchjahr|Fr\u00fchling|Herbst|Herbstes"
        r"|Abend|Morgen|Nacht|Mal)\b)[A-Z\u00c4\u00d6\u00dc]"
    ),
}


def opens_leaning(sentence: str, language: str) -> bool:
    """Whether the sentence's opening words lean on a sentence before it ("Zugleich", "Darin")."""
    opener = _OPENERS.get(language)
    return opener is not None and opener.match(sentence) is not None


def leans(sentence: str, language: str) -> bool:
    """Whether the sentence opens on, or has early in its first clause, a word that ties it
    to a sentence before it (see the module docstring)."""
    if opens_leaning(sentence, language):
        return True
    early_words = _EARLY.get(language)
    if early_words is not None:
        words = _WORD.findall(sentence)[:_EARLY_WORDS]
        pairs = {f"{a} {b}".casefold() for a, b in itertools.pairwise(words)}
        return bool(early_words.intersection(words[1:]) or early_words & pairs)
    demonstrative = _DEMONSTRATIVE.get(language)
    if demonstrative is not None and demonstrative.match(sentence) is not None:
        return True
    inside = _INSIDE.get(language)
    if inside is None:
        return False
    parts = _CLAUSE_END.split(sentence.lstrip(_QUOTES), maxsplit=1)
    words = _WORD.findall(parts[0])
    if not words:  # "(…)", "2024: …", "- …"
        return False
    # The first word is the opener's business (and capitalised "Sie" is the polite "you").
    early = words[1:_INSIDE_WORDS]
    for position, word in enumerate(early, 1):
        if word not in inside:
            continue
        if word in _FORWARD and len(parts) > 1 and position >= len(words) - _FORWARD_TAIL:
            continue
        return True
    # "Wer mitrechnen will, kann aber selbst …": after an opening subordinate clause, a
    # contrast at the head of the main clause (a pronoun there may stand for a name in the
    # subordinate clause, so only contrasts count).
    contrasts = _CONTRASTS.get(language, frozenset())
    if words[0].casefold() in _SUBORDINATORS.get(language, frozenset()) and len(parts) > 1:
        main = _WORD.findall(_CLAUSE_END.split(parts[1], maxsplit=1)[0])
        if contrasts.intersection(main[:_MAIN_CLAUSE_WORDS]):
            return True
    possessives = _POSSESSIVES.get(language, frozenset())
    for position, word in enumerate(early, 1):
        if word in possessives:
            first = words[0].casefold()
            return (first in tools(language).stop_words or first in _TIME_ADVERBS) and all(
                w.islower() for w in words[1:position]
            )
    return False
