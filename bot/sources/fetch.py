"""Bounded HTTP fetching for feeds and article pages.

Everything the bot downloads comes from URLs that admins paste or that feeds
point at, so every fetch is treated as hostile input: only http(s), a bounded
number of redirect hops (each one checked), connections only to public addresses
(the guard in :mod:`bot.sources.client`), a hard byte cap enforced while
streaming, and one wall-clock deadline for the whole exchange. Failures become
a :class:`FetchError` whose ``reason`` is short enough to show an admin in
Telegram ("HTTP 404 Not Found", "timed out after 20 s"), never a traceback.

No storage and no Telegram here: callers keep ETag/Last-Modified themselves
and pass them back in.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from bot.errors import UserFacingError
from bot.i18n import N_, Text
from bot.text import strict_int

__all__ = [
    "FEED_ACCEPT",
    "HTML_ACCEPT",
    "AddressRefusedError",
    "FetchError",
    "FetchResult",
    "check_url",
    "fetch",
    "human_size",
]

# Feeds first, but anything is accepted: many servers label feeds text/html.
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.5, */*;q=0.1"
)
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ALLOWED_SCHEMES = ("http", "https")
_MAX_REASON = 120

log = logging.getLogger(__name__)


class FetchError(UserFacingError):
    """A fetch failed; ``reason`` is a short, user-facing explanation."""

    def __init__(self, reason: str | Text, /, *, url: str | None = None, **values: object) -> None:
        super().__init__(reason, **values)
        self.url = url


class AddressRefusedError(FetchError):
    """The host is, or resolves to, an address we do not fetch from (loopback, private,
    link-local, ...); raised by the client's connection guard (bot.sources.client)."""


@dataclass(frozen=True)
class FetchResult:
    """What came back: the body (empty for 304) and the validators to send next time."""

    url: str
    status: int
    content: bytes
    content_type: str | None
    encoding: str | None
    etag: str | None
    last_modified: str | None
    content_language: str | None = None  # the Content-Language header, as sent

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def human_size(n: int) -> str:
    """Sizes for reasons shown to people: 5000000 -> "5 MB"."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.3g} MB"
    if n >= 1_000:
        return f"{n / 1_000:.3g} kB"
    return f"{n} bytes"


def _seconds(timeout: float) -> str:
    return f"{timeout:g} s"


def check_url(url: str) -> str:
    """Validate a URL we are about to fetch and return its normal form.

    Refuses anything but http(s), URLs without a host, URLs carrying
    credentials (they would end up in logs and in the database) and URLs that
    httpx could not send. The normal form has a lower-case scheme and host,
    an IDNA-encoded host, no default port, a non-empty path and no fragment
    (fragments are never sent to servers). Raises only :class:`FetchError`.
    """
    if not isinstance(url, str):
        raise FetchError(N_("not a URL"))
    text = url.strip()
    if not text:
        raise FetchError(N_("empty URL"))
    if any(ord(c) < 0x20 or ord(c) == 0x7F or (c.isspace() and c != " ") for c in text):
        raise FetchError(N_("URL contains control characters"), url=text[:200])
    text = text.replace(" ", "%20")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise FetchError(N_("invalid URL"), url=text[:200]) from None
    if parts.scheme.lower() not in _ALLOWED_SCHEMES:
        raise FetchError(N_("not http(s)"), url=text[:200])
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise FetchError(N_("credentials in URLs are not allowed"))
    if not parts.hostname:
        raise FetchError(N_("URL has no host"), url=text[:200])
    if port == 0:
        raise FetchError(N_("invalid port"), url=text[:200])
    try:
        parsed = httpx.URL(text)
        if not parsed.host:
            raise FetchError(N_("URL has no host"), url=text[:200])
        parsed = parsed.copy_with(fragment=None, path=parsed.path or "/")
        normal = str(parsed)
    except FetchError:
        raise
    except (httpx.InvalidURL, ValueError, TypeError):
        # ValueError covers UnicodeError from IDNA encoding of odd host names.
        raise FetchError(N_("invalid URL"), url=text[:200]) from None
    return normal


def _clean_header(value: str | None) -> str | None:
    """Drop validator values that cannot be sent back as a header (a stored bad ETag
    must not make every later poll fail)."""
    if value is None:
        return None
    value = value.strip()
    if not value or not value.isascii() or any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        return None
    return value


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 1] + "…"


def _describe(exc: httpx.HTTPError) -> Text:
    """Turn an httpx exception into a short reason without leaking a traceback (the
    library's own detail, after a translated lead, stays as it came)."""
    detail = _short(str(exc))
    if isinstance(exc, httpx.ConnectError):
        if detail:
            return Text(N_("could not connect: {detail}"), {"detail": detail})
        return Text(N_("could not connect"))
    if isinstance(exc, httpx.RemoteProtocolError):
        return Text(N_("the server sent a broken HTTP response"))
    if isinstance(exc, httpx.DecodingError):
        return Text(N_("could not decode the compressed response"))
    if isinstance(exc, httpx.UnsupportedProtocol):
        return Text(N_("not http(s)"))
    if isinstance(exc, httpx.ReadError | httpx.WriteError):
        return Text(N_("connection lost"))
    if isinstance(exc, httpx.ProxyError):
        if detail:
            return Text(N_("proxy error: {detail}"), {"detail": detail})
        return Text(N_("proxy error"))
    if isinstance(exc, httpx.LocalProtocolError):
        return Text(N_("could not send the request"))
    return Text(N_("network error ({kind})"), {"kind": type(exc).__name__})


def _too_big(max_bytes: int) -> Text:
    return Text(N_("response larger than {size}"), {"size": human_size(max_bytes)})


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int,
    # Not left to the caller's asyncio.timeout: the same number also sets httpx's
    # per-operation timeouts and goes into the "timed out after N s" reason.
    timeout: float,  # noqa: ASYNC109
    etag: str | None = None,
    last_modified: str | None = None,
    max_redirects: int = 5,
    accept: str = FEED_ACCEPT,
) -> FetchResult:
    """GET ``url`` and return its body, or a 304, within ``timeout`` seconds overall.

    Redirects are followed here, by hand, rather than by httpx: every hop's
    target goes through :func:`check_url` (so a feed cannot bounce us to
    ``file:``/``ftp:`` or to a URL with credentials) and through the client's
    address guard when it connects (so not to 169.254.169.254 either; that
    refusal is an :class:`AddressRefusedError` naming the redirect), the hop count and the
    single deadline cover the whole chain, relative ``Location`` headers are
    resolved against the hop that sent them, and the final URL is what we
    report (the caller should store it for the article). httpx's built-in
    following would apply its own limits and would not let us vet each hop.

    The body is streamed and abandoned as soon as it passes ``max_bytes``; a
    ``Content-Length`` above the cap is refused before reading anything.
    ``etag``/``last_modified`` become If-None-Match/If-Modified-Since.
    """
    current = check_url(url)
    headers = {"Accept": accept}
    if (tag := _clean_header(etag)) is not None:
        headers["If-None-Match"] = tag
    if (since := _clean_header(last_modified)) is not None:
        headers["If-Modified-Since"] = since
    request_timeout = httpx.Timeout(timeout, connect=min(timeout, 10.0))
    try:
        async with asyncio.timeout(timeout):
            for hop in range(max_redirects + 1):
                request = client.build_request(
                    "GET", current, headers=headers, timeout=request_timeout
                )
                try:
                    response = await client.send(request, stream=True)
                except AddressRefusedError as exc:
                    if hop:
                        raise AddressRefusedError(
                            N_("bad redirect: {reason}"), url=current, reason=exc.text
                        ) from None
                    raise
                except (httpx.InvalidURL, ValueError) as exc:
                    # The URL was checked, so this is the answer's Location: httpx works out
                    # the next request of a redirect even when it does not follow it, and an
                    # odd one ("http:\\host/x", "http://xn--/") raises InvalidURL or an
                    # IDNA ValueError, neither of them an httpx.HTTPError.
                    raise FetchError(N_("bad redirect: invalid URL"), url=current) from exc
                try:
                    status = response.status_code
                    if status in _REDIRECT_STATUSES:
                        current = _next_hop(response, current, hop, max_redirects)
                        continue
                    return await _read(response, current, max_bytes)
                finally:
                    await response.aclose()
    except (TimeoutError, httpx.TimeoutException):
        raise FetchError(
            N_("timed out after {seconds}"), url=current, seconds=_seconds(timeout)
        ) from None
    except FetchError as exc:
        if exc.url is None:
            exc.url = current
        raise
    except httpx.HTTPError as exc:
        raise FetchError(_describe(exc), url=current) from exc
    except Exception as exc:
        # Anything else a hostile server can provoke in the HTTP stack ends here too, so a
        # feed or an admin's /post gets a reason instead of "internal error".
        log.warning("fetch: unexpected %s while fetching a URL", type(exc).__name__, exc_info=True)
        raise FetchError(
            N_("could not fetch ({kind})"), url=current, kind=type(exc).__name__
        ) from exc
    # The loop either returns or raises from _next_hop on the last hop.
    raise AssertionError("unreachable")  # pragma: no cover


def _next_hop(response: httpx.Response, current: str, hop: int, max_redirects: int) -> str:
    """Where a redirect points, checked like a URL an admin typed."""
    status = response.status_code
    location = response.headers.get("location", "").strip()
    if not location:
        raise FetchError(N_("HTTP {status} redirect without a Location header"), status=status)
    if hop >= max_redirects:
        raise FetchError(N_("too many redirects (more than {count})"), count=max_redirects)
    try:
        target = urljoin(current, location)
    except ValueError:
        raise FetchError(N_("bad redirect: invalid URL")) from None
    try:
        return check_url(target)
    except FetchError as exc:
        raise FetchError(N_("bad redirect: {reason}"), url=current, reason=exc.text) from None


async def _read(response: httpx.Response, url: str, max_bytes: int) -> FetchResult:
    status = response.status_code
    etag = response.headers.get("etag")
    last_modified = response.headers.get("last-modified")
    content_type = response.headers.get("content-type")
    if status == 304:
        return FetchResult(url, 304, b"", content_type, None, etag, last_modified)
    if not 200 <= status < 300:
        phrase = response.reason_phrase.strip()
        if phrase:
            raise FetchError(N_("HTTP {status} {phrase}"), status=status, phrase=_short(phrase))
        raise FetchError(N_("HTTP {status}"), status=status)
    declared = response.headers.get("content-length", "")
    length = strict_int(declared)
    if length is not None and length > max_bytes:
        raise FetchError(_too_big(max_bytes))
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(_too_big(max_bytes))
    return FetchResult(
        url=url,
        status=status,
        content=bytes(body),
        content_type=content_type,
        encoding=response.charset_encoding,
        etag=etag,
        last_modified=last_modified,
        content_language=response.headers.get("content-language"),
    )
