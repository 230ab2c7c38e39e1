"""«Резервные копии…»: the database's backups, newest first; make one, or restore one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cdo_desktop.core.errors import CdoError
from cdo_desktop.storage.backups import Backup, folder_of, list_backups
from cdo_desktop.ui import dialogs
from cdo_desktop.workspace import Workspace


class BackupsDialog(QDialog):
    """`restored` is True after a restore, so the window reloads what it shows."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Резервные копии")
        self.resize(720, 420)
        self.workspace = workspace
        self.restored = False
        self.backups: list[Backup] = []
        intro = QLabel(
            "Копии делаются перед каждым импортом и загрузкой, перед обновлением схемы и раз "
            "в день при первом запуске; хранятся последние 20 в папке\n"
            f"{folder_of(workspace.path)}",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("backups_table")
        self.table.setHorizontalHeaderLabels(["Когда", "Почему", "Файл"])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.make_button = QPushButton("Сделать копию сейчас", self)
        self.make_button.clicked.connect(self.make_backup)
        self.restore_button = QPushButton("Восстановить выбранную…", self)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрыть")
        buttons.addButton(self.make_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.backups = list_backups(self.workspace.path)
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            for column, text in enumerate(
                (backup.made.strftime("%d.%m.%Y %H:%M:%S"), backup.reason_words, backup.path.name)
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if self.backups:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(self.backups))

    def make_backup(self) -> None:
        try:
            self.workspace.backup("manual")
        except CdoError as error:
            dialogs.show_error(self, "Резервная копия", str(error))
        self.refresh()

    def restore_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.backups):
            return
        backup = self.backups[row]
        when = backup.made.strftime("%d.%m.%Y %H:%M")
        if not dialogs.confirm(
            self,
            "Восстановление",
            f"Вернуть базу данных к состоянию на {when} ({backup.reason_words})?\n\n"
            "Нынешнее состояние сначала будет сохранено в резервную копию.",
        ):
            return
        try:
            self.workspace.restore(backup.path)
        except CdoError as error:
            dialogs.show_error(self, "Восстановление не выполнено", str(error))
            return
        self.restored = True
        self.refresh()
        dialogs.show_info(self, "Восстановление", f"База данных восстановлена на {when}.")
