"""«Файл» → «Подключиться к серверу…» and «Права доступа…»: the window on the ministry's server.

Connecting swaps the window's workspace for the server's (as «Открыть базу…» does for a
file) and remembers the server for the next start; «Права доступа…» is for members of
cdo_admin on a server only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from cdo_desktop import paths
from cdo_desktop.storage.server import server_error
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.commands import make_action
from cdo_desktop.workspace import ServerWorkspace, Workspace

if TYPE_CHECKING:
    from cdo_desktop.ui.main_window import MainWindow

CONNECT_TITLE = "Не удалось подключиться к серверу"


class ServerCommands(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.connect_action = make_action(window, "Подключиться к серверу…", self.connect_to_server)
        self.grants_action = make_action(window, "Права доступа…", self.show_grants)
        self._admin_of: tuple[Workspace, bool] | None = None
        self.update_enabled()
        # The menus are made after the commands: follow them once they exist.
        QTimer.singleShot(0, self._follow_menus)

    def actions(self) -> list[QAction]:
        return [self.connect_action, self.grants_action]

    def placed_in(self, groups: list[list[QAction]]) -> list[list[QAction]]:
        """The «Файл» menu's groups with these after the first (projects and databases)."""
        return [*groups[:1], self.actions(), *groups[1:]]

    def _follow_menus(self) -> None:
        for holder in self.grants_action.associatedObjects():
            if isinstance(holder, QMenu):
                holder.aboutToShow.connect(self.update_enabled)

    def update_enabled(self) -> None:
        """«Права доступа…» only on a server, for a member of cdo_admin (asked once per
        workspace: the window may have moved to another database)."""
        workspace = self.window.workspace
        if self._admin_of is None or self._admin_of[0] is not workspace:
            self._admin_of = (workspace, is_server_admin(workspace))
        self.grants_action.setEnabled(self._admin_of[1])

    def connect_to_server(self) -> None:
        from cdo_desktop.ui.server_dialog import connect_with_dialog

        window = self.window
        workspace, problem = connect_with_dialog(window)
        if problem is not None:
            dialogs.show_error(window, CONNECT_TITLE, problem)
            return
        if workspace is not None and adopt_workspace(window, workspace):
            from cdo_desktop.ui.server_dialog import remember_at_start

            remember_at_start(getattr(workspace, "url", None))
            self.update_enabled()

    def show_grants(self) -> None:
        from cdo_desktop.ui.grants_dialog import GrantsDialog

        self.update_enabled()
        if not self.grants_action.isEnabled():
            return
        GrantsDialog(self.window.workspace, self.window).exec()


def is_server_admin(workspace: Workspace) -> bool:
    """On a server, and a member of cdo_admin (False when the server cannot say now)."""
    if not isinstance(workspace, ServerWorkspace) or workspace.closed:
        return False
    from cdo_desktop.storage import access

    try:
        return access.is_admin(workspace.store.database)
    except Exception:
        return False


def adopt_workspace(window: MainWindow, workspace: Workspace) -> bool:
    """Show `workspace` (opened already) in the window instead of its own, which is closed;
    False, the window as it was and the new workspace closed, when it cannot be read."""
    window.save_settings()
    window.undo_stack.clear()
    old, window.workspace = window.workspace, workspace
    try:
        window.reload_projects(prefer=window.settings.last_project(str(workspace.path)))
    except Exception as error:
        window.workspace = old
        workspace.close()
        window.reload_projects(prefer=window.settings.last_project(str(old.path)))
        told = server_error(error, getattr(workspace, "url", str(workspace.path)))
        if told is None:
            raise
        dialogs.show_error(window, CONNECT_TITLE, str(told))
        return False
    old.close()
    if window.presence is not None:
        # No file of this computer is open in the window any more (a restore may go ahead).
        window.presence.close()
        window.presence = None
    return True


def choose_file_instead(parent: QWidget | None) -> str:
    """A database file picked in the user's data folder ("" if none)."""
    default = paths.default_database_path()
    path, _ = QFileDialog.getOpenFileName(
        parent,
        "Открыть базу данных",
        str(default if default.exists() else default.parent),
        "База данных cdo_desktop (*.sqlite *.db);;Все файлы (*)",
    )
    return path


def show_server_backups(window: MainWindow) -> None:
    """«Резервные копии…» on a server: the server's own copies are the administrator's; the
    user's snapshots (made before every load and import) are named, and one can be made now."""
    workspace = window.workspace
    if not isinstance(workspace, ServerWorkspace):
        return
    folder = workspace.snapshot_folder()
    text = (
        "Базу на сервере сохраняет администратор (pg_dump или «cdo-desktop backup»).\n\n"
        "Перед каждой загрузкой и импортом программа сама сохраняет снимок изменяемых проектов "
        f"с историей в папку:\n{folder}\n\nСнимок — обычная база SQLite: его можно открыть "
        "(«Файл» → «Открыть базу…»), а проект из него вернуть командой "
        "«cdo-desktop restore СНИМОК --project КОД»."
    )
    if dialogs.choose(window, "Резервные копии", text, ["Закрыть", "Сделать снимок сейчас"]) != 1:
        return
    try:
        made = workspace.backup("manual")
    except Exception as error:
        told = server_error(error, workspace.url)
        if told is None:
            raise
        dialogs.show_error(window, "Снимок не сделан", str(told))
        return
    dialogs.show_info(window, "Резервные копии", f"Снимок всех проектов сохранён:\n{made}")
