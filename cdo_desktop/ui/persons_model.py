"""The people responsible for a project; curator and leader first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QUndoStack

from cdo_desktop.core.changes import AddItem, Change, MoveItem, RemoveItem, SetValue
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import ROLE_ORDER, Person, Role
from cdo_desktop.storage.editing import ProjectEditor
from cdo_desktop.ui.grid_model import CellChange, CellError, CellKind, Index
from cdo_desktop.ui.item_list_model import ItemListModel

ROLE, NAME, POSITION, CONTACTS, SUPERVISOR, SHARE = range(6)
FIELDS = ["role", "name", "position", "contacts", "supervisor", "share"]
TITLES = ["Роль", "ФИО", "Должность", "Контакты", "Непосредственный руководитель", "Занятость, %"]


def role_rank(role: str) -> int:
    try:
        return ROLE_ORDER[Role(role)]
    except ValueError:
        return len(ROLE_ORDER)


class PersonsTableModel(ItemListModel):
    titles = TITLES
    column_keys = FIELDS
    fallback_column = "name"
    section = Section.PERSONS
    numbered_rows = True

    def __init__(
        self,
        persons: list[Person],
        editor: ProjectEditor,
        undo_stack: QUndoStack,
        parent: Any = None,
    ) -> None:
        # Curator and leader first, as passports list them; the rest in their stored order.
        ordered = sorted(persons, key=lambda person: role_rank(person.role))
        super().__init__(ordered, editor, undo_stack, parent)
        # Positions in changes are the stored order, which the sorted rows above do not show.
        self.stored_ids = [person.id for person in persons]

    @property
    def persons(self) -> list[Person]:
        """The people as the rows show them."""
        return self.items

    def cell_kind(self, index: Index) -> CellKind:
        if index.column() == SHARE:
            return CellKind.NUMBER
        return CellKind.TEXT if index.column() in (ROLE, NAME) else CellKind.OPTIONAL_TEXT

    def parse(self, index: Index, text: str) -> Any:
        value = super().parse(index, text)
        if index.column() == SHARE and value is not None and not 0 <= value <= 100:
            raise CellError(f"{self.cell_name(index)}: занятость — процент от 0 до 100")
        return value

    def cell_value(self, index: Index) -> Any:
        return getattr(self.persons[index.row()], FIELDS[index.column()])

    def cell_name(self, index: Index) -> str:
        return f"строка {index.row() + 1}, «{TITLES[index.column()]}»"

    def cell_changes(self, cells: list[CellChange]) -> list[Change]:
        return [
            SetValue(self._where(int(cell.key[0]), str(cell.key[1])), cell.old, cell.new)  # type: ignore[call-overload]
            for cell in cells
        ]

    def reload(self) -> None:
        persons = self.editor.store.load(self.editor.project_id, with_tables=False).persons
        self.replace_persons(persons)

    def replace_persons(self, persons: list[Person]) -> None:
        ordered = sorted(persons, key=lambda person: role_rank(person.role))
        self.stored_ids = [person.id for person in persons]
        self.replace_items(ordered)

    def role_data(self, index: Index, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and role_rank(self.persons[index.row()].role) < 2:
            font = QFont()
            font.setBold(index.column() == NAME)
            return font
        return super().role_data(index, role)

    # ---------------------------------------------------------------- people as items

    def place_for(self, role: str) -> tuple[int, int]:
        """(stored position, shown row) of a new person of this role: after the last person
        whose role ranks the same or higher, so never between the curator and the leader."""
        rank = role_rank(role)
        above = [row for row, person in enumerate(self.persons) if role_rank(person.role) <= rank]
        if not above:
            return 0, 0
        last = self.persons[above[-1]]
        return self.stored_ids.index(last.id) + 1, above[-1] + 1

    def insert_change(self, position: int, person: Person) -> Change:
        return AddItem(self._where(), person, position)

    def remove_change(self, position: int) -> Change:
        person = self.persons[position]
        stored = self.stored_ids.index(person.id)
        return RemoveItem(self._where(person.id), person, stored)

    def move_change(self, source: int, target: int) -> Change:
        # Shown rows are sorted by role: the person takes the stored place of the shown neighbour.
        moved, neighbour = self.persons[source], self.persons[target]
        stored = self.stored_ids.index
        return MoveItem(self._where(moved.id), stored(moved.id), stored(neighbour.id))
