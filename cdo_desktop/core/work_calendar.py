"""The working-day calendar that due dates count on: weekends, the Russian Federation's official
non-working days and the government's transfers (data/production_calendar.json, 2019–2026, its
source noted in the file), and the user's own edits, which the database keeps.

A year the file does not cover counts weekends only, and whoever shows a due date in it says so
(`missing_notice`).

A user's edit is a core change like any other (`calendar_change`): the store checks the old
value, writes the history («Производственный календарь, 01.10.2024, день») and answers the
inverse for undo. The calendar belongs to no project, so its changes are addressed to
`CALENDAR_PROJECT`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources

from cdo_desktop.core.changes import SetValue, Where
from cdo_desktop.core.history import Section

# The calendar is the database's, not a project's: its changes name no project.
CALENDAR_PROJECT = 0


@dataclass(frozen=True)
class CalendarEdit:
    """A day the user made a holiday (`working` False) or a working day (`working` True)."""

    day: date
    working: bool


@dataclass(frozen=True)
class ShippedCalendar:
    holidays: frozenset[date]
    workdays: frozenset[date]
    years: frozenset[int]


@cache
def shipped_calendar() -> ShippedCalendar:
    """The calendar data shipped with the program."""
    text = (
        resources.files("cdo_desktop.data")
        .joinpath("production_calendar.json")
        .read_text(encoding="utf-8")
    )
    data = json.loads(text)
    holidays: set[date] = set()
    workdays: set[date] = set()
    for year_text, days in data["years"].items():
        year = int(year_text)
        holidays.update(_day(year, text) for text in days["holidays"])
        workdays.update(_day(year, text) for text in days["workdays"])
    return ShippedCalendar(
        frozenset(holidays), frozenset(workdays), frozenset(int(y) for y in data["years"])
    )


def _day(year: int, month_day: str) -> date:
    month, day = month_day.split("-")
    return date(year, int(month), int(day))


@dataclass
class WorkCalendar:
    """Working days: the shipped calendar with the user's edits laid over it."""

    edits: dict[date, bool] = field(default_factory=dict)

    @classmethod
    def with_edits(cls, edits: Iterable[CalendarEdit]) -> WorkCalendar:
        return cls({edit.day: edit.working for edit in edits})

    def is_working(self, day: date) -> bool:
        if day in self.edits:
            return self.edits[day]
        shipped = shipped_calendar()
        if day in shipped.workdays:
            return True
        if day in shipped.holidays:
            return False
        return day.weekday() < 5

    def is_loaded(self, year: int) -> bool:
        """Whether the year's official non-working days are known (shipped or edited)."""
        return year in shipped_calendar().years or any(day.year == year for day in self.edits)

    def working_day_after(self, period_end: date, count: int) -> date:
        """The `count`-th working day after `period_end` (count ≥ 1)."""
        day = period_end
        found = 0
        while found < max(count, 1):
            day += timedelta(days=1)
            if self.is_working(day):
                found += 1
        return day

    def missing_years(self, days: Iterable[date]) -> list[int]:
        return sorted({day.year for day in days if not self.is_loaded(day.year)})


def missing_notice(years: Iterable[int]) -> list[str]:
    """«производственный календарь на 2027 год не загружен», one line a year."""
    return [f"производственный календарь на {year} год не загружен" for year in sorted(set(years))]


def calendar_where(day: date) -> Where:
    """The place of one day's edit: the day as an ISO text, the field «working»."""
    return Where(CALENDAR_PROJECT, Section.CALENDAR, day.isoformat(), "working")


def calendar_change(day: date, old: bool | None, new: bool | None) -> SetValue:
    """Make `day` a working day (True), a holiday (False) or as shipped (None); `old` is the
    edit stored now (None: none), which the store checks."""
    return SetValue(calendar_where(day), old, new)


def day_kind_text(calendar: WorkCalendar, day: date) -> str:
    """How the history and the dialog tell a day: «рабочий» or «выходной», with «как в
    календаре» when the user has not edited it."""
    word = "рабочий" if calendar.is_working(day) else "выходной"
    return word if day in calendar.edits else f"как в календаре: {word}"
