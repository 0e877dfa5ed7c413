"""The commonest function words of languages sumy ships no stop-word list for: data only, read
by ``language.detect_language`` to recognise a text's language, never to brief it.

The lists are short (the words that make up a large share of any running text) and leave out
words that are common in many languages ("de", "en", "a"), which would only thin out the
others' counts, unless the language's own list would be too thin without them: a word listed
for several languages counts that much less for each, so the words only one language uses
decide between neighbours (Danish "af", "efter" against Norwegian "av", "etter"; Croatian
"što", "tko" against Serbian "šta", "ko").
"""

from __future__ import annotations

# Supported languages (punkt or a stemmer knows them) whose stop words sumy does not list.
DETECTION_WORDS: dict[str, str] = {
    "dutch": "de het een en van in is op te dat die voor met niet zijn er ook als naar bij aan"
    " om maar door was werd wordt worden heeft hebben deze dit nog over uit tot kan zal",
    # Danish and Norwegian share most of these; the weighting in detect_language lets the
    # words only one of them uses ("af", "efter", "blev" against "av", "etter", "ble") decide.
    # Words common to many languages' lists ("de", "en", "i", "for") are left out: they would
    # only thin out the others' counts.
    "danish": "og at det den til er som på med af ikke der sig har"
    " vi efter blev kan skal også fra hvor eller hvad deres denne dette når være bliver havde"
    " mig siger",
    "norwegian": "og at det den til er som på med av ikke der seg har"
    " vi etter ble kan skal også fra hvor eller hva deres denne dette når være blir hadde meg"
    " sier å",
    "estonian": "ja on ei et see kui ka oli mis aga nii siis ta nad või veel kes seda selle"
    " mida juba pole kus üle pärast kuid tema nende oma ning olnud ainult kõik",
    "finnish": "ja on ei että se oli kun mutta myös ovat hän he tai jo vielä kuin mitä joka"
    " jotka sen sitä tämä tämän niin nyt kanssa mukaan jälkeen ole olla ollut sekä eikä vain"
    " koska",
    "hungarian": "az és hogy nem egy meg de csak már még volt van ez azt ezt mint vagy"
    " után között szerint pedig kell lesz lett sem mert amely amelyek akkor ha nagyon most",
    # Both the comma-below letters (ș, ț) and the cedilla ones (ş, ţ) many sites still use.
    "romanian": "și şi în că din pe este sunt fost nu mai care ce pentru dar sau după până"
    " prin această acest acesta aceasta fi va vor au iar doar între lui ale cu",
    "slovene": "in je da na v za se so ki pa tudi ne bo z ali kot po še lahko le od iz pri"
    " bi sem smo ter že kar bila bil bilo",
    "turkish": "ve bir bu da için ile olarak olan çok daha gibi ama ancak ise kadar sonra"
    " göre diye değil var yok tarafından ki şu bunu",  # noqa: RUF001 - Turkish has a dotless i
}

# The words Croatian, Bosnian and Serbian share.
_SHTOKAVIAN = (
    "je i u da na za se su od iz kao ali bi nije sa o po ili kako koji koja koje ne još samo"
    " već biti bio bila sam ovu ovo ova ove ovaj nakon zbog prema jer dok kada može svoj svom"
    " svoje svoju sebe kojom kojoj kojeg kojem kojih kojima bili bile joj"
)

# Languages no stemmer, stop-word list or sentence model here knows, written in the Latin
# alphabet with spaces between words and periods at sentence ends: they are recognised, named
# and briefed with the generic rules (see ``language.generic_languages``).
GENERIC_LANGUAGE_WORDS: dict[str, str] = {
    "swahili": "na ya wa kwa za la katika ni kuwa hiyo huo hii hizo pia lakini au cha vya"
    " kama baada hadi sasa wake yake zake wao kwamba hata bado zaidi hao kutoka ambao ambayo"
    " ambapo amesema alisema",
    # Zulu and Xhosa share some words ("kodwa", "kakhulu", "abantu"); "futhi", "noma", "uma",
    # "manje" are Zulu's, "kwaye", "okanye", "xa", "ngoku" Xhosa's.
    "zulu": "ukuthi futhi kodwa noma uma kanye lokho lokhu kusho esho kakhulu ngoba manje"
    " lapho khona abantu ukuze yena bona nje kanti ngakho phakathi kuphela lowo lesi uthe"
    " bathi ngemuva kuthiwa okuthiwa kubikwa ngokusho kumele kusukela namuhla njengoba",
    "xhosa": "ukuba kwaye kodwa okanye ukuze ngoko kuba kakhulu ngoku apho kule eli ezi oko"
    " ngelixa nje kunye xa ke yena bona sele ngenxa abantu emva utshilo uthe wathi nangona"
    " kunjalo malunga kwakhona ngokutsho kufuneka namhlanje okokuba kwi yaye ngethuba njengoko"
    " yakhe wakhe lakhe kwakhe kananjalo ukusukela leli ezingama engama",
    "afrikaans": "die nie vir wat hy sy hulle ons baie gesê hierdie sê omdat word het van"
    " te om op met ook maar aan deur sal kan dit uit oor daar weer toe",
    # Indonesian and Malay share most function words; "karena", "bahwa", "setelah" are
    # Indonesian's, "kerana", "bahawa", "selepas" Malay's.
    "indonesian": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke oleh"
    " ada adalah telah mereka kami kita atau sebagai lebih hingga seperti menjadi jika masih"
    " dapat kepada tetapi namun bagi karena bahwa bisa saat sudah para tersebut setelah"
    " yaitu saja",
    "malay": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke oleh"
    " ada adalah telah mereka kami kita atau sebagai lebih hingga seperti menjadi jika masih"
    " dapat kepada tetapi namun bagi kerana bahawa boleh daripada ialah iaitu sahaja selepas"
    " semasa manakala",
    "tagalog": "ang ng sa na mga ay si ni kay hindi ito iyon siya sila kami tayo namin nila"
    " niya kanyang kanilang mayroon din rin lamang lang ngunit kung dahil upang nang noong"
    " habang ayon naman",
    "lithuanian": "ir yra kad į su iš bet tai kaip ar jau dar buvo bus jo jos jų taip pat"
    " tik nuo iki per už apie prie kai nes kuris kuri kurie savo šis ši šie tačiau arba",
    "latvian": "un ir ka ar uz par no kā lai bet arī tas tā šo šī jau vēl bija būs viņš"
    " viņa viņi pēc līdz pie kas kur tikai gan vai nav tiek tika",
    # Croatian, Bosnian and Serbian share most of their words; the Croatian "što", "tko",
    # "tijekom", the Serbian "šta", "ko", "tokom" and the vowel in "prije" (Croatian,
    # Bosnian) against "pre" (Serbian) tell them apart.
    "croatian": _SHTOKAVIAN + " što tko također tijekom tisuća prije poslije vrijeme gdje",
    "bosnian": _SHTOKAVIAN + " šta ko hiljada prije poslije vrijeme gdje",
    "serbian": _SHTOKAVIAN + " šta ko hiljada takođe tokom pre posle vreme gde",
    "vietnamese": "của và là có được cho các trong những một với không này người đã để khi"
    " đến từ theo cũng như vào ra sẽ tại về nhiều sau",
    "catalan": "i els amb és dels va han són més però també aquest aquesta molt fins perquè"
    " seva seu hi ho pel pels així ara segons sense durant aquests aquestes això",
    "icelandic": "og að í á er sem til við um með var ekki það hann hún þeir þau fyrir af"
    " eftir hafa hefur verið hafði eru úr frá þegar þessi þetta einnig",
    "albanian": "dhe të në një për që nga është janë ka kanë së si por edhe më ky kjo"
    " këtë atë ishte ose pas deri mbi tij saj tyre",
    "somali": "iyo ee ka ay oo waxa waxaa ku la soo si uu ayaa aan ah kale hadda kadib"
    " kuwa waxay inuu inay sida laga",
    "hausa": "da na ta ya su ne ce cikin kuma wanda wadda don amma ba shi ita sun yi"
    " daga zuwa kan game wannan inda lokacin kamar sai har",
    # Yoruba's tone marks are often combining characters, which end a word as read here:
    # only words written with precomposed letters are listed.
    "yoruba": "ni ti àti pé sí fún wọn ó kò láti náà yìí tí bí nínú kí lórí fi àwọn gbogbo ìjọba",
}

# The share of the words read that a language's listed words must make up for the text to be
# taken as that language, where it is not language.py's usual tenth: Zulu and Xhosa attach
# most of their function words to the next word as prefixes ("ngokusho", "kwabantu"), so
# fewer whole words of theirs are listed ones.
MIN_SHARES: dict[str, float] = {"zulu": 0.05, "xhosa": 0.05}
