"""The limits a workbook's values obey, the same as a JSON document's.

A private copy for now: core.numbers is gaining one shared check (issue 13); when it lands,
these two functions should call it instead.
"""

from __future__ import annotations

import re
from decimal import Decimal

MAX_ABS_DIGITS = 15  # |value| < 10^15
MAX_DECIMALS = 10
MAX_TEXT = 32767  # Excel's own limit for one cell
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

NUMBER_LIMITS = (
    f"по модулю меньше 10^{MAX_ABS_DIGITS}, не больше {MAX_DECIMALS} знаков после запятой"
)


def number_within_limits(value: Decimal) -> bool:
    exponent = value.as_tuple().exponent
    return (
        value.is_finite()
        and not (value and value.adjusted() >= MAX_ABS_DIGITS)
        and isinstance(exponent, int)
        and exponent >= -MAX_DECIMALS
    )


def text_problem(text: str) -> str | None:
    """Why a text cannot be stored, or None."""
    if len(text) > MAX_TEXT:
        return f"текст длиной {len(text)} знаков, допускается не более {MAX_TEXT}"
    found = _CONTROL.search(text)
    if found is not None:
        return f"текст содержит недопустимый управляющий символ (код {ord(found.group())})"
    return None
