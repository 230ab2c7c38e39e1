"""What a file holds about one project (`Incoming`), and the problems found reading it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from cdo_desktop.core.errors import DocumentError
from cdo_desktop.core.model import (
    ControlPoint,
    FederalProject,
    FinancingLine,
    Person,
    PlanFactRow,
    Risk,
    RowKind,
    Task,
)


class Severity(StrEnum):
    ERROR = "error"  # the file cannot be imported as it is
    WARNING = "warning"  # imported, but someone should look


@dataclass(frozen=True)
class Problem:
    """Something wrong in the file, with where it is («лист «Показатели», ячейка F7»)."""

    message: str
    location: str | None = None
    severity: Severity = Severity.ERROR
    value: object = None

    def __str__(self) -> str:
        if not self.location:
            return self.message
        return f"{self.location[0].upper()}{self.location[1:]}: {self.message}"

    def as_error(self, file: str | None) -> DocumentError:
        return DocumentError(self.message, file=file, location=self.location, value=self.value)


@dataclass
class IncomingRow:
    """A row of an indicator or result table and which of its fields the table has at all."""

    row: PlanFactRow
    given: frozenset[str] = frozenset()  # of "unit", "cumulative", "direction", "base",
    # "characteristic": a field the table has no column for is kept as it is in the database
    covered: frozenset[tuple[int, str]] = frozenset()  # (year, "plan" | "fact") cells it has
    location: str = ""
    broken_down: bool | None = None  # «Декомпозиция на муниципальные образования»: да/нет


@dataclass
class IncomingLine:
    """A financing line: with the rows of its sources, or its amounts alone."""

    line: FinancingLine
    has_sources: bool = False
    result_given: bool = False
    covered: frozenset[int] = frozenset()  # years the table has a column for
    location: str = ""


@dataclass
class IncomingBreakdown:
    """A table of an indicator's values by municipality; `caption` names the indicator."""

    caption: str
    rows: list[IncomingRow]
    totals: list[tuple[str, dict[tuple[int, str], Decimal | None]]]  # (location, values)
    location: str = ""


@dataclass
class IncomingPoint:
    """A control point of a table, with the number of the result it belongs to."""

    result: str
    point: ControlPoint
    location: str = ""
    given: frozenset[str] = frozenset()  # fields the table has a column for; the rest are kept


@dataclass
class IncomingRisk:
    risk: Risk
    location: str = ""
    given: frozenset[str] = frozenset()


@dataclass
class Incoming:
    """Everything a file says about one project; None is "the file says nothing about it"."""

    code: str | None = None
    name: str | None = None
    short_name: str | None = None  # «Краткое наименование»: for finding the project only
    texts: dict[str, str] = field(default_factory=dict)  # region, goal, customer
    national_project: str | None = None
    national_project_given: bool = False
    federal_project: FederalProject | None = None
    federal_project_given: bool = False
    years: tuple[int, int] | None = None
    persons: list[Person] | None = None  # a table of people: the whole list
    passport_persons: list[tuple[Person, bool]] = field(default_factory=list)  # (person,
    # position given): curator, leader from passport rows, each replacing the one of its role
    participants: list[str] | None = None
    indicators: list[IncomingRow] | None = None
    results: list[IncomingRow] | None = None
    financing: list[IncomingLine] | None = None
    control_points: list[IncomingPoint] | None = None  # tables of points: those results' points
    risks: list[IncomingRisk] | None = None
    table_years: set[int] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    # The 2025–2030 passport: tasks of «Задача: …» rows, tables by municipality.
    tasks: list[Task] | None = None
    municipalities: list[str] | None = None  # the passport's «Муниципальные образования проекта»
    person_fields: set[str] = field(default_factory=set)  # «supervisor», «share» columns given
    breakdowns: list[IncomingBreakdown] = field(default_factory=list)

    def rows(self, kind: RowKind) -> list[IncomingRow] | None:
        return self.indicators if kind is RowKind.INDICATOR else self.results

    def is_empty(self) -> bool:
        return (
            self.code is None
            and self.name is None
            and self.short_name is None
            and not self.texts
            and not self.national_project_given
            and not self.federal_project_given
            and self.years is None
            and self.persons is None
            and not self.passport_persons
            and self.participants is None
            and self.indicators is None
            and self.results is None
            and self.financing is None
            and self.tasks is None
            and self.municipalities is None
            and not self.breakdowns
            and self.control_points is None
            and self.risks is None
        )
