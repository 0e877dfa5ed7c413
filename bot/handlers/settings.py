"""The chat's reply language: resolved before every update, shown and set with /language."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import i18n
from bot.formatting import esc
from bot.handlers.common import (
    GROUP_ADMINS_ONLY,
    chat_info,
    command_text,
    may_change_chat,
    reply,
    set_topic,
)
from bot.i18n import _
from bot.services import Context
from bot.storage import topics
from bot.storage.chat_language import chat_language, set_chat_language

# The language buttons' callback data: LANGUAGE_PREFIX + the language code.
LANGUAGE_PREFIX = "language:"


async def resolve_language(update: Update, context: Context) -> None:
    """The first handler group (app.LANGUAGE_GROUP): the language and digest zone for
    everything this update's handlers say.

    One primary-key read per update; the result lives in a context variable of the
    update's own task (see bot.i18n).
    """
    chat = update.effective_chat
    user = update.effective_user
    message = update.effective_message
    db = context.services.db
    target = None
    if chat and chat.is_forum and message and message.is_topic_message:
        thread = message.message_thread_id
        target = await topics.target_for(db, chat.id, thread) if thread else None
    set_topic(target)
    stored = await chat_language(db, target or chat.id) if chat else None
    language = i18n.resolve(
        stored.chosen if stored else None,
        chat.type if chat else None,
        user.language_code if user else None,
    )
    i18n.set_current(i18n.ChatLocale(language, stored.digest_tz if stored else None))


def _buttons() -> InlineKeyboardMarkup:
    row = [
        InlineKeyboardButton(i18n.NATIVE_NAMES[code], callback_data=LANGUAGE_PREFIX + code)
        for code in i18n.LANGUAGES
    ]
    return InlineKeyboardMarkup([row[:3], row[3:]])


def _codes() -> str:
    return ", ".join(f"<code>{code}</code>" for code in i18n.LANGUAGES)


async def language(update: Update, context: Context) -> None:
    text = command_text(update)
    if not text:
        current = i18n.current().language
        await reply(
            update,
            _("I answer this chat in {language}. Choose another, or send {example}.").format(
                language=esc(i18n.NATIVE_NAMES[current]), example="<code>/language de</code>"
            ),
            reply_markup=_buttons(),
        )
        return
    if not await may_change_chat(update, context):
        await reply(update, _(GROUP_ADMINS_ONLY))
        return
    chosen = i18n.negotiate(text.split()[0])
    if chosen is None:
        await reply(
            update,
            _("I do not speak {code} yet. I know: {codes}.").format(
                code=f"<code>{esc(text[:20])}</code>", codes=_codes()
            ),
        )
        return
    await _set(update, context, chosen)
    await reply(update, _changed())


async def language_answer(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    chosen = i18n.negotiate((query.data or "").removeprefix(LANGUAGE_PREFIX))
    if chosen is None or update.effective_chat is None:
        await query.answer()
        return
    if not await may_change_chat(update, context):
        await query.answer(_(GROUP_ADMINS_ONLY), show_alert=True)
        return
    await _set(update, context, chosen)
    await query.answer()
    await query.edit_message_text(_changed())


async def _set(update: Update, context: Context, chosen: str) -> None:
    target, chat_type, _code = chat_info(update)  # a forum topic's own, in a topic
    await set_chat_language(context.services.db, target, chat_type, chosen)
    i18n.set_current(i18n.ChatLocale(chosen, i18n.current().zone))


def _changed() -> str:
    return _("From now on I answer this chat in {language}.").format(
        language=esc(i18n.NATIVE_NAMES[i18n.current().language])
    )
