"""Monitoring values, budget execution, periodicity and the due working day in the store:
written in place by core changes, recorded in the history, undone; carried by a whole project."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from cdo_desktop.core.changes import ChangeConflict, RemoveItem, SetValue, Where
from cdo_desktop.core.diff import diff_project
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import MonitoringValue, Periodicity
from cdo_desktop.core.work_calendar import calendar_change
from cdo_desktop.storage.monitoring_store import calendar_edits
from tests.conftest import open_demo_store

AS_OF = date(2024, 9, 30)


@pytest.fixture
def store(new_location):
    opened = open_demo_store(new_location())
    yield opened
    opened.close()


def e4(store):
    return store.load(store.find("E4").id)


def test_a_monitoring_fact_is_written_recorded_and_undone(store):
    project = e4(store)
    row = project.indicators[0]
    where = Where(project.id, Section.INDICATORS, row.id, "fact", as_of=AS_OF)
    undo = store.apply([SetValue(where, None, Decimal("12.5"))])
    assert e4(store).indicators[0].monitoring == {AS_OF: MonitoringValue(fact=Decimal("12.5"))}
    entry = store.history(limit=1)[0]
    assert entry.change.where() == (f"Показатель № {row.number}, по состоянию на 01.10.2024, факт")
    assert (entry.change.old_shown(), entry.change.new_shown()) == ("–", "12,5")
    assert e4(store).indicators[0].value(2024) == row.value(2024), "the annual fact stays"
    store.apply(undo)
    assert e4(store).indicators[0].monitoring == {}


def test_an_entry_emptied_field_by_field_leaves_no_row(store):
    project = e4(store)
    row = project.results[1]

    def at(field):
        return Where(project.id, Section.RESULTS, row.id, field, as_of=AS_OF)

    store.apply(
        [SetValue(at("reason"), "", "поставка сорвана"), SetValue(at("forecast"), None, Decimal(3))]
    )
    assert e4(store).results[1].monitoring[AS_OF] == MonitoringValue(
        forecast=Decimal(3), reason="поставка сорвана"
    )
    store.apply(
        [SetValue(at("reason"), "поставка сорвана", ""), SetValue(at("forecast"), Decimal(3), None)]
    )
    assert e4(store).results[1].monitoring == {}
    (count,) = store.execute("SELECT COUNT(*) FROM monitoring_value").fetchone()
    assert count == 0


def test_a_value_changed_elsewhere_is_a_conflict(store):
    project = e4(store)
    where = Where(project.id, Section.INDICATORS, project.indicators[0].id, "fact", as_of=AS_OF)
    store.apply([SetValue(where, None, Decimal(1))])
    with pytest.raises(ChangeConflict):
        store.apply([SetValue(where, None, Decimal(2))])
    assert e4(store).indicators[0].monitoring[AS_OF].fact == 1


def test_execution_periodicity_and_due_workday(store):
    project = e4(store)
    line = project.financing[0]
    source = line.sources[0]
    row = project.indicators[1]
    changes = [
        SetValue(
            Where(project.id, Section.SOURCES, source.id, "executed", parent=line.id, as_of=AS_OF),
            None,
            Decimal("1234.5"),
        ),
        SetValue(Where(project.id, Section.INDICATORS, row.id, "periodicity"), "year", "month"),
        SetValue(Where(project.id, Section.PASSPORT, field="due_workday"), 2, 5),
    ]
    undo = store.apply(changes)
    again = e4(store)
    assert again.financing[0].sources[0].execution == {AS_OF: Decimal("1234.5")}
    assert again.indicators[1].periodicity is Periodicity.MONTH
    assert again.due_workday == 5
    words = [entry.change.where() for entry in store.history(limit=3)]
    assert any("по состоянию на 01.10.2024, кассовое исполнение" in text for text in words)
    store.apply(undo)
    back = e4(store)
    assert back.financing[0].sources[0].execution == {}
    assert back.indicators[1].periodicity is Periodicity.YEAR
    assert back.due_workday == 2


def test_a_removed_row_comes_back_with_its_monitoring(store):
    project = e4(store)
    row = project.indicators[0]
    store.apply(
        [
            SetValue(
                Where(project.id, Section.INDICATORS, row.id, "fact", as_of=AS_OF), None, Decimal(7)
            ),
            SetValue(
                Where(project.id, Section.INDICATORS, row.id, "periodicity"), "year", "quarter"
            ),
        ]
    )
    stored = e4(store).indicators[0]
    undo = store.apply([RemoveItem(Where(project.id, Section.INDICATORS, row.id), stored, 0)])
    store.apply(undo)
    back = e4(store).indicators[0]
    assert (back.monitoring, back.periodicity) == (stored.monitoring, Periodicity.QUARTER)


def test_a_project_laid_over_another_carries_its_monitoring(store):
    project = e4(store)
    wanted = replace(project)
    wanted.indicators = [
        replace(row, monitoring=dict(row.monitoring)) for row in project.indicators
    ]
    wanted.indicators[0].monitoring[AS_OF] = MonitoringValue(Decimal(3), Decimal(9), "срыв", "№ 5")
    wanted.indicators[0].periodicity = Periodicity.MONTH
    wanted.due_workday = 3
    store.apply(diff_project(project, wanted))
    again = e4(store)
    assert again.indicators[0].monitoring == wanted.indicators[0].monitoring
    assert again.indicators[0].periodicity is Periodicity.MONTH
    assert again.due_workday == 3
    assert diff_project(again, wanted) == []


def test_a_whole_project_is_inserted_with_its_monitoring(store):
    project = e4(store)
    project.indicators[2].monitoring = {AS_OF: MonitoringValue(fact=Decimal(1), document="акт")}
    project.indicators[2].periodicity = Periodicity.QUARTER
    project.financing[0].sources[0].execution = {date(2024, 3, 31): Decimal(5)}
    project.due_workday = 4
    store.delete(project.id)
    store.create(replace(project, id=None))
    again = e4(store)
    assert again.indicators[2].monitoring == project.indicators[2].monitoring
    assert again.indicators[2].periodicity is Periodicity.QUARTER
    assert again.financing[0].sources[0].execution == {date(2024, 3, 31): Decimal(5)}
    assert again.due_workday == 4


def test_calendar_edits_live_in_the_database(store):
    if store.on_server:
        pytest.skip("on a server only cdo_admin edits the calendar (row-level security)")
    store.apply([calendar_change(date(2024, 10, 1), None, False)])
    store.apply([calendar_change(date(2024, 10, 5), None, True)])
    store.apply([calendar_change(date(2024, 10, 5), True, None)])
    [edit] = calendar_edits(store.database)
    assert (edit.day, edit.working) == (date(2024, 10, 1), False)


def test_copy_carries_monitoring_and_calendar_edits(store, new_location):
    from cdo_desktop.storage.copying import copy_projects
    from tests.conftest import open_store_at

    project = e4(store)
    row = project.indicators[0]
    store.apply(
        [
            SetValue(
                Where(project.id, Section.INDICATORS, row.id, "fact", as_of=AS_OF), None, Decimal(8)
            )
        ]
    )
    if not store.on_server:  # an official's role may not edit the ministry's calendar
        store.apply([calendar_change(date(2024, 10, 1), None, False)])
    target_location = new_location()
    open_demo_store(target_location).close()
    target = open_store_at(target_location)
    try:
        copy_projects(store, target, replace=True)
        assert e4(target).indicators[0].monitoring == {AS_OF: MonitoringValue(fact=Decimal(8))}
        if not target.on_server:
            assert [edit.day for edit in calendar_edits(target.database)] == [date(2024, 10, 1)]
    finally:
        target.close()


def test_a_conflict_names_the_reporting_date(store):
    project = e4(store)
    row = project.indicators[0]
    where = Where(project.id, Section.INDICATORS, row.id, "fact", as_of=AS_OF)
    store.apply([SetValue(where, None, Decimal(1))])
    with pytest.raises(ChangeConflict) as conflict:
        store.apply([SetValue(where, Decimal(5), Decimal(2))])
    assert "по состоянию на 01.10.2024, факт" in str(conflict.value)
