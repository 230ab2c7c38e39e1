"""«Резервные копии…»: this database's own backups, newest first; make one, or restore one
after seeing what it holds (its date, its projects and when each was last changed)."""

from __future__ import annotations

from datetime import datetime

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
from cdo_desktop.storage.backups import (
    KEEP,
    KEEP_BYTES,
    Backup,
    backup_contents,
    check_backup_file,
    folder_of,
    list_backups,
    read_database_id,
)
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.screen_fit import fit_to_screen
from cdo_desktop.workspace import Workspace


def describe_backup(backup: Backup) -> str:
    """What a copy holds, in Russian, for the user to judge before it replaces the database."""
    lines = [f"Копия от {backup.made:%d.%m.%Y %H:%M} ({backup.reason_words})."]
    try:
        projects = backup_contents(backup.path)
    except CdoError as error:
        return f"{lines[0]}\n{error}"
    if not projects:
        lines.append("Проектов в ней нет.")
    else:
        lines.append("Проекты в ней:")
    for project in projects:
        changed = _shown_stamp(project.updated_at)
        when = f" — последнее изменение {changed}" if changed else ""
        lines.append(f"  {project.code} «{project.name}»{when}")
    return "\n".join(lines)


def _shown_stamp(stamp: str | None) -> str:
    if not stamp:
        return ""
    try:
        return f"{datetime.fromisoformat(stamp):%d.%m.%Y %H:%M}"
    except ValueError:
        return stamp


class BackupsDialog(QDialog):
    """`restored` is True after a restore, so the window reloads what it shows."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Резервные копии")
        fit_to_screen(self, 760, 480)
        self.workspace = workspace
        self.restored = False
        self.backups: list[Backup] = []
        intro = QLabel(
            "Копии делаются перед каждым импортом и загрузкой, перед обновлением схемы и раз "
            f"в день при первом запуске; хранятся последние {KEEP} (не больше "
            f"{KEEP_BYTES // 1024**3} ГБ вместе) в папке\n{folder_of(workspace.path)}",
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
        self.table.currentCellChanged.connect(lambda *_: self.show_contents())
        self.contents = QLabel(self)
        self.contents.setObjectName("backup_contents")
        self.contents.setWordWrap(True)
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
        layout.addWidget(self.contents)
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
        self.show_contents()

    def selected(self) -> Backup | None:
        row = self.table.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def show_contents(self) -> None:
        backup = self.selected()
        self.contents.setText(describe_backup(backup) if backup is not None else "")

    def make_backup(self) -> None:
        try:
            self.workspace.backup("manual")
        except CdoError as error:
            dialogs.show_error(self, "Резервная копия", str(error))
        self.refresh()

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        try:
            # A copy of another database is never put in place of this one.
            check_backup_file(backup.path, identity=read_database_id(self.workspace.path))
        except CdoError as error:
            dialogs.show_error(self, "Восстановление не выполнено", str(error))
            return
        when = backup.made.strftime("%d.%m.%Y %H:%M")
        if not dialogs.confirm(
            self,
            "Восстановление",
            f"Вернуть базу данных к состоянию на {when}?\n\n{describe_backup(backup)}\n\n"
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
