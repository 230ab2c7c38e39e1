"""The working-day calendar's edits as core changes: checked, recorded in the history, undone,
refused to an official on a server, carried by `copy`; and the check counting on them."""

from __future__ import annotations

from datetime import date

import pytest

from cdo_desktop.core.changes import ChangeConflict
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.rules import check_project
from cdo_desktop.core.work_calendar import calendar_change
from cdo_desktop.storage.monitoring_store import calendar_edits, database_calendar
from tests.conftest import open_demo_store, open_store_at

DAY = date(2024, 10, 1)  # a Tuesday


@pytest.fixture
def store(new_location):
    opened = open_demo_store(new_location())
    yield opened
    opened.close()


def _edits(store):
    return [(edit.day, edit.working) for edit in calendar_edits(store.database)]


def test_an_edit_is_recorded_and_undone(store):
    if store.on_server:
        pytest.skip("an official may not edit the calendar (see the refusal test)")
    undo = store.apply([calendar_change(DAY, None, False)])
    assert _edits(store) == [(DAY, False)]
    assert not database_calendar(store.database).is_working(DAY)
    entry = store.history(limit=1)[0]
    assert entry.project_code == ""
    assert entry.change.where() == "Производственный календарь, 01.10.2024, день"
    assert entry.change.what() == "как в календаре: рабочий → выходной"
    assert entry.columns()[2] == "вся база"
    store.apply(undo)
    assert _edits(store) == []
    assert store.history(limit=1)[0].change.what() == "выходной → как в календаре: рабочий"
    assert database_calendar(store.database).is_working(DAY)


def test_a_stale_edit_is_a_conflict_and_writes_nothing(store):
    if store.on_server:
        pytest.skip("an official may not edit the calendar")
    store.apply([calendar_change(DAY, None, False)])
    before = len(store.history())
    with pytest.raises(ChangeConflict) as conflict:
        store.apply([calendar_change(DAY, None, True)])
    assert "Производственный календарь, 01.10.2024" in str(conflict.value)
    assert _edits(store) == [(DAY, False)]
    assert len(store.history()) == before


def test_an_official_on_a_server_is_refused_in_one_russian_line(servers):
    location = servers.official(servers.new_database())
    store = open_demo_store(location)
    try:
        with pytest.raises(CdoError) as refused:
            store.apply([calendar_change(DAY, None, False)])
        message = str(refused.value)
        assert "\n" not in message
        assert "только администратор (cdo_admin)" in message
        assert _edits(store) == []
    finally:
        store.close()


def test_an_administrator_on_a_server_edits_and_undoes(servers):
    database = servers.new_database()
    admin = servers.role("chief", admin=True)
    store = open_store_at(servers.url(database, admin))
    try:
        undo = store.apply([calendar_change(DAY, None, False)])
        assert _edits(store) == [(DAY, False)]
        assert store.history(limit=1)[0].change.where().startswith("Производственный календарь")
        store.apply(undo)
        assert _edits(store) == []
    finally:
        store.close()


def test_copy_file_to_file_carries_the_edits(tmp_path):
    from cdo_desktop.storage.copying import copy_projects

    source = open_demo_store(str(tmp_path / "a.sqlite"))
    saturday = date(2024, 10, 5)
    source.apply([calendar_change(DAY, None, False), calendar_change(saturday, None, True)])
    target = open_store_at(str(tmp_path / "b.sqlite"))
    try:
        copy_projects(source, target, replace=True)
        assert _edits(target) == [(DAY, False), (saturday, True)]
        told = [e.change.where() for e in target.history() if e.project_code == ""]
        assert "Производственный календарь, 05.10.2024, день" in told
        copy_projects(source, target, replace=True)  # a second copy doubles nothing
        assert len([e for e in target.history() if e.project_code == ""]) == len(told)
    finally:
        source.close()
        target.close()


def test_the_check_counts_due_dates_on_the_edited_calendar(store):
    from dataclasses import replace

    from cdo_desktop.core.model import Periodicity

    project = store.load(store.find("E4").id)
    row = replace(project.indicators[0], periodicity=Periodicity.MONTH, monitoring={})
    project.indicators[0] = row
    project.last_year = max(project.last_year, 2024)

    def september(problems):
        return [
            problem.message
            for problem in problems
            if problem.rule == "missing_monitoring"
            and problem.row_number == row.number
            and "01.10.2024" in problem.message
        ]

    shipped = september(check_project(project, date(2024, 10, 3)))
    assert shipped and "срок 02.10.2024" in shipped[0]
    if store.on_server:
        return
    store.apply([calendar_change(DAY, None, False)])
    edited = september(check_project(project, date(2024, 10, 3), database_calendar(store.database)))
    assert edited and "срок 03.10.2024" in edited[0]


def test_copy_tells_the_calendar_edits_the_target_did_not_take(tmp_path, capsys):
    """Never silently: a day the target has edited otherwise keeps the target's edit, and
    `copy` says how many of the source's edits stayed behind."""
    from cdo_desktop.cli import main
    from cdo_desktop.storage.database import open_store

    source_path, target_path = tmp_path / "источник.sqlite", tmp_path / "цель.sqlite"
    holiday, working = date(2024, 10, 2), date(2024, 10, 5)
    source = open_store(source_path)
    source.apply([calendar_change(holiday, None, False), calendar_change(working, None, True)])
    source.close()
    target = open_store(target_path)
    target.apply([calendar_change(holiday, None, True)])  # the target's own, otherwise
    target.close()
    assert main(["copy", "--db", str(source_path), "--to", str(target_path)]) == 0
    out = capsys.readouterr().out
    assert (
        "Правок производственного календаря не перенесено: 1 "
        "(в базе назначения на эти дни свои правки, они оставлены)\n" in out
    )
    target = open_store(target_path)
    try:
        edits = {edit.day: edit.working for edit in calendar_edits(target.database)}
    finally:
        target.close()
    assert edits == {holiday: True, working: True}
