"""The one shape of error whose message is meant for people, not for the log."""

from __future__ import annotations


class UserFacingError(Exception):
    """Something the bot refuses or cannot do, with a short ``reason`` fit to show an admin
    ("HTTP 404 Not Found", "refused: address is private"), never a traceback.

    Fetching (``FetchError``), feed parsing (``FeedError``), extraction (``NotAnArticle``) and
    validation (``RejectedError``) subclass it, so a caller that only reports the reason
    catches this one class.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason
