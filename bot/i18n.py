"""The bot's languages: gettext catalogs, the language of the update being handled, and
locale-aware dates and numbers (Babel).

Catalogs live in ``bot/locale/<lang>/LC_MESSAGES/newsbrief.po`` (with the compiled
``.mo`` beside each, checked by a test); English is the source language and needs none.

The language (and time zone) of the chat an update came from is resolved once per update,
before any handler runs (``handlers.settings.resolve_language``), and held in a
context variable: PTB handles each update in its own task, and a task gets its own copy
of context variables, so concurrent updates never see each other's language. A job that
writes to a chat (a digest) sets it itself:
``with use_locale(await storage.chat_language.chat_locale(db, chat_id))``.
"""

from __future__ import annotations

import datetime as dtm
import gettext
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.numbers import format_decimal

DOMAIN = "newsbrief"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DEFAULT = "en"
# Catalog codes, English first. Adding a language: see "Languages" in the README.
LANGUAGES: tuple[str, ...] = ("en", "es", "ru", "pt_BR", "de", "fr")
# Each language's own name, for the /language buttons (never translated).
NATIVE_NAMES: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "ru": "Русский",
    "pt_BR": "Português (Brasil)",
    "de": "Deutsch",
    "fr": "Français",
}


@dataclass(frozen=True)
class ChatLocale:
    language: str = DEFAULT
    zone: str | None = None  # the chat's digest time zone, if it has one


# A frozen dataclass: the shared default cannot be mutated (what B039 guards against).
_current: ContextVar[ChatLocale] = ContextVar("newsbrief_locale", default=ChatLocale())  # noqa: B039


def negotiate(code: str | None) -> str | None:
    """The catalog for a Telegram/IETF language code ("pt-br", "de", "ru-RU"), or None.

    An exact match first, then any catalog of the same language ("pt" -> "pt_BR").
    """
    if not code:
        return None
    lang, _, region = code.replace("-", "_").partition("_")
    lang = lang.lower()
    full = f"{lang}_{region.upper()}" if region else lang
    if full in LANGUAGES:
        return full
    return next((known for known in LANGUAGES if known.split("_")[0] == lang), None)


def resolve(chosen: str | None, chat_type: str | None, sender_code: str | None) -> str:
    """A chat's reply language: the one chosen with /language; else, in a private chat
    (or an inline query, which has none), the sender's; else English."""
    if chosen in LANGUAGES:
        assert chosen is not None
        return chosen
    if chat_type in (None, "private", "sender"):
        return negotiate(sender_code) or DEFAULT
    return DEFAULT


def telegram_code(language: str) -> str:
    """The two-letter code Telegram's setMyCommands takes for a catalog ("pt_BR" -> "pt")."""
    return language.split("_")[0]


@cache
def translations(language: str) -> gettext.NullTranslations:
    if language == DEFAULT:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])


def current() -> ChatLocale:
    return _current.get()


def set_current(locale: ChatLocale) -> None:
    """For the update being handled (its own task: see the module docstring)."""
    _current.set(locale)


@contextmanager
def use_locale(locale: ChatLocale) -> Iterator[None]:
    """Speak to one chat inside the block (jobs: see storage.chat_language.chat_locale)."""
    token = _current.set(locale)
    try:
        yield
    finally:
        _current.reset(token)


def use_language(language: str | None, zone: str | None = None) -> AbstractContextManager[None]:
    """use_locale for a language code ("pt-br" is fine; unknown ones speak English)."""
    return use_locale(ChatLocale(negotiate(language) or DEFAULT, zone))


def _(message: str) -> str:
    """Translate into the current chat's language."""
    return translations(_current.get().language).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The plural form for n in the current language (Russian has three)."""
    return translations(_current.get().language).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction only; it is translated where it is shown."""
    return message


@dataclass(frozen=True, eq=False)
class Text:
    """A message translated where it is shown, not where it is made (a refusal reason, an
    admin notice): an N_()-marked template and the values of its {placeholders}, so the
    catalog entry stays one constant string. A value that is itself a Text is translated
    too. ``str()`` is the English, for logs, the CLI and stored error columns."""

    template: str
    values: Mapping[str, object] = field(default_factory=dict)

    def localized(self) -> str:
        """In the current chat's language."""
        return self._render(_(self.template), localized=True)

    def __str__(self) -> str:
        return self._render(self.template, localized=False)

    def _render(self, template: str, *, localized: bool) -> str:
        if not self.values:
            return template  # a plain reason may hold braces of its own (a URL, an error)
        values = {
            key: (value.localized() if localized else str(value))
            if isinstance(value, Text)
            else value
            for key, value in self.values.items()
        }
        return template.format(**values)


def babel_locale() -> Locale:
    return _locale(_current.get().language)


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def number(value: float, fraction: bool = False) -> str:
    """A number as the chat writes it (1,234 / 1.234 / 1 234)."""
    return format_decimal(value, format="#,##0.0" if fraction else None, locale=babel_locale())


def items(values: list[str]) -> str:
    """A list as the chat writes one ("a, b and c", "a, b y c")."""
    return format_list(values, locale=babel_locale())


def clock(hh_mm: str) -> str:
    """A stored "HH:MM" wall-clock time as the chat writes it ("8:00 AM", "08:00")."""
    hour, minute = (int(part) for part in hh_mm.split(":"))
    return format_time(dtm.time(hour, minute), format="short", locale=babel_locale())


def _zone() -> ZoneInfo:
    return ZoneInfo(_current.get().zone or "UTC")


def parse_stored(value: str) -> dtm.datetime | dtm.date:
    """A stored timestamp (ISO 8601, UTC) or bare date ("2026-11-26")."""
    if len(value) <= 10:
        return dtm.date.fromisoformat(value)
    moment = dtm.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=dtm.UTC)


def day(value: str) -> str:
    """A stored timestamp or date as the chat's medium date, in its zone ("26 nov 2026");
    anything that is not ISO 8601 (an imported "2025") is shown as it is."""
    try:
        moment = parse_stored(value)
    except ValueError:
        return value
    if isinstance(moment, dtm.datetime):
        moment = moment.astimezone(_zone()).date()
    return format_date(moment, format="medium", locale=babel_locale())


def moment(value: str) -> str:
    """A stored timestamp as the chat's short date and time, with its zone's name."""
    try:
        parsed = parse_stored(value)
    except ValueError:
        return value
    if not isinstance(parsed, dtm.datetime):
        return day(value)
    zone = _zone()
    local = parsed.astimezone(zone)
    when = format_date(local, format="medium", locale=babel_locale())
    at = format_time(local, format="short", locale=babel_locale())
    return f"{when} {at} {zone.key}"
