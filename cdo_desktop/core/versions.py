"""Passport versions and the change request, as data: what a version keeps, how two compare.

A version is the passport's planned side as it stood when it was fixed: the project less what
is reported rather than planned (`passport_side`). It is kept as a version document (the one
exchange format, written by the caller) and read back as a Project without ids. Two planned
sides are compared through the program's one diff (core.diff) and each change worded as the
history words it (core.history.Change), so «было / стало» reads the same everywhere.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import replace
from itertools import count

from cdo_desktop.core import history as told
from cdo_desktop.core.changes import (
    AddItem,
    Change,
    MoveItem,
    RemoveItem,
    SetValue,
    Value,
    Where,
)
from cdo_desktop.core.diff import diff_project
from cdo_desktop.core.history import Section, value_text
from cdo_desktop.core.model import (
    BudgetSource,
    Direction,
    FinancingLine,
    Person,
    PlanFact,
    PlanFactRow,
    Project,
    RowKind,
)
from cdo_desktop.core.version_records import PassportVersion as PassportVersion
from cdo_desktop.core.version_records import RequestDraft as RequestDraft

REQUEST_BASES = (
    "приведение в соответствие с законом о бюджете",
    "приведение в соответствие с государственной программой",
    "уточнение значений показателей и результатов",
    "изменение состава участников и ответственных",
)
"""Common bases of a change request, offered in a list (any other may be typed)."""

NO_DASH = "–"


def passport_side(project: Project) -> Project:
    """The project as a passport version keeps it: what is planned, not what is reported.

    This is the one place that says what a version leaves out. Facts go; a new reported field
    (monitoring values, budget execution, a control point's actual date) is cleared here too.
    """
    side = copy.deepcopy(project)
    for kind in RowKind:
        for row in side.rows(kind):
            row.values = {
                year: PlanFact(plan=pair.plan)
                for year, pair in row.values.items()
                if pair.plan is not None
            }
    return side


def compare(old: Project, new: Project) -> list[told.Change]:
    """Every change of the planned side from `old` (a version) to `new` (a version or now),
    worded as the history words it; rows matched by number and name (a version has no ids)."""
    before, after = passport_side(old), passport_side(new)
    names = _give_ids(before, avoid=after)
    return [line for change in diff_project(before, after) for line in names.worded(change)]


def draft_changes(project: int, stored: RequestDraft | None, wanted: RequestDraft) -> list[Change]:
    """The changes that make the project's stored draft (None: there is none) `wanted`; a
    justification left empty is none."""
    where = Where(project, Section.REQUEST)
    changes: list[Change] = []
    if stored is None or stored.from_version != wanted.from_version:
        before = None if stored is None else stored.from_version
        changes.append(SetValue(replace(where, field="from_version"), before, wanted.from_version))
    before_basis = "" if stored is None else stored.basis
    if before_basis != wanted.basis:
        changes.append(SetValue(replace(where, field="basis"), before_basis, wanted.basis))
    old_notes = {} if stored is None else stored.justifications
    for key in sorted(set(old_notes) | set(wanted.justifications)):
        before_text = old_notes.get(key) or None
        after_text = wanted.justifications.get(key, "").strip() or None
        if before_text != after_text:
            where_note = replace(where, item=key, field="justification")
            changes.append(SetValue(where_note, before_text, after_text))
    return changes


def sent_change(project: int) -> SetValue:
    """The change that marks the project's open draft sent (with it, the caller fixes the
    passport as the next version: storage.versions.next_version)."""
    return SetValue(Where(project, Section.REQUEST, field="sent"), False, True)


def justification(draft: RequestDraft, change: told.Change) -> str:
    """What justifies `change` in `draft`: its own text, else the common basis."""
    return draft.justifications.get(change_key(change), "").strip() or draft.basis.strip()


def change_key(change: told.Change) -> str:
    """A stable description of a change, under which its justification is kept: its place,
    not its values (a value typed again later keeps its justification)."""
    key = change.where()
    if change.field in ("row", "person", "participant", "source"):
        key += f" «{change.old or change.new or ''}»"
    return key


def row_label(change: told.Change) -> str:
    """The row a change is in, as the `diff` command and the request print it: a row's number
    (its name when it has none), a budget source after its line («1 / бюджет субъекта»)."""
    label = change.row_number or change.row_name
    if change.detail:
        return f"{label} / {change.detail}" if label else change.detail
    return label or NO_DASH


def change_columns(change: told.Change) -> list[str]:
    """Section, row, field, year, было, стало: one change as a line of a comparison."""
    return [
        told.SECTION_WORDS[change.section],
        row_label(change),
        change.field_words(),
        NO_DASH if change.year is None else str(change.year),
        change.old_shown(),
        change.new_shown(),
    ]


# ---------------------------------------------------------------------- wording the diff

_PASSPORT_WORDS = {
    "federal_project_code": "federal_project",
    "federal_project_name": "federal_project",
    "first_year": "years",
    "last_year": "years",
}


def _value_text(value: Value) -> str | None:
    return value_text(value.value if isinstance(value, Direction) else value)


class _Names:
    """What the items of the old side are called, by the ids given to them for the diff."""

    def __init__(self, project: Project) -> None:
        self.rows: dict[int | None, PlanFactRow] = {
            row.id: row for kind in RowKind for row in project.rows(kind)
        }
        self.lines: dict[int | None, FinancingLine] = {line.id: line for line in project.financing}
        self.sources: dict[int | None, BudgetSource] = {
            source.id: source for line in project.financing for source in line.sources
        }
        self.persons: dict[int | None, Person] = {person.id: person for person in project.persons}
        self.points = {point.id: point for row in project.results for point in row.control_points}

    def worded(self, change: Change) -> Iterator[told.Change]:
        where = change.where
        section = Section.FINANCING if where.section is Section.SOURCES else where.section
        number, name, detail = self._label(change)
        if isinstance(change, SetValue):
            field = _PASSPORT_WORDS.get(where.field, where.field)
            if where.section is Section.FINANCING and field == "result_number":
                field = "result"
            if where.section is Section.SOURCES and field == "name":
                field, detail = "source", ""
            yield told.Change(
                section,
                field,
                _value_text(change.old),
                _value_text(change.new),
                row_number=number,
                row_name=name,
                year=where.year,
                detail=detail,
            )
        elif isinstance(change, MoveItem):
            yield told.Change(
                section,
                "order",
                str(change.old + 1),
                str(change.new + 1),
                row_number=number,
                row_name=detail or name,
            )
        else:
            yield self._item(change, section, number, name)

    def _item(
        self, change: AddItem | RemoveItem, section: Section, number: str, name: str
    ) -> told.Change:
        item = change.item
        # Any row-like item (a later section's too) is told by its number and name.
        title = item if isinstance(item, str) else str(getattr(item, "name", ""))
        if isinstance(item, Person):
            title = f"{item.role} {item.name}"
        old, new = (None, title) if isinstance(change, AddItem) else (title, None)
        where = change.where
        if where.section is Section.PARTICIPANTS:
            return told.Change(section, "participant", old, new)
        if where.section is Section.PERSONS:
            assert isinstance(item, Person)
            return told.Change(section, "person", old, new, row_name=item.name)
        if where.section is Section.SOURCES:
            line = self.lines.get(where.parent)
            return told.Change(
                section,
                "source",
                old,
                new,
                row_number=line.number if line else "",
                row_name=line.name if line else "",
            )
        number = str(getattr(item, "number", "") or "")
        if where.section is Section.CONTROL_POINTS:
            # After its result, as a source after its line: «1 / 1.2».
            result = self.rows.get(where.parent)
            return told.Change(
                section,
                "row",
                old,
                new,
                row_number=result.number if result else "",
                row_name=title,
                detail=number,
            )
        return told.Change(section, "row", old, new, row_number=number, row_name=title)

    def _label(self, change: Change) -> tuple[str, str, str]:
        """(row number, row name, budget source) of the old item a change is about."""
        where = change.where
        if where.section in (Section.INDICATORS, Section.RESULTS):
            row = self.rows.get(_id(where.item))
            return (row.number, row.name, "") if row else ("", "", "")
        if where.section is Section.FINANCING:
            line = self.lines.get(_id(where.item))
            return (line.number, line.name, "") if line else ("", "", "")
        if where.section is Section.SOURCES:
            line = self.lines.get(where.parent)
            source = self.sources.get(_id(where.item))
            return (
                line.number if line else "",
                line.name if line else "",
                source.name if source else "",
            )
        if where.section is Section.PERSONS:
            person = self.persons.get(_id(where.item))
            return ("", person.name if person else "", "")
        if where.section is Section.CONTROL_POINTS:
            result = self.rows.get(where.parent)
            point = self.points.get(_id(where.item))
            return (
                result.number if result else "",
                result.name if result else "",
                point.number if point else "",
            )
        return "", "", ""


def _id(item: int | str | None) -> int | None:
    return item if isinstance(item, int) else None


def _give_ids(project: Project, *, avoid: Project) -> _Names:
    """Ids for the items of `project` that have none (a version's), below any id of `avoid`
    (stored ids are positive), so the diff can address them; what they are called, by id."""
    fresh = count(-1, -1)
    if project.id is None:
        project.id = avoid.id if avoid.id is not None else next(fresh)
    for kind in RowKind:
        for row in project.rows(kind):
            row.id = row.id if row.id is not None else next(fresh)
    for line in project.financing:
        line.id = line.id if line.id is not None else next(fresh)
        for source in line.sources:
            source.id = source.id if source.id is not None else next(fresh)
    for person in project.persons:
        person.id = person.id if person.id is not None else next(fresh)
    for result in project.results:
        for point in result.control_points:
            point.id = point.id if point.id is not None else next(fresh)
    return _Names(project)
