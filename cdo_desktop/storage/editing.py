"""Small edits of an open project — one value, one row, one person — each in its own transaction.

The window's undo stack calls these with old and new values; every write also stamps the
project's time of last change.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from peewee import SqliteDatabase

from cdo_desktop.core.history import ROW_SECTIONS, Change, Section, value_text
from cdo_desktop.core.model import (
    ALL_SOURCES,
    BudgetSource,
    FinancingLine,
    Person,
    PlanFactRow,
    RowKind,
)
from cdo_desktop.storage import history
from cdo_desktop.storage.projects import now_stamp
from cdo_desktop.storage.tables import (
    BudgetSourceTable,
    FinancingAmountTable,
    FinancingLineTable,
    ParticipantTable,
    PersonTable,
    PlanFactRowTable,
    PlanFactValueTable,
    ProjectTable,
)

PLAN, FACT = "plan", "fact"
# Passport columns that the history names by what a person sees.
_PASSPORT_FIELD = {
    "federal_project_code": "federal_project",
    "federal_project_name": "federal_project",
    "first_year": "years",
    "last_year": "years",
}
ROW_FIELDS = {"number", "name", "unit", "cumulative", "direction", "characteristic"}
PROJECT_FIELDS = {
    "name",
    "region",
    "national_project",
    "goal",
    "customer",
    "first_year",
    "last_year",
    "federal_project_code",
    "federal_project_name",
    "code",
}
LINE_FIELDS = {"number", "name", "result_number"}
PERSON_FIELDS = {"role", "name", "position", "contacts"}


def _check_fields(fields: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"unknown fields {unknown}")


class Missing:
    """A row that is no longer there: deleted by someone else since it was shown."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = Missing()


def _decimal(text: Decimal | str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


class ProjectEditor:
    """Edits of one project; every method is one transaction, recorded in the history."""

    def __init__(
        self, database: SqliteDatabase, project_id: int, source: str = history.EDITING
    ) -> None:
        self.database = database
        self.project_id = project_id
        self.source = source

    def _touch(self, changes: list[Change] | None = None) -> None:
        ProjectTable.update(updated_at=now_stamp()).where(
            ProjectTable.id == self.project_id
        ).execute()
        if changes:
            code = (
                ProjectTable.select(ProjectTable.code)
                .where(ProjectTable.id == self.project_id)
                .scalar()
            )
            history.record(code, changes, self.source)

    # ------------------------------------------------------------------ passport

    def update_project(self, **fields: Any) -> None:
        _check_fields(fields, PROJECT_FIELDS)
        with self.database.atomic():
            before = ProjectTable.get_by_id(self.project_id)
            changes = [
                Change(
                    Section.PASSPORT,
                    _PASSPORT_FIELD.get(key, key),
                    value_text(getattr(before, key)),
                    value_text(value),
                )
                for key, value in fields.items()
                if value_text(getattr(before, key)) != value_text(value)
            ]
            ProjectTable.update(**fields).where(ProjectTable.id == self.project_id).execute()
            self._touch(changes)

    def set_participants(self, names: list[str]) -> None:
        with self.database.atomic():
            before = [
                p.name
                for p in ParticipantTable.select(ParticipantTable.name).where(
                    ParticipantTable.project == self.project_id
                )
            ]
            changes = [
                Change(Section.PARTICIPANTS, "participant", name, None)
                for name in before
                if name not in names
            ]
            changes += [
                Change(Section.PARTICIPANTS, "participant", None, name)
                for name in names
                if name not in before
            ]
            ParticipantTable.delete().where(ParticipantTable.project == self.project_id).execute()
            ParticipantTable.insert_many(
                [
                    {"project": self.project_id, "sort_order": order, "name": name}
                    for order, name in enumerate(names)
                ]
            ).execute()
            self._touch(changes)

    # ------------------------------------------------------------------ plan/fact values

    def set_plan_fact_values(self, changes: list[tuple[int, int, str, Decimal | None]]) -> None:
        """(row id, year, "plan"|"fact", value) for each cell; empty pairs leave no row behind."""
        with self.database.atomic():
            logged = []
            for row_id, year, field, value in changes:
                if field not in (PLAN, FACT):
                    raise ValueError(field)
                record = PlanFactValueTable.get_or_none(
                    (PlanFactValueTable.row == row_id) & (PlanFactValueTable.year == year)
                )
                old = getattr(record, field) if record is not None else None
                if value_text(old) != value_text(value):
                    logged.append(self._row_change(row_id, field, old, value, year=year))
                if record is None:
                    if value is None:
                        continue
                    record = PlanFactValueTable(row=row_id, year=year)
                setattr(record, field, value)
                if record.plan is None and record.fact is None:
                    record.delete_instance()
                else:
                    record.save()
            self._touch(logged)

    def _row_change(
        self, row_id: int, field: str, old: Any, new: Any, year: int | None = None
    ) -> Change:
        row = PlanFactRowTable.get_by_id(row_id)
        return Change(
            ROW_SECTIONS[RowKind(row.kind)],
            field,
            value_text(old),
            value_text(new),
            row_number=row.number,
            row_name=row.name,
            year=year,
        )

    def update_row(self, row_id: int, **fields: Any) -> None:
        _check_fields(fields, ROW_FIELDS)
        with self.database.atomic():
            before = PlanFactRowTable.get_by_id(row_id)
            logged = [
                self._row_change(row_id, key, getattr(before, key), value)
                for key, value in fields.items()
                if value_text(getattr(before, key)) != value_text(value)
            ]
            PlanFactRowTable.update(**fields).where(PlanFactRowTable.id == row_id).execute()
            self._touch(logged)

    def insert_row(self, kind: RowKind, position: int, row: PlanFactRow) -> int:
        """Put a row (with its values) at `position` among the project's rows of this kind."""
        with self.database.atomic():
            self._shift(PlanFactRowTable, self._rows_of(kind), position, +1)
            # An undone deletion brings the row back under its old id, so later undo steps that
            # name the row by id still find it.
            record = PlanFactRowTable.create(
                id=row.id,
                project=self.project_id,
                kind=kind.value,
                sort_order=position,
                number=row.number,
                name=row.name,
                unit=row.unit,
                cumulative=row.cumulative,
                direction=row.direction.value,
                base_value=row.base_value,
                base_year=row.base_year,
                characteristic=row.characteristic,
            )
            values = [
                {"row": record.id, "year": year, "plan": pair.plan, "fact": pair.fact}
                for year, pair in row.values.items()
                if not pair.is_empty()
            ]
            if values:
                PlanFactValueTable.insert_many(values).execute()
            self._touch(
                [
                    Change(
                        ROW_SECTIONS[kind],
                        "row",
                        None,
                        row.name,
                        row_number=row.number,
                        row_name=row.name,
                    )
                ]
            )
            return int(record.id)

    def delete_row(self, kind: RowKind, row_id: int) -> None:
        with self.database.atomic():
            record = PlanFactRowTable.get_by_id(row_id)
            record.delete_instance()
            self._shift(PlanFactRowTable, self._rows_of(kind), record.sort_order + 1, -1)
            self._touch(
                [
                    Change(
                        ROW_SECTIONS[kind],
                        "row",
                        record.name,
                        None,
                        row_number=record.number,
                        row_name=record.name,
                    )
                ]
            )

    def move_row(self, kind: RowKind, row_ids_in_order: list[int]) -> None:
        """Store a new order of the project's rows of this kind."""
        self._reorder(PlanFactRowTable, row_ids_in_order)

    def _rows_of(self, kind: RowKind) -> Any:
        return (PlanFactRowTable.project == self.project_id) & (PlanFactRowTable.kind == kind.value)

    @staticmethod
    def _shift(table: Any, scope: Any, from_position: int, delta: int) -> None:
        """Move the items of `scope` from `from_position` on by `delta` places (make room or
        close a gap); rows, lines and people all keep their order this way."""
        table.update(sort_order=table.sort_order + delta).where(
            scope & (table.sort_order >= from_position)
        ).execute()

    def _reorder(self, table: Any, ids_in_order: list[int]) -> None:
        with self.database.atomic():
            for order, item_id in enumerate(ids_in_order):
                table.update(sort_order=order).where(table.id == item_id).execute()
            self._touch()

    # ------------------------------------------------------------------ financing

    def set_amounts(self, changes: list[tuple[int, int, Decimal | None]]) -> None:
        """(source id, year, amount) for each cell; None removes the amount."""
        with self.database.atomic():
            logged = []
            for source_id, year, amount in changes:
                old = (
                    FinancingAmountTable.select(FinancingAmountTable.amount)
                    .where(
                        (FinancingAmountTable.source == source_id)
                        & (FinancingAmountTable.year == year)
                    )
                    .scalar()
                )
                if value_text(_decimal(old)) != value_text(amount):
                    source = BudgetSourceTable.get_by_id(source_id)
                    line = FinancingLineTable.get_by_id(source.line_id)
                    logged.append(
                        Change(
                            Section.FINANCING,
                            "amount",
                            value_text(_decimal(old)),
                            value_text(amount),
                            row_number=line.number,
                            row_name=line.name,
                            year=year,
                            detail=source.name,
                        )
                    )
                query = FinancingAmountTable.delete().where(
                    (FinancingAmountTable.source == source_id) & (FinancingAmountTable.year == year)
                )
                query.execute()
                if amount is not None:
                    FinancingAmountTable.create(source=source_id, year=year, amount=amount)
            self._touch(logged)

    def update_line(self, line_id: int, **fields: Any) -> None:
        _check_fields(fields, LINE_FIELDS)
        with self.database.atomic():
            before = FinancingLineTable.get_by_id(line_id)
            logged = [
                Change(
                    Section.FINANCING,
                    "result" if key == "result_number" else key,
                    value_text(getattr(before, key)),
                    value_text(value),
                    row_number=before.number,
                    row_name=before.name,
                )
                for key, value in fields.items()
                if value_text(getattr(before, key)) != value_text(value)
            ]
            FinancingLineTable.update(**fields).where(FinancingLineTable.id == line_id).execute()
            self._touch(logged)

    def insert_line(self, position: int, line: FinancingLine) -> FinancingLine:
        """Put a line with its sources at `position`; returns it with the new ids."""
        with self.database.atomic():
            self._shift(
                FinancingLineTable, FinancingLineTable.project == self.project_id, position, +1
            )
            record = FinancingLineTable.create(
                id=line.id,
                project=self.project_id,
                sort_order=position,
                number=line.number,
                name=line.name,
                result_number=line.result,
            )
            sources = line.sources or [BudgetSource(ALL_SOURCES)]
            ids: dict[str, int] = {}
            stored = []
            for order, source in enumerate(sources):
                source_record = BudgetSourceTable.create(
                    id=source.id,
                    line=record.id,
                    sort_order=order,
                    name=source.name,
                    parent=ids.get(source.parent) if source.parent else None,
                )
                ids[source.name] = source_record.id
                for year, amount in source.values.items():
                    if amount is not None:
                        FinancingAmountTable.create(
                            source=source_record.id, year=year, amount=amount
                        )
                stored.append(
                    BudgetSource(
                        source.name, source.parent, dict(source.values), id=source_record.id
                    )
                )
            self._touch(
                [
                    Change(
                        Section.FINANCING,
                        "row",
                        None,
                        line.name,
                        row_number=line.number,
                        row_name=line.name,
                    )
                ]
            )
            return FinancingLine(line.number, line.name, line.result, stored, id=record.id)

    def delete_line(self, line_id: int) -> None:
        with self.database.atomic():
            record = FinancingLineTable.get_by_id(line_id)
            record.delete_instance()
            self._shift(
                FinancingLineTable,
                FinancingLineTable.project == self.project_id,
                record.sort_order + 1,
                -1,
            )
            self._touch(
                [
                    Change(
                        Section.FINANCING,
                        "row",
                        record.name,
                        None,
                        row_number=record.number,
                        row_name=record.name,
                    )
                ]
            )

    def move_lines(self, line_ids_in_order: list[int]) -> None:
        self._reorder(FinancingLineTable, line_ids_in_order)

    # ------------------------------------------------------------------ people

    def insert_person(self, position: int, person: Person) -> int:
        with self.database.atomic():
            self._shift(PersonTable, PersonTable.project == self.project_id, position, +1)
            record = PersonTable.create(
                id=person.id,
                project=self.project_id,
                sort_order=position,
                role=person.role,
                name=person.name,
                position=person.position,
                contacts=person.contacts,
            )
            self._touch(
                [
                    Change(
                        Section.PERSONS,
                        "person",
                        None,
                        f"{person.role} {person.name}",
                        row_name=person.name,
                    )
                ]
            )
            return int(record.id)

    def update_person(self, person_id: int, **fields: Any) -> None:
        _check_fields(fields, PERSON_FIELDS)
        with self.database.atomic():
            before = PersonTable.get_by_id(person_id)
            logged = [
                Change(
                    Section.PERSONS,
                    key,
                    getattr(before, key) or None,
                    value or None,
                    row_name=before.name,
                )
                for key, value in fields.items()
                if getattr(before, key) != value
            ]
            PersonTable.update(**fields).where(PersonTable.id == person_id).execute()
            self._touch(logged)

    def delete_person(self, person_id: int) -> None:
        with self.database.atomic():
            before = PersonTable.get_by_id(person_id)
            PersonTable.delete().where(PersonTable.id == person_id).execute()
            self._touch(
                [
                    Change(
                        Section.PERSONS,
                        "person",
                        f"{before.role} {before.name}",
                        None,
                        row_name=before.name,
                    )
                ]
            )

    def reorder_persons(self, person_ids_in_order: list[int]) -> None:
        self._reorder(PersonTable, person_ids_in_order)

    # ------------------------------------------------------------------ what is stored now
    # Another copy of the program may have changed a value since this one showed it: the window
    # compares these with what it showed before it writes (no lost updates).

    def stored_plan_fact(self, row_id: int, year: int, field: str) -> Decimal | Missing | None:
        if not PlanFactRowTable.select().where(PlanFactRowTable.id == row_id).exists():
            return MISSING
        record = PlanFactValueTable.get_or_none(
            (PlanFactValueTable.row == row_id) & (PlanFactValueTable.year == year)
        )
        return getattr(record, field) if record is not None else None

    def stored_row_field(self, row_id: int, field: str) -> Any:
        record = PlanFactRowTable.get_or_none(PlanFactRowTable.id == row_id)
        return MISSING if record is None else getattr(record, field)

    def stored_amount(self, source_id: int, year: int) -> Decimal | Missing | None:
        if not BudgetSourceTable.select().where(BudgetSourceTable.id == source_id).exists():
            return MISSING
        amount = (
            FinancingAmountTable.select(FinancingAmountTable.amount)
            .where((FinancingAmountTable.source == source_id) & (FinancingAmountTable.year == year))
            .scalar()
        )
        return _decimal(amount)

    def stored_line_field(self, line_id: int, field: str) -> Any:
        record = FinancingLineTable.get_or_none(FinancingLineTable.id == line_id)
        return MISSING if record is None else getattr(record, field)

    def stored_person_field(self, person_id: int, field: str) -> Any:
        record = PersonTable.get_or_none(PersonTable.id == person_id)
        return MISSING if record is None else getattr(record, field)
