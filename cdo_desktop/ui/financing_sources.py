"""The budget sources of a financing line in the window: add, «из них», rename, delete, reorder.

Each action states its intent as core changes (core/source_changes.py) and pushes them as one
undo step; the table re-reads the line from the store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QToolBar, QWidget

from cdo_desktop.core.changes import Change
from cdo_desktop.core.model import BudgetSource, FinancingLine
from cdo_desktop.core.source_changes import (
    add_source,
    family,
    move_source,
    name_problem,
    only_placeholder,
    remove_source,
)
from cdo_desktop.core.words import counted
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.financing_model import NAME, SOURCE

if TYPE_CHECKING:
    from cdo_desktop.ui.financing_panel import FinancingPanel

CHOOSE_LINE = "Выберите строку финансирования (ячейку в ней)."
CHOOSE_SOURCE = "Выберите источник: строку источника или строку с одним источником."


def ask_name(parent: QWidget, title: str, label: str, ok_text: str) -> str | None:
    """A name typed by the user; None when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setOkButtonText(ok_text)
    dialog.setCancelButtonText("Отмена")
    if not dialog.exec():
        return None
    return dialog.textValue()


class SourceTools(QObject):
    """The «Источники» toolbar of the financing tab."""

    def __init__(self, panel: FinancingPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        # Tests answer the name dialog through this (title, label, ok text) -> name.
        self.ask: Callable[[QWidget, str, str, str], str | None] = ask_name
        self.toolbar = QToolBar("Источники", panel)
        self.toolbar.setObjectName("financing_sources_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        title = QLabel("Источники строки:", self.toolbar)
        title.setStyleSheet("color: #595959; padding: 0 6px;")
        self.toolbar.addWidget(title)
        self.add_action = self._action("list-add", "Добавить источник…", self.add)
        self.add_sub_action = self._action("", "Добавить «из них»…", self.add_sub)
        self.rename_action = self._action("edit-rename", "Переименовать", self.rename)
        self.delete_action = self._action("list-remove", "Удалить источник…", self.delete)
        self.up_action = self._action("go-up", "Источник выше", lambda: self.move(-1))
        self.down_action = self._action("go-down", "Источник ниже", lambda: self.move(1))

    def _action(self, icon: str, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(QIcon.fromTheme(icon) if icon else QIcon(), text, self.toolbar)
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        return action

    # ---------------------------------------------------------------- what is chosen

    def _current(self) -> tuple[FinancingLine | None, BudgetSource | None]:
        model = self.panel.model
        return model.line_and_source(self.panel.view.currentIndex().row())

    def _say(self, text: str) -> None:
        self.panel.messages.show_message(text)

    def _push(self, changes: list[Change], text: str) -> bool:
        return self.panel.write_rows(changes, text)  # offers «Повторить» on a lost connection

    def _select_source(self, line_id: int | None, name: str) -> None:
        model = self.panel.model
        line = next((line for line in model.lines if line.id == line_id), None)
        source = next((s for s in line.sources if s.name == name), None) if line else None
        if source is None:
            return
        row = model.row_of_source(source.id)
        if row >= 0:
            self.panel.select_row(row, NAME if model.is_source_row(row) else SOURCE)

    def _ask_name(self, line: FinancingLine, title: str, label: str) -> str | None:
        name = self.ask(self.panel, title, label, "Добавить")
        if name is None:
            return None
        problem = name_problem(line, name)
        if problem:
            self._say(f"{problem}.")
            return None
        return name.strip()

    # ---------------------------------------------------------------- the actions

    def add(self) -> None:
        line, _ = self._current()
        if line is None:
            self._say(CHOOSE_LINE)
            return
        name = self._ask_name(
            line, "Новый источник", f"Источник финансирования строки № {line.number}:"
        )
        if name is None:
            return
        placeholder = only_placeholder(line)
        project = self.panel.model.editor.project_id
        if self._push(add_source(project, line, name), "добавление источника"):
            self._select_source(line.id, name)
            if placeholder:
                self._say(
                    f"Источник «все источники» строки № {line.number} назван «{name}»: "
                    "его суммы теперь суммы этого источника."
                )

    def add_sub(self) -> None:
        line, source = self._current()
        if line is None or source is None:
            self._say(CHOOSE_SOURCE)
            return
        name = self._ask_name(line, "Новый источник «из них»", f"Из них (в «{source.name}»):")
        if name is None:
            return
        project = self.panel.model.editor.project_id
        if self._push(add_source(project, line, name, parent=source), "добавление источника"):
            self._select_source(line.id, name)

    def rename(self) -> None:
        line, source = self._current()
        if line is None or source is None:
            self._say(CHOOSE_SOURCE)
            return
        row = self.panel.model.row_of_source(source.id)
        model = self.panel.model
        index = self.panel.select_row(row, NAME if model.is_source_row(row) else SOURCE)
        self.panel.view.edit(index)

    def delete(self) -> None:
        line, source = self._current()
        if line is None or source is None:
            self._say(CHOOSE_SOURCE)
            return
        members = family(line, source)
        if len(members) == len(line.sources):
            self._say(
                f"У строки № {line.number} должен остаться хотя бы один источник: "
                "переименуйте этот или удалите строку целиком."
            )
            return
        subs = len(members) - 1
        also = (
            f" вместе с {counted(subs, 'источником', 'источниками', 'источниками')} «из них»"
            if subs
            else ""
        )
        if not dialogs.confirm(
            self.panel,
            "Удаление источника",
            f"Удалить источник «{source.name}» строки № {line.number}{also} и все их суммы?"
            "\n\nУдаление можно отменить (Ctrl+Z).",
        ):
            return
        project = self.panel.model.editor.project_id
        position = line.sources.index(source)
        if self._push(remove_source(project, line, source), "удаление источника"):
            fresh = next((item for item in self.panel.model.lines if item.id == line.id), None)
            if fresh is not None and fresh.sources:
                kept = fresh.sources[min(position, len(fresh.sources) - 1)]
                self._select_source(line.id, kept.name)

    def move(self, delta: int) -> None:
        line, source = self._current()
        if line is None or source is None:
            self._say(CHOOSE_SOURCE)
            return
        changes = move_source(self.panel.model.editor.project_id, line, source, delta)
        if changes and self._push(changes, "перемещение источника"):
            self._select_source(line.id, source.name)
