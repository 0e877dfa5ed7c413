"""Subscribers served in their language, end to end: the real bot against the fake Bot API,
which refuses a message whose HTML does not parse."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fake_telegram import FakeTelegram
from harness import ADMIN_ID, OTHER_USER_ID, BotHarness, eventually, running_bot
from http_server import LocalHTTPServer
from test_feed_poller import serve_herald

from bot import delivery, i18n, jobs
from bot.delivery import digests
from bot.sources.poller import poll_feed
from bot.storage import feeds as store
from bot.storage.articles import ArticleDraft, add_articles

SPANISH = 2101
RUSSIAN = 2102
GROUP = -1002345


@pytest.fixture
async def bot(fake_telegram: FakeTelegram, tmp_path: Path) -> AsyncIterator[BotHarness]:
    # The feed tests serve their feeds on loopback, which fetching refuses by default; the
    # every-command test sends dozens of commands from one user, each as soon as the last is
    # answered (a few ms on loopback): far past any real person's pace and the flood limit.
    env = {"NEWSBRIEF_FETCH_ALLOW_PRIVATE": "1", "NEWSBRIEF_CHAT_RATE": "1000"}
    async with running_bot(fake_telegram, tmp_path / "bot.db", env) as harness:
        yield harness


def _refused(bot: BotHarness) -> list[str]:
    """Every message Telegram would have refused (bad HTML, too long, bad button)."""
    return [
        f"{r.method}->{r.response_status}"
        for r in bot.fake.requests
        if r.response_status == 400 and r.method != "getChatMember"
    ]


async def test_menus_are_registered_per_language(bot: BotHarness) -> None:
    english = {c["command"]: c["description"] for c in bot.fake.get_commands()}
    spanish = {c["command"]: c["description"] for c in bot.fake.get_commands(language_code="es")}
    portuguese = bot.fake.get_commands(language_code="pt")
    assert english["forget"] == "delete everything stored about this chat"
    assert spanish["forget"] == "borrar todo lo guardado sobre este chat"
    assert set(spanish) == set(english) and "language" in spanish and "post" not in spanish
    assert portuguese and portuguese != bot.fake.get_commands()


async def test_a_spanish_speaker_is_answered_in_spanish(bot: BotHarness) -> None:
    bot.fake.user_languages[SPANISH] = "es-ES"
    (start,) = await bot.ask("/start", user_id=SPANISH)
    assert start.plain_text.startswith("¡Hola!")
    (help_,) = await bot.ask("/help", user_id=SPANISH)
    assert "Suscripciones" in help_.plain_text and "/subscribe [palabras clave]" in help_.plain_text
    assert "/post" not in help_.plain_text
    (subscribed,) = await bot.ask("/subscribe rail", user_id=SPANISH)
    assert subscribed.plain_text.startswith("Suscrito a rail.")
    assert "a medida que se publiquen" in subscribed.plain_text
    await bot.seed(3)
    (nothing,) = await bot.ask("/search zebracrossingquux", user_id=SPANISH)
    assert nothing.plain_text.startswith("Ningún artículo coincide con zebracrossingquux.")
    (latest,) = await bot.ask("/latest 1", user_id=SPANISH)
    assert "/brief_" in latest.plain_text
    (question,) = await bot.ask("/forget", user_id=SPANISH)
    assert question.plain_text.startswith("¿Borrar todo lo guardado sobre este chat")
    assert question.reply_markup is not None
    buttons = [b["text"] for row in question.reply_markup["inline_keyboard"] for b in row]
    assert buttons == ["Sí, borrar", "Cancelar"]
    (done,) = await bot.press("forget:yes", message=question, user_id=SPANISH)
    assert done.plain_text.startswith("Hecho: ya no se guarda nada sobre este chat.")
    answers = bot.fake.calls("answerCallbackQuery")
    assert answers[-1].get("text") == "Borrado."
    # An English speaker in the same bot is still answered in English.
    (english,) = await bot.ask("/start", user_id=OTHER_USER_ID)
    assert english.plain_text.startswith("Hello!")
    assert _refused(bot) == []


async def test_russian_digests_use_all_three_plural_forms(bot: BotHarness) -> None:
    bot.fake.user_languages[RUSSIAN] = "ru"
    await bot.ask("/subscribe rail", user_id=RUSSIAN)
    (set_,) = await bot.ask("/digest 08:00 Europe/Moscow", user_id=RUSSIAN)
    assert set_.plain_text == "Ежедневная подборка будет приходить в 08:00 (Europe/Moscow)."
    db = bot.services.db
    serial = 0
    for count, form in ((1, "сводка"), (2, "сводки"), (5, "сводок"), (21, "сводка")):
        items = []
        for _ in range(count):
            serial += 1
            title = f"Rail report number {serial}"
            draft = ArticleDraft(
                title, f"The rail line, report {serial}.", f"https://e.org/{serial}"
            )
            items.append((draft, [f"What happened on the rail line, report {serial}."]))
        await add_articles(db, items)
        before = len(bot.fake.sent(RUSSIAN))
        assert await digests.send_digest(bot.app, db, RUSSIAN) == count
        first = bot.fake.sent(RUSSIAN)[before]
        assert first.plain_text.startswith(f"Ваша ежедневная подборка: {count} {form}\n")
    assert _refused(bot) == []


async def test_a_pushed_brief_is_in_each_subscribers_language(bot: BotHarness) -> None:
    # The same article to a Spanish and an English subscriber: one claim, two bodies.
    bot.fake.user_languages[SPANISH] = "es"
    await bot.ask("/subscribe", user_id=SPANISH)
    await bot.ask("/subscribe", user_id=OTHER_USER_ID)
    before_es, before_en = len(bot.fake.sent(SPANISH)), len(bot.fake.sent(OTHER_USER_ID))
    draft = ArticleDraft(
        "Rail strike ends",
        "The rail strike ended on Tuesday night after talks.",
        "https://e.org/rail",
        source="Example News",
        published_at=datetime(2026, 3, 3, 22, 30, tzinfo=UTC),
    )
    await add_articles(bot.services.db, [(draft, ["The rail strike ended after talks."])])
    delivery.wake(bot.app)

    async def both() -> bool:
        return (
            len(bot.fake.sent(SPANISH)) > before_es
            and len(bot.fake.sent(OTHER_USER_ID)) > before_en
        )

    await eventually(both, message="the brief pushed to both subscribers")
    spanish = bot.fake.sent(SPANISH)[before_es]
    english = bot.fake.sent(OTHER_USER_ID)[before_en]
    assert '">leer</a>' in spanish.text and '">read</a>' in english.text
    assert "3 mar 2026" in spanish.plain_text
    assert "Mar 3, 2026" in english.plain_text
    assert spanish.plain_text.startswith("Rail strike ends")
    assert _refused(bot) == []


async def test_language_command_switches_a_group(bot: BotHarness) -> None:
    (english,) = await bot.ask("/help", chat_id=GROUP, chat_type="supergroup")
    assert "Reading" in english.plain_text  # a group speaks English until told otherwise
    (member,) = await bot.ask("/language es", chat_id=GROUP, chat_type="supergroup")
    assert "only its admins" in member.plain_text  # a plain member may not change it
    (switched,) = await bot.ask(
        "/language de", chat_id=GROUP, chat_type="supergroup", user_id=ADMIN_ID
    )
    assert switched.plain_text == "Ab jetzt antworte ich in diesem Chat auf Deutsch."
    (german,) = await bot.ask("/help", chat_id=GROUP, chat_type="supergroup")
    assert "Lesen" in german.plain_text and "Abonnieren" in german.plain_text
    (shown,) = await bot.ask("/language", chat_id=GROUP, chat_type="supergroup")
    assert shown.plain_text.startswith("In diesem Chat antworte ich auf Deutsch.")
    assert shown.reply_markup is not None
    (unknown,) = await bot.ask(
        "/language tlh", chat_id=GROUP, chat_type="supergroup", user_id=ADMIN_ID
    )
    assert unknown.plain_text.startswith("tlh spreche ich noch nicht.")


async def test_language_buttons_switch_a_private_chat(bot: BotHarness) -> None:
    bot.fake.user_languages[SPANISH] = "es"
    (shown,) = await bot.ask("/language", user_id=SPANISH)
    assert shown.plain_text.startswith("En este chat respondo en Español.")
    assert shown.reply_markup is not None
    data = [b["callback_data"] for row in shown.reply_markup["inline_keyboard"] for b in row]
    assert data == [f"language:{code}" for code in i18n.LANGUAGES]
    (edited,) = await bot.press("language:fr", message=shown, user_id=SPANISH)
    assert edited.plain_text == "Désormais, je réponds dans cette discussion en Français."
    (french,) = await bot.ask("/subscriptions", user_id=SPANISH)  # the choice beats the app's
    assert french.plain_text.startswith("Vous n\u2019avez aucun abonnement.")


@pytest.mark.parametrize("language", i18n.LANGUAGES)
async def test_every_reply_is_valid_html_in_every_language(bot: BotHarness, language: str) -> None:
    """The fake refuses any message whose HTML does not parse or that is too long."""
    user = 2200
    bot.fake.user_languages[user] = i18n.telegram_code(language) + (
        "-br" if language == "pt_BR" else ""
    )
    bot.fake.user_languages[ADMIN_ID] = bot.fake.user_languages[user]
    await bot.seed(6)
    for text in (
        "/start",
        "/help",
        "/latest",
        "/latest many",
        "/brief",
        "/brief 1",
        "/brief 999",
        "/search",
        "/search rail",
        "/search zebracrossingquux",
        "/search ***",
        "/subscribe",
        '/subscribe rail "flood warning"',
        "/subscribe rail",
        "/subscriptions",
        "/digest",
        "/digest 25:00",
        "/digest 07:30 Mars/Olympus",
        "/digest 07:30 Europe/Paris",
        "/digest",
        "/subscriptions",
        "/unsubscribe",
        "/unsubscribe nothing",
        "/unsubscribe all",
        "/subscriptions",
        "/digest off",
        "/language",
        "/forget",
        "hello there",
        "/post",
    ):
        (reply,) = await bot.ask(text, user_id=user)
        assert reply.plain_text.strip(), text
    for text in ("/help", "/stats", "/feeds", "/post", "/delfeed", "/delfeed 9", "/addfeed"):
        (reply,) = await bot.ask(text, user_id=ADMIN_ID)
        assert reply.plain_text.strip(), text
    assert _refused(bot) == []


async def test_addfeed_lang_overrides_what_the_feed_declares(
    bot: BotHarness, http_server: LocalHTTPServer
) -> None:
    url = serve_herald(http_server)  # an English feed that says so
    (refused,) = await bot.ask(f"/addfeed {url} lang=zz", user_id=ADMIN_ID)
    assert refused.plain_text.startswith("Not added: lang= takes a language code")
    (added,) = await bot.ask(f"/addfeed {url} Valley news lang=de", user_id=ADMIN_ID)
    assert added.plain_text.startswith("Added feed #1: Valley news (4 entries now).")
    assert "Language: german." in added.plain_text
    feed = await store.get_feed(bot.services.db, 1)
    assert feed is not None and (feed.language, feed.language_override) == ("english", "german")

    async def languages() -> set[str]:
        async with bot.services.db.conn.execute("SELECT DISTINCT language FROM articles") as c:
            return {row[0] for row in await c.fetchall()}

    async def polled() -> bool:
        return bool(await languages())

    await eventually(polled, timeout=30)
    assert await languages() == {"german"}


async def test_a_russian_admin_counts_feed_entries_in_russian(
    bot: BotHarness, http_server: LocalHTTPServer
) -> None:
    bot.fake.user_languages[ADMIN_ID] = "ru"
    url = serve_herald(http_server)  # four entries: the "few" form
    (added,) = await bot.ask(f"/addfeed {url} Долина", user_id=ADMIN_ID)
    assert added.plain_text.startswith("Лента #1 добавлена: Долина (сейчас в ней 4 записи).")


async def test_a_german_admin_gets_refusals_and_feed_notices_in_german(
    bot: BotHarness, http_server: LocalHTTPServer
) -> None:
    (switched,) = await bot.ask("/language de", user_id=ADMIN_ID)
    assert switched.plain_text.startswith("Ab jetzt antworte ich")
    http_server.route("/page", b"<html><head><title>Home</title></head><body>Hi</body></html>")
    (refused,) = await bot.ask(f"/addfeed {http_server.url('/page')}", user_id=ADMIN_ID)
    assert refused.plain_text.startswith(
        "Nicht hinzugefügt: kein RSS- oder Atom-Feed: eine HTML-Seite erhalten."
    )
    (empty,) = await bot.ask("/post A title and nothing else", user_id=ADMIN_ID)
    assert empty.plain_text.startswith("Nicht gespeichert: der Text ist leer.")

    # A feed that keeps failing, polled the way the job polls it, with the threshold at 1.
    http_server.route("/gone", b"missing", status=404, content_type="text/plain")
    feed, _ = await store.add_feed(bot.services.db, http_server.url("/gone"), "Valley", None)
    settings = replace(bot.services.settings, feed_failure_threshold=1)
    before = len(bot.fake.sent(ADMIN_ID))
    await poll_feed(
        bot.services.db,
        bot.services.http_client(),
        bot.services.briefer,
        settings,
        feed,
        jobs.admin_notifier(bot.app),
    )
    (notice,) = bot.fake.sent(ADMIN_ID)[before:]
    assert notice.plain_text.startswith(f"Feed #{feed.id} (Valley) schlägt fehl: HTTP 404")
    assert "Fehlschläge in Folge: 1." in notice.plain_text
    assert f"/delfeed {feed.id} entfernt ihn." in notice.plain_text
    # The stored error (shown to the log and the CLI) stays English.
    stored = await store.get_feed(bot.services.db, feed.id)
    assert stored is not None and (stored.last_error or "").startswith("HTTP 404")
    assert _refused(bot) == []
