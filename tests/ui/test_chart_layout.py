"""The chart as read on screen and on paper: the title whole, the legend clear of the bars and
the grid, value labels that never touch, and a «0» at the foot of the axis."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage, QPainter

from cdo_desktop.charts.plan_fact_chart import PlanFactChart
from cdo_desktop.core.model import PlanFact, PlanFactRow
from cdo_desktop.workspace import demo_projects

YEARS = range(2019, 2025)


def labels(chart):
    """The value labels drawn: (text, rectangle in the chart's pixels)."""
    plot = chart.getPlotItem()
    return [
        (item.textItem.toPlainText(), item.mapRectToScene(item.boundingRect()))
        for item in plot.items
        if isinstance(item, pg.TextItem) and item.textItem.toPlainText() and item.isVisible()
    ]


def axis_texts(chart):
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    specs = chart.getAxis("left").generateDrawSpecs(painter)
    painter.end()
    return [text for _, _, text in specs[2]]


def row_119():
    row = demo_projects()[0].results[0]
    assert row.value(2020) == PlanFact(Decimal(119), Decimal(119))
    return row


@pytest.mark.parametrize("stacked", [False, True])
def test_the_legend_is_above_the_plot_not_on_it(qtbot, stacked):
    chart = PlanFactChart()
    qtbot.addWidget(chart)
    project = demo_projects()[0]
    if stacked:
        chart.show_financing(project.financing, YEARS)
    else:
        chart.show_row(row_119(), YEARS)
    chart.render_image(520, 300, 1.0)
    plot = chart.getPlotItem()
    legend = chart._legend
    assert "План" in legend.text or "1. " in legend.text
    # Grid lines and value labels are drawn in the plot; the legend is a row above it.
    assert legend.geometry().bottom() <= plot.vb.geometry().top()
    assert legend.geometry().top() >= plot.titleLabel.geometry().bottom()
    for _, rect in labels(chart):
        assert not rect.intersects(legend.sceneBoundingRect())


@pytest.mark.parametrize(
    ("width", "labelled"), [(1100, "apart"), (420, "joined"), (300, "none"), (600, None)]
)
def test_value_labels_never_touch(qtbot, width, labelled):
    chart = PlanFactChart()
    qtbot.addWidget(chart)
    chart.show_row(row_119(), YEARS)
    chart.render_image(width, 260, 2.0)
    shown = labels(chart)
    texts = [text for text, _ in shown]
    if labelled == "apart":
        assert texts.count("119") == 2 and "119 / 119" not in texts
    elif labelled == "joined":
        assert "119 / 119" in texts and "119" not in texts
    elif labelled == "none":
        assert texts == []
    ordered = sorted((rect for _, rect in shown), key=lambda rect: rect.left())
    for left, right in pairwise(ordered):
        assert left.right() + 4 <= right.left(), texts


def test_labels_too_wide_even_joined_are_left_to_the_table(qtbot):
    row = PlanFactRow("1", "Большие числа")
    row.values = {year: PlanFact(Decimal("123456789.5"), Decimal("123456788.5")) for year in YEARS}
    chart = PlanFactChart()
    qtbot.addWidget(chart)
    chart.show_row(row, YEARS)
    chart.render_image(300, 200, 1.0)
    assert labels(chart) == []
    chart.render_image(2400, 300, 1.0)
    assert len(labels(chart)) == 2 * len(YEARS)


@pytest.mark.parametrize("stacked", [False, True])
def test_the_axis_shows_zero(qtbot, stacked):
    chart = PlanFactChart()
    qtbot.addWidget(chart)
    project = demo_projects()[0]
    if stacked:
        chart.show_financing(project.financing, YEARS)
    else:
        chart.show_row(project.indicators[1], YEARS)
    chart.render_image(520, 300, 1.0)
    assert "0" in axis_texts(chart)


def test_the_title_of_a_tabs_chart_is_whole(window, qtbot):
    from cdo_desktop.ui.main_window import INDICATORS

    window.resize(1280, 720)
    window.tabs.setCurrentIndex(INDICATORS)
    chart = window.tabs.indicators.chart
    qtbot.waitUntil(lambda: chart.getAxis("left").width() > 20)
    title = chart.getPlotItem().titleLabel
    text = title.item.mapRectToScene(title.item.boundingRect())
    assert text.top() >= 0 and title.geometry().height() >= text.height()
