"""Page bytes to text, reading charset labels the way browsers do.

Pages declare the narrow, older charset and use its wider successor: a Chinese page labelled
gb2312 uses GBK characters, a "latin-1" page has Windows curly quotes. The WHATWG Encoding
Standard, which browsers follow, maps such labels to the superset; Python's codecs read them
literally, so one GBK character makes the whole page fail to decode. The map is a handful of
entries from that standard (no maintained Python library applies it to a codec name).
"""

from __future__ import annotations

import codecs
import re

import trafilatura.utils

# Python codec name → the codec of the WHATWG encoding its labels map to.
_SUPERSET = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "ascii": "cp1252",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
}
# Labels browsers accept that Python's codecs do not know.
_LABELS = {"gb_2312-80": "gb2312", "x-gbk": "gbk", "x-sjis": "shift_jis", "windows-31j": "cp932"}


# The <meta charset> or http-equiv declaration, looked for where HTML's prescan looks: the
# first 1024 bytes (4096 here, for pages with long comments or scripts before it).
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]{2,40})", re.I)
_PRESCAN_BYTES = 4096


def browser_codec(label: str) -> str | None:
    """The Python codec a browser would decode a page labelled ``label`` with, or None."""
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(_LABELS.get(label, label)).name
    except LookupError:
        return None
    return _SUPERSET.get(name, name)


def decode_page(content: bytes | str, encoding: str | None = None) -> str:
    """The page as text: by the HTTP header's charset when it is a known one (it wins over
    <meta> under HTML's rules); else as UTF-8 when it is valid UTF-8 (pages mislabel UTF-8
    more often than anything else), then by its <meta> charset, then by trafilatura's
    detection; each label read as a browser reads it. Bytes the charset cannot decode lose
    only themselves."""
    if isinstance(content, str):
        return content
    content = trafilatura.utils.handle_compressed_file(content)  # a saved page.html.gz
    header = browser_codec(encoding) if encoding else None
    if header is not None:
        return content.decode(header, "replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(content[:_PRESCAN_BYTES])
    codec = browser_codec(declared[1].decode("ascii")) if declared else None
    if codec is not None:
        # Declared wins over a guess, as in browsers: a guess that decodes without error
        # can still be the wrong script.
        return content.decode(codec, "replace")
    candidates = [c for g in trafilatura.utils.detect_encoding(content) if (c := browser_codec(g))]
    for candidate in candidates:
        try:
            return content.decode(candidate)
        except UnicodeDecodeError:
            continue
    return content.decode(candidates[0] if candidates else "utf-8", "replace")
