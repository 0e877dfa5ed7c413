"""The one shape of error whose message is meant for people, not for the log, and the map
of every exception newsbrief raises (as httpx's ``_exceptions.py`` draws its own).

Exception
├── UserFacingError (here): ``reason`` is fit to show an admin, ``localized()`` in their language
│   ├── FetchError (sources.fetch): a page or feed could not be fetched
│   │   └── AddressRefusedError (sources.fetch): not a public address; raised by sources.client
│   ├── FeedError (sources.feedparse): the bytes are not a usable feed
│   ├── OpmlError (sources.opml): not an OPML feed list we accept
│   ├── NotAnArticle (sources.extract): the page has no article to brief
│   └── RejectedError (pipeline; also a ValueError): a draft that cannot become an article
├── ValueError
│   ├── ConfigError (config): a setting is wrong; the CLI prints it and exits with 2
│   └── BriefError (briefs): no brief can be made
│       └── TooLittleText (briefs): too little real text, once cleaned
├── RuntimeError
│   ├── StorageError (storage.errors): the database cannot be used as it is; says what to do
│   │   └── SchemaTooNewError (storage.errors): written by a newer newsbrief
│   ├── BackupError (storage.backup): the backup could not be written
│   └── NotRunningError (services): the bot's services are not open
├── TooManyFeedsError (storage.feeds), TooManySubscriptionsError (storage.subscriptions),
│   TooManySourcesError (storage.sources), TooManyMutesError (storage.mutes): a cap would
│   be passed; nothing was added
├── SearchTooBroadError (storage.articles): a search ran out of its time budget
└── telegram.error.NetworkError
    └── ServerError (delivery.policy): a 5xx answer from the Bot API

Send failures are not exceptions past ``delivery.policy.classify``: it turns any error of a
send into an outcome (Retry, Migrated, Gone, Failed). SQLite's own ``sqlite3.Error`` is
worded for operators by ``storage.errors.describe``.
"""

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
