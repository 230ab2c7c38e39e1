"""SQL that takes a database of the current schema back to schema 4 (before m005_monitoring),
for tests that make an older database by undoing the later migrations."""

UNDO_MONITORING = (
    "DROP TABLE monitoring_value; DROP TABLE budget_execution; DROP TABLE calendar_day; "
    "ALTER TABLE plan_fact_row DROP COLUMN periodicity; "
    "ALTER TABLE project DROP COLUMN due_workday; "
)
