"""The overview of all projects of a database: one line a project for one year, and its totals.

Every figure comes from the rules each project's own summary uses (core.status.row_status,
core.totals): the overview never computes a status its own way. Its columns are a list of
definitions (`COLUMNS`), each with a function of a project's line: a later column (values
overdue, control points overdue, open risks) is one more `Column` passed to `add_column`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from cdo_desktop.core.control_points import open_risks, overdue_points
from cdo_desktop.core.model import PlanFactRow, Project, Role, RowKind, sum_or_none
from cdo_desktop.core.numbers import NO_VALUE, format_number
from cdo_desktop.core.overview_due import DueTally, overdue_from_tally, tally_of
from cdo_desktop.core.status import Status, row_status, status_of, years_with_fact
from cdo_desktop.core.totals import year_and_grand_total
from cdo_desktop.core.work_calendar import WorkCalendar

Value = str | int | Decimal | date | datetime | None
"""A cell of the overview: None is «–»."""


@dataclass(frozen=True)
class LastChange:
    """The newest entry of a project's change history: when and by whom."""

    at: datetime
    author: str


@dataclass(frozen=True)
class OverviewSource:
    """What the overview needs of one project.

    `project` must hold the values of the overview's year (a bulk read may leave out the other
    years, storage/overview_reading.py); `fact_years` are the years with a fact of the whole
    project, which choose the default year. `extra` holds what a later column reads that the
    project does not (control points, risks): filled by a read added to
    storage.overview_reading.EXTRA_READS, keyed by that column's key.
    """

    project: Project
    fact_years: frozenset[int]
    last_change: LastChange | None = None
    extra: Mapping[str, Value] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        project: Project,
        last_change: LastChange | None = None,
        extra: Mapping[str, Value] | None = None,
    ) -> OverviewSource:
        """From a whole project (every year's values at hand)."""
        return cls(project, frozenset(years_with_fact(project)), last_change, extra or {})


@dataclass(frozen=True)
class StatusCounts:
    """How many rows of a year are achieved, not achieved, without a fact, with a fact only."""

    achieved: int = 0
    not_achieved: int = 0
    no_fact: int = 0
    no_plan: int = 0

    def __add__(self, other: StatusCounts) -> StatusCounts:
        return StatusCounts(
            self.achieved + other.achieved,
            self.not_achieved + other.not_achieved,
            self.no_fact + other.no_fact,
            self.no_plan + other.no_plan,
        )

    @property
    def counted(self) -> int:
        """Rows that the bar shows: achieved, not achieved and without a fact."""
        return self.achieved + self.not_achieved + self.no_fact


def count_statuses(rows: Sequence[PlanFactRow], year: int) -> StatusCounts:
    """The rows' statuses in a year, counted; rows with neither plan nor fact count nowhere."""
    tally = dict.fromkeys(Status, 0)
    for row in rows:
        # row_status's rule without its percent: 18 000 rows of 60 projects are counted.
        value = row.value(year)
        tally[status_of(value.plan, value.fact, row.direction)] += 1
    return StatusCounts(
        tally[Status.ACHIEVED],
        tally[Status.NOT_ACHIEVED],
        tally[Status.NO_FACT],
        tally[Status.NO_PLAN],
    )


@dataclass(frozen=True)
class ProjectLine:
    """One project in the overview. Figures of the year are None when the project's years do
    not include it (shown «–»)."""

    source: OverviewSource
    year: int
    as_of: date
    indicators: StatusCounts | None
    results: StatusCounts | None
    year_financing: Decimal | None
    total_financing: Decimal | None

    @property
    def project(self) -> Project:
        return self.source.project

    @property
    def in_years(self) -> bool:
        return self.year in self.project.years

    @property
    def counts(self) -> StatusCounts | None:
        """Indicators and results together: what the bar and the three count columns show."""
        if self.indicators is None or self.results is None:
            return None
        return self.indicators + self.results

    def person_name(self, role: Role) -> str:
        person = self.project.person(role)
        return person.name if person is not None else ""


def project_line(source: OverviewSource, year: int, as_of: date) -> ProjectLine:
    project = source.project
    in_years = year in project.years
    in_year, in_all = year_and_grand_total(project.financing, project.years, year)
    return ProjectLine(
        source=source,
        year=year,
        as_of=as_of,
        indicators=count_statuses(project.indicators, year) if in_years else None,
        results=count_statuses(project.results, year) if in_years else None,
        year_financing=in_year if in_years else None,
        total_financing=in_all,
    )


# ---------------------------------------------------------------------- columns


class ColumnKind(StrEnum):
    """How a column's values are shown, sorted, summed and written to a workbook."""

    TEXT = "text"
    COUNT = "count"  # a whole number, summed in the totals
    MONEY = "money"  # тыс. рублей, summed in the totals
    DATE = "date"


@dataclass(frozen=True)
class Column:
    """A column of the overview: its key, its title in the window, the PDF and the workbook,
    and the function that gives a project's value (None is shown «–»)."""

    key: str
    title: str
    kind: ColumnKind
    value: Callable[[ProjectLine], Value]
    tooltip: str = ""
    # Left out of the printed first page where it would crowd it (the workbook has them all).
    printed: bool = True

    @property
    def summed(self) -> bool:
        return self.kind in (ColumnKind.COUNT, ColumnKind.MONEY)


def _count(side: Callable[[StatusCounts], int]) -> Callable[[ProjectLine], int | None]:
    def value(line: ProjectLine) -> int | None:
        counts = line.counts
        return side(counts) if counts is not None else None

    return value


def _years(line: ProjectLine) -> str:
    return f"{line.project.first_year}–{line.project.last_year}"


def _last_change_at(line: ProjectLine) -> datetime | None:
    change = line.source.last_change
    return change.at if change is not None else None


def _last_change_author(line: ProjectLine) -> str:
    change = line.source.last_change
    return change.author if change is not None else ""


def _extra(key: str) -> Callable[[ProjectLine], Value]:
    """A column whose value a read gave the project's source (OverviewSource.extra)."""

    def value(line: ProjectLine) -> Value:
        return line.source.extra.get(key)

    return value


CODE = "code"
NAME = "name"
ACHIEVED = "achieved"
NOT_ACHIEVED = "not_achieved"
NO_FACT = "no_fact"
VALUES_OVERDUE = "values_overdue"
POINTS_OVERDUE = "points_overdue"
RISKS_OPEN = "risks_open"

COLUMNS: list[Column] = [
    Column(CODE, "Код", ColumnKind.TEXT, lambda line: line.project.code),
    Column(NAME, "Проект", ColumnKind.TEXT, lambda line: line.project.name),
    Column("region", "Субъект", ColumnKind.TEXT, lambda line: line.project.region),
    Column("curator", "Куратор", ColumnKind.TEXT, lambda line: line.person_name(Role.CURATOR)),
    Column("leader", "Руководитель", ColumnKind.TEXT, lambda line: line.person_name(Role.LEADER)),
    Column("years", "Годы", ColumnKind.TEXT, _years),
    Column(
        ACHIEVED,
        "Достигнуто",
        ColumnKind.COUNT,
        _count(lambda counts: counts.achieved),
        "Показатели и результаты, факт которых достиг плана года",
    ),
    Column(
        NOT_ACHIEVED,
        "Не достигнуто",
        ColumnKind.COUNT,
        _count(lambda counts: counts.not_achieved),
        "Показатели и результаты, факт которых не достиг плана года",
    ),
    Column(
        NO_FACT,
        "Без факта",
        ColumnKind.COUNT,
        _count(lambda counts: counts.no_fact),
        "Показатели и результаты с планом года, но без факта",
    ),
    Column(
        "year_financing",
        "Финансирование года, тыс. руб.",
        ColumnKind.MONEY,
        lambda line: line.year_financing,
    ),
    Column(
        "total_financing",
        "Финансирование всего, тыс. руб.",
        ColumnKind.MONEY,
        lambda line: line.total_financing,
    ),
    Column(
        VALUES_OVERDUE,
        "Значений просрочено",
        ColumnKind.COUNT,
        _extra(VALUES_OVERDUE),
        "Значения мониторинга и годовые факты, не внесённые к сроку на дату сводки",
    ),
    Column(
        POINTS_OVERDUE,
        "Контрольных точек просрочено",
        ColumnKind.COUNT,
        _extra(POINTS_OVERDUE),
        "Контрольные точки, не выполненные к плановому сроку на дату сводки",
    ),
    Column(
        RISKS_OPEN,
        "Рисков открыто",
        ColumnKind.COUNT,
        _extra(RISKS_OPEN),
        "Риски проекта в статусе «открыт»",
    ),
    Column("changed_at", "Изменён", ColumnKind.DATE, _last_change_at, printed=False),
    Column("changed_by", "Кем изменён", ColumnKind.TEXT, _last_change_author, printed=False),
]
"""The overview's columns in order; the window, the PDF and the workbook show these."""


def add_column(column: Column, *, after: str | None = None) -> None:
    """Add a column (issues 19, 20: overdue values, overdue control points, open risks) after
    the column keyed `after`, or before the last change's columns when not given."""
    keys = [existing.key for existing in COLUMNS]
    if column.key in keys:
        raise ValueError(f"column {column.key} is there already")
    position = keys.index(after) + 1 if after is not None else keys.index("changed_at")
    COLUMNS.insert(position, column)


# ---------------------------------------------------------------------- what needs attention


def attention_counts(
    project: Project, calendar: WorkCalendar, as_of: date, tally: DueTally | None = None
) -> dict[str, Value]:
    """The columns of issues 19 and 20 for one project at `as_of`, by the rules the project's
    own due list, control points tab and summary use (values_overdue, points_and_risks)."""
    return values_overdue(project, calendar, as_of, tally) | points_and_risks(project, as_of)


def values_overdue(
    project: Project, calendar: WorkCalendar, as_of: date, tally: DueTally | None = None
) -> dict[str, Value]:
    """Values missing past their due date (core.monitoring_due.overdue_count's answer, from
    `tally` when a bulk read summed it, else from the project), on the calendar with the
    user's edits. Without a tally `project` must be whole (values, monitoring, execution)."""
    return {
        VALUES_OVERDUE: overdue_from_tally(
            tally or tally_of(project), calendar, project.due_workday, project.years, as_of
        )
    }


def points_and_risks(project: Project, as_of: date) -> dict[str, Value]:
    """Control points overdue at `as_of` and risks open."""
    return {
        POINTS_OVERDUE: len(overdue_points(project, as_of)),
        RISKS_OPEN: len(open_risks(project)),
    }


# ---------------------------------------------------------------------- the overview


def default_year(sources: Sequence[OverviewSource], today: date | None = None) -> int:
    """The latest year in which any project has a fact; with no facts at all, this year kept
    within the projects' years (as the summary's report year)."""
    years = [year for source in sources for year in source.fact_years]
    if years:
        return max(years)
    current = (today or date.today()).year
    spanned = overview_years(sources)
    return min(max(current, spanned[0]), spanned[-1]) if spanned else current


@dataclass(frozen=True)
class Overview:
    """All projects for one year, as of a date, with the totals of the summed columns."""

    year: int
    as_of: date
    lines: tuple[ProjectLine, ...]
    columns: tuple[Column, ...] = field(default_factory=lambda: tuple(COLUMNS))

    def totals(self) -> dict[str, Value]:
        """Each summed column's total over the projects; «–» where no project has a value."""
        totals: dict[str, Value] = {}
        for column in self.columns:
            if column.kind is ColumnKind.COUNT:
                counts = [column.value(line) for line in self.lines]
                present = [value for value in counts if isinstance(value, int)]
                totals[column.key] = sum(present) if present else None
            elif column.kind is ColumnKind.MONEY:
                amounts = [column.value(line) for line in self.lines]
                totals[column.key] = sum_or_none(
                    value for value in amounts if isinstance(value, Decimal)
                )
        return totals

    def in_year(self) -> list[ProjectLine]:
        return [line for line in self.lines if line.in_years]


def build_overview(
    sources: Sequence[OverviewSource], year: int | None = None, as_of: date | None = None
) -> Overview:
    """The overview of the projects, sorted by code; the year defaults to `default_year`."""
    as_of = as_of or date.today()
    chosen = year if year is not None else default_year(sources, as_of)
    lines = [project_line(source, chosen, as_of) for source in sources]
    lines.sort(key=lambda line: line.project.code)
    return Overview(chosen, as_of, tuple(lines))


def overview_years(sources: Sequence[OverviewSource]) -> list[int]:
    """Every year of any project, for a year chooser."""
    return sorted({year for source in sources for year in source.project.years})


@dataclass(frozen=True)
class ShortfallRow:
    """A row not achieved or without a fact in the year: what the document lists a project by."""

    kind: RowKind
    row: PlanFactRow
    status: Status
    percent: Decimal | None


def shortfalls(project: Project, year: int) -> list[ShortfallRow]:
    """The project's indicators, then results, not achieved or without a fact in the year."""
    found = []
    for kind in (RowKind.INDICATOR, RowKind.RESULT):
        for row in project.rows(kind):
            status = row_status(row, year)
            if status.status in (Status.NOT_ACHIEVED, Status.NO_FACT):
                found.append(ShortfallRow(kind, row, status.status, status.percent))
    return found


# ---------------------------------------------------------------------- words


def overview_title(year: int) -> str:
    return f"Сводка по всем проектам за {year} год"


def as_of_text(as_of: date) -> str:
    return f"по состоянию на {as_of:%d.%m.%Y}"


def format_value(value: Value) -> str:
    """A value as the window and the document show it: «37 955,2», «27.11.2026», «–»."""
    if value is None or value == "":
        return NO_VALUE if value is None else ""
    if isinstance(value, datetime):
        return f"{value:%d.%m.%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, int):
        return format_number(Decimal(value))
    if isinstance(value, Decimal):
        return format_number(value)
    return value
