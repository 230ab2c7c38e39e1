"""The ministry's tables read from an xlsx workbook, wherever they stand, into an import plan.

A table is found by its header cells — «№ п/п» and «Показатель…»/«Результат…»/«Наименование…» in
one row, the years in that row and «план»/«факт» under them — on any sheet, at any cell, several
to a sheet. Passport fields are label/value rows («Цель регионального проекта» | текст).
Footnotes, captions and empty rows are skipped. Every unreadable value is a Problem naming the
sheet and the cell; the file-level failures are DocumentErrors (see excel_source).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from cdo_desktop.core.errors import DocumentError, ProjectNotFoundError
from cdo_desktop.core.model import (
    ALL_SOURCES,
    BudgetSource,
    Direction,
    FederalProject,
    FinancingLine,
    Person,
    PlanFact,
    PlanFactRow,
    RowKind,
)
from cdo_desktop.core.numbers import NumberFormatError, format_number, parse_number, to_decimal
from cdo_desktop.exchange.excel_layout import (
    PERSON_FIELDS,
    Field,
    Header,
    decimals_of,
    direction_of,
    flag_of,
    header_of,
    name_carries_unit,
    normalize,
    passport_field,
    plan_or_fact,
    split_cumulative,
    split_inline_label,
    split_unit,
    strip_financing_unit,
    year_of,
    years_of,
)
from cdo_desktop.exchange.excel_progress import Progress
from cdo_desktop.exchange.excel_source import FORMULA_WITHOUT_VALUE, Cell, Row, Workbook
from cdo_desktop.exchange.import_plan import (
    ImportPlan,
    Incoming,
    IncomingLine,
    IncomingRow,
    Problem,
    Severity,
    build_plan,
)
from cdo_desktop.exchange.json_format import MAX_YEAR, MIN_YEAR

# A file full of mistakes is told about in its first few hundred; the rest would only bury them.
MAX_PROBLEMS = 500
_INFINITE = (float("inf"), float("-inf"))
_FOOTNOTE_MARKS = ("*", "¹", "²", "³")
_BULLETS = "-–—•·▪●"
_NUMBER_FIRST = frozenset("№NnН⊓")
_NAME_FIRST = frozenset("ПпРрНн")


def read_workbook(path: str | Path, progress: Progress | None = None) -> Incoming:
    """What the workbook at `path` says about a project; DocumentError when it is unusable."""
    path = Path(path)
    with Workbook(path, progress) as book:
        reader = _Reader(book)
        for title, rows in book.sheets():
            sheet = _SheetReader(reader, title)
            for index, row in rows:
                sheet.feed(index, row)
            sheet.finish()
        incoming = reader.finish()
    if incoming.is_empty():
        raise DocumentError(
            "в книге не найдено ни одной таблицы проекта: ожидались заголовки «№ п/п» и "
            "«Показатель/единица измерения» (или «Результат…», «Наименование…») с годами, "
            "«план» и «факт», либо лист «Паспорт» со строками «поле | значение»",
            file=str(path),
        )
    return incoming


def plan_import(
    path: str | Path,
    projects: Any,
    *,
    project: str | None = None,
    fallback_id: int | None = None,
    remove_missing: bool = True,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read the workbook and lay it over its project in the store."""
    incoming = read_workbook(path, progress)
    return plan_for(
        incoming,
        projects,
        file=str(path),
        project=project,
        fallback_id=fallback_id,
        remove_missing=remove_missing,
    )


def plan_for(
    incoming: Incoming,
    projects: Any,
    *,
    file: str,
    project: str | None = None,
    fallback_id: int | None = None,
    remove_missing: bool = True,
) -> ImportPlan:
    """Lay what a file holds over its project in the store.

    The project is the one named by `project` (code or name, as `--project`), else the one the
    file names by code, else by name, else `fallback_id` (the project open in the window); a
    code no project has makes a new project. Nothing is written.
    """
    summary, keep_code = None, False
    if project:
        summary, keep_code = projects.find(project), True
    elif incoming.code:
        try:
            summary = projects.find(incoming.code)
            incoming.code = summary.code  # «Е4» typed in Cyrillic is the project E4
        except ProjectNotFoundError:
            summary = _find(projects, incoming.name)
    elif incoming.name:
        summary = _find(projects, incoming.name)
    elif fallback_id is not None:
        summary, keep_code = projects.load(fallback_id), True
    existing = projects.load(summary.id) if summary is not None else None
    stamp = projects.updated_at(existing.id) if existing is not None else None
    return build_plan(
        incoming,
        existing,
        file=file,
        existing_stamp=stamp,
        keep_code=keep_code,
        remove_missing=remove_missing,
    )


def _find(projects: Any, name: str | None) -> Any:
    if not name:
        return None
    try:
        return projects.find(name)
    except ProjectNotFoundError:
        return None


def cell_name(column: int, row: int) -> str:
    return f"{get_column_letter(column)}{row}"


# ------------------------------------------------------------------------------- the reader


class _Reader:
    """Collects what every sheet says into one Incoming."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.incoming = Incoming()
        self.federal_code: str | None = None
        self.federal_name: str | None = None
        self.seen_fields: dict[Field, str] = {}
        # Cells that could not be read; counted apart from the problems, whose list is capped.
        self.failures = 0
        self.formats: dict[int, tuple[int, bool]] = {}  # style id → (decimals shown, percent)
        # Where each table year was read, to check it against the passport's years at the end.
        self.year_cells: list[tuple[int, str]] = []

    def problem(
        self,
        message: str,
        location: str | None = None,
        severity: Severity = Severity.ERROR,
        value: object = None,
    ) -> None:
        problems = self.incoming.problems
        if len(problems) < MAX_PROBLEMS:
            problems.append(Problem(message, location, severity, value))
        elif len(problems) == MAX_PROBLEMS:
            problems.append(Problem("дальнейшие ошибки не показаны", None, Severity.ERROR))

    def finish(self) -> Incoming:
        incoming = self.incoming
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

    # -- values

    def number(self, sheet: str, row: int, cell: Cell) -> Decimal | None:
        """A value cell as a Decimal: numbers as stored, text the Russian way; None if empty."""
        value, kind = cell["value"], cell["data_type"]
        if kind == "n":
            # The hot path of a big import: repr() gives both the exact digits (as
            # core.numbers.to_decimal takes them) and how many follow the point.
            kind_of = value.__class__
            if kind_of is float:
                if value != value or value in _INFINITE:
                    self._bad_number(sheet, row, cell, f"«{value}» — не число")
                    return None
                text = repr(value)
                number = Decimal(text)
                point = text.find(".")
                shown = decimals_of(number) if "e" in text else len(text) - point - 1
            elif kind_of is int:
                number, shown = Decimal(value), 0
            else:
                try:
                    found = to_decimal(value)
                except NumberFormatError:
                    self._bad_number(sheet, row, cell, f"«{value}» — не число")
                    return None
                if found is None:
                    return None
                number, shown = found, decimals_of(found)
            style_id = cell["style_id"]
            if not style_id:
                return number
            digits = self.formats.get(style_id)
            if digits is None:
                style = self.book.style(style_id)
                digits = self.formats[style_id] = (style.decimals, style.percent)
            decimals, percent = digits
            try:
                if percent:
                    # A percent cell holds 0.3828 and shows 38,28 %: the figure meant is shown.
                    number = (number * 100).normalize()
                    shown = decimals_of(number)
                if decimals > shown:
                    number = number.quantize(Decimal(1).scaleb(-decimals))
            except InvalidOperation:
                pass
            return number
        if kind == "s":
            text = str(value).strip()
            if text.endswith("%"):
                text = text[:-1]
            try:
                return parse_number(text)
            except NumberFormatError:
                self._bad_number(sheet, row, cell, f"«{_clip(str(value))}» — не число")
                return None
        if kind == "b":
            self._bad_number(sheet, row, cell, "логическое значение, а не число")
        elif kind == "d":
            self._bad_number(sheet, row, cell, "дата, а не число")
        elif kind == "e":
            self._bad_number(sheet, row, cell, f"ошибка в формуле: {value}")
        elif kind == FORMULA_WITHOUT_VALUE:
            self._no_cached_value(sheet, row, cell)
        else:
            self._bad_number(sheet, row, cell, f"«{_clip(str(value))}» — не число")
        return None

    def _bad_number(self, sheet: str, row: int, cell: Cell, message: str) -> None:
        self.failures += 1
        self.problem(message, _where(sheet, cell["column"], row), value=cell["value"])

    def _no_cached_value(self, sheet: str, row: int, cell: Cell) -> None:
        self.failures += 1
        self.problem(
            f"формула «{_clip(str(cell['value']))}» без вычисленного значения: откройте книгу в "
            "Excel или LibreOffice и сохраните её, чтобы значения были посчитаны",
            _where(sheet, cell["column"], row),
            value=cell["value"],
        )

    def text(self, sheet: str, row: int, cell: Cell | None) -> str:
        """A text cell as written (a number in it as its digits); "" when empty."""
        if cell is None:
            return ""
        value, kind = cell["value"], cell["data_type"]
        if kind == "s":
            return str(value)
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
            self._no_cached_value(sheet, row, cell)
            return ""
        return str(value)


def _where(sheet: str, column: int, row: int) -> str:
    return f"лист «{sheet}», ячейка {cell_name(column, row)}"


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_footnote(row: Row) -> bool:
    value = row[min(row)]["value"]
    return isinstance(value, str) and value.lstrip().startswith(_FOOTNOTE_MARKS)


# ------------------------------------------------------------------------------- tables


@dataclass
class _Table:
    """A table found on a sheet: what each column holds, and what has been read of it."""

    kind: str  # "indicator", "result", "financing", "persons"
    header_row: int
    columns: dict[Header, int]
    values: list[tuple[int, int, str]]  # (column, year, "plan" | "fact" | "amount")
    name_has_unit: bool = False
    result_from_number: bool = False
    rows: list[IncomingRow] = field(default_factory=list)
    lines: list[IncomingLine] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    covered: frozenset[Any] = frozenset()
    # Financing: the line being read, its sources' (level, name) stack, its own amounts.
    line: IncomingLine | None = None
    line_amounts: dict[int, Decimal | None] = field(default_factory=dict)
    line_row: int = 0
    source_stack: list[tuple[int, str]] = field(default_factory=list)


class _SheetReader:
    """Reads one sheet row by row: tables by their headers, passport rows by their labels."""

    def __init__(self, reader: _Reader, title: str) -> None:
        self.reader = reader
        self.title = title
        self.pending: tuple[int, Row] | None = None
        self.table: _Table | None = None
        self.caption = ""  # the last text seen outside a table: a table's title
        self.participants_column: int | None = None
        self.last_row = 0

    # -- dispatch

    def feed(self, index: int, row: Row) -> None:
        gap = index > self.last_row + 1
        self.last_row = index
        if self.pending is not None:
            header_index, header = self.pending
            self.pending = None
            if self._open(header_index, header, index, row):
                return
        header = self._header_kind(row)
        if header is not None:
            self._close()
            self.participants_column = None
            if header == "table":
                self.pending = (index, row)
            else:
                self._open_persons(index, row)
            return
        if self.table is not None and self._take(index, row):
            return
        self._other(index, row, gap)

    def finish(self) -> None:
        if self.pending is not None:
            header_index, header = self.pending
            self.pending = None
            self._open(header_index, header, None, None)
        self._close()

    @staticmethod
    def _header_kind(row: Row) -> str | None:
        """ "table" for «№ п/п» with a name header to its right (in a row that is no passport
        label's), "persons" for «Роль» with «ФИО»; None for every other row.

        This runs on every row of a 50,000-row table: cheap tests on the first letter go first,
        and a name is looked at only once a «№» stands to its left.
        """
        number_column = name_column = 0
        role = False
        for column, cell in row.items():
            value = cell["value"]
            if value.__class__ is not str:
                continue
            first = value.lstrip()[:1]
            if first in _NUMBER_FIRST and len(value) <= 16:
                if not number_column and header_of(value) is Header.NUMBER:
                    number_column = column
            elif first in "Рр" and len(value) <= 8 and value.strip().casefold() == "роль":
                role = True
            elif first in _NAME_FIRST and number_column and not name_column and len(value) < 200:
                if header_of(value) is Header.NAME:
                    name_column = column
        if number_column and name_column:
            label = row[min(row)]["value"]
            if not (isinstance(label, str) and passport_field(label) is not None):
                return "table"
            return None
        if role:
            found = {header_of(c["value"]) for c in row.values() if isinstance(c["value"], str)}
            if Header.PERSON in found:
                return "persons"
        return None

    # -- opening and closing tables

    def _open(
        self, header_index: int, header: Row, next_index: int | None, below: Row | None
    ) -> bool:
        """Make a table of a header row and the row under it; True when that row was the
        second header row («план»/«факт») and is used up."""
        reader = self.reader
        columns: dict[Header, int] = {}
        name_header = ""
        year_cells: list[tuple[int, int]] = []
        for column in sorted(header):
            cell = header[column]
            if cell["data_type"] == FORMULA_WITHOUT_VALUE:
                reader._no_cached_value(self.title, header_index, cell)  # a year, most likely
                continue
            value = cell["value"]
            year = year_of(value)
            if year is not None:
                year_cells.append((column, year))
                continue
            if not isinstance(value, str):
                continue
            kind = header_of(value)
            if kind is not None and kind not in columns:
                columns[kind] = column
                if kind is Header.NAME:
                    name_header = value
        parts: dict[int, str] = {}
        if below is not None:
            for column, cell in below.items():
                part = plan_or_fact(cell["value"])
                if part is not None:
                    parts[column] = part
        consumed = bool(parts)
        header_key = normalize(name_header)
        context = normalize(f"{self.caption} {self.title}")
        if parts:
            kind = _plan_fact_kind(header_key, context)
        elif "финанс" in header_key or "источник" in header_key or "тыс. руб" in header_key:
            kind = "financing"
        elif Header.TOTAL in columns or Header.RESULT_NUMBER in columns:
            kind = "financing"
        elif "финанс" in context:
            kind = "financing"
        else:
            kind = _plan_fact_kind(header_key, context)
        location = _where(self.title, columns.get(Header.NAME, min(header)), header_index)
        if kind is None:
            reader.problem(
                f"не понятно, показатели это или результаты: заголовок «{_clip(name_header)}»; "
                "назовите столбец «Показатель…» или «Результат…»",
                location,
            )
            return consumed
        if not year_cells:
            reader.problem(
                "таблица без годов в заголовке пропущена", location, severity=Severity.WARNING
            )
            return consumed
        values = self._value_columns(header_index, year_cells, parts, kind, columns)
        table = _Table(kind=kind, header_row=header_index, columns=columns, values=values)
        if kind != "financing":
            table.name_has_unit = Header.UNIT not in columns and name_carries_unit(name_header)
            table.covered = frozenset((year, part) for _, year, part in values)
        else:
            table.covered = frozenset(year for _, year, _ in values)
            table.result_from_number = (
                Header.RESULT_NUMBER not in columns and header_key.startswith("результат")
            )
        self.table = table
        self.caption = ""
        return consumed

    def _value_columns(
        self,
        header_index: int,
        year_cells: list[tuple[int, int]],
        parts: dict[int, str],
        kind: str,
        columns: dict[Header, int],
    ) -> list[tuple[int, int, str]]:
        """Columns of values: each year's «план»/«факт» under it (or its one amount column)."""
        reader = self.reader
        # A year typed into both cells of an unmerged header is one year, not a year twice.
        groups: list[tuple[int, int, int]] = []  # (first column, last column, year)
        for column, year in year_cells:
            if groups and groups[-1][2] == year and groups[-1][1] == column - 1 and parts:
                groups[-1] = (groups[-1][0], column, year)
            else:
                groups.append((column, column, year))
        seen: dict[int, int] = {}
        stops = sorted([first for first, _, _ in groups] + list(columns.values()))
        values: list[tuple[int, int, str]] = []
        # A year that cannot be used is reported and its columns left out; the rest of the
        # table is still read, so every other mistake is found in the same pass.
        for first, last, year in groups:
            location = _where(self.title, first, header_index)
            if not MIN_YEAR <= year <= MAX_YEAR:
                reader.problem(
                    f"год {year} вне допустимых пределов {MIN_YEAR}–{MAX_YEAR}", location
                )
                continue
            if year in seen:
                reader.problem(
                    f"год {year} указан дважды "
                    f"(уже в ячейке {cell_name(seen[year], header_index)})",
                    location,
                    value=year,
                )
                continue
            seen[year] = first
            reader.year_cells.append((year, location))
            reader.incoming.table_years.add(year)
            if kind == "financing":
                values.append((first, year, "amount"))
                continue
            end = next((stop for stop in stops if stop > first), None)
            span = [c for c in sorted(parts) if c >= first and (end is None or c < end)]
            if not span and last > first:
                span = [c for c in sorted(parts) if first <= c <= last]
            found: dict[str, int] = {}
            for column in span:
                part = parts[column]
                if part in found:
                    reader.problem(
                        f"под годом {year} два столбца «{'план' if part == 'plan' else 'факт'}»",
                        _where(self.title, column, header_index + 1),
                    )
                found.setdefault(part, column)
            if not found:
                if parts:
                    reader.problem(
                        f"под годом {year} нет «план» и «факт»: значения прочитаны как план",
                        location,
                        Severity.WARNING,
                    )
                found = {"plan": first}
            values.extend((column, year, part) for part, column in found.items())
        if not parts and kind != "financing":
            reader.problem(
                "под годами нет «план» и «факт»: значения прочитаны как план",
                _where(self.title, year_cells[0][0], header_index),
                Severity.WARNING,
            )
        return values

    def _open_persons(self, index: int, row: Row) -> None:
        columns: dict[Header, int] = {}
        for column in sorted(row):
            value = row[column]["value"]
            if isinstance(value, str):
                kind = header_of(value)
                if kind is not None and kind not in columns:
                    columns[kind] = column
        self.table = _Table(kind="persons", header_row=index, columns=columns, values=[])
        self.caption = ""

    def _close(self) -> None:
        table = self.table
        if table is None:
            return
        self.table = None
        incoming = self.reader.incoming
        if table.kind == "financing":
            self._end_line(table)
            incoming.financing = (incoming.financing or []) + table.lines
        elif table.kind == "persons":
            incoming.persons = (incoming.persons or []) + table.persons
        else:
            kind = RowKind.INDICATOR if table.kind == "indicator" else RowKind.RESULT
            if kind is RowKind.INDICATOR:
                incoming.indicators = (incoming.indicators or []) + table.rows
            else:
                incoming.results = (incoming.results or []) + table.rows

    # -- table rows

    def _take(self, index: int, row: Row) -> bool:
        """Read a row of the open table; False when it is no data row (a caption, a label)."""
        table = self.table
        assert table is not None
        if _is_footnote(row):
            return True
        if table.kind == "financing":
            return self._financing_row(table, index, row)
        if table.kind == "persons":
            return self._person_row(table, index, row)
        return self._plan_fact_row(table, index, row)

    def _plan_fact_row(self, table: _Table, index: int, row: Row) -> bool:
        reader, sheet, columns = self.reader, self.title, table.columns
        number_cell = row.get(columns.get(Header.NUMBER, -1))
        name_cell = row.get(columns.get(Header.NAME, -1))
        number = reader.text(sheet, index, number_cell).strip()
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
        name = reader.text(sheet, index, name_cell)
        if not name.strip():
            if has_values or reader.failures > before:
                reader.problem("нет наименования строки", _where(sheet, _name_column(table), index))
            return True
        given: set[str] = set()
        unit = ""
        cumulative = False
        if Header.CUMULATIVE in columns:
            cell = row.get(columns[Header.CUMULATIVE])
            flag = flag_of(cell["value"] if cell else None)
            if flag is None:
                reader.problem(
                    f"«{_clip(str(cell['value'] if cell else ''))}»: ожидалось «да» или «нет»",
                    _where(sheet, columns[Header.CUMULATIVE], index),
                )
            cumulative = bool(flag)
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
                        f"«{_clip(text)}»: ожидалось «рост» или «снижение»",
                        _where(sheet, columns[Header.DIRECTION], index),
                    )
                else:
                    direction = found
                    given.add("direction")
        base_value: Decimal | None = None
        base_year: int | None = None
        if Header.BASE_VALUE in columns or Header.BASE_YEAR in columns:
            given.add("base")
            cell = row.get(columns.get(Header.BASE_VALUE, -1))
            base_value = reader.number(sheet, index, cell) if cell else None
            cell = row.get(columns.get(Header.BASE_YEAR, -1))
            if cell is not None:
                base_year = year_of(cell["value"])
                if base_year is None:
                    reader.problem(
                        f"«{_clip(str(cell['value']))}» — не год",
                        _where(sheet, cell["column"], index),
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
                ),
                given=frozenset(given),
                covered=table.covered.difference(failed) if failed else table.covered,
                location=f"лист «{sheet}», строка {index}",
            )
        )
        return True

    def _financing_row(self, table: _Table, index: int, row: Row) -> bool:
        reader, sheet, columns = self.reader, self.title, table.columns
        number_cell = row.get(columns.get(Header.NUMBER, -1))
        name_cell = row.get(columns.get(Header.NAME, -1))
        number = reader.text(sheet, index, number_cell).strip()
        name = reader.text(sheet, index, name_cell)
        first_text = normalize(number or name)
        if first_text.startswith(("итого", "всего")):
            self._check_total_row(table, index, row)
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
                reader.problem("нет наименования строки", _where(sheet, _name_column(table), index))
                return True
            return bool(number)
        self._check_row_total(table, index, row, amounts)
        indent = reader.book.style(name_cell["style_id"]).indent if name_cell else 0
        is_source = indent > 0 or (not number and table.line is not None)
        if not is_source and not number and not has_amounts:
            return False  # a caption
        if is_source and table.line is not None:
            level = indent or (2 if normalize(name).startswith("из них") else 1)
            stack = table.source_stack
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][1] if stack else None
            stack.append((level, name))
            table.line.line.sources.append(
                BudgetSource(name=name, parent=parent, values=_present(amounts))
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
        table.line = IncomingLine(
            line=FinancingLine(number=number, name=strip_financing_unit(name), result=result),
            result_given=Header.RESULT_NUMBER in columns,
            covered=table.covered.difference(failed) if failed else table.covered,
            location=f"лист «{sheet}», строка {index}",
        )
        table.line_amounts = amounts
        table.line_row = index
        table.source_stack = []
        return True

    def _end_line(self, table: _Table) -> None:
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
                if given is not None and not _same_amount(given, line.total(year)):
                    column = next(c for c, y, _ in table.values if y == year)
                    self.reader.problem(
                        f"итог строки {_show(given)} не равен сумме по источникам "
                        f"{_show(line.total(year))}; загружаются суммы источников",
                        _where(self.title, column, table.line_row),
                        Severity.WARNING,
                    )
        table.lines.append(item)

    def _check_row_total(
        self, table: _Table, index: int, row: Row, amounts: dict[int, Decimal | None]
    ) -> None:
        column = table.columns.get(Header.TOTAL)
        cell = row.get(column) if column is not None else None
        if cell is None or cell["data_type"] == FORMULA_WITHOUT_VALUE:
            return  # a derived cell: nothing is lost when it cannot be read
        given = self.reader.number(self.title, index, cell)
        present = [value for value in amounts.values() if value is not None]
        computed = sum(present, Decimal(0)) if present else None
        if given is not None and not _same_amount(given, computed):
            self.reader.problem(
                f"«Всего» {_show(given)} не равно сумме по годам {_show(computed)}; "
                "значение «Всего» не загружается",
                _where(self.title, cell["column"], index),
                Severity.WARNING,
            )

    def _check_total_row(self, table: _Table, index: int, row: Row) -> None:
        self._end_line(table)
        lines = [item.line for item in table.lines]
        for column, year, _ in table.values:
            cell = row.get(column)
            if cell is None or cell["data_type"] == FORMULA_WITHOUT_VALUE:
                continue
            given = self.reader.number(self.title, index, cell)
            present = [t for line in lines if (t := line.total(year)) is not None]
            computed = sum(present, Decimal(0)) if present else None
            if given is not None and not _same_amount(given, computed):
                self.reader.problem(
                    f"«Итого» за {year} год {_show(given)} не равно сумме строк "
                    f"{_show(computed)}; итог не загружается, он вычисляется",
                    _where(self.title, column, index),
                    Severity.WARNING,
                )

    def _person_row(self, table: _Table, index: int, row: Row) -> bool:
        reader, sheet, columns = self.reader, self.title, table.columns

        def text(header: Header) -> str:
            column = columns.get(header)
            return reader.text(sheet, index, row.get(column)) if column is not None else ""

        role, name = text(Header.ROLE), text(Header.PERSON)
        if not role.strip() and not name.strip():
            return False
        if not name.strip():
            reader.problem(
                "не указаны фамилия и инициалы", _where(sheet, columns[Header.PERSON], index)
            )
            return True
        if not role.strip():
            reader.problem("не указана роль", _where(sheet, columns[Header.ROLE], index))
            return True
        table.persons.append(
            Person(
                role=role, name=name, position=text(Header.POSITION), contacts=text(Header.CONTACTS)
            )
        )
        return True

    # -- rows outside tables: passport labels, participants, captions

    def _other(self, index: int, row: Row, gap: bool) -> None:
        reader = self.reader
        columns = sorted(row)
        first_column = columns[0]
        texts = [reader.text(self.title, index, row[column]) for column in columns]
        head = texts[0]
        if self.participants_column is not None and not gap and self.table is None:
            participant = None
            if first_column > self.participants_column:
                participant = head
            elif head.lstrip()[:1] in _BULLETS and head.strip() not in _BULLETS:
                participant = head.lstrip()[1:].strip()
            if participant is not None:
                if participant.strip():
                    assert reader.incoming.participants is not None
                    reader.incoming.participants.append(participant)
                return
        self.participants_column = None
        if not isinstance(row[first_column]["value"], str):
            return
        field_name = passport_field(head)
        values = texts[1:]
        if field_name is None:
            inline = split_inline_label(head)
            if inline is None:
                if self.table is None:
                    self.caption = head
                return
            field_name, value = inline
            values = [value, *values]
        self._passport(field_name, values, index, first_column)

    def _passport(self, name: Field, values: list[str], index: int, column: int) -> None:
        reader, incoming = self.reader, self.reader.incoming
        value = values[0] if values else ""
        location = _where(self.title, column, index)
        if name in reader.seen_fields:
            reader.problem(
                f"поле «{_clip(value)}» уже указано ({reader.seen_fields[name]}); "
                "берётся последнее значение",
                location,
                Severity.WARNING,
            )
        reader.seen_fields[name] = location
        if name is Field.CODE:
            incoming.code = value.strip() or None
        elif name is Field.NAME:
            incoming.name = value
        elif name in (Field.REGION, Field.GOAL, Field.CUSTOMER):
            incoming.texts[name.value] = value
        elif name is Field.NATIONAL_PROJECT:
            incoming.national_project = value or None
            incoming.national_project_given = True
        elif name is Field.FEDERAL_CODE:
            reader.federal_code = value
        elif name is Field.FEDERAL_NAME:
            reader.federal_name = value
        elif name is Field.YEARS:
            self._years(value, location)
        elif name in PERSON_FIELDS:
            if not value.strip():
                return
            person_name, position = value, values[1] if len(values) > 1 else None
            if position is None and "," in value:
                person_name, _, position = value.partition(",")
                person_name, position = person_name.strip(), position.strip()
            person = Person(role=PERSON_FIELDS[name].value, name=person_name)
            if position is not None:
                person.position = position
            incoming.passport_persons.append((person, position is not None))
        elif name is Field.PARTICIPANTS:
            incoming.participants = [v for v in values[:1] if v.strip()]
            self.participants_column = column

    def _years(self, value: str, location: str) -> None:
        found = years_of(value)
        if found is None:
            self.reader.problem(
                f"срок реализации «{_clip(value)}» не понятен: ожидалось «2019–2024»", location
            )
            return
        first, last = found
        if not (MIN_YEAR <= first <= last <= MAX_YEAR):
            self.reader.problem(
                f"срок реализации {first}–{last}: ожидались годы {MIN_YEAR}–{MAX_YEAR}, "
                "первый не позже последнего",
                location,
            )
            return
        self.reader.incoming.years = found


def _plan_fact_kind(header: str, context: str) -> str | None:
    for text in (header, context):
        has_indicator, has_result = "показател" in text, "результат" in text
        if has_indicator and not has_result:
            return "indicator"
        if has_result and not has_indicator:
            return "result"
    return None


def _name_column(table: _Table) -> int:
    return table.columns.get(Header.NAME, table.columns.get(Header.NUMBER, 1))


def _present(amounts: dict[int, Decimal | None]) -> dict[int, Decimal | None]:
    return {year: value for year, value in amounts.items() if value is not None}


def _same_amount(given: Decimal | None, computed: Decimal | None) -> bool:
    """Totals Excel computed carry float noise (1064843.4000000001): a millionth is none."""
    if given is None or computed is None:
        return (given or 0) == (computed or 0)
    return abs(given - computed) < Decimal("0.000001")


def _show(value: Decimal | None) -> str:
    return format_number(value)
