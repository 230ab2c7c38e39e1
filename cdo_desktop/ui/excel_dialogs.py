"""Excel from the window: file dialogs, a progress dialog that cancels, the import preview.

The main window calls `export_to_excel` and `import_from_excel` from «Файл»; reading, planning
and writing are the exchange layer's, and nothing is written before the user presses
«Применить» in the preview.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cdo_desktop.core.errors import CdoError
from cdo_desktop.exchange.excel_export import export_projects
from cdo_desktop.exchange.excel_import import plan_import
from cdo_desktop.exchange.excel_progress import Cancelled
from cdo_desktop.exchange.import_incoming import Problem
from cdo_desktop.exchange.import_plan import (
    ACTION_MARKS,
    SECTION_TITLES,
    Action,
    Change,
    ImportPlan,
    Section,
    shown,
)
from cdo_desktop.exchange.import_preview import Figures, show_difference
from cdo_desktop.exchange.import_target import ImportCancelled
from cdo_desktop.exchange.monitoring_excel import is_monitoring_workbook
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.screen_fit import fit_to_screen
from cdo_desktop.workspace import Workspace

EXCEL_FILTER = "Книги Excel (*.xlsx *.xlsm);;Все файлы (*)"
EXPORT_TITLE = "Экспорт в Excel"
IMPORT_TITLE = "Импорт из Excel"
# A preview of a huge import lists this many rows of a section and counts the rest.
MAX_SHOWN_ITEMS = 2000

_ACTION_TEXT = {Action.ADD: "добавляется", Action.CHANGE: "изменяется", Action.REMOVE: "удаляется"}
_ACTION_COLOR = {
    Action.ADD: QColor("#1b6e20"),
    Action.CHANGE: QColor("#8a5a00"),
    Action.REMOVE: QColor("#b3261e"),
}
_ERROR_COLOR = QColor("#b3261e")
_WARNING_COLOR = QColor("#8a5a00")


class ProgressCallback:
    """A QProgressDialog as the exchange layer's `progress(done, total) -> bool`."""

    def __init__(self, parent: QWidget | None, label: str) -> None:
        self.dialog = QProgressDialog(label, "Отмена", 0, 1000, parent)
        self.dialog.setWindowTitle(label.rstrip("…"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        # Short operations finish before the dialog would show: no flicker.
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoReset(False)
        self.dialog.setValue(0)

    def __call__(self, done: int, total: int) -> bool:
        # A modal progress dialog processes events in setValue, so Отмена is seen here.
        self.dialog.setValue(int(1000 * done / max(total, 1)))
        return not self.dialog.wasCanceled()

    def close(self) -> None:
        self.dialog.reset()
        self.dialog.close()
        self.dialog.deleteLater()


def export_to_excel(
    parent: QWidget | None, workspace: Workspace, project_id: int | None
) -> list[Path]:
    """Ask for a file and write the project (all projects when None); the files written."""
    repository = workspace.store
    try:
        if project_id is not None:
            projects = [repository.load(project_id)]
        else:
            projects = repository.load_all()
    except CdoError as error:
        dialogs.show_error(parent, EXPORT_TITLE, str(error))
        return []
    if not projects:
        dialogs.show_info(parent, EXPORT_TITLE, "В базе нет проектов: выгружать нечего.")
        return []
    suggested = f"{projects[0].code}.xlsx" if len(projects) == 1 else "проекты.xlsx"
    path, _ = QFileDialog.getSaveFileName(parent, EXPORT_TITLE, suggested, EXCEL_FILTER)
    if not path:
        return []
    if not path.lower().endswith((".xlsx", ".xlsm")):
        path += ".xlsx"
    progress = ProgressCallback(parent, "Запись книги Excel…")
    try:
        paths = export_projects(projects, path, progress)
    except Cancelled:
        return []
    except CdoError as error:
        dialogs.show_error(parent, EXPORT_TITLE, str(error))
        return []
    finally:
        progress.close()
    if len(paths) > 1:
        names = "\n".join(str(written) for written in paths)
        dialogs.show_info(parent, EXPORT_TITLE, f"Каждый проект — в своей книге:\n{names}")
    return paths


def import_from_excel(parent: QWidget | None, workspace: Workspace, project_id: int | None) -> bool:
    """Ask for a workbook, preview what it changes, apply on «Применить»; True if applied.

    The workbook's own code or name chooses the project; `project_id` (the project open in the
    window) is used when the workbook names none.
    """
    path, _ = QFileDialog.getOpenFileName(parent, IMPORT_TITLE, "", EXCEL_FILTER)
    if not path:
        return False
    if is_monitoring_workbook(path):  # «по состоянию на …» tables add monitoring values only
        from cdo_desktop.ui.monitoring_import_dialog import import_monitoring_workbook

        return import_monitoring_workbook(parent, workspace, project_id, path)
    progress = ProgressCallback(parent, "Чтение книги Excel…")
    try:
        plan = plan_import(
            path,
            workspace.store,
            fallback_id=project_id,
            ask_code=lambda proposal, name: ask_new_project_code(parent, proposal, name),
            progress=progress,
        )
    except (Cancelled, ImportCancelled):
        return False
    except CdoError as error:
        dialogs.show_error(parent, IMPORT_TITLE, str(error))
        return False
    finally:
        progress.close()
    return preview_and_apply(parent, workspace, plan, IMPORT_TITLE) is not None


def preview_and_apply(
    parent: QWidget | None,
    workspace: Workspace,
    plan: ImportPlan,
    title: str,
    *,
    monitoring: bool = False,
) -> ImportPlan | None:
    """The preview of `plan`; on «Применить» the plan as accepted there is written
    (`Workspace.apply_import`) and returned. None when cancelled or not written (told)."""
    dialog = ImportPreviewDialog(plan, parent, monitoring=monitoring)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        plan = dialog.plan
    finally:
        dialog.deleteLater()
    try:
        workspace.apply_import(plan)
    except CdoError as error:
        dialogs.show_error(parent, title, f"{error}\n\nБаза данных не изменена.")
        return None
    return plan


class NewProjectCodeDialog(QDialog):
    """The code of a project a workbook starts: the file has none; a proposal is filled in."""

    def __init__(self, proposal: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Новый проект")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Проект «{name}» из книги в базе не найден: он будет добавлен как новый проект. "
            "Укажите его код (в книге кода нет)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.code = QLineEdit(proposal)
        self.code.selectAll()
        form.addRow("Код проекта:", self.code)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.code.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))


def ask_new_project_code(parent: QWidget | None, proposal: str, name: str) -> str | None:
    """The code the user gives a new project (the proposal, or what they typed); None: cancel."""
    dialog = NewProjectCodeDialog(proposal, name, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.code.text().strip()
    finally:
        dialog.deleteLater()


class ImportPreviewDialog(QDialog):
    """What an import adds, changes (old → new) and removes, and every problem, before it is
    applied. «Применить» accepts; the caller writes `self.plan`."""

    def __init__(
        self, plan: ImportPlan, parent: QWidget | None = None, *, monitoring: bool = False
    ) -> None:
        """`monitoring`: a workbook of monitoring tables, which removes no row and changes no
        period (ui/monitoring_import_dialog.py): the two choices are not offered."""
        super().__init__(parent)
        self.plan = plan
        self.monitoring = monitoring
        self.setWindowTitle(f"{IMPORT_TITLE}: предварительный просмотр")
        fit_to_screen(self, 980, 640)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Что", "Было", "Стало"])
        self.tree.setUniformRowHeights(True)
        # «long line / source»: the end stays in view, so sources of one line differ on screen.
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(1, 230)
        header.resizeSection(2, 230)
        self.remove_missing = QCheckBox("Удалять строки, которых нет в таблицах файла", self)
        self.remove_missing.setChecked(plan.remove_missing)
        self.remove_missing.setToolTip(
            "Снимите флажок, если в файле только часть строк: остальные останутся как есть"
        )
        # A shorter period in the file deletes figures only when this box is ticked.
        self.drop_outside = QCheckBox(self)
        self.drop_outside.setChecked(plan.drop_outside_period)
        self.drop_outside.setToolTip(
            "Без флажка срок проекта становится объединением сроков проекта и файла, "
            "и ничего не удаляется"
        )
        self.buttons = QDialogButtonBox(self)
        self.apply_button = QPushButton("Применить", self)
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Отмена")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.remove_missing)
        layout.addWidget(self.drop_outside)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.remove_missing.toggled.connect(self._rebuild)
        self.drop_outside.toggled.connect(self._rebuild)
        self._show(plan)
        self.remove_missing.setVisible(not monitoring)

    def _rebuild(self) -> None:
        self.plan = self.plan.rebuilt(
            remove_missing=self.remove_missing.isChecked(),
            drop_outside_period=self.drop_outside.isChecked(),
        )
        self._show(self.plan)

    def _show_drop_outside(self, plan: ImportPlan) -> None:
        years = plan.incoming.years
        self.drop_outside.setVisible(
            not self.monitoring and plan.outside_period > 0 and years is not None
        )
        if years is not None:
            self.drop_outside.setText(
                f"Сократить срок проекта до {years[0]}–{years[1]}, как в файле, и удалить "
                f"значения вне этого срока: {plan.outside_period}"
            )

    def _show(self, plan: ImportPlan) -> None:
        project = plan.project
        counts = plan.counts()
        state = "новый проект" if plan.existing is None else "изменяется"
        lines = [
            f"<b>Файл:</b> {_html(plan.file)}",
            f"<b>Проект:</b> {_html(project.code)} «{_html(project.name)}» — {state}",
            f"Добавляется: {counts[Action.ADD]}, изменяется: {counts[Action.CHANGE]}, "
            f"удаляется: {counts[Action.REMOVE]}",
        ]
        if plan.has_errors:
            lines.append(
                f"<span style='color:{_ERROR_COLOR.name()}'><b>Ошибок: {len(plan.errors)}.</b> "
                "Исправьте их в файле и повторите импорт: база данных не будет изменена.</span>"
            )
        elif not plan.changes:
            lines.append("<b>Изменений нет:</b> данные файла уже в базе.")
        self.summary.setText("<br>".join(lines))
        self.apply_button.setEnabled(not plan.has_errors and bool(plan.changes))
        self._show_drop_outside(plan)
        self._fill(plan)

    def _fill(self, plan: ImportPlan) -> None:
        tree = self.tree
        tree.setUpdatesEnabled(False)
        tree.clear()
        if plan.errors:
            self._problems(f"Ошибки ({len(plan.errors)})", plan.errors, _ERROR_COLOR)
        if plan.warnings:
            self._problems(f"Замечания ({len(plan.warnings)})", plan.warnings, _WARNING_COLOR)
        small = len(plan.changes) <= 300
        figures = Figures(plan)
        for section in Section:
            changes = [change for change in plan.changes if change.section is section]
            if changes:
                self._section(section, changes, figures, expand=small)
        tree.setUpdatesEnabled(True)

    def _problems(self, title: str, problems: list[Problem], color: QColor) -> None:
        top = QTreeWidgetItem(self.tree, [title])
        _bold(top)
        top.setForeground(0, QBrush(color))
        top.setFirstColumnSpanned(True)
        for problem in problems:
            item = QTreeWidgetItem(top, [str(problem)])
            item.setToolTip(0, str(problem))
            item.setForeground(0, QBrush(color))
            # A problem is a sentence: it gets the whole width, not the first column.
            item.setFirstColumnSpanned(True)
        top.setExpanded(True)

    def _section(
        self, section: Section, changes: list[Change], figures: Figures, *, expand: bool
    ) -> None:
        groups: dict[tuple[Action, str], list[Change]] = {}
        for change in changes:
            action = change.action
            if action is Action.CHANGE and not change.item:
                groups.setdefault((action, f"\0{change.field}"), []).append(change)
            else:
                groups.setdefault((action, change.item), []).append(change)
        top = QTreeWidgetItem(self.tree, [f"{SECTION_TITLES[section]} ({len(groups)})"])
        top.setFirstColumnSpanned(True)
        _bold(top)
        shown_items = 0
        for (action, _), group in groups.items():
            if shown_items >= MAX_SHOWN_ITEMS:
                QTreeWidgetItem(top, [f"… и ещё {len(groups) - shown_items}"])
                break
            shown_items += 1
            first = group[0]
            color = QBrush(_ACTION_COLOR[action])
            if action is Action.CHANGE and not first.item:
                # A field of the project itself: one line, old and new beside it.
                item = QTreeWidgetItem(top, [first.label, shown(first.old), shown(first.new)])
                _tips(item)
                continue
            status = _ACTION_TEXT[action]
            if action is Action.CHANGE:
                status = f"изменений: {len(group)}"
            # The marks `--dry-run` prints: colour is not the only sign.
            item = QTreeWidgetItem(top, [f"{ACTION_MARKS[action]} {first.item}", "", status])
            for column in (0, 2):
                item.setForeground(column, color)
            item.setToolTip(0, first.item)
            if action is Action.CHANGE:
                for change in group:
                    child = QTreeWidgetItem(item, [change.label, *_old_and_new(change)])
                    _tips(child)
                    if isinstance(change.old, str) and isinstance(change.new, str):
                        child.setToolTip(1, change.old)
                        child.setToolTip(2, change.new)
                item.setExpanded(expand)
            else:
                # Added and removed rows show their figures: a removed amount is a value too.
                for text in figures.of(first):
                    child = QTreeWidgetItem(item, [text])
                    child.setFirstColumnSpanned(True)
                    child.setToolTip(0, text)
                item.setExpanded(expand)
        top.setExpanded(True)


def _old_and_new(change: Change) -> list[str]:
    """Old and new value; two long names cut around their difference, never through it."""
    if isinstance(change.old, str) and isinstance(change.new, str):
        # The columns are narrow: the difference comes first, with a few letters around it.
        old, new = show_difference(change.old, change.new, limit=24, context=8)
        return [f"«{old}»", f"«{new}»"]
    return [shown(change.old), shown(change.new)]


def _bold(item: QTreeWidgetItem) -> None:
    font = item.font(0)
    font.setBold(True)
    item.setFont(0, font)


def _tips(item: QTreeWidgetItem) -> None:
    for column in range(3):
        item.setToolTip(column, item.text(column))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
