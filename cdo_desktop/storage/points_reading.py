"""Reading control points and risks with plain SQL (no peewee: the window's first look reads
projects through this too)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from cdo_desktop.core.model import (
    ControlPoint,
    Level,
    PlanFactRow,
    PointKind,
    Project,
    Risk,
    RiskStatus,
    RowKind,
)

Rows = Callable[[str, tuple[object, ...]], Iterable[tuple[Any, ...]]]

POINT_COLUMNS = "id, number, name, kind, due, done, responsible, document, control_level"
RISK_COLUMNS = (
    "id, number, description, target_kind, target_number, probability, impact, mitigation, "
    "owner, status"
)


def iso_date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def iso_text(day: object) -> str | None:
    """A date as stored: ISO text, the same on every engine."""
    return day.isoformat() if isinstance(day, date) else None if day is None else str(day)


def point_of(record: tuple[Any, ...]) -> ControlPoint:
    point_id, number, name, kind, due, done, responsible, document, level = record
    return ControlPoint(
        id=point_id,
        number=number,
        name=name,
        kind=PointKind(kind),
        due=date.fromisoformat(due),
        done=iso_date(done),
        responsible=responsible,
        document=document,
        control_level=level,
    )


def risk_of(record: tuple[Any, ...]) -> Risk:
    risk_id, number, description, target_kind, target_number, probability, impact = record[:7]
    mitigation, owner, status = record[7:]
    return Risk(
        id=risk_id,
        number=number,
        description=description,
        target_kind=None if target_kind is None else RowKind(target_kind),
        target_number=target_number,
        probability=Level(probability),
        impact=Level(impact),
        mitigation=mitigation,
        owner=owner,
        status=RiskStatus(status),
    )


def load_points_and_risks(rows: Rows, project: Project) -> None:
    """Read the project's control points (into its results) and risks: two queries."""
    assert project.id is not None
    results = {row.id: row for row in project.results}
    for row in project.results:
        row.control_points = []
    for record in rows(
        f"SELECT c.result_id, {', '.join('c.' + c for c in POINT_COLUMNS.split(', '))} "
        "FROM control_point c JOIN plan_fact_row r ON r.id = c.result_id "
        "WHERE r.project_id = ? ORDER BY c.sort_order, c.id",
        (project.id,),
    ):
        result = results.get(record[0])
        if result is not None:
            result.control_points.append(point_of(tuple(record[1:])))
    project.risks = read_risks(rows, project.id)


def read_points(rows: Rows, result_id: int) -> list[ControlPoint]:
    return [
        point_of(tuple(record))
        for record in rows(
            f"SELECT {POINT_COLUMNS} FROM control_point WHERE result_id = ? "
            "ORDER BY sort_order, id",
            (result_id,),
        )
    ]


def read_results_points(rows: Rows, project_id: int) -> list[PlanFactRow]:
    """The project's results with their points but without their figures: what the window's
    control-point table re-reads after each edit (two queries, whatever the project's size)."""
    results = [
        PlanFactRow(id=row_id, number=number, name=name)
        for row_id, number, name in rows(
            "SELECT id, number, name FROM plan_fact_row WHERE project_id = ? AND kind = ? "
            "ORDER BY sort_order, id",
            (project_id, RowKind.RESULT.value),
        )
    ]
    by_id = {row.id: row for row in results}
    for record in rows(
        f"SELECT c.result_id, {', '.join('c.' + c for c in POINT_COLUMNS.split(', '))} "
        "FROM control_point c JOIN plan_fact_row r ON r.id = c.result_id "
        "WHERE r.project_id = ? ORDER BY c.sort_order, c.id",
        (project_id,),
    ):
        result = by_id.get(record[0])
        if result is not None:
            result.control_points.append(point_of(tuple(record[1:])))
    return results


def read_risks(rows: Rows, project_id: int) -> list[Risk]:
    return [
        risk_of(tuple(record))
        for record in rows(
            f"SELECT {RISK_COLUMNS} FROM risk WHERE project_id = ? ORDER BY sort_order, id",
            (project_id,),
        )
    ]
