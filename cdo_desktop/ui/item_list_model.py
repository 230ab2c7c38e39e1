"""What the tables of one project's items share: a row per item, a column per field.

The people, risks, control points, monitoring rows and budget sources are each such a list.
This base finds a cell by (item key, column key), so a cell keeps its place when the rows are
read again or move; it counts, heads and paints the rows the same way for each table, and shows
a re-read list by repainting the same rows or resetting the table for others.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any, cast

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack

from cdo_desktop.core.changes import Where
from cdo_desktop.core.history import Section
from cdo_desktop.storage.editing import ProjectEditor
from cdo_desktop.ui.grid_model import CellKey, EditableGridModel, Index


class ItemListModel(EditableGridModel):
    """A table of `items`, one a row; a subclass names its columns and what each cell is."""

    titles: Sequence[str]  # the columns' titles, in order
    # What names a column in a cell's key: the item's field, or the column's number.
    column_keys: Sequence[Hashable]
    # The column shown for a change that names none of `column_keys` (a whole row added).
    fallback_column: Hashable
    section: Section  # where the items are kept, for tables that keep them in one section
    numbered_rows = False  # whether the rows are numbered at the left

    def __init__(
        self, items: list[Any], editor: ProjectEditor, undo_stack: QUndoStack, parent: Any = None
    ) -> None:
        super().__init__(undo_stack, parent)
        self.items = items
        self.editor = editor

    def item_key(self, item: Any) -> Hashable:
        """What names an item across re-reads and moves; None for a row holding no item."""
        return cast("Hashable", item.id)

    # ---------------------------------------------------------------- shape

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.titles)

    def column_title(self, column: int) -> str:
        return self.titles[column]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if self.numbered_rows else None
        return self.column_title(section)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_text(index)
        if role == Qt.ItemDataRole.EditRole:
            return self.cell_text(index)
        return self.role_data(index, role)

    def role_data(self, index: Index, role: int) -> Any:
        """What a cell has besides its text: a tooltip, colours, a font, an alignment."""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.display_text(index)  # the whole text of a narrow column
        return None

    # ---------------------------------------------------------------- cells by key

    def cell_key(self, index: Index) -> CellKey:
        return self.item_key(self.items[index.row()]), self.column_keys[index.column()]

    def index_of_key(self, key: CellKey) -> QModelIndex:
        item_key, column_key = key
        if item_key is None:
            return QModelIndex()  # a row holding no item (a group's title) is never written
        for position, item in enumerate(self.items):
            if self.item_key(item) == item_key:
                return self.index(position, self.column_keys.index(column_key))
        return QModelIndex()

    def index_of_where(self, where: Where) -> QModelIndex:
        column = where.field if where.field in self.column_keys else self.fallback_column
        return self.index_of_key((where.item, column))

    def _where(self, item: int | None = None, field: str = "", **place: Any) -> Where:
        return Where(self.editor.project_id, self.section, item, field, **place)

    def change_store(self) -> Any:
        return self.editor.store

    # ---------------------------------------------------------------- re-reading

    def item_count(self) -> int:
        return len(self.items)

    def replace_items(self, items: list[Any]) -> None:
        """Show the items read again: the same rows are repainted (a cell's editor keeps its
        cell), other rows reset the table."""
        if [self.item_key(item) for item in items] == [self.item_key(item) for item in self.items]:
            self.items = items
            self.show_rows_changed()
            return
        self.beginResetModel()
        self.items = items
        self.endResetModel()
        self.after_write()
