"""Adding and removing a feed: the one implementation behind /addfeed, /delfeed and
``newsbrief feeds add|remove``, so the chat and the shell name feeds the same way.

A feed is named by its id (ASCII digits, "#12" too) or by its URL, normalised with
:func:`bot.sources.fetch.check_url` exactly as it was when it was added, so
"HTTPS://Example.org/rss#top" finds the feed added as "https://example.org/rss".
Service level only: the database, HTTP client and settings are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from bot.config import Settings
from bot.sources.fetch import FetchError, check_url
from bot.sources.poller import fetch_feed
from bot.storage import feeds as store
from bot.storage.db import Database
from bot.text import strict_int

__all__ = ["AddedFeed", "add_feed", "feed_key", "find_feed", "remove_feed"]


@dataclass(frozen=True)
class AddedFeed:
    feed: store.Feed
    created: bool  # False: the URL was already polled, as ``feed``
    entries: int  # entries in the feed as fetched now
    declared: str | None  # the language the feed declares (a summariser name), if any


async def add_feed(
    db: Database,
    client: httpx.AsyncClient,
    settings: Settings,
    url: str,
    label: str | None = None,
    language: str | None = None,
) -> AddedFeed:
    """Check the URL, fetch and parse the feed once, and store it (or find it stored).

    ``language`` is an admin's override (a summariser language name). Raises FetchError
    (the URL, the fetch) or FeedError (not a feed), each with a reason for the admin.
    """
    normal = check_url(url)
    parsed, _etag, _modified = await fetch_feed(client, settings, normal)
    name = (label or "").strip() or (parsed.title if parsed else "") or None
    declared = parsed.language if parsed else None
    feed, created = await store.add_feed(
        db, normal, name, declared, language, max_feeds=settings.max_feeds
    )
    return AddedFeed(feed, created, len(parsed.entries) if parsed else 0, declared)


def feed_key(text: str) -> int | str:
    """An id (ASCII digits, maybe after "#"; one too big for SQLite's integer matches no
    feed) or a URL in the form add_feed stored it."""
    text = text.strip().removeprefix("#")
    if text.isascii() and text.isdigit():
        found = strict_int(text)
        return -1 if found is None else found
    try:
        return check_url(text)
    except FetchError:
        return text


async def find_feed(db: Database, text: str) -> store.Feed | None:
    """The feed named by an id or a URL (see feed_key), or None."""
    return await store.get_feed(db, feed_key(text))


async def remove_feed(db: Database, text: str) -> store.Feed | None:
    """Stop polling the feed named by an id or a URL; its articles stay. None: no such feed."""
    feed = await find_feed(db, text)
    if feed is not None:
        await store.remove_feed(db, feed.id)
    return feed
