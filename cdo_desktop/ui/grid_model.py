"""What the editable tables share: typed cells, Russian parsing, undoable batch edits.

A subclass says what each cell is and how to store a batch of values; this base turns typing,
pasting and clearing into one undo step each, and refuses bad input whole, naming the cell.
"""

from __future__ import annotations

import copy
import csv
import io
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, auto
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QUndoCommand, QUndoStack

from cdo_desktop.core.numbers import (
    NumberFormatError,
    format_number,
    format_number_plain,
    parse_number,
)
from cdo_desktop.core.text import TextValueError, check_cell_text

Index = QModelIndex | QPersistentModelIndex
CellKey = tuple[Hashable, Hashable]  # (row key, column key): stable across row moves


class CellKind(Enum):
    TEXT = auto()  # free text that may not be empty (a name, a number «1.2»)
    OPTIONAL_TEXT = auto()  # free text that may be empty (a unit)
    NUMBER = auto()  # a Decimal or None
    FLAG = auto()  # yes/no, shown as a check box
    READ_ONLY = auto()  # computed: totals


_YES = {"да", "1", "+", "true", "истина", "x", "х", "✓", "v"}
_NO = {"нет", "0", "", "false", "ложь", "-", "–", "—"}


class CellError(ValueError):
    """A value that cannot go into a cell; the message is Russian and names the cell."""


class ConflictError(Exception):
    """Cells changed in the database by someone else since this window showed them.

    `cells` are (index, what this window showed, what is stored now); nothing was written.
    """

    def __init__(
        self, cells: list[tuple[QModelIndex, Any, Any]], changes: list[CellChange], description: str
    ) -> None:
        super().__init__("conflict")
        self.cells = cells
        self.changes = changes
        self.description = description


@dataclass(frozen=True)
class CellChange:
    key: CellKey
    old: Any
    new: Any


class EditableGridModel(QAbstractTableModel):
    """Base of the plan/fact and financing models."""

    cells_written = Signal()  # after any write, so charts and totals follow
    stale_data_found = Signal()  # someone else changed the data: the window reloads it

    def __init__(self, undo_stack: QUndoStack, parent: Any = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.last_error = ""
        self.last_conflict: ConflictError | None = None
        # Asks the user whose values to keep when an undo or redo finds cells changed by another
        # copy of the program (True: write ours). The view sets it; a model opens no dialogs.
        # Without it their values are kept.
        self.conflict_resolver: Callable[[ConflictError], bool] | None = None

    # ---------------------------------------------------------------- what subclasses provide

    def cell_kind(self, index: Index) -> CellKind:
        raise NotImplementedError

    def cell_value(self, index: Index) -> Any:
        raise NotImplementedError

    def cell_key(self, index: Index) -> CellKey:
        raise NotImplementedError

    def index_of_key(self, key: CellKey) -> QModelIndex:
        raise NotImplementedError

    def cell_name(self, index: Index) -> str:
        """Where a cell is, in words: «строка 2, 2020 факт»."""
        raise NotImplementedError

    def store_cells(self, values: list[tuple[CellKey, Any]]) -> None:
        """Write the values to the database and the rows in memory (no signals needed)."""
        raise NotImplementedError

    def stored_value(self, key: CellKey) -> Any:
        """What the database holds now for a cell (MISSING when its row was deleted)."""
        raise NotImplementedError

    def transaction(self) -> Any:
        """The database transaction in which a conflict check and its write happen together."""
        raise NotImplementedError

    def history_key(self, index: Index) -> tuple[Any, str, int | None, str] | None:
        """(history section, row number, year, field) of a cell with a history; None if none."""
        return None

    # ---------------------------------------------------------------- reading and parsing

    def cell_text(self, index: Index) -> str:
        """The cell as the clipboard and the editor have it: `37955,2`, `да`, names as they are."""
        value = self.cell_value(index)
        kind = self.cell_kind(index)
        if kind is CellKind.FLAG:
            return "да" if value else "нет"
        if isinstance(value, Decimal) or (
            value is None and kind in (CellKind.NUMBER, CellKind.READ_ONLY)
        ):
            return format_number_plain(value)
        return "" if value is None else str(value)

    def display_text(self, index: Index) -> str:
        value = self.cell_value(index)
        if isinstance(value, Decimal) or (
            value is None and self.cell_kind(index) in (CellKind.NUMBER, CellKind.READ_ONLY)
        ):
            return format_number(value)
        return "" if value is None or isinstance(value, bool) else str(value)

    def parse(self, index: Index, text: str) -> Any:
        kind = self.cell_kind(index)
        shown = text.strip()
        if kind is CellKind.NUMBER:
            try:
                return parse_number(text)
            except NumberFormatError as error:
                raise CellError(f"{self.cell_name(index)}: «{shown}» — {error.reason}") from None
        if kind is CellKind.FLAG:
            folded = shown.casefold()
            if folded in _YES:
                return True
            if folded in _NO:
                return False
            raise CellError(f"{self.cell_name(index)}: «{shown}» — ожидалось «да» или «нет»")
        if kind in (CellKind.TEXT, CellKind.OPTIONAL_TEXT):
            try:
                check_cell_text(shown)
            except TextValueError as error:
                raise CellError(f"{self.cell_name(index)}: {error.reason}") from None
        if kind is CellKind.TEXT:
            if not shown:
                raise CellError(f"{self.cell_name(index)}: значение не может быть пустым")
            return shown
        if kind is CellKind.OPTIONAL_TEXT:
            return shown
        raise CellError(f"{self.cell_name(index)}: значение вычисляется и не редактируется")

    # ---------------------------------------------------------------- Qt model plumbing

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        kind = self.cell_kind(index)
        if kind is CellKind.FLAG:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif kind is not CellKind.READ_ONLY:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Parse and store one cell as one undo step; False (and `last_error`) on bad input."""
        if not index.isValid():
            return False
        self.last_error = ""
        self.last_conflict = None
        if role == Qt.ItemDataRole.CheckStateRole and self.cell_kind(index) is CellKind.FLAG:
            parsed: Any = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole:
            try:
                parsed = self.parse(index, str(value))
            except CellError as error:
                self.last_error = str(error)
                return False
        else:
            return False
        try:
            return self.apply([(index, parsed)], "изменение ячейки")
        except ConflictError as conflict:
            # Qt calls setData: the view asks the user what to do (a model opens no dialogs).
            self.last_conflict = conflict
            return False

    def apply(self, values: Sequence[tuple[Index, Any]], description: str) -> bool:
        """Store parsed values as one undo step; unchanged cells are left out.

        Raises ConflictError, writing nothing, when another copy of the program changed one of
        the cells since it was shown.
        """
        changes = [
            CellChange(self.cell_key(index), self.cell_value(index), value)
            for index, value in values
            # 6 typed over 6,0 is a change too: the digits shown are part of the value.
            if _differ(self.cell_value(index), value)
        ]
        if not changes:
            return True
        self.write(
            [(change.key, change.new) for change in changes],
            expected=[change.old for change in changes],
            description=description,
        )
        self.undo_stack.push(SetCellsCommand(self, changes, description))
        return True

    def overwrite(self, conflict: ConflictError) -> None:
        """The user chose their own values over the stored ones: write them anyway."""
        self.write([(change.key, change.new) for change in conflict.changes])
        self.undo_stack.push(SetCellsCommand(self, conflict.changes, conflict.description))

    def write(
        self,
        values: list[tuple[CellKey, Any]],
        expected: list[Any] | None = None,
        description: str = "",
    ) -> None:
        """Write values; with `expected`, first check the database still holds those."""
        with self.transaction():
            if expected is not None:
                stale = []
                for (key, _new), shown in zip(values, expected, strict=True):
                    stored = self.stored_value(key)
                    if _differ(stored, shown):
                        stale.append((self.index_of_key(key), shown, stored))
                if stale:
                    changes = [
                        CellChange(key, old, new)
                        for (key, new), old in zip(values, expected, strict=True)
                    ]
                    raise ConflictError(stale, changes, description)
            self.store_cells(values)
        for key, _ in values:
            index = self.index_of_key(key)
            if index.isValid():
                self.dataChanged.emit(index, index)
        self.after_write()

    def after_write(self) -> None:
        """Hook for computed cells (totals); emits `cells_written`."""
        self.cells_written.emit()

    # ---------------------------------------------------------------- blocks: paste and clear

    def paste_text(self, top_left: Index, text: str) -> bool:
        """Paste tab-separated text from Excel at `top_left`; one bad cell refuses it all."""
        self.last_error = ""
        rows = parse_clipboard(text)
        if not rows:
            return True
        values = []
        try:
            for row_offset, cells in enumerate(rows):
                for column_offset, cell in enumerate(cells):
                    index = self.index(
                        top_left.row() + row_offset, top_left.column() + column_offset
                    )
                    if not index.isValid():
                        raise CellError(
                            "вставляемый блок не помещается в таблицу: в нём "
                            f"{len(rows)} строк × {max(len(r) for r in rows)} столбцов"
                        )
                    values.append((index, self.parse(index, cell)))
        except CellError as error:
            self.last_error = str(error)
            return False
        return self.apply(values, "вставку")

    def clear(self, indexes: Sequence[Index]) -> bool:
        """Empty the selected number cells (Delete); names and totals are left alone."""
        values = [
            (index, None)
            for index in indexes
            if index.isValid() and self.cell_kind(index) is CellKind.NUMBER
        ]
        if not values:
            return False
        return self.apply(values, "очистку ячеек")

    # ---------------------------------------------------------------- whole rows (items)
    # An item is what a user adds, deletes and moves: an indicator, a financing line, a person.
    # Subclasses store them with `_insert_item`, `_remove_item` and `_move_item`.

    def item_count(self) -> int:
        raise NotImplementedError

    def _insert_item(self, position: int, item: Any) -> None:
        raise NotImplementedError

    def _remove_item(self, position: int) -> Any:
        raise NotImplementedError

    def _move_item(self, source: int, target: int) -> None:
        raise NotImplementedError

    def add_item(self, position: int, item: Any, description: str) -> None:
        self.undo_stack.push(InsertItemCommand(self, position, item, description))

    def delete_items(self, positions: Sequence[int]) -> None:
        if not positions:
            return
        self.undo_stack.beginMacro("удаление строк" if len(positions) > 1 else "удаление строки")
        for position in sorted(positions, reverse=True):
            self.undo_stack.push(DeleteItemCommand(self, position))
        self.undo_stack.endMacro()

    def move_item(self, position: int, delta: int) -> bool:
        target = position + delta
        if not (0 <= position < self.item_count() and 0 <= target < self.item_count()):
            return False
        self.undo_stack.push(MoveItemCommand(self, position, target))
        return True

    def copy_text(self, indexes: Sequence[Index]) -> str:
        """The selected block as tab-separated text that pastes into Excel."""
        if not indexes:
            return ""
        rows = sorted({index.row() for index in indexes})
        columns = sorted({index.column() for index in indexes})
        selected = {(index.row(), index.column()) for index in indexes}
        lines = []
        for row in rows:
            cells = []
            for column in columns:
                text = self.cell_text(self.index(row, column)) if (row, column) in selected else ""
                cells.append(text.replace("\t", " ").replace("\r", " ").replace("\n", " "))
            lines.append("\t".join(cells))
        return "\n".join(lines) + "\n"


def _differ(a: Any, b: Any) -> bool:
    return a != b or str(a) != str(b)


def parse_clipboard(text: str) -> list[list[str]]:
    """Excel's clipboard text: tabs between cells, a line per row, quotes around cells that hold
    line breaks or quotes; a final line break does not make an extra row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')]


class SetCellsCommand(QUndoCommand):
    """Cells set to new values; undo puts the old ones back. Keys, not indexes: rows may move.

    Undo and redo first check that the cells still hold what this step left there: another
    copy of the program may have changed them since, and its values are not overwritten
    unless the user says so.
    """

    def __init__(self, model: EditableGridModel, changes: list[CellChange], text: str) -> None:
        super().__init__(text)
        self.model = model
        self.changes = changes
        self._first_redo = True  # the model has already written the values before pushing

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        self._write([(change.key, change.new) for change in self.changes], "old")

    def undo(self) -> None:
        self._write([(change.key, change.old) for change in self.changes], "new")

    def _write(self, values: list[tuple[CellKey, Any]], expected_side: str) -> None:
        expected = [getattr(change, expected_side) for change in self.changes]
        try:
            self.model.write(values, expected=expected, description=self.text())
        except ConflictError as conflict:
            resolver = self.model.conflict_resolver
            if resolver is not None and resolver(conflict):
                self.model.write(values)
            else:
                # After this command returns: the refresh may reload the project and clear the
                # undo stack, which must not happen to a command while it runs.
                QTimer.singleShot(0, self.model.stale_data_found.emit)


class YearGridModel(EditableGridModel):
    """A grid whose value columns follow the project's years."""

    years: range

    def set_years(self, years: range) -> None:
        """The project's years changed: the year columns follow."""
        self.beginResetModel()
        self.years = years
        self.endResetModel()


class InsertItemCommand(QUndoCommand):
    def __init__(self, model: EditableGridModel, position: int, item: Any, text: str) -> None:
        super().__init__(text)
        self.model, self.position, self.item = model, position, item

    def redo(self) -> None:
        self.model._insert_item(self.position, copy.deepcopy(self.item))

    def undo(self) -> None:
        # The removed item keeps its database id, so a redo brings it back under the same one.
        self.item = copy.deepcopy(self.model._remove_item(self.position))


class DeleteItemCommand(QUndoCommand):
    def __init__(self, model: EditableGridModel, position: int) -> None:
        super().__init__("удаление строки")
        self.model, self.position = model, position
        self.item: Any = None

    def redo(self) -> None:
        # A copy keeps every value to bring back, and the id, so older undo steps still apply.
        self.item = copy.deepcopy(self.model._remove_item(self.position))

    def undo(self) -> None:
        self.model._insert_item(self.position, copy.deepcopy(self.item))


class MoveItemCommand(QUndoCommand):
    def __init__(self, model: EditableGridModel, source: int, target: int) -> None:
        super().__init__("перемещение строки")
        self.model, self.source, self.target = model, source, target

    def redo(self) -> None:
        self.model._move_item(self.source, self.target)

    def undo(self) -> None:
        self.model._move_item(self.target, self.source)
