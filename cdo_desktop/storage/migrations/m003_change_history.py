"""Schema 3: the change history — every change, who made it and when, kept with the data."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import SqliteDatabase

STATEMENTS = [
    """CREATE TABLE change_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        project_code TEXT NOT NULL,
        section TEXT NOT NULL,
        row_number TEXT NOT NULL DEFAULT '',
        row_name TEXT NOT NULL DEFAULT '',
        year INTEGER,
        field TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        old TEXT,
        new TEXT,
        source TEXT NOT NULL)""",
    "CREATE INDEX change_log_project_at ON change_log (project_code, at)",
    "CREATE INDEX change_log_cell ON change_log (project_code, section, row_number, year, field)",
]


def upgrade(database: SqliteDatabase) -> None:
    for statement in STATEMENTS:
        database.execute_sql(statement)
