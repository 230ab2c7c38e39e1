"""Control points and risks in the store: written with the project, changed in place with
history and undo, laid over by the diff, removed and brought back with their result."""

from __future__ import annotations

from copy import deepcopy
from dataclasses import replace
from datetime import date

import pytest

from cdo_desktop.core.changes import (
    AddItem,
    ChangeConflict,
    MoveItem,
    RemoveItem,
    SetValue,
    Where,
)
from cdo_desktop.core.diff import diff_project
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import ControlPoint, Level, PointKind, Risk, RiskStatus, RowKind
from tests.conftest import open_demo_store

# Every test here runs on both engines (`new_location`: a SQLite file, a PostgreSQL database).


@pytest.fixture
def store(new_location):
    opened = open_demo_store(new_location())
    yield opened
    opened.close()


def e4(store):
    return store.load(store.find("E4").id)


POINTS = [
    ControlPoint("1.1", "Заключены соглашения", date(2024, 3, 31), document="Соглашение"),
    ControlPoint(
        "1.2",
        "Закуплено оборудование",
        date(2024, 12, 20),
        kind=PointKind.ACTIVITY,
        done=date(2024, 12, 25),
        responsible="Иванов И. И.",
        control_level="РП",
    ),
]
RISKS = [
    Risk(
        "1",
        "Срыв поставок оборудования",
        target_kind=RowKind.RESULT,
        target_number="1",
        probability=Level.HIGH,
        impact=Level.MEDIUM,
        mitigation="Резервный поставщик",
        owner="Петров П. П.",
    ),
    Risk("2", "Нехватка педагогов", status=RiskStatus.CLOSED),
]


def with_points(store):
    """E4 with points under its first result and two risks, laid over by the diff."""
    project = deepcopy(e4(store))
    project.results[0].control_points = deepcopy(POINTS)
    project.risks = deepcopy(RISKS)
    store.replace([project])
    return e4(store)


def plain(items):
    return [replace(item, id=None) for item in items]


def test_points_and_risks_are_laid_over_and_read_back(store):
    project = with_points(store)
    assert plain(project.results[0].control_points) == POINTS
    assert plain(project.risks) == RISKS
    assert all(point.id for point in project.results[0].control_points)
    assert diff_project(project, deepcopy(project)) == []
    lines = [entry.change.where() for entry in store.history(limit=4)]
    assert any(line.startswith("Контрольная точка № 1.2") for line in lines)


def test_a_new_project_is_created_with_its_points_and_risks(store):
    project = with_points(store)
    copy = deepcopy(project)
    copy.code, copy.name, copy.id = "E9", "Копия", None
    new_id = store.create(copy)
    again = store.load(new_id)
    assert plain(again.results[0].control_points) == POINTS
    assert plain(again.risks) == RISKS


def test_a_date_is_changed_told_in_words_and_undone(store):
    project = with_points(store)
    result = project.results[0]
    point = result.control_points[0]
    where = Where(project.id, Section.CONTROL_POINTS, point.id, "done", parent=result.id)
    undo = store.apply([SetValue(where, None, date(2024, 4, 2))])
    assert e4(store).results[0].control_points[0].done == date(2024, 4, 2)
    entry = store.history(limit=1)[0]
    assert entry.change.where() == "Контрольная точка № 1.1, результат 1, фактический срок"
    assert (entry.change.old_shown(), entry.change.new_shown()) == ("–", "02.04.2024")
    store.apply(undo)
    assert e4(store).results[0].control_points[0].done is None


def test_closed_sets_are_stored_as_tokens_and_told_as_words(store):
    project = with_points(store)
    risk = project.risks[0]
    where = Where(project.id, Section.RISKS, risk.id, "status")
    store.apply([SetValue(where, "open", "closed")])
    assert e4(store).risks[0].status is RiskStatus.CLOSED
    entry = store.history(limit=1)[0]
    assert (entry.change.where(), entry.change.what()) == (
        "Риск № 1, статус",
        "открыт → закрыт",
    )
    with pytest.raises(ValueError):
        store.apply([SetValue(where, "closed", "maybe")])


def test_a_stale_old_value_is_a_conflict_and_writes_nothing(store):
    project = with_points(store)
    result = project.results[0]
    point = result.control_points[1]
    where = Where(project.id, Section.CONTROL_POINTS, point.id, "due", parent=result.id)
    with pytest.raises(ChangeConflict) as caught:
        store.apply([SetValue(where, date(2024, 1, 1), date(2024, 2, 1))])
    assert "Контрольная точка № 1.2" in str(caught.value)
    assert e4(store).results[0].control_points[1].due == date(2024, 12, 20)


def test_points_are_added_moved_removed_and_undone_by_id(store):
    project = with_points(store)
    result = project.results[0]
    siblings = Where(project.id, Section.CONTROL_POINTS, parent=result.id)
    new_point = ControlPoint("1.3", "Отчёт", date(2025, 1, 31))
    [remove_new] = store.apply([AddItem(siblings, new_point, 1)])
    numbers = [p.number for p in e4(store).results[0].control_points]
    assert numbers == ["1.1", "1.3", "1.2"]
    first = replace(siblings, item=result.control_points[0].id)
    undo_move = store.apply([MoveItem(first, 0, 2)])
    assert [p.number for p in e4(store).results[0].control_points] == ["1.3", "1.2", "1.1"]
    store.apply(undo_move)
    stored = e4(store).results[0].control_points[0]
    undo_remove = store.apply([RemoveItem(first, stored, 0)])
    assert [p.number for p in e4(store).results[0].control_points] == ["1.3", "1.2"]
    store.apply(undo_remove)
    again = e4(store).results[0].control_points
    assert [p.number for p in again] == ["1.1", "1.3", "1.2"]
    assert again[0].id == stored.id  # an undone deletion comes back under its old id
    store.apply([remove_new])
    assert plain(e4(store).results[0].control_points) == POINTS


def test_a_result_removed_takes_its_points_and_undo_brings_them_back(store):
    project = with_points(store)
    result = project.results[0]
    where = Where(project.id, Section.RESULTS, result.id)
    undo = store.apply([RemoveItem(where, result, 0)])
    assert all(row.number != result.number or not row.control_points for row in e4(store).results)
    store.apply(undo)
    assert plain(e4(store).results[0].control_points) == POINTS


def test_the_diff_pairs_points_by_number_then_name(store):
    project = with_points(store)
    wanted = deepcopy(project)
    points = wanted.results[0].control_points
    for point in points:
        point.id = None
    points[0].name = "Соглашения заключены со всеми"  # renamed: found by its number
    points[1].number = "1.5"  # renumbered: found by its name
    wanted.risks[1].status = RiskStatus.OPEN
    changes = diff_project(project, wanted)
    assert {type(change) for change in changes} == {SetValue}
    assert {change.where.field for change in changes} == {"name", "number", "status"}
    store.apply(changes)
    assert plain(e4(store).results[0].control_points) == plain(points)


def test_a_project_deleted_with_points_and_risks_is_deleted(store):
    project = with_points(store)
    store.delete(project.id)
    assert "E4" not in [summary.code for summary in store.summaries()]


def test_a_copy_carries_points_and_risks(store, new_location):
    from cdo_desktop.storage.copying import copy_projects

    with_points(store)
    target = open_demo_store(new_location())
    try:
        copy_projects(store, target, replace=True)
        copied = target.load(target.find("E4").id)
        assert plain(copied.results[0].control_points) == POINTS
        assert plain(copied.risks) == RISKS
    finally:
        target.close()
