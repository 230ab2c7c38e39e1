"""Small edits of an open project — one value, one row, one person — each in its own transaction.

The window's undo stack calls these with old and new values; every write also stamps the
project's time of last change.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from peewee import SqliteDatabase, fn

from cdo_desktop.core.model import (
    ALL_SOURCES,
    BudgetSource,
    FinancingLine,
    Person,
    PlanFactRow,
    RowKind,
)
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


class ProjectEditor:
    """Edits of one project; every method is one transaction."""

    def __init__(self, database: SqliteDatabase, project_id: int) -> None:
        self.database = database
        self.project_id = project_id

    def _touch(self) -> None:
        ProjectTable.update(updated_at=now_stamp()).where(
            ProjectTable.id == self.project_id
        ).execute()

    # ------------------------------------------------------------------ passport

    def update_project(self, **fields: Any) -> None:
        unknown = set(fields) - PROJECT_FIELDS
        if unknown:
            raise ValueError(f"unknown project fields {unknown}")
        with self.database.atomic():
            ProjectTable.update(**fields).where(ProjectTable.id == self.project_id).execute()
            self._touch()

    def set_participants(self, names: list[str]) -> None:
        with self.database.atomic():
            ParticipantTable.delete().where(ParticipantTable.project == self.project_id).execute()
            ParticipantTable.insert_many(
                [
                    {"project": self.project_id, "sort_order": order, "name": name}
                    for order, name in enumerate(names)
                ]
            ).execute()
            self._touch()

    # ------------------------------------------------------------------ plan/fact values

    def set_plan_fact_values(self, changes: list[tuple[int, int, str, Decimal | None]]) -> None:
        """(row id, year, "plan"|"fact", value) for each cell; empty pairs leave no row behind."""
        with self.database.atomic():
            for row_id, year, field, value in changes:
                if field not in (PLAN, FACT):
                    raise ValueError(field)
                record = PlanFactValueTable.get_or_none(
                    (PlanFactValueTable.row == row_id) & (PlanFactValueTable.year == year)
                )
                if record is None:
                    if value is None:
                        continue
                    record = PlanFactValueTable(row=row_id, year=year)
                setattr(record, field, value)
                if record.plan is None and record.fact is None:
                    record.delete_instance()
                else:
                    record.save()
            self._touch()

    def update_row(self, row_id: int, **fields: Any) -> None:
        unknown = set(fields) - ROW_FIELDS
        if unknown:
            raise ValueError(f"unknown row fields {unknown}")
        with self.database.atomic():
            PlanFactRowTable.update(**fields).where(PlanFactRowTable.id == row_id).execute()
            self._touch()

    def insert_row(self, kind: RowKind, position: int, row: PlanFactRow) -> int:
        """Put a row (with its values) at `position` among the project's rows of this kind."""
        with self.database.atomic():
            self._shift(kind, position, +1)
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
            self._touch()
            return int(record.id)

    def delete_row(self, kind: RowKind, row_id: int) -> None:
        with self.database.atomic():
            record = PlanFactRowTable.get_by_id(row_id)
            record.delete_instance()
            self._shift(kind, record.sort_order + 1, -1)
            self._touch()

    def move_row(self, kind: RowKind, row_ids_in_order: list[int]) -> None:
        """Store a new order of the project's rows of this kind."""
        with self.database.atomic():
            for order, row_id in enumerate(row_ids_in_order):
                PlanFactRowTable.update(sort_order=order).where(
                    PlanFactRowTable.id == row_id
                ).execute()
            self._touch()

    def _shift(self, kind: RowKind, from_position: int, delta: int) -> None:
        PlanFactRowTable.update(sort_order=PlanFactRowTable.sort_order + delta).where(
            (PlanFactRowTable.project == self.project_id)
            & (PlanFactRowTable.kind == kind.value)
            & (PlanFactRowTable.sort_order >= from_position)
        ).execute()

    # ------------------------------------------------------------------ financing

    def set_amounts(self, changes: list[tuple[int, int, Decimal | None]]) -> None:
        """(source id, year, amount) for each cell; None removes the amount."""
        with self.database.atomic():
            for source_id, year, amount in changes:
                query = FinancingAmountTable.delete().where(
                    (FinancingAmountTable.source == source_id) & (FinancingAmountTable.year == year)
                )
                query.execute()
                if amount is not None:
                    FinancingAmountTable.create(source=source_id, year=year, amount=amount)
            self._touch()

    def update_line(self, line_id: int, **fields: Any) -> None:
        unknown = set(fields) - LINE_FIELDS
        if unknown:
            raise ValueError(f"unknown line fields {unknown}")
        with self.database.atomic():
            FinancingLineTable.update(**fields).where(FinancingLineTable.id == line_id).execute()
            self._touch()

    def insert_line(self, position: int, line: FinancingLine) -> FinancingLine:
        """Put a line with its sources at `position`; returns it with the new ids."""
        with self.database.atomic():
            FinancingLineTable.update(sort_order=FinancingLineTable.sort_order + 1).where(
                (FinancingLineTable.project == self.project_id)
                & (FinancingLineTable.sort_order >= position)
            ).execute()
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
            self._touch()
            return FinancingLine(line.number, line.name, line.result, stored, id=record.id)

    def delete_line(self, line_id: int) -> None:
        with self.database.atomic():
            record = FinancingLineTable.get_by_id(line_id)
            record.delete_instance()
            FinancingLineTable.update(sort_order=FinancingLineTable.sort_order - 1).where(
                (FinancingLineTable.project == self.project_id)
                & (FinancingLineTable.sort_order > record.sort_order)
            ).execute()
            self._touch()

    def move_lines(self, line_ids_in_order: list[int]) -> None:
        with self.database.atomic():
            for order, line_id in enumerate(line_ids_in_order):
                FinancingLineTable.update(sort_order=order).where(
                    FinancingLineTable.id == line_id
                ).execute()
            self._touch()

    # ------------------------------------------------------------------ people

    def insert_person(self, position: int, person: Person) -> int:
        with self.database.atomic():
            PersonTable.update(sort_order=PersonTable.sort_order + 1).where(
                (PersonTable.project == self.project_id) & (PersonTable.sort_order >= position)
            ).execute()
            record = PersonTable.create(
                id=person.id,
                project=self.project_id,
                sort_order=position,
                role=person.role,
                name=person.name,
                position=person.position,
                contacts=person.contacts,
            )
            self._touch()
            return int(record.id)

    def update_person(self, person_id: int, **fields: Any) -> None:
        unknown = set(fields) - PERSON_FIELDS
        if unknown:
            raise ValueError(f"unknown person fields {unknown}")
        with self.database.atomic():
            PersonTable.update(**fields).where(PersonTable.id == person_id).execute()
            self._touch()

    def delete_person(self, person_id: int) -> None:
        with self.database.atomic():
            PersonTable.delete().where(PersonTable.id == person_id).execute()
            self._touch()

    def reorder_persons(self, person_ids_in_order: list[int]) -> None:
        with self.database.atomic():
            for order, person_id in enumerate(person_ids_in_order):
                PersonTable.update(sort_order=order).where(PersonTable.id == person_id).execute()
            self._touch()

    def count_rows(self) -> int:
        """All rows of the project's tables, for the status bar."""
        rows = (
            PlanFactRowTable.select(fn.COUNT(PlanFactRowTable.id))
            .where(PlanFactRowTable.project == self.project_id)
            .scalar()
        )
        lines = (
            FinancingLineTable.select(fn.COUNT(FinancingLineTable.id))
            .where(FinancingLineTable.project == self.project_id)
            .scalar()
        )
        return int(rows or 0) + int(lines or 0)
