"""Laying the 2025–2030 passport of a file over the project: tasks, the fields of rows matched
to stored ones, and tables by municipality taken into their indicators' breakdowns (their
«Итого по области» checked against the region's values, never imported)."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from cdo_desktop.core.changes import PASSPORT_2025_ROW_FIELDS
from cdo_desktop.core.diff import name_key, number_key
from cdo_desktop.core.model import MunicipalValues, PlanFact, PlanFactRow, Project, Task
from cdo_desktop.core.numbers import format_number
from cdo_desktop.exchange.import_incoming import (
    Incoming,
    IncomingBreakdown,
    IncomingRow,
    Problem,
    Severity,
)

ROW_KEYS = PASSPORT_2025_ROW_FIELDS
_NUMBER_IN_CAPTION = re.compile(r"показател\w*\s*(?:№\s*)?(\d+(?:\.\d+)*)", re.IGNORECASE)
_PART_WORDS = {"plan": "план", "fact": "факт"}


def merge_row_fields(item: IncomingRow, merged: PlanFactRow) -> None:
    """The passport fields a file's table gives, over a stored row's (the rest kept)."""
    for key in ROW_KEYS:
        if key in item.given:
            value = getattr(item.row, key)
            setattr(merged, key, list(value) if isinstance(value, list) else value)


def lay_passport(incoming: Incoming, project: Project, problems: list[Problem]) -> None:
    """Tasks, breakdown flags and tables by municipality of the file, into `project`."""
    if incoming.tasks is not None:
        project.tasks = [Task(task.number, task.name) for task in incoming.tasks]
    if incoming.municipalities is not None:
        project.municipalities = list(incoming.municipalities)
    for item in incoming.indicators or []:
        if item.broken_down:
            _open_breakdown(project, item, problems)
        elif item.broken_down is False:
            _keep_breakdown(project, item, problems)
    for breakdown in incoming.breakdowns:
        _take(project, breakdown, problems)


def _index_of(project: Project, row: PlanFactRow) -> int | None:
    keys = (number_key(row.number), name_key(row.name))
    return next(
        (
            index
            for index, own in enumerate(project.indicators)
            if (number_key(own.number), name_key(own.name)) == keys
        ),
        None,
    )


def _own_copy(project: Project, index: int) -> PlanFactRow:
    """The indicator at `index`, copied so the stored project it came from is left as it is."""
    row = project.indicators[index]
    copied = replace(
        row,
        municipalities=[replace(e, values=dict(e.values)) for e in row.municipalities],
    )
    project.indicators[index] = copied
    return copied


def _open_breakdown(project: Project, item: IncomingRow, problems: list[Problem]) -> None:
    """«Декомпозиция …: да»: the indicator gets a line for each municipality of the project."""
    index = _index_of(project, item.row)
    if index is None or project.indicators[index].municipalities:
        return
    if not project.municipalities:
        problems.append(
            Problem(
                f"показатель № {item.row.number} разбит по муниципальным образованиям, но "
                "списка муниципалитетов в проекте нет: значения по муниципалитетам загрузите "
                "таблицей по муниципальным образованиям",
                item.location,
                Severity.WARNING,
            )
        )
        return
    row = _own_copy(project, index)
    row.municipalities = [MunicipalValues(name) for name in project.municipalities]


def _keep_breakdown(project: Project, item: IncomingRow, problems: list[Problem]) -> None:
    """«Декомпозиция …: нет» over a stored breakdown: the values stay, and the reader is told."""
    index = _index_of(project, item.row)
    if index is not None and project.indicators[index].municipalities:
        problems.append(
            Problem(
                f"у показателя № {item.row.number} в файле «нет» в столбце «Декомпозиция на "
                "муниципальные образования», а в базе есть значения по муниципалитетам: они "
                "сохранены",
                item.location,
                Severity.WARNING,
            )
        )


def _indicator_of(project: Project, caption: str) -> int | None:
    """The indicator a table's caption names: by its number, else by its whole name."""
    found = _NUMBER_IN_CAPTION.search(caption)
    if found is not None:
        key = number_key(found.group(1))
        for index, row in enumerate(project.indicators):
            if number_key(row.number) == key:
                return index
    words = name_key(caption)
    named = [
        (len(row.name), index)
        for index, row in enumerate(project.indicators)
        if row.name.strip() and name_key(row.name) in words
    ]
    return max(named)[1] if named else None


def _take(project: Project, breakdown: IncomingBreakdown, problems: list[Problem]) -> None:
    index = _indicator_of(project, breakdown.caption)
    if index is None:
        problems.append(
            Problem(
                "таблица по муниципальным образованиям: показатель, названный над ней "
                f"(«{breakdown.caption.strip()[:80]}»), в проекте не найден; укажите его номер "
                "(«Показатель № …») или наименование",
                breakdown.location,
            )
        )
        return
    row = _own_copy(project, index)
    entries = {name_key(entry.name): entry for entry in row.municipalities}
    years = project.years
    for item in breakdown.rows:
        name = item.row.name.strip()
        entry = entries.get(name_key(name))
        if entry is None:
            entry = MunicipalValues(name)
            row.municipalities.append(entry)
            entries[name_key(name)] = entry
        for year, part in sorted(item.covered):
            if year not in years:
                continue
            pair = entry.values.get(year) or PlanFact()
            entry.values[year] = replace(pair, **{part: getattr(item.row.value(year), part)})
            if entry.values[year].is_empty():
                del entry.values[year]
        if all(known != name for known in project.municipalities):
            project.municipalities = [*project.municipalities, name]
    for location, values in breakdown.totals:
        problems.append(
            Problem(
                "строка «Итого» таблицы по муниципальным образованиям сверена со значением "
                f"показателя № {row.number} и не загружается",
                location,
                Severity.WARNING,
            )
        )
        for (year, part), given in sorted(values.items()):
            region = getattr(row.value(year), part)
            if given is None or region is None or _same(given, region):
                continue
            problems.append(
                Problem(
                    f"итог по области {format_number(given)} не равен значению показателя "
                    f"№ {row.number} {format_number(region)} ({_PART_WORDS[part]} {year})",
                    location,
                    Severity.WARNING,
                )
            )


def _same(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) < Decimal("0.000001")
