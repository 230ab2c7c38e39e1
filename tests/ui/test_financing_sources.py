"""Budget sources of a financing line in the window: added, renamed, deleted and reordered,
each one undo step, the line's total computed; a new line goes at the end."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from cdo_desktop.core.model import ALL_SOURCES, BudgetSource, Project
from cdo_desktop.ui.financing_model import NAME, SOURCE
from cdo_desktop.ui.main_window import FINANCING
from tests.ui.keyboard import type_text


def demo(workspace) -> Project:
    return workspace.store.load(workspace.store.find("E4").id)


def sources_of(workspace, line=0):
    return [(s.name, s.parent) for s in demo(workspace).financing[line].sources]


def select(view, row, column):
    index = view.model().index(row, column)
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.setFocus()


def answering(panel, *names):
    """Answer the source tools' name dialogs with `names`, in turn."""
    queue = list(names)
    panel.sources.ask = lambda parent, title, label, ok: queue.pop(0)


def open_financing(window):
    window.tabs.setCurrentIndex(FINANCING)
    return window.tabs.financing


def test_first_real_source_takes_the_place_of_all_sources(window, workspace, qtbot):
    panel = open_financing(window)
    assert sources_of(workspace) == [(ALL_SOURCES, None)]
    total = demo(workspace).financing[0].total(2019)
    select(panel.view, 0, NAME)
    answering(panel, "бюджет субъекта")
    panel.sources.add_action.trigger()
    assert sources_of(workspace) == [("бюджет субъекта", None)]
    assert demo(workspace).financing[0].total(2019) == total  # amounts kept with it
    assert "назван «бюджет субъекта»" in panel.messages.text()
    window.undo_action.trigger()
    assert sources_of(workspace) == [(ALL_SOURCES, None)]


def test_add_sources_and_sub_sources_type_amounts_total_and_undo(
    window, workspace, qtbot, always_yes
):
    panel = open_financing(window)
    model = panel.model
    select(panel.view, 0, NAME)
    answering(panel, "бюджет субъекта", "внебюджетные источники", "из них: МБТ")
    panel.sources.add_action.trigger()
    panel.sources.add_action.trigger()
    assert sources_of(workspace) == [("бюджет субъекта", None), ("внебюджетные источники", None)]
    # The line now shows its sources as rows; choose the first and add an «из них» under it.
    row = model.row_of_source(demo(workspace).financing[0].sources[0].id)
    select(panel.view, row, NAME)
    panel.sources.add_sub_action.trigger()
    assert sources_of(workspace) == [
        ("бюджет субъекта", None),
        ("из них: МБТ", "бюджет субъекта"),
        ("внебюджетные источники", None),
    ]
    assert model.data(model.index(row + 1, NAME)) == "        из них: МБТ"
    # An amount typed for the new source counts in the line's total.
    other = model.row_of_source(demo(workspace).financing[0].sources[2].id)
    before = demo(workspace).financing[0].total(2019)
    assert model.setData(model.index(other, 4), "5")
    assert demo(workspace).financing[0].total(2019) == before + Decimal(5)
    assert model.data(model.index(0, 4)) != ""
    # Each action was one undo step.
    for _ in range(4):
        window.undo_action.trigger()
    assert sources_of(workspace) == [(ALL_SOURCES, None)]
    for _ in range(4):
        window.redo_action.trigger()
    assert len(sources_of(workspace)) == 3


def several_sources(workspace):
    project = demo(workspace)
    project.financing[0].sources = [
        BudgetSource("бюджет субъекта", None, {2019: Decimal(100)}),
        BudgetSource("из них: МБТ", "бюджет субъекта", {2019: Decimal(80)}),
        BudgetSource("внебюджетные источники", None, {2019: Decimal(5)}),
    ]
    workspace.store.replace([project])


def test_delete_a_source_with_its_sub_sources_after_asking(
    make_window, workspace, qtbot, monkeypatch
):
    several_sources(workspace)
    window = make_window()
    panel = open_financing(window)
    model = panel.model
    asked = []
    answer = [False]
    from cdo_desktop.ui import dialogs

    monkeypatch.setattr(
        dialogs, "confirm", lambda parent, title, text: asked.append(text) or answer[0]
    )
    select(panel.view, 1, NAME)
    panel.sources.delete_action.trigger()
    assert "вместе с 1 источником «из них»" in asked[0]
    assert len(sources_of(workspace)) == 3  # «Нет»: nothing deleted
    answer[0] = True
    panel.sources.delete_action.trigger()
    assert sources_of(workspace) == [("внебюджетные источники", None)]
    assert demo(workspace).financing[0].total(2019) == Decimal(5)
    assert model.data(model.index(0, SOURCE)) == "внебюджетные источники"
    # The last source stays: the line keeps one.
    select(panel.view, 0, SOURCE)
    panel.sources.delete_action.trigger()
    assert "хотя бы один источник" in panel.messages.text()
    assert len(asked) == 2
    window.undo_action.trigger()
    assert sources_of(workspace) == [
        ("бюджет субъекта", None),
        ("из них: МБТ", "бюджет субъекта"),
        ("внебюджетные источники", None),
    ]
    assert demo(workspace).financing[0].sources[1].values == {2019: Decimal(80)}


def test_rename_in_the_cell_and_reorder_with_sub_sources(make_window, workspace, qtbot):
    several_sources(workspace)
    window = make_window()
    panel = open_financing(window)
    model = panel.model
    select(panel.view, 3, NAME)  # «внебюджетные источники»
    panel.sources.rename_action.trigger()
    assert panel.view.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    editor.selectAll()
    type_text(editor, "иные источники")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.view.state() != QAbstractItemView.State.EditingState)
    assert sources_of(workspace)[2] == ("иные источники", None)
    # A name the line already has is refused, with the reason under the table.
    assert not model.setData(model.index(3, NAME), "бюджет субъекта")
    assert "уже есть" in model.last_error
    select(panel.view, 3, NAME)
    panel.sources.up_action.trigger()
    assert sources_of(workspace) == [
        ("иные источники", None),
        ("бюджет субъекта", None),
        ("из них: МБТ", "бюджет субъекта"),
    ]
    assert panel.view.currentIndex().row() == 1  # still on the moved source
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert sources_of(workspace)[2] == ("внебюджетные источники", None)


def test_new_line_goes_at_the_end_with_the_next_number(window, workspace, qtbot):
    panel = open_financing(window)
    select(panel.view, 0, NAME)
    panel.add_action.trigger()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    lines = demo(workspace).financing
    assert [line.number for line in lines] == ["1", "2", "3"]
    assert lines[-1].sources == [BudgetSource(ALL_SOURCES, id=lines[-1].sources[0].id)]
    assert panel.view.currentIndex().row() == panel.model.row_of_line(2)


def test_the_model_with_sources_passes_qt_model_checks(make_window, workspace, qtmodeltester):
    several_sources(workspace)
    window = make_window()
    model = open_financing(window).model
    qtmodeltester.check(model)
    assert model.flags(model.index(2, NAME)) & Qt.ItemFlag.ItemIsEditable  # «из них» name
    assert not model.flags(model.index(0, SOURCE)) & Qt.ItemFlag.ItemIsEditable  # several
