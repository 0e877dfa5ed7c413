"""`newsbrief feeds …`: add, list, remove and poll feeds, and move them in and out as OPML."""

from __future__ import annotations

import argparse
import asyncio
import functools
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.config import Settings
from bot.storage.db import Database, run_on_database


def with_db(
    settings: Settings, work: Callable[[Database], Awaitable[int]], *, reads_only: bool = False
) -> int:
    """Open the database, run one async piece of work on it, close it (see run_on_database)."""
    return run_on_database(
        settings.db_path,
        work,
        story_window_hours=settings.story_window_hours,
        reads_only=reads_only,
    )


def cmd_feeds(settings: Settings, args: argparse.Namespace) -> int:
    from bot.errors import UserFacingError
    from bot.pipeline import Briefer
    from bot.sources import feedadmin
    from bot.sources import poller as feed_poller
    from bot.sources.client import client_for
    from bot.storage import feeds as store

    async def add(db: Database) -> int:
        async with client_for(settings) as client:
            try:
                added = await feedadmin.add_feed(
                    db, client, settings, args.url, " ".join(args.label)
                )
            except store.TooManyFeedsError:
                print(
                    f"newsbrief: error: already {settings.max_feeds} feeds (NEWSBRIEF_MAX_FEEDS)",
                    file=sys.stderr,
                )
                return 1
        verb = "added" if added.created else "already there as"
        print(f"{verb} feed #{added.feed.id}: {added.feed.name} ({added.feed.url})")
        return 0

    async def listing(db: Database) -> int:
        feeds = await store.list_feeds(db)
        if not feeds:
            print("no feeds; add one with: newsbrief feeds add URL [LABEL]")
        for feed in feeds:
            print(f"#{feed.id}  {feed.name}  <{feed.url}>")
            print(f"     {feed.articles} articles, last success {feed.last_success_at or 'never'}")
            if feed.consecutive_failures:
                print(
                    f"     {feed.consecutive_failures} failures in a row, last: {feed.last_error}"
                )
        return 0

    async def remove(db: Database) -> int:
        feed = await feedadmin.remove_feed(db, args.feed)
        if feed is None:
            print(f"newsbrief: error: no feed {args.feed!r}", file=sys.stderr)
            return 1
        print(f"removed feed #{feed.id}: {feed.name}")
        return 0

    async def poll(db: Database) -> int:
        briefer = Briefer.from_settings(settings, workers=1)
        try:
            async with client_for(settings) as client:
                results = await feed_poller.poll_due(
                    db, client, briefer, settings, everything=not args.due
                )
        finally:
            briefer.close()
        for result in results:
            state = result.error or ("not modified" if result.not_modified else "ok")
            notes = [f"{result.too_short} too short to push"] if result.too_short else []
            if result.joined:
                notes.append(f"{result.joined} joined an earlier story")
            short = f" ({', '.join(notes)})" if notes else ""
            later = f", left for the next poll {result.deferred}" if result.deferred else ""
            print(
                f"feed #{result.feed_id}: {state}; added {result.added}{short}, duplicates "
                f"{result.duplicates}, seen before {result.skipped}, queued {result.queued}{later}"
            )
            for problem in result.entry_errors:
                print(f"     skipped entry: {problem}")
        if not results:
            print("no feeds to poll")
        return 1 if results and all(r.error for r in results) else 0

    if args.action == "list":  # works on a read-only database too
        return with_db(settings, listing, reads_only=True)
    if args.action == "export":
        return with_db(settings, functools.partial(_export_opml, args.file), reads_only=True)
    if args.action == "import":
        return with_db(settings, functools.partial(_import_opml, settings, args.file))
    actions = {"add": add, "list": listing, "remove": remove, "poll": poll}
    try:
        return with_db(settings, actions[args.action])
    except UserFacingError as exc:
        print(f"newsbrief: error: {exc.reason}", file=sys.stderr)
        return 1


async def _export_opml(file: str | None, db: Database) -> int:
    from bot.sources import opml

    document, count = await opml.export_opml(db)
    if file is None or file == "-":
        sys.stdout.buffer.write(document)
        sys.stdout.flush()
    else:
        await asyncio.to_thread(Path(file).write_bytes, document)
        print(f"exported {count} feeds to {file}", file=sys.stderr)
    return 0


def _read_capped(file: str, cap: int) -> bytes:
    """At most cap + 1 bytes of a file (- is standard input): enough to tell it is too big."""
    if file == "-":
        return sys.stdin.buffer.read(cap + 1)
    with Path(file).open("rb") as handle:
        return handle.read(cap + 1)


async def _import_opml(settings: Settings, file: str, db: Database) -> int:
    from bot.sources import opml

    try:
        data = await asyncio.to_thread(_read_capped, file, opml.MAX_OPML_BYTES)
        report = await opml.import_opml(
            db, data, max_feeds=settings.max_feeds, allow_private=settings.fetch_allow_private
        )
    except OSError as exc:
        print(f"newsbrief: error: cannot read {file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except opml.OpmlError as exc:
        print(f"newsbrief: error: {file}: {exc.reason}", file=sys.stderr)
        return 1
    for feed in report.added:
        print(f"added feed #{feed.id}: {feed.name} ({feed.url})")
    for url, why in report.refused:
        print(f"refused {url}: {why}")
    print(
        f"added {len(report.added)}, already present {len(report.already)}, "
        f"refused {len(report.refused)}"
    )
    return 0
