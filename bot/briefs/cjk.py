"""Chinese and Japanese page furniture: disclaimers, photo credits and captions, editors'
labels, and the headline glued before the text.

Chinese news pages carry their furniture in set phrases rather than in the Latin patterns of
``cleaning`` ("网友评论仅供其表达个人看法" under the comments, "…供图" under a photo); read as
sentences, they end in "。" and pass for news.
"""

from __future__ import annotations

import re

# A line that is the site's disclaimer or a label: "comments are the users' own views"
# (网友评论仅供其表达个人看法), "does not represent our position" (并不表明…立场), "the author's
# views only" (仅代表作者本人观点), "not our site's view" (不代表本网观点), "disclaimer" (免责
# 声明), "not investment advice", "at your own risk", copyright and reprint notices; "statement:",
# "original title:", "editor:", "source:" labels; a caption saying "the photo shows" (图为).
_DISCLAIMER = re.compile(
    r"\u4ec5\u4f9b\u5176?\u8868\u8fbe\u4e2a\u4eba\u770b\u6cd5"
    r"|\u5e76\u4e0d(?:\u8868\u660e|\u4ee3\u8868).{0,10}(?:\u7acb\u573a|\u89c2\u70b9)"
    r"|\u4ec5\u4ee3\u8868(?:\u4f5c\u8005|\u4e2a\u4eba)|\u89c2\u70b9\u4ec5\u4ee3\u8868"
    r"|\u4e0d\u4ee3\u8868\u672c(?:\u7f51|\u7ad9|\u5e73\u53f0|\u520a)"
    r"|\u514d\u8d23\u58f0\u660e|\u4e0d\u6784\u6210(?:\u4efb\u4f55)?\u6295\u8d44\u5efa\u8bae"
    r"|\u81ea\u884c\u627f\u62c5.{0,4}(?:\u98ce\u9669|\u8d23\u4efb)"
    r"|(?:\u7248\u6743|\u8457\u4f5c\u6743)\u5f52.{0,20}\u6240\u6709"
    r"|\u672a\u7ecf.{0,10}(?:\u8bb8\u53ef|\u6388\u6743).{0,10}\u8f6c\u8f7d|\u8f6c\u8f7d\u8bf7\u6ce8\u660e"
    r"|^[(\uff08]?(?:\u672c\u6587|\u6587\u7ae0)?(?:\u58f0\u660e|\u539f\u6807\u9898|\u8d23\u4efb\u7f16\u8f91|\u8d23\u7f16|\u7f16\u8f91|\u6765\u6e90"
    r"|\u4f5c\u8005|\u56fe\u7247\u6765\u6e90|\u56fe\u6e90)[:\uff1a]"
    # A caption that says what the photo shows: "图为…", "上图为…".
    r"|^[\u4e0a\u4e0b]?\u56fe(?:\u7247)?\u4e3a"
)

# A photo's credit: "provided by" (供图), "screenshot" (截图), "file photo" (资料图), "photo
# source" (图片来源), stock agencies, "photographed by" (摄) at the end.
PHOTO_CREDIT = re.compile(
    r"\u4f9b\u56fe|\u622a\u56fe|\u8d44\u6599\u56fe|\u914d\u56fe|\u56fe\u7247\u6765\u6e90|\u56fe\u6e90"
    r"|\u89c6\u89c9\u4e2d\u56fd|\u4e1c\u65b9IC|\u56fe\u866b\u521b\u610f|\u6444$"
)
# A caption is short: a photo's subject and its credit. Reporting that mentions a screenshot
# ("网友的截图显示" and what it shows) runs longer.
_CAPTION_CHARS = 80

# Labels before the text: an editor's note or a section tag in lenticular brackets
# ("【编前语】", at most eight characters), "editor's note:", "abstract:" or "lead:" (编者按,
# 内容摘要, 导语; a portal puts its abstract in square brackets: "[摘要: …]"), a "last
# updated" stamp, a "【文/…】" byline and microblog topic tags.
# A link to a page's pictures or table inside the text, up to a space: "【画像】…をもっと見る ".
_PICTURE_LINK = re.compile(
    r"\u3010(?:\u753b\u50cf|\u5199\u771f|\u52d5\u753b|\u8868\u3067\u307f\u308b|\u56f3\u89e3"
    r"|\u30b0\u30e9\u30d5)\u3011[^\s\u3002]{1,60}\s+"
)
_LEADING_LABEL = re.compile(
    r"^(?:\u3010[^\u3011]{1,8}\u3011\s*"
    # A kicker in lenticular brackets before the text: "【印花税前五月进账近千亿元!】…".
    r"|\u3010[^\u3011\u3002]{9,30}\u3011(?=\S)"
    r"|\[?(?:\u7f16\u8005\u6309|\u5185\u5bb9\u6458\u8981|\u6458\u8981|\u5bfc\u8bed|\u6838\u5fc3\u63d0\u793a)[:\uff1a]\s*"
    r"|\u6700\u540e\u66f4\u65b0[:\uff1a]\s*\d{4}-\d{1,2}-\d{1,2}(?: \d{1,2}:\d{2}(?::\d{2})?)?\s*"
    r"|\u3010\u6587\s?[/\uff0f][^\u3011]{1,30}\u3011\s*"
    # A Taiwanese paper's byline and dateline in tortoise-shell brackets (U+3014, U+3015):
    # "reporter … / Taipei report".
    r"|\u3014[^\u3015]{1,30}\u3015\s*"
    # A microblog's topic tags: "【#…#】#…# 据…" (a headline between hash marks).
    r"|\u3010#[^#\u3011]{1,60}#\u3011\s*|#[^#\s]{2,40}#\s*)+"
)
_BULLET = re.compile(r"^[-*\u2022]\s+")


def furniture(line: str) -> bool:
    """Whether a Chinese or Japanese line is a disclaimer, a label or a photo caption."""
    if _DISCLAIMER.search(line):
        return True
    return len(line) <= _CAPTION_CHARS and PHOTO_CREDIT.search(line) is not None


def without_labels(line: str, title: str) -> str:
    """The line less a headline glued before the text (a page that put both in one block:
    "苹果回应…错误 据中新网9月9日报道…") and the labels, stamps and bylines before it."""
    line = _PICTURE_LINK.sub("", line)
    bare = _BULLET.sub("", line)
    if title and bare.startswith(title + " ") and len(bare) > len(title) + 10:
        line = bare[len(title) + 1 :]
    return _without_label(line)


# A heading glued to the text with a space ("2018年进口继续扩大 魏少军指出…"): Chinese puts no
# space between a finished phrase and the next, so a space after several characters with no
# punctuation since ends a heading. A name after a title ("记者 陆一夫") is shorter.
_GLUED = re.compile(r"(?<=[\u3400-\u9fff\d%])\s+(?=[\u3400-\u9fff\u300a])")
_PUNCTUATION = re.compile(r"[\u3001-\u3011\uff01-\uff0f\uff1a-\uff1f\u201c\u201d.,;:!?()]")
_HEADING_CHARS = 6
_PAIRS = (("\u201c", "\u201d"), ("\u300a", "\u300b"), ("\uff08", "\uff09"), ("(", ")"))
# Datelines end on "wire" (电), "news" (讯), "report" or "message": "新华社北京2月29日电".
_DATELINE_ENDS = ("\u7535", "\u8baf", "\u6d88\u606f", "\u62a5\u9053")
_CIRCLED = re.compile(r"\s*[\u2460-\u2473\u2776-\u277f]\s*")


def pieces(line: str) -> list[str]:
    """The line cut where a heading was glued to the text after it, its last piece with the
    full stop its writer left off."""
    # One pass: the open quotes and brackets and the last punctuation before each space are
    # carried along, not counted again from the line's start (a long line of short spaced
    # phrases made that quadratic: 4 s for 45,000 characters).
    cuts = []
    open_pairs = [0] * len(_PAIRS)
    last = scanned = 0
    for match in _GLUED.finditer(line):
        segment = line[scanned : match.start()]
        for k, (left, right) in enumerate(_PAIRS):
            open_pairs[k] += segment.count(left) - segment.count(right)
        for mark in _PUNCTUATION.finditer(segment):
            last = scanned + mark.end()
        scanned = match.start()
        if any(count > 0 for count in open_pairs):
            # Inside a quotation, a title or brackets: a campaign's name, or the names of
            # two reporters in brackets after "本站讯".
            continue
        if line.endswith(_DATELINE_ENDS, 0, match.start()):
            continue  # a dateline stays with its sentence: "新华社北京2月29日电 …"
        if match.start() - last >= _HEADING_CHARS:
            cuts.append(match)
    parts, start = [], 0
    for match in cuts:
        parts.append(line[start : match.start()])
        start = match.end()
    parts.append(_finished(line[start:]))
    # A piece after a heading may open on a stamp: "最后更新: 2019-09-07 15:14:21 9月3日 …".
    parts = parts[:1] + [_without_label(part) for part in parts[1:]]
    # Points numbered in circles run into one paragraph: "①自2014年…创近两年新低②而受到…";
    # each is a sentence of its own, its full stop often left off.
    split: list[str] = []
    for part in parts:
        if _CIRCLED.search(part) is None:
            split.extend([part] if part.strip() else [])
        else:
            split.extend(_finished(p) for p in _CIRCLED.split(part) if p.strip())
    return split


def _without_label(text: str) -> str:
    label = _LEADING_LABEL.match(text)
    if label is None or label.end() >= len(text):
        return text
    if text.startswith("[") and text.endswith("]"):
        return text[label.end() : -1]  # "[摘要: …]": the abstract's closing bracket too
    return text[label.end() :]


# Some writers leave off their paragraphs' full stops ("…踏上了冒险的征程"): a paragraph of
# prose (a long one, with commas in it; headings have none or one) ends a sentence all the same.
_UNFINISHED = re.compile(r"[\u3400-\u9fff\w]$")
_PROSE_CHARS = 30
_ENDS = re.compile(r"[\u3002\uff01\uff1f!?]")
_PROSE_COMMAS = 2
_SEPARATORS = re.compile(r"[_|\uff5c]")  # a site's keywords: "今日股市_明日大盘_…"


def _finished(paragraph: str) -> str:
    # Only a paragraph with no sentence end at all: after one, what follows without a stop is
    # as often a heading glued on (a sub-heading after "…之处。 ", a headline's second half
    # after an exclamation) as a lost stop.
    if (
        len(paragraph) >= _PROSE_CHARS
        and paragraph.count("\uff0c") >= _PROSE_COMMAS
        and _UNFINISHED.search(paragraph)
        and not _ENDS.search(paragraph)
        and not _SEPARATORS.search(paragraph)
    ):
        return paragraph + "\u3002"
    return paragraph
