"""«Значений просрочено» for the overview: core.monitoring_due.overdue_count's answer from
tallies, not from every value owed.

overdue_count builds a DueValue for every period of every row and year, its due date found on
the calendar day by day: fine for one project's window, but 60 projects of 300 monthly rows
over eight years are a million of them, seconds in all. The count only depends on tallies —
how many rows of a periodicity have a plan in a year, how many facts were entered at each
reporting date by rows owing them, how many «год» rows miss a year's fact, how many sources
report execution in a year and how many execution values each date has — and the same rules
(`period_ends`, `annual_due`, `WorkCalendar.working_day_after`) applied once per periodicity
and year. The database sums the tallies for all projects at once
(storage/overview_reading.py); `tally_of` sums them from a project in memory.
tests/core/test_overview_due.py checks the answer equals overdue_count's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from cdo_desktop.core.model import Periodicity, Project, RowKind
from cdo_desktop.core.monitoring_dates import period_ends
from cdo_desktop.core.monitoring_due import annual_due
from cdo_desktop.core.work_calendar import WorkCalendar


@dataclass
class DueTally:
    """What a project owes and has entered, summed (years outside the project's are ignored).

    `planned[(periodicity, year)]`: month or quarter rows with a plan in the year;
    `entered[(periodicity, day)]`: facts at that date of such rows with a plan in its year;
    `annual_missing[year]`: «год» rows with a plan and no fact in the year;
    `executing[year]`: budget sources with an execution value in the year;
    `executed[day]`: execution values at that date."""

    planned: Counter[tuple[Periodicity, int]] = field(default_factory=Counter)
    entered: Counter[tuple[Periodicity, date]] = field(default_factory=Counter)
    annual_missing: Counter[int] = field(default_factory=Counter)
    executing: Counter[int] = field(default_factory=Counter)
    executed: Counter[date] = field(default_factory=Counter)


@dataclass
class RememberingCalendar(WorkCalendar):
    """A calendar that finds each due date once: the overview asks the same period ends for
    every project (sixty times the same few hundred dates)."""

    _found: dict[tuple[date, int], date] = field(default_factory=dict, repr=False, compare=False)

    def working_day_after(self, period_end: date, count: int) -> date:
        key = (period_end, count)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = super().working_day_after(period_end, count)
        return found


def tally_of(project: Project) -> DueTally:
    tally = DueTally()
    years = project.years
    for kind in RowKind:
        for row in project.rows(kind):
            planned = {
                year
                for year in years
                if (value := row.values.get(year)) is not None and value.plan is not None
            }
            if row.periodicity is Periodicity.YEAR:
                tally.annual_missing.update(
                    year for year in planned if row.values[year].fact is None
                )
                continue
            tally.planned.update((row.periodicity, year) for year in planned)
            tally.entered.update(
                (row.periodicity, end)
                for end, entry in row.monitoring.items()
                if entry.fact is not None and end.year in planned
            )
    for line in project.financing:
        for source in line.sources:
            days = [end for end, value in source.execution.items() if value is not None]
            tally.executing.update({day.year for day in days} & set(years))
            tally.executed.update(day for day in days if day.year in years)
    return tally


def overdue_from_tally(
    tally: DueTally, calendar: WorkCalendar, workday: int, years: range, day: date
) -> int:
    """How many values are missing past their due date at `day` (overdue_count's answer)."""
    known: dict[tuple[Periodicity, int], frozenset[date]] = {}

    def overdue_ends(periodicity: Periodicity, year: int) -> frozenset[date]:
        key = (periodicity, year)
        if key not in known:
            known[key] = frozenset(
                end
                for end in period_ends(periodicity, year)
                if end < day and calendar.working_day_after(end, workday) < day
            )
        return known[key]

    count = sum(
        rows * len(overdue_ends(periodicity, year))
        for (periodicity, year), rows in tally.planned.items()
        if year in years
    )
    count -= sum(
        facts
        for (periodicity, end), facts in tally.entered.items()
        if end.year in years and end in overdue_ends(periodicity, end.year)
    )
    count += sum(
        rows
        for year, rows in tally.annual_missing.items()
        if year in years and annual_due(year) < day
    )
    count += sum(
        sources * len(overdue_ends(Periodicity.MONTH, year))
        for year, sources in tally.executing.items()
        if year in years
    )
    count -= sum(
        values
        for end, values in tally.executed.items()
        if end.year in years and end in overdue_ends(Periodicity.MONTH, end.year)
    )
    return count


def overdue_values(project: Project, calendar: WorkCalendar, day: date) -> int:
    """overdue_count's answer for a project in memory."""
    return overdue_from_tally(tally_of(project), calendar, project.due_workday, project.years, day)
