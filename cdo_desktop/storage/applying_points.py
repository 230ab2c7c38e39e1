"""The applier's part for control points and risks: each change checked, written, told in
words (closed sets as their Russian words, dates as ДД.ММ.ГГГГ), its inverse returned."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from peewee import Database

from cdo_desktop.core import history as told
from cdo_desktop.core.changes import (
    FIELDS_OF,
    MISSING,
    AddItem,
    Change,
    MoveItem,
    RemoveItem,
    SetValue,
    Value,
    Where,
    same_stored,
)
from cdo_desktop.core.history import Section, value_text
from cdo_desktop.core.model import (
    LEVEL_WORDS,
    POINT_KIND_WORDS,
    RISK_STATUS_WORDS,
    ControlPoint,
    Level,
    PointKind,
    Project,
    Risk,
    RiskStatus,
    RowKind,
)
from cdo_desktop.storage import dialect
from cdo_desktop.storage.points_reading import iso_text
from cdo_desktop.storage.points_stored import DATE_FIELDS, label

if TYPE_CHECKING:
    from cdo_desktop.storage.applying import Applier

_TABLE = {Section.CONTROL_POINTS: "control_point", Section.RISKS: "risk"}
_ITEM_FIELD = {Section.CONTROL_POINTS: "row", Section.RISKS: "row"}  # as other rows are told
# What a closed set's token must be, and the words the history tells it with.
_TOKENS: dict[str, tuple[type, dict[str, str]]] = {
    "kind": (PointKind, {k.value: w for k, w in POINT_KIND_WORDS.items()}),
    "probability": (Level, {k.value: w for k, w in LEVEL_WORDS.items()}),
    "impact": (Level, {k.value: w for k, w in LEVEL_WORDS.items()}),
    "status": (RiskStatus, {k.value: w for k, w in RISK_STATUS_WORDS.items()}),
    "target_kind": (RowKind, {"indicator": "показатель", "result": "результат"}),
}


def _worded(field: str, value: Value) -> str | None:
    if field in _TOKENS and value is not None:
        return _TOKENS[field][1].get(str(value), str(value))
    return value_text(value)


def _stored_form(section: Section, field: str, value: Value) -> object:
    """The value as the column keeps it; ValueError for what the column may not hold."""
    if field in DATE_FIELDS:
        if value is None and field == "due":
            raise ValueError("a control point needs a planned date")
        if value is not None and not isinstance(value, date):
            raise ValueError(f"{field}: not a date: {value!r}")
        return iso_text(value)
    if field in _TOKENS and not (field == "target_kind" and value is None):
        return _TOKENS[field][0](str(value)).value
    if field in ("number", "name", "description") and value is None:
        raise ValueError(f"{section}: {field} may not be empty")
    return "" if value is None and field != "target_kind" else value


def apply(applier: Applier, change: Change) -> Change:
    """Write one change to a control point or a risk; its inverse."""
    if isinstance(change, SetValue):
        return _set(applier, change)
    if isinstance(change, AddItem):
        return _add(applier, change)
    if isinstance(change, RemoveItem):
        return _remove(applier, change)
    return _move(applier, change)


def _told(
    where: Where, field: str, old: str | None, new: str | None, names: tuple[str, ...]
) -> told.Change:
    return told.Change(
        where.section, field, old, new, row_number=names[0], row_name=names[1], detail=names[2]
    )


def _set(applier: Applier, change: SetValue) -> Change:
    where = change.where
    if where.field not in FIELDS_OF[where.section]:
        raise ValueError(f"{where.section}: unknown field {where.field}")
    stored = applier.stored_value(where)
    if not same_stored(stored, change.old):
        raise applier._conflict(where, change.old, stored)
    if same_stored(stored, change.new):
        return change.inverse()
    column_value = _stored_form(where.section, where.field, change.new)
    applier._run(
        f"UPDATE {_TABLE[where.section]} SET {where.field} = ? WHERE id = ?",
        (column_value, where.item),
    )
    old, new = _worded(where.field, change.old), _worded(where.field, change.new)
    applier._record(where, _told(where, where.field, old, new, label(applier, where)))
    return change.inverse()


def _title(item: ControlPoint | Risk) -> str:
    return f"{item.number} {item.name if isinstance(item, ControlPoint) else item.description}"


def _content(item: object) -> object:
    return replace(item, id=None) if isinstance(item, ControlPoint | Risk) else item


def _add(applier: Applier, change: AddItem) -> Change:
    where = change.where
    siblings = replace(where, item=None)
    ids, _ = applier.position_of(siblings)
    position = max(0, min(change.position, len(ids)))
    item = change.item
    if where.section is Section.CONTROL_POINTS:
        assert isinstance(item, ControlPoint) and where.parent is not None
        new_id = insert_point(applier.database, where.parent, item, position, keep_id=True)
    else:
        assert isinstance(item, Risk)
        new_id = insert_risk(applier.database, where.project, item, position, keep_id=True)
    applier._renumber(siblings, [*ids[:position], new_id, *ids[position:]], ids)
    added = replace(where, item=new_id)
    stored = applier.read_item(added)
    applier._record(
        where, _told(where, _ITEM_FIELD[where.section], None, _title(item), label(applier, added))
    )
    return RemoveItem(added, stored, position)  # type: ignore[arg-type]


def _remove(applier: Applier, change: RemoveItem) -> Change:
    where = change.where
    ids, index = applier.position_of(where)
    stored = applier.read_item(where) if index is not None else MISSING
    if stored is MISSING or _content(stored) != _content(change.item):
        raise applier._conflict(where, change.item, stored)
    assert index is not None and isinstance(stored, ControlPoint | Risk)
    names = label(applier, where)
    applier._record(where, _told(where, _ITEM_FIELD[where.section], _title(stored), None, names))
    applier._run(f"DELETE FROM {_TABLE[where.section]} WHERE id = ?", (ids[index],))
    applier._renumber(where, ids[:index] + ids[index + 1 :], ids)
    return AddItem(where, stored, index)


def _move(applier: Applier, change: MoveItem) -> Change:
    where = change.where
    index, target = applier._reorder(change)
    if target == index:
        return MoveItem(where, index, index)
    names = label(applier, where)
    applier._record(where, _told(where, "order", str(index + 1), str(target + 1), names))
    return MoveItem(where, target, index)


# ---------------------------------------------------------------------- inserting


def _point_values(point: ControlPoint) -> tuple[object, ...]:
    return (
        point.number,
        point.name,
        PointKind(point.kind).value,
        iso_text(point.due),
        iso_text(point.done),
        point.responsible,
        point.document,
        point.control_level,
    )


def _risk_values(risk: Risk) -> tuple[object, ...]:
    return (
        risk.number,
        risk.description,
        None if risk.target_kind is None else RowKind(risk.target_kind).value,
        risk.target_number,
        Level(risk.probability).value,
        Level(risk.impact).value,
        risk.mitigation,
        risk.owner,
        RiskStatus(risk.status).value,
    )


_POINT_INSERT = (
    "INSERT INTO control_point (result_id, sort_order, number, name, kind, due, done, "
    "responsible, document, control_level) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_RISK_INSERT = (
    "INSERT INTO risk (project_id, sort_order, number, description, target_kind, "
    "target_number, probability, impact, mitigation, owner, status) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _with_id(
    text: str, database: Database, table: str, wanted: int | None
) -> tuple[str, list[object]]:
    """The INSERT with an id column, the id an undone deletion had when it is free."""
    head, values = text.split(") VALUES (")
    return (
        head.replace(f"INSERT INTO {table} (", f"INSERT INTO {table} (id, ")
        + ") VALUES (?, "
        + values,
        [dialect.free_id(database, table, wanted)],
    )


def insert_point(
    database: Database, result_id: int, point: ControlPoint, position: int, *, keep_id: bool
) -> int:
    text, first = _with_id(_POINT_INSERT, database, "control_point", point.id if keep_id else None)
    return dialect.insert_returning_id(
        database,
        dialect.sql(text, database),
        (*first, result_id, position, *_point_values(point)),
    )


def insert_risk(
    database: Database, project_id: int, risk: Risk, position: int, *, keep_id: bool
) -> int:
    text, first = _with_id(_RISK_INSERT, database, "risk", risk.id if keep_id else None)
    return dialect.insert_returning_id(
        database, dialect.sql(text, database), (*first, project_id, position, *_risk_values(risk))
    )


def insert_points(database: Database, result_id: int, points: list[ControlPoint]) -> None:
    """A result's points, in bulk, under the ids they had where free (an undone deletion)."""
    for position, point in enumerate(points):
        insert_point(database, result_id, point, position, keep_id=True)


def insert_project_points_and_risks(database: Database, project_id: int, project: Project) -> None:
    """A new project's points and risks, in bulk (its results are already written)."""
    cursor = database.execute_sql(
        dialect.sql(
            "SELECT id FROM plan_fact_row WHERE project_id = ? AND kind = ? "
            "ORDER BY sort_order, id",
            database,
        ),
        (project_id, RowKind.RESULT.value),
    )
    result_ids = [int(row[0]) for row in cursor.fetchall()]
    points = [
        (result_id, position, *_point_values(point))
        for result_id, result in zip(result_ids, project.results, strict=True)
        for position, point in enumerate(result.control_points)
    ]
    dialect.insert_many(database, _POINT_INSERT, points)
    risks = [
        (project_id, position, *_risk_values(risk)) for position, risk in enumerate(project.risks)
    ]
    dialect.insert_many(database, _RISK_INSERT, risks)
