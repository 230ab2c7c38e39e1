"""The «Ответственные» tab: who is responsible for the project, with roles offered from a list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QHeaderView, QStyleOptionViewItem, QWidget

from cdo_desktop.core.model import Person, Role
from cdo_desktop.ui.grid_view import GridDelegate
from cdo_desktop.ui.persons_model import (
    CONTACTS,
    NAME,
    POSITION,
    ROLE,
    SUPERVISOR,
    PersonsTableModel,
)
from cdo_desktop.ui.table_panel import TablePanel


class RoleDelegate(GridDelegate):
    """The passport's roles to choose from; another role may still be typed in."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QComboBox(parent)
        editor.setEditable(True)
        editor.addItems([role.value for role in Role])
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data() or ""))

    def setModelData(self, editor, model, index) -> None:  # type: ignore[no-untyped-def]
        if isinstance(editor, QComboBox) and not model.setData(index, editor.currentText()):
            # Another copy's change, or the server did not take it: the view asks, as in any
            # table (write again, or whose values to keep).
            if getattr(model, "last_conflict", None) is not None:
                self.conflict_found.emit(model.last_conflict)
                return
            self.edit_refused.emit(QModelIndex(index), model.last_error or "значение не принято")


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
        self.role_delegate = RoleDelegate(self.view)
        self.role_delegate.edit_refused.connect(self.view.report_refused)
        self.role_delegate.conflict_found.connect(
            self.view.resolve_conflict, Qt.ConnectionType.QueuedConnection
        )
        self.view.setItemDelegateForColumn(ROLE, self.role_delegate)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.setColumnWidth(ROLE, 150)
        self.view.setColumnWidth(NAME, 220)
        self.view.setColumnWidth(POSITION, 360)
        self.view.setColumnWidth(CONTACTS, 160)
        self.view.setColumnWidth(SUPERVISOR, 220)

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
