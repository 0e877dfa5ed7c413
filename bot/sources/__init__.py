"""Where articles come from: the guarded HTTP client, fetching, feed parsing, page metadata,
article extraction, clean titles, posting links and polling feeds. No Telegram code here:
bot.jobs and the handlers call in with the database, client, briefer and settings."""
