"""Cells as values: numbers as a person reads them, texts within the limits, every fault a Problem.

A number typed in a cell is taken as typed (the shortest decimal that reads back as the stored
float: 37 955,2, never 37 955,199999…), whatever its format shows. A formula's result is taken at
the decimals its cell shows — what the person saw and checked — and each value rounded so is
noted. A percent-formatted cell holds 0,3828 for 38,28 %: it is read ×100 by the same two rules.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from openpyxl.utils import get_column_letter

from cdo_desktop.core.model import FederalProject
from cdo_desktop.core.numbers import NumberFormatError, format_number, parse_number, to_decimal
from cdo_desktop.exchange.excel.furniture import strip_marks, tidy
from cdo_desktop.exchange.excel.limits import (
    MAX_ABS_DIGITS,
    MAX_DECIMALS,
    NUMBER_LIMITS,
    number_within_limits,
    text_problem,
)
from cdo_desktop.exchange.excel_layout import Field, decimals_of
from cdo_desktop.exchange.excel_source import FORMULA_WITHOUT_VALUE, Cell, CellStyle, Workbook
from cdo_desktop.exchange.import_plan import Incoming, Problem, Severity

# A file full of mistakes is told about in its first few hundred; the rest would only bury them.
MAX_PROBLEMS = 500
# Notes (a rounded formula, a stripped mark) are counted apart: however many there are, they
# never crowd out an error, nor become one.
MAX_NOTES = 200
_INFINITE = (float("inf"), float("-inf"))
_PLAIN = CellStyle(0, False, 0, True)
_LIMIT = 10**MAX_ABS_DIGITS


def cell_name(column: int, row: int) -> str:
    return f"{get_column_letter(column)}{row}"


def where(sheet: str, column: int, row: int) -> str:
    return f"лист «{sheet}», ячейка {cell_name(column, row)}"


def clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class BookReader:
    """Collects what every sheet says into one Incoming, and reads its cells."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.incoming = Incoming()
        self.federal_code: str | None = None
        self.federal_name: str | None = None
        self.seen_fields: dict[Field, str] = {}
        # Cells that could not be read; counted apart from the problems, whose list is capped.
        self.failures = 0
        self.styles: dict[int, CellStyle] = {}
        # Where each table year was read, to check it against the passport's years at the end.
        self.year_cells: list[tuple[int, str]] = []
        self.errors = self.warnings = 0

    def problem(
        self,
        message: str,
        location: str | None = None,
        severity: Severity = Severity.ERROR,
        value: object = None,
    ) -> None:
        problems = self.incoming.problems
        if severity is Severity.WARNING:
            self.warnings += 1
            if self.warnings <= MAX_NOTES:
                problems.append(Problem(message, location, severity, value))
            return
        self.errors += 1
        if self.errors <= MAX_PROBLEMS:
            problems.append(Problem(message, location, severity, value))
        elif self.errors == MAX_PROBLEMS + 1:
            problems.append(Problem("дальнейшие ошибки не показаны", None, Severity.ERROR))

    def note(self, message: str, location: str | None = None) -> None:
        """One line under «Замечания»: something read differently from the cell's raw value."""
        self.problem(message, location, Severity.WARNING)

    def finish(self) -> Incoming:
        incoming = self.incoming
        if self.warnings > MAX_NOTES:
            incoming.problems.append(
                Problem(f"и ещё замечаний: {self.warnings - MAX_NOTES}", None, Severity.WARNING)
            )
        if self.federal_code is not None or self.federal_name is not None:
            code, name = self.federal_code or "", self.federal_name or ""
            incoming.federal_project_given = True
            incoming.federal_project = FederalProject(code, name) if code or name else None
        if incoming.years is not None:
            first, last = incoming.years
            for year, location in self.year_cells:
                if not first <= year <= last:
                    self.problem(
                        f"год {year} вне срока реализации проекта {first}–{last}, указанного в "
                        "паспорте",
                        location,
                        value=year,
                    )
        return incoming

    def style(self, style_id: int) -> CellStyle:
        known = self.styles.get(style_id)
        if known is None:
            known = self.styles[style_id] = self.book.style(style_id) if style_id else _PLAIN
        return known

    # -- values

    def number(self, sheet: str, row: int, cell: Cell) -> Decimal | None:
        """A value cell as a Decimal: numbers as typed or shown, text the Russian way; None if
        empty."""
        value, kind = cell["value"], cell["data_type"]
        if kind == "n":
            # The hot path of a big import: a typed number in a plain or «0,00» cell is decided
            # from repr() alone (its digits and how many follow the point), without Decimal math.
            kind_of = value.__class__
            if kind_of is float:
                if value != value or value in _INFINITE:
                    self._bad_number(sheet, row, cell, f"«{value}» — не число")
                    return None
                # repr() is the shortest text that reads back as the same float: as typed.
                text = repr(value)
                number = Decimal(text)
                shown = decimals_of(number) if "e" in text else len(text) - text.find(".") - 1
                fits = -_LIMIT < value < _LIMIT and shown <= MAX_DECIMALS
            elif kind_of is int:
                number, shown, fits = Decimal(value), 0, -_LIMIT < value < _LIMIT
            else:
                try:
                    found = to_decimal(value)
                except NumberFormatError:
                    self._bad_number(sheet, row, cell, f"«{value}» — не число")
                    return None
                if found is None:
                    return None
                number, shown, fits = found, decimals_of(found), number_within_limits(found)
            formula = cell.get("formula", False)
            style = self.style(cell["style_id"])
            if formula or style.percent:
                try:
                    number = self._as_shown(number, sheet, row, cell, formula)
                except InvalidOperation:
                    pass  # too long to round: the limits below refuse it
                fits = number_within_limits(number)
            elif style.decimals > shown:
                # Typed: as typed; a format with more digits only adds zeros (13 264,90).
                number = number.quantize(Decimal(1).scaleb(-style.decimals))
            if not fits:
                self._bad_number(
                    sheet, row, cell, f"число {format_number(number)} вне пределов: {NUMBER_LIMITS}"
                )
                return None
            return number
        if kind == "s":
            text = str(value).strip()
            if text.endswith("%"):
                text = text[:-1]
            try:
                return parse_number(text)
            except NumberFormatError:
                self._bad_number(sheet, row, cell, f"«{clip(str(value))}» — не число")
                return None
        if kind == "b":
            self._bad_number(sheet, row, cell, "логическое значение, а не число")
        elif kind == "d":
            self._bad_number(sheet, row, cell, "дата, а не число")
        elif kind == "e":
            self._bad_number(sheet, row, cell, f"ошибка в формуле: {value}")
        elif kind == FORMULA_WITHOUT_VALUE:
            self.no_cached_value(sheet, row, cell)
        else:
            self._bad_number(sheet, row, cell, f"«{clip(str(value))}» — не число")
        return None

    def _as_shown(
        self, number: Decimal, sheet: str, row: int, cell: Cell, formula: bool
    ) -> Decimal:
        style = self.style(cell["style_id"])
        if style.percent:
            number = tidy(number * 100)
        if not formula:
            # Typed: as typed; a format with more digits only adds zeros (13 264,90).
            if style.decimals > decimals_of(number):
                number = number.quantize(Decimal(1).scaleb(-style.decimals))
            return number
        if style.general:
            # «Общий» shows what fits; Excel keeps 15 significant digits, and a binary tail
            # (36 057,439999999995) is never what anyone saw.
            places = min(MAX_DECIMALS, max(0, MAX_ABS_DIGITS - 1 - number.adjusted()))
        else:
            places = style.decimals
        rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if style.general:
            rounded = tidy(rounded)
        if rounded != number:
            self.note(
                f"значение формулы {format_number(number)} загружается так, как показано в "
                f"ячейке: {format_number(rounded)}",
                where(sheet, cell["column"], row),
            )
        return rounded

    def _bad_number(self, sheet: str, row: int, cell: Cell, message: str) -> None:
        self.failures += 1
        self.problem(message, where(sheet, cell["column"], row), value=cell["value"])

    def no_cached_value(self, sheet: str, row: int, cell: Cell) -> None:
        self.failures += 1
        self.problem(
            f"формула «{clip(str(cell['value']))}» без вычисленного значения: откройте книгу в "
            "Excel или LibreOffice и сохраните её, чтобы значения были посчитаны",
            where(sheet, cell["column"], row),
            value=cell["value"],
        )

    def unmarked(self, sheet: str, text: str, column: int, row: int) -> str:
        """The text without footnote marks («процент¹»); each stripped mark is noted."""
        stripped, marked = strip_marks(text)
        if marked:
            self.note(
                f"знак сноски убран: «{clip(text.strip())}» читается как "
                f"«{clip(stripped.strip())}»",
                where(sheet, column, row),
            )
        return stripped

    def text(self, sheet: str, row: int, cell: Cell | None) -> str:
        """A text cell as written (a number in it as its digits); "" when empty."""
        if cell is None:
            return ""
        value, kind = cell["value"], cell["data_type"]
        if kind == "s":
            text = str(value)
            problem = text_problem(text)
            if problem is not None:
                self.failures += 1
                self.problem(problem, where(sheet, cell["column"], row))
            return text
        if kind == "n":
            if isinstance(value, int) and not isinstance(value, bool):
                return str(value)
            try:
                number = to_decimal(value)
            except NumberFormatError:
                return str(value)
            return "" if number is None else f"{number:f}"
        if kind == "b":
            return "да" if value else "нет"
        if kind == "d":
            return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else str(value)
        if kind == FORMULA_WITHOUT_VALUE:
            self.no_cached_value(sheet, row, cell)
            return ""
        return str(value)
