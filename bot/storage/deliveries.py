"""The delivery outbox: every query the delivery worker and the digests make.

A row's life: ``pending`` (or ``digest`` for chats on a daily digest) when the
article is stored; ``sending`` once the worker has claimed it; then ``sent``,
``failed`` (a permanent error, or a transient one max_send_attempts times) or
``dropped`` (the chat blocked the bot, vanished or turned its digest off).

Claiming marks rows ``sending`` in the same transaction that selects them, so
a process killed mid-broadcast leaves exactly the rows it might have sent in
``sending``; ``recover_in_flight`` puts them back to ``pending`` at the next
start. Delivery is therefore at least once: a message whose send reached
Telegram but whose ``sent`` mark did not reach the disk goes out again, and
nothing else can.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiosqlite

from bot import i18n
from bot.storage.db import Database, format_ts, utcnow

STATUSES = ("pending", "sending", "sent", "failed", "digest", "dropped")
MAX_ERROR = 300  # characters of an error kept in the row


@dataclass(frozen=True)
class Delivery:
    """One outbox row as the worker needs it."""

    id: int
    article_id: int
    chat_id: int
    attempts: int
    status: str = "sending"
    created_at: str = ""
    # How to speak to the chat (claim_due fills these in from its chats row).
    language: str = i18n.DEFAULT
    zone: str | None = None  # the chat's digest time zone, for dates


def _ids(values: Iterable[int]) -> str:
    return json.dumps([int(v) for v in values])


def _row(row: aiosqlite.Row, language: str = i18n.DEFAULT, zone: str | None = None) -> Delivery:
    return Delivery(
        id=row["id"],
        article_id=row["article_id"],
        chat_id=row["chat_id"],
        attempts=row["attempts"],
        status=row["status"],
        created_at=row["created_at"],
        language=language,
        zone=zone,
    )


def _error(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_ERROR else text[: MAX_ERROR - 1] + "…"


async def claim_due(
    db: Database,
    limit: int,
    *,
    now: str | None = None,
    exclude_chats: Iterable[int] = (),
) -> list[Delivery]:
    """Mark up to `limit` due pending rows 'sending' and return them, fairest first.

    Fair means round-robin across articles (the first row of every article,
    then the second of every article, …), so a broadcast to ten thousand chats
    claimed ahead of a later article with three recipients cannot make those
    three wait for it to finish. At most one row per chat is claimed (its
    oldest), and none for the chats in `exclude_chats` (those the worker
    already holds), so one chat's per-chat rate limit never holds up a batch.

    The cost is bounded by the articles with pending rows and `limit`, not by
    the size of the outbox: each article's oldest due rows come from the
    partial index deliveries_pending, and the round-robin is done here.
    """
    if limit <= 0:
        return []
    moment = now or utcnow()
    excluded = set(exclude_chats)
    # Enough of each article's rows to fill the claim past excluded chats and
    # chats that another article's row claims first.
    per_article = limit + len(excluded)
    async with db.transaction() as conn:
        queues: list[list[tuple[int, int, int]]] = []  # per article: (id, article, chat)
        article = -1
        while True:
            found = list(
                await conn.execute_fetchall(
                    "SELECT min(article_id) FROM deliveries INDEXED BY deliveries_pending "
                    "WHERE status = 'pending' AND article_id > ?",
                    (article,),
                )
            )
            if not found or found[0][0] is None:
                break
            article = int(found[0][0])
            rows = await conn.execute_fetchall(
                "SELECT id, chat_id FROM deliveries INDEXED BY deliveries_pending "
                "WHERE status = 'pending' AND article_id = ? AND next_attempt_at <= ? "
                "ORDER BY id LIMIT ?",
                (article, moment, per_article),
            )
            queue = [(r[0], article, r[1]) for r in rows if r[1] not in excluded]
            if queue:
                queues.append(queue)
        oldest: dict[int, int] = {}  # chat -> its oldest due row
        for queue in queues:
            for delivery_id, _, chat in queue:
                if delivery_id < oldest.get(chat, delivery_id + 1):
                    oldest[chat] = delivery_id
        order: list[int] = []
        for turn in itertools.zip_longest(*queues):
            order.extend(row[0] for row in turn if row is not None and oldest[row[2]] == row[0])
            if len(order) >= limit:
                break
        order = order[:limit]
        if not order:
            return []
        # execute_fetchall: run to completion in one call, so no other coroutine's
        # query on this connection can step in while the UPDATE … RETURNING is open.
        # "+status": look the rows up by id, not by walking every pending row's index entry.
        updated = await conn.execute_fetchall(
            "UPDATE deliveries SET status = 'sending' "
            "WHERE id IN (SELECT value FROM json_each(?)) AND +status = 'pending' "
            "RETURNING id, article_id, chat_id, attempts, status, created_at",
            (_ids(order),),
        )
        if not updated:
            return []
        # Each claimed chat's reply language, resolved as handlers resolve it (the
        # /language choice, else a private chat's sender's, else English), and its
        # digest zone for dates: one primary-key query for the batch, none per message.
        locales = {
            row["chat_id"]: (
                i18n.resolve(row["language"], row["chat_type"], row["language_code"]),
                row["digest_tz"],
            )
            for row in await conn.execute_fetchall(
                "SELECT chat_id, language, chat_type, language_code, digest_tz FROM chats "
                "WHERE chat_id IN (SELECT value FROM json_each(?))",
                (_ids({row["chat_id"] for row in updated}),),
            )
        }
    claimed = {
        row["id"]: _row(row, *locales.get(row["chat_id"], (i18n.DEFAULT, None))) for row in updated
    }
    return [claimed[i] for i in order if i in claimed]


async def release(
    db: Database, delivery_ids: Sequence[int], *, not_before: str | None = None
) -> int:
    """Put claimed rows back to 'pending' without counting an attempt (stop, flood wait)."""
    if not delivery_ids:
        return 0
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE deliveries SET status = 'pending', "
            "next_attempt_at = max(next_attempt_at, ?) "
            "WHERE id IN (SELECT value FROM json_each(?)) AND status = 'sending'",
            (not_before or utcnow(), _ids(delivery_ids)),
        )
        return cursor.rowcount


async def mark_sent(db: Database, delivery_id: int, message_id: int) -> None:
    """Record a delivered row with the message id Telegram gave it."""
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE deliveries SET status = 'sent', message_id = ?, sent_at = ?, error = NULL, "
            "attempts = attempts + 1 WHERE id = ?",
            (message_id, utcnow(), delivery_id),
        )


async def record_outcomes(
    db: Database,
    *,
    sent: Sequence[tuple[int, int]] = (),
    retries: Sequence[tuple[int, str, str]] = (),
    failed: Sequence[tuple[int, str]] = (),
    gone: Sequence[tuple[int, str]] = (),
) -> int:
    """Many sends' outcomes in one transaction: (id, message id) sent, (id, error,
    next attempt at) to retry, (id, reason) failed for good, each counting an
    attempt; then (chat id, reason) chats gone, as chat_blocked. Returns the
    rows dropped for the chats gone.

    Only rows still 'sending' change: one a chat block or migration already settled stays.
    """
    now = utcnow()
    async with db.transaction() as conn:
        if sent:
            await conn.executemany(
                "UPDATE deliveries SET status = 'sent', message_id = ?, sent_at = ?, "
                "error = NULL, attempts = attempts + 1 WHERE id = ? AND status = 'sending'",
                [(message_id, now, delivery_id) for delivery_id, message_id in sent],
            )
        if retries:
            await conn.executemany(
                "UPDATE deliveries SET status = 'pending', attempts = attempts + 1, error = ?, "
                "next_attempt_at = ? WHERE id = ? AND status = 'sending'",
                [(_error(error), when, delivery_id) for delivery_id, error, when in retries],
            )
        if failed:
            await conn.executemany(
                "UPDATE deliveries SET status = 'failed', attempts = attempts + 1, error = ? "
                "WHERE id = ? AND status = 'sending'",
                [(_error(reason), delivery_id) for delivery_id, reason in failed],
            )
        dropped = 0
        for chat_id, reason in gone:
            dropped += await _block_chat(conn, chat_id, reason)
    return dropped


async def mark_retry(
    db: Database, delivery_id: int, error: str, next_attempt_at: datetime | str
) -> int:
    """A transient failure: count the attempt, keep the reason, try again later.

    Returns the attempts made so far.
    """
    when = next_attempt_at if isinstance(next_attempt_at, str) else format_ts(next_attempt_at)
    async with db.transaction() as conn:
        found = list(
            await conn.execute_fetchall(
                "UPDATE deliveries SET status = 'pending', attempts = attempts + 1, error = ?, "
                "next_attempt_at = ? WHERE id = ? RETURNING attempts",
                (_error(error), when, delivery_id),
            )
        )
    return int(found[0]["attempts"]) if found else 0


async def mark_failed(db: Database, delivery_id: int, reason: str) -> None:
    """A permanent failure (or the last transient one): counted, kept with its reason."""
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE deliveries SET status = 'failed', attempts = attempts + 1, error = ? "
            "WHERE id = ?",
            (_error(reason), delivery_id),
        )


async def chat_blocked(db: Database, chat_id: int, reason: str) -> int:
    """The chat blocked us, was deleted or kicked us: stop sending to it.

    Its subscriptions are kept (a chat that comes back is active again, see
    touch_chat); everything still waiting for it is dropped. Returns the count.
    """
    async with db.transaction() as conn:
        return await _block_chat(conn, chat_id, reason)


async def _block_chat(conn: aiosqlite.Connection, chat_id: int, reason: str) -> int:
    await conn.execute(
        "UPDATE chats SET active = 0, updated_at = ? WHERE chat_id = ?", (utcnow(), chat_id)
    )
    cursor = await conn.execute(
        "UPDATE deliveries SET status = 'dropped', error = ? "
        "WHERE chat_id = ? AND status IN ('pending', 'sending', 'digest')",
        (_error(reason), chat_id),
    )
    return cursor.rowcount


async def migrate_chat(db: Database, old_id: int, new_id: int) -> None:
    """A group became a supergroup with a new id: move everything to the new id.

    Rows keep their status, so pending ones stay pending for the new id. When
    the new id is already known (the supergroup talked to us first), the two
    are merged: the new chat keeps its own subscriptions and rows, the old
    chat's other ones move over, and the old chat goes.
    """
    if old_id == new_id:
        return
    now = utcnow()
    async with db.transaction() as conn:
        exists = bool(
            list(await conn.execute_fetchall("SELECT 1 FROM chats WHERE chat_id = ?", (new_id,)))
        )
        if not exists:
            # ON UPDATE CASCADE carries subscriptions and deliveries along.
            await conn.execute(
                "UPDATE chats SET chat_id = ?, chat_type = 'supergroup', updated_at = ? "
                "WHERE chat_id = ?",
                (new_id, now, old_id),
            )
            return
        await conn.execute(
            "DELETE FROM subscriptions WHERE chat_id = ? "
            "AND terms IN (SELECT terms FROM subscriptions WHERE chat_id = ?)",
            (old_id, new_id),
        )
        await conn.execute(
            "UPDATE subscriptions SET chat_id = ? WHERE chat_id = ?", (new_id, old_id)
        )
        await conn.execute(
            "DELETE FROM deliveries WHERE chat_id = ? "
            "AND article_id IN (SELECT article_id FROM deliveries WHERE chat_id = ?)",
            (old_id, new_id),
        )
        await conn.execute("UPDATE deliveries SET chat_id = ? WHERE chat_id = ?", (new_id, old_id))
        # Muted words and followed sources move too; the new chat's own copy wins.
        for table in ("muted_words", "source_subscriptions"):
            await conn.execute(
                f"UPDATE OR IGNORE {table} SET chat_id = ? WHERE chat_id = ?",  # noqa: S608 - constant names
                (new_id, old_id),
            )
        await conn.execute(
            "UPDATE chats SET digest_time = coalesce(digest_time, "
            "(SELECT digest_time FROM chats WHERE chat_id = ?)), "
            "digest_tz = coalesce(digest_tz, (SELECT digest_tz FROM chats WHERE chat_id = ?)), "
            "chat_type = 'supergroup', active = 1, updated_at = ? WHERE chat_id = ?",
            (old_id, old_id, now, new_id),
        )
        await conn.execute("DELETE FROM chats WHERE chat_id = ?", (old_id,))


async def get_delivery(db: Database, delivery_id: int) -> Delivery | None:
    found = list(
        await db.conn.execute_fetchall(
            "SELECT id, article_id, chat_id, attempts, status, created_at FROM deliveries "
            "WHERE id = ?",
            (delivery_id,),
        )
    )
    return _row(found[0]) if found else None


async def recover_in_flight(db: Database) -> int:
    """At start-up: rows a killed process left 'sending' go back to 'pending'."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE deliveries SET status = 'pending' WHERE status = 'sending'"
        )
        return cursor.rowcount


async def digest_rows(db: Database, chat_id: int) -> list[Delivery]:
    """Rows waiting for this chat's next digest, oldest first."""
    found = await db.conn.execute_fetchall(
        "SELECT id, article_id, chat_id, attempts, status, created_at FROM deliveries "
        "WHERE chat_id = ? AND status = 'digest' ORDER BY id",
        (chat_id,),
    )
    return [_row(row) for row in found]


async def mark_digest_sent(
    db: Database, chat_id: int, delivery_ids: Sequence[int], message_id: int
) -> None:
    """Rows that went out in a digest message; the chat's last_digest_at moves to now."""
    now = utcnow()
    async with db.transaction() as conn:
        if delivery_ids:
            await conn.execute(
                "UPDATE deliveries SET status = 'sent', message_id = ?, sent_at = ?, "
                "attempts = attempts + 1, error = NULL "
                "WHERE id IN (SELECT value FROM json_each(?)) AND status = 'digest'",
                (message_id, now, _ids(delivery_ids)),
            )
        await conn.execute("UPDATE chats SET last_digest_at = ? WHERE chat_id = ?", (now, chat_id))


async def mark_digest_failed(db: Database, delivery_ids: Sequence[int], reason: str) -> None:
    """Digest rows Telegram refused for good (a bad request): they are not retried."""
    if not delivery_ids:
        return
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE deliveries SET status = 'failed', attempts = attempts + 1, error = ? "
            "WHERE id IN (SELECT value FROM json_each(?)) AND status = 'digest'",
            (_error(reason), _ids(delivery_ids)),
        )


async def retry_failed(db: Database) -> int:
    """Failed rows of active chats back to pending with their attempts reset; the count."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE deliveries SET status = 'pending', attempts = 0, error = NULL, "
            "next_attempt_at = ? WHERE status = 'failed' "
            "AND chat_id IN (SELECT chat_id FROM chats WHERE active = 1)",
            (utcnow(),),
        )
        return cursor.rowcount


async def counts(db: Database) -> dict[str, int]:
    """Rows per status (every status present, zero when none)."""
    result = dict.fromkeys(STATUSES, 0)
    for row in await db.conn.execute_fetchall(
        "SELECT status, count(*) AS n FROM deliveries GROUP BY status"
    ):
        result[row["status"]] = int(row["n"])
    return result


async def sent_in_last(db: Database, seconds: float) -> int:
    """Rows marked sent in the last `seconds` (the send rate for stats)."""
    since = format_ts(datetime.now(UTC) - timedelta(seconds=seconds))
    return await _scalar(
        db, "SELECT count(*) FROM deliveries WHERE status = 'sent' AND sent_at >= ?", (since,)
    )


async def _scalar(db: Database, sql: str, params: tuple[object, ...] = ()) -> int:
    found = list(await db.conn.execute_fetchall(sql, params))
    return int(found[0][0]) if found and found[0][0] is not None else 0
