"""The one display rule for computed totals (core.totals), shared by the window, PDF and xlsx."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from cdo_desktop.core.model import BudgetSource, FinancingLine
from cdo_desktop.core.numbers import format_number
from cdo_desktop.core.totals import (
    grand_total,
    line_grand_total,
    line_year_total,
    source_grand_total,
    year_and_grand_total,
    year_total,
)
from tests.core.test_model import source_trees

YEARS = range(2019, 2021)


def line(number, *amounts_by_source):
    sources = [
        BudgetSource(name=f"источник {index}", values=dict(zip(YEARS, amounts, strict=True)))
        for index, amounts in enumerate(amounts_by_source)
    ]
    return FinancingLine(number=number, name=f"линия {number}", sources=sources)


def shown(value):
    return format_number(value)


def test_totals_show_the_decimals_they_need():
    typed = line("1", [Decimal("230435.8"), Decimal("186156.3")])
    trailing = line("2", [Decimal("13264.90"), Decimal("11698.7")])
    lines = [typed, trailing]
    assert shown(line_year_total(trailing, 2019)) == "13 264,90"  # one source: as typed
    assert shown(year_total(lines, 2019)) == "243 700,7"
    assert shown(year_total(lines, 2020)) == "197 855"
    assert shown(line_grand_total(trailing, YEARS)) == "24 963,6"
    assert shown(grand_total(lines, YEARS)) == "441 555,7"


def test_a_line_of_several_sources_sums_tidily_and_a_source_its_years():
    several = line("1", [Decimal("1.10"), Decimal("2.20")], [Decimal("3.30"), None])
    assert shown(line_year_total(several, 2019)) == "4,4"
    assert shown(line_year_total(several, 2020)) == "2,2"
    assert shown(source_grand_total(several.sources[0], YEARS)) == "3,3"
    assert source_grand_total(BudgetSource(name="пусто", values={}), YEARS) is None
    assert year_total([], 2019) is None


@given(st.lists(source_trees(), max_size=4), st.integers(2017, 2024))
def test_the_overview_takes_both_totals_from_one_pass(trees, year):
    lines = [
        FinancingLine(number=str(number), name="линия", sources=sources)
        for number, sources in enumerate(trees, 1)
    ]
    years = range(2019, 2023)
    in_year, in_all = year_and_grand_total(lines, years, year)
    assert str(in_year) == str(year_total(lines, year))
    assert str(in_all) == str(grand_total(lines, years))
