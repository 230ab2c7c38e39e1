"""The overview of all projects as a workbook: one sheet «Все проекты», one row a project.

The project's code is in the first column; counts and amounts are numbers (not text), dates
are dates; a figure the project has not for the year (the year is outside its years) is «–».
Printed like the other exports: A4 landscape, one page wide, the header row on every page.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side
from openpyxl.utils import get_column_letter

from cdo_desktop.core.numbers import NO_VALUE
from cdo_desktop.core.overview import (
    Column,
    ColumnKind,
    Overview,
    Value,
    as_of_text,
    overview_title,
)
from cdo_desktop.exchange.excel_layout import (
    DATE_FORMAT,
    FORMULA_STARTS,
    TOTAL_ROW,
    decimals_of,
    number_format,
)
from cdo_desktop.exchange.excel_print import BOLD, fit_a4_landscape
from cdo_desktop.files import write_file_atomically

SHEET_TITLE = "Все проекты"
_COUNT_FORMAT = "0"
_MOMENT_FORMAT = "DD.MM.YYYY HH:MM"
# Column widths in digits of the default font, by kind; the name is wider.
_WIDTHS = {ColumnKind.TEXT: 22, ColumnKind.COUNT: 11, ColumnKind.MONEY: 16, ColumnKind.DATE: 16}
_WIDE = {"name": 44, "code": 8, "years": 11}
_THIN = Side(style="thin", color="A0A0A0")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAPPED = Alignment(wrap_text=True, vertical="top")
_CENTERED = Alignment(horizontal="center", vertical="top")
_HEADER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def write_overview_workbook(overview: Overview, path: str | Path) -> None:
    """Write the workbook whole or not at all (CdoError naming the file when it cannot)."""
    workbook = overview_workbook(overview)
    zipped = io.BytesIO()
    workbook.save(zipped)

    def write(temporary: Path) -> None:
        temporary.write_bytes(zipped.getbuffer())

    write_file_atomically(path, write)


def overview_workbook(overview: Overview) -> Workbook:
    workbook = Workbook()
    workbook.iso_dates = True
    sheet: Any = workbook.active
    sheet.title = SHEET_TITLE
    columns = overview.columns
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(1, index, column.title)
        cell.font, cell.alignment, cell.border = BOLD, _HEADER, _GRID
        width = _WIDE.get(column.key, _WIDTHS[column.kind])
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row, line in enumerate(overview.lines, start=2):
        for index, column in enumerate(columns, start=1):
            _put(sheet.cell(row, index), column, column.value(line))
    total_row = len(overview.lines) + 2
    totals = overview.totals()
    label = sheet.cell(total_row, 1, TOTAL_ROW)
    label.font, label.border = BOLD, _GRID
    for index, column in enumerate(columns[1:], start=2):
        cell = sheet.cell(total_row, index)
        cell.border = _GRID
        if column.summed:
            _put(cell, column, totals.get(column.key))
            cell.font = BOLD
    _print_setup(sheet, overview)
    return workbook


def _put(cell: Any, column: Column, value: Value) -> None:
    cell.border = _GRID
    if value is None:
        cell.value = NO_VALUE if column.kind is not ColumnKind.TEXT else None
        cell.alignment = _CENTERED
    elif isinstance(value, datetime | date):
        cell.value = value
        cell.number_format = _MOMENT_FORMAT if isinstance(value, datetime) else DATE_FORMAT
        cell.alignment = _CENTERED
    elif isinstance(value, int):
        cell.value = value
        cell.number_format = _COUNT_FORMAT
    elif isinstance(value, Decimal):
        cell.value = value
        cell.number_format = number_format(decimals_of(value))
    else:
        # Text is text: «=…» typed in a name must not become a formula.
        cell.value = value
        cell.data_type = "s"
        cell.alignment = _WRAPPED
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True


def _print_setup(sheet: Any, overview: Overview) -> None:
    sheet.freeze_panes = "C2"
    sheet.print_title_rows = "1:1"
    fit_a4_landscape(sheet)
    sheet.HeaderFooter.oddHeader.center.text = (
        f"{overview_title(overview.year)}, {as_of_text(overview.as_of)}"
    )
    sheet.HeaderFooter.oddFooter.center.text = "Страница &P из &N"
