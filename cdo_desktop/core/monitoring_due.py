"""Which monitoring values are due, by when, and which of them are missing at a day.

A month or quarter row owes a fact at each of its periods' ends (December and the fourth quarter
included), by the project's N-th working day after the period (`Project.due_workday`); a «год»
row owes only the annual fact, by 1 February of the next year. A row owes nothing in a year it
has no plan for. A budget source owes its execution monthly, like a month row, in a year it
reports execution at all (one execution value in that year). A missing forecast or reason is
never listed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from cdo_desktop.core.model import Periodicity, PlanFactRow, Project, RowKind
from cdo_desktop.core.monitoring_dates import month_end, period_ends
from cdo_desktop.core.work_calendar import WorkCalendar

SECTION_NAMES = {
    RowKind.INDICATOR: "Показатели",
    RowKind.RESULT: "Результаты",
    None: "Финансирование",
}


@dataclass(frozen=True)
class DueValue:
    """A value owed: its section, row (or line) number, budget source, period end, due date."""

    section: str
    number: str
    source: str
    period_end: date
    due: date
    present: bool
    annual: bool = False

    def overdue(self, day: date) -> bool:
        return not self.present and self.due < day


def annual_due(year: int) -> date:
    return date(year + 1, 2, 1)


def row_due_values(
    row: PlanFactRow, kind: RowKind, years: range, calendar: WorkCalendar, workday: int
) -> Iterator[DueValue]:
    """Every value the row owes over the project's years, found or not."""
    section = SECTION_NAMES[kind]
    for year in years:
        if row.value(year).plan is None:
            continue
        if row.periodicity is Periodicity.YEAR:
            yield DueValue(
                section,
                row.number,
                "",
                date(year, 12, 31),
                annual_due(year),
                row.value(year).fact is not None,
                annual=True,
            )
            continue
        for end in period_ends(row.periodicity, year):
            entry = row.monitoring.get(end)
            yield DueValue(
                section,
                row.number,
                "",
                end,
                calendar.working_day_after(end, workday),
                entry is not None and entry.fact is not None,
            )


def project_due_values(project: Project, calendar: WorkCalendar) -> list[DueValue]:
    """Every value the project owes over its years, in the order of its tables."""
    owed: list[DueValue] = []
    for kind in RowKind:
        for row in project.rows(kind):
            owed += row_due_values(row, kind, project.years, calendar, project.due_workday)
    for line in project.financing:
        for source in line.sources:
            reporting_years = {
                day.year for day, value in source.execution.items() if value is not None
            }
            for year in sorted(reporting_years & set(project.years)):
                for month in range(1, 13):
                    end = month_end(year, month)
                    owed.append(
                        DueValue(
                            SECTION_NAMES[None],
                            line.number,
                            source.name,
                            end,
                            calendar.working_day_after(end, project.due_workday),
                            source.execution.get(end) is not None,
                        )
                    )
    return owed


def missing_values(project: Project, calendar: WorkCalendar, day: date) -> list[DueValue]:
    """Values whose period has ended by `day` (its end before that day) and which are missing."""
    return [
        value
        for value in project_due_values(project, calendar)
        if not value.present and value.period_end < day
    ]


def overdue_count(project: Project, calendar: WorkCalendar, day: date) -> int:
    """How many values are missing past their due date at `day` («значений просрочено»)."""
    return sum(1 for value in missing_values(project, calendar, day) if value.overdue(day))


def due_state(value: DueValue, day: date) -> str:
    """«просрочено» (due date before that day) or «к сдаче» (due that day or later)."""
    return "просрочено" if value.overdue(day) else "к сдаче"


def row_owes(row: PlanFactRow, as_of: date) -> bool:
    """Whether the row owes a monitoring fact at this reporting date (by its periodicity, in a
    year it has a plan for)."""
    return row.value(as_of.year).plan is not None and as_of in period_ends(
        row.periodicity, as_of.year
    )


def row_missing_at(row: PlanFactRow, as_of: date, today: date) -> bool:
    """Owed at `as_of`, its period over by `today`: «не внесено» when it has no fact."""
    return row_owes(row, as_of) and as_of < today
