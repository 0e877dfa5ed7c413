"""Issue 18, fourteenth round: patterns found on saved news pages. Every text here is
invented."""

from __future__ import annotations

import pytest

from bot.briefs import make_brief
from bot.briefs.calls import calls_to_action
from bot.briefs.coherence import in_order
from bot.briefs.dangling import dangles
from bot.briefs.datelines import strip_dateline
from bot.briefs.summarizers import auto
from bot.sources.pagemeta import read_meta


def test_a_list_pages_first_line_about_the_headlines_person_opens_its_brief() -> None:
    # A brief kept in the writer's order agrees with a ranked one: "He" on the first line
    # means the person the headline names, so the brief starts there, not one line later.
    lines = [
        "He was a cheerful regular who ordered lobster at the harbour's restaurants.",
        "Tom Vale walked out without paying a hundred bills in five years.",
        "Police in Port Ellis have opened a murder inquiry.",
    ]
    title = "Harbour man who skipped 100 restaurant bills is killed"
    assert in_order(lines, title, "english", 2) == [0, 1]
    assert in_order(lines, "Harbour board skips 100 bills", "english", 2) == [1, 2]


def test_a_teasers_short_line_the_lead_says_again_is_left_out() -> None:
    body = (
        "Die Hafenbau AG steht wieder in der Kritik: Der Vermieter will Funkzähler in seinen "
        "Wohnungen einbauen, die das Verhalten der Mieter aufzeichnen können.\n"
        "Die Hafenbau AG steht erneut in der Kritik.\n"
        "Die neuen Zähler messen nicht nur den Verbrauch, sie erfassen auch, wie oft gelüftet "
        "und geheizt wird, berichtet der Rundfunk.\n"
        "Der Mieterverein der Stadt kündigte an, gegen den Einbau vor Gericht zu ziehen.\n"
        "Ein Sprecher des Unternehmens sagte, die Daten würden nur für die Wartung genutzt.\n"
        "Die ersten Geräte sollen im Frühjahr in den Wohnungen am Nordhafen hängen."
    )
    brief = make_brief("Hafenbau: Neue Zähler überwachen Mieter", body)
    assert not any(line.startswith("Die Hafenbau AG steht erneut") for line in brief)
    assert brief[0].startswith("Die Hafenbau AG steht wieder in der Kritik")


@pytest.mark.parametrize(
    ("sentence", "leans"),
    [
        ("One is that we will keep supporting the harbour towns for as long as it takes.", True),
        ("The other was to close the ferry route until the storm passed.", True),
        ("The first is that the council never asked the fishermen.", True),
        ("One is expected to open in Port Ellis next spring, the council said.", False),
        ("The first ferry to Port Ellis left at dawn on Monday.", False),
    ],
)
def test_the_first_of_points_announced_before_leans_on_them(sentence: str, leans: bool) -> None:
    assert dangles(sentence, "english") is leans


@pytest.mark.parametrize(
    ("sentence", "language", "leans"),
    [
        ("Said bands play the same three songs at every home game.", "english", True),
        ("Said Karimi, the harbour master, closed the port on Monday.", "english", False),
        ("C\u2019est un début prometteur pour les associations du port.", "french", True),
        ("C'est officiel : le port de Saint-Ellis ferme en mars.", "french", False),
    ],
)
def test_a_line_pointing_at_what_was_told_before(sentence: str, language: str, leans: bool) -> None:
    assert dangles(sentence, language) is leans


def test_a_transcripts_gap_is_no_brief_line() -> None:
    body = " ".join(
        [
            "Mr. Mayor, (inaudible) the council yesterday on the way into the harbour.",
            "The mayor of Port Ellis answered questions about the ferry strike on Monday.",
            "He said the council would pay the ferry crews the wages they had lost.",
            "The strike closed the route to the islands for nine days in November.",
            "Island shops ran short of bread and fuel before the boats sailed again.",
        ]
    )
    brief = make_brief("Mayor answers questions on the ferry strike", body)
    assert not any("inaudible" in line for line in brief)


def test_a_lead_that_retells_a_long_headline_opens_the_brief() -> None:
    # The later lines share many words with each other and few with the lead, so centrality
    # alone ranks the lead below them; it is the news, and it opens the brief.
    later = [
        "Analysts said shipping rates for the ferry operators were rising before the summer.",
        "Fuel prices at the harbour pumps rose twice in February, the harbour office said.",
        "The ferry operators said their crews would strike again if wages were not paid.",
        "Harbour office staff said the summer timetable would be set after the fuel review.",
        "Crews on the island route said the ferry operators owed them two months of wages.",
        "Shipping analysts expect the summer timetable to carry fewer island sailings.",
        "The harbour office said the fuel review would end before the island route reopened.",
        "Island shops said the strike and the fuel prices had emptied their shelves.",
    ]
    lead = "Traffic through Port Ellis dropped unexpectedly in March, by 4%, amid storms."
    brief = auto(
        [lead, *later], "english", 3, "Port Ellis traffic dropped unexpectedly by 4% in March"
    )
    assert brief[0] == lead
    assert lead not in auto([lead, *later], "english", 3, "Port Ellis traffic fell")


def test_a_meta_tags_value_attribute_is_read_like_content() -> None:
    html = (
        "<html><head><title>Port Ellis hosts the harbour envoy</title>"
        '<meta name="twitter:description" value="Port Ellis hosted Mara Quill, the harbour '
        'envoy, to settle the ferry dispute.">'
        '<meta value="Port Ellis hosts the harbour envoy" name="og:title">'
        "</head><body></body></html>"
    )
    meta = read_meta(html)
    assert (
        meta.description
        == "Port Ellis hosted Mara Quill, the harbour envoy, to settle the ferry dispute."
    )
    assert meta.og_title == "Port Ellis hosts the harbour envoy"


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Rounding out the top ten were the harbour's three ferry companies.", "english"),
        # "… the vice-president said this at the harbour forum on the 28th."
        ("28일 항구 포럼에 참석한 부통령은 이같이 말했다.", "korean"),
        ("이렇게 밝혔다고 항구 관계자가 전했다.", "korean"),
        # "Helping firms bring AI applications to market fast."
        ("助力企业极速落地AI应用\uff0c加速普惠。", "chinese"),
    ],
)
def test_a_line_that_needs_what_came_before(sentence: str, language: str) -> None:
    assert dangles(sentence, language)


def test_a_korean_line_that_reports_a_quotation_in_its_own_words_stands() -> None:
    assert not dangles("항구 관계자는 선박 운항이 재개됐다고 말했다.", "korean")


def test_a_paid_releases_wire_and_date_are_not_its_first_words() -> None:
    line = "Media OutReach Newswire - 30 April 2024 - Recently, the harbour exchange opened."
    assert strip_dateline(line) == "Recently, the harbour exchange opened."
    line = "Harbour Newswire -- March 3, 2025 -- Port Ellis Ferries named a new chief."
    assert strip_dateline(line) == "Port Ellis Ferries named a new chief."


def test_a_short_chinese_pages_first_line_without_its_subject_is_left_out() -> None:
    body = (
        "助力企业极速落地AI应用与创意灵感\uff0c让AI技术精细化满足真实业务场景\uff0c加速AI普惠落地。\n"
        "港湾科技发布的智港平台作为面向全行业的企业智能体开发平台\uff0c将大模型、知识库、工作流等"
        "复杂技术模块封装为可视化的拖拽组件\uff0c用户无需编写代码即可快速构建应用。\n"
        "平台涵盖智能体和应用搭建所需的全栈技术能力\uff0c通过简单配置和鼠标拖拽\uff0c无需编程即可快速"
        "构建应用\uff0c适配复杂业务场景\uff0c让用户聚焦于具体业务实现。"
    )
    brief = make_brief("港湾科技发布智港平台", body, language="chinese")
    assert brief[0].startswith("港湾科技发布的智港平台")


@pytest.mark.parametrize(
    ("sentence", "pitch"),
    [
        ("We've scoured the internet to find the best new harbour apps of the month.", True),
        ("Keeping track of them is tough, but we're happy to do that hard work for you.", True),
        ("Voici cinq ports européens à découvrir pour un été pas comme les autres !", True),
        ("Divers have combed the harbour for two days without finding the ferry's bell.", False),
        ("Voici deux ans que le port de Saint-Ellis attend son nouveau quai.", False),
    ],
)
def test_a_list_pages_pitch_is_page_talk(sentence: str, pitch: bool) -> None:
    assert bool(calls_to_action(sentence)) is pitch


@pytest.mark.parametrize(
    "sentence",
    [
        "Interviews and other audio can be heard on the harbour festival tribute page.",
        "A full schedule and parking details can be found at the Harbour Days website.",
        "Our coverage will commence from 6 am, with the ferry service live from 10.30am.",
    ],
)
def test_a_pointer_to_the_sites_other_pages_is_page_talk(sentence: str) -> None:
    assert calls_to_action(sentence)


def test_a_place_that_can_be_seen_is_no_page_talk() -> None:
    assert not calls_to_action("The wreck can be seen at low tide from the harbour wall.")


def test_a_quotation_whose_speaker_is_he_who_tells_leans_on_his_name() -> None:
    line = "“Every harbour will have to choose its ferries,” he tells Harbour TV in this interview."
    assert dangles(line, "english")
