"""Validation rules: each a small named function that finds one kind of inconsistency.

A rule reads a project and yields problems in Russian that name the place (the table, the row
number, the year); the GUI selects that cell when a problem is clicked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from cdo_desktop.core.diff import number_key
from cdo_desktop.core.model import PlanFactRow, Project, RowKind
from cdo_desktop.core.numbers import format_number
from cdo_desktop.core.words import counted
from cdo_desktop.core.work_calendar import WorkCalendar


class Level(StrEnum):
    ERROR = "error"  # the figures cannot be right: fix before reporting
    WARNING = "warning"  # possibly right, worth a look


LEVEL_WORDS = {Level.ERROR: "ошибка", Level.WARNING: "предупреждение"}
FINANCING = "financing"
RISKS = "risks"
TABLE_WORDS = {
    RowKind.INDICATOR: "Показатели",
    RowKind.RESULT: "Результаты",
    FINANCING: "Финансирование",
    RISKS: "Риски",
}


@dataclass(frozen=True)
class Problem:
    """What a rule found and where: `table` is a RowKind or FINANCING; `field` plan/fact/amount."""

    rule: str
    level: Level
    message: str
    table: RowKind | str
    row_index: int
    row_number: str
    year: int | None = None
    field: str | None = None

    def place(self) -> str:
        table = TABLE_WORDS.get(self.table, "Финансирование")
        where = f"{table}, строка № {self.row_number or self.row_index + 1}"
        if self.year is not None:
            where += f", {self.year}"
        return where

    def __str__(self) -> str:
        return f"{LEVEL_WORDS[self.level].capitalize()}: {self.place()}: {self.message}"


Rule = Callable[[Project, date], Iterator[Problem]]


def _rows(project: Project) -> Iterator[tuple[RowKind, int, PlanFactRow]]:
    for kind in RowKind:
        for index, row in enumerate(project.rows(kind)):
            yield kind, index, row


def cumulative_plan_decreases(project: Project, today: date) -> Iterator[Problem]:
    """«Нарастающим итогом» cannot go down from one year to the next."""
    for kind, index, row in _rows(project):
        if not row.cumulative:
            continue
        previous: tuple[int, object] | None = None
        for year in project.years:
            plan = row.value(year).plan
            if plan is None:
                continue
            if previous is not None and plan < previous[1]:  # type: ignore[operator]
                yield Problem(
                    "cumulative_plan_decreases",
                    Level.ERROR,
                    f"план нарастающим итогом уменьшается: {previous[0]} — "
                    f"{format_number(previous[1])}, {year} — {format_number(plan)}",  # type: ignore[arg-type]
                    kind,
                    index,
                    row.number,
                    year,
                    "plan",
                )
            previous = (year, plan)


def _is_percent(unit: str) -> bool:
    unit = unit.strip().casefold()
    return unit in ("%", "процент", "процентов", "проц.") or unit.startswith("процент")


def percent_out_of_range(project: Project, today: date) -> Iterator[Problem]:
    """A share in percent lies between 0 and 100."""
    for kind, index, row in _rows(project):
        if not _is_percent(row.unit):
            continue
        for year in project.years:
            for field, words in (("plan", "план"), ("fact", "факт")):
                value = getattr(row.value(year), field)
                if value is not None and not 0 <= value <= 100:
                    yield Problem(
                        "percent_out_of_range",
                        Level.ERROR,
                        f"{words} {format_number(value)} % — вне пределов 0–100",
                        kind,
                        index,
                        row.number,
                        year,
                        field,
                    )


def fact_without_plan(project: Project, today: date) -> Iterator[Problem]:
    """A fact is measured against a plan; without one it cannot be judged."""
    for kind, index, row in _rows(project):
        for year in project.years:
            value = row.value(year)
            if value.fact is not None and value.plan is None:
                yield Problem(
                    "fact_without_plan",
                    Level.WARNING,
                    f"факт {format_number(value.fact)} без плана",
                    kind,
                    index,
                    row.number,
                    year,
                    "fact",
                )


def fact_in_the_future(project: Project, today: date) -> Iterator[Problem]:
    """A fact cannot be known for a year that has not begun."""
    for kind, index, row in _rows(project):
        for year in project.years:
            fact = row.value(year).fact
            if year > today.year and fact is not None:
                yield Problem(
                    "fact_in_the_future",
                    Level.ERROR,
                    f"факт {format_number(fact)} за год, который ещё не начался",
                    kind,
                    index,
                    row.number,
                    year,
                    "fact",
                )


def fact_due_by(year: int) -> date:
    """The fact of a year is reported by 1 February of the next year."""
    return date(year + 1, 2, 1)


def missing_fact(project: Project, today: date) -> Iterator[Problem]:
    """A planned year whose reporting date has passed has its fact; due today is not late yet.

    A year without a plan expects no fact (a row that starts later, a result not planned)."""
    for kind, index, row in _rows(project):
        for year in project.years:
            value = row.value(year)
            due = fact_due_by(year)
            if value.plan is not None and value.fact is None and today > due:
                yield Problem(
                    "missing_fact",
                    Level.WARNING,
                    f"нет факта (срок {due:%d.%m.%Y})",
                    kind,
                    index,
                    row.number,
                    year,
                    "fact",
                )


def negative_amount(project: Project, today: date) -> Iterator[Problem]:
    """Financing is never below zero."""
    for index, line in enumerate(project.financing):
        for source in line.sources:
            for year, amount in sorted(source.values.items()):
                if amount is not None and amount < 0:
                    where = "" if len(line.sources) == 1 else f" («{source.name}»)"
                    yield Problem(
                        "negative_amount",
                        Level.ERROR,
                        f"отрицательная сумма {format_number(amount)}{where}",
                        FINANCING,
                        index,
                        line.number,
                        year,
                        "amount",
                    )


def financing_linked_to_missing_result(project: Project, today: date) -> Iterator[Problem]:
    """A financing line points at a result of the project that exists («1.» is «1»)."""
    numbers = {number_key(row.number) for row in project.results}
    for index, line in enumerate(project.financing):
        if line.result and number_key(line.result) not in numbers:
            yield Problem(
                "financing_linked_to_missing_result",
                Level.ERROR,
                f"строка связана с результатом № {line.result}, которого нет",
                FINANCING,
                index,
                line.number,
            )


def risk_names_missing_row(project: Project, today: date) -> Iterator[Problem]:
    """A risk that threatens an indicator or a result names one of the project's rows (numbers
    compared as everywhere else: «1.» is «1», core.diff.number_key)."""
    numbers = {kind: {number_key(row.number) for row in project.rows(kind)} for kind in RowKind}
    for index, risk in enumerate(project.risks):
        number = risk.target_number.strip()
        if risk.target_kind is None or not number:
            continue
        if number_key(number) not in numbers[risk.target_kind]:
            word = "показателю" if risk.target_kind is RowKind.INDICATOR else "результату"
            yield Problem(
                "risk_names_missing_row",
                Level.WARNING,
                f"риск угрожает {word} № {number}, которого нет",
                RISKS,
                index,
                risk.number,
            )


def duplicated_row_number(project: Project, today: date) -> Iterator[Problem]:
    """Each row of a table has its own number."""
    tables: list[tuple[RowKind | str, list[str]]] = [
        (kind, [row.number for row in project.rows(kind)]) for kind in RowKind
    ]
    tables.append((FINANCING, [line.number for line in project.financing]))
    for table, numbers in tables:
        counts = Counter(number.strip() for number in numbers if number.strip())
        for index, number in enumerate(numbers):
            if counts[number.strip()] > 1:
                yield Problem(
                    "duplicated_row_number",
                    Level.ERROR,
                    f"номер «{number}» повторяется в таблице",
                    table,
                    index,
                    number,
                )


def missing_monitoring(
    project: Project, today: date, calendar: WorkCalendar | None = None
) -> Iterator[Problem]:
    """Monitoring values due and missing (core/monitoring_rules.py), due dates counted on
    `calendar` (the database's; without it the shipped one)."""
    from cdo_desktop.core.monitoring_rules import missing_monitoring as rule

    yield from rule(project, today, calendar)


def december_differs(project: Project, today: date) -> Iterator[Problem]:
    """A 31 December monitoring fact unlike the annual fact (core/monitoring_rules.py)."""
    from cdo_desktop.core.monitoring_rules import december_differs as rule

    yield from rule(project, today)


RULES: list[Rule] = [
    cumulative_plan_decreases,
    percent_out_of_range,
    fact_without_plan,
    fact_in_the_future,
    missing_fact,
    negative_amount,
    financing_linked_to_missing_result,
    risk_names_missing_row,
    duplicated_row_number,
    missing_monitoring,
    december_differs,
]


def check_project(
    project: Project, today: date | None = None, calendar: WorkCalendar | None = None
) -> list[Problem]:
    """Every problem every rule finds, errors first.

    `calendar`: the database's working-day calendar (storage.monitoring_store.database_calendar,
    the user's edits in it) that monitoring due dates count on; without it the shipped one.
    """
    today = today or date.today()
    found = [
        problem
        for rule in RULES
        for problem in (
            missing_monitoring(project, today, calendar)
            if rule is missing_monitoring
            else rule(project, today)
        )
    ]
    return sorted(found, key=lambda problem: problem.level is not Level.ERROR)


RULE_TITLES = {
    "cumulative_plan_decreases": "План нарастающим итогом уменьшается",
    "percent_out_of_range": "Процент вне пределов 0–100",
    "fact_without_plan": "Факт без плана",
    "fact_in_the_future": "Факт за год, который ещё не начался",
    "missing_fact": "Нет факта за прошедший год",
    "negative_amount": "Отрицательная сумма",
    "financing_linked_to_missing_result": "Связь с несуществующим результатом",
    "risk_names_missing_row": "Риск угрожает несуществующей строке",
    "duplicated_row_number": "Повторяющийся номер строки",
    "missing_monitoring": "Нет значения мониторинга",
    "december_differs": "Факт на 31 декабря не равен годовому",
}


def grouped(problems: list[Problem]) -> list[tuple[str, list[Problem]]]:
    """Problems by kind, in the order found (errors first): («Нет факта…», [its problems])."""
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        groups.setdefault(problem.rule, []).append(problem)
    return [(RULE_TITLES.get(rule, rule), found) for rule, found in groups.items()]


def count_text(problems: list[Problem]) -> str:
    """«2 ошибки, 12 предупреждений» for a status bar; «Проблем не найдено» for none."""
    errors = sum(problem.level is Level.ERROR for problem in problems)
    warnings = len(problems) - errors
    if not problems:
        return "Проблем не найдено"
    told = []
    if errors:
        told.append(counted(errors, "ошибка", "ошибки", "ошибок"))
    if warnings:
        told.append(counted(warnings, "предупреждение", "предупреждения", "предупреждений"))
    return ", ".join(told)


def has_errors(problems: list[Problem]) -> bool:
    return any(problem.level is Level.ERROR for problem in problems)


# The 2025–2030 passport's checks add themselves to RULES (they build on Problem above).
from cdo_desktop.core import passport_rules  # noqa: E402, F401
