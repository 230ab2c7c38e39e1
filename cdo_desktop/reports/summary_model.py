"""The summary's document model (sections, options, blocks, tables) and its report year: what
reports/summary.py builds and reports/printing.py lays out, from core data alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import FinancingLine, PlanFactRow, Project
from cdo_desktop.core.status import last_fact_year as last_fact_year


class Section(StrEnum):
    """Parts of the summary a user may leave out; the title, goal and customer always print."""

    PEOPLE = "people"
    INDICATORS = "indicators"
    RESULTS = "results"
    REPORT_YEAR = "report_year"
    FINANCING = "financing"
    CONTROL_POINTS = "control_points"  # printed only for a project that has points or risks


SECTION_TITLES = {
    Section.PEOPLE: "Ответственные участники",
    Section.INDICATORS: "Показатели проекта",
    Section.RESULTS: "Результаты проекта в цифрах",
    Section.REPORT_YEAR: "Результаты проекта в отчётном году",
    Section.FINANCING: "Объем финансирования",
    Section.CONTROL_POINTS: "Контрольные точки и риски",
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
    as_of: date | None = None  # what is overdue is judged at this date (default: printed_on)


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
