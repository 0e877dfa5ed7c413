"""The one shape of error whose message is meant for people, not for the log."""

from __future__ import annotations

from bot.i18n import Text


class UserFacingError(Exception):
    """Something the bot refuses or cannot do, with a short ``reason`` fit to show an admin
    ("HTTP 404 Not Found", "refused: address is private"), never a traceback.

    Fetching (``FetchError``), feed parsing (``FeedError``), extraction (``NotAnArticle``) and
    validation (``RejectedError``) subclass it, so a caller that only reports the reason
    catches this one class.

    The reason is an N_()-marked template; values for its {placeholders} come as keywords
    (``FetchError(N_("HTTP {status}"), status=404)``), so the catalog entry stays constant.
    ``reason`` and ``str()`` are English (logs, the CLI, stored errors); ``localized()`` is
    the reason in the language of the chat being answered. An unmarked reason (one built
    with an f-string) is shown as it is.
    """

    def __init__(self, reason: str | Text, /, **values: object) -> None:
        self.text = reason if isinstance(reason, Text) else Text(reason, values)
        self.reason = str(self.text)
        super().__init__(self.reason)

    def localized(self) -> str:
        return self.text.localized()

    def __str__(self) -> str:
        return self.reason
