"""The diff of control points and risks: the part of `diff_project` this feature adds.

Points are diffed under each result the project diff paired (a result added or removed carries
its points with it); points and risks are paired by id, then by number, then by name.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import Enum

from cdo_desktop.core.changes import POINT_FIELDS, RISK_FIELDS, Change, SetValue, Value, Where
from cdo_desktop.core.diff import _differs, _ordered, _pair
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import ControlPoint, PlanFactRow, Project, Risk


def field_value(item: ControlPoint | Risk, field: str) -> Value:
    """A point's or risk's field as the change vocabulary keeps it (closed sets as tokens)."""
    value = getattr(item, field)
    if isinstance(value, Enum):
        return str(value.value)
    assert value is None or isinstance(value, str | date)
    return value


def _number_first(item: ControlPoint | Risk) -> tuple[str, str]:
    # match_rows tries (both, second, first): the number goes second so it is tried before the name.
    name = item.name if isinstance(item, ControlPoint) else item.description
    return name, item.number


def point_and_risk_changes(old: Project, new: Project) -> list[Change]:
    """Changes to the points of the results `old` and `new` share, and to the risks."""
    assert old.id is not None
    project = old.id
    changes: list[Change] = []
    found = _pair(old.results, new.results, lambda row: (row.number, row.name))
    for position, index in enumerate(found):
        if index is not None:
            changes += point_changes(project, old.results[index], new.results[position])
    changes += risk_changes(project, old.risks, new.risks)
    return changes


def point_changes(project: int, old: PlanFactRow, new: PlanFactRow) -> list[Change]:
    """The stored result `old`'s control points turned into those of `new`."""
    result = old.id

    def where(item: object) -> Where:
        return Where(project, Section.CONTROL_POINTS, item=item, parent=result)  # type: ignore[arg-type]

    def same(a: ControlPoint, b: ControlPoint) -> Iterator[Change]:
        for field in POINT_FIELDS:
            before, after = field_value(a, field), field_value(b, field)
            if _differs(before, after):
                yield SetValue(
                    Where(project, Section.CONTROL_POINTS, a.id, field, parent=result),
                    before,
                    after,
                )

    found = _pair(old.control_points, new.control_points, _number_first)
    return list(
        _ordered(where, old.control_points, new.control_points, found, lambda p: p.id, same)
    )


def risk_changes(project: int, old: list[Risk], new: list[Risk]) -> list[Change]:
    def where(item: object) -> Where:
        return Where(project, Section.RISKS, item=item)  # type: ignore[arg-type]

    def same(a: Risk, b: Risk) -> Iterator[Change]:
        for field in RISK_FIELDS:
            before, after = field_value(a, field), field_value(b, field)
            if _differs(before, after):
                yield SetValue(Where(project, Section.RISKS, a.id, field), before, after)

    found = _pair(old, new, _number_first)
    return list(_ordered(where, old, new, found, lambda risk: risk.id, same))
