"""The plan/fact table as an official uses it: keyboard, clipboard, undo, rows, statuses, chart."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView

from cdo_desktop.core.model import RowKind
from cdo_desktop.core.status import Status
from cdo_desktop.ui.main_window import FINANCING, INDICATORS, PERSONS, RESULTS
from cdo_desktop.ui.plan_fact_model import STATUS_COLORS, STATUS_ROLE, PlanFactTableModel
from tests.ui.keyboard import type_text


def stored_rows(workspace, kind=RowKind.INDICATOR):
    """What the database holds now, read afresh."""
    project_id = workspace.store.find("E4").id
    return workspace.store.load_rows(project_id, kind)


def open_tab(window, tab):
    window.tabs.setCurrentIndex(tab)
    panel = window.tabs.panel(tab)
    panel.view.setFocus()
    return panel


def go_to(panel, row, year, field):
    model = panel.model
    index = model.index(row, model.column_of(year, field))
    panel.view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    return index


def select(panel, index):
    panel.view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )


def type_into(qtbot, panel, text):
    """Type as a person does: the first key opens the editor, Enter stores the value."""
    type_text(panel.view, text)
    press_enter(qtbot, panel, panel.view.focusWidget())


def press_enter(qtbot, panel, editor):
    """Enter in an editor; Qt stores the value on its next turn of the event loop."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.view.state() != QAbstractItemView.State.EditingState)


def test_models_pass_qt_model_tester(window, qtmodeltester):
    for tab in (INDICATORS, RESULTS, FINANCING, PERSONS):
        panel = window.tabs.panel(tab)
        qtmodeltester.check(panel.model, force_py=True)


def test_two_row_header_has_the_year_over_plan_and_fact(window):
    model = open_tab(window, INDICATORS).model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "№ п/п"
    # the row's own columns (direction, base value, base year, the 2025–2030 fields) come
    # before the years
    first_year = model.fixed_columns
    assert model.headerData(first_year - 1, Qt.Orientation.Horizontal) == "По муниципалитетам"
    assert model.headerData(first_year, Qt.Orientation.Horizontal) == "2019\nплан"
    assert model.headerData(first_year + 1, Qt.Orientation.Horizontal) == "2019\nфакт"
    assert model.columnCount() == 7 + 6 + 2 * 6


def test_typed_value_reaches_the_database(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    go_to(panel, 2, 2021, "fact")
    type_into(qtbot, panel, "37 955,2")
    assert stored_rows(workspace)[2].value(2021).fact == Decimal("37955.2")
    assert panel.model.data(panel.view.currentIndex()) == "37 955,2"


def test_dash_means_no_value(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    go_to(panel, 2, 2021, "plan")
    type_into(qtbot, panel, "-")
    assert stored_rows(workspace)[2].value(2021).plan is None


def test_bad_value_is_refused_in_place_and_nothing_changes(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    go_to(panel, 2, 2021, "plan")
    type_into(qtbot, panel, "десять")
    assert stored_rows(workspace)[2].value(2021).plan == Decimal("38.28")
    assert panel.messages.isVisible()
    assert "«десять» — не число" in panel.messages.text()
    assert "2021 план" in panel.messages.text()
    assert window.undo_stack.count() == 0


def test_undo_and_redo_with_the_keyboard(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    go_to(panel, 2, 2021, "plan")
    type_into(qtbot, panel, "40")
    assert stored_rows(workspace)[2].value(2021).plan == 40
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_rows(workspace)[2].value(2021).plan == Decimal("38.28")
    assert panel.model.data(go_to(panel, 2, 2021, "plan")) == "38,28"
    qtbot.keyClick(panel.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored_rows(workspace)[2].value(2021).plan == 40


def test_paste_a_block_copied_from_excel(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    go_to(panel, 1, 2021, "plan")
    # Excel's clipboard: tabs, CRLF, Russian decimals, a non-breaking space, a dash, a blank.
    QGuiApplication.clipboard().setText("20\t18,5\t1\u00a0234,5\r\n-\t\t0\r\n")
    qtbot.keyClick(panel.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    second, third = stored_rows(workspace)[1:3]
    assert (second.value(2021).plan, second.value(2021).fact) == (20, Decimal("18.5"))
    assert second.value(2022).plan == Decimal("1234.5")
    assert (third.value(2021).plan, third.value(2021).fact) == (None, None)
    assert third.value(2022).plan == 0
    # the whole paste is one undo step
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_rows(workspace)[2].value(2021).plan == Decimal("38.28")
    assert stored_rows(workspace)[1].value(2021).plan is None


def test_paste_with_a_bad_cell_changes_nothing_and_names_the_cell(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    before = stored_rows(workspace)
    go_to(panel, 1, 2021, "plan")
    QGuiApplication.clipboard().setText("20\t18,5\n7\tабв\n")
    qtbot.keyClick(panel.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert stored_rows(workspace) == before
    assert "строка 3 (№ 3), 2021 факт: «абв» — не число" in panel.messages.text()
    assert window.undo_stack.count() == 0


def test_paste_that_does_not_fit_is_refused(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    before = stored_rows(workspace)
    go_to(panel, 2, 2024, "plan")
    QGuiApplication.clipboard().setText("1\t2\t3\n")
    qtbot.keyClick(panel.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert stored_rows(workspace) == before
    assert "не помещается" in panel.messages.text()


def test_copy_gives_tab_separated_russian_numbers(window, qtbot):
    panel = open_tab(window, INDICATORS)
    model = panel.model
    selection = panel.view.selectionModel()
    top_left = model.index(2, model.column_of(2020, "fact"))
    bottom_right = model.index(2, model.column_of(2022, "plan"))
    panel.view.setCurrentIndex(top_left)
    selection.select(
        QItemSelection(top_left, bottom_right), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    qtbot.keyClick(panel.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "0\t38,28\t\t51,88\n"


def test_delete_key_clears_values_and_undo_brings_them_back(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    go_to(panel, 2, 2021, "plan")
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert stored_rows(workspace)[2].value(2021).plan is None
    assert panel.model.data(panel.view.currentIndex()) == "–"
    window.undo_action.trigger()
    assert stored_rows(workspace)[2].value(2021).plan == Decimal("38.28")


def test_delete_a_row_and_undo(window, workspace, qtbot, always_yes):
    panel = open_tab(window, RESULTS)
    select(panel, panel.model.index(1, 1))
    qtbot.keyClick(panel.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert always_yes and "IT-куб" in always_yes[0][1]
    assert [row.number for row in stored_rows(workspace, RowKind.RESULT)] == ["1", "3", "4"]
    assert panel.model.rowCount() == 3
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = stored_rows(workspace, RowKind.RESULT)
    assert [row.number for row in restored] == ["1", "2", "3", "4"]
    assert restored[1].value(2022).plan == 3
    # an edit made before the deletion can still be undone after the row came back
    go_to(panel, 1, 2022, "plan")
    type_into(qtbot, panel, "5")
    select(panel, panel.model.index(1, 1))
    qtbot.keyClick(panel.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert stored_rows(workspace, RowKind.RESULT)[1].value(2022).plan == 3


def test_add_move_and_rename_rows(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    select(panel, panel.model.index(2, 1))
    panel.add_action.trigger()
    editor = panel.view.focusWidget()
    type_text(editor, "Новый показатель проекта")
    press_enter(qtbot, panel, editor)
    rows = stored_rows(workspace)
    assert [(row.number, row.name) for row in rows][-1] == ("4", "Новый показатель проекта")
    panel.up_action.trigger()
    assert [row.number for row in stored_rows(workspace)] == ["1", "2", "4", "3"]
    window.undo_action.trigger()
    assert [row.number for row in stored_rows(workspace)] == ["1", "2", "3", "4"]


def test_an_empty_name_is_refused(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    select(panel, panel.model.index(0, 1))
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = panel.view.focusWidget()
    editor.clear()
    press_enter(qtbot, panel, editor)
    assert stored_rows(workspace)[0].name.startswith("В Кировской области")
    assert "не может быть пустым" in panel.messages.text()


def test_cumulative_flag_toggles_with_space(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    select(panel, panel.model.index(0, 3))
    qtbot.keyClick(panel.view, Qt.Key.Key_Space)
    assert stored_rows(workspace)[0].cumulative is False
    window.undo_action.trigger()
    assert stored_rows(workspace)[0].cumulative is True


@pytest.mark.parametrize(
    ("row", "year", "status", "words"),
    [
        (2, 2019, Status.NOT_ACHIEVED, "Не достигнуто: 0 % плана (план 20, факт 0)"),
        (3, 2020, Status.ACHIEVED, "Достигнуто: 1200 % плана (план 0,5, факт 6,0)"),
        (1, 2020, Status.ACHIEVED, "Достигнуто: 100 % плана"),
        (0, 2021, Status.NO_FACT, "Факт ещё не внесён (план 217, факт –)"),
    ],
)
def test_fact_cells_show_status_by_colour_and_words(window, row, year, status, words):
    model: PlanFactTableModel = open_tab(window, RESULTS).model
    index = model.index(row, model.column_of(year, "fact"))
    assert model.data(index, STATUS_ROLE) == status.value
    assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == STATUS_COLORS[status]
    assert words in model.data(index, Qt.ItemDataRole.ToolTipRole)


def test_plan_zero_fact_zero_is_achieved(window):
    model = open_tab(window, INDICATORS).model
    index = model.index(2, model.column_of(2019, "fact"))
    assert model.data(index, STATUS_ROLE) == Status.ACHIEVED.value


def test_status_follows_a_plan_edit(window, qtbot):
    panel = open_tab(window, RESULTS)
    go_to(panel, 2, 2019, "plan")
    type_into(qtbot, panel, "0")
    fact = panel.model.index(2, panel.model.column_of(2019, "fact"))
    assert panel.model.data(fact, STATUS_ROLE) == Status.ACHIEVED.value


def test_chart_follows_the_selected_row_and_edits(window, qtbot):
    panel = open_tab(window, RESULTS)
    go_to(panel, 3, 2020, "fact")
    plan, fact = panel.chart.series
    assert (plan.name, fact.name) == ("План", "Факт")
    assert fact.values[2020] == Decimal("6.0")
    assert "1200 %" in panel.chart.hover_text(2020)
    type_into(qtbot, panel, "7")
    assert panel.chart.series[1].values[2020] == 7
    go_to(panel, 0, 2020, "plan")
    assert panel.chart.series[0].values[2023] == 392


def test_a_fact_cell_shows_the_december_monitoring_fact_beside_it(window, workspace):
    """Issue 19: the annual fact stays the official one; the monitoring fact as of 31 December
    is shown beside it, and a difference is said."""
    from datetime import date

    from cdo_desktop.core.changes import SetValue, Where
    from cdo_desktop.core.history import Section

    store = workspace.store
    project = store.load(store.find("E4").id)
    row = project.indicators[1]  # № 2: plan 15, fact 16 in 2020
    where = Where(project.id, Section.INDICATORS, row.id, "fact", as_of=date(2020, 12, 31))
    store.apply([SetValue(where, None, Decimal("15.5"))])
    window.refresh_from_database()
    panel = open_tab(window, INDICATORS)
    model = panel.model
    index = model.index(1, model.column_of(2020, "fact"))
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "Мониторинг по состоянию на 01.01.2021: 15,5 — не совпадает с годовым фактом" in tip
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == "16"  # the official fact, untouched
