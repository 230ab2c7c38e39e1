"""The monitoring fields of `cdo-desktop/1` (docs/exchange-format.md): a row's `periodicity` and
`monitoring`, a budget source's `execution`, a project's `reporting`.

All optional: `dump` writes each only when it is not empty or default, so documents without
monitoring are written exactly as before, and old documents load unchanged.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from cdo_desktop.core.errors import DocumentError
from cdo_desktop.core.model import MonitoringValue, Periodicity, PlanFactRow, Project, RowKind
from cdo_desktop.core.monitoring_dates import is_month_end

DEFAULT_DUE_WORKDAY = 2
_ROW_LISTS = {RowKind.INDICATOR: "indicators", RowKind.RESULT: "results"}


class FieldReader(Protocol):
    """What json_format's reader offers: checked primitives with the JSON path in errors."""

    def mapping(self, value: Any, path: str) -> dict[str, Any]: ...
    def list(self, value: Any, path: str) -> list[Any]: ...
    def number(self, value: Any, path: str) -> Decimal | None: ...
    def text(
        self, data: dict[str, Any], key: str, path: str, *, default: str | None = None
    ) -> str: ...


# ----------------------------------------------------------------------------- writing


def add_monitoring(data: dict[str, Any], project: Project) -> dict[str, Any]:
    """The project's dict (json_format's) with the monitoring fields that are not empty."""
    for kind, key in _ROW_LISTS.items():
        for row, row_data in zip(project.rows(kind), data[key], strict=True):
            if row.periodicity is not Periodicity.YEAR:
                row_data["periodicity"] = row.periodicity.value
            entries = [
                {
                    "as_of": as_of.isoformat(),
                    "fact": entry.fact,
                    "forecast": entry.forecast,
                    "reason": entry.reason,
                    "document": entry.document,
                }
                for as_of, entry in sorted(row.monitoring.items())
                if not entry.is_empty()
            ]
            if entries:
                row_data["monitoring"] = entries
    for line, line_data in zip(project.financing, data["financing"], strict=True):
        for source, source_data in zip(line.sources, line_data["sources"], strict=True):
            execution = [
                {"as_of": as_of.isoformat(), "executed": executed}
                for as_of, executed in sorted(source.execution.items())
                if executed is not None
            ]
            if execution:
                source_data["execution"] = execution
    if project.due_workday != DEFAULT_DUE_WORKDAY:
        data["reporting"] = {"due_workday": project.due_workday}
    return data


# ----------------------------------------------------------------------------- reading


def read_monitoring(reader: FieldReader, project: Project, data: dict[str, Any], path: str) -> None:
    """Read the monitoring fields of one project's JSON object into the project just read."""
    years = project.years
    for kind, key in _ROW_LISTS.items():
        for index, (row, row_data) in enumerate(
            zip(project.rows(kind), data.get(key, []), strict=False)
        ):
            _read_row(
                reader,
                row,
                reader.mapping(row_data, f"{path}.{key}[{index}]"),
                f"{path}.{key}[{index}]",
                years,
            )
    for index, (line, line_data) in enumerate(
        zip(project.financing, data.get("financing", []), strict=False)
    ):
        line_path = f"{path}.financing[{index}]"
        sources_data = reader.mapping(line_data, line_path).get("sources") or []
        for number, (source, source_data) in enumerate(
            zip(line.sources, sources_data, strict=False)
        ):
            source_path = f"{line_path}.sources[{number}]"
            items = reader.mapping(source_data, source_path).get("execution", [])
            seen: set[date] = set()
            for place, item in enumerate(reader.list(items, f"{source_path}.execution")):
                item_path = f"{source_path}.execution[{place}]"
                entry = reader.mapping(item, item_path)
                as_of = _as_of(entry, item_path, years, seen)
                executed = reader.number(entry.get("executed"), f"{item_path}.executed")
                if executed is not None:
                    source.execution[as_of] = executed
    if "reporting" in data:
        reporting = reader.mapping(data["reporting"], f"{path}.reporting")
        workday = reporting.get("due_workday", DEFAULT_DUE_WORKDAY)
        if isinstance(workday, bool) or not isinstance(workday, int) or not 1 <= workday <= 30:
            raise DocumentError(
                f"срок отчёта «{workday}»: ожидалось целое число рабочих дней от 1 до 30",
                location=f"{path}.reporting.due_workday",
                value=workday,
            )
        project.due_workday = workday


def _read_row(
    reader: FieldReader, row: PlanFactRow, data: dict[str, Any], path: str, years: range
) -> None:
    if "periodicity" in data:
        text = data["periodicity"]
        try:
            row.periodicity = Periodicity(text)
        except ValueError:
            raise DocumentError(
                f"периодичность «{text}»: ожидалось «month», «quarter» или «year»",
                location=f"{path}.periodicity",
                value=text,
            ) from None
    seen: set[date] = set()
    for index, item in enumerate(reader.list(data.get("monitoring", []), f"{path}.monitoring")):
        item_path = f"{path}.monitoring[{index}]"
        entry_data = reader.mapping(item, item_path)
        as_of = _as_of(entry_data, item_path, years, seen)
        entry = MonitoringValue(
            fact=reader.number(entry_data.get("fact"), f"{item_path}.fact"),
            forecast=reader.number(entry_data.get("forecast"), f"{item_path}.forecast"),
            reason=reader.text(entry_data, "reason", item_path, default=""),
            document=reader.text(entry_data, "document", item_path, default=""),
        )
        if not entry.is_empty():  # an empty entry is not stored
            row.monitoring[as_of] = entry


def _as_of(data: dict[str, Any], path: str, years: range, seen: set[date]) -> date:
    if "as_of" not in data:
        raise DocumentError("нет обязательного поля «as_of»", location=path)
    text = data["as_of"]
    day: date | None = None
    if isinstance(text, str) and len(text) == 10:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            day = None
    if day is None:
        raise DocumentError(
            f"дата «{text}»: ожидалось ГГГГ-ММ-ДД", location=f"{path}.as_of", value=text
        )
    if not is_month_end(day):
        raise DocumentError(
            f"дата {text} — не последний день месяца (отчётная дата — конец периода)",
            location=f"{path}.as_of",
            value=text,
        )
    if day.year not in years:
        raise DocumentError(
            f"дата {text} вне лет проекта {years.start}–{years.stop - 1}",
            location=f"{path}.as_of",
            value=text,
        )
    if day in seen:
        raise DocumentError(f"дата {text} указана дважды", location=f"{path}.as_of", value=text)
    seen.add(day)
    return day
