"""Muted words: /mute and /unmute (listed by /subscriptions).

A muted word or phrase keeps an article out of this chat's pushes and digest,
whichever subscription matched it. Same stemming as keywords.
"""

from __future__ import annotations

from telegram import Update

from bot.formatting import esc
from bot.handlers.common import chat_info, command_text, refused_in_group, reply
from bot.i18n import _, items, ngettext, number
from bot.services import Context
from bot.storage import mutes as store
from bot.text import split_keywords

MAX_MUTES = 50  # per chat, like keywords
MAX_MUTE_LENGTH = 100  # characters, like a keyword


def describe(phrases: tuple[str, ...] | list[str]) -> str:
    return items([f"<code>{esc(p)}</code>" for p in phrases])


def listing(phrases: list[str]) -> str:
    """The /subscriptions block for muted words ("" when there are none)."""
    if not phrases:
        return ""
    return _("Muted: {words}").format(words=describe(phrases))


async def mute(update: Update, context: Context) -> None:
    if await refused_in_group(update, context):
        return
    chat_id, chat_type, _language = chat_info(update)
    text = command_text(update)
    phrases = split_keywords(text)
    if not phrases:
        current = await store.list_mutes(context.services.db, chat_id)
        usage = _(
            'Usage: <code>/mute word "a phrase"</code>: briefs containing it are never '
            "sent to this chat."
        )
        await reply(update, "\n".join(filter(None, [usage, listing(current)])))
        return
    if any(len(p) > MAX_MUTE_LENGTH for p in phrases):
        await reply(
            update,
            _("A muted word can be at most {count} characters long.").format(
                count=number(MAX_MUTE_LENGTH)
            ),
        )
        return
    try:
        result = await store.mute(
            context.services.db, chat_id, chat_type, phrases, max_mutes=MAX_MUTES
        )
    except store.TooManyMutesError:
        await reply(
            update,
            ngettext(
                "A chat can mute at most {count} word. Remove some with /unmute first.",
                "A chat can mute at most {count} words. Remove some with /unmute first.",
                MAX_MUTES,
            ).format(count=number(MAX_MUTES)),
        )
        return
    lines = []
    if result.added:
        lines.append(
            _("Muted {words}: briefs containing them will not be sent here.").format(
                words=describe(result.added)
            )
        )
    if result.already:
        lines.append(_("Already muted: {words}.").format(words=describe(result.already)))
    await reply(update, "\n".join(lines) or _("I found no words in that."))


async def unmute(update: Update, context: Context) -> None:
    if await refused_in_group(update, context):
        return
    chat_id = chat_info(update)[0]
    text = command_text(update)
    db = context.services.db
    if not text:
        current = await store.list_mutes(db, chat_id)
        if not current:
            await reply(update, _("Nothing is muted here."))
            return
        await reply(
            update,
            _("Which one? <code>/unmute word</code> or <code>/unmute all</code>.")
            + "\n"
            + listing(current),
        )
        return
    if text.strip().lower() == "all":
        removed = await store.unmute(db, chat_id, None)
    else:
        removed = await store.unmute(db, chat_id, split_keywords(text))
    if removed:
        await reply(update, _("Unmuted {words}.").format(words=describe(removed)))
    else:
        await reply(update, _("That was not muted. /subscriptions shows what is."))
