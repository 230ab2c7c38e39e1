"""Schema 5: the monitoring cycle — values at reporting dates, budget execution, the working-day
calendar's edits, each row's periodicity and the project's due working day.

Dates are kept as ISO text (`2024-09-30`), like every other date of the schema; amounts as
exact decimal text. The same statements run on SQLite and on the ministry's PostgreSQL server
(where ids come from a sequence: `SERIAL` instead of SQLite's `INTEGER PRIMARY KEY`).
"""

from __future__ import annotations

from typing import Any

_ID = "{id}"

STATEMENTS = [
    "ALTER TABLE plan_fact_row ADD COLUMN periodicity TEXT NOT NULL DEFAULT 'year'",
    "ALTER TABLE project ADD COLUMN due_workday INTEGER NOT NULL DEFAULT 2",
    f"""CREATE TABLE monitoring_value (
        id {_ID},
        row_id INTEGER NOT NULL REFERENCES plan_fact_row (id) ON DELETE CASCADE,
        as_of TEXT NOT NULL,
        fact TEXT,
        forecast TEXT,
        reason TEXT NOT NULL DEFAULT '',
        document TEXT NOT NULL DEFAULT '')""",
    "CREATE UNIQUE INDEX monitoring_value_row_id_as_of ON monitoring_value (row_id, as_of)",
    f"""CREATE TABLE budget_execution (
        id {_ID},
        source_id INTEGER NOT NULL REFERENCES budget_source (id) ON DELETE CASCADE,
        as_of TEXT NOT NULL,
        executed TEXT NOT NULL)""",
    "CREATE UNIQUE INDEX budget_execution_source_id_as_of ON budget_execution (source_id, as_of)",
    "CREATE TABLE calendar_day (day TEXT PRIMARY KEY, working INTEGER NOT NULL)",
]


def upgrade(database: Any) -> None:
    on_server = type(database).__name__.startswith("Postgres")
    identity = "SERIAL PRIMARY KEY" if on_server else "INTEGER PRIMARY KEY"
    for statement in STATEMENTS:
        database.execute_sql(statement.replace(_ID, identity))
