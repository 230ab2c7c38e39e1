"""The one chart: plan beside fact by year, or financing by line; on screen and on paper."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QWidget

from cdo_desktop.core.model import FinancingLine, PlanFactRow, sum_or_none
from cdo_desktop.core.numbers import format_number, tidy_total
from cdo_desktop.core.status import fact_status

# White and black: the chart is also printed.
pg.setConfigOptions(antialias=True, background="w", foreground="k")

PLAN_COLOR = QColor("#9dc3e6")
FACT_COLOR = QColor("#1f4e79")
LINE_COLORS = [
    QColor(c)
    for c in (
        "#1f4e79",
        "#f4b183",
        "#70ad47",
        "#9dc3e6",
        "#7030a0",
        "#c00000",
        "#ffc000",
        "#5b9bd5",
    )
]
BAR_WIDTH = 0.38
MAX_SERIES = 8  # financing lines drawn apart; the rest share one band


@dataclass(frozen=True)
class Series:
    """One set of bars: a name for the legend, a value per year (None draws no bar)."""

    name: str
    values: dict[int, Decimal | None]
    color: QColor


class RussianNumberAxis(pg.AxisItem):
    """Tick labels written the Russian way: 200 000, 0,5."""

    def tickStrings(self, values, scale, spacing):  # type: ignore[no-untyped-def]
        digits = max(0, -Decimal(str(spacing)).adjusted()) if spacing < 1 else 0
        return [
            format_number(
                Decimal(round(value * scale, digits)).quantize(Decimal(1).scaleb(-digits))
            )
            for value in values
        ]


class PlanFactChart(pg.PlotWidget):
    """Grouped bars by year, Russian legend and axis, the value under the cursor in words.

    `show_row` draws plan beside fact for an indicator or a result; `show_financing` stacks
    the financing lines with the yearly total above each column.
    """

    image_saved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, axisItems={"left": RussianNumberAxis("left")})
        self.setMenuEnabled(False)  # pyqtgraph's own menu speaks English
        self.hideButtons()
        self.setMouseEnabled(x=False, y=False)
        self.showGrid(x=False, y=True, alpha=0.25)
        left = self.getAxis("left")
        left.enableAutoSIPrefix(False)
        # Grid lines at the labelled ticks and the level under them, not the finest: clearer,
        # and each chart of a printed summary is drawn in 15 % less time.
        left.setStyle(maxTickLevel=1)
        self._legend = self.addLegend(offset=(-10, 5), labelTextSize="9pt", colCount=2)
        self._hover = pg.TextItem(
            "",
            color="k",
            anchor=(0, 1),
            fill=pg.mkBrush(255, 255, 255, 230),
            border=pg.mkPen("#808080"),
        )
        self._hover.setZValue(100)
        self._hover_lines: dict[int, str] = {}
        self._years: list[int] = []
        self.scene().sigMouseMoved.connect(self._show_value_under_cursor)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._open_context_menu)
        self.series: list[Series] = []
        self.setMinimumSize(240, 180)

    # ------------------------------------------------------------------ what is drawn

    def show_row(self, row: PlanFactRow | None, years: range) -> None:
        """Plan beside fact for each year of the row; an empty chart for None."""
        if row is None:
            self._draw([], list(years), title="Выберите строку таблицы", stacked=False)
            self.setToolTip("")
            return
        plan = Series("План", {year: row.value(year).plan for year in years}, PLAN_COLOR)
        fact = Series("Факт", {year: row.value(year).fact for year in years}, FACT_COLOR)
        title = f"{row.number}. {row.name}" if row.number else row.name
        self.setToolTip(f"{title}, {row.unit}" if row.unit else title)
        self._hover_lines = {}
        for year in years:
            value = row.value(year)
            status = fact_status(value.plan, value.fact, row.direction)
            self._hover_lines[year] = (
                f"{year}: план {format_number(value.plan)}, факт {format_number(value.fact)}"
                f"\n{status.describe()}"
            )
        self._draw([plan, fact], list(years), title=title, stacked=False, unit=row.unit)

    def show_financing(self, lines: Sequence[FinancingLine], years: range) -> None:
        """Each line's amount per year stacked into one column, the year's total above it.

        Past MAX_SERIES lines the rest are summed into one «прочие» band: fifty colours in a
        legend say nothing, and drawing them made a tab switch slow.
        """
        # Each line's totals once: a line's total walks its sources, and fifty lines by twelve
        # years are summed for the bands, the «прочие» band and the column totals.
        totals = [line.totals(years) for line in lines]
        shown = MAX_SERIES - 1 if len(lines) > MAX_SERIES else len(lines)
        series = [
            Series(
                f"{line.number}. {_shorten(line.name)}",
                line_totals,
                LINE_COLORS[index % len(LINE_COLORS)],
            )
            for index, (line, line_totals) in enumerate(zip(lines[:shown], totals, strict=False))
        ]
        if len(lines) > shown:
            rest = totals[shown:]
            series.append(
                Series(
                    f"Прочие строки ({len(rest)})",
                    {year: sum_or_none(one[year] for one in rest) for year in years},
                    QColor("#bfbfbf"),
                )
            )
        self._hover_lines = {}
        for year in years:
            parts = [f"{s.name}: {format_number(s.values.get(year))}" for s in series]
            total = tidy_total(sum_or_none(one[year] for one in totals))
            self._hover_lines[year] = "\n".join(
                [f"{year}, тыс. рублей", *parts, f"Итого: {format_number(total)}"]
            )
        self._draw(
            series, list(years), title="Объём финансирования", stacked=True, unit="тыс. рублей"
        )

    def _draw(
        self, series: list[Series], years: list[int], *, title: str, stacked: bool, unit: str = ""
    ) -> None:
        self.series = series
        self._years = years
        plot = self.getPlotItem()
        plot.clear()
        self._legend.clear()
        # One line of title: the full name is in the table beside (or above, on paper). The
        # title may be cut by a narrow chart, but never widens it.
        plot.setTitle(_shorten(title, 80), size="10pt")
        plot.titleLabel.setMinimumWidth(0)
        plot.titleLabel.item.setTextWidth(-1)
        # Plan/fact: two short names in a row at the right; financing: long names one per line.
        self._legend.setColumnCount(1 if stacked else 2)
        self._legend.anchor(
            itemPos=(0, 0) if stacked else (1, 0),
            parentPos=(0, 0) if stacked else (1, 0),
            offset=(10, 5) if stacked else (-10, 5),
        )
        plot.setLabel("left", unit)
        self._hover.setText("")
        plot.addItem(self._hover, ignoreBounds=True)
        if not years:
            return
        bottoms = dict.fromkeys(years, 0.0)
        for index, one in enumerate(series):
            xs, heights, y0 = [], [], []
            for year in years:
                value = one.values.get(year)
                if value is None:
                    continue
                xs.append(year if stacked else year + (index - (len(series) - 1) / 2) * BAR_WIDTH)
                heights.append(float(value))
                y0.append(bottoms[year] if stacked else 0.0)
                if stacked:
                    bottoms[year] += float(value)
            bars = pg.BarGraphItem(
                x=xs,
                height=heights,
                y0=y0,
                width=BAR_WIDTH * (2 if stacked else 1),
                brush=one.color,
                pen=pg.mkPen(one.color.darker(130)),
            )
            plot.addItem(bars)
            self._legend.addItem(bars, one.name)
        if stacked:
            for year in years:
                present = [one.values[year] for one in series if one.values.get(year) is not None]
                if present:
                    self._add_label(tidy_total(sum(present, Decimal(0))), year, bottoms[year])
        elif len(years) <= 8:
            for index, one in enumerate(series):
                for year in years:
                    value = one.values.get(year)
                    if value is not None:
                        offset = (index - (len(series) - 1) / 2) * BAR_WIDTH
                        self._add_label(value, year + offset, float(value))
        self.getAxis("bottom").setTicks([[(year, str(year)) for year in years]])
        highest = max(
            [
                *bottoms.values(),
                *(float(v) for one in series for v in one.values.values() if v is not None),
                0.0,
            ]
        )
        plot.setXRange(years[0] - 0.6, years[-1] + 0.6, padding=0)
        # Headroom above the highest bar for its label and the legend.
        headroom = 1.35 + (0.12 * len(series) if stacked else 0)  # stacked: a legend line a series
        plot.setYRange(0, highest * headroom if highest > 0 else 1, padding=0)

    def _add_label(self, value: Decimal, x: float, y: float) -> None:
        label = pg.TextItem(format_number(value), color="k", anchor=(0.5, 1))
        label.setFont(QFont(label.textItem.font().family(), 8))
        label.setPos(x, y)
        self.getPlotItem().addItem(label)

    # ------------------------------------------------------------------ interaction

    def hover_text(self, year: int) -> str:
        """What the chart says about a year when the cursor is over it."""
        return self._hover_lines.get(year, "")

    def _show_value_under_cursor(self, position: QPointF) -> None:
        plot = self.getPlotItem()
        if not self._years or not plot.sceneBoundingRect().contains(position):
            self._hover.setText("")
            return
        point = plot.vb.mapSceneToView(position)
        year = round(point.x())
        if year not in self._years:
            self._hover.setText("")
            return
        self._hover.setText(self.hover_text(year))
        view = plot.vb.viewRect()
        self._hover.setAnchor((1, 1) if point.x() > view.center().x() else (0, 1))
        self._hover.setPos(point.x(), point.y())

    def _open_context_menu(self, position) -> None:  # type: ignore[no-untyped-def]
        menu = QMenu(self)
        save = QAction("Сохранить как изображение…", menu)
        save.triggered.connect(self.save_image_interactively)
        menu.addAction(save)
        menu.exec(self.mapToGlobal(position))

    def save_image_interactively(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Сохранить график", "график.png", "Изображение PNG (*.png)"
        )
        if path:
            if not path.lower().endswith(".png"):
                path += ".png"
            self.save_image(path)

    def save_image(self, path: str) -> bool:
        """The chart as shown, twice as sharp, as PNG."""
        saved = self.render_image(self.width(), self.height()).save(path, "PNG")
        if saved:
            self.image_saved.emit(path)
        return saved

    def render_image(self, width: int, height: int, scale: float = 2.0) -> QImage:
        """The chart drawn at width×height logical pixels, `scale` times sharper for print."""
        self._hover.setText("")
        if not self.isVisible() or (self.width(), self.height()) != (width, height):
            # Laid out like a shown window but never put on the screen: pyqtgraph sizes its
            # plot only on real resize events, so each size asked for is shown once.
            self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            self.resize(width, height)
            self.show()
            QApplication.processEvents()
        else:
            # pyqtgraph fits an axis to its tick labels while painting it, and the plot to the
            # axis on the next turn of the event loop: the labels of this drawing are measured
            # and the layout settled, without painting the whole chart once more for it.
            scratch = QImage(1, 1, QImage.Format.Format_ARGB32)
            painter = QPainter(scratch)
            for name in ("left", "bottom"):
                self.getAxis(name).generateDrawSpecs(painter)
            painter.end()
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
        # pyqtgraph's exporter redraws the scene at the larger size (a plain scaled render
        # misplaces its clipped items).
        exporter = ImageExporter(self.getPlotItem())
        exporter.parameters()["width"] = round(self.viewport().width() * scale)
        exporter.parameters()["antialias"] = True
        image = exporter.export(toBytes=True)
        assert isinstance(image, QImage)
        return image


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render_row_chart(
    row: PlanFactRow, years: range, width: int, height: int, scale: float = 2.0
) -> QImage:
    """A plan/fact chart as an image, for reports (needs a QApplication, not a window)."""
    chart = PlanFactChart()
    chart.show_row(row, years)
    image = chart.render_image(width, height, scale)
    chart.close()
    chart.deleteLater()
    return image


def render_financing_chart(
    lines: Sequence[FinancingLine], years: range, width: int, height: int, scale: float = 2.0
) -> QImage:
    chart = PlanFactChart()
    chart.show_financing(lines, years)
    image = chart.render_image(width, height, scale)
    chart.close()
    chart.deleteLater()
    return image
