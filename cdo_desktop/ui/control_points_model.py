"""The control points of a project's results as one table: a group row per result, its points
under it, overdue first; filtered by status. Edited as the other tables are (core changes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QUndoStack

from cdo_desktop.core.changes import AddItem, Change, ChangeConflict, RemoveItem, SetValue
from cdo_desktop.core.control_points import (
    POINT_STATUS_WORDS,
    STATUS_ORDER,
    DateTextError,
    PointStatus,
    date_text,
    parse_date,
    parse_optional_date,
    point_status,
)
from cdo_desktop.core.diff_points import field_value
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import POINT_KIND_WORDS, ControlPoint, PlanFactRow, PointKind
from cdo_desktop.storage.points_reading import read_results_points
from cdo_desktop.ui.grid_model import CellChange, CellError, CellKind, ConflictError, Index
from cdo_desktop.ui.item_list_model import ItemListModel

COLUMNS = [
    ("number", "№"),
    ("name", "Наименование"),
    ("kind", "Вид"),
    ("due", "Плановый срок"),
    ("done", "Фактический срок"),
    ("status", "Статус"),
    ("responsible", "Ответственный"),
    ("document", "Документ"),
    ("control_level", "Уровень контроля"),
]
FIELDS = [field for field, _ in COLUMNS]
TITLES = [title for _, title in COLUMNS]
NUMBER, NAME, KIND, DUE, DONE, STATUS, RESPONSIBLE, DOCUMENT, LEVEL = range(len(COLUMNS))
KIND_WORDS = list(POINT_KIND_WORDS.values())
_KIND_OF_WORD = {word: kind for kind, word in POINT_KIND_WORDS.items()}
_OVERDUE = QColor("#b00020")
_GROUP_BACKGROUND = QColor("#e8eef7")


@dataclass(frozen=True)
class Line:
    """A row of the table: a result's group row (`point` None) or one of its points."""

    result: PlanFactRow
    point: ControlPoint | None = None


def _key(line: Line) -> tuple[int | None, int | None]:
    return line.result.id, None if line.point is None else line.point.id


class ControlPointsModel(ItemListModel):
    titles = TITLES
    column_keys = FIELDS
    fallback_column = "name"
    section = Section.CONTROL_POINTS

    def __init__(
        self,
        results: list[PlanFactRow],
        editor: Any,
        undo_stack: QUndoStack,
        parent: Any = None,
        *,
        as_of: date | None = None,
    ) -> None:
        super().__init__([], editor, undo_stack, parent)
        self.results = results
        self.as_of = as_of or date.today()
        self.status_filter: PointStatus | None = None
        self.items = self._lines()

    @property
    def lines(self) -> list[Line]:
        """The rows shown: each result's group row, then its points."""
        return self.items

    def item_key(self, item: Line) -> int | None:
        return None if item.point is None else item.point.id

    # ---------------------------------------------------------------- the rows shown

    def _lines(self) -> list[Line]:
        lines: list[Line] = []
        for result in self.results:
            points = [
                point
                for point in result.control_points
                if self.status_filter is None or self.status(point) is self.status_filter
            ]
            if points or self.status_filter is None:
                lines.append(Line(result))
            points.sort(key=lambda point: STATUS_ORDER[self.status(point)])
            lines += [Line(result, point) for point in points]
        return lines

    def status(self, point: ControlPoint) -> PointStatus:
        return point_status(point, self.as_of)

    def set_filter(self, status: PointStatus | None) -> None:
        self.beginResetModel()
        self.status_filter = status
        self.items = self._lines()
        self.endResetModel()

    def is_group(self, row: int) -> bool:
        return 0 <= row < len(self.lines) and self.lines[row].point is None

    # ---------------------------------------------------------------- cells

    def cell_kind(self, index: Index) -> CellKind:
        column = index.column()
        if self.is_group(index.row()) or column == STATUS:
            return CellKind.READ_ONLY
        if column in (NUMBER, NAME, KIND, DUE):
            return CellKind.TEXT
        return CellKind.OPTIONAL_TEXT

    def cell_value(self, index: Index) -> Any:
        line = self.lines[index.row()]
        if line.point is None:
            return (
                f"Результат {line.result.number}. {line.result.name}" if index.column() == 0 else ""
            )
        if index.column() == STATUS:
            return POINT_STATUS_WORDS[self.status(line.point)]
        return getattr(line.point, FIELDS[index.column()])

    def display_text(self, index: Index) -> str:
        value = self.cell_value(index)
        if isinstance(value, PointKind):
            return POINT_KIND_WORDS[value]
        if index.column() in (DUE, DONE) and not self.is_group(index.row()):
            return date_text(value)
        return "" if value is None else str(value)

    def cell_text(self, index: Index) -> str:
        if index.column() == DONE and self.cell_value(index) is None:
            return ""
        return self.display_text(index)

    def parse(self, index: Index, text: str) -> Any:
        column = index.column()
        if column in (DUE, DONE) and not self.is_group(index.row()):
            try:
                return parse_date(text) if column == DUE else parse_optional_date(text)
            except DateTextError as error:
                raise CellError(f"{self.cell_name(index)}: {error.reason}") from None
        if column == KIND and not self.is_group(index.row()):
            word = " ".join(text.split()).casefold()
            if word not in _KIND_OF_WORD:
                allowed = " или ".join(f"«{word}»" for word in KIND_WORDS)
                raise CellError(f"{self.cell_name(index)}: «{text.strip()}» — ожидалось {allowed}")
            return _KIND_OF_WORD[word]
        return super().parse(index, text)

    def cell_name(self, index: Index) -> str:
        line = self.lines[index.row()]
        number = line.point.number if line.point is not None else line.result.number
        return f"точка {number}, «{TITLES[index.column()]}»"

    def cell_changes(self, cells: list[CellChange]) -> list[Change]:
        changes: list[Change] = []
        for cell in cells:
            point_id, field = cell.key
            line = next(line for line in self.lines if line.point and line.point.id == point_id)
            assert line.point is not None
            old = field_value(line.point, str(field))
            new = cell.new.value if isinstance(cell.new, PointKind) else cell.new
            changes.append(
                SetValue(self._where(line.point.id, str(field), parent=line.result.id), old, new)
            )
        return changes

    def conflict_error(
        self, conflict: ChangeConflict, changes: list[Change], description: str
    ) -> ConflictError:
        """A date someone else stored is told as a date, not as «строка изменена»."""

        def told(value: object) -> object:
            return date_text(value) if isinstance(value, date) else value

        shown = ChangeConflict(
            conflict.where, told(conflict.expected), told(conflict.stored), conflict.place or ""
        )
        return super().conflict_error(shown, changes, description)

    def history_key(self, index: Index) -> tuple[Any, str, int | None, str] | None:
        point = self.lines[index.row()].point
        if point is None or index.column() == STATUS:
            return None
        return Section.CONTROL_POINTS, point.number, None, FIELDS[index.column()]

    def role_data(self, index: Index, role: int) -> Any:
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.FontRole and line.point is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and line.point is None:
            return QBrush(_GROUP_BACKGROUND)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and line.point is not None
            and index.column() in (DUE, STATUS)
            and self.status(line.point) is PointStatus.OVERDUE
        ):
            return QBrush(_OVERDUE)
        return super().role_data(index, role)

    # ---------------------------------------------------------------- re-reading

    def reload(self) -> None:
        store = self.editor.store
        self.replace_results(read_results_points(store.execute, self.editor.project_id))

    def replace_results(self, results: list[PlanFactRow]) -> None:
        before = [_key(line) for line in self.lines]
        self.results = results
        lines = self._lines()
        after = [_key(line) for line in lines]
        if after == before:
            self.items = lines
            self.show_rows_changed()
            return
        if sorted(after, key=str) == sorted(before, key=str):
            # The same rows in another order (a point's status changed): moved, not reset, so
            # the cell editor that wrote the value keeps its cell.
            self.layoutAboutToBeChanged.emit()
            row_of = {key: row for row, key in enumerate(after)}
            held = self.persistentIndexList()
            moved = [self.index(row_of[before[index.row()]], index.column()) for index in held]
            self.items = lines
            self.changePersistentIndexList(held, moved)
            self.layoutChanged.emit()
            self.after_write()
            return
        self.beginResetModel()
        self.items = lines
        self.endResetModel()
        self.after_write()

    def row_of_point(self, point_id: int | None) -> int:
        return next(
            (
                row
                for row, line in enumerate(self.lines)
                if line.point and line.point.id == point_id
            ),
            -1,
        )

    # ---------------------------------------------------------------- points as items

    def insert_change(self, position: int, point: ControlPoint) -> Change:
        """A new point in the result of the row above `position` (the current row)."""
        above = self.lines[max(0, min(position - 1, len(self.lines) - 1))]
        result = above.result
        return AddItem(self._where(parent=result.id), point, len(result.control_points))

    def remove_change(self, position: int) -> Change:
        line = self.lines[position]
        assert line.point is not None
        stored_position = next(
            at for at, point in enumerate(line.result.control_points) if point is line.point
        )
        return RemoveItem(
            self._where(line.point.id, parent=line.result.id), line.point, stored_position
        )

    def move_change(self, source: int, target: int) -> Change:
        raise NotImplementedError  # the table is ordered by status: points are not moved here
