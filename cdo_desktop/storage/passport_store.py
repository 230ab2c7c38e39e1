"""The 2025–2030 passport in the database: reading and writing tasks, municipalities, the new
row and person fields, and municipal breakdowns, for whole projects and single rows.

Called from the whole-project reader (reading.py), the bulk create (store.py) and the applier
(applying.py, stored.py); plain SQL with `?` placeholders through storage/dialect.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from peewee import Database

from cdo_desktop.core.changes import PASSPORT_2025_ROW_FIELDS
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import MunicipalValues, Person, PlanFact, PlanFactRow, Project, Task
from cdo_desktop.core.passport import joined, split
from cdo_desktop.storage import dialect
from cdo_desktop.storage.monitoring_reading import decimal_or_none

# Sections whose items live in this module's tables.
SECTIONS = frozenset({Section.TASKS, Section.MUNICIPALITIES, Section.MUNICIPAL})
TABLES = {
    Section.TASKS: ("project_task", "project_id"),
    Section.MUNICIPALITIES: ("municipality", "project_id"),
    Section.MUNICIPAL: ("municipal_row", "row_id"),
}
ROW_COLUMNS = PASSPORT_2025_ROW_FIELDS  # each kept in a column of its name

Execute = Callable[[str, tuple[object, ...]], Any]


def text(value: object) -> str | None:
    return None if value is None else f"{value:f}" if isinstance(value, Decimal) else str(value)


# ---------------------------------------------------------------------------- row fields


def row_columns(row: PlanFactRow) -> tuple[object, ...]:
    """The row's new fields as the columns of ROW_COLUMNS keep them."""
    return (
        row.task,
        joined(row.level),
        row.indicator_kind,
        row.okei,
        row.data_source,
        row.result_type,
        joined(row.linked_indicators),
    )


_EMPTY_ROW = row_columns(PlanFactRow("", ""))


def set_row_columns(row: PlanFactRow, record: Iterable[Any]) -> None:
    task, level, kind, okei, source, result_type, linked = record
    row.task, row.level, row.indicator_kind, row.okei = task, split(level), kind, okei
    row.data_source, row.result_type, row.linked_indicators = source, result_type, split(linked)


# ---------------------------------------------------------------------------- reading


def read_project(execute: Execute, project: Project) -> None:
    """A project's tasks, municipalities and its people's supervisor and share, into it."""
    project.tasks = [
        Task(number, name, id=task_id)
        for task_id, number, name in execute(
            "SELECT id, number, name FROM project_task WHERE project_id = ? "
            "ORDER BY sort_order, id",
            (project.id,),
        )
    ]
    project.municipalities = [
        name
        for (name,) in execute(
            "SELECT name FROM municipality WHERE project_id = ? ORDER BY sort_order, id",
            (project.id,),
        )
    ]
    persons = {person.id: person for person in project.persons}
    for person_id, supervisor, share in execute(
        "SELECT id, supervisor, share FROM person WHERE project_id = ?", (project.id,)
    ):
        if person_id in persons:
            persons[person_id].supervisor = supervisor
            persons[person_id].share = decimal_or_none(share)


def read_rows(execute: Execute, project_id: int, rows: list[PlanFactRow]) -> None:
    """The new fields and the municipal breakdown of a project's rows, into them (by id)."""
    by_id = {row.id: row for row in rows}
    if not by_id:
        return
    columns = ", ".join(ROW_COLUMNS)
    for row_id, *record in execute(
        f"SELECT id, {columns} FROM plan_fact_row WHERE project_id = ?", (project_id,)
    ):
        if row_id in by_id:
            set_row_columns(by_id[row_id], record)
    entries: dict[int, MunicipalValues] = {}
    for entry_id, row_id, name in execute(
        "SELECT m.id, m.row_id, m.name FROM municipal_row m JOIN plan_fact_row r "
        "ON r.id = m.row_id WHERE r.project_id = ? ORDER BY m.sort_order, m.id",
        (project_id,),
    ):
        if row_id in by_id:
            entries[entry_id] = MunicipalValues(name, id=entry_id)
            by_id[row_id].municipalities.append(entries[entry_id])
    for entry_id, year, plan, fact in execute(
        "SELECT v.entry_id, v.year, v.plan, v.fact FROM municipal_value v "
        "JOIN municipal_row m ON m.id = v.entry_id JOIN plan_fact_row r ON r.id = m.row_id "
        "WHERE r.project_id = ? ORDER BY v.year",
        (project_id,),
    ):
        if entry_id in entries:
            entries[entry_id].values[year] = PlanFact(decimal_or_none(plan), decimal_or_none(fact))


def read_row(execute: Execute, row: PlanFactRow) -> None:
    """One row's new fields and breakdown, into it."""
    columns = ", ".join(ROW_COLUMNS)
    for record in execute(f"SELECT {columns} FROM plan_fact_row WHERE id = ?", (row.id,)):
        set_row_columns(row, record)
    row.municipalities = [
        read_entry(execute, int(entry_id))
        for (entry_id,) in execute(
            "SELECT id FROM municipal_row WHERE row_id = ? ORDER BY sort_order, id", (row.id,)
        )
    ]


def read_entry(execute: Execute, entry_id: int) -> MunicipalValues:
    [(name,)] = list(execute("SELECT name FROM municipal_row WHERE id = ?", (entry_id,)))
    entry = MunicipalValues(name, id=entry_id)
    for year, plan, fact in execute(
        "SELECT year, plan, fact FROM municipal_value WHERE entry_id = ? ORDER BY year",
        (entry_id,),
    ):
        entry.values[year] = PlanFact(decimal_or_none(plan), decimal_or_none(fact))
    return entry


def read_person(execute: Execute, person: Person) -> None:
    for supervisor, share in execute(
        "SELECT supervisor, share FROM person WHERE id = ?", (person.id,)
    ):
        person.supervisor, person.share = supervisor, decimal_or_none(share)


def read_task(execute: Execute, task_id: int) -> Task:
    [(number, name)] = list(
        execute("SELECT number, name FROM project_task WHERE id = ?", (task_id,))
    )
    return Task(number, name, id=task_id)


# ---------------------------------------------------------------------------- writing


class Writer:
    """Writes of one database object, inside the caller's transaction."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def run(self, statement: str, parameters: Iterable[object] = ()) -> Any:
        return self.database.execute_sql(dialect.sql(statement, self.database), tuple(parameters))

    def insert(self, table: str, columns: dict[str, object], wanted_id: int | None) -> int:
        """One row of `table`; its id (`wanted_id` when free: an undone deletion returns)."""
        names = ["id", *columns]
        values = (dialect.free_id(self.database, table, wanted_id), *columns.values())
        statement = (
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        )
        return dialect.insert_returning_id(
            self.database, dialect.sql(statement, self.database), values
        )

    def row(self, row_id: int, row: PlanFactRow) -> None:
        """A new row's fields and breakdown (the row itself is written by its caller)."""
        values = row_columns(row)
        if values != _EMPTY_ROW:
            assignments = ", ".join(f"{column} = ?" for column in ROW_COLUMNS)
            self.run(f"UPDATE plan_fact_row SET {assignments} WHERE id = ?", (*values, row_id))
        for position, entry in enumerate(row.municipalities):
            self.entry(row_id, entry, position)

    def entry(self, row_id: int, entry: MunicipalValues, position: int) -> int:
        columns = {"row_id": row_id, "sort_order": position, "name": entry.name}
        entry_id = self.insert("municipal_row", columns, entry.id)
        dialect.insert_many(
            self.database,
            "INSERT INTO municipal_value (entry_id, year, plan, fact) VALUES (?, ?, ?, ?)",
            [
                (entry_id, year, text(pair.plan), text(pair.fact))
                for year, pair in sorted(entry.values.items())
                if not pair.is_empty()
            ],
        )
        return entry_id

    def person(self, person_id: int, person: Person) -> None:
        if person.supervisor or person.share is not None:
            self.run(
                "UPDATE person SET supervisor = ?, share = ? WHERE id = ?",
                (person.supervisor, text(person.share), person_id),
            )

    def project(self, project_id: int, project: Project) -> None:
        """Everything of the 2025–2030 passport of a project just written in bulk."""
        for position, task in enumerate(project.tasks):
            self.insert(
                "project_task",
                {
                    "project_id": project_id,
                    "sort_order": position,
                    "number": task.number,
                    "name": task.name,
                },
                None,
            )
        dialect.insert_many(
            self.database,
            "INSERT INTO municipality (project_id, sort_order, name) VALUES (?, ?, ?)",
            [(project_id, order, name) for order, name in enumerate(project.municipalities)],
        )
        person_ids = [
            int(person_id)
            for (person_id,) in self.run(
                "SELECT id FROM person WHERE project_id = ? ORDER BY sort_order, id",
                (project_id,),
            ).fetchall()
        ]
        for person_id, person in zip(person_ids, project.persons, strict=True):
            self.person(person_id, person)
        for kind_rows, kind in ((project.indicators, "indicator"), (project.results, "result")):
            if all(row_columns(r) == _EMPTY_ROW and not r.municipalities for r in kind_rows):
                continue
            row_ids = [
                int(row_id)
                for (row_id,) in self.run(
                    "SELECT id FROM plan_fact_row WHERE project_id = ? AND kind = ? "
                    "ORDER BY sort_order, id",
                    (project_id, kind),
                ).fetchall()
            ]
            for row_id, row in zip(row_ids, kind_rows, strict=True):
                self.row(row_id, row)
