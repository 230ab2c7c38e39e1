"""The applier's part for the 2025–2030 passport's own sections: tasks, the project's list of
municipalities, and a row's values by municipality — each change checked, written, told and
inverted like every other (storage/applying.py hands these sections here)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

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
from cdo_desktop.core.model import MunicipalValues, Task
from cdo_desktop.storage import passport_store
from cdo_desktop.storage.monitoring_reading import decimal_or_none
from cdo_desktop.storage.passport_store import Writer, text

if TYPE_CHECKING:
    from cdo_desktop.storage.applying import Applier
    from cdo_desktop.storage.stored import StoredReader


def _execute(reader: StoredReader) -> passport_store.Execute:
    return lambda statement, parameters: reader._rows(statement, parameters)


# ---------------------------------------------------------------------------- reads


def stored_value(reader: StoredReader, where: Where) -> Value | object:
    """What is stored at `where` (a task's field, a municipality's plan or fact) or MISSING."""
    if where.section is Section.TASKS:
        row = reader._one(
            f"SELECT {where.field} FROM project_task WHERE id = ? AND project_id = ?",
            (where.item, where.project),
        )
        return MISSING if row is None else row[0]
    entry = reader._one(
        "SELECT m.name FROM municipal_row m JOIN plan_fact_row r ON r.id = m.row_id "
        "WHERE m.id = ? AND r.project_id = ?",
        (where.item, where.project),
    )
    if entry is None:
        return MISSING
    if where.field == "name":
        return str(entry[0])
    value = reader._one(
        f"SELECT {where.field} FROM municipal_value WHERE entry_id = ? AND year = ?",
        (where.item, where.year),
    )
    return None if value is None or value[0] is None else decimal_or_none(value[0])


def read_item(reader: StoredReader, where: Where) -> object:
    if where.section is Section.TASKS:
        return passport_store.read_task(_execute(reader), int(where.item))  # type: ignore[arg-type]
    if where.section is Section.MUNICIPAL:
        return passport_store.read_entry(_execute(reader), int(where.item))  # type: ignore[arg-type]
    return where.item


def label(reader: StoredReader, where: Where) -> tuple[str, str, str]:
    """(row number, row name, detail) naming the item of `where` in the history."""
    if where.section is Section.TASKS:
        row = reader._one("SELECT number, name FROM project_task WHERE id = ?", (where.item,))
        return (row[0], row[1], "") if row else ("", "", "")
    if where.section is Section.MUNICIPAL:
        found = reader._one("SELECT number, name FROM plan_fact_row WHERE id = ?", (where.parent,))
        entry = reader._one("SELECT name FROM municipal_row WHERE id = ?", (where.item,))
        return (
            found[0] if found else "",
            found[1] if found else "",
            entry[0] if entry else "",
        )
    return "", "", ""


def content(item: object) -> object:
    """An item compared without its ids and empty pairs."""
    if isinstance(item, Task):
        return replace(item, id=None)
    if isinstance(item, MunicipalValues):
        return entry_content(item)
    return item


def entry_content(entry: MunicipalValues) -> MunicipalValues:
    pairs = {year: pair for year, pair in entry.values.items() if not pair.is_empty()}
    return replace(entry, id=None, values=pairs)


# ---------------------------------------------------------------------------- writes


def apply(applier: Applier, change: Change) -> Change:
    """Write one change of a passport section; answer its inverse."""
    if isinstance(change, SetValue):
        return _set(applier, change)
    if isinstance(change, AddItem):
        return _add(applier, change)
    if isinstance(change, RemoveItem):
        return _remove(applier, change)
    assert isinstance(change, MoveItem)
    return applier._move(change)


def _set(applier: Applier, change: SetValue) -> Change:
    where = change.where
    if where.field not in FIELDS_OF.get(where.section, ()):
        raise ValueError(f"{where.section}: unknown field {where.field}")
    stored = stored_value(applier, where)
    if not same_stored(stored, change.old):
        raise applier._conflict(where, change.old, stored)
    if same_stored(stored, change.new):
        return change.inverse()
    number, name, detail = label(applier, where)
    writer = Writer(applier.database)
    if where.section is Section.TASKS:
        statement = f"UPDATE project_task SET {where.field} = ? WHERE id = ?"
        writer.run(statement, (change.new, where.item))
    elif where.field == "name":
        writer.run("UPDATE municipal_row SET name = ? WHERE id = ?", (change.new, where.item))
    else:
        _write_municipal(writer, where, change.new)
    renamed = where.section is Section.MUNICIPAL and where.field == "name"
    field = "municipality" if renamed else where.field
    applier._record(
        where,
        told.Change(
            where.section,
            field,
            value_text(change.old),
            value_text(change.new),
            row_number=number,
            row_name=name,
            year=where.year,
            detail=detail if where.section is Section.MUNICIPAL and field != "municipality" else "",
        ),
    )
    return change.inverse()


def _write_municipal(writer: Writer, where: Where, value: Value) -> None:
    pair = writer.run(
        "SELECT plan, fact FROM municipal_value WHERE entry_id = ? AND year = ?",
        (where.item, where.year),
    ).fetchone()
    other = None if pair is None else pair[1 if where.field == "plan" else 0]
    if pair is None:
        writer.run(
            f"INSERT INTO municipal_value (entry_id, year, {where.field}) VALUES (?, ?, ?)",
            (where.item, where.year, text(value)),
        )
    elif value is None and other is None:
        # An empty pair leaves no row behind, as plan_fact_value.
        writer.run(
            "DELETE FROM municipal_value WHERE entry_id = ? AND year = ?", (where.item, where.year)
        )
    else:
        writer.run(
            f"UPDATE municipal_value SET {where.field} = ? WHERE entry_id = ? AND year = ?",
            (text(value), where.item, where.year),
        )


def _title(item: object) -> str:
    if isinstance(item, Task):
        return f"{item.number}. {item.name}" if item.number else item.name
    if isinstance(item, MunicipalValues):
        return item.name
    return str(item)


def _record_item(applier: Applier, where: Where, item: object, added: bool) -> None:
    number, name, _ = label(applier, where) if where.section is Section.MUNICIPAL else ("", "", "")
    field = {Section.TASKS: "task", Section.MUNICIPALITIES: "municipality"}.get(
        where.section, "municipality"
    )
    applier._record(
        where,
        told.Change(
            where.section,
            field,
            None if added else _title(item),
            _title(item) if added else None,
            row_number=number,
            row_name=name,
        ),
    )


def _add(applier: Applier, change: AddItem) -> Change:
    where = change.where
    scope = replace(where, item=None)
    ids, _ = applier.position_of(scope)
    position = max(0, min(change.position, len(ids)))
    writer = Writer(applier.database)
    item = change.item
    stored: object
    if where.section is Section.TASKS:
        assert isinstance(item, Task)
        new_id = writer.insert(
            "project_task",
            {
                "project_id": where.project,
                "sort_order": position,
                "number": item.number,
                "name": item.name,
            },
            item.id,
        )
        stored = passport_store.read_task(_execute(applier), new_id)
    elif where.section is Section.MUNICIPAL:
        assert isinstance(item, MunicipalValues)
        new_id = writer.entry(int(where.parent), item, position)  # type: ignore[arg-type]
        stored = passport_store.read_entry(_execute(applier), new_id)
    else:
        assert isinstance(item, str)
        new_id = writer.insert(
            "municipality",
            {"project_id": where.project, "sort_order": position, "name": item},
            None,
        )
        stored = item
    applier._renumber(scope, [*ids[:position], new_id, *ids[position:]], ids)
    key: int | str = stored if isinstance(stored, str) else new_id
    _record_item(applier, replace(where, item=key), stored, added=True)
    return RemoveItem(replace(where, item=key), stored, position)


def _remove(applier: Applier, change: RemoveItem) -> Change:
    where = change.where
    ids, index = applier.position_of(where)
    stored = read_item(applier, where) if index is not None else MISSING
    if stored is MISSING or content(stored) != content(change.item):
        raise applier._conflict(where, change.item, stored)
    assert index is not None
    _record_item(applier, where, stored, added=False)
    table = passport_store.TABLES[where.section][0]
    Writer(applier.database).run(f"DELETE FROM {table} WHERE id = ?", (ids[index],))
    applier._renumber(where, ids[:index] + ids[index + 1 :], ids)
    return AddItem(where, stored, index)  # type: ignore[arg-type]
