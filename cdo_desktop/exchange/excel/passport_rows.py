"""The 2025–2030 passport in a workbook's tables: «Задача: …» rows, the level, kind, ОКЕИ,
data source and breakdown columns of the indicator table, a result's type and links, and the
tables by municipality (each taken into its indicator's breakdown, its «Итого» checked)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from cdo_desktop.core.model import Person, Task
from cdo_desktop.core.okei import BY_CODE, okei_code
from cdo_desktop.core.passport import LevelError, parse_kind, parse_levels
from cdo_desktop.exchange.excel.cells import clip, where
from cdo_desktop.exchange.excel.furniture import is_municipal_breakdown, strip_marks
from cdo_desktop.exchange.excel_layout import NO_TASK_LABEL, Header, flag_of, normalize
from cdo_desktop.exchange.excel_source import FORMULA_WITHOUT_VALUE, Row
from cdo_desktop.exchange.import_incoming import Incoming, IncomingBreakdown

if TYPE_CHECKING:
    from cdo_desktop.exchange.excel.cells import BookReader
    from cdo_desktop.exchange.excel.tables import Table

# «Задача: …», «Задача 2 «…»», «1. Задача: …», «Общественно значимый результат: …».
_TASK = re.compile(
    r"^\s*(?:(?P<lead>\d[\d.]*)\.?\s+)?(?:задача|общественно значимый результат)"
    r"\s*(?:№\s*)?(?P<number>\d[\d.]*)?\s*[:.\-–—]?\s*(?P<name>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# «процент (744)», «человек, 792»: a unit with its ОКЕИ code written beside it.
_UNIT_CODE = re.compile(r"^(?P<unit>.*?)[\s,;]*\(?\s*(?:код\s*)?(?P<code>\d{3,4})\s*\)?$")
_MUNICIPAL_HEADER = "муниципальн"
_CODE = re.compile(r"\d{3,4}")


def task_row(table: Table, number: str, label: object, row: Row) -> bool:
    """Whether the row is a task's («Задача: …», rows below belong to it) or the export's
    «Вне задач» (rows below belong to none)."""
    in_name = isinstance(label, str) and bool(label.strip())
    text = str(label) if in_name else number
    if normalize(text) == normalize(NO_TASK_LABEL):
        table.current_task = None
        return True
    return _task_of_row(table, number, text, in_name, row) is not None


def _task_of_row(table: Table, number: str, text: str, in_name: bool, row: Row) -> Task | None:
    match = _TASK.match(text) if text[:1].isdigit() or text.lstrip()[:1] in "ЗзОо" else None
    if match is None:
        return None
    for column, _, _ in table.values:
        cell = row.get(column)
        if cell is not None and cell["value"] not in (None, ""):
            return None  # a row with figures is data, whatever its name says
    own = number.strip().rstrip(".") if in_name and number[:1].isdigit() else ""
    task_number = match.group("number") or match.group("lead") or own
    task_number = (task_number or str(len(table.tasks) + 1)).rstrip(".")
    name = strip_marks(match.group("name"))[0].strip().strip("«»\"' ").strip()
    if not name:
        return None
    task = Task(task_number, name)
    if all(known.number != task.number for known in table.tasks):
        table.tasks.append(task)
    table.current_task = task.number
    return task


def unit_and_code(unit: str) -> tuple[str, str | None]:
    """«процент (744)» → («процент», "744"); «тыс. человек» → («тыс. человек», "793")."""
    match = _UNIT_CODE.match(unit.strip())
    if match is not None and match.group("code") in BY_CODE and match.group("unit").strip():
        return match.group("unit").strip(), match.group("code")
    return unit, okei_code(unit) if unit.strip() else None


def passport_cells(
    reader: BookReader, sheet: str, table: Table, index: int, row: Row, unit: str, number: str
) -> tuple[dict[str, Any], set[str], bool | None, str]:
    """The row's passport fields (PlanFactRow keywords), which fields the table gives, the
    breakdown flag, and the unit without a code written into it."""
    columns = table.columns
    fields: dict[str, Any] = {}
    given: set[str] = set()
    if table.tasks or Header.TASK in columns:
        fields["task"] = table.current_task
        given.add("task")
    if Header.OKEI in columns:
        code = reader.text(sheet, index, row.get(columns[Header.OKEI])).strip()
        if code and not _CODE.fullmatch(code):
            reader.problem(
                f"«{clip(code)}» — не код ОКЕИ (три или четыре цифры)",
                where(sheet, columns[Header.OKEI], index),
            )
        fields["okei"] = code or None
        given.add("okei")
    elif Header.UNIT in columns or table.name_has_unit:
        bare, found = unit_and_code(unit)
        # A code is taken where the table says its units are ОКЕИ's or writes the code in.
        if table.okei_unit or bare != unit:
            unit, fields["okei"] = bare, found
            given.add("okei")
    if Header.LEVEL in columns:
        cell = row.get(columns[Header.LEVEL])
        text = reader.text(sheet, index, cell)
        try:
            fields["level"] = parse_levels(text)
        except LevelError as error:
            reader.problem(str(error), where(sheet, columns[Header.LEVEL], index))
        given.add("level")
    if Header.INDICATOR_TYPE in columns:
        text = reader.text(sheet, index, row.get(columns[Header.INDICATOR_TYPE])).strip()
        try:
            fields["indicator_kind"] = parse_kind(text)
            given.add("indicator_kind")
        except ValueError:
            # A type the passport has no kind for is told, not guessed.
            table.row_types.setdefault(text, []).append(number or str(index))
    for header, field in (
        (Header.DATA_SOURCE, "data_source"),
        (Header.RESULT_TYPE, "result_type"),
    ):
        if header in columns:
            fields[field] = reader.text(sheet, index, row.get(columns[header])).strip()
            given.add(field)
    if Header.LINKED_INDICATORS in columns:
        text = reader.text(sheet, index, row.get(columns[Header.LINKED_INDICATORS]))
        fields["linked_indicators"] = [
            part.strip().rstrip(".") for part in re.split(r"[,;\n]+", text) if part.strip()
        ]
        given.add("linked_indicators")
    broken_down: bool | None = None
    if Header.BREAKDOWN in columns:
        broken_down = flag_cell(reader, sheet, index, row, columns[Header.BREAKDOWN])
    return fields, given, broken_down, unit


def flag_cell(reader: BookReader, sheet: str, index: int, row: Row, column: int) -> bool | None:
    """The «да»/«нет» of the row's cell in the column; anything else is a problem, and None."""
    cell = row.get(column)
    flag = flag_of(cell["value"] if cell else None)
    if flag is None:
        reader.problem(
            f"«{clip(str(cell['value'] if cell else ''))}»: ожидалось «да» или «нет»",
            where(sheet, column, index),
        )
    return flag


def municipality_names(text: str) -> list[str]:
    """«Муниципальные образования проекта»: one a line (or separated by «;»), each once."""
    names = [name.strip() for name in re.split(r"[\n;]+", text) if name.strip()]
    return list(dict.fromkeys(names))


def add_tasks(incoming: Incoming, tasks: list[Task]) -> None:
    """A table's tasks into the file's: the indicators' and the results' tables name the same
    tasks, each kept once (the first table's name of it)."""
    if not tasks:
        return
    known = incoming.tasks if incoming.tasks is not None else []
    numbers = {task.number for task in known}
    incoming.tasks = known + [task for task in tasks if task.number not in numbers]


def is_breakdown(table: Table, names: list[str], header: str) -> bool:
    """A table whose rows are municipalities, not the project's own rows."""
    return is_municipal_breakdown(names) or (_MUNICIPAL_HEADER in normalize(header) and bool(names))


def take_breakdown(reader: BookReader, sheet: str, table: Table) -> None:
    """A table by municipality: kept for its indicator (found by the caption when the plan is
    built); its «Итого по области» rows are checked there, never imported."""
    location = f"лист «{sheet}», строка {table.header_row}"
    if "показател" not in normalize(table.caption):
        reader.problem(
            f"таблица {table.kind.title} — разбивка по муниципальным образованиям, но не "
            "понятно, к какому показателю она относится: напишите над таблицей «Показатель № …» "
            "или наименование показателя",
            location,
        )
        return
    totals: list[tuple[str, dict[tuple[int, str], Decimal | None]]] = []
    for index, row in table.totals:
        values: dict[tuple[int, str], Decimal | None] = {}
        for column, year, part in table.values:
            cell = row.get(column)
            if cell is None or cell["data_type"] == FORMULA_WITHOUT_VALUE:
                continue
            values[(year, part)] = reader.number(sheet, index, cell)
        totals.append((where(sheet, table.name_column(), index), values))
    reader.incoming.breakdowns.append(
        IncomingBreakdown(table.caption, list(table.rows), totals, location)
    )


def read_supervisor_and_share(
    reader: BookReader, sheet: str, table: Table, index: int, row: Row, person: Person
) -> None:
    """A person's «Непосредственный руководитель» and «Занятость в проекте, %», when the
    table has them (a table without them leaves the stored ones as they are)."""
    columns = table.columns
    if Header.SUPERVISOR in columns:
        person.supervisor = reader.text(sheet, index, row.get(columns[Header.SUPERVISOR])).strip()
        reader.incoming.person_fields.add("supervisor")
    if Header.SHARE in columns:
        cell = row.get(columns[Header.SHARE])
        share = reader.number(sheet, index, cell) if cell is not None else None
        if share is not None and not 0 <= share <= 100:
            reader.problem(
                f"занятость в проекте {share} % — вне пределов 0–100",
                where(sheet, columns[Header.SHARE], index),
            )
        person.share = share
        reader.incoming.person_fields.add("share")
