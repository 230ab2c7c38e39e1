"""Control points and risks in the `cdo-desktop/1` document: optional fields, written only
when there are any (old documents load unchanged and dump to the same bytes)."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from cdo_desktop.core.errors import DocumentError
from cdo_desktop.core.model import (
    ControlPoint,
    Level,
    PointKind,
    Project,
    Risk,
    RiskStatus,
    RowKind,
)

if TYPE_CHECKING:
    from cdo_desktop.exchange.json_format import _Reader

T = TypeVar("T", bound=StrEnum)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TARGET_SECTIONS = {"indicators": RowKind.INDICATOR, "results": RowKind.RESULT}
_SECTION_OF = {kind: section for section, kind in _TARGET_SECTIONS.items()}


# ----------------------------------------------------------------------------- writing


def with_points_and_risks(project: Project, data: dict[str, Any]) -> dict[str, Any]:
    """The project's dict with `control_points` on results that have any, and `risks`."""
    for result, result_data in zip(project.results, data["results"], strict=True):
        if result.control_points:
            result_data["control_points"] = [point_to_dict(p) for p in result.control_points]
    if project.risks:
        data["risks"] = [risk_to_dict(risk) for risk in project.risks]
    return data


def point_to_dict(point: ControlPoint) -> dict[str, Any]:
    return {
        "number": point.number,
        "name": point.name,
        "kind": PointKind(point.kind).value,
        "due": point.due.isoformat(),
        "done": None if point.done is None else point.done.isoformat(),
        "responsible": point.responsible,
        "document": point.document,
        "control_level": point.control_level,
    }


def risk_to_dict(risk: Risk) -> dict[str, Any]:
    target = (
        None
        if risk.target_kind is None
        else {"section": _SECTION_OF[RowKind(risk.target_kind)], "number": risk.target_number}
    )
    return {
        "number": risk.number,
        "description": risk.description,
        "target": target,
        "probability": Level(risk.probability).value,
        "impact": Level(risk.impact).value,
        "mitigation": risk.mitigation,
        "owner": risk.owner,
        "status": RiskStatus(risk.status).value,
    }


# ----------------------------------------------------------------------------- reading


def read_points_and_risks(
    reader: _Reader, data: dict[str, Any], path: str, project: Project
) -> Project:
    """`project` (read by the caller from `data`) with its results' points and its risks."""
    for index, (result, item) in enumerate(
        zip(project.results, data.get("results") or [], strict=True)
    ):
        result_path = f"{path}.results[{index}]"
        points = reader.list(
            reader.mapping(item, result_path).get("control_points", []),
            f"{result_path}.control_points",
        )
        result.control_points = [
            _point(reader, point, f"{result_path}.control_points[{number}]")
            for number, point in enumerate(points)
        ]
    risks = reader.list(data.get("risks", []), f"{path}.risks")
    project.risks = [
        _risk(reader, risk, f"{path}.risks[{index}]") for index, risk in enumerate(risks)
    ]
    return project


def _point(reader: _Reader, value: Any, path: str) -> ControlPoint:
    data = reader.mapping(value, path)
    due = _date(reader, data, "due", path, required=True)
    assert due is not None
    return ControlPoint(
        number=reader.text(data, "number", path),
        name=reader.text(data, "name", path, non_empty=True),
        kind=_token(reader, data, "kind", path, PointKind, PointKind.CHECKPOINT),
        due=due,
        done=_date(reader, data, "done", path, required=False),
        responsible=reader.text(data, "responsible", path, default=""),
        document=reader.text(data, "document", path, default=""),
        control_level=reader.text(data, "control_level", path, default=""),
    )


def _risk(reader: _Reader, value: Any, path: str) -> Risk:
    data = reader.mapping(value, path)
    target_kind: RowKind | None = None
    target_number = ""
    target = data.get("target")
    if target is not None:
        target_path = f"{path}.target"
        target_map = reader.mapping(target, target_path)
        section = reader.text(target_map, "section", target_path)
        if section not in _TARGET_SECTIONS:
            raise DocumentError(
                f"раздел «{section}»: ожидалось «indicators» или «results»",
                location=f"{target_path}.section",
                value=section,
            )
        target_kind = _TARGET_SECTIONS[section]
        target_number = reader.text(target_map, "number", target_path)
    return Risk(
        number=reader.text(data, "number", path),
        description=reader.text(data, "description", path, non_empty=True),
        target_kind=target_kind,
        target_number=target_number,
        probability=_token(reader, data, "probability", path, Level, Level.MEDIUM),
        impact=_token(reader, data, "impact", path, Level, Level.MEDIUM),
        mitigation=reader.text(data, "mitigation", path, default=""),
        owner=reader.text(data, "owner", path, default=""),
        status=_token(reader, data, "status", path, RiskStatus, RiskStatus.OPEN),
    )


def _token(
    reader: _Reader, data: dict[str, Any], key: str, path: str, kind: type[T], default: T
) -> T:
    text = reader.text(data, key, path, default=default.value)
    try:
        return kind(text)
    except ValueError:
        allowed = " или ".join(f"«{member.value}»" for member in kind)
        raise DocumentError(
            f"значение «{text}»: ожидалось {allowed}", location=f"{path}.{key}", value=text
        ) from None


def _date(
    reader: _Reader, data: dict[str, Any], key: str, path: str, *, required: bool
) -> date | None:
    if not required and data.get(key) is None:
        return None
    text = reader.text(data, key, path)
    if not _ISO_DATE.match(text):
        raise DocumentError(
            f"«{text}» не является датой ГГГГ-ММ-ДД", location=f"{path}.{key}", value=text
        )
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DocumentError(
            f"даты «{text}» не бывает", location=f"{path}.{key}", value=text
        ) from None
