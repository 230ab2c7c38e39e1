"""Control points and risks as stored now: the reads the applier checks changes against."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from cdo_desktop.core.changes import MISSING, Value, Where
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import ControlPoint, Risk
from cdo_desktop.storage.points_reading import POINT_COLUMNS, RISK_COLUMNS, point_of, risk_of

if TYPE_CHECKING:
    from cdo_desktop.storage.stored import StoredReader

SECTIONS = frozenset({Section.CONTROL_POINTS, Section.RISKS})
DATE_FIELDS = frozenset({"due", "done"})


def label(reader: StoredReader, where: Where) -> tuple[str, str, str]:
    """(number, name, result) naming a point or a risk in the history."""
    if where.section is Section.RISKS:
        row = reader._one("SELECT number, description FROM risk WHERE id = ?", (where.item,))
        return (row[0], row[1], "") if row else ("", "", "")
    row = reader._one(
        "SELECT c.number, c.name, r.number FROM control_point c "
        "JOIN plan_fact_row r ON r.id = c.result_id WHERE c.id = ?",
        (where.item,),
    )
    return (row[0], row[1], f"результат {row[2]}") if row else ("", "", "")


def _owned(reader: StoredReader, where: Where) -> bool:
    """Whether `where.item` is a point of that result of that project (or a risk of it)."""
    if where.section is Section.RISKS:
        found = reader._one(
            "SELECT id FROM risk WHERE id = ? AND project_id = ?", (where.item, where.project)
        )
    else:
        found = reader._one(
            "SELECT c.id FROM control_point c JOIN plan_fact_row r ON r.id = c.result_id "
            "WHERE c.id = ? AND c.result_id = ? AND r.project_id = ?",
            (where.item, where.parent, where.project),
        )
    return found is not None


def stored_value(reader: StoredReader, where: Where) -> Value | object:
    item = read_item(reader, where)
    if item is MISSING:
        return MISSING
    value: Value = getattr(item, where.field)
    return value.value if isinstance(value, Enum) else value  # a closed set as its token


def read_item(reader: StoredReader, where: Where) -> ControlPoint | Risk | object:
    if not isinstance(where.item, int) or not _owned(reader, where):
        return MISSING
    if where.section is Section.RISKS:
        record = reader._one(f"SELECT {RISK_COLUMNS} FROM risk WHERE id = ?", (where.item,))
        return MISSING if record is None else risk_of(record)
    record = reader._one(f"SELECT {POINT_COLUMNS} FROM control_point WHERE id = ?", (where.item,))
    return MISSING if record is None else point_of(record)
