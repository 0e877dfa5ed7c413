"""A fake Telegram Bot API server for end-to-end tests.

Telegram is unreachable from CI, and mocking ``telegram.Bot`` would skip the parts that
break in practice: python-telegram-bot's (PTB) request encoding, its long-polling loop, its
error mapping (``RetryAfter``, ``Forbidden``, ``ChatMigrated``) and Telegram's own HTML
validation. So this module serves the Bot API over real HTTP on 127.0.0.1 and the real PTB
``Application`` talks to it via ``ApplicationBuilder().base_url(fake.base_url)``.

It is deliberately strict: HTML is validated the way Telegram does it (plus a bare ``&`` is
an error, as the Bot API docs demand, although the real server tolerates it), lengths are
counted in UTF-16 code units and editing a message to identical content fails like on
Telegram. A formatting bug in the bot then fails a test instead of a production send.

Standalone: ``python tests/fake_telegram.py --port 8081`` prints the base_url to give the bot;
``POST {url}/_fake/message`` with JSON ``{"text": "/start", "chat_id": 1}`` queues an update
and ``GET {url}/_fake/sent`` lists what the bot sent.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import itertools
import json
import math
import re
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

JSON = dict[str, Any]
MAX_TEXT_UTF16 = 4096
DEFAULT_USER_ID = 1001
DEFAULT_GROUP_ID = -1001234567890


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Form bodies carry every non-string value JSON-encoded (PTB's RequestParameter.json_value)
# while strings are sent raw; these keys are free text or ids that must never be decoded.
_STRING_FIELDS = _words(
    "text caption parse_mode callback_query_id inline_query_id inline_message_id next_offset "
    "url secret_token ip_address language_code action title description short_description "
    "name emoji message_effect_id business_connection_id switch_pm_text switch_pm_parameter"
)
# Methods that address a chat and so are subject to block/migrate/fail_chat and rate limits.
_SEND_METHODS = frozenset(
    {"sendmessage", "senddocument", "sendchataction", "editmessagetext", "editmessagereplymarkup"}
)
_RATE_LIMITED = frozenset(
    {"sendmessage", "senddocument", "editmessagetext", "editmessagereplymarkup"}
)
_BUTTON_ACTIONS = _words(
    "url callback_data web_app login_url switch_inline_query switch_inline_query_current_chat "
    "switch_inline_query_chosen_chat copy_text callback_game pay"
)
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
}
_MIGRATED = "Bad Request: group chat was upgraded to a supergroup chat"
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
_QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
_GIFT_TYPES = "unlimited_gifts limited_gifts unique_gifts premium_subscription gifts_from_channels"


def utf16_len(text: str) -> int:
    """Telegram measures text in UTF-16 code units: an astral emoji counts 2."""
    return len(text.encode("utf-16-le")) // 2


# --------------------------------------------------------------------------------------------
# HTML validation
# --------------------------------------------------------------------------------------------
# A hand-written scanner rather than html.parser: html.parser is lenient by design (it accepts
# a bare "<", unknown tags and mismatched closing tags, and recovers silently), and it reports
# positions in characters. This scanner follows tdlib's parse_html step by step, so it rejects
# what Telegram rejects, with Telegram's reasons and UTF-8 byte offsets, and it yields the
# plain text and entities (UTF-16 offsets) that Telegram would store.

_SPACE = " \t\r\n\f\v\0"
_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_HTML_ENTITY = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z]{2,8}));")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class HTMLParseError(ValueError):
    """The text is not HTML Telegram accepts; str(exc) is Telegram's reason."""


@dataclass
class _OpenTag:
    name: str
    arg: str
    start: int  # UTF-16 offset in the output
    expandable: bool = False
    language: str = ""


def _decode_entity(text: str, i: int) -> tuple[str, int] | None:
    """Decode the HTML entity at text[i] == "&" like Telegram (4 named ones, numeric)."""
    m = _HTML_ENTITY.match(text, i)
    if m is None:
        return None
    if m[3] is not None:
        char = _NAMED_ENTITIES.get(m[3])
        return None if char is None else (char, m.end())
    code = int(m[1], 10) if m[1] is not None else int(m[2], 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), m.end()


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[JSON]]:
    """Return (plain text, entities) for Telegram HTML, or raise HTMLParseError.

    Stricter than Telegram on purpose in two places: a bare "&" in text (Telegram keeps it
    literally, its docs say it must be escaped) and ``<a>`` without a non-empty href.
    """

    def at(pos: int) -> str:
        return f"at byte offset {len(text[:pos].encode('utf-8'))}"

    out: list[str] = []
    u16 = 0
    stack: list[_OpenTag] = []
    entities: list[JSON] = []
    n, i = len(text), 0
    while i < n:
        c = text[i]
        if c == "&":
            decoded = _decode_entity(text, i)
            if decoded is None and strict_ampersand:
                raise HTMLParseError(f'Character "&" must be escaped as "&amp;" {at(i)}')
            c, i = decoded if decoded is not None else ("&", i + 1)
            out.append(c)
            u16 += utf16_len(c)
            continue
        if c != "<":
            out.append(c)
            u16 += utf16_len(c)
            i += 1
            continue
        begin = i
        i += 1
        if i >= n or text[i] != "/":  # start tag
            while i < n and text[i] not in _SPACE and text[i] != ">":
                i += 1
            if i >= n:
                raise HTMLParseError(f"Unclosed start tag {at(begin)}")
            tag = _OpenTag(text[begin + 1 : i].lower(), "", u16)
            if tag.name not in _TAG_ENTITY:
                raise HTMLParseError(f'Unsupported start tag "{tag.name}" {at(begin)}')
            while True:
                while i < n and text[i] in _SPACE:
                    i += 1
                if i >= n:
                    raise HTMLParseError(f"Unclosed start tag {at(begin)}")
                if text[i] == ">":
                    i += 1
                    break
                name_start = i
                while i < n and text[i] not in _SPACE and text[i] not in "=>":
                    i += 1
                attr = text[name_start:i].lower()
                while i < n and text[i] in _SPACE:
                    i += 1
                if i >= n or text[i] != "=":
                    if tag.name == "blockquote" and attr == "expandable":
                        tag.expandable = True
                        continue
                    raise HTMLParseError(
                        "Expected equal sign in declaration of an attribute of the tag "
                        f'"{tag.name}" {at(begin)}'
                    )
                i += 1
                while i < n and text[i] in _SPACE:
                    i += 1
                if i >= n:
                    raise HTMLParseError(f"Unclosed start tag {at(begin)}")
                if text[i] in "'\"":
                    quote, chars = text[i], []
                    i += 1
                    while i < n and text[i] != quote:
                        decoded = _decode_entity(text, i) if text[i] == "&" else None
                        char, i = decoded if decoded is not None else (text[i], i + 1)
                        chars.append(char)
                    if i >= n:
                        raise HTMLParseError(f"Unclosed start tag {at(begin)}")
                    i += 1
                    value = "".join(chars)
                else:  # an unquoted name token: letters, digits, periods, hyphens
                    token_start = i
                    while i < n and ((text[i].isascii() and text[i].isalnum()) or text[i] in ".-"):
                        i += 1
                    value = text[token_start:i].lower()
                    if i >= n or (text[i] not in _SPACE and text[i] != ">"):
                        raise HTMLParseError(f"Unexpected end of name token {at(token_start)}")
                if (tag.name, attr) in {
                    ("a", "href"),
                    ("span", "class"),
                    ("code", "class"),
                    ("tg-emoji", "emoji-id"),
                }:
                    tag.arg = value  # other attributes are ignored, like Telegram does
            if tag.name == "span" and tag.arg != "tg-spoiler":
                raise HTMLParseError(f'Tag "span" must have class "tg-spoiler" {at(begin)}')
            if tag.name in ("a", "tg-emoji") and not tag.arg.strip():
                attr = "href" if tag.name == "a" else "emoji-id"
                raise HTMLParseError(f'Tag "{tag.name}" must have a non-empty "{attr}" {at(begin)}')
            stack.append(tag)
            continue
        # end tag
        if not stack:
            raise HTMLParseError(f"Unexpected end tag {at(begin)}")
        j = i + 1
        while j < n and text[j] not in _SPACE and text[j] != ">":
            j += 1
        end_name = text[i + 1 : j].lower()
        while j < n and text[j] in _SPACE:
            j += 1
        if j >= n or text[j] != ">":
            raise HTMLParseError(f"Unclosed end tag {at(begin)}")
        top = stack.pop()
        if end_name and end_name != top.name:
            raise HTMLParseError(
                f'Unmatched end tag {at(begin)}, expected "</{top.name}>", found "</{end_name}>"'
            )
        i = j + 1
        if top.name == "code" and stack and stack[-1].name == "pre" and top.arg:
            stack[-1].language = top.arg.removeprefix("language-")
            continue  # Telegram folds <pre><code class="language-x"> into one pre entity
        if u16 > top.start:
            entity: JSON = {
                "type": _TAG_ENTITY[top.name],
                "offset": top.start,
                "length": u16 - top.start,
            }
            if top.name == "a":
                entity["url"] = top.arg
            elif top.name == "pre" and top.language:
                entity["language"] = top.language
            elif top.name == "blockquote" and top.expandable:
                entity["type"] = "expandable_blockquote"
            elif top.name == "tg-emoji":
                entity["custom_emoji_id"] = top.arg
            entities.append(entity)
    if stack:
        raise HTMLParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


# --------------------------------------------------------------------------------------------
# Records and errors
@functools.lru_cache(maxsize=256)
def _parse_html_cached(text: str) -> tuple[str, list[JSON]]:
    """parse_html of a text the fake has seen before: a broadcast sends one text many times."""
    return parse_html(text)


# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One API call as the fake saw it (params decoded), in completion order."""

    method: str
    params: JSON
    response_status: int
    at: float  # time.monotonic()


@dataclass(frozen=True)
class SentMessage:
    """A successful sendMessage / editMessageText: what a user would see."""

    method: str
    chat_id: int | None
    message_id: int | None
    text: str  # raw, as the bot sent it
    parse_mode: str | None
    reply_markup: JSON | None
    link_preview_options: JSON | None
    disable_web_page_preview: bool | None
    plain_text: str  # after entity parsing: tags stripped, &amp; etc. decoded
    entities: list[JSON] = field(default_factory=list)
    at: float = 0.0
    message_thread_id: int | None = None  # the forum topic it went to, if any

    @property
    def preview_disabled(self) -> bool:
        """Whether the bot asked for no link preview, by either API spelling."""
        return bool(self.disable_web_page_preview) or bool(
            (self.link_preview_options or {}).get("is_disabled")
        )


@dataclass(frozen=True)
class Upload:
    """A file the bot uploaded in a multipart request (sendDocument's document)."""

    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(frozen=True)
class SentDocument:
    """A successful sendDocument: the file as the user would download it, and its caption."""

    chat_id: int
    message_id: int
    file_name: str | None
    data: bytes
    caption: str  # after entity parsing
    message_thread_id: int | None = None


MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # the Bot API's limit for files bots send
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # the Bot API's limit for getFile


class ApiError(Exception):
    """An error response; raised inside handlers, turned into Bot API JSON by the router."""

    def __init__(self, status: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.parameters = status, description, parameters

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def make_error(
    status: int,
    description: str | None = None,
    retry_after: int | None = None,
    migrate_to_chat_id: int | None = None,
) -> ApiError:
    """The error Telegram would send for this status (descriptions as the real server's)."""
    if status == 429:
        wait = max(1, int(retry_after or 1))
        text = description or f"Too Many Requests: retry after {wait}"
        return ApiError(429, text, {"retry_after": wait})
    if migrate_to_chat_id is not None:
        params = {"migrate_to_chat_id": migrate_to_chat_id}
        return ApiError(status, description or _MIGRATED, params)
    return ApiError(status, description or _DEFAULT_DESCRIPTIONS.get(status, f"Error {status}"))


@dataclass
class _Fault:
    method: str  # lower-case, "*" for any send to chat_id
    error: Callable[[], ApiError]
    times: int | None  # None: forever
    chat_id: int | None


class _Window:
    """Sliding-window limiter: at most `capacity` events per `window` seconds."""

    def __init__(self, count: float, window: float) -> None:
        # A rate below one event per window becomes one event per stretched window.
        self.capacity, self.window = (int(count), window) if count >= 1 else (1, window / count)
        self.stamps: deque[float] = deque()

    def retry_after(self, now: float) -> int | None:
        while self.stamps and self.stamps[0] <= now - self.window:
            self.stamps.popleft()
        if len(self.stamps) < self.capacity:
            return None
        return max(1, math.ceil(self.stamps[-self.capacity] + self.window - now))


def _decode_value(key: str, value: Any) -> Any:
    if not isinstance(value, str) or key in _STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value  # e.g. chat_id="@channel"


def _int_param(params: JSON, key: str, default: int | None = None) -> int | None:
    value = params.get(key, default)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _bad(f"invalid {key} specified") from None


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


class FakeTelegram:
    """A Bot API server on 127.0.0.1 that records calls and hands out queued updates.

    The end-to-end pattern (the real Application, long polling, a clean stop)::

        app = ApplicationBuilder().token(fake.token).base_url(fake.base_url).build()
        app.add_handler(CommandHandler("start", start))
        async with app:                      # getMe
            await app.start()
            await app.updater.start_polling(poll_interval=0, timeout=1)
            fake.queue_message("/start", chat_id=42, user_id=42)
            [reply] = await fake.wait_for_sent(chat_id=42)
            await app.updater.stop()         # cancels the long poll, confirms the offset
            await app.stop()

    All state is plain attributes and lists, for assertions; nothing is thread-safe, it all
    runs on the test's event loop.
    """

    def __init__(
        self, token: str = "123456:TEST-TOKEN", bot_username: str = "newsbrief_test_bot"
    ) -> None:
        self._token = token
        self.bot_username = bot_username
        bot_id = token.split(":", 1)[0]
        self.bot_user: JSON = {
            "id": int(bot_id) if bot_id.isdigit() else 123456,
            "is_bot": True,
            "first_name": "NewsBrief Test",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self.requests: list[Request] = []
        self._sent: list[SentMessage] = []
        self.documents: list[SentDocument] = []
        # file_id -> (file_path, bytes): files users sent (queue_document) and the bot
        # uploaded; getFile answers the path, GET /file/bot<token>/<path> the bytes.
        self.files: dict[str, tuple[str, bytes]] = {}
        self._file_ids = itertools.count(1)
        self.updates: list[JSON] = []  # pending: not yet confirmed by a getUpdates offset
        self._update_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._open_queries: set[str] = set()
        self._messages: dict[int, dict[int, JSON]] = {}
        self._next_message_id: dict[int, int] = {}
        self._chats: dict[int, JSON] = {}
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        # The language_code each user's updates carry (Telegram sends the app's language).
        self.user_languages: dict[int, str] = {}
        self.webhook_url = ""
        self._faults: list[_Fault] = []
        self.blocked_chats: set[int] = set()
        # (chat_id, user_id) pairs whose getChatMember status is "administrator".
        self.chat_admins: set[tuple[int, int]] = set()
        self.migrated_chats: dict[int, int] = {}
        # Forum supergroups: chat_id -> {message_thread_id: "open" | "closed" | "deleted"}.
        self.forums: dict[int, dict[int, str]] = {}
        self._topic_ids = itertools.count(2)  # 1 is the General topic, which never closes
        self._limits: tuple[float | None, float | None, float | None] | None = None
        self._global_window: _Window | None = None
        self._chat_windows: dict[int, _Window] = {}
        self._group_windows: dict[int, _Window] = {}
        self.rate_limited = 0
        self.rate_limited_by: Counter[str] = Counter()
        # A 429 tells the bot to wait retry_after seconds; a send that arrives before then
        # (overall for a "global" 429, to that chat for a "chat"/"group" one) is a send
        # into a 429 window: counted here and refused again, as Telegram does.
        self.sent_in_429_window = 0
        self.sent_in_429_window_by: Counter[str] = Counter()
        self._penalty_until = 0.0
        self._chat_penalty_until: dict[int, float] = {}
        self.latency = 0.0
        # Broadcast "something changed": set and replaced on every change, so waiters need
        # no lock and sync methods (queue_*) can wake them.
        self._changed = asyncio.Event()
        self._poll_generation = 0
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._host, self._port = "127.0.0.1", 0
        # Every _api_<Method> is a Bot API method; Telegram matches names case-insensitively.
        self._handlers: dict[str, Callable[[JSON], Awaitable[Any]]] = {
            name[5:].lower(): getattr(self, name) for name in dir(self) if name.startswith("_api_")
        }

    # ---- lifecycle ------------------------------------------------------------------------

    async def start(self, port: int = 0, host: str = "127.0.0.1") -> None:
        """Bind host on a free port (or `port`) and serve until stop()."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        app.router.add_post("/_fake/message", self._control_message)
        app.router.add_get("/_fake/sent", self._control_sent)
        # handler_cancellation: a long poll whose client went away (PTB cancels it on stop)
        # ends at once instead of lingering until its timeout.
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self._host, self._port = host, self._runner.addresses[0][1]
        self._closing = False

    async def stop(self) -> None:
        """Release long polls in flight (they answer []), then close the server."""
        self._closing = True
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        return f"http://{self._host}:{self._port}"

    @property
    def base_url(self) -> str:
        """What PTB's base_url wants: it appends f"{token}/{method}"."""
        return f"{self.url}/bot"

    @property
    def token(self) -> str:
        return self._token

    # ---- inspection -----------------------------------------------------------------------

    def sent(
        self, chat_id: int | None = None, *, thread_id: int | None = None
    ) -> list[SentMessage]:
        """Successful sendMessage/sendDocument/editMessageText calls, optionally to one chat
        (and one forum topic of it)."""
        return [
            s
            for s in self._sent
            if (chat_id is None or s.chat_id == chat_id)
            and (thread_id is None or s.message_thread_id == thread_id)
        ]

    def calls(self, method: str) -> list[JSON]:
        """Params of every call of `method` (any outcome), in order."""
        return [r.params for r in self.requests if r.method.lower() == method.lower()]

    def messages(self, chat_id: int) -> dict[int, JSON]:
        """The current state of a chat: message_id -> Message JSON (edits applied)."""
        return dict(self._messages.get(chat_id, {}))

    def get_commands(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        return self.commands.get(self._scope_key(scope, language_code), [])

    # ---- waiting (for tests; no sleeps) ----------------------------------------------------

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait(
        self, predicate: Callable[[], bool], timeout: float, tick: float | None = None
    ) -> bool:
        try:
            async with asyncio.timeout(timeout):
                while True:
                    event = self._changed
                    if predicate():
                        return True
                    if tick is None:
                        await event.wait()
                    else:
                        with contextlib.suppress(TimeoutError):
                            await asyncio.wait_for(event.wait(), tick)
        except TimeoutError:
            return False

    def _recent(self) -> str:
        return ", ".join(f"{r.method}->{r.response_status}" for r in self.requests[-8:]) or "none"

    async def wait_for_sent(
        self, count: int = 1, *, chat_id: int | None = None, timeout: float = 5.0
    ) -> list[SentMessage]:
        """Wait until at least `count` messages were sent (to chat_id); return all of them."""
        if not await self._wait(lambda: len(self.sent(chat_id)) >= count, timeout):
            texts = [s.plain_text[:60] for s in self.sent(chat_id)]
            raise AssertionError(
                f"expected {count} sent message(s) to chat {chat_id} within {timeout}s, "
                f"got {texts}; last requests: {self._recent()}"
            )
        return self.sent(chat_id)

    async def wait_for_request(
        self,
        method: str,
        *,
        timeout: float = 5.0,
        predicate: Callable[[Request], bool] | None = None,
    ) -> Request:
        """Wait for the first recorded call of `method` (matching predicate) and return it."""

        def find() -> Request | None:
            return next(
                (
                    r
                    for r in self.requests
                    if r.method.lower() == method.lower() and (predicate is None or predicate(r))
                ),
                None,
            )

        if not await self._wait(lambda: find() is not None, timeout):
            raise AssertionError(f"no {method} call within {timeout}s; last: {self._recent()}")
        found = find()
        assert found is not None
        return found

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait for any condition; re-checked on every fake event and every 20 ms, since it
        may depend on state outside the fake (a database row, a task finishing)."""
        if not await self._wait(predicate, timeout, tick=0.02):
            raise AssertionError(f"condition not met within {timeout}s; last: {self._recent()}")

    # ---- queuing updates ------------------------------------------------------------------

    def _user(self, user_id: int, first_name: str = "Test", username: str | None = None) -> JSON:
        user: JSON = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": self.user_languages.get(user_id, "en"),
        }
        if username:
            user["username"] = username
        return user

    def _chat(self, chat_id: int) -> JSON:
        if chat_id in self._chats:
            return dict(self._chats[chat_id])
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": "Test"}
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": kind, "title": "Test group"}

    def _new_message_id(self, chat_id: int) -> int:
        self._next_message_id[chat_id] = self._next_message_id.get(chat_id, 0) + 1
        return self._next_message_id[chat_id]

    def _store(self, chat_id: int, message: JSON) -> JSON:
        message_id = message["message_id"]
        self._messages.setdefault(chat_id, {})[message_id] = message
        self._next_message_id[chat_id] = max(self._next_message_id.get(chat_id, 0), message_id)
        return message

    def _bot_message(self, chat_id: int, message_id: int | None = None) -> JSON:
        message_id = message_id or self._new_message_id(chat_id)
        chat, date = self._chat(chat_id), int(time.time())
        return {"message_id": message_id, "from": self.bot_user, "chat": chat, "date": date}

    def _queue_query(self, kind: str, user_id: int, **fields: Any) -> JSON:
        query_id = str(next(self._query_ids))
        self._open_queries.add(query_id)
        return self.queue_update({kind: {"id": query_id, "from": self._user(user_id), **fields}})

    def queue_update(self, raw: JSON) -> JSON:
        """Queue any update; an update_id is assigned unless present."""
        update = {"update_id": next(self._update_ids), **raw}
        self.updates.append(update)
        self._notify()
        return update

    def queue_message(
        self,
        text: str,
        *,
        chat_id: int | None = None,
        user_id: int = DEFAULT_USER_ID,
        chat_type: str = "private",
        first_name: str = "Test",
        username: str | None = None,
        reply_to_message: JSON | None = None,
        forward_origin: JSON | None = None,
        message_thread_id: int | None = None,
    ) -> JSON:
        """Queue a user's text message; a leading "/command[@bot]" gets its bot_command entity.

        message_thread_id: sent in that topic of a forum (see create_topic); the message
        carries message_thread_id and is_topic_message, as Telegram's do.
        """
        if chat_id is None:
            chat_id = user_id if chat_type == "private" else DEFAULT_GROUP_ID
        chat: JSON = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat.update(first_name=first_name, **({"username": username} if username else {}))
        else:
            chat["title"] = f"Test {chat_type}"
        if chat_id in self.forums:
            chat["is_forum"] = True
        self._chats[chat_id] = chat
        message: JSON = {
            "message_id": self._new_message_id(chat_id),
            "from": self._user(user_id, first_name, username),
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        }
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
            ]
        if reply_to_message is not None:
            message["reply_to_message"] = reply_to_message
        if forward_origin is not None:
            message["forward_origin"] = forward_origin
        if message_thread_id is not None:
            message["message_thread_id"] = message_thread_id
            message["is_topic_message"] = True
        self._store(chat_id, message)
        return self.queue_update({"message": message})

    # ---- forum topics ---------------------------------------------------------------------

    def create_topic(self, chat_id: int) -> int:
        """Make chat_id a forum supergroup (if it is not yet) with a new open topic; its id."""
        thread_id = next(self._topic_ids)
        self.forums.setdefault(chat_id, {})[thread_id] = "open"
        if chat_id in self._chats:
            self._chats[chat_id]["is_forum"] = True
        return thread_id

    def close_topic(self, chat_id: int, thread_id: int) -> None:
        self.forums[chat_id][thread_id] = "closed"

    def reopen_topic(self, chat_id: int, thread_id: int) -> None:
        self.forums[chat_id][thread_id] = "open"

    def delete_topic(self, chat_id: int, thread_id: int) -> None:
        self.forums[chat_id][thread_id] = "deleted"

    def _check_thread(self, chat_id: int, params: JSON) -> int | None:
        """The topic a send goes to, refused like Telegram refuses a closed or deleted one."""
        thread_id = _int_param(params, "message_thread_id")
        topics = self.forums.get(chat_id)
        if thread_id is None or topics is None:
            return None if topics is None else thread_id  # no topic: the General topic
        state = topics.get(thread_id)
        if state is None or state == "deleted":
            raise _bad("message thread not found")
        if state == "closed":
            raise _bad("TOPIC_CLOSED")
        return thread_id

    def add_file(self, data: bytes, file_name: str, mime_type: str | None = None) -> JSON:
        """Store a file as Telegram would and return its Document object."""
        number = next(self._file_ids)
        file_id = f"FILE{number:06d}"
        self.files[file_id] = (f"documents/file_{number}_{file_name}", data)
        document: JSON = {
            "file_id": file_id,
            "file_unique_id": f"U{number:06d}",
            "file_name": file_name,
            "file_size": len(data),
        }
        if mime_type:
            document["mime_type"] = mime_type
        return document

    def queue_document(
        self,
        data: bytes,
        file_name: str,
        *,
        caption: str | None = None,
        chat_id: int | None = None,
        user_id: int = DEFAULT_USER_ID,
        chat_type: str = "private",
        mime_type: str | None = "text/x-opml+xml",
        file_size: int | None = None,
    ) -> JSON:
        """Queue a user's message carrying a file (a document), with an optional caption.

        file_size overrides the size Telegram reports (a file too big to download is
        announced with its size; getFile then refuses it).
        """
        update = self.queue_message(
            caption or "", chat_id=chat_id, user_id=user_id, chat_type=chat_type
        )
        message = update["message"]
        message.pop("text")
        entities = message.pop("entities", None)
        if caption:
            message["caption"] = caption
            if entities:
                message["caption_entities"] = entities
        message["document"] = self.add_file(data, file_name, mime_type)
        if file_size is not None:
            message["document"]["file_size"] = file_size
        return update

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self._token:
            return web.json_response(ApiError(401, "Unauthorized").body(), status=401)
        path = request.match_info["path"]
        for file_path, data in self.files.values():
            if file_path == path:
                return web.Response(body=data, content_type="application/octet-stream")
        return web.json_response(_bad("file not found").body(), status=404)

    def queue_callback_query(
        self,
        data: str,
        *,
        user_id: int = DEFAULT_USER_ID,
        chat_id: int | None = None,
        message_id: int | None = None,
        message_text: str | None = None,
    ) -> JSON:
        """Queue a button press on a bot message: the stored one if message_id is known to
        the fake (so later edits are checked against it), else a new bot message."""
        chat_id = user_id if chat_id is None else chat_id
        message = self._messages.get(chat_id, {}).get(message_id) if message_id else None
        if message is None:
            message = self._store(chat_id, self._bot_message(chat_id, message_id))
            message["text"] = message_text or "Message"
        elif message_text is not None:
            message["text"] = message_text
        return self._queue_query(
            "callback_query",
            user_id,
            message=dict(message),
            chat_instance=f"ci{chat_id}",
            data=data,
        )

    def queue_inline_query(
        self, query: str, *, user_id: int = DEFAULT_USER_ID, offset: str = ""
    ) -> JSON:
        """Queue an inline query (@bot query) from a private chat with the bot."""
        return self._queue_query(
            "inline_query", user_id, query=query, offset=offset, chat_type="sender"
        )

    def queue_my_chat_member_blocked(self, chat_id: int, user_id: int | None = None) -> JSON:
        """The user blocked the bot: queue the my_chat_member update and block the chat."""
        self.block_chat(chat_id)
        user = self._user(user_id if user_id is not None else chat_id)
        return self.queue_update(
            {
                "my_chat_member": {
                    "chat": self._chat(chat_id),
                    "from": user,
                    "date": int(time.time()),
                    "old_chat_member": {"status": "member", "user": self.bot_user},
                    "new_chat_member": {"status": "kicked", "user": self.bot_user, "until_date": 0},
                }
            }
        )

    # ---- fault injection ------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        description: str | None = None,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
        times: int = 1,
        chat_id: int | None = None,
    ) -> None:
        """The next `times` calls of `method` (to chat_id, if given) fail with `status`."""
        self._faults.append(
            _Fault(
                method.lower(),
                lambda: make_error(status, description, retry_after, migrate_to_chat_id),
                times,
                chat_id,
            )
        )

    def block_chat(self, chat_id: int) -> None:
        """Every send to chat_id now gets 403 Forbidden: bot was blocked by the user."""
        self.blocked_chats.add(chat_id)

    def unblock_chat(self, chat_id: int) -> None:
        self.blocked_chats.discard(chat_id)

    def migrate_chat(self, old_id: int, new_id: int) -> None:
        """Sends to old_id now get 400 with parameters.migrate_to_chat_id=new_id."""
        self.migrated_chats[old_id] = new_id
        self._chats[new_id] = {"id": new_id, "type": "supergroup", "title": "Test supergroup"}

    def fail_chat(self, chat_id: int, status: int = 500, times: int | None = 1) -> None:
        """The next `times` sends to chat_id (any send method; None: all) fail with status."""
        self._faults.append(_Fault("*", lambda: make_error(status), times, chat_id))

    def set_rate_limits(
        self,
        global_per_second: float | None = 30,
        per_chat_per_second: float | None = 1,
        per_group_per_minute: float | None = 20,
    ) -> None:
        """Turn on Telegram's broadcast limits (off by default). Sends over a limit get 429
        and count in rate_limited; only successful sends fill the windows."""
        self._limits = (global_per_second, per_chat_per_second, per_group_per_minute)
        self._global_window = _Window(global_per_second, 1.0) if global_per_second else None
        self._chat_windows.clear()
        self._group_windows.clear()
        self._penalty_until = 0.0
        self._chat_penalty_until.clear()

    def clear_rate_limits(self) -> None:
        self._limits = self._global_window = None
        self._penalty_until = 0.0
        self._chat_penalty_until.clear()

    def set_latency(self, seconds: float) -> None:
        """Delay every answer (except getUpdates) by `seconds`, like a far-away server.

        The call itself is handled on arrival: a message is in sent() before its answer.
        """
        self.latency = seconds

    def _windows_for(self, chat_id: int | None) -> list[tuple[str, _Window]]:
        if self._limits is None:
            return []
        _, per_chat, per_group = self._limits
        windows: list[tuple[str, _Window]] = []
        if self._global_window is not None:
            windows.append(("global", self._global_window))
        if isinstance(chat_id, int):
            if per_chat:
                window = self._chat_windows.get(chat_id)
                if window is None:
                    window = self._chat_windows[chat_id] = _Window(per_chat, 1.0)
                windows.append(("chat", window))
            if per_group and chat_id < 0:
                window = self._group_windows.get(chat_id)
                if window is None:
                    window = self._group_windows[chat_id] = _Window(per_group, 60.0)
                windows.append(("group", window))
        return windows

    def _check_faults(self, method: str, params: JSON) -> None:
        chat_id = params.get("chat_id")
        for fault in self._faults:
            if fault.method not in (method, "*") or (
                fault.method == "*" and method not in _SEND_METHODS
            ):
                continue
            if fault.chat_id is not None and fault.chat_id != chat_id:
                continue
            if fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
            raise fault.error()
        if isinstance(chat_id, int) and chat_id in self.migrated_chats:
            raise make_error(400, migrate_to_chat_id=self.migrated_chats[chat_id])
        if method in _SEND_METHODS and chat_id in self.blocked_chats:
            raise make_error(403)
        if method in _RATE_LIMITED and self._limits is not None:
            now = time.monotonic()
            penalty, scope = self._penalty_until, "global"
            if isinstance(chat_id, int) and self._chat_penalty_until.get(chat_id, 0.0) > penalty:
                penalty, scope = self._chat_penalty_until[chat_id], "chat"
            if penalty > now:
                self.sent_in_429_window += 1
                self.sent_in_429_window_by[scope] += 1
                self.rate_limited += 1
                self.rate_limited_by[scope] += 1
                raise make_error(429, retry_after=max(1, math.ceil(penalty - now)))
            for kind, window in self._windows_for(chat_id):
                wait = window.retry_after(now)
                if wait is not None:
                    self.rate_limited += 1
                    self.rate_limited_by[kind] += 1
                    if kind == "global":
                        self._penalty_until = max(self._penalty_until, now + wait)
                    elif isinstance(chat_id, int):
                        if len(self._chat_penalty_until) > 10_000:
                            self._chat_penalty_until = {
                                c: t for c, t in self._chat_penalty_until.items() if t > now
                            }
                        self._chat_penalty_until[chat_id] = now + wait
                    raise make_error(429, retry_after=wait)

    # ---- HTTP plumbing --------------------------------------------------------------------

    async def _read_params(self, request: web.Request) -> JSON:
        raw: JSON = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                try:
                    body = await request.json()
                except ValueError:
                    raise _bad("can't parse JSON object") from None
                if isinstance(body, dict):
                    raw.update(body)
            else:
                for key, value in (await request.post()).items():
                    if isinstance(value, str):
                        raw[key] = value
                    else:  # a multipart file part (aiohttp's FileField)
                        raw[key] = Upload(value.filename, value.content_type, value.file.read())
        return {key: _decode_value(key, value) for key, value in raw.items()}

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: JSON = {}
        try:
            params = await self._read_params(request)
            if request.match_info["token"] != self._token:
                raise ApiError(401, "Unauthorized")
            handler = self._handlers.get(method.lower())
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            self._check_faults(method.lower(), params)
            status, body = 200, {"ok": True, "result": await handler(params)}
            if method.lower() in _RATE_LIMITED:
                for _, window in self._windows_for(params.get("chat_id")):
                    window.stamps.append(time.monotonic())
        except ApiError as exc:
            status, body = exc.status, exc.body()
        except Exception as exc:  # a bug in the fake: answer like a broken server, not HTML
            status, body = 500, make_error(500, f"Internal Server Error: fake bug {exc!r}").body()
        if self.latency and method.lower() != "getupdates":
            # The call took effect (and counted against the rate limits) on arrival, as on
            # Telegram's side; only the answer is late. Stamping on arrival also keeps
            # answers that a busy fake releases together from looking like a burst.
            await asyncio.sleep(self.latency)
        self.requests.append(Request(method, params, status, time.monotonic()))
        self._notify()
        return web.json_response(body, status=status)

    async def _control_message(self, request: web.Request) -> web.Response:
        body = await request.json()
        return web.json_response(self.queue_message(body.pop("text"), **body))

    async def _control_sent(self, request: web.Request) -> web.Response:
        return web.json_response([{"chat_id": s.chat_id, "text": s.text} for s in self._sent])

    # ---- validation helpers ---------------------------------------------------------------

    @staticmethod
    def _render(params: JSON, key: str = "text") -> tuple[str, list[JSON]]:
        """Telegram's text checks: parse mode, entity parsing, emptiness, length."""
        text, parse_mode = params.get(key), params.get("parse_mode")
        if text is None or str(text) == "":
            raise _bad("message text is empty")
        text = str(text)
        mode = str(parse_mode or "").lower()
        if mode not in ("", "html", "markdown", "markdownv2"):
            raise _bad(f"unsupported parse_mode {parse_mode!r}")
        if mode == "html":
            try:
                plain, parsed = _parse_html_cached(text)
            except HTMLParseError as exc:
                raise _bad(f"can't parse entities: {exc}") from None
            parsed = [dict(entity) for entity in parsed]  # callers may keep or change them
        else:  # Markdown is passed through unvalidated
            entities = params.get("entities")
            plain, parsed = text, entities if isinstance(entities, list) else []
        if not plain.strip():
            raise _bad("message text is empty")
        if utf16_len(plain) > MAX_TEXT_UTF16:
            raise _bad("message is too long")
        return plain, parsed

    @staticmethod
    def _check_markup(markup: Any) -> JSON | None:
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        rows = markup.get("inline_keyboard")
        if rows is None:
            return markup
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad(
                "can't parse inline keyboard button: "
                'field "inline_keyboard" must be an Array of Array'
            )
        for button in itertools.chain.from_iterable(rows):
            if not isinstance(button, dict) or not str(button.get("text", "")).strip():
                raise _bad("can't parse inline keyboard button: Text is empty")
            if not _BUTTON_ACTIONS & button.keys():
                raise _bad(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            if (
                "callback_data" in button
                and not 1 <= len(str(button["callback_data"]).encode()) <= 64
            ):
                raise _bad("BUTTON_DATA_INVALID")
            if "url" in button and not re.match(r"(https?|tg)://\S+$", str(button["url"])):
                raise _bad("BUTTON_URL_INVALID")
        return markup

    def _chat_id(self, params: JSON) -> int:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        if not isinstance(chat_id, int) or isinstance(chat_id, bool):
            raise _bad("chat not found")
        return chat_id

    def _target(self, params: JSON) -> tuple[int, JSON]:
        chat_id = self._chat_id(params)
        message_id = _int_param(params, "message_id")
        if message_id is None:
            raise _bad("message identifier is not specified")
        message = self._messages.get(chat_id, {}).get(message_id)
        if message is None:
            raise _bad("message to edit not found")
        if message["from"].get("id") != self.bot_user["id"]:
            raise _bad("message can't be edited")
        return chat_id, message

    def _record_sent(
        self,
        method: str,
        params: JSON,
        chat_id: int | None,
        message_id: int | None,
        plain: str,
        entities: list[JSON],
        markup: JSON | None,
    ) -> None:
        preview = params.get("disable_web_page_preview")
        self._sent.append(
            SentMessage(
                method=method,
                chat_id=chat_id,
                message_id=message_id,
                text=str(params["text"]),
                parse_mode=params.get("parse_mode"),
                reply_markup=markup,
                link_preview_options=params.get("link_preview_options"),
                disable_web_page_preview=None if preview is None else bool(preview),
                plain_text=plain,
                entities=entities,
                at=time.monotonic(),
                message_thread_id=_int_param(params, "message_thread_id"),
            )
        )

    @staticmethod
    def _apply_content(
        message: JSON, plain: str, entities: list[JSON], markup: JSON | None, params: JSON
    ) -> None:
        message["text"] = plain
        message.pop("entities", None)
        message.pop("reply_markup", None)
        if entities:
            message["entities"] = entities
        if markup and "inline_keyboard" in markup:  # only inline keyboards stay on a message
            message["reply_markup"] = markup
        if isinstance(params.get("link_preview_options"), dict):
            message["link_preview_options"] = params["link_preview_options"]

    def _scope_key(self, scope: Any, language_code: Any) -> tuple[str, str]:
        scope = scope if isinstance(scope, dict) else {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(language_code or "")

    # ---- Bot API methods ------------------------------------------------------------------

    async def _api_getMe(self, params: JSON) -> JSON:
        return self.bot_user

    async def _api_getUpdates(self, params: JSON) -> list[JSON]:
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = _int_param(params, "offset", 0) or 0
        limit = min(max(_int_param(params, "limit", 100) or 100, 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        if offset > 0:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        elif offset < 0:
            self.updates = self.updates[offset:]
        # Like Telegram, a newer getUpdates terminates an older one still waiting (409).
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()
        if timeout > 0:
            await self._wait(
                lambda: bool(self.updates) or self._closing or self._poll_generation != generation,
                timeout,
            )
        if self._poll_generation != generation:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        return self.updates[:limit]

    async def _api_deleteWebhook(self, params: JSON) -> bool:
        self.webhook_url = ""
        if params.get("drop_pending_updates"):
            self.updates.clear()
        return True

    async def _api_setWebhook(self, params: JSON) -> bool:
        url = str(params.get("url") or "")
        if url and not url.startswith("https://"):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook_url = url
        if params.get("drop_pending_updates"):
            self.updates.clear()
        return True

    async def _api_getWebhookInfo(self, params: JSON) -> JSON:
        return {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.updates),
        }

    async def _api_logOut(self, params: JSON) -> bool:
        return True

    _api_close = _api_logOut

    async def _api_setMyCommands(self, params: JSON) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad("can't parse commands JSON object")
        for command in commands:
            if not isinstance(command, dict) or not re.fullmatch(
                r"[a-z0-9_]{1,32}", str(command.get("command", ""))
            ):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._scope_key(params.get("scope"), params.get("language_code"))] = commands
        return True

    async def _api_getMyCommands(self, params: JSON) -> list[JSON]:
        return self.get_commands(params.get("scope"), str(params.get("language_code") or ""))

    async def _api_deleteMyCommands(self, params: JSON) -> bool:
        self.commands.pop(self._scope_key(params.get("scope"), params.get("language_code")), None)
        return True

    async def _api_sendMessage(self, params: JSON) -> JSON:
        chat_id = self._chat_id(params)
        plain, entities = self._render(params)
        markup = self._check_markup(params.get("reply_markup"))
        thread_id = self._check_thread(chat_id, params)
        message = self._bot_message(chat_id)
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        reply = params.get("reply_parameters")
        reply_id = (
            reply.get("message_id")
            if isinstance(reply, dict)
            else params.get("reply_to_message_id")
        )
        if reply_id is not None:
            target = self._messages.get(chat_id, {}).get(reply_id)
            if target is not None:
                message["reply_to_message"] = {
                    k: v for k, v in target.items() if k != "reply_to_message"
                }
            elif not (isinstance(reply, dict) and reply.get("allow_sending_without_reply")):
                raise _bad("message to be replied not found")
        self._apply_content(message, plain, entities, markup, params)
        self._store(chat_id, message)
        self._record_sent(
            "sendMessage", params, chat_id, message["message_id"], plain, entities, markup
        )
        return message

    async def _api_sendDocument(self, params: JSON) -> JSON:
        chat_id = self._chat_id(params)
        document = params.get("document")
        if isinstance(document, Upload):
            if not document.data:
                raise _bad("file must be non-empty")
            if len(document.data) > MAX_UPLOAD_BYTES:
                raise ApiError(413, "Request Entity Too Large")
            name = document.filename or "document"
            stored = self.add_file(document.data, name, document.content_type)
            data = document.data
        elif isinstance(document, str) and document in self.files:
            data = self.files[document][1]
            name = self.files[document][0].rsplit("/", 1)[-1]
            stored = {"file_id": document, "file_unique_id": "U" + document, "file_size": len(data)}
        elif document is None or document == "":
            raise _bad("there is no document in the request")
        else:
            raise _bad("wrong remote file identifier specified: Wrong string length")
        caption = ""
        entities: list[JSON] = []
        if params.get("caption"):
            caption, entities = self._render(params, "caption")
            if utf16_len(caption) > 1024:
                raise _bad("message caption is too long")
        markup = self._check_markup(params.get("reply_markup"))
        thread_id = self._check_thread(chat_id, params)
        message = self._bot_message(chat_id)
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        message["document"] = {**stored, "file_name": name}
        if caption:
            message["caption"] = caption
            if entities:
                message["caption_entities"] = entities
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self._store(chat_id, message)
        self.documents.append(
            SentDocument(chat_id, message["message_id"], name, data, caption, thread_id)
        )
        self._sent.append(
            SentMessage(
                method="sendDocument",
                chat_id=chat_id,
                message_id=message["message_id"],
                text=str(params.get("caption") or ""),
                parse_mode=params.get("parse_mode"),
                reply_markup=markup,
                link_preview_options=None,
                disable_web_page_preview=None,
                plain_text=caption,
                entities=entities,
                at=time.monotonic(),
                message_thread_id=thread_id,
            )
        )
        return message

    def _forum_topic(self, params: JSON) -> tuple[int, int]:
        chat_id = self._chat_id(params)
        if chat_id not in self.forums:
            raise _bad("the chat is not a forum")
        thread_id = _int_param(params, "message_thread_id")
        if thread_id is None or self.forums[chat_id].get(thread_id, "deleted") == "deleted":
            raise _bad("message thread not found")
        return chat_id, thread_id

    async def _api_createForumTopic(self, params: JSON) -> JSON:
        chat_id = self._chat_id(params)
        name = str(params.get("name") or "")
        if not 1 <= len(name) <= 128:
            raise _bad("TOPIC_TITLE_EMPTY" if not name else "TOPIC_TITLE_TOO_LONG")
        thread_id = self.create_topic(chat_id)
        return {"message_thread_id": thread_id, "name": name, "icon_color": 7322096}

    async def _api_closeForumTopic(self, params: JSON) -> bool:
        chat_id, thread_id = self._forum_topic(params)
        if self.forums[chat_id][thread_id] == "closed":
            raise _bad("TOPIC_NOT_MODIFIED")
        self.close_topic(chat_id, thread_id)
        return True

    async def _api_reopenForumTopic(self, params: JSON) -> bool:
        chat_id, thread_id = self._forum_topic(params)
        if self.forums[chat_id][thread_id] == "open":
            raise _bad("TOPIC_NOT_MODIFIED")
        self.reopen_topic(chat_id, thread_id)
        return True

    async def _api_deleteForumTopic(self, params: JSON) -> bool:
        chat_id, thread_id = self._forum_topic(params)
        self.delete_topic(chat_id, thread_id)
        return True

    async def _api_getFile(self, params: JSON) -> JSON:
        file_id = params.get("file_id")
        if not file_id:
            raise _bad("file_id not specified")
        if file_id not in self.files:
            raise _bad("wrong file_id or the file is temporarily unavailable")
        path, data = self.files[file_id]
        if len(data) > MAX_DOWNLOAD_BYTES:
            raise _bad("file is too big")
        return {
            "file_id": file_id,
            "file_unique_id": "U" + str(file_id),
            "file_size": len(data),
            "file_path": path,
        }

    async def _api_editMessageText(self, params: JSON) -> JSON | bool:
        plain, entities = self._render(params)
        markup = self._check_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            self._record_sent("editMessageText", params, None, None, plain, entities, markup)
            return True
        chat_id, message = self._target(params)
        if (message.get("text"), message.get("entities", []), message.get("reply_markup")) == (
            plain,
            entities,
            markup if markup and "inline_keyboard" in markup else None,
        ):
            raise _bad(_NOT_MODIFIED)
        self._apply_content(message, plain, entities, markup, params)
        message["edit_date"] = int(time.time())
        self._record_sent(
            "editMessageText", params, chat_id, message["message_id"], plain, entities, markup
        )
        return message

    async def _api_editMessageReplyMarkup(self, params: JSON) -> JSON | bool:
        markup = self._check_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return True
        _, message = self._target(params)
        new = markup if markup and "inline_keyboard" in markup else None
        if message.get("reply_markup") == new:
            raise _bad(_NOT_MODIFIED)
        message.pop("reply_markup", None)
        if new:
            message["reply_markup"] = new
        message["edit_date"] = int(time.time())
        return message

    async def _api_deleteMessage(self, params: JSON) -> bool:
        chat_id = self._chat_id(params)
        message_id = _int_param(params, "message_id")
        if self._messages.get(chat_id, {}).pop(message_id or 0, None) is None:
            raise _bad("message to delete not found")
        return True

    async def _api_answerCallbackQuery(self, params: JSON) -> bool:
        if str(params.get("callback_query_id")) not in self._open_queries:
            raise _bad(_QUERY_INVALID)
        if len(str(params.get("text") or "")) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        return True

    async def _api_answerInlineQuery(self, params: JSON) -> bool:
        if str(params.get("inline_query_id")) not in self._open_queries:
            raise _bad(_QUERY_INVALID)
        results = params.get("results")
        if not isinstance(results, list):
            raise _bad("can't parse JSON-serialized results")
        if len(results) > 50:
            raise _bad("RESULTS_TOO_MUCH")
        if len(str(params.get("next_offset") or "").encode()) > 64:
            raise _bad("NEXT_OFFSET_INVALID")
        seen: set[str] = set()
        for result in results:
            if not isinstance(result, dict) or not result.get("type"):
                raise _bad("RESULT_TYPE_INVALID")
            result_id = str(result.get("id") or "")
            if not 1 <= len(result_id.encode()) <= 64:
                raise _bad("RESULT_ID_INVALID")
            if result_id in seen:
                raise _bad("RESULT_ID_DUPLICATE")
            seen.add(result_id)
            self._check_markup(result.get("reply_markup"))
            if result["type"] != "article":
                continue
            if not str(result.get("title") or "").strip():
                raise _bad("RESULT_TITLE_EMPTY")
            content = result.get("input_message_content")
            if not isinstance(content, dict) or "message_text" not in content:
                raise _bad("MESSAGE_EMPTY")
            self._render(content, "message_text")
        return True

    async def _api_sendChatAction(self, params: JSON) -> bool:
        self._chat_id(params)
        if not params.get("action"):
            raise _bad("action is empty")
        return True

    async def _api_getChat(self, params: JSON) -> JSON:
        chat = self._chat(self._chat_id(params))
        # getChat answers a ChatFullInfo, which has a few more required fields than Chat.
        gifts = dict.fromkeys(_GIFT_TYPES.split(), False)
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": gifts,
        }

    async def _api_getChatMember(self, params: JSON) -> JSON:
        chat_id = self._chat_id(params)
        user_id = _int_param(params, "user_id")
        if user_id is None:
            raise _bad("user_id is empty")
        user = self._user(user_id)
        if (chat_id, user_id) not in self.chat_admins:
            return {"status": "member", "user": user}
        rights = (
            "can_be_edited is_anonymous can_manage_chat can_delete_messages "
            "can_manage_video_chats can_restrict_members can_promote_members can_change_info "
            "can_invite_users can_post_stories can_edit_stories can_delete_stories"
        )
        return {"status": "administrator", "user": user, **dict.fromkeys(rights.split(), False)}


async def _serve(port: int, host: str, token: str, username: str) -> None:
    fake = FakeTelegram(token, username)
    await fake.start(port=port, host=host)
    print(
        f"fake Telegram at {fake.base_url}  token={fake.token}  (POST {fake.url}/_fake/message)",
        flush=True,
    )
    try:
        await asyncio.Event().wait()
    finally:
        await fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--token", default="123456:TEST-TOKEN")
    parser.add_argument("--username", default="newsbrief_test_bot")
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.port, args.host, args.token, args.username))


if __name__ == "__main__":
    main()
