"""Bulk ingest: reading article files and storing them, briefs made in parallel.

A bad record is reported with where it came from and why, and never stops the
good records around it; duplicates are counted, not treated as errors, so the
same file can be ingested again safely.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import IO, Any

from bot import briefs
from bot.pipeline import Briefer, RejectedError, store_briefed, validate
from bot.storage.articles import AddResult, ArticleDraft, find_duplicate
from bot.storage.db import Database

ARTICLE_SUFFIXES = (".jsonl", ".ndjson", ".json", ".txt", ".md")
BATCH = 64  # articles per transaction: amortises commits, keeps each one short


@dataclass(frozen=True)
class Record:
    """One input record: a draft, or the reason it cannot be one."""

    origin: str  # "file.jsonl:12" — where to look when it was rejected
    draft: ArticleDraft | None = None
    error: str | None = None


@dataclass
class IngestReport:
    added: int = 0
    too_short: int = 0  # of the added: stored, but too little text to push
    joined: int = 0  # of the added: a report of a story an earlier article began, not pushed again
    duplicates: int = 0
    rejected: int = 0
    errors: list[str] = field(default_factory=list)
    results: list[AddResult] = field(default_factory=list)

    def summary(self) -> str:
        notes = [f"{self.too_short} too short to push"] if self.too_short else []
        if self.joined:
            notes.append(f"{self.joined} joined an earlier story")
        short = f" ({', '.join(notes)})" if notes else ""
        return f"added {self.added}{short}, duplicates {self.duplicates}, rejected {self.rejected}"


def parse_datetime(value: str) -> datetime:
    """ISO 8601, with "Z" accepted; naive times are taken as UTC."""
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def draft_from_mapping(data: Any, default_language: str) -> ArticleDraft:
    """Build a draft from one decoded JSON record, raising RejectedError with the reason."""
    if not isinstance(data, dict):
        raise RejectedError("not a JSON object")
    values: dict[str, str | None] = {}
    for key in ("title", "body", "url", "source", "published_at", "language"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise RejectedError(f"{key} must be a string")
        values[key] = value
    for key in ("title", "body"):
        if not (values[key] or "").strip():
            raise RejectedError(f"missing {key}")
    published_at = None
    if values["published_at"]:
        try:
            published_at = parse_datetime(values["published_at"])
        except ValueError:
            raise RejectedError("published_at is not an ISO 8601 date") from None
    language = (values["language"] or default_language).lower()
    if language not in briefs.supported_languages() and language not in briefs.generic_languages():
        raise RejectedError(f"language {language!r} is not supported")
    return validate(
        ArticleDraft(
            title=values["title"] or "",
            body=values["body"] or "",
            url=values["url"] or None,
            source=values["source"] or None,
            language=language,
            published_at=published_at,
        )
    )


def draft_from_text(text: str, default_language: str, source: str | None = None) -> ArticleDraft:
    """Plain text: the first line is the title, an optional URL line, then the body."""
    lines = text.strip().splitlines()
    if not lines:
        raise RejectedError("empty text")
    title = lines[0].strip()
    rest = lines[1:]
    url = None
    while rest and not rest[0].strip():
        rest = rest[1:]
    if (
        rest
        and rest[0].strip().lower().startswith(("http://", "https://"))
        and (" " not in rest[0].strip())
    ):
        url = rest[0].strip()
        rest = rest[1:]
    return validate(
        ArticleDraft(
            title=title,
            body="\n".join(rest).strip(),
            url=url,
            source=source,
            language=default_language,
        )
    )


def _records_from_json_lines(lines: Iterable[str], name: str, language: str) -> Iterator[Record]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        origin = f"{name}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Record(origin, error=f"invalid JSON ({exc.msg})")
            continue
        yield _record(origin, partial(draft_from_mapping, data, language))


def _record(origin: str, build: Callable[[], ArticleDraft]) -> Record:
    try:
        return Record(origin, draft=build())
    except RejectedError as exc:
        return Record(origin, error=str(exc))


def _records_from_text(text: str, name: str, language: str) -> Iterator[Record]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Record(f"{name}:{exc.lineno}", error=f"invalid JSON array ({exc.msg})")
            return
        for index, data in enumerate(items, start=1):
            yield _record(f"{name}[{index}]", partial(draft_from_mapping, data, language))
    elif stripped.startswith("{"):
        yield from _records_from_json_lines(text.splitlines(), name, language)
    else:
        yield _record(name, partial(draft_from_text, text, language))


def read_records(path: str, language: str, stdin: IO[str] | None = None) -> Iterator[Record]:
    """Records from a file, a directory of article files, or "-" for standard input."""
    if path == "-":
        yield from _records_from_text((stdin or sys.stdin).read(), "<stdin>", language)
        return
    target = Path(path)
    if target.is_dir():
        files = sorted(p for p in target.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
        if not files:
            yield Record(path, error="no .jsonl, .json, .txt or .md files in this folder")
        for file in files:
            yield from _read_file(file, language)
    elif target.is_file():
        yield from _read_file(target, language)
    else:
        yield Record(path, error="no such file or folder")


def _read_file(path: Path, language: str) -> Iterator[Record]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        yield Record(str(path), error=f"cannot read: {exc}")
        return
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        yield from _records_from_json_lines(text.splitlines(), str(path), language)
    else:
        yield from _records_from_text(text, str(path), language)


async def ingest(
    db: Database,
    records: Iterable[Record],
    briefer: Briefer,
    *,
    on_error: Callable[[str], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Store records, briefing up to `briefer.workers` at once, in order of input."""
    report = IngestReport()
    loop = asyncio.get_running_loop()
    window: deque[tuple[str, ArticleDraft, asyncio.Future[briefs.Brief]]] = deque()
    batch: list[tuple[ArticleDraft, briefs.Brief]] = []
    limit = max(2, briefer.workers * 4)

    async def flush() -> None:
        if batch:
            for result in await store_briefed(db, batch):
                report.results.append(result)
                if result.status == "added":
                    report.added += 1
                    report.too_short += result.short_words is not None
                    report.joined += result.story_reports > 1
                else:
                    report.duplicates += 1
            if on_progress:
                on_progress(len(batch))
            batch.clear()

    def reject(origin: str, error: str | None) -> None:
        report.rejected += 1
        message = f"{origin}: {error}"
        report.errors.append(message)
        if on_error:
            on_error(message)

    async def drain(keep: int) -> None:
        while len(window) > keep:
            origin, draft, future = window.popleft()
            try:
                brief = await future
            except briefs.BriefError as exc:  # too little text to brief
                reject(origin, str(exc))
                continue
            batch.append((draft, brief))
            if len(batch) >= BATCH:
                await flush()

    for record in records:
        if record.draft is None:
            reject(record.origin, record.error)
            continue
        duplicate = await find_duplicate(db, record.draft)
        if duplicate is not None:
            report.duplicates += 1
            report.results.append(duplicate)
            if on_progress:
                on_progress(1)
            continue
        future = asyncio.wrap_future(briefer.submit(record.draft), loop=loop)
        window.append((record.origin, record.draft, future))
        await drain(limit)
    await drain(0)
    await flush()
    return report
