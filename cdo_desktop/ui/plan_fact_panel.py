"""One tab for indicators or for results: the plan/fact table and the chart of the selected row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtWidgets import QHeaderView, QWidget

from cdo_desktop.core.model import PlanFactRow
from cdo_desktop.ui.plan_fact_model import (
    KIND_WORDS,
    NAME,
    PlanFactTableModel,
)
from cdo_desktop.ui.table_panel import ChartSlot, TablePanel

if TYPE_CHECKING:
    from cdo_desktop.charts.plan_fact_chart import PlanFactChart


class PlanFactPanel(TablePanel):
    """The same panel serves indicators and results; only the model's kind differs."""

    model: PlanFactTableModel

    def __init__(self, model: PlanFactTableModel, parent: QWidget | None = None) -> None:
        singular, genitive, _ = KIND_WORDS[model.kind]
        self.chart_slot = ChartSlot(self._draw_chart)
        super().__init__(
            model,
            model.kind.value,
            singular,
            hint=f"График «план — факт» — для выбранной строки {genitive}.",
            side=self.chart_slot,
            parent=parent,
        )
        self.size_columns()
        self.view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        model.cells_written.connect(self._refresh_chart)
        model.rowsInserted.connect(self._after_rows_changed)
        model.rowsRemoved.connect(self._after_rows_changed)
        model.rowsMoved.connect(self._after_rows_changed)
        model.dataChanged.connect(self._resize_changed_rows)
        if model.rowCount():
            self.view.setCurrentIndex(model.index(0, NAME))
        self._refresh_chart()

    def size_columns(self) -> None:
        """Every column to its contents and header, the name to the rest (ui/column_fit.py)."""
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(36)
        if self.column_fit is not None:
            self.column_fit.fit_all()
        self.fit_rows()

    def fit_rows(self, first: int = 0, last: int | None = None) -> None:
        """Row heights from the wrapped name alone; Qt's resizeRowsToContents asks every cell."""
        metrics = self.view.fontMetrics()
        width = self.view.columnWidth(NAME) - 8
        minimum = self.view.verticalHeader().defaultSectionSize()
        last = self.model.rowCount() - 1 if last is None else last
        for row in range(first, last + 1):
            text = self.model.rows[row].name
            height = (
                metrics.boundingRect(
                    QRect(0, 0, width, 0), int(Qt.TextFlag.TextWordWrap), text
                ).height()
                + 8
            )
            self.view.setRowHeight(row, max(minimum, height))

    # ---------------------------------------------------------------- TablePanel

    def new_item(self) -> PlanFactRow:
        return self.model.new_row()

    def item_title(self, position: int) -> str:
        row = self.model.row_at(position)
        return f"№ {row.number} «{row.name}»"

    # ---------------------------------------------------------------- following edits

    def _current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._refresh_chart()

    @property
    def chart(self) -> PlanFactChart:
        return self.chart_slot.chart

    def _refresh_chart(self) -> None:
        self.chart_slot.refresh()

    def _draw_chart(self, chart: PlanFactChart) -> None:
        row = self.view.currentIndex().row()
        chart.show_row(
            self.model.row_at(row) if 0 <= row < self.model.rowCount() else None, self.model.years
        )

    def _after_rows_changed(self, *_args: object) -> None:
        self.fit_rows()
        self._refresh_chart()

    def _resize_changed_rows(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        if top_left.column() <= NAME <= bottom_right.column():
            self.fit_rows(top_left.row(), bottom_right.row())
