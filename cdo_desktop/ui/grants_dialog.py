"""«Файл» → «Права доступа…»: which role may change which project on the server, granted and
revoked by a member of cdo_admin — the same as `cdo-desktop grants/grant/revoke`, in the same
words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cdo_desktop.core.errors import CdoError
from cdo_desktop.storage import access
from cdo_desktop.storage.server import server_error
from cdo_desktop.workspace import Workspace


class GrantsDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Права доступа к проектам")
        self.workspace = workspace
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("grants_table")
        self.table.setHorizontalHeaderLabels(["Роль", "Код проекта"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemSelectionChanged.connect(self._selected)
        self.role = QComboBox(self)
        self.role.setObjectName("grant_role")
        self.role.setEditable(True)
        self.project = QComboBox(self)
        self.project.setObjectName("grant_project")
        self.grant_button = QPushButton("Разрешить изменение", self)
        self.grant_button.clicked.connect(lambda: self.change(allow=True))
        self.revoke_button = QPushButton("Запретить изменение", self)
        self.revoke_button.clicked.connect(lambda: self.change(allow=False))
        for button in (self.grant_button, self.revoke_button):
            button.setAutoDefault(False)  # Enter in the role's field grants nothing by itself
        self.outcome = QLabel(self)
        self.outcome.setObjectName("grants_result")
        self.outcome.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Роль (пользователь сервера)", self.role)
        form.addRow("Проект", self.project)
        buttons = QHBoxLayout()
        buttons.addWidget(self.grant_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("Изменять проект может роль, которой это разрешено (читают все):", self)
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.outcome)
        layout.addWidget(close)
        self.resize(560, 460)
        self._fill_choices()
        self.reload()

    def _told(self, error: Exception) -> str | None:
        told = server_error(error, getattr(self.workspace, "url", str(self.workspace.path)))
        return None if told is None else str(told)

    def _fill_choices(self) -> None:
        store = self.workspace.store
        try:
            roles = access.official_roles(store.database)
            summaries = store.summaries()
        except Exception as error:
            told = self._told(error)
            if told is None:
                raise
            self.show_result(told, failed=True)
            return
        self.role.addItems(roles)
        self.role.setCurrentText("")
        for summary in summaries:
            self.project.addItem(f"{summary.code} — {summary.name}", summary.code)

    def reload(self) -> None:
        try:
            found = access.grants(self.workspace.store.database)
        except Exception as error:
            told = self._told(error)
            if told is None:
                raise
            self.show_result(told, failed=True)
            return
        self.table.setRowCount(len(found))
        for row, (role, code) in enumerate(found):
            self.table.setItem(row, 0, QTableWidgetItem(role))
            self.table.setItem(row, 1, QTableWidgetItem(code))

    def _selected(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if len(rows) != 1:
            return
        row = rows.pop()
        role, code = self.table.item(row, 0), self.table.item(row, 1)
        if role is None or code is None:
            return
        self.role.setCurrentText(role.text())
        found = self.project.findData(code.text())
        if found >= 0:
            self.project.setCurrentIndex(found)

    def change(self, *, allow: bool) -> bool:
        """Grant or revoke for the chosen role and project; the CLI's words, or why not."""
        role = self.role.currentText().strip()
        code = self.project.currentData()
        if not role or not code:
            self.show_result("Укажите роль и проект.", failed=True)
            return False
        database = self.workspace.store.database
        try:
            if allow:
                access.grant(database, role, code)
            else:
                access.revoke(database, role, code)
        except CdoError as error:
            self.show_result(str(error), failed=True)
            return False
        except Exception as error:
            told = self._told(error)
            if told is None:
                raise
            self.show_result(told, failed=True)
            return False
        self.show_result(access.verdict(role, code, allow))
        self.reload()
        return True

    def show_result(self, text: str, *, failed: bool = False) -> None:
        self.outcome.setText(text[0].upper() + text[1:] if text else text)
        self.outcome.setStyleSheet("color: #b00020;" if failed else "")
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
