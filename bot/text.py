"""Text rules shared by storage, search and subscriptions.

They live in one place because three features must agree on them: dedupe
(canonical URL, content hash), search (the FTS5 query a user's words become)
and keyword subscriptions (the same stemming as search, so a subscriber to
"floods" gets the article that search finds for "flooding").
"""

from __future__ import annotations

import hashlib
import re
import shlex
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import ftfy

# Query parameters that identify a campaign or a click, never the article.
_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "yclid",
        "_ga",
        "_gl",
        "ref",
        "ref_src",
        "cmpid",
        "ocid",
        "smid",
        "spm",
        "share",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "at_")

# Control characters never belong in an article; \x02/\x03 are also our
# highlight markers, so they must not survive ingestion.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# UTF-8 read as Windows-1252 or Latin-1 ("donâ€™t", "Earthâ\x80\x99s", "cafÃ©"): a lead byte
# shown as Â, Ã or â before a continuation byte's character. Only a text that has one goes
# through ftfy, whose check alone costs milliseconds on a long article.
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00e2][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)

# FTS5's unicode61 tokenizer splits on anything that is not a letter or digit.
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# What one search may ask of FTS5: each term costs a pass over its posting
# lists, and a short prefix (ab*) expands to thousands of words.
MAX_QUERY_TERMS = 8
MAX_TERM_LENGTH = 64
MIN_PREFIX_LENGTH = 3


def canonical_url(url: str) -> str:
    """The form of a URL used to recognise the same article arriving twice."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port if parts.port else None
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    if scheme in ("http", "https"):
        # http and https copies of one page are the same article.
        scheme = "https"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in _TRACKING_PARAMS and not key.lower().startswith(_TRACKING_PREFIXES)
    ]
    query.sort()
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/")
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def source_host(url: str) -> str | None:
    """The host a link points to, without "www.", for naming a report's source."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    return host.removeprefix("www.") or None


def mend_encoding(text: str) -> str:
    """The text with UTF-8 that was read as Windows-1252 put right ("don\u00e2\u20ac\u2122t" ->
    "don\u2019t"); the same object when it shows no such sequence."""
    if not _MOJIBAKE.search(text):
        return text
    # Only the encoding is mended: ftfy's other fixes (straight quotes, half-width CJK
    # punctuation) would change text that was right.
    return str(ftfy.fix_encoding(text))


def clean_text(text: str) -> str:
    """Mend text encoded twice, drop control characters, normalise line endings and
    Unicode form."""
    text = mend_encoding(text)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return CONTROL_CHARS.sub("", text)


def content_hash(title: str, body: str) -> str:
    """Hash of the words only, so re-published copies with other whitespace still match."""
    words = " ".join(_TOKEN.findall(f"{title}\n{body}".casefold()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def _fold(token: str) -> str:
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _porter() -> object:
    # SQLite's FTS5 "porter" is Martin Porter's published C version, which
    # includes his later fixes (logi -> log); NLTK calls that MARTIN_EXTENSIONS.
    # tests/test_text_and_formatting.py checks the two agree against FTS5 itself.
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer(mode=PorterStemmer.MARTIN_EXTENSIONS)


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """The FTS5-compatible stem of one folded token."""
    folded = _fold(token)
    if len(folded) <= 2 or len(folded) > 64 or not folded.isascii():
        # FTS5's porter leaves short, very long and non-ASCII tokens as they are.
        return folded
    if folded in ("eed", "eeds"):
        # SQLite's porter tries its "eed" rule only on words longer than three letters,
        # so a bare "eed" falls through to the "ed" rule: FTS5 indexes it as "e".
        return "e"
    stemmer = _porter()
    return str(stemmer.stem(folded, to_lowercase=False))  # type: ignore[attr-defined]


def tokens(text: str) -> list[str]:
    """Words as FTS5's unicode61 tokenizer sees them: folded, diacritics removed."""
    return [_fold(t) for t in _TOKEN.findall(text)]


def stems(text: str) -> list[str]:
    """The stemmed token sequence of a text (for matching keyword phrases)."""
    return [stem(t) for t in _TOKEN.findall(text)]


def split_keywords(text: str) -> list[str]:
    """Split '/subscribe rail "city budget"' style input into keywords and phrases.

    Unbalanced quotes are forgiven: a subscriber who types `"rail` means rail.
    """
    try:
        parts = shlex.split(text, posix=True)
    except ValueError:
        parts = text.replace('"', " ").replace("'", " ").split()
    seen: dict[str, str] = {}
    for part in parts:
        words = _TOKEN.findall(part)
        if words:
            keyword = " ".join(words)
            seen.setdefault(keyword.casefold(), keyword)
    return list(seen.values())


@dataclass(frozen=True)
class QueryTerm:
    """One term of a search: a word or a quoted phrase, optionally a prefix."""

    words: tuple[str, ...]
    prefix: bool = False

    def render(self) -> str:
        quoted = '"' + " ".join(self.words).replace('"', '""') + '"'
        return quoted + ("*" if self.prefix else "")


def query_terms(text: str) -> list[QueryTerm]:
    """The terms of arbitrary user text, at most MAX_QUERY_TERMS, duplicates dropped.

    A trailing * makes a prefix search only after MIN_PREFIX_LENGTH characters;
    a shorter one ("ab*") is searched as the word itself.
    """
    terms: list[QueryTerm] = []
    for raw in _query_parts(text):
        words = tuple(w[:MAX_TERM_LENGTH] for w in _TOKEN.findall(raw))
        if not words:
            continue
        prefix = raw.endswith("*") and len(words) == 1 and len(words[0]) >= MIN_PREFIX_LENGTH
        term = QueryTerm(words, prefix)
        if term not in terms:
            terms.append(term)
        if len(terms) >= MAX_QUERY_TERMS:
            break
    return terms


def render_query(terms: Sequence[QueryTerm], *, any_term: bool = False) -> str | None:
    """An FTS5 MATCH expression: every term quoted, so no user text is parsed as syntax."""
    if not terms:
        return None
    return (" OR " if any_term else " ").join(term.render() for term in terms)


def fts_query(text: str, *, any_term: bool = False) -> str | None:
    """Turn arbitrary user text into a safe FTS5 MATCH expression, or None if no words.

    Every word is quoted, so FTS5 operators (AND, OR, NOT, NEAR, *, ^, :, -, ())
    typed by a user are searched as words, never parsed as syntax. Quoted
    phrases stay phrases, a trailing * on a word stays a prefix search.
    """
    return render_query(query_terms(text), any_term=any_term)


def _query_parts(text: str) -> Iterable[str]:
    text = clean_text(text)[:2000]
    # Quoted phrases first, then the words around them.
    for match in re.finditer(r'"([^"]+)"|(\S+)', text):
        phrase, word = match.groups()
        yield phrase if phrase is not None else word


def truncate(text: str, limit: int) -> str:
    """Cut text at a word boundary, with an ellipsis, so previews stay readable."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def strict_int(text: str, *, low: int = 0, high: int = 2**63 - 1) -> int | None:
    """ASCII digits within [low, high], else None.

    str.isdigit() is true for "²" and "٣", which int() then rejects or reads
    as another number, and a 10**20 overflows SQLite's integer: every number a
    user or a callback sends goes through here instead.
    """
    text = text.strip()
    # 19 digits already exceed any bound we use; the length check keeps int() cheap.
    if not text or len(text) > 19 or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if low <= value <= high else None


def clamped_int(text: str, *, default: int, low: int, high: int) -> int | None:
    """A count argument: default when absent, None when not a number, else clamped to
    [low, high] (a reader asking for 1000 gets the most there is, 10**5000 included)."""
    text = text.strip()
    if not text:
        return default
    value = strict_int(text)
    if value is None:
        # Digits past strict_int's range still ask for the most; anything else is no number.
        return high if text.isascii() and text.isdigit() else None
    return max(low, min(high, value))
