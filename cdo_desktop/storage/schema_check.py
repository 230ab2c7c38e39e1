"""Is a SQLite file this program's database? Its tables and their columns against the schema
the migrations build, at the file's own schema version.

No peewee and nothing about backups here: it answers over a plain sqlite3 connection, for a
backup about to be restored and for any file given as a database before it is touched. A table
named `project` alone proves nothing (other programs have one too); every table and every
column must be the program's.
"""

from __future__ import annotations

import sqlite3
from functools import cache

from cdo_desktop.storage.migrations import MIGRATIONS, SCHEMA_VERSION

Schema = dict[str, frozenset[str]]


class PlainDatabase:
    """What the migrations call (`execute_sql`) over a plain sqlite3 connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def execute_sql(self, sql: str, params: tuple[object, ...] = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, params)


def migrate_plain(connection: sqlite3.Connection, current: int) -> None:
    """Apply the migrations after version `current` and set user_version; the caller holds the
    transaction (a connection with isolation_level=None and an explicit BEGIN)."""
    database = PlainDatabase(connection)
    for version, migration in enumerate(MIGRATIONS[current:], start=current + 1):
        migration.upgrade(database)
        connection.execute(f"PRAGMA user_version = {int(version)}")


def schema_of(connection: sqlite3.Connection) -> Schema:
    """Every table of the file (SQLite's own `sqlite_*` aside) with its column names."""
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\'"
        )
    ]
    return {
        table: frozenset(
            row[1] for row in connection.execute("SELECT * FROM pragma_table_info(?)", (table,))
        )
        for table in tables
    }


@cache
def expected_schema(version: int = SCHEMA_VERSION) -> Schema:
    """The tables and columns the migrations 1..version build, in a database in memory."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        database = PlainDatabase(connection)
        for migration in MIGRATIONS[:version]:
            migration.upgrade(database)
        return schema_of(connection)
    finally:
        connection.close()


def schema_problem(connection: sqlite3.Connection) -> str | None:
    """None for a database of this program (of its schema version or an older one); else why
    not, in Russian, without the file's name (the caller names it)."""
    try:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        actual = schema_of(connection)
    except sqlite3.DatabaseError:
        return "файл не является базой данных или повреждён"
    if version == 0:
        return "файл не является базой данных cdo_desktop (в нём нет версии схемы)"
    if version < 0 or version > SCHEMA_VERSION:
        return (
            f"база данных создана более новой версией программы (версия схемы {version}, "
            f"эта программа знает версии до {SCHEMA_VERSION}). Обновите программу"
        )
    expected = expected_schema(version)
    for table, columns in sorted(expected.items()):
        if table not in actual:
            return f"файл не является базой данных cdo_desktop: нет таблицы «{table}»"
        missing = sorted(columns - actual[table])
        if missing:
            return (
                f"файл не является базой данных cdo_desktop: в таблице «{table}» нет "
                f"столбца «{missing[0]}»"
            )
        extra = sorted(actual[table] - columns)
        if extra:
            return (
                f"файл не является базой данных cdo_desktop: в таблице «{table}» лишний "
                f"столбец «{extra[0]}»"
            )
    foreign = sorted(set(actual) - set(expected))
    if foreign:
        return f"файл не является базой данных cdo_desktop: лишняя таблица «{foreign[0]}»"
    return None
