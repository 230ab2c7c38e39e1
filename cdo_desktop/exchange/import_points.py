"""Control points and risks of a file laid over the project: the import builder's part.

A table of control points gives the points of the results it names (a result the table does
not name keeps its points) and never touches the results' own fields or figures; a table of
risks gives the project's risks. Points and risks the file lacks are removed, or kept when the
user keeps rows the file lacks. The store's diff pairs them with the stored ones by number,
then by name, so they keep their history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from cdo_desktop.core.changes import (
    POINT_FIELDS,
    RISK_FIELDS,
    AddItem,
    MoveItem,
    RemoveItem,
    SetValue,
)
from cdo_desktop.core.changes import Change as CoreChange
from cdo_desktop.core.control_points import date_text
from cdo_desktop.core.diff import match_rows, number_key
from cdo_desktop.core.history import FIELD_WORDS
from cdo_desktop.core.history import Section as CoreSection
from cdo_desktop.core.model import (
    LEVEL_WORDS,
    POINT_KIND_WORDS,
    RISK_STATUS_WORDS,
    ControlPoint,
    Project,
    Risk,
)
from cdo_desktop.exchange.import_changes import Action, Change, Section
from cdo_desktop.exchange.import_incoming import IncomingPoint, Problem

if TYPE_CHECKING:
    from cdo_desktop.exchange.import_plan import _Builder

T = TypeVar("T")
SECTIONS = {CoreSection.CONTROL_POINTS: Section.CONTROL_POINTS, CoreSection.RISKS: Section.RISKS}


_FIELDS_OF: dict[type, tuple[str, ...]] = {ControlPoint: POINT_FIELDS, Risk: RISK_FIELDS}


def _point_key(point: ControlPoint) -> tuple[str, str]:
    return point.number, point.name


def _risk_key(risk: Risk) -> tuple[str, str]:
    return risk.number, risk.description


def lay_points_and_risks(builder: _Builder, project: Project) -> None:
    """Put the file's points into the results they name and its risks into `project`."""
    incoming = builder.incoming
    if incoming.control_points is not None:
        by_result: dict[str, list[IncomingPoint]] = {}
        for item in incoming.control_points:
            by_result.setdefault(number_key(item.result), []).append(item)
        positions = {number_key(row.number): at for at, row in enumerate(project.results)}
        for key, items in by_result.items():
            at = positions.get(key)
            if at is None:
                builder.problems.append(
                    Problem(
                        f"в проекте нет результата № {items[0].result}: его контрольные точки "
                        "не загружены; внесите результат или исправьте номер",
                        items[0].location,
                    )
                )
                continue
            result = project.results[at]
            points = _kept_fields(
                result.control_points, [(i.point, i.given) for i in items], _point_key
            )
            if not builder.remove_missing:
                points += _left(result.control_points, points, _point_key)
            project.results[at] = replace(result, control_points=points)
    if incoming.risks is not None:
        risks = _kept_fields(project.risks, [(i.risk, i.given) for i in incoming.risks], _risk_key)
        if not builder.remove_missing:
            risks += _left(project.risks, risks, _risk_key)
        project.risks = risks


def _kept_fields(
    olds: list[T], news: list[tuple[T, frozenset[str]]], key: Callable[[T], tuple[str, str]]
) -> list[T]:
    """The file's items, each with the stored values of the fields its table has no column
    for (a table without «Ответственный» does not empty the responsible)."""
    found, _ = match_rows(olds, [item for item, _ in news], _number_first(key), _number_first(key))
    kept: list[T] = []
    for (item, given), index in zip(news, found, strict=True):
        if index is not None:
            old = olds[index]
            missing = {
                name: getattr(old, name)
                for name in _FIELDS_OF[type(item)]
                if name not in given and name not in ("number", "name", "description")
            }
            item = replace(item, **missing)  # type: ignore[type-var]
        kept.append(item)
    return kept


def _number_first(key: Callable[[T], tuple[str, str]]) -> Callable[[T], tuple[str, str]]:
    # match_rows tries (both, second, first): the number second, so before the name.
    return lambda item: (key(item)[1], key(item)[0])


def _left(olds: list[T], news: list[T], key: Callable[[T], tuple[str, str]]) -> list[T]:
    """The stored items the file has no match for, in their order."""
    _, left = match_rows(olds, news, _number_first(key), _number_first(key))
    return [olds[index] for index in left]


# ---------------------------------------------------------------------------- preview lines

_WORDS = {
    "kind": {kind.value: word for kind, word in POINT_KIND_WORDS.items()},
    "probability": {level.value: word for level, word in LEVEL_WORDS.items()},
    "impact": {level.value: word for level, word in LEVEL_WORDS.items()},
    "status": {status.value: word for status, word in RISK_STATUS_WORDS.items()},
    "target_kind": {"indicator": "показатель", "result": "результат"},
}


def _shown(field: str, value: object) -> str | None:
    if value is None:
        return None
    if field in _WORDS:
        return _WORDS[field].get(str(getattr(value, "value", value)), str(value))
    if field in ("due", "done"):
        return date_text(value)  # type: ignore[arg-type]
    return str(value)


def _title(item: object) -> str:
    if isinstance(item, ControlPoint):
        return f"{item.number}. {item.name}"
    if isinstance(item, Risk):
        return f"{item.number}. {item.description}"
    return str(item)


def preview_point_lines(edit: CoreChange, old: Project, new: Project) -> list[Change]:
    """The preview's line for one change of a control point or a risk."""
    where = edit.where
    section = SECTIONS[where.section]
    results = {row.id: row for row in [*old.results, *new.results]}
    result = results.get(where.parent)
    prefix = f"результат {result.number} / " if result is not None else ""
    if isinstance(edit, MoveItem):
        return [
            Change(
                Action.CHANGE,
                section,
                prefix.rstrip(" /"),
                field="order",
                label="порядок строк",
                old="как в базе",
                new="как в файле",
            )
        ]
    if isinstance(edit, AddItem | RemoveItem):
        action = Action.ADD if isinstance(edit, AddItem) else Action.REMOVE
        return [Change(action, section, prefix + _title(edit.item))]
    assert isinstance(edit, SetValue)
    items: list[ControlPoint | Risk] = (
        [point for row in old.results for point in row.control_points]
        if where.section is CoreSection.CONTROL_POINTS
        else list(old.risks)
    )
    item = next((item for item in items if item.id == where.item), None)
    field = where.field
    return [
        Change(
            Action.CHANGE,
            section,
            prefix + (_title(item) if item is not None else ""),
            field=field,
            label=FIELD_WORDS.get(field, field),
            old=_shown(field, edit.old),
            new=_shown(field, edit.new),
        )
    ]
