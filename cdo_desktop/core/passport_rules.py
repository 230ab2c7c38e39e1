"""Checks of the 2025–2030 passport: municipal sums, tasks and links that name nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cdo_desktop.core.model import Project, RowKind, sum_or_none
from cdo_desktop.core.numbers import format_number
from cdo_desktop.core.okei import is_additive
from cdo_desktop.core.rules import RULE_TITLES, RULES, Level, Problem, Rule, _rows


def municipal_sum_differs(project: Project, today: date) -> Iterator[Problem]:
    """For a unit that adds up (единиц, человек, тыс. рублей) the municipalities' values sum to
    the region's; a percent or another share is not a sum, so it is not compared."""
    for kind, index, row in _rows(project):
        if not row.municipalities or not is_additive(row.okei, row.unit):
            continue
        for year in project.years:
            for field, words in (("plan", "план"), ("fact", "факт")):
                region = getattr(row.value(year), field)
                total = sum_or_none(
                    getattr(entry.values.get(year), field, None) for entry in row.municipalities
                )
                if region is None or total is None or total == region:
                    continue
                yield Problem(
                    "municipal_sum_differs",
                    Level.WARNING,
                    f"{words} по муниципалитетам в сумме {format_number(total)}, "
                    f"а по области {format_number(region)}",
                    kind,
                    index,
                    row.number,
                    year,
                    field,
                )


def unknown_municipality(project: Project, today: date) -> Iterator[Problem]:
    """A breakdown names only the project's municipalities."""
    known = set(project.municipalities)
    for kind, index, row in _rows(project):
        for entry in row.municipalities:
            if entry.name not in known:
                yield Problem(
                    "unknown_municipality",
                    Level.WARNING,
                    f"муниципалитета «{entry.name}» нет в списке муниципалитетов проекта",
                    kind,
                    index,
                    row.number,
                )


def missing_task_or_indicator(project: Project, today: date) -> Iterator[Problem]:
    """A row's task and a result's linked indicators name what the project has."""
    tasks = {task.number for task in project.tasks}
    indicators = {row.number for row in project.indicators}
    for kind, index, row in _rows(project):
        if row.task is not None and row.task not in tasks:
            yield Problem(
                "missing_task_or_indicator",
                Level.WARNING,
                f"задачи № {row.task} в проекте нет",
                kind,
                index,
                row.number,
            )
        if kind is RowKind.RESULT:
            for number in row.linked_indicators:
                if number not in indicators:
                    yield Problem(
                        "missing_task_or_indicator",
                        Level.WARNING,
                        f"связанного показателя № {number} в проекте нет",
                        kind,
                        index,
                        row.number,
                    )


PASSPORT_RULES: list[Rule] = [
    municipal_sum_differs,
    unknown_municipality,
    missing_task_or_indicator,
]
PASSPORT_RULE_TITLES = {
    "municipal_sum_differs": "Сумма по муниципалитетам не равна значению области",
    "unknown_municipality": "Муниципалитет не из списка проекта",
    "missing_task_or_indicator": "Ссылка на несуществующую задачу или показатель",
}

RULES.extend(PASSPORT_RULES)
RULE_TITLES.update(PASSPORT_RULE_TITLES)
