"""Schema 2: a project remembers when it was last changed (the status bar shows it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import SqliteDatabase


def upgrade(database: SqliteDatabase) -> None:
    database.execute_sql("ALTER TABLE project ADD COLUMN updated_at TEXT")
