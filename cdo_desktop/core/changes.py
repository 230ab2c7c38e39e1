"""The one change vocabulary: every write to a project is a list of these, applied by the store.

A cell typed in the window, a row added, an import, a `load`, an undo: each is a list of changes
that the store applies in one transaction, checking each change's `old` against what is stored,
and answering with the inverse list (for undo). A change names its place by stable ids — the
project's, the row's, the budget source's — never by position, so it still means the same cell
after another copy of the program inserted rows above it.

`Where` also has room for what later parts of the passport add: a reporting date (`as_of`) for
monitoring values, and new sections for control points, risks and versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.history import Section, value_text
from cdo_desktop.core.model import (
    BudgetSource,
    ControlPoint,
    FinancingLine,
    MunicipalValues,
    Person,
    PlanFactRow,
    Project,
    Risk,
    Task,
)
from cdo_desktop.core.version_records import PassportVersion

Value = Decimal | str | bool | int | date | None
# A whole project is an item too: made or removed by a `load`, an import or «Новый проект».
Item = (
    Project
    | PlanFactRow
    | FinancingLine
    | BudgetSource
    | Person
    | ControlPoint
    | Risk
    | Task
    | MunicipalValues
    | PassportVersion
    | str
)


# The 2025–2030 passport's row fields; a list field travels as one text (core/passport.py).
PASSPORT_2025_ROW_FIELDS = (
    "task",
    "level",
    "indicator_kind",
    "okei",
    "data_source",
    "result_type",
    "linked_indicators",
)
ROW_FIELDS = (
    "number",
    "name",
    "unit",
    "cumulative",
    "direction",
    "base_value",
    "base_year",
    "characteristic",
    "periodicity",
    *PASSPORT_2025_ROW_FIELDS,
)
VALUE_FIELDS = ("plan", "fact")
# A row's monitoring entry at `Where.as_of` ("fact" there is the fact as of that date).
MONITORING_FIELDS = ("fact", "forecast", "reason", "document")
PASSPORT_FIELDS = (
    "code",
    "name",
    "region",
    "national_project",
    "federal_project_code",
    "federal_project_name",
    "goal",
    "customer",
    "first_year",
    "last_year",
    "due_workday",
)
LINE_FIELDS = ("number", "name", "result_number")
SOURCE_FIELDS = ("name", "parent", "amount", "executed")  # executed: at `Where.as_of`
PERSON_FIELDS = ("role", "name", "position", "contacts", "supervisor", "share")
TASK_FIELDS = ("number", "name")
# A municipality's values of a broken-down row: `item` the entry, `parent` the row.
MUNICIPAL_FIELDS = ("name", "plan", "fact")
# Closed sets (kind, probability, impact, status, target_kind) as their tokens; dates as dates.
POINT_FIELDS = (
    "number",
    "name",
    "kind",
    "due",
    "done",
    "responsible",
    "document",
    "control_level",
)
RISK_FIELDS = (
    "number",
    "description",
    "target_kind",
    "target_number",
    "probability",
    "impact",
    "mitigation",
    "owner",
    "status",
)

FIELDS_OF = {
    Section.PASSPORT: PASSPORT_FIELDS,
    Section.INDICATORS: (*ROW_FIELDS, *VALUE_FIELDS, *MONITORING_FIELDS[1:]),
    Section.RESULTS: (*ROW_FIELDS, *VALUE_FIELDS, *MONITORING_FIELDS[1:]),
    Section.FINANCING: LINE_FIELDS,
    Section.SOURCES: SOURCE_FIELDS,
    Section.PERSONS: PERSON_FIELDS,
    Section.TASKS: TASK_FIELDS,
    Section.MUNICIPAL: MUNICIPAL_FIELDS,
    Section.CONTROL_POINTS: POINT_FIELDS,
    Section.RISKS: RISK_FIELDS,
    # A day of the working-day calendar: `item` the ISO day, the value True/False/None (as
    # shipped); the calendar is no project's (core/work_calendar.calendar_change).
    Section.CALENDAR: ("working",),
}
DATED_FIELDS = frozenset({"plan", "fact", "amount"})


@dataclass(frozen=True)
class Where:
    """The place of a change.

    `project`: the project's id. `item`: the id of the row, line, budget source or person (for a
    participant, its name; None for the passport's own fields). `field`: what of it. `year`: the
    year of a plan, fact or amount. `parent`: the financing line of a budget source,
    the result row of a control point.
    `as_of`: the reporting date of a monitoring value (later issues).
    """

    project: int
    section: Section
    item: int | str | None = None
    field: str = ""
    year: int | None = None
    parent: int | None = None
    as_of: date | None = None


@dataclass(frozen=True)
class SetValue:
    """One value from `old` to `new`; refused when the stored value is not `old`."""

    where: Where
    old: Value
    new: Value

    def inverse(self) -> SetValue:
        return SetValue(self.where, self.new, self.old)


@dataclass(frozen=True)
class AddItem:
    """A row, line, source, person or participant put at `position` among its siblings.

    `item` carries its values (plan/fact, a line's sources and amounts); its `id`, when given, is
    taken again if free (an undone deletion comes back under its old id).
    """

    where: Where
    item: Item
    position: int

    def inverse(self) -> RemoveItem:
        return RemoveItem(self.where, self.item, self.position)


@dataclass(frozen=True)
class RemoveItem:
    """The item named by `where.item` removed; refused unless it is stored exactly as `item`
    (a row someone changed since is not removed behind their back)."""

    where: Where
    item: Item
    position: int

    def inverse(self) -> AddItem:
        return AddItem(self.where, self.item, self.position)


@dataclass(frozen=True)
class MoveItem:
    """An item moved from `old` to `new` position among its siblings."""

    where: Where
    old: int
    new: int

    def inverse(self) -> MoveItem:
        return MoveItem(self.where, self.new, self.old)


Change = SetValue | AddItem | RemoveItem | MoveItem


def inverse(changes: list[Change]) -> list[Change]:
    """What undoes `changes`: each one's inverse, last first."""
    return [change.inverse() for change in reversed(changes)]


class ChangeConflict(CdoError):
    """What is stored is not what a change expected: another copy changed it meanwhile.

    `where`, `expected` and `stored` let the window tell both values; the store writes nothing.
    `place` names the cell in words («Показатель № 3, 2021, план»).
    """

    def __init__(self, where: Where, expected: object, stored: object, place: str) -> None:
        self.where = where
        self.expected = expected
        self.stored = stored
        super().__init__(
            f"значение изменено в другой копии программы: сейчас {_told(stored)}, "
            f"ожидалось {_told(expected)}; ничего не записано",
            place=place,
        )


def _told(value: object) -> str:
    from cdo_desktop.core.history import shown, value_text

    if value is MISSING:
        return "строки больше нет"
    if isinstance(value, Decimal | bool | int | str | date) or value is None:
        return shown(value_text(value))
    return "другое содержимое строки"


class Missing:
    """What is stored where the item is gone (deleted by someone else)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = Missing()


def same_stored(stored: object, value: object) -> bool:
    """Whether what is stored is `value` as the history tells values (a change's old value
    checked, a change that changes nothing found); MISSING is the same only as itself."""
    if stored is MISSING or value is MISSING:
        return stored is value
    return value_text(stored) == value_text(value)  # type: ignore[arg-type]
