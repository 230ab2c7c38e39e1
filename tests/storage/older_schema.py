"""A database file brought back to schema 3, to test the upgrade from it: whatever later
migrations added (tables, columns) is dropped, and schema 4's renamed column named as before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cdo_desktop.storage.schema_check import expected_schema, schema_of


def back_to_schema_3(path: Path) -> None:
    raw = sqlite3.connect(path)
    try:
        raw.execute("ALTER TABLE change_log RENAME COLUMN author TO user")
        expected = expected_schema(3)
        for table, columns in schema_of(raw).items():
            if table not in expected:
                raw.execute(f"DROP TABLE {table}")
                continue
            for column in sorted(columns - expected[table]):
                raw.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        raw.execute("PRAGMA user_version = 3")
        raw.commit()
    finally:
        raw.close()
