"""The catalogs: complete, placeholders and HTML intact, .mo files current, replies that fit
Telegram's limits in every language, and how a chat's language is chosen."""

from __future__ import annotations

import gettext
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from fake_telegram import HTMLParseError, parse_html

from bot import i18n
from bot.app import APOLOGY
from bot.commands import help_text, menu
from bot.formatting import MAX_MESSAGE, utf16_len, visible_length
from bot.handlers.articles import SEARCH_EXPIRED
from bot.handlers.common import GROUP_ADMINS_ONLY
from bot.handlers.settings import LANGUAGE_PREFIX
from bot.handlers.subscriptions import DELETED, FORGET_NO, FORGET_YES, NOTHING_DELETED

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT]
PLACEHOLDER = re.compile(r"\{(\w*)\}")
MARKUP = re.compile(r"</?(?:b|i|u|s|code|pre|a)\b[^>]*>|&[a-z]+;")  # Telegram HTML, not "<id>"
MAX_CALLBACK_ANSWER = 200
MAX_CALLBACK_DATA = 64
MAX_MENU_DESCRIPTION = 256


def catalog(language: str) -> Catalog:
    path = i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with path.open("rb") as f:
        return read_po(f, locale=language)


def source_messages() -> set[str | tuple[str, ...]]:
    """Every marked string in bot/, extracted as `pybabel extract -F babel.cfg -k N_` does."""
    method_map = [("**.py", "python")]
    found: set[str | tuple[str, ...]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT / "bot", method_map, keywords={"_": None, "N_": None, "ngettext": (1, 2)}
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def _key(message: Message) -> str | tuple[str, ...]:
    return message.id if isinstance(message.id, str) else tuple(message.id)


def _pairs(message: Message) -> list[tuple[str, str]]:
    """(source, translation) pairs to compare: every plural form against the plural msgid."""
    if isinstance(message.id, str):
        assert isinstance(message.string, str)
        return [(message.id, message.string)]
    singular, plural = message.id[0], message.id[1]
    forms = list(message.string)
    return [(singular if i == 0 and len(forms) == 2 else plural, f) for i, f in enumerate(forms)]


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalog_is_complete_and_current(language: str) -> None:
    cat = catalog(language)
    have = {_key(m): m for m in cat if m.id}
    wanted = source_messages()
    assert not wanted - set(have), f"{language}: not in the catalog (run pybabel update)"
    assert not set(have) - wanted, f"{language}: no longer in the code (run pybabel update)"
    for key, message in have.items():
        assert not message.fuzzy, f"{language}: fuzzy translation of {key!r}"
        strings = [message.string] if isinstance(message.string, str) else message.string
        assert all(s.strip() for s in strings), f"{language}: untranslated {key!r}"
        if not isinstance(message.id, str):
            assert len(strings) == cat.num_plurals, f"{language}: plural forms of {key!r}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_and_markup_are_intact(language: str) -> None:
    for message in catalog(language):
        if not message.id:
            continue
        for source, translated in _pairs(message):
            assert set(PLACEHOLDER.findall(translated)) == set(PLACEHOLDER.findall(source)), (
                f"{language}: placeholders differ in {translated!r}"
            )
            assert Counter(MARKUP.findall(translated)) == Counter(MARKUP.findall(source)), (
                f"{language}: HTML tags or entities differ in {translated!r}"
            )
            values = {name: "x" for name in PLACEHOLDER.findall(source)}
            filled = translated.format(**values)
            # Every message is Telegram HTML except argument hints such as "<id>", which
            # are plain text escaped where they are shown.
            if MARKUP.search(source) or not re.search("[<&]", source):
                try:
                    parse_html(filled)
                except HTMLParseError as exc:  # pragma: no cover - the message says which
                    raise AssertionError(f"{language}: invalid HTML {filled!r}: {exc}") from exc


def test_a_broken_placeholder_is_caught() -> None:
    """The check above would fail on a translator's typo."""
    source, broken = "Stored as #{id}.", "Guardado como #{ident}."
    assert set(PLACEHOLDER.findall(broken)) != set(PLACEHOLDER.findall(source))


@pytest.mark.parametrize("language", TRANSLATED)
def test_mo_files_match_their_po(language: str) -> None:
    """The committed .mo holds the messages `pybabel compile` makes of the committed .po.

    Only the messages are compared: the header (msgid "") names the Babel release that
    wrote it ("Generated-By: Babel 2.18.0"), which changes with every release of the tool.
    """
    buffer = io.BytesIO()
    write_mo(buffer, catalog(language))
    buffer.seek(0)
    expected = gettext.GNUTranslations(buffer)
    path = i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    with path.open("rb") as f:
        committed = gettext.GNUTranslations(f)
    def messages(translations: gettext.GNUTranslations) -> dict[object, str]:
        table: dict[object, str] = translations._catalog  # type: ignore[attr-defined]
        return {key: text for key, text in table.items() if key != ""}

    assert messages(committed) == messages(expected)


@pytest.mark.parametrize(
    ("count", "form"), [(1, "сводка"), (2, "сводки"), (5, "сводок"), (21, "сводка"), (11, "сводок")]
)
def test_russian_has_three_plural_forms(count: int, form: str) -> None:
    with i18n.use_language("ru"):
        text = i18n.ngettext(
            "Your daily digest: {count} brief", "Your daily digest: {count} briefs", count
        ).format(count=count)
    assert text == f"Ваша ежедневная подборка: {count} {form}"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("es", "es"),
        ("ES", "es"),
        ("pt-br", "pt_BR"),
        ("pt", "pt_BR"),
        ("de-AT", "de"),
        ("ru", "ru"),
        ("en-GB", "en"),
        ("fa", None),
        ("", None),
        (None, None),
    ],
)
def test_negotiate(code: str | None, expected: str | None) -> None:
    assert i18n.negotiate(code) == expected


def test_resolve_follows_the_chat() -> None:
    assert i18n.resolve("de", "group", "es") == "de"  # chosen with /language
    assert i18n.resolve(None, "private", "es-MX") == "es"  # the sender's
    assert i18n.resolve(None, "supergroup", "es") == "en"  # groups: English unless set
    assert i18n.resolve(None, "private", "fa") == "en"
    assert i18n.resolve("xx", "private", "ru") == "ru"  # a catalog since removed


def test_dates_and_numbers_follow_the_locale() -> None:
    with i18n.use_language("de", "Europe/Berlin"):
        assert i18n.number(1234567) == "1.234.567"
        assert i18n.day("2026-11-26T23:30:00+00:00") == "27.11.2026"  # Berlin is an hour on
        assert i18n.moment("2026-11-26T05:10:00+00:00") == "26.11.2026 06:10 Europe/Berlin"
    with i18n.use_language("en"):
        assert i18n.number(1234567) == "1,234,567"
        assert i18n.day("2026-11-26") == "Nov 26, 2026"
        assert i18n.day("2025") == "2025"  # not a date: shown as stored
        assert i18n.clock("08:05").startswith("8:05") and i18n.clock("20:00").endswith("PM")
        assert i18n.items(["a", "b", "c"]) == "a, b, and c"
    with i18n.use_language("fr"):
        assert i18n.number(2.5, fraction=True) == "2,5"
        assert i18n.clock("08:05") == "08:05"
        assert i18n.items(["a", "b"]) == "a et b"


# --- Telegram's limits, in every language --------------------------------------------------


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_replies_fit_telegrams_limits(language: str) -> None:
    long_value = "x" * 200  # any one placeholder: a long feed name, query or reason
    with i18n.use_language(language):
        # /help is the longest fixed reply: one message, whatever the language.
        assert visible_length(help_text(True, "a" * 32)) <= MAX_MESSAGE
        for entry in menu(admin=True):
            assert 1 <= len(entry.description) <= MAX_MENU_DESCRIPTION, entry.command
        for answer in (SEARCH_EXPIRED, GROUP_ADMINS_ONLY, NOTHING_DELETED, DELETED):
            assert len(i18n._(answer)) <= MAX_CALLBACK_ANSWER, answer
        assert len(i18n._(APOLOGY)[:190]) <= MAX_CALLBACK_ANSWER
        if language != i18n.DEFAULT:
            for message in catalog(language):
                for _source, translated in _pairs(message) if message.id else []:
                    values = {n: long_value for n in PLACEHOLDER.findall(translated)}
                    text = translated.format(**values)
                    assert utf16_len(text) <= MAX_MESSAGE
    for data in [FORGET_YES, FORGET_NO, *(LANGUAGE_PREFIX + code for code in i18n.LANGUAGES)]:
        assert len(data.encode()) <= MAX_CALLBACK_DATA
    # The search "More results" button: prefix, a 12-hex-digit key and an offset.
    assert len(f"search:{'f' * 12}:{10**6}".encode()) <= MAX_CALLBACK_DATA
