"""Reading news: /start, /latest, /brief, /search and inline mode."""

from __future__ import annotations

import hashlib
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)

from bot.formatting import esc, format_article, format_headline, format_hit, format_story
from bot.handlers.common import command_text, reply
from bot.i18n import N_, _
from bot.services import Context
from bot.storage.articles import (
    SearchHit,
    SearchTooBroadError,
    get_article,
    get_articles,
    latest_articles,
    search,
)
from bot.storage.stories import story_reports
from bot.stories.brief import story_brief
from bot.text import clamped_int, fts_query, strict_int, truncate

LATEST_DEFAULT = 5
LATEST_MAX = 20
SEARCH_PAGE = 5
# The "More results" button's callback data: SEARCH_PREFIX + "<key>:<offset>".
SEARCH_PREFIX = "search:"
INLINE_PAGE = 10
SEARCHES_KEPT = 20  # per chat, in memory only: queries are never written to disk
SEARCH_EXPIRED = N_("This search has expired; send /search again.")  # a callback answer
# Seconds one search may take before SQLite interrupts it: a normal search
# takes a few milliseconds even at 10,000 articles; a query of many short
# prefixes could take the better part of a second, holding a read connection.
SEARCH_BUDGET = 0.3
# Paging deeper than this is refused: search ranks only the newest 500 matches anyway.
MAX_OFFSET = 1000
TOO_BROAD = N_(
    "That search matches too much to answer quickly. Add a word, or give at least "
    "three letters before a *."
)


async def start(update: Update, context: Context) -> None:
    await reply(
        update,
        _(
            "Hello! I turn news articles into short briefs of a few sentences.\n\n"
            "Try /latest for the newest briefs, /search to look something up, or "
            "/subscribe to get news as it arrives (add keywords to get only those). "
            "/help lists everything."
        ),
    )


async def latest(update: Update, context: Context) -> None:
    count = clamped_int(command_text(update), default=LATEST_DEFAULT, low=1, high=LATEST_MAX)
    if count is None:
        await reply(update, _("Usage: /latest [n], with n from 1 to {max}.").format(max=LATEST_MAX))
        return
    articles = await latest_articles(context.services.db, count, per_story=True)
    if not articles:
        await reply(update, _("No articles yet. Check back soon."))
        return
    await reply(update, [format_headline(a) for a in articles])


async def brief(update: Update, context: Context) -> None:
    article_id = strict_int(command_text(update).lstrip("#"))
    if article_id is None:
        await _brief_usage(update)
        return
    await _send_brief(update, context, article_id)


async def _brief_usage(update: Update) -> None:
    await reply(
        update,
        _(
            "Usage: /brief &lt;id&gt;, e.g. <code>/brief 12</code>. "
            "Ids are shown in /latest and /search."
        ),
    )


async def brief_shortcut(update: Update, context: Context) -> None:
    """/brief_12 as shown in lists: one tap instead of typing the id.

    ``/brief_12@otherbot`` in a group is for another bot: only our name, or none, is ours
    (as PTB's CommandHandler decides for commands). An id out of range gets /brief's usage
    line, as ``/brief 99999999999999999999`` does.
    """
    message = update.effective_message
    text = (message.text or "") if message else ""
    digits, _sep, mention = text.split("_", 1)[1].partition("@") if "_" in text else ("", "", "")
    username = context.bot.username or ""
    if mention and mention.casefold() != username.casefold():
        return
    article_id = strict_int(digits)
    if article_id is None:
        await _brief_usage(update)
        return
    await _send_brief(update, context, article_id)


async def _send_brief(update: Update, context: Context, article_id: int) -> None:
    article = await get_article(context.services.db, article_id)
    if article is None:
        await reply(update, _("There is no article #{id}.").format(id=article_id))
        return
    blocks = [format_article(article)]
    if article.story_id is not None and article.sources > 1:
        # The whole story: a brief drawn from all its reports (it beats each report's own
        # brief, Lead-3 and LexRank over them all on DUC: bench/bench_story_brief.py), then
        # every outlet's report, one tap away.
        reports = await story_reports(context.services.db, article.story_id)
        sentences = story_brief([r.brief for r in reports], language=article.language)
        blocks.append(format_story(reports, sentences))
    await reply(update, blocks, preview_url=article.url)


def _remember_search(context: Context, query: str) -> str:
    """A short key for the query, kept in chat_data so the "More" button fits in 64 bytes."""
    key = hashlib.blake2s(query.encode(), digest_size=6).hexdigest()
    chat_data: dict[str, Any] = context.chat_data if context.chat_data is not None else {}
    searches: dict[str, str] = chat_data.setdefault("searches", {})
    searches.pop(key, None)
    searches[key] = query
    while len(searches) > SEARCHES_KEPT:
        searches.pop(next(iter(searches)))
    return key


def per_story(hits: list[SearchHit], page: int) -> tuple[list[SearchHit], int | None]:
    """The best-ranked hit of each story, at most page of them, and the offset (within
    hits) of the first hit of the next story beyond them (None: no more)."""
    seen: set[int] = set()
    kept: list[SearchHit] = []
    for n, hit in enumerate(hits):
        key = hit.story_id if hit.story_id is not None else -hit.id
        if key in seen:
            continue
        if len(kept) == page:
            return kept, n
        seen.add(key)
        kept.append(hit)
    return kept, None


async def _search_page(context: Context, query: str, offset: int) -> tuple[list[str], int | None]:
    """One page of results, one per story; and the offset of the next page (None: none)."""
    # A few pages' worth of hits, so that stories told five times still fill a page.
    hits = await search(
        context.services.db, query, limit=SEARCH_PAGE * 4 + 1, offset=offset, budget=SEARCH_BUDGET
    )
    kept, rest = per_story(hits, SEARCH_PAGE)
    if rest is None and len(hits) > SEARCH_PAGE * 4:
        rest = SEARCH_PAGE * 4
    return [format_hit(hit) for hit in kept], None if rest is None else offset + rest


def _more_button(key: str, offset: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(_("More results"), callback_data=f"{SEARCH_PREFIX}{key}:{offset}")]]
    )


async def search_command(update: Update, context: Context) -> None:
    query = command_text(update)
    if not query:
        await reply(
            update,
            _(
                "Usage: /search &lt;words&gt;, e.g. <code>/search rail strike</code> "
                'or <code>/search "city budget"</code>.'
            ),
        )
        return
    if fts_query(query) is None:
        await reply(
            update,
            _(
                "I could not find any words to search for in that. "
                "Try a word or two from a headline."
            ),
        )
        return
    try:
        blocks, more = await _search_page(context, query, 0)
    except SearchTooBroadError:
        await reply(update, _(TOO_BROAD))
        return
    if not blocks:
        await reply(
            update,
            _("No articles match {query}. Try fewer or other words.").format(
                query=f"<i>{esc(truncate(query, 100))}</i>"
            ),
        )
        return
    markup = _more_button(_remember_search(context, query), more) if more is not None else None
    await reply(update, blocks, reply_markup=markup)


async def search_more(update: Update, context: Context) -> None:
    query_cb = update.callback_query
    assert query_cb is not None
    _prefix, key, offset_text = (query_cb.data or "::").split(":", 2)
    searches: dict[str, str] = (context.chat_data or {}).get("searches", {})
    query = searches.get(key)
    offset = strict_int(offset_text, high=MAX_OFFSET)
    if query is None or offset is None:
        await query_cb.answer(_(SEARCH_EXPIRED))
        return
    try:
        blocks, more = await _search_page(context, query, offset)
    except SearchTooBroadError:
        await query_cb.answer(_(TOO_BROAD))
        return
    await query_cb.answer()
    if not blocks:
        await reply(update, _("No more results."))
        return
    markup = _more_button(key, more) if more is not None else None
    await reply(update, blocks, reply_markup=markup)


async def inline_query(update: Update, context: Context) -> None:
    """@bot words in any chat: matching briefs to share; latest ones for no words."""
    inline = update.inline_query
    assert inline is not None
    db = context.services.db
    offset = strict_int(inline.offset, high=MAX_OFFSET) if inline.offset else 0
    text = inline.query.strip()
    next_at: int | None = None
    if offset is None:
        # A forged or stale offset: answer (an unanswered query spins in the
        # user's client until it times out), with nothing.
        ids: list[int] = []
        offset = 0
    elif text and fts_query(text) is not None:
        try:
            # A few pages' worth of hits, so that stories told five times still fill a page.
            hits = await search(
                db, text, limit=INLINE_PAGE * 4 + 1, offset=offset, budget=SEARCH_BUDGET
            )
        except SearchTooBroadError:
            hits = []
        # One result per story: a story told by five outlets is shared once.
        kept, rest = per_story(hits, INLINE_PAGE)
        ids = [hit.id for hit in kept]
        # The next page starts at the first hit of a story this page did not show.
        next_at = None if rest is None else offset + rest
    elif text:
        ids = []
    else:
        ids = [a.id for a in await latest_articles(db, INLINE_PAGE + 1, offset, per_story=True)]
        next_at = offset + INLINE_PAGE if len(ids) > INLINE_PAGE else None
    articles = await get_articles(db, ids[:INLINE_PAGE])
    results = [
        InlineQueryResultArticle(
            id=str(article.id),
            title=truncate(article.title, 200),
            description=truncate(article.brief[0] if article.brief else article.body, 200),
            url=article.url,
            input_message_content=InputTextMessageContent(
                format_article(article),
                link_preview_options=LinkPreviewOptions(
                    is_disabled=article.url is None, url=article.url
                ),
            ),
        )
        for article in articles
    ]
    next_offset = "" if next_at is None else str(next_at)
    await inline.answer(results, cache_time=60, is_personal=False, next_offset=next_offset)
