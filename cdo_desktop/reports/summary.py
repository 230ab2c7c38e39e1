"""The summary sheet as HTML blocks built from core data alone: no Qt, so it is tested as text."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import replace

from cdo_desktop.core.model import (
    ROLE_ORDER,
    FinancingLine,
    Person,
    PlanFactRow,
    Project,
    Role,
    RowKind,
)
from cdo_desktop.core.numbers import format_number, format_percent
from cdo_desktop.core.status import MARKS, Status, row_status
from cdo_desktop.core.totals import grand_total, line_grand_total, line_year_total, year_total
from cdo_desktop.reports.summary_model import (
    SECTION_TITLES as SECTION_TITLES,
)
from cdo_desktop.reports.summary_model import (
    Block as Block,
)
from cdo_desktop.reports.summary_model import (
    ChartSpec as ChartSpec,
)
from cdo_desktop.reports.summary_model import (
    Item as Item,
)
from cdo_desktop.reports.summary_model import (
    ReportYearError as ReportYearError,
)
from cdo_desktop.reports.summary_model import (
    Section as Section,
)
from cdo_desktop.reports.summary_model import (
    SummaryDocument as SummaryDocument,
)
from cdo_desktop.reports.summary_model import (
    SummaryOptions as SummaryOptions,
)
from cdo_desktop.reports.summary_model import (
    Table as Table,
)
from cdo_desktop.reports.summary_model import (
    check_report_year as check_report_year,
)
from cdo_desktop.reports.summary_model import (
    default_report_year as default_report_year,
)
from cdo_desktop.reports.summary_model import (
    fact_years as fact_years,
)
from cdo_desktop.reports.summary_model import (
    last_fact_year as last_fact_year,
)

# The document model's names are the summary's too (explicit re-exports: tests and callers
# import them from here).
from cdo_desktop.reports.summary_points import points_and_risks_section
from cdo_desktop.reports.summary_tasks import with_tasks
from cdo_desktop.reports.table_html import (
    cell,
    column_percents,
    table_opening,
    text_width,
)

# The printable width of A4 landscape with the default margins, in points: what the column
# widths are estimated for when the page is not known yet.
A4_LANDSCAPE_WIDTH = 768.0


ROLE_TITLES = {
    Role.CURATOR: "Куратор регионального проекта",
    Role.LEADER: "Руководитель регионального проекта",
    Role.ADMINISTRATOR: "Администратор регионального проекта",
    Role.RESPONSIBLE: "Ответственный",
}

_MARK_CLASSES = {
    Status.ACHIEVED: "achieved",
    Status.NOT_ACHIEVED: "missed",
    Status.NO_PLAN: "unplanned",
}


# ---------------------------------------------------------------------- the document


def report_title(project: Project) -> str:
    return f"Реализация регионального проекта «{project.name}»"


def build_summary(
    project: Project, options: SummaryOptions, *, width: float = A4_LANDSCAPE_WIDTH
) -> SummaryDocument:
    """The summary sheet of a project; `width` is the printable width in points.

    The report year must be one of the project's years (ReportYearError otherwise).
    """
    check_report_year(project, options.year)
    sections = options.sections
    items: list[Item] = [*_title_blocks(project)]
    if Section.PEOPLE in sections:
        items.extend(_people_blocks(project, width))
    with_facts = fact_years(project, options.year)
    if Section.INDICATORS in sections:
        items.extend(
            _plan_fact_section(
                SECTION_TITLES[Section.INDICATORS],
                "Показатель / единица измерения",
                project.indicators,
                project,
                with_facts,
                width,
                empty="Показатели проекта не внесены.",
            )
        )
    if Section.RESULTS in sections:
        items.extend(
            _plan_fact_section(
                SECTION_TITLES[Section.RESULTS],
                "Результат / единица измерения",
                project.results,
                project,
                with_facts,
                width,
                empty="Результаты проекта не внесены.",
            )
        )
    if Section.REPORT_YEAR in sections:
        items.extend(_report_year_section(project, options.year, width))
    if Section.FINANCING in sections:
        items.extend(_financing_section(project, width))
    items.extend(points_and_risks_section(project, options, width))
    region = f" · {project.region}" if project.region else ""
    return SummaryDocument(
        title=report_title(project),
        footer=f"{report_title(project)}{region}",
        printed_on=options.printed_on,
        items=tuple(items),
    )


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _heading(text: str, *, level: int = 1, page_break: bool = False) -> Block:
    tag = "h1" if level == 1 else "h2"
    return Block(
        f"<{tag}>{_e(text)}</{tag}>",
        keep_with_next=True,
        space_after=4.0 if level == 1 else 2.0,
        page_break_before=page_break,
    )


def _note(text: str) -> Block:
    return Block(f'<p class="note">{_e(text)}</p>', space_after=10.0)


def _title_blocks(project: Project) -> list[Block]:
    above = [
        part
        for part in (
            project.region,
            project.national_project and f"национальный проект «{project.national_project}»",
        )
        if part
    ]
    lines = []
    if above:
        lines.append(f'<p class="kicker">{_e(" · ".join(above))}</p>')
    lines.append(f'<p class="title">{_e(report_title(project))}</p>')
    blocks = [Block("".join(lines), keep_with_next=True, space_after=8.0)]
    if project.goal:
        blocks.append(
            Block(
                f'<p class="goal"><b>Цель проекта:</b> {_e(project.goal)}</p>',
                space_after=4.0,
            )
        )
    if project.customer:
        blocks.append(
            Block(
                f'<p class="customer"><b>Функциональный заказчик</b> – {_e(project.customer)}</p>',
                space_after=12.0,
            )
        )
    return blocks


def _role_title(role: str) -> str:
    known = ROLE_TITLES.get(Role(role)) if role in Role._value2member_map_ else None
    return known or role[:1].upper() + role[1:]


def _people_blocks(project: Project, width: float) -> list[Item]:
    people = sorted(
        project.persons,
        key=lambda person: (
            ROLE_ORDER.get(Role(person.role), len(ROLE_ORDER))
            if person.role in Role._value2member_map_
            else len(ROLE_ORDER)
        ),
    )
    blocks: list[Item] = [_heading(SECTION_TITLES[Section.PEOPLE])]
    if people:
        per_row = 2 if len(people) <= 2 else 3
        for start in range(0, len(people), per_row):
            blocks.append(_person_cards(people[start : start + per_row], per_row))
    if project.participants:
        # One block a participant: a long list goes on over the page break like a table.
        blocks.append(
            Block(
                '<p class="label">Участники регионального проекта:</p>',
                keep_with_next=True,
                space_after=0.0,
            )
        )
        last = len(project.participants) - 1
        blocks.extend(
            Block(f"<ul><li>{_e(name)}</li></ul>", space_after=12.0 if index == last else 0.0)
            for index, name in enumerate(project.participants)
        )
    elif not people:
        blocks.append(_note("Ответственные и участники проекта не внесены."))
    return blocks


def _person_cards(people: Sequence[Person], per_row: int) -> Block:
    share = 100 / per_row
    cells = []
    for person in people:
        position = f'<p class="position">{_e(person.position)}</p>' if person.position else ""
        cells.append(
            f'<td width="{share:.2f}%" class="card">'
            f'<p class="role">{_e(_role_title(person.role))}</p>'
            f'<p class="person">{_e(person.name)}</p>{position}</td>'
        )
    cells.extend(f'<td width="{share:.2f}%"></td>' for _ in range(per_row - len(people)))
    return Block(
        f'<table class="cards" width="100%" cellspacing="6" cellpadding="0"><tr>{"".join(cells)}'
        "</tr></table>",
        space_after=4.0,
    )


# ---------------------------------------------------------------------- tables


def _row_name(row: PlanFactRow) -> str:
    tail = ", ".join(part for part in (row.unit,) if part)
    if row.cumulative:
        tail = f"{tail} (нарастающим итогом)" if tail else "нарастающим итогом"
    unit = f'<span class="unit">, {_e(tail)}</span>' if tail else ""
    return f"{_e(row.name)}{unit}"


def _fact_text(row: PlanFactRow, year: int) -> tuple[str, str]:
    """The fact as printed with its mark, and the class that colours it."""
    value = row.value(year)
    if value.fact is None:
        return format_number(None), "num"
    status = row_status(row, year)
    mark = MARKS[status.status]
    css = _MARK_CLASSES.get(status.status, "")
    return f"{format_number(value.fact)} {mark}".rstrip(), f"num fact {css}".rstrip()


def plan_fact_table(
    rows: Sequence[PlanFactRow],
    years: range,
    with_facts: Iterable[int],
    *,
    name_title: str,
    width: float = A4_LANDSCAPE_WIDTH,
) -> Table:
    """The passport layout: №, name with unit, each year «план» (and «факт») under the year."""
    with_facts = set(with_facts)
    columns: list[tuple[int, str]] = []
    for year in years:
        columns.append((year, "plan"))
        if year in with_facts:
            columns.append((year, "fact"))
    texts = {
        column: [
            _fact_text(row, column[0])[0]
            if column[1] == "fact"
            else format_number(row.value(column[0]).plan)
            for row in rows
        ]
        for column in columns
    }
    # Headers and facts are bold: a tenth wider than the same letters in plain type.
    numbers = [
        max(
            [text_width(text) * (1.1 if column[1] == "fact" else 1) for text in texts[column]]
            + [text_width("факт") * 1.1]
        )
        for column in columns
    ]
    number_width = max(text_width(str(len(rows))), text_width("п/п") * 1.1)
    (number_percent, *value_percents), name_percent = column_percents(
        width, [number_width], numbers
    )
    top = [
        cell("№<br/>п/п", number_percent, "head", span=' rowspan="2"'),
        cell(_e(name_title), name_percent, "head name", span=' rowspan="2"'),
    ]
    bottom = []
    for (year, kind), percent in zip(columns, value_percents, strict=True):
        if kind == "plan":
            span = ' colspan="2"' if year in with_facts else ""
            share = percent + (value_percents[columns.index((year, "fact"))] if span else 0)
            top.append(cell(str(year), share, "head", span=span))
        bottom.append(cell("план" if kind == "plan" else "факт", percent, "head sub"))
    body = []
    for index, row in enumerate(rows):
        cells = [
            cell(_e(row.number), number_percent, "number"),
            cell(_row_name(row), name_percent, "name"),
        ]
        for (year, kind), percent in zip(columns, value_percents, strict=True):
            if kind == "plan":
                cells.append(cell(format_number(row.value(year).plan), percent, "num"))
            else:
                text, css = _fact_text(row, year)
                cells.append(cell(_e(text), percent, css))
        stripe = ' class="odd"' if index % 2 else ""
        body.append(f"<tr{stripe}>{''.join(cells)}</tr>")
    return Table(
        table_opening("grid"),
        (f"<tr>{''.join(top)}</tr>", f"<tr>{''.join(bottom)}</tr>"),
        tuple(body),
    )


_MARKS_LEGEND = (
    f"Отметки факта: {MARKS[Status.ACHIEVED]} достигнуто, {MARKS[Status.NOT_ACHIEVED]} "
    f"не достигнуто, {MARKS[Status.NO_PLAN]} факт без плана; «–» — значения нет."
)


def _plan_fact_section(
    title: str,
    name_title: str,
    rows: Sequence[PlanFactRow],
    project: Project,
    with_facts: Sequence[int],
    width: float,
    *,
    empty: str,
) -> list[Item]:
    if not rows:
        return [_heading(title), _note(empty)]
    table = plan_fact_table(rows, project.years, with_facts, name_title=name_title, width=width)
    table = with_tasks(table, rows, project)
    # The key to the marks goes under the heading, where it cannot be left alone on a page.
    return [
        Block(
            f'<h1>{_e(title)}</h1><p class="legend">{_e(_MARKS_LEGEND)}</p>',
            keep_with_next=True,
            space_after=3.0,
        ),
        Table(table.opening, table.header, table.rows, space_after=14.0),
    ]


# ---------------------------------------------------------------------- the report year


def report_year_title(year: int) -> str:
    return f"Результаты проекта в {year} году"


def year_table(
    rows: Sequence[PlanFactRow], year: int, *, name_title: str, width: float = A4_LANDSCAPE_WIDTH
) -> Table:
    """Plan and fact of one year, the percent of plan and the verdict in words and a mark."""
    statuses = [row_status(row, year) for row in rows]
    plans = [format_number(row.value(year).plan) for row in rows]
    facts = [format_number(row.value(year).fact) for row in rows]
    percents = [format_percent(status.percent) for status in statuses]
    verdicts = [f"{status.mark} {status.words}".strip() for status in statuses]
    numbers = [
        max([text_width(text) for text in plans] + [text_width(f"План {year}")]),
        max([text_width(text) * 1.1 for text in facts] + [text_width(f"Факт {year}")]),
        max([text_width(text) for text in percents] + [text_width("% плана")]),
        max([text_width(text) * 1.15 for text in verdicts] + [text_width("не достигнуто ✗")]),
    ]
    number_width = max(text_width(str(len(rows))), text_width("п/п") * 1.1)
    (number_percent, plan_p, fact_p, percent_p, verdict_p), name_percent = column_percents(
        width, [number_width], numbers
    )
    header = (
        "<tr>"
        + cell("№<br/>п/п", number_percent, "head")
        + cell(_e(name_title), name_percent, "head name")
        + cell(f"План<br/>{year}", plan_p, "head")
        + cell(f"Факт<br/>{year}", fact_p, "head")
        + cell("%<br/>плана", percent_p, "head")
        + cell("Оценка", verdict_p, "head")
        + "</tr>",
    )
    body = []
    for index, (row, status) in enumerate(zip(rows, statuses, strict=True)):
        css = _MARK_CLASSES.get(status.status, "")
        stripe = ' class="odd"' if index % 2 else ""
        body.append(
            f"<tr{stripe}>"
            + cell(_e(row.number), number_percent, "number")
            + cell(_row_name(row), name_percent, "name")
            + cell(plans[index], plan_p, "num")
            + cell(facts[index], fact_p, f"num fact {css}".rstrip())
            + cell(percents[index], percent_p, "num")
            + cell(_e(verdicts[index]), verdict_p, f"verdict {css}".rstrip())
            + "</tr>"
        )
    return Table(table_opening("grid"), header, tuple(body), space_after=8.0)


# Charts side by side: three across a landscape page, two on a narrower one (a chart under
# about 200 pt wide has its labels run into each other).
CHARTS_PER_ROW = 3
NARROW_PAGE = 640.0


def _chart_rows(
    kind: RowKind, rows: Sequence[PlanFactRow], project: Project, year: int, width: float
) -> list[Block]:
    """Plan beside fact of every row, three charts side by side, figures of the year under each."""
    gap = 8.0
    per_row = CHARTS_PER_ROW if width >= NARROW_PAGE else 2
    chart_width = (width - gap * (per_row - 1)) / per_row - 2
    chart_height = round(chart_width * 0.62)
    share = 100 / per_row
    blocks = []
    for start in range(0, len(rows), per_row):
        group = rows[start : start + per_row]
        captions, images, figures, charts = [], [], [], []
        for row in group:
            key = f"chart-{kind.value}-{start + group.index(row)}"
            charts.append(ChartSpec(key, project.years, chart_width, chart_height, row=row))
            value = row.value(year)
            status = row_status(row, year)
            percent = (
                f" · {format_percent(status.percent)} плана" if status.percent is not None else ""
            )
            mark = f" {status.mark}" if status.mark else ""
            name = _shorten(row.name, 120)
            captions.append(
                f'<td width="{share:.2f}%" class="chart-caption"><b>{_e(row.number)}.</b> '
                f"{_e(name)}</td>"
            )
            images.append(
                f'<td width="{share:.2f}%" class="chart"><img src="{key}" '
                f'width="{chart_width:.0f}" height="{chart_height:.0f}"/></td>'
            )
            figures.append(
                f'<td width="{share:.2f}%" class="chart-figures">{year}: план '
                f"{format_number(value.plan)} · факт {format_number(value.fact)}{percent}"
                f'<span class="{_MARK_CLASSES.get(status.status, "")}">{_e(mark)}</span></td>'
            )
        filler = [f'<td width="{share:.2f}%"></td>'] * (per_row - len(group))
        blocks.append(
            Block(
                f'<table class="charts" width="100%" cellspacing="0" cellpadding="2">'
                f"<tr>{''.join(captions + filler)}</tr>"
                f"<tr>{''.join(images + filler)}</tr>"
                f"<tr>{''.join(figures + filler)}</tr></table>",
                space_after=10.0,
                charts=tuple(charts),
            )
        )
    return blocks


def _shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut between words."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-(") + "…"


def _report_year_section(project: Project, year: int, width: float) -> list[Item]:
    items: list[Item] = [_heading(report_year_title(year))]
    parts = [
        (RowKind.RESULT, "Результаты", "Результат / единица измерения", project.results),
        (RowKind.INDICATOR, "Показатели", "Показатель / единица измерения", project.indicators),
    ]
    for kind, title, name_title, rows in parts:
        if not rows:
            continue
        items.append(_heading(title, level=2))
        items.append(year_table(rows, year, name_title=name_title, width=width))
        items.extend(_chart_rows(kind, rows, project, year, width))
    if not project.results and not project.indicators:
        items.append(_note("Показатели и результаты проекта не внесены."))
    return items


# ---------------------------------------------------------------------- financing


def financing_table(
    lines: Sequence[FinancingLine], years: range, *, width: float = A4_LANDSCAPE_WIDTH
) -> Table:
    """Lines by years in тыс. рублей, each line's «Всего», and «Итого» of every year."""
    # Totals by the one rule of the window and the workbook (core.totals): 243 700,7.
    line_cells = [
        [format_number(line_year_total(line, year)) for year in years]
        + [format_number(line_grand_total(line, years))]
        for line in lines
    ]
    total_cells = [format_number(year_total(lines, year)) for year in years] + [
        format_number(grand_total(lines, years))
    ]
    numbers = [
        max(text_width(cells[index]) for cells in [*line_cells, total_cells]) * 1.08
        for index in range(len(years) + 1)
    ]
    numbers = [max(value, text_width("000 000,0")) for value in numbers]
    number_width = max(text_width(str(len(lines))), text_width("п/п") * 1.1)
    # Names of financing lines are short: on a narrow page the amounts keep their room.
    (number_percent, *value_percents), name_percent = column_percents(
        width, [number_width], numbers, name_share=0.2
    )
    labels = [str(year) for year in years] + ["Всего"]
    header = (
        "<tr>"
        + cell("№<br/>п/п", number_percent, "head")
        + cell("Результат", name_percent, "head name")
        + "".join(
            cell(label, percent, "head")
            for label, percent in zip(labels, value_percents, strict=True)
        )
        + "</tr>",
    )
    body = []
    for index, (line, cells) in enumerate(zip(lines, line_cells, strict=True)):
        stripe = ' class="odd"' if index % 2 else ""
        body.append(
            f"<tr{stripe}>"
            + cell(_e(line.number), number_percent, "number")
            + cell(_e(line.name), name_percent, "name")
            + "".join(
                cell(text, percent, "num total" if position == len(years) else "num")
                for position, (text, percent) in enumerate(zip(cells, value_percents, strict=True))
            )
            + "</tr>"
        )
    body.append(
        '<tr class="sum">'
        + cell("", number_percent, "number total")
        + cell("Итого", name_percent, "name total")
        + "".join(
            cell(text, percent, "num total")
            for text, percent in zip(total_cells, value_percents, strict=True)
        )
        + "</tr>"
    )
    return Table(table_opening("grid"), header, tuple(body), space_after=10.0)


def _financing_section(project: Project, width: float) -> list[Item]:
    title = SECTION_TITLES[Section.FINANCING]
    if not project.financing:
        return [_heading(title), _note("Объем финансирования не внесен.")]
    chart_width = round(width * 0.62)
    chart_height = round(chart_width * 0.42)
    chart = ChartSpec(
        "chart-financing",
        project.years,
        chart_width,
        chart_height,
        financing=tuple(project.financing),
    )
    return [
        _heading(title),
        Block('<p class="unit-line">тыс. рублей</p>', keep_with_next=True, space_after=2.0),
        replace(
            financing_table(project.financing, project.years, width=width), keep_with_next=True
        ),
        Block(
            f'<p class="chart" align="center"><img src="{chart.key}" width="{chart_width}" '
            f'height="{chart_height}"/></p>',
            charts=(chart,),
        ),
    ]
