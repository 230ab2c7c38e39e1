"""Rows of a financing table: lines, their sources and «из них», amounts in тыс. рублей."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from cdo_desktop.core.model import ALL_SOURCES, BudgetSource, FinancingLine
from cdo_desktop.core.numbers import format_number
from cdo_desktop.exchange.excel.cells import where
from cdo_desktop.exchange.excel.furniture import (
    TOTAL_ROW_NOTE,
    AmountUnit,
    in_thousands,
    name_unit,
    same_amount,
    strip_amount_unit,
    structure_label,
    sub_number_depth,
)
from cdo_desktop.exchange.excel.plan_fact import is_total_row
from cdo_desktop.exchange.excel_layout import Header, normalize
from cdo_desktop.exchange.excel_source import FORMULA_WITHOUT_VALUE, Row
from cdo_desktop.exchange.import_plan import IncomingLine, Severity

if TYPE_CHECKING:
    from cdo_desktop.exchange.excel.cells import BookReader
    from cdo_desktop.exchange.excel.tables import Table


class FinancingRows:
    """The financing reader of SheetReader."""

    reader: BookReader
    title: str

    def _financing_row(self, table: Table, index: int, row: Row) -> bool:
        reader, sheet, columns = self.reader, self.title, table.columns
        number_cell = row.get(columns.get(Header.NUMBER, -1))
        name_cell = row.get(columns.get(Header.NAME, -1))
        number = reader.text(sheet, index, number_cell).strip()
        name = reader.text(sheet, index, name_cell)
        if is_total_row(number, name):
            self._end_line(table)
            table.totals.append((index, row))
            return True
        amounts: dict[int, Decimal | None] = {}
        before = reader.failures
        failed: list[int] = []
        for column, year, _ in table.values:
            cell = row.get(column)
            failures = reader.failures
            amounts[year] = reader.number(sheet, index, cell) if cell is not None else None
            if reader.failures != failures:
                failed.append(year)
        has_amounts = any(value is not None for value in amounts.values())
        if not name.strip():
            if has_amounts or reader.failures > before:
                reader.problem("нет наименования строки", where(sheet, table.name_column(), index))
                return True
            return number[:1].isdigit()  # a text alone in the number column is a caption
        name = reader.unmarked(sheet, name, table.name_column(), index)
        label = structure_label(name)
        if label is not None and not number and not has_amounts and table.line is not None:
            table.label_level = label  # «в том числе:» is structure, not a source
            return True
        self._check_row_total(table, index, row, amounts)
        indent = reader.style(name_cell["style_id"]).indent if name_cell else 0
        depth = sub_number_depth(number, table.line.line.number) if table.line else 0
        is_source = indent > 0 or depth > 0 or (not number and table.line is not None)
        if not is_source and not number and not has_amounts:
            return False  # a caption
        if is_source and table.line is not None:
            level = depth or indent or (2 if normalize(name).startswith("из них") else 0)
            level = level or table.label_level or 1
            stack = table.source_stack
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][1] if stack else None
            stack.append((level, name))
            values = self._in_thousands(table, table.line_unit, amounts)
            table.line.line.sources.append(
                BudgetSource(name=name, parent=parent, values=_present(values))
            )
            table.line.has_sources = True
            if failed:
                table.line.covered = table.line.covered.difference(failed)
            return True
        self._end_line(table)
        result: str | None = None
        if Header.RESULT_NUMBER in columns:
            result = reader.text(sheet, index, row.get(columns[Header.RESULT_NUMBER])).strip()
            result = result or None
        elif table.result_from_number:
            result = number or None
        unit = name_unit(name) or table.unit
        if unit is None and not table.unit_missing:
            table.unit_missing = True
            reader.problem(
                "не указано, в каких единицах суммы: ожидалось «тыс. рублей», «млн рублей» или "
                "«рублей» в заголовке таблицы, в подписи над ней или в наименовании строки",
                where(sheet, table.name_column(), index),
            )
        table.line_unit = unit
        table.line = IncomingLine(
            line=FinancingLine(number=number, name=strip_amount_unit(name), result=result),
            result_given=Header.RESULT_NUMBER in columns,
            covered=table.covered.difference(failed) if failed else table.covered,
            location=f"лист «{sheet}», строка {index}",
        )
        table.line_amounts = self._in_thousands(table, unit, amounts)
        table.line_row = index
        table.source_stack = []
        table.label_level = 0
        return True

    def _in_thousands(
        self, table: Table, unit: AmountUnit | None, amounts: dict[int, Decimal | None]
    ) -> dict[int, Decimal | None]:
        """Amounts in тыс. рублей, converted exactly; each table's conversion noted once."""
        if unit is None or unit is AmountUnit.THOUSANDS:
            return amounts
        if unit not in table.units_noted:
            table.units_noted.add(unit)
            factor = "×1000" if unit is AmountUnit.MILLIONS else "÷1000"
            self.reader.note(
                f"суммы таблицы финансирования указаны в {unit.words}: пересчитаны в тыс. рублей "
                f"({factor})",
                f"лист «{self.title}», строка {table.header_row}",
            )
        return {
            year: None if value is None else in_thousands(value, unit)
            for year, value in amounts.items()
        }

    def _end_line(self, table: Table) -> None:
        """Close the line being read: its own amounts are its one source, or the check of the
        sources' sum when it has source rows."""
        item = table.line
        if item is None:
            return
        table.line = None
        line = item.line
        if not item.has_sources:
            line.sources = [BudgetSource(ALL_SOURCES, values=_present(table.line_amounts))]
        else:
            for year, given in table.line_amounts.items():
                if given is not None and not same_amount(given, line.total(year)):
                    column = next(c for c, y, _ in table.values if y == year)
                    self.reader.problem(
                        f"итог строки {_show(given)} не равен сумме по источникам "
                        f"{_show(line.total(year))}; загружаются суммы источников",
                        where(self.title, column, table.line_row),
                        Severity.WARNING,
                    )
        table.lines.append(item)

    def _check_row_total(
        self, table: Table, index: int, row: Row, amounts: dict[int, Decimal | None]
    ) -> None:
        column = table.columns.get(Header.TOTAL)
        cell = row.get(column) if column is not None else None
        if cell is None or cell["data_type"] == FORMULA_WITHOUT_VALUE:
            return  # a derived cell: nothing is lost when it cannot be read
        given = self.reader.number(self.title, index, cell)
        present = [value for value in amounts.values() if value is not None]
        computed = sum(present, Decimal(0)) if present else None
        if given is not None and not same_amount(given, computed):
            self.reader.problem(
                f"«Всего» {_show(given)} не равно сумме по годам {_show(computed)}; "
                "значение «Всего» не загружается",
                where(self.title, cell["column"], index),
                Severity.WARNING,
            )

    def _check_financing_totals(self, table: Table) -> None:
        """Total rows, at the head or the foot, are checked against the lines, never loaded."""
        lines = [item.line for item in table.lines]
        for index, row in table.totals:
            self.reader.note(
                TOTAL_ROW_NOTE,
                f"лист «{self.title}», строка {index}",
            )
            for column, year, _ in table.values:
                cell = row.get(column)
                if cell is None or cell["data_type"] == FORMULA_WITHOUT_VALUE:
                    continue
                given = self.reader.number(self.title, index, cell)
                if given is not None and table.unit is not None:
                    given = in_thousands(given, table.unit)
                present = [t for line in lines if (t := line.total(year)) is not None]
                computed = sum(present, Decimal(0)) if present else None
                if given is not None and not same_amount(given, computed):
                    self.reader.problem(
                        f"«Итого» за {year} год {_show(given)} не равно сумме строк "
                        f"{_show(computed)}; итог не загружается, он вычисляется",
                        where(self.title, column, index),
                        Severity.WARNING,
                    )


def _present(amounts: dict[int, Decimal | None]) -> dict[int, Decimal | None]:
    return {year: value for year, value in amounts.items() if value is not None}


def _show(value: Decimal | None) -> str:
    return format_number(value)
