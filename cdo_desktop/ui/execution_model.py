"""The «Кассовое исполнение» table of the «Мониторинг» tab: every budget source of every
financing line at one reporting date — the year's amount, what was executed so far in the year
(typed like any number cell; one undo step each) and its percent of the amount."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QUndoStack

from cdo_desktop.core.changes import Change, SetValue
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import BudgetSource, FinancingLine, Project
from cdo_desktop.core.monitoring_dates import as_of_words
from cdo_desktop.core.monitoring_status import MonitoringStatus, execution_percent
from cdo_desktop.core.numbers import format_percent
from cdo_desktop.storage.editing import ProjectEditor
from cdo_desktop.ui.grid_model import CellChange, CellKind, Index
from cdo_desktop.ui.item_list_model import ItemListModel
from cdo_desktop.ui.monitoring_model import MONITORING_COLORS, due_look

SOURCE, AMOUNT, EXECUTED, PERCENT = range(4)
TITLES = ["Строка / источник", "Сумма на год, тыс. руб.", "Исполнено на дату", "% исполнения"]


class ExecutionTableModel(ItemListModel):
    """One row per budget source of each financing line at `as_of`."""

    titles = TITLES
    column_keys = range(len(TITLES))
    fallback_column = EXECUTED  # the one column a change is aimed at
    section = Section.SOURCES
    numbered_rows = True

    def __init__(
        self,
        project: Project,
        as_of: date,
        editor: ProjectEditor,
        undo_stack: QUndoStack,
        due_date: Callable[[date], date],
        today: date,
        parent: Any = None,
    ) -> None:
        super().__init__([], editor, undo_stack, parent)
        self.project = project
        self.as_of = as_of
        # The working-day calendar lives in the monitoring table: it answers for both.
        self.due_date = due_date
        self.today = today
        self.items = self._rows()

    @property
    def rows(self) -> list[tuple[FinancingLine, BudgetSource]]:
        """(line, source) of each row shown, in the lines' order."""
        return self.items

    def item_key(self, item: tuple[FinancingLine, BudgetSource]) -> int | None:
        return item[1].id

    def _rows(self) -> list[tuple[FinancingLine, BudgetSource]]:
        return [(line, source) for line in self.project.financing for source in line.sources]

    def set_as_of(self, as_of: date) -> None:
        """Another reporting date: read again what the store holds, then show that date."""
        self.as_of = as_of
        self.reload()

    # ---------------------------------------------------------------- due and overdue

    def owed(self, position: int) -> bool:
        """Execution is due, like a monthly value, for a source reporting it in this year."""
        source = self.rows[position][1]
        reports = any(
            day.year == self.as_of.year and value is not None
            for day, value in source.execution.items()
        )
        return reports and self.as_of < self.today

    def missing(self, position: int) -> bool:
        return self.owed(position) and self.rows[position][1].execution.get(self.as_of) is None

    def overdue(self, position: int) -> bool:
        return self.missing(position) and self.due_date(self.as_of) < self.today

    def counts(self) -> tuple[int, int, int]:
        """(owed, missing, overdue) at this date."""
        positions = range(len(self.rows))
        return (
            sum(map(self.owed, positions)),
            sum(map(self.missing, positions)),
            sum(map(self.overdue, positions)),
        )

    # ---------------------------------------------------------------- shape

    def column_title(self, column: int) -> str:
        if column == AMOUNT:
            return f"Сумма на {self.as_of.year} год, тыс. руб."
        return super().column_title(column)

    # ---------------------------------------------------------------- cells

    def cell_kind(self, index: Index) -> CellKind:
        return CellKind.NUMBER if index.column() == EXECUTED else CellKind.READ_ONLY

    def amount(self, position: int) -> Decimal | None:
        return self.rows[position][1].values.get(self.as_of.year)

    def cell_value(self, index: Index) -> Any:
        line, source = self.rows[index.row()]
        column = index.column()
        if column == SOURCE:
            prefix = "из них: " if source.parent else ""
            return f"{line.number} / {prefix}{source.name}"
        if column == AMOUNT:
            return self.amount(index.row())
        executed = source.execution.get(self.as_of)
        if column == EXECUTED:
            return executed
        percent = execution_percent(executed, self.amount(index.row()))
        return format_percent(percent) if percent is not None else "–"

    def cell_name(self, index: Index) -> str:
        line, source = self.rows[index.row()]
        return (
            f"финансирование, строка № {line.number}, «{source.name}», "
            f"{as_of_words(self.as_of)}, «{TITLES[index.column()]}»"
        )

    def cell_changes(self, cells: list[CellChange]) -> list[Change]:
        line_of = {source.id: line.id for line, source in self.rows}
        changes: list[Change] = []
        for cell in cells:
            source_id = cast("int", cell.key[0])
            where = self._where(source_id, "executed", as_of=self.as_of, parent=line_of[source_id])
            changes.append(SetValue(where, cell.old, cell.new))
        return changes

    def reload(self) -> None:
        """The execution read again into the project's own sources (the financing tab shares
        them), the rows taken from its lines as they are now."""
        fresh = {
            source.id: source.execution
            for line in self.editor.store.load_financing(self.editor.project_id)
            for source in line.sources
        }
        rows = self._rows()
        for _line, source in rows:
            source.execution = fresh.get(source.id, {})
        self.replace_items(rows)

    # ---------------------------------------------------------------- painting

    def role_data(self, index: Index, role: int) -> Any:
        column, position = index.column(), index.row()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignLeft if column == SOURCE else Qt.AlignmentFlag.AlignRight
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if column != EXECUTED or not self.owed(position):
            return None
        if role == Qt.ItemDataRole.BackgroundRole and self.missing(position):
            return QBrush(MONITORING_COLORS[MonitoringStatus.NOT_ENTERED])
        due = self.due_date(self.as_of)
        return due_look(role, due, self.overdue(position), self.missing(position))
