"""newsbrief: an async Telegram bot that briefs news articles and delivers them to subscribers."""

__version__ = "0.1.0"
