"""«Версии паспорта и сравнение…»: the project's versions, and any two of them (or a version and
the passport now) compared value by value — было / стало, as the history words it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cdo_desktop.core import history as told
from cdo_desktop.core.history import moment_text
from cdo_desktop.core.model import Project
from cdo_desktop.core.versions import change_columns, compare
from cdo_desktop.core.words import counted
from cdo_desktop.exchange.version_document import as_kept
from cdo_desktop.storage.store import Store
from cdo_desktop.storage.versions import list_versions
from cdo_desktop.ui.commands.versions import planned_side
from cdo_desktop.ui.screen_fit import fit_to_screen

VERSION_COLUMNS = ["№", "Дата и время", "Автор", "Основание"]
CHANGE_COLUMNS = ["Раздел", "Строка", "Поле", "Год", "Было", "Стало"]
NOW = "текущий паспорт"


def read_only_table(parent: QWidget, titles: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(titles), parent)
    table.setHorizontalHeaderLabels(titles)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    return table


def fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, text in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    for column in range(table.columnCount()):
        table.setColumnWidth(column, min(table.columnWidth(column), 320))
    table.resizeRowsToContents()


def changes_count(changes: list[told.Change]) -> str:
    if not changes:
        return "Изменений нет."
    return "Изменено: " + counted(len(changes), "значение", "значения", "значений") + "."


class VersionsDialog(QDialog):
    """The versions of `project` (as stored now) and a comparison of two of them."""

    request_wanted = Signal(int)  # «Запрос на изменение…» from the version compared

    def __init__(self, store: Store, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert project.id is not None
        self.store = store
        self.project = project
        self.versions = list_versions(store, project.id)
        self.setWindowTitle(f"Версии паспорта проекта {project.code}")
        fit_to_screen(self, 1100, 640)

        self.version_table = read_only_table(self, VERSION_COLUMNS)
        self.version_table.setObjectName("versions")
        fill(
            self.version_table,
            [
                [str(v.number), moment_text(v.at), v.author, v.basis]
                for v in reversed(self.versions)
            ],
        )
        self.older = QComboBox(self)
        self.newer = QComboBox(self)
        for version in self.versions:
            title = f"версия {version.number} от {moment_text(version.at)[:10]}"
            self.older.addItem(title, version.number)
            self.newer.addItem(title, version.number)
        self.newer.addItem(NOW, None)
        if self.versions:
            self.older.setCurrentIndex(len(self.versions) - 1)
            self.newer.setCurrentIndex(len(self.versions))
        self.count = QLabel(self)
        self.change_table = read_only_table(self, CHANGE_COLUMNS)
        self.change_table.setObjectName("changes")

        choice = QHBoxLayout()
        choice.addWidget(QLabel("Сравнить", self))
        choice.addWidget(self.older, 1)
        choice.addWidget(QLabel("с", self))
        choice.addWidget(self.newer, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        assert close is not None
        close.setText("Закрыть")
        buttons.rejected.connect(self.reject)
        self.request_button = QPushButton("Запрос на изменение…", self)
        buttons.addButton(self.request_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.request_button.clicked.connect(self._request)

        layout = QVBoxLayout(self)
        if not self.versions:
            layout.addWidget(
                QLabel(
                    "Версий паспорта ещё нет: «Версии» → «Зафиксировать версию паспорта…».",
                    self,
                )
            )
        layout.addWidget(QLabel("Версии паспорта (последняя сверху):", self))
        layout.addWidget(self.version_table, 1)
        layout.addLayout(choice)
        layout.addWidget(self.count)
        layout.addWidget(self.change_table, 3)
        layout.addWidget(buttons)
        self.older.currentIndexChanged.connect(self.compare)
        self.newer.currentIndexChanged.connect(self.compare)
        self.request_button.setEnabled(bool(self.versions))
        self.compare()

    def _side(self, number: int | None) -> Project:
        if number is None:
            return as_kept(self.project)
        return planned_side(next(v for v in self.versions if v.number == number))

    def compare(self) -> list[told.Change]:
        """Fill the comparison of the two chosen sides; its changes."""
        if not self.versions:
            self.count.setText("")
            return []
        changes = compare(
            self._side(self.older.currentData()), self._side(self.newer.currentData())
        )
        fill(self.change_table, [change_columns(change) for change in changes])
        self.count.setText(changes_count(changes))
        return changes

    def _request(self) -> None:
        number = self.older.currentData()
        self.accept()
        self.request_wanted.emit(int(number))
