"""From a draft to a stored, briefed article with its deliveries queued.

`/post`, `newsbrief ingest` and the feed poller all come through here, so an
article is deduplicated, briefed and matched the same way whatever its origin.
Summarizing is CPU-bound, so it runs in worker processes, never on the event
loop (a slow LexRank would otherwise freeze every chat the bot serves).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import partial

from bot import briefs
from bot.config import Settings
from bot.errors import UserFacingError
from bot.i18n import N_
from bot.storage.articles import AddResult, ArticleDraft, add_articles, find_duplicate
from bot.storage.db import Database

log = logging.getLogger(__name__)

MAX_TITLE_CHARS = 500
# A publication time later than now by more than this is a feed's mistake (or a trick to
# stay at the top of /latest, which is ordered by it): it becomes the time of storing.
# A few minutes cover clocks that are a little ahead.
MAX_FUTURE_SKEW = timedelta(minutes=10)


class RejectedError(UserFacingError, ValueError):
    """A draft that cannot become an article; ``reason`` says why, in a few words."""


def validate(draft: ArticleDraft) -> ArticleDraft:
    """Clean a draft and check it is storable, raising RejectedError if not.

    The body is stored without its boilerplate (bylines, captions, appeals):
    search snippets then show news, and copies that differ only in scraping
    noise hash the same.
    """
    draft = draft.cleaned()
    draft = replace(draft, published_at=_not_in_future(draft.published_at))
    # The briefer reads no further than briefs.MAX_BODY_CHARS: a longer body is a page dump.
    if len(draft.body) > briefs.MAX_BODY_CHARS:
        raise RejectedError(
            N_("body is longer than {count} characters"), count=f"{briefs.MAX_BODY_CHARS:,}"
        )
    draft = replace(draft, body=briefs.clean_body(draft.body, draft.title))
    if not draft.title:
        raise RejectedError(N_("title is empty"))
    if len(draft.title) > MAX_TITLE_CHARS:
        raise RejectedError(N_("title is longer than {count} characters"), count=MAX_TITLE_CHARS)
    if not draft.body:
        raise RejectedError(N_("body is empty"))
    if draft.url is not None and not draft.url.lower().startswith(("http://", "https://")):
        raise RejectedError(N_("url must start with http:// or https://"))
    unbriefable = briefs.unbriefable_language(draft.body)
    if unbriefable is not None:
        # Said before anything is stored, naming the language rather than counting "words".
        raise RejectedError(N_("cannot brief text in {language}"), language=unbriefable)
    if briefs.placeholder_text(draft.body):
        raise RejectedError(N_("not an article: placeholder text (lorem ipsum)"))
    if draft.language_chosen:
        return draft
    # Pages and feeds often declare the wrong language (a German article under a site-wide
    # lang="en-US"): the text decides when it clearly disagrees with the declaration.
    language = briefs.detect_language(draft.body, draft.language, draft.language)
    return replace(draft, language=language)


def _not_in_future(published: datetime | None) -> datetime | None:
    if published is None:
        return None
    now = datetime.now(UTC)
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return now if published > now + MAX_FUTURE_SKEW else published


@dataclass
class Briefer:
    """Runs brief_article in worker processes with the configured settings.

    Processes rather than threads: sumy's scoring is pure Python and numpy
    over small matrices, which holds the GIL most of the time.
    """

    language: str
    sentences: int
    summarizer: str
    workers: int = 1
    _executor: Executor | None = None

    @classmethod
    def from_settings(cls, settings: Settings, *, workers: int = 1) -> Briefer:
        return cls(settings.language, settings.brief_sentences, settings.summarizer, workers)

    def _pool(self) -> Executor:
        if self._executor is None:
            # "spawn": forking a process that runs an event loop and the
            # aiosqlite thread can copy held locks into the child.
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        return self._executor

    def job(self, draft: ArticleDraft) -> partial[briefs.Brief]:
        language = draft.language or self.language
        return partial(
            briefs.brief_article,
            draft.title,
            draft.body,
            language=language,
            sentences=self.sentences,
            summarizer=self.summarizer,
        )

    async def warm(self) -> None:
        """Load the stop-word lists validate() checks languages with, off the event loop:
        the first check costs about half a second, later ones microseconds."""
        await asyncio.to_thread(briefs.detect_language, "", None, self.language)

    def submit(self, draft: ArticleDraft) -> Future[briefs.Brief]:
        return self._pool().submit(self.job(draft))

    async def brief(self, draft: ArticleDraft) -> briefs.Brief:
        try:
            return await asyncio.wrap_future(self.submit(draft))
        except BrokenProcessPool:
            # A worker died (killed, out of memory): the pool is unusable for
            # good, so start a fresh one rather than failing every later brief.
            log.warning("a summarizing process died; starting a new pool")
            self.close(wait=False)
            return await asyncio.wrap_future(self.submit(draft))

    def close(self, *, wait: bool = True) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None


async def add_draft(
    db: Database, briefer: Briefer, draft: ArticleDraft, *, deliver: bool = True
) -> AddResult:
    """Validate, dedupe, brief and store one article (raises RejectedError).

    An article with too little text to push (``Brief.pushable``) is stored without deliveries,
    and its result's ``short_words`` says so.
    """
    # Off the event loop: cleaning a body of up to MAX_BODY_CHARS from a feed or page takes
    # a noticeable fraction of a second, and every chat would wait for it.
    draft = await asyncio.to_thread(validate, draft)
    duplicate = await find_duplicate(db, draft)
    if duplicate is not None:
        return duplicate
    try:
        brief = await briefer.brief(draft)
    except briefs.TooLittleText as exc:
        # Storing it would push an empty or hollow brief.
        raise RejectedError(exc.text) from None
    except briefs.BriefError as exc:
        raise RejectedError(str(exc)) from None
    return (await store_briefed(db, [(draft, brief)], deliver=deliver))[0]


async def store_briefed(
    db: Database, items: Sequence[tuple[ArticleDraft, briefs.Brief]], *, deliver: bool = True
) -> list[AddResult]:
    """Store briefed drafts in one transaction; those too short to push queue nothing."""
    results = await add_articles(
        db,
        [(draft, brief.sentences) for draft, brief in items],
        deliver=[deliver and brief.pushable for _, brief in items],
    )
    return [
        replace(result, short_words=brief.words)
        if result.status == "added" and not brief.pushable
        else result
        for result, (_, brief) in zip(results, items, strict=True)
    ]
