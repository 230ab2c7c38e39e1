"""Plain value types of a regional project passport: the program's vocabulary, free of storage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

ALL_SOURCES = "все источники"
"""The one budget source of a financing line when a document gives only its totals."""


# Letters that look alike in Cyrillic and Latin: a code typed as «Е4» is the project «E4».
_LOOKALIKES = str.maketrans("АВЕКМНОРСТУХаеорсух", "ABEKMHOPCTYXaeopcyx")


def code_key(code: str) -> str:
    """What makes two project codes the same code, as people type them."""
    return code.strip().translate(_LOOKALIKES).casefold()


class RowKind(StrEnum):
    """Indicators and results are the same kind of table; this says which one a row belongs to."""

    INDICATOR = "indicator"
    RESULT = "result"


class Direction(StrEnum):
    """Whether a higher or a lower fact is better (a share of schools vs. a dropout rate)."""

    UP = "up"
    DOWN = "down"


class Role(StrEnum):
    """Roles of people in a project, as the passport names them; other roles may be typed in."""

    CURATOR = "куратор"
    LEADER = "руководитель"
    ADMINISTRATOR = "администратор"
    RESPONSIBLE = "ответственный"


# Curator first, then leader: the order in which passports and summaries list people.
ROLE_ORDER = {Role.CURATOR: 0, Role.LEADER: 1, Role.ADMINISTRATOR: 2, Role.RESPONSIBLE: 3}


class Periodicity(StrEnum):
    """How often a row's monitoring values are due (it decides nothing else)."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


PERIODICITY_WORDS = {
    Periodicity.MONTH: "месяц",
    Periodicity.QUARTER: "квартал",
    Periodicity.YEAR: "год",
}


@dataclass
class MonitoringValue:
    """A row's monitoring entry at a reporting date: fact so far, year-end forecast, words."""

    fact: Decimal | None = None
    forecast: Decimal | None = None
    reason: str = ""
    document: str = ""

    def is_empty(self) -> bool:
        return self.fact is None and self.forecast is None and not self.reason and not self.document


@dataclass
class PlanFact:
    """Plan and fact of one year; None is "no value" (a dash), which is not zero."""

    plan: Decimal | None = None
    fact: Decimal | None = None

    def is_empty(self) -> bool:
        return self.plan is None and self.fact is None


class PointKind(StrEnum):
    """What a control point of a result is; the tokens are the exchange format's."""

    CHECKPOINT = "checkpoint"
    ACTIVITY = "activity"


POINT_KIND_WORDS = {PointKind.CHECKPOINT: "контрольная точка", PointKind.ACTIVITY: "мероприятие"}


class Level(StrEnum):
    """A risk's probability or impact."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


LEVEL_WORDS = {Level.LOW: "низкая", Level.MEDIUM: "средняя", Level.HIGH: "высокая"}


class RiskStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


RISK_STATUS_WORDS = {RiskStatus.OPEN: "открыт", RiskStatus.CLOSED: "закрыт"}


@dataclass
class ControlPoint:
    """A step on a result's way: planned (`due`) and actual (`done`, None while not done)."""

    number: str
    name: str
    due: date
    kind: PointKind = PointKind.CHECKPOINT
    done: date | None = None
    responsible: str = ""
    document: str = ""
    control_level: str = ""
    id: int | None = None


@dataclass
class Risk:
    """What threatens the project; `target_kind`/`target_number` name the indicator or result."""

    number: str
    description: str
    target_kind: RowKind | None = None
    target_number: str = ""
    probability: Level = Level.MEDIUM
    impact: Level = Level.MEDIUM
    mitigation: str = ""
    owner: str = ""
    status: RiskStatus = RiskStatus.OPEN
    id: int | None = None


@dataclass
class MunicipalValues:
    """Plan and fact of one municipality for a row broken down by municipalities."""

    name: str
    values: dict[int, PlanFact] = field(default_factory=dict)
    id: int | None = None


@dataclass
class Task:
    """A task of a project («Задача: …»): indicators and results are grouped under it."""

    number: str
    name: str
    id: int | None = None


@dataclass
class PlanFactRow:
    """An indicator or a result: one row of the passport's plan/fact table."""

    number: str
    name: str
    unit: str = ""
    cumulative: bool = False
    direction: Direction = Direction.UP
    base_value: Decimal | None = None
    base_year: int | None = None
    characteristic: str = ""
    values: dict[int, PlanFact] = field(default_factory=dict)
    id: int | None = None
    # The 2025–2030 passport (core/passport.py tells the codes and the breakdown apart).
    task: str | None = None
    level: list[str] = field(default_factory=list)
    indicator_kind: str = ""
    okei: str | None = None
    data_source: str = ""
    municipalities: list[MunicipalValues] = field(default_factory=list)
    result_type: str = ""
    linked_indicators: list[str] = field(default_factory=list)
    control_points: list[ControlPoint] = field(default_factory=list)  # results only
    periodicity: Periodicity = Periodicity.YEAR
    # Reporting date (a month's last day) -> the monitoring entry; empty entries are not kept.
    monitoring: dict[date, MonitoringValue] = field(default_factory=dict)

    def value(self, year: int) -> PlanFact:
        """Plan and fact of a year, empty when the row has none for it."""
        return self.values.get(year) or PlanFact()


@dataclass
class BudgetSource:
    """One budget source of a financing line; `parent` names the source this one is «из них» of."""

    name: str
    parent: str | None = None
    values: dict[int, Decimal | None] = field(default_factory=dict)
    id: int | None = None
    # Cash execution so far in the year at a reporting date (тыс. рублей).
    execution: dict[date, Decimal | None] = field(default_factory=dict)


@dataclass
class FinancingLine:
    """A line of the financing table: amounts in тыс. рублей per year per budget source."""

    number: str
    name: str
    result: str | None = None
    sources: list[BudgetSource] = field(default_factory=list)
    id: int | None = None

    def total(self, year: int) -> Decimal | None:
        """The line's amount for a year, each amount counted once (a parent or its children)."""
        return self.totals(range(year, year + 1))[year]

    def totals(self, years: range) -> dict[int, Decimal | None]:
        children: dict[str, list[BudgetSource]] = {}
        for source in self.sources:
            if source.parent is not None:
                children.setdefault(source.parent, []).append(source)
        tops = [source for source in self.sources if source.parent is None]
        return {year: _amount_of(tops, year, children) for year in years}

    def grand_total(self, years: range) -> Decimal | None:
        return sum_or_none(self.totals(years).values())


def _amount_of(
    sources: list[BudgetSource], year: int, children: dict[str, list[BudgetSource]]
) -> Decimal | None:
    """The sum of the sources' amounts for a year, None when none has one. A source without
    its own amount counts its «из них» children's (found by name in `children`, once per
    line, rather than by a scan of the line's sources per amount: the overview sums 150 000)."""
    total: Decimal | None = None
    for source in sources:
        amount = source.values.get(year)
        if amount is None and source.name in children:
            amount = _amount_of(children[source.name], year, children)
        if amount is not None:
            total = amount if total is None else total + amount
    # As sum() from Decimal(0) gives it: a lone -0 is 0, and the exponent is the same.
    return None if total is None else total + Decimal(0)


def sum_or_none(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of the values there are; None when there are none: a dash stays a dash."""
    present = [value for value in values if value is not None]
    return sum(present, Decimal(0)) if present else None


def financing_total(lines: list[FinancingLine], year: int) -> Decimal | None:
    """«Итого» of a year over all lines."""
    return sum_or_none(line.total(year) for line in lines)


@dataclass
class Person:
    """Someone responsible for the project: curator, leader, administrator, ..."""

    role: str
    name: str
    position: str = ""
    contacts: str = ""
    id: int | None = None
    supervisor: str = ""
    share: Decimal | None = None  # percent of working time in the project


@dataclass
class FederalProject:
    code: str
    name: str


@dataclass
class Project:
    """A regional project with its passport, tables and people."""

    code: str
    name: str
    region: str = ""
    national_project: str | None = None
    federal_project: FederalProject | None = None
    goal: str = ""
    customer: str = ""
    first_year: int = 2019
    last_year: int = 2024
    persons: list[Person] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    indicators: list[PlanFactRow] = field(default_factory=list)
    results: list[PlanFactRow] = field(default_factory=list)
    financing: list[FinancingLine] = field(default_factory=list)
    id: int | None = None
    tasks: list[Task] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    # Monitoring reports are due by this working day after their period (see core/work_calendar).
    due_workday: int = 2

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    def rows(self, kind: RowKind) -> list[PlanFactRow]:
        return self.indicators if kind is RowKind.INDICATOR else self.results

    def person(self, role: str) -> Person | None:
        return next((person for person in self.persons if person.role == role), None)


@dataclass(frozen=True)
class ProjectSummary:
    """What a project list shows: enough to choose one without loading it."""

    id: int
    code: str
    name: str
    region: str
    first_year: int
    last_year: int
