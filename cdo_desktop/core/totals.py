"""Totals of the financing table as every output shows them: the window, the PDF, the workbook.

One rule: a sum computed by the program («Итого», «Всего», a line of several sources) shows the
decimals it needs — 243 700,7, not the 243 700,70 that a typed 13 264,90 brings into it; an
amount typed by a person (a line with one source) keeps its digits as typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from cdo_desktop.core.model import BudgetSource, FinancingLine, financing_total, sum_or_none
from cdo_desktop.core.numbers import tidy_total


def sum_shown(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of the amounts given, as a total is shown; None when there are none."""
    return tidy_total(sum_or_none(values))


def line_year_total(line: FinancingLine, year: int) -> Decimal | None:
    """A line's amount for a year: as typed with one source, a tidy sum with several."""
    total = line.total(year)
    return total if len(line.sources) == 1 else tidy_total(total)


def line_grand_total(line: FinancingLine, years: range) -> Decimal | None:
    """A line's «Всего» over the years."""
    return tidy_total(line.grand_total(years))


def source_grand_total(source: BudgetSource, years: range) -> Decimal | None:
    """A source's «Всего» over the years."""
    return sum_shown(source.values.get(year) for year in years)


def year_total(lines: Sequence[FinancingLine], year: int) -> Decimal | None:
    """«Итого» of a year over all lines."""
    return tidy_total(financing_total(list(lines), year))


def grand_total(lines: Sequence[FinancingLine], years: range) -> Decimal | None:
    """«Итого» of «Всего»: every line, every year (the sum of each year's «Итого»)."""
    return sum_shown(total for line in lines for total in line.totals(years).values())


def year_and_grand_total(
    lines: Sequence[FinancingLine], years: range, year: int
) -> tuple[Decimal | None, Decimal | None]:
    """year_total(lines, year) and grand_total(lines, years) from one pass over each line's
    years (the overview asks both of 60 projects at once); a year outside `years` has None."""
    per_line = [line.totals(years) for line in lines]
    in_year = tidy_total(sum_or_none(totals.get(year) for totals in per_line))
    return in_year, sum_shown(total for totals in per_line for total in totals.values())
