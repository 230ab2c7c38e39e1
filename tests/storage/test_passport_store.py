"""The 2025–2030 passport in the store: whole projects, every new field and item as a change
with history and undo, on both engines."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

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
from cdo_desktop.core.model import MunicipalValues, PlanFact, Task
from tests.conftest import open_store_at
from tests.passport_2025 import project_2025


@pytest.fixture
def store(new_location):
    opened = open_store_at(new_location())
    yield opened
    opened.close()


def _stored(store):
    [summary] = [s for s in store.summaries() if s.code == "Ю1"]
    return store.load(summary.id)


def _without_ids(project):
    """The project as a document has it: no ids anywhere."""
    return replace(
        project,
        id=None,
        tasks=[replace(task, id=None) for task in project.tasks],
        persons=[replace(person, id=None) for person in project.persons],
        indicators=[_row(row) for row in project.indicators],
        results=[_row(row) for row in project.results],
    )


def _row(row):
    return replace(row, id=None, municipalities=[replace(m, id=None) for m in row.municipalities])


def test_a_2025_project_is_stored_and_read_whole(store):
    store.create(project_2025())
    assert _without_ids(_stored(store)) == _without_ids(project_2025())


def test_a_project_laid_over_itself_changes_nothing(store):
    store.create(project_2025())
    stored = _stored(store)
    assert diff_project(stored, project_2025()) == []


def test_every_new_field_is_a_change_with_history_and_undo(store):
    store.create(project_2025())
    before = _stored(store)
    changed = project_2025()
    indicator = changed.indicators[0]
    indicator.level = ["НП", "РП"]
    indicator.indicator_kind = "additional"
    indicator.okei = None
    indicator.unit = "тысяча человек"
    indicator.data_source = "ФИС ФРДО"
    indicator.task = "2"
    indicator.municipalities[0].values[2025] = PlanFact(Decimal("510"), Decimal("505"))
    indicator.municipalities[1].name = "Городской округ Энск"
    del indicator.municipalities[2]
    indicator.municipalities.append(MunicipalValues("Новый район", {2027: PlanFact(Decimal(1))}))
    result = changed.results[1]
    result.result_type = "Иное"
    result.linked_indicators = ["2"]
    changed.persons[1].supervisor = "Другой Д. Д."
    changed.persons[1].share = Decimal("30.5")
    changed.tasks[1].name = "Поддержка молодых педагогов"
    changed.tasks.insert(0, Task("0", "Новая задача"))
    changed.municipalities = ["Город Энск", "Энский район", "Новый район"]
    changes = diff_project(before, changed)
    sections = {change.where.section for change in changes}
    assert {Section.TASKS, Section.MUNICIPALITIES, Section.MUNICIPAL} <= sections
    undo = store.apply(changes)
    after = _stored(store)
    assert _without_ids(after) == _without_ids(changed)
    assert diff_project(after, changed) == []
    words = {entry.change.where() for entry in store.history()}
    assert "Показатель № 1, уровень" in words
    assert "Показатель № 1, Энский район, 2025, план" in words
    assert "Ответственные «Петрова П. П.», занятость в проекте, %" in words
    assert any(entry.change.section is Section.TASKS for entry in store.history())
    store.apply(undo)
    assert _without_ids(_stored(store)) == _without_ids(project_2025())
    # Ids come back with an undone deletion: the breakdown entry is the same entry again.
    assert [m.id for m in _stored(store).indicators[0].municipalities] == [
        m.id for m in before.indicators[0].municipalities
    ]


def test_a_municipal_value_changed_elsewhere_is_a_conflict(store):
    store.create(project_2025())
    stored = _stored(store)
    row = stored.indicators[0]
    entry = row.municipalities[0]
    where = Where(stored.id, Section.MUNICIPAL, entry.id, "plan", 2025, parent=row.id)
    store.apply([SetValue(where, Decimal("500"), Decimal("550"))])
    with pytest.raises(ChangeConflict) as raised:
        store.apply([SetValue(where, Decimal("500"), Decimal("560"))])
    assert "Энский район" in str(raised.value)
    assert _stored(store).indicators[0].municipalities[0].values[2025].plan == Decimal("550")


def test_tasks_and_municipalities_are_added_moved_and_removed_with_undo(store):
    store.create(project_2025())
    stored = _stored(store)
    project = stored.id
    first = stored.tasks[0]
    changes = [
        AddItem(Where(project, Section.TASKS), Task("3", "Третья"), 2),
        MoveItem(Where(project, Section.TASKS, first.id), 0, 1),
        AddItem(Where(project, Section.MUNICIPALITIES), "Северный район", 0),
        RemoveItem(Where(project, Section.MUNICIPALITIES, "Город Энск"), "Город Энск", 2),
    ]
    undo = store.apply(changes)
    after = _stored(store)
    assert [task.number for task in after.tasks] == ["2", "1", "3"]
    assert after.municipalities == ["Северный район", "Энский район", "Приморский округ"]
    store.apply(undo)
    again = _stored(store)
    assert [task.number for task in again.tasks] == ["1", "2"]
    assert again.municipalities == project_2025().municipalities


def test_a_row_with_its_breakdown_is_removed_and_restored(store):
    store.create(project_2025())
    stored = _stored(store)
    row = stored.indicators[0]
    where = Where(stored.id, Section.INDICATORS, row.id)
    undo = store.apply([RemoveItem(where, row, 0)])
    assert [r.number for r in _stored(store).indicators] == ["2", "3"]
    store.apply(undo)
    assert _without_ids(_stored(store)) == _without_ids(project_2025())


def test_a_removed_project_takes_its_passport_tables_with_it(store):
    project_id = store.create(project_2025())
    store.delete(project_id)
    for table in ("project_task", "municipality", "municipal_row", "municipal_value"):
        (count,) = store.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
        assert count == 0, table
