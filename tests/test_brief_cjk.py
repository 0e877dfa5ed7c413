"""Issue 18: Chinese page furniture (disclaimers, photo credits, editors' labels, a headline
glued to the text) and Chinese sentences that lean on one left out. Every text is invented."""

# Chinese text is written with full-width punctuation; it is the point, not a typo.
# ruff: noqa: RUF001

from __future__ import annotations

import time

import pytest

from bot.briefs import MAX_BODY_CHARS, TooLittleText, clean_body, make_brief
from bot.briefs.cjk import pieces
from bot.briefs.fitness import is_fit

NEWS = (
    "新华社港城5月9日电 港城渡轮公司9日宣布\uff0c从下月起增开两条夜间航线\uff0c方便市民晚间出行。"
    "公司表示\uff0c新航线每天往返四次\uff0c票价与日间航线相同。"
)


@pytest.mark.parametrize(
    "furniture",
    [
        "网友评论仅供其表达个人看法\uff0c并不表明本网立场。",  # under the comments
        "【免责声明】本文仅代表作者本人观点\uff0c与本网站无关。",
        "请读者仅作参考\uff0c并请自行承担全部责任。",
        "本文原标题\uff1a《港城渡轮增开夜间航线\uff01》搭渡轮去看夜景\uff01",
        "渡轮夜间驶出港口。视频截图",  # a caption and its credit
        "英国《港城日报》网站题为《夜航》的报道截图。",
        "声明\uff1a本文由入驻本平台的作者撰写\uff0c观点仅代表作者本人\uff0c不代表本网立场。",
        "图为渡轮夜间驶出港口。",  # "the photo shows …"
    ],
)
def test_chinese_page_furniture_is_dropped_and_the_news_kept(furniture: str) -> None:
    assert clean_body(f"{furniture}\n\n{NEWS}") == NEWS


def test_a_caption_credit_is_not_joined_to_the_paragraph_after_it() -> None:
    body = f"渡轮夜间驶出港口。港城渡轮公司供图\n\n{NEWS}"
    assert clean_body(body) == NEWS


@pytest.mark.parametrize(
    "before",
    [
        "【编前语】",  # an editor's note label
        "编者按\uff1a",  # "editor's note:"
        "内容摘要\uff1a",  # "abstract:"
        "最后更新: 2019-09-07 09:27:48 【文/本网专栏作者 王文】 ",  # a stamp and a byline
    ],
)
def test_labels_before_a_chinese_paragraph_are_cut(before: str) -> None:
    assert clean_body(f"{before}{NEWS}") == NEWS


def test_a_headline_glued_before_the_text_is_cut() -> None:
    title = "港城渡轮增开夜间航线\uff1a每天往返四次"
    assert clean_body(f"- {title} {NEWS}", title) == NEWS


def test_a_chinese_brief_does_not_open_on_a_line_that_leans_on_a_dropped_question() -> None:
    body = (
        "近日\uff0c一张截图在网上流传\uff0c渡轮票价被改成了十元\uff0c这难道不是恶搞吗\uff1f"
        "要知道\uff0c渡轮公司就曾在港城经营多年\uff0c记者采访了公司负责人。\n\n"
        "港城渡轮公司成立于1990年\uff0c目前有十二艘渡轮\uff0c每天运送乘客两万人次。"
        "公司负责人表示\uff0c票价没有变化\uff0c截图是有人故意修改的。"
        "公司已经向警方报案\uff0c并提醒市民以官方公告为准。"
    )
    brief = make_brief("渡轮票价被改成十元\uff1f公司回应", body, language="chinese")
    assert brief[0].startswith("港城渡轮公司成立于1990年")


@pytest.mark.parametrize(
    "sentence",
    [
        "本网《港城观察》为您梳理。",
        "四条夜间航线抢先看\uff01",
        "本网将陆续推出系列报道\uff0c敬请关注。",
        "返回港城网\uff0c查看更多。",
    ],
)
def test_chinese_lines_talking_to_the_reader_are_unfit(sentence: str) -> None:
    assert not is_fit(sentence)


@pytest.mark.parametrize("sentence", ["夜航开通时间定了\uff01", "去港城夜市买买买不是梦\uff01"])
def test_a_short_chinese_exclamation_is_a_teaser(sentence: str) -> None:
    assert not is_fit(sentence)


def test_a_chinese_line_pointing_at_code_above_does_not_open_a_brief() -> None:
    body = (
        "可以看到\uff0c代码变得很难看了。\n\n"
        "港城渡轮公司9日宣布\uff0c从下月起增开两条夜间航线。"
        "新航线每天往返四次\uff0c票价与日间航线相同。公司表示\uff0c夜航将先试行三个月。"
    )
    brief = make_brief("港城渡轮增开夜间航线", body, language="chinese")
    assert brief[0].startswith("港城渡轮公司9日宣布")


def test_a_star_before_a_chinese_line_is_a_list_marker() -> None:
    body = "\u2605值得一提的是\uff0c新码头距离地铁站约500米\uff0c旅客可以步行前往。"
    assert make_brief("港城新码头启用", body + NEWS, language="chinese")[0].startswith("值得一提")


def test_a_chinese_paragraph_ending_on_its_source_in_brackets_is_kept() -> None:
    body = "1-10月，全县渡轮客运量完成246万人次，同比增长15.3%，位列三县第一。（港城县交通局）"
    assert clean_body(body) == body


def test_chinese_paragraphs_without_their_last_full_stop_are_kept() -> None:
    body = (
        "港城夜航是一款以渡轮为主题的休闲游戏，玩家可以在地图上规划航线，体验港口的乐趣。"
        "本作由港城工作室出品\n\n"
        "游戏的故事设定在一座海岛上，玩家作为一名年轻的船长，踏上了冒险的征程"
    )
    # Kept; a paragraph of prose with no sentence end at all gets the stop its writer left off.
    assert clean_body(body) == body + "\u3002"
    assert len(make_brief("港城夜航", body, language="chinese")) == 2


def test_a_headline_with_a_comma_gets_no_full_stop() -> None:
    line = "我国渡轮客运突破3000万人次！王明：产业结构失衡，没把乘客作为港城渡轮发展的中心"
    assert clean_body(line) == line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "2018年客运量继续扩大，突破3000万人次 王明指出，港城每年有两千万人乘坐渡轮。",
            ["2018年客运量继续扩大，突破3000万人次", "王明指出，港城每年有两千万人乘坐渡轮。"],
        ),
        # kept: a name after a title in brackets, a campaign's name in quotes, a dateline
        ("本站讯（通讯员 李明 王芳）港城渡轮公司举办了安全培训。", None),
        ("港城启动“渡轮安全月 安全知识进万家”宣传活动。", None),
        ("新华社港城5月9日电 港城渡轮公司9日宣布增开夜航。", None),
    ],
)
def test_a_heading_glued_to_chinese_text_by_a_space_is_cut_off(
    line: str, expected: list[str] | None
) -> None:
    assert pieces(line) == (expected or [line])


def test_a_heading_after_a_finished_chinese_sentence_is_not_joined_to_the_next() -> None:
    body = "港城渡轮公司宣布增开夜航。中国渡轮产业结构失衡\n\n王明强调，港城需要更多的渡轮。"
    assert "王明强调，港城需要更多的渡轮。" in clean_body(body).split("\n\n")


def test_a_chinese_clause_broken_after_a_latin_word_is_joined() -> None:
    body = "根据公司内部人士透露，三家渡轮公司关于 5G\n\n船票的促销手段原本有三大类。"
    joined = "根据公司内部人士透露，三家渡轮公司关于 5G船票的促销手段原本有三大类。"
    assert clean_body(body) == joined


def test_a_chinese_round_up_is_briefed_from_its_first_item() -> None:
    body = "\n\n".join(
        [
            "收盘播报",
            "【港城日报】港城三大渡轮公司股价集体回调：港城渡轮跌近3% 夜航公司逆市走强",
            "港城三大渡轮公司股价9月26日集体回调，其中港城渡轮收盘下跌0.89%。夜航公司逆市走强。",
            "国内资讯",
            "【港城晚报】交通局：渡轮公司拨备覆盖率超过监管要求两倍视为存在隐藏利润倾向",
            "交通局官网信息显示，交通局对《渡轮企业财务规则》进行修订。新规则明年起施行。",
            "【港城商报】全球港口城市竞争力20强：港城第四！还有这4个城市跻身前20",
            "9月25日，港口协会发布了一则关于全球港口竞争力报告的消息。港城排在第四。",
        ]
    )
    brief = make_brief("9月26日盘中重要资讯汇总", body, language="chinese")
    assert all("交通局" not in line and "港口协会" not in line for line in brief)


@pytest.mark.parametrize("more", ["", "港湾物流：拟1079万元收购子公司少数股权。"])
def test_labelled_chinese_items_in_one_paragraph_are_not_mixed(more: str) -> None:
    body = (
        "港城渡轮：25日获公司总裁增持。夜航公司：确定为两条航线的渡轮供应商，中标价7亿元。"
        "海港集团：确认中标码头改造项目，中标额6962万元。" + more
    )
    brief = make_brief("午间公告：夜航公司中标航线项目", body, language="chinese")
    assert brief == ("港城渡轮：25日获公司总裁增持。",)


def test_a_heading_glued_after_the_last_sentence_gets_no_full_stop() -> None:
    body = (
        "王明在大会上分析了渡轮客运数据，指出了港城渡轮的不足之处。 "
        "2018年客运量继续扩大，突破3000万人次"
    )
    assert clean_body(body) == body


def test_a_huge_chinese_line_of_spaced_phrases_is_cleaned_in_linear_time() -> None:
    # Looking for glued headings counted quotes and punctuation again from the line's start at
    # every space: 190 s for a 200,000-character line, a worker frozen.
    line = "港城渡轮公司\uff0c增开 " * (MAX_BODY_CHARS // 10)
    started = time.perf_counter()
    with pytest.raises(TooLittleText):
        make_brief("港城渡轮", line, language="chinese")
    assert time.perf_counter() - started < 10
