"""Reading whole projects with plain SQL: no peewee, so the window can show a project before
the rest of the storage code is even imported (and reading stays fast at any size)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from cdo_desktop.core.errors import ProjectNotFoundError
from cdo_desktop.core.model import (
    BudgetSource,
    Direction,
    FederalProject,
    FinancingLine,
    Person,
    PlanFact,
    PlanFactRow,
    Project,
    ProjectSummary,
    RowKind,
    code_key,
)
from cdo_desktop.storage import passport_store
from cdo_desktop.storage.monitoring_reading import (
    decimal_or_none,
    load_due_workday,
    load_execution,
    load_rows_monitoring,
)
from cdo_desktop.storage.points_reading import load_points_and_risks


class ProjectReader:
    """Projects as the database holds them now, through any way of running SQL on it: the
    store's database object, or a plain sqlite3 connection opened for the window's first look.

    `execute(sql, parameters)` runs a query written with `?` placeholders and answers a cursor.
    """

    def __init__(self, execute: Callable[[str, tuple[object, ...]], Any]) -> None:
        self._execute_query = execute

    def _rows(self, sql: str, parameters: tuple[object, ...] = ()) -> Any:
        return self._execute_query(sql, parameters)

    def summaries(self) -> list[ProjectSummary]:
        return [
            ProjectSummary(*row)
            for row in self._rows(
                "SELECT id, code, name, region, first_year, last_year FROM project ORDER BY code"
            )
        ]

    def find(self, code_or_name: str) -> ProjectSummary:
        """The project whose code (or else name) is the one given, as a person would type it."""
        key = code_key(code_or_name)
        summaries = self.summaries()
        for summary in summaries:
            if code_key(summary.code) == key:
                return summary
        for summary in summaries:
            if summary.name.strip().casefold() == code_or_name.strip().casefold():
                return summary
        raise ProjectNotFoundError(code_or_name)

    def updated_at(self, project_id: int) -> str | None:
        row = self._rows("SELECT updated_at FROM project WHERE id = ?", (project_id,)).fetchone()
        return row[0] if row is not None else None

    def count_rows(self, project_id: int) -> int:
        """All rows of the project's tables, for the status bar."""
        (rows,) = self._rows(
            "SELECT (SELECT COUNT(*) FROM plan_fact_row WHERE project_id = ?) "
            "+ (SELECT COUNT(*) FROM financing_line WHERE project_id = ?)",
            (project_id, project_id),
        ).fetchone()
        return int(rows)

    def load_all(self) -> list[Project]:
        return [self.load(summary.id) for summary in self.summaries()]

    def load(self, project_id: int, *, with_tables: bool = True) -> Project:
        """A whole project in a handful of queries, whatever its size.

        Without `with_tables` its indicators, results and financing are left empty, for
        `load_tables` to read when they are first needed (the window opens on the passport).
        """
        record = self._rows(
            "SELECT id, code, name, region, national_project, federal_project_code, "
            "federal_project_name, goal, customer, first_year, last_year "
            "FROM project WHERE id = ?",
            (project_id,),
        ).fetchone()
        if record is None:
            raise ProjectNotFoundError(str(project_id))
        (
            project_id,
            code,
            name,
            region,
            national_project,
            federal_code,
            federal_name,
            goal,
            customer,
            first_year,
            last_year,
        ) = record
        project = Project(
            id=project_id,
            code=code,
            name=name,
            region=region,
            national_project=national_project,
            federal_project=(
                FederalProject(federal_code, federal_name or "")
                if federal_code is not None
                else None
            ),
            goal=goal,
            customer=customer,
            first_year=first_year,
            last_year=last_year,
        )
        project.persons = [
            Person(id=pid, role=role, name=name, position=position, contacts=contacts)
            for pid, role, name, position, contacts in self._rows(
                "SELECT id, role, name, position, contacts FROM person "
                "WHERE project_id = ? ORDER BY sort_order",
                (project_id,),
            )
        ]
        project.participants = [
            name
            for (name,) in self._rows(
                "SELECT name FROM participant WHERE project_id = ? ORDER BY sort_order",
                (project_id,),
            )
        ]
        passport_store.read_project(self._rows, project)
        load_due_workday(self._rows, project)
        if with_tables:
            self.load_tables(project)
        return project

    def load_tables(self, project: Project) -> None:
        """Read a project's indicators, results and financing into it."""
        assert project.id is not None
        project.indicators = self.load_rows(project.id, RowKind.INDICATOR)
        project.results = self.load_rows(project.id, RowKind.RESULT)
        project.financing = self.load_financing(project.id)
        load_points_and_risks(self._rows, project)

    def load_rows(self, project_id: int, kind: RowKind) -> list[PlanFactRow]:
        """Indicators or results of a project with all their values: two queries in all."""
        rows: dict[int, PlanFactRow] = {}
        cursor = self._rows(
            "SELECT id, number, name, unit, cumulative, direction, base_value, base_year, "
            "characteristic FROM plan_fact_row WHERE project_id = ? AND kind = ? "
            "ORDER BY sort_order, id",
            (project_id, kind.value),
        )
        for row_id, number, name, unit, cumulative, direction, base, base_year, note in cursor:
            rows[row_id] = PlanFactRow(
                id=row_id,
                number=number,
                name=name,
                unit=unit,
                cumulative=bool(cumulative),
                direction=Direction(direction),
                base_value=decimal_or_none(base),
                base_year=base_year,
                characteristic=note,
            )
        cursor = self._rows(
            "SELECT v.row_id, v.year, v.plan, v.fact FROM plan_fact_value v "
            "JOIN plan_fact_row r ON r.id = v.row_id WHERE r.project_id = ? AND r.kind = ?",
            (project_id, kind.value),
        )
        for row_id, year, plan, fact in cursor:
            rows[row_id].values[year] = PlanFact(
                None if plan is None else Decimal(plan), None if fact is None else Decimal(fact)
            )
        load_rows_monitoring(self._rows, project_id, kind, rows)
        # The 2025–2030 fields too: a table read again must not lose them.
        passport_store.read_rows(self._rows, project_id, list(rows.values()))
        return list(rows.values())

    def load_financing(self, project_id: int) -> list[FinancingLine]:
        lines: dict[int, FinancingLine] = {}
        for line_id, number, name, result in self._rows(
            "SELECT id, number, name, result_number FROM financing_line WHERE project_id = ? "
            "ORDER BY sort_order, id",
            (project_id,),
        ):
            lines[line_id] = FinancingLine(id=line_id, number=number, name=name, result=result)
        sources: dict[int, tuple[BudgetSource, int | None, int]] = {}
        for source_id, line_id, name, parent_id in self._rows(
            "SELECT s.id, s.line_id, s.name, s.parent_id FROM budget_source s "
            "JOIN financing_line l ON l.id = s.line_id WHERE l.project_id = ? "
            "ORDER BY s.sort_order, s.id",
            (project_id,),
        ):
            sources[source_id] = (BudgetSource(id=source_id, name=name), parent_id, line_id)
        for source, parent_id, line_id in sources.values():
            source.parent = sources[parent_id][0].name if parent_id is not None else None
            lines[line_id].sources.append(source)
        for source_id, year, amount in self._rows(
            "SELECT a.source_id, a.year, a.amount FROM financing_amount a "
            "JOIN budget_source s ON s.id = a.source_id "
            "JOIN financing_line l ON l.id = s.line_id WHERE l.project_id = ?",
            (project_id,),
        ):
            sources[source_id][0].values[year] = Decimal(amount)
        load_execution(self._rows, project_id, {key: entry[0] for key, entry in sources.items()})
        return list(lines.values())
