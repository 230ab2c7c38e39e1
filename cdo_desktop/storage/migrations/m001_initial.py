"""Schema 1: projects, people, participants, plan/fact rows, financing by budget source."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import SqliteDatabase

STATEMENTS = [
    """CREATE TABLE project (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        region TEXT NOT NULL DEFAULT '',
        national_project TEXT,
        federal_project_code TEXT,
        federal_project_name TEXT,
        goal TEXT NOT NULL DEFAULT '',
        customer TEXT NOT NULL DEFAULT '',
        first_year INTEGER NOT NULL,
        last_year INTEGER NOT NULL)""",
    """CREATE TABLE person (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        sort_order INTEGER NOT NULL,
        role TEXT NOT NULL,
        name TEXT NOT NULL,
        position TEXT NOT NULL DEFAULT '',
        contacts TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX person_project_id ON person (project_id)",
    """CREATE TABLE participant (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        sort_order INTEGER NOT NULL,
        name TEXT NOT NULL)""",
    "CREATE INDEX participant_project_id ON participant (project_id)",
    """CREATE TABLE plan_fact_row (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('indicator', 'result')),
        sort_order INTEGER NOT NULL,
        number TEXT NOT NULL,
        name TEXT NOT NULL,
        unit TEXT NOT NULL DEFAULT '',
        cumulative INTEGER NOT NULL DEFAULT 0,
        direction TEXT NOT NULL DEFAULT 'up' CHECK (direction IN ('up', 'down')),
        base_value TEXT,
        base_year INTEGER,
        characteristic TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX plan_fact_row_project_kind ON plan_fact_row (project_id, kind, sort_order)",
    """CREATE TABLE plan_fact_value (
        id INTEGER PRIMARY KEY,
        row_id INTEGER NOT NULL REFERENCES plan_fact_row (id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        plan TEXT,
        fact TEXT)""",
    "CREATE UNIQUE INDEX plan_fact_value_row_id_year ON plan_fact_value (row_id, year)",
    """CREATE TABLE financing_line (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        sort_order INTEGER NOT NULL,
        number TEXT NOT NULL,
        name TEXT NOT NULL,
        result_number TEXT)""",
    "CREATE INDEX financing_line_project_id ON financing_line (project_id)",
    """CREATE TABLE budget_source (
        id INTEGER PRIMARY KEY,
        line_id INTEGER NOT NULL REFERENCES financing_line (id) ON DELETE CASCADE,
        sort_order INTEGER NOT NULL,
        name TEXT NOT NULL,
        parent_id INTEGER REFERENCES budget_source (id) ON DELETE CASCADE)""",
    "CREATE INDEX budget_source_line_id ON budget_source (line_id)",
    "CREATE INDEX budget_source_parent_id ON budget_source (parent_id)",
    """CREATE TABLE financing_amount (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES budget_source (id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        amount TEXT NOT NULL)""",
    "CREATE UNIQUE INDEX financing_amount_source_id_year ON financing_amount (source_id, year)",
]


def upgrade(database: SqliteDatabase) -> None:
    for statement in STATEMENTS:
        database.execute_sql(statement)
