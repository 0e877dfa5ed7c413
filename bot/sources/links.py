"""Posting a link: fetch one page, extract its article, and brief and store it.

Used by an admin's bare link (``/post <url>``) and by the poller for teaser entries.
Service level only: the caller passes the database, the HTTP client, the briefer and
the settings; replying in Telegram is the handler's job.
"""

from __future__ import annotations

import asyncio

import httpx

from bot.briefs import has_text
from bot.config import Settings
from bot.i18n import N_
from bot.pipeline import Briefer, add_draft
from bot.sources.extract import Extracted, NotAnArticle, fetch_article
from bot.sources.fetch import check_url
from bot.storage.articles import AddResult, ArticleDraft
from bot.storage.db import Database

__all__ = ["article_from_link", "draft_from_extracted", "language_or_default", "post_link"]


async def article_from_link(
    client: httpx.AsyncClient,
    settings: Settings,
    url: str,
    *,
    timeout: float | None = None,  # noqa: ASYNC109 - passed to fetch(), see there
) -> Extracted:
    """Fetch and extract one page (raises FetchError or NotAnArticle with a reason) within
    ``timeout`` seconds (default: settings.fetch_timeout)."""
    page = await fetch_article(
        client,
        check_url(url),
        max_bytes=settings.fetch_max_bytes,
        timeout=settings.fetch_timeout if timeout is None else timeout,
    )
    if not await asyncio.to_thread(has_text, page.body, page.title):
        # All of the page's text is furniture (a front page's teasers, "mehr..."): the reason
        # a page with no text gets, not an empty post's "body is empty".
        raise NotAnArticle(N_("no article text found on the page"))
    return page


def language_or_default(candidate: str | None, settings: Settings) -> str:
    """A declared language briefs can be made in, else the configured default.

    A language briefed with the generic rules ("swahili") is kept too: validation checks it
    against the text like any other, and a page too short to check keeps its own label.
    """
    from bot.briefs import generic_languages, supported_languages

    if candidate in supported_languages() or candidate in generic_languages():
        return candidate
    return settings.language


def draft_from_extracted(
    page: Extracted, settings: Settings, feed_id: int | None = None
) -> ArticleDraft:
    return ArticleDraft(
        title=page.title,
        body=page.body,
        url=page.url,
        source=page.source,
        language=language_or_default(page.language, settings),
        published_at=page.published_at,
        feed_id=feed_id,
    )


async def post_link(
    db: Database, client: httpx.AsyncClient, briefer: Briefer, settings: Settings, url: str
) -> AddResult:
    """Fetch, extract, brief and store the article at ``url``, queueing its deliveries.

    Raises a :class:`bot.errors.UserFacingError` (FetchError, NotAnArticle or
    RejectedError) whose reason is for the admin.
    """
    page = await article_from_link(client, settings, url)
    return await add_draft(db, briefer, draft_from_extracted(page, settings))
