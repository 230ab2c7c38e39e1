"""The «Финансирование» tab: lines × years with computed totals, and the chart of them all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget

from cdo_desktop.core.model import FinancingLine
from cdo_desktop.ui.financing_model import (
    FIXED_COLUMNS,
    NAME,
    NUMBER,
    RESULT,
    SOURCE,
    FinancingTableModel,
)
from cdo_desktop.ui.financing_sources import SourceTools
from cdo_desktop.ui.table_panel import ChartSlot, TablePanel

if TYPE_CHECKING:
    from cdo_desktop.charts.plan_fact_chart import PlanFactChart


class FinancingPanel(TablePanel):
    model: FinancingTableModel

    def __init__(self, model: FinancingTableModel, parent: QWidget | None = None) -> None:
        self.chart_slot = ChartSlot(self._draw_chart)
        super().__init__(
            model,
            "financing",
            "строку",
            hint="Суммы — в тыс. рублей; «Итого» и «Всего» вычисляются.",
            side=self.chart_slot,
            parent=parent,
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.view.fontMetrics()
        self.view.setColumnWidth(NUMBER, metrics.horizontalAdvance("№ п/п") + 18)
        self.view.setColumnWidth(NAME, 320)
        self.view.setColumnWidth(SOURCE, 120)
        self.view.setColumnWidth(RESULT, metrics.horizontalAdvance("Результат") + 18)
        for column in range(FIXED_COLUMNS, model.columnCount()):
            self.view.setColumnWidth(column, metrics.horizontalAdvance("0 000 000,0") + 16)
        self.sources = SourceTools(self)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.sources.toolbar)  # under the line tools, over the table
        self.fit_rows()
        model.cells_written.connect(self._refresh_chart)
        model.modelReset.connect(self.fit_rows)
        self._refresh_chart()

    def fit_rows(self) -> None:
        """Row heights from the wrapped name and source alone, the only texts that wrap;
        Qt's resizeRowsToContents asks every cell of every year and takes a good part of a
        project's opening."""
        metrics = self.view.fontMetrics()
        minimum = self.view.verticalHeader().defaultSectionSize()
        wrap = int(Qt.TextFlag.TextWordWrap)
        boxes = [
            (column, QRect(0, 0, self.view.columnWidth(column) - 8, 0)) for column in (NAME, SOURCE)
        ]
        model = self.model
        for row in range(model.rowCount()):
            height = max(
                metrics.boundingRect(box, wrap, model.data(model.index(row, column)) or "").height()
                for column, box in boxes
            )
            self.view.setRowHeight(row, max(minimum, height + 8))

    @property
    def chart(self) -> PlanFactChart:
        return self.chart_slot.chart

    def _refresh_chart(self) -> None:
        self.chart_slot.refresh()

    def _draw_chart(self, chart: PlanFactChart) -> None:
        chart.show_financing(self.model.lines, self.model.years)

    def add_item(self) -> None:
        """A new line goes at the end, numbered after the last (never between 1 and 2)."""
        position = self.model.item_count()
        if not self.model.add_item(position, self.new_item(), "добавление строки"):
            return  # not written (told): no row to type into
        self.view.edit(self.select_row(self.item_row(position), NAME))

    def new_item(self) -> FinancingLine:
        return self.model.new_line()

    def item_position(self, row: int) -> int:
        return self.model.line_position_of_row(row)

    def item_row(self, position: int) -> int:
        return self.model.row_of_line(position)

    def item_title(self, position: int) -> str:
        line = self.model.lines[position]
        return f"№ {line.number} «{line.name}»"
