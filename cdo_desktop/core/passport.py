"""The 2025–2030 passport's fields: indicator levels, kinds, list fields as one text, tasks.

A list field (an indicator's levels, a result's linked indicators) travels in a change as one
text, its items joined by LIST_SEPARATOR, so history and undo treat it as one value.
"""

from __future__ import annotations

import re
from decimal import Decimal

from cdo_desktop.core.changes import Value
from cdo_desktop.core.model import PlanFactRow, Project

# The order in which the passport lists the levels (and in which they are written back).
LEVEL_CODES = ("НП", "ГП РФ", "ФП", "ГП", "РП", "ВП", "ВДЛ")
LIST_SEPARATOR = "; "
LIST_FIELDS = frozenset({"level", "linked_indicators"})

MAIN, ADDITIONAL = "main", "additional"
KIND_WORDS = {MAIN: "основной", ADDITIONAL: "дополнительный"}

_LOOKALIKES = str.maketrans("ABEKMHOPCTYX", "АВЕКМНОРСТУХ")
_SPLIT = re.compile(r"[\n,;/]+")


class LevelError(ValueError):
    """A level code the passport does not have; the message is Russian."""


def parse_levels(text: str) -> list[str]:
    """«ФП⏎РП», «ФП, РП», «ГП РФ РП» → the codes in the passport's order; LevelError when a
    part is not a code."""
    found: set[str] = set()
    for part in _SPLIT.split(text.upper().translate(_LOOKALIKES)):
        words = part.replace("*", " ").split()
        while words:
            if words[:2] == ["ГП", "РФ"]:
                found.add("ГП РФ")
                words = words[2:]
            elif words[0] in LEVEL_CODES:
                found.add(words.pop(0))
            else:
                raise LevelError(
                    f"уровень «{words[0]}» неизвестен: ожидались {', '.join(LEVEL_CODES)}"
                )
    return [code for code in LEVEL_CODES if code in found]


def parse_kind(text: str) -> str:
    """«Основной» / «Дополнительный» (as «Тип показателя» writes it) → main / additional;
    "" for an empty cell; ValueError with a Russian message otherwise."""
    word = text.strip().casefold()
    if not word:
        return ""
    if word.startswith("основ") or word == MAIN:
        return MAIN
    if word.startswith("доп") or word == ADDITIONAL:
        return ADDITIONAL
    raise ValueError(f"тип показателя «{text.strip()}»: ожидался «основной» или «дополнительный»")


def joined(items: list[str]) -> str:
    return LIST_SEPARATOR.join(items)


def split(text: str | None) -> list[str]:
    return [item.strip() for item in (text or "").split(LIST_SEPARATOR.strip()) if item.strip()]


def row_field(row: PlanFactRow, field: str) -> Value:
    """A row's field as a change carries it: list fields as one text, a direction as its word."""
    value = getattr(row, field)
    if field in LIST_FIELDS:
        return joined(value)
    if hasattr(value, "value") and not isinstance(value, Decimal):
        return str(value.value)
    assert value is None or isinstance(value, Decimal | str | bool | int)
    return value


def rows_of_task(project: Project, rows: list[PlanFactRow]) -> list[tuple[str | None, list[int]]]:
    """Row indexes grouped by task, in the project's task order; rows with no task (or a task
    the project does not have) first, under None."""
    numbers = [task.number for task in project.tasks]
    groups: dict[str | None, list[int]] = {None: []}
    groups.update({number: [] for number in numbers})
    for index, row in enumerate(rows):
        groups[row.task if row.task in numbers else None].append(index)
    return [(number, indexes) for number, indexes in groups.items() if indexes]
