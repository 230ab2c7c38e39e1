"""What differs between database engines, kept in one place: connecting, placeholders.

The rest of `storage/` writes SQL with `?` placeholders and standard types; `sql()` turns the
placeholders into the engine's own (psycopg takes `%s`). SQLite's connection settings live here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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


def next_ids(database: Database, table: str, count: int) -> list[int]:
    """`count` fresh ids for `table` taken from its PostgreSQL sequence, so rows can be written
    with their ids in one executemany while other sessions insert too (the sequence never gives
    an id twice). SQLite: [] — there the caller's write lock keeps max(id) + 1 free."""
    if is_sqlite(database) or count <= 0:
        return []
    cursor = database.execute_sql(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        (table, count),
    )
    return [int(row[0]) for row in cursor.fetchall()]


def free_id(database: Database, table: str, wanted: int | None) -> int | None:
    """The id to insert a row of `table` under: `wanted` when no row has it (an undone deletion
    comes back under its old id), otherwise a new one — None on SQLite (NULL makes one), the
    sequence's next value on PostgreSQL (where an explicit NULL id is refused)."""
    if wanted is not None:
        taken = database.execute_sql(
            sql(f"SELECT id FROM {table} WHERE id = ?", database), (wanted,)
        ).fetchone()
        if not taken:
            return wanted
    if is_sqlite(database):
        return None
    return next_ids(database, table, 1)[0]


_INSERT = re.compile(r"INSERT INTO (\w+) \(([^)]*)\) VALUES", re.IGNORECASE)
_COLUMN_TYPES: dict[str, dict[str, str]] = {}


def insert_many(database: Database, text: str, rows: Sequence[tuple[object, ...]]) -> None:
    """Run the INSERT `text` (`?` placeholders) for each of `rows`, at the engine's best speed.

    SQLite: executemany. PostgreSQL: one INSERT ... SELECT FROM unnest(arrays) — a statement
    per row would be planned (row-level security policies and all) once per row, ten times
    slower for a 50 000-row document.
    """
    if not rows:
        return
    found = _INSERT.match(text)
    if is_sqlite(database) or found is None or len(rows) == 1:
        database.cursor().executemany(sql(text, database), list(rows))
        return
    table, columns = found.group(1), [c.strip() for c in found.group(2).split(",")]
    types = _column_types(database, table)
    arrays = ", ".join(f"%s::{types[column]}[]" for column in columns)
    database.execute_sql(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM unnest({arrays})",
        [list(values) for values in zip(*rows, strict=True)],
    )


def _column_types(database: Database, table: str) -> dict[str, str]:
    """The columns' types of `table` (the same on every server: the schema is the program's)."""
    if table not in _COLUMN_TYPES:
        cursor = database.execute_sql(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s",
            (table,),
        )
        _COLUMN_TYPES[table] = {str(name): str(kind) for name, kind in cursor.fetchall()}
    return _COLUMN_TYPES[table]
