"""Which sentences lean on the one before: ``dangles``.

A sentence that opens on a pronoun or connective ("She said", "However,"), a back-referring
noun phrase ("The agency said"), a pronoun before any name it could stand for, or that ends a
quotation an earlier sentence opened, makes no sense without its predecessor. Kept apart from
``fitness`` (what may stand in a brief at all) and ``coherence`` (what a sentence needs across
the whole article).
"""

from __future__ import annotations

import re

from bot.briefs.determiners import BACK_NOUNS
from bot.briefs.language import tools
from bot.briefs.leaning import leans, opens_leaning
from bot.briefs.quotemarks import (
    CLOSING_QUOTES,
    GERMAN_QUOTES,
    OPENING_QUOTES,
    all_quotation,
    opens_single_quote_unclosed,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that open a sentence leaning on the one before: pronouns whose noun came earlier,
# demonstratives ("These bursts"), and connectives ("However,", "But"). A brief that picks such
# a sentence without its predecessor leaves the reader asking "who?" or "but what?".
_DANGLING: dict[str, re.Pattern[str]] = {
    "english": re.compile(
        # A speaker's "we" without quotation marks (a live blog's transcript) leans on the
        # entry that named the speaker; inside quotation marks it opens a quote that names
        # its speaker after it.
        r"^(?:We|Our)\b"
        r"|^[\"'\u201c\u2018]?(?:He|She|It|They|Him|Her|His|Its|Their|Them|Such|Then|However|But"
        r"|And|Or|Nor|Yet|So|Also|Still|Meanwhile|Instead|Moreover|Furthermore|Besides"
        r"|Nevertheless|Nonetheless|Otherwise|Therefore|Thus|Hence|Likewise|Similarly|Indeed"
        r"|In addition|As a result|By contrast|In contrast|On the other hand|In fact|After all"
        r"|For (?:example|instance)|Even so|After that|The (?:latter|former|same|previous)"
        # "These bursts", "This is", but not "This year", "That night".
        r"|(?:This|That|These|Those)(?! (?:year|week|month|morning|afternoon|evening|night|day"
        r"|weekend|time|season|summer|winter|spring|autumn|fall)\b)"
        # A cause or a contrast whose other half came before: "Because space travel is hard."
        r"|Because|Others?|Everyone else|The rest|Both|Neither|Not only that|No wonder"
        # "For" as a conjunction: "For, while fear was …" gives the reason for a claim before.
        r"|For(?=, )"
        # A reply or a step on from what came before: "Well, most of us are.", "Oh, and if it
        # works, …", "If that's not a scary enough thought, …".
        r"|(?:Well|Oh)(?=, )|If (?:that|this)(?:'s|\u2019s| is| was| isn't| wasn't| were)"
        # An answer to a question left out: "If so, …", "If the answer is yes, …".
        r"|If (?:so|not)(?=,)|If the answer is (?:yes|no)"
        # A place told relative to one before: "Farther north, …", "Closer to home, …".
        r"|(?:Farther|Further) (?:north|south|east|west|afield|inland)|Closer to home"
        # One example of a point made before: "In 2021, to give one example, Liz Truss …".
        r"|[^,]{0,40}, to (?:give|take|cite) (?:one|an|another|just one) example\b"
        # A place in a ranking after one left out: "Right behind were Johnson and McIlroy."
        r"|(?:Right|Just|Close|Not far|Hot on (?:his|her|their) heels) behind\b"
        # A discovery about something told before: "It turns out, the student had learned …".
        r"|(?:As )?[Ii]t turns out|Turns out"
        # "Many, including Ancieta, don't want to leave.", "None became popular …": many or
        # none of a group named before.
        r"|(?:Many|Most|Some|Few)(?=, )|None (?=(?:became|was|were|is|are|has|had|have|could"
        r"|would|will|can|[a-z]+ed)\b)"
        # A fragment that adds to the sentence before: "Especially for terms like …".
        r"|(?:Especially|Particularly|Notably) (?:for|in|when|if|since|because|as|with|after)\b"
        r"|(?:Despite|In spite of|Apart from|Beyond|Besides|After|Before|Given|Above|Below|Under"
        r"|Over|Like|Unlike|Against) (?:this|that|these"
        r"|those|it|them)\b"
        # A view or step told before, taken up: "In expressing this view, Clinton joins …".
        r"|(?:In|By|After|Before|While|When|Since|With|Without) [a-z]+ing (?:this|that|these"
        r"|those|such) [a-z]+(?=,)"
        r"|(?:Even )?[Ww]orse(?: still| than that)?,?(?= )|Better still|As in\b|As such|Another"
        # A time counted from an event told before: "Two years later, prosecutors …".
        r"|(?:(?:A|An|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Several|A few|\d+)"
        r" (?:years?|months?|weeks?|days?|hours?|minutes?|decades?)|Years|Months|Weeks|Days"
        r"|Hours|Minutes|Moments|Decades|Shortly|Soon|Not long|Only) (?:later|afterwards?|after)"
        r"(?= ?,| (?:the|a|an|he|she|they|it|we|I)\b)"
        # The steps of an enumeration announced or begun before ("There are two reasons.").
        r"|(?:Firstly|Second|Secondly|Third|Thirdly|Fourth|Finally|Lastly|Next(?: up)?"
        r"|Up next)(?=,)"
        # "One is that we will keep …": the first of the points or reasons announced before.
        r"|(?:One|The (?:first|second|third|other|last)(?: one)?) (?:is|was) (?:that|to)\b"
        # An addition to a point before ("Plus City Deals …", "Now comes Number 6: …"), a speaker
        # quoted before who goes on ("Mr Ward continued: …"), an answer ("Yes the rate …",
        # "Nope, Corman …" after a question).
        r"|Plus\b|(?:Now|Then|Next) comes\b|Rounding out\b"
        r"|(?:(?:Mr|Mrs|Ms|Dr|Prof) )?[A-Z][\w'\u2019-]+ (?:continued|went on)(?=[:,])"
        r"|(?:Yes|Nope|Nah)(?=[, ])"
        # Legalese "said" for "the aforementioned": "Said bands play …".
        r"|Said (?=[a-z])"
        # A conclusion of what came before: "All in all, it's not a huge win."
        r"|All in all|In short|In sum|To sum up|Overall(?=,)|In the end(?=,)"
        r"|In (?:a|one|two) words?(?=[,:])"
        # "One of them is …", "Some of these …": a group named before.
        r"|(?:One|Some|Many|Most|All|Each|Few|None|Several|Two|Three|Both) of (?:them|these|those"
        r"|this|that|it)"
        # A question put to someone named before: "Asked if he would perform, the star …".
        r"|(?:Asked|Pressed|Told|Reached|Contacted) (?:if|whether|about|by|on|for|to)"
        r"|That(?:'|\u2019)s why|Which is why|Which"
        r"|(?:Now|Today|Later|Soon|Here|There|Again|Yet),? (?:he|she|they|it|his|her|their|its)"
        # "Now, the museum is receiving help": a turn in a story told before.
        r"|Now(?=,)|(?:By|For|In) comparison|That is(?=,)|In other words|Namely(?=,)"
        r"|(?:To put it|Put|Said|Stated) (?:another way|differently|more simply)(?=,)"
        # "Now contrast that with the risk …": a comparison with a point made before, and an
        # answer to it ("In response, Anderlecht was ordered …").
        r"|(?:Now )?(?:[Cc]ontrast|[Cc]ompare) (?:that|this|these|those)\b"
        r"|In (?:response|return)(?=,)"
        # "Similar findings have also been reported in …": like ones told before.
        r"|Similar (?:[a-z]+ )?(?:findings|results|figures|numbers|cases|concerns|problems"
        r"|studies|reports|incidents|claims|measures|patterns|trends)\b"
        # "Now that may not sound like much" (a figure told before), not "Now that the vote …".
        r"|Now,? (?:that|this) (?:may|might|could|would|will|is|was|seems|sounds|does|did|has)\b"
        # A definite noun phrase that names a kind of actor the article introduced earlier
        # ("The agency said Monday", "The company's shares"); a role such as "The mayor"
        # identifies its holder and stands alone.
        rf"|The (?:{BACK_NOUNS})(?:'s|\u2019s)?(?! (?:of|behind|that|which|who|whose|called"
        r"|named|known)\b)"
        # A pronoun subject after one or two opening phrases: "In a new case study out
        # Monday, they", "Today, in a new paper, he brings …" (not a clause that names the
        # pronoun's person: "At one point, Judge Ellis was so irritated, he …").
        r"|(?:[^,;:\"\u201c]{2,60}|[^,;:\"\u201c]{2,30}, [a-z][^,;:\"\u201c]{1,99}), "
        r"(?:(?:he|she|it|they|his|her|its|their)(?= )(?! (?:is|was) "
        r"(?:not )?(?:clear|unclear|likely|unlikely|possible|expected|time|hard|easy)\b)"
        # or a demonstrative's noun: "Most of the time, that discussion devolves …" (not a
        # relative clause: "… someone in your life, that is going to change everything").
        r"|(?:this|that|these|those) (?!(?:year|week|month|day|morning|afternoon|evening"
        r"|night|weekend|time|season)s?\b|(?:is|was|are|were|has|had|have|will|would|can"
        r"|could|may|might|must|should|does|did|do)\b|[a-z]+ed\b"
        r"|(?<=(?:at|is) )[a-z]+[^s]s\b)[a-z]+(?= [a-z]))"
        r")\b"
    ),
    "german": re.compile(
        r"^[\"'\u201e\u201c\u201a]?(?:Er|Sie|Es|Ihm|Ihr|Ihre|Sein|Seine|Dies|Diese|Dieser|Dieses"
        r"|Das|Dabei|Dazu|Daher|Deshalb|Damit|Darum|Aber|Doch|Jedoch|Und|Oder|Auch|Trotzdem"
        r"|Allerdings|Au\u00dferdem|Zudem|Dennoch|Stattdessen|Denn|Dagegen|Daraufhin|Daf\u00fcr"
        r"|Demnach|Somit|Folglich|Ebenso|Kein Wunder|Deswegen|Au\u00dferdem|Trotzdem"
        # Conclusions and later steps: "Unterm Strich", "Zweitens".
        r"|Unterm Strich|Alles in allem|Kurzum|Letztlich|Schlie\u00dflich|Zum Schluss|Zuletzt"
        r"|Immerhin|Insofern|Ansonsten|Zum anderen|Zweitens|Drittens|Viertens|Dann|Danach"
        r"|Konkret|Genauer gesagt|Dort|Ebenda|Zum Vergleich|Im Vergleich dazu|Damals"
        # A demonstrative pronoun as the object: "Den legte sie dem Verlag vor."
        r"|(?:Der|Die|Das|Den|Dem|Deren|Dessen) [a-z\u00e4\u00f6\u00fc\u00df]+ (?:sie|er|es|ich|wir"
        r"|man|ihr|du)"
        # A possessive whose owner came before: "Für seinen Einsatz sprach …".
        r"|(?:F\u00fcr|Mit|Nach|Bei|Von|Trotz|Wegen|In|Auf|Zu|Aus|Durch|\u00dcber) (?:sein|ihr)"
        r"(?:e|en|em|er|es)?"
        # A pronominal adverb or "back then" early on: "Die daraus resultierende Änderung",
        # "Vermutet wurde damals …".
        r"|(?:\S+ ){0,3}(?:daraus|darin|darauf|dadurch|daran|dar\u00fcber|darunter|dahinter"
        r"|damals|dort|ebendort|derselbe|dieselbe|dasselbe)"
        # A pronoun subject after a fronted phrase and the verb: "Mitte November wird sie …".
        r"|(?:\S+ ){1,4}(?:wird|wurde|hat|hatte|ist|war|soll|sollte|will|wollte|kann|konnte"
        r"|muss|musste|habe|sei|werde|w\u00e4re|h\u00e4tte) (?:sie|er)(?! (?:zu|nicht zu)\b))\b"
    ),
    "french": re.compile(
        r"^[\"'\u00ab\u201c]?\s?(?:Il|Elle|Ils|Elles|Ce|Cette|Ces|Cela|Ceci|Mais|Et|Ou|Donc|Pourtant"
        r"|Cependant|Toutefois|Ainsi|Aussi|En outre|Par ailleurs|De plus|Enfin|En effet"
        r"|D(?:'|\u2019)ailleurs|N\u00e9anmoins|Celui|Celle|Ceux|Celles|Lui|Leur|Leurs|Son|Sa|Ses"
        r"|Pour sa part|Quant \u00e0 (?:lui|elle|eux)|Pour (?:en|y)(?= )"
        # "C'est un début prometteur": what is promising was told before (not "C'est officiel :").
        r"|C['\u2019](?:est|\u00e9tait)(?![^.]{0,60}:))\b"
    ),
    # Connectives and demonstratives that open a sentence: "However" (ですが, しかし, 但是),
    # "so" (そのため, 因此), "this/that" (この, その, 这, 那), pronouns (彼, 他, 她).
    "japanese": re.compile(
        # "… says so" (そう語る, そう話す): the words it points at were left out.
        r"^(?=[^\u3002]{0,80}\u305d\u3046(?:\u8a9e|\u8a71|\u8a00|\u660e\u304b|\u8aac\u660e))"
        r"|^[\u300c\u300e]?(?:\u3067\u3059\u304c|\u3057\u304b\u3057|\u3060\u304c|\u3068\u3053\u308d\u304c"
        r"|\u305d\u306e|\u3053\u306e|\u3053\u308c|\u305d\u308c|\u3042\u306e|\u307e\u305f|\u3055\u3089\u306b"
        r"|\u4e00\u65b9|\u305f\u3060\u3057|\u3064\u307e\u308a|\u305d\u3057\u3066|\u5f7c|\u5f7c\u5973"
        r"|\u305d\u3093\u306a|\u3053\u3093\u306a"
        # "The said company/section" (同社, 同課): a body named before.
        r"|\u540c[\u4e00-\u9fff]"
        # A surname alone with its title ("木坂氏は", "岩本容疑者は"): named in full before.
        r"|[\u4e00-\u9fff]{1,2}(?:\u6c0f|\u3055\u3093|\u5bb9\u7591\u8005|\u88ab\u544a)\u306f)"
    ),
    "chinese": re.compile(
        r"^[\u201c\u300c]?(?:\u4f46\u662f|\u53ef\u662f|\u4f46|\u800c\u4e14|\u56e0\u6b64|\u6240\u4ee5|\u7136\u800c"
        r"|\u4e0d\u8fc7|\u6b64\u5916|\u53e6\u5916|\u8fd9|\u90a3|\u4ed6|\u5979|\u5b83|\u5176"
        # "Also" (也, not 也许 "maybe"), "and yet" (而), "mind you" (要知道), "the above" (以上,
        # 上述), "the said" (该研究), "about this" (对此, 为此, 由此), "this time/matter" (此次,
        # 此事), "at the same time" (同时), "afterwards" (随后, 此后), "back then" (当时).
        r"|\u4e5f(?!\u8bb8)|\u800c(?![\u4eca\u540e])|\u8981\u77e5\u9053|\u4ee5\u4e0a|\u4e0a\u8ff0|\u8be5"
        r"|\u5bf9\u6b64|\u4e3a\u6b64|\u7531\u6b64|\u6b64\u6b21|\u6b64\u4e8b|\u540c\u65f6|\u968f\u540e"
        r"|\u6b64\u540e|\u5f53\u65f6"
        # "The one who said this" (说这话的, 说这番话的): the quotation came before.
        r"|\u8bf4\u8fd9(?:\u8bdd|\u756a\u8bdd|\u4e9b\u8bdd)"
        # He or she after a short opening phrase and a comma: "最近 他向…" (recently, he …).
        r"|[\u4e00-\u9fff\d]{1,6}\uff0c(?:\u4ed6|\u5979|\u5b83)"
        # "As can be seen" (可以看到, 可以看出, 由此可见): a figure, a table or code above.
        r"|\u53ef\u4ee5\u770b[\u5230\u51fa]|\u7531\u6b64\u53ef\u89c1"
        # A verb whose subject came before: "助力…" (helping …), "旨在…" (aimed at), "致力于…".
        r"|\u52a9\u529b|\u65e8\u5728|\u81f4\u529b\u4e8e)"
    ),
    # He, she (그는, 그녀는), but (그러나, 하지만), also (또한), so (이에), this (이는),
    # meanwhile (한편), then (이어), and "saying so" (그러면서).
    "korean": re.compile(
        # "… said this" (이같이 말했다, 이렇게 밝혔다): the quotation came before.
        r"^(?=[^.]{0,150}(?:\uc774\uac19\uc774|\uc774\ub807\uac8c) (?:\ub9d0|\ubc1d|\uac15\uc870"
        r"|\uc124\uba85|\uc804))"
        r"|^[\"'\u201c]?(?:\uadf8\ub294|\uadf8\ub140\ub294|\uadf8\uac00|\uadf8\ub140\uac00"
        r"|\uadf8\ub7ec\ub098|\ud558\uc9c0\ub9cc|\uadf8\ub7f0\ub370|\ub610\ud55c|\uc774\uc5d0"
        r"|\uc774\ub294|\uc774\uc640 \ud568\uaed8|\uadf8\ub7ec\uba74\uc11c|\ud55c\ud3b8"
        r"|\uc774\uc5b4)(?=[\s,])"
    ),
    "spanish": re.compile(
        r"^[\"'\u00ab\u201c]?(?:\u00c9l|Ella|Ellos|Ellas|Este|Esta|Estos|Estas|Eso|Esto|Pero|Y|O"
        r"|Sin embargo|Adem\u00e1s|Tambi\u00e9n|Por eso|As\u00ed|Ese|Esa|Esos|Esas|Finalmente"
        r"|Por \u00faltimo|Asimismo|Por su parte|No obstante|En tanto|Por ello|Por lo tanto"
        r"|Dicho|Dicha|Su|Sus|Aun as\u00ed|Entonces|Luego|De hecho|En cambio|Ello|Esto"
        # "En ese marco, …", "Ante esta situación, …": a frame set by the sentence before.
        r"|(?:En|Ante|Con|Por|Tras|Desde|Frente a) (?:ese|esa|esos|esas|este|esta|estos|estas"
        r"|dicho|dicha|tal|aquel|aquella) (?!(?:a\u00f1o|mes|semana|d\u00eda|fin de semana"
        r"|momento|martes|lunes|mi\u00e9rcoles|jueves|viernes|s\u00e1bado|domingo)\b))\b"
    ),
    "portuguese": re.compile(
        r"^[\"'\u00ab\u201c]?(?:Ele|Ela|Eles|Elas|Isso|Isto|Esse|Essa|Esses|Essas|Este|Esta"
        r"|Mas|E|Por\u00e9m|Tamb\u00e9m|Assim|Al\u00e9m disso|No entanto|Contudo|Por isso"
        r"|Seu|Sua|Seus|Suas|Ent\u00e3o|Depois)\b"
    ),
    "russian": re.compile(
        r"^[\"'\u00ab\u201e\u201c]?(?:\u041e\u043d|\u041e\u043d\u0430|\u041e\u043d\u043e"
        r"|\u041e\u043d\u0438|\u0415\u0433\u043e|\u0415\u0451|\u0418\u0445|\u042d\u0442\u043e"
        r"|\u042d\u0442\u043e\u0442|\u042d\u0442\u0430|\u042d\u0442\u0438|\u041d\u043e|\u0418"
        r"|\u0410|\u041e\u0434\u043d\u0430\u043a\u043e|\u0422\u0430\u043a\u0436\u0435"
        r"|\u041f\u043e\u044d\u0442\u043e\u043c\u0443|\u0422\u043e\u0433\u0434\u0430"
        r"|\u0422\u0430\u043c|\u041f\u0440\u0438 \u044d\u0442\u043e\u043c)(?![\w-])"
    ),
    "italian": re.compile(
        r"^[\"'\u00ab\u201c]?(?:Lui|Lei|Loro|Questo|Questa|Questi|Queste|Ci\u00f2|Ma|E|Per\u00f2"
        r"|Tuttavia|Inoltre|Anche|Quindi|Cos\u00ec|Invece|Infatti|Poi|Intanto|Suo|Sua|Suoi|Sue"
        r"|In questo|Per questo|Dunque|Allora)\b"
    ),
    "dutch": re.compile(
        r"^[\"'\u201c\u2018]?(?:Hij|Zij|Ze|Hem|Haar|Hun|Zijn|Dit|Deze|Dat|Die|Maar|En|Ook|Toch"
        r"|Daarom|Daarnaast|Bovendien|Verder|Echter|Wel|Dus|Daar|Daarbij)\b"
    ),
    "polish": re.compile(
        r"^[\"'\u201e\u201c]?(?:On|Ona|Oni|One|Jego|Jej|Ich|To|Ten|Ta|Ci|Te|Ale|I|Jednak"
        r"|Tak\u017ce|R\u00f3wnie\u017c|Dlatego|Natomiast|Ponadto|Wi\u0119c|Tam)(?![\w-])"
    ),
    "swedish": re.compile(
        # Not "De" or "Det": also the articles of "De nya reglerna", "Det nya året".
        r"^[\"'\u201d]?(?:Han|Hon|Dem|Hans|Hennes|Deras|Detta|Dessa|Men|Och|Dessutom"
        r"|D\u00e4rf\u00f6r|D\u00e4r|Ocks\u00e5|Samtidigt)\b"
    ),
    "danish": re.compile(
        r"^[\"'\u201d\u00bb]?(?:Han|Hun|Dem|Hans|Hendes|Deres|Dette|Disse|Men|Og"
        r"|Desuden|Derfor|Ogs\u00e5|Samtidig)\b"
    ),
    "hungarian": re.compile(
        r"^[\"'\u201e\u201c]?(?:Ez|Ezt|Ezek|Ennek|Emiatt|Ebben|Erre|Ez\u00e9rt|\u00c9s|De|Azonban"
        r"|\u0150|\u0150k|\u00cdgy|Teh\u00e1t|Emellett|Ugyanakkor|Viszont|Sz\u00e1m\u00e1ra)(?![\w-])"
    ),
}


# A quotation's speaker given only as a pronoun: '…," she said.', '…" they told reporters.',
# and reported speech: "Prices will fall, he said."
_PRONOUN_SPEAKER: dict[str, re.Pattern[str]] = {
    "english": re.compile(
        r"[,.!?\u2026][\"'\u201d\u2019]? (?:he|she|they) (?:said|says|told|added|adds|wrote|writes"
        r"|explained|continued|argued|insisted|warned|noted|tells|recalled|recalls)\b"
    ),
}


# A body named only by what it is, as the source of a claim: "In a report published over the
# weekend, the paper claimed …" when an earlier sentence named the paper. Not when this sentence
# introduced it first ("A report by the council … The report found" is two sentences).
_UNNAMED_SOURCE = re.compile(
    r"\bthe (?P<noun>paper|newspaper|outlet|broadcaster|report|memo|study|survey|document"
    r"|letter|filing|lawsuit)"
    r" (?:\w+ ){0,2}?(?:said|says|claimed|claims|reported|reports|found|finds|showed|shows"
    r"|stated|states|alleged|alleges|added|wrote|argued|warned|noted)\b"
)
# A sentence that ends on what an earlier one said: "Trump has said that more than once."
# A short sentence whose verb takes "it" as its object at a clause's end ("Some people seem to
# "get" it, and others don't."): what "it" is, the line before said.
_OBJECT_IT = re.compile(
    r"\b(?:get|gets|got|do|does|did|done|make|makes|made|like|likes|liked|love|loved|hate|hated"
    r"|want|wants|wanted|need|needs|needed|see|sees|saw|seen|know|knows|knew|understand"
    r"|understood|feel|felt|try|tried|use|used)[\"'\u201d\u2019]? it[\"'\u201d\u2019]?(?:,|[.!]$)"
)
_SHORT_WORDS = 12
_ENDS_ON_BACK_REFERENCE = re.compile(
    r"\b(?:said|says|say|heard|seen|done|did|does|tweeted|written|wrote|repeated) (?:that|this|it"
    r"|so)(?: (?:more than once|again|before|often|many times|repeatedly|publicly|too|as well"
    r"|himself|herself|themselves))?[.!]$"
    # "Wiig smiles when I tell her this.", "… still aging in their barrels there."
    r"|\b(?:this|that|there)[.!]$"
    # "The reviews haven't been kind either.": as little as something said before.
    r"|\beither[.!]$"
    # A comparison with a figure told before: "The December reading is even higher, at 93.8."
    r"|\b(?:is|was|are|were) even (?:higher|lower|more|less|better|worse|bigger|smaller"
    r"|larger|greater|faster|slower)\b"
    # "this" standing for a thing, not before one: "Supporters openly criticised this, using
    # social media …".
    # A group named before, set against one of it: "Mr Tillerson may differ from the others …".
    r"|\b(?:from|than|like|unlike) the others\b"
    r"|\b(?:criticised|criticized|opposed|welcomed|rejected|condemned|denied|confirmed|slammed"
    r"|praised|questioned|dismissed|disputed|defended|supported|protested) (?:this|that|these"
    r"|those)[,;:]"
)


# "these questions", "those plans" early in a sentence point at something said before
# ("these days" and "those years" do not).
_DEMONSTRATIVE = re.compile(
    r"^(?:\S+ ){0,12}?(?:these|those) (?!(?:days|years|months|weeks|times|hours)\b)[a-z]"
    # An instruction's step that counts on earlier ones: "Repeat step 3", "Fold the remaining
    # 6 half sheets".
    r"|\b(?i:repeat|see|as in|after|from) steps? \d|^(?:\S+ ){0,6}?the remaining\b"
    # "… 85% of that market", "To that end, …": after a preposition "that" points back (as
    # a conjunction it follows a verb: "said that company profits rose").
    r"|^(?:\S+ ){0,12}?(?i:of|in|on|for|from|to|with|by|about|into|within|across) that"
    r" (?!(?:time|point|moment|year|day|night|week|month|period|is|was|would|will|can|could"
    r"|has|had|may|might)\b)[a-z]"
)


# Third-person pronouns, and the determiners that open a noun phrase that could be their
# antecedent, per language.
_PRONOUNS: dict[str, frozenset[str]] = {
    "english": _words("he she they his her their him them hers theirs"),
    "german": _words(
        "er sie ihr ihre ihren ihrem ihrer ihres sein seine seinen seinem seiner seines ihm ihn"
    ),
    "spanish": _words("él ella ellos ellas su sus le les"),
    "portuguese": _words("ele ela eles elas seu sua seus suas lhe lhes"),
    "french": _words("il elle ils elles son sa ses leur leurs lui"),
    "italian": _words("lui lei loro suo sua suoi sue"),
}
_DETERMINERS: dict[str, frozenset[str]] = {
    "english": _words("the a an this that these those every each"),
    "german": _words(
        "der die das den dem des ein eine einen einem einer eines dieser diese dieses jeder"
    ),
    "spanish": _words("el la los las un una unos unas este esta estos estas"),
    "portuguese": _words("o a os as um uma uns umas este esta estes estas"),
    "french": _words("le la les l un une des ce cet cette ces du"),
    "italian": _words("il lo la i gli le l un uno una questo questa"),
}
_PRONOUN_WINDOW = 5
_CATAPHORA_WORDS = 10
_TOKEN = re.compile(r"[^\W\d_][\w'\u2019-]*")


# A conclusion drawn from what came before, anywhere in the sentence: "Certains itinéraires
# se retrouvaient donc avec moins de 50 élèves", "The plan therefore failed".
_CONCLUSION: dict[str, re.Pattern[str]] = {
    "english": re.compile(r"\btherefore\b", re.IGNORECASE),
    "french": re.compile(r"\bdonc\b|\bpar cons\u00e9quent\b", re.IGNORECASE),
    "spanish": re.compile(r"\bpor (?:lo )?tanto\b|\bpor consiguiente\b", re.IGNORECASE),
    "portuguese": re.compile(r"\bportanto\b|\bpor conseguinte\b", re.IGNORECASE),
    "italian": re.compile(r"\bquindi\b|\bpertanto\b|\bdunque\b", re.IGNORECASE),
    "german": re.compile(r"\b(?:deshalb|daher|deswegen|folglich|somit)\b", re.IGNORECASE),
}


def _pronoun_before_antecedent(sentence: str, language: str) -> bool:
    """A third-person pronoun among the first words, after nothing but function words, that
    no name just after it explains: "Ist ihr Lebensraum zerstört, rücken sie näher", "A
    cambio de su voto, le ofrecían …", "Most recently they topped the charts". Not "The
    minister said his plan", "Biden said his", "Many patients … their", nor the forward
    reference of "In his new job, Mr Ghosn …"."""
    pronouns = _PRONOUNS.get(language)
    if pronouns is None:
        return False
    stop = tools(language).stop_words
    tokens = _TOKEN.findall(sentence)
    for position, word in enumerate(tokens[:_PRONOUN_WINDOW]):
        lower = word.lower()
        # "Sie" inside a German sentence is the polite "you", not "she" or "they".
        if lower in pronouns and not (language == "german" and word == "Sie" and position):
            # German capitalises every noun, so a capital after the pronoun names no one.
            after = tokens[position + 1 : position + 1 + _CATAPHORA_WORDS]
            return language == "german" or not any(w[:1].isupper() for w in after)
        if lower in _DETERMINERS[language] or (lower not in stop and len(lower) > 1):
            return False  # a word the pronoun may stand for, or a noun phrase's start
    return False


# "When marketing execs consider inbound marketing, they focus …": a clause opened by a
# subordinator names its own subject, a plural noun before its verb, which the "they" after
# the comma stands for.
_OWN_SUBJECT = re.compile(
    r"^(?:When|Whenever|If|As|Because|While|Although|Though|Once|Unless|Until|Before|After"
    r"|Since) (?:(?:the|many|most|some|all|these|those|such|more|fewer) )?(?:[a-z-]+ ){0,2}"
    r"[a-z-]{2,}[^s\W]s (?!(?:of|in|on|at|for|with|and|or|to|from)\b)[a-z]"
)


def _opens_on(sentence: str, language: str) -> bool:
    pattern = _DANGLING.get(language)
    found = pattern.match(sentence) if pattern is not None else None
    if found is None:
        return False
    return not (
        language == "english"
        and found.group(0).endswith((" they", " their"))
        and _OWN_SUBJECT.match(sentence) is not None
    )


def opens_on_reference(sentence: str, language: str) -> bool:
    """Whether the sentence's first words point back ("She said", "However,", "Auch", "Darin"),
    the narrowest of the tests ``dangles`` makes."""
    return _opens_on(sentence, language) or opens_leaning(sentence, language)


# The writer in the first person and someone only as "he" or "they", no quotation in sight:
# an interviewer's narration ("When I suggest the public hate the fact they accepted …, he
# interrupts me."), whose "he" and "they" the line before named.
_ANY_QUOTE = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb]")
_WRITER = re.compile(r"\b(?:I|me|my)\b")
_SOMEONE = re.compile(r"\b(?:he|she|they|him|her|them)\b")


def _writer_and_someone(sentence: str) -> bool:
    if _ANY_QUOTE.search(sentence):
        return False  # inside a quotation, or a piece of one punkt cut off: a speaker's "I"
    return bool(_WRITER.search(sentence) and _SOMEONE.search(sentence))


def dangles(sentence: str, language: str) -> bool:
    """Whether a sentence needs the sentence before it to make sense.

    It opens on a pronoun or connective ("She said", "These bursts", "However,"), has one
    early in its first clause in another language (``leaning.leans``), has a pronoun before
    any name it could stand for, draws a conclusion ("donc", "therefore"), ends a quotation
    that an earlier sentence opened (a closing quote before any opening one), is all quotation
    with no speaker, or its speaker is only "he", "she" or "they".
    """
    if _opens_on(sentence, language):
        return True
    if leans(sentence, language):
        return True
    if _pronoun_before_antecedent(sentence, language):
        return True
    conclusion = _CONCLUSION.get(language)
    if conclusion is not None and conclusion.search(sentence):
        return True
    if language == "english" and (
        _ENDS_ON_BACK_REFERENCE.search(sentence) or _DEMONSTRATIVE.search(sentence)
    ):
        return True
    if (
        language == "english"
        and len(sentence.split()) <= _SHORT_WORDS
        and _OBJECT_IT.search(sentence)
    ):
        return True
    if language == "english" and _unnamed_source(sentence):
        return True
    if language == "english" and _LATER_THAN_BEFORE.search(sentence):
        return True
    if language == "english" and _writer_and_someone(sentence):
        return True
    opening, closing = OPENING_QUOTES, CLOSING_QUOTES
    if language == "german":
        opening, closing = GERMAN_QUOTES
    close = min((i for i in map(sentence.find, closing) if i >= 0), default=-1)
    if close >= 0:
        opened = [i for i in map(sentence.find, opening) if i >= 0]
        if not opened or min(opened) > close:
            return True
    # Straight quotes: the first one closes a quotation when a space, punctuation or the end
    # follows it ('… é deles", disse.'), where an opening one is followed by a word.
    straight = sentence.find('"')
    if straight > 0 and sentence[straight + 1 : straight + 2] in ("", " ", ",", ".", ";", ":"):
        return True
    if all_quotation(sentence, language):
        return True
    if language == "english" and opens_single_quote_unclosed(sentence):
        return True
    speaker = _PRONOUN_SPEAKER.get(language)
    return speaker is not None and speaker.search(sentence) is not None


# A time counted from an event told in the sentence before: "The first approval for the drug
# was a year later, …" (than the designation in 2011). Not "… released two days later", whose
# event is in the same sentence.
_LATER_THAN_BEFORE = re.compile(
    r"\b(?:was|were|came|followed) (?:a|an|one|two|three|four|five|six|several|a few|\d+)"
    r" (?:years?|months?|weeks?|days?|decades?) later\b"
)


def _unnamed_source(sentence: str) -> bool:
    found = _UNNAMED_SOURCE.search(sentence)
    if found is None:
        return False
    # "A report by the council … and the report found": introduced in this sentence.
    before = sentence[: found.start()].casefold()
    return f"a {found['noun']}" not in before and f"an {found['noun']}" not in before
