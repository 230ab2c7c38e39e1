"""Projects as xlsx workbooks laid out like the passport, for the screen and for A4 paper.

One workbook per project, sheets «Паспорт», «Показатели», «Результаты», «Финансирование»,
«Ответственные» (docs/excel.md). Values are numbers with a format showing exactly the digits the
value has; text is always text, never a formula. Workbooks are streamed with openpyxl's
write-only mode into temporary files renamed over the targets only when all are complete.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import (
    ALL_SOURCES,
    BudgetSource,
    Direction,
    FinancingLine,
    PlanFactRow,
    Project,
    RowKind,
)
from cdo_desktop.core.text import unstorable_text
from cdo_desktop.core.totals import (
    grand_total,
    line_grand_total,
    line_year_total,
    source_grand_total,
    year_total,
)
from cdo_desktop.exchange.excel_cells_out import Cell as _Cell
from cdo_desktop.exchange.excel_cells_out import Sheet as _Sheet
from cdo_desktop.exchange.excel_cells_out import Styles as _Styles
from cdo_desktop.exchange.excel_layout import (
    DIRECTION_WORDS,
    FORMULA_STARTS,
    HEADER_BASE_VALUE,
    HEADER_BASE_YEAR,
    HEADER_CHARACTERISTIC,
    HEADER_CONTACTS,
    HEADER_CUMULATIVE,
    HEADER_DIRECTION,
    HEADER_FACT,
    HEADER_FINANCING_NAME,
    HEADER_INDICATOR,
    HEADER_NUMBER,
    HEADER_PERSON,
    HEADER_PLAN,
    HEADER_POSITION,
    HEADER_RESULT,
    HEADER_RESULT_NUMBER,
    HEADER_ROLE,
    HEADER_TOTAL,
    HEADER_UNIT,
    PASSPORT_LABELS,
    PERSON_FIELDS,
    SHEET_FINANCING,
    SHEET_INDICATORS,
    SHEET_MUNICIPALITIES,
    SHEET_PASSPORT,
    SHEET_PERSONS,
    SHEET_RESULTS,
    TOTAL_ROW,
    YES,
    Field,
    years_text,
)
from cdo_desktop.exchange.excel_passport_export import (
    PassportColumns,
    person_cells,
    person_headers,
    write_municipalities,
)
from cdo_desktop.exchange.excel_points_out import write_points_and_risks
from cdo_desktop.exchange.excel_print import fit_a4_landscape
from cdo_desktop.exchange.excel_print import print_across as _print_across
from cdo_desktop.exchange.excel_progress import Progress, Ticker
from cdo_desktop.files import flush_folder, flush_to_disk, temporary_beside, write_problem

_ROW_NUMBER = re.compile(r"[1-9][0-9]{0,14}")
_LINE_POINTS = 15.0  # one line of 11-point text
# Column widths, in digits of the default font.
_NAME_WIDTH = 50
_VALUE_COLUMN = 10
_LABEL_WIDTH = 38
_VALUE_WIDTH = 90
_POSITION_WIDTH = 50


def row_height(*texts: tuple[str | None, float]) -> float | None:
    """Points a row needs for its wrapped texts, each given with its column width; None when
    one line will do. An estimate erring on the tall side: widths count digits, and a
    viewer may substitute a wider font for Calibri."""
    lines = 1
    for text, width in texts:
        if not text:
            continue
        # A width holds about as many letters of running text as digits.
        capacity = max(int(width), 1)
        count = sum(max(1, -(-len(part) // capacity)) for part in text.split("\n"))
        lines = max(lines, count)
    return None if lines == 1 else lines * _LINE_POINTS + 2


def workbook_paths(target: str | Path, projects: Sequence[Project]) -> list[Path]:
    """Where each project goes: `target` itself for one project; for several, one workbook
    each beside it, named by the project code (`отчёт.xlsx` → `отчёт_E4.xlsx`, `отчёт_E5.xlsx`)."""
    target = Path(target)
    if len(projects) == 1:
        return [target]
    suffix = target.suffix or ".xlsx"
    return [
        target.with_name(f"{target.stem}_{_safe_name(project.code)}{suffix}")
        for project in projects
    ]


def _safe_name(code: str) -> str:
    return re.sub(r"[^\w.-]+", "_", code.strip()) or "проект"


def export_projects(
    projects: Sequence[Project], target: str | Path, progress: Progress | None = None
) -> list[Path]:
    """Write each project's workbook; all files appear at the end, or none (cancel, error)."""
    if not projects:
        raise CdoError("нет проектов для выгрузки")
    paths = workbook_paths(target, projects)
    ticker = Ticker(progress, sum(_row_count(project) for project in projects))
    ticker.report(0)
    written: list[tuple[Path, Path]] = []
    try:
        done = 0
        for project, path in zip(projects, paths, strict=True):
            temporary = temporary_beside(path)
            written.append((temporary, path))
            done = write_workbook(project, temporary, ticker, done)
        ticker.report(ticker.total)
        for temporary, _ in written:
            flush_to_disk(temporary)
        for temporary, path in written:
            os.replace(temporary, path)
        flush_folder(paths[0])
    except OSError as error:
        _remove(temporary for temporary, _ in written)
        # Name the workbook the user asked for, not the temporary file beside it.
        failed = written[-1][1] if written else paths[0]
        raise CdoError(write_problem(error), place=str(failed)) from None
    except BaseException:
        _remove(temporary for temporary, _ in written)
        raise
    return paths


def _remove(paths: Iterable[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _row_count(project: Project) -> int:
    sources = sum(len(line.sources) + 1 for line in project.financing)
    return len(project.indicators) + len(project.results) + sources + len(project.persons) + 20


class _Writer:
    """Builds one project's workbook; the cell helpers below keep types and styles right."""

    def __init__(self, project: Project, ticker: Ticker, done: int) -> None:
        self.project = project
        self.ticker = ticker
        self.done = done
        self.book = Workbook(write_only=True)
        self.book.iso_dates = True
        first = self._sheet(SHEET_PASSPORT)
        self.styles = _Styles(first)
        self.passport_sheet = first

    # -- cells

    def text(self, value: str | None, style: int | None = None, quoted: int | None = None) -> Any:
        if not value:
            return _Cell(None, "n", style if style is not None else self.styles.empty)
        if value.startswith(FORMULA_STARTS):
            style = quoted if quoted is not None else self.styles.text_quoted
        elif style is None:
            style = self.styles.text
        # Type "s" always: openpyxl would otherwise take «=…» for a formula, «#N/A» for an error.
        return _Cell(value, "s", style)

    def number(self, value: Decimal | None, *, bold: bool = False) -> _Cell:
        if value is None:
            return _Cell(None, "n", self.styles.empty)
        # The exact digits go into the file; Excel reads them as a number.
        text = f"{value:f}"
        point = text.find(".")
        decimals = len(text) - point - 1 if point >= 0 else 0
        return _Cell(text, "n", self.styles.number(decimals, bold=bold))

    def row_number(self, number: str) -> _Cell:
        if _ROW_NUMBER.fullmatch(number):
            return _Cell(int(number), "n", self.styles.center)
        cell: _Cell = self.text(number, self.styles.center, self.styles.center_quoted)
        return cell

    def header(self, value: str | int | None) -> _Cell:
        if isinstance(value, int):
            return _Cell(value, "n", self.styles.header)
        return _Cell(value or None, "s" if value else "n", self.styles.header)

    # -- sheets

    def _sheet(self, title: str) -> _Sheet:
        sheet = self.book.create_sheet(title)
        sheet.__class__ = _Sheet
        fit_a4_landscape(sheet)
        project = self.project
        title_text = f"{project.code} «{project.name}» — {title}".replace("&", "&&")
        if len(title_text) > 200:
            title_text = title_text[:199] + "…"
        sheet.HeaderFooter.oddHeader.center.text = title_text
        sheet.HeaderFooter.oddFooter.center.text = "Страница &P из &N"
        made: _Sheet = sheet
        return made

    def _layout(self, sheet: _Sheet, widths: Sequence[float], rows: int) -> None:
        """Column widths, and the extent: the rows and columns the sheet will have."""
        for index, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.extent = f"A1:{get_column_letter(len(widths))}{max(rows, 1)}"

    def _tick(self) -> None:
        self.done += 1
        self.ticker.tick(self.done)

    def build(self) -> Workbook:
        self._passport()
        project = self.project
        self._plan_fact(self._sheet(SHEET_INDICATORS), project.indicators, RowKind.INDICATOR)
        self._plan_fact(self._sheet(SHEET_RESULTS), project.results, RowKind.RESULT)
        self._financing(self._sheet(SHEET_FINANCING))
        self._persons(self._sheet(SHEET_PERSONS))
        if any(row.municipalities for row in project.indicators):
            write_municipalities(self, self._sheet(SHEET_MUNICIPALITIES))
        write_points_and_risks(self)
        return self.book

    def _passport(self) -> None:
        sheet, styles, project = self.passport_sheet, self.styles, self.project
        sheet.print_options.horizontalCentered = True
        federal = project.federal_project
        rows: list[tuple[Field, str | None]] = [
            (Field.CODE, project.code),
            (Field.NAME, project.name),
            (Field.REGION, project.region),
            (Field.NATIONAL_PROJECT, project.national_project),
            (Field.FEDERAL_CODE, federal.code if federal else None),
            (Field.FEDERAL_NAME, federal.name if federal else None),
            (Field.GOAL, project.goal),
            (Field.CUSTOMER, project.customer),
            (Field.YEARS, years_text(project.first_year, project.last_year)),
        ]
        if project.municipalities:
            rows.append((Field.MUNICIPALITIES, "\n".join(project.municipalities)))
        people = [(f, p) for f, role in PERSON_FIELDS.items() if (p := project.person(role))]
        participants = project.participants or [""]
        self._layout(
            sheet,
            [_LABEL_WIDTH, _VALUE_WIDTH, _POSITION_WIDTH],
            len(rows) + len(people) + len(participants),
        )
        # A value spans the value and position columns: the bordered block stays a rectangle
        # and no position stands outside it.
        wide = _VALUE_WIDTH + _POSITION_WIDTH
        for field, value in rows:
            label = PASSPORT_LABELS[field]
            sheet.add(
                [self.text(label, styles.label), self.text(value), self.text(None)],
                row_height((label, _LABEL_WIDTH * 0.9), (value, wide)),
            )
            sheet.merged_cells.add(f"B{sheet.rows_written}:C{sheet.rows_written}")
        for field, person in people:
            label = PASSPORT_LABELS[field]
            sheet.add(
                [
                    self.text(label, styles.label),
                    self.text(person.name),
                    self.text(person.position),
                ],
                row_height(
                    (label, _LABEL_WIDTH * 0.9),
                    (person.name, _VALUE_WIDTH),
                    (person.position, _POSITION_WIDTH),
                ),
            )
        first_row = len(rows) + len(people)
        for index, participant in enumerate(participants):
            title = PASSPORT_LABELS[Field.PARTICIPANTS] if index == 0 else None
            sheet.add(
                [self.text(title, styles.label), self.text(participant), self.text(None)],
                row_height((title, _LABEL_WIDTH * 0.9), (participant, wide)),
            )
            sheet.merged_cells.add(f"B{sheet.rows_written}:C{sheet.rows_written}")
        if len(participants) > 1:
            top = first_row + 1
            sheet.merged_cells.add(f"A{top}:A{top + len(participants) - 1}")

    def _plan_fact(self, sheet: _Sheet, rows: list[PlanFactRow], kind: RowKind) -> None:
        styles, years = self.styles, self.project.years
        with_base = any(row.base_value is not None or row.base_year is not None for row in rows)
        with_direction = any(row.direction is not Direction.UP for row in rows)
        with_characteristic = kind is RowKind.RESULT and any(row.characteristic for row in rows)
        extras: list[str] = []
        # «Нарастающим» in bold needs 15: narrower, viewers break the word itself.
        widths: list[float] = [7.0, _NAME_WIDTH, 12.0, 15.0]
        widths += [_VALUE_COLUMN] * (2 * len(years))
        if with_base:
            extras += [HEADER_BASE_VALUE, HEADER_BASE_YEAR]
            widths += [12, 9]
        if with_direction:
            extras.append(HEADER_DIRECTION)
            widths.append(12)
        if with_characteristic:
            extras.append(HEADER_CHARACTERISTIC)
            widths.append(40)
        passport = PassportColumns(self.project, rows, kind)
        extras += passport.headers
        widths += passport.widths
        self._layout(sheet, widths, 2 + len(rows) + passport.task_rows)
        groups = [(5 + 2 * offset, 2) for offset in range(len(years))]
        groups += [(5 + 2 * len(years) + offset, 1) for offset in range(len(extras))]
        _print_across(sheet, widths, groups)
        sheet.freeze_panes = "C3"
        sheet.print_title_rows = "1:2"
        name = HEADER_INDICATOR if kind is RowKind.INDICATOR else HEADER_RESULT
        fixed = [HEADER_NUMBER, name, HEADER_UNIT, HEADER_CUMULATIVE]
        first: list[Any] = [self.header(text) for text in fixed]
        second: list[Any] = [self.header(None) for _ in fixed]
        for year in years:
            first += [self.header(year), self.header(None)]
            second += [self.header(HEADER_PLAN), self.header(HEADER_FACT)]
        first += [self.header(text) for text in extras]
        second += [self.header(None) for _ in extras]
        sheet.add(first, 2 * _LINE_POINTS + 2)
        sheet.add(second)
        merged = sheet.merged_cells
        for column in range(1, len(fixed) + 1):
            letter = get_column_letter(column)
            merged.add(f"{letter}1:{letter}2")
        for offset in range(len(years)):
            column = len(fixed) + 1 + 2 * offset
            merged.add(f"{get_column_letter(column)}1:{get_column_letter(column + 1)}1")
        for column in range(len(fixed) + 2 * len(years) + 1, len(first) + 1):
            letter = get_column_letter(column)
            merged.add(f"{letter}1:{letter}2")
        number, text = self.number, self.text
        for row in rows:
            passport.before(self, sheet, row, len(first))
            cells: list[Any] = [
                self.row_number(row.number),
                text(row.name),
                text(row.unit, styles.center, styles.center_quoted),
                text(YES if row.cumulative else None, styles.center),
            ]
            values = row.values
            for year in years:
                pair = values.get(year)
                if pair is None:
                    cells += [number(None), number(None)]
                else:
                    cells += [number(pair.plan), number(pair.fact)]
            if with_base:
                cells.append(number(row.base_value))
                base_year = row.base_year
                cells.append(_Cell(base_year, "n", styles.year) if base_year else number(None))
            if with_direction:
                cells.append(text(DIRECTION_WORDS[row.direction], styles.center))
            if with_characteristic:
                cells.append(text(row.characteristic))
            cells += passport.cells(self, row)
            sheet.add(
                cells,
                row_height(
                    (row.name, _NAME_WIDTH),
                    (row.unit, 12),
                    (row.characteristic if with_characteristic else None, 40),
                ),
            )
            self._tick()

    def _financing(self, sheet: _Sheet) -> None:
        styles, project = self.styles, self.project
        years = project.years
        lines = project.financing
        rows = 2 + sum(1 if _is_single(line) else 1 + len(line.sources) for line in lines)
        widths = [7, _NAME_WIDTH, 11] + [12] * len(years) + [13]
        self._layout(sheet, widths, rows)
        _print_across(sheet, widths, [(4 + offset, 1) for offset in range(len(years) + 1)])
        sheet.freeze_panes = "C2"
        sheet.print_title_rows = "1:1"
        header = [HEADER_NUMBER, HEADER_FINANCING_NAME, HEADER_RESULT_NUMBER]
        sheet.add(
            [self.header(text) for text in header]
            + [self.header(year) for year in years]
            + [self.header(HEADER_TOTAL)],
            2 * _LINE_POINTS + 2,
        )
        number, text = self.number, self.text
        # Computed totals by the one rule of the window and the PDF (core.totals): 243 700,7.
        for line in project.financing:
            sheet.add(
                [
                    self.row_number(line.number),
                    text(line.name),
                    text(line.result, styles.center, styles.center_quoted),
                    *(number(line_year_total(line, year)) for year in years),
                    number(line_grand_total(line, years)),
                ],
                row_height((line.name, _NAME_WIDTH)),
            )
            self._tick()
            if _is_single(line):
                continue
            for level, source in _source_tree(line.sources):
                amounts = [source.values.get(year) for year in years]
                sheet.add(
                    [
                        number(None),
                        text(source.name, styles.indented(level), styles.indented(level)),
                        number(None),
                        *(number(value) for value in amounts),
                        number(source_grand_total(source, years)),
                    ],
                    row_height((source.name, _NAME_WIDTH - 2 * level)),
                )
                self._tick()
        sheet.add(
            [
                number(None),
                text(TOTAL_ROW, styles.total_label),
                number(None),
                *(number(year_total(lines, year), bold=True) for year in years),
                number(grand_total(lines, years), bold=True),
            ]
        )

    def _persons(self, sheet: _Sheet) -> None:
        styles = self.styles
        extra = person_headers(self.project.persons)
        widths = [7, 20, 30, 60, 35] + [30] * len(extra)
        self._layout(sheet, widths, 1 + len(self.project.persons))
        sheet.freeze_panes = "A2"
        sheet.print_title_rows = "1:1"
        header = [HEADER_NUMBER, HEADER_ROLE, HEADER_PERSON, HEADER_POSITION, HEADER_CONTACTS]
        header += extra
        sheet.add([self.header(text) for text in header])
        for index, person in enumerate(self.project.persons, 1):
            sheet.add(
                [
                    _Cell(index, "n", styles.center),
                    self.text(person.role),
                    self.text(person.name),
                    self.text(person.position),
                    self.text(person.contacts),
                    *person_cells(self, person, extra),
                ],
                row_height(
                    (person.role, widths[1]),
                    (person.name, widths[2]),
                    (person.position, widths[3]),
                    (person.contacts, widths[4]),
                ),
            )
            self._tick()


def _is_single(line: FinancingLine) -> bool:
    """A line whose amounts are its one «все источники»: its row says everything."""
    return not line.sources or (len(line.sources) == 1 and line.sources[0].name == ALL_SOURCES)


def _source_tree(sources: list[BudgetSource]) -> list[tuple[int, BudgetSource]]:
    """Sources with their depth, each followed by its «из них» (import rebuilds the tree from
    the indent). A source whose parent is missing stands at the top."""
    names = {source.name for source in sources}
    children: dict[str | None, list[BudgetSource]] = {}
    for source in sources:
        parent = source.parent if source.parent in names else None
        children.setdefault(parent, []).append(source)
    ordered: list[tuple[int, BudgetSource]] = []
    seen: set[str] = set()

    def visit(parent: str | None, level: int) -> None:
        for source in children.get(parent, []):
            if source.name in seen:
                continue
            seen.add(source.name)
            ordered.append((level, source))
            visit(source.name, level + 1)

    visit(None, 1)
    ordered += [(1, source) for source in sources if source.name not in seen]
    return ordered


def write_workbook(
    project: Project, path: Path, ticker: Ticker | None = None, done: int = 0
) -> int:
    """Write one project's workbook to `path` (no temporary file: see export_projects)."""
    unstorable = unstorable_text(project)
    if unstorable is not None:
        # Typing and loading refuse such text; an older version's database may hold it. A
        # workbook that dropped or cut it would come back as a change on re-import.
        where, why = unstorable
        raise CdoError(
            f"проект {project.code}, {where}: {why} — исправьте текст в программе "
            "и повторите выгрузку"
        )
    writer = _Writer(project, ticker or Ticker(None, 1), done)
    try:
        # Zipped in memory, written in one go: openpyxl's own ZipFile over the file, left
        # open by a full disk, would fail again when collected («Exception ignored in
        # ZipFile.__del__»). A workbook is a few megabytes at most.
        zipped = io.BytesIO()
        writer.build().save(zipped)
    except BaseException:
        _discard(writer.book)
        raise
    with open(path, "wb") as file:
        file.write(zipped.getbuffer())
    return writer.done


def _discard(book: Workbook) -> None:
    """Close the sheets of an abandoned workbook and delete their streams.

    openpyxl streams each write-only sheet into a temporary file of its own and removes it
    only on saving; a cancelled export must not leave those until the program exits.
    """
    for sheet in book.worksheets:
        stream = getattr(sheet, "_writer", None)
        if stream is None:
            continue
        if not sheet.closed:
            try:
                sheet.close()
            except Exception:
                pass  # the export has failed already; only the stream file matters now
        out = getattr(stream, "out", None)
        if isinstance(out, str) and os.path.exists(out):
            os.remove(out)
