"""The limits a workbook's values obey: the same as a JSON document's and a typed value's.

The checks themselves are core's (core.numbers.check_magnitude, core.text.check_cell_text);
this module words them for the Excel reader, which names the sheet and cell.
"""

from __future__ import annotations

from decimal import Decimal

from cdo_desktop.core.numbers import MAX_ABS_DIGITS, MAX_DECIMALS, in_range
from cdo_desktop.core.text import TextValueError, check_cell_text

__all__ = [
    "MAX_ABS_DIGITS",
    "MAX_DECIMALS",
    "NUMBER_LIMITS",
    "number_within_limits",
    "text_problem",
]

NUMBER_LIMITS = (
    f"по модулю меньше 10^{MAX_ABS_DIGITS}, не больше {MAX_DECIMALS} знаков после запятой"
)


def number_within_limits(value: Decimal) -> bool:
    return in_range(value)


def text_problem(text: str) -> str | None:
    """Why a text cannot be stored, or None."""
    try:
        check_cell_text(text)
    except TextValueError as error:
        return str(error)
    return None
