"""A table found on a sheet: what each column holds, and what has been read of it so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cdo_desktop.core.model import Person, Task
from cdo_desktop.exchange.excel.furniture import AmountUnit
from cdo_desktop.exchange.excel.kinds import TableKind
from cdo_desktop.exchange.excel_layout import Header
from cdo_desktop.exchange.excel_source import Row
from cdo_desktop.exchange.import_plan import IncomingLine, IncomingRow


@dataclass
class Table:
    kind: TableKind
    header_row: int
    columns: dict[Header, int]
    values: list[tuple[int, int, str]]  # (column, year, "plan" | "fact" | "amount")
    name_has_unit: bool = False
    result_from_number: bool = False
    rows: list[IncomingRow] = field(default_factory=list)
    lines: list[IncomingLine] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    covered: frozenset[Any] = frozenset()
    # Total rows («Итого», «Всего по области»), checked against the rows when the table ends.
    totals: list[tuple[int, Row]] = field(default_factory=list)
    # Financing: the unit the caption or header states (None: each line must state its own).
    unit: AmountUnit | None = None
    units_noted: set[AmountUnit] = field(default_factory=set)
    unit_missing: bool = False  # told once per table
    line_unit: AmountUnit | None = None  # the unit of the line being read and its sources
    # Financing: the line being read, its sources' (level, name) stack, its own amounts.
    line: IncomingLine | None = None
    line_amounts: dict[int, Decimal | None] = field(default_factory=dict)
    line_row: int = 0
    source_stack: list[tuple[int, str]] = field(default_factory=list)
    label_level: int = 0  # after «в том числе:» 1, after «из них:» 2
    # Persons: «ФИО, должность» in one column, the position after the name's comma.
    person_has_position: bool = False
    # «Тип показателя» of each row that is no known kind: type → row numbers, told as a note.
    row_types: dict[str, list[str]] = field(default_factory=dict)
    # The 2025–2030 passport: the caption above the table (a breakdown names its indicator
    # there), the tasks of «Задача: …» rows, and the task the rows below one belong to.
    caption: str = ""
    okei_unit: bool = False  # «Единица измерения (по ОКЕИ)»: the units are the classifier's
    tasks: list[Task] = field(default_factory=list)
    current_task: str | None = None

    @property
    def is_plan_fact(self) -> bool:
        return self.kind in (TableKind.INDICATORS, TableKind.RESULTS)

    def name_column(self) -> int:
        return self.columns.get(Header.NAME, self.columns.get(Header.NUMBER, 1))
