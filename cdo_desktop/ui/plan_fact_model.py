"""The plan/fact table model: indicators or results of a project, in the passport's layout."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QUndoStack

from cdo_desktop.core.changes import AddItem, Change, MoveItem, RemoveItem, SetValue, Where
from cdo_desktop.core.history import ROW_SECTIONS, Section
from cdo_desktop.core.model import (
    Direction,
    MunicipalValues,
    PlanFact,
    PlanFactRow,
    Project,
    RowKind,
)
from cdo_desktop.core.numbers import format_number
from cdo_desktop.core.passport import KIND_WORDS as INDICATOR_KIND_WORDS
from cdo_desktop.core.passport import LEVEL_CODES, split
from cdo_desktop.core.status import Status, row_status
from cdo_desktop.core.text import TextValueError, check_cell_text
from cdo_desktop.storage.editing import FACT, PLAN, ProjectEditor
from cdo_desktop.ui import passport_cells
from cdo_desktop.ui.grid_model import (
    CellChange,
    CellError,
    CellKey,
    CellKind,
    Index,
    YearGridModel,
)
from cdo_desktop.ui.passport_cells import BREAKDOWN, PASSPORT_2025_COLUMNS, PassportCellError
from cdo_desktop.ui.row_columns import RowColumn, row_columns

# The first row columns of every plan/fact table (ui/row_columns.py lists them all).
NUMBER, NAME, UNIT, CUMULATIVE = range(4)

# The Status of a fact cell, as its string value (plain data crosses into Qt safely).
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1

# Soft colours that keep black text readable; the mark and the tooltip say it in words too.
STATUS_COLORS = {
    Status.ACHIEVED: QColor("#d9ead3"),
    Status.NOT_ACHIEVED: QColor("#f4cccc"),
    Status.NO_FACT: QColor("#fff2cc"),
    Status.NO_PLAN: QColor("#e6e6e6"),
}

KIND_WORDS = {
    RowKind.INDICATOR: ("показатель", "показателя", "Показатели"),
    RowKind.RESULT: ("результат", "результата", "Результаты"),
}


class PlanFactTableModel(YearGridModel):
    """Rows of one kind (indicators or results) × «№», name, unit, flag, then plan/fact by year."""

    def __init__(
        self,
        kind: RowKind,
        rows: list[PlanFactRow],
        years: range,
        editor: ProjectEditor,
        undo_stack: QUndoStack,
        parent: Any = None,
    ) -> None:
        super().__init__(undo_stack, parent)
        self.kind = kind
        self.rows = rows
        self.years = years
        self.editor = editor
        self.row_columns: tuple[RowColumn, ...] = row_columns(kind)
        self.fixed_columns = len(self.row_columns)
        # The project's tasks and municipalities, read when first needed and after writes.
        self._passport: Project | None = None

    # ---------------------------------------------------------------- shape

    def row_column(self, column: int) -> RowColumn | None:
        """The row field shown in a column before the years; None for a year column."""
        return self.row_columns[column] if 0 <= column < self.fixed_columns else None

    def column_of_field(self, field: str) -> int:
        return next(c for c, column in enumerate(self.row_columns) if column.field == field)

    def hideable_columns(self) -> list[tuple[int, str, str]]:
        return [
            (position, column.field, column.title)
            for position, column in enumerate(self.row_columns)
            if column.hideable
        ]

    def columns_hidden_by_default(self) -> set[str]:
        """The 2025–2030 columns, unless the project has tasks, municipalities or a row with
        one of those fields filled (a 2019–2024 project looks as it always did)."""
        passport = self.passport()
        filled = bool(passport.tasks or passport.municipalities) or any(
            passport_cells.cell_value(row, column.field) not in (None, "", False)
            for row in self.rows
            for column in self.row_columns
            if column.field in PASSPORT_2025_COLUMNS
        )
        return set() if filled else set(PASSPORT_2025_COLUMNS)

    def passport(self) -> Project:
        """The project without its tables: its tasks and municipalities."""
        if self._passport is None:
            self._passport = self.editor.store.load(self.editor.project_id, with_tables=False)
        return self._passport

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.fixed_columns + 2 * len(self.years)

    def year_field(self, column: int) -> tuple[int, str] | None:
        """(year, "plan"|"fact") of a value column; None for the fixed columns."""
        if column < self.fixed_columns:
            return None
        offset = column - self.fixed_columns
        return self.years[offset // 2], (PLAN if offset % 2 == 0 else FACT)

    def column_of(self, year: int, field: str) -> int:
        return self.fixed_columns + 2 * (year - self.years.start) + (0 if field == PLAN else 1)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        row_column = self.row_column(section)
        if row_column is not None:
            return row_column.title
        year, field = self.year_field(section)  # type: ignore[misc]
        return f"{year}\n{'план' if field == PLAN else 'факт'}"

    # ---------------------------------------------------------------- cells

    def cell_kind(self, index: Index) -> CellKind:
        row_column = self.row_column(index.column())
        return CellKind.NUMBER if row_column is None else row_column.kind

    def cell_choices(self, index: Index) -> dict[str, Any]:
        row_column = self.row_column(index.column())
        if row_column is not None and row_column.field == "task":
            return passport_cells.task_words(self.passport().tasks)
        if row_column is not None and row_column.field == "indicator_kind":
            return {passport_cells.NO_TASK: "", **{w: k for k, w in INDICATOR_KIND_WORDS.items()}}
        return dict(row_column.choices or {}) if row_column is not None else {}

    def cell_suggestions(self, index: Index) -> list[str]:
        field = self.passport_field(index)
        if field == "level":
            return list(LEVEL_CODES)
        return passport_cells.okei_words() if field == "okei" else []

    def cell_takes_several(self, index: Index) -> bool:
        return self.passport_field(index) == "level"

    def passport_field(self, index: Index) -> str | None:
        """The 2025–2030 field shown in a column, None for the others."""
        row_column = self.row_column(index.column())
        field = row_column.field if row_column is not None else None
        return field if field in PASSPORT_2025_COLUMNS else None

    def display_text(self, index: Index) -> str:
        field = self.passport_field(index)
        if field is None or field == BREAKDOWN:
            return super().display_text(index)
        return passport_cells.shown_text(field, self.cell_value(index))

    def cell_text(self, index: Index) -> str:
        field = self.passport_field(index)
        if field in (None, BREAKDOWN, "task", "indicator_kind"):
            return super().cell_text(index)
        return passport_cells.shown_text(str(field), self.cell_value(index))

    def parse(self, index: Index, text: str) -> Any:
        field = self.passport_field(index)
        if field in (None, "data_source", "result_type"):
            return super().parse(index, text)
        if field == BREAKDOWN:
            wanted = super().parse(index, text)
            self.check_breakdown(index, wanted)
            return wanted
        try:
            check_cell_text(text.strip())
        except TextValueError as error:
            raise CellError(f"{self.cell_name(index)}: {error.reason}") from None
        numbers = [row.number for row in self.indicators()] if field == "linked_indicators" else []
        try:
            return passport_cells.parse(str(field), text, self.passport().tasks, numbers)
        except PassportCellError as error:
            raise CellError(f"{self.cell_name(index)}: {error}") from None

    def indicators(self) -> list[PlanFactRow]:
        if self.kind is RowKind.INDICATOR:
            return self.rows
        return self.editor.store.load_rows(self.editor.project_id, RowKind.INDICATOR)

    def check_breakdown(self, index: Index, wanted: bool) -> None:
        """A breakdown is made of the project's municipalities, and unmade only while empty:
        values by municipality are removed in «Паспорт 2025–2030…», where it asks first."""
        row = self.rows[index.row()] if index.row() < len(self.rows) else None
        if wanted and not self.passport().municipalities:
            raise CellError(
                f"{self.cell_name(index)}: в проекте нет списка муниципалитетов — его заводят "
                "в «Правка → Паспорт 2025–2030…»"
            )
        if not wanted and row is not None:
            if any(not pair.is_empty() for e in row.municipalities for pair in e.values.values()):
                raise CellError(
                    f"{self.cell_name(index)}: у показателя есть значения по муниципалитетам; "
                    "убрать их можно в «Правка → Паспорт 2025–2030…»"
                )

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.CheckStateRole and self.passport_field(index) == BREAKDOWN:
            try:
                self.check_breakdown(index, Qt.CheckState(value) == Qt.CheckState.Checked)
            except CellError as error:
                self.last_error = str(error)
                return False
        return super().setData(index, value, role)

    def cell_value(self, index: Index) -> Any:
        row = self.rows[index.row()]
        located = self.year_field(index.column())
        if located is None:
            field = self.row_columns[index.column()].field
            if field in PASSPORT_2025_COLUMNS:
                return passport_cells.cell_value(row, field)
            return getattr(row, field)
        year, field = located
        return getattr(row.value(year), field)

    def cell_key(self, index: Index) -> CellKey:
        row = self.rows[index.row()]
        located = self.year_field(index.column())
        column_key = self.row_columns[index.column()].field if located is None else located
        return row.id, column_key

    def index_of_key(self, key: CellKey) -> QModelIndex:
        row_id, column_key = key
        for position, row in enumerate(self.rows):
            if row.id == row_id:
                if isinstance(column_key, tuple):
                    return self.index(position, self.column_of(*column_key))
                return self.index(position, self.column_of_field(str(column_key)))
        return QModelIndex()

    def cell_name(self, index: Index) -> str:
        if index.row() >= len(self.rows):  # a row a paste is about to add
            where = f"строка {index.row() + 1} (новая)"
        else:
            row = self.rows[index.row()]
            where = f"строка {index.row() + 1}" + (f" (№ {row.number})" if row.number else "")
        located = self.year_field(index.column())
        if located is None:
            return f"{where}, «{self.row_columns[index.column()].title}»"
        year, field = located
        return f"{where}, {year} {'план' if field == PLAN else 'факт'}"

    def change_store(self) -> Any:
        return self.editor.store

    def index_of_where(self, where: Where) -> QModelIndex:
        if where.section is Section.MUNICIPAL:  # a line of a row's breakdown: its flag
            shown = self.kind is RowKind.INDICATOR
            return self.index_of_key((where.parent, BREAKDOWN)) if shown else QModelIndex()
        if where.field in (PLAN, FACT) and where.year is not None:
            return self.index_of_key((where.item, (where.year, where.field)))
        if where.field in {column.field for column in self.row_columns}:
            return self.index_of_key((where.item, where.field))
        position = self.position_of(where.item)  # type: ignore[arg-type]
        return self.index(position, NAME) if position >= 0 else QModelIndex()

    def cell_changes(self, cells: list[CellChange]) -> list[Change]:
        section = ROW_SECTIONS[self.kind]
        changes: list[Change] = []
        for cell in cells:
            row_id, column_key = cell.key
            if column_key == BREAKDOWN:
                changes.extend(self.breakdown_changes(int(row_id), bool(cell.new)))  # type: ignore[call-overload]
                continue
            if isinstance(column_key, tuple):
                year, field = column_key
                where = Where(self.editor.project_id, section, row_id, field, year)  # type: ignore[arg-type]
            else:
                where = Where(self.editor.project_id, section, row_id, str(column_key))  # type: ignore[arg-type]
            changes.append(SetValue(where, cell.old, cell.new))
        return changes

    def breakdown_changes(self, row_id: int, broken_down: bool) -> list[Change]:
        """A line for each of the project's municipalities, or the (empty) lines taken away."""
        row = self.rows[self.position_of(row_id)]
        where = Where(self.editor.project_id, Section.MUNICIPAL, parent=row_id)
        if broken_down:
            names = self.passport().municipalities
            return [AddItem(where, MunicipalValues(name), at) for at, name in enumerate(names)]
        return [
            RemoveItem(replace(where, item=entry.id), entry, position)
            for position, entry in reversed(list(enumerate(row.municipalities)))
        ]

    def reload(self) -> None:
        self._passport = None
        self.replace_rows(self.editor.store.load_rows(self.editor.project_id, self.kind))

    def reload_after(self, changes: Sequence[Change]) -> None:
        """After values of rows shown here changed: those rows read again (a 300-row table is
        not read whole for one cell); anything else reads the table again."""
        positions = {row.id: position for position, row in enumerate(self.rows)}
        touched = {change.where.item for change in changes}
        self._passport = None
        if not all(isinstance(c, SetValue) for c in changes) or not touched <= positions.keys():
            self.reload()
            return
        for row_id in touched:
            position = positions[row_id]  # type: ignore[index]
            self.rows[position] = self.editor.store.read_row(int(row_id))  # type: ignore[arg-type]
            self.dataChanged.emit(
                self.index(position, 0), self.index(position, self.columnCount() - 1)
            )
        self.after_write()

    def replace_rows(self, rows: list[PlanFactRow]) -> None:
        """Show rows read afresh from the store (after an edit, or another copy's change)."""
        self._passport = None
        if [row.id for row in rows] == [row.id for row in self.rows]:
            self.rows[:] = rows  # the project holds this same list
            self.show_rows_changed()
            return
        self.beginResetModel()
        self.rows[:] = rows
        self.endResetModel()
        self.after_write()

    def history_key(self, index: Index) -> tuple[Any, str, int | None, str] | None:
        row = self.rows[index.row()]
        located = self.year_field(index.column())
        field = self.row_columns[index.column()].field if located is None else located[1]
        if field == BREAKDOWN:
            return None  # its history is the municipalities' own
        year = None if located is None else located[0]
        return ROW_SECTIONS[self.kind], row.number, year, field

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        row = self.rows[index.row()]
        flag = self.cell_kind(index) is CellKind.FLAG
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if flag else self.display_text(index)
        if role == Qt.ItemDataRole.EditRole:
            return self.cell_text(index)
        if role == Qt.ItemDataRole.CheckStateRole and flag:
            return Qt.CheckState.Checked if self.cell_value(index) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole:
            kind = self.cell_kind(index)
            if kind in (CellKind.NUMBER, CellKind.YEAR) or column == NUMBER:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if flag:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        located = self.year_field(column)
        if located is None or located[1] != FACT:
            if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
                return f"{row.name}, {row.unit}" if row.unit else row.name
            field = self.passport_field(index)
            if role == Qt.ItemDataRole.ToolTipRole and field in ("task", "okei"):
                tasks = self.passport().tasks
                return passport_cells.tooltip(str(field), self.cell_value(index), tasks)
            if role == Qt.ItemDataRole.ToolTipRole and located is None:
                # Long texts (a characteristic) are cut to the column: the whole text here.
                return self.display_text(index) or None
            return None
        year = located[0]
        pair = row.value(year)
        status = row_status(row, year)
        if role == STATUS_ROLE:
            return status.status.value
        if role == Qt.ItemDataRole.BackgroundRole:
            color = STATUS_COLORS.get(status.status)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            told = [f"{year}: {status.describe(pair.plan, pair.fact)}"]
            if status.status is Status.EMPTY:
                told = []
            return "\n".join(told + december_words(row, year, pair.fact)) or None
        return None

    # ---------------------------------------------------------------- rows

    def row_at(self, position: int) -> PlanFactRow:
        return self.rows[position]

    def position_of(self, row_id: int | None) -> int:
        return next((p for p, row in enumerate(self.rows) if row.id == row_id), -1)

    def new_row(self) -> PlanFactRow:
        """A blank row numbered after the last one."""
        numbers = [int(row.number) for row in self.rows if row.number.isdigit()]
        words = KIND_WORDS[self.kind][0]
        return PlanFactRow(
            number=str(max(numbers, default=0) + 1), name=f"Новый {words}", direction=Direction.UP
        )

    def item_count(self) -> int:
        return len(self.rows)

    def can_add_rows(self) -> bool:
        return True

    def added_rows_changes(self, rows: list[list[tuple[int, Any]]]) -> list[Change]:
        """New rows at the end, numbered on from the last, with the pasted cells in them."""
        changes: list[Change] = []
        template = self.new_row()
        first_number = int(template.number)
        for offset, cells in enumerate(rows):
            row = replace(template, number=str(first_number + offset), values={})
            for column, value in cells:
                located = self.year_field(column)
                if located is None:
                    self._set_new_row_field(row, self.row_columns[column].field, value)
                    continue
                year, field = located
                pair = row.values.setdefault(year, PlanFact())
                setattr(pair, field, value)
            row.values = {year: pair for year, pair in row.values.items() if not pair.is_empty()}
            changes.append(AddItem(self._where(), row, len(self.rows) + offset))
        return changes

    def _set_new_row_field(self, row: PlanFactRow, field: str, value: Any) -> None:
        """A pasted cell into a row about to be added: lists as lists, a breakdown as lines."""
        if field in ("level", "linked_indicators"):
            setattr(row, field, split(value))
        elif field == BREAKDOWN:
            names = self.passport().municipalities if value else []
            row.municipalities = [MunicipalValues(name) for name in names]
        else:
            setattr(row, field, value)

    def _where(self, row_id: int | None = None) -> Where:
        return Where(self.editor.project_id, ROW_SECTIONS[self.kind], row_id)

    def insert_change(self, position: int, row: PlanFactRow) -> Change:
        return AddItem(self._where(), row, position)

    def remove_change(self, position: int) -> Change:
        row = self.rows[position]
        return RemoveItem(self._where(row.id), row, position)

    def move_change(self, source: int, target: int) -> Change:
        return MoveItem(self._where(self.rows[source].id), source, target)


def december_words(row: PlanFactRow, year: int, annual: Decimal | None) -> list[str]:
    """The monitoring fact as of 31 December beside the annual one, which stays the official
    fact: nothing copies one into the other, so a difference is said (the check says it too)."""
    entry = row.monitoring.get(date(year, 12, 31))
    if entry is None or entry.fact is None:
        return []
    differs = annual is not None and entry.fact != annual
    return [
        f"Мониторинг по состоянию на 01.01.{year + 1}: {format_number(entry.fact)}"
        + (" — не совпадает с годовым фактом" if differs else "")
    ]
