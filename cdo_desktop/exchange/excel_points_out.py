"""Sheets «Контрольные точки» and «Риски» of an exported workbook, written only for a project
that has points or risks, laid out so the import reads them back as they were."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from openpyxl.styles import Alignment, Font
from openpyxl.utils.datetime import to_excel

from cdo_desktop.core.control_points import risk_target_text
from cdo_desktop.core.model import (
    LEVEL_WORDS,
    POINT_KIND_WORDS,
    RISK_STATUS_WORDS,
    ControlPoint,
)
from cdo_desktop.exchange.excel_cells_out import Cell
from cdo_desktop.exchange.excel_layout import DATE_FORMAT

if TYPE_CHECKING:
    from cdo_desktop.exchange.excel_export import _Writer

SHEET_POINTS = "Контрольные точки"
SHEET_RISKS = "Риски"
POINT_HEADERS = [
    "№ п/п",
    "Наименование результата, контрольной точки",
    "Вид",
    "Плановый срок",
    "Фактический срок",
    "Ответственный исполнитель",
    "Вид документа и характеристика результата",
    "Уровень контроля",
]
POINT_WIDTHS = [8, 50, 18, 13, 13, 28, 40, 12]
RISK_HEADERS = [
    "№ п/п",
    "Описание риска",
    "Угроза для",
    "Вероятность",
    "Влияние",
    "Меры по снижению риска",
    "Владелец риска",
    "Статус",
]
RISK_WIDTHS = [8, 50, 16, 13, 13, 45, 25, 11]


def write_points_and_risks(writer: _Writer) -> None:
    project = writer.project
    if any(result.control_points for result in project.results):
        _points(writer)
    if project.risks:
        _risks(writer)


def _points(writer: _Writer) -> None:
    from cdo_desktop.exchange.excel_export import row_height

    sheet = writer._sheet(SHEET_POINTS)
    styles = writer.styles
    results = [result for result in writer.project.results if result.control_points]
    rows = 1 + sum(1 + len(result.control_points) for result in results)
    writer._layout(sheet, POINT_WIDTHS, rows)
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    day = styles._make(
        alignment=Alignment(horizontal="center", vertical="top"), number_format=DATE_FORMAT
    )
    group = styles._make(font=Font(bold=True), alignment=Alignment(vertical="top", wrap_text=True))
    sheet.add([writer.header(text) for text in POINT_HEADERS], 2 * 15.0 + 2)
    text = writer.text
    for result in results:
        title = f"Результат {result.number}. {result.name}"
        sheet.add(
            [text(result.number, styles.center), text(title, group)]
            + [text(None) for _ in POINT_HEADERS[2:]],
            row_height((title, POINT_WIDTHS[1])),
        )
        sheet.merged_cells.add(f"B{sheet.rows_written}:H{sheet.rows_written}")
        for point in result.control_points:
            sheet.add(
                _point_cells(writer, point, day),
                row_height(
                    (point.name, POINT_WIDTHS[1]),
                    (point.responsible, POINT_WIDTHS[5]),
                    (point.document, POINT_WIDTHS[6]),
                ),
            )


def _point_cells(writer: _Writer, point: ControlPoint, day: int) -> list[Any]:
    styles, text = writer.styles, writer.text
    return [
        text(point.number, styles.center, styles.center_quoted),
        text(point.name),
        text(POINT_KIND_WORDS[point.kind], styles.center),
        Cell(to_excel(point.due), "n", day),
        Cell(to_excel(point.done), "n", day) if point.done else text("-", styles.center),
        text(point.responsible),
        text(point.document),
        text(point.control_level, styles.center, styles.center_quoted),
    ]


def _risks(writer: _Writer) -> None:
    from cdo_desktop.exchange.excel_export import row_height

    sheet = writer._sheet(SHEET_RISKS)
    styles, text = writer.styles, writer.text
    risks = writer.project.risks
    writer._layout(sheet, RISK_WIDTHS, 1 + len(risks))
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.add([writer.header(title) for title in RISK_HEADERS], 2 * 15.0 + 2)
    for risk in risks:
        sheet.add(
            [
                text(risk.number, styles.center, styles.center_quoted),
                text(risk.description),
                text(risk_target_text(risk), styles.center),
                text(LEVEL_WORDS[risk.probability], styles.center),
                text(LEVEL_WORDS[risk.impact], styles.center),
                text(risk.mitigation),
                text(risk.owner),
                text(RISK_STATUS_WORDS[risk.status], styles.center),
            ],
            row_height(
                (risk.description, RISK_WIDTHS[1]),
                (risk.mitigation, RISK_WIDTHS[5]),
                (risk.owner, RISK_WIDTHS[6]),
            ),
        )
