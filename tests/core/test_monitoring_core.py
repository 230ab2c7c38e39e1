"""Monitoring in the core: reporting dates, the working-day calendar, due dates, status rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdo_desktop.core.model import (
    BudgetSource,
    Direction,
    FinancingLine,
    MonitoringValue,
    Periodicity,
    PlanFact,
    PlanFactRow,
    Project,
)
from cdo_desktop.core.monitoring_dates import (
    ReportingDateError,
    as_of_words,
    find_reporting_date,
    parse_reporting_date,
)
from cdo_desktop.core.monitoring_due import missing_values, overdue_count, project_due_values
from cdo_desktop.core.monitoring_status import MonitoringStatus, monitoring_status, standing
from cdo_desktop.core.work_calendar import CalendarEdit, WorkCalendar, missing_notice

CALENDAR = WorkCalendar()


# ---------------------------------------------------------------------- reporting dates


@pytest.mark.parametrize(
    "text",
    [
        "30.09.2024",
        "2024-09-30",
        "01.10.2024",
        "2024-10-01",
        "по состоянию на 01.10.2024",
        "на 30.09.2024",
        "Отчёт по состоянию на 01.10.2024 г.",
    ],
)
def test_both_forms_name_the_same_reporting_date(text):
    assert parse_reporting_date(text) == date(2024, 9, 30)


@pytest.mark.parametrize("text", ["15.09.2024", "2024-02-30", "высокий", "02.10.2024"])
def test_a_day_that_is_no_period_end_is_refused(text):
    with pytest.raises(ReportingDateError):
        parse_reporting_date(text)


def test_reports_print_the_morning_after():
    assert as_of_words(date(2024, 12, 31)) == "по состоянию на 01.01.2025"
    assert find_reporting_date("Мониторинг на 29.02.2024") == date(2024, 2, 29)
    assert find_reporting_date("Показатели проекта") is None


# ---------------------------------------------------------------------- the calendar


@pytest.mark.parametrize(
    ("period_end", "workday", "due"),
    [
        (date(2024, 12, 31), 2, date(2025, 1, 10)),  # New Year holidays: 9 and 10 January
        (date(2025, 12, 31), 2, date(2026, 1, 13)),  # 2026: 1–11 January off, 12 and 13
        (date(2023, 12, 31), 1, date(2024, 1, 9)),
        (date(2025, 4, 30), 2, date(2025, 5, 6)),  # 1–4 May off: Monday 5, Tuesday 6
        (date(2024, 4, 30), 2, date(2024, 5, 3)),  # 1 May off, 2 and 3 May work
        (date(2024, 4, 26), 1, date(2024, 4, 27)),  # Saturday 27.04.2024 was a working day
        (date(2024, 12, 27), 1, date(2024, 12, 28)),  # so was Saturday 28.12.2024
        (date(2022, 3, 4), 1, date(2022, 3, 5)),  # Saturday 05.03.2022 worked for Monday 07.03
        (date(2022, 3, 5), 1, date(2022, 3, 9)),  # 6 Sunday, 7 transferred, 8 March
        (date(2024, 9, 30), 2, date(2024, 10, 2)),
        (date(2025, 10, 31), 2, date(2025, 11, 5)),  # Saturday 1.11 works; 3 and 4 off
    ],
)
def test_due_dates_count_working_days(period_end, workday, due):
    assert CALENDAR.working_day_after(period_end, workday) == due


def test_a_year_without_data_counts_weekends_only_and_says_so():
    assert CALENDAR.working_day_after(date(2027, 12, 31), 2) == date(2028, 1, 4)
    assert CALENDAR.missing_years([date(2026, 12, 31), date(2028, 1, 4)]) == [2028]
    assert missing_notice([2028]) == ["производственный календарь на 2028 год не загружен"]


def test_the_users_edits_win():
    edited = WorkCalendar.with_edits(
        [CalendarEdit(date(2024, 10, 1), False), CalendarEdit(date(2024, 10, 5), True)]
    )
    assert edited.working_day_after(date(2024, 9, 30), 2) == date(2024, 10, 3)
    assert edited.is_working(date(2024, 10, 5))
    assert edited.is_loaded(2024)


@given(st.dates(date(2019, 1, 1), date(2026, 12, 31)), st.integers(1, 10))
def test_a_due_date_is_a_working_day_after_the_period(period_end, count):
    due = CALENDAR.working_day_after(period_end, count)
    assert due > period_end
    assert CALENDAR.is_working(due)


# ---------------------------------------------------------------------- due values


def _project(periodicity: Periodicity) -> Project:
    row = PlanFactRow("1", "Доля школ", periodicity=periodicity)
    row.values = {2024: PlanFact(Decimal(50)), 2025: PlanFact(Decimal(60))}
    row.monitoring = {date(2024, 1, 31): MonitoringValue(fact=Decimal(5))}
    source = BudgetSource("федеральный бюджет", values={2024: Decimal(100)})
    source.execution = {date(2024, 3, 31): Decimal(10)}
    line = FinancingLine("1.1", "Мероприятие", sources=[source])
    return Project(
        "E4", "Проект", first_year=2024, last_year=2025, indicators=[row], financing=[line]
    )


def test_a_monthly_row_owes_every_month_of_its_planned_years():
    owed = [
        v
        for v in project_due_values(_project(Periodicity.MONTH), CALENDAR)
        if v.section == "Показатели"
    ]
    assert len(owed) == 24
    assert owed[0].present and not owed[1].present
    assert owed[11].period_end == date(2024, 12, 31) and owed[11].due == date(2025, 1, 10)


def test_missing_values_at_a_day():
    project = _project(Periodicity.QUARTER)
    day = date(2024, 10, 3)
    missing = missing_values(project, CALENDAR, day)
    told = [(v.section, v.period_end, v.source) for v in missing]
    assert ("Показатели", date(2024, 3, 31), "") in told
    assert ("Показатели", date(2024, 9, 30), "") in told  # due 02.10: overdue on 03.10
    # execution reported in 2024: every month but March is owed
    assert ("Финансирование", date(2024, 3, 31), "федеральный бюджет") not in told
    assert ("Финансирование", date(2024, 9, 30), "федеральный бюджет") in told
    assert all(v.period_end < day for v in missing)
    assert overdue_count(project, CALENDAR, day) == len(missing)
    assert overdue_count(project, CALENDAR, date(2024, 10, 2)) == len(missing) - 2


def test_a_yearly_row_owes_the_annual_fact_by_the_first_of_february():
    project = _project(Periodicity.YEAR)
    [annual] = [
        v for v in missing_values(project, CALENDAR, date(2025, 2, 1)) if v.section == "Показатели"
    ]
    assert (annual.period_end, annual.due, annual.annual) == (
        date(2024, 12, 31),
        date(2025, 2, 1),
        True,
    )
    assert not annual.overdue(date(2025, 2, 1)) and annual.overdue(date(2025, 2, 2))


# ---------------------------------------------------------------------- status


numbers = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)


@given(
    numbers, numbers, st.one_of(st.none(), numbers), st.sampled_from(list(Direction)), st.booleans()
)
def test_status_follows_the_direction(plan, fact, forecast, direction, due):
    entry = MonitoringValue(fact=fact, forecast=forecast)
    status = monitoring_status(plan, entry, direction, due=due)
    better = (lambda a: a >= plan) if direction is Direction.UP else (lambda a: a <= plan)
    if better(fact):
        assert status is MonitoringStatus.ACHIEVED
    elif forecast is not None and better(forecast):
        assert status is MonitoringStatus.FORECAST_ACHIEVED
    else:
        assert status is MonitoringStatus.AT_RISK


@given(st.one_of(st.none(), numbers), st.one_of(st.none(), numbers), st.booleans())
def test_no_fact_is_not_entered_only_when_due(plan, forecast, due):
    entry = MonitoringValue(forecast=forecast, reason="нет данных")
    expected = MonitoringStatus.NOT_ENTERED if due else MonitoringStatus.NONE
    assert monitoring_status(plan, entry, due=due) is expected
    assert monitoring_status(plan, None, due=due) is expected


@given(numbers, numbers, st.one_of(st.none(), numbers), st.sampled_from(list(Direction)))
def test_the_cumulative_flag_changes_no_rule(plan, fact, forecast, direction):
    as_of = date(2024, 6, 30)
    entry = MonitoringValue(fact=fact, forecast=forecast)
    results = []
    for cumulative in (False, True):
        row = PlanFactRow(
            "1",
            "x",
            cumulative=cumulative,
            direction=direction,
            values={2024: PlanFact(plan)},
            monitoring={as_of: entry},
        )
        results.append(standing(row, as_of))
    assert results[0] == results[1]
    assert results[0].percent == (fact / plan * 100 if plan != 0 else None)
