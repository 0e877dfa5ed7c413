"""The `newsbrief` command: the only place that reads .env and sets up logging (bot.logs)."""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot import __version__
from bot.cli_feeds import cmd_feeds, with_db
from bot.config import ConfigError, Settings, load_settings
from bot.logs import RedactingFilter, setup_logging
from bot.storage import Database
from bot.storage.errors import StorageError, describe

log = logging.getLogger("newsbrief")


def _environment(env_file: str | None) -> Mapping[str, str]:
    from dotenv import dotenv_values

    path = Path(env_file) if env_file else Path(".env")
    if env_file and not path.is_file():
        raise ConfigError(f"--env-file {env_file}: no such file")
    values: dict[str, str] = {}
    if path.is_file():
        values = {k: v for k, v in dotenv_values(path).items() if v is not None}
    # Real environment variables win over .env, as operators expect.
    values.update(os.environ)
    return values


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbrief",
        description="A Telegram bot that turns news articles into short briefs.",
    )
    parser.add_argument("--version", action="version", version=f"newsbrief {__version__}")
    parser.add_argument("--env-file", help="read settings from this file instead of ./.env")
    parser.add_argument("--db", help="database file (overrides NEWSBRIEF_DB)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("run", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")

    p = sub.add_parser("ingest", help="store articles from a file, a folder or - (stdin)")
    p.add_argument("path", help="JSON Lines, JSON array or plain text file, folder, or -")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="summarizing processes")
    p.add_argument("--language", help="language of records that do not say (default: setting)")

    p = sub.add_parser("brief", help="print the brief of one article without storing it")
    p.add_argument("path", help="a text file (first line title) or JSON record, or -")
    p.add_argument("--sentences", type=int, help="sentences in the brief")
    p.add_argument(
        "--summarizer", help="auto (default), lexrank, textrank, lsa, luhn, kl, sumbasic, reduction"
    )
    p.add_argument("--language", help="article language, like english or german")

    p = sub.add_parser("search", help="full-text search of stored articles")
    p.add_argument("query", nargs="+", help="words; quote a phrase; word* for a prefix")
    p.add_argument("--limit", type=int, default=10)

    sub.add_parser("stats", help="counts of articles, subscribers and deliveries")

    p = sub.add_parser("stories", help="recent stories with their reports")
    p.add_argument("--limit", type=int, default=10, help="stories to list (default 10)")

    p = sub.add_parser("backup", help="write a consistent copy of the database (bot may run)")
    p.add_argument("path", help="file to write (mode 0600); replaced if it exists")

    sub.add_parser("vacuum", help="give free space back to the disk (best with the bot stopped)")

    p = sub.add_parser("deliveries", help="manage the delivery outbox")
    p.add_argument("action", choices=["retry-failed"], help="requeue deliveries marked failed")

    p = sub.add_parser("feeds", help="manage news feeds: add, list, remove, poll")
    feeds = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    q = feeds.add_parser("add", help="add an RSS/Atom feed (fetched once to check it)")
    q.add_argument("url")
    q.add_argument("label", nargs="*", help="a name for the feed (default: its title)")
    feeds.add_parser("list", help="feeds with their last success and error")
    q = feeds.add_parser("remove", help="stop polling a feed")
    q.add_argument("feed", help="feed id or URL")
    q = feeds.add_parser("poll", help="poll feeds now and store new entries")
    q.add_argument("--due", action="store_true", help="only feeds whose next poll is due")
    q = feeds.add_parser("export", help="write every feed as OPML (labels and languages kept)")
    q.add_argument("file", nargs="?", help="where to write it (default: standard output)")
    q = feeds.add_parser("import", help="add the feeds an OPML file lists")
    q.add_argument("file", help="an .opml file (- reads standard input)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Opt in to PTB 22's timedelta durations (RetryAfter.retry_after and friends):
    # the int form is deprecated and warns on every flood-control error.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    parser = build_parser()
    args = parser.parse_args(argv)
    db_path: Path | None = None
    try:
        settings = load_settings(_environment(args.env_file))
        if args.db:
            settings = replace(settings, db_path=Path(args.db))
        db_path = settings.db_path
        setup_logging(settings)
        handler = COMMANDS[args.command]
        return handler(settings, args)
    except ConfigError as exc:
        print(f"newsbrief: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`newsbrief search rail | head -3`): stop quietly, as Unix
        # tools do, and keep Python from failing again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except (sqlite3.Error, OSError, StorageError) as exc:
        message = describe(exc, db_path) if db_path is not None else None
        if message is None:
            raise
        print(f"newsbrief: error: {message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsbrief: interrupted", file=sys.stderr)
        return 130


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    settings.require_token()
    from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError

    from bot.app import run_bot

    try:
        run_bot(settings)
    except InvalidToken:
        print(
            "newsbrief: error: Telegram refused TELEGRAM_BOT_TOKEN (unauthorized); "
            "check the token from @BotFather",
            file=sys.stderr,
        )
        return 2
    # Before NetworkError: BadRequest subclasses it in PTB (Forbidden does not), and both
    # mean Telegram answered and refused, not that it was unreachable.
    except (BadRequest, Forbidden) as exc:
        print(f"newsbrief: error: Telegram refused a start-up request: {exc}", file=sys.stderr)
        return 1
    except NetworkError as exc:
        reason = RedactingFilter([settings.token or ""]).redact(str(exc))
        print(
            f"newsbrief: error: cannot reach the Bot API at {settings.api_base_url}: {reason}",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_ingest(settings: Settings, args: argparse.Namespace) -> int:
    from bot.ingest import ingest, read_records
    from bot.pipeline import Briefer

    language = (args.language or settings.language).lower()
    workers = max(1, args.workers)

    async def work(db: Database) -> int:
        briefer = Briefer.from_settings(settings, workers=workers)
        progress = _progress_bar()
        try:
            report = await ingest(
                db,
                read_records(args.path, language),
                briefer,
                on_error=lambda message: _print_error(progress, message),
                on_progress=progress.update if progress else None,
            )
        finally:
            if progress:
                progress.close()
            briefer.close()
        print(report.summary())
        return 1 if report.rejected and not (report.added or report.duplicates) else 0

    return with_db(settings, work)


def _progress_bar() -> Any:
    """A tqdm bar on a terminal only; pipes and CI logs get just the summary."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True)


def _print_error(progress: Any, message: str) -> None:
    if progress is not None:
        progress.write(f"rejected {message}", file=sys.stderr)
    else:
        print(f"rejected {message}", file=sys.stderr)


def cmd_brief(settings: Settings, args: argparse.Namespace) -> int:
    from bot import briefs
    from bot.ingest import read_records

    language = (args.language or settings.language).lower()
    if language not in briefs.supported_languages() and language not in briefs.generic_languages():
        raise ConfigError(
            f"--language {language!r} is not supported: expected one of "
            + ", ".join(briefs.supported_languages())
        )
    records = list(read_records(args.path, language))
    if not records:
        print("newsbrief: error: no article found", file=sys.stderr)
        return 1
    status = 0
    for record in records:
        if record.draft is None:
            print(f"newsbrief: error: {record.origin}: {record.error}", file=sys.stderr)
            status = 1
            continue
        try:
            sentences = briefs.brief_article(
                record.draft.title,
                record.draft.body,
                language=record.draft.language,
                sentences=args.sentences or settings.brief_sentences,
                summarizer=(args.summarizer or settings.summarizer).lower(),
            ).sentences
        except briefs.TooLittleText as exc:
            print(f"newsbrief: error: {record.origin}: {exc}", file=sys.stderr)
            status = 1
            continue
        except briefs.BriefError as exc:
            print(f"newsbrief: error: {exc}", file=sys.stderr)
            return 2
        if len(records) > 1:
            print()
        print(record.draft.title)
        for sentence in sentences:
            print(f"  • {sentence}")
        if not sentences:
            print("  (no sentences to brief)")
    return status


def cmd_search(settings: Settings, args: argparse.Namespace) -> int:
    from bot.storage.articles import HL_END, HL_START, search

    text = " ".join(args.query)
    bold, plain = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("[", "]")

    async def work(db: Database) -> int:
        # No time budget: the operator may run a search as broad as they like.
        hits = await search(db, text, limit=max(1, min(args.limit, 100)))
        if not hits:
            print(f"no articles match {text!r}")
            return 0
        for hit in hits:
            source = f"{hit.source}, " if hit.source else ""
            print(f"#{hit.id}  {hit.title}  ({source}{hit.date})")
            snippet = hit.snippet.replace(HL_START, bold).replace(HL_END, plain)
            print(f"     {' '.join(snippet.split())}")
        return 0

    return with_db(settings, work, reads_only=True)


def cmd_stories(settings: Settings, args: argparse.Namespace) -> int:
    from bot.storage.stories import recent_stories
    from bot.text import source_host

    async def work(db: Database) -> int:
        stories = await recent_stories(db, max(1, min(args.limit, 100)))
        if not stories:
            print("no stories yet")
            return 0
        for story in stories:
            count = len(story.reports)
            print(f"story #{story.id}  ({count} report{'s' if count != 1 else ''})")
            for report in story.reports:
                source = report.source or (source_host(report.url) if report.url else None)
                print(f"  #{report.id}  {report.when[:16]}  {source or '-'}  {report.title}")
                if report.url:
                    print(f"        {report.url}")
        return 0

    return with_db(settings, work, reads_only=True)


def cmd_stats(settings: Settings, args: argparse.Namespace) -> int:
    from bot.storage import retention
    from bot.storage.deliveries import sent_in_last
    from bot.storage.stats import collect_stats

    retention_rule = (
        f"finished deliveries after {settings.retention_days} days"
        if settings.retention_days
        else "finished deliveries kept forever"
    ) + (
        f", articles after {settings.article_retention_days} days"
        if settings.article_retention_days
        else ", articles kept forever"
    )

    async def work(db: Database) -> int:
        stats = await collect_stats(db)
        rate = await sent_in_last(db, 60) / 60
        used, free = await retention.database_size(db)
        removed = await retention.removed_counts(db)
        for label, value in (
            ("articles", stats.articles),
            ("chats", f"{stats.chats} ({stats.active_chats} active)"),
            ("subscriptions", stats.subscriptions),
            ("digest chats", stats.digest_chats),
            ("deliveries pending", stats.pending),
            ("deliveries sent", stats.sent),
            ("deliveries failed", stats.failed),
            ("send rate", f"{rate:.1f} messages/s (last minute)"),
            ("feeds", stats.feeds),
            ("database size", f"{used / 1e6:.1f} MB used, {free / 1e6:.1f} MB free"),
            ("removed (retention)", f"{removed['deliveries_removed']} delivery rows, "
             f"{removed['articles_removed']} articles"),
            ("retention", retention_rule),
        ):
            print(f"{label + ':':<20} {value}")
        return 0

    return with_db(settings, work, reads_only=True)


def cmd_backup(settings: Settings, args: argparse.Namespace) -> int:
    from bot.storage.backup import BackupError, backup

    try:
        result = backup(settings.db_path, Path(args.path))
    except BackupError as exc:
        print(f"newsbrief: error: {exc}", file=sys.stderr)
        return 1
    print(
        f"backup written to {result.path} ({result.size / 1e6:.1f} MB, mode 0600): "
        f"{result.articles} articles, {result.deliveries} delivery rows"
    )
    return 0


def cmd_vacuum(settings: Settings, args: argparse.Namespace) -> int:
    from bot.storage import retention

    async def work(db: Database) -> int:
        before = settings.db_path.stat().st_size
        await retention.vacuum(db)
        after = settings.db_path.stat().st_size
        print(f"vacuumed {settings.db_path}: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")
        return 0

    return with_db(settings, work)


def cmd_deliveries(settings: Settings, args: argparse.Namespace) -> int:
    from bot.storage.deliveries import retry_failed

    async def work(db: Database) -> int:
        count = await retry_failed(db)
        print(f"requeued {count} failed deliveries; a running bot sends them within seconds")
        return 0

    return with_db(settings, work)


COMMANDS: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "run": cmd_run,
    "ingest": cmd_ingest,
    "brief": cmd_brief,
    "search": cmd_search,
    "stats": cmd_stats,
    "stories": cmd_stories,
    "deliveries": cmd_deliveries,
    "backup": cmd_backup,
    "vacuum": cmd_vacuum,
    "feeds": cmd_feeds,
}
