"""The Telegram application: every handler, default, job and lifecycle hook in one place."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import html
import logging
import secrets
import signal
from dataclasses import replace
from urllib.parse import urlsplit

from telegram import (
    Bot,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationBuilder,
    ContextTypes,
    Defaults,
    TypeHandler,
)

from bot import commands, delivery, housekeeping, i18n, jobs, metrics
from bot.config import Settings
from bot.delivery import digests
from bot.delivery.budget import ReplyLimiter, SendBudget
from bot.fairness import FairUpdateProcessor, FloodLimiter
from bot.handlers import settings as settings_handlers
from bot.i18n import N_, _
from bot.logs import redact_in_logs
from bot.services import AnyApp, BotData, CustomContext, Services
from bot.storage import open_database

log = logging.getLogger(__name__)

LANGUAGE_GROUP = -100  # handler group of settings.resolve_language
APOLOGY = N_("Sorry, something went wrong on my side. Please try again in a moment.")
# Read connections beside the writing one: searches and listings run there, so
# a slow one does not hold up other chats' subscribing or delivery.
READ_CONNECTIONS = 3


async def post_init(
    application: AnyApp, settings: Settings, *, secret_generated: bool = False
) -> None:
    """Open services, register commands, start the delivery worker and jobs."""
    db = await open_database(
        settings.db_path,
        readers=READ_CONNECTIONS,
        story_window_hours=settings.story_window_hours,
    )
    briefer = metrics.timed_briefer(application, settings)
    await briefer.warm()
    application.bot_data.services = Services(settings, db, briefer)
    await metrics.start(application, settings)
    bot = application.bot
    await register_menus(bot, settings.admin_ids)
    # The worker tells the digests about chats that went away or moved through these
    # callbacks, so bot.delivery.worker never imports the digests.
    await delivery.start(
        application,
        on_chat_gone=functools.partial(digests.cancel, application),
        on_chat_migrated=functools.partial(digests.moved, application),
    )
    await digests.restore(application)
    jobs.schedule(application)
    housekeeping.schedule(application)
    # Everything loaded so far (PTB, handlers, services) lives as long as the
    # process: keep it out of every full garbage collection, whose pauses
    # otherwise grow with it and land in the middle of matching and sending.
    gc.collect()
    gc.freeze()
    mode = "webhook" if settings.webhook_enabled else "long polling"
    if secret_generated:
        mode += ", with a secret generated at start-up (NEWSBRIEF_WEBHOOK_SECRET is not set)"
    log.info("newsbrief running as @%s (%s), database %s", bot.username, mode, settings.db_path)


async def register_menus(bot: Bot, admin_ids: frozenset[int]) -> None:
    """Both command menus in every language: English for everyone, then each other
    language for users whose Telegram is set to it; admins' menus per admin chat."""
    codes = {
        lang: None if lang == i18n.DEFAULT else i18n.telegram_code(lang) for lang in i18n.LANGUAGES
    }
    for language, code in codes.items():
        with i18n.use_language(language):
            await bot.set_my_commands(
                commands.menu(admin=False), scope=BotCommandScopeDefault(), language_code=code
            )
    for admin_id in sorted(admin_ids):
        try:
            for language, code in codes.items():
                with i18n.use_language(language):
                    await bot.set_my_commands(
                        commands.menu(admin=True),
                        scope=BotCommandScopeChat(admin_id),
                        language_code=code,
                    )
        except TelegramError as exc:
            # An admin who never opened a chat with the bot cannot get a scoped menu yet.
            log.warning("could not set the admin command menu for an admin chat: %s", exc)


async def post_shutdown(application: AnyApp) -> None:
    """Stop workers first, then close what they use."""
    svc = application.bot_data.services
    if svc is None:
        return
    await metrics.stop(application)
    await delivery.stop(application)
    await jobs.close(application)
    svc.briefer.close()
    await svc.db.close()
    log.info("newsbrief stopped")


async def on_error(update: object, context: CustomContext) -> None:
    """Log the traceback (the log filter strips the token) and apologise briefly."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update):
        if update.callback_query is not None:
            with contextlib.suppress(TelegramError):
                await update.callback_query.answer(_(APOLOGY)[:190])
        elif update.effective_message is not None:
            try:
                await update.effective_message.reply_text(html.escape(_(APOLOGY)))
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
        # Replies draw on the bot's one send budget, shared with the delivery worker
        # (which finds it here) and digests; they wait out 429s instead of failing.
        .rate_limiter(
            ReplyLimiter(
                SendBudget(settings), group_rate_per_minute=settings.group_rate_per_minute
            )
        )
        # Flood control when an update arrives, then one update per chat at a
        # time with chats in parallel: see bot/fairness.py.
        .concurrent_updates(FairUpdateProcessor(flood, exempt=settings.admin_ids))
        .post_init(
            functools.partial(post_init, settings=settings, secret_generated=secret_generated)
        )
        .context_types(ContextTypes(context=CustomContext, bot_data=BotData))
        .post_shutdown(post_shutdown)
        .build()
    )
    add_handlers(application)
    metrics.install(application, [command.name for command in commands.COMMANDS])
    return application


def add_handlers(application: AnyApp) -> None:
    # Its own group, before any other: it matches every update, and in one group only the
    # first matching handler runs. Every reply after it is in the chat's language.
    application.add_handler(
        TypeHandler(Update, settings_handlers.resolve_language), group=LANGUAGE_GROUP
    )
    for command in commands.COMMANDS:
        application.add_handler(command.handler_for_ptb())
    for handler in commands.other_handlers():
        application.add_handler(handler)
    application.add_error_handler(on_error)


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGABRT)


def stop_on_signals(loop: asyncio.AbstractEventLoop) -> None:
    """Stop on the first SIGINT/SIGTERM/SIGABRT, and ignore the ones after it.

    PTB's own handlers raise SystemExit on every signal, and a second one
    arriving while PTB stops (`make run` under systemd: the unit's processes
    all get SIGTERM and make passes its own on to the bot) cuts the clean stop
    short: post_shutdown never runs and the database thread keeps the process
    alive. Where the loop cannot take signal handlers (Windows) PTB sets none
    either, and Ctrl-C arrives as KeyboardInterrupt.
    """
    stopping = False

    def stop() -> None:
        nonlocal stopping
        if stopping:
            return  # the clean stop is under way
        stopping = True
        raise SystemExit  # out of loop.run_forever(), into PTB's stop sequence

    with contextlib.suppress(NotImplementedError):
        for sig in STOP_SIGNALS:
            loop.add_signal_handler(sig, stop)


def run_bot(settings: Settings) -> None:
    """Run until Ctrl-C or SIGTERM, by long polling or on a webhook."""
    if not settings.webhook_url:
        application = build_application(settings)
        # PTB runs on the current event loop: set one up with our stop handlers.
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        stop_on_signals(loop)
        application.run_polling(allowed_updates=Update.ALL_TYPES, stop_signals=None)
        return
    from bot import webhook

    # A webhook without a secret would take updates from anyone who can reach
    # the port, forged admin commands included: make one up if none is set.
    generated = settings.webhook_secret is None
    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    url = settings.webhook_url
    redact_in_logs(secret)
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
