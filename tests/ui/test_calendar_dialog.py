"""«Производственный календарь» in the window: an edit is one undo step of the tab, the due
dates follow it, and undo after the dialog is closed takes it back."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QApplication

from cdo_desktop.storage.monitoring_store import calendar_edits
from tests.ui.test_monitoring_tab import open_monitoring


def test_a_calendar_edit_is_undone_from_the_tab(window, workspace):
    panel = open_monitoring(window)
    assert "02.10.2024" in panel.counts.text()

    def edit_in_dialog():
        from cdo_desktop.ui.monitoring_calendar_dialog import CalendarDialog

        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, CalendarDialog))
        dialog.day.setDate(QDate(2024, 10, 1))
        dialog.set_day(False)
        assert "нерабочий" in dialog.edits.item(0).text()
        dialog.reject()

    QTimer.singleShot(0, edit_in_dialog)
    panel.edit_calendar()
    assert [(e.day, e.working) for e in calendar_edits(workspace.store.database)] == [
        (date(2024, 10, 1), False)
    ]
    assert "03.10.2024" in panel.counts.text()
    assert "производственный календарь" in window.undo_stack.undoText()
    window.undo_stack.undo()
    assert calendar_edits(workspace.store.database) == []
    assert "02.10.2024" in panel.counts.text()
    window.undo_stack.redo()
    assert len(calendar_edits(workspace.store.database)) == 1
    assert "03.10.2024" in panel.counts.text()


def test_an_edit_that_changes_nothing_is_no_undo_step(window, workspace):
    panel = open_monitoring(window)

    def twice():
        from cdo_desktop.ui.monitoring_calendar_dialog import CalendarDialog

        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, CalendarDialog))
        dialog.day.setDate(QDate(2024, 10, 1))
        dialog.set_day(None)  # no edit to take back
        dialog.set_day(False)
        dialog.set_day(False)
        dialog.reject()

    QTimer.singleShot(0, twice)
    panel.edit_calendar()
    assert window.undo_stack.count() == 1
