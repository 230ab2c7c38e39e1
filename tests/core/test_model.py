"""Financing totals: each amount counted once, a parent or its «из них» children, never both."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from cdo_desktop.core.model import ALL_SOURCES, BudgetSource, FinancingLine, financing_total


def line(*sources: BudgetSource) -> FinancingLine:
    return FinancingLine(number="1", name="Линия", sources=list(sources))


def test_single_source_total():
    financing = line(BudgetSource(ALL_SOURCES, None, {2019: Decimal("37955.2")}))
    assert financing.total(2019) == Decimal("37955.2")
    assert financing.total(2020) is None


def test_parent_and_child_are_not_added_together():
    financing = line(
        BudgetSource("бюджет субъекта", None, {2020: Decimal(100)}),
        BudgetSource(
            "из них: межбюджетные трансферты из федерального бюджета",
            "бюджет субъекта",
            {2020: Decimal(80)},
        ),
        BudgetSource("внебюджетные источники", None, {2020: Decimal(5)}),
    )
    assert financing.total(2020) == Decimal(105)


def test_parent_without_amount_counts_its_children():
    financing = line(
        BudgetSource("бюджет субъекта", None, {}),
        BudgetSource("из них: федеральный бюджет", "бюджет субъекта", {2020: Decimal(80)}),
        BudgetSource("из них: областной бюджет", "бюджет субъекта", {2020: Decimal("0.5")}),
    )
    assert financing.total(2020) == Decimal("80.5")
    assert financing.total(2021) is None


def test_empty_is_not_zero_in_totals():
    empty = line(BudgetSource(ALL_SOURCES, None, {}))
    zero = line(BudgetSource(ALL_SOURCES, None, {2020: Decimal(0)}))
    assert empty.total(2020) is None
    assert zero.total(2020) == 0
    assert financing_total([empty, zero], 2020) == 0
    assert financing_total([empty], 2020) is None


def scanned_amount(source, year, sources):
    """The rule as first written: own amount, else the children found by a scan of the line."""
    own = source.values.get(year)
    if own is not None:
        return own
    present = [
        amount
        for child in sources
        if child.parent == source.name
        if (amount := scanned_amount(child, year, sources)) is not None
    ]
    return sum(present, Decimal(0)) if present else None


amounts = st.dictionaries(
    st.integers(2019, 2022),
    st.decimals(min_value=-1000, max_value=10**6, places=2, allow_nan=False)
    | st.sampled_from([Decimal("0"), Decimal("-0"), Decimal("0.00"), Decimal("1.50")]),
    max_size=4,
)


@st.composite
def source_trees(draw):
    """Sources of a line, each «из них» of an earlier one or of none (grandchildren too)."""
    sources = []
    for number in range(draw(st.integers(0, 6))):
        parent = draw(st.none() | st.sampled_from([s.name for s in sources] or [None]))
        sources.append(BudgetSource(f"источник {number}", parent, draw(amounts)))
    return sources


@given(source_trees())
def test_totals_equal_the_scan_of_the_line_exactly(sources):
    financing = line(*sources)
    years = range(2018, 2024)
    for year in years:
        expected = [
            amount
            for source in sources
            if source.parent is None
            if (amount := scanned_amount(source, year, sources)) is not None
        ]
        total = financing.total(year)
        if not expected:
            assert total is None
        else:
            wanted = sum(expected, Decimal(0))
            # The same number and the same digits: 5.00 stays 5.00, a -0 sum is 0.
            assert str(total) == str(wanted)
    present = [total for total in financing.totals(years).values() if total is not None]
    assert financing.grand_total(years) == (sum(present, Decimal(0)) if present else None)
