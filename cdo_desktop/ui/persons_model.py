"""The people responsible for a project; curator and leader first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QUndoStack

from cdo_desktop.core.model import ROLE_ORDER, Person, Role
from cdo_desktop.storage.editing import ProjectEditor
from cdo_desktop.ui.grid_model import CellKey, CellKind, EditableGridModel, Index

ROLE, NAME, POSITION, CONTACTS = range(4)
FIELDS = ["role", "name", "position", "contacts"]
TITLES = ["Роль", "ФИО", "Должность", "Контакты"]


def role_rank(role: str) -> int:
    try:
        return ROLE_ORDER[Role(role)]
    except ValueError:
        return len(ROLE_ORDER)


class PersonsTableModel(EditableGridModel):
    def __init__(
        self,
        persons: list[Person],
        editor: ProjectEditor,
        undo_stack: QUndoStack,
        parent: Any = None,
    ) -> None:
        super().__init__(undo_stack, parent)
        # Curator and leader first, as passports list them; the rest in their stored order.
        self.persons = sorted(persons, key=lambda person: role_rank(person.role))
        self.editor = editor

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.persons)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIELDS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return TITLES[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)

    def cell_kind(self, index: Index) -> CellKind:
        return CellKind.TEXT if index.column() in (ROLE, NAME) else CellKind.OPTIONAL_TEXT

    def cell_value(self, index: Index) -> Any:
        return getattr(self.persons[index.row()], FIELDS[index.column()])

    def cell_key(self, index: Index) -> CellKey:
        return self.persons[index.row()].id, FIELDS[index.column()]

    def index_of_key(self, key: CellKey) -> QModelIndex:
        person_id, field = key
        for position, person in enumerate(self.persons):
            if person.id == person_id:
                return self.index(position, FIELDS.index(str(field)))
        return QModelIndex()

    def cell_name(self, index: Index) -> str:
        return f"строка {index.row() + 1}, «{TITLES[index.column()]}»"

    def transaction(self) -> Any:
        return self.editor.database.atomic()

    def stored_value(self, key: CellKey) -> Any:
        person_id, field = key
        return self.editor.stored_person_field(int(person_id), str(field))  # type: ignore[arg-type]

    def replace_persons(self, persons: list[Person]) -> None:
        self.beginResetModel()
        self.persons = sorted(persons, key=lambda person: role_rank(person.role))
        self.endResetModel()

    def store_cells(self, values: list[tuple[CellKey, Any]]) -> None:
        for (person_id, field), value in values:
            self.editor.update_person(int(person_id), **{str(field): value})  # type: ignore[call-overload]
            person = next(p for p in self.persons if p.id == person_id)
            setattr(person, str(field), value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.display_text(index)
        if role == Qt.ItemDataRole.EditRole:
            return self.cell_text(index)
        if role == Qt.ItemDataRole.FontRole and role_rank(self.persons[index.row()].role) < 2:
            font = QFont()
            font.setBold(index.column() == NAME)
            return font
        return None

    # ---------------------------------------------------------------- people as items

    def item_count(self) -> int:
        return len(self.persons)

    def _insert_item(self, position: int, person: Person) -> None:
        person.id = self.editor.insert_person(position, person)
        self.beginInsertRows(QModelIndex(), position, position)
        self.persons.insert(position, person)
        self.endInsertRows()
        self.after_write()

    def _remove_item(self, position: int) -> Person:
        person = self.persons[position]
        assert person.id is not None
        self.editor.delete_person(person.id)
        self.beginRemoveRows(QModelIndex(), position, position)
        del self.persons[position]
        self.endRemoveRows()
        self.after_write()
        return person

    def _move_item(self, source: int, target: int) -> None:
        destination = target + 1 if target > source else target
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination)
        self.persons.insert(target, self.persons.pop(source))
        self.endMoveRows()
        self.editor.reorder_persons([p.id for p in self.persons if p.id is not None])
        self.after_write()
