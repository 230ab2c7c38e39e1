"""The overview's columns of issues 19 and 20 (values overdue, control points overdue, risks
open): the bulk read gives what each whole project gives by the core's own rules, with the
calendar's edits, in a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdo_desktop.core.model import (
    ControlPoint,
    MonitoringValue,
    Periodicity,
    PlanFact,
    Project,
    Risk,
    RiskStatus,
)
from cdo_desktop.core.monitoring_dates import month_end
from cdo_desktop.core.monitoring_due import overdue_count
from cdo_desktop.core.overview import (
    POINTS_OVERDUE,
    RISKS_OPEN,
    VALUES_OVERDUE,
    attention_counts,
    build_overview,
)
from cdo_desktop.core.work_calendar import CalendarEdit, WorkCalendar, calendar_change
from cdo_desktop.storage.overview_attention import read_attention
from cdo_desktop.storage.overview_reading import read_overview_sources
from tests.conftest import open_demo_store, open_store_at
from tests.core.test_overview import databases

days = st.dates(date(2018, 1, 1), date(2031, 12, 31))


@st.composite
def monitored(draw: st.DrawFn) -> list[Project]:
    """Generated projects given periodicities, monitoring facts, execution, points, risks."""
    database = draw(databases())
    for project in database:
        years = list(project.years)
        project.due_workday = draw(st.integers(1, 5))
        for row in project.indicators + project.results:
            row.periodicity = draw(st.sampled_from(list(Periodicity)))
            for _ in range(draw(st.integers(0, 4))):
                end = month_end(draw(st.sampled_from(years)), draw(st.integers(1, 12)))
                row.monitoring[end] = MonitoringValue(draw(st.none() | st.just(Decimal(5))))
                if row.monitoring[end].is_empty():
                    del row.monitoring[end]
        for result in project.results:
            for number in range(draw(st.integers(0, 3))):
                due = draw(days)
                done = draw(st.none() | days)
                result.control_points.append(
                    ControlPoint(f"1.{number + 1}", "Точка", due, done=done)
                )
        for line in project.financing:
            for source in line.sources:
                for _ in range(draw(st.integers(0, 2))):
                    end = month_end(draw(st.sampled_from(years)), draw(st.integers(1, 12)))
                    source.execution[end] = Decimal("1.5")
        for number in range(draw(st.integers(0, 3))):
            status = draw(st.sampled_from(list(RiskStatus)))
            project.risks.append(Risk(str(number + 1), "Риск", status=status))
    return database


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(monitored(), st.lists(days, min_size=1, max_size=3), st.sets(days, max_size=3))
def test_the_bulk_read_counts_as_each_whole_project(new_location, database, dates, holidays):
    store = open_store_at(new_location())
    try:
        if database:
            store.replace(database)
        if store.on_server:  # an official's role may not edit the ministry's calendar
            holidays = set()
        for day in holidays:
            store.apply([calendar_change(day, None, False)])
        calendar = WorkCalendar.with_edits(CalendarEdit(day, False) for day in holidays)
        for as_of in dates:
            read = read_attention(store, as_of)
            for project in store.load_all():
                assert read[project.id] == attention_counts(project, calendar, as_of)
                # The count is the due list's own (core.monitoring_due), not a rule of its own.
                owed = overdue_count(project, calendar, as_of)
                assert read[project.id][VALUES_OVERDUE] == owed
    finally:
        store.close()


def test_counts_known_by_hand(new_location):
    """The demo project with one monthly indicator, points and risks: the numbers a person
    counts, and the calendar's edit moving a due date past the overview's day."""
    store = open_demo_store(new_location())
    try:
        project = store.load(store.find("E4").id)
        first, second = project.indicators[0], project.indicators[1]
        project.results[0].control_points = [
            ControlPoint("1.1", "Просрочена", date(2024, 3, 1)),
            ControlPoint("1.2", "Выполнена поздно", date(2024, 3, 1), done=date(2024, 5, 1)),
            ControlPoint(
                "1.3", "Выполнена после дня сводки", date(2024, 3, 1), done=date(2025, 1, 1)
            ),
            ControlPoint("1.4", "В работе", date(2024, 12, 1)),
        ]
        project.risks = [
            Risk("1", "Открыт"),
            Risk("2", "Закрыт", status=RiskStatus.CLOSED),
            Risk("3", "Открыт"),
        ]
        for row in project.indicators + project.results:
            row.periodicity, row.values, row.monitoring = Periodicity.YEAR, {}, {}
        for result in project.results[1:]:
            result.control_points = []
        first.periodicity = Periodicity.MONTH
        first.values[2024] = PlanFact(Decimal(10))
        for month in range(1, 9):  # January to August in; September is due 02.10.2024
            first.monitoring[month_end(2024, month)] = MonitoringValue(Decimal(month))
        second.values[2023] = PlanFact(Decimal(10), Decimal(12))
        second.values[2024] = PlanFact(Decimal(10))
        for line in project.financing:
            for source in line.sources:
                source.execution = {}
        project.code = "M1"
        store.create(project)
        as_of = date(2024, 10, 3)
        read = read_attention(store, as_of)
        stored = store.find("M1").id
        assert read[stored] == {VALUES_OVERDUE: 1, POINTS_OVERDUE: 2, RISKS_OPEN: 2}
        if not store.on_server:  # on a server only cdo_admin edits the calendar
            # 02.10.2024 made a holiday: September is due 03.10.2024, not overdue on that day.
            store.apply([calendar_change(date(2024, 10, 2), None, False)])
            assert read_attention(store, as_of)[stored][VALUES_OVERDUE] == 0
            store.apply([calendar_change(date(2024, 10, 2), False, None)])
        # The annual facts of 2024 (none entered) are overdue after 01.02.2025.
        later = read_attention(store, date(2025, 2, 3))[stored][VALUES_OVERDUE]
        assert later == 4 + 1  # September to December of the monthly row, the annual fact

        year, sources = read_overview_sources(store, 2024, as_of)
        overview = build_overview(sources, year, as_of)
        line = next(line for line in overview.lines if line.project.code == "M1")
        values = {column.key: column.value(line) for column in overview.columns}
        assert (values[POINTS_OVERDUE], values[RISKS_OPEN]) == (2, 2)
        assert overview.totals()[RISKS_OPEN] == sum(
            len([r for r in p.risks if r.status is RiskStatus.OPEN]) for p in store.load_all()
        )
    finally:
        store.close()


def test_the_read_takes_nine_queries_whatever_the_count(new_location):
    store = open_demo_store(new_location())
    try:
        statements = []

        class Counting:
            def execute(self, text, parameters=()):
                statements.append(text)
                return store.execute(text, parameters)

        read_attention(Counting(), date(2026, 11, 27))
        one = len(statements)
        demo = store.load(store.find("E4").id)
        for code in ("E1", "E2", "E3"):
            demo.code = code
            store.create(demo)
        statements.clear()
        read_attention(Counting(), date(2026, 11, 27) + timedelta(days=1))
        assert len(statements) == one == 9
    finally:
        store.close()


def test_a_project_removed_between_two_statements_counts_nowhere(tmp_path):
    """Beside the store's read each statement sees the file at its own moment: a project that
    another copy of the program removes between them is left out, not a crash."""
    import sqlite3

    from cdo_desktop.storage.overview_attention import POINTS_AND_RISKS_READ, VALUES_OVERDUE_READ

    path = tmp_path / "demo.sqlite"
    store = open_demo_store(str(path))
    try:
        project = store.load(store.find("E4").id)
        project.risks = [Risk("1", "Риск")]
        project.results[0].control_points = [ControlPoint("1.1", "Точка", date(2024, 3, 1))]
        project.results[0].periodicity = Periodicity.MONTH
        project.results[0].monitoring = {month_end(2024, 1): MonitoringValue(fact=Decimal(1))}
        store.replace([project])
        as_of = date(2024, 11, 27)
        read = {}
        for extra in (VALUES_OVERDUE_READ, POINTS_AND_RISKS_READ):
            *counting, _skeletons = extra.statements(as_of)
            read[extra] = [list(store.execute(*statement)) for statement in counting]
            assert any(read[extra]), "the sums name the project"
        with sqlite3.connect(path) as other:
            other.execute("PRAGMA foreign_keys = ON")
            other.execute("DELETE FROM project")
        for extra, rows in read.items():
            gone = list(store.execute(*extra.statements(as_of)[-1]))
            assert gone == []
            assert extra.answer([*rows, gone], as_of) == {}
    finally:
        store.close()
