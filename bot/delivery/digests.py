"""Daily digests: one message a day with the briefs a chat matched since the last one.

Each digest chat has a PTB JobQueue job named ``digest:<chat_id>`` that runs
daily at the chat's local time (a zone-aware ``datetime.time``, so it follows
daylight saving). Jobs live in memory; ``restore`` re-creates them from the
database at start-up, and a digest that fell due while the bot was down goes
out shortly after the start instead of being skipped for a day.

The rows a digest contains are the chat's 'digest' outbox rows; each is
marked sent with the id of the message it went out in, so a digest cut short
by an error never repeats the part that was delivered. Sends share the
delivery worker's transport and pacing (global and per-chat rate,
flood-control pauses) and its fault policy (bot.delivery.policy): a blocked
or vanished chat is made inactive and its job cancelled; a migrated chat
moves to its new id. The worker reaches cancel/moved only through the
callbacks app.post_init gives it.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
import random
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Job

from bot import i18n
from bot.delivery import DeliveryWorker, running_worker
from bot.delivery.policy import MAX_MIGRATIONS, Failed, Gone, Migrated, Retry, classify
from bot.formatting import (
    MAX_MESSAGE,
    format_article,
    format_headline,
    split_message,
    visible_length,
)
from bot.i18n import ngettext, number
from bot.services import AnyApp, CustomContext, app_services
from bot.storage import deliveries, mutes, topics
from bot.storage import subscriptions as subs
from bot.storage.articles import Article, get_articles
from bot.storage.chat_language import chat_locale
from bot.storage.db import Database, format_ts

log = logging.getLogger(__name__)

JOB_PREFIX = "digest:"
FULL_BRIEFS_UP_TO = 3  # a digest this small shows whole briefs, a bigger one headlines
MAX_ITEMS = 50  # headlines shown; the rest are counted
SEND_ATTEMPTS = 4  # per digest message, for transient errors (then the rows wait a day)
RETRY_BASE = 1.0
CATCH_UP_SUFFIX = ":catch-up"
CATCH_UP_DELAY = 10.0  # seconds after start-up before a missed digest goes out (plus jitter)


def job_name(chat_id: int) -> str:
    return f"{JOB_PREFIX}{chat_id}"


def digest_time(at: str, zone: str) -> dtm.time:
    """ "HH:MM" in an IANA zone as the zone-aware time run_daily wants."""
    hour, minute = (int(part) for part in at.split(":"))
    return dtm.time(hour, minute, tzinfo=ZoneInfo(zone))


def next_run(at: str, zone: str, now: dtm.datetime) -> dtm.datetime:
    """The first local at/zone strictly after `now`, in UTC (DST-aware, for tests and /digest)."""
    tz = ZoneInfo(zone)
    hour, minute = (int(part) for part in at.split(":"))
    local_now = now.astimezone(tz)
    day = local_now.date()
    for offset in range(3):
        candidate = dtm.datetime.combine(
            day + dtm.timedelta(days=offset), dtm.time(hour, minute), tzinfo=tz
        )
        # A time that does not exist on a spring-forward day resolves like zoneinfo does.
        if candidate > local_now:
            return candidate.astimezone(dtm.UTC)
    raise AssertionError("unreachable: a day always has the time")  # pragma: no cover


def previous_run(at: str, zone: str, now: dtm.datetime) -> dtm.datetime:
    """The last local at/zone at or before `now`, in UTC."""
    tz = ZoneInfo(zone)
    hour, minute = (int(part) for part in at.split(":"))
    local_now = now.astimezone(tz)
    for offset in range(3):
        candidate = dtm.datetime.combine(
            local_now.date() - dtm.timedelta(days=offset), dtm.time(hour, minute), tzinfo=tz
        )
        if candidate <= local_now:
            return candidate.astimezone(dtm.UTC)
    raise AssertionError("unreachable: a day always has the time")  # pragma: no cover


def _job_queue(application: AnyApp) -> Any:
    queue = application.job_queue
    if queue is None:
        raise RuntimeError("digests need PTB's job queue: install python-telegram-bot[job-queue]")
    return queue


def schedule(application: AnyApp, chat_id: int, at: str, zone: str) -> Job[Any]:
    """(Re)schedule a chat's daily digest at at ("HH:MM") in zone; replaces any old job."""
    cancel(application, chat_id)
    job: Job[Any] = _job_queue(application).run_daily(
        digest_job,
        time=digest_time(at, zone),
        data=chat_id,
        name=job_name(chat_id),
        # A late event loop (thousands of digests at 08:00) must not skip a day.
        job_kwargs={"misfire_grace_time": 3600, "coalesce": True},
    )
    return job


def cancel(application: AnyApp, chat_id: int) -> bool:
    """Remove a chat's digest job(s); True if there was one."""
    queue = application.job_queue
    if queue is None:
        return False
    jobs = [
        *queue.get_jobs_by_name(job_name(chat_id)),
        *queue.get_jobs_by_name(f"{job_name(chat_id)}{CATCH_UP_SUFFIX}"),
    ]
    for job in jobs:
        job.schedule_removal()
    return bool(jobs)


async def moved(application: AnyApp, old_id: int, new_id: int) -> None:
    """A chat migrated: its digest job follows it to the new id."""
    cancel(application, old_id)
    chat = await subs.get_chat(app_services(application).db, new_id)
    if chat is not None and chat.digest_time and chat.active:
        schedule(application, new_id, chat.digest_time, chat.digest_tz or "UTC")


async def restore(application: AnyApp, *, now: dtm.datetime | None = None) -> int:
    """At start-up: a job for every active digest chat; catch up digests missed while down."""
    db = app_services(application).db
    moment = now or dtm.datetime.now(dtm.UTC)
    count = 0
    missed = 0
    for chat in await subs.digest_chats(db):
        if not chat.digest_time:
            continue
        zone = chat.digest_tz or "UTC"
        try:
            schedule(application, chat.chat_id, chat.digest_time, zone)
        except (ValueError, KeyError) as exc:
            log.warning("a digest chat has an unusable time or zone: %s", exc)
            continue
        count += 1
        if await _missed(db, chat, zone, moment):
            missed += 1
            _job_queue(application).run_once(
                digest_job,
                when=CATCH_UP_DELAY + random.uniform(0, 30),  # noqa: S311 - spreading load
                data=chat.chat_id,
                name=f"{job_name(chat.chat_id)}{CATCH_UP_SUFFIX}",
            )
    if count:
        log.info("digests scheduled for %d chat(s); %d missed while down", count, missed)
    return count


async def _missed(db: Database, chat: subs.Chat, zone: str, now: dtm.datetime) -> bool:
    """Rows queued before the last scheduled time, and no digest since: one was missed."""
    assert chat.digest_time is not None
    last_due = format_ts(previous_run(chat.digest_time, zone, now))
    if chat.last_digest_at and chat.last_digest_at >= last_due:
        return False
    rows = await deliveries.digest_rows(db, chat.chat_id)
    return any(row.created_at < last_due for row in rows)


async def digest_job(context: CustomContext) -> None:
    """The JobQueue callback: send this chat's digest."""
    job = context.job
    assert job is not None
    chat_id = job.data
    assert isinstance(chat_id, int)
    try:
        await send_digest(context.application, context.services.db, chat_id)
    except Exception:
        log.exception("digest job failed; its briefs wait for the next digest")


@dataclass(frozen=True)
class DigestMessage:
    text: str
    delivery_ids: tuple[int, ...]  # the rows this message completes


def compose(
    articles: Sequence[tuple[int, Article]], limit: int = MAX_MESSAGE
) -> list[DigestMessage]:
    """The digest's messages for (delivery id, article) pairs, each at most `limit` long.

    Blocks are never split across messages unless one alone is too long; every
    row belongs to the message that carries the end of its block.
    """
    total = len(articles)
    header = "<b>{}</b>".format(
        ngettext(
            "Your daily digest: {count} brief", "Your daily digest: {count} briefs", total
        ).format(count=number(total))
    )
    shown = articles[:MAX_ITEMS]
    full = total <= FULL_BRIEFS_UP_TO
    blocks: list[tuple[str, list[int]]] = [
        (format_article(article) if full else format_headline(article), [delivery_id])
        for delivery_id, article in shown
    ]
    hidden = [delivery_id for delivery_id, _ in articles[MAX_ITEMS:]]
    if hidden:
        more = ngettext(
            "…and {count} more: /latest shows the newest.",
            "…and {count} more: /latest shows the newest.",
            len(hidden),
        ).format(count=number(len(hidden)))
        blocks.append((f"<i>{more}</i>", hidden))
    messages: list[DigestMessage] = []
    current, ids = header, []
    for block, block_ids in blocks:
        candidate = f"{current}\n\n{block}"
        if visible_length(candidate) <= limit:
            current = candidate
            ids.extend(block_ids)
            continue
        messages.append(DigestMessage(current, tuple(ids)))
        pieces = split_message(block, limit)
        messages.extend(DigestMessage(piece, ()) for piece in pieces[:-1])
        current, ids = pieces[-1], list(block_ids)
    messages.append(DigestMessage(current, tuple(ids)))
    return messages


class _ChatGoneError(Exception):
    """The chat blocked us or vanished; it has been made inactive."""


class _UndeliverableError(Exception):
    """A digest message that cannot go out now: refused for good, or still failing."""

    def __init__(self, outcome: Failed | Retry) -> None:
        super().__init__(outcome.reason)
        self.outcome = outcome


SendText = Callable[[int, str], Awaitable[int]]


def _via_bot(bot: Bot, routes: dict[int, tuple[int, int]]) -> SendText:
    async def send(chat_id: int, text: str) -> int:
        # A forum topic's target id goes to its chat, in its topic (storage.topics).
        real, thread = routes.get(chat_id, (chat_id, None))
        message = await bot.send_message(
            real,
            text,
            message_thread_id=thread,
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
        return message.message_id

    return send


@dataclass(frozen=True)
class _Sender:
    """How one digest reaches Telegram: through the delivery worker's transport and pacing
    when it runs, else through the application's bot; what a failure tells is handled with
    the application (a chat that moved or went away)."""

    application: AnyApp
    send: SendText
    secret: str | None
    worker: DeliveryWorker | None

    @classmethod
    async def of(cls, application: AnyApp, db: Database, chat_id: int) -> _Sender:
        worker = running_worker(application)
        routes = await topics.resolve(db, [chat_id])
        if worker is not None:
            worker.transport.topics.update(routes)
            return cls(application, worker.transport.send_text, worker.settings.token, worker)
        bot = application.bot
        return cls(application, _via_bot(bot, routes), bot.token, None)

    async def deliver(self, db: Database, chat_id: int, text: str) -> tuple[int, int]:
        """One digest message, its failures handled as policy.classify says; (message id, chat id).

        Raises _ChatGoneError after making the chat inactive, or _UndeliverableError for a
        permanent refusal or transient errors that persist.
        """
        worker = self.worker
        attempts = 0
        migrations = 0
        while True:
            ticket = await worker.acquire(chat_id) if worker is not None else (0.0, 0.0)
            try:
                return await self.send(chat_id, text), chat_id
            except Exception as exc:
                outcome = classify(exc, self.secret)
            match outcome:
                case Retry(flood_wait=float(wait)):
                    if worker is not None:
                        worker.flood(chat_id, wait, ticket)  # its chat or every send waits
                    else:
                        await asyncio.sleep(wait)
                    attempts += 1  # bounded all the same: flood waits are not failures, loops are
                    if attempts > SEND_ATTEMPTS * 3:
                        raise _UndeliverableError(outcome)
                case Migrated(new_chat_id=new_id):
                    migrations += 1
                    if migrations > MAX_MIGRATIONS:
                        raise _UndeliverableError(Failed("chat migrated too many times"))
                    await deliveries.migrate_chat(db, chat_id, new_id)
                    await moved(self.application, chat_id, new_id)
                    chat_id = new_id
                case Gone(reason=reason):
                    dropped = await deliveries.chat_blocked(db, chat_id, reason)
                    cancel(self.application, chat_id)
                    log.info(
                        "a digest chat is unreachable (%s); made inactive, %d brief(s) dropped",
                        reason,
                        dropped,
                    )
                    raise _ChatGoneError
                case Failed():
                    raise _UndeliverableError(outcome)
                case Retry():
                    attempts += 1
                    if attempts >= SEND_ATTEMPTS:
                        raise _UndeliverableError(outcome)
                    # Jitter for spreading retries, not for secrecy.
                    jitter = random.uniform(0.5, 1.5)  # noqa: S311
                    await asyncio.sleep(RETRY_BASE * 2.0 ** (attempts - 1) * jitter)


async def send_digest(application: AnyApp, db: Database, chat_id: int) -> int:
    """Send a chat's digest now; the number of briefs delivered (0: nothing matched)."""
    sender = await _Sender.of(application, db, chat_id)
    rows = await deliveries.digest_rows(db, chat_id)
    if not rows:
        return 0
    found = {a.id: a for a in await get_articles(db, [r.article_id for r in rows])}
    pairs = [(r.id, found[r.article_id]) for r in rows if r.article_id in found]
    pairs = await _unmuted(db, chat_id, pairs)
    if not pairs:
        return 0
    with i18n.use_locale(await chat_locale(db, chat_id)):
        messages = compose(pairs)  # in the chat's language, dates in its digest zone
    delivered = 0
    for message in messages:
        try:
            message_id, chat_id = await sender.deliver(db, chat_id, message.text)
        except _ChatGoneError:
            return delivered
        except _UndeliverableError as exc:
            if isinstance(exc.outcome, Failed):
                log.info("a digest message was refused for good: %s", exc.outcome.reason)
                await deliveries.mark_digest_failed(
                    db, list(message.delivery_ids), exc.outcome.reason
                )
                continue
            log.info(
                "a digest stopped after %d brief(s); the rest wait for the next one: %s",
                delivered,
                exc.outcome.reason,
            )
            return delivered
        await deliveries.mark_digest_sent(db, chat_id, list(message.delivery_ids), message_id)
        delivered += len(message.delivery_ids)
    log.info("a digest went out with %d brief(s)", delivered)
    return delivered


async def _unmuted(
    db: Database, chat_id: int, pairs: list[tuple[int, Article]]
) -> list[tuple[int, Article]]:
    """Leave out what a word muted after the article was queued now hides (dropped for good)."""
    terms = await mutes.chat_mutes(db, chat_id)
    if not terms:
        return pairs
    hidden = [row_id for row_id, a in pairs if mutes.is_muted(terms, a.title, a.body)]
    await mutes.drop_muted_digest_rows(db, hidden)
    gone = set(hidden)
    return [(row_id, a) for row_id, a in pairs if row_id not in gone]
