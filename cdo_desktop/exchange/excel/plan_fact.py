"""Rows of an indicator or result table: number, name, unit, flags, plan and fact by year."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from cdo_desktop.core.model import Direction, PlanFact, PlanFactRow
from cdo_desktop.core.numbers import format_number
from cdo_desktop.exchange.excel.cells import clip, where
from cdo_desktop.exchange.excel.furniture import TOTAL_ROW_NOTE, is_total_label, same_amount
from cdo_desktop.exchange.excel.passport_rows import flag_cell, passport_cells, task_row
from cdo_desktop.exchange.excel_layout import (
    Header,
    base_year_of,
    direction_of,
    split_cumulative,
    split_dated_value,
    split_unit,
)
from cdo_desktop.exchange.excel_source import FORMULA_WITHOUT_VALUE, Row
from cdo_desktop.exchange.import_plan import IncomingRow, Severity

if TYPE_CHECKING:
    from cdo_desktop.exchange.excel.cells import BookReader
    from cdo_desktop.exchange.excel.tables import Table


class PlanFactRows:
    """The plan_fact reader of SheetReader."""

    reader: BookReader
    title: str

    def _plan_fact_row(self, table: Table, index: int, row: Row) -> bool:
        reader, sheet, columns = self.reader, self.title, table.columns
        number_cell = row.get(columns.get(Header.NUMBER, -1))
        name_cell = row.get(columns.get(Header.NAME, -1))
        number = reader.text(sheet, index, number_cell).strip()
        label = name_cell["value"] if name_cell is not None else ""
        if task_row(table, number, label, row):
            return True
        if is_total_row(number, label):
            table.totals.append((index, row))
            return True
        before = reader.failures
        values: dict[int, PlanFact] = {}
        has_values = False
        failed: list[tuple[int, str]] = []
        read = reader.number
        for column, year, part in table.values:
            cell = row.get(column)
            if cell is None:
                continue
            failures = reader.failures
            value = read(sheet, index, cell)
            if value is None:
                if reader.failures != failures:
                    # An unreadable cell is no news: the preview must not show it as emptied.
                    failed.append((year, part))
                continue
            has_values = True
            pair = values.get(year)
            if pair is None:
                values[year] = PlanFact(value, None) if part == "plan" else PlanFact(None, value)
            elif part == "plan":
                pair.plan = value
            else:
                pair.fact = value
        unit_cell = row.get(columns.get(Header.UNIT, -1))
        if not (number or has_values or unit_cell is not None):
            return reader.failures > before  # a caption or a label, not data
        name = reader.unmarked(
            sheet, reader.text(sheet, index, name_cell), table.name_column(), index
        )
        if not name.strip():
            if has_values or reader.failures > before:
                reader.problem("нет наименования строки", where(sheet, table.name_column(), index))
                return True
            # A text alone in the number column is a caption (of the next table, perhaps).
            return number[:1].isdigit()
        given: set[str] = set()
        unit = ""
        cumulative = False
        if Header.CUMULATIVE in columns:
            cumulative = bool(flag_cell(reader, sheet, index, row, columns[Header.CUMULATIVE]))
            given.add("cumulative")
        elif table.name_has_unit:
            name, cumulative = split_cumulative(name)
            given.add("cumulative")
        else:
            stripped, marked = split_cumulative(name)
            if marked:
                name, cumulative = stripped, True
                given.add("cumulative")
        if Header.UNIT in columns:
            unit = reader.text(sheet, index, unit_cell)
            unit = reader.unmarked(sheet, unit, columns[Header.UNIT], index)
            given.add("unit")
        elif table.name_has_unit:
            name, unit = split_unit(name.strip())
            name = name.strip()
            given.add("unit")
        direction = Direction.UP
        if Header.DIRECTION in columns:
            cell = row.get(columns[Header.DIRECTION])
            text = reader.text(sheet, index, cell)
            if text.strip():
                found = direction_of(text)
                if found is None:
                    reader.problem(
                        f"«{clip(text)}»: ожидалось «рост» или «снижение»",
                        where(sheet, columns[Header.DIRECTION], index),
                    )
                else:
                    direction = found
                    given.add("direction")
        base_value: Decimal | None = None
        base_year: int | None = None
        if Header.BASE_VALUE in columns or Header.BASE_YEAR in columns:
            given.add("base")
            cell = row.get(columns.get(Header.BASE_VALUE, -1))
            dated_year: int | None = None
            if cell is not None and isinstance(cell["value"], str):
                # «Электронный бюджет» writes value and date in one cell: «5,2 (31.12.2017)».
                dated = split_dated_value(cell["value"])
                if dated is not None:
                    text, dated_year = dated
                    cell = {**cell, "value": text}
            base_value = reader.number(sheet, index, cell) if cell else None
            base_year = dated_year
            cell = row.get(columns.get(Header.BASE_YEAR, -1))
            if cell is not None:
                understood, typed_year = base_year_of(cell["value"])
                if not understood:
                    reader.problem(
                        f"«{clip(str(cell['value']))}» — не год",
                        where(sheet, cell["column"], index),
                    )
                elif typed_year is not None:
                    base_year = typed_year
        passport, passport_given, broken_down, unit = passport_cells(
            reader, sheet, table, index, row, unit, number or name
        )
        characteristic = ""
        if Header.CHARACTERISTIC in columns:
            characteristic = reader.text(sheet, index, row.get(columns[Header.CHARACTERISTIC]))
            given.add("characteristic")
        table.rows.append(
            IncomingRow(
                row=PlanFactRow(
                    number=number,
                    name=name,
                    unit=unit,
                    cumulative=cumulative,
                    direction=direction,
                    base_value=base_value,
                    base_year=base_year,
                    characteristic=characteristic,
                    values=values,
                    **passport,
                ),
                given=frozenset(given | passport_given),
                broken_down=broken_down,
                covered=table.covered.difference(failed) if failed else table.covered,
                location=f"лист «{sheet}», строка {index}",
            )
        )
        return True

    def _check_plan_fact_totals(self, table: Table) -> None:
        """A total row is never a row of the project: it is checked against the rows' sums."""
        reader = self.reader
        for index, row in table.totals:
            reader.note(
                TOTAL_ROW_NOTE,
                f"лист «{self.title}», строка {index}",
            )
            for column, year, part in table.values:
                cell = row.get(column)
                if cell is None or cell["data_type"] == FORMULA_WITHOUT_VALUE:
                    continue
                given = reader.number(self.title, index, cell)
                present = [
                    value
                    for item in table.rows
                    if (value := getattr(item.row.value(year), part)) is not None
                ]
                computed = sum(present, Decimal(0)) if present else None
                if given is not None and not same_amount(given, computed):
                    reader.problem(
                        f"итог {format_number(given)} не равен сумме строк "
                        f"{format_number(computed)} ({'план' if part == 'plan' else 'факт'} "
                        f"{year}); итог не загружается",
                        where(self.title, column, index),
                        Severity.WARNING,
                    )


def is_total_row(number: str, label: object) -> bool:
    """«Итого» in the number column or the name column of a row without a number of its own."""
    if is_total_label(number):
        return True
    return not number[:1].isdigit() and isinstance(label, str) and is_total_label(label)
