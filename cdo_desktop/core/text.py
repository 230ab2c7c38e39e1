"""What a text value may hold: the one rule for typing, pasting and loading, and the one way
text from the data reaches a terminal."""

from __future__ import annotations

import re

# The most characters an Excel cell holds: longer text would be cut on export.
MAX_CELL_TEXT = 32_767

# Characters a workbook cell (XML 1.0) cannot hold, which export would have to drop: control
# characters other than tab, line feed and carriage return (a Windows line end pasted from
# Excel), unpaired UTF-16 halves (which no file can encode either), and U+FFFE, U+FFFF.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# What must not reach a terminal raw: every control character (C0, DEL, C1: escape sequences
# can move the cursor, rewrite lines, set the window title) and unpaired UTF-16 halves.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


class TextValueError(ValueError):
    """Text a cell cannot hold; `reason` is Russian and says why, without the place."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_cell_text(text: str) -> str:
    """The text itself, or TextValueError when a workbook cell could not hold it as it is."""
    if len(text) > MAX_CELL_TEXT:
        raise TextValueError(
            f"текст длиннее {MAX_CELL_TEXT} знаков ({len(text)}): в ячейку Excel он не поместится"
        )
    found = _UNSTORABLE.search(text)
    if found is not None:
        character = found.group()
        what = (
            "половина символа UTF-16 без пары"
            if "\ud800" <= character <= "\udfff"
            else "управляющий символ"
        )
        raise TextValueError(
            f"недопустимый знак {_code(character)} ({what}) в позиции {found.start() + 1}"
        )
    return text


def terminal_safe(text: str, *, keep: str = "\t\n") -> str:
    """Text for a terminal: control characters shown as `\\x1b`, `\\u0085`, not sent raw.

    `keep` names the ones the output's own layout uses (tabs between fields, line ends);
    pass "" for a single field inside such a line.
    """

    def escaped(found: re.Match[str]) -> str:
        character = found.group()
        return character if character in keep else _escape(character)

    return _TERMINAL_UNSAFE.sub(escaped, text)


def _code(character: str) -> str:
    return f"U+{ord(character):04X}"


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
