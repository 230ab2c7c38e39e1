"""Financing totals: each amount counted once, a parent or its «из них» children, never both."""

from decimal import Decimal

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
