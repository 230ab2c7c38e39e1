"""The change history as an Excel workbook: one row a change, as people read it."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from cdo_desktop.core.history import HISTORY_COLUMNS, HistoryEntry

WIDTHS = [20, 16, 10, 48, 24, 24, 36]  # the HISTORY_COLUMNS, in characters


def write_history(entries: list[HistoryEntry], path: Path) -> None:
    """Oldest first, as a log reads; every value written as text, never as a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("История изменений")
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(ord("A") + index - 1)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for title in HISTORY_COLUMNS:
        cell = WriteOnlyCell(sheet, title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for entry in reversed(entries):
        row = []
        for value in entry.columns():
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"  # «=…» typed by someone stays text
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            row.append(cell)
        sheet.append(row)
    # Zipped in memory and written once: openpyxl's ZipFile over a file a full disk cut short
    # would fail again when collected («Exception ignored in ZipFile.__del__»).
    zipped = io.BytesIO()
    workbook.save(zipped)
    path.write_bytes(zipped.getbuffer())
