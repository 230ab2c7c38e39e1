"""How an exported workbook prints: fonts named for every office suite, tables readable on A4.

A wide table (2019–2030: 24 value columns) shrunk to one page would print at 5 points. It is
fitted to one page wide only while its text stays at 7 points or more; else it prints at 75 %,
its years split across pages at year boundaries, «№» and the name repeated on each page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Font
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.worksheet.pagebreak import Break

# Bold text names its font: a font without a name is shown in a serif font by LibreOffice,
# Р7-Офис and МойОфис (Excel alone falls back to the workbook's font).
BOLD = Font(
    name=DEFAULT_FONT.name,
    size=DEFAULT_FONT.size,
    family=DEFAULT_FONT.family,
    scheme=DEFAULT_FONT.scheme,
    bold=True,
)

# A4 landscape between the margins (0.4 inch each side), in column-width units at 100 %: a unit
# is the width of a digit of 11-point Calibri, 7 pixels at 96 dpi, 1.85 mm (149 units), less a
# margin for viewers that measure a little wider.
_PRINTABLE_UNITS = 140.0
# 11-point text printed at 64 % is 7 points: a table is never shrunk below that to fit a page.
_MIN_SCALE = 64
# A table too wide for that is printed at this scale, its columns split across pages.
_SPLIT_SCALE = 75


def fit_a4_landscape(sheet: Any) -> None:
    """A4 landscape, one page wide and as many long as it takes, with the exports' margins."""
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = "9"  # A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    margins = sheet.page_margins
    margins.left = margins.right = 0.4
    margins.top = margins.bottom = 0.6
    margins.header = margins.footer = 0.3


def print_across(sheet: Any, widths: Sequence[float], groups: list[tuple[int, int]]) -> None:
    """Print the table one page wide if that keeps its text at 7 points or more; else across
    pages at a readable scale, «№» and the name repeated on each, a year's columns together.

    `groups` are (first column, count) of the columns that go together (a year's план и факт),
    in order, after the fixed columns.
    """
    if sum(widths) * _MIN_SCALE / 100 <= _PRINTABLE_UNITS:
        return  # the page setup of _sheet fits it to one page wide
    setup = sheet.page_setup
    sheet.sheet_properties.pageSetUpPr.fitToPage = False
    setup.fitToWidth = setup.fitToHeight = None
    setup.scale = _SPLIT_SCALE
    sheet.print_title_cols = "A:B"
    capacity = _PRINTABLE_UNITS * 100 / _SPLIT_SCALE
    titles = widths[0] + widths[1]
    used = sum(widths[: groups[0][0] - 1]) if groups else titles
    for first, count in groups:
        width = sum(widths[first - 1 : first - 1 + count])
        if used + width > capacity and used > titles:
            sheet.col_breaks.append(Break(id=first - 1))  # the page ends after this column
            used = titles
        used += width
