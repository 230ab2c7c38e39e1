"""The summary's section of control points and risks: overdue points and open risks at a date.

Printed only for a project that has points or risks, so earlier summaries stay as they were.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, timedelta

from cdo_desktop.core.control_points import (
    PointOfResult,
    date_text,
    open_risks,
    overdue_points,
    risk_target_text,
)
from cdo_desktop.core.model import LEVEL_WORDS, Project, Risk
from cdo_desktop.core.words import counted
from cdo_desktop.reports.summary_model import (
    SECTION_TITLES,
    Block,
    Item,
    Section,
    SummaryOptions,
    Table,
)
from cdo_desktop.reports.table_html import cell, column_percents, table_opening, text_width

POINT_COLUMNS = ("Результат", "№", "Контрольная точка", "Плановый срок", "Ответственный")
RISK_COLUMNS = ("№", "Риск", "Угроза для", "Вероятность", "Влияние", "Владелец", "Меры")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def point_cells(entry: PointOfResult) -> tuple[str, ...]:
    """An overdue point's texts under POINT_COLUMNS (the PDF's and the workbook's)."""
    point = entry.point
    return (entry.result.number, point.number, point.name, date_text(point.due), point.responsible)


def risk_cells(risk: Risk) -> tuple[str, ...]:
    """An open risk's texts under RISK_COLUMNS (the PDF's and the workbook's)."""
    return (
        risk.number,
        risk.description,
        risk_target_text(risk),
        LEVEL_WORDS[risk.probability],
        LEVEL_WORDS[risk.impact],
        risk.owner,
        risk.mitigation,
    )


def as_of_text(as_of: date) -> str:
    return f"по состоянию на {date_text(as_of)}"


def section_title(as_of: date) -> str:
    """«Контрольные точки и риски по состоянию на 01.10.2024»."""
    return f"{SECTION_TITLES[Section.CONTROL_POINTS]} {as_of_text(as_of)}"


def counts_text(
    project: Project, points: int, overdue: Sequence[PointOfResult], risks: Sequence[Risk]
) -> str:
    """How many points, how many overdue; how many risks open of all."""
    return (
        f"Контрольных точек: {points}, просрочено: {len(overdue)}; "
        f"рисков открыто: {len(risks)} из {len(project.risks)}."
    )


def reporting_day(reporting_date: date) -> date:
    """The day a monitoring report is dated: the one after its reporting date."""
    return reporting_date + timedelta(days=1)


def points_and_risks_section(project: Project, options: SummaryOptions, width: float) -> list[Item]:
    """Heading, counts, overdue points and open risks; nothing when the project has neither."""
    points = sum(len(result.control_points) for result in project.results)
    if Section.CONTROL_POINTS not in options.sections or not (points or project.risks):
        return []
    as_of = options.as_of or options.printed_on
    overdue = overdue_points(project, as_of)
    risks = open_risks(project)
    items: list[Item] = [
        Block(f"<h1>{_e(section_title(as_of))}</h1>", keep_with_next=True, space_after=4.0),
        Block(
            f'<p class="note">{counts_text(project, points, overdue, risks)}</p>',
            keep_with_next=bool(overdue),
            space_after=6.0,
        ),
    ]
    if overdue:
        rows = [[_e(text) for text in point_cells(entry)] for entry in overdue]
        told = counted(len(overdue), "контрольная точка", "контрольные точки", "контрольных точек")
        items.append(
            Block(
                f"<h2>Просрочено: {told}</h2>",
                keep_with_next=True,
                space_after=2.0,
            )
        )
        items.append(
            _table(
                POINT_COLUMNS,
                rows,
                name_column=2,
                width=width,
            )
        )
    else:
        items.append(Block('<p class="note">Просроченных контрольных точек нет.</p>'))
    if risks:
        rows = [[_e(text) for text in risk_cells(risk)] for risk in risks]
        items.append(
            Block("<h2>Открытые риски</h2>", keep_with_next=True, space_after=2.0),
        )
        items.append(
            _table(
                RISK_COLUMNS,
                rows,
                name_column=1,
                width=width,
            )
        )
    return items


def points_and_risks_at_reporting_date(
    project: Project, reporting_date: date, width: float
) -> list[Item]:
    """The monitoring report's section (its EXTRA_SECTIONS): the points judged on the day the
    report is dated — «по состоянию на 01.10.2024» for the reporting date 30.09.2024 — so a
    point planned for 30.09 and not done is overdue, as the report's title says."""
    dated = reporting_day(reporting_date)
    options = SummaryOptions(reporting_date.year, printed_on=dated, as_of=dated)
    return points_and_risks_section(project, options, width)


def _table(
    titles: Sequence[str], rows: Sequence[Sequence[str]], *, name_column: int, width: float
) -> Table:
    """A table whose columns are as wide as their widest text (bold titles included, long texts
    wrapped at a sixth of the page); the name column takes what is left."""
    others = [index for index in range(len(titles)) if index != name_column]
    needed = [
        min(
            max(
                [text_width("000"), text_width(titles[index]) * 1.2]
                + [text_width(row[index]) for row in rows]
            ),
            width / 6,
        )
        for index in others
    ]
    percents, name_percent = column_percents(width, needed, [], name_share=0.25)
    widths = list(percents)
    widths.insert(name_column, name_percent)
    header = (
        "<tr>"
        + "".join(
            cell(_e(title), percent, "head name" if index == name_column else "head")
            for index, (title, percent) in enumerate(zip(titles, widths, strict=True))
        )
        + "</tr>",
    )
    body = tuple(
        ('<tr class="odd">' if number % 2 else "<tr>")
        + "".join(
            cell(text, percent, "name" if index != 0 else "number")
            for index, (text, percent) in enumerate(zip(row, widths, strict=True))
        )
        + "</tr>"
        for number, row in enumerate(rows)
    )
    return Table(table_opening("grid"), header, body, space_after=10.0)
