"""Admin commands for feeds: /addfeed, /feeds and /delfeed (admin-only: see bot.commands;
posting a link is in admin.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

from telegram import Update

from bot import jobs
from bot.briefs import generic_languages, supported_languages
from bot.briefs.language import language_name
from bot.formatting import esc, link
from bot.handlers.common import command_text, reply
from bot.i18n import _, moment, ngettext, number
from bot.services import Context
from bot.sources import feedadmin
from bot.sources.feedparse import FeedError
from bot.sources.fetch import FetchError
from bot.storage import feeds as store


async def addfeed(update: Update, context: Context) -> None:
    text, override = _language_option(command_text(update))
    if not text:
        await reply(
            update,
            _(
                "Usage: /addfeed &lt;url&gt; [label] [lang=xx], e.g. "
                "<code>/addfeed https://example.org/rss.xml World news lang=en</code>"
            ),
        )
        return
    if override == "":
        await reply(
            update,
            _("Not added: lang= takes a language code such as en, de or pt-BR."),
        )
        return
    url_text, _sep, label = text.partition(" ")
    svc = context.services
    try:
        added_feed = await feedadmin.add_feed(
            svc.db, svc.http_client(), svc.settings, url_text, label, override
        )
    except FeedError as exc:
        hint = ""
        if exc.feed_links:
            hint = "\n" + _("This page links to: {links}").format(
                links=", ".join(f"<code>{esc(u)}</code>" for u in exc.feed_links[:3])
            )
        await reply(update, _("Not added: {reason}.").format(reason=esc(exc.localized())) + hint)
        return
    except FetchError as exc:
        await reply(
            update,
            _("Not added: could not fetch it ({reason}).").format(reason=esc(exc.localized())),
        )
        return
    except store.TooManyFeedsError:
        await reply(update, _too_many(svc.settings.max_feeds))
        return
    feed, declared = added_feed.feed, added_feed.declared
    if not added_feed.created:
        await reply(
            update,
            _("Already polling that feed as #{id} ({name}).").format(
                id=feed.id, name=esc(feed.name)
            ),
        )
        return
    entries = added_feed.entries
    language = override or declared
    added = ngettext(
        "Added feed #{id}: {name} ({count} entry now).",
        "Added feed #{id}: {name} ({count} entries now).",
        entries,
    ).format(id=feed.id, name=f"<b>{esc(feed.name)}</b>", count=number(entries))
    lines = [added]
    if language:
        lines.append(_("Language: {language}.").format(language=esc(language)))
    lines.append(
        _(
            "I check it every {interval}; new entries are briefed and "
            "delivered to matching subscribers."
        ).format(interval=_every(svc.settings.feed_interval))
    )
    await reply(update, " ".join(lines))
    jobs.poll_soon(context.application)


def _too_many(limit: int) -> str:
    return ngettext(
        "Not added: the bot polls at most {count} feed (NEWSBRIEF_MAX_FEEDS).",
        "Not added: the bot polls at most {count} feeds (NEWSBRIEF_MAX_FEEDS).",
        limit,
    ).format(count=number(limit))


def _language_option(text: str) -> tuple[str, str | None]:
    """Split a trailing "lang=xx" off /addfeed's text: (rest, language name or None).

    The name is what briefs use ("german"); "" means lang= was given but unusable.
    """
    words = text.split()
    if not words or not words[-1].lower().startswith("lang="):
        return text, None
    rest = " ".join(words[:-1])
    name = language_name(words[-1].split("=", 1)[1])
    known = name in supported_languages() or name in generic_languages()
    return rest, (name if known else "")


def _every(seconds: int) -> str:
    if seconds % 60 == 0:
        minutes = seconds // 60
        return ngettext("{count} minute", "{count} minutes", minutes).format(count=number(minutes))
    return ngettext("{count} second", "{count} seconds", seconds).format(count=number(seconds))


async def list_feeds(update: Update, context: Context) -> None:
    """Everyone sees each feed's id, name and site (to pick a source: to follow);
    admins also see its health."""
    feeds = await store.list_feeds(context.services.db)
    user = update.effective_user
    if not context.services.is_admin(user.id if user else None):
        await reply(update, _public_listing(feeds))
        return
    if not feeds:
        await reply(update, _("No feeds yet. /addfeed &lt;url&gt; adds one."))
        return
    blocks = []
    for feed in feeds:
        ok = moment(feed.last_success_at) if feed.last_success_at else _("never")
        articles = ngettext("{count} article", "{count} articles", feed.articles).format(
            count=number(feed.articles)
        )
        lines = [
            f"<b>#{feed.id}</b> {link(feed.url, feed.name)}",
            _("{articles} · last success {when}").format(articles=articles, when=esc(ok)),
        ]
        if feed.last_error:
            when = esc(moment(feed.last_error_at) if feed.last_error_at else "")
            error = esc(feed.last_error)
            if feed.consecutive_failures:
                lines.append(
                    "⚠ "
                    + ngettext(
                        "{count} failure in a row, last {when}: {error}",
                        "{count} failures in a row, last {when}: {error}",
                        feed.consecutive_failures,
                    ).format(count=number(feed.consecutive_failures), when=when, error=error)
                )
            else:
                lines.append(
                    _("last error {when} (recovered since): {error}").format(when=when, error=error)
                )
        blocks.append("\n".join(lines))
    await reply(update, blocks)


def _public_listing(feeds: list[store.Feed]) -> list[str]:
    if not feeds:
        return [_("No feeds yet.")]
    lines = [
        f"<b>#{feed.id}</b> {esc(feed.label or '')} "
        f"<code>{esc(urlsplit(feed.url).hostname or '')}</code>"
        for feed in feeds
    ]
    example = f"<code>/subscribe source:{feeds[0].id}</code>"
    return [_("Feeds (follow one with {example}):").format(example=example), "\n".join(lines)]


async def delfeed(update: Update, context: Context) -> None:
    text = command_text(update).lstrip("#")
    if not text:
        await reply(update, _("Usage: /delfeed &lt;id|url&gt; — ids are in /feeds."))
        return
    feed = await feedadmin.remove_feed(context.services.db, text)
    if feed is None:
        await reply(update, _("No such feed. /feeds lists them."))
        return
    await reply(
        update,
        _("Stopped polling feed #{id} ({name}). Its articles stay searchable.").format(
            id=feed.id, name=esc(feed.name)
        ),
    )
