"""The «Финансирование» tab: lines × years with computed totals, and the chart of them all."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QWidget

from cdo_desktop.charts.plan_fact_chart import PlanFactChart
from cdo_desktop.core.model import FinancingLine
from cdo_desktop.ui.financing_model import (
    FIXED_COLUMNS,
    NAME,
    NUMBER,
    RESULT,
    SOURCE,
    FinancingTableModel,
)
from cdo_desktop.ui.table_panel import TablePanel


class FinancingPanel(TablePanel):
    model: FinancingTableModel

    def __init__(self, model: FinancingTableModel, parent: QWidget | None = None) -> None:
        self.chart = PlanFactChart()
        super().__init__(
            model,
            "financing",
            "строку",
            hint="Суммы — в тыс. рублей; «Итого» и «Всего» вычисляются.",
            side=self.chart,
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
        self.view.resizeRowsToContents()
        model.cells_written.connect(self._refresh_chart)
        model.modelReset.connect(self.view.resizeRowsToContents)
        self._refresh_chart()

    def _refresh_chart(self) -> None:
        self.chart.show_financing(self.model.lines, self.model.years)

    def new_item(self) -> FinancingLine:
        return self.model.new_line()

    def item_position(self, row: int) -> int:
        return self.model.line_position_of_row(row)

    def item_row(self, position: int) -> int:
        return self.model.row_of_line(position)

    def item_title(self, position: int) -> str:
        line = self.model.lines[position]
        return f"№ {line.number} «{line.name}»"
