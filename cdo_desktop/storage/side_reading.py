"""A second, read-only connection to the store's database file, for reads run beside its own.

The overview reads every project at once: some of its queries sort a few hundred thousand
values inside SQLite, which lets other Python work go on meanwhile (the sqlite3 module releases
the interpreter while a statement runs). A read beside the store's connection overlaps the two
on a second core. Only for a file: a server's connection carries its login and role, and an
in-memory database or an open transaction is not seen by another connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase

from cdo_desktop.storage.integrity import BUSY_TIMEOUT_MS

OpenConnection = Callable[[], sqlite3.Connection]


def side_opener(store: object) -> OpenConnection | None:
    """How to open a read-only connection to `store`'s file, or None where one would not see
    what the store sees (a server, memory, a transaction under way, a store closed)."""
    database = getattr(store, "database", None)
    if not isinstance(database, SqliteDatabase) or getattr(store, "closed", False):
        return None
    name = database.database
    if not name or name == ":memory:" or name.startswith("file:") or database.in_transaction():
        return None
    path = str(Path(name).resolve())

    def open_connection() -> sqlite3.Connection:
        # A plain path rather than a «file:…?mode=ro» URI: SQLite refuses the URI of a file on
        # a network share (\\server\share), where some ministries keep theirs. A plain path
        # makes a missing file anew: a file gone since is told, not made empty.
        if not Path(path).is_file():
            raise sqlite3.OperationalError("unable to open database file")
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        connection.execute("PRAGMA query_only = 1")
        return connection

    return open_connection
