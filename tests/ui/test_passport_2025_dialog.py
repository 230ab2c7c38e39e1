"""«Паспорт 2025–2030» in the window (issue 21): every new field edited, each edit one undo step
through the store; people's supervisor and share in their table."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtGui import QUndoStack

from cdo_desktop.core.model import PlanFact
from cdo_desktop.storage.editing import ProjectEditor
from cdo_desktop.ui.grid_model import CellError
from cdo_desktop.ui.passport_2025_dialog import Passport2025Dialog
from cdo_desktop.ui.persons_model import SHARE, SUPERVISOR, PersonsTableModel
from cdo_desktop.workspace import open_workspace
from tests.passport_2025 import project_2025


@pytest.fixture
def opened(tmp_path, qtbot):
    workspace = open_workspace(tmp_path / "p.sqlite", daily_backup=False)
    project_id = workspace.store.create(project_2025())
    stack = QUndoStack()
    refreshed = []
    dialog = Passport2025Dialog(
        workspace.store, project_id, stack, on_change=lambda: refreshed.append(1)
    )
    qtbot.addWidget(dialog)
    yield workspace, project_id, stack, dialog, refreshed
    workspace.close()


def _stored(workspace, project_id):
    return workspace.store.load(project_id)


def _undo_all(stack):
    while stack.canUndo():
        stack.undo()


def _same_as_before(workspace, project_id):
    stored = _stored(workspace, project_id)
    expected = project_2025()
    assert [(t.number, t.name) for t in stored.tasks] == [
        (t.number, t.name) for t in expected.tasks
    ]
    assert stored.municipalities == expected.municipalities
    for got, want in zip(
        stored.indicators + stored.results, expected.indicators + expected.results, strict=True
    ):
        for field in (
            "task",
            "level",
            "indicator_kind",
            "okei",
            "data_source",
            "result_type",
            "linked_indicators",
        ):
            assert getattr(got, field) == getattr(want, field), field
        assert [(e.name, e.values) for e in got.municipalities] == [
            (e.name, e.values) for e in want.municipalities
        ]


def test_tasks_and_municipalities_are_edited_with_undo(opened, always_yes):
    workspace, project_id, stack, dialog, refreshed = opened
    dialog.add_task()
    dialog.tasks_table.item(2, 1).setText("Третья задача")
    dialog.tasks_table.item(0, 0).setText("1.0")
    dialog.add_municipality("Северный район")
    dialog.municipalities_list.item(0).setText("Энский муниципальный район")
    dialog.municipalities_list.setCurrentRow(2)
    dialog.remove_municipality()
    stored = _stored(workspace, project_id)
    assert stored.tasks[0].number == "1.0"
    assert stored.tasks[2].name == "Третья задача"
    assert stored.municipalities == [
        "Энский муниципальный район",
        "Город Энск",
        "Северный район",
    ]
    assert refreshed and stack.count() == 6
    _undo_all(stack)
    _same_as_before(workspace, project_id)


def test_every_row_field_and_the_breakdown_are_edited_with_undo(opened, always_yes):
    workspace, project_id, stack, dialog, _ = opened
    dialog.row_box.setCurrentIndex(0)  # indicator 1
    dialog.task_box.setCurrentIndex(dialog.task_box.findData("2"))
    dialog.task_box.activated.emit(dialog.task_box.currentIndex())
    dialog.level_boxes["НП"].click()
    dialog.level_boxes["ФП"].click()
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("additional"))
    dialog.kind_box.activated.emit(dialog.kind_box.currentIndex())
    dialog.okei_box.setCurrentIndex(dialog.okei_box.findData("793"))
    dialog.okei_box.activated.emit(dialog.okei_box.currentIndex())
    dialog.source_edit.setText("ФИС ФРДО")
    dialog.source_edit.editingFinished.emit()
    dialog.breakdown.item(0, 0).setText("510")  # Энский район, 2025 план
    dialog.breakdown.setCurrentCell(2, 0)
    dialog.remove_entry()  # Приморский округ
    first = _stored(workspace, project_id).indicators[0]
    assert (first.task, first.level, first.indicator_kind, first.okei, first.data_source) == (
        "2",
        ["НП", "РП"],
        "additional",
        "793",
        "ФИС ФРДО",
    )
    assert first.municipalities[0].values[2025] == PlanFact(Decimal(510), Decimal(505))
    assert [entry.name for entry in first.municipalities] == ["Энский район", "Город Энск"]
    assert "план по муниципалитетам в сумме 1 210, а по области 1 500" in dialog.check_label.text()
    dialog.row_box.setCurrentIndex(2)  # indicator 3, not broken down
    dialog.break_down()
    third = _stored(workspace, project_id).indicators[2]
    assert [entry.name for entry in third.municipalities] == project_2025().municipalities
    dialog.row_box.setCurrentIndex(4)  # result 2.1
    dialog.type_edit.setText("Иное")
    dialog.type_edit.editingFinished.emit()
    dialog.links_edit.setText("2; 3")
    dialog.links_edit.editingFinished.emit()
    result = _stored(workspace, project_id).results[1]
    assert (result.result_type, result.linked_indicators) == ("Иное", ["2", "3"])
    _undo_all(stack)
    _same_as_before(workspace, project_id)
    stack.redo()
    assert _stored(workspace, project_id).indicators[0].task == "2"


def test_supervisor_and_share_are_edited_in_the_people_table(tmp_path, qtbot):
    workspace = open_workspace(tmp_path / "p.sqlite", daily_backup=False)
    try:
        project_id = workspace.store.create(project_2025())
        stack = QUndoStack()
        project = workspace.store.load(project_id)
        model = PersonsTableModel(
            project.persons, ProjectEditor(workspace.store, project_id), stack
        )
        assert model.data(model.index(1, SUPERVISOR)) == "Иванов И. И."
        assert model.setData(model.index(0, SHARE), "12,5")
        assert model.setData(model.index(0, SUPERVISOR), "Губернатор")
        curator = workspace.store.load(project_id).persons[0]
        assert (curator.supervisor, curator.share) == ("Губернатор", Decimal("12.5"))
        with pytest.raises(CellError, match="процент от 0 до 100"):
            model.parse(model.index(0, SHARE), "120")
        _undo_all(stack)
        curator = workspace.store.load(project_id).persons[0]
        assert (curator.supervisor, curator.share) == ("", None)
    finally:
        workspace.close()
