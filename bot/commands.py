"""Everything the bot answers, once: the chat-command table (which drives the handlers, both
command menus and /help), then the buttons, inline queries and message patterns it answers
(``other_handlers``).

The README's "Chat commands" table is checked against it by tests/test_commands.py.
Texts are English msgids marked with N_ and translated where they are shown, so one
table serves every language.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from telegram import BotCommand, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.formatting import esc
from bot.handlers import admin, articles, settings, subscriptions
from bot.handlers import feeds as feed_handlers
from bot.handlers import mutes as mute_handlers
from bot.handlers import opml as opml_handlers
from bot.handlers.common import Handler, admin_only, reply
from bot.i18n import N_, _
from bot.services import Context


class GroupRule(enum.Enum):
    """Who may use a command in a group (private chats: always the one person)."""

    ANYONE = "anyone"
    # Reading is for everyone; changing what the group receives is for its admins (and
    # the bot's): the handler checks with handlers.common.refused_in_group.
    GROUP_ADMINS = "anyone (in groups: group admins)"


class Section(enum.Enum):
    READING = N_("Reading")
    SUBSCRIBING = N_("Subscribing")
    SETTINGS = N_("Settings")
    ADMIN = N_("Admin")


@dataclass(frozen=True)
class Command:
    name: str
    handler: Handler
    description: str  # the command menu's line (at most 256 characters in every language)
    args: str = ""  # shown after the name in /help and the README: "<id>", "[n]"
    help: str = ""  # what it does, for /help
    example: str = ""  # a full command line for /help
    admin: bool = False  # only NEWSBRIEF_ADMIN_IDS; everyone else gets one refusal
    group: GroupRule = GroupRule.ANYONE
    section: Section | None = None  # None: not listed in /help
    menu: bool = True

    @property
    def callback(self) -> Handler:
        return admin_only(self.handler) if self.admin else self.handler

    def handler_for_ptb(self) -> CommandHandler[Context, None]:
        # Edited messages are ignored: re-running /post on an edit would double work.
        return CommandHandler(self.name, self.callback, filters=~filters.UpdateType.EDITED)

    @property
    def who(self) -> str:
        """The README table's "who" cell."""
        return "admins" if self.admin else self.group.value

    @property
    def usage(self) -> str:
        return f"/{self.name} {self.args}".strip()


async def help_command(update: Update, context: Context) -> None:
    user = update.effective_user
    is_admin = context.services.is_admin(user.id if user else None)
    await reply(update, help_text(is_admin, context.bot.username or "bot"))


def help_text(is_admin: bool, username: str) -> str:
    """/help in the current language: the table's commands by section, with examples."""
    blocks = [_("<b>newsbrief</b> sends short briefs of news articles.")]
    for section in Section:
        if section is Section.ADMIN and not is_admin:
            continue
        lines = [f"<b>{esc(_(section.value))}</b>"]
        for command in COMMANDS:
            if command.section is not section:
                continue
            usage = esc(f"/{command.name} {_(command.args) if command.args else ''}".strip())
            what = esc(_(command.help))
            if command.example:
                example = f"<code>{esc(_(command.example))}</code>"
                line = _("{usage} — {what}, e.g. {example}").format(
                    usage=usage, what=what, example=example
                )
            else:
                line = _("{usage} — {what}").format(usage=usage, what=what)
            lines.append(line)
        blocks.append("\n".join(lines))
    words = _("words")  # what a user types after @bot in inline mode
    blocks.append(
        _("You can also type {example} in any chat to share a brief.").format(
            example=f"<code>@{esc(username)} {esc(words)}</code>"
        )
    )
    return "\n\n".join(blocks)


def menu(*, admin: bool) -> list[BotCommand]:
    """The command menu in the current language: everyone's, or an admin's (theirs too)."""
    return [
        BotCommand(command.name, _(command.description))
        for command in COMMANDS
        if command.menu and (admin or not command.admin)
    ]


COMMANDS: tuple[Command, ...] = (
    Command("start", articles.start, N_("what the bot does"), menu=False),
    Command("help", help_command, N_("every command with an example")),
    Command(
        "latest",
        articles.latest,
        N_("newest briefs: /latest 10"),
        args=N_("[n]"),
        help=N_("the newest briefs"),
        example=N_("/latest 10"),
        section=Section.READING,
    ),
    Command(
        "brief",
        articles.brief,
        N_("one article: /brief 12"),
        args=N_("<id>"),
        help=N_("one article in full brief"),
        example=N_("/brief 12"),
        section=Section.READING,
    ),
    Command(
        "search",
        articles.search_command,
        N_("find articles: /search rail strike"),
        args=N_("<words>"),
        help=N_("find articles"),
        example=N_('/search "city budget"'),
        section=Section.READING,
    ),
    Command(
        "subscribe",
        subscriptions.subscribe,
        N_("news as it arrives, optionally by keyword"),
        args=N_("[keywords]"),
        help=N_(
            "news as it arrives; no keywords = all news; source:3 or source:example.org "
            "follows one feed or site"
        ),
        example=N_('/subscribe rail "flood warning"'),
        group=GroupRule.GROUP_ADMINS,
        section=Section.SUBSCRIBING,
    ),
    Command(
        "unsubscribe",
        subscriptions.unsubscribe,
        N_("stop some or all subscriptions"),
        args=N_("[keywords|all]"),
        help=N_("stop some or all"),
        example=N_("/unsubscribe rail"),
        group=GroupRule.GROUP_ADMINS,
        section=Section.SUBSCRIBING,
    ),
    Command(
        "subscriptions",
        subscriptions.list_subscriptions,
        N_("what this chat follows"),
        help=N_("what you are subscribed to"),
        section=Section.SUBSCRIBING,
    ),
    Command(
        "mute",
        mute_handlers.mute,
        N_("never send briefs containing a word: /mute football"),
        args=N_("<words>"),
        help=N_("never send briefs containing these words or phrases, whatever matched them"),
        example=N_('/mute football "transfer window"'),
        group=GroupRule.GROUP_ADMINS,
        section=Section.SUBSCRIBING,
    ),
    Command(
        "unmute",
        mute_handlers.unmute,
        N_("stop muting some or all words"),
        args=N_("<words|all>"),
        help=N_("stop muting some or all words"),
        example=N_("/unmute football"),
        group=GroupRule.GROUP_ADMINS,
        section=Section.SUBSCRIBING,
    ),
    Command(
        "digest",
        subscriptions.digest,
        N_("one daily message: /digest 08:00 Europe/Berlin"),
        args=N_("HH:MM [timezone]"),
        help=N_("one daily message instead; /digest off to go back"),
        example=N_("/digest 08:00 Europe/Berlin"),
        group=GroupRule.GROUP_ADMINS,
        section=Section.SUBSCRIBING,
    ),
    Command(
        "forget",
        subscriptions.forget,
        N_("delete everything stored about this chat"),
        help=N_("delete everything stored about this chat"),
        group=GroupRule.GROUP_ADMINS,
        section=Section.SUBSCRIBING,
    ),
    Command(
        "language",
        settings.language,
        N_("the language I answer in: /language de"),
        args=N_("[code]"),
        help=N_("show or change the language I answer in"),
        example=N_("/language es"),
        group=GroupRule.GROUP_ADMINS,
        section=Section.SETTINGS,
    ),
    Command(
        "post",
        admin.post,
        N_("store and deliver an article"),
        help=N_(
            "first line title, optional link line, then the text; "
            "or a link alone; or reply to a message"
        ),
        admin=True,
        section=Section.ADMIN,
    ),
    Command(
        "stats",
        admin.stats,
        N_("counts of articles, subscribers, deliveries"),
        help=N_("counts of articles, subscribers and deliveries"),
        admin=True,
        section=Section.ADMIN,
    ),
    Command(
        "unlink",
        admin.unlink,
        N_("split a wrongly merged report into its own story: /unlink <id>"),
        args=N_("<article id>"),
        help=N_("split a report wrongly merged into a story into a story of its own"),
        example=N_("/unlink 12"),
        admin=True,
        section=Section.ADMIN,
    ),
    Command(
        "addfeed",
        feed_handlers.addfeed,
        N_("poll a news feed: /addfeed <url> [label] [lang=xx]"),
        args=N_("<url> [label] [lang=xx]"),
        help=N_("poll a news feed; lang= sets its language when the feed's own is wrong"),
        example=N_("/addfeed https://example.org/rss.xml World lang=en"),
        admin=True,
        section=Section.ADMIN,
    ),
    Command(
        "feeds",
        feed_handlers.list_feeds,
        N_("the news feeds, with the ids /subscribe source: takes"),
        help=N_("each feed's id and site (admins: also its health)"),
        section=Section.READING,
    ),
    Command(
        "export",
        opml_handlers.export_feeds,
        N_("the feed list as an OPML file"),
        help=N_("the feed list as an OPML file, for another reader or another bot"),
        admin=True,
        section=Section.ADMIN,
    ),
    Command(
        "import",
        opml_handlers.import_feeds,
        N_("add feeds from an OPML file: send it with the caption /import"),
        help=N_("send an .opml file with this caption to add its feeds"),
        admin=True,
        section=Section.ADMIN,
    ),
    Command(
        "delfeed",
        feed_handlers.delfeed,
        N_("stop polling a feed: /delfeed <id>"),
        args=N_("<id|url>"),
        help=N_("stop polling a feed"),
        example=N_("/delfeed 3"),
        admin=True,
        section=Section.ADMIN,
    ),
)


# Messages answered that are not commands (CommandHandler reads a message's text only).
BRIEF_SHORTCUT = r"^/brief_\d+(@\w+)?$"  # /brief_12, as tapped in lists
IMPORT_CAPTION = r"^/import(@\w+)?(\s|$)"  # a file sent with the caption /import


def other_handlers() -> list[BaseHandler[Update, Context, None]]:
    """Everything the bot answers besides the commands above, in the order PTB tries them."""
    not_edited = ~filters.UpdateType.EDITED  # like the commands: an edit is not answered again
    return [
        MessageHandler(filters.Regex(BRIEF_SHORTCUT) & not_edited, articles.brief_shortcut),
        MessageHandler(
            filters.Document.ALL & filters.CaptionRegex(IMPORT_CAPTION) & not_edited,
            admin_only(opml_handlers.import_feeds),
        ),
        # Buttons, by the prefix of their callback data.
        CallbackQueryHandler(articles.search_more, pattern=f"^{articles.SEARCH_PREFIX}"),
        CallbackQueryHandler(
            subscriptions.forget_answer, pattern=f"^{subscriptions.FORGET_PREFIX}"
        ),
        CallbackQueryHandler(settings.language_answer, pattern=f"^{settings.LANGUAGE_PREFIX}"),
        # @bot words, in any chat.
        InlineQueryHandler(articles.inline_query),
        # A bare link an admin sends in a private chat (admin.private_text checks the rest).
        MessageHandler(
            filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & not_edited,
            admin.private_text,
        ),
    ]
