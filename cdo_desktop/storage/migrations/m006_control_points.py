"""Schema: control points of results and risks of projects.

Dates are kept as ISO text (2024-03-31), the same on SQLite and PostgreSQL; closed sets as the
exchange format's tokens. A point goes with its result, a risk with its project.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import Database

STATEMENTS = [
    """CREATE TABLE control_point (
        id INTEGER PRIMARY KEY,
        result_id INTEGER NOT NULL REFERENCES plan_fact_row (id) ON DELETE CASCADE,
        sort_order INTEGER NOT NULL,
        number TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'checkpoint' CHECK (kind IN ('checkpoint', 'activity')),
        due TEXT NOT NULL,
        done TEXT,
        responsible TEXT NOT NULL DEFAULT '',
        document TEXT NOT NULL DEFAULT '',
        control_level TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX control_point_result_id ON control_point (result_id, sort_order)",
    """CREATE TABLE risk (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        sort_order INTEGER NOT NULL,
        number TEXT NOT NULL,
        description TEXT NOT NULL,
        target_kind TEXT CHECK (target_kind IN ('indicator', 'result')),
        target_number TEXT NOT NULL DEFAULT '',
        probability TEXT NOT NULL DEFAULT 'medium'
            CHECK (probability IN ('low', 'medium', 'high')),
        impact TEXT NOT NULL DEFAULT 'medium' CHECK (impact IN ('low', 'medium', 'high')),
        mitigation TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')))""",
    "CREATE INDEX risk_project_id ON risk (project_id, sort_order)",
]


def upgrade(database: Database) -> None:
    for statement in STATEMENTS:
        database.execute_sql(statement)
