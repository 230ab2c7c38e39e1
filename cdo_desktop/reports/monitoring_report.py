"""«Отчёт о ходе реализации регионального проекта «…» по состоянию на ДД.ММ.ГГГГ»: the passport
header, indicators and results at a reporting date, financing with its execution, signatures.

Built from core data as the summary's blocks and tables (reports/summary.py's helpers), so the
same printing code lays it out (PDF, print preview, printer); `report_rows` gives the same
figures to the xlsx writer.

Issues 20 (control points, risks) and 21 (2025–2030 fields) add their sections through
`EXTRA_SECTIONS` (a function of project, reporting date and width answering blocks/tables).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from cdo_desktop.core.model import PlanFactRow, Project, Role, RowKind
from cdo_desktop.core.monitoring_dates import as_of_words, day_text
from cdo_desktop.core.monitoring_due import row_missing_at
from cdo_desktop.core.monitoring_status import (
    MonitoringStatus,
    execution_percent,
    standing,
)
from cdo_desktop.core.numbers import format_number, format_percent
from cdo_desktop.reports.summary import (
    A4_LANDSCAPE_WIDTH,
    Block,
    Item,
    SummaryDocument,
    Table,
    _e,
)
from cdo_desktop.reports.summary import _heading as heading
from cdo_desktop.reports.summary import _note as note
from cdo_desktop.reports.summary import _title_blocks as title_blocks
from cdo_desktop.reports.summary import report_title as summary_title
from cdo_desktop.reports.summary_points import points_and_risks_at_reporting_date
from cdo_desktop.reports.table_html import cell, column_percents, table_opening, text_width

ROW_COLUMNS = (
    "№",
    "Наименование / единица измерения",
    "План на год",
    "Факт на дату",
    "Прогноз на конец года",
    "% плана",
    "Статус",
    "Причины отклонения",
)
FINANCING_COLUMNS = (
    "№",
    "Мероприятие / источник",
    "Объём на год, тыс. руб.",
    "Исполнено, тыс. руб.",
    "% исполнения",
)
STATUS_CSS = {
    MonitoringStatus.ACHIEVED: "achieved",
    MonitoringStatus.FORECAST_ACHIEVED: "achieved",
    MonitoringStatus.AT_RISK: "missed",
    MonitoringStatus.NOT_ENTERED: "unplanned",
    MonitoringStatus.NONE: "",
}
SectionMaker = Callable[[Project, date, float], list[Item]]
EXTRA_SECTIONS: list[SectionMaker] = [points_and_risks_at_reporting_date]


def report_title(project: Project, as_of: date) -> str:
    return f"Отчёт о ходе реализации регионального проекта «{project.name}» {as_of_words(as_of)}"


@dataclass(frozen=True)
class ReportRow:
    """One printed row: texts of ROW_COLUMNS, and the status for its colour."""

    cells: tuple[str, ...]
    status: MonitoringStatus


def report_rows(rows: list[PlanFactRow], as_of: date, today: date) -> list[ReportRow]:
    printed = []
    for row in rows:
        stand = standing(row, as_of, due=row_missing_at(row, as_of, today))
        name = f"{row.name}, {row.unit}" if row.unit else row.name
        printed.append(
            ReportRow(
                (
                    row.number,
                    name,
                    format_number(stand.plan),
                    format_number(stand.entry.fact),
                    format_number(stand.entry.forecast),
                    _percent(stand.percent),
                    stand.words,
                    stand.entry.reason or "",
                ),
                stand.status,
            )
        )
    return printed


def financing_rows(project: Project, as_of: date) -> list[tuple[str, ...]]:
    """(№, line or source, year's amount, executed, %): a line, then its sources."""
    year = as_of.year
    printed: list[tuple[str, ...]] = []
    for line in project.financing:
        executed_sum: Decimal | None = None
        for source in line.sources:
            value = source.execution.get(as_of)
            if value is not None and source.parent is None:
                executed_sum = (executed_sum or Decimal(0)) + value
        total = line.total(year)
        printed.append(
            (
                line.number,
                line.name,
                format_number(total),
                format_number(executed_sum),
                _percent(execution_percent(executed_sum, total)),
            )
        )
        for source in line.sources:
            executed = source.execution.get(as_of)
            amount = source.values.get(year)
            prefix = "из них: " if source.parent else ""
            printed.append(
                (
                    "",
                    f"{prefix}{source.name}",
                    format_number(amount),
                    format_number(executed),
                    _percent(execution_percent(executed, amount)),
                )
            )
    return printed


def _percent(value: Decimal | None) -> str:
    return format_percent(value) if value is not None else "–"


def _header_row(titles: tuple[str, ...], widths: list[float]) -> str:
    """The titles over their columns; the second is the name column («head name»)."""
    cells = (
        cell(_e(title), percent, "head name" if index == 1 else "head")
        for index, (title, percent) in enumerate(zip(titles, widths, strict=True))
    )
    return f"<tr>{''.join(cells)}</tr>"


def _rows_table(printed: list[ReportRow], width: float) -> Table:
    numbers = [
        max([text_width(row.cells[index]) for row in printed] + [text_width("000 000,0")])
        for index in (2, 3, 4, 5)
    ]
    fixed = [text_width("1.10"), text_width("прогноз: будет"), 0.18 * width]
    (number_p, status_p, reason_p, *value_ps), name_p = column_percents(
        width, fixed, numbers, name_share=0.25
    )
    widths = [number_p, name_p, *value_ps, status_p, reason_p]
    header = (_header_row(ROW_COLUMNS, widths),)
    body = []
    kinds = ("number", "name", "num", "num fact", "num", "num", "", "")
    for index, row in enumerate(printed):
        stripe = ' class="odd"' if index % 2 else ""
        cells = []
        for position, (text, percent) in enumerate(zip(row.cells, widths, strict=True)):
            css = kinds[position]
            if position == 6:
                css = STATUS_CSS[row.status]
            cells.append(cell(_e(text), percent, css))
        body.append(f"<tr{stripe}>{''.join(cells)}</tr>")
    return Table(table_opening("grid"), header, tuple(body), space_after=10.0)


def _financing_table(printed: list[tuple[str, ...]], width: float) -> Table:
    numbers = [
        max([text_width(row[index]) for row in printed] + [text_width("000 000,0")]) * 1.08
        for index in (2, 3, 4)
    ]
    (number_p, *value_ps), name_p = column_percents(
        width, [text_width("1.10")], numbers, name_share=0.35
    )
    widths = [number_p, name_p, *value_ps]
    header = (_header_row(FINANCING_COLUMNS, widths),)
    body = []
    for row in printed:
        line = bool(row[0])
        kinds = ("number", "name total" if line else "name", "num", "num fact", "num")
        body.append(
            "<tr>"
            + "".join(
                cell(_e(text), percent, kinds[index])
                for index, (text, percent) in enumerate(zip(row, widths, strict=True))
            )
            + "</tr>"
        )
    return Table(table_opening("grid"), header, tuple(body), space_after=10.0)


def _signatures(project: Project, today: date) -> Block:
    lines = []
    for role, title in (
        (Role.LEADER, "Руководитель регионального проекта"),
        (Role.CURATOR, "Куратор регионального проекта"),
    ):
        person = project.person(role)
        position = f"{person.position}" if person and person.position else title
        name = person.name if person else ""
        lines.append(
            f"<p>{_e(title)}<br/>{_e(position)}"
            f"&nbsp;&nbsp;&nbsp;____________________&nbsp;&nbsp;&nbsp;{_e(name)}</p><p>&nbsp;</p>"
        )
    lines.append("<p>«____» ______________ 20___ г.</p>")
    return Block("".join(lines), space_after=4.0)


def build_monitoring_report(
    project: Project, as_of: date, *, today: date | None = None, width: float = A4_LANDSCAPE_WIDTH
) -> SummaryDocument:
    """The report at a reporting date (a month's last day within the project's years)."""
    today = today or date.today()
    # The summary's header (region, goal, customer) under this report's own title.
    first, *rest = title_blocks(project)
    title = first.html.replace(_e(summary_title(project)), _e(report_title(project, as_of)))
    items: list[Item] = [replace(first, html=title), *rest]
    for kind, title in ((RowKind.INDICATOR, "Показатели"), (RowKind.RESULT, "Результаты")):
        items.append(heading(f"{title} {as_of.year} года {as_of_words(as_of)}"))
        rows = project.rows(kind)
        if rows:
            items.append(_rows_table(report_rows(rows, as_of, today), width))
        else:
            items.append(note(f"{title} проекта не внесены."))
    items.append(heading(f"Финансовое обеспечение {as_of.year} года, кассовое исполнение"))
    if project.financing:
        items.append(_financing_table(financing_rows(project, as_of), width))
    else:
        items.append(note("Финансовое обеспечение не внесено."))
    for make in EXTRA_SECTIONS:  # issues 20 and 21: control points, risks, new fields
        items.extend(make(project, as_of, width))
    items.append(_signatures(project, today))
    region = f" · {project.region}" if project.region else ""
    return SummaryDocument(
        title=report_title(project, as_of),
        footer=f"{report_title(project, as_of)}{region} · отчётная дата {day_text(as_of)}",
        printed_on=today,
        items=tuple(items),
    )
