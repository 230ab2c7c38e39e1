"""The overview's later columns (issues 19, 20): values overdue, control points overdue, open
risks of every project as of a date, read for all projects at once in a few queries (as the
rest of storage/overview_reading.py) and counted by the same core functions as each project's
own summary and `due` (core.monitoring_due.overdue_count, core.control_points).

What is due needs only whether each value is there: the projects are read as that outline
(which rows, their periodicity, which years have a plan and which a fact, which reporting
dates have a monitoring fact or an execution value), not whole (`load_all` costs seconds for
the bench's 60 projects).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from cdo_desktop.core.control_points import open_risks, overdue_points
from cdo_desktop.core.model import (
    BudgetSource,
    FinancingLine,
    MonitoringValue,
    Periodicity,
    PlanFact,
    PlanFactRow,
    Project,
    Risk,
    RiskStatus,
    RowKind,
)
from cdo_desktop.core.monitoring_due import overdue_count
from cdo_desktop.core.overview import OPEN_RISKS, OVERDUE_POINTS, OVERDUE_VALUES, Value
from cdo_desktop.core.work_calendar import CalendarEdit, WorkCalendar
from cdo_desktop.storage.points_reading import POINT_COLUMNS, point_of

# Stands for «a value is there» in the outline: what is due looks at presence only.
_PRESENT = Decimal(1)


class Executes(Protocol):
    def execute(self, text: str, parameters: Any = ()) -> Any: ...


def read_later_columns(store: Executes, as_of: date) -> dict[int, dict[str, Value]]:
    """{project id: the three counts} as of `as_of`, for every project."""
    projects = _outlines(store)
    calendar = WorkCalendar.with_edits(_calendar_edits(store))
    return {
        project_id: {
            OVERDUE_VALUES: overdue_count(project, calendar, as_of),
            OVERDUE_POINTS: len(overdue_points(project, as_of)),
            OPEN_RISKS: len(open_risks(project)),
        }
        for project_id, project in projects.items()
    }


def _calendar_edits(store: Executes) -> list[CalendarEdit]:
    return [
        CalendarEdit(date.fromisoformat(day), bool(working))
        for day, working in store.execute("SELECT day, working FROM calendar_day ORDER BY day")
    ]


def _outlines(store: Executes) -> dict[int, Project]:
    projects = {
        project_id: Project(
            id=project_id,
            code="",
            name="",
            first_year=first_year,
            last_year=last_year,
            due_workday=due_workday,
        )
        for project_id, first_year, last_year, due_workday in store.execute(
            "SELECT id, first_year, last_year, due_workday FROM project"
        )
    }
    rows: dict[int, PlanFactRow] = {}
    for row_id, project_id, kind, number, periodicity in store.execute(
        "SELECT id, project_id, kind, number, periodicity FROM plan_fact_row "
        "ORDER BY project_id, sort_order, id"
    ):
        row = PlanFactRow(number, "", id=row_id, periodicity=Periodicity(periodicity))
        rows[row_id] = row
        projects[project_id].rows(RowKind(kind)).append(row)
    for row_id, year, has_plan, has_fact in store.execute(
        "SELECT row_id, year, plan IS NOT NULL, fact IS NOT NULL FROM plan_fact_value"
    ):
        rows[row_id].values[year] = PlanFact(
            _PRESENT if has_plan else None, _PRESENT if has_fact else None
        )
    for row_id, as_of in store.execute(
        "SELECT row_id, as_of FROM monitoring_value WHERE fact IS NOT NULL"
    ):
        rows[row_id].monitoring[date.fromisoformat(as_of)] = MonitoringValue(fact=_PRESENT)
    _read_execution(store, projects)
    for result_id, *point in store.execute(f"SELECT result_id, {POINT_COLUMNS} FROM control_point"):
        rows[result_id].control_points.append(point_of(tuple(point)))
    for project_id, status in store.execute("SELECT project_id, status FROM risk"):
        projects[project_id].risks.append(Risk("", "", status=RiskStatus(status)))
    return projects


def _read_execution(store: Executes, projects: dict[int, Project]) -> None:
    sources: dict[int, BudgetSource] = {}
    lines: dict[int, FinancingLine] = {}
    executed: dict[int, list[tuple[str, Any]]] = defaultdict(list)
    for source_id, as_of, value in store.execute(
        "SELECT source_id, as_of, executed FROM budget_execution"
    ):
        executed[source_id].append((as_of, value))
    if not executed:
        return
    for source_id, line_id, project_id, number, name in store.execute(
        "SELECT s.id, l.id, l.project_id, l.number, s.name FROM budget_source s "
        "JOIN financing_line l ON l.id = s.line_id ORDER BY l.sort_order, s.sort_order"
    ):
        if source_id not in executed:
            continue
        line = lines.get(line_id)
        if line is None:
            line = lines[line_id] = FinancingLine(number, "", id=line_id)
            projects[project_id].financing.append(line)
        source = sources[source_id] = BudgetSource(name, id=source_id)
        line.sources.append(source)
        for as_of, value in executed[source_id]:
            source.execution[date.fromisoformat(as_of)] = None if value is None else _PRESENT
