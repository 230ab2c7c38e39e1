"""The «Ответственные» tab: who is responsible for the project, with roles offered from a list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from cdo_desktop.core.model import Person, Role
from cdo_desktop.ui.grid_view import ChoiceDelegate
from cdo_desktop.ui.persons_model import (
    CONTACTS,
    NAME,
    POSITION,
    ROLE,
    SUPERVISOR,
    PersonsTableModel,
)
from cdo_desktop.ui.table_panel import TablePanel


def _roles() -> list[str]:
    """The passport's roles to choose from; another role may still be typed in."""
    return [role.value for role in Role]


class PersonsPanel(TablePanel):
    model: PersonsTableModel

    def __init__(self, model: PersonsTableModel, parent: QWidget | None = None) -> None:
        super().__init__(
            model,
            "persons",
            "ответственного",
            hint="Куратор и руководитель показаны первыми.",
            parent=parent,
        )
        self.role_delegate = ChoiceDelegate(_roles, True, self.view)
        self.role_delegate.edit_refused.connect(self.view.report_refused)
        self.role_delegate.conflict_found.connect(
            self.view.resolve_conflict, Qt.ConnectionType.QueuedConnection
        )
        self.view.setItemDelegateForColumn(ROLE, self.role_delegate)
        self.set_column_widths(
            {ROLE: 150, NAME: 220, POSITION: 360, CONTACTS: 160, SUPERVISOR: 220},
            stretch_last=True,
        )

    def add_item(self) -> None:
        person = self.new_item()
        position, row = self.model.place_for(person.role)
        if not self.model.add_item(position, person, "добавление строки"):
            return  # not written (told): no row of someone else's to type into
        self.view.edit(self.select_row(row, NAME))

    def new_item(self) -> Person:
        return Person(role=Role.RESPONSIBLE.value, name="Новый ответственный")

    def item_title(self, position: int) -> str:
        person = self.model.persons[position]
        return f"{person.role}: {person.name}"
