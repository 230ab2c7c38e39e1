"""The financing table model: lines × years in тыс. рублей, with «Итого» and «Всего» computed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QUndoStack

from cdo_desktop.core.changes import AddItem, Change, MoveItem, RemoveItem, SetValue, Where
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import (
    ALL_SOURCES,
    BudgetSource,
    FinancingLine,
    financing_total,
    sum_or_none,
)
from cdo_desktop.core.numbers import tidy_total
from cdo_desktop.core.source_changes import name_problem
from cdo_desktop.storage.editing import ProjectEditor
from cdo_desktop.ui.grid_model import (
    CellChange,
    CellError,
    CellKey,
    CellKind,
    Index,
    YearGridModel,
)

NUMBER, NAME, SOURCE, RESULT = range(4)
FIXED_COLUMNS = 4
FIXED_TITLES = ["№ п/п", "Наименование", "Источник", "Результат"]
LINE_FIELD_OF_COLUMN = {NUMBER: "number", NAME: "name", RESULT: "result_number"}
COMPUTED_BACKGROUND = QColor("#f2f2f2")


@dataclass
class _Row:
    """A visible row: a line, one of its sources (when it has several), or the «Итого»."""

    line: FinancingLine | None
    source: BudgetSource | None


class FinancingTableModel(YearGridModel):
    def __init__(
        self,
        lines: list[FinancingLine],
        years: range,
        editor: ProjectEditor,
        undo_stack: QUndoStack,
        parent: Any = None,
    ) -> None:
        super().__init__(undo_stack, parent)
        self.lines = lines
        self.years = years
        self.editor = editor
        self._rows: list[_Row] = []
        self._layout()

    def _layout(self) -> None:
        self._rows = []
        for line in self.lines:
            self._rows.append(_Row(line, line.sources[0] if len(line.sources) == 1 else None))
            if len(line.sources) > 1:
                self._rows.extend(_Row(line, source) for source in line.sources)
        self._rows.append(_Row(None, None))

    # ---------------------------------------------------------------- shape

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIXED_COLUMNS + len(self.years) + 1

    def total_column(self) -> int:
        return FIXED_COLUMNS + len(self.years)

    def year_of(self, column: int) -> int | None:
        if FIXED_COLUMNS <= column < self.total_column():
            return self.years[column - FIXED_COLUMNS]
        return None

    def column_of_year(self, year: int) -> int:
        return FIXED_COLUMNS + year - self.years.start

    def is_total_row(self, row: int) -> bool:
        return self._rows[row].line is None

    def is_source_row(self, row: int) -> bool:
        visible = self._rows[row]
        return (
            visible.line is not None
            and len(visible.line.sources) > 1
            and (visible.source is not None)
        )

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return ""
        if section < FIXED_COLUMNS:
            return FIXED_TITLES[section]
        if section == self.total_column():
            return "Всего"
        return str(self.year_of(section))

    # ---------------------------------------------------------------- cells

    def cell_kind(self, index: Index) -> CellKind:
        visible = self._rows[index.row()]
        column = index.column()
        if visible.line is None or column == self.total_column():
            return CellKind.READ_ONLY
        if self.is_source_row(index.row()):
            if column == NAME:
                return CellKind.TEXT  # the source's name
            return CellKind.NUMBER if self.year_of(column) is not None else CellKind.READ_ONLY
        if column == SOURCE:
            # A line's one source is named in its own column.
            return CellKind.TEXT if visible.source is not None else CellKind.READ_ONLY
        if column in (NUMBER, NAME):
            return CellKind.TEXT
        if column == RESULT:
            return CellKind.OPTIONAL_TEXT
        # A line with several sources shows its computed total; amounts go on the source rows.
        return CellKind.NUMBER if visible.source is not None else CellKind.READ_ONLY

    def cell_value(self, index: Index) -> Any:
        visible = self._rows[index.row()]
        column = index.column()
        year = self.year_of(column)
        if visible.line is None:
            if column == NAME:
                return "Итого"
            if year is not None:
                return tidy_total(financing_total(self.lines, year))
            if column == self.total_column():
                return tidy_total(sum_or_none(financing_total(self.lines, y) for y in self.years))
            return ""
        line = visible.line
        if self.is_source_row(index.row()):
            assert visible.source is not None
            if column == NAME:
                return visible.source.name
            if year is not None:
                return visible.source.values.get(year)
            if column == self.total_column():
                return tidy_total(sum_or_none(visible.source.values.get(y) for y in self.years))
            return ""
        if column == SOURCE:
            return visible.source.name if visible.source is not None else "по источникам ниже"
        if column in LINE_FIELD_OF_COLUMN:
            value = getattr(line, "result" if column == RESULT else LINE_FIELD_OF_COLUMN[column])
            return value or ""
        if year is not None:
            # A line with several sources shows a computed sum; with one, the amount as typed.
            total = line.total(year)
            return total if len(line.sources) == 1 else tidy_total(total)
        return tidy_total(line.grand_total(self.years))

    def cell_key(self, index: Index) -> CellKey:
        visible = self._rows[index.row()]
        year = self.year_of(index.column())
        if year is not None and visible.source is not None:
            return ("source", visible.source.id), year
        if visible.source is not None and self._is_source_name(index):
            return ("source", visible.source.id), "name"
        assert visible.line is not None
        return ("line", visible.line.id), LINE_FIELD_OF_COLUMN.get(index.column(), index.column())

    def index_of_key(self, key: CellKey) -> QModelIndex:
        (kind, item_id), column_key = _split(key)
        for position, visible in enumerate(self._rows):
            if kind == "source" and visible.source is not None and visible.source.id == item_id:
                if column_key == "name":
                    return self.index(position, NAME if self.is_source_row(position) else SOURCE)
                assert isinstance(column_key, int)
                return self.index(position, FIXED_COLUMNS + column_key - self.years.start)
            if kind == "line" and visible.line is not None and visible.line.id == item_id:
                column = next(c for c, f in LINE_FIELD_OF_COLUMN.items() if f == column_key)
                return self.index(position, column)
        return QModelIndex()

    def cell_name(self, index: Index) -> str:
        visible = self._rows[index.row()]
        if visible.line is None:
            where = "строка «Итого»"
        else:
            where = f"строка № {visible.line.number}"
            if self.is_source_row(index.row()) and visible.source is not None:
                where += f", источник «{visible.source.name}»"
        year = self.year_of(index.column())
        column = (
            str(year)
            if year is not None
            else "«Всего»"
            if index.column() == self.total_column()
            else f"«{FIXED_TITLES[index.column()]}»"
        )
        return f"{where}, {column}"

    def change_store(self) -> Any:
        return self.editor.store

    def index_of_where(self, where: Where) -> QModelIndex:
        if where.section is Section.SOURCES and where.year is not None:
            return self.index_of_key((("source", where.item), where.year))
        if where.section is Section.SOURCES:
            return self.index_of_key((("source", where.item), "name"))
        if where.field in LINE_FIELD_OF_COLUMN.values():
            return self.index_of_key((("line", where.item), where.field))
        for position, visible in enumerate(self._rows):
            if visible.line is not None and visible.line.id == where.item:
                return self.index(position, NAME)
        return QModelIndex()

    def cell_changes(self, cells: list[CellChange]) -> list[Change]:
        project = self.editor.project_id
        changes: list[Change] = []
        for cell in cells:
            (kind, item_id), column_key = _split(cell.key)
            if kind == "source":
                line = self.line_of_source(item_id)
                if column_key == "name":
                    where = Where(project, Section.SOURCES, item_id, "name", parent=line.id)
                    changes.append(SetValue(where, cell.old, cell.new))
                    continue
                where = Where(
                    project,
                    Section.SOURCES,
                    item_id,
                    "amount",
                    int(column_key),
                    parent=line.id,
                )
                changes.append(SetValue(where, cell.old, cell.new))
            elif column_key == "result_number":
                # An empty link to a result is no link.
                where = Where(project, Section.FINANCING, item_id, "result_number")
                changes.append(SetValue(where, cell.old or None, cell.new or None))
            else:
                where = Where(project, Section.FINANCING, item_id, str(column_key))
                changes.append(SetValue(where, cell.old, cell.new))
        return changes

    def _is_source_name(self, index: Index) -> bool:
        return index.column() == (NAME if self.is_source_row(index.row()) else SOURCE)

    def line_of_source(self, source_id: int) -> FinancingLine:
        return next(line for line in self.lines if any(s.id == source_id for s in line.sources))

    def parse(self, index: Index, text: str) -> Any:
        value = super().parse(index, text)
        visible = self._rows[index.row()]
        if visible.line is not None and visible.source is not None and self._is_source_name(index):
            problem = name_problem(visible.line, str(value), renamed=visible.source)
            if problem:
                raise CellError(f"{self.cell_name(index)}: {problem}")
        return value

    def line_and_source(self, row: int) -> tuple[FinancingLine | None, BudgetSource | None]:
        """The line of a visible row and the source it shows (a line's only one, or the
        source row's); (None, None) for «Итого»."""
        visible = self._rows[row] if 0 <= row < len(self._rows) else None
        if visible is None:
            return None, None
        return visible.line, visible.source

    def row_of_source(self, source_id: int | None) -> int:
        return next(
            (
                row
                for row, visible in enumerate(self._rows)
                if visible.source is not None and visible.source.id == source_id
            ),
            -1,
        )

    def reload(self) -> None:
        self.replace_lines(self.editor.store.load_financing(self.editor.project_id))

    def replace_lines(self, lines: list[FinancingLine]) -> None:
        """Show lines read afresh from the store (after an edit, or another copy's change)."""

        def shape(items: list[FinancingLine]) -> list[object]:
            return [(line.id, [s.id for s in line.sources]) for line in items]

        if shape(lines) == shape(self.lines):
            self.lines[:] = lines
            self._layout()
            self.show_rows_changed()
            return
        self.beginResetModel()
        self.lines[:] = lines
        self._layout()
        self.endResetModel()
        self.after_write()

    def history_key(self, index: Index) -> tuple[Any, str, int | None, str] | None:
        visible = self._rows[index.row()]
        year = self.year_of(index.column())
        if visible.line is None or year is None:
            return None
        return Section.FINANCING, visible.line.number, year, "amount"

    def after_write(self) -> None:
        # Totals depend on every amount: repaint the computed row and column.
        last_row, total = self.rowCount() - 1, self.total_column()
        self.dataChanged.emit(self.index(0, total), self.index(last_row, total))
        self.dataChanged.emit(self.index(last_row, 0), self.index(last_row, total))
        for position in range(len(self._rows)):
            if self._rows[position].line is not None and self._rows[position].source is None:
                self.dataChanged.emit(
                    self.index(position, FIXED_COLUMNS), self.index(position, total)
                )
        super().after_write()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            text = self.display_text(index)
            if column == NAME and self.is_source_row(index.row()):
                source = self._rows[index.row()].source
                # «из них» sources stand under their parent, one step further in.
                return ("        " if source is not None and source.parent else "    ") + text
            return text
        if role == Qt.ItemDataRole.EditRole:
            return self.cell_text(index)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column >= FIXED_COLUMNS or column in (NUMBER, RESULT):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (
            self.is_total_row(index.row()) or column == self.total_column()
        ):
            font = QFont()
            font.setBold(True)
            return font
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and self.cell_kind(index) is CellKind.READ_ONLY
            and (column >= FIXED_COLUMNS or self.is_total_row(index.row()))
        ):
            return QBrush(COMPUTED_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.total_column() or self.is_total_row(index.row()):
                return "Вычисляется: сумма, тыс. рублей"
            if column == NAME:
                return self.display_text(index).strip()
        return None

    # ---------------------------------------------------------------- lines as items

    def item_count(self) -> int:
        return len(self.lines)

    def line_position_of_row(self, row: int) -> int:
        visible = self._rows[row] if 0 <= row < len(self._rows) else None
        if visible is None or visible.line is None:
            return -1
        return self.lines.index(visible.line)

    def row_of_line(self, position: int) -> int:
        line = self.lines[position]
        return next(row for row, visible in enumerate(self._rows) if visible.line is line)

    def new_line(self) -> FinancingLine:
        numbers = [int(line.number) for line in self.lines if line.number.isdigit()]
        return FinancingLine(
            number=str(max(numbers, default=0) + 1),
            name="Новая строка",
            sources=[BudgetSource(ALL_SOURCES)],
        )

    def _where(self, line_id: int | None = None) -> Where:
        return Where(self.editor.project_id, Section.FINANCING, line_id)

    def insert_change(self, position: int, line: FinancingLine) -> Change:
        return AddItem(self._where(), line, position)

    def remove_change(self, position: int) -> Change:
        line = self.lines[position]
        return RemoveItem(self._where(line.id), line, position)

    def move_change(self, source: int, target: int) -> Change:
        return MoveItem(self._where(self.lines[source].id), source, target)


def _split(key: CellKey) -> tuple[tuple[str, int], Any]:
    """A cell key of this table: (("line" or "source", its id), field or year)."""
    item, column_key = key
    kind, item_id = cast("tuple[str, int]", item)
    return (kind, item_id), column_key
