"""The fast cells, sheets and styles the workbook export writes with (see excel_export).

openpyxl's write-only mode makes a full Cell per styled value and looks its style up each time;
these cells carry a style id computed once, and the sheet knows its extent before its rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from cdo_desktop.exchange.excel_layout import INTEGER_FORMAT, number_format
from cdo_desktop.exchange.excel_print import BOLD as _BOLD

# ----------------------------------------------------------------------------- fast cells


class Cell:
    """A cell as openpyxl's write-only writer reads it, with the style id computed once.

    Write-only mode makes a full Cell per styled value, binds its type and looks its style up
    in the workbook's style list: double the time of writing plain values. These cells carry
    exactly what the writer reads (type, value, style id, position), which keeps a styled
    export at the speed of an unstyled one.
    """

    __slots__ = ("_value", "column", "data_type", "row", "style_id")
    _comment = None
    hyperlink = None
    has_style = True

    def __init__(self, value: Any, data_type: str, style_id: int) -> None:
        self._value = value
        self.data_type = data_type
        self.style_id = style_id
        self.column = 0
        self.row = 0

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"


class Sheet(WriteOnlyWorksheet):  # type: ignore[misc]
    """A write-only sheet whose rows are lists of Cell (or None for no cell at all)."""

    rows_written = 0
    extent = "A1"

    def calculate_dimension(self) -> str:
        """The sheet's range, known before its rows are written: openpyxl writes it first.

        Without it, readers (openpyxl's read-only mode among them) parse a whole sheet once
        only to learn its size, and then again for its cells.
        """
        return self.extent

    def add(self, cells: list[Any], height: float | None = None) -> None:
        """Append a row, `height` points tall (None: one line)."""
        self.rows_written += 1
        if height is None:
            self.append(cells)
            return
        # Viewers do not agree on fitting wrapped rows to their text (LibreOffice keeps one
        # line), so the height is set. The writer copies a row's dimension into the row's
        # attributes; a plain dict of them spares a RowDimension object per row.
        index = self.rows_written
        self.row_dimensions[index] = {"ht": f"{height:g}", "customHeight": "1"}
        self.append(cells)
        del self.row_dimensions[index]

    def _values_to_row(self, values: list[Cell | None], row_idx: int) -> Iterator[Cell]:
        for column, cell in enumerate(values, 1):
            if cell is None:
                continue
            cell.column = column
            cell.row = row_idx
            yield cell


_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
_TOP = Alignment(vertical="top", wrap_text=True)


class Styles:
    """The workbook's few cell styles, registered once; cells refer to them by id."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self.sheet = sheet
        bold = _BOLD
        self.header = self._make(
            font=bold,
            fill=_HEADER_FILL,
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        )
        self.label = self._make(font=bold, fill=_HEADER_FILL, alignment=_TOP)
        self.text = self._make(alignment=_TOP)
        self.text_quoted = self._make(alignment=_TOP, quote=True)
        self.center = self._make(alignment=Alignment(horizontal="center", vertical="top"))
        self.center_quoted = self._make(
            alignment=Alignment(horizontal="center", vertical="top", wrap_text=True), quote=True
        )
        self.year = self._make(
            alignment=Alignment(horizontal="center", vertical="top"), number_format=INTEGER_FORMAT
        )
        self.empty = self._make()
        self.total_label = self._make(font=bold, alignment=_TOP)
        self._numbers: dict[tuple[int, bool], int] = {}
        self._indents: dict[int, int] = {}

    def _make(
        self,
        *,
        font: Font | None = None,
        fill: PatternFill | None = None,
        alignment: Alignment | None = None,
        number_format: str | None = None,
        quote: bool = False,
    ) -> int:
        cell = WriteOnlyCell(self.sheet)
        cell.border = _BORDER
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if alignment is not None:
            cell.alignment = alignment
        if number_format is not None:
            cell.number_format = number_format
        if quote:
            # Excel keeps such a cell text when it is edited, instead of reading «=…» anew.
            cell.quotePrefix = True
        return int(cell.style_id)

    def number(self, decimals: int, *, bold: bool = False) -> int:
        key = (decimals, bold)
        style = self._numbers.get(key)
        if style is None:
            style = self._numbers[key] = self._make(
                font=_BOLD if bold else None,
                alignment=Alignment(vertical="top"),
                number_format=number_format(decimals),
            )
        return style

    def indented(self, level: int) -> int:
        style = self._indents.get(level)
        if style is None:
            style = self._indents[level] = self._make(
                # Excel and LibreOffice indent only left-aligned text.
                alignment=Alignment(horizontal="left", vertical="top", wrap_text=True, indent=level)
            )
        return style
