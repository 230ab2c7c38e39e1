"""What is stored now, item by item: the store's reads for checking and for undo.

The applier reads through these before it writes (a change's old value, a row as it stands);
the window reads a few rows again after an edit. Plain SQL with `?` placeholders, through the
store's database object (storage/dialect.py makes it portable).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from peewee import Database

from cdo_desktop.core.changes import MISSING, Value, Where
from cdo_desktop.core.history import ROW_SECTIONS, Section
from cdo_desktop.core.model import (
    BudgetSource,
    Direction,
    FinancingLine,
    Person,
    PlanFact,
    PlanFactRow,
    RowKind,
)
from cdo_desktop.storage import dialect, passport_applying, passport_store, points_stored
from cdo_desktop.storage.monitoring_reading import decimal_or_none
from cdo_desktop.storage.monitoring_store import (
    read_row_monitoring,
    read_source_execution,
    stored_monitoring_value,
)
from cdo_desktop.storage.points_reading import read_points

KIND_OF = {section: kind for kind, section in ROW_SECTIONS.items()}
# Where each section's items live, and what scopes their order.
TABLES = {
    Section.INDICATORS: ("plan_fact_row", "project_id"),
    Section.RESULTS: ("plan_fact_row", "project_id"),
    Section.FINANCING: ("financing_line", "project_id"),
    Section.SOURCES: ("budget_source", "line_id"),
    Section.PERSONS: ("person", "project_id"),
    Section.PARTICIPANTS: ("participant", "project_id"),
    **passport_store.TABLES,
    Section.CONTROL_POINTS: ("control_point", "result_id"),
    Section.RISKS: ("risk", "project_id"),
}


class StoredReader:
    """Reads of one database object: values, items and their order, as they are stored now."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def _rows(self, text: str, parameters: Iterable[object] = ()) -> list[tuple[Any, ...]]:
        cursor = self.database.execute_sql(dialect.sql(text, self.database), tuple(parameters))
        return list(cursor.fetchall())

    def _one(self, text: str, parameters: Iterable[object] = ()) -> tuple[Any, ...] | None:
        rows = self._rows(text, parameters)
        return rows[0] if rows else None

    def _label(self, where: Where) -> tuple[str, str, str]:
        """(row number, row name, budget source) naming the item of `where` in the history."""
        section, item = where.section, where.item
        if section in KIND_OF or section is Section.FINANCING:
            table = "financing_line" if section is Section.FINANCING else "plan_fact_row"
            row = self._one(f"SELECT number, name FROM {table} WHERE id = ?", (item,))
            return (row[0], row[1], "") if row else ("", "", "")
        if section is Section.SOURCES:
            row = self._one(
                "SELECT l.number, l.name, s.name FROM budget_source s "
                "JOIN financing_line l ON l.id = s.line_id WHERE s.id = ?",
                (item,),
            )
            return (row[0], row[1], row[2]) if row else ("", "", "")
        if section is Section.PERSONS:
            row = self._one("SELECT name FROM person WHERE id = ?", (item,))
            return ("", row[0], "") if row else ("", "", "")
        if section in points_stored.SECTIONS:
            return points_stored.label(self, where)
        return passport_applying.label(self, where)

    def stored_value(self, where: Where) -> Value | object:
        """What is stored at `where` now; MISSING when its row is gone."""
        section, item, field = where.section, where.item, where.field
        if section is Section.PASSPORT:
            row = self._one(f"SELECT {field} FROM project WHERE id = ?", (where.project,))
            return MISSING if row is None else row[0]
        if section in KIND_OF:
            exists = self._one(
                "SELECT id FROM plan_fact_row WHERE id = ? AND project_id = ? AND kind = ?",
                (item, where.project, KIND_OF[section].value),
            )
            if exists is None:
                return MISSING
            if where.as_of is not None:
                return stored_monitoring_value(self.database, where)
            if field in ("plan", "fact"):
                row = self._one(
                    f"SELECT {field} FROM plan_fact_value WHERE row_id = ? AND year = ?",
                    (item, where.year),
                )
                return None if row is None else decimal_or_none(row[0])
            row = self._one(f"SELECT {field} FROM plan_fact_row WHERE id = ?", (item,))
            assert row is not None
            if field == "base_value":
                return decimal_or_none(row[0])
            return bool(row[0]) if field == "cumulative" else row[0]
        if section is Section.FINANCING:
            row = self._one(
                f"SELECT {field} FROM financing_line WHERE id = ? AND project_id = ?",
                (item, where.project),
            )
            return MISSING if row is None else row[0]
        if section is Section.SOURCES:
            row = self._one(
                "SELECT s.name, p.name FROM budget_source s JOIN financing_line l "
                "ON l.id = s.line_id LEFT JOIN budget_source p ON p.id = s.parent_id "
                "WHERE s.id = ? AND l.project_id = ?",
                (item, where.project),
            )
            if row is None:
                return MISSING
            if field in ("name", "parent"):
                return str(row[0]) if field == "name" else row[1] and str(row[1])
            if where.as_of is not None:
                return stored_monitoring_value(self.database, where)
            amount = self._one(
                "SELECT amount FROM financing_amount WHERE source_id = ? AND year = ?",
                (item, where.year),
            )
            return None if amount is None else decimal_or_none(amount[0])
        if section is Section.PERSONS:
            row = self._one(
                f"SELECT {field} FROM person WHERE id = ? AND project_id = ?",
                (item, where.project),
            )
            return (
                MISSING if row is None else decimal_or_none(row[0]) if field == "share" else row[0]
            )
        if section in passport_store.SECTIONS:
            return passport_applying.stored_value(self, where)
        if section in points_stored.SECTIONS:
            return points_stored.stored_value(self, where)
        raise ValueError(section)

    def _scope(self, where: Where) -> tuple[str, str, tuple[object, ...]]:
        """(table, condition, parameters) selecting the siblings of `where`'s item."""
        table, owner = TABLES[where.section]
        if where.section in KIND_OF:
            return table, f"{owner} = ? AND kind = ?", (where.project, KIND_OF[where.section])
        if where.section in (Section.SOURCES, Section.MUNICIPAL, Section.CONTROL_POINTS):
            return table, f"{owner} = ?", (where.parent,)
        return table, f"{owner} = ?", (where.project,)

    def _order(self, where: Where) -> list[tuple[int, str]]:
        table, condition, parameters = self._scope(where)
        named = (Section.PARTICIPANTS, Section.MUNICIPALITIES)
        name = "name" if where.section in named else "''"
        rows = self._rows(
            f"SELECT id, {name} FROM {table} WHERE {condition} ORDER BY sort_order, id",
            [p.value if isinstance(p, RowKind) else p for p in parameters],
        )
        return [(int(row[0]), row[1]) for row in rows]

    def position_of(self, where: Where) -> tuple[list[int], int | None]:
        order = self._order(where)
        ids = [item for item, _ in order]
        if where.section in (Section.PARTICIPANTS, Section.MUNICIPALITIES):
            index = next((i for i, (_, name) in enumerate(order) if name == where.item), None)
        else:
            index = (
                ids.index(where.item) if isinstance(where.item, int) and where.item in ids else None
            )
        return ids, index

    # ------------------------------------------------------------------ reading items

    def read_item(self, where: Where) -> object:
        if where.section in KIND_OF:
            return self.read_row(int(where.item))  # type: ignore[arg-type]
        if where.section is Section.FINANCING:
            return self.read_line(int(where.item))  # type: ignore[arg-type]
        if where.section is Section.SOURCES:
            return self.read_source(int(where.item))  # type: ignore[arg-type]
        if where.section is Section.PERSONS:
            return self.read_person(int(where.item))  # type: ignore[arg-type]
        if where.section in passport_store.SECTIONS:
            return passport_applying.read_item(self, where)
        if where.section in points_stored.SECTIONS:
            return points_stored.read_item(self, where)
        return where.item

    def read_row(self, row_id: int) -> PlanFactRow:
        record = self._one(
            "SELECT id, number, name, unit, cumulative, direction, base_value, base_year, "
            "characteristic FROM plan_fact_row WHERE id = ?",
            (row_id,),
        )
        assert record is not None
        row = PlanFactRow(
            id=record[0],
            number=record[1],
            name=record[2],
            unit=record[3],
            cumulative=bool(record[4]),
            direction=Direction(record[5]),
            base_value=decimal_or_none(record[6]),
            base_year=record[7],
            characteristic=record[8],
        )
        for year, plan, fact in self._rows(
            "SELECT year, plan, fact FROM plan_fact_value WHERE row_id = ? ORDER BY year",
            (row_id,),
        ):
            row.values[year] = PlanFact(decimal_or_none(plan), decimal_or_none(fact))
        passport_store.read_row(self._rows, row)
        row.control_points = read_points(self._rows, row_id)
        return read_row_monitoring(self.database, row)

    def read_source(self, source_id: int) -> BudgetSource:
        record = self._one(
            "SELECT s.id, s.name, p.name FROM budget_source s "
            "LEFT JOIN budget_source p ON p.id = s.parent_id WHERE s.id = ?",
            (source_id,),
        )
        assert record is not None
        source = BudgetSource(id=record[0], name=record[1], parent=record[2])
        for year, amount in self._rows(
            "SELECT year, amount FROM financing_amount WHERE source_id = ? ORDER BY year",
            (source_id,),
        ):
            source.values[year] = decimal_or_none(amount)
        return read_source_execution(self.database, source)

    def read_line(self, line_id: int) -> FinancingLine:
        record = self._one(
            "SELECT id, number, name, result_number FROM financing_line WHERE id = ?", (line_id,)
        )
        assert record is not None
        sources = [
            self.read_source(int(row[0]))
            for row in self._rows(
                "SELECT id FROM budget_source WHERE line_id = ? ORDER BY sort_order, id",
                (line_id,),
            )
        ]
        return FinancingLine(record[1], record[2], record[3], sources, id=record[0])

    def read_person(self, person_id: int) -> Person:
        record = self._one(
            "SELECT id, role, name, position, contacts FROM person WHERE id = ?", (person_id,)
        )
        assert record is not None
        person = Person(
            id=record[0], role=record[1], name=record[2], position=record[3], contacts=record[4]
        )
        passport_store.read_person(self._rows, person)
        return person
