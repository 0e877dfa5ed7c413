"""The Telegram application: every handler, default, job and lifecycle hook in one place."""

from __future__ import annotations

import contextlib
import functools
import gc
import html
import logging
from typing import Any
from urllib.parse import urlsplit

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot import delivery
from bot.config import Settings
from bot.delivery import digests
from bot.handlers import admin, articles, subscriptions
from bot.handlers import feeds as feed_handlers
from bot.pipeline import Briefer
from bot.services import KEY, AnyApp, Services, app_services
from bot.sources import poller as feed_poller
from bot.storage import open_database

log = logging.getLogger(__name__)

SUBSCRIBER_COMMANDS = [
    BotCommand("latest", "newest briefs: /latest 10"),
    BotCommand("search", "find articles: /search rail strike"),
    BotCommand("brief", "one article: /brief 12"),
    BotCommand("subscribe", "news as it arrives, optionally by keyword"),
    BotCommand("unsubscribe", "stop some or all subscriptions"),
    BotCommand("subscriptions", "what this chat follows"),
    BotCommand("digest", "one daily message: /digest 08:00 Europe/Berlin"),
    BotCommand("forget", "delete everything stored about this chat"),
    BotCommand("help", "every command with an example"),
]
ADMIN_COMMANDS = [
    *SUBSCRIBER_COMMANDS,
    BotCommand("post", "store and deliver an article"),
    BotCommand("stats", "counts of articles, subscribers, deliveries"),
    BotCommand("addfeed", "poll a news feed: /addfeed <url> [label]"),
    BotCommand("feeds", "feeds and their health"),
    BotCommand("delfeed", "stop polling a feed: /delfeed <id>"),
]

APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."


async def post_init(application: AnyApp, settings: Settings) -> None:
    """Open services, register commands, start the delivery worker and jobs."""
    db = await open_database(settings.db_path)
    application.bot_data[KEY] = Services(settings, db, Briefer.from_settings(settings))
    bot = application.bot
    await bot.set_my_commands(SUBSCRIBER_COMMANDS, scope=BotCommandScopeDefault())
    for admin_id in sorted(settings.admin_ids):
        try:
            await bot.set_my_commands(ADMIN_COMMANDS, scope=BotCommandScopeChat(admin_id))
        except TelegramError as exc:
            # An admin who never opened a chat with the bot cannot get a scoped menu yet.
            log.warning("could not set the admin command menu for an admin chat: %s", exc)
    # The worker tells the digests about chats that went away or moved through these
    # callbacks, so bot.delivery.worker never imports the digests.
    await delivery.start(
        application,
        on_chat_gone=functools.partial(digests.cancel, application),
        on_chat_migrated=functools.partial(digests.moved, application),
    )
    await digests.restore(application)
    feed_poller.schedule(application)
    # Everything loaded so far (PTB, handlers, services) lives as long as the
    # process: keep it out of every full garbage collection, whose pauses
    # otherwise grow with it and land in the middle of matching and sending.
    gc.collect()
    gc.freeze()
    mode = "webhook" if settings.webhook_enabled else "long polling"
    log.info("newsbrief running as @%s (%s), database %s", bot.username, mode, settings.db_path)


async def post_shutdown(application: AnyApp) -> None:
    """Stop workers first, then close what they use."""
    if KEY not in application.bot_data:
        return
    await delivery.stop(application)
    svc = app_services(application)
    await feed_poller.close(application)
    svc.briefer.close()
    await svc.db.close()
    log.info("newsbrief stopped")


async def on_error(update: object, context: Any) -> None:
    """Log the traceback (the log filter strips the token) and apologise briefly."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update):
        if update.callback_query is not None:
            with contextlib.suppress(TelegramError):
                await update.callback_query.answer(APOLOGY[:190])
        elif update.effective_message is not None:
            try:
                await update.effective_message.reply_text(html.escape(APOLOGY))
            except TelegramError:
                log.warning("could not send the apology either")


def build_application(settings: Settings) -> AnyApp:
    """The complete bot, ready for run_polling/run_webhook or a test harness."""
    token = settings.require_token()
    application: AnyApp = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.api_base_url)
        .base_file_url(settings.api_base_url.removesuffix("/bot") + "/file/bot")
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        # Replies honour flood control (429 retry_after) instead of failing.
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=0,  # the global budget is the delivery worker's to keep
                group_max_rate=settings.group_rate_per_minute,
                max_retries=3,
            )
        )
        .concurrent_updates(8)
        .post_init(functools.partial(post_init, settings=settings))
        .post_shutdown(post_shutdown)
        .build()
    )
    add_handlers(application)
    return application


def add_handlers(application: AnyApp) -> None:
    for name, callback in (
        ("start", articles.start),
        ("help", articles.help_command),
        ("latest", articles.latest),
        ("brief", articles.brief),
        ("search", articles.search_command),
        ("subscribe", subscriptions.subscribe),
        ("unsubscribe", subscriptions.unsubscribe),
        ("subscriptions", subscriptions.list_subscriptions),
        ("digest", subscriptions.digest),
        ("forget", subscriptions.forget),
        ("post", admin.post),
        ("stats", admin.stats),
        ("addfeed", feed_handlers.addfeed),
        ("feeds", feed_handlers.list_feeds),
        ("delfeed", feed_handlers.delfeed),
    ):
        # Edited messages are ignored: re-running /post on an edit would double work.
        application.add_handler(CommandHandler(name, callback, filters=~filters.UpdateType.EDITED))
    application.add_handler(
        MessageHandler(filters.Regex(r"^/brief_\d+(@\w+)?$"), articles.brief_shortcut)
    )
    application.add_handler(CallbackQueryHandler(articles.search_more, pattern=r"^search:"))
    application.add_handler(CallbackQueryHandler(subscriptions.forget_answer, pattern=r"^forget:"))
    application.add_handler(InlineQueryHandler(articles.inline_query))
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, admin.private_text
        )
    )
    application.add_error_handler(on_error)


def run_bot(settings: Settings) -> None:
    """Run until Ctrl-C or SIGTERM; PTB's run_* methods stop cleanly on both."""
    application = build_application(settings)
    if settings.webhook_url:
        path = urlsplit(settings.webhook_url).path.lstrip("/") or "telegram"
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=path,
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
