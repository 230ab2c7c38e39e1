"""The one place where numbers are parsed from and formatted for people, the Russian way."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# What a document or a user writes for "no value": a hyphen, en dash, em dash or minus sign alone.
EMPTY_MARKS = frozenset({"", "-", "–", "—", "−"})
# The mark printed for "no value" (the ministry's documents use a dash).
NO_VALUE = "–"

_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009']")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


# The largest amount and the finest fraction a passport figure can have; beyond them a value is
# a typing slip (or 1e400 in a file), and charts and totals would overflow.
MAX_ABS_DIGITS = 15
MAX_ABS = Decimal(10) ** MAX_ABS_DIGITS
MAX_DECIMALS = 10


NOT_A_NUMBER = "не число"
OUT_OF_RANGE = (
    f"вне допустимых пределов: по модулю меньше 10^{MAX_ABS_DIGITS}, "
    f"не больше {MAX_DECIMALS} знаков после запятой"
)


class NumberFormatError(ValueError):
    """Text that is neither a number nor an empty mark, or a number beyond the limits;
    `reason` says which, in Russian, to follow the value in a message («…» — не число)."""

    def __init__(self, text: str, reason: str = NOT_A_NUMBER) -> None:
        super().__init__(text)
        self.text = text
        self.reason = reason


def parse_number(text: str | None) -> Decimal | None:
    """Read `38,28`, `37 955,2`, `13 264,90`, `38.28`; `-`, `–`, `—` or blank give None.

    The digits are kept exactly as written (`6,0` stays `6.0`), so what is typed is what is shown.
    """
    if text is None:
        return None
    stripped = text.strip()
    if stripped in EMPTY_MARKS:
        return None
    compact = _SPACES.sub("", stripped).replace("−", "-").replace(",", ".")
    if not _NUMBER.fullmatch(compact):
        raise NumberFormatError(text)
    try:
        value = Decimal(compact)
    except InvalidOperation as error:  # pragma: no cover - the pattern above admits only digits
        raise NumberFormatError(text) from error
    if compact.endswith("."):
        value = value.quantize(Decimal(1))
    return check_magnitude(value, text)


def check_magnitude(value: Decimal, text: str | None = None) -> Decimal:
    """The value itself, or NumberFormatError when it is beyond MAX_ABS or MAX_DECIMALS.

    The one limit of every number the program takes in: typed, pasted, loaded from JSON,
    read from a workbook (through parse_number and to_decimal).
    """
    # adjusted() is the exponent of the first digit: below 15 means |value| < 10^15 (and zero,
    # whose adjusted() is its own exponent, passes here and is judged by its decimals below).
    if (
        not value.is_finite()
        or (value and value.adjusted() >= MAX_ABS_DIGITS)
        or value.as_tuple().exponent < -MAX_DECIMALS  # type: ignore[operator]
    ):
        raise NumberFormatError(text if text is not None else str(value), OUT_OF_RANGE)
    return value


def in_range(value: Decimal) -> bool:
    try:
        check_magnitude(value)
    except NumberFormatError:
        return False
    return True


def to_decimal(value: Decimal | int | float | str | None) -> Decimal | None:
    """A number from a program source (JSON, a spreadsheet cell) as an exact Decimal."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise NumberFormatError(str(value))
    if isinstance(value, Decimal):
        return check_magnitude(value)
    if isinstance(value, int):
        return check_magnitude(Decimal(value))
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise NumberFormatError(str(value))
        # repr() is the shortest text that reads back as the same float: 38.28, not 38.2799999.
        return check_magnitude(Decimal(repr(value)))
    return parse_number(value)


def format_number(value: Decimal | None, *, empty: str = NO_VALUE) -> str:
    """`37 955,2`, `38,28`, `13 264,90`; None gives the dash.

    Thousands are split by a plain space, as the ministry types them, so the text found in a PDF
    or pasted into Excel is the text people search for; layouts keep numbers from wrapping.
    """
    if value is None:
        return empty
    text = f"{value:f}"
    sign = ""
    if text.startswith("-"):
        sign, text = "−", text[1:]
    whole, _, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = sign + " ".join(groups)
    if fraction:
        result += "," + fraction
    return result


def tidy_total(value: Decimal | None) -> Decimal | None:
    """A computed sum without the trailing zeros its terms brought (243 700,70 → 243 700,7):
    typed values keep their digits, totals read like the ministry's tables."""
    return None if value is None else value.normalize() + 0


def format_number_plain(value: Decimal | None) -> str:
    """A number for editing and the clipboard: Russian comma, no thousand separators."""
    if value is None:
        return ""
    return f"{value:f}".replace(".", ",")


def format_percent(value: Decimal | None, *, digits: int = 1) -> str:
    """`1200 %`, `102,5 %` — rounded for reading, trailing zeros dropped, thousands not split."""
    if value is None:
        return NO_VALUE
    rounded = value.quantize(Decimal(1).scaleb(-digits))
    if rounded == rounded.to_integral_value():
        rounded = rounded.quantize(Decimal(1))
    return format_number_plain(rounded).replace("-", "−") + " %"


def json_number(value: Decimal) -> str:
    """The exact digits of a Decimal as a JSON number: 38.28, 37955.2, never 3.828E+1."""
    return f"{value:f}"
