"""Schema 7: the 2025–2030 passport — tasks, municipalities, indicator levels and units,
data sources, result types and links, municipal breakdowns, people's supervisor and share.

List fields (levels, linked indicators) are kept as one text joined by «; » (core/passport.py),
as a change carries them. Plain SQL that SQLite and PostgreSQL both run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import Database

STATEMENTS = [
    "ALTER TABLE plan_fact_row ADD COLUMN task TEXT",
    "ALTER TABLE plan_fact_row ADD COLUMN level TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE plan_fact_row ADD COLUMN indicator_kind TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE plan_fact_row ADD COLUMN okei TEXT",
    "ALTER TABLE plan_fact_row ADD COLUMN data_source TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE plan_fact_row ADD COLUMN result_type TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE plan_fact_row ADD COLUMN linked_indicators TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE person ADD COLUMN supervisor TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE person ADD COLUMN share TEXT",
    """CREATE TABLE project_task (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        sort_order INTEGER NOT NULL,
        number TEXT NOT NULL,
        name TEXT NOT NULL)""",
    "CREATE INDEX project_task_project_id ON project_task (project_id)",
    """CREATE TABLE municipality (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        sort_order INTEGER NOT NULL,
        name TEXT NOT NULL)""",
    "CREATE INDEX municipality_project_id ON municipality (project_id)",
    """CREATE TABLE municipal_row (
        id INTEGER PRIMARY KEY,
        row_id INTEGER NOT NULL REFERENCES plan_fact_row (id) ON DELETE CASCADE,
        sort_order INTEGER NOT NULL,
        name TEXT NOT NULL)""",
    "CREATE INDEX municipal_row_row_id ON municipal_row (row_id)",
    """CREATE TABLE municipal_value (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES municipal_row (id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        plan TEXT,
        fact TEXT)""",
    "CREATE UNIQUE INDEX municipal_value_entry_id_year ON municipal_value (entry_id, year)",
]


def upgrade(database: Database) -> None:
    for statement in STATEMENTS:
        database.execute_sql(statement)
