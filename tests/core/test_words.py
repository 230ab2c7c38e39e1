"""One helper for Russian plurals: the noun agrees with its count everywhere."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdo_desktop.core.words import capitalized, counted, plural
from cdo_desktop.exchange.json_limits import LongNumber, shown_number

ROW = ("строка", "строки", "строк")


@pytest.mark.parametrize(
    ("count", "told"),
    [
        (0, "0 строк"),
        (1, "1 строка"),
        (2, "2 строки"),
        (4, "4 строки"),
        (5, "5 строк"),
        (11, "11 строк"),
        (12, "12 строк"),
        (14, "14 строк"),
        (21, "21 строка"),
        (22, "22 строки"),
        (101, "101 строка"),
        (111, "111 строк"),
        (1234, "1 234 строки"),
    ],
)
def test_the_noun_agrees_with_its_count(count, told):
    assert counted(count, *ROW) == told


@given(st.integers(min_value=0, max_value=10**6))
def test_the_form_depends_on_the_last_two_digits(count):
    assert plural(count, *ROW) == plural(count % 100 + 100, *ROW)
    assert plural(-count, *ROW) == plural(count, *ROW)


def test_sentences_start_with_a_capital_and_keep_the_rest():
    assert capitalized("нет факта (срок 01.02.2022)") == "Нет факта (срок 01.02.2022)"
    assert capitalized("ФИО не указано") == "ФИО не указано"
    assert capitalized("") == ""


def test_long_numbers_count_their_digits_in_agreement():
    assert str(LongNumber("1" * 4301)).endswith("(4 301 цифра)")
    assert shown_number("9" * 42).endswith("(42 знака)")
    assert shown_number("9" * 45).endswith("(45 знаков)")
