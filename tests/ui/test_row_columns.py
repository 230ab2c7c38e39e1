"""Direction, base value, base year and a result's characteristic: edited in the tables, undone,
hidden and shown again as the user chose."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox

from cdo_desktop.core.model import Direction, RowKind
from cdo_desktop.ui.main_window import INDICATORS, RESULTS
from tests.ui.keyboard import type_text
from tests.ui.test_plan_fact_table import open_tab, press_enter, stored_rows, type_into


def go_to_field(panel, row, field):
    index = panel.model.index(row, panel.model.column_of_field(field))
    panel.view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    return index


def test_direction_is_chosen_from_a_combo_box_and_undone(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    index = go_to_field(panel, 1, "direction")
    assert panel.model.data(index) == "рост"
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = panel.view.focusWidget()
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == ["рост", "снижение"]
    editor.setCurrentText("снижение")
    press_enter(qtbot, panel, editor)
    assert stored_rows(workspace)[1].direction is Direction.DOWN
    assert panel.model.data(index) == "снижение"
    window.undo_action.trigger()
    assert stored_rows(workspace)[1].direction is Direction.UP


def test_direction_typed_or_pasted_must_be_one_of_the_words(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    index = go_to_field(panel, 0, "direction")
    assert panel.model.paste_text(index, "Снижение\n")
    assert stored_rows(workspace)[0].direction is Direction.DOWN
    assert not panel.model.paste_text(index, "вниз\n")
    assert "ожидалось «рост» или «снижение»" in panel.model.last_error


def test_base_value_is_a_russian_number(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    go_to_field(panel, 2, "base_value")
    type_into(qtbot, panel, "1 234,5")
    assert stored_rows(workspace)[2].base_value == Decimal("1234.5")
    go_to_field(panel, 2, "base_value")
    type_into(qtbot, panel, "много")
    assert "не число" in panel.messages.text()
    assert stored_rows(workspace)[2].base_value == Decimal("1234.5")
    window.undo_action.trigger()
    assert stored_rows(workspace)[2].base_value != Decimal("1234.5")


def test_base_year_is_a_year_within_reason(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    index = go_to_field(panel, 0, "base_year")
    type_into(qtbot, panel, "2017")
    assert stored_rows(workspace)[0].base_year == 2017
    assert panel.model.data(index) == "2017"
    for bad in ("17000", "две тысячи", "1066"):
        go_to_field(panel, 0, "base_year")
        type_into(qtbot, panel, bad)
        assert "ожидался год от 1990 до 2100" in panel.messages.text()
        assert stored_rows(workspace)[0].base_year == 2017
    go_to_field(panel, 0, "base_year")
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert stored_rows(workspace)[0].base_year is None


def test_a_results_characteristic_is_text(window, workspace, qtbot):
    panel = open_tab(window, RESULTS)
    assert "characteristic" in [column.field for column in panel.model.row_columns]
    index = go_to_field(panel, 1, "characteristic")
    type_into(qtbot, panel, "Создание центров")
    assert stored_rows(workspace, RowKind.RESULT)[1].characteristic == "Создание центров"
    assert panel.model.data(index, Qt.ItemDataRole.ToolTipRole) == "Создание центров"
    window.undo_action.trigger()
    assert stored_rows(workspace, RowKind.RESULT)[1].characteristic != "Создание центров"


def test_hidden_columns_are_remembered(make_window, qtbot):
    window = make_window()
    panel = open_tab(window, INDICATORS)
    column = panel.model.column_of_field("base_year")
    assert not panel.view.isColumnHidden(column)
    choice = panel.column_choice
    choice.menu.aboutToShow.emit()  # as when it opens (a real popup grabs the keyboard)
    actions = {action.text(): action for action in choice.menu.actions()}
    assert {"Направление", "Базовое значение", "Базовый год"} <= set(actions)
    # the demo is a 2019–2024 project: the 2025–2030 columns are offered, not shown
    assert {title for title, action in actions.items() if action.isChecked()} == {
        "Направление",
        "Базовое значение",
        "Базовый год",
    }
    actions["Базовый год"].setChecked(False)
    assert panel.view.isColumnHidden(column)
    # a new row reads the table again: the column stays hidden
    panel.add_action.trigger()
    type_text(panel.view.focusWidget(), "Ещё показатель")
    press_enter(qtbot, panel, panel.view.focusWidget())
    assert panel.view.isColumnHidden(column)
    window.close()

    again = open_tab(make_window(), INDICATORS)
    assert again.view.isColumnHidden(column)
    assert not again.view.isColumnHidden(again.model.column_of_field("base_value"))
    results = open_tab(again.window(), RESULTS)
    assert not results.view.isColumnHidden(results.model.column_of_field("characteristic"))
