"""The main window's status bar fields: the database, the checks' count, rows, the last change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel

from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.rules import check_project, count_text
from cdo_desktop.ui.locations import database_status_text

if TYPE_CHECKING:
    from cdo_desktop.ui.main_window import MainWindow


class StatusFields(QObject):
    """Fills the fields from the window's workspace and open project."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.database_label = QLabel(window)
        self.rows_label = QLabel(window)
        self.changed_label = QLabel(window)
        self.problems_label = QLabel(window)
        self.problems_label.setToolTip("Проверка данных (F7)")
        # The checks' count (overdue facts included), whether or not F7 is open: a moment after
        # the last change, so that neither the start nor a burst of edits waits for it.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(400)
        self._count_timer.timeout.connect(self._count_problems)
        bar = window.statusBar()
        bar.addWidget(self.database_label, 1)
        bar.addPermanentWidget(self.problems_label)
        bar.addPermanentWidget(self.rows_label)
        bar.addPermanentWidget(self.changed_label)

    def update(self) -> None:
        window = self.window
        if window.workspace.closed:  # the window is going away after its database
            return
        self.database_label.setText(database_status_text(window.workspace.path))
        if window.tabs is None:
            for label in (self.rows_label, self.changed_label, self.problems_label):
                label.setText("")
            return
        self._count_timer.start()
        reader = window.workspace.reader
        rows = reader.count_rows(window.tabs.project_id)
        self.rows_label.setText(f"Строк в таблицах: {rows}")
        stamp = reader.updated_at(window.tabs.project_id)
        if stamp:
            shown = QDateTime.fromString(stamp, Qt.DateFormat.ISODate).toString("dd.MM.yyyy HH:mm")
            self.changed_label.setText(f"Изменено: {shown}")
        else:
            self.changed_label.setText("")

    def _count_problems(self) -> None:
        window = self.window
        if window.tabs is None or window.workspace.closed:
            return
        try:
            project = window.workspace.reader.load(window.tabs.project_id)
        except CdoError:
            return  # the project is gone: the watch for other copies' changes tells it
        from cdo_desktop.storage.monitoring_store import database_calendar

        calendar = database_calendar(window.workspace.store.database)
        self.problems_label.setText(count_text(check_project(project, calendar=calendar)))
