"""The main window: assembles menus, the project's tabs and the status bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QDateTime, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from cdo_desktop import paths
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import Project, RowKind
from cdo_desktop.core.rules import FINANCING as FINANCING_TABLE
from cdo_desktop.core.rules import Level, Problem
from cdo_desktop.storage.integrity import as_told
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.locations import database_status_text
from cdo_desktop.ui.settings import WindowSettings
from cdo_desktop.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from cdo_desktop.storage.editing import ProjectEditor
    from cdo_desktop.ui.checks_panel import ChecksPanel
    from cdo_desktop.ui.financing_panel import FinancingPanel
    from cdo_desktop.ui.passport_panel import PassportPanel
    from cdo_desktop.ui.persons_panel import PersonsPanel
    from cdo_desktop.ui.plan_fact_panel import PlanFactPanel
    from cdo_desktop.ui.table_panel import TablePanel

TAB_TITLES = ["Паспорт", "Показатели", "Результаты", "Финансирование", "Ответственные"]
PASSPORT, INDICATORS, RESULTS, FINANCING, PERSONS = range(5)


class EditorOnDemand:
    """A project's ProjectEditor, made at its first use: showing a project needs no storage
    code, editing it does (and then peewee is imported, some 30 ms, once)."""

    def __init__(self, workspace: Workspace, project_id: int) -> None:
        self._workspace = workspace
        self.project_id = project_id
        self._editor: ProjectEditor | None = None

    def __getattr__(self, name: str) -> Any:
        if self._editor is None:
            from cdo_desktop.storage.editing import ProjectEditor

            self._editor = ProjectEditor(self._workspace.store, self.project_id)
        return getattr(self._editor, name)


class ProjectTabs(QTabWidget):
    """The five tabs of one project, each over its own model and the shared undo stack.

    A tab's table is built the first time it is shown (or asked for): opening a project of
    hundreds of rows does not build four tables nobody has looked at yet, and their modules are
    not even imported. The project object is what every tab shows and edits, so a tab built late
    shows the same state as one built early. It comes without its tables (indicators, results,
    financing), which are read when first needed: `whole_project()`.
    """

    # A tab's panel just built (tab, panel): the window connects to it, restores its layout.
    panel_built = Signal(int, QWidget)

    def __init__(
        self,
        project: Project,
        workspace: Workspace,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("project_tabs")
        self.setDocumentMode(True)
        assert project.id is not None
        self.project = project
        self.project_id = project.id
        self.repository = workspace.reader
        self._tables_loaded = False
        # Made at the first edit: the storage code (peewee) is not needed to show a project.
        self.editor = cast("ProjectEditor", EditorOnDemand(workspace, project.id))
        self.undo_stack = undo_stack
        self.database_path = workspace.path
        self._panels: dict[int, QWidget] = {}
        for title in TAB_TITLES:
            page = QWidget(self)
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self.addTab(page, title)
        self.currentChanged.connect(self.show_panel)

    # ---------------------------------------------------------------- the panels, built late

    def panel(self, index: int) -> QWidget:
        """The tab's panel, built now if it has not been."""
        built = self._panels.get(index)
        if built is None:
            built = self._build(index)
            self._panels[index] = built
            page = self.widget(index)
            layout = page.layout()
            assert layout is not None
            layout.addWidget(built)
            built.show()  # now, not on the layout's next turn: keys may come at once
            self.panel_built.emit(index, built)
        return built

    def show_panel(self, index: int) -> bool:
        """Build the tab's panel if it is not yet; a database that cannot be read just now
        (a colleague's copy holding it past the wait, say) is told, and the tab tried again
        when it is next shown."""
        if index < 0:
            return False
        try:
            self.panel(index)
        except Exception as error:
            told = as_told(error, self.database_path)
            if told is None:
                raise
            dialogs.show_error(self, f"Не удалось открыть вкладку «{TAB_TITLES[index]}»", str(told))
            return False
        return True

    def built(self, index: int) -> QWidget | None:
        return self._panels.get(index)

    def whole_project(self) -> Project:
        """The project with its tables, read the first time they are asked for."""
        if not self._tables_loaded:
            self.repository.load_tables(self.project)
            self._tables_loaded = True
        return self.project

    def _build(self, index: int) -> QWidget:
        editor, undo = self.editor, self.undo_stack
        if index == PASSPORT:
            from cdo_desktop.ui.passport_panel import PassportPanel

            passport = PassportPanel(self.project, editor, undo, self)
            passport.years_changed.connect(self._years_changed)
            return passport
        project = self.whole_project()
        if index in (INDICATORS, RESULTS):
            from cdo_desktop.ui.plan_fact_model import PlanFactTableModel
            from cdo_desktop.ui.plan_fact_panel import PlanFactPanel

            kind = RowKind.INDICATOR if index == INDICATORS else RowKind.RESULT
            rows = project.rows(kind)
            return PlanFactPanel(PlanFactTableModel(kind, rows, project.years, editor, undo, self))
        if index == FINANCING:
            from cdo_desktop.ui.financing_model import FinancingTableModel
            from cdo_desktop.ui.financing_panel import FinancingPanel

            return FinancingPanel(
                FinancingTableModel(project.financing, project.years, editor, undo, self)
            )
        from cdo_desktop.ui.persons_model import PersonsTableModel
        from cdo_desktop.ui.persons_panel import PersonsPanel

        return PersonsPanel(PersonsTableModel(project.persons, editor, undo, self))

    @property
    def passport(self) -> PassportPanel:
        return cast("PassportPanel", self.panel(PASSPORT))

    @property
    def indicators(self) -> PlanFactPanel:
        return cast("PlanFactPanel", self.panel(INDICATORS))

    @property
    def results(self) -> PlanFactPanel:
        return cast("PlanFactPanel", self.panel(RESULTS))

    @property
    def financing(self) -> FinancingPanel:
        return cast("FinancingPanel", self.panel(FINANCING))

    @property
    def persons(self) -> PersonsPanel:
        return cast("PersonsPanel", self.panel(PERSONS))

    def built_tables(self) -> dict[int, TablePanel]:
        """The table panels built so far, by tab."""
        return {
            index: cast("TablePanel", panel)
            for index, panel in sorted(self._panels.items())
            if index != PASSPORT
        }

    def current_table_panel(self) -> TablePanel | None:
        return self.built_tables().get(self.currentIndex())

    # ---------------------------------------------------------------- changes from elsewhere

    def _years_changed(self, first: int, last: int) -> None:
        years = range(first, last + 1)
        for index in (INDICATORS, RESULTS):
            plan_fact = cast("PlanFactPanel | None", self.built(index))
            if plan_fact is not None:
                plan_fact.model.set_years(years)
                plan_fact.size_columns()
        financing = cast("FinancingPanel | None", self.built(FINANCING))
        if financing is not None:
            financing.model.set_years(years)

    def refresh(self, fresh: Project) -> None:
        """Show the project as stored now, keeping each table's current cell."""
        current = {
            panel: (panel.view.currentIndex().row(), panel.view.currentIndex().column())
            for panel in self.built_tables().values()
        }
        for field in (
            "name",
            "region",
            "national_project",
            "federal_project",
            "goal",
            "customer",
            "participants",
        ):
            setattr(self.project, field, getattr(fresh, field))
        years_changed = (self.project.first_year, self.project.last_year) != (
            fresh.first_year,
            fresh.last_year,
        )
        self.project.first_year, self.project.last_year = fresh.first_year, fresh.last_year
        built = self.built_tables()
        # A built table replaces its rows in the project's own list; for the others the list
        # is replaced here and they show it when built.
        for index, held, rows in (
            (INDICATORS, self.project.indicators, fresh.indicators),
            (RESULTS, self.project.results, fresh.results),
            (FINANCING, self.project.financing, fresh.financing),
        ):
            if index in built:
                model = built[index].model
                if index == FINANCING:
                    model.replace_lines(rows)
                else:
                    model.replace_rows(rows)
            else:
                held[:] = rows
        self._tables_loaded = True
        self.project.persons[:] = fresh.persons
        if PERSONS in built:
            built[PERSONS].model.replace_persons(fresh.persons)
        passport = cast("PassportPanel | None", self.built(PASSPORT))
        if passport is not None:
            passport.show_project()
        if years_changed:
            self._years_changed(fresh.first_year, fresh.last_year)
        for index in (INDICATORS, RESULTS):
            if index in built:
                cast("PlanFactPanel", built[index]).fit_rows()
        for panel, (row, column) in current.items():
            if 0 <= row < panel.model.rowCount():
                panel.select_row(row, max(column, 0))

    def splitters(self) -> list[QSplitter]:
        panels = self.built_tables().values()
        return [panel.splitter for panel in panels if panel.splitter is not None]


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, settings: WindowSettings | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings or WindowSettings()
        self.undo_stack = QUndoStack(self)
        self.tabs: ProjectTabs | None = None
        self.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "app.svg")))
        self.resize(1280, 800)
        self._init_actions()
        self._init_menus()
        self._init_toolbar()
        self._init_status_bar()
        self._init_checks()
        self._init_watch()
        self._connect_signals()
        self._restore_window()
        self.reload_projects(prefer=self.settings.last_project(str(workspace.path)))

    # ---------------------------------------------------------------- construction

    def _action(
        self,
        text: str,
        slot,
        shortcut: QKeySequence | str | None = None,  # type: ignore[no-untyped-def]
        icon: str = "",
    ) -> QAction:
        action = QAction(QIcon.fromTheme(icon) if icon else QIcon(), text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _init_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_project_action = self._action(
            "Новый проект…", self.new_project, key.New, "document-new"
        )
        self.open_database_action = self._action(
            "Открыть базу…", self.open_database, key.Open, "document-open"
        )
        self.delete_project_action = self._action("Удалить проект…", self.delete_project)
        self.backups_action = self._action("Резервные копии…", self.show_backups)
        self.import_action = self._action(
            "Импорт из Excel…", self.import_excel, "Ctrl+I", "document-import"
        )
        self.export_action = self._action(
            "Экспорт в Excel…", self.export_excel, "Ctrl+E", "document-export"
        )
        self.print_action = self._action(
            "Печать сводки…", self.print_summary, key.Print, "document-print"
        )
        self.pdf_action = self._action(
            "Сохранить сводку в PDF…", self.save_summary_pdf, "Ctrl+Shift+P"
        )
        self.quit_action = self._action("Выход", self.close, key.Quit, "application-exit")
        self.undo_action = self.undo_stack.createUndoAction(self, "Отменить")
        self.undo_action.setShortcut(key.Undo)
        self.undo_action.setIcon(QIcon.fromTheme("edit-undo"))
        self.redo_action = self.undo_stack.createRedoAction(self, "Повторить")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.redo_action.setIcon(QIcon.fromTheme("edit-redo"))
        # The table keeps Ctrl+C / Ctrl+V while it has the focus (see GridView.event).
        self.copy_action = self._action("Копировать", self._copy, key.Copy, "edit-copy")
        self.paste_action = self._action("Вставить", self._paste, key.Paste, "edit-paste")
        self.clear_action = self._action("Очистить ячейки\tDel", self._clear, icon="edit-clear")
        self.history_action = self._action("История изменений…", self.show_history, "Ctrl+H")
        self.add_row_action = self._action(
            "Добавить строку\tCtrl+Shift+=", lambda: self._panel_do("add_action")
        )
        self.delete_row_action = self._action(
            "Удалить строку…\tCtrl+-", lambda: self._panel_do("delete_action")
        )
        self.row_up_action = self._action(
            "Строку выше\tCtrl+Shift+Up", lambda: self._panel_do("up_action")
        )
        self.row_down_action = self._action(
            "Строку ниже\tCtrl+Shift+Down", lambda: self._panel_do("down_action")
        )
        self.tab_actions = [
            self._action(title, lambda _=False, i=index: self._show_tab(i), f"Ctrl+{index + 1}")
            for index, title in enumerate(TAB_TITLES)
        ]
        self.about_action = self._action("О программе", self.about)
        self.about_qt_action = self._action("О Qt", QApplication.aboutQt)

    def _init_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&Файл")
        file_menu.addActions(
            [
                self.new_project_action,
                self.open_database_action,
                self.delete_project_action,
                self.backups_action,
            ]
        )
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.export_action])
        file_menu.addSeparator()
        file_menu.addActions([self.print_action, self.pdf_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Правка")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.copy_action, self.paste_action, self.clear_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.history_action)
        edit_menu.addSeparator()
        edit_menu.addActions(
            [self.add_row_action, self.delete_row_action, self.row_up_action, self.row_down_action]
        )
        self.view_menu = bar.addMenu("&Вид")
        self.view_menu.addActions(self.tab_actions)
        self.view_menu.addSeparator()
        help_menu = bar.addMenu("&Справка")
        help_menu.addActions([self.about_action, self.about_qt_action])

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
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addActions([self.import_action, self.export_action, self.print_action])
        self.view_menu.addAction(toolbar.toggleViewAction())

    def _init_status_bar(self) -> None:
        self.database_label = QLabel(self)
        self.rows_label = QLabel(self)
        self.changed_label = QLabel(self)
        bar = self.statusBar()
        bar.addWidget(self.database_label, 1)
        bar.addPermanentWidget(self.rows_label)
        bar.addPermanentWidget(self.changed_label)

    def _init_checks(self) -> None:
        """«Проверка данных» (F7): the dock is made when first opened, or at start if it was
        open last time (before the saved state is restored, which puts it back in place)."""
        self._checks: ChecksPanel | None = None
        self.checks_action = QAction("Проверка данных", self)
        self.checks_action.setCheckable(True)
        self.checks_action.setShortcut(QKeySequence("F7"))
        self.checks_action.toggled.connect(lambda shown: self.checks.setVisible(shown))
        self.view_menu.addAction(self.checks_action)
        if self.settings.checks_open:
            _ = self.checks

    @property
    def checks(self) -> ChecksPanel:
        if self._checks is None:
            from cdo_desktop.ui.checks_panel import ChecksPanel

            dock = ChecksPanel(self)
            self._checks = dock
            if not self.restoreDockWidget(dock):
                self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.hide()
            dock.toggleViewAction().toggled.connect(self.checks_action.setChecked)
            dock.problem_activated.connect(self.show_problem)
            dock.visibilityChanged.connect(lambda shown: shown and self._recheck())
        return self._checks

    def _init_watch(self) -> None:
        """Another copy of the program (a colleague, a share) may change the same file: look
        for its commits every two seconds and show them."""
        self.watch_timer = QTimer(self)
        self.watch_timer.setInterval(2000)
        self.watch_timer.timeout.connect(self.check_for_outside_changes)
        self.watch_timer.start()
        # (reading connection, its data_version) at the last look; None: not looked yet.
        self._data_version: tuple[int, int] | None = None

    def _connect_signals(self) -> None:
        self.project_selector.activated.connect(self._project_chosen)
        self.undo_stack.indexChanged.connect(self._update_status)
        self.undo_stack.indexChanged.connect(lambda _index: self._recheck_if_shown())
        self.undo_stack.cleanChanged.connect(lambda _clean: self._update_status())

    # ---------------------------------------------------------------- settings

    def _restore_window(self) -> None:
        if self.settings.geometry is not None:
            self.restoreGeometry(self.settings.geometry)
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
        table.view.cell_history_requested.connect(
            lambda cell, table=table: self.show_cell_history(table, cell)
        )
        if table.splitter is not None:
            state = self.settings.splitter(table.splitter.objectName())
            if state is not None:
                table.splitter.restoreState(state)

    def save_settings(self) -> None:
        self.settings.checks_open = self._checks is not None and not self._checks.isHidden()
        self.settings.geometry = self.saveGeometry()
        self.settings.state = self.saveState()
        if self.tabs is not None:
            self.settings.last_tab = self.tabs.currentIndex()
            self.settings.set_last_project(str(self.workspace.path), self.tabs.project.code)
            for splitter in self.tabs.splitters():
                self.settings.set_splitter(splitter.objectName(), splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)

    # ---------------------------------------------------------------- projects

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
        code = prefer if prefer in codes else (codes[0] if codes else None)
        self.open_project(code)

    def open_project(self, code: str | None) -> None:
        if self.tabs is not None:
            self.save_settings()
        self.undo_stack.clear()
        old = self.tabs
        if code is None:
            self.tabs = None
            empty = QLabel(
                "В базе данных нет проектов.\n\nСоздайте проект: «Файл» → «Новый проект…»,\n"
                "или загрузите его из Excel: «Файл» → «Импорт из Excel…».",
                self,
            )
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setCentralWidget(empty)
        else:
            summary = self.workspace.reader.find(code)
            project = self.workspace.reader.load(summary.id, with_tables=False)
            self.tabs = ProjectTabs(project, self.workspace, self.undo_stack, self)
            self.tabs.panel_built.connect(self._panel_built)
            self.setCentralWidget(self.tabs)
            self._restore_tabs()
            self.project_selector.setCurrentIndex(self.project_selector.findData(code))
        if old is not None:
            old.deleteLater()
        for action in (
            self.delete_project_action,
            self.export_action,
            self.print_action,
            self.pdf_action,
        ):
            action.setEnabled(self.tabs is not None)
        self._update_titles()
        self._update_status()
        self._recheck_if_shown()

    def check_for_outside_changes(self) -> None:
        # Not while a dialog waits for an answer (about a conflict, say): reloading the project
        # under it would pull the data, and the undo step it belongs to, away.
        if self.tabs is None or QApplication.activeModalWidget() is not None:
            return
        try:
            version = self.workspace.data_version()
        except Exception:
            return
        last = self._data_version
        if last is not None and last[0] == version[0] and last[1] != version[1]:
            self.refresh_from_database()
        self._data_version = version

    def refresh_from_database(
        self, note: str = "Показаны изменения, сделанные в другой копии программы."
    ) -> None:
        """Show what the database holds now (changed by another copy of the program)."""
        if self.tabs is None:
            return
        try:
            summary = self.workspace.reader.find(self.tabs.project.code)
        except CdoError:
            self.statusBar().showMessage("Проект удалён в другой копии программы.", 10000)
            self.reload_projects()
            return
        self.tabs.refresh(self.workspace.reader.load(summary.id))
        self._update_status()
        self._recheck_if_shown()
        self.statusBar().showMessage(note, 5000)

    def _project_chosen(self, row: int) -> None:
        code = self.project_selector.itemData(row)
        if self.tabs is None or code != self.tabs.project.code:
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
        if self.workspace.closed:  # the window is going away after its database
            return
        self.database_label.setText(database_status_text(self.workspace.path))
        if self.tabs is None:
            self.rows_label.setText("")
            self.changed_label.setText("")
            return
        rows = self.workspace.reader.count_rows(self.tabs.project_id)
        self.rows_label.setText(f"Строк в таблицах: {rows}")
        stamp = self.workspace.reader.updated_at(self.tabs.project_id)
        if stamp:
            shown = QDateTime.fromString(stamp, Qt.DateFormat.ISODate).toString("dd.MM.yyyy HH:mm")
            self.changed_label.setText(f"Изменено: {shown}")
        else:
            self.changed_label.setText("")

    # ---------------------------------------------------------------- «Проверка данных»

    def _recheck(self) -> list[Problem]:
        return self.checks.check(self.tabs.whole_project() if self.tabs is not None else None)

    def _recheck_if_shown(self) -> None:
        """After a change: the rules run for the «Проверка данных» panel when it is open (it
        runs them when opened); export and printing run them themselves."""
        if self._checks is not None and not self._checks.isHidden():
            self._recheck()

    def show_problem(self, problem: Problem) -> None:
        """Select the cell a problem is about, on its tab."""
        if self.tabs is None:
            return
        if problem.table == FINANCING_TABLE:
            self.tabs.setCurrentIndex(FINANCING)
            panel = self.tabs.financing
            row = panel.model.row_of_line(problem.row_index)
            column = panel.model.column_of_year(problem.year) if problem.year is not None else 1
        else:
            tab = INDICATORS if problem.table == RowKind.INDICATOR else RESULTS
            self.tabs.setCurrentIndex(tab)
            plan_fact = cast("PlanFactPanel", self.tabs.panel(tab))
            panel = plan_fact
            row = problem.row_index
            column = (
                plan_fact.model.column_of(problem.year, problem.field or "plan")
                if problem.year is not None
                else 0
            )
        panel.select_row(row, column)
        panel.view.setFocus()

    def confirm_despite_problems(self, action: str) -> bool:
        """Before export and printing: errors are told, and the user decides (never blocked)."""
        errors = [p for p in self._recheck() if p.level is Level.ERROR]
        if not errors:
            return True
        shown = "\n".join(f"• {problem.place()}: {problem.message}" for problem in errors[:8])
        more = f"\n… и ещё {len(errors) - 8}" if len(errors) > 8 else ""
        self.checks.show()
        return dialogs.confirm(
            self,
            "Проверка данных",
            f"В данных найдены ошибки ({len(errors)}):\n\n{shown}{more}\n\nВсё равно {action}?",
        )

    # ---------------------------------------------------------------- «Файл»

    def new_project(self) -> None:
        from cdo_desktop.ui.new_project_dialog import NewProjectDialog

        dialog = NewProjectDialog({s.code for s in self.workspace.store.summaries()}, self)
        if dialog.exec():
            project = dialog.project()
            self.workspace.store.replace([project])
            self.reload_projects(prefer=project.code)
            self._show_tab(PASSPORT)

    def open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Открыть базу данных",
            str(self.workspace.path.parent),
            "База данных cdo_desktop (*.sqlite *.db);;Все файлы (*)",
        )
        if path:
            self.switch_database(Path(path))

    def switch_database(self, path: Path) -> bool:
        try:
            workspace = open_workspace(path, with_demo=False)
        except CdoError as error:
            dialogs.show_error(self, "Не удалось открыть базу данных", str(error))
            return False
        self.save_settings()
        self.undo_stack.clear()
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
        self._data_version = None
        return True

    def show_history(self) -> None:
        from cdo_desktop.ui.history_dialog import HistoryDialog

        code = self.tabs.project.code if self.tabs is not None else None
        HistoryDialog(self.workspace, code, parent=self).exec()

    def show_cell_history(self, panel: TablePanel, index: QModelIndex) -> None:
        from cdo_desktop.ui.history_dialog import HistoryDialog

        key = panel.model.history_key(index)
        if key is None or self.tabs is None:
            self.statusBar().showMessage("У этой ячейки нет своей истории.", 5000)
            return
        HistoryDialog(self.workspace, self.tabs.project.code, cell=key, parent=self).exec()

    def show_backups(self) -> None:
        from cdo_desktop.ui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.workspace, self)
        dialog.exec()
        if dialog.restored:
            self.undo_stack.clear()
            self.reload_projects(prefer=self.tabs.project.code if self.tabs else None)

    def delete_project(self) -> None:
        if self.tabs is None:
            return
        project = self.tabs.project
        if not dialogs.confirm(
            self,
            "Удаление проекта",
            f"Удалить проект {project.code} «{project.name}» со всеми показателями, результатами, "
            "финансированием и ответственными?\n\nЭто действие нельзя отменить.",
        ):
            return
        assert project.id is not None
        self.workspace.store.delete(project.id)
        self.reload_projects()

    def import_excel(self) -> None:
        from cdo_desktop.ui import excel_dialogs

        project_id = self.tabs.project.id if self.tabs is not None else None
        before = {summary.code for summary in self.workspace.store.summaries()}
        if excel_dialogs.import_from_excel(self, self.workspace, project_id):
            # A workbook of another project creates it: show that one, else stay where we were.
            added = sorted({s.code for s in self.workspace.store.summaries()} - before)
            code = added[0] if added else (self.tabs.project.code if self.tabs else None)
            self.reload_projects(prefer=code)

    def export_excel(self) -> None:
        if not self.confirm_despite_problems("выгрузить в Excel"):
            return
        from cdo_desktop.ui import excel_dialogs

        excel_dialogs.export_to_excel(
            self, self.workspace, self.tabs.project.id if self.tabs is not None else None
        )

    def print_summary(self) -> None:
        if self.tabs is not None and self.confirm_despite_problems("печатать сводку"):
            from cdo_desktop.ui import summary_dialog

            summary_dialog.open_summary_preview(self, self.tabs.whole_project())

    def save_summary_pdf(self) -> None:
        if self.tabs is not None and self.confirm_despite_problems("сохранить сводку"):
            from cdo_desktop.ui import summary_dialog

            summary_dialog.save_summary_pdf(self, self.tabs.whole_project())

    # ---------------------------------------------------------------- «Правка», «Вид», «Справка»

    def _current_view(self):  # type: ignore[no-untyped-def]
        panel = self.tabs.current_table_panel() if self.tabs is not None else None
        return panel.view if panel is not None else None

    def _copy(self) -> None:
        view = self._current_view()
        if view is not None:
            view.copy_selection()

    def _paste(self) -> None:
        view = self._current_view()
        if view is not None:
            view.paste()

    def _clear(self) -> None:
        view = self._current_view()
        if view is not None:
            view.clear_selection_values()

    def _panel_do(self, action_name: str) -> None:
        panel = self.tabs.current_table_panel() if self.tabs is not None else None
        if panel is not None:
            getattr(panel, action_name).trigger()

    def _show_tab(self, index: int) -> None:
        if self.tabs is not None:
            self.tabs.setCurrentIndex(index)

    def about(self) -> None:
        from cdo_desktop.ui.about_dialog import show_about

        show_about(self, self.workspace.path)
