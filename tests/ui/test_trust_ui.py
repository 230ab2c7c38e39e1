"""Trust in the window: the checks panel leads to cells, history and backups dialogs work."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from cdo_desktop.core.history import Section
from cdo_desktop.ui.backups_dialog import BackupsDialog
from cdo_desktop.ui.history_dialog import HistoryDialog
from cdo_desktop.ui.main_window import INDICATORS, RESULTS
from tests.ui.keyboard import type_text


def edit_cell(qtbot, panel, row, column, text):
    index = panel.model.index(row, column)
    panel.view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    panel.view.setFocus()
    type_text(panel.view, text)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.view.state() != QAbstractItemView.State.EditingState)


def test_the_closed_checks_panel_shows_the_problems_when_opened(window, qtbot):
    assert window.checks.isHidden()
    panel = window.tabs.indicators
    window.tabs.setCurrentIndex(INDICATORS)
    edit_cell(qtbot, panel, 2, panel.model.column_of(2023, "plan"), "140")
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.waitUntil(window.checks.isVisible)
    rules = sorted(problem.rule for problem in window.checks.problems)
    # today the demo's facts after 2020 are late as well: warnings, after the errors
    assert sorted(set(rules)) == [
        "cumulative_plan_decreases",
        "missing_fact",
        "percent_out_of_range",
    ]
    assert window.checks.summary.text().startswith("2 ошибки, ")


def test_checks_panel_follows_edits_and_leads_to_the_cell(window, qtbot):
    window.checks.as_of = date(2022, 2, 1)  # the 2021 facts are due today: not late yet
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.waitUntil(window.checks.isVisible)
    assert window.checks.problems == []
    assert window.checks.summary.text() == "Проблем не найдено."
    panel = window.tabs.indicators
    window.tabs.setCurrentIndex(INDICATORS)
    edit_cell(qtbot, panel, 2, panel.model.column_of(2023, "plan"), "140")
    rules = [problem.rule for problem in window.checks.problems]
    # 140 % is out of range, and the plan falls back to 74,9 in 2024
    assert sorted(rules) == ["cumulative_plan_decreases", "percent_out_of_range"]
    window.tabs.setCurrentIndex(RESULTS)
    window.checks.show()
    item = window.checks.item_of(window.checks.problems[rules.index("percent_out_of_range")])
    window.checks.tree.itemClicked.emit(item, 0)
    assert window.tabs.currentIndex() == INDICATORS
    current = panel.view.currentIndex()
    assert (current.row(), current.column()) == (2, panel.model.column_of(2023, "plan"))


def test_printing_with_errors_asks_first(window, qtbot, monkeypatch):
    panel = window.tabs.indicators
    window.tabs.setCurrentIndex(INDICATORS)
    edit_cell(qtbot, panel, 2, panel.model.column_of(2023, "plan"), "140")
    asked = []
    monkeypatch.setattr(
        "cdo_desktop.ui.dialogs.confirm", lambda parent, title, text: asked.append(text) or False
    )
    opened = []
    monkeypatch.setattr(
        "cdo_desktop.ui.summary_dialog.open_summary_preview", lambda *args: opened.append(args)
    )
    window.print_action.trigger()
    assert "найдены ошибки (2)" in asked[0] and "вне пределов 0–100" in asked[0]
    assert opened == []


def test_history_dialog_shows_an_edit_and_the_cells_past(window, workspace, qtbot):
    panel = window.tabs.results
    window.tabs.setCurrentIndex(RESULTS)
    column = panel.model.column_of(2020, "fact")
    edit_cell(qtbot, panel, 3, column, "7")
    dialog = HistoryDialog(workspace, "E4", parent=window)
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.item(0, 3).text() == "Результат № 4, 2020, факт"
    assert (table.item(0, 4).text(), table.item(0, 5).text()) == ("6,0", "7")
    dialog.row.setText("IT-куб")
    assert all(
        "Результат № 2" in dialog.table.item(r, 3).text()
        or "Финансирование № 2" in dialog.table.item(r, 3).text()
        for r in range(dialog.table.rowCount())
    )
    cell = HistoryDialog(workspace, "E4", cell=(Section.RESULTS, "4", 2020, "fact"), parent=window)
    qtbot.addWidget(cell)
    assert cell.table.rowCount() == 1
    assert panel.model.history_key(panel.model.index(3, column)) == (
        Section.RESULTS,
        "4",
        2020,
        "fact",
    )


def test_history_exports_to_excel(window, workspace, qtbot, tmp_path, monkeypatch):
    import openpyxl

    dialog = HistoryDialog(workspace, "E4", parent=window)
    qtbot.addWidget(dialog)
    target = tmp_path / "история.xlsx"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *args, **kwargs: (str(target), "")
    )
    monkeypatch.setattr("cdo_desktop.ui.dialogs.show_info", lambda *args: None)
    dialog.export()
    sheet = openpyxl.load_workbook(target).active
    assert sheet["A1"].value == "Когда"
    assert sheet["G2"].value == "демонстрационный проект"


def test_backups_dialog_restores_and_the_window_reloads(
    window, workspace, qtbot, monkeypatch, always_yes
):
    monkeypatch.setattr("cdo_desktop.ui.dialogs.show_info", lambda *args: None)
    dialog = BackupsDialog(workspace, window)
    qtbot.addWidget(dialog)
    dialog.make_backup()
    assert dialog.table.rowCount() == 1
    panel = window.tabs.indicators
    window.tabs.setCurrentIndex(INDICATORS)
    edit_cell(qtbot, panel, 2, panel.model.column_of(2021, "plan"), "55")
    dialog.table.selectRow(0)
    dialog.restore_selected()
    assert dialog.restored
    assert dialog.table.rowCount() == 2  # the copy made before restoring
    window.reload_projects(prefer="E4")
    model = window.tabs.indicators.model
    assert model.rows[2].value(2021).plan == Decimal("38.28")


def test_the_checks_panel_is_remembered_open_or_closed(make_window, qtbot):
    first = make_window()
    assert not first.checks_action.isChecked()
    qtbot.keyClick(first, Qt.Key.Key_F7)
    qtbot.waitUntil(first.checks.isVisible)
    assert first.checks_action.isChecked()
    first.close()
    second = make_window()
    qtbot.waitUntil(lambda: second.checks.isVisible())
    assert second.checks_action.isChecked()
    second.checks.close()  # its own ✕
    assert not second.checks_action.isChecked()
    second.close()
    third = make_window()
    assert third.view_commands._checks is None, "a closed panel is not even made at start"


def test_an_unexpected_failure_is_told_in_russian_and_the_window_shows_the_database(
    window, qtbot, monkeypatch, capsys
):
    import sqlite3

    from cdo_desktop.ui.errors import error_handler

    told = []
    monkeypatch.setattr(
        "cdo_desktop.ui.dialogs.show_error", lambda parent, title, text: told.append((title, text))
    )
    handle = error_handler(window)
    locked = sqlite3.OperationalError("database is locked")
    handle(type(locked), locked, None)
    qtbot.waitUntil(lambda: bool(told))
    assert told[0][0] == "Действие не выполнено"
    assert "база данных занята другой программой" in told[0][1]
    assert "записывается целиком или не записывается совсем" in told[0][1]
    assert window.statusBar().currentMessage() == "Показаны данные, какие они в базе сейчас."
    handle(ZeroDivisionError, ZeroDivisionError("division by zero"), None)
    qtbot.waitUntil(lambda: len(told) == 2)
    assert told[1][1].startswith("Внутренняя ошибка программы (ZeroDivisionError: division")
    assert "OperationalError" in capsys.readouterr().err, "the details go to stderr"


def test_an_error_that_comes_back_is_told_once_and_not_while_closing(window, qtbot, monkeypatch):
    from cdo_desktop.ui.errors import error_handler

    told = []
    monkeypatch.setattr(
        "cdo_desktop.ui.dialogs.show_error", lambda parent, title, text: told.append(text)
    )
    handle = error_handler(window)
    for _ in range(20):  # as a failing repaint would
        handle(ValueError, ValueError("плохо"), None)
        qtbot.wait(5)
    qtbot.wait(50)
    assert len(told) == 1
    window.hide()
    handle(KeyError, KeyError("иное"), None)
    qtbot.wait(50)
    assert len(told) == 1, "nothing is shown once the window is gone"
