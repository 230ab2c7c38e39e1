"""The one chart: plan beside fact by year, or financing by line; on screen and on paper."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QWidget

from cdo_desktop.core.model import FinancingLine, PlanFactRow, sum_or_none
from cdo_desktop.core.numbers import format_number, tidy_total
from cdo_desktop.core.status import row_status

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
LEGEND_SIZE = "9pt"
TITLE_MARGIN = 6  # pixels above and below the title's text
LABEL_POINTS = 8
LABEL_GAP = 6  # pixels between two value labels at least
HEADROOM = 1.15  # the highest bar's label fits above it
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

    def boundingRect(self):  # type: ignore[no-untyped-def]
        # The «0» sits on the plot's lower edge: half its text lies below the axis, and
        # pyqtgraph drops a label that leaves the axis (with the grid on, whatever the
        # hideOverlappingLabels style says). Half a line more each way keeps it.
        half_line = QFontMetricsF(self.style["tickFont"] or QFont()).height() / 2 + 1
        return super().boundingRect().adjusted(0, -half_line, 0, half_line)


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
        # The legend is a line of its own between the title and the plot (where the unused top
        # axis was): inside the plot it covered value labels and grid lines ran through it.
        plot = self.getPlotItem()
        plot.layout.removeItem(plot.getAxis("top"))
        self._legend = _NarrowLabel("", size=LEGEND_SIZE)
        plot.layout.addItem(self._legend, 1, 1)
        # The title may be cut by a narrow chart, but never widens it (pyqtgraph's own label
        # holds the plot as wide as its text, and a narrow chart was drawn off its edges).
        plot.layout.removeItem(plot.titleLabel)
        plot.titleLabel.setParentItem(None)
        plot.titleLabel = _NarrowLabel("", size="10pt")
        plot.layout.addItem(plot.titleLabel, 0, 1)
        plot.setTitle(None)
        self._labels: list[_ValueLabel] = []
        plot.vb.sigResized.connect(self._place_labels)
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
            status = row_status(row, year)
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
        self._labels = []
        # One line of title: the full name is in the table beside (or above, on paper).
        plot.setTitle(_shorten(title, 80), size="10pt")
        # pyqtgraph gives the title 30 px whatever its font: a larger system font (125 %,
        # 150 %) lost the top of the letters. The row is as tall as the text.
        _fit_row(plot, 0, plot.titleLabel, TITLE_MARGIN)
        self._show_legend(series, stacked)
        # A chart drawn before it is shown (a tab not yet seen) kept the rows it was made with
        # (the title's: none) until the next resize: its title sat half above the top edge.
        plot.layout.activate()
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
        if stacked:
            for year in years:
                present = [v for one in series if (v := one.values.get(year)) is not None]
                if present:
                    total = tidy_total(sum(present, Decimal(0)))
                    assert total is not None  # a sum of values there are
                    self._labels.append(_ValueLabel(year, [(year, total, bottoms[year])]))
        elif len(years) <= 8:
            for year in years:
                values = []
                for index, one in enumerate(series):
                    value = one.values.get(year)
                    if value is not None:
                        offset = (index - (len(series) - 1) / 2) * BAR_WIDTH
                        values.append((year + offset, value, float(value)))
                if values:
                    self._labels.append(_ValueLabel(year, values))
        self.getAxis("bottom").setTicks([[(year, str(year)) for year in years]])
        highest = max(
            [
                *bottoms.values(),
                *(float(v) for one in series for v in one.values.values() if v is not None),
                0.0,
            ]
        )
        plot.setXRange(years[0] - 0.6, years[-1] + 0.6, padding=0)
        # Headroom above the highest bar for its label (the legend is outside the plot).
        plot.setYRange(0, highest * HEADROOM if highest > 0 else 1, padding=0)
        self._place_labels()

    def _show_legend(self, series: list[Series], stacked: bool) -> None:
        """Plan/fact: two short names in a row at the right; financing: one line a series."""
        entries = [
            f'<span style="color:{one.color.name()}">■</span>&nbsp;{html.escape(one.name)}'
            for one in series
        ]
        self._legend.opts["justify"] = "left" if stacked else "right"
        self._legend.setText(("<br>" if stacked else "&nbsp;&nbsp;&nbsp;").join(entries))
        _fit_row(self.getPlotItem(), 1, self._legend, 2 if entries else 0)

    def _place_labels(self) -> None:
        """The values above the bars, as many as can be read: a label beside another that it
        would touch («119119») becomes one label for the year («119 / 119»); when even those
        touch, none is drawn (the numbers are in the table beside the chart)."""
        plot = self.getPlotItem()
        for item in [i for i in plot.items if isinstance(i, pg.TextItem) and i is not self._hover]:
            plot.removeItem(item)
        if not self._labels:
            return
        (left, right), _ = plot.vb.viewRange()
        pixels_per_unit = plot.vb.width() / (right - left) if right > left else 0.0
        metrics = QFontMetricsF(_label_font())
        for labels in (
            [(x, format_number(v), y) for one in self._labels for x, v, y in one.values],
            [one.joined() for one in self._labels],
        ):
            if _apart(labels, metrics, pixels_per_unit):
                for x, text, y in labels:
                    self._add_label(text, x, y)
                return

    def _add_label(self, text: str, x: float, y: float) -> None:
        label = pg.TextItem(text, color="k", anchor=(0.5, 1))
        label.setFont(_label_font())
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
        saved = bool(self.render_image(self.width(), self.height()).save(path))  # by its .png
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


class _NarrowLabel(pg.LabelItem):
    """A label that asks for its text's height but for no width: a long text is cut by a
    narrow chart instead of widening the plot past the chart's edges."""

    def updateMin(self) -> None:
        super().updateMin()
        height = self.itemRect().height()
        self.setMinimumWidth(0)
        self._sizeHint[Qt.SizeHint.MinimumSize] = (0, height)
        self.updateGeometry()


@dataclass(frozen=True)
class _ValueLabel:
    """The values drawn above the bars of one year: (x, value, top of the bar) each."""

    year: int
    values: list[tuple[float, Decimal, float]]

    def joined(self) -> tuple[float, str, float]:
        """One label for the year: «план / факт» over the pair, at the taller bar."""
        text = " / ".join(format_number(value) for _, value, _ in self.values)
        return float(self.year), text, max(top for _, _, top in self.values)


def _label_font() -> QFont:
    return QFont(QApplication.font().family(), LABEL_POINTS)


def _apart(labels: list[tuple[float, str, float]], metrics: QFontMetricsF, scale: float) -> bool:
    """True when no label touches the next one (centred texts, LABEL_GAP pixels apart)."""
    placed = sorted((x * scale, metrics.horizontalAdvance(text)) for x, text, _ in labels)
    return all(
        (width + next_width) / 2 + LABEL_GAP <= next_x - x
        for (x, width), (next_x, next_width) in pairwise(placed)
    )


def _fit_row(plot: pg.PlotItem, row: int, label: pg.LabelItem, margin: float) -> None:
    """A row of the plot's layout exactly as tall as its label's text (none for no text)."""
    height = label.item.boundingRect().height() + margin if label.text else 0
    label.setMaximumHeight(height)
    plot.layout.setRowFixedHeight(row, height)


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
