"""The change request as a workbook: the same formal sheet as the PDF, ready to print on A4
landscape (one page wide, the table's header repeated on every page), values as text."""

from __future__ import annotations

import io
import math
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from cdo_desktop.core.change_request import REQUEST_COLUMNS, ChangeRequest
from cdo_desktop.exchange.excel_print import BOLD, fit_a4_landscape
from cdo_desktop.files import write_file_atomically

# REQUEST_COLUMNS in characters: the values and the justification get the room.
WIDTHS = [6, 17, 14, 16, 7, 30, 30, 34]
_CENTERED = {0, 4}
_SMALL = Font(name=BOLD.name, size=8, color="404040")
_THIN = Side(style="thin", color="7F7F7F")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DCE4F0")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")


_LINE_HEIGHT = 15.0  # points, a line of 11-point text


def _lines(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` characters wide (a little
    generously: a row a bit too high reads better than a cut line)."""
    room = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(len(part) * 1.1 / room)) for part in text.split("\n"))


def save_request_workbook(request: ChangeRequest, path: str | Path) -> None:
    """Write the request to `path`, whole or not at all (the old file stays on a failure)."""

    def write(temporary: Path) -> None:
        zipped = io.BytesIO()  # zipped in memory: see exchange/history_excel.py
        request_workbook(request).save(zipped)
        temporary.write_bytes(zipped.getbuffer())

    write_file_atomically(path, write)


def request_workbook(request: ChangeRequest) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "Запрос на изменение"
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(WIDTHS))
    row = 1
    for text, font in (
        (request.project.region, Font(name=BOLD.name, size=9, color="595959")),
        (request.title(), Font(name=BOLD.name, size=14, bold=True, color="1F3864")),
        (request.subtitle(), None),
    ):
        if not text:
            continue
        sheet.merge_cells(f"A{row}:{last}{row}")
        title = sheet.cell(row, 1, text)
        title.data_type = "s"
        title.alignment = Alignment(wrap_text=True, vertical="center")
        if font is not None:
            title.font = font
        sheet.row_dimensions[row].height = 36 if font is not None and font.bold else 18
        row += 1
    row += 1
    header_row = row
    for column, title_text in enumerate(REQUEST_COLUMNS, start=1):
        head = sheet.cell(row, column, title_text)
        head.font, head.fill, head.border, head.alignment = BOLD, _HEAD_FILL, _GRID, _CENTER
    lines = request.rows()
    for line in lines:
        row += 1
        # Office suites do not grow a row to its wrapped text on opening: its height is set.
        sheet.row_dimensions[row].height = _LINE_HEIGHT * max(map(_lines, line, WIDTHS))
        for column, value in enumerate(line, start=1):
            body = sheet.cell(row, column, value)
            body.data_type = "s"  # «=…» typed by someone stays text
            body.border = _GRID
            body.alignment = _CENTER if column - 1 in _CENTERED else _WRAP
    if not lines:
        row += 1
        sheet.merge_cells(f"A{row}:{last}{row}")
        sheet.cell(row, 1, "Паспорт не изменился со времени этой версии.")
    row += 2
    for signature in request.signatures():
        sheet.merge_cells(f"A{row}:D{row}")
        who = sheet.cell(row, 1, signature.title)
        who.font = BOLD
        sheet.cell(row, 5, "")
        sheet.cell(row, 6, "_______________________").alignment = Alignment(vertical="bottom")
        name = sheet.cell(row, 7, signature.name or "—")
        name.font = BOLD
        name.data_type = "s"
        if signature.position:
            sheet.merge_cells(f"A{row + 1}:D{row + 1}")
            position = sheet.cell(row + 1, 1, signature.position)
            position.data_type = "s"
            position.alignment = _WRAP
        sheet.cell(row + 1, 6, "(подпись)").font = _SMALL
        sheet.cell(row + 1, 7, "(расшифровка подписи)").font = _SMALL
        row += 3
    sheet.cell(row, 1, f"Дата: {request.printed_on:%d.%m.%Y}")
    fit_a4_landscape(sheet)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.oddFooter.center.text = "Страница &P из &N"
    sheet.print_area = f"A1:{last}{row}"
    return book
