"""Another copy of the program changes the file: this window shows it, and asks before
overwriting a value someone else changed since it was shown."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from cdo_desktop.core.model import RowKind
from cdo_desktop.ui.main_window import INDICATORS
from tests.ui.keyboard import type_text

PLAN_2021_OF_INDICATOR_3 = (
    "UPDATE plan_fact_value SET plan = ? WHERE year = 2021 AND row_id = "
    "(SELECT id FROM plan_fact_row WHERE kind = 'indicator' AND number = '3')"
)


def change_elsewhere(db_path, value):
    """What a colleague's copy of the program does: its own connection, its own commit."""
    other = sqlite3.connect(db_path)
    other.execute(PLAN_2021_OF_INDICATOR_3, (value,))
    other.commit()
    other.close()


def stored(workspace):
    rows = workspace.store.load_rows(workspace.store.find("E4").id, RowKind.INDICATOR)
    return rows[2].value(2021).plan


def type_plan_2021(qtbot, window, text):
    window.tabs.setCurrentIndex(INDICATORS)
    panel = window.tabs.indicators
    index = panel.model.index(2, panel.model.column_of(2021, "plan"))
    panel.view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    panel.view.setFocus()
    type_text(panel.view, text)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.view.state() != QAbstractItemView.State.EditingState)
    return panel, index


@pytest.mark.parametrize("built_before", [True, False], ids=["tab built", "tab not yet built"])
def test_outside_changes_are_shown(window, workspace, db_path, qtbot, built_before):
    if built_before:
        window.tabs.setCurrentIndex(INDICATORS)
    window.check_for_outside_changes()
    change_elsewhere(db_path, "45")
    window.check_for_outside_changes()
    assert (window.tabs.built(INDICATORS) is not None) == built_before
    panel = window.tabs.indicators
    index = panel.model.index(2, panel.model.column_of(2021, "plan"))
    assert panel.model.data(index) == "45"
    assert "другой копии" in window.statusBar().currentMessage()


def test_a_conflict_keeps_theirs_when_asked(window, workspace, db_path, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(
        "cdo_desktop.ui.dialogs.choose",
        lambda parent, title, text, options: asked.append(text) or 0,
    )
    window.tabs.setCurrentIndex(INDICATORS)  # 38,28 is on screen
    change_elsewhere(db_path, "45")
    panel, index = type_plan_2021(qtbot, window, "50")
    qtbot.waitUntil(lambda: bool(asked))
    assert "было 38,28, сейчас 45" in asked[0]
    assert stored(workspace) == Decimal(45)
    assert panel.model.data(index) == "45"
    assert window.undo_stack.count() == 0


def test_a_conflict_overwrites_when_asked(window, workspace, db_path, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(
        "cdo_desktop.ui.dialogs.choose",
        lambda parent, title, text, options: asked.append(text) or 1,
    )
    window.tabs.setCurrentIndex(INDICATORS)  # 38,28 is on screen
    change_elsewhere(db_path, "45")
    type_plan_2021(qtbot, window, "50")
    qtbot.waitUntil(lambda: bool(asked))
    assert stored(workspace) == Decimal(50)
    assert window.undo_stack.count() == 1


def test_no_conflict_without_outside_change(window, workspace, qtbot, monkeypatch):
    monkeypatch.setattr(
        "cdo_desktop.ui.dialogs.choose",
        lambda *args: (_ for _ in ()).throw(AssertionError("asked")),
    )
    type_plan_2021(qtbot, window, "50")
    assert stored(workspace) == Decimal(50)


@pytest.mark.parametrize(("choice", "kept"), [(0, Decimal(45)), (1, Decimal("38.28"))])
def test_undo_asks_before_undoing_over_a_colleagues_change(
    window, workspace, db_path, qtbot, monkeypatch, choice, kept
):
    asked = []
    monkeypatch.setattr(
        "cdo_desktop.ui.dialogs.choose",
        lambda parent, title, text, options: asked.append(text) or choice,
    )
    panel, index = type_plan_2021(qtbot, window, "50")
    assert stored(workspace) == Decimal(50) and not asked
    change_elsewhere(db_path, "45")  # after our edit: undoing it would overwrite theirs
    window.undo_action.trigger()
    assert "было 50, сейчас 45" in asked[0]
    assert stored(workspace) == kept
    qtbot.waitUntil(lambda: panel.model.data(index) == {0: "45", 1: "38,28"}[choice])


def test_undo_without_outside_change_asks_nothing(window, workspace, qtbot, monkeypatch):
    monkeypatch.setattr(
        "cdo_desktop.ui.dialogs.choose",
        lambda *args: (_ for _ in ()).throw(AssertionError("asked")),
    )
    type_plan_2021(qtbot, window, "50")
    window.undo_action.trigger()
    assert stored(workspace) == Decimal("38.28")
    window.redo_action.trigger()
    assert stored(workspace) == Decimal(50)


def test_undo_after_the_project_was_deleted_elsewhere(
    window, workspace, db_path, qtbot, monkeypatch
):
    """The refresh that follows reloads the projects and clears the undo stack: after the undo
    step has returned, never under it (that crashed Qt)."""
    told = []
    monkeypatch.setattr("cdo_desktop.ui.dialogs.choose", lambda *args: 0)
    monkeypatch.setattr(
        "cdo_desktop.ui.dialogs.show_info", lambda parent, title, text: told.append(text)
    )
    type_plan_2021(qtbot, window, "50")
    other = sqlite3.connect(db_path)
    other.execute("PRAGMA foreign_keys = ON")
    other.execute("DELETE FROM project")
    other.commit()
    other.close()
    window.undo_action.trigger()  # before the watch timer has noticed
    assert "записать значения некуда" in told[0]
    qtbot.waitUntil(lambda: window.tabs is None)
    assert window.undo_stack.count() == 0


def test_a_colleagues_deleted_row_is_not_offered_to_be_written(
    window, workspace, db_path, qtbot, monkeypatch
):
    told = []
    monkeypatch.setattr(
        "cdo_desktop.ui.dialogs.choose",
        lambda *args: (_ for _ in ()).throw(AssertionError("asked whose values")),
    )
    monkeypatch.setattr(
        "cdo_desktop.ui.dialogs.show_info", lambda parent, title, text: told.append(text)
    )
    panel, _ = type_plan_2021(qtbot, window, "50")
    other = sqlite3.connect(db_path)
    other.execute("PRAGMA foreign_keys = ON")
    other.execute("DELETE FROM plan_fact_row WHERE kind = 'indicator' AND number = '3'")
    other.commit()
    other.close()
    window.undo_action.trigger()
    assert told and "удалили" in told[0]
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)


def test_the_watch_waits_while_a_dialog_asks(window, db_path, qtbot, monkeypatch):
    refreshed = []
    monkeypatch.setattr(window, "refresh_from_database", lambda: refreshed.append(True))
    window.check_for_outside_changes()
    change_elsewhere(db_path, "45")
    modal = [window]
    monkeypatch.setattr(QApplication, "activeModalWidget", staticmethod(lambda: modal[0]))
    window.check_for_outside_changes()
    assert refreshed == []
    modal[0] = None
    window.check_for_outside_changes()
    assert refreshed == [True]
