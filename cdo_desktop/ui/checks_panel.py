"""«Проверка данных»: the problems the validation rules find, grouped by kind, a click away
from their cells."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cdo_desktop.core.model import Project
from cdo_desktop.core.rules import Level, Problem, check_project, count_text, grouped
from cdo_desktop.core.work_calendar import WorkCalendar

LEVEL_COLORS = {Level.ERROR: QColor("#a61c00"), Level.WARNING: QColor("#7f6000")}
LEVEL_MARKS = {Level.ERROR: "✗", Level.WARNING: "!"}
PROBLEM_ROLE = Qt.ItemDataRole.UserRole


class ChecksPanel(QDockWidget):
    """Re-checks the project after every change; `problem_activated` asks to show the cell.

    `counted` tells the window the count after every check, as `rules.count_text` words it
    («2 ошибки, 12 предупреждений»), with the number of errors and of warnings."""

    problem_activated = Signal(object)
    counted = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Проверка данных", parent)
        self.setObjectName("checks_dock")
        self.problems: list[Problem] = []
        # The date the facts' deadlines are judged by; None is today (a test or the CLI sets it).
        self.as_of: date | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("checks_list")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.setWidget(body)

    def check(self, project: Project | None, calendar: WorkCalendar | None = None) -> list[Problem]:
        """The rules over `project`; monitoring due dates on `calendar` (the database's)."""
        self.problems = check_project(project, self.as_of, calendar) if project is not None else []
        self.tree.clear()
        for title, problems in grouped(self.problems):
            group = QTreeWidgetItem(self.tree, [f"{title} ({len(problems)})"])
            group.setForeground(0, QBrush(LEVEL_COLORS[problems[0].level]))
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            for problem in problems:
                item = QTreeWidgetItem(
                    group, [f"{LEVEL_MARKS[problem.level]} {problem.place()}: {problem.message}"]
                )
                item.setForeground(0, QBrush(LEVEL_COLORS[problem.level]))
                item.setToolTip(0, str(problem))
                item.setData(0, PROBLEM_ROLE, problem)
            # Errors are few and must be fixed: open. Many late facts would bury them: closed.
            group.setExpanded(problems[0].level is Level.ERROR or len(problems) <= 10)
        errors = sum(problem.level is Level.ERROR for problem in self.problems)
        text = count_text(self.problems)
        self.summary.setText(
            f"{text}."
            if not self.problems
            else f"{text}. Щёлкните по строке, чтобы перейти к ячейке."
        )
        self.counted.emit(text, errors, len(self.problems) - errors)
        return self.problems

    def item_of(self, problem: Problem) -> QTreeWidgetItem | None:
        """The list's line of a problem (to click it)."""
        for group in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(group)
            assert parent is not None
            for child in range(parent.childCount()):
                item = parent.child(child)
                if item is not None and item.data(0, PROBLEM_ROLE) is problem:
                    return item
        return None

    def _activated(self, item: QTreeWidgetItem) -> None:
        problem = item.data(0, PROBLEM_ROLE)
        if isinstance(problem, Problem):
            self.problem_activated.emit(problem)
