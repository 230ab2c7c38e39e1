"""What differs between database engines, kept in one place: connecting, placeholders.

The rest of `storage/` writes SQL with `?` placeholders and standard types; `sql()` turns the
placeholders into the engine's own (psycopg takes `%s`). SQLite's connection settings live here.
"""

from __future__ import annotations

from pathlib import Path

from peewee import Database, SqliteDatabase

from cdo_desktop.storage.integrity import BUSY_TIMEOUT_MS

# A rollback journal with full fsync: a committed change survives a power cut, and unlike WAL it
# works on the network shares where some ministries keep their files. Waiting on a lock held by a
# colleague's copy of the program is better than failing at once.
SQLITE_PRAGMAS = {
    "foreign_keys": 1,
    "journal_mode": "delete",
    "synchronous": "full",
    "busy_timeout": BUSY_TIMEOUT_MS,
}


def connect_sqlite(path: Path | str) -> SqliteDatabase:
    """A peewee database object for a file with the program's settings; nothing read yet.

    Transactions begin IMMEDIATE: a writer takes the write lock at once, so two copies of the
    program queue on busy_timeout instead of one failing with «database is locked» when both
    read first and then try to write.
    """
    return SqliteDatabase(
        str(path), pragmas=SQLITE_PRAGMAS, autoconnect=True, lock_type="IMMEDIATE"
    )


def is_sqlite(database: Database) -> bool:
    return isinstance(database, SqliteDatabase)


def sql(text: str, database: Database) -> str:
    """`text` with its `?` placeholders in the engine's style (none of our SQL has a literal
    question mark)."""
    param = getattr(database, "param", "?")
    return text if param == "?" else text.replace("?", param)


def schema_version(database: Database) -> int:
    """The schema version kept in the file (SQLite's user_version)."""
    if not isinstance(database, SqliteDatabase):
        return 0
    return int(database.pragma("user_version"))


def set_schema_version(database: Database, version: int) -> None:
    # user_version is part of the database file, so it commits or rolls back with the DDL.
    if isinstance(database, SqliteDatabase):
        database.pragma("user_version", version)


def insert_returning_id(database: Database, text: str, parameters: tuple[object, ...]) -> int:
    """Run one INSERT and answer the new row's id (SQLite: lastrowid; others: RETURNING)."""
    if is_sqlite(database):
        cursor = database.execute_sql(text, parameters)
        return int(cursor.lastrowid or 0)
    cursor = database.execute_sql(sql(text, database) + " RETURNING id", parameters)
    return int(cursor.fetchone()[0])
