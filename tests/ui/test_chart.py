"""The one chart: financing bands, the value under the cursor, saving as PNG."""

from __future__ import annotations

from decimal import Decimal

from cdo_desktop.charts.plan_fact_chart import MAX_SERIES, PlanFactChart
from cdo_desktop.core.model import ALL_SOURCES, BudgetSource, FinancingLine
from cdo_desktop.workspace import demo_projects

YEARS = range(2019, 2025)


def lines(count):
    return [
        FinancingLine(
            str(i),
            f"Строка {i}",
            sources=[BudgetSource(ALL_SOURCES, None, {year: Decimal(i) for year in YEARS})],
        )
        for i in range(1, count + 1)
    ]


def test_many_financing_lines_share_one_band(qtbot):
    chart = PlanFactChart()
    qtbot.addWidget(chart)
    chart.show_financing(lines(12), YEARS)
    assert len(chart.series) == MAX_SERIES
    rest = chart.series[-1]
    assert rest.name == "Прочие строки (5)"
    assert rest.values[2020] == sum(Decimal(i) for i in range(8, 13))
    assert "Итого: 78" in chart.hover_text(2020)


def test_demo_financing_and_saving_the_picture(qtbot, tmp_path):
    chart = PlanFactChart()
    qtbot.addWidget(chart)
    chart.resize(700, 400)
    chart.show_financing(demo_projects()[0].financing, YEARS)
    assert [s.name[:2] for s in chart.series] == ["1.", "2."]
    assert chart.hover_text(2020).endswith("Итого: 243 700,7")
    target = tmp_path / "график.png"
    with qtbot.waitSignal(chart.image_saved):
        assert chart.save_image(str(target))
    assert target.stat().st_size > 5_000
