"""The summary sheet as HTML blocks built from core data alone: no Qt, so it is tested as text."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from cdo_desktop.core.errors import CdoError
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
from cdo_desktop.core.status import MARKS, Status, fact_status
from cdo_desktop.core.totals import grand_total, line_grand_total, line_year_total, year_total

# The printable width of A4 landscape with the default margins, in points: what the column
# widths are estimated for when the page is not known yet.
A4_LANDSCAPE_WIDTH = 768.0

# Font sizes of the stylesheet (resources/templates/summary.css), in points; the width of a
# column of numbers is estimated from them.
TABLE_FONT = 8.0
CELL_PADDING = 3.0


class Section(StrEnum):
    """Parts of the summary a user may leave out; the title, goal and customer always print."""

    PEOPLE = "people"
    INDICATORS = "indicators"
    RESULTS = "results"
    REPORT_YEAR = "report_year"
    FINANCING = "financing"


SECTION_TITLES = {
    Section.PEOPLE: "Ответственные участники",
    Section.INDICATORS: "Показатели проекта",
    Section.RESULTS: "Результаты проекта в цифрах",
    Section.REPORT_YEAR: "Результаты проекта в отчётном году",
    Section.FINANCING: "Объем финансирования",
}

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


class ReportYearError(CdoError):
    """A report year outside the project's years."""

    def __init__(self, year: int, project: Project) -> None:
        self.year = year
        super().__init__(
            f"год {year} не входит в годы проекта {project.code} "
            f"({project.first_year}–{project.last_year})"
        )


@dataclass(frozen=True)
class SummaryOptions:
    """What to print: the report year, the sections, and the date in the footer."""

    year: int
    sections: frozenset[Section] = frozenset(Section)
    printed_on: date = field(default_factory=date.today)


@dataclass(frozen=True)
class ChartSpec:
    """A chart the printing module draws and puts where the HTML has `<img src="key">`.

    `row` asks for plan beside fact of an indicator or a result; without it, `financing` asks
    for the financing lines stacked by year. Sizes are in points on paper.
    """

    key: str
    years: range
    width: float
    height: float
    row: PlanFactRow | None = None
    financing: tuple[FinancingLine, ...] = ()


@dataclass(frozen=True)
class Block:
    """A piece of the sheet that is never split across pages: a heading, a paragraph, a card."""

    html: str
    keep_with_next: bool = False
    space_after: float = 6.0
    page_break_before: bool = False
    charts: tuple[ChartSpec, ...] = ()


@dataclass(frozen=True)
class Table:
    """A table printed row by row: its header rows repeat on every page, a row never splits.

    `opening` is the `<table>` tag; every row and the header are laid out as tables of their
    own with that tag, so all columns have fixed percentage widths and line up from page to page.
    """

    opening: str
    header: tuple[str, ...]
    rows: tuple[str, ...]
    space_after: float = 10.0
    keep_with_next: bool = False  # the whole table on the page of what follows it

    def header_html(self) -> str:
        return f"{self.opening}{''.join(self.header)}</table>"

    def row_html(self, index: int) -> str:
        return f"{self.opening}{self.rows[index]}</table>"

    def html(self) -> str:
        return f"{self.opening}{''.join(self.header)}{''.join(self.rows)}</table>"


Item = Block | Table


@dataclass(frozen=True)
class SummaryDocument:
    """The sheet as a sequence of blocks and tables, with what the footer and PDF need."""

    title: str
    footer: str
    printed_on: date
    items: tuple[Item, ...]

    def html(self) -> str:
        """The whole sheet as one HTML text (tables whole): for tests and for looking at."""
        return "\n".join(
            item.html if isinstance(item, Block) else item.html() for item in self.items
        )

    def charts(self) -> list[ChartSpec]:
        return [chart for item in self.items if isinstance(item, Block) for chart in item.charts]


# ---------------------------------------------------------------------- years


def last_fact_year(project: Project) -> int | None:
    """The last year in which any indicator or result has a fact."""
    years = [
        year
        for row in (*project.indicators, *project.results)
        for year, value in row.values.items()
        if value.fact is not None and year in project.years
    ]
    return max(years, default=None)


def default_report_year(project: Project, today: date | None = None) -> int:
    """The last year with a fact; with no facts yet, this year kept within the project's years."""
    year = last_fact_year(project)
    if year is not None:
        return year
    current = (today or date.today()).year
    return min(max(current, project.first_year), project.last_year)


def check_report_year(project: Project, year: int) -> int:
    if year not in project.years:
        raise ReportYearError(year, project)
    return year


def fact_years(project: Project, report_year: int) -> list[int]:
    """Years printed with «план» and «факт»; later years have only «план», as in the passport."""
    last = max(last_fact_year(project) or report_year, report_year)
    return [year for year in project.years if year <= last]


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


def _text_width(text: str, size: float = TABLE_FONT) -> float:
    """How wide a short text of digits, marks or a word prints, in points (DejaVu Sans, a bit
    generously: a column a little too wide looks better than a number broken in two)."""
    narrow = sum(1 for char in text if char in " ,./")
    wide = sum(1 for char in text if char in "✓✗…?%мшщюжф")
    return size * (0.66 * (len(text) - narrow - wide) + 0.36 * narrow + 0.9 * wide)


def _column_percents(
    width: float, fixed: Sequence[float], numbers: Sequence[float], *, name_share: float = 0.3
) -> tuple[list[float], float]:
    """Percent widths of the fixed columns, the number columns, and the name column between.

    Number columns get what their widest text needs (they do not wrap a `230 435,8`), the name
    the rest; on a narrow page numbers give way first so the name keeps `name_share` at least.
    """
    pad = 2 * CELL_PADDING + 2
    needed = [max(value, 18.0) + pad for value in numbers]
    fixed_points = [value + pad for value in fixed]
    room = width * (1 - name_share) - sum(fixed_points)
    if sum(needed) > room > 0:
        needed = [value * room / sum(needed) for value in needed]
    name = width - sum(fixed_points) - sum(needed)
    percents = [100 * value / width for value in (*fixed_points, *needed)]
    return percents, 100 * name / width


def _cell(content: str, percent: float, css: str = "", *, span: str = "") -> str:
    class_attr = f' class="{css}"' if css else ""
    # A cell spanning columns gives no width: Qt would give it all to the first column.
    width = f' width="{percent:.3f}%"' if "colspan" not in span else ""
    return f"<td{width}{class_attr}{span}>{content}</td>"


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
    status = fact_status(value.plan, value.fact, row.direction)
    mark = MARKS[status.status]
    css = _MARK_CLASSES.get(status.status, "")
    return f"{format_number(value.fact)} {mark}".rstrip(), f"num fact {css}".rstrip()


def _table_opening(css: str) -> str:
    return f'<table class="{css}" width="100%" cellspacing="0" cellpadding="{CELL_PADDING:g}">'


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
            [_text_width(text) * (1.1 if column[1] == "fact" else 1) for text in texts[column]]
            + [_text_width("факт") * 1.1]
        )
        for column in columns
    ]
    number_width = max(_text_width(str(len(rows))), _text_width("п/п") * 1.1)
    (number_percent, *value_percents), name_percent = _column_percents(
        width, [number_width], numbers
    )
    top = [
        _cell("№<br/>п/п", number_percent, "head", span=' rowspan="2"'),
        _cell(_e(name_title), name_percent, "head name", span=' rowspan="2"'),
    ]
    bottom = []
    for (year, kind), percent in zip(columns, value_percents, strict=True):
        if kind == "plan":
            span = ' colspan="2"' if year in with_facts else ""
            share = percent + (value_percents[columns.index((year, "fact"))] if span else 0)
            top.append(_cell(str(year), share, "head", span=span))
        bottom.append(_cell("план" if kind == "plan" else "факт", percent, "head sub"))
    body = []
    for index, row in enumerate(rows):
        cells = [
            _cell(_e(row.number), number_percent, "number"),
            _cell(_row_name(row), name_percent, "name"),
        ]
        for (year, kind), percent in zip(columns, value_percents, strict=True):
            if kind == "plan":
                cells.append(_cell(format_number(row.value(year).plan), percent, "num"))
            else:
                text, css = _fact_text(row, year)
                cells.append(_cell(_e(text), percent, css))
        stripe = ' class="odd"' if index % 2 else ""
        body.append(f"<tr{stripe}>{''.join(cells)}</tr>")
    return Table(
        _table_opening("grid"),
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
    statuses = [
        fact_status(row.value(year).plan, row.value(year).fact, row.direction) for row in rows
    ]
    plans = [format_number(row.value(year).plan) for row in rows]
    facts = [format_number(row.value(year).fact) for row in rows]
    percents = [format_percent(status.percent) for status in statuses]
    verdicts = [f"{status.mark} {status.words}".strip() for status in statuses]
    numbers = [
        max([_text_width(text) for text in plans] + [_text_width(f"План {year}")]),
        max([_text_width(text) * 1.1 for text in facts] + [_text_width(f"Факт {year}")]),
        max([_text_width(text) for text in percents] + [_text_width("% плана")]),
        max([_text_width(text) * 1.15 for text in verdicts] + [_text_width("не достигнуто ✗")]),
    ]
    number_width = max(_text_width(str(len(rows))), _text_width("п/п") * 1.1)
    (number_percent, plan_p, fact_p, percent_p, verdict_p), name_percent = _column_percents(
        width, [number_width], numbers
    )
    header = (
        "<tr>"
        + _cell("№<br/>п/п", number_percent, "head")
        + _cell(_e(name_title), name_percent, "head name")
        + _cell(f"План<br/>{year}", plan_p, "head")
        + _cell(f"Факт<br/>{year}", fact_p, "head")
        + _cell("%<br/>плана", percent_p, "head")
        + _cell("Оценка", verdict_p, "head")
        + "</tr>",
    )
    body = []
    for index, (row, status) in enumerate(zip(rows, statuses, strict=True)):
        css = _MARK_CLASSES.get(status.status, "")
        stripe = ' class="odd"' if index % 2 else ""
        body.append(
            f"<tr{stripe}>"
            + _cell(_e(row.number), number_percent, "number")
            + _cell(_row_name(row), name_percent, "name")
            + _cell(plans[index], plan_p, "num")
            + _cell(facts[index], fact_p, f"num fact {css}".rstrip())
            + _cell(percents[index], percent_p, "num")
            + _cell(_e(verdicts[index]), verdict_p, f"verdict {css}".rstrip())
            + "</tr>"
        )
    return Table(_table_opening("grid"), header, tuple(body), space_after=8.0)


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
            status = fact_status(value.plan, value.fact, row.direction)
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
        max(_text_width(cells[index]) for cells in [*line_cells, total_cells]) * 1.08
        for index in range(len(years) + 1)
    ]
    numbers = [max(value, _text_width("000 000,0")) for value in numbers]
    number_width = max(_text_width(str(len(lines))), _text_width("п/п") * 1.1)
    # Names of financing lines are short: on a narrow page the amounts keep their room.
    (number_percent, *value_percents), name_percent = _column_percents(
        width, [number_width], numbers, name_share=0.2
    )
    labels = [str(year) for year in years] + ["Всего"]
    header = (
        "<tr>"
        + _cell("№<br/>п/п", number_percent, "head")
        + _cell("Результат", name_percent, "head name")
        + "".join(
            _cell(label, percent, "head")
            for label, percent in zip(labels, value_percents, strict=True)
        )
        + "</tr>",
    )
    body = []
    for index, (line, cells) in enumerate(zip(lines, line_cells, strict=True)):
        stripe = ' class="odd"' if index % 2 else ""
        body.append(
            f"<tr{stripe}>"
            + _cell(_e(line.number), number_percent, "number")
            + _cell(_e(line.name), name_percent, "name")
            + "".join(
                _cell(text, percent, "num total" if position == len(years) else "num")
                for position, (text, percent) in enumerate(zip(cells, value_percents, strict=True))
            )
            + "</tr>"
        )
    body.append(
        '<tr class="sum">'
        + _cell("", number_percent, "number total")
        + _cell("Итого", name_percent, "name total")
        + "".join(
            _cell(text, percent, "num total")
            for text, percent in zip(total_cells, value_percents, strict=True)
        )
        + "</tr>"
    )
    return Table(_table_opening("grid"), header, tuple(body), space_after=10.0)


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
