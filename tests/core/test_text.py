"""The one rule for text values (what a workbook cell can hold) and the terminal's escaping."""

from __future__ import annotations

import pytest

from cdo_desktop.core.text import MAX_CELL_TEXT, TextValueError, check_cell_text, terminal_safe


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Цель проекта",
        "строка 1\nстрока 2",
        "a\tb",
        "Windows\r\nline",
        "😀",
        "x" * MAX_CELL_TEXT,
    ],
)
def test_text_a_cell_holds_is_kept_as_it_is(text):
    assert check_cell_text(text) == text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("x" * (MAX_CELL_TEXT + 1), "длиннее 32767 знаков (32768)"),
        ("звонок\x07", "U+0007 (управляющий символ) в позиции 7"),
        ("\x1b[31mкрасный", "U+001B (управляющий символ) в позиции 1"),
        ("ab\x00", "U+0000"),
        ("имя \ud800", "U+D800 (половина символа UTF-16 без пары) в позиции 5"),
        ("\ufffe", "U+FFFE"),
    ],
)
def test_text_a_cell_cannot_hold_is_refused_saying_why(text, words):
    with pytest.raises(TextValueError) as refused:
        check_cell_text(text)
    assert words in refused.value.reason


def test_terminal_output_shows_control_characters_escaped():
    assert terminal_safe("\x1b]0;взлом\x07имя\r") == "\\x1b]0;взлом\\x07имя\\x0d"
    assert terminal_safe("C1 \x9b и DEL \x7f, \ud800") == "C1 \\x9b и DEL \\x7f, \\ud800"
    assert terminal_safe("код\tимя\n") == "код\tимя\n"
    assert terminal_safe("код\tимя\n", keep="") == "код\\x09имя\\x0a"
    assert terminal_safe("Цифровая образовательная среда «E4» 😀") == (
        "Цифровая образовательная среда «E4» 😀"
    )
