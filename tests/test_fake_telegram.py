"""Tests of the fake Bot API server itself, through raw HTTP and through the real PTB."""

from __future__ import annotations

import asyncio
import datetime as dtm
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fake_telegram import FakeTelegram, HTMLParseError, parse_html, utf16_len
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes

CHAT = 42


@pytest.fixture
async def bot(fake_telegram: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(fake_telegram.token, base_url=fake_telegram.base_url) as bot:
        yield bot


# ---- raw HTTP -------------------------------------------------------------------------------


async def test_token_and_method_errors(fake_telegram: FakeTelegram) -> None:
    async with httpx.AsyncClient() as client:
        wrong = await client.post(f"{fake_telegram.url}/bot1:WRONG/getMe")
        unknown = await client.post(f"{fake_telegram.base_url}{fake_telegram.token}/fly")
    assert wrong.status_code == 401
    assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    assert unknown.status_code == 404
    assert unknown.json()["description"] == "Not Found: method not found"
    assert [r.response_status for r in fake_telegram.requests] == [401, 404]


async def test_json_and_form_bodies_are_decoded_alike(fake_telegram: FakeTelegram) -> None:
    markup = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}
    url = f"{fake_telegram.base_url}{fake_telegram.token}/sendMessage"
    async with httpx.AsyncClient() as client:
        as_json = await client.post(
            url, json={"chat_id": CHAT, "text": "123", "reply_markup": markup}
        )
        as_form = await client.post(
            url, data={"chat_id": str(CHAT), "text": "123", "reply_markup": '{"inline_keyboard": '
                       '[[{"text": "Go", "callback_data": "go"}]]}'}
        )  # fmt: skip
    assert as_json.status_code == as_form.status_code == 200
    first, second = fake_telegram.calls("sendMessage")
    assert first == second == {"chat_id": CHAT, "text": "123", "reply_markup": markup}
    assert as_form.json()["result"]["message_id"] == 2
    assert as_form.json()["result"]["reply_markup"] == markup


async def test_long_poll_returns_as_soon_as_an_update_is_queued(
    fake_telegram: FakeTelegram,
) -> None:
    url = f"{fake_telegram.base_url}{fake_telegram.token}/getUpdates"
    async with httpx.AsyncClient(timeout=30) as client:
        poll = asyncio.create_task(client.post(url, data={"timeout": "20"}))
        await fake_telegram.wait_until(lambda: fake_telegram._poll_generation == 1)
        started = time.monotonic()
        fake_telegram.queue_message("hello")
        updates = (await poll).json()["result"]
        assert time.monotonic() - started < 1
        assert [u["message"]["text"] for u in updates] == ["hello"]
        # Not confirmed yet: returned again; an offset past it drops it.
        again = (await client.post(url, data={"offset": "1"})).json()["result"]
        assert [u["update_id"] for u in again] == [1]
        assert (await client.post(url, data={"offset": "2"})).json()["result"] == []
    assert fake_telegram.updates == []


async def test_stop_releases_a_long_poll_in_flight() -> None:
    fake = FakeTelegram()
    await fake.start()
    url = f"{fake.base_url}{fake.token}/getUpdates"
    async with httpx.AsyncClient(timeout=30) as client:
        poll = asyncio.create_task(client.post(url, json={"timeout": 30}))
        await fake.wait_until(lambda: fake._poll_generation == 1)
        started = time.monotonic()
        await fake.stop()
        assert (await poll).json() == {"ok": True, "result": []}
        assert time.monotonic() - started < 2


# ---- through telegram.Bot -------------------------------------------------------------------


async def test_get_me(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123456, "newsbrief_test_bot", True)


async def test_wrong_token_is_invalid_token(fake_telegram: FakeTelegram) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("999:NOPE", base_url=fake_telegram.base_url):
            pass


async def test_html_message_is_validated_and_recorded(
    bot: Bot, fake_telegram: FakeTelegram
) -> None:
    text = '<b>Brief</b> &amp; <a href="https://ex.com/?a=1&amp;b=2">more</a> 😀 <i>end</i>'
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more:1")]])
    message = await bot.send_message(CHAT, text, parse_mode="HTML", reply_markup=markup)
    assert message.text == "Brief & more 😀 end"
    assert message.message_id == 1
    assert message.chat.id == CHAT
    assert message.from_user is not None and message.from_user.is_bot
    assert message.reply_markup == markup
    assert [(e.type, e.offset, e.length) for e in message.entities] == [
        ("bold", 0, 5), ("text_link", 8, 4), ("italic", 16, 3)
    ]  # fmt: skip
    assert message.entities[1].url == "https://ex.com/?a=1&b=2"
    [sent] = await fake_telegram.wait_for_sent(chat_id=CHAT)
    assert (sent.text, sent.plain_text, sent.parse_mode) == (text, message.text, "HTML")
    assert sent.reply_markup == markup.to_dict()
    assert fake_telegram.sent(chat_id=7) == []
    second = await bot.send_message(CHAT, "plain", link_preview_options={"is_disabled": True})
    assert second.message_id == 2
    assert fake_telegram.sent()[-1].preview_disabled


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<b>unclosed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'),
        ("fish & chips", 'Character "&" must be escaped as "&amp;" at byte offset 5'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("é</b>", "Unexpected end tag at byte offset 2"),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<a>link</a>", 'Tag "a" must have a non-empty "href" at byte offset 0'),
        ("<b", "Unclosed start tag at byte offset 0"),
    ],
)
async def test_invalid_html_is_a_bad_request(bot: Bot, text: str, reason: str) -> None:
    with pytest.raises(BadRequest, match="Can't parse entities") as caught:
        await bot.send_message(CHAT, text, parse_mode="html")
    # PTB drops "Bad Request: " and str.capitalize()s the rest, lower-casing the reason
    assert caught.value.message.endswith(reason.lower())


def test_parse_html_entities_and_tags() -> None:
    plain, entities = parse_html(
        '😀<tg-spoiler>s</tg-spoiler><pre><code class="language-python">x</code></pre>'
        '<blockquote expandable>q</blockquote>&#128512;&#x41;&lt;&gt;&quot;'
    )  # fmt: skip
    assert plain == '😀sxq😀A<>"'
    assert entities == [
        {"type": "spoiler", "offset": 2, "length": 1},
        {"type": "pre", "offset": 3, "length": 1, "language": "python"},
        {"type": "expandable_blockquote", "offset": 4, "length": 1},
    ]
    assert parse_html("a & b", strict_ampersand=False) == ("a & b", [])
    with pytest.raises(HTMLParseError):
        parse_html("&nbsp;")


@pytest.mark.parametrize(
    ("text", "ok"),
    [("a" * 4096, True), ("a" * 4097, False), ("😀" * 2048, True), ("😀" * 2048 + "a", False),
     ("<b>" + "a" * 4096 + "</b>", True), ("&amp;" * 4097, False)],
)  # fmt: skip
async def test_length_is_counted_in_utf16_after_parsing(bot: Bot, text: str, ok: bool) -> None:
    if ok:
        message = await bot.send_message(CHAT, text, parse_mode="HTML")
        assert message.text is not None and utf16_len(message.text) == 4096
    else:
        with pytest.raises(BadRequest, match="Message is too long"):
            await bot.send_message(CHAT, text, parse_mode="HTML")


@pytest.mark.parametrize("text", [" \n ", "<b> </b>"])
async def test_empty_text_is_a_bad_request(bot: Bot, text: str) -> None:
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(CHAT, text, parse_mode="HTML")


async def test_long_callback_data_is_rejected(bot: Bot) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="x" * 65)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(CHAT, "hi", reply_markup=markup)


async def test_edit_delete_and_not_modified(bot: Bot, fake_telegram: FakeTelegram) -> None:
    message = await bot.send_message(CHAT, "<b>one</b>", parse_mode="HTML")
    edited = await bot.edit_message_text("<b>two</b>", CHAT, message.message_id, parse_mode="HTML")
    assert isinstance(edited, type(message)) and edited.text == "two"
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("<b>two</b>", CHAT, message.message_id, parse_mode="HTML")
    with pytest.raises(BadRequest, match="not found"):
        await bot.edit_message_text("x", CHAT, 99)
    assert [s.method for s in fake_telegram.sent()] == ["sendMessage", "editMessageText"]
    assert fake_telegram.messages(CHAT)[1]["text"] == "two"
    assert await bot.delete_message(CHAT, message.message_id)
    with pytest.raises(BadRequest, match="not found"):
        await bot.delete_message(CHAT, message.message_id)


async def test_inline_query_results_are_validated(bot: Bot, fake_telegram: FakeTelegram) -> None:
    query_id = fake_telegram.queue_inline_query("news")["inline_query"]["id"]

    def article(result_id: str, text: str) -> dict[str, object]:
        return {"type": "article", "id": result_id, "title": "T",
                "input_message_content": {"message_text": text, "parse_mode": "HTML"}}  # fmt: skip

    assert await bot.answer_inline_query(query_id, [article("1", "<b>ok</b>")])  # type: ignore[list-item]
    for results, error in [
        ([article("1", "<b>bad")], "Can't parse entities"),
        ([article("1", "a"), article("1", "b")], "Result_id_duplicate"),
        ([article("x" * 65, "a")], "Result_id_invalid"),
        ([article(str(i), "a") for i in range(51)], "Results_too_much"),
    ]:
        with pytest.raises(BadRequest, match=error):
            await bot.answer_inline_query(query_id, results)  # type: ignore[arg-type]
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_inline_query("nope", [])


async def test_commands_are_stored_per_scope(bot: Bot, fake_telegram: FakeTelegram) -> None:
    await bot.set_my_commands([("start", "Start"), ("help", "Help")])
    await bot.set_my_commands([("admin", "Admin")], scope={"type": "all_group_chats"})  # type: ignore[arg-type]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert fake_telegram.get_commands({"type": "all_group_chats"}) == [
        {"command": "admin", "description": "Admin"}
    ]
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([("Bad-Name", "x")])


async def test_misc_methods(bot: Bot) -> None:
    assert await bot.send_chat_action(CHAT, "typing")
    chat = await bot.get_chat(CHAT)
    assert (chat.id, chat.type) == (CHAT, "private")
    assert await bot.set_webhook("https://example.com/hook")
    assert (await bot.get_webhook_info()).url == "https://example.com/hook"
    with pytest.raises(Exception, match="webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook()
    assert await bot.get_updates() == ()


async def test_queued_updates_parse_in_ptb(bot: Bot, fake_telegram: FakeTelegram) -> None:
    first = fake_telegram.queue_message("/digest@newsbrief_test_bot now", chat_type="group")
    origin = {"type": "hidden_user", "date": 1700000000, "sender_user_name": "Ann"}
    fake_telegram.queue_message(
        "fwd", reply_to_message=first["message"], forward_origin=origin, username="ann"
    )
    fake_telegram.queue_callback_query("cb:1")
    fake_telegram.queue_inline_query("ai", offset="10")
    fake_telegram.queue_my_chat_member_blocked(77)
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [1, 2, 3, 4, 5]
    command = updates[0].message
    assert command is not None and command.chat.type == "group"
    assert command.parse_entities(["bot_command"]) == {
        command.entities[0]: "/digest@newsbrief_test_bot"
    }
    forwarded = updates[1].message
    assert forwarded is not None and forwarded.reply_to_message is not None
    assert forwarded.forward_origin is not None and forwarded.from_user.username == "ann"
    assert updates[2].callback_query is not None and updates[2].callback_query.data == "cb:1"
    assert updates[3].inline_query is not None and updates[3].inline_query.offset == "10"
    member = updates[4].my_chat_member
    assert member is not None and member.new_chat_member.status == "kicked"
    with pytest.raises(Forbidden):
        await bot.send_message(77, "gone")
    assert len(await bot.get_updates(offset=-1)) == 1
    assert fake_telegram.updates == [updates[4].to_dict()]


async def test_wait_until_sees_outside_state(fake_telegram: FakeTelegram) -> None:
    done: list[int] = []
    asyncio.get_running_loop().call_later(0.05, done.append, 1)
    await fake_telegram.wait_until(lambda: bool(done), timeout=2)
    with pytest.raises(AssertionError, match="condition not met"):
        await fake_telegram.wait_until(lambda: False, timeout=0.05)


# ---- fault injection ------------------------------------------------------------------------


async def test_fail_next_429_is_retry_after(bot: Bot, fake_telegram: FakeTelegram) -> None:
    fake_telegram.fail_next("sendMessage", retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(CHAT, "hi")
    assert caught.value.retry_after == dtm.timedelta(seconds=7)
    await bot.send_message(CHAT, "hi")  # only the next one failed
    assert [r.response_status for r in fake_telegram.requests[-2:]] == [429, 200]


async def test_forbidden_blocked_and_fail_chat(bot: Bot, fake_telegram: FakeTelegram) -> None:
    fake_telegram.fail_next("sendMessage", status=403, chat_id=7)
    await bot.send_message(CHAT, "not chat 7")
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(7, "x")
    fake_telegram.block_chat(8)
    for _ in range(2):
        with pytest.raises(Forbidden):
            await bot.send_message(8, "x")
    fake_telegram.fail_chat(9, status=500, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.send_message(9, "x")
    await bot.send_message(9, "x")
    assert [s.chat_id for s in fake_telegram.sent()] == [CHAT, 9]


async def test_migrated_chat(bot: Bot, fake_telegram: FakeTelegram) -> None:
    fake_telegram.migrate_chat(-555, -100555)
    with pytest.raises(ChatMigrated) as caught:
        await bot.send_message(-555, "x")
    assert caught.value.new_chat_id == -100555
    assert (await bot.send_message(-100555, "x")).chat.type == "supergroup"
    fake_telegram.fail_next("sendMessage", status=400, migrate_to_chat_id=-1007)
    with pytest.raises(ChatMigrated):
        await bot.send_message(CHAT, "x")


async def test_rate_limits(bot: Bot, fake_telegram: FakeTelegram) -> None:
    await bot.send_message(CHAT, "a")
    await bot.send_message(CHAT, "b")  # off by default
    fake_telegram.set_rate_limits(
        global_per_second=3, per_chat_per_second=1, per_group_per_minute=2
    )
    await bot.send_message(CHAT, "c")
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT, "d")  # same chat within 1 s
    await bot.send_message(CHAT + 1, "e")
    await bot.send_message(-1001, "f")
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT + 2, "g")  # 4th send within 1 s overall
    assert fake_telegram.rate_limited == 2
    assert fake_telegram.rate_limited_by == {"chat": 1, "global": 1}
    fake_telegram.set_rate_limits(None, None, per_group_per_minute=2)
    await bot.send_message(-1001, "h")
    await bot.send_message(-1001, "i")
    with pytest.raises(RetryAfter):
        await bot.send_message(-1001, "j")  # 3rd group message within a minute
    assert fake_telegram.requests[-1].response_status == 429
    assert fake_telegram.rate_limited_by["group"] == 1


async def test_sends_inside_a_429_window_are_counted_and_refused(
    bot: Bot, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.set_rate_limits(global_per_second=2, per_chat_per_second=1)
    await bot.send_message(CHAT, "a")
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT, "b")  # the chat's limit: its window opens
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT, "c")  # into that chat's window
    assert fake_telegram.sent_in_429_window_by == {"chat": 1}
    await bot.send_message(CHAT + 1, "d")  # another chat is not in it
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT + 2, "e")  # the overall limit: everyone's window
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT + 3, "f")
    assert fake_telegram.sent_in_429_window == 2
    assert fake_telegram.sent_in_429_window_by == {"chat": 1, "global": 1}
    fake_telegram.clear_rate_limits()
    await bot.send_message(CHAT + 3, "g")
    assert fake_telegram.sent_in_429_window == 2


async def test_latency(bot: Bot, fake_telegram: FakeTelegram) -> None:
    fake_telegram.set_latency(0.2)
    started = time.monotonic()
    await bot.send_message(CHAT, "slow")
    assert time.monotonic() - started >= 0.2


# ---- a real Application, long polling --------------------------------------------------------


async def test_application_round_trip(fake_telegram: FakeTelegram) -> None:
    """The pattern for end-to-end tests: real PTB Application, long polling, clean stop."""

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        button = InlineKeyboardButton("Ping", callback_data="ping")
        await update.effective_message.reply_html(
            "<b>Welcome</b>", reply_markup=InlineKeyboardMarkup([[button]])
        )

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("pong")
        await query.edit_message_text(f"pressed {query.data}")

    app = ApplicationBuilder().token(fake_telegram.token).base_url(fake_telegram.base_url).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        fake_telegram.queue_message("/start@newsbrief_test_bot", chat_id=CHAT, user_id=CHAT)
        [welcome] = await fake_telegram.wait_for_sent(chat_id=CHAT)
        assert welcome.plain_text == "Welcome"
        fake_telegram.queue_callback_query("ping", chat_id=CHAT, message_id=welcome.message_id)
        sent = await fake_telegram.wait_for_sent(2, chat_id=CHAT)
        assert sent[-1].method == "editMessageText" and sent[-1].text == "pressed ping"
        answer = await fake_telegram.wait_for_request("answerCallbackQuery")
        assert answer.params["text"] == "pong" and answer.response_status == 200
        await app.updater.stop()
        await app.stop()
    assert fake_telegram.updates == []  # the shutdown getUpdates confirmed everything


async def test_wait_for_sent_times_out_with_a_useful_message(fake_telegram: FakeTelegram) -> None:
    with pytest.raises(AssertionError, match="expected 1 sent message"):
        await fake_telegram.wait_for_sent(timeout=0.05)


def test_standalone_cli() -> None:
    script = Path(__file__).with_name("fake_telegram.py")
    with subprocess.Popen(
        [sys.executable, str(script), "--port", "0"], stdout=subprocess.PIPE, text=True
    ) as proc:
        try:
            assert proc.stdout is not None
            base_url = proc.stdout.readline().split()[3]
            root = base_url.removesuffix("/bot")
            httpx.post(
                f"{root}/_fake/message", json={"text": "/start", "chat_id": 5}
            ).raise_for_status()
            updates = httpx.post(f"{base_url}123456:TEST-TOKEN/getUpdates").json()["result"]
            assert updates[0]["message"]["text"] == "/start"
        finally:
            proc.terminate()
            proc.wait(timeout=10)
            assert proc.stdout is not None
            proc.stdout.close()


# ---- forum topics and documents (issue 19) ---------------------------------------------------

FORUM = -1009988776655


async def test_forum_topics_route_and_refuse_like_telegram(
    bot: Bot, fake_telegram: FakeTelegram
) -> None:
    rail = fake_telegram.create_topic(FORUM)
    topic = await bot.create_forum_topic(FORUM, "Weather")
    weather = topic.message_thread_id
    update = fake_telegram.queue_message(
        "/subscribe rail", chat_id=FORUM, chat_type="supergroup", message_thread_id=rail
    )
    [parsed] = await bot.get_updates()
    assert parsed.update_id == update["update_id"]
    message = parsed.message
    assert message is not None and message.is_topic_message
    assert message.message_thread_id == rail and message.chat.is_forum
    # A reply in the topic goes to it (PTB fills message_thread_id from the message).
    await message.reply_text("in rail", do_quote=False)
    await bot.send_message(FORUM, "in weather", message_thread_id=weather)
    await bot.send_message(FORUM, "in general")
    assert [m.plain_text for m in fake_telegram.sent(FORUM, thread_id=rail)] == ["in rail"]
    assert [m.plain_text for m in fake_telegram.sent(FORUM, thread_id=weather)] == ["in weather"]
    assert fake_telegram.sent(FORUM)[-1].message_thread_id is None

    await bot.close_forum_topic(FORUM, weather)
    with pytest.raises(BadRequest, match="Topic_closed"):
        await bot.send_message(FORUM, "closed", message_thread_id=weather)
    await bot.reopen_forum_topic(FORUM, weather)
    await bot.send_message(FORUM, "open again", message_thread_id=weather)
    await bot.delete_forum_topic(FORUM, weather)
    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_message(FORUM, "deleted", message_thread_id=weather)
    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_message(FORUM, "never was", message_thread_id=999)
    # The other topic is unaffected.
    await bot.send_message(FORUM, "rail still works", message_thread_id=rail)


async def test_documents_upload_get_file_and_download(
    bot: Bot, fake_telegram: FakeTelegram
) -> None:
    sent = await bot.send_document(
        CHAT, b"<opml/>", filename="x.opml", caption="<b>1</b> feed", parse_mode="HTML"
    )
    assert sent.document is not None and sent.document.file_name == "x.opml"
    [document] = fake_telegram.documents
    assert (document.data, document.caption, document.file_name) == (b"<opml/>", "1 feed", "x.opml")
    assert fake_telegram.sent(CHAT)[-1].method == "sendDocument"
    # A user's file: getFile gives a path, the file URL gives the bytes.
    fake_telegram.queue_document(b"<opml>mine</opml>", "mine.opml", caption="/import", chat_id=CHAT)
    [update] = await bot.get_updates()
    assert update.message is not None and update.message.caption == "/import"
    assert update.message.document is not None
    files = f"{fake_telegram.url}/file/bot"  # the bot's base_file_url, as bot/app.py sets it
    async with Bot(fake_telegram.token, fake_telegram.base_url, base_file_url=files) as reader:
        file = await reader.get_file(update.message.document.file_id)
        assert bytes(await file.download_as_bytearray()) == b"<opml>mine</opml>"
    with pytest.raises(BadRequest, match="Wrong file_id"):
        await bot.get_file("nope")
    big = fake_telegram.add_file(b"x" * (20 * 1024 * 1024 + 1), "big.opml")
    with pytest.raises(BadRequest, match="File is too big"):
        await bot.get_file(big["file_id"])
