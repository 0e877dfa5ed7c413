"""Languages told by their commonest words, declared or not: those briefs are made in, and
those briefed with the generic rules under their own name, never labelled English.

Every text here was written for these tests.
"""

# ruff: noqa: RUF001 - Turkish is written with a dotless i

from __future__ import annotations

import pytest

from bot.briefs import brief_article, detect_language, generic_languages, supported_languages

# A few sentences of local news in each language.
TEXTS = {
    "swahili": (
        "Serikali imesema kwamba ujenzi wa barabara mpya ya kuunganisha mji na kijiji utaanza "
        "mwezi ujao. Wakazi wa eneo hilo wamesema kuwa wamesubiri kwa muda mrefu, lakini sasa "
        "wana matumaini makubwa. Mkuu wa wilaya alisema pia kwamba shule mbili zitajengwa "
        "katika kipindi cha mwaka huu na kwamba fedha za mradi huo zimetolewa na wafadhili."
    ),
    "zulu": (
        "Abantu abaningi bathi bayajabula ngoba isibhedlela esisha sizovulwa ngenyanga ezayo. "
        "Umeya uthe lokhu kuzosiza kakhulu abantu abahlala ezindaweni ezikude, futhi "
        "kuzoqashwa nabasebenzi abasha. Kodwa abanye abahlali bathi kufanele kuqala "
        "kulungiswe umgwaqo, ngoba manje izimoto azikwazi ukufika lapho uma lina. Ngokusho "
        "komeya, umsebenzi uzoqala kusukela namuhla."
    ),
    "xhosa": (
        "Abantu abaninzi bathi bayavuya kuba isibhedlele esitsha siza kuvulwa kwinyanga "
        "ezayo. Usodolophu uthe oku kuza kunceda kakhulu abantu abahlala kwiindawo ezikude, "
        "kwaye kuza kuqeshwa nabasebenzi abatsha. Kodwa abanye abahlali bathi kufuneka kuqala "
        "kulungiswe indlela, ngoba ngoku iimoto azikwazi ukufika apho xa kunetha. Ngokutsho "
        "kukasodolophu, umsebenzi uza kuqala namhlanje, nangona kunjalo imali ayikafiki."
    ),
    "afrikaans": (
        "Die munisipaliteit het gesê dat die nuwe brug oor die rivier teen die einde van die "
        "jaar klaar sal wees. Inwoners sê hulle wag al baie lank vir hierdie projek, omdat "
        "die ou brug nie meer veilig is nie. Volgens die burgemeester sal die werk ook nuwe "
        "poste skep, maar hy het nie gesê hoeveel mense aangestel sal word nie."
    ),
    "indonesian": (
        "Pemerintah kota mengatakan bahwa jembatan baru di atas sungai itu akan selesai pada "
        "akhir tahun. Warga sudah lama menunggu proyek tersebut karena jembatan yang lama "
        "tidak lagi aman. Menurut wali kota, pekerjaan ini juga akan membuka lapangan kerja "
        "baru, tetapi ia tidak menyebutkan berapa orang yang akan dipekerjakan setelah proyek "
        "selesai."
    ),
    "malay": (
        "Kerajaan negeri berkata bahawa jambatan baharu di atas sungai itu akan siap pada "
        "akhir tahun. Penduduk sudah lama menunggu projek tersebut kerana jambatan yang lama "
        "tidak lagi selamat. Menurut datuk bandar, kerja ini juga akan mewujudkan peluang "
        "pekerjaan baharu, tetapi beliau tidak menyatakan berapa ramai yang boleh diambil "
        "bekerja selepas projek itu siap."
    ),
    "tagalog": (
        "Sinabi ng pamahalaang lungsod na matatapos ang bagong tulay sa ibabaw ng ilog sa "
        "katapusan ng taon. Matagal nang hinihintay ng mga residente ang proyekto dahil hindi "
        "na ligtas ang lumang tulay. Ayon sa alkalde, magbubukas din ito ng mga bagong "
        "trabaho, ngunit hindi niya sinabi kung ilang tao ang kukunin para sa proyekto."
    ),
    "lithuanian": (
        "Miesto savivaldybė pranešė, kad naujas tiltas per upę bus baigtas iki metų pabaigos. "
        "Gyventojai sako, kad jau seniai laukia šio projekto, nes senas tiltas nebėra saugus. "
        "Pasak mero, darbai taip pat sukurs naujų darbo vietų, tačiau jis nepasakė, kiek "
        "žmonių bus įdarbinta ir kada prasidės statybos."
    ),
    "latvian": (
        "Pilsētas dome paziņoja, ka jaunais tilts pār upi būs pabeigts līdz gada beigām. "
        "Iedzīvotāji saka, ka viņi jau sen gaida šo projektu, jo vecais tilts vairs nav "
        "drošs. Pēc mēra teiktā, darbi arī radīs jaunas darba vietas, bet viņš nepateica, cik "
        "cilvēku tiks pieņemti darbā un kad sāksies būvniecība."
    ),
    "estonian": (
        "Linnavalitsus teatas, et uus sild üle jõe valmib aasta lõpuks. Elanikud ütlevad, et "
        "nad on seda projekti juba kaua oodanud, sest vana sild ei ole enam ohutu. Linnapea "
        "sõnul loob töö ka uusi töökohti, kuid ta ei öelnud, kui palju inimesi tööle võetakse "
        "ja millal ehitus algab."
    ),
    "finnish": (
        "Kaupunki kertoi, että uusi silta joen yli valmistuu vuoden loppuun mennessä. "
        "Asukkaat sanovat, että he ovat odottaneet hanketta jo pitkään, koska vanha silta ei "
        "ole enää turvallinen. Pormestarin mukaan työ luo myös uusia työpaikkoja, mutta hän "
        "ei kertonut, kuinka monta ihmistä palkataan ja milloin rakentaminen alkaa."
    ),
    "hungarian": (
        "A város vezetése bejelentette, hogy az új híd a folyó felett az év végéig elkészül. "
        "A lakók szerint már nagyon régóta várnak erre a beruházásra, mert a régi híd nem "
        "biztonságos. A polgármester szerint a munka új munkahelyeket is teremt, de azt nem "
        "mondta meg, hogy hány embert vesznek fel, és mikor kezdődik az építkezés."
    ),
    "romanian": (
        "Primăria a anunțat că noul pod peste râu va fi gata până la sfârșitul anului. "
        "Locuitorii spun că așteaptă de mult acest proiect, pentru că podul vechi nu mai este "
        "sigur. Potrivit primarului, lucrările vor crea și noi locuri de muncă, dar el nu a "
        "spus câți oameni vor fi angajați și când vor începe lucrările."
    ),
    "turkish": (
        "Belediye, nehir üzerindeki yeni köprünün yıl sonuna kadar tamamlanacağını açıkladı. "
        "Bölge sakinleri bu projeyi uzun süredir beklediklerini, çünkü eski köprünün artık "
        "güvenli olmadığını söylüyor. Belediye başkanına göre çalışmalar yeni iş imkanları da "
        "yaratacak, ancak kaç kişinin işe alınacağı ve inşaatın ne zaman başlayacağı henüz "
        "belli değil. Bu konuda daha fazla bilgi için bir toplantı yapılacak ve herkes davet "
        "edilecek."
    ),
    "czech": (
        "Městský úřad oznámil, že nový most přes řeku bude hotový do konce roku. Obyvatelé "
        "říkají, že na tento projekt čekají už velmi dlouho, protože starý most už není "
        "bezpečný. Podle starosty práce také vytvoří nová pracovní místa, ale neřekl, kolik "
        "lidí bude přijato a kdy stavba začne."
    ),
    "polish": (
        "Urząd miasta poinformował, że nowy most na rzece będzie gotowy do końca roku. "
        "Mieszkańcy mówią, że czekają na ten projekt już bardzo długo, ponieważ stary most "
        "nie jest już bezpieczny. Według burmistrza prace stworzą też nowe miejsca pracy, ale "
        "nie powiedział, ile osób zostanie zatrudnionych i kiedy rozpocznie się budowa."
    ),
    "slovene": (
        "Mestna občina je sporočila, da bo novi most čez reko končan do konca leta. "
        "Prebivalci pravijo, da na ta projekt čakajo že zelo dolgo, ker stari most ni več "
        "varen. Po besedah župana bodo dela ustvarila tudi nova delovna mesta, vendar ni "
        "povedal, koliko ljudi bo zaposlenih in kdaj se bo gradnja začela."
    ),
    "croatian": (
        "Gradska uprava objavila je da će novi most preko rijeke biti gotov do kraja godine. "
        "Stanovnici kažu da na taj projekt čekaju već jako dugo, jer stari most više nije "
        "siguran. Prema riječima gradonačelnika, radovi će također otvoriti nova radna "
        "mjesta, ali nije rekao koliko će ljudi biti zaposleno i kada počinje gradnja. Što se "
        "tiče cijene, tko će platiti još nije poznato."
    ),
    "serbian": (
        "Gradska uprava saopštila je da će novi most preko reke biti gotov do kraja godine. "
        "Stanovnici kažu da na taj projekat čekaju već jako dugo, jer stari most više nije "
        "bezbedan. Prema rečima gradonačelnika, radovi će takođe otvoriti nova radna mesta, "
        "ali nije rekao koliko će ljudi biti zaposleno i kada počinje gradnja. Šta će biti sa "
        "cenom i ko će platiti, još nije poznato."
    ),
    "bosnian": (
        "Gradska uprava saopćila je da će novi most preko rijeke biti gotov do kraja godine. "
        "Stanovnici kažu da na taj projekat čekaju već jako dugo, jer stari most više nije "
        "siguran. Prema riječima gradonačelnika, radovi će otvoriti nova radna mjesta, ali "
        "nije rekao koliko će ljudi biti zaposleno prije ljeta. Šta će biti sa cijenom i ko "
        "će platiti, još nije poznato, a ni gdje će biti parking."
    ),
    "vietnamese": (
        "Chính quyền thành phố cho biết cây cầu mới bắc qua sông sẽ được hoàn thành vào cuối "
        "năm nay. Người dân nói rằng họ đã chờ đợi dự án này từ lâu, vì cây cầu cũ không còn "
        "an toàn. Theo thị trưởng, công trình cũng sẽ tạo ra nhiều việc làm mới, nhưng ông "
        "không nói có bao nhiêu người được tuyển dụng."
    ),
    "catalan": (
        "L'ajuntament ha anunciat que el nou pont sobre el riu estarà acabat abans de final "
        "d'any. Els veïns diuen que fa molt temps que esperen aquest projecte, perquè el pont "
        "vell ja no és segur. Segons l'alcalde, les obres també crearan nous llocs de "
        "treball, però no ha dit quantes persones es contractaran ni quan començarà la "
        "construcció."
    ),
    "icelandic": (
        "Borgin tilkynnti að nýja brúin yfir ána verði tilbúin fyrir lok ársins. Íbúar segja "
        "að þeir hafi beðið eftir verkefninu í langan tíma, því gamla brúin er ekki lengur "
        "örugg. Að sögn borgarstjórans mun verkið einnig skapa ný störf, en hann sagði ekki "
        "hversu margir verða ráðnir og hvenær framkvæmdir hefjast."
    ),
    "albanian": (
        "Bashkia njoftoi se ura e re mbi lumin do të përfundojë deri në fund të vitit. "
        "Banorët thonë se e kanë pritur këtë projekt për një kohë të gjatë, sepse ura e "
        "vjetër nuk është më e sigurt. Sipas kryetarit, punimet do të krijojnë edhe vende të "
        "reja pune, por ai nuk tha sa njerëz do të punësohen dhe kur do të fillojë ndërtimi."
    ),
    "somali": (
        "Dowladda hoose ayaa sheegtay in buundada cusub ee webiga ay dhammaan doonto "
        "dhammaadka sanadka. Dadka deegaanka waxay sheegeen inay muddo dheer sugayeen "
        "mashruucan, maxaa yeelay buundada hore ma aha mid ammaan ah. Sida uu sheegay duqa "
        "magaalada, shaqadu waxay sidoo kale abuuri doontaa shaqooyin cusub, laakiin ma uu "
        "sheegin inta qof ee la shaqaaleysiin doono."
    ),
    "hausa": (
        "Hukumar birnin ta ce sabuwar gadar da ke kan kogin za ta kammala kafin karshen "
        "shekara. Mazauna yankin sun ce sun dade suna jiran wannan aiki, saboda tsohuwar "
        "gadar ba ta da aminci yanzu. A cewar magajin gari, aikin kuma zai samar da sababbin "
        "ayyuka, amma bai fadi yawan mutanen da za a dauka aiki ba ko lokacin da za a fara "
        "ginin."
    ),
    "yoruba": (
        "Ìjọba ìlú náà sọ pé afárá tuntun tí wọ́n ń kọ́ sórí odò náà yóò parí kí ọdún tó "
        "parí. Àwọn olùgbé ibẹ̀ sọ pé wọ́n ti ń dúró de iṣẹ́ yìí fún ìgbà pípẹ́, nítorí pé "
        "afárá àtijọ́ kò ní ààbò mọ́. Gẹ́gẹ́ bí olórí ìlú ti sọ, iṣẹ́ náà yóò tún pèsè iṣẹ́ "
        "tuntun fún gbogbo àwọn ọ̀dọ́ ní agbègbè náà."
    ),
}

ENGLISH = (
    "The town council said on Monday that the new bridge over the river will be finished by "
    "the end of the year. Residents say they have waited a long time for the project, because "
    "the old bridge is no longer safe. According to the mayor, the work will also create new "
    "jobs, but he did not say how many people would be hired or when building would begin."
)
GERMAN = (
    "Die Stadtverwaltung teilte am Montag mit, dass die neue Br\u00fccke \u00fcber den Fluss bis "
    "zum Jahresende fertig sein soll. Die Anwohner sagen, sie warten schon lange auf das "
    "Projekt, weil die alte Br\u00fccke nicht mehr sicher ist. Nach Angaben des "
    "B\u00fcrgermeisters schafft die Arbeit auch neue Stellen, aber er sagte nicht, wie viele."
)
FRENCH = (
    "La mairie a annonc\u00e9 lundi que le nouveau pont sur la rivi\u00e8re sera termin\u00e9 "
    "avant la fin de l'ann\u00e9e. Les habitants disent qu'ils attendent ce projet depuis "
    "longtemps, car le vieux pont n'est plus s\u00fbr. Selon le maire, les travaux vont aussi "
    "cr\u00e9er des emplois, mais il n'a pas dit combien de personnes seront embauch\u00e9es."
)


@pytest.mark.parametrize("language", sorted(TEXTS))
@pytest.mark.parametrize("declared", ["en", "en-US", None])
def test_text_says_its_language(language: str, declared: str | None) -> None:
    # A site-wide lang="en" or no declaration at all: the words decide.
    assert detect_language(TEXTS[language], declared, "english") == language


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_every_language_is_briefed_or_generic(language: str) -> None:
    assert (language in supported_languages()) != (language in generic_languages())


@pytest.mark.parametrize(
    ("code", "language"),
    [("sw", "swahili"), ("zu", "zulu"), ("hr", "croatian"), ("fil", "tagalog"), ("fi", "finnish")],
)
def test_declared_language_is_kept(code: str, language: str) -> None:
    assert detect_language(TEXTS[language], code, "english") == language
    # Too little text to check: the declaration stands, under the language's own name.
    assert detect_language("Kwa kifupi.", code, "english") == language


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        (ENGLISH, "en", "english"),
        (ENGLISH, None, "english"),
        (ENGLISH, "sw", "english"),  # a wrong declaration of a generic language
        (GERMAN, "de", "german"),
        (GERMAN, None, "german"),
        (GERMAN, "en", "german"),
        (FRENCH, "fr", "french"),
        (FRENCH, None, "french"),
        (FRENCH, "en", "french"),
    ],
)
def test_major_languages_stay(text: str, declared: str | None, expected: str) -> None:
    assert detect_language(text, declared, "english") == expected


def test_short_text_keeps_the_declaration() -> None:
    # Under the minimum word count nothing is overruled, whatever the words.
    assert detect_language("Serikali imesema kwamba barabara itajengwa.", "en", "english") == (
        "english"
    )


def test_generic_language_is_briefed_without_english_tools() -> None:
    brief = brief_article("Barabara mpya", TEXTS["swahili"], language="swahili", sentences=2)
    assert brief.sentences
    assert all(sentence in TEXTS["swahili"] for sentence in brief.sentences)


# --- the label through the link, feed, admin and CLI paths ---------------------------------


def test_link_keeps_a_generic_declaration() -> None:
    from bot.config import load_settings
    from bot.sources.links import language_or_default

    settings = load_settings({})
    assert language_or_default("swahili", settings) == "swahili"
    assert language_or_default("klingon", settings) == settings.language


def test_validation_labels_the_text_by_name() -> None:
    from bot.pipeline import validate
    from bot.storage.articles import ArticleDraft

    draft = validate(ArticleDraft(title="Barabara mpya", body=TEXTS["swahili"], language="english"))
    assert draft.language == "swahili"


def test_cli_record_may_name_a_generic_language() -> None:
    from bot.ingest import draft_from_mapping

    record = {"title": "Most preko rijeke", "body": TEXTS["croatian"], "language": "croatian"}
    assert draft_from_mapping(record, "english").language == "croatian"


def test_addfeed_takes_a_generic_language() -> None:
    from bot.handlers.feeds import _language_option

    assert _language_option("https://news.example.com/rss lang=sw") == (
        "https://news.example.com/rss",
        "swahili",
    )


# --- Cyrillic: Russian, or the language whose own letters the text has ----------------------

CYRILLIC = {
    "serbian": (
        "Градска управа саопштила је да ће нови мост преко реке бити готов до краја године. "
        "Становници кажу да на тај пројекат чекају већ јако дуго, јер стари мост више није "
        "безбедан. Према речима градоначелника, радови ће отворити нова радна места, али није "
        "рекао колико људи ће бити запослено."
    ),
    "bulgarian": (
        "Общината съобщи, че новият мост над реката ще бъде готов до края на годината. "
        "Жителите казват, че чакат този проект от много време, защото старият мост вече не е "
        "безопасен. Според кмета строежът ще създаде и нови работни места, но той не каза "
        "колко души ще бъдат наети."
    ),
    "macedonian": (
        "Општината соопшти дека новиот мост преку реката ќе биде готов до крајот на годината. "
        "Жителите велат дека долго го чекаат овој проект, бидејќи стариот мост веќе не е "
        "безбеден. Според градоначалникот, работите ќе отворат и нови работни места, но тој "
        "не кажа колку луѓе ќе бидат вработени."
    ),
    "belarusian": (
        "Гарадская ўлада паведаміла, што новы мост праз раку будзе гатовы да канца года. "
        "Жыхары кажуць, што даўно чакаюць гэты праект, бо стары мост ужо небяспечны. Паводле "
        "слоў мэра, работы таксама створаць новыя працоўныя месцы, але ён не сказаў, колькі "
        "людзей будзе нанята."
    ),
    "russian": (
        "Городская администрация сообщила, что новый мост через реку будет готов к концу "
        "года. Жители говорят, что давно ждут этого проекта, потому что старый мост уже "
        "небезопасен. По словам мэра, работы также создадут новые рабочие места, но он не "
        "сказал, сколько человек будет нанято."
    ),
    "ukrainian": (
        "Міська влада повідомила, що новий міст через річку буде готовий до кінця року. "
        "Мешканці кажуть, що давно чекають на цей проєкт, бо старий міст уже не безпечний. За "
        "словами мера, роботи також створять нові робочі місця, але він не сказав, скільки "
        "людей буде найнято."
    ),
}


@pytest.mark.parametrize("language", sorted(CYRILLIC))
@pytest.mark.parametrize("declared", ["en", None])
def test_cyrillic_text_says_its_language(language: str, declared: str | None) -> None:
    assert detect_language(CYRILLIC[language], declared, "english") == language


def test_cyrillic_generic_language_is_briefed() -> None:
    brief = brief_article("Мост", CYRILLIC["serbian"], language="serbian", sentences=2)
    assert brief.sentences
    assert all(sentence in CYRILLIC["serbian"] for sentence in brief.sentences)


def test_stored_generic_language_works_for_stories() -> None:
    # Guard: a story's brief and its clustering read a stored "swahili" like any language
    # without a stop-word list.
    from bot.stories.brief import story_brief
    from bot.stories.similarity import term_counts

    sentences = TEXTS["swahili"].split(". ")
    assert story_brief([sentences[:2], sentences[1:]], language="swahili")
    assert term_counts("Barabara mpya", TEXTS["swahili"], "swahili")[0]


def test_xhosa_news_written_with_few_of_the_commonest_words_is_xhosa() -> None:
    # A real Xhosa news page said "okokuba" (that), "kwi" and "yaye" where the word list had
    # "ukuba", "ku-" and "kwaye", and was briefed as English with English rules.
    text = (
        "Kuvakala okokuba iSebe lezeMpilo liza kuvula isibhedlele esitsha kwi dolophu "
        "yaseMthatha ngethuba lenyanga ezayo, yaye kuza kuqeshwa abasebenzi abangama 400. "
        "Umphathiswa wakhe uthe le projekithi yaqala kunyaka ka 2022 njengoko abahlali "
        "bebekhalaza ngokungabikho kwezibhedlele. Kuvakala okokuba imali yale projekithi "
        "iphuma kwi Sebe lezeMali, kananjalo abahlali baza kufumana imisebenzi ukusukela "
        "kwinyanga ezayo. Iinkokeli zabahlali zithi le yindlela eyiyo yokunceda ulutsha."
    )
    assert detect_language(text, "en", "english") == "xhosa"
