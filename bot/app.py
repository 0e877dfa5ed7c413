"""The Telegram application: every handler, default, job and lifecycle hook in one place."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import html
import logging
import secrets
from dataclasses import replace
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
from bot.fairness import ChatRateLimiter, FairUpdateProcessor, FloodLimiter
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
# Read connections beside the writing one: searches and listings run there, so
# a slow one does not hold up other chats' subscribing or delivery.
READ_CONNECTIONS = 3


async def post_init(
    application: AnyApp, settings: Settings, *, secret_generated: bool = False
) -> None:
    """Open services, register commands, start the delivery worker and jobs."""
    db = await open_database(settings.db_path, readers=READ_CONNECTIONS)
    application.bot_data[KEY] = Services(settings, db, Briefer.from_settings(settings))
    bot = application.bot
    await bot.set_my_commands(SUBSCRIBER_COMMANDS, scope=BotCommandScopeDefault())
    for admin_id in sorted(settings.admin_ids):
        try:
            await bot.set_my_commands(ADMIN_COMMANDS, scope=BotCommandScopeChat(admin_id))
        except TelegramError as exc:
            # An admin who never opened a chat with the bot cannot get a scoped menu yet.
            log.warning("could not set the admin command menu for an admin chat: %s", exc)
    await delivery.start(application)
    await digests.restore(application)
    feed_poller.schedule(application)
    # Everything loaded so far (PTB, handlers, services) lives as long as the
    # process: keep it out of every full garbage collection, whose pauses
    # otherwise grow with it and land in the middle of matching and sending.
    gc.collect()
    gc.freeze()
    mode = "webhook" if settings.webhook_enabled else "long polling"
    if secret_generated:
        mode += ", with a secret generated at start-up (NEWSBRIEF_WEBHOOK_SECRET is not set)"
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


def build_application(settings: Settings, *, secret_generated: bool = False) -> AnyApp:
    """The complete bot, ready for run_polling/run_webhook or a test harness."""
    token = settings.require_token()
    flood = FloodLimiter(
        private_rate=settings.chat_rate, group_rate=settings.group_rate_per_minute / 60
    )
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
        # Replies honour flood control (429 retry_after) instead of failing; a
        # 429 pauses only its own chat. The global budget is the delivery worker's.
        .rate_limiter(
            ChatRateLimiter(group_rate_per_minute=settings.group_rate_per_minute, max_retries=3)
        )
        # Flood control when an update arrives, then one update per chat at a
        # time with chats in parallel: see bot/fairness.py.
        .concurrent_updates(FairUpdateProcessor(flood, exempt=settings.admin_ids))
        .post_init(
            functools.partial(post_init, settings=settings, secret_generated=secret_generated)
        )
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
    """Run until Ctrl-C or SIGTERM, by long polling or on a webhook."""
    if not settings.webhook_url:
        build_application(settings).run_polling(allowed_updates=Update.ALL_TYPES)
        return
    from bot import webhook

    # A webhook without a secret would take updates from anyone who can reach
    # the port, forged admin commands included: make one up if none is set.
    generated = settings.webhook_secret is None
    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    url = settings.webhook_url
    _redact_in_logs(secret)
    settings = replace(settings, webhook_secret=secret)
    application = build_application(settings, secret_generated=generated)
    asyncio.run(
        webhook.serve(
            application,
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=urlsplit(url).path.lstrip("/") or "telegram",
            webhook_url=url,
            secret=secret,
        )
    )


def _redact_in_logs(secret: str) -> None:
    """Add a secret to the log handlers' redaction (bot.cli sets them up)."""
    for handler in logging.getLogger().handlers:
        for log_filter in handler.filters:
            add = getattr(log_filter, "add_secret", None)
            if callable(add):
                add(secret)
