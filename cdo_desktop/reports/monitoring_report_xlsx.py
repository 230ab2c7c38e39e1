"""The monitoring report as a workbook: the same title, tables and signature lines as the PDF
(reports/monitoring_report.py gives the figures), one sheet, ready to print."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from cdo_desktop.core.control_points import (
    open_risks,
    overdue_points,
)
from cdo_desktop.core.model import Project, Role, RowKind
from cdo_desktop.reports.monitoring_report import (
    FINANCING_COLUMNS,
    ROW_COLUMNS,
    financing_rows,
    report_rows,
    report_title,
)
from cdo_desktop.reports.summary_points import (
    POINT_COLUMNS,
    RISK_COLUMNS,
    counts_text,
    point_cells,
    reporting_day,
    risk_cells,
    section_title,
)

_THIN = Side(style="thin", color="7F7F7F")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD = PatternFill("solid", fgColor="DCE4F0")
_STATUS_COLOURS = {
    "достигнуто": "1E7B34",
    "прогноз: будет достигнуто": "1E7B34",
    "риск недостижения": "C00000",
    "не внесено": "7F6000",
}
_WIDTHS = (7, 48, 14, 14, 14, 10, 22, 36)


def _table(sheet: Worksheet, top: int, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> int:
    for column, title in enumerate(header, start=1):
        target = sheet.cell(top, column, title)
        target.font = Font(bold=True)
        target.fill = _HEAD
        target.border = _BOX
        target.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for offset, row in enumerate(rows, start=1):
        for column, text in enumerate(row, start=1):
            target = sheet.cell(top + offset, column, text)
            target.border = _BOX
            numeric = 3 <= column <= 6 and column <= len(header) and header is ROW_COLUMNS
            numeric = numeric or (header is FINANCING_COLUMNS and column >= 3)
            target.alignment = Alignment(
                wrap_text=True, vertical="top", horizontal="right" if numeric else "left"
            )
            colour = _STATUS_COLOURS.get(text) if header is ROW_COLUMNS and column == 7 else None
            if colour:
                target.font = Font(color=colour, bold=True)
    return top + len(rows) + 2


def _points_and_risks(sheet: Worksheet, top: int, project: Project, as_of: date) -> int:
    """As the PDF's section: overdue points and open risks on the day the report is dated
    («по состоянию на 01.10.2024» for 30.09.2024); nothing for a project with neither."""
    points = sum(len(result.control_points) for result in project.results)
    if not (points or project.risks):
        return top
    dated = reporting_day(as_of)
    overdue, risks = overdue_points(project, dated), open_risks(project)
    sheet.cell(top, 1, section_title(dated)).font = Font(bold=True)
    sheet.cell(top + 1, 1, counts_text(project, points, overdue, risks))
    top += 2
    if overdue:
        top = _table(sheet, top, POINT_COLUMNS, [point_cells(entry) for entry in overdue])
    if risks:
        top = _table(sheet, top, RISK_COLUMNS, [risk_cells(risk) for risk in risks])
    return top + 1


def write_monitoring_xlsx(project: Project, as_of: date, path: Path, today: date) -> None:
    """Write the report to `path` (the caller writes atomically)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Отчёт"
    for column, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[chr(64 + column)].width = width
    sheet.cell(1, 1, report_title(project, as_of)).font = Font(bold=True, size=13)
    if project.region:
        sheet.cell(2, 1, project.region)
    top = 4
    for kind, title in ((RowKind.INDICATOR, "Показатели"), (RowKind.RESULT, "Результаты")):
        sheet.cell(top, 1, f"{title} {as_of.year} года").font = Font(bold=True)
        printed = [row.cells for row in report_rows(project.rows(kind), as_of, today)]
        top = _table(sheet, top + 1, ROW_COLUMNS, printed)
    sheet.cell(top, 1, f"Финансовое обеспечение {as_of.year} года").font = Font(bold=True)
    top = _table(sheet, top + 1, FINANCING_COLUMNS, financing_rows(project, as_of))
    top = _points_and_risks(sheet, top, project, as_of)
    for role, title in (
        (Role.LEADER, "Руководитель регионального проекта"),
        (Role.CURATOR, "Куратор регионального проекта"),
    ):
        person = project.person(role)
        sheet.cell(top, 1, title)
        sheet.cell(top, 2, person.position if person and person.position else "")
        sheet.cell(top, 4, "____________________")
        sheet.cell(top, 6, person.name if person else "")
        top += 2
    sheet.cell(top, 1, "«____» ______________ 20___ г.")
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(path)
