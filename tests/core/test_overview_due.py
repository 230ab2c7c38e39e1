"""core.overview_due.overdue_values gives core.monitoring_due.overdue_count's answer: over
generated projects (periodicities, monitoring facts, budget execution), calendars with edits
and days around the due dates."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from cdo_desktop.core.model import MonitoringValue, Periodicity, PlanFact, PlanFactRow, Project
from cdo_desktop.core.monitoring_dates import month_end
from cdo_desktop.core.monitoring_due import overdue_count
from cdo_desktop.core.overview_due import RememberingCalendar, overdue_values
from cdo_desktop.core.work_calendar import CalendarEdit, WorkCalendar
from tests.storage.test_overview_attention import monitored

calendars = st.lists(
    st.builds(CalendarEdit, st.dates(date(2018, 1, 1), date(2031, 12, 31)), st.booleans()),
    max_size=6,
).map(WorkCalendar.with_edits)


@st.composite
def days_near_due_dates(draw: st.DrawFn) -> date:
    """A month's end give or take a fortnight: where «к сдаче» turns «просрочено»."""
    end = month_end(draw(st.integers(2018, 2031)), draw(st.integers(1, 12)))
    return end + timedelta(days=draw(st.integers(-3, 14)))


@settings(max_examples=60, deadline=None)
@given(
    monitored(),
    calendars,
    st.lists(days_near_due_dates() | st.dates(date(2018, 1, 1), date(2032, 3, 1)), max_size=4),
)
def test_the_same_count_as_overdue_count(database, calendar, days):
    for project in database:
        for day in days:
            owed = overdue_count(project, calendar, day)
            assert overdue_values(project, calendar, day) == owed
            # The overview's calendar remembers due dates: the same answer.
            assert overdue_values(project, RememberingCalendar(calendar.edits), day) == owed


def test_a_count_by_hand():
    """A monthly row of 2024 with January to August in (September has a forecast only) and
    an annual row without its facts: on 03.10.2024 September (due 02.10.2024) and 2023's
    annual fact (due 01.02.2024) are overdue; on 02.10.2024 September is not yet."""
    monthly = PlanFactRow("1", "Ежемесячный", periodicity=Periodicity.MONTH)
    monthly.values[2024] = PlanFact(Decimal(10))
    monthly.monitoring = {month_end(2024, m): MonitoringValue(Decimal(m)) for m in range(1, 9)}
    monthly.monitoring[month_end(2024, 9)] = MonitoringValue(None, Decimal(3))  # no fact
    annual = PlanFactRow(
        "2", "Годовой", values={2023: PlanFact(Decimal(1)), 2024: PlanFact(Decimal(1))}
    )
    project = Project("K1", "Проект", first_year=2023, last_year=2025, indicators=[monthly, annual])
    calendar = WorkCalendar()
    day = date(2024, 10, 3)
    # September (monthly) and 2023's annual fact (due 01.02.2024).
    assert overdue_values(project, calendar, day) == overdue_count(project, calendar, day) == 2
    assert overdue_values(project, calendar, date(2024, 10, 2)) == 1
