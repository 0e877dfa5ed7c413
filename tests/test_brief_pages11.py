"""Issue 18, eleventh round: patterns found on saved BBC News pages (2011 to 2017) and Chinese
portal pages of 2015. Every text here is invented."""

# Chinese texts use full-width punctuation that looks like ASCII.
# ruff: noqa: RUF001

from __future__ import annotations

import httpx
import pytest
from http_server import LocalHTTPServer

from bot.sources.charset import browser_codec, decode_page
from bot.sources.extract import extract_article, fetch_article

# Invented: a Chinese report whose page says gb2312 but uses GBK characters (镕, 喆), as
# Chinese portals did; a strict gb2312 decoder fails on the first one and lost the page.
_GBK_PARAGRAPHS = [
    "朱镕基纪念馆昨日在河港市正式开放，首日接待游客三千余人，门票全部免费发放。",
    "馆长王喆介绍，纪念馆共分六个展厅，展出文物、照片和手稿四百余件，其中多件为首次公开。",
    "河港市文化局表示，纪念馆今后每周一闭馆，其余时间上午九时至下午五时开放，团体参观需提前预约。",
    "不少游客一早便在馆外排队，一位来自邻省的退休教师说，他专程坐了四个小时的火车赶来。",
    "据了解，纪念馆的建设历时两年，总投资约一点二亿元，由市财政和社会捐款共同承担。",
]
GBK_PAGE = (
    '<html><head><meta charset="gb2312"><title>朱镕基纪念馆昨日开放 首日游客三千余人</title>'
    "</head><body><article><h1>朱镕基纪念馆昨日开放 首日游客三千余人</h1>"
    + "".join(f"<p>{p}</p>" for p in _GBK_PARAGRAPHS)
    + "</article></body></html>"
).encode("gbk")


def test_a_page_labelled_gb2312_is_read_as_gbk() -> None:
    page = extract_article(GBK_PAGE, "https://news.example.cn/2015/07/04/museum.html")
    assert "\ufffd" not in page.body + page.title
    assert "朱镕基纪念馆" in page.title
    assert "馆长王喆介绍" in page.body


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("gb2312", "gb18030"),
        ("GBK", "gb18030"),
        ("x-gbk", "gb18030"),
        ("iso-8859-1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("Shift_JIS", "cp932"),
        ("euc-kr", "cp949"),
        ("big5", "big5hkscs"),
        ("utf-8", "utf-8"),
        ('"windows-1251"', "cp1251"),
        ("no-such-charset", None),
    ],
)
def test_charset_labels_are_read_as_browsers_read_them(label: str, codec: str | None) -> None:
    assert browser_codec(label) == codec


def test_a_latin1_header_gives_windows_quotes_not_control_characters() -> None:
    content = "<p>He said \u201cyes\u201d \u2013 twice.</p>".encode("cp1252")
    assert decode_page(content, "iso-8859-1") == "<p>He said \u201cyes\u201d \u2013 twice.</p>"


def test_bytes_no_charset_decodes_lose_only_themselves() -> None:
    content = (
        '<meta charset="gb2312"><p>河港市文化局表示</p>'.encode("gbk")
        + b"\xff\xff"
        + "<p>开放</p>".encode("gbk")
    )
    text = decode_page(content)
    assert "河港市文化局表示" in text
    assert "开放" in text


async def test_fetch_article_reads_a_latin1_header_as_windows_1252(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    paragraphs = [
        "The harbour board voted on Tuesday to close the old ferry pier at Kellby for "
        "repairs \u2013 the first closure in forty years.",
        "\u201cWe had no choice,\u201d the board\u2019s chair, Ruth Allan, told reporters after "
        "the vote, adding that the pier\u2019s timbers had rotted through in places.",
        "Ferries will use the fishing quay until the work is finished next spring, and the "
        "board said timetables would not change.",
        "Traders on the pier will be offered stalls on the quay at the same rent, a plan the "
        "traders\u2019 association said it would accept.",
    ]
    page = (
        "<html><head><title>Kellby ferry pier to close for repairs</title></head><body><article>"
        "<h1>Kellby ferry pier to close for repairs</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article></body></html>"
    ).encode("cp1252")
    http_server.route("/pier", page, content_type="text/html; charset=iso-8859-1")
    article = await fetch_article(http_client, http_server.url("/pier"), max_bytes=10**6, timeout=5)
    assert "\u201cWe had no choice,\u201d" in article.body
    assert "\x93" not in article.body


async def test_fetch_article_reads_a_gb2312_header_as_gbk(
    http_server: LocalHTTPServer, http_client: httpx.AsyncClient
) -> None:
    http_server.route("/museum", GBK_PAGE, content_type="text/html; charset=gb2312")
    article = await fetch_article(
        http_client, http_server.url("/museum"), max_bytes=10**6, timeout=5
    )
    assert "\ufffd" not in article.body + article.title
    assert "馆长王喆介绍" in article.body
