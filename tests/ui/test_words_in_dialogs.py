"""Counted words agree in the window's questions; messages are sentences."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import QApplication

from cdo_desktop.ui import dialogs
from cdo_desktop.ui.main_window import INDICATORS
from cdo_desktop.ui.message_line import MessageLine


def select_rows(panel, rows):
    selection = panel.view.selectionModel()
    for number, row in enumerate(rows):
        flag = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            if number == 0
            else (QItemSelectionModel.SelectionFlag.Select)
        )
        selection.setCurrentIndex(panel.model.index(row, 1), flag)


def test_deleting_rows_asks_with_the_count_agreeing(window, always_yes, qtbot):
    window.tabs.setCurrentIndex(INDICATORS)
    panel = window.tabs.indicators
    select_rows(panel, [0])
    panel.delete_items()
    assert always_yes[-1][1].startswith("Удалить 1 строку?")
    window.undo_stack.undo()
    select_rows(panel, [0, 1])
    panel.delete_items()
    assert always_yes[-1][1].startswith("Удалить 2 строки?")


def test_a_message_in_lower_case_is_shown_as_a_sentence(qtbot):
    line = MessageLine()
    qtbot.addWidget(line)
    line.show_message("значение не может быть пустым")
    assert line.text() == "Значение не может быть пустым"
    seen = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        box.close()

    QTimer.singleShot(0, read_and_close)
    dialogs.show_error(None, "Ошибка", "файл не найден")
    assert seen == ["Файл не найден"]
