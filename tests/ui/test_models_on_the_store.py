"""Each table model over a store, without a MainWindow: qtmodeltester, edits, undo by identity,
and two copies of the program (two workspaces) on one file losing nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtGui import QUndoStack

from cdo_desktop.core.model import Person, PlanFactRow, RowKind
from cdo_desktop.storage.editing import ProjectEditor
from cdo_desktop.ui.financing_model import FinancingTableModel
from cdo_desktop.ui.grid_model import ConflictError
from cdo_desktop.ui.passport_panel import PassportPanel
from cdo_desktop.ui.persons_model import PersonsTableModel
from cdo_desktop.ui.plan_fact_model import PlanFactTableModel
from cdo_desktop.workspace import open_workspace


class Copy:
    """One copy of the program on the file: its workspace, undo stack and models."""

    def __init__(self, path):
        self.workspace = open_workspace(path, daily_backup=False)
        store = self.workspace.store
        self.project_id = store.find("E4").id
        self.editor = ProjectEditor(store, self.project_id)
        self.stack = QUndoStack()
        project = store.load(self.project_id)
        self.indicators = PlanFactTableModel(
            RowKind.INDICATOR, project.indicators, project.years, self.editor, self.stack
        )
        self.financing = FinancingTableModel(
            project.financing, project.years, self.editor, self.stack
        )
        self.persons = PersonsTableModel(project.persons, self.editor, self.stack)
        self.project = project

    def stored(self):
        return self.workspace.store.load(self.project_id)

    def close(self):
        self.workspace.close()


@pytest.fixture
def copies(tmp_path):
    path = tmp_path / "shared.sqlite"
    open_workspace(path).close()
    first, second = Copy(path), Copy(path)
    yield first, second
    first.close()
    second.close()


def test_every_model_passes_qtmodeltester(copies, qtmodeltester):
    first, _ = copies
    for model in (first.indicators, first.financing, first.persons):
        qtmodeltester.check(model, force_py=True)


def test_a_typed_value_is_stored_recorded_and_undone_through_the_store(copies):
    first, _ = copies
    model = first.indicators
    index = model.index(2, model.column_of(2021, "plan"))
    assert model.setData(index, "40")
    assert first.stored().indicators[2].value(2021).plan == 40
    assert model.data(index) == "40"
    assert first.workspace.store.history(limit=1)[0].change.new == "40"
    first.stack.undo()
    assert first.stored().indicators[2].value(2021).plan == Decimal("38.28")
    assert model.data(index) == "38,28"
    first.stack.redo()
    assert first.stored().indicators[2].value(2021).plan == 40


def test_undo_of_an_addition_removes_exactly_that_row_after_the_other_copy_inserted_above(
    copies,
):
    first, second = copies
    first.indicators.add_item(3, PlanFactRow("9", "Мой показатель"), "добавление")
    second.indicators.reload()
    second.indicators.add_item(0, PlanFactRow("0", "Чужой показатель"), "добавление")
    first.indicators.reload()
    before = [row.name for row in first.stored().indicators]
    first.stack.undo()
    after = [row.name for row in first.stored().indicators]
    assert "Мой показатель" not in after and "Чужой показатель" in after
    assert len(after) == len(before) - 1
    # Every pre-existing indicator is still there with its figures.
    assert [r.name for r in first.project.indicators] == after


def test_undo_of_an_addition_changed_by_the_other_copy_asks_and_keeps_theirs(copies):
    first, second = copies
    asked = []
    first.indicators.conflict_resolver = lambda conflict: asked.append(conflict) or False
    first.indicators.add_item(3, PlanFactRow("9", "Мой показатель"), "добавление")
    second.indicators.reload()
    position = next(
        p for p, row in enumerate(second.indicators.rows) if row.name == "Мой показатель"
    )
    index = second.indicators.index(position, second.indicators.column_of(2020, "fact"))
    assert second.indicators.setData(index, "7")
    first.stack.undo()
    assert asked, "the user was asked"
    names = [row.name for row in first.stored().indicators]
    assert "Мой показатель" in names  # theirs kept: the row with their fact stays


def test_undo_after_the_other_copy_loaded_a_document_still_finds_the_row(copies):
    first, second = copies
    model = first.indicators
    index = model.index(1, model.column_of(2022, "plan"))
    assert model.setData(index, "123")
    # The other copy loads a document (its own dump with one value changed elsewhere).
    project = second.stored()
    project.goal = "Цель после загрузки"
    second.workspace.store.replace([project], source="загрузка")
    first.stack.undo()
    assert first.stored().indicators[1].value(2022).plan is None
    assert first.stored().goal == "Цель после загрузки"


def test_a_cell_changed_by_the_other_copy_is_a_conflict_naming_both_values(copies):
    first, second = copies
    model = first.indicators
    index = model.index(2, model.column_of(2021, "plan"))
    other = second.indicators
    assert other.setData(other.index(2, other.column_of(2021, "plan")), "50")
    assert not model.setData(index, "40")
    conflict = model.last_conflict
    assert isinstance(conflict, ConflictError)
    [(where, shown, stored)] = conflict.cells
    assert where == index and shown == Decimal("38.28") and stored == Decimal(50)
    assert first.stored().indicators[2].value(2021).plan == 50
    model.overwrite(conflict)
    assert first.stored().indicators[2].value(2021).plan == 40


def test_deleting_a_person_and_undoing_brings_them_back_under_the_same_id(copies):
    first, _ = copies
    model = first.persons
    person = model.persons[-1]
    assert model.delete_items([model.rowCount() - 1])
    assert person.id not in {p.id for p in first.stored().persons}
    first.stack.undo()
    assert person.id in {p.id for p in first.stored().persons}
    model.add_item(model.rowCount(), Person("эксперт", "И. И. Иванов"), "добавление")
    assert "И. И. Иванов" in {p.name for p in first.stored().persons}


def test_financing_amount_and_line_edits_go_through_the_store(copies):
    first, _ = copies
    model = first.financing
    index = model.index(0, model.column_of_year(2024))
    assert model.setData(index, "5")
    line = first.stored().financing[0]
    assert line.total(2024) == 5
    first.stack.undo()
    assert first.stored().financing[0].total(2024) is None
    assert model.data(index) == "–"


def test_passport_undo_does_not_overwrite_what_the_other_copy_wrote(copies, qtbot, monkeypatch):
    first, second = copies
    asked = []
    monkeypatch.setattr("cdo_desktop.ui.dialogs.choose", lambda *args: asked.append(args[2]) or 0)
    panel = PassportPanel(first.project, first.editor, first.stack)
    qtbot.addWidget(panel)
    panel.line_edits["customer"].setText("Моё министерство")
    panel.line_edits["customer"].editingFinished.emit()
    assert first.stored().customer == "Моё министерство"
    project = second.stored()
    project.customer = "Их министерство"
    project.participants.append("Их участник")
    second.workspace.store.replace([project], source="другая копия")
    first.stack.undo()
    assert asked and "Их министерство" in asked[0]
    stored = first.stored()
    assert stored.customer == "Их министерство" and "Их участник" in stored.participants
    qtbot.waitUntil(lambda: panel.line_edits["customer"].text() == "Их министерство")
