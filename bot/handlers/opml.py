"""Admin commands for OPML: /export sends the feed list as a file; an .opml file sent
with the caption /import adds its feeds (admin-only: see bot.commands and app.py)."""

from __future__ import annotations

from telegram import InputFile, Update

from bot import jobs
from bot.formatting import esc
from bot.handlers.common import reply
from bot.i18n import _, ngettext, number
from bot.services import Context
from bot.sources import opml

SHOWN_REFUSALS = 20  # refusals listed one by one; the rest are counted
FILENAME = "newsbrief-feeds.opml"


async def export_feeds(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    document, count = await opml.export_opml(context.services.db)
    if not count:
        await reply(update, _("No feeds yet. /addfeed &lt;url&gt; adds one."))
        return
    caption = ngettext(
        "{count} feed, with labels and languages. Send it back with the caption /import.",
        "{count} feeds, with labels and languages. Send it back with the caption /import.",
        count,
    ).format(count=number(count))
    await message.reply_document(
        InputFile(document, filename=FILENAME), caption=caption, do_quote=False
    )


async def import_feeds(update: Update, context: Context) -> None:
    message = update.effective_message
    document = message.document if message else None
    if document is None:
        await reply(
            update,
            _(
                "Send an .opml file (exported from another reader) with the caption "
                "/import, and I add its feeds."
            ),
        )
        return
    if document.file_size is not None and document.file_size > opml.MAX_OPML_BYTES:
        await reply(update, _too_big())
        return
    file = await context.bot.get_file(document.file_id)
    data = bytes(await file.download_as_bytearray())
    svc = context.services
    try:
        report = await opml.import_opml(
            svc.db,
            data,
            max_feeds=svc.settings.max_feeds,
            allow_private=svc.settings.fetch_allow_private,
        )
    except opml.OpmlError as exc:
        await reply(update, _("Not imported: {reason}.").format(reason=esc(exc.localized())))
        return
    summary = _(
        "Import done: {added} added, {already} already present, {refused} refused."
    ).format(
        added=number(len(report.added)),
        already=number(len(report.already)),
        refused=number(len(report.refused)),
    )
    lines = [
        _("Refused {url}: {reason}").format(
            url=f"<code>{esc(url[:200])}</code>", reason=esc(why.localized())
        )
        for url, why in report.refused[:SHOWN_REFUSALS]
    ]
    hidden = len(report.refused) - SHOWN_REFUSALS
    if hidden > 0:
        lines.append(
            ngettext("…and {count} more refused.", "…and {count} more refused.", hidden).format(
                count=number(hidden)
            )
        )
    await reply(update, [summary, "\n".join(lines)] if lines else summary)
    if report.added:
        jobs.poll_soon(context.application)


def _too_big() -> str:
    return _("Not imported: {reason}.").format(
        reason=esc(
            _("the file is larger than {size} bytes").format(size=number(opml.MAX_OPML_BYTES))
        )
    )
