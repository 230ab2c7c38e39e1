"""What the editable tables share: typed cells, Russian parsing, undoable batch edits.

A subclass says what each cell is and which core changes a batch of values makes; this base
turns typing, pasting and clearing into one change list each (one undo step), has the store
apply it, and re-reads what the store holds. Bad input is refused whole, naming the cell.
"""

from __future__ import annotations

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
    Signal,
)
from PySide6.QtGui import QUndoStack

from cdo_desktop.core.changes import MISSING, Change, ChangeConflict, Where
from cdo_desktop.core.numbers import (
    NumberFormatError,
    format_number,
    format_number_plain,
    parse_number,
)
from cdo_desktop.core.text import TextValueError, check_cell_text
from cdo_desktop.core.words import counted
from cdo_desktop.storage.faults import NoRightError, ServerError
from cdo_desktop.ui.change_command import push_changes

Index = QModelIndex | QPersistentModelIndex
CellKey = tuple[Hashable, Hashable]  # (row key, column key): stable across row moves


class CellKind(Enum):
    TEXT = auto()  # free text that may not be empty (a name, a number «1.2»)
    OPTIONAL_TEXT = auto()  # free text that may be empty (a unit)
    NUMBER = auto()  # a Decimal or None
    FLAG = auto()  # yes/no, shown as a check box
    CHOICE = auto()  # one of a few words (a direction: «рост», «снижение»), a combo box
    YEAR = auto()  # a year (a base year) or None
    READ_ONLY = auto()  # computed: totals


# A year typed by hand: anything outside is a slip of the finger, not a base year.
FIRST_YEAR, LAST_YEAR = 1990, 2100


_YES = {"да", "1", "+", "true", "истина", "x", "х", "✓", "v"}
_NO = {"нет", "0", "", "false", "ложь", "-", "–", "—"}


class CellError(ValueError):
    """A value that cannot go into a cell; the message is Russian and names the cell."""


class ConflictError(Exception):
    """Cells changed in the database by someone else since this window showed them.

    `cells` are (index, what this window showed, what is stored now); nothing was written.
    `changes` are the core changes that were refused (written anyway if the user says so).
    """

    def __init__(
        self, cells: list[tuple[QModelIndex, Any, Any]], changes: list[Change], description: str
    ) -> None:
        super().__init__("conflict")
        self.cells = cells
        self.changes = changes
        self.description = description


class UnsavedEdit(ConflictError):
    """The server could not take these changes (connection lost, too slow): nothing was
    written; the view offers to write them again (ui/unsaved_edit.py)."""

    def __init__(
        self, changes: list[Change], description: str, reason: str, retry_helps: bool = True
    ) -> None:
        super().__init__([], changes, description)
        self.reason = reason
        self.retry_helps = retry_helps


@dataclass(frozen=True)
class CellChange:
    key: CellKey
    old: Any
    new: Any


class EditableGridModel(QAbstractTableModel):
    """Base of the plan/fact and financing models and of the item lists (ui/item_list_model.py)."""

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
        # How a row is added, removed or moved: the panel offers to write it again when the
        # server did not take it (a model opens no dialogs). Without it, pushed as it is.
        self.row_writer: Callable[[list[Change], str], bool] | None = None

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

    def cell_changes(self, cells: list[CellChange]) -> list[Change]:
        """The core changes that set these cells from what was shown to their new values."""
        raise NotImplementedError

    def index_of_where(self, where: Where) -> QModelIndex:
        """The cell (or the row's first cell) a change is aimed at; invalid if not shown."""
        raise NotImplementedError

    def change_store(self) -> Any:
        """The store every change goes to."""
        raise NotImplementedError

    def reload(self) -> None:
        """Read again from the store what the table shows (rows keep their ids)."""
        raise NotImplementedError

    def cell_choices(self, index: Index) -> dict[str, Any]:
        """For a CHOICE cell: the words offered and the values they stand for."""
        return {}

    def hideable_columns(self) -> list[tuple[int, str, str]]:
        """(column, key to remember it by, title) of the columns a user may hide."""
        return []

    def columns_hidden_by_default(self) -> set[str]:
        """Keys of the hideable columns hidden until the user shows them."""
        return set()

    def cell_suggestions(self, index: Index) -> list[str]:
        """Words offered for a text cell (its editor is a combo box that takes any text)."""
        return []

    def cell_takes_several(self, index: Index) -> bool:
        """Whether the words offered are picked several at once («ФП, РП»)."""
        return False

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
        if kind is CellKind.CHOICE:
            return self.choice_word(index, value)
        if isinstance(value, Decimal) or (
            value is None and kind in (CellKind.NUMBER, CellKind.READ_ONLY)
        ):
            return format_number_plain(value)
        return "" if value is None else str(value)

    def choice_word(self, index: Index, value: Any) -> str:
        return next((w for w, v in self.cell_choices(index).items() if v == value), str(value))

    def display_text(self, index: Index) -> str:
        value = self.cell_value(index)
        if self.cell_kind(index) is CellKind.CHOICE:
            return self.choice_word(index, value)
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
        if kind is CellKind.CHOICE:
            choices = self.cell_choices(index)
            by_word = {word.casefold(): value for word, value in choices.items()}
            chosen = by_word.get(shown.casefold())
            if chosen is None:
                expected = " или ".join(f"«{word}»" for word in choices)
                raise CellError(f"{self.cell_name(index)}: «{shown}» — ожидалось {expected}")
            return chosen
        if kind is CellKind.YEAR:
            if shown in ("", "-", "–", "—"):  # a dash is «no value», as in number cells
                return None
            if not shown.isdigit() or not FIRST_YEAR <= int(shown) <= LAST_YEAR:
                raise CellError(
                    f"{self.cell_name(index)}: «{shown}» — ожидался год "
                    f"от {FIRST_YEAR} до {LAST_YEAR}"
                )
            return int(shown)
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

    def apply(
        self,
        values: Sequence[tuple[Index, Any]],
        description: str,
        more: Sequence[Change] = (),
    ) -> bool:
        """Store parsed values (and `more` changes, rows added) as one undo step; unchanged
        cells are left out.

        Raises ConflictError, writing nothing, when another copy of the program changed one of
        the cells since it was shown.
        """
        cells = [
            CellChange(self.cell_key(index), self.cell_value(index), value)
            for index, value in values
            # 6 typed over 6,0 is a change too: the digits shown are part of the value.
            if _differ(self.cell_value(index), value)
        ]
        if not cells and not more:
            return True
        changes = (self.cell_changes(cells) if cells else []) + list(more)
        try:
            push_changes(self, self.undo_stack, changes, description, ask=False)
        except ChangeConflict as conflict:
            raise self.conflict_error(conflict, changes, description) from None
        except ServerError as error:
            retry_helps = not isinstance(error, NoRightError)
            raise UnsavedEdit(changes, description, str(error), retry_helps) from None
        return True

    def conflict_error(
        self, conflict: ChangeConflict, changes: list[Change], description: str
    ) -> ConflictError:
        stored = conflict.stored
        if not (stored is MISSING or isinstance(stored, Decimal | str | bool | int | None)):
            stored = "строка изменена"  # a whole row that someone changed
        index = self.index_of_where(conflict.where)
        return ConflictError([(index, conflict.expected, stored)], changes, description)

    def overwrite(self, conflict: ConflictError) -> None:
        """The user chose their own values over the stored ones: write them anyway."""
        store = self.change_store()
        changes = store.forced(conflict.changes)
        push_changes(self, self.undo_stack, changes, conflict.description, ask=False)

    def resolve(self, conflict: ChangeConflict) -> bool:
        """An undo, a redo or a row's deletion met another copy's change: the view asks."""
        if self.conflict_resolver is None:
            return False
        return self.conflict_resolver(self.conflict_error(conflict, [], ""))

    def reload_after(self, changes: Sequence[Change]) -> None:
        self.reload()

    def after_refusal(self) -> None:
        # The window reloads the project (it may be gone altogether).
        self.stale_data_found.emit()

    def show_rows_changed(self) -> None:
        """After a re-read with the same rows: repaint every cell, computed ones included."""
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )
        self.after_write()

    def after_write(self) -> None:
        """Hook for computed cells (totals); emits `cells_written`."""
        self.cells_written.emit()

    # ---------------------------------------------------------------- blocks: paste and clear

    def rows_missing_for_paste(self, top_left: Index, text: str) -> int:
        """How many rows the table lacks for this block pasted at `top_left` (0: it fits)."""
        return max(0, top_left.row() + len(parse_clipboard(text)) - self.rowCount())

    def paste_too_wide(self, top_left: Index, text: str) -> bool:
        """Columns are never added: a block wider than the rest of the table is refused."""
        rows = parse_clipboard(text)
        return bool(rows) and top_left.column() + max(map(len, rows)) > self.columnCount()

    def paste_text(self, top_left: Index, text: str, add_rows: bool = False) -> bool:
        """Paste tab-separated text from Excel at `top_left`; one bad cell refuses it all.

        With `add_rows` the rows a longer block needs are added (filled) in the same undo step.
        """
        self.last_error = ""
        rows = parse_clipboard(text)
        if not rows:
            return True
        width = max(len(r) for r in rows)
        missing = self.rows_missing_for_paste(top_left, text)
        try:
            too_wide = self.paste_too_wide(top_left, text)
            if too_wide or (missing and not add_rows):
                rows_needed = counted(missing, "строку", "строки", "строк")
                need = f"; нужно добавить {rows_needed}" if missing and not too_wide else ""
                raise CellError(
                    "вставляемый блок не помещается в таблицу: в нём "
                    f"{counted(len(rows), 'строка', 'строки', 'строк')} × "
                    f"{counted(width, 'столбец', 'столбца', 'столбцов')}{need}"
                )
            values: list[tuple[Index, Any]] = []
            new_rows: list[list[tuple[int, Any]]] = []
            for row_offset, cells in enumerate(rows):
                row = top_left.row() + row_offset
                parsed = []
                for column_offset, cell in enumerate(cells):
                    column = top_left.column() + column_offset
                    # A row still to be added has no index of its own: its place is enough.
                    index = self.createIndex(row, column)
                    parsed.append((column, self.parse(index, cell)))
                if row < self.rowCount():
                    values.extend((self.index(row, column), value) for column, value in parsed)
                else:
                    new_rows.append(parsed)
            added = self.added_rows_changes(new_rows) if new_rows else []
        except CellError as error:
            self.last_error = str(error)
            return False
        return self.apply(values, "вставку", added)

    def can_add_rows(self) -> bool:
        """Whether a paste longer than the table may add rows (see `added_rows_changes`)."""
        return False

    def added_rows_changes(self, rows: list[list[tuple[int, Any]]]) -> list[Change]:
        """The changes that add rows at the end holding these parsed (column, value) cells."""
        raise NotImplementedError

    def clear(self, indexes: Sequence[Index]) -> bool:
        """Empty the selected number cells (Delete); names and totals are left alone."""
        values = [
            (index, None)
            for index in indexes
            if index.isValid() and self.cell_kind(index) in (CellKind.NUMBER, CellKind.YEAR)
        ]
        if not values:
            return False
        return self.apply(values, "очистку ячеек")

    # ---------------------------------------------------------------- whole rows (items)
    # An item is what a user adds, deletes and moves: an indicator, a financing line, a person.
    # Subclasses say which core change does it; the store applies it, the table re-reads.

    def item_count(self) -> int:
        raise NotImplementedError

    def insert_change(self, position: int, item: Any) -> Change:
        raise NotImplementedError

    def remove_change(self, position: int) -> Change:
        raise NotImplementedError

    def move_change(self, source: int, target: int) -> Change:
        raise NotImplementedError

    def add_item(self, position: int, item: Any, description: str) -> bool:
        return self.write_rows([self.insert_change(position, item)], description)

    def delete_items(self, positions: Sequence[int]) -> bool:
        if not positions:
            return False
        changes = [self.remove_change(p) for p in sorted(positions, reverse=True)]
        text = "удаление строк" if len(positions) > 1 else "удаление строки"
        return self.write_rows(changes, text)

    def move_item(self, position: int, delta: int) -> bool:
        target = position + delta
        if not (0 <= position < self.item_count() and 0 <= target < self.item_count()):
            return False
        return self.write_rows([self.move_change(position, target)], "перемещение строки")

    def write_rows(self, changes: list[Change], description: str) -> bool:
        """Push a row's changes as one undo step; False when nothing was written."""
        if self.row_writer is not None:
            return self.row_writer(changes, description)
        return push_changes(self, self.undo_stack, changes, description)

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


class YearGridModel(EditableGridModel):
    """A grid whose value columns follow the project's years."""

    years: range

    def set_years(self, years: range) -> None:
        """The project's years changed: the year columns follow."""
        self.beginResetModel()
        self.years = years
        self.endResetModel()
