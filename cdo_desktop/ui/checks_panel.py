"""«Проверка данных»: the problems the validation rules find, a click away from their cells."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cdo_desktop.core.model import Project
from cdo_desktop.core.rules import Level, Problem, check_project

LEVEL_COLORS = {Level.ERROR: QColor("#a61c00"), Level.WARNING: QColor("#7f6000")}
LEVEL_MARKS = {Level.ERROR: "✗", Level.WARNING: "!"}


class ChecksPanel(QDockWidget):
    """Re-checks the project after every change; `problem_activated` asks to show the cell."""

    problem_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Проверка данных", parent)
        self.setObjectName("checks_dock")
        self.problems: list[Problem] = []
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("checks_list")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.setWidget(body)

    def check(self, project: Project | None) -> list[Problem]:
        self.problems = check_project(project) if project is not None else []
        self.list.clear()
        for problem in self.problems:
            item = QListWidgetItem(
                f"{LEVEL_MARKS[problem.level]} {problem.place()}: {problem.message}", self.list
            )
            item.setForeground(QBrush(LEVEL_COLORS[problem.level]))
            item.setToolTip(str(problem))
        errors = sum(problem.level is Level.ERROR for problem in self.problems)
        warnings = len(self.problems) - errors
        self.summary.setText(
            "Проблем не найдено."
            if not self.problems
            else f"Ошибок: {errors}, предупреждений: {warnings}. "
            "Щёлкните по строке, чтобы перейти к ячейке."
        )
        return self.problems

    def _activated(self, item: QListWidgetItem) -> None:
        self.problem_activated.emit(self.problems[self.list.row(item)])
