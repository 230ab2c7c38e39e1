"""Small edits of an open project — one value, one row, one person — said as core changes.

Each method turns an intent of the window into a change list and hands it to the store's one
write operation (`Store.apply`), which checks, writes and records it in one transaction.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from peewee import Database

from cdo_desktop.core.changes import (
    LINE_FIELDS,
    MISSING,
    PASSPORT_FIELDS,
    PERSON_FIELDS,
    ROW_FIELDS,
    AddItem,
    Change,
    MoveItem,
    RemoveItem,
    SetValue,
    Where,
)
from cdo_desktop.core.diff import participant_changes
from cdo_desktop.core.history import ROW_SECTIONS, Section
from cdo_desktop.core.model import (
    ALL_SOURCES,
    BudgetSource,
    FinancingLine,
    Person,
    PlanFactRow,
    RowKind,
)
from cdo_desktop.storage.store import EDITING, Store
from cdo_desktop.storage.stored import StoredReader

PLAN, FACT = "plan", "fact"


def _check_fields(fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"unknown fields {unknown}")


class ProjectEditor:
    """Edits of one project; every method is one change list applied by the store."""

    def __init__(self, store: Store, project_id: int, source: str = EDITING) -> None:
        self.store = store
        self.project_id = project_id
        self.source = source

    @property
    def database(self) -> Database:
        return self.store.database

    def _apply(self, changes: list[Change]) -> list[Change]:
        return self.store.apply(changes, self.source)

    def _reader(self) -> StoredReader:
        return StoredReader(self.store.database)

    def _where(self, section: Section, item: int | str | None = None, **place: Any) -> Where:
        return Where(self.project_id, section, item, **place)

    def _sets(self, wheres: list[tuple[Where, Any]]) -> list[Change]:
        reader = self._reader()
        changes: list[Change] = []
        for where, value in wheres:
            stored = reader.stored_value(where)
            old = None if stored is MISSING else stored
            changes.append(SetValue(where, old, value))  # type: ignore[arg-type]
        return changes

    # ------------------------------------------------------------------ passport

    def update_project(self, **fields: Any) -> None:
        _check_fields(fields, PASSPORT_FIELDS)
        self._apply(
            self._sets([(self._where(Section.PASSPORT, field=key), v) for key, v in fields.items()])
        )

    def set_participants(self, names: list[str]) -> None:
        before = self.store.load(self.project_id, with_tables=False).participants
        self._apply(participant_changes(self.project_id, before, list(names)))

    # ------------------------------------------------------------------ plan/fact values

    def _kind(self, row_id: int) -> RowKind:
        (kind,) = self.store.database.execute_sql(
            "SELECT kind FROM plan_fact_row WHERE id = ?", (row_id,)
        ).fetchone()
        return RowKind(kind)

    def set_plan_fact_values(self, changes: list[tuple[int, int, str, Decimal | None]]) -> None:
        """(row id, year, "plan"|"fact", value) for each cell."""
        wheres = []
        for row_id, year, field, value in changes:
            if field not in (PLAN, FACT):
                raise ValueError(field)
            section = ROW_SECTIONS[self._kind(row_id)]
            wheres.append((self._where(section, row_id, field=field, year=year), value))
        self._apply(self._sets(wheres))

    def update_row(self, row_id: int, **fields: Any) -> None:
        _check_fields(fields, ROW_FIELDS)
        section = ROW_SECTIONS[self._kind(row_id)]
        self._apply(
            self._sets([(self._where(section, row_id, field=k), v) for k, v in fields.items()])
        )

    def insert_row(self, kind: RowKind, position: int, row: PlanFactRow) -> int:
        """Put a row (with its values) at `position` among the project's rows of this kind."""
        [undo] = self._apply([AddItem(self._where(ROW_SECTIONS[kind]), row, position)])
        return int(undo.where.item)  # type: ignore[arg-type]

    def delete_row(self, kind: RowKind, row_id: int) -> None:
        row = self._reader().read_row(row_id)
        self._apply([RemoveItem(self._where(ROW_SECTIONS[kind], row_id), row, 0)])

    def move_row(self, kind: RowKind, row_ids_in_order: list[int]) -> None:
        """Store a new order of the project's rows of this kind."""
        self._reorder(self._where(ROW_SECTIONS[kind]), row_ids_in_order)

    def _reorder(self, scope: Where, ids_in_order: list[int]) -> None:
        reader = self._reader()
        current, _ = reader.position_of(scope)
        moves: list[Change] = []
        for position, item in enumerate(ids_in_order):
            if item in current and current.index(item) != position:
                at = current.index(item)
                current.insert(position, current.pop(at))
                moves.append(MoveItem(Where(scope.project, scope.section, item), at, position))
        self._apply(moves)

    # ------------------------------------------------------------------ financing

    def _line_of(self, source_id: int) -> int | None:
        row = self.store.database.execute_sql(
            "SELECT line_id FROM budget_source WHERE id = ?", (source_id,)
        ).fetchone()
        return None if row is None else int(row[0])

    def set_amounts(self, changes: list[tuple[int, int, Decimal | None]]) -> None:
        """(source id, year, amount) for each cell; None removes the amount."""
        wheres = [
            (
                self._where(
                    Section.SOURCES,
                    source_id,
                    field="amount",
                    year=year,
                    parent=self._line_of(source_id),
                ),
                amount,
            )
            for source_id, year, amount in changes
        ]
        self._apply(self._sets(wheres))

    def update_line(self, line_id: int, **fields: Any) -> None:
        _check_fields(fields, LINE_FIELDS)
        self._apply(
            self._sets(
                [(self._where(Section.FINANCING, line_id, field=k), v) for k, v in fields.items()]
            )
        )

    def insert_line(self, position: int, line: FinancingLine) -> FinancingLine:
        """Put a line with its sources at `position`; returns it with the new ids."""
        if not line.sources:
            line = FinancingLine(
                line.number, line.name, line.result, [BudgetSource(ALL_SOURCES)], id=line.id
            )
        [undo] = self._apply([AddItem(self._where(Section.FINANCING), line, position)])
        return self._reader().read_line(int(undo.where.item))  # type: ignore[arg-type]

    def delete_line(self, line_id: int) -> None:
        line = self._reader().read_line(line_id)
        self._apply([RemoveItem(self._where(Section.FINANCING, line_id), line, 0)])

    def move_lines(self, line_ids_in_order: list[int]) -> None:
        self._reorder(self._where(Section.FINANCING), line_ids_in_order)

    # ------------------------------------------------------------------ people

    def insert_person(self, position: int, person: Person) -> int:
        [undo] = self._apply([AddItem(self._where(Section.PERSONS), person, position)])
        return int(undo.where.item)  # type: ignore[arg-type]

    def update_person(self, person_id: int, **fields: Any) -> None:
        _check_fields(fields, PERSON_FIELDS)
        self._apply(
            self._sets(
                [(self._where(Section.PERSONS, person_id, field=k), v) for k, v in fields.items()]
            )
        )

    def delete_person(self, person_id: int) -> None:
        person = self._reader().read_person(person_id)
        self._apply([RemoveItem(self._where(Section.PERSONS, person_id), person, 0)])

    def reorder_persons(self, person_ids_in_order: list[int]) -> None:
        self._reorder(self._where(Section.PERSONS), person_ids_in_order)
