"""Calls to action and the page talking about itself: what a page says to its reader
rather than about the news ("Subscribe now", "Below are all the teams …", "Was noch neu
ist, erfahren Sie bei uns im Detail."). Split from ``fitness``, which refuses what these
patterns match along with fragments, questions and code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Calls to action and teaser tails: what a page says to its reader rather than about the news.
_CALL_TO_ACTION = (
    r"^(?:Check (?:out|it out)|Click|Tap|Read (?:more|on|the (?:full|whole|rest))|Continue reading"
    r"|Keep reading|Learn more|Find out (?:more|how|why|what)|Watch (?:the|our|it|now|this|more)"
    r"|Listen (?:to|now)|Subscribe|Sign up|Download|Register (?:now|here|today|for)"
    r"|Join (?:us|our|the conversation)|Follow (?:us|@)|Share (?:this|your)|Don'?t (?:miss|forget)"
    r"|Get (?:your|our|the latest|it now|started)|Visit (?:our|us|the website|www)"
    r"|See (?:more|the full|also|our|all)|Want (?:to|more)|Be sure to|Make sure to|Stay tuned"
    r"|Tune in|Head (?:over )?to|Grab (?:your|a|the)|Order (?:now|today|your)|Pre-?order"
    r"|Jetzt (?:lesen|kaufen|bestellen|abonnieren|anmelden)|Hier (?:klicken|geht|lesen|mehr)"
    r"|Mehr (?:dazu|erfahren|lesen|zum Thema)|Weiterlesen|Lire la suite|En savoir plus"
    r"|Leer m[a\u00e1]s|Seguir leyendo)\b"
    # Anywhere: "click here", and a "read more" or "continue reading" that points somewhere
    # ("… Continue reading on Medium", "Read more:"), not "pupils read more at home".
    r"|\bclick here\b|\bFiled to: |\bShare to Kinja\b"
    r"|\b(?:read more|continue reading)(?: (?:on|here)\b| ?[:\u00bb\u203a>\u2026]| ?$)"
    r"|\bavailable (?:now )?(?:on|at) (?:Steam|Amazon|the App Store|Google Play|Netflix)\b"
    # Where to learn more: "For more information about free exams, call 410-… or visit …".
    r"|^(?:For (?:more )?(?:information|info|details)|To (?:learn|find out) more)\b.{0,100}"
    r"\b(?:call|visit|contact|email|e-mail|go to)\b"
    # Offers and the page talking about itself: "Book your tickets today!", "Today, we're going
    # to talk about …", "Below are all the teams …", "In this article, we look at …".
    r"|^(?:Book|Buy|Reserve|Secure) (?:your|now|tickets|a (?:table|seat|place|ticket))\b"
    # A business's number to call: "Call LakeCrest Dental at 918-205-4492 to schedule …".
    r"|^(?:Call|Phone|Text|Contact) .{0,50}?\b(?:at|on) \(?\+?\d[\d ().-]{6,}\d\b"
    r"|^Get (?:help|expert help|a free|in touch)\b"
    # An advert's offer inside its sentence: "If your computer is slowing down or crashing,
    # get a free scan of your computer …".
    r"|\b(?:get|claim|request|order) (?:a|your) free (?:scan|quote|estimate|consultation|report"
    r"|copy|sample|e-?book|guide|check-?up|download|credit report)\b"
    r"|^(?:Discover|Explore) (?:the|our|how|why|what|more|all)\b.{0,80}\b(?:with|at|on) (?-i:[A-Z])"
    r"|^(?:Add|Save) (?:us|this (?:page|site|article)) (?:to|as)\b|^Bookmark (?:us|this)\b"
    r"|^Add .{1,60} to (?:the|this|that|your) list\b"
    # A page pointing at the pages after it: "On the following pages our editors …".
    r"|^(?:On|In|Over) the (?:following|next) (?:pages|few pages|slides)\b"
    # A newsletter's sign-up box and a site describing itself: "The biggest stories of the
    # day delivered to your inbox.", "This newsletter may contain advertising …", "In our top
    # stories this week, …", "At Aeon we provide original essays …".
    r"|\bdelivered (?:straight |right )?to your inbox\b|^This newsletter may contain\b"
    r"|^In (?:our|this week(?:'|\u2019)s|today(?:'|\u2019)s) top stories\b"
    r"|^At [A-Z][\w.]*(?: [A-Z][\w.]*){0,2},? we (?:provide|offer|publish|bring|believe|aim)\b"
    r"|^Your (?:ongoing |continued )?support (?:is|helps|makes|keeps)\b|^Plus: "
    # A shop list's quoted reviews ("Promising review: …") and a preprint server's furniture.
    r"|^(?:Promising|Customer|Verified|Reviewer) review:|\barXivLabs\b"
    # A call to watch a clip, an invitation to write in, and a writer's one-line biography:
    # "Watch Steve Kornacki talk about …", "please feel free to e-mail …", "Julia Beizer is
    # The Post's mobile projects editor."
    # (The patterns are matched ignoring case; (?-i:…) keeps a capital a capital.)
    r"|^Watch (?:(?-i:[A-Z])|the |this |our |as |how |live\b)|\bplease feel free to\b"
    r"|\bbest viewed (?:in|with|on|using)\b|\bfull visual experience\b"
    r"|^(?-i:[A-Z])[\w'\u2019-]+ (?-i:[A-Z])[\w'\u2019-]+ is (?:The |the |a |an )?[^.]{0,40}"
    r"(?:editor"
    r"|reporter|writer|correspondent|columnist|contributor|producer)"
    r"(?: (?:at|for|of) [^.]{1,40})?\.$"
    # A request to the reader, or a notice quoted without its marks: "Please remove any
    # references to your app's price …".
    r"|^Please (?!\w+ (?:said|says)\b)\w+"
    r"|^(?:Today|Now|Here|Next),? (?:we(?:'|\u2019)re|we are|I(?:'|\u2019)m|I am) going to"
    r" (?:talk|look|discuss|explore|show|cover|review|share|walk)\b"
    r"|^(?:Today|This week),? (?:we(?:'|\u2019)re|we are|I(?:'|\u2019)m|I am) (?:covering"
    r"|talking about|discussing|answering)\b"
    # "For our last look at HPU4Science, we discuss …", "In our monthly look at …, we take a
    # look at …": a series' part announcing itself; a column's furniture ("Time for your weekly
    # edition of the Funbag.", "Find more of Drew's stuff at KSK", "Email the Funbag here.");
    # Spanish "los datos que vienen a continuación" (the figures below).
    r"|^(?:For|In) (?:our|this|the) (?:[a-z]+ )?(?:look"
    r"|part|installment|instalment|episode|chapter|edition)\b[^.]{0,80}, we (?:discuss|look"
    r"|examine|explore|cover|take|consider|review|describe)\b"
    r"|^Time for (?:your|our|the|this) (?:weekly|daily|monthly|latest|next) (?:edition|installment"
    r"|instalment|episode|issue|roundup)\b|^Find more of \w+(?:'|\u2019)s? (?:stuff|work|writing"
    r"|columns|articles)\b|^(?:Email|E-mail|Write to|Contact) (?:the|us|me|our) ?\w* here\b"
    r"|\b(?:que|los|las) (?:vienen|ver(?:a|\u00e1)s|tienes|encontrar(?:a|\u00e1)s|te dejamos)"
    r" a continuaci(?:o|\u00f3)n\b"
    r"|^In (?:this|today(?:'|\u2019)s) (?:article|post|guide|video|episode|tutorial|piece|review"
    r"|interview|podcast|newsletter|issue|edition)"
    r",? (?:we|I|you)\b"
    r"|^(?:Below|Above),? (?:are|is|you(?:'|\u2019)ll find|we(?:'|\u2019)ve|you can)\b"
    r"|^(?:Below|Above|Here|Today),? .{0,100}\bwe (?:look|explain|examine|take a look|round up"
    r"|break down|dig into)\b"
    # A shop or affiliate disclosure: "We independently select everything we recommend.",
    # "Buying through us may earn us a commission"; and a German teaser "Erfahren Sie, wie …".
    r"|\bwe independently (?:select|choose|review)\b|\bmay earn us\b"
    r"|\bindependently selected by our editors\b|\bmay collect a share of sales\b"
    # An opinion page's disclaimer and its link: "The views expressed in this commentary are
    # his own.", "View more opinion on CNN."
    r"|^The (?:views|opinions) expressed (?:in this|here)\b|^(?:View|Read) more opinion\b"
    # The page describing itself or its comments' rules: "This is the type of story you probably
    # won't be sharing …", "We will have to delete your comments if …", "Мы будем вынуждены
    # удалить ваши комментарии …".
    r"|^This (?:is|was) (?:the|a|an|one) (?:type|kind|sort) of (?:story|article|post|piece)\b"
    # The page pointing at its own parts or praising itself: "View the Aretha Franklin Fast
    # Facts on CNN and learn more …", "The graph below plots …", "The slide show that follows
    # shows …", "Esquire is also very proud to have published …" (not a scoop's "Boing Boing
    # is proud to publish two documents …"), and a list the brief leaves out ("… who bank
    # with the above listed institutions").
    r"|^View (?:the|our|all|more|full)\b.{0,80}\b(?:on|at) (?-i:[A-Z])"
    r"|\b(?:is|are) also (?:very |so )?proud to have published\b"
    r"|\b(?:above|below)[- ](?:listed|mentioned|named)\b|\b(?:listed|mentioned) (?:above|below)\b"
    r"|\b(?:slide ?show|gallery|video|photos|chart|graph|table|list|map)s? (?:that|which)"
    r" follows?\b"
    r"|^(?:The|This) (?:graph|chart|table|map|figure|image|video|photo|list|gallery)"
    r" (?:below|above)(?=[,:.]| (?:shows?|plots?|lists?|gives?|compares?|illustrates?|is|are)\b)"
    r"|^We (?:will|may|reserve the right to)(?: have to)? (?:remove|delete)"
    r" (?:your |any )?comments\b"
    r"|\b\u0443\u0434\u0430\u043b\w* \u0432\u0430\u0448\u0438"
    r" \u043a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438"
    # A form's prompt left in the text: "Bitte markieren Sie die entsprechenden Wörter im Text.",
    # "Mit nur zwei Klicks melden Sie den Fehler der Redaktion."
    r"|\bmelden Sie (?:uns )?(?:den|einen|diesen) Fehler\b"
    r"|^Bitte (?:markieren|w\u00e4hlen|geben|f\u00fcllen) Sie\b"
    r"|\b(?:we|us) (?:may )?(?:earn|receive|get) (?:a (?:small )?)?(?:affiliate )?commission\b"
    r"|^Erfahren Sie,? (?:wie|was|warum|wann|wo|welche|ob|mehr)\b"
    # A list or explainer announced: "Here are some food sources that …", "Here's what we know".
    r"|^Here(?:'s|\u2019s| is| are) (?:some|a few|a look|a guide|a primer|the (?:full|latest|best"
    r"|key|main|top)|our|all|everything|what|why|how|\d+|two|three|four|five|six|seven|eight"
    r"|nine|ten)\b"
    r"|^(?:Scroll|Swipe) (?:down|through|up)\b|^(?:Let(?:'|\u2019)s|Let us) (?:take a look|dive)\b"
    r"|\byou (?:should|can|may) (?:subscribe|follow (?:any responses|us|him|her))\b"
    r"|\bresponses to this entry\b|\b(?:leave|post) a (?:response|comment|reply)\b"
    r"|^This (?:entry|post) was posted\b|\bis filed under\b|^Welcome (?:to|back to)\b"
    r"|^(?:Hello|Hi|Good (?:morning|afternoon|evening)),? (?:and )?welcome\b"
    r"|^The following (?:will|is|are|article|post|guide|table|chart|list|graphic|map|video"
    r"|gallery|photos?|images?)\b|\bhere(?:,)? we(?:'|\u2019)ll\b"
    r"|\bfile (?:this|it) under\b"
    # A list announced after an opening phrase: "From compotes to small plates, here are some
    # wonderful ways to eat fresh figs."
    r"|\bhere(?:'s|\u2019s| is| are) (?:some|a few|\d+|our) (?:\w+ )?(?:ways|tips|ideas"
    r"|things|reasons|recipes|options|examples|picks|favou?rites)\b"
    # French pages pointing at themselves: "L'article ci-dessous est …", "voir ci-dessus".
    r"|\bci-(?:dessous|dessus)\b"
    # Japanese and Chinese references to a figure: "as in the figure below" (下図, 上図, 下图).
    r"|[\u4e0b\u4e0a]\u56f3|\u4e0b\u56fe|\u5982\u56fe"
    r"|\bin (?:a|my|our|an) (?:previous|earlier|last|recent) (?:post|article|piece|column"
    r"|episode|video)\b"
    r"|\u3054\u78ba\u8a8d|\u3054\u5229\u7528\u304f\u3060\u3055\u3044|\u304a\u554f\u3044\u5408\u308f\u305b"
    r"|\bon (?:our|this|the) (?:[\w:]+ ){0,2}podcast\b"
    r"|\b(?:video|photo|image|picture|chart|graphic|map|clip|gallery|tweet|slideshow|table)s? "
    r"(?:above|below)\b|^Editor(?:'|\u2019)?s(?:'|\u2019)? [Nn]ote\b"
    r"|^(?:See|Read|Visit|Check|Consult)\b.{0,80}\bfor (?:more|further|full|all the) (?:information"
    r"|details|info)\b|^(?:Dann |Jetzt )?[Ll]esen Sie (?:unbedingt|hier|jetzt)\b"
    r"|\bwe(?:(?:'|\u2019)(?:re|ve)| are| have)? (?:rounding|rounded) up\b"
    # The site's other pages: "Documentaries can be heard on the Sir Edmund Hillary tribute page."
    r"|\bcan be (?:heard|seen|watched|found|read|listened to) (?:on|at|in) (?:the|our) "
    r"(?:[\w'\u2019-]+ ){0,6}(?:page|website|site|section|channel)\b"
    r"|^Our (?:live )?coverage (?:will|continues|begins|starts)\b"
    # A list's pitch: "We've scoured the internet to find …", "we're happy to do that hard
    # work for you", "voici cinq perles européennes à découvrir".
    r"|\bwe(?:(?:'|\u2019)ve| have) (?:scoured|combed|trawled)\b"
    r"|\bdo (?:that|the|all the) (?:hard |heavy |leg ?)?work for you\b"
    r"|\bvoici (?:les |nos )?(?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix) \w+(?: \w+)?"
    r" (?:\u00e0 (?:d\u00e9couvrir|voir|visiter|essayer|lire|conna\u00eetre)|qui)\b"
    r"|^In (?:der|unserem|unserer|unseren) (?:Produkt[\w-]*|Galerie|Shop|Onlineshop)\b"
    r"|\b(?:findet ihr|findest du|finden Sie|gibt(?:'s| es))\b.{0,60}\b(?:hier|unter|im Shop"
    r"|in (?:der|unserem|unserer|unseren) (?:Produkt|Galerie|Shop|Onlineshop))"
    r"|\bverr(?:a|\u00e4)t(?:e|en)? (?:ich|wir) (?:dir|euch|Ihnen)\b"
    r"|^You can (?:download|get|find|read|buy|order|watch|listen to|see|try)\b.{0,80}"
    r"\b(?:here|below|now)[.!]?$"
    # A blog or shop talking about itself: "Glad you found this page", "Here's the full
    # list", "Find out about free dates here or contact us".
    r"|\b(?:on|to|of|in) this (?:blog|website)\b|\bdiese[rnm]? (?:Seite|Blog|Website)\b"
    r"|\bin diesem Blog\b|\b(?:auf|in) (?:meinem|unserem|meiner|unserer) (?:Blog|Seite|Website)\b"
    r"|^(?:This|My|Our|Today(?:'|\u2019)s) (?:post|article|piece|guide|essay|write-up)"
    r" (?:is|was|will|covers|looks|explains|describes)\b"
    r"|^(?:In|With) this (?:post|article|piece|guide)\b"
    r"|^(?:Wir|Ich) (?:erkl\u00e4ren|erkl\u00e4re|zeigen|zeige|verraten|verrate)\b"
    r"|^(?:Wir haben|Hier haben wir) (?:\w+ ){0,6}(?:zusammengetragen|zusammengestellt"
    r"|zusammengefasst|aufgelistet)\b"
    r"|\bhaben wir (?:[\w,]+ ){0,8}(?:zusammengetragen|zusammengestellt|aufgelistet)\b"
    r"|\bWir haben (?:hier|f\u00fcr Sie|f\u00fcr euch|f\u00fcr dich)\b"
    r"|\bhaben wir (?:euch|Ihnen|dir) (?:\w+ ){0,4}(?:\(zum Artikel\) )?(?:bereits |schon )?"
    r"vorgestellt\b|\(zum Artikel\)"
    # A series or a page announcing itself, an SEO blurb ticking off what it offers ("➥ Wir
    # erklären … ✓ …"), and a web archive's own notice.
    r"|^In (?:unserer|dieser) (?:Serie|Reihe)\b|^In der (?:Serie|Reihe) [\u201e\u201c\"\u00bb]"
    r"|^Die (?:Serie|Reihe) entsteht\b"
    r"|[\u2713\u2714\u27a4\u27a5]"
    r"|\bAlexa Internet has been donating\b|\badded to the Wayback Machine\b"
    # A blog or magazine addressing its reader ("Hier informieren wir Sie, was …", "Für euch
    # hab ich meine TOP 5 zusammengestellt", "siehe Infos unten", "hier zu bestellen") and a
    # review's disclosure ("Vielen Dank an den Verlag für das Rezensionsexemplar").
    r"|\binformieren wir (?:Sie|euch|dich)\b|\bsiehe (?:\w+ )?(?:unten|oben)\b"
    r"|\b[Ff]\u00fcr (?:euch|dich|Sie) (?:\w+ ){0,6}(?:rausgesucht|herausgesucht|ausgesucht"
    r"|zusammengestellt|zusammen gestellt)\b|\bhier zu (?:bestellen|kaufen|haben)\b"
    r"|\bjetzt am Kiosk\b|\bRezensionsexemplar|\bDies hat keine(?:rlei)? Auswirkungen? auf"
    r" meine\b|\ball opinions (?:are|expressed are) (?:my|our) own\b"
    # A site asking for support or pitching itself: "… oder eure Werbeblocker ausschaltet",
    # "Kein Schnäppchen mehr verpassen: …", "Submit your letter to the editor via this form."
    r"|\b(?:Werbeblocker|Adblocker|ad ?blockers?)\b|^Kein(?:e|en)? \w+ mehr verpassen\b"
    r"|\bPlease consider (?:supporting|donating|subscribing|a donation|making a donation)\b"
    # A list run into one sentence: "… Leitfähigkeit, b) Überwachung der Zellen, c) …".
    r"|(?-i:(?:^|[,;] )[a-h]\) .{3,300}[,;] [b-i]\) )"
    r"|\bunterst\u00fctz(?:en|t) (?:uns|unsere Arbeit)\b|\bsupport (?:our|us|independent)"
    r" (?:work|journalism|reporting)\b|^Submit your (?:letter|story|question|tip|photo|news)s?\b"
    # The paper announcing its own piece: "The National Post takes stock of Harris' Montreal
    # years."
    r"|^(?-i:The (?:[A-Z][\w'.-]+ ){1,3})(?:takes stock of|takes a (?:closer )?look at"
    r"|looks back at|rounds up)\b"
    # Pointers to elsewhere on the site: "Im Abendblatt-Blog können Sie alles nochmal
    # nachlesen", "through the link above", Icelandic "… hér að ofan" (above).
    r"|\b(?:Sie|ihr|du) (?:\w+ ){0,6}(?:nachlesen|nachh\u00f6ren|nachschauen)\b"
    r"|\blinks? (?:above|below)\b|\bh\u00e9r a\u00f0 (?:ofan|ne\u00f0an)\b"
    # … and in brackets: "(you can read about the initial proposal here)".
    r"|\((?:you can |which you can )?(?:read|see|watch|listen to|find)\b[^()]{0,80}\bhere\)"
    # A teaser listing what the article will tell: "Wie das Wetter zur Herausforderung wurde,
    # warum … und wie oft …", "How the storm turned, why …".
    r"|^(?:Wie|Warum|Was|Wer|Wo|Wann|Welche[rsn]?) [^,.]+, (?:warum|wie|was|wer|wo|wann"
    r"|welche[rsn]?) [^.]+ und (?:warum|wie|was|wer|wo|wann|welche[rsn]?)\b"
    r"|^(?:How|Why|What|Who|Where|When|Which) [^,.]+, (?:how|why|what|who|where|when|which)"
    r" [^.]+ and (?:how|why|what|who|where|when|which)\b"
    # A teaser that is only the question the article answers, a German indirect question
    # with no main clause: "Warum es über ein Objekt Uneinigkeit gibt."; and "Was noch neu
    # ist, erfahren Sie bei uns im Detail."
    # ("Wie bei der letzten Wahl steht …" compares: no question).
    r"|^(?:Warum|Wieso|Weshalb|Wie(?! (?:bei|in|im|schon|auch|bereits|immer|gewohnt|erwartet"
    r"|angek\u00fcndigt|berichtet|\u00fcblich|zuvor|vor|nach)\b)|Was|Wer|Wo|Wann|Welche[rsnm]?"
    r"|Ob) [^,.!?:;]{3,120}\.$"
    r"|\berfahren Sie (?:\w+ ){0,3}(?:hier|bei uns|im Folgenden|im Detail|unten|in diesem)\b"
    r"|\bhier (?:aufgelistet|zusammengestellt|zusammengefasst)\b"
    # Page notices: "Nicht alle Bilder konnten vollständig geladen werden.", "Bitte schließen
    # Sie die Druckvorschau …".
    r"|\bkonnten? (?:nicht )?(?:vollst\u00e4ndig |richtig )?geladen werden\b|\bDruckvorschau\b"
    r"|\bcould not be (?:fully |properly )?loaded\b"
    # A press release's legal tail ("Apple, the Apple logo … are trademarks of Apple."), its
    # trial offer, a Q&A site's prompt, a comment widget's state, a members' area, a licensing
    # notice and a live broadcast's invitation ("Seien Sie dabei, wenn BR-KLASSIK … überträgt!").
    r"|\b(?:are|is|may be) (?:registered )?trademarks? (?:of|or registered)\b"
    r"|\b(?:download(?:ing)?|start(?:ing)?|try(?:ing)?|get(?:ting)?) (?:a|the|your|our) free"
    r" trial\b|^Help answer\b|\banswer this question\b"
    r"|^You have (?:recommended|liked|flagged|reported|rated) this\b"
    r"|\b(?:members?|subscribers?)(?:(?:'|\u2019)s?)? (?:section|area|page|part) of"
    r" (?:the|this|our) (?:web)?site\b"
    r"|^Without further ado\b|^Thank you for your interest in\b"
    # A cross-link in capitals: "ALSO ON DRIVE ON: Your questions answered about …".
    r"|^(?-i:(?:ALSO|MORE|SEE ALSO|READ ALSO|RELATED)(?: (?:ON|FROM|IN|AT) [A-Z][A-Z .'-]{1,30})?):"
    r"|^To (?:license|reprint|syndicate)\b.{0,60}\b(?:articles"
    r"|content|excerpts|stories|covers?|reprints?)\b|^Seien Sie dabei\b|^Sei(?:d)? dabei\b"
    # A teaser for what follows: "Wie das funktionieren kann, zeigt ein Beispiel aus Frankfurt."
    r"|\bzeig(?:t|en) (?:ein|zwei|drei) Beispiele? aus\b|^(?:Ein|Zwei|Drei) Beispiele? aus\b"
    # The paper announcing its own roundup: "Le Figaro fait le point sur la situation.",
    # "Ein Überblick.", "Alle Entwicklungen im Überblick."
    r"|\bfait le point(?: sur (?:la situation|les \w+|ce (?:que|qu))\b.{0,30})?\.$"
    r"|\bvous (?:explique|dit tout|r\u00e9sume)\b|^(?:Ein|Der|Unser) \u00dcberblick\b"
    r"|\bim \u00dcberblick\.$"
    r"|\b(?:zeigen|verraten|erkl\u00e4ren|stellen) (?:wir|ich) (?:euch|dir|Ihnen)\b"
    r"|\b(?:das|im|dem|die|der|den) (?:nachfolgende|folgende|untenstehende)n? (?:Video|Bild"
    r"|Grafik|Tweet|Karte|Galerie|Artikel|Text|Beitr(?:a|\u00e4)g)(?:e|er|s)?\b"
    # A teaser's promise ("Das ist der Grund.", "Here's why.") and a site's notices: "Please
    # activate JavaScript …", "Stay informed about …", "Estimado lector, muchas gracias por su
    # interés en nuestras notas.", "Rendez-vous sur ce site pour remplir un formulaire."
    r"|^(?:Das ist der Grund|Das steckt dahinter|Here(?:'|\u2019)s why|This is why)[.!:]?$"
    r"|\b(?:activate|enable|turn on) JavaScript\b|\bJavaScript (?:is (?:disabled|required)"
    r"|aktivieren)\b|^Stay (?:informed|updated|up[- ]to[- ]date|in the loop) (?:about|with|on)\b"
    r"|^(?:Estimado|Querido) (?:lector|usuario)\b|\bgracias por su inter(?:e|\u00e9)s en\b"
    r"|\bincorporado el registro\b|^Rendez-vous sur (?:ce|notre|le|la) (?:site|page)\b"
    # A paywall's pitch, an advertising notice and a promotion's orders to the reader: "To
    # view the full story, please subscribe …", "Dieser Beitrag enthält Werbung für …",
    # "Fülle jetzt unseren Bewerbungsbogen aus …", "… findest Du weiter unten auf der Seite."
    r"|\bplease subscribe\b|^To (?:view|read|see|access) the (?:full|whole|complete|rest)\b"
    r"|\bunlimited (?:digital )?access\b|\benth\u00e4lt (?:unbezahlte |bezahlte )?Werbung\b"
    r"|\b(?:contains|includes) (?:paid )?(?:advertising|affiliate links|sponsored content)\b"
    r"|^(?:F\u00fclle|F\u00fcllen Sie|Nutze|Entdecke|Teste|Bestelle) (?:jetzt )?"
    r"(?:unseren|unsere|den|die|das|dein|deine|Ihr|Ihre)\b"
    r"|^(?:Sichert euch|Sichere dir|Holt euch|Hol dir)\b"
    # A paywall's notice and a cookie banner, in the languages briefs are made in most: "La
    # suite est réservée aux abonnés", "Il vous reste 80% de cet article à lire", "nur für
    # Abonnenten", "This website uses cookies".
    r"|\br\u00e9serv\u00e9e? aux abonn\u00e9s\b|\bIl vous reste \d+ ?% de cet article\b"
    r"|\b(?:nur|exklusiv) f\u00fcr (?:\w+-)?Abonnent(?:en|innen|\*innen|:innen)\b"
    r"|\b(?:for|exclusive to|available to) (?:paying |paid )?subscribers(?: only)?\b"
    r"|\b(?:exclusivo|solo|s\u00f3lo) para suscriptores\b"
    r"|^(?:This|Our) (?:web)?site uses cookies\b|\b(?:Diese|Unsere) (?:Website|Webseite|Seite)"
    r" (?:verwendet|nutzt) Cookies\b|\bCe site utilise des cookies\b"
    r"|\bEste sitio (?:web )?(?:utiliza|usa) cookies\b"
    r"|\b(?:nutzen|verwenden) wir\b.{0,80}\bCookies\b|\b(?:in )?unserer Datenschutzerkl\u00e4rung\b"
    r"|^(?:Die|Ihre) Einwilligung (?:ist|kann)\b|\bour (?:privacy|cookie) (?:policy|notice)\b"
    r"|\bCookie[- ]?(?:Symbol|Einstellungen|settings)\b"
    r"|\bweiter (?:unten|oben) auf (?:der|dieser) Seite\b"
    # A blog's share and like bar run into the text: "Teilen Sie dies mit: Twitter Facebook …".
    r"|\b(?:Teilen Sie dies mit|Share this|Gef\u00e4llt mir|Like this|Bewerten):"
    r"|\b[Ii]n (?:diesem|unserem|meinem) (?:Blog)?(?:beitrag|Beitrag|Artikel|Post|Video|Ratgeber"
    r"|Text)\b"
    r"|\b(?:k\u00f6nnt ihr|kannst du|k\u00f6nnen Sie) (?:\w+ ){0,3}(?:hier|unten|oben) (?:lesen"
    r"|nachlesen|sehen|finden|anschauen)\b"
    r"|^Here(?:'|\u2019)s (?:the|a|our|my) (?:full |complete |whole )?(?:list|rundown|breakdown)\b"
    r"|\bInformieren Sie sich\b|\bKontakt zu (?:uns|mir)\b|\bHier geht(?:'|\u2019)?s\b"
    # An interviewer addressing the guest: "Herr Helfrich, der Wasserstoff ist …".
    r"|^(?:Herr|Frau|Se\u00f1or|Se\u00f1ora|Monsieur|Madame) [A-Z\u00c0-\u00de][\w'\u2019-]+,"
    # An interviewer's request ending on a full stop: "Könnten Sie den Fall bitte schildern."
    r"|^(?:K\u00f6nnten|K\u00f6nnen|W\u00fcrden|M\u00f6chten|Wollen) Sie\b"
    r"|^(?:Could|Would|Can|Will) you (?:please |briefly |tell|describe|explain|walk)"
    r"|\b(?:nehmen|treten) Sie (?:\w+ ){0,2}Kontakt\b"
    r"|\bIch freue mich (?:\u00fcber|auf) (?:jeden|jede|eure|Ihre|deine)\b"
    # Addressing the reader with an offer: "If you want access, head over to …", "Si vous
    # souhaitez aider …".
    r"|^(?:If you(?:(?:'|\u2019)d like| would like| want| wish| are interested)|Si vous souhaitez"
    r"|Si vous voulez|Si quieres|Si desea|Se voc\u00ea quiser|Wenn (?:Sie|du) (?:\w+ ){0,6}"
    r"(?:m\u00f6chten|m\u00f6chtest|wollen|willst))\b|\bhead over to\b"
    # Sign-up prompts anywhere (after a dateline: "Jetzt noch anmelden …"), a bare web address to
    # visit, a photo credit or byline glued into the text ("… Hawk/Instagram She also …",
    # "By Lizzy Rosenberg Published on November 2"), and a live blog's time stamp.
    r"|\bJetzt (?:noch )?(?:anmelden|sichern|buchen|bestellen|kaufen|abonnieren)\b"
    r"|https?://\S"
    r"|\w/(?:Instagram|Getty Images|AP Photo|Reuters|Shutterstock|Twitter|Facebook|TikTok)\b"
    r"|\bPublished (?:on )?(?:\w+ \d{1,2},? \d{4}|\d{1,2} \w+ \d{4})"
    r"|^\d{1,2}:\d{2}\b"
    # Mailing-list furniture and price labels: "En remplissant ce formulaire vous pourrez être
    # inscrit à notre liste de diffusion.", "Preis: ab ca. 8,99 €".
    r"|\b(?:liste de diffusion|our mailing list|d\u00e9sabonner|unsubscribe)\b"
    r"|\b(?:our|unseren?|notre|nuestro|nosso) (?:[Nn]ewsletter)\b"
    r"|^(?:Preis|Price|Prix|Precio|Pre\u00e7o|Prezzo|UVP|RRP)\s*:"
    # Advice to the reader, a guide's or a tip list's steps: "Find a group that's meeting in
    # the area", "Achten Sie darauf, …". News says what happened; it gives no orders.
    r"|^(?:Use|Find|Try|Make|Take|Get|Ease|Pick|Choose|Check|Add|Keep|Avoid|Remember|Consider"
    r"|Start|Ask|Look|Put|Set|Give|Bring|Plan|Pack|Call|Write|Read|Watch|Join|Buy|Don't|Do not"
    r"|Never|Always) (?:your|yourself|the|a|an|it|them|this|these|that|some|any|up|out|in|on|off"
    r"|to|for|with|sure|care|time|advantage|one|what|how|whether|if)\b"
    r"|^(?:Achten|Verwenden|Nutzen|Beachten|Denken|Vergessen|Probieren|Lassen|Nehmen|Geben"
    r"|Schauen|Testen|Stellen|Legen|Setzen|Planen|Buchen|Packen|Seien|Empfehlen|Sprechen"
    r"|Versuchen|Bleiben|Gehen|Machen|Halten) Sie\b|\bhilft Ihnen dabei\b"
    # A page greeting or addressing its reader: "…; wir wünschen in jedem Fall einen guten
    # Dienstag.", "Just in case you haven't seen it yet", "flag it below and we'll take a look".
    r"|\bwir w\u00fcnschen\b.{0,30}\b(?:guten|sch\u00f6nen|sch\u00f6ne|frohe)\b"
    r"|^(?:Just )?[Ii]n case you (?:missed|haven(?:'|\u2019)t seen)\b|\bflag it below\b"
    r"|\bwe(?:'|\u2019)ll take a look\b|^Your (?:PDF|download|file) has\b|\bembed codes?\b"
    # Disclaimers of a site's links and offers.
    r"|\bat your own risk\b|\bdoes not (?:approve|endorse)\b.{0,80}\b(?:content|websites?"
    r"|information|materials?)\b"
    r"|^(?:Add|Leave|Share|Post|Tell us) (?:your|yours)\b.{0,60}\b(?:in|to|below) the comments\b"
    r"|\b(?:let us know|tell us|sound off)\b.{0,40}\bin the comments\b"
    # Portuguese, Spanish, French, German and Russian pages say the same to their readers.
    r"|^(?:Adicione-nos|Adicione (?:o|a|este)|Clique (?:aqui|no|na)|Leia (?:mais|tamb[e\u00e9]m)"
    r"|Saiba mais|Assine (?:j[a\u00e1]|a|o|nossa|nosso)|Inscreva-se|Siga-nos|Compartilhe"
    r"|Confira (?:tamb[e\u00e9]m|mais|aqui))"
    r"|\b(?:clicar|clique|acess(?:e|ar)) (?:\w+ ){0,2}link\b|\bclic en (?:\w+ ){0,2}enlace\b"
    r"|^(?:Haz clic|Pulsa aqu[i\u00ed]|Suscr[i\u00ed]bete|S[i\u00ed]guenos|Lee tambi[e\u00e9]n"
    r"|Comparte (?:esta|este)|A\u00f1[a\u00e1]denos|Desc[a\u00e1]rgala|Ap[u\u00fa]ntate)"
    r"|^(?:Cliquez (?:ici|sur)|Abonnez-vous|Suivez-nous|(?:\u00c0 )?[Ll]ire aussi|Inscrivez-vous"
    r"|Ajoutez-nous|Partagez (?:cet|cette)|R\u00e9servez (?:vos|votre|d\u00e8s))"
    r"|^(?:Folgen Sie uns|Abonnieren Sie|Lesen Sie (?:auch|mehr|hier)|Klicken Sie"
    r"|Melden Sie sich|F\u00fcgen Sie uns|Sichern Sie sich|Buchen Sie (?:jetzt|Ihre|Ihr))"
    r"|^(?:\u0427\u0438\u0442\u0430\u0439\u0442\u0435 (?:\u0442\u0430\u043a\u0436\u0435|"
    r"\u0434\u0430\u043b\u0435\u0435|\u043d\u0430\u0441)|\u041f\u043e\u0434\u043f\u0438"
    r"\u0441\u044b\u0432\u0430\u0439\u0442\u0435\u0441\u044c|\u041f\u043e\u0434\u043f\u0438"
    r"\u0448\u0438\u0442\u0435\u0441\u044c|\u041f\u043e\u0434\u0440\u043e\u0431\u043d\u0435"
    r"\u0435|\u0421\u043c\u043e\u0442\u0440\u0438\u0442\u0435 \u0442\u0430\u043a\u0436\u0435"
    r"|\u0414\u043e\u0431\u0430\u0432\u044c\u0442\u0435 \u043d\u0430\u0441|\u041d\u0430\u0436"
    r"\u043c\u0438\u0442\u0435)"
)


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Each character of a pattern outside escapes and character classes, with its position
    and the group depth once it is read."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            if char in "()":
                depth += 1 if char == "(" else -1
            yield i, char, depth
        i += 1


def _top_level_branches(pattern: str) -> list[str]:
    """The alternatives of a pattern's outermost ``|``, outside groups and classes."""
    cuts = [i for i, char, depth in _structure(pattern) if char == "|" and depth == 0]
    starts, ends = [0] + [c + 1 for c in cuts], [*cuts, len(pattern)]
    return [pattern[a:b] for a, b in zip(starts, ends, strict=True)]


# Searching one pattern of ~75 alternatives tries every alternative at every position; the
# ones anchored at the start need trying only there. This check is most of what choosing
# candidates costs; split, it takes a third of the time. (The standard library has no public
# way to list a pattern's alternatives, hence the small splitter above.)
_CTA_BRANCHES = _top_level_branches(_CALL_TO_ACTION)
_CTA_AT_START = re.compile(
    "|".join(b[1:] for b in _CTA_BRANCHES if b.startswith("^")), re.IGNORECASE
)
# The rest mostly start at a word boundary and a word ("\bclick here", "\b(?:read more|
# continue reading)"): each such alternative is tried only where a word starts with its first
# letters, found by a dictionary lookup; the few others (a character class, an escape) are
# searched as one pattern. Trying ~130 alternatives at every word boundary was most of what
# choosing candidates cost (140 microseconds a sentence; under 60 this way).
_KEY = 3  # letters of a word that pick the alternatives to try there
_LEAD = re.compile(r"[a-z]+", re.IGNORECASE)


def _lead_words(branch: str) -> list[str] | None:
    """The literal words a branch can start with ("(?:read more|continue reading)…" gives
    "read" and "continue"), or None when it starts otherwise."""
    if branch.startswith("(?:"):
        group = _top_level_branches(branch[3 : _group_end(branch)])
        leads = [_LEAD.match(alt) for alt in group]
        return [m[0] for m in leads if m] if all(leads) else None
    lead = _LEAD.match(branch)
    return [lead[0]] if lead else None


def _group_end(pattern: str) -> int:
    """Where the group that opens the pattern closes."""
    return next(i for i, char, depth in _structure(pattern) if char == ")" and depth == 0)


def _index(branches: list[str]) -> tuple[dict[str, re.Pattern[str]], list[str]]:
    """The branches by the first letters of the words they start with, and those that
    start otherwise."""
    led: dict[str, list[str]] = {}
    unled: list[str] = []
    for branch in branches:
        words = _lead_words(branch)
        if words is None:
            unled.append(branch)
        for word in words or ():
            led.setdefault(word[:_KEY].casefold(), []).append(branch)
    flags = re.IGNORECASE
    return {key: re.compile("|".join(dict.fromkeys(bs)), flags) for key, bs in led.items()}, unled


_BY_KEY, _UNLED = _index([b[2:] for b in _CTA_BRANCHES if b.startswith(r"\b")])
_CTA_ANYWHERE = re.compile(
    r"\b(?:"
    + "|".join(_UNLED)
    + ")|"
    + "|".join(b for b in _CTA_BRANCHES if not b.startswith(("^", r"\b"))),
    re.IGNORECASE,
)
_WORD_START = re.compile(r"\b\w{1,3}")


def calls_to_action(sentence: str) -> bool:
    """Whether the sentence speaks to the reader or about the page (see the patterns)."""
    if _CTA_AT_START.match(sentence) or _CTA_ANYWHERE.search(sentence):
        return True
    for word in _WORD_START.finditer(sentence):
        key = word[0].casefold()
        for size in range(1, len(key) + 1):
            pattern = _BY_KEY.get(key[:size])
            if pattern is not None and pattern.match(sentence, word.start()):
                return True
    return False
