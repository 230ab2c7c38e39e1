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


# Where a text is, in words, for the place of a stored text no workbook cell can hold: a list's
# items by their position, a field by its name.
_ITEMS = {
    "persons": "Ответственные, строка {}",
    "participants": "участник {}",
    "indicators": "Показатели, строка {}",
    "results": "Результаты, строка {}",
    "financing": "Финансирование, строка {}",
    "sources": "источник {}",
}
_FIELDS = {
    "code": "код",
    "name": "наименование",
    "region": "субъект",
    "national_project": "национальный проект",
    "goal": "цель",
    "customer": "заказчик",
    "number": "№",
    "unit": "единица измерения",
    "characteristic": "характеристика",
    "result": "результат",
    "federal_project": "федеральный проект",
    "parent": "родительский источник",
    "role": "роль",
    "position": "должность",
    "contacts": "контакты",
}


def unstorable_text(project: object) -> tuple[str, str] | None:
    """(where, why) of the first text of a project that a workbook cell cannot hold, or None.

    Typing, pasting and loading refuse such text; a database written by an older version may
    still hold it, and an export says so instead of cutting or dropping characters.
    """
    return _first_unstorable(project, [])


def _first_unstorable(value: object, place: list[str]) -> tuple[str, str] | None:
    if isinstance(value, str):
        try:
            check_cell_text(value)
        except TextValueError as error:
            return ", ".join(place) or "проект", error.reason
        return None
    fields = getattr(value, "__dataclass_fields__", None)
    for name in fields or ():
        item = getattr(value, name)
        if isinstance(item, list):
            for position, element in enumerate(item, start=1):
                where = _ITEMS.get(name, name + " {}").format(position)
                found = _first_unstorable(element, [*place, where])
                if found:
                    return found
        elif isinstance(item, str) or hasattr(item, "__dataclass_fields__"):
            found = _first_unstorable(item, [*place, _FIELDS.get(name, name)])
            if found:
                return found
    return None
