"""The consolidated document of all projects: the overview table with its totals, then for each
project its rows not achieved or without a fact in the year.

Built as the summary's document model (blocks and tables), so reports/printing.py lays it out
and paints it on the preview, a printer or a PDF exactly as it does the summary; the year's
table of a project is the summary's own `year_table`. No Qt here: tested as text.
"""

from __future__ import annotations

from datetime import date

from cdo_desktop.core.model import RowKind
from cdo_desktop.core.overview import (
    NAME,
    Column,
    ColumnKind,
    Overview,
    ProjectLine,
    StatusCounts,
    Value,
    as_of_text,
    format_value,
    overview_title,
    shortfalls,
)
from cdo_desktop.core.words import counted
from cdo_desktop.reports.summary import A4_LANDSCAPE_WIDTH, _e, _note, year_table
from cdo_desktop.reports.summary_model import Block, Item, SummaryDocument, Table
from cdo_desktop.reports.table_html import cell, column_percents, table_opening, text_width

# The bar of achieved / not achieved / without a fact, in full blocks of the marks' colours:
# text, so it prints on any page and survives a black-and-white printer as lengths.
BAR_BLOCKS = 8
BAR_BLOCK_WIDTH = 7.0  # points of a «█» at 7 pt, with room to spare
COMPACT_FONT = 7.0  # the table's font size (summary.css: table.compact)
BAR_COLORS = ("#1e7b34", "#c00000", "#bfbfbf")
BAR_TITLE = "Доля"
TOTAL = "Итого"
SOFT_HYPHEN = "\u00ad"
# Where the long words of the column titles may break (soft hyphens): with the columns of
# issues 19 and 20 the first page no longer holds every title word whole, and a word broken
# by the layout anywhere («Достигну / то») reads worse than one hyphenated as in print.
TITLE_BREAKS = {
    word.replace(SOFT_HYPHEN, ""): word
    for word in (
        "Руково\u00adдитель",
        "Достиг\u00adнуто",
        "достиг\u00adнуто",
        "Финанси\u00adрование",
        "Значе\u00adний",
        "просро\u00adчено",
        "Контроль\u00adных",
        "откры\u00adто",
    )
}


def bar_html(counts: StatusCounts | None) -> str:
    """Blocks in proportion to achieved, not achieved and without a fact; «–» with none."""
    if counts is None or counts.counted == 0:
        return "–"
    parts = (counts.achieved, counts.not_achieved, counts.no_fact)
    lengths = [round(BAR_BLOCKS * part / counts.counted) for part in parts]
    # Rounding may lose or add a block: the largest part takes the difference.
    lengths[lengths.index(max(lengths))] += BAR_BLOCKS - sum(lengths)
    return "".join(
        f'<span style="color:{color}">{"█" * length}</span>'
        for color, length in zip(BAR_COLORS, lengths, strict=True)
        if length > 0
    )


def document_title(overview: Overview) -> str:
    return f"{overview_title(overview.year)}, {as_of_text(overview.as_of)}"


def build_overview_document(
    overview: Overview, *, width: float = A4_LANDSCAPE_WIDTH, printed_on: date | None = None
) -> SummaryDocument:
    """The first page (the table and its totals), then a section a project."""
    title = overview_title(overview.year)
    items: list[Item] = [
        Block(
            f'<p class="kicker">{_e(as_of_text(overview.as_of).capitalize())}</p>'
            f'<p class="title">{_e(title)}</p>',
            keep_with_next=True,
            space_after=8.0,
        ),
        Block(f'<p class="legend">{_legend(overview)}</p>', keep_with_next=True),
        overview_table(overview, width=width),
    ]
    first = True
    for line in overview.lines:
        items.extend(_project_section(line, width, page_break=first))
        first = False
    return SummaryDocument(
        title=title,
        footer=document_title(overview),
        printed_on=printed_on or date.today(),
        items=tuple(items),
    )


def _legend(overview: Overview) -> str:
    """The key to the bar (its colours) and what «–» means, as HTML."""
    projects = counted(len(overview.lines), "проект", "проекта", "проектов")
    outside = len(overview.lines) - len(overview.in_year())
    tail = (
        f"; в годы {counted(outside, 'проекта', 'проектов', 'проектов')} {overview.year} год "
        "не входит (показан «–»)"
        if outside
        else ""
    )
    key = ", ".join(
        f'<span style="color:{color}">█</span> {words}'
        for color, words in zip(
            BAR_COLORS, ("достигнуто", "не достигнуто", "без факта"), strict=True
        )
    )
    return (
        f"{_e(f'В базе данных {projects}{tail}.')} Показатели и результаты "
        f"{overview.year} года в столбце «{BAR_TITLE}»: {key}. Финансирование — в тыс. рублей."
    )


def printed_columns(overview: Overview) -> list[Column]:
    return [column for column in overview.columns if column.printed]


def overview_table(overview: Overview, *, width: float = A4_LANDSCAPE_WIDTH) -> Table:
    """One row a project, the printed columns and the bar; «Итого» of the summed columns."""
    columns = printed_columns(overview)
    totals = overview.totals()
    texts = {
        column.key: [format_value(column.value(line)) for line in overview.lines]
        for column in columns
    }
    # The code and the bar never wrap (fixed); the other columns give way on a narrow page.
    code = columns[0]
    others = [column for column in columns[1:] if column.key != NAME]
    fixed = [
        _column_width(code, [*texts[code.key], TOTAL], totals, width),
        BAR_BLOCKS * BAR_BLOCK_WIDTH,
    ]
    widths = [_column_width(column, texts[column.key], totals, width) for column in others]
    percents, name_percent = column_percents(width, fixed, widths, name_share=0.14)
    keys = [code.key, "bar"] + [column.key for column in others]
    share = dict(zip(keys, percents, strict=True))
    share[NAME] = name_percent
    header = "".join(
        cell(_e(printed_title(column)), share[column.key], "head") for column in columns
    ) + cell(BAR_TITLE, share["bar"], "head")
    body = []
    for index, line in enumerate(overview.lines):
        cells = [
            cell(
                _e(texts[column.key][index]),
                share[column.key],
                "name" if column.kind is ColumnKind.TEXT else "num",
            )
            for column in columns
        ]
        cells.append(cell(bar_html(line.counts), share["bar"], "number"))
        stripe = ' class="odd"' if index % 2 else ""
        body.append(f"<tr{stripe}>{''.join(cells)}</tr>")
    total_cells = [
        cell(
            _e(format_value(totals.get(column.key)) if column.summed else ""),
            share[column.key],
            "num total" if column.summed else "name total",
        )
        for column in columns
    ]
    total_cells[0] = cell(TOTAL, share[columns[0].key], "name total")
    counts = sum((line.counts for line in overview.in_year() if line.counts), StatusCounts())
    total_cells.append(cell(bar_html(counts), share["bar"], "number total"))
    body.append(f'<tr class="sum">{"".join(total_cells)}</tr>')
    return Table(
        table_opening("grid compact"), (f"<tr>{header}</tr>",), tuple(body), space_after=10.0
    )


def printed_title(column: Column) -> str:
    """The column's title with its long words' hyphenation points (TITLE_BREAKS)."""
    return " ".join(TITLE_BREAKS.get(word, word) for word in column.title.split())


def _title_pieces(column: Column) -> list[str]:
    """The title's pieces no line break splits: words, and the parts of hyphenated ones
    (with the hyphen the break prints)."""
    pieces = []
    for word in printed_title(column).split():
        *heads, tail = word.split(SOFT_HYPHEN)
        pieces += [f"{head}-" for head in heads] + [tail]
    return pieces


def _column_width(
    column: Column, texts: list[str], totals: dict[str, Value], page_width: float
) -> float:
    """Points a column needs: its title's pieces never broken (in bold), numbers whole,
    text words whole and text up to a tenth of the page before it wraps."""
    size = COMPACT_FONT
    words = _title_pieces(column) + [word for text in texts for word in text.split()]
    longest = max((text_width(word, size) * 1.3 for word in words), default=0.0)
    if column.kind is ColumnKind.TEXT:
        whole = max((text_width(text, size) for text in texts), default=0.0)
        return max(longest, min(whole, page_width * 0.1))
    shown = [*texts, format_value(totals.get(column.key))]
    return max(longest, *(text_width(text, size) * 1.1 for text in shown))


def _project_section(line: ProjectLine, width: float, *, page_break: bool) -> list[Item]:
    project = line.project
    heading = Block(
        f"<h2>{_e(project.code)} «{_e(project.name)}»</h2>",
        keep_with_next=True,
        space_after=2.0,
        page_break_before=page_break,
    )
    if not line.in_years:
        return [
            heading,
            _note(
                f"{line.year} год не входит в годы проекта "
                f"({project.first_year}–{project.last_year})."
            ),
        ]
    found = shortfalls(project, line.year)
    if not found:
        return [heading, _note(f"Все показатели и результаты {line.year} года достигнуты.")]
    items: list[Item] = [heading]
    for kind, name_title in (
        (RowKind.INDICATOR, "Показатель / единица измерения"),
        (RowKind.RESULT, "Результат / единица измерения"),
    ):
        rows = [item.row for item in found if item.kind is kind]
        if rows:
            items.append(year_table(rows, line.year, name_title=name_title, width=width))
    return items
