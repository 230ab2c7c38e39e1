"""How a fact stands against the plan of the same year: the words, the mark and the percent."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from cdo_desktop.core.model import Direction, PlanFactRow, Project
from cdo_desktop.core.numbers import format_number, format_percent


class Status(StrEnum):
    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    NO_FACT = "no_fact"
    NO_PLAN = "no_plan"
    EMPTY = "empty"


# Marks survive black-and-white printing where colours do not.
MARKS = {
    Status.ACHIEVED: "✓",
    Status.NOT_ACHIEVED: "✗",
    Status.NO_FACT: "…",
    Status.NO_PLAN: "?",
    Status.EMPTY: "",
}

_WORDS = {
    Status.ACHIEVED: "достигнуто",
    Status.NOT_ACHIEVED: "не достигнуто",
    Status.NO_FACT: "факт ещё не внесён",
    Status.NO_PLAN: "факт без плана",
    Status.EMPTY: "нет данных",
}


@dataclass(frozen=True)
class FactStatus:
    status: Status
    percent: Decimal | None  # fact as a percent of plan; None where plan is 0 or a side is missing

    @property
    def mark(self) -> str:
        return MARKS[self.status]

    @property
    def words(self) -> str:
        return _WORDS[self.status]

    def describe(self, plan: Decimal | None = None, fact: Decimal | None = None) -> str:
        """«Достигнуто: 1200 % плана (план 0,5, факт 6,0)» — a tooltip's worth of words."""
        text = self.words.capitalize()
        if self.percent is not None:
            text += f": {format_percent(self.percent)} плана"
        if plan is not None or fact is not None:
            text += f" (план {format_number(plan)}, факт {format_number(fact)})"
        return text


def fact_status(
    plan: Decimal | None, fact: Decimal | None, direction: Direction = Direction.UP
) -> FactStatus:
    """status_of, with the percent of the plan reached where there are both.

    Plan 0 with fact 0 is achieved; the percent of a zero plan is not defined and not shown.
    """
    status = status_of(plan, fact, direction)
    if plan is None or fact is None or plan == 0:
        return FactStatus(status, None)
    return FactStatus(status, fact / plan * 100)


def status_of(
    plan: Decimal | None, fact: Decimal | None, direction: Direction = Direction.UP
) -> Status:
    """Achieved when the fact reaches the plan (or stays under it where lower is better)."""
    if fact is None:
        return Status.EMPTY if plan is None else Status.NO_FACT
    if plan is None:
        return Status.NO_PLAN
    reached = fact >= plan if direction is Direction.UP else fact <= plan
    return Status.ACHIEVED if reached else Status.NOT_ACHIEVED


def row_status(row: PlanFactRow, year: int) -> FactStatus:
    """How an indicator or a result stands in a year: the one rule the summary, the window and
    the overview of all projects classify a row-year by."""
    value = row.value(year)
    return fact_status(value.plan, value.fact, row.direction)


def years_with_fact(project: Project) -> set[int]:
    """The project's years in which any indicator or result has a fact."""
    return {
        year
        for row in (*project.indicators, *project.results)
        for year, value in row.values.items()
        if value.fact is not None and year in project.years
    }


def last_fact_year(project: Project) -> int | None:
    """The last year in which any indicator or result has a fact: the summary's report year and
    (over all projects) the overview's year."""
    return max(years_with_fact(project), default=None)
