"""End to end: the real bot, over real HTTP, against the fake Bot API server."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from harness import ADMIN_ID, OTHER_USER_ID, USER_ID, BotHarness
from telegram.ext import CommandHandler

from bot.storage.articles import count_articles, search

# --- start-up ----------------------------------------------------------------------------


async def test_startup_registers_commands(bot: BotHarness) -> None:
    calls = bot.fake.calls("setMyCommands")
    default = [c for c in calls if "chat_id" not in str(c.get("scope", ""))]
    names = {c["command"] for c in default[0]["commands"]}
    assert {"latest", "search", "subscribe", "forget", "help"} <= names
    assert "post" not in names  # admin commands only in admins' menus
    admin = [c for c in calls if str(ADMIN_ID) in str(c.get("scope", ""))]
    assert admin and "post" in {c["command"] for c in admin[0]["commands"]}


async def test_start_and_help(bot: BotHarness) -> None:
    (reply,) = await bot.ask("/start")
    assert "brief" in reply.plain_text and "/latest" in reply.plain_text
    (reply,) = await bot.ask("/help")
    for command in (
        "/latest",
        "/brief",
        "/search",
        "/subscribe",
        "/unsubscribe",
        "/subscriptions",
        "/digest",
        "/forget",
    ):
        assert command in reply.plain_text
    assert "/post" not in reply.plain_text
    (admin_help,) = await bot.ask("/help", user_id=ADMIN_ID)
    assert "/post" in admin_help.plain_text and "/addfeed" in admin_help.plain_text


# --- reading -----------------------------------------------------------------------------


async def test_latest_empty_then_default_and_bounded(bot: BotHarness) -> None:
    (reply,) = await bot.ask("/latest")
    assert "No articles yet" in reply.plain_text
    await bot.seed()
    (reply,) = await bot.ask("/latest")
    assert reply.plain_text.count("/brief_") == 5
    messages = await bot.ask("/latest 100", expect=2)  # 20 headlines need two messages
    assert sum(m.plain_text.count("/brief_") for m in messages) == 20
    (reply,) = await bot.ask("/latest many")
    assert "Usage" in reply.plain_text


async def test_latest_is_newest_first(bot: BotHarness) -> None:
    await bot.seed()
    (reply,) = await bot.ask("/latest 3")
    newest = bot.services.db.conn
    async with newest.execute(
        "SELECT title FROM articles ORDER BY published_at DESC, id DESC LIMIT 3"
    ) as cursor:
        titles = [row[0] for row in await cursor.fetchall()]
    positions = [reply.plain_text.index(t) for t in titles]
    assert positions == sorted(positions)


async def test_brief_by_id_and_shortcut(bot: BotHarness) -> None:
    ids = await bot.seed(3)
    (reply,) = await bot.ask(f"/brief {ids[0]}")
    assert f"#{ids[0]}" in reply.plain_text
    assert "read" in reply.plain_text  # the link
    assert reply.link_preview_options and reply.link_preview_options.get("url")
    (shortcut,) = await bot.ask(f"/brief_{ids[1]}")
    assert f"#{ids[1]}" in shortcut.plain_text
    (missing,) = await bot.ask("/brief 99999")
    assert "no article #99999" in missing.plain_text
    (usage,) = await bot.ask("/brief abc")
    assert "Usage" in usage.plain_text


async def test_search_ranked_highlighted_and_paged(bot: BotHarness) -> None:
    await bot.seed()
    (reply,) = await bot.ask("/search flood")
    assert "<b>" in reply.text
    assert reply.plain_text.count("/brief_") == 5
    markup = reply.reply_markup
    assert markup is not None
    data = markup["inline_keyboard"][0][0]["callback_data"]
    assert data.startswith("search:")
    page2 = await bot.press(data, message=reply, expect="reply")
    assert page2[0].plain_text.count("/brief_") >= 1
    first_ids = {line for line in reply.plain_text.split() if line.startswith("/brief_")}
    second_ids = {line for line in page2[0].plain_text.split() if line.startswith("/brief_")}
    assert not first_ids & second_ids


@pytest.mark.parametrize(
    "query",
    [
        '"AND ("',
        "NEAR(",
        "*",
        "-",
        "🙂🙂🙂",
        "<script>alert(1)</script>",
        "x" * 3000,
        "' OR 1=1 --",
    ],
)
async def test_search_hostile_queries_get_an_answer(bot: BotHarness, query: str) -> None:
    await bot.seed(5)
    (reply,) = await bot.ask(f"/search {query}")
    assert reply.plain_text  # an answer, not an error or silence
    assert "Sorry" not in reply.plain_text


async def test_search_empty_and_junk(bot: BotHarness) -> None:
    (usage,) = await bot.ask("/search")
    assert "Usage" in usage.plain_text
    (junk,) = await bot.ask("/search ?!* ---")
    assert "could not find any words" in junk.plain_text
    (none,) = await bot.ask("/search zzyzx")
    assert "No articles match" in none.plain_text


async def test_expired_search_button(bot: BotHarness) -> None:
    (reply,) = await bot.ask("/start")
    answers = await bot.press("search:deadbeef:5", message=reply, expect="answer")
    assert "expired" in answers[0].get("text", "")


async def test_inline_mode(bot: BotHarness) -> None:
    await bot.seed()
    bot.fake.queue_inline_query("rail", user_id=USER_ID)
    request = await bot.fake.wait_for_request("answerInlineQuery", timeout=15)
    results = request.params["results"]
    assert results and all(r["type"] == "article" for r in results)
    expected = await search(bot.services.db, "rail", limit=10)
    assert [int(r["id"]) for r in results] == [hit.id for hit in expected]
    assert all(r["input_message_content"]["message_text"].startswith("<b>") for r in results)
    bot.fake.queue_inline_query("", user_id=USER_ID)
    await bot.fake.wait_until(lambda: len(bot.fake.calls("answerInlineQuery")) == 2, timeout=15)
    latest = bot.fake.calls("answerInlineQuery")[1]["results"]
    assert len(latest) == 10
    assert bot.fake.calls("answerInlineQuery")[1].get("next_offset") == "10"


# --- subscriptions -----------------------------------------------------------------------


async def test_subscribe_keywords_list_and_unsubscribe(bot: BotHarness) -> None:
    (reply,) = await bot.ask('/subscribe rail "flood warning" rail')
    assert "rail" in reply.plain_text and "flood warning" in reply.plain_text
    (again,) = await bot.ask("/subscribe rail")
    assert "Already subscribed" in again.plain_text
    (listing,) = await bot.ask("/subscriptions")
    assert "rail" in listing.plain_text and "flood warning" in listing.plain_text
    (gone,) = await bot.ask("/unsubscribe rail")
    assert "Unsubscribed from rail" in gone.plain_text
    (which,) = await bot.ask("/unsubscribe")
    assert "Which one?" in which.plain_text
    (all_gone,) = await bot.ask("/unsubscribe all")
    assert "flood warning" in all_gone.plain_text
    (empty,) = await bot.ask("/subscriptions")
    assert "no subscriptions" in empty.plain_text


async def test_subscribe_all_news_and_group(bot: BotHarness) -> None:
    (reply,) = await bot.ask("/subscribe")
    assert "all news" in reply.plain_text
    bot.fake.chat_admins.add((-100123, USER_ID))
    (group,) = await bot.ask(
        "/subscribe@newsbrief_test_bot budget", chat_id=-100123, chat_type="supergroup"
    )
    assert "budget" in group.plain_text
    (listing,) = await bot.ask("/subscriptions", chat_id=-100123, chat_type="supergroup")
    assert "budget" in listing.plain_text and "all news" not in listing.plain_text


@pytest.mark.parametrize(
    "command", ["/subscribe rail", "/unsubscribe all", "/digest 08:00", "/digest off", "/forget"]
)
async def test_group_settings_need_a_group_admin(bot: BotHarness, command: str) -> None:
    bot.fake.chat_admins.add((-100123, USER_ID))
    await bot.ask("/subscribe budget", chat_id=-100123, chat_type="supergroup")
    (refused,) = await bot.ask(
        command, user_id=OTHER_USER_ID, chat_id=-100123, chat_type="supergroup"
    )
    assert refused.plain_text == "In a group, only its admins can change what the group receives."
    (listing,) = await bot.ask(
        "/subscriptions", user_id=OTHER_USER_ID, chat_id=-100123, chat_type="supergroup"
    )
    assert "budget" in listing.plain_text  # reading is for everyone; nothing changed
    (allowed,) = await bot.ask(command, user_id=ADMIN_ID, chat_id=-100123, chat_type="supergroup")
    assert "only its admins" not in allowed.plain_text  # the bot's own admins may


async def test_forget_button_in_a_group_needs_a_group_admin(bot: BotHarness) -> None:
    bot.fake.chat_admins.add((-100123, USER_ID))
    await bot.ask("/subscribe budget", chat_id=-100123, chat_type="supergroup")
    (question,) = await bot.ask("/forget", chat_id=-100123, chat_type="supergroup")
    answers = await bot.press(
        "forget:yes", message=question, user_id=OTHER_USER_ID, expect="answer"
    )
    assert "only its admins" in answers[0]["text"]
    (listing,) = await bot.ask("/subscriptions", chat_id=-100123, chat_type="supergroup")
    assert "budget" in listing.plain_text


async def test_forget_asks_then_deletes(bot: BotHarness) -> None:
    await bot.ask("/subscribe rail")
    (question,) = await bot.ask("/forget")
    buttons = question.reply_markup["inline_keyboard"][0]  # type: ignore[index]
    assert {b["callback_data"] for b in buttons} == {"forget:yes", "forget:no"}
    (cancelled,) = await bot.press("forget:no", message=question)
    assert "nothing was deleted" in cancelled.plain_text
    (listing,) = await bot.ask("/subscriptions")
    assert "rail" in listing.plain_text
    (question,) = await bot.ask("/forget")
    (done,) = await bot.press("forget:yes", message=question)
    assert "nothing about this chat is stored" in done.plain_text
    async with bot.services.db.conn.execute(
        "SELECT count(*) FROM chats WHERE chat_id = ?", (USER_ID,)
    ) as cursor:
        assert (await cursor.fetchone())[0] == 0  # type: ignore[index]


# --- admin -------------------------------------------------------------------------------

POST = (
    "/post Harbour <b>tunnel</b> & bridge reopen after storm\n"
    "https://news.example.org/tunnel?utm_source=tg\n"
    "The harbour tunnel reopened on Monday after three days of repairs. "
    "Engineers replaced two pumps that failed when seawater flooded the southern entrance. "
    "The city said traffic would return to normal by the evening rush hour. "
    "A review of the storm defences will report to the council in March. "
    "Commuters said the closure had doubled their journeys."
)


async def test_post_stores_briefs_and_answers_duplicates(bot: BotHarness) -> None:
    (reply,) = await bot.ask(POST, user_id=ADMIN_ID)
    assert "Stored as #1" in reply.plain_text
    assert "Harbour <b>tunnel</b> & bridge" in reply.plain_text  # escaped, shown literally
    assert await count_articles(bot.services.db) == 1
    (again,) = await bot.ask(POST.replace("utm_source=tg", "utm_source=x"), user_id=ADMIN_ID)
    assert "Already stored as #1 (same link)" in again.plain_text
    assert await count_articles(bot.services.db) == 1


async def test_post_reply_to_forwarded_message(bot: BotHarness) -> None:
    forwarded = {
        "message_id": 77,
        "date": 1764000000,
        "chat": {"id": ADMIN_ID, "type": "private"},
        "text": "Ferry strike called off\nThe ferry workers' union called off Friday's "
        "strike after a late pay offer. Services will run as normal. The union said members "
        "would vote on the offer next week.",
        "forward_origin": {
            "type": "channel",
            "date": 1764000000,
            "chat": {"id": -1005, "type": "channel", "title": "Port News"},
            "message_id": 5,
        },
    }
    (reply,) = await bot.ask("/post", user_id=ADMIN_ID, reply_to_message=forwarded)
    assert "Stored as #" in reply.plain_text
    assert "Port News" in reply.plain_text


async def test_post_usage_and_rejections(bot: BotHarness) -> None:
    (usage,) = await bot.ask("/post", user_id=ADMIN_ID)
    assert "Usage" in usage.plain_text
    (no_body,) = await bot.ask("/post Only a title", user_id=ADMIN_ID)
    assert "Not stored: body is empty" in no_body.plain_text


SHORT_POST = (
    "/post Ferry timetable changes on Sunday\n"
    "The lake ferry will leave at seven instead of eight on Sunday mornings from next week, "
    "the operator said."
)


async def test_short_article_is_stored_and_searchable_but_not_pushed(bot: BotHarness) -> None:
    (ok,) = await bot.ask("/subscribe ferry", user_id=USER_ID)
    assert "ferry" in ok.plain_text

    (reply,) = await bot.ask(SHORT_POST, user_id=ADMIN_ID)

    assert "Stored as #1" in reply.plain_text
    assert "Stored, but not pushed: only 19 words of article text." in reply.plain_text
    assert "Queued" not in reply.plain_text
    assert [hit.id for hit in await search(bot.services.db, "ferry timetable")] == [1]
    (latest,) = await bot.ask("/latest", user_id=USER_ID)
    assert "Ferry timetable changes on Sunday" in latest.plain_text
    async with bot.services.db.conn.execute("SELECT count(*) FROM deliveries") as cursor:
        assert (await cursor.fetchone())[0] == 0  # type: ignore[index]
    # The subscriber got the /subscribe and /latest replies, and no brief.
    assert len(bot.fake.sent(USER_ID)) == 2


async def test_article_with_an_empty_brief_is_rejected(bot: BotHarness) -> None:
    (reply,) = await bot.ask("/post Link of the day\nCogent.", user_id=ADMIN_ID)
    assert "Not stored: too little text to brief" in reply.plain_text
    assert await count_articles(bot.services.db) == 0


@pytest.mark.parametrize(
    "command", [POST, "/stats", "/addfeed https://example.org/rss", "/delfeed 1"]
)
async def test_admin_commands_refuse_others(bot: BotHarness, command: str) -> None:
    (reply,) = await bot.ask(command, user_id=OTHER_USER_ID)
    assert reply.plain_text == "This command is for the bot's admins."
    assert await count_articles(bot.services.db) == 0


async def test_feeds_is_read_only_for_everyone(bot: BotHarness) -> None:
    """/feeds shows ids for /subscribe source: to anyone, but no feed health (issue 19)."""
    (empty,) = await bot.ask("/feeds", user_id=OTHER_USER_ID)
    assert empty.plain_text == "No feeds yet."


async def test_stats_are_aggregate(bot: BotHarness) -> None:
    await bot.seed(4)
    await bot.ask("/subscribe rail", user_id=USER_ID)
    await bot.ask("/subscribe", user_id=OTHER_USER_ID)
    (reply,) = await bot.ask("/stats", user_id=ADMIN_ID)
    assert "Articles: 4" in reply.plain_text
    assert "2 active" in reply.plain_text
    assert "Subscriptions: 2" in reply.plain_text
    assert "pending" in reply.plain_text and "failed" in reply.plain_text
    for private in (str(USER_ID), str(OTHER_USER_ID), "rail"):
        assert private not in reply.plain_text


# --- formatting and hostile input ----------------------------------------------------------


async def test_hostile_article_text_is_escaped_everywhere(bot: BotHarness) -> None:
    body = (
        "Officials said <b>nothing</b> & <i>everything</i> at once. "
        "A second sentence mentions <a href='x'>a link</a> and 3 < 4 > 2. "
        "Emoji 🎉🔥 sit beside the text without trouble. "
        'Finally the report ends with an ampersand & a quote "here".'
    )
    (reply,) = await bot.ask(f"/post <script>alert(1)</script> & co\n{body}", user_id=ADMIN_ID)
    assert "<script>alert(1)</script> & co" in reply.plain_text
    (search,) = await bot.ask("/search nothing everything")
    # The article's own markup is escaped; only our highlight is bold.
    assert "&lt;b&gt;<b>nothing</b>&lt;/b&gt;" in search.text
    (latest,) = await bot.ask("/latest")
    assert "<script>" in latest.plain_text


async def test_huge_brief_is_cut_under_the_limit(bot: BotHarness) -> None:
    sentence = "The council debated the very long harbour budget line by line 🙂 & more. "
    paragraphs = "\n\n".join(sentence * 12 for _ in range(60))
    messages = await bot.ask(f"/post Budget marathon\n{paragraphs}", user_id=ADMIN_ID)
    assert "Stored as #" in messages[0].plain_text
    article_id = int(messages[0].plain_text.split("#")[1].split(".")[0])
    await bot.services.db.conn.execute(
        "UPDATE articles SET brief = ? WHERE id = ?", ("\n".join([sentence * 20] * 12), article_id)
    )
    # A brief stored longer than one message loses its last sentences (issue 16): one
    # message, within Telegram's limit, and never a sentence cut in half.
    (shown,) = await bot.ask(f"/brief {article_id}")
    assert len(shown.plain_text.encode("utf-16-le")) // 2 <= 4096
    assert shown.plain_text.startswith("Budget marathon")
    assert (sentence * 20).strip() in shown.plain_text


async def test_unknown_text_gets_a_hint(bot: BotHarness) -> None:
    (reply,) = await bot.ask("hello there")
    assert "/help" in reply.plain_text


# --- failures ----------------------------------------------------------------------------


async def test_handler_exception_apologises_and_bot_keeps_running(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    async def boom(update: object, context: object) -> None:
        raise RuntimeError("kaboom")

    bot.app.add_handler(CommandHandler("boom", boom), group=-1)
    with caplog.at_level(logging.ERROR):
        (reply,) = await bot.ask("/boom")
    assert "Sorry" in reply.plain_text
    assert "kaboom" in caplog.text
    (still,) = await bot.ask("/start")
    assert "Hello" in still.plain_text


async def test_flood_control_on_replies_is_honoured(bot: BotHarness) -> None:
    bot.fake.fail_next("sendMessage", status=429, retry_after=1)
    (reply,) = await bot.ask("/start")
    assert "Hello" in reply.plain_text
    statuses = [r.response_status for r in bot.fake.requests if r.method == "sendMessage"]
    assert statuses[:2] == [429, 200]


# --- privacy -----------------------------------------------------------------------------


async def test_privacy_no_names_or_texts_stored(bot: BotHarness) -> None:
    await bot.ask(
        "/subscribe secretword", user_id=USER_ID, first_name="Zelda", username="zelda_private"
    )
    await bot.ask("/search confidential query", user_id=USER_ID, first_name="Zelda")
    await bot.ask("just chatting privately", user_id=USER_ID, first_name="Zelda")
    await bot.services.db.conn.execute("PRAGMA wal_checkpoint(FULL)")
    raw = b"".join(p.read_bytes() for p in bot.settings.db_path.parent.glob("bot.db*"))
    for private in (b"Zelda", b"zelda_private", b"confidential", b"chatting privately"):
        assert private not in raw
    con = sqlite3.connect(bot.settings.db_path)
    columns = {row[1] for row in con.execute("PRAGMA table_info(chats)")}
    con.close()
    assert columns == {
        "chat_id",
        "chat_type",
        "language_code",
        "language",  # the reply language chosen with /language: a catalog code
        "active",
        "digest_time",
        "digest_tz",
        "last_digest_at",
        "created_at",
        "updated_at",
    }


async def test_privacy_replies_only_describe_own_chat(bot: BotHarness) -> None:
    await bot.ask("/subscribe alphaword", user_id=USER_ID)
    await bot.ask("/subscribe betaword", user_id=OTHER_USER_ID)
    (mine,) = await bot.ask("/subscriptions", user_id=USER_ID)
    assert "alphaword" in mine.plain_text and "betaword" not in mine.plain_text
    (unsub,) = await bot.ask("/unsubscribe betaword", user_id=USER_ID)
    assert "not subscribed" in unsub.plain_text
    (theirs,) = await bot.ask("/subscriptions", user_id=OTHER_USER_ID)
    assert "betaword" in theirs.plain_text and "alphaword" not in theirs.plain_text
    for message in bot.fake.sent(USER_ID):
        assert str(OTHER_USER_ID) not in message.text


async def test_privacy_logs_name_no_user(bot: BotHarness, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="bot"):
        await bot.ask("/subscribe rail", user_id=USER_ID, first_name="Zelda", username="zz9")
        await bot.ask("/search rail", user_id=USER_ID, first_name="Zelda", username="zz9")
    for private in ("Zelda", "zz9", str(USER_ID)):
        assert private not in caplog.text


async def test_privacy_forget_removes_deliveries_too(bot: BotHarness) -> None:
    await bot.ask("/subscribe")
    await bot.ask(POST, user_id=ADMIN_ID)
    (question,) = await bot.ask("/forget")
    await bot.press("forget:yes", message=question)
    async with bot.services.db.conn.execute(
        "SELECT count(*) FROM deliveries WHERE chat_id = ?", (USER_ID,)
    ) as cursor:
        assert (await cursor.fetchone())[0] == 0  # type: ignore[index]
