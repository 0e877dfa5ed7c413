"""Everything that touches SQLite: the schema, its migrations and every query.

Split by table family so each file stays small; callers import the functions
they need from the submodules (``bot.storage.articles`` and so on).
"""

from bot.storage.db import Database, open_database
from bot.storage.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Database", "open_database"]
