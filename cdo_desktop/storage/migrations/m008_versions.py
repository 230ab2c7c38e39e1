"""Schema: passport versions and change request drafts (issue 22).

`passport_version` keeps each fixed version of a project's passport as a version document (the
exchange format's text; the store never reads it). `change_request` is a request being drafted
from one version (or sent: `sent` = 1), `change_justification` its justification per change,
keyed by a stable description of the change's place (core.versions.change_key).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import Database


def statements(id_column: str) -> list[str]:
    """The SQL, with the id column as the engine makes one (SQLite: INTEGER PRIMARY KEY;
    PostgreSQL: SERIAL PRIMARY KEY)."""
    return [
        f"""CREATE TABLE passport_version (
            id {id_column},
            project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            at TEXT NOT NULL,
            author TEXT NOT NULL,
            basis TEXT NOT NULL DEFAULT '',
            document TEXT NOT NULL)""",
        "CREATE UNIQUE INDEX passport_version_project_number "
        "ON passport_version (project_id, number)",
        f"""CREATE TABLE change_request (
            id {id_column},
            project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
            from_version INTEGER NOT NULL,
            basis TEXT NOT NULL DEFAULT '',
            sent INTEGER NOT NULL DEFAULT 0)""",
        "CREATE INDEX change_request_project_id ON change_request (project_id)",
        f"""CREATE TABLE change_justification (
            id {id_column},
            request_id INTEGER NOT NULL REFERENCES change_request (id) ON DELETE CASCADE,
            change_key TEXT NOT NULL,
            justification TEXT NOT NULL)""",
        "CREATE UNIQUE INDEX change_justification_request_id_change_key "
        "ON change_justification (request_id, change_key)",
    ]


def upgrade(database: Database) -> None:
    from peewee import SqliteDatabase

    sqlite = isinstance(database, SqliteDatabase)
    for statement in statements("INTEGER PRIMARY KEY" if sqlite else "SERIAL PRIMARY KEY"):
        database.execute_sql(statement)
