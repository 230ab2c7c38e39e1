"""Applying core changes to the database in place: each one checked, written, told, inverted.

Called by the store inside its transaction. A change whose `old` is not what is stored raises
ChangeConflict, and the store's transaction rolls everything back. Rows are written where they
are: a row keeps its id when its values, its name or its place change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal

from peewee import Database

from cdo_desktop.core import history as told
from cdo_desktop.core.changes import (
    FIELDS_OF,
    MISSING,
    AddItem,
    Change,
    ChangeConflict,
    MoveItem,
    RemoveItem,
    SetValue,
    Value,
    Where,
    same_stored,
)
from cdo_desktop.core.history import Section, value_text
from cdo_desktop.core.model import (
    BudgetSource,
    Direction,
    FinancingLine,
    Periodicity,
    Person,
    PlanFactRow,
)
from cdo_desktop.core.monitoring_dates import as_of_words
from cdo_desktop.storage import (
    applying_points,
    dialect,
    passport_applying,
    passport_store,
    points_stored,
)
from cdo_desktop.storage.monitoring_store import (
    apply_calendar_change,
    insert_row_monitoring,
    insert_source_execution,
    write_monitoring_value,
)
from cdo_desktop.storage.passport_store import text as _text  # as its column keeps it
from cdo_desktop.storage.stored import KIND_OF, TABLES, StoredReader

# Passport columns as the history names them (what a person sees).
_PASSPORT_WORDS = {
    "federal_project_code": "federal_project",
    "federal_project_name": "federal_project",
    "first_year": "years",
    "last_year": "years",
}


class Applier(StoredReader):
    """Writes changes of one transaction; collects what the history records and the inverse."""

    def __init__(self, database: Database, project_code: Callable[[int], str]) -> None:
        super().__init__(database)
        self.project_code = project_code
        self.records: list[tuple[int, told.Change]] = []
        self.touched: set[int] = set()

    # ------------------------------------------------------------------ plumbing

    def _run(self, text: str, parameters: Iterable[object] = ()) -> None:
        self.database.execute_sql(dialect.sql(text, self.database), tuple(parameters))

    def _insert(self, text: str, parameters: Iterable[object]) -> int:
        return dialect.insert_returning_id(
            self.database, dialect.sql(text, self.database), tuple(parameters)
        )

    def _record(self, where: Where, change: told.Change) -> None:
        self.records.append((where.project, change))

    def _conflict(self, where: Where, expected: object, stored: object) -> ChangeConflict:
        return ChangeConflict(where, expected, stored, self._place(where))

    def _place(self, where: Where) -> str:
        label = self._label(where)
        return told.Change(
            where.section if where.section is not Section.SOURCES else Section.FINANCING,
            _PASSPORT_WORDS.get(where.field, where.field) or "row",
            row_number=label[0],
            row_name=label[1],
            year=where.year,
            detail=", ".join(
                filter(None, (label[2], as_of_words(where.as_of) if where.as_of else ""))
            ),
        ).where()

    # ------------------------------------------------------------------ dispatch

    def apply(self, change: Change) -> Change:
        """Write one change; answer its inverse."""
        if change.where.section is Section.CALENDAR:  # the database's calendar, no project's
            inverse, record = apply_calendar_change(self.database, change)
            if record is not None:
                self._record(change.where, record)
            return inverse
        self.touched.add(change.where.project)
        if change.where.section in passport_store.SECTIONS:
            return passport_applying.apply(self, change)
        if change.where.section in points_stored.SECTIONS:
            return applying_points.apply(self, change)
        if isinstance(change, SetValue):
            return self._set(change)
        if isinstance(change, AddItem):
            return self._add(change)
        if isinstance(change, RemoveItem):
            return self._remove(change)
        return self._move(change)

    # ------------------------------------------------------------------ values

    def _set(self, change: SetValue) -> Change:
        where = change.where
        if where.field not in FIELDS_OF.get(where.section, ()):
            raise ValueError(f"{where.section}: unknown field {where.field}")
        stored = self.stored_value(where)
        if not same_stored(stored, change.old):
            raise self._conflict(where, change.old, stored)
        if same_stored(stored, change.new):
            return change.inverse()
        label = self._label(where)
        self._write_value(where, change.new)
        section = Section.FINANCING if where.section is Section.SOURCES else where.section
        field = _PASSPORT_WORDS.get(where.field, where.field)
        if where.section is Section.FINANCING and field == "result_number":
            field = "result"
        if where.section is Section.SOURCES and field == "name":
            field = "source"
        detail = label[2] if where.section is Section.SOURCES and field != "source" else ""
        if where.as_of is not None:  # «…, по состоянию на 01.10.2024, факт»
            detail = ", ".join(filter(None, (detail, as_of_words(where.as_of))))
        self._record(
            where,
            told.Change(
                section,
                field,
                value_text(change.old),
                value_text(change.new),
                row_number=label[0],
                row_name=label[1],
                year=where.year,
                detail=detail,
            ),
        )
        return change.inverse()

    def _write_value(self, where: Where, value: Value) -> None:
        section, item, field = where.section, where.item, where.field
        if where.as_of is not None:
            write_monitoring_value(self.database, where, value)
        elif section is Section.PASSPORT:
            self._run(f"UPDATE project SET {field} = ? WHERE id = ?", (value, where.project))
        elif section in KIND_OF and field in ("plan", "fact"):
            pair = self._one(
                "SELECT plan, fact FROM plan_fact_value WHERE row_id = ? AND year = ?",
                (item, where.year),
            )
            other_value = None if pair is None else pair[1 if field == "plan" else 0]
            if pair is None:
                self._run(
                    f"INSERT INTO plan_fact_value (row_id, year, {field}) VALUES (?, ?, ?)",
                    (item, where.year, _text(value)),
                )
            elif value is None and other_value is None:
                # An empty pair leaves no row behind: «no value» is the absence of a row.
                self._run(
                    "DELETE FROM plan_fact_value WHERE row_id = ? AND year = ?", (item, where.year)
                )
            else:
                self._run(
                    f"UPDATE plan_fact_value SET {field} = ? WHERE row_id = ? AND year = ?",
                    (_text(value), item, where.year),
                )
        elif section in KIND_OF:
            stored: object = _text(value) if field == "base_value" else value
            if field == "cumulative":
                stored = int(bool(value))
            if field == "direction":
                stored = Direction(str(value)).value
            if field == "periodicity":
                stored = Periodicity(str(value)).value
            self._run(f"UPDATE plan_fact_row SET {field} = ? WHERE id = ?", (stored, item))
        elif section is Section.FINANCING:
            self._run(f"UPDATE financing_line SET {field} = ? WHERE id = ?", (value, item))
        elif section is Section.SOURCES and field == "amount":
            self._run(
                "DELETE FROM financing_amount WHERE source_id = ? AND year = ?", (item, where.year)
            )
            if value is not None:
                self._run(
                    "INSERT INTO financing_amount (source_id, year, amount) VALUES (?, ?, ?)",
                    (item, where.year, _text(value)),
                )
        elif section is Section.SOURCES and field == "name":
            self._run("UPDATE budget_source SET name = ? WHERE id = ?", (value, item))
        elif section is Section.SOURCES:
            self._run(
                "UPDATE budget_source SET parent_id = ? WHERE id = ?",
                (self._source_id(where.parent, value), item),
            )
        elif section is Section.PERSONS:
            self._run(f"UPDATE person SET {field} = ? WHERE id = ?", (_text(value), item))

    def _source_id(self, line_id: int | None, name: Value) -> int | None:
        if name is None:
            return None
        row = self._one(
            "SELECT id FROM budget_source WHERE line_id = ? AND name = ? ORDER BY sort_order",
            (line_id, name),
        )
        if row is None:
            raise ValueError(f"no budget source {name!r} in line {line_id}")
        return int(row[0])

    # ------------------------------------------------------------------ order

    def _renumber(self, where: Where, ids: list[int], before: list[int]) -> None:
        table = TABLES[where.section][0]
        for position, item in enumerate(ids):
            if position >= len(before) or before[position] != item:
                self._run(f"UPDATE {table} SET sort_order = ? WHERE id = ?", (position, item))

    def _reorder(self, change: MoveItem) -> tuple[int, int]:
        """The item put at its new place (within the list) and the order rewritten; answers
        its old and new positions (the same when it stays, nothing written)."""
        where = change.where
        ids, index = self.position_of(where)
        if index is None:
            raise self._conflict(where, "строка", MISSING)
        target = max(0, min(change.new, len(ids) - 1))
        if target != index:
            moved = list(ids)
            moved.insert(target, moved.pop(index))
            self._renumber(where, moved, ids)
        return index, target

    def _move(self, change: MoveItem) -> Change:
        where = change.where
        index, target = self._reorder(change)
        if target == index:
            return MoveItem(where, index, index)
        label = self._label(where)
        section = Section.FINANCING if where.section is Section.SOURCES else where.section
        name = label[2] or label[1] or str(where.item)
        self._record(
            where,
            told.Change(
                section,
                "order",
                str(index + 1),
                str(target + 1),
                row_number=label[0],
                row_name=name,
            ),
        )
        return MoveItem(where, target, index)

    # ------------------------------------------------------------------ items

    def _add(self, change: AddItem) -> Change:
        where = change.where
        ids, _ = self.position_of(replace(where, item=None))
        position = max(0, min(change.position, len(ids)))
        item = change.item
        if where.section in KIND_OF:
            assert isinstance(item, PlanFactRow)
            new_id = self._insert_row(where, item, position)
            stored: object = self.read_row(new_id)
        elif where.section is Section.FINANCING:
            assert isinstance(item, FinancingLine)
            new_id = self._insert_line(where, item, position)
            stored = self.read_line(new_id)
        elif where.section is Section.SOURCES:
            assert isinstance(item, BudgetSource)
            new_id = self._insert_source(where.parent, item, position)
            stored = self.read_source(new_id)
        elif where.section is Section.PERSONS:
            assert isinstance(item, Person)
            new_id = self._insert(
                "INSERT INTO person (id, project_id, sort_order, role, name, position, contacts) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    self._free_id("person", item.id),
                    where.project,
                    position,
                    item.role,
                    item.name,
                    item.position,
                    item.contacts,
                ),
            )
            passport_store.Writer(self.database).person(new_id, item)
            stored = self.read_person(new_id)
        else:
            assert isinstance(item, str)
            new_id = self._insert(
                "INSERT INTO participant (project_id, sort_order, name) VALUES (?, ?, ?)",
                (where.project, position, item),
            )
            stored = item
        self._renumber(replace(where, item=None), [*ids[:position], new_id, *ids[position:]], ids)
        self._record_item(where, stored, None, stored)
        key: int | str = new_id if not isinstance(stored, str) else stored
        return RemoveItem(replace(where, item=key), stored, position)  # type: ignore[arg-type]

    def _remove(self, change: RemoveItem) -> Change:
        where = change.where
        ids, index = self.position_of(where)
        stored = self.read_item(where) if index is not None else MISSING
        if stored is MISSING or _content(stored) != _content(change.item):
            raise self._conflict(where, change.item, stored)
        assert index is not None
        self._record_item(where, stored, stored, None)
        table = TABLES[where.section][0]
        self._run(f"DELETE FROM {table} WHERE id = ?", (ids[index],))
        self._renumber(where, ids[:index] + ids[index + 1 :], ids)
        return AddItem(where, stored, index)  # type: ignore[arg-type]

    def _record_item(self, where: Where, item: object, old: object, new: object) -> None:
        def title(value: object) -> str | None:
            if value is None:
                return None
            if isinstance(value, Person):
                return f"{value.role} {value.name}"
            return value if isinstance(value, str) else value.name  # type: ignore[attr-defined]

        if where.section is Section.PARTICIPANTS:
            self._record(
                where, told.Change(Section.PARTICIPANTS, "participant", title(old), title(new))
            )
        elif where.section is Section.PERSONS:
            assert isinstance(item, Person)
            self._record(
                where,
                told.Change(Section.PERSONS, "person", title(old), title(new), row_name=item.name),
            )
        elif where.section is Section.SOURCES:
            assert isinstance(item, BudgetSource)
            line = self._one(
                "SELECT number, name FROM financing_line WHERE id = ?", (where.parent,)
            ) or ("", "")
            self._record(
                where,
                told.Change(
                    Section.FINANCING,
                    "source",
                    title(old),
                    title(new),
                    row_number=line[0],
                    row_name=line[1],
                ),
            )
        else:
            number, name = item.number, item.name  # type: ignore[attr-defined]
            self._record(
                where,
                told.Change(
                    where.section, "row", title(old), title(new), row_number=number, row_name=name
                ),
            )

    def _free_id(self, table: str, wanted: int | None) -> int | None:
        """`wanted` when no row has it (an undone deletion comes back under its old id)."""
        return dialect.free_id(self.database, table, wanted)

    def _insert_row(self, where: Where, row: PlanFactRow, position: int) -> int:
        new_id = self._insert(
            "INSERT INTO plan_fact_row (id, project_id, kind, sort_order, number, name, unit, "
            "cumulative, direction, base_value, base_year, characteristic) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self._free_id("plan_fact_row", row.id),
                where.project,
                KIND_OF[where.section].value,
                position,
                row.number,
                row.name,
                row.unit,
                int(row.cumulative),
                Direction(row.direction).value,
                _text(row.base_value),
                row.base_year,
                row.characteristic,
            ),
        )
        values = [
            (new_id, year, _text(pair.plan), _text(pair.fact))
            for year, pair in sorted(row.values.items())
            if not pair.is_empty()
        ]
        dialect.insert_many(
            self.database,
            "INSERT INTO plan_fact_value (row_id, year, plan, fact) VALUES (?, ?, ?, ?)",
            values,
        )
        passport_store.Writer(self.database).row(new_id, row)
        applying_points.insert_points(self.database, new_id, row.control_points)
        insert_row_monitoring(self.database, new_id, row)
        return new_id

    def _insert_line(self, where: Where, line: FinancingLine, position: int) -> int:
        new_id = self._insert(
            "INSERT INTO financing_line (id, project_id, sort_order, number, name, result_number) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                self._free_id("financing_line", line.id),
                where.project,
                position,
                line.number,
                line.name,
                line.result,
            ),
        )
        pending = list(enumerate(line.sources))
        inserted: set[str] = set()
        # Parents before children, so each child can point at its parent's id.
        while pending:
            ready = next(
                (
                    entry
                    for entry in pending
                    if entry[1].parent is None or entry[1].parent in inserted
                ),
                pending[0],
            )
            pending.remove(ready)
            self._insert_source(new_id, ready[1], ready[0])
            inserted.add(ready[1].name)
        return new_id

    def _insert_source(self, line_id: int | None, source: BudgetSource, position: int) -> int:
        new_id = self._insert(
            "INSERT INTO budget_source (id, line_id, sort_order, name, parent_id) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                self._free_id("budget_source", source.id),
                line_id,
                position,
                source.name,
                self._source_id(line_id, source.parent),
            ),
        )
        amounts = [
            (new_id, year, _text(amount))
            for year, amount in sorted(source.values.items())
            if amount is not None
        ]
        dialect.insert_many(
            self.database,
            "INSERT INTO financing_amount (source_id, year, amount) VALUES (?, ?, ?)",
            amounts,
        )
        insert_source_execution(self.database, new_id, source)
        return new_id


def _content(item: object) -> object:
    """An item compared without its ids, and without empty plan/fact pairs."""
    if isinstance(item, PlanFactRow):
        pairs = {year: pair for year, pair in item.values.items() if not pair.is_empty()}
        points = [replace(point, id=None) for point in item.control_points]
        return replace(
            item,
            id=None,
            values=pairs,
            direction=Direction(item.direction),
            municipalities=[passport_applying.entry_content(m) for m in item.municipalities],
            control_points=points,
        )
    if isinstance(item, FinancingLine):
        return replace(item, id=None, sources=[_source_content(s) for s in item.sources])
    if isinstance(item, BudgetSource):
        return _source_content(item)
    if isinstance(item, Person):
        return replace(item, id=None)
    return passport_applying.content(item)


def _source_content(source: BudgetSource) -> BudgetSource:
    amounts: dict[int, Decimal | None] = {
        year: amount for year, amount in source.values.items() if amount is not None
    }
    return replace(source, id=None, values=amounts)
