"""Russian words that agree with a count: «1 строка», «3 строки», «5 строк»."""

from __future__ import annotations

from decimal import Decimal

from cdo_desktop.core.numbers import format_number


def plural(count: int, one: str, few: str, many: str) -> str:
    """The form of a noun for `count`: one (1, 21, 101), few (2–4, 22–24), many (the rest;
    11–14 always many)."""
    tens, units = abs(count) % 100, abs(count) % 10
    if 11 <= tens <= 14:
        return many
    if units == 1:
        return one
    if 2 <= units <= 4:
        return few
    return many


def counted(count: int, one: str, few: str, many: str) -> str:
    """The count and its noun: «1 строка», «3 строки», «1 234 строки»."""
    return f"{format_number(Decimal(count))} {plural(count, one, few, many)}"


def capitalized(text: str) -> str:
    """A sentence starts with a capital letter; the rest is left as written («ФИО», «№»)."""
    return text[:1].upper() + text[1:]
