"""The shipped production calendar against the government's decrees: each year's number of
working days and the transfers of the last two years, day by day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cdo_desktop.core.work_calendar import WorkCalendar, shipped_calendar

WORKING_DAYS = {
    2019: 247,
    2020: 248,
    2021: 247,
    2022: 247,
    2023: 247,
    2024: 248,
    2025: 247,
    2026: 247,
}


@pytest.mark.parametrize(("year", "count"), sorted(WORKING_DAYS.items()))
def test_each_year_has_its_official_number_of_working_days(year, count):
    calendar = WorkCalendar()
    days = (date(year, 1, 1) + timedelta(days=n) for n in range(366))
    assert sum(calendar.is_working(day) for day in days if day.year == year) == count


def test_the_file_covers_2019_to_2026_and_says_where_it_comes_from():
    import json
    from importlib import resources

    assert shipped_calendar().years == frozenset(range(2019, 2027))
    about = json.loads(
        resources.files("cdo_desktop.data").joinpath("production_calendar.json").read_text("utf-8")
    )["about"]
    assert "№ 1163" in about and "№ 1335" in about
    assert "не сверены" in about  # the 2025 and 2026 decree numbers are not invented


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 5, 2), False),  # from Saturday 4 January
        (date(2025, 5, 8), False),  # from Sunday 23 February
        (date(2025, 2, 24), True),
        (date(2025, 6, 13), False),  # from Saturday 8 March
        (date(2025, 3, 10), True),
        (date(2025, 11, 1), True),  # a working Saturday, for Monday 3 November
        (date(2025, 11, 3), False),
        (date(2025, 12, 31), False),  # from Sunday 5 January
        (date(2026, 1, 9), False),  # from Saturday 3 January
        (date(2026, 3, 9), False),  # Sunday 8 March moves on
        (date(2026, 5, 11), False),  # Saturday 9 May moves on
        (date(2026, 12, 31), False),  # from Sunday 4 January
        (date(2024, 12, 28), True),  # a working Saturday
        (date(2024, 12, 30), False),
        (date(2021, 2, 20), True),
        (date(2022, 3, 5), True),
    ],
)
def test_transfers(day, working):
    assert WorkCalendar().is_working(day) is working
