"""The «Паспорт» tab: name, region, goal, customer, years and participants, edited in place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cdo_desktop.core.changes import PASSPORT_FIELDS, Change, ChangeConflict, SetValue, Where
from cdo_desktop.core.diff import participant_changes
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import Project
from cdo_desktop.core.text import TextValueError, check_cell_text
from cdo_desktop.ui.change_command import ask_whose_values
from cdo_desktop.ui.message_line import MessageLine
from cdo_desktop.ui.period_actions import ADD_YEAR, add_year, change_years
from cdo_desktop.ui.unsaved_edit import push_keeping

if TYPE_CHECKING:
    from cdo_desktop.storage.editing import ProjectEditor
    from cdo_desktop.storage.store import Store

# Form field -> (label, column in the project table)
TEXT_FIELDS = [
    ("name", "Наименование проекта"),
    ("region", "Субъект РФ"),
    ("national_project", "Национальный проект"),
    ("federal_project_code", "Федеральный проект: код"),
    ("federal_project_name", "Федеральный проект: наименование"),
    ("customer", "Функциональный заказчик"),
]
REQUIRED = {"name"}


class PassportPanel(QWidget):
    """Edits are stored when a field is left (Enter or Tab), each one undoable."""

    years_changed = Signal(int, int)
    name_changed = Signal(str)

    def __init__(
        self,
        project: Project,
        editor: ProjectEditor,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.editor = editor
        self.undo_stack = undo_stack
        self.line_edits: dict[str, QLineEdit] = {}
        self.messages = MessageLine(self)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        code = QLabel(project.code, self)
        code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Код проекта", code)
        for field, label in TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"passport_{field}")
            edit.editingFinished.connect(lambda field=field: self._text_edited(field))
            self.line_edits[field] = edit
            form.addRow(label, edit)
        self.goal = QPlainTextEdit(self)
        self.goal.setObjectName("passport_goal")
        self.goal.setMinimumHeight(110)
        self.goal.installEventFilter(self)
        form.addRow("Цель проекта", self.goal)
        years = QHBoxLayout()
        self.first_year = self._year_box("passport_first_year")
        self.last_year = self._year_box("passport_last_year")
        years.addWidget(QLabel("с", self))
        years.addWidget(self.first_year)
        years.addWidget(QLabel("по", self))
        years.addWidget(self.last_year)
        self.add_year_button = QPushButton(ADD_YEAR, self)
        self.add_year_button.setObjectName("passport_add_year")
        self.add_year_button.setToolTip("Продлить проект на год: новый последний год")
        self.add_year_button.clicked.connect(lambda: add_year(self))
        years.addWidget(self.add_year_button)
        years.addStretch(1)
        form.addRow("Годы реализации", years)

        self.participants = QListWidget(self)
        self.participants.setObjectName("passport_participants")
        self.participants.setMinimumHeight(150)
        self.participants.itemChanged.connect(self._participants_edited)
        add = QPushButton("Добавить участника", self)
        add.clicked.connect(self._add_participant)
        remove = QPushButton("Удалить участника", self)
        remove.clicked.connect(self._remove_participant)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        participants = QVBoxLayout()
        participants.addWidget(self.participants)
        participants.addLayout(buttons)
        form.addRow("Участники регионального проекта", participants)

        content = QWidget(self)
        inner = QVBoxLayout(content)
        inner.addLayout(form)
        inner.addWidget(self.messages)
        inner.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.show_project()

    def _year_box(self, name: str) -> QSpinBox:
        box = QSpinBox(self)
        box.setObjectName(name)
        box.setRange(2000, 2100)
        box.editingFinished.connect(self._years_edited)
        return box

    # ---------------------------------------------------------------- model -> form

    def value(self, field: str) -> Any:
        federal = self.project.federal_project
        if field == "federal_project_code":
            return federal.code if federal else None
        if field == "federal_project_name":
            return federal.name if federal else None
        return getattr(self.project, field)

    def show_project(self) -> None:
        for field, edit in self.line_edits.items():
            edit.setText(self.value(field) or "")
        self.goal.setPlainText(self.project.goal)
        for box, year in (
            (self.first_year, self.project.first_year),
            (self.last_year, self.project.last_year),
        ):
            box.blockSignals(True)
            box.setValue(year)
            box.blockSignals(False)
        self.participants.blockSignals(True)
        self.participants.clear()
        for name in self.project.participants:
            self._append_participant(name)
        self.participants.blockSignals(False)

    def _append_participant(self, name: str) -> QListWidgetItem:
        item = QListWidgetItem(name, self.participants)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    # ---------------------------------------------------------------- form -> database

    def change_store(self) -> Store:
        return self.editor.store

    def reload(self) -> None:
        """Show the passport as stored (after an edit, an undo, or another copy's change)."""
        fresh = self.editor.store.load(self.editor.project_id, with_tables=False)
        years = (self.project.first_year, self.project.last_year)
        name = self.project.name
        for field in (*PASSPORT_FIELDS, "participants"):
            if field not in ("federal_project_code", "federal_project_name"):
                setattr(self.project, field, getattr(fresh, field))
        self.project.federal_project = fresh.federal_project
        self.show_project()
        if (fresh.first_year, fresh.last_year) != years:
            self.years_changed.emit(fresh.first_year, fresh.last_year)
        if fresh.name != name:
            self.name_changed.emit(fresh.name)

    def reload_after(self, changes: Sequence[Change]) -> None:
        self.reload()

    def after_refusal(self) -> None:
        self.reload()

    def resolve(self, conflict: ChangeConflict) -> bool:
        """Another copy changed the passport since it was shown: the user decides."""
        return ask_whose_values(
            self, f"Пока вы редактировали, паспорт изменили в другой копии программы.\n\n{conflict}"
        )

    def _change(self, fields: dict[str, Any]) -> None:
        """Fields from what the form showed to what was typed: one undo step via the store."""
        problem = _text_problem(fields)
        if problem:
            self.messages.show_message(f"{problem} Значение не принято.")
            self.show_project()
            return
        project_id = self.editor.project_id
        changes: list[Change] = []
        for key, new in fields.items():
            if key == "participants":
                changes += participant_changes(project_id, list(self.project.participants), new)
                continue
            old = self.value(key)
            if old != new:
                where = Where(project_id, Section.PASSPORT, field=key)
                changes.append(SetValue(where, old, new))
        if changes:
            push_keeping(self, self, self.undo_stack, changes, "изменение паспорта")

    def _text_edited(self, field: str) -> None:
        text = self.line_edits[field].text().strip()
        if field in REQUIRED and not text:
            self.messages.show_message("Наименование проекта не может быть пустым.")
            self.line_edits[field].setText(self.value(field) or "")
            return
        optional = field in ("national_project", "federal_project_code", "federal_project_name")
        self._change({field: (text or None) if optional else text})

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.goal and event.type() == QEvent.Type.FocusOut:
            self._change({"goal": self.goal.toPlainText().strip()})
        return super().eventFilter(watched, event)

    def _years_edited(self) -> None:
        first, last = self.first_year.value(), self.last_year.value()
        if first > last:
            self.messages.show_message(
                f"Первый год ({first}) не может быть позже последнего ({last})."
            )
            self.show_project()
            return
        # A shorter period deletes the values of the years that fall out: asked first.
        change_years(self, first, last)

    def _participants_edited(self, _item: QListWidgetItem) -> None:
        names = [
            self.participants.item(row).text().strip() for row in range(self.participants.count())
        ]
        self._change({"participants": [name for name in names if name]})

    def _add_participant(self) -> None:
        self._change({"participants": [*self.project.participants, "Новый участник"]})
        item = self.participants.item(self.participants.count() - 1)
        self.participants.setCurrentItem(item)
        self.participants.editItem(item)

    def _remove_participant(self) -> None:
        row = self.participants.currentRow()
        if row < 0:
            return
        names = list(self.project.participants)
        if row < len(names):
            del names[row]
        self._change({"participants": names})


FIELD_LABELS = {
    **dict(TEXT_FIELDS),
    "goal": "Цель проекта",
    "participants": "Участники регионального проекта",
}


def _text_problem(fields: dict[str, Any]) -> str:
    """Why a typed or pasted text cannot be kept (a workbook cell could not hold it), naming
    the field; "" when every text is fine."""
    for field, value in fields.items():
        for text in value if isinstance(value, list) else [value]:
            if not isinstance(text, str):
                continue
            try:
                check_cell_text(text)
            except TextValueError as error:
                return f"Поле «{FIELD_LABELS.get(field, field)}»: {error.reason}."
    return ""
