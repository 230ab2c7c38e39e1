"""The change history as an Excel workbook: one row a change, as people read it."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from cdo_desktop.core.history import HistoryEntry, shown

COLUMNS = [
    ("Когда", 20),
    ("Пользователь", 16),
    ("Проект", 10),
    ("Что", 48),
    ("Было", 24),
    ("Стало", 24),
    ("Источник", 36),
]


def write_history(entries: list[HistoryEntry], path: Path) -> None:
    """Oldest first, as a log reads; every value written as text, never as a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("История изменений")
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[chr(ord("A") + index - 1)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for title, _ in COLUMNS:
        cell = WriteOnlyCell(sheet, title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for entry in reversed(entries):
        values = [
            entry.at.replace("T", " "),
            entry.user,
            entry.project_code or "вся база",
            entry.change.where(),
            shown(entry.change.old),
            shown(entry.change.new),
            entry.source,
        ]
        row = []
        for value in values:
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"  # «=…» typed by someone stays text
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            row.append(cell)
        sheet.append(row)
    workbook.save(path)
