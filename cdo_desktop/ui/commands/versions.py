"""«Версии»: fix a version of the open project's passport, see and compare the versions, draft
the change request. What the dialogs show lives in ui/versions_dialog.py and
ui/versions_request.py; this module makes the menu and does the writes they share.

Each write (a version fixed, a justification typed, a request marked sent) is a step on the open
project's undo stack like any edit: Ctrl+Z applies the inverse the store answered, checked
against what is stored (a version another official fixed since is not undone silently)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QInputDialog, QMenuBar, QWidget

from cdo_desktop.core.changes import Change, ChangeConflict
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import Project
from cdo_desktop.core.version_records import PassportVersion
from cdo_desktop.core.versions import REQUEST_BASES
from cdo_desktop.exchange.version_document import version_project, version_text
from cdo_desktop.storage.store import Store
from cdo_desktop.storage.versions import list_versions, next_version
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.change_command import ChangeCommand
from cdo_desktop.ui.commands import make_action

if TYPE_CHECKING:
    from cdo_desktop.ui.main_window import MainWindow

SOURCE = "версии паспорта в окне программы"
NO_PROJECT = "Откройте проект: версии ведутся для каждого проекта."


def ask_basis(parent: QWidget | None, title: str, label: str) -> str | None:
    """The basis of a version or a request, chosen from the usual ones or typed; None when the
    user cancelled."""
    text, ok = QInputDialog.getItem(parent, title, label, ["", *REQUEST_BASES], 0, True)
    return text.strip() if ok else None


class VersionTarget:
    """What an undo or a redo of a versions' write changes: versions and drafts are shown only
    by their dialogs, which read the store when opened, so there is nothing to re-read here."""

    def __init__(self, window: QWidget | None, store: Store) -> None:
        self.window = window  # the main window, which outlives the dialogs
        self.store = store

    def change_store(self) -> Store:
        return self.store

    def reload(self) -> None:
        """Nothing shown outside the dialogs."""

    def reload_after(self, changes: Sequence[Change]) -> None:
        """Nothing shown outside the dialogs."""

    def after_refusal(self) -> None:
        """Nothing shown outside the dialogs."""

    def resolve(self, conflict: ChangeConflict) -> bool:
        # A version or a draft is not written over another's: told, theirs kept.
        dialogs.show_error(self.window, "Не удалось", f"{conflict}. Откройте окно ещё раз.")
        return False


def apply_told(
    parent: QWidget | None,
    store: Store,
    changes: list[Change],
    what: str,
    undo: tuple[QUndoStack, QWidget | None, str] | None = None,
) -> bool:
    """Apply `changes`; a conflict or a fault is told in one Russian line (nothing written).
    With `undo` (the stack, the window, the step's name) the write becomes an undo step."""
    try:
        inverse = store.apply(changes, SOURCE)
    except ChangeConflict as conflict:
        dialogs.show_error(parent, what, f"{conflict}. Откройте окно ещё раз.")
        return False
    except CdoError as error:
        dialogs.show_error(parent, what, str(error))
        return False
    if undo is not None:
        stack, window, text = undo
        stack.push(ChangeCommand(VersionTarget(window, store), changes, inverse, text, stack))
    return True


def fix_version(
    parent: QWidget | None,
    store: Store,
    project: Project,
    basis: str,
    stack: QUndoStack | None = None,
) -> int | None:
    """Fix `project` as stored now as its next version (an undo step on `stack` when given);
    the version's number, or None (told)."""
    assert project.id is not None
    change = next_version(store, project.id, version_text(project), basis)
    undo = None if stack is None else (stack, parent, "сохранение версии паспорта")
    if not apply_told(parent, store, [change], "Версия не зафиксирована", undo):
        return None
    assert isinstance(change.item, PassportVersion)
    return change.item.number


def planned_side(version: PassportVersion) -> Project:
    return version_project(version.document, version.number)


class VersionCommands(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.fix_action = make_action(window, "Зафиксировать версию паспорта…", self.fix)
        self.list_action = make_action(window, "Версии паспорта и сравнение…", self.show_versions)
        self.request_action = make_action(
            window, "Запрос на изменение паспорта…", lambda _=False: self.edit_request()
        )

    def add_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu("В&ерсии")
        menu.addActions([self.fix_action, self.list_action, self.request_action])

    def _project(self) -> Project | None:
        project = self.window.stored_project()
        if project is None:
            dialogs.show_info(self.window, "Версии паспорта", NO_PROJECT)
        return project

    def fix(self) -> None:
        project = self._project()
        if project is None:
            return
        basis = ask_basis(
            self.window,
            "Зафиксировать версию паспорта",
            f"Паспорт проекта {project.code} будет сохранён как новая версия "
            "(без фактических значений).\nОснование версии:",
        )
        if basis is None:
            return
        window = self.window
        number = fix_version(window, window.workspace.store, project, basis, window.undo_stack)
        if number is not None:
            self.window.statusBar().showMessage(f"Версия {number} зафиксирована", 10000)

    def show_versions(self) -> None:
        project = self._project()
        if project is None:
            return
        from cdo_desktop.ui.versions_dialog import VersionsDialog

        dialog = VersionsDialog(self.window.workspace.store, project, self.window)
        dialog.request_wanted.connect(lambda number: self.edit_request(number))
        dialog.exec()
        dialog.deleteLater()

    def edit_request(self, from_version: int | None = None) -> None:
        project = self._project()
        if project is None:
            return
        assert project.id is not None
        if not list_versions(self.window.workspace.store, project.id):
            dialogs.show_info(
                self.window,
                "Запрос на изменение паспорта",
                "Версий паспорта ещё нет: сначала зафиксируйте версию "
                "(«Версии» → «Зафиксировать версию паспорта…»).",
            )
            return
        from cdo_desktop.ui.versions_request import ChangeRequestDialog

        dialog = ChangeRequestDialog(
            self.window.workspace.store,
            project,
            self.window,
            from_version=from_version,
            undo_stack=self.window.undo_stack,
        )
        dialog.exec()
        dialog.deleteLater()
