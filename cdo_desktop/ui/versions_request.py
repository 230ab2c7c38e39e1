"""«Запрос на изменение паспорта…»: the draft request from a chosen version to the passport now.

Every change with its section, row, field, year, было, стало and a justification typed in the
table (or one basis for all, chosen or typed). What is typed is saved with the project at once
(through the store, with history), so it is there when the program is opened again; «Отметить
отправленным» closes the draft and fixes the passport as a new version.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
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
from cdo_desktop.core.change_request import REQUEST_COLUMNS, ChangeRequest, make_request
from cdo_desktop.core.changes import Change
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.history import moment_text
from cdo_desktop.core.model import Project
from cdo_desktop.core.version_records import RequestDraft
from cdo_desktop.core.versions import (
    REQUEST_BASES,
    change_columns,
    change_key,
    compare,
    draft_changes,
    sent_change,
)
from cdo_desktop.exchange.change_request_excel import save_request_workbook
from cdo_desktop.exchange.version_document import as_kept, version_text
from cdo_desktop.reports.change_request import build_request
from cdo_desktop.reports.printing import default_page_layout, paint_summary, save_pdf
from cdo_desktop.storage.store import Store
from cdo_desktop.storage.versions import list_versions, next_version, read_draft
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.commands.versions import apply_told, planned_side
from cdo_desktop.ui.save_path import ask_save_path
from cdo_desktop.ui.screen_fit import fit_to_screen
from cdo_desktop.ui.versions_dialog import changes_count

JUSTIFICATION = len(REQUEST_COLUMNS) - 1
NOT_SAVED = "Запрос не сохранён"


class ChangeRequestDialog(QDialog):
    def __init__(
        self,
        store: Store,
        project: Project,
        parent: QWidget | None = None,
        *,
        from_version: int | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        assert project.id is not None
        self.store = store
        # The open project's undo stack (each write an undo step there), and the window that
        # keeps it: the dialog is gone when Ctrl+Z undoes what was typed in it.
        self.undo_stack = undo_stack
        self.window_of_stack = parent
        self.project = project
        self.project_id = project.id
        self.now = as_kept(project)  # the passport now, as a version would keep it
        self.versions = list_versions(store, project.id)
        self.draft = read_draft(store, project.id)
        self.changes: list[told.Change] = []
        self._filling = False
        self.setWindowTitle(f"Запрос на изменение паспорта проекта {project.code}")
        fit_to_screen(self, 1200, 680)

        self.from_box = QComboBox(self)
        for version in self.versions:
            basis = f" ({version.basis})" if version.basis else ""
            self.from_box.addItem(
                f"версия {version.number} от {moment_text(version.at)[:10]}{basis}", version.number
            )
        wanted = from_version or (self.draft.from_version if self.draft else None)
        index = self.from_box.findData(wanted) if wanted is not None else -1
        self.from_box.setCurrentIndex(index if index >= 0 else len(self.versions) - 1)
        self.basis_box = QComboBox(self)
        self.basis_box.setEditable(True)
        self.basis_box.addItems(["", *REQUEST_BASES])
        self.basis_box.setCurrentText(self.draft.basis if self.draft else "")
        self.basis_box.setToolTip("Обоснование всех изменений, у которых нет своего")
        self.count = QLabel(self)
        self.table = QTableWidget(0, len(REQUEST_COLUMNS), self)
        self.table.setObjectName("request_changes")
        self.table.setHorizontalHeaderLabels(REQUEST_COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)

        form = QHBoxLayout()
        form.addWidget(QLabel("От версии:", self))
        form.addWidget(self.from_box, 1)
        form.addWidget(QLabel("Основание для всех изменений:", self))
        form.addWidget(self.basis_box, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        assert close is not None
        close.setText("Закрыть")
        buttons.rejected.connect(self.reject)
        self.print_button = self._button(buttons, "Печать…", self.print_preview)
        self.pdf_button = self._button(buttons, "Сохранить в PDF…", lambda: self.save_pdf())
        self.xlsx_button = self._button(buttons, "Сохранить в Excel…", lambda: self.save_xlsx())
        self.sent_button = self._button(buttons, "Отметить отправленным", self.mark_sent)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        note = QLabel(
            "Обоснование вписывается в последний столбец; изменения без своего обоснования "
            "получают основание для всех. Черновик сохраняется сразу.",
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(buttons)

        self.from_box.currentIndexChanged.connect(self._from_changed)
        self.basis_box.lineEdit().editingFinished.connect(self.save)  # type: ignore[union-attr]
        self.basis_box.activated.connect(lambda _index: self.save())
        self.table.itemChanged.connect(self._item_changed)
        self.refresh()

    def _button(self, box: QDialogButtonBox, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)  # Enter in the table or the basis is no print command
        box.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------------ state

    def from_version(self) -> int:
        return int(self.from_box.currentData())

    def refresh(self) -> None:
        """The changes from the chosen version to the passport now, with the justifications."""
        version = next(v for v in self.versions if v.number == self.from_version())
        self.changes = compare(planned_side(version), self.now)
        notes = self.draft.justifications if self.draft else {}
        self._filling = True
        try:
            self.table.setRowCount(len(self.changes))
            for row, change in enumerate(self.changes):
                for column, text in enumerate([str(row + 1), *change_columns(change)]):
                    item = QTableWidgetItem(text)
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.table.setItem(row, column, item)
                own = notes.get(change_key(self.changes[row]), "")
                self.table.setItem(row, JUSTIFICATION, QTableWidgetItem(own))
            self.table.resizeColumnsToContents()
            for column in range(JUSTIFICATION):
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), 260))
            self.table.resizeRowsToContents()
        finally:
            self._filling = False
        self.count.setText(changes_count(self.changes))
        self.sent_button.setEnabled(bool(self.changes))

    def wanted(self) -> RequestDraft:
        """The draft as the dialog shows it (justifications of other changes are kept)."""
        notes = dict(self.draft.justifications) if self.draft else {}
        for row, change in enumerate(self.changes):
            item = self.table.item(row, JUSTIFICATION)
            text = item.text().strip() if item is not None else ""
            if text:
                notes[change_key(change)] = text
            else:
                notes.pop(change_key(change), None)
        return RequestDraft(self.from_version(), self.basis_box.currentText().strip(), notes)

    def request(self, reason: str = "") -> ChangeRequest:
        version = next(v for v in self.versions if v.number == self.from_version())
        return make_request(self.project, version, self.changes, self.wanted(), reason)

    # ------------------------------------------------------------------ saving the draft

    def save(self) -> bool:
        """Write what differs from the stored draft; False when it could not be written."""
        if self._filling:
            return True
        changes = draft_changes(self.project_id, self.draft, self.wanted())
        if not changes:
            return True
        saved = apply_told(
            self, self.store, changes, NOT_SAVED, self._undo("изменение черновика запроса")
        )
        self.draft = read_draft(self.store, self.project_id)
        return saved

    def _undo(self, text: str) -> tuple[QUndoStack, QWidget | None, str] | None:
        if self.undo_stack is None:
            return None
        return self.undo_stack, self.window_of_stack, text

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if not self._filling and item.column() == JUSTIFICATION:
            self.save()

    def _from_changed(self) -> None:
        self.refresh()
        if self.draft is not None:
            self.save()

    def mark_sent(self) -> None:
        question = (
            "Отметить запрос отправленным? Паспорт, как он есть сейчас, будет зафиксирован "
            "как новая версия; следующий запрос начнётся от неё."
        )
        # Saving makes the draft when nothing was typed yet: there is one to mark sent.
        if not dialogs.confirm(self, "Запрос отправлен", question) or not self.save():
            return
        now = self.store.load(self.project_id)
        basis = f"запрос на изменение от версии {self.from_version()} отправлен"
        fixed = next_version(self.store, self.project_id, version_text(now), basis)
        written: list[Change] = [sent_change(self.project_id), fixed]
        if apply_told(self, self.store, written, NOT_SAVED, self._undo("отправление запроса")):
            number = getattr(fixed.item, "number", "")
            dialogs.show_info(
                self,
                "Запрос отправлен",
                f"Запрос отмечен отправленным; версия {number} зафиксирована.",
            )
            self.accept()

    # ------------------------------------------------------------------ printing

    def print_preview(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(default_page_layout())
        printer.setDocName(f"Запрос на изменение {self.project.code}")
        preview = QPrintPreviewDialog(printer, self)
        document = build_request(self.request())
        preview.paintRequested.connect(lambda device: paint_summary(document, device))
        preview.exec()
        preview.deleteLater()

    def _ask_path(self, title: str, suffix: str, kind: str) -> Path | None:
        suggested = Path.home() / f"Запрос на изменение {self.project.code}{suffix}"
        return ask_save_path(self, title, suggested, suffix, kind)

    def save_pdf(self, path: Path | None = None) -> Path | None:
        path = path or self._ask_path("Сохранить запрос в PDF", ".pdf", "Документ PDF (*.pdf)")
        if path is None:
            return None
        try:
            save_pdf(build_request(self.request()), path)
        except CdoError as error:
            dialogs.show_error(self, "Не удалось сохранить PDF", str(error))
            return None
        return path

    def save_xlsx(self, path: Path | None = None) -> Path | None:
        path = path or self._ask_path("Сохранить запрос в Excel", ".xlsx", "Книга Excel (*.xlsx)")
        if path is None:
            return None
        try:
            save_request_workbook(self.request(), path)
        except CdoError as error:
            dialogs.show_error(self, "Не удалось сохранить книгу", str(error))
            return None
        return path
