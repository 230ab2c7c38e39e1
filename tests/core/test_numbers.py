"""Russian numbers: parsing what people type, formatting what they read."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdo_desktop.core.numbers import (
    OUT_OF_RANGE,
    NumberFormatError,
    format_number,
    format_number_plain,
    format_percent,
    in_range,
    parse_number,
    to_decimal,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("38,28", Decimal("38.28")),
        ("37 955,2", Decimal("37955.2")),
        ("37\u00a0955,2", Decimal("37955.2")),
        ("13 264,90", Decimal("13264.90")),
        ("38.28", Decimal("38.28")),
        ("6,0", Decimal("6.0")),
        ("0", Decimal(0)),
        ("-5", Decimal(-5)),
        ("−5,5", Decimal("-5.5")),
        ("  17  ", Decimal(17)),
        ("230 435,8", Decimal("230435.8")),
    ],
)
def test_parse_reads_russian_numbers(text, expected):
    value = parse_number(text)
    assert value == expected
    assert str(value) == str(expected)  # the digits, not only the value


@pytest.mark.parametrize("text", ["", "  ", "-", "–", "—", None])
def test_parse_reads_dashes_and_blanks_as_no_value(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["десять", "1,2,3", "12a", "1e5", "nan", "inf", "--1", ","])
def test_parse_refuses_what_is_not_a_number(text):
    with pytest.raises(NumberFormatError):
        parse_number(text)


def test_zero_is_a_value_not_an_empty_one():
    assert parse_number("0") == 0
    assert parse_number("0") is not None
    assert format_number(Decimal(0)) == "0"
    assert format_number(None) == "–"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("37955.2"), "37 955,2"),
        (Decimal("38.28"), "38,28"),
        (Decimal("13264.90"), "13 264,90"),
        (Decimal("792269.8"), "792 269,8"),
        (Decimal("1"), "1"),
        (Decimal("6.0"), "6,0"),
        (Decimal("-1234.5"), "−1 234,5"),
        (Decimal("1000000"), "1 000 000"),
        (Decimal("1E+3"), "1 000"),
    ],
)
def test_format_writes_the_russian_way(value, text):
    assert format_number(value) == text


def test_plain_format_is_for_editing_and_the_clipboard():
    assert format_number_plain(Decimal("37955.2")) == "37955,2"
    assert format_number_plain(None) == ""


def test_percent():
    assert format_percent(Decimal(1200)) == "1200 %"
    assert format_percent(Decimal("102.54")) == "102,5 %"
    assert format_percent(Decimal("100.00")) == "100 %"


def test_to_decimal_keeps_float_digits_short():
    assert to_decimal(38.28) == Decimal("38.28")
    assert to_decimal(5) == Decimal(5)
    with pytest.raises(NumberFormatError):
        to_decimal(True)
    with pytest.raises(NumberFormatError):
        to_decimal(float("nan"))


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12
    ).filter(in_range)
)
def test_format_then_parse_gives_the_same_value(value):
    assert parse_number(format_number(value)) == value
    assert parse_number(format_number_plain(value)) == value


def test_totals_drop_the_zeros_their_terms_brought():
    from cdo_desktop.core.numbers import tidy_total

    assert format_number(tidy_total(Decimal("230435.8") + Decimal("13264.90"))) == "243 700,7"
    assert format_number(tidy_total(Decimal("100.00"))) == "100"
    assert tidy_total(None) is None


@pytest.mark.parametrize("text", ["1" + "0" * 400, "1 000 000 000 000 000", "0,00000000001"])
def test_numbers_beyond_any_passport_figure_are_refused(text):
    with pytest.raises(NumberFormatError):
        parse_number(text)
    with pytest.raises(NumberFormatError):
        to_decimal(1e300)


@pytest.mark.parametrize(
    "read",
    [
        lambda: parse_number("1 000 000 000 000 000"),
        lambda: parse_number("0,00000000001"),
        lambda: to_decimal(1e300),
        lambda: to_decimal(1.5e-300),
        lambda: to_decimal(10**15),
        lambda: to_decimal(Decimal("1E+400")),
    ],
)
def test_one_limit_for_every_number_says_why(read):
    """Typed, pasted (parse_number) and from a file (to_decimal): the same check_magnitude."""
    with pytest.raises(NumberFormatError) as refused:
        read()
    assert refused.value.reason == OUT_OF_RANGE
    assert "по модулю меньше 10^15, не больше 10 знаков после запятой" in OUT_OF_RANGE


def test_text_that_is_no_number_says_so():
    with pytest.raises(NumberFormatError) as refused:
        parse_number("десять")
    assert refused.value.reason == "не число"
