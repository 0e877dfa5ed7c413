"""Issue 18: real-page patterns at extraction, on invented pages (no third-party text)."""

# Chinese text is written with full-width commas; they are the point, not a typo.
# ruff: noqa: RUF001

from __future__ import annotations

import json

import pytest

from bot import briefs
from bot.sources.extract import NotAnArticle, extract_article

URL = "https://www.bay.example/2025/04/harbour-wall"

STORY = [
    "The island council voted on Monday to raise the harbour wall at Kell by two metres "
    "before next winter.",
    "Storms closed the harbour for nine days in January and fishing crews lost most of "
    "their winter catch.",
    "Work begins in April and should be finished by October, the council's engineer told "
    "the meeting.",
    "The cost will be shared between the province and the harbour board, which has "
    "saved for the work since the storms of 2019.",
    "Fishing families welcomed the vote but asked that the harbour stay open while the "
    "builders are at work.",
]


def page(
    body: str,
    *,
    title: str = "Harbour wall at Kell to be raised",
    head: str = "",
    lang: str = "en",
) -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><title>{title}</title>{head}</head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Bay News</footer></body></html>"
    )


def paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def brief_of(html: str, url: str = URL) -> tuple[str, ...]:
    article = extract_article(html, url)
    return briefs.make_brief(article.title, article.body, language=article.language or "english")


# --- 2. hard-wrapped lines ---------------------------------------------------------------------


def test_hard_wrapped_lines_are_one_paragraph_and_count_as_prose() -> None:
    # Each source line is short and most do not end a sentence: scored line by line, the
    # 90-word story below counted as a handful of words and was refused.
    text = " ".join(STORY[:4])
    words = text.split()
    lines = [" ".join(words[i : i + 7]) for i in range(0, len(words), 7)]
    article = extract_article(page("<div>" + "<br>\n".join(lines) + "</div>"), URL)
    assert "Storms closed the harbour for nine days in January and fishing crews" in article.body
    brief = briefs.make_brief(article.title, article.body)
    assert all(sentence in text for sentence in brief)


def test_a_comments_section_taken_for_text_is_cut_at_its_first_header() -> None:
    comments = [
        "Name withheld wrote on October 28, 2010 @ 3:29 PM",
        "This comment is hidden because you have chosen to ignore Gull22. Show Details",
        "I met my husband on the old ferry too, and the harbour wall was already falling down!",
        "Name withheld wrote on October 28, 2010 @ 3:48 PM",
        "They should have raised the wall twenty years ago when the first storms came in.",
    ]
    article = extract_article(page(paragraphs(STORY) + paragraphs(comments)), URL)
    assert article.body.endswith(STORY[-1])
    assert "husband" not in article.body


def test_a_press_release_ends_at_its_source_line() -> None:
    teasers = [
        "SOURCE Kell Harbour Board",
        "Containers Create New Challenges By Jane Roe",
        "Overgrown applications have given way to modular ones, driven by the need to break "
        "larger problems into smaller ones. [continued] Speaker Bio: Jane Roe is the vice "
        "president of market development at Examplesoft.",
    ]
    article = extract_article(page(paragraphs(STORY) + paragraphs(teasers)), URL)
    assert article.body.endswith(STORY[-1])


def test_a_press_release_loses_its_about_section() -> None:
    about = [
        "About Kell Ferries (www.kellferries.example)",
        "Kell Ferries (KELL: KF) helps islanders cross the bay. See how Kell Ferries can help "
        "you by booking a free trial crossing at kellferries.example.",
        "Kell Ferries is a trademark of Kell Ferries Ltd.",
    ]
    article = extract_article(page(paragraphs(STORY) + paragraphs(about)), URL)
    assert article.body.endswith(STORY[-1])


# --- 8. languages ------------------------------------------------------------------------------

CHINESE = [
    "岛屿议会周一投票决定，在明年冬天之前将凯尔港的防波堤加高两米。",
    "一月份的风暴使港口关闭了九天，渔民损失了大部分冬季渔获。",
    "工程将于四月开始，预计十月完工，议会的工程师在会上表示。",
    "费用将由省政府和港口委员会分担，港口委员会自二零一九年风暴以来一直为这项工程储蓄。",
    "渔民家庭对投票结果表示欢迎，但要求在施工期间港口保持开放。",
]


def test_a_chinese_page_is_briefed_with_words_counted_without_spaces() -> None:
    # Declared English by a site-wide template: the script decides.
    html = page(paragraphs(CHINESE), title="凯尔港防波堤将加高两米")
    article = extract_article(html, URL)
    draft_language = briefs.detect_language(article.body, article.language, "english")
    assert draft_language == "chinese"
    brief = briefs.brief_article(article.title, article.body, language=draft_language)
    assert brief.words >= briefs.MIN_ARTICLE_WORDS
    assert all(sentence in CHINESE for sentence in brief.sentences)


def test_a_japanese_text_is_briefed() -> None:
    body = "\n".join(
        [
            "島の議会は月曜日、来年の冬までにケル港の防波堤を二メートル高くすることを決めた。",
            "一月の嵐で港は九日間閉鎖され、漁師たちは冬の漁獲の大半を失った。",
            "工事は四月に始まり、十月に終わる予定だと議会の技師は説明した。",
            "費用は県と港湾委員会が分担し、委員会は二〇一九年の嵐以来、工事のために積み立ててきた。",
        ]
    )
    assert briefs.detect_language(body, "en", "english") == "japanese"
    brief = briefs.brief_article("防波堤", body, language="japanese", sentences=2)
    assert len(brief.sentences) == 2
    assert brief.words >= briefs.MIN_ARTICLE_WORDS


def test_korean_is_briefed_with_the_generic_rules() -> None:
    body = (
        "섬 의회는 월요일 내년 겨울 전에 켈 항구의 방파제를 2미터 높이기로 결정했다. "
        "1월의 폭풍으로 항구는 9일 동안 폐쇄되었고 어부들은 겨울 어획량의 대부분을 잃었다. "
        "공사는 4월에 시작해 10월에 끝날 예정이라고 의회 기술자가 회의에서 말했다. "
        "어민 가족들은 투표 결과를 환영했지만 공사 기간에도 항구를 열어 달라고 요청했다."
    )
    assert briefs.detect_language(body, "en", "english") == "korean"
    brief = briefs.brief_article("방파제", body, language="korean", sentences=2)
    assert len(brief.sentences) == 2 and brief.words >= 20


def test_thai_is_refused_with_its_name() -> None:
    thai = "สภาเกาะลงมติเมื่อวันจันทร์ให้ยกระดับกำแพงท่าเรือที่เคลล์ขึ้นสองเมตรก่อนฤดูหนาวหน้า " * 8
    with pytest.raises(NotAnArticle) as caught:
        extract_article(page(paragraphs([thai] * 3), title="ท่าเรือ"), URL)
    assert str(caught.value) == "cannot brief text in Thai"
    with pytest.raises(briefs.UnsupportedLanguage):
        briefs.brief_article("ท่าเรือ", thai)


# --- 6. fact checks ----------------------------------------------------------------------------

CHECK = [
    "A post shared in several island groups this week said the new harbour wall will be "
    "built with sand taken from the public beach.",
    "The island council's engineer said the wall is made of concrete blocks brought by "
    "barge from the mainland, and no sand is taken from any beach.",
    "The council published the building contract in March; it names a quarry on the "
    "mainland as the only supplier.",
    "The post has since been deleted by the person who first shared it.",
]


def test_claim_review_markup_leads_the_brief_with_the_claim_and_verdict() -> None:
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "The harbour wall will be built with sand from the public beach",
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"},
        "author": {"@type": "Organization", "name": "Bay Checks"},
    }
    head = f'<script type="application/ld+json">{json.dumps(review)}</script>'
    brief = brief_of(page(paragraphs(CHECK), title="Beach sand claim checked", head=head))
    assert brief[0] == (
        "Claim: \u201cThe harbour wall will be built with sand from the public beach\u201d "
        "Rating: False."
    )
    assert not any("will be built with sand" in s and "post" not in s for s in brief[1:])


def test_visible_claim_and_rating_labels_lead_the_brief() -> None:
    body = (
        "<p><strong>Claim:</strong></p><p>The harbour wall will be built with beach sand.</p>"
        "<p><strong>Rating:</strong> False</p>" + paragraphs(CHECK)
    )
    brief = brief_of(page(body, title="Beach sand claim checked"))
    assert brief[0] == (
        "Claim: \u201cThe harbour wall will be built with beach sand\u201d Rating: False."
    )


# --- 9. not articles ---------------------------------------------------------------------------


def test_a_product_page_is_not_an_article() -> None:
    head = '<meta property="og:type" content="product">'
    with pytest.raises(NotAnArticle, match="a product page"):
        extract_article(page(paragraphs(STORY), head=head), URL)


def test_a_front_page_is_not_an_article() -> None:
    with pytest.raises(NotAnArticle, match="front page"):
        extract_article(page(paragraphs(STORY)), "https://www.bay.example/")


def test_a_front_page_with_article_markup_is_briefed() -> None:
    head = '<meta property="og:type" content="article">'
    assert extract_article(page(paragraphs(STORY), head=head), "https://www.bay.example/")


@pytest.mark.parametrize(
    "title",
    [
        "List of lighthouses of the bay",
        "新闻中心",  # a Chinese portal's "news centre"
        "公司公告",  # a company's "announcements"
        "渡轮时刻 - 搜索结果",  # search results
    ],
)
def test_a_list_page_is_not_an_article(title: str) -> None:
    with pytest.raises(NotAnArticle, match="a list page"):
        extract_article(page(paragraphs(STORY), title=title), URL)


def test_a_standings_table_is_not_an_article() -> None:
    rows = [
        f"{n}. {team} played {p} won {w} lost {lost} points {pts} goals {gf}-{ga}."
        for n, (team, p, w, lost, pts, gf, ga) in enumerate(
            [
                ("Kell Rovers", 20, 14, 3, 45, 40, 18),
                ("Bay United", 20, 12, 5, 39, 33, 20),
                ("Harbour Town", 20, 10, 6, 34, 29, 24),
                ("North Pier", 20, 8, 9, 27, 22, 27),
                ("Lighthouse", 20, 5, 12, 18, 17, 35),
                ("Ferry Lane", 20, 3, 15, 11, 12, 43),
            ],
            start=1,
        )
    ]
    html = page(paragraphs(rows * 2), title="Island league standings after round 20")
    with pytest.raises(NotAnArticle, match="mostly numbers"):
        extract_article(html, URL)


# --- 7. titles ---------------------------------------------------------------------------------


def titled(head: str, h1: str) -> str:
    return (
        f"<!doctype html><html lang='en'><head>{head}</head><body><header><h1>{h1}</h1>"
        f"</header><article>{paragraphs(STORY)}</article></body></html>"
    )


def test_a_section_heading_in_h1_does_not_replace_the_title() -> None:
    html = titled(
        "<title>Harbour wall at Kell to be raised | Bay News</title>"
        "<meta property='og:site_name' content='Bay News'>",
        "Island Harbours Information Centre",
    )
    assert extract_article(html, URL).title == "Harbour wall at Kell to be raised"


def test_an_h1_is_the_headline_only_when_it_matches_the_title() -> None:
    html = titled(
        "<title>Kell harbour wall | Bay News</title>",
        "Harbour wall at Kell to be raised by two metres",
    )
    assert extract_article(html, URL).title == "Kell harbour wall"
    html = titled(
        "<title>Harbour wall at Kell to be raised by two metres - Bay News</title>",
        "Harbour wall at Kell to be raised by two metres",
    )
    assert extract_article(html, URL).title == "Harbour wall at Kell to be raised by two metres"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("<meta property='og:title' content='BREAKING: Harbour wall at Kell to be raised'>", ""),
        ("<meta property='og:title' content='Opinion | Harbour wall at Kell to be raised'>", ""),
        ("<meta property='og:title' content='Harbour wall at Kell to be raised | Editorial'>", ""),
        (
            "<meta property='og:title' content='Harbour wall at Kell to be raised | Mara Roe'>"
            "<meta name='author' content='Mara Roe'>",
            "",
        ),
        (
            "<meta property='og:title' content=\"The bay's favourite news platform: "
            "Harbour wall at Kell to be raised\">",
            "",
        ),
        (
            "<meta property='og:title' content='Bay News: Harbour wall at Kell to be raised'>"
            "<meta property='og:site_name' content='Bay News'>",
            "",
        ),
    ],
)
def test_title_decoration_is_removed(head: str, expected: str) -> None:
    html = titled("<title>Harbour wall</title>" + head, "Harbour wall at Kell to be raised")
    assert extract_article(html, URL).title == (expected or "Harbour wall at Kell to be raised")


def test_colons_and_labels_inside_headlines_stay() -> None:
    from bot.sources.headlines import strip_decoration

    assert strip_decoration("Harbour wall: the vote explained") == (
        "Harbour wall: the vote explained"
    )
    assert strip_decoration("Opinion polls favour a higher wall") == (
        "Opinion polls favour a higher wall"
    )


def test_a_title_that_is_only_the_site_name_gives_way_to_the_h1() -> None:
    html = titled("<title>| Bay Kitchen</title>", "Harbour wall at Kell to be raised")
    assert extract_article(html, URL).title == "Harbour wall at Kell to be raised"


def test_a_title_cut_short_at_a_quote_takes_the_whole_headline() -> None:
    # A real page's og:title ended at the quotation mark its attribute could not hold.
    html = titled(
        "<title>Kell regatta: clear winner and a &quot;royal visit&quot; | Bay News</title>"
        "<meta property='og:title' content='Kell regatta: clear winner and'>",
        'Kell regatta: clear winner and a "royal visit"',
    )
    assert extract_article(html, URL).title == 'Kell regatta: clear winner and a "royal visit"'


def test_a_front_page_is_known_by_its_section_list_title_too() -> None:
    html = page(
        paragraphs(STORY),
        title="Bay News - Breaking, Island, Business, Sport, Weather and Video News",
        head="<meta property='og:site_name' content='Bay News'>",
    )
    with pytest.raises(NotAnArticle, match="front page"):
        extract_article(html, URL)


def test_site_and_section_names_after_colons_and_double_escapes_leave_the_title() -> None:
    from bot.sources.headlines import strip_decoration

    assert (
        strip_decoration(
            "Harbour wall at Kell to be raised: The Bay Eye: Bay on Harbours: Bay",
            host="www.bay.example",
        )
        == "Harbour wall at Kell to be raised"
    )
    assert strip_decoration("Mayor &#039;will not resign&#039;") == "Mayor 'will not resign'"


def test_a_page_of_deals_is_a_product_page() -> None:
    deals = [
        f"Harbour {thing} in blue, waterproof, two sizes, for ${price}.99 (list price "
        f"${price + 10}.99), shipped from the island shop."
        for thing, price in [
            ("boots", 20), ("gloves", 12), ("hat", 9), ("jacket", 60), ("scarf", 14),
            ("socks", 6), ("bag", 25), ("lamp", 18), ("flask", 11),
        ]
    ]  # fmt: skip
    with pytest.raises(NotAnArticle, match="a product page"):
        extract_article(page(paragraphs(deals), title="Deals for the harbour season"), URL)


def test_a_budget_story_full_of_amounts_is_an_article() -> None:
    lines = [
        f"The harbour board will receive ${n}.25 billion next year, ${n}.5 million more than it "
        "asked for, under the budget the island council passed on Monday."
        for n in range(1, 10)
    ]
    assert extract_article(page(paragraphs(lines), title="Harbour board budget grows"), URL)


def test_a_chinese_title_joined_without_spaces_keeps_its_headline() -> None:
    html = (
        "<!doctype html><html lang='zh'><head><title>凯尔港防波堤将加高两米_港口_海湾日报"
        "</title></head><body><h1>海湾日报</h1><article>"
        + paragraphs(CHINESE)
        + "</article></body></html>"
    )
    assert extract_article(html, URL).title == "凯尔港防波堤将加高两米"


def test_a_later_heading_that_is_not_the_headline_does_not_become_the_title() -> None:
    html = (
        "<!doctype html><html lang='en'><head><title>Harbour wall at Kell to be raised - Bay"
        "</title></head><body><svg><title>bars</title></svg><article>"
        + paragraphs(STORY)
        + "</article><aside><h1>Follow us on Twitter</h1></aside></body></html>"
    )
    assert extract_article(html, URL).title == "Harbour wall at Kell to be raised"


def test_a_trailing_site_name_spelled_by_the_hosts_initials_is_cut() -> None:
    from bot.sources.headlines import strip_decoration

    assert (
        strip_decoration("Harbour wall at Kell to be raised - Bay News", host="www.bn.example")
        == "Harbour wall at Kell to be raised"
    )


# --- a box of other stories under a "You might also like" heading --------------------------------


def test_a_box_of_related_stories_is_not_part_of_the_article() -> None:
    # A kicker, another story's headline without a stop, and its text: kept, they read as
    # "FERRY FEARS: A skipper said … in winter The harbour board said …".
    item = (
        "<li><a href='/other'><div><div class='thumb'><img src='x.jpg'></div>"
        "<h1 class='teaser'>Timetable under review</h1><div class='date'>2025-04-02</div>"
        "<p><font class='red'>{kicker}: </font>A skipper said the new timetable leaves the "
        "island without a boat on Sundays in winter The harbour board said on Friday it would "
        "review the ferry timetable after complaints from island families.\n"
        "The board will meet the skippers next week to discuss later sailings.</p></div></a></li>"
    )
    items = item.format(kicker="FERRY FEARS") + item.format(kicker="PIER PLANS")
    box = (
        "<div class='box2'><div class='box2s'><ul><li></li><li><div class='boxTitle'>"
        f"<h1>You might also like</h1><div class='bigbox'><ul>{items}</ul></div>"
        "</div></li></ul></div></div>"
    )
    article = extract_article(page(paragraphs(STORY) + box), URL)
    assert "FERRY FEARS" not in article.body
    assert "timetable" not in article.body
    assert all(line in article.body for line in STORY)


def test_a_heading_like_a_related_box_inside_the_text_keeps_the_text() -> None:
    body = paragraphs(STORY[:3]) + "<h2>Related stories</h2>" + paragraphs(STORY[3:])
    article = extract_article(page(body), URL)
    assert all(line in article.body for line in STORY)


@pytest.mark.parametrize("heading", ["Headline", "Most read", "Baca Juga"])
def test_a_promotion_box_headed_headline_is_pruned(heading: str) -> None:
    # Real page: a print edition's front story ("Headline", its title, one line of it) in a
    # card above the article, which trafilatura kept and the brief opened on. trafilatura
    # drops such a card on a small page, so the pruning rule itself is checked here.
    from lxml import html as lxml_html

    from bot.sources.extract import _RELATED_BOX

    card = (
        f"<div class='text'><h5>{heading}</h5>"
        "<div class='card-title'><a href='/epaper/island-vote'>Islanders Want a Say</a></div>"
        "<p>Most islanders surveyed reject a council chosen by the mainland.</p></div>"
    )
    tree = lxml_html.fromstring(f"<html><body>{card}{paragraphs(STORY)}</body></html>")
    assert [box.get("class") for box in tree.xpath(_RELATED_BOX)] == ["text"]


def test_a_title_ending_on_an_empty_site_slot_loses_the_separator() -> None:
    html = page(paragraphs(STORY), title="Harbour wall at Kell to be raised -")
    assert extract_article(html, URL).title == "Harbour wall at Kell to be raised"


# A portal's article above its comment section, in the markup that led trafilatura's precision
# mode to the comments (found on a Chinese portal; text invented).
_PORTAL_ARTICLE = [
    "港城渡轮公司上周公布了半年报，上半年客运量同比增长百分之十二，营业收入达到三亿元，"
    "但利润率却连续第三年下滑，公司解释说燃油和人工成本上涨较快，新购的两艘渡轮也增加了折旧，"
    "业内人士认为，如果票价继续冻结，公司明年可能面临亏损，需要市政府考虑调整补贴政策。",
    "值得一提的是，港城渡轮公司过去三年的燃油成本占营业收入的比重一直在三成左右，"
    "而同期的人工成本增幅却高达四成，在客运量持续增长的情况下，成本上涨的速度明显快于收入。",
    "渡轮公司在半年报中表示，将在下半年开通两条夜间航线，以提高渡轮的使用率。",
    "市交通局的负责人在接受记者采访时说，渡轮是港城两岸居民通勤的主要方式，每天运送乘客两万人次，"
    "市政府一直按照乘客人数给予补贴，今年的补贴总额已经超过八千万元，明年是否增加还要等审计结果出来再定。",
    "多位长期乘坐渡轮的市民告诉记者，早高峰时段的渡轮经常满员，有时要等两班才能上船，"
    "他们希望公司把新船优先安排在早晚高峰，而不是用在观光航线上，也希望票价不要上涨太多。",
    "记者注意到，港城渡轮公司的两艘新船今年三月才交付使用，目前主要用于周末的观光航线，"
    "公司表示，等夜间航线开通以后，新船将调整到通勤航线上，届时早高峰的运力可以提高三成左右。",
    "港城大学交通研究所的一位研究员认为，渡轮公司的成本压力短期内难以缓解，燃油价格仍在高位，"
    "而人工成本还会继续上涨，如果既不调整票价也不增加补贴，公司只能靠减少班次来控制成本，"
    "这对每天依靠渡轮通勤的市民来说显然不是好消息，市政府需要尽快拿出一个长期的办法。",
    "据了解，港城渡轮公司成立于一九九零年，目前拥有十二艘渡轮和四个码头，员工约六百人，"
    "是港城唯一一家经营跨江客运的企业，过去十年里公司的客运量增长了一倍，但票价一直没有调整，"
    "二零一五年以来的成本上涨主要依靠市政府补贴和公司自有资金来消化。",
    "公司董事长在半年报的致辞中表示，公司将继续改善服务，加快码头改造，争取在明年年底前"
    "完成全部四个码头的无障碍设施建设，同时会与市政府保持沟通，共同寻找平衡票价和成本的办法。",
]
_PORTAL_COMMENTS = [
    "票价早就该调整了，每天坐渡轮上班的人都知道船上有多挤，公司却一直说没钱买新船，"
    "现在买了新船又说利润下滑，到底是怎么回事？希望市政府认真查一查公司的账目，不要让市民吃亏。",
    "夜间航线开通以后希望能多开几班，晚上十点以后就没有船了，加班的人只能打车回家，"
    "打车过桥要绕很远的路，一趟下来要花五六十块钱，比坐渡轮贵了十几倍，真希望公司早点开通夜间航线。",
]


def _portal_page() -> str:
    article = "".join(f"<p>{p}</p>" for p in _PORTAL_ARTICLE)
    comments = "".join(
        f'<div class="single-tie"><div class="tie-bdy"><div class="bdy-inner">'
        f'<p class="tie-cnt">{c}</p></div></div></div>'
        for c in _PORTAL_COMMENTS
    )
    return (
        '<html lang="zh-CN"><head><title>港城渡轮利润连续下滑</title></head><body>'
        '<div class="post_header"><div class="post_content post_area clearfix">'
        '<div class="post_content_main" id="epContentLeft"><div class="post_body">'
        '<div class="post_text" id="endText" style="border-top:1px solid #ddd;">'
        f"{article}</div></div>"
        '<div class="post_comment" id="post_comment_area"><div id="post_comment">'
        '<div id="tieArea" class="tie-area"><div class="tie-hot" id="hot-posts">'
        f'<div class="tie-list">{comments}</div></div></div></div></div>'
        "</div></div></div></body></html>"
    )


def test_an_article_above_its_comments_is_taken_not_the_comments() -> None:
    extracted = extract_article(_portal_page(), "https://news.port.example/a/1.html")
    assert extracted.body.startswith("港城渡轮公司上周公布了半年报")


def test_an_og_title_cut_at_a_quote_gives_way_to_the_whole_title() -> None:
    # A quote inside og:title's content ends the attribute early: "… 写" is all that is left.
    body = "".join(f"<p>{p}</p>" for p in _PORTAL_ARTICLE)
    html = (
        '<html lang="zh-CN"><head><title>港城男孩写"求救"纸条抛出引来警察_港城网</title>'
        '<meta property="og:title" content="港城男孩写" 求救"纸条抛出引来警察"/></head>'
        f"<body><article>{body}</article></body></html>"
    )
    extracted = extract_article(html, "https://news.port.example/a/2.html")
    assert extracted.title == '港城男孩写"求救"纸条抛出引来警察'


def test_a_chinese_article_with_a_box_of_dated_links_is_not_a_table() -> None:
    article = "".join(f"<p>{p}</p>" for p in _PORTAL_ARTICLE[:3])
    related = "".join(
        f"<li>渡轮新闻{n}</li><li>2019年09月0{n}日</li><li>09:3{n}</li><li>{n}43,325</li>"
        for n in range(1, 8)
    )
    html = (
        '<html lang="zh-CN"><head><title>港城渡轮利润连续下滑</title></head><body><article>'
        f"{article}<h3>热门推荐</h3><ul>{related}</ul></article></body></html>"
    )
    extracted = extract_article(html, "https://news.port.example/a/3.html")
    assert extracted.body.startswith("港城渡轮公司上周公布了半年报")


# A short report beside a slider of death notices, in the markup that led trafilatura's
# balanced mode to the notices (found on a Hungarian regional paper; text invented).
_REPORT = [
    "<p>Der Hafenarzt Jan Berg sagte am Dienstag im Radio:</p>",
    "<blockquote><p>bei einem Fünftel der Genesenen halte die Müdigkeit nach der Grippe "
    "monatelang an.</p></blockquote>",
    "<p>Er erinnerte daran, dass es in den vergangenen Jahren zwei ähnliche Grippewellen in "
    "Kell gegeben habe.</p>",
    "<p>Bei jedem zehnten Patienten, der im Krankenhaus behandelt wurde, sei auch eine "
    "Belastungsstörung aufgetreten.</p>",
    "<p>Berg rät Betroffenen, sich nach der Grippe Zeit zu lassen und bei anhaltender "
    "Müdigkeit früh einen Arzt aufzusuchen.</p>",
]
_NOTICES = [
    "Wir danken allen, die Anna Kaiser auf ihrem letzten Weg begleitet haben und uns in der "
    "Trauer nahe waren, von Herzen. Die trauernde Familie.",
    "Mit großer Trauer geben wir bekannt, dass unser lieber Vater Peter Lang aus Kell im Alter "
    "von 78 Jahren verstorben ist. Die Trauerfeier findet am Freitag um elf Uhr in der Kapelle "
    "am Hafen statt.",
    "Statt Karten danken wir allen, die ihre Verbundenheit mit unserer lieben Mutter Maria Roth "
    "auf so vielfältige Weise zum Ausdruck gebracht haben. Die Familie.",
] * 5


def test_more_text_about_something_else_does_not_replace_the_report() -> None:
    html = (
        "<html lang='de'><head><title>Nach der Grippe bleibt oft lange Müdigkeit</title></head>"
        "<body><article class='post type-post hentry'><div class='entry-content clearfix'>"
        "<div class='article-lead'>Nach der Grippe bleibt bei vielen Genesenen eine lange "
        "Müdigkeit, sagt der Hafenarzt.</div><div class='article-content'>"
        + "".join(_REPORT)
        + "</div></div></article><div class='grief-module-container'>"
        "<div class='grief-module-header-title'>Trauer</div><div class='swiper-container'>"
        "<div class='swiper-wrapper'>"
        + "".join(f"<div class='swiper-slide'>{n}</div>" for n in _NOTICES)
        + "</div></div></div></body></html>"
    )
    body = extract_article(html, "https://kell.example/2020/grippe").body
    assert "Hafenarzt" in body
    assert "Trauer" not in body
