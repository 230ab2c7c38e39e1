"""What a JSON document may not push the reader into: brackets nested past Python's stack, and
integers too long for int() (Python refuses more than 4300 digits). Each is refused with its
place in the document, like any other wrong field."""

from __future__ import annotations

import re
from decimal import Decimal

from cdo_desktop.core.errors import DocumentError
from cdo_desktop.core.numbers import json_number
from cdo_desktop.core.words import counted

# A passport figure has at most 15 digits before the point; a few more leave room for a
# leading zero or a sign and still say plainly «too long» for anything that is a slip.
MAX_INTEGER_DIGITS = 20
# The exchange document nests seven levels deep; far more is not a document of ours.
MAX_DEPTH = 64
# How many steps of a JSON path a message shows before «…».
_PATH_SHOWN = 8

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},:]')


class LongNumber:
    """An integer with too many digits to be a value, a year or anything else: kept where it
    stands, so the field that holds it refuses it with its JSON path."""

    def __init__(self, digits: str) -> None:
        self.digits = digits

    @property
    def count(self) -> int:
        return len(self.digits.lstrip("-"))

    def __str__(self) -> str:
        return f"{self.digits[:12]}… ({counted(self.count, 'цифра', 'цифры', 'цифр')})"


def integer(text: str) -> int | LongNumber:
    """json.loads' parse_int: Python's int, or a LongNumber for more digits than any field
    can hold (int() itself would fail past 4300 digits, with no place to tell)."""
    if len(text) > MAX_INTEGER_DIGITS + 1:
        return LongNumber(text)
    return int(text)


def shown_number(value: object) -> str:
    """A number for a message: its digits, or its first ones when there are very many."""
    text = str(value)
    return (
        text
        if len(text) <= 40
        else f"{text[:24]}… ({counted(len(text), 'знак', 'знака', 'знаков')})"
    )


def nesting_error(text: str, file: str | None) -> DocumentError:
    """The error for a document nested too deep to read: where the nesting passes MAX_DEPTH,
    as a line, column and JSON path."""
    stack: list[list[object]] = []  # [bracket, index or key] per open container
    last_string = ""
    for token in _TOKEN.finditer(text):
        mark = token.group()
        if mark in "[{":
            if len(stack) >= MAX_DEPTH:
                return _too_deep(text, token.start(), stack, file)
            stack.append([mark, 0 if mark == "[" else ""])
        elif mark in "]}":
            if stack:
                stack.pop()
        elif mark == "," and stack and stack[-1][0] == "[":
            stack[-1][1] = int(stack[-1][1]) + 1  # type: ignore[call-overload]
        elif mark == ":" and stack:
            stack[-1][1] = last_string
        elif mark.startswith('"'):
            last_string = mark[1:-1]
    # Deep, but never past MAX_DEPTH outside strings: the reader ran out of stack anyway.
    return DocumentError(
        f"слишком глубокая вложенность скобок (больше {MAX_DEPTH} уровней)", file=file
    )


def _too_deep(text: str, offset: int, stack: list[list[object]], file: str | None) -> DocumentError:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    steps = [f"[{place}]" if bracket == "[" else f".{place}" for bracket, place in stack]
    path = "$" + "".join(steps[:_PATH_SHOWN]) + ("…" if len(steps) > _PATH_SHOWN else "")
    return DocumentError(
        f"вложенность скобок глубже {MAX_DEPTH} уровней: это не документ обмена cdo-desktop",
        file=file,
        location=f"{path}, строка {line}, столбец {column}",
    )


def null_or_number(value: Decimal | None) -> str:
    """A number of a message as the document writes it: `null` for none."""
    return "null" if value is None else json_number(value)
