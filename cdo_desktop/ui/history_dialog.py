"""«История изменений…»: who changed what and when, filtered by project, row, user and date."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.history import HISTORY_COLUMNS, HistoryEntry, Section
from cdo_desktop.files import write_file_atomically
from cdo_desktop.storage import history
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.screen_fit import fit_to_screen
from cdo_desktop.workspace import Workspace

ALL = "все"


class HistoryDialog(QDialog):
    """The whole history, or one cell's (`cell` = section, row number, year, field)."""

    def __init__(
        self,
        workspace: Workspace,
        project_code: str | None = None,
        cell: tuple[Section, str, int | None, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.cell = cell
        self.entries: list[HistoryEntry] = []
        self.setWindowTitle("История ячейки" if cell else "История изменений")
        fit_to_screen(self, 1100, 560)

        self.project = QComboBox(self)
        self.project.setObjectName("history_project")
        self.project.addItem(ALL, None)
        for summary in workspace.store.summaries():
            self.project.addItem(f"{summary.code} — {summary.name}", summary.code)
        if project_code is not None:
            self.project.setCurrentIndex(max(self.project.findData(project_code), 0))
        self.row = QLineEdit(self)
        self.row.setObjectName("history_row")
        self.row.setPlaceholderText("№ строки или слова из названия")
        self.user = QComboBox(self)
        self.user.setObjectName("history_user")
        self.user.addItem(ALL, None)
        for name in history.users(workspace.database):
            self.user.addItem(name, name)
        self.use_since = QCheckBox("с даты", self)
        self.since = QDateEdit(QDate.currentDate().addMonths(-1), self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("dd.MM.yyyy")
        filters = QHBoxLayout()
        for label, widget in (
            ("Проект", self.project),
            ("Строка", self.row),
            ("Пользователь", self.user),
        ):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addWidget(self.use_since)
        filters.addWidget(self.since)
        for signal in (
            self.project.currentIndexChanged,
            self.user.currentIndexChanged,
            self.use_since.toggled,
            self.since.dateChanged,
            self.row.textChanged,
        ):
            signal.connect(lambda *_: self.refresh())

        self.table = QTableWidget(0, len(HISTORY_COLUMNS), self)
        self.table.setObjectName("history_table")
        self.table.setHorizontalHeaderLabels(HISTORY_COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count = QLabel(self)
        export = QPushButton("Выгрузить в Excel…", self)
        export.clicked.connect(self.export)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрыть")
        buttons.addButton(export, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        if cell is None:
            layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        if self.cell is not None:
            section, number, year, field = self.cell
            self.entries = history.entries(
                self.workspace.database,
                project_code=self.project.currentData(),
                section=section,
                row=number,
                year=year,
                field=field,
            )
            self.entries = [e for e in self.entries if e.change.row_number == number]
        else:
            since = self.since.date().toString("yyyy-MM-dd") if self.use_since.isChecked() else None
            self.entries = history.entries(
                self.workspace.database,
                project_code=self.project.currentData(),
                user=self.user.currentData(),
                since=since,
                row=self.row.text().strip() or None,
                limit=5000,
            )
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            for column, text in enumerate(entry.columns()):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(3, min(self.table.columnWidth(3), 380))
        self.count.setText(
            f"Записей: {len(self.entries)}" if self.entries else "Изменений не найдено."
        )

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Выгрузить историю", "история.xlsx", "Книга Excel (*.xlsx)"
        )
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        from cdo_desktop.exchange.history_excel import write_history

        try:
            write_file_atomically(path, lambda target: write_history(self.entries, target))
        except CdoError as error:
            dialogs.show_error(self, "История изменений", str(error))
            return
        dialogs.show_info(self, "История изменений", f"Записано: {Path(path).name}")
