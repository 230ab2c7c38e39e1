"""«Вид» and «Справка»: the tabs, «Проверка данных» (F7), about the program and Qt."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from cdo_desktop.core.model import Project, RowKind
from cdo_desktop.core.rules import FINANCING as FINANCING_TABLE
from cdo_desktop.core.rules import RISKS as RISKS_TABLE
from cdo_desktop.core.rules import Level, Problem
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.commands import make_action
from cdo_desktop.ui.project_tabs import FINANCING, INDICATORS, RESULTS, RISKS, TAB_TITLES

if TYPE_CHECKING:
    from cdo_desktop.ui.checks_panel import ChecksPanel
    from cdo_desktop.ui.main_window import MainWindow
    from cdo_desktop.ui.plan_fact_panel import PlanFactPanel
    from cdo_desktop.ui.table_panel import TablePanel


class ViewCommands(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.tab_actions = [
            make_action(
                window, title, lambda _=False, i=index: window.show_tab(i), f"Ctrl+{index + 1}"
            )
            for index, title in enumerate(TAB_TITLES)
        ]
        self._checks: ChecksPanel | None = None
        self.checks_action = QAction("Проверка данных", window)
        self.checks_action.setCheckable(True)
        self.checks_action.setShortcut(QKeySequence("F7"))
        self.checks_action.toggled.connect(lambda shown: self.checks.setVisible(shown))
        self.guide_action = make_action(window, "Руководство пользователя", self.guide, "F1")
        self.about_action = make_action(window, "О программе", self.about)
        self.about_qt_action = make_action(window, "О Qt", QApplication.aboutQt)

    def help_actions(self) -> list[QAction]:
        return [self.guide_action, self.about_action, self.about_qt_action]

    def guide(self) -> None:
        from cdo_desktop.ui.guide import open_guide

        open_guide(self.window)

    def about(self) -> None:
        from cdo_desktop.ui.about_dialog import show_about

        show_about(self.window, self.window.workspace.path)

    # ---------------------------------------------------------------- «Проверка данных»

    @property
    def checks_open(self) -> bool:
        return self._checks is not None and not self._checks.isHidden()

    @property
    def checks(self) -> ChecksPanel:
        """The dock, made when first opened (or at start if it was open last time, before the
        saved state is restored, which puts it back in place)."""
        if self._checks is None:
            from cdo_desktop.ui.checks_panel import ChecksPanel

            window = self.window
            dock = ChecksPanel(window)
            self._checks = dock
            if not window.restoreDockWidget(dock):
                window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.hide()
            dock.toggleViewAction().toggled.connect(self.checks_action.setChecked)
            dock.problem_activated.connect(self.show_problem)
            dock.visibilityChanged.connect(lambda shown: shown and self.recheck())
        return self._checks

    def recheck(self, project: Project | None = None) -> list[Problem]:
        """The rules over the project as stored now (or `project`, just read from the store)."""
        from cdo_desktop.storage.monitoring_store import database_calendar

        calendar = database_calendar(self.window.workspace.store.database)
        shown = project if project is not None else self.window.stored_project()
        return self.checks.check(shown, calendar)

    def recheck_if_shown(self) -> None:
        """After a change: the rules run for the «Проверка данных» panel when it is open (it
        runs them when opened); export and printing run them themselves."""
        if self.checks_open:
            self.recheck()

    def show_problem(self, problem: Problem) -> None:
        """Select the cell a problem is about, on its tab."""
        tabs = self.window.tabs
        if tabs is None:
            return
        panel: TablePanel
        if problem.table == RISKS_TABLE:
            from cdo_desktop.ui.risks_model import TARGET_NUMBER

            tabs.setCurrentIndex(RISKS)
            panel = cast("TablePanel", tabs.panel(RISKS))
            row, column = problem.row_index, TARGET_NUMBER
        elif problem.table == FINANCING_TABLE:
            tabs.setCurrentIndex(FINANCING)
            panel = tabs.financing
            row = panel.model.row_of_line(problem.row_index)
            column = panel.model.column_of_year(problem.year) if problem.year is not None else 1
        else:
            tab = INDICATORS if problem.table == RowKind.INDICATOR else RESULTS
            tabs.setCurrentIndex(tab)
            plan_fact = cast("PlanFactPanel", tabs.panel(tab))
            panel = plan_fact
            row = problem.row_index
            column = (
                plan_fact.model.column_of(problem.year, problem.field or "plan")
                if problem.year is not None
                else 0
            )
        panel.select_row(row, column)
        panel.view.setFocus()

    def confirm_despite_problems(self, action: str, project: Project) -> bool:
        """Before export and printing: errors are told, and the user decides (never blocked)."""
        errors = [p for p in self.recheck(project) if p.level is Level.ERROR]
        if not errors:
            return True
        shown = "\n".join(f"• {problem.place()}: {problem.message}" for problem in errors[:8])
        more = f"\n… и ещё {len(errors) - 8}" if len(errors) > 8 else ""
        self.checks.show()
        return dialogs.confirm(
            self.window,
            "Проверка данных",
            f"В данных найдены ошибки ({len(errors)}):\n\n{shown}{more}\n\nВсё равно {action}?",
        )
