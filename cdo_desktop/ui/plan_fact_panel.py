"""One tab for indicators or for results: the plan/fact table and the chart of the selected row."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHeaderView, QWidget

from cdo_desktop.charts.plan_fact_chart import PlanFactChart
from cdo_desktop.core.model import PlanFactRow
from cdo_desktop.ui.plan_fact_model import (
    CUMULATIVE,
    FIXED_COLUMNS,
    KIND_WORDS,
    NAME,
    NUMBER,
    UNIT,
    PlanFactTableModel,
)
from cdo_desktop.ui.table_panel import TablePanel


class PlanFactPanel(TablePanel):
    """The same panel serves indicators and results; only the model's kind differs."""

    model: PlanFactTableModel

    def __init__(self, model: PlanFactTableModel, parent: QWidget | None = None) -> None:
        singular, genitive, _ = KIND_WORDS[model.kind]
        self.chart = PlanFactChart()
        super().__init__(
            model,
            model.kind.value,
            singular,
            hint=f"График «план — факт» — для выбранной строки {genitive}.",
            side=self.chart,
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
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(36)
        metrics = self.view.fontMetrics()
        self.view.setColumnWidth(NUMBER, metrics.horizontalAdvance("№ п/п") + 18)
        self.view.setColumnWidth(NAME, 380)
        self.view.setColumnWidth(UNIT, 90)
        self.view.setColumnWidth(CUMULATIVE, metrics.horizontalAdvance("Нарастающим") + 20)
        number_width = metrics.horizontalAdvance("✓ 000 000,0") + 16
        for column in range(FIXED_COLUMNS, self.model.columnCount()):
            self.view.setColumnWidth(column, number_width)
        self.view.resizeRowsToContents()

    # ---------------------------------------------------------------- TablePanel

    def new_item(self) -> PlanFactRow:
        return self.model.new_row()

    def item_title(self, position: int) -> str:
        row = self.model.row_at(position)
        return f"№ {row.number} «{row.name}»"

    # ---------------------------------------------------------------- following edits

    def _current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._refresh_chart()

    def _refresh_chart(self) -> None:
        row = self.view.currentIndex().row()
        self.chart.show_row(
            self.model.row_at(row) if 0 <= row < self.model.rowCount() else None, self.model.years
        )

    def _after_rows_changed(self, *_args: object) -> None:
        self.view.resizeRowsToContents()
        self._refresh_chart()

    def _resize_changed_rows(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        if top_left.column() <= NAME <= bottom_right.column():
            for row in range(top_left.row(), bottom_right.row() + 1):
                self.view.resizeRowToContents(row)
