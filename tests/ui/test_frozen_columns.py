"""«№» and «Наименование» stay in sight while the years scroll, and stay in step with the table;
columns fit what they show and the name takes the rest."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from cdo_desktop.ui.column_fit import NAME_MINIMUM
from cdo_desktop.ui.main_window import FINANCING, INDICATORS, PERSONS, RESULTS
from tests.ui.keyboard import type_text
from tests.ui.test_plan_fact_table import open_tab, press_enter, stored_rows

WIDE_TABLES = (INDICATORS, RESULTS, FINANCING)


def shown_at(window, tab, width, height, qtbot):
    window.resize(width, height)
    panel = open_tab(window, tab)
    qtbot.waitUntil(lambda: panel.view.width() > width // 2)
    QApplication.processEvents()
    return panel


def select(view, row, column):
    index = view.model().index(row, column)
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    return index


@pytest.mark.parametrize("tab", WIDE_TABLES)
def test_the_frozen_part_shows_number_and_name_over_the_same_model(window, tab):
    panel = open_tab(window, tab)
    frozen = panel.view.frozen
    assert frozen is not None and frozen.isVisible()
    assert frozen.model() is panel.model
    assert frozen.selectionModel() is panel.view.selectionModel()
    shown = [c for c in range(panel.model.columnCount()) if not frozen.isColumnHidden(c)]
    assert shown == [0, 1]
    assert frozen.width() == panel.view.columnWidth(0) + panel.view.columnWidth(1) + 1
    for row in range(panel.model.rowCount()):
        assert frozen.rowHeight(row) == panel.view.rowHeight(row)


def test_persons_have_no_frozen_part(window):
    assert open_tab(window, PERSONS).view.frozen is None


def test_the_frozen_part_stays_while_the_years_scroll(window, qtbot):
    panel = shown_at(window, INDICATORS, 1280, 720, qtbot)
    view, frozen = panel.view, panel.view.frozen
    bar = view.horizontalScrollBar()
    assert bar.maximum() > 0  # six years do not fit 1280 pixels beside the name
    left = frozen.geometry().left()
    bar.setValue(bar.maximum())
    assert frozen.geometry().left() == left
    assert frozen.columnViewportPosition(1) == view.columnWidth(0)
    # underneath, the main view's own name column has scrolled away
    assert view.columnViewportPosition(1) < 0


def test_vertical_scrolling_and_row_heights_follow(window, qtbot):
    panel = shown_at(window, INDICATORS, 1280, 720, qtbot)
    view, frozen = panel.view, panel.view.frozen
    view.setRowHeight(0, 400)  # taller than the table: it scrolls
    assert frozen.rowHeight(0) == 400
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    view.verticalScrollBar().setValue(120)
    assert frozen.verticalScrollBar().value() == 120
    frozen.verticalScrollBar().setValue(60)  # the wheel over the frozen part
    assert view.verticalScrollBar().value() == 60
    assert frozen.rowViewportPosition(1) == view.rowViewportPosition(1)


def test_a_click_in_the_frozen_part_is_the_tables_current_cell(window, qtbot):
    panel = open_tab(window, RESULTS)
    view, frozen = panel.view, panel.view.frozen
    index = panel.model.index(2, 1)
    qtbot.mouseClick(
        frozen.viewport(), Qt.MouseButton.LeftButton, pos=frozen.visualRect(index).center()
    )
    assert view.currentIndex() == index
    assert view.selectionModel().isSelected(index)
    assert view.hasFocus()  # the keyboard stays with the table
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (2, 2)


def test_a_frozen_name_is_edited_where_it_is_seen(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    view, frozen = panel.view, panel.view.frozen
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    select(view, 0, 1)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert editor.parent() is frozen.viewport() and editor.isVisible()
    assert view.state() == QAbstractItemView.State.EditingState
    editor.setText("Новое имя показателя")
    press_enter(qtbot, panel, editor)
    assert stored_rows(workspace)[0].name == "Новое имя показателя"
    assert view.hasFocus()
    window.undo_action.trigger()
    assert stored_rows(workspace)[0].name != "Новое имя показателя"


def test_typing_over_a_frozen_name_and_tab_go_on_in_the_scrolling_part(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    view = panel.view
    select(view, 1, 1)
    type_text(view, "Другое имя")
    editor = QApplication.focusWidget()
    assert editor.parent() is view.frozen.viewport()
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: view.currentIndex().column() == 2)
    assert stored_rows(workspace)[1].name == "Другое имя"
    # the next cell (the unit) is edited in the scrolling part, where it is
    unit_editor = QApplication.focusWidget()
    assert isinstance(unit_editor, QLineEdit) and unit_editor.parent() is view.viewport()
    qtbot.keyClick(unit_editor, Qt.Key.Key_Escape)


def test_arrows_cross_the_boundary_and_no_cell_hides_under_it(window, qtbot):
    panel = shown_at(window, INDICATORS, 1280, 720, qtbot)
    view, frozen = panel.view, panel.view.frozen
    bar = view.horizontalScrollBar()
    select(view, 1, panel.model.columnCount() - 1)
    assert bar.value() > 0
    shown = [c for c in range(panel.model.columnCount()) if not view.isColumnHidden(c)]
    for _ in range(len(shown) - 3):  # the cursor steps over hidden columns
        qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.currentIndex().column() == 2
    assert view.visualRect(view.currentIndex()).left() >= frozen.frozen_width()
    scrolled = bar.value()
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.currentIndex().column() == 1  # into the frozen part: nothing scrolls
    assert bar.value() == scrolled
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex().column() == 2
    assert view.visualRect(view.currentIndex()).left() >= frozen.frozen_width()


def test_copy_and_paste_from_a_frozen_cell(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    view = panel.view
    select(view, 0, 0)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "1\n"
    QApplication.clipboard().setText("Имя из Excel\n")
    select(view, 2, 1)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert stored_rows(workspace)[2].name == "Имя из Excel"


def _cut_cells(panel):
    """Cells whose text is wider than their column (names wrap, so they are left out)."""
    view, model = panel.view, panel.model
    cut = []
    for column in range(model.columnCount()):
        if column == 1 or view.isColumnHidden(column):
            continue
        for row in range(model.rowCount()):
            index = model.index(row, column)
            font = model.data(index, Qt.ItemDataRole.FontRole)
            metrics = QFontMetrics(font) if isinstance(font, QFont) else view.fontMetrics()
            text = str(model.data(index) or "")
            if metrics.horizontalAdvance(text) + 8 > view.columnWidth(column):
                cut.append((row, column, text))
    return cut


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("tab", WIDE_TABLES)
def test_no_number_is_cut_and_the_name_takes_the_rest(window, qtbot, size, tab):
    panel = shown_at(window, tab, *size, qtbot)
    view = panel.view
    assert _cut_cells(panel) == []
    name = view.columnWidth(1)
    assert name >= NAME_MINIMUM
    used = sum(
        view.columnWidth(c) for c in range(panel.model.columnCount()) if not view.isColumnHidden(c)
    )
    if name > NAME_MINIMUM:  # the name took what was left: the table fills the width
        assert view.viewport().width() - 30 <= used <= view.viewport().width()
    else:  # too many years for the screen: the table scrolls, the name wraps
        assert used > view.viewport().width()


def test_financing_total_shows_whole_at_1920(window, qtbot):
    panel = shown_at(window, FINANCING, 1920, 1080, qtbot)
    model = panel.model
    total = model.index(0, model.columnCount() - 1)
    assert model.data(total) == "729 538,2"
    assert panel.view.columnWidth(1) > 600  # the name uses the wide screen


def test_a_wider_value_widens_its_column(window, qtbot):
    panel = open_tab(window, INDICATORS)
    column = panel.model.column_of(2021, "plan")
    before = panel.view.columnWidth(column)
    assert panel.model.paste_text(panel.model.index(0, column), "123 456 789,25\n")
    assert panel.view.columnWidth(column) > before
    assert _cut_cells(panel) == []


def test_hiding_a_column_gives_its_width_to_the_name(window, qtbot):
    panel = shown_at(window, INDICATORS, 1920, 1080, qtbot)
    name = panel.view.columnWidth(1)
    base_year = panel.model.column_of_field("base_year")
    freed = panel.view.columnWidth(base_year)
    panel.column_choice.set_shown("base_year", False)
    assert panel.view.columnWidth(1) == name + freed
    assert panel.view.frozen.width() == panel.view.columnWidth(0) + name + freed + 1


def test_years_changed_keep_the_frozen_part_and_the_fit(window, qtbot):
    panel = shown_at(window, INDICATORS, 1280, 720, qtbot)
    panel.model.set_years(range(2019, 2031))
    panel.size_columns()
    frozen = panel.view.frozen
    shown = [c for c in range(panel.model.columnCount()) if not frozen.isColumnHidden(c)]
    assert shown == [0, 1]
    assert _cut_cells(panel) == []


def test_shift_tab_from_the_scrolling_part_edits_the_frozen_name(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    view = panel.view
    select(view, 2, 2)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    unit_editor = QApplication.focusWidget()
    assert unit_editor.parent() is view.viewport()
    qtbot.keyClick(unit_editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: view.currentIndex().column() == 1)
    name_editor = QApplication.focusWidget()
    assert isinstance(name_editor, QLineEdit) and name_editor.parent() is view.frozen.viewport()
    assert name_editor.text() == stored_rows(workspace)[2].name
    qtbot.keyClick(name_editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert view.hasFocus()
