"""Control points and risks as a person judges them: a point's status at a date, the dates as
people write them, what is overdue and what is still open."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import (
    ControlPoint,
    PlanFactRow,
    Project,
    Risk,
    RiskStatus,
    RowKind,
)


class PointStatus(StrEnum):
    DONE = "done"
    DONE_LATE = "done_late"
    OVERDUE = "overdue"
    IN_WORK = "in_work"


POINT_STATUS_WORDS = {
    PointStatus.DONE: "выполнена",
    PointStatus.DONE_LATE: "выполнена с нарушением срока",
    PointStatus.OVERDUE: "просрочена",
    PointStatus.IN_WORK: "в работе",
}
# Overdue first: what needs attention leads every list of points.
STATUS_ORDER = {
    PointStatus.OVERDUE: 0,
    PointStatus.IN_WORK: 1,
    PointStatus.DONE_LATE: 2,
    PointStatus.DONE: 3,
}
NOT_DONE = "–"  # how a missing actual date is shown, as `history` shows «no value»


def point_status(point: ControlPoint, as_of: date) -> PointStatus:
    """The status at `as_of`: a point done after that day was not done yet on it."""
    if point.done is not None and point.done <= as_of:
        return PointStatus.DONE if point.done <= point.due else PointStatus.DONE_LATE
    return PointStatus.OVERDUE if point.due < as_of else PointStatus.IN_WORK


def status_word(point: ControlPoint, as_of: date) -> str:
    return POINT_STATUS_WORDS[point_status(point, as_of)]


@dataclass(frozen=True)
class PointOfResult:
    """A control point with the result it belongs to."""

    result: PlanFactRow
    point: ControlPoint


def points_at(project: Project, as_of: date) -> list[PointOfResult]:
    """Every point of the project, result by result, overdue first within each result."""
    found: list[PointOfResult] = []
    for result in project.results:
        ordered = sorted(
            result.control_points,
            key=lambda point: STATUS_ORDER[point_status(point, as_of)],
        )
        found += [PointOfResult(result, point) for point in ordered]
    return found


def overdue_points(project: Project, as_of: date) -> list[PointOfResult]:
    """Points not done by `as_of` whose planned date is before it (the summary and the
    overview count these)."""
    return [
        entry
        for entry in points_at(project, as_of)
        if point_status(entry.point, as_of) is PointStatus.OVERDUE
    ]


def open_risks(project: Project) -> list[Risk]:
    """Risks still open (the summary and the overview count these)."""
    return [risk for risk in project.risks if risk.status is RiskStatus.OPEN]


def risk_target_text(risk: Risk) -> str:
    """«Результат 1.2», «Показатель 3», or empty when the risk names nothing."""
    if risk.target_kind is None:
        return ""
    word = "Показатель" if risk.target_kind is RowKind.INDICATOR else "Результат"
    return f"{word} {risk.target_number}".strip()


# ---------------------------------------------------------------------- dates as people write them


class DateTextError(CdoError):
    """A text that is not a date («31.02.2024», «весна»); `reason` says why in Russian."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*г\.?)?$")
_NOT_DONE_TEXTS = frozenset({"", "-", "–", "—", "нет", "не выполнена"})


def date_text(day: date | None) -> str:
    """27.11.2026; «–» for none."""
    return NOT_DONE if day is None else f"{day:%d.%m.%Y}"


def parse_date(text: str) -> date:
    """«31.03.2024» or «20.12.2024 г.» as a date; DateTextError for anything else, an
    impossible day («31.02.2024») included."""
    cleaned = " ".join(text.split())
    match = _DATE.match(cleaned)
    if match is None:
        raise DateTextError(f"«{cleaned}» не является датой: ожидалось ДД.ММ.ГГГГ")
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise DateTextError(f"даты «{cleaned}» не бывает") from None


def parse_optional_date(text: str) -> date | None:
    """An actual date, where a dash (or nothing) means «not done»."""
    if " ".join(text.split()).casefold() in _NOT_DONE_TEXTS:
        return None
    return parse_date(text)
