"""Stories end to end on the fake Bot API: one push per story, the keyword chat that only a
later report matches, the admin told a post joined a story, /brief_N, /unlink."""

from __future__ import annotations

from pathlib import Path

from fake_telegram import FakeTelegram
from harness import ADMIN_ID, eventually, running_bot
from test_delivery import FAST, article_ids, drained
from test_stories import FERRY_A, FERRY_B, MARKET

from bot.delivery import worker as delivery
from bot.storage import subscriptions as subs
from bot.storage.articles import add_articles


async def test_one_push_per_story_and_the_keyword_chat_gets_the_later_report(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    env = {**FAST, "NEWSBRIEF_STORY_WINDOW_HOURS": "24"}
    async with running_bot(fake_telegram, tmp_path / "bot.db", env) as h:
        db = h.services.db
        await subs.subscribe(db, 11, "private", [])  # all news
        await subs.subscribe(db, 12, "private", ["inspected"])  # only the second report
        [first, market] = await add_articles(db, [(FERRY_A, ["A."]), (MARKET, ["M."])])
        delivery.wake(h.app)
        await eventually(lambda: drained(db))
        assert sorted(article_ids(fake_telegram.sent(11))) == [first.article_id, market.article_id]
        [push] = [m for m in fake_telegram.sent(11) if f"#{first.article_id}" in m.plain_text]
        assert "Coast News" in push.plain_text  # the push names its source

        # The second outlet's report, posted by an admin: stored, joined, not pushed to 11.
        text = f"/post {FERRY_B.title}\n{FERRY_B.url}\n{FERRY_B.body}"
        [answer] = await h.ask(text, user_id=ADMIN_ID)
        assert f"Joined story #{first.story_id} (2 sources), not pushed again." in (
            answer.plain_text
        )
        await eventually(lambda: drained(db))
        second_id = max(article_ids([answer]))
        assert sorted(article_ids(fake_telegram.sent(11))) == [first.article_id, market.article_id]
        assert article_ids(fake_telegram.sent(12)) == [second_id]

        # /brief_N shows the whole story: the brief, then every report with its source.
        [brief] = await h.ask(f"/brief_{first.article_id}")
        assert "This story, 2 reports:" in brief.plain_text
        assert "Coast News" in brief.plain_text
        assert "harbourdaily.example" in brief.plain_text  # /post had no source: the host
        assert f"/brief_{second_id}" in brief.plain_text

        # /latest: one line per story, with its number of sources.
        [latest] = await h.ask("/latest")
        assert latest.plain_text.count("2 sources") == 1
        assert "Port Aldwin opens a covered market" in latest.plain_text

        # /unlink splits the second report off; nothing is pushed again.
        [unlinked] = await h.ask(f"/unlink {second_id}", user_id=ADMIN_ID)
        assert f"#{second_id} left story #{first.story_id}" in unlinked.plain_text
        [alone] = await h.ask(f"/brief_{first.article_id}")
        assert "This story" not in alone.plain_text
        [again] = await h.ask(f"/unlink {second_id}", user_id=ADMIN_ID)
        assert "already a story of its own" in again.plain_text
        await eventually(lambda: drained(db))
        assert len(fake_telegram.sent(11)) == 2
        assert len(fake_telegram.sent(12)) == 1
