"""Making a database look as an older schema made it: what later migrations added, taken away.

Built from the migrations themselves (storage/schema_check.expected_schema), so a new migration
needs no edit here.
"""

from __future__ import annotations

from collections.abc import Callable

from cdo_desktop.storage.schema_check import expected_schema


def later_parts(version: int) -> tuple[list[str], list[tuple[str, str]]]:
    """The tables, and the columns of older tables, that migrations after `version` add."""
    old, new = expected_schema(version), expected_schema()
    tables = sorted(table for table in new if table not in old)
    columns = [
        (table, column)
        for table in sorted(old)
        if table in new
        for column in sorted(new[table] - old[table])
        if not (version < 4 and (table, column) == ("change_log", "author"))  # renamed
    ]
    return tables, columns


def strip_to(version: int, execute: Callable[[str], object], *, cascade: bool = False) -> None:
    """Drop what the migrations after `version` added (`cascade` on PostgreSQL)."""
    tables, columns = later_parts(version)
    for table in tables:
        execute(f"DROP TABLE {table}{' CASCADE' if cascade else ''}")
    for table, column in columns:
        execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    if version < 4:
        execute("ALTER TABLE change_log RENAME COLUMN author TO user")
