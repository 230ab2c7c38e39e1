"""What an import will do to a project, as data: the project after it, typed changes, problems.

A reader (the Excel one today) says what a file holds as `Incoming`; `build_plan` lays it over the
project in the database and lists every change value by value. The preview dialog, `--dry-run`
and the change history all read that one list; `apply_plan` writes the project in one
transaction. Nothing here knows Qt, openpyxl or SQL.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from cdo_desktop.core.errors import CdoError, DocumentError
from cdo_desktop.core.model import (
    ALL_SOURCES,
    BudgetSource,
    FederalProject,
    FinancingLine,
    Person,
    PlanFact,
    PlanFactRow,
    Project,
    RowKind,
)
from cdo_desktop.core.numbers import format_number

if TYPE_CHECKING:
    from cdo_desktop.storage.store import Store

Value = Decimal | str | bool | int | None


class Action(StrEnum):
    ADD = "add"
    CHANGE = "change"
    REMOVE = "remove"


class Section(StrEnum):
    """The part of a project a change belongs to, in the order a preview lists them."""

    PROJECT = "project"
    PERSONS = "persons"
    PARTICIPANTS = "participants"
    INDICATORS = "indicators"
    RESULTS = "results"
    FINANCING = "financing"


SECTION_TITLES = {
    Section.PROJECT: "Паспорт проекта",
    Section.PERSONS: "Ответственные",
    Section.PARTICIPANTS: "Участники",
    Section.INDICATORS: "Показатели",
    Section.RESULTS: "Результаты",
    Section.FINANCING: "Финансирование",
}
ROW_SECTIONS = {RowKind.INDICATOR: Section.INDICATORS, RowKind.RESULT: Section.RESULTS}
ACTION_MARKS = {Action.ADD: "+", Action.CHANGE: "~", Action.REMOVE: "-"}  # as `--dry-run` prints


def shown(value: Value) -> str:
    """A value as the preview prints it: Russian numbers, «text», да/нет, – for none."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, int):
        return str(value)
    return f"«{value}»"


@dataclass(frozen=True)
class Change:
    """One thing an import adds, changes or removes.

    `item` names the row as people do («2. Доля …», «куратор Д.А. Курдюмов»; empty for the
    project's own fields); `field` says what changed for programs («plan:2021», «name»,
    «amount:все источники:2020»), `label` the same for people («план 2021»).
    """

    action: Action
    section: Section
    item: str = ""
    field: str = ""
    label: str = ""
    old: Value = None
    new: Value = None

    def describe(self) -> str:
        if self.action is Action.CHANGE and self.label:
            return f"{self.label}: {shown(self.old)} → {shown(self.new)}"
        return self.item or self.label


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


# ---------------------------------------------------------------------------- what a file holds


@dataclass
class IncomingRow:
    """A row of an indicator or result table and which of its fields the table has at all."""

    row: PlanFactRow
    given: frozenset[str] = frozenset()  # of "unit", "cumulative", "direction", "base",
    # "characteristic": a field the table has no column for is kept as it is in the database
    covered: frozenset[tuple[int, str]] = frozenset()  # (year, "plan" | "fact") cells it has
    location: str = ""


@dataclass
class IncomingLine:
    """A financing line: with the rows of its sources, or its amounts alone."""

    line: FinancingLine
    has_sources: bool = False
    result_given: bool = False
    covered: frozenset[int] = frozenset()  # years the table has a column for
    location: str = ""


@dataclass
class Incoming:
    """Everything a file says about one project; None is "the file says nothing about it"."""

    code: str | None = None
    name: str | None = None
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
    table_years: set[int] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    def rows(self, kind: RowKind) -> list[IncomingRow] | None:
        return self.indicators if kind is RowKind.INDICATOR else self.results

    def is_empty(self) -> bool:
        return (
            self.code is None
            and self.name is None
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
        )


# ---------------------------------------------------------------------------- the plan


@dataclass
class ImportPlan:
    """The project as it will be after the import, and the way there."""

    file: str
    incoming: Incoming
    existing: Project | None  # None: the import creates a project
    existing_stamp: str | None
    project: Project
    changes: list[Change]
    problems: list[Problem]
    remove_missing: bool = True
    keep_code: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)

    def counts(self) -> dict[Action, int]:
        """How many rows are added, changed, removed (a row with five changed values is one)."""
        touched: dict[Action, set[tuple[Section, str]]] = {action: set() for action in Action}
        for change in self.changes:
            touched[change.action].add((change.section, change.item))
        changed_items = touched[Action.CHANGE] - touched[Action.ADD] - touched[Action.REMOVE]
        return {
            Action.ADD: len(touched[Action.ADD]),
            Action.CHANGE: len(changed_items),
            Action.REMOVE: len(touched[Action.REMOVE]),
        }

    def rebuilt(self, *, remove_missing: bool) -> ImportPlan:
        """The same file over the same project, keeping or removing rows the file lacks."""
        return build_plan(
            self.incoming,
            self.existing,
            file=self.file,
            existing_stamp=self.existing_stamp,
            keep_code=self.keep_code,
            remove_missing=remove_missing,
        )


def build_plan(
    incoming: Incoming,
    existing: Project | None,
    *,
    file: str,
    existing_stamp: str | None = None,
    keep_code: bool = False,
    remove_missing: bool = True,
) -> ImportPlan:
    """Lay what a file holds over the project in the database (None: a new project).

    `keep_code` is for a target the user chose (`--project`): the file's code does not rename it.
    `remove_missing` removes rows of a table the file has but whose rows it lacks; tables the file
    does not have at all are never touched.
    """
    builder = _Builder(incoming, existing, keep_code=keep_code, remove_missing=remove_missing)
    project = builder.build()
    return ImportPlan(
        file=file,
        incoming=incoming,
        existing=existing,
        existing_stamp=existing_stamp,
        project=project,
        changes=builder.changes,
        problems=[*incoming.problems, *builder.problems],
        remove_missing=remove_missing,
        keep_code=keep_code,
    )


class StaleProjectError(CdoError):
    """The project changed in the database after the preview was made."""


def apply_plan(store: Store, plan: ImportPlan) -> int | None:
    """Write the planned project in one transaction, in place (rows keep their ids); its id.

    The changes are the one diff between the project the preview was made over and the planned
    one: a value changed since by someone else is a conflict, and nothing is written.
    """
    if plan.has_errors:
        first = plan.errors[0]
        raise first.as_error(plan.file)
    if plan.existing is not None and not plan.changes:
        return plan.existing.id
    source = f"импорт из Excel: {Path(plan.file).name}"  # how the change history names it
    with store.database.atomic():
        if plan.existing is None or plan.existing.id is None:
            return store.create(plan.project, source)
        stamp = plan.existing_stamp
        if stamp is not None and store.updated_at(plan.existing.id) != stamp:
            raise StaleProjectError(
                f"проект «{plan.existing.code}» изменился после предварительного просмотра; "
                "повторите импорт"
            )
        return store.lay_over(plan.project, source, existing=plan.existing)


# ---------------------------------------------------------------------------- building


def squeeze(text: str) -> str:
    return " ".join(text.split())


def _name_key(text: str) -> str:
    return squeeze(text.replace("ё", "е").replace("Ё", "Е")).casefold()


def _number_key(text: str) -> str:
    return text.strip().rstrip(".").casefold()


def _same_text(old: str, new: str) -> bool:
    """Spaces people do not see are no change."""
    return squeeze(old) == squeeze(new)


def _kept(old: Decimal | None, new: Decimal | None) -> Decimal | None:
    """The new value, but the old digits when they are the same number (13264,90 and 13264,9)."""
    if old is not None and new is not None and old == new:
        return old
    return new


def row_title(number: str, name: str) -> str:
    return f"{number}. {name}" if number.strip() else name


T = TypeVar("T")
U = TypeVar("U")


def match_rows(
    olds: Sequence[T],
    news: Sequence[U],
    old_key: Callable[[T], tuple[str, str]],
    new_key: Callable[[U], tuple[str, str]],
) -> tuple[list[int | None], list[int]]:
    """Pair each new row with an old one: by number and name, then by name (renumbered), then
    by number (renamed). Each old row is used once. Returns the old index per new row and the
    old rows left over, in their order."""
    if not olds:
        return [None] * len(news), []  # a new project: nothing to look up
    free = [True] * len(olds)
    indexes: list[dict[Hashable, deque[int]]] = [defaultdict(deque) for _ in range(3)]
    for index, old in enumerate(olds):
        number, name = old_key(old)
        indexes[0][(_number_key(number), _name_key(name))].append(index)
        indexes[1][_name_key(name)].append(index)
        indexes[2][_number_key(number)].append(index)
    found: list[int | None] = [None] * len(news)
    keys = [new_key(new) for new in news]
    for step, index_map in enumerate(indexes):
        for position, (number, name) in enumerate(keys):
            if found[position] is not None:
                continue
            if step == 0:
                key: Hashable = (_number_key(number), _name_key(name))
            elif step == 1:
                key = _name_key(name)
            else:
                key = _number_key(number)
            if key in ("", ("", "")):
                continue
            queue = index_map.get(key)
            while queue:
                candidate = queue.popleft()
                if free[candidate]:
                    free[candidate] = False
                    found[position] = candidate
                    break
    return found, [index for index, is_free in enumerate(free) if is_free]


FIELD_LABELS = {
    "number": "номер",
    "name": "наименование",
    "unit": "единица измерения",
    "cumulative": "нарастающим итогом",
    "direction": "направление",
    "base_value": "базовое значение",
    "base_year": "базовый год",
    "characteristic": "характеристика",
    "result": "номер результата",
    "parent": "входит в",
    "role": "роль",
    "position": "должность",
    "contacts": "контакты",
    "code": "код",
    "region": "субъект Российской Федерации",
    "national_project": "национальный проект",
    "federal_project": "федеральный проект",
    "goal": "цель",
    "customer": "функциональный заказчик",
    "years": "срок реализации",
    "order": "порядок строк",
}
VALUE_LABELS = {"plan": "план", "fact": "факт"}


class _Builder:
    def __init__(
        self, incoming: Incoming, existing: Project | None, *, keep_code: bool, remove_missing: bool
    ) -> None:
        self.incoming = incoming
        self.existing = existing
        self.keep_code = keep_code
        self.remove_missing = remove_missing
        self.changes: list[Change] = []
        self.problems: list[Problem] = []

    def change(
        self,
        action: Action,
        section: Section,
        item: str = "",
        *,
        field: str = "",
        label: str = "",
        old: Value = None,
        new: Value = None,
    ) -> None:
        label = label or FIELD_LABELS.get(field, field)
        self.changes.append(Change(action, section, item, field, label, old, new))

    # -- the project itself

    def build(self) -> Project:
        incoming, old = self.incoming, self.existing
        if old is None:
            project = self._new_project()
        else:
            project = replace(
                old,
                persons=list(old.persons),
                participants=list(old.participants),
                indicators=list(old.indicators),
                results=list(old.results),
                financing=list(old.financing),
            )
            self._passport(project, old)
        first, last = self._years(project)
        project.first_year, project.last_year = first, last
        years = range(first, last + 1)
        if old is not None and (old.first_year, old.last_year) != (first, last):
            self.change(
                Action.CHANGE,
                Section.PROJECT,
                field="years",
                old=f"{old.first_year}–{old.last_year}",
                new=f"{first}–{last}",
            )
        self._persons(project)
        self._participants(project)
        for kind in RowKind:
            rows = incoming.rows(kind)
            if rows is not None or (old is not None and years != old.years):
                merged = self._rows(kind, old.rows(kind) if old else [], rows, years)
                if kind is RowKind.INDICATOR:
                    project.indicators = merged
                else:
                    project.results = merged
        if incoming.financing is not None or (old is not None and years != old.years):
            project.financing = self._financing(
                old.financing if old else [], incoming.financing, years
            )
        return project

    def _new_project(self) -> Project:
        incoming = self.incoming
        code = (incoming.code or "").strip()
        name = incoming.name or ""
        if not code:
            self.problems.append(
                Problem(
                    "в файле не указан код проекта («Код проекта» на листе «Паспорт»), и проект "
                    "с таким названием в базе не найден: укажите проект (--project) или код"
                )
            )
        if not name.strip():
            self.problems.append(
                Problem(
                    "у нового проекта нет названия: добавьте строку «Наименование регионального "
                    "проекта» на лист «Паспорт»"
                )
            )
        federal = incoming.federal_project if incoming.federal_project_given else None
        project = Project(
            code=code,
            name=name,
            region=incoming.texts.get("region", ""),
            national_project=incoming.national_project,
            federal_project=federal,
            goal=incoming.texts.get("goal", ""),
            customer=incoming.texts.get("customer", ""),
        )
        self.change(Action.ADD, Section.PROJECT, f"{code} «{name}»")
        return project

    def _passport(self, project: Project, old: Project) -> None:
        incoming = self.incoming
        if incoming.code is not None and incoming.code.strip() != old.code:
            if self.keep_code:
                self.problems.append(
                    Problem(
                        f"код в файле «{incoming.code.strip()}» не совпадает с кодом выбранного "
                        f"проекта «{old.code}»: данные загружаются в «{old.code}»",
                        severity=Severity.WARNING,
                    )
                )
            else:
                project.code = incoming.code.strip()
                self.change(
                    Action.CHANGE, Section.PROJECT, field="code", old=old.code, new=project.code
                )
        if incoming.name is not None and not _same_text(old.name, incoming.name):
            if incoming.name.strip():
                project.name = incoming.name
                self.change(
                    Action.CHANGE, Section.PROJECT, field="name", old=old.name, new=incoming.name
                )
        for key, text in incoming.texts.items():
            before = getattr(old, key)
            if not _same_text(before, text):
                setattr(project, key, text)
                self.change(Action.CHANGE, Section.PROJECT, field=key, old=before, new=text)
        if incoming.national_project_given:
            before_np, after_np = old.national_project, incoming.national_project
            if (before_np or "") != (after_np or "") and not _same_text(
                before_np or "", after_np or ""
            ):
                project.national_project = after_np
                self.change(
                    Action.CHANGE,
                    Section.PROJECT,
                    field="national_project",
                    old=before_np,
                    new=after_np,
                )
        if incoming.federal_project_given:
            before_fp, after_fp = old.federal_project, incoming.federal_project
            if _federal_text(before_fp) != _federal_text(after_fp):
                project.federal_project = after_fp
                self.change(
                    Action.CHANGE,
                    Section.PROJECT,
                    field="federal_project",
                    old=_federal_text(before_fp) or None,
                    new=_federal_text(after_fp) or None,
                )

    def _years(self, project: Project) -> tuple[int, int]:
        incoming, old = self.incoming, self.existing
        if incoming.years is not None:
            return incoming.years
        seen = set(incoming.table_years)
        if old is not None:
            seen.update((old.first_year, old.last_year))
        if not seen:
            return project.first_year, project.last_year
        return min(seen), max(seen)

    # -- people

    def _persons(self, project: Project) -> None:
        incoming = self.incoming
        olds = list(project.persons)
        if incoming.persons is not None:
            news = incoming.persons
        elif incoming.passport_persons:
            # Passport rows replace the person of their role in place; nobody else leaves.
            news = list(olds)
            for person, position_given in incoming.passport_persons:
                slot = next((i for i, p in enumerate(news) if p.role == person.role), None)
                if slot is None:
                    news.append(person)
                    continue
                before = news[slot]
                same = _same_text(before.name, person.name)
                news[slot] = replace(
                    before,
                    name=before.name if same else person.name,
                    position=person.position if position_given else before.position,
                    contacts=before.contacts if same else "",
                )
        else:
            return
        found, left = match_rows(
            olds,
            news,
            lambda p: (p.role, p.name),
            lambda p: (p.role, p.name),
        )
        result: list[Person] = []
        for person, old_index in zip(news, found, strict=True):
            title = f"{person.role} {person.name}"
            if old_index is None:
                result.append(replace(person, id=None))
                self.change(Action.ADD, Section.PERSONS, title)
                continue
            old = olds[old_index]
            merged = replace(old)
            for key in ("role", "name", "position", "contacts"):
                before, after = getattr(old, key), getattr(person, key)
                if not _same_text(before, after):
                    setattr(merged, key, after)
                    self.change(
                        Action.CHANGE,
                        Section.PERSONS,
                        f"{old.role} {old.name}",
                        field=key,
                        old=before,
                        new=after,
                    )
            result.append(merged)
        kept: list[tuple[int, Person]] = []
        for index in left:
            old = olds[index]
            if self.remove_missing:
                self.change(Action.REMOVE, Section.PERSONS, f"{old.role} {old.name}")
            else:
                kept.append((index, old))
        project.persons = self._finish(Section.PERSONS, result, found, kept)

    def _participants(self, project: Project) -> None:
        news = self.incoming.participants
        if news is None:
            return
        olds = project.participants
        found, left = match_rows(olds, news, lambda n: ("", n), lambda n: ("", n))
        result: list[str] = []
        for name, old_index in zip(news, found, strict=True):
            if old_index is None:
                result.append(name)
                self.change(Action.ADD, Section.PARTICIPANTS, name)
            else:
                result.append(olds[old_index] if _same_text(olds[old_index], name) else name)
        kept: list[tuple[int, str]] = []
        for index in left:
            if self.remove_missing:
                self.change(Action.REMOVE, Section.PARTICIPANTS, olds[index])
            else:
                kept.append((index, olds[index]))
        project.participants = self._finish(Section.PARTICIPANTS, result, found, kept)

    def _finish(
        self, section: Section, result: list[T], found: list[int | None], kept: list[tuple[int, T]]
    ) -> list[T]:
        """The rows in the file's order, each kept row (one the file lacks) right after the
        row that preceded it in the database; a change when the database's order moves."""
        matched = sorted(index for index in found if index is not None)
        head: list[tuple[int, T]] = []
        after: dict[int, list[tuple[int, T]]] = defaultdict(list)
        for index, item in kept:
            position = bisect_left(matched, index)
            if position == 0:
                head.append((index, item))
            else:
                after[matched[position - 1]].append((index, item))
        final = [item for _, item in head]
        order = [index for index, _ in head]
        for item, old_index in zip(result, found, strict=True):
            final.append(item)
            if old_index is not None:
                order.append(old_index)
                for index, kept_item in after.get(old_index, []):
                    final.append(kept_item)
                    order.append(index)
        if order != sorted(order):
            self.change(Action.CHANGE, section, field="order", old="как в базе", new="как в файле")
        return final

    # -- indicators and results

    def _rows(
        self,
        kind: RowKind,
        olds: list[PlanFactRow],
        incoming: list[IncomingRow] | None,
        years: range,
    ) -> list[PlanFactRow]:
        section = ROW_SECTIONS[kind]
        if incoming is None:
            # The file has no such table; only years that left the project take values away.
            return [self._row_values(section, old, old, years) for old in olds]
        found, left = match_rows(
            olds,
            incoming,
            lambda row: (row.number, row.name),
            lambda item: (item.row.number, item.row.name),
        )
        result: list[PlanFactRow] = []
        for item, old_index in zip(incoming, found, strict=True):
            new = item.row
            if old_index is None:
                if new.id is not None or any(y not in years for y in new.values):
                    values = {y: v for y, v in new.values.items() if y in years}
                    new = replace(new, values=values, id=None)
                result.append(new)
                self.changes.append(Change(Action.ADD, section, row_title(new.number, new.name)))
                continue
            old = olds[old_index]
            merged = replace(old, values=dict(old.values))
            title = row_title(old.number, old.name)
            for key in ("number", "name"):
                before, after = getattr(old, key), getattr(new, key)
                if not _same_text(before, after):
                    setattr(merged, key, after)
                    self.change(Action.CHANGE, section, title, field=key, old=before, new=after)
            for key in ("unit", "cumulative", "direction", "characteristic"):
                if key not in item.given:
                    continue
                before, after = getattr(old, key), getattr(new, key)
                if isinstance(before, str) and isinstance(after, str):
                    if _same_text(before, after):
                        continue
                elif before == after:
                    continue
                setattr(merged, key, after)
                shown_before = before.value if key == "direction" else before
                shown_after = after.value if key == "direction" else after
                self.change(
                    Action.CHANGE, section, title, field=key, old=shown_before, new=shown_after
                )
            if "base" in item.given:
                if old.base_value != new.base_value:
                    merged.base_value = new.base_value
                    self.change(
                        Action.CHANGE,
                        section,
                        title,
                        field="base_value",
                        old=old.base_value,
                        new=new.base_value,
                    )
                if old.base_year != new.base_year:
                    merged.base_year = new.base_year
                    self.change(
                        Action.CHANGE,
                        section,
                        title,
                        field="base_year",
                        old=old.base_year,
                        new=new.base_year,
                    )
            for year, part in item.covered:
                value = getattr(new.value(year), part)
                pair = merged.values.get(year) or PlanFact()
                merged.values[year] = replace(pair, **{part: _kept(getattr(pair, part), value)})
            result.append(self._row_values(section, old, merged, years, title))
        kept: list[tuple[int, PlanFactRow]] = []
        for index in left:
            old = olds[index]
            if self.remove_missing:
                self.change(Action.REMOVE, section, row_title(old.number, old.name))
            else:
                kept.append((index, self._row_values(section, old, old, years)))
        return self._finish(section, result, found, kept)

    def _row_values(
        self,
        section: Section,
        old: PlanFactRow,
        merged: PlanFactRow,
        years: range,
        title: str | None = None,
    ) -> PlanFactRow:
        """The merged row with values only in the project's years; each changed value listed."""
        values = {
            year: pair
            for year, pair in sorted(merged.values.items())
            if year in years and not pair.is_empty()
        }
        title = title or row_title(old.number, old.name)
        for year in sorted(set(old.values) | set(merged.values)):
            before, after = old.value(year), values.get(year) or PlanFact()
            for part in ("plan", "fact"):
                was, now = getattr(before, part), getattr(after, part)
                if was != now:
                    self.change(
                        Action.CHANGE,
                        section,
                        title,
                        field=f"{part}:{year}",
                        label=f"{VALUE_LABELS[part]} {year}",
                        old=was,
                        new=now,
                    )
        return replace(merged, values=values)

    # -- financing

    def _financing(
        self, olds: list[FinancingLine], incoming: list[IncomingLine] | None, years: range
    ) -> list[FinancingLine]:
        section = Section.FINANCING
        if incoming is None:
            return [self._line_amounts(old, old, years) for old in olds]
        found, left = match_rows(
            olds,
            incoming,
            lambda line: (line.number, line.name),
            lambda item: (item.line.number, item.line.name),
        )
        result: list[FinancingLine] = []
        for item, old_index in zip(incoming, found, strict=True):
            new = item.line
            if old_index is None:
                sources = [
                    replace(s, values={y: v for y, v in s.values.items() if y in years}, id=None)
                    for s in new.sources
                ]
                result.append(replace(new, sources=sources, id=None))
                self.change(Action.ADD, section, row_title(new.number, new.name))
                continue
            old = olds[old_index]
            title = row_title(old.number, old.name)
            merged = replace(old, sources=[replace(s, values=dict(s.values)) for s in old.sources])
            for key in ("number", "name"):
                before, after = getattr(old, key), getattr(new, key)
                if not _same_text(before, after):
                    setattr(merged, key, after)
                    self.change(Action.CHANGE, section, title, field=key, old=before, new=after)
            if item.result_given and (old.result or "") != (new.result or ""):
                merged.result = new.result
                self.change(
                    Action.CHANGE, section, title, field="result", old=old.result, new=new.result
                )
            if item.has_sources:
                merged.sources = self._sources(title, old, new, item.covered)
            else:
                self._line_totals(title, merged, new, item)
            result.append(self._line_amounts(old, merged, years, title))
        kept: list[tuple[int, FinancingLine]] = []
        for index in left:
            old = olds[index]
            if self.remove_missing:
                self.change(Action.REMOVE, section, row_title(old.number, old.name))
            else:
                kept.append((index, self._line_amounts(old, old, years)))
        return self._finish(section, result, found, kept)

    def _sources(
        self, title: str, old: FinancingLine, new: FinancingLine, covered: frozenset[int]
    ) -> list[BudgetSource]:
        found, left = match_rows(
            old.sources, new.sources, lambda s: ("", s.name), lambda s: ("", s.name)
        )
        sources: list[BudgetSource] = []
        for source, old_index in zip(new.sources, found, strict=True):
            if old_index is None:
                sources.append(replace(source, id=None))
                self.change(Action.ADD, Section.FINANCING, f"{title} / {source.name}")
                continue
            before = old.sources[old_index]
            merged = replace(before, values=dict(before.values))
            if not _same_text(before.name, source.name):
                merged.name = source.name
                self.change(
                    Action.CHANGE,
                    Section.FINANCING,
                    title,
                    field=f"source:{before.name}",
                    label=f"источник «{before.name}»",
                    old=before.name,
                    new=source.name,
                )
            if (before.parent or "") != (source.parent or ""):
                merged.parent = source.parent
                self.change(
                    Action.CHANGE,
                    Section.FINANCING,
                    title,
                    field=f"parent:{before.name}",
                    label=f"«{before.name}» входит в",
                    old=before.parent,
                    new=source.parent,
                )
            for year in covered:
                merged.values[year] = _kept(before.values.get(year), source.values.get(year))
            sources.append(merged)
        kept: list[tuple[int, BudgetSource]] = []
        for index in left:
            gone = old.sources[index]
            if self.remove_missing:
                self.change(Action.REMOVE, Section.FINANCING, f"{title} / {gone.name}")
            else:
                kept.append((index, gone))
        return self._finish(Section.FINANCING, sources, found, kept)

    def _line_totals(
        self, title: str, merged: FinancingLine, new: FinancingLine, item: IncomingLine
    ) -> None:
        """A file row with the line's amounts alone: they go to its one source, if it has one."""
        if len(merged.sources) > 1:
            for year in sorted(item.covered):
                given, held = new.total(year), merged.total(year)
                if given != held:
                    self.problems.append(
                        Problem(
                            f"строка «{title}»: в базе суммы разбиты по источникам, а в файле "
                            f"дан только итог; за {year} год итог {shown(given)} не равен сумме "
                            f"по источникам {shown(held)} — суммы оставлены прежними",
                            item.location,
                            Severity.WARNING,
                        )
                    )
            return
        if not merged.sources:
            merged.sources = [BudgetSource(ALL_SOURCES)]
        source = merged.sources[0]
        for year in item.covered:
            source.values[year] = _kept(source.values.get(year), new.total(year))

    def _line_amounts(
        self,
        old: FinancingLine,
        merged: FinancingLine,
        years: range,
        title: str | None = None,
    ) -> FinancingLine:
        """The merged line with amounts only in the project's years; each changed amount listed.

        Sources are paired by name; an added or removed source is its own change.
        """
        title = title or row_title(old.number, old.name)
        for source in merged.sources:
            source.values = {
                y: v for y, v in sorted(source.values.items()) if y in years and v is not None
            }
        single = len(merged.sources) <= 1 and len(old.sources) <= 1
        befores = {_name_key(source.name): source for source in old.sources}
        for after in merged.sources:
            before = befores.get(_name_key(after.name))
            if before is None:
                if old.sources:
                    continue
                before = BudgetSource(after.name)
            for year in sorted(set(before.values) | set(after.values)):
                was, now = before.values.get(year), after.values.get(year)
                if was != now:
                    self.change(
                        Action.CHANGE,
                        Section.FINANCING,
                        title,
                        field=f"amount:{before.name}:{year}",
                        label=str(year) if single else f"{year}, {before.name}",
                        old=was,
                        new=now,
                    )
        return merged


def _federal_text(value: FederalProject | None) -> str:
    if value is None:
        return ""
    return f"{value.code} «{value.name}»" if value.name else value.code


# ---------------------------------------------------------------------------- as text


def _shorten(text: str, limit: int = 100) -> str:
    text = squeeze(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_plan(plan: ImportPlan) -> list[str]:
    """The plan as lines of text: what `--dry-run` prints and the log of an import keeps."""
    project = plan.project
    state = "новый проект" if plan.existing is None else "изменяется"
    counts = plan.counts()
    lines = [
        f"Файл: {plan.file}",
        f"Проект: {project.code} «{_shorten(project.name, 80)}» — {state}",
        f"Добавляется: {counts[Action.ADD]}, изменяется: {counts[Action.CHANGE]}, "
        f"удаляется: {counts[Action.REMOVE]}",
    ]
    if not plan.changes:
        lines.append("Изменений нет.")
    for section in Section:
        group = [change for change in plan.changes if change.section is section]
        if not group:
            continue
        lines += ["", f"{SECTION_TITLES[section]}:"]
        last_item: tuple[Action, str] | None = None
        for change in group:
            mark = ACTION_MARKS[change.action]
            if change.action is not Action.CHANGE:
                lines.append(f"  {mark} {_shorten(change.item or change.label)}")
                last_item = None
                continue
            if not change.item:
                lines.append(f"  {mark} {_shorten(change.describe(), 160)}")
                continue
            if last_item != (change.action, change.item):
                lines.append(f"  {mark} {_shorten(change.item)}")
                last_item = (change.action, change.item)
            lines.append(f"      {_shorten(change.describe(), 160)}")
    if plan.warnings:
        lines += ["", "Замечания:"]
        lines += [f"  ! {problem}" for problem in plan.warnings]
    return lines
