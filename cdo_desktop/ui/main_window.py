"""The main window: assembles the commands' menus, the project's tabs and the status bar.

What the actions do lives in `ui/commands/` (file, edit, view); the open project's tabs in
`ui/project_tabs.py`; the watch for another copy's changes in `ui/outside_changes.py`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QIcon, QUndoStack
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QToolBar, QWidget

from cdo_desktop import paths
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import Project
from cdo_desktop.storage import presence
from cdo_desktop.storage.integrity import as_told
from cdo_desktop.storage.presence import PresenceHandle
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.commands.edit_commands import EditCommands
from cdo_desktop.ui.commands.file_commands import FileCommands
from cdo_desktop.ui.commands.overview import OverviewCommands
from cdo_desktop.ui.commands.server import ServerCommands
from cdo_desktop.ui.commands.versions import VersionCommands
from cdo_desktop.ui.commands.view_commands import ViewCommands
from cdo_desktop.ui.outside_changes import OutsideChangesWatch
from cdo_desktop.ui.project_pages import ProjectPages
from cdo_desktop.ui.project_tabs import (
    FINANCING,
    INDICATORS,
    PASSPORT,
    PERSONS,
    RESULTS,
    TAB_TITLES,
    ProjectTabs,
)
from cdo_desktop.ui.screen_fit import fit_to_screen, restore_fitting
from cdo_desktop.ui.settings import WindowSettings
from cdo_desktop.ui.status_fields import StatusFields
from cdo_desktop.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from cdo_desktop.ui.checks_panel import ChecksPanel

__all__ = [
    "FINANCING",
    "INDICATORS",
    "PASSPORT",
    "PERSONS",
    "RESULTS",
    "TAB_TITLES",
    "MainWindow",
    "ProjectTabs",
]

OUTSIDE_CHANGE = "Показаны изменения, сделанные в другой копии программы."
TYPING_KEPT = " Набранный вами текст оставлен в поле: он будет записан, когда вы закончите ввод."


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, settings: WindowSettings | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        # This copy's presence record (storage/presence.py), set by the program's start.
        self.presence: PresenceHandle | None = None
        self.settings = settings or WindowSettings()
        self.pages = ProjectPages(self)  # each project's tabs and undo history, kept
        self.tabs: ProjectTabs | None = None
        self.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "app.svg")))
        fit_to_screen(self, 1280, 800)
        self._init_commands()
        self._init_menus()
        self._init_toolbar()
        self._init_status_bar()
        self._init_checks()
        self.watch = OutsideChangesWatch(self)
        self._connect_signals()
        self._restore_window()
        self.reload_projects(prefer=self.settings.last_project(str(workspace.path)))
        self.watch.start()

    # ---------------------------------------------------------------- construction

    def _init_commands(self) -> None:
        self.file_commands = FileCommands(self)
        self.edit_commands = EditCommands(self)
        self.view_commands = ViewCommands(self)
        self.server_commands = ServerCommands(self)
        self.overview_commands = OverviewCommands(self)  # «Все проекты» (issue 18)
        # The actions other code (and the tests) reach through the window.
        file, edit = self.file_commands, self.edit_commands
        self.import_action, self.export_action = file.import_action, file.export_action
        self.print_action, self.pdf_action = file.print_action, file.pdf_action
        self.delete_project_action = file.delete_project_action
        self.undo_action, self.redo_action = edit.undo_action, edit.redo_action
        self.about_action = self.view_commands.about_action
        self.checks_action = self.view_commands.checks_action

    def _init_menus(self) -> None:
        bar = self.menuBar()
        for title, groups in (
            ("&Файл", self.server_commands.placed_in(self.file_commands.menu_groups())),
            ("&Правка", self.edit_commands.menu_groups()),
        ):
            menu = bar.addMenu(title)
            for number, group in enumerate(groups):
                if number:
                    menu.addSeparator()
                menu.addActions(group)
        self.version_commands = VersionCommands(self)  # «Версии»: ui/commands/versions.py
        self.version_commands.add_menu(bar)
        self.view_menu = bar.addMenu("&Вид")
        self.view_menu.addActions(self.view_commands.tab_actions)
        self.view_menu.addSeparator()
        help_menu = bar.addMenu("&Справка")
        help_menu.addActions(self.view_commands.help_actions())

    def _init_toolbar(self) -> None:
        toolbar = QToolBar("Панель инструментов", self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(toolbar)
        self.project_label = QLabel(" Проект: ", self)
        self.project_selector = QComboBox(self)
        self.project_selector.setObjectName("project_selector")
        self.project_selector.setMinimumContentsLength(40)
        self.project_selector.setToolTip("Проект базы данных")
        self.project_label_action = toolbar.addWidget(self.project_label)
        self.project_selector_action = toolbar.addWidget(self.project_selector)
        toolbar.addAction(self.overview_commands.overview_action)
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addActions([self.import_action, self.export_action, self.print_action])
        self.view_menu.addAction(toolbar.toggleViewAction())

    def _init_checks(self) -> None:
        self.view_menu.addAction(self.checks_action)
        if self.settings.checks_open:
            _ = self.checks  # made before the saved state is restored, which places it

    def _init_status_bar(self) -> None:
        self.status_fields = StatusFields(self)
        fields = self.status_fields
        self.database_label, self.rows_label = fields.database_label, fields.rows_label
        self.changed_label, self.problems_label = fields.changed_label, fields.problems_label

    def _connect_signals(self) -> None:
        self.project_selector.activated.connect(self._project_chosen)
        group = self.pages.group
        group.indexChanged.connect(self._update_status)
        group.indexChanged.connect(lambda _index: self.view_commands.recheck_if_shown())
        group.cleanChanged.connect(lambda _clean: self._update_status())

    @property
    def undo_stack(self) -> QUndoStack:  # the open project's
        return self.pages.active_stack

    @property
    def checks(self) -> ChecksPanel:
        """«Проверка данных» (F7), made when first asked for."""
        return self.view_commands.checks

    def show_tab(self, index: int) -> None:
        if self.tabs is not None:
            self.tabs.setCurrentIndex(index)

    # ---------------------------------------------------------------- settings

    def _restore_window(self) -> None:
        # The remembered size where it still fits the screen (another monitor, a smaller one).
        restore_fitting(self, self.settings.geometry, 1280, 800)
        if self.settings.state is not None:
            self.restoreState(self.settings.state)

    def _restore_tabs(self) -> None:
        assert self.tabs is not None
        self.tabs.setCurrentIndex(min(self.settings.last_tab, self.tabs.count() - 1))
        self.tabs.show_panel(self.tabs.currentIndex())  # the first tab changes nothing: build it

    def _panel_built(self, index: int, panel: QWidget) -> None:
        """A tab shown for the first time: connect its panel and give it its remembered layout."""
        assert self.tabs is not None
        if index == PASSPORT:
            self.tabs.passport.name_changed.connect(lambda _name: self._update_titles())
            return
        table = self.tabs.built_tables()[index]
        table.model.stale_data_found.connect(self.refresh_from_database)
        table.column_choice.remember_in(self.settings)
        table.view.cell_history_requested.connect(
            lambda cell, table=table: self.edit_commands.show_cell_history(table, cell)
        )
        if table.splitter is not None:
            state = self.settings.splitter(table.splitter.objectName())
            if state is not None:
                table.splitter.restoreState(state)

    def save_settings(self) -> None:
        self.settings.checks_open = self.view_commands.checks_open
        self.settings.geometry = self.saveGeometry()
        self.settings.state = self.saveState()
        if self.tabs is not None:
            self.settings.last_tab = self.tabs.currentIndex()
            self.settings.set_last_project(str(self.workspace.path), self.tabs.code)
            for splitter in self.tabs.splitters():
                self.settings.set_splitter(splitter.objectName(), splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)

    # ---------------------------------------------------------------- projects

    def open_code(self) -> str | None:
        """The open project's code: the key by which it is found again in the database."""
        return self.tabs.code if self.tabs is not None else None

    def stored_id(self) -> int | None:
        """The open project's id as the database has it now, found by its code; None when no
        project is open or another copy has deleted it (told, and the window shows the rest)."""
        code = self.open_code()
        if code is None:
            return None
        try:
            return self.workspace.store.find(code).id
        except CdoError:
            self.refresh_from_database()
            return None

    def stored_project(self) -> Project | None:
        """The open project with its tables as the database holds it now: what is printed,
        exported and checked is what is stored, not what some tab last showed."""
        project_id = self.stored_id()
        return None if project_id is None else self.workspace.store.load(project_id)

    def reload_projects(self, prefer: str | None = None) -> None:
        """Fill the project selector and open the preferred (or first) project."""
        summaries = self.workspace.reader.summaries()
        self.project_selector.clear()
        for summary in summaries:
            self.project_selector.addItem(f"{summary.code} — {summary.name}", summary.code)
        several = len(summaries) > 1
        self.project_label_action.setVisible(several)
        self.project_selector_action.setVisible(several)
        codes = [summary.code for summary in summaries]
        self.pages.keep_only(summary.id for summary in summaries)
        code = prefer if prefer in codes else (codes[0] if codes else None)
        self.open_project(code)

    def open_project(self, code: str | None) -> None:
        if self.tabs is not None:
            self.save_settings()
        if code is None:
            self.tabs = None
            empty = QLabel(
                "В базе данных нет проектов.\n\nСоздайте проект: «Файл» → «Новый проект…»,\n"
                "или загрузите его из Excel: «Файл» → «Импорт из Excel…».",
                self,
            )
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._show_page(empty)
        else:
            self.watch.mark_read()
            summary = self.workspace.reader.find(code)
            kept = self.pages.kept(summary.id)
            if kept is not None:
                # Opened before: its tabs and undo history, showing what is stored now.
                self.tabs = kept
                self._show_page(kept)
                kept.refresh(self.workspace.reader.load(summary.id))
            else:
                project = self.workspace.reader.load(summary.id, with_tables=False)
                self.tabs = self.pages.make(project, self.workspace)
                self.tabs.panel_built.connect(self._panel_built)
                self._show_page(self.tabs)
                self._restore_tabs()
            self.project_selector.setCurrentIndex(self.project_selector.findData(code))
        self.pages.activate(self.tabs)
        self.file_commands.project_opened(self.tabs is not None)
        self._update_titles()
        self._update_status()
        self.view_commands.recheck_if_shown()

    def _show_page(self, page: QWidget) -> None:
        self.pages.put_away(self.takeCentralWidget())
        self.setCentralWidget(page)

    def check_for_outside_changes(self) -> None:
        self.watch.look()

    def refresh_from_database(self, note: str = OUTSIDE_CHANGE) -> None:
        """Show what the database holds now (changed by another copy of the program)."""
        if self.tabs is None:
            return
        code = self.tabs.code
        self.watch.mark_read()
        try:
            summary = self.workspace.reader.find(code)
        except CdoError:
            self.statusBar().showMessage("Проект удалён в другой копии программы.", 10000)
            self.reload_projects()
            return
        if summary.id != self.tabs.project_id:
            # Deleted and made again under its code (by another copy): its rows are new rows,
            # so the tabs, their models and the undo steps that name the old ones are made anew.
            self.pages.drop(self.tabs.project_id)
            self.open_project(code)
            self.statusBar().showMessage(
                "Проект заново записан в другой копии программы: показан он; "
                "прежние правки отменить нельзя.",
                10000,
            )
            return
        kept_typing = self.tabs.refresh(self.workspace.reader.load(summary.id))
        self._update_status()
        self.view_commands.recheck_if_shown()
        self.statusBar().showMessage(note + (TYPING_KEPT if kept_typing else ""), 5000)

    def _project_chosen(self, row: int) -> None:
        code = self.project_selector.itemData(row)
        if code != self.open_code():
            self.open_project(code)

    def _update_titles(self) -> None:
        database = self.workspace.path.name
        if self.tabs is None:
            self.setWindowTitle(f"{database} — ЦОС: региональный проект")
            return
        project = self.tabs.project
        self.setWindowTitle(f"{project.code} «{project.name}» — {database}")
        row = self.project_selector.findData(project.code)
        if row >= 0:
            self.project_selector.setItemText(row, f"{project.code} — {project.name}")

    def _update_status(self) -> None:
        self.status_fields.update()

    # ---------------------------------------------------------------- another database

    def switch_database(self, path: Path) -> bool:
        try:
            workspace = open_workspace(path, with_demo=False)
        except CdoError as error:
            dialogs.show_error(self, "Не удалось открыть базу данных", str(error))
            return False
        self.save_settings()
        self.pages.drop_all()
        old, self.workspace = self.workspace, workspace
        try:
            self.reload_projects(prefer=self.settings.last_project(str(path)))
        except Exception as error:
            # The new file could not be read after all: back to the old one, as it was.
            self.workspace = old
            workspace.close()
            self.reload_projects(prefer=self.settings.last_project(str(old.path)))
            told = as_told(error, path)
            if told is None:
                raise
            dialogs.show_error(self, "Не удалось открыть базу данных", str(told))
            return False
        old.close()
        if self.presence is not None:
            # Who has which file open, for a restore's message: this window now has the new one.
            self.presence.close()
            self.presence = presence.register(path)
        return True
