"""The monitoring chart of one row: its facts month by month through a year against the year's
plan, and the forecast for the year end."""

from __future__ import annotations

from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from cdo_desktop.charts.plan_fact_chart import FACT_COLOR, PLAN_COLOR, RussianNumberAxis
from cdo_desktop.core.model import PlanFactRow
from cdo_desktop.core.monitoring_dates import month_end
from cdo_desktop.core.numbers import format_number

MONTHS = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]
FORECAST_COLOR = QColor("#c55a11")


class MonitoringChart(pg.PlotWidget):
    """Facts through the year (a line with points), the plan (a level), the forecast (a mark at
    December), the chosen reporting date (a vertical rule)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, axisItems={"left": RussianNumberAxis("left")})
        self.setMenuEnabled(False)
        self.hideButtons()
        self.setMouseEnabled(x=False, y=False)
        self.showGrid(x=False, y=True, alpha=0.25)
        self.getAxis("left").enableAutoSIPrefix(False)
        self.getAxis("bottom").setTicks([list(enumerate(MONTHS, start=1))])
        self.setMinimumSize(240, 180)
        self.legend = self.addLegend(offset=(10, 5))
        self.shown: dict[str, list[tuple[int, float]]] = {}

    def show_row(self, row: PlanFactRow | None, as_of: date) -> None:
        plot = self.getPlotItem()
        plot.clear()
        self.legend.clear()
        self.shown = {}
        if row is None:
            plot.setTitle("Выберите строку таблицы", size="10pt")
            return
        year = as_of.year
        facts = [
            (month, float(entry.fact))
            for month in range(1, 13)
            if (entry := row.monitoring.get(month_end(year, month))) is not None
            and entry.fact is not None
        ]
        title = f"{row.number}. {row.name}" if row.number else row.name
        plot.setTitle(title[:80] + ("…" if len(title) > 80 else ""), size="10pt")
        plan = row.value(year).plan
        if plan is not None:
            self.shown["plan"] = [(1, float(plan)), (12, float(plan))]
            plot.plot(
                [1, 12],
                [float(plan)] * 2,
                pen=pg.mkPen(PLAN_COLOR, width=3),
                name=f"План {year}: {format_number(plan)}",
            )
        if facts:
            self.shown["fact"] = facts
            plot.plot(
                [m for m, _ in facts],
                [v for _, v in facts],
                pen=pg.mkPen(FACT_COLOR, width=2),
                symbol="o",
                symbolBrush=FACT_COLOR,
                name="Факт на дату",
            )
        entry = row.monitoring.get(as_of)
        if entry is not None and entry.forecast is not None:
            self.shown["forecast"] = [(12, float(entry.forecast))]
            start = facts[-1] if facts else (as_of.month, float(entry.forecast))
            plot.plot(
                [start[0], 12],
                [start[1], float(entry.forecast)],
                pen=pg.mkPen(FORECAST_COLOR, width=2, style=Qt.PenStyle.DashLine),
                symbol="d",
                symbolBrush=FORECAST_COLOR,
                name=f"Прогноз: {format_number(entry.forecast)}",
            )
        plot.addItem(pg.InfiniteLine(as_of.month, angle=90, pen=pg.mkPen("#808080", width=1)))
        plot.setXRange(0.5, 12.5, padding=0)
