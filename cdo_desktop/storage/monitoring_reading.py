"""Monitoring read with a whole project: plain SQL through the reader's own way of running it,
no peewee (storage/reading.py shows a project before the rest of storage is imported)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from cdo_desktop.core.model import (
    BudgetSource,
    MonitoringValue,
    Periodicity,
    PlanFactRow,
    Project,
    RowKind,
)

Rows = Callable[[str, tuple[object, ...]], Any]


def decimal_or_none(text: str | None) -> Decimal | None:
    """A number as the database keeps it (its text, or none) → the number; every reader of
    stored numbers takes this one."""
    return None if text is None else Decimal(text)


def entry_of(record: tuple[Any, ...]) -> MonitoringValue:
    """(fact, forecast, reason, document) as stored → the entry."""
    fact, forecast, reason, document = record
    return MonitoringValue(
        decimal_or_none(fact), decimal_or_none(forecast), reason or "", document or ""
    )


def load_rows_monitoring(
    rows: Rows, project_id: int, kind: RowKind, found: dict[int, PlanFactRow]
) -> None:
    """Periodicity and monitoring entries of a project's rows of one kind, read into them."""
    for row_id, periodicity in rows(
        "SELECT id, periodicity FROM plan_fact_row WHERE project_id = ? AND kind = ?",
        (project_id, kind.value),
    ):
        found[row_id].periodicity = Periodicity(periodicity)
    for row_id, as_of, *values in rows(
        "SELECT m.row_id, m.as_of, m.fact, m.forecast, m.reason, m.document "
        "FROM monitoring_value m JOIN plan_fact_row r ON r.id = m.row_id "
        "WHERE r.project_id = ? AND r.kind = ? ORDER BY m.as_of",
        (project_id, kind.value),
    ):
        found[row_id].monitoring[date.fromisoformat(as_of)] = entry_of(tuple(values))


def load_execution(rows: Rows, project_id: int, sources: dict[int, BudgetSource]) -> None:
    for source_id, as_of, executed in rows(
        "SELECT e.source_id, e.as_of, e.executed FROM budget_execution e "
        "JOIN budget_source s ON s.id = e.source_id "
        "JOIN financing_line l ON l.id = s.line_id WHERE l.project_id = ? ORDER BY e.as_of",
        (project_id,),
    ):
        sources[source_id].execution[date.fromisoformat(as_of)] = Decimal(executed)


def load_due_workday(rows: Rows, project: Project) -> None:
    for (workday,) in rows("SELECT due_workday FROM project WHERE id = ?", (project.id,)):
        project.due_workday = int(workday)
