"""A block pasted from Excel that is longer than the table: the missing rows are offered."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from cdo_desktop.core.model import RowKind
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.main_window import FINANCING, INDICATORS, RESULTS
from tests.ui.test_plan_fact_table import go_to, open_tab, select, stored_rows

BLOCK = "20\t18,5\n21\t19\n22\t20\n23\t21\n24\t22\n"  # five rows from the second: three missing


@pytest.fixture
def answers(monkeypatch):
    """Answer the question as told; keep what was asked."""
    asked: list[str] = []
    state = {"answer": True}

    def confirm(parent, title, text):
        asked.append(text)
        return state["answer"]

    monkeypatch.setattr(dialogs, "confirm", confirm)
    return asked, state


def paste(qtbot, panel, text):
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(panel.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_yes_adds_the_rows_and_fills_them_as_one_step(window, workspace, qtbot, answers):
    asked, _ = answers
    panel = open_tab(window, INDICATORS)
    before = stored_rows(workspace)
    go_to(panel, 1, 2021, "plan")
    paste(qtbot, panel, BLOCK)
    assert len(asked) == 1 and "Добавить 3 строки?" in asked[0]
    rows = stored_rows(workspace)
    assert [row.number for row in rows] == ["1", "2", "3", "4", "5", "6"]
    assert (rows[1].value(2021).plan, rows[1].value(2021).fact) == (20, Decimal("18.5"))
    assert (rows[5].value(2021).plan, rows[5].value(2021).fact) == (24, 22)
    assert rows[4].name == "Новый показатель"
    assert panel.model.rowCount() == 6
    assert window.undo_stack.count() == 1
    window.undo_action.trigger()
    assert stored_rows(workspace) == before
    window.redo_action.trigger()
    assert len(stored_rows(workspace)) == 6


def test_no_changes_nothing_and_says_how_many_rows_are_needed(window, workspace, qtbot, answers):
    asked, state = answers
    state["answer"] = False
    panel = open_tab(window, RESULTS)
    before = stored_rows(workspace, RowKind.RESULT)
    go_to(panel, 3, 2021, "plan")
    paste(qtbot, panel, "1\n2\n")
    assert "Добавить 1 строку?" in asked[0]
    assert stored_rows(workspace, RowKind.RESULT) == before
    assert window.undo_stack.count() == 0
    assert "нужно добавить 1 строку" in panel.messages.text()


def test_a_bad_cell_in_a_new_row_refuses_it_all(window, workspace, qtbot, answers):
    panel = open_tab(window, INDICATORS)
    before = stored_rows(workspace)
    go_to(panel, 2, 2021, "plan")
    paste(qtbot, panel, "1\n2\nабв\n")
    assert stored_rows(workspace) == before
    assert "строка 5 (новая), 2021 план: «абв» — не число" in panel.messages.text()


def test_a_block_too_wide_is_refused_without_a_question(window, workspace, qtbot, answers):
    asked, _ = answers
    panel = open_tab(window, INDICATORS)
    go_to(panel, 2, 2024, "plan")
    paste(qtbot, panel, "1\t2\t3\n4\t5\t6\n")
    assert asked == []
    assert "не помещается" in panel.messages.text()


def test_financing_says_exactly_how_many_rows_are_needed(window, qtbot, answers):
    asked, _ = answers
    panel = open_tab(window, FINANCING)
    model = panel.model
    select(panel, model.index(model.rowCount() - 2, 4))
    paste(qtbot, panel, "1\n2\n3\n4\n")
    assert asked == []  # its rows are lines with sources: they are added with «Добавить строку»
    assert "нужно добавить 2 строки" in panel.messages.text()
