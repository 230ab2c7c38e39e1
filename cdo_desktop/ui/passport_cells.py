"""The 2025–2030 passport's row fields as table cells: how each is shown, typed and checked.

A cell's value is what a change carries (core.passport.row_field): levels and linked indicators
as one joined text, a task as its number, a kind as main/additional, ОКЕИ as its code. Input is
read as the passport writes it («ФП, РП», «Основной», «792», «тыс. рублей»); anything else is
refused with the reason in Russian.
"""

from __future__ import annotations

import re

from cdo_desktop.core.model import PlanFactRow, Task
from cdo_desktop.core.okei import BY_CODE, OKEI_UNITS, okei_code
from cdo_desktop.core.passport import (
    KIND_WORDS,
    LevelError,
    joined,
    parse_kind,
    parse_levels,
    row_field,
    split,
)

# The key of the «разбит по муниципалитетам» column: not a field of its own, the row has
# entries for municipalities or it has none.
BREAKDOWN = "municipalities"
# The row fields of the 2025–2030 passport shown as columns; hidden until a project has them.
PASSPORT_2025_COLUMNS = frozenset(
    {
        "task",
        "level",
        "indicator_kind",
        "okei",
        "data_source",
        BREAKDOWN,
        "result_type",
        "linked_indicators",
    }
)
NO_TASK = "—"
_DASHES = ("", "-", "–", "—")
_CODE = re.compile(r"^\d{3,4}$")


class PassportCellError(ValueError):
    """Why a typed value cannot go into a passport cell (Russian, without the cell's name)."""


def cell_value(row: PlanFactRow, field: str) -> object:
    """A row's passport field as the table holds it (and a change carries it)."""
    if field == BREAKDOWN:
        return bool(row.municipalities)
    return row_field(row, field)


def okei_word(code: str) -> str:
    """The combo box's word for a listed code: «792 — человек»."""
    unit = BY_CODE.get(code)
    return f"{code} — {unit.name}" if unit is not None else code


def okei_words() -> list[str]:
    return [okei_word(unit.code) for unit in OKEI_UNITS]


def task_words(tasks: list[Task]) -> dict[str, str | None]:
    """The combo box's words for a row's task, «—» for none first."""
    return {NO_TASK: None, **{f"{task.number}. {task.name}": task.number for task in tasks}}


def shown_text(field: str, value: object) -> str:
    """A passport cell as the table shows it and the clipboard takes it."""
    if field in ("level", "linked_indicators"):
        return ", ".join(split(str(value or "")))
    if field == "indicator_kind":
        return KIND_WORDS.get(str(value), "")
    return "" if value is None else str(value)


def tooltip(field: str, value: object, tasks: list[Task]) -> str | None:
    """The words behind a code: a task's name, the unit of an ОКЕИ code."""
    if field == "task" and value is not None:
        name = next((task.name for task in tasks if task.number == value), None)
        return f"Задача {value}. {name}" if name else f"Задачи {value} в проекте нет"
    if field == "okei" and value:
        unit = BY_CODE.get(str(value))
        return f"ОКЕИ {value}: {unit.name}" if unit else f"ОКЕИ {value}: код не из списка"
    return None


def parse(field: str, text: str, tasks: list[Task], indicators: list[str]) -> object:
    """A typed passport cell → its value; PassportCellError says why not."""
    shown = text.strip()
    if field == "task":
        return _task(shown, tasks)
    if field == "level":
        try:
            return joined(parse_levels(shown))
        except LevelError as error:
            raise PassportCellError(str(error)) from None
    if field == "indicator_kind":
        try:
            return parse_kind("" if shown in _DASHES else shown)
        except ValueError as error:
            raise PassportCellError(str(error)) from None
    if field == "okei":
        return _okei(shown)
    if field == "linked_indicators":
        return joined(_linked(shown, indicators))
    raise AssertionError(field)


def _task(shown: str, tasks: list[Task]) -> str | None:
    if shown in _DASHES:
        return None
    for word, number in task_words(tasks).items():
        if shown.casefold() == word.casefold():
            return number
    number = shown.removeprefix("Задача").strip().rstrip(".")
    if any(task.number == number for task in tasks):
        return number
    if not tasks:
        raise PassportCellError("у проекта нет задач: их заводят в «Правка → Паспорт 2025–2030…»")
    numbers = ", ".join(task.number for task in tasks)
    raise PassportCellError(f"задачи «{shown}» в проекте нет; есть задачи {numbers}")


def _okei(shown: str) -> str | None:
    if shown in _DASHES:
        return None
    code = shown.split("—")[0].strip() if "—" in shown else shown
    if _CODE.match(code):
        return code
    found = okei_code(shown)
    if found is not None:
        return found
    raise PassportCellError(
        f"«{shown}» — не код ОКЕИ и не единица из списка: введите код (например, 792) "
        "или выберите единицу"
    )


def _linked(shown: str, indicators: list[str]) -> list[str]:
    numbers = [part.strip() for part in re.split(r"[,;\n]+", shown) if part.strip()]
    unknown = [number for number in numbers if number not in indicators]
    if unknown:
        listed = ", ".join(f"№ {number}" for number in unknown)
        word = "показателя" if len(unknown) == 1 else "показателей"
        raise PassportCellError(f"{word} {listed} в проекте нет")
    return list(dict.fromkeys(numbers))  # each once, in the order typed
