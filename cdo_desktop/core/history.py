"""Change history as data: what changed in a project, value by value, and how to say it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from cdo_desktop.core.model import FinancingLine, Person, PlanFactRow, Project, RowKind
from cdo_desktop.core.numbers import format_number


class Section(StrEnum):
    PROJECT = "project"  # the project as a whole: created, deleted, schema migrated
    PASSPORT = "passport"
    PARTICIPANTS = "participants"
    PERSONS = "persons"
    INDICATORS = "indicators"
    RESULTS = "results"
    FINANCING = "financing"
    SOURCES = "sources"  # budget sources of a financing line (told as «Финансирование»)


SECTION_WORDS = {
    Section.PROJECT: "Проект",
    Section.PASSPORT: "Паспорт",
    Section.PARTICIPANTS: "Участники",
    Section.PERSONS: "Ответственные",
    Section.INDICATORS: "Показатель",
    Section.RESULTS: "Результат",
    Section.FINANCING: "Финансирование",
    Section.SOURCES: "Финансирование",
}
ROW_SECTIONS = {RowKind.INDICATOR: Section.INDICATORS, RowKind.RESULT: Section.RESULTS}

FIELD_WORDS = {
    "plan": "план",
    "fact": "факт",
    "amount": "сумма",
    "row": "строка",
    "name": "наименование",
    "number": "№",
    "unit": "ед. изм.",
    "cumulative": "нарастающим итогом",
    "direction": "направление",
    "characteristic": "характеристика",
    "base": "базовое значение",
    "result": "результат",
    "region": "субъект РФ",
    "national_project": "национальный проект",
    "federal_project": "федеральный проект",
    "goal": "цель",
    "customer": "функциональный заказчик",
    "years": "годы",
    "participant": "участник",
    "person": "ответственный",
    "role": "роль",
    "position": "должность",
    "contacts": "контакты",
    "code": "код",
    "project": "проект",
    "schema": "версия схемы",
    "restore": "восстановление",
}


@dataclass(frozen=True)
class Change:
    """One value of a project from `old` to `new` (texts; None is «нет значения»).

    `row_number` and `row_name` name the row (an indicator, a line, a person); `year` and `field`
    the cell; `detail` a budget source.
    """

    section: Section
    field: str
    old: str | None = None
    new: str | None = None
    row_number: str = ""
    row_name: str = ""
    year: int | None = None
    detail: str = ""

    def where(self) -> str:
        """«Показатель № 3, 2021, план» — the place in words."""
        parts = [SECTION_WORDS[self.section]]
        if self.row_number:
            parts[0] += f" № {self.row_number}"
        elif self.row_name:
            parts[0] += f" «{self.row_name}»"
        if self.detail:
            parts.append(self.detail)
        if self.year is not None:
            parts.append(str(self.year))
        if self.field != "project":
            parts.append(FIELD_WORDS.get(self.field, self.field))
        return ", ".join(parts)

    def what(self) -> str:
        return f"{shown(self.old)} → {shown(self.new)}"


HISTORY_COLUMNS = ["Когда", "Пользователь", "Проект", "Что", "Было", "Стало", "Источник"]


@dataclass(frozen=True)
class HistoryEntry:
    """A change as it was recorded: when, by whom, in which project, from what source."""

    at: str
    user: str
    project_code: str
    change: Change
    source: str
    id: int | None = None

    def columns(self) -> list[str]:
        """The entry as the history table and its Excel copy show it (HISTORY_COLUMNS)."""
        return [
            self.at.replace("T", " "),
            self.user,
            self.project_code or "вся база",
            self.change.where(),
            shown(self.change.old),
            shown(self.change.new),
            self.source,
        ]


def value_text(value: Decimal | bool | int | str | None) -> str | None:
    """How a value is kept in the history: exact digits, да/нет, text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def shown(text: str | None) -> str:
    """A kept value for reading: numbers the Russian way, «–» for none."""
    if text is None or text == "":
        return "–"
    try:
        return format_number(Decimal(text))
    except ArithmeticError:
        return text


# --------------------------------------------------------------------------- differences


def diff_projects(old: Project | None, new: Project | None) -> list[Change]:
    """Every value that differs between two states of a project (None: it did not exist)."""
    if old is None and new is None:
        return []
    if old is None:
        assert new is not None
        return [Change(Section.PROJECT, "project", None, f"{new.code} «{new.name}»")]
    if new is None:
        return [Change(Section.PROJECT, "project", f"{old.code} «{old.name}»", None)]
    return [
        *_passport(old, new),
        *_participants(old, new),
        *_persons(old, new),
        *_rows(old, new, RowKind.INDICATOR),
        *_rows(old, new, RowKind.RESULT),
        *_financing(old, new),
    ]


def _passport(old: Project, new: Project) -> Iterator[Change]:
    def federal(project: Project) -> str | None:
        fp = project.federal_project
        return f"{fp.code} {fp.name}".strip() if fp else None

    pairs = {
        "code": (old.code, new.code),
        "name": (old.name, new.name),
        "region": (old.region, new.region),
        "national_project": (old.national_project, new.national_project),
        "federal_project": (federal(old), federal(new)),
        "goal": (old.goal, new.goal),
        "customer": (old.customer, new.customer),
        "years": (f"{old.first_year}–{old.last_year}", f"{new.first_year}–{new.last_year}"),
    }
    for field, (before, after) in pairs.items():
        if (before or None) != (after or None):
            yield Change(Section.PASSPORT, field, before or None, after or None)


def _participants(old: Project, new: Project) -> Iterator[Change]:
    for name in old.participants:
        if name not in new.participants:
            yield Change(Section.PARTICIPANTS, "participant", name, None)
    for name in new.participants:
        if name not in old.participants:
            yield Change(Section.PARTICIPANTS, "participant", None, name)


def _person_key(person: Person) -> tuple[str, str]:
    return person.role, person.name


def _persons(old: Project, new: Project) -> Iterator[Change]:
    before = {_person_key(p): p for p in old.persons}
    after = {_person_key(p): p for p in new.persons}
    for key, person in before.items():
        label = f"{person.role} {person.name}"
        if key not in after:
            yield Change(Section.PERSONS, "person", label, None, row_name=person.name)
            continue
        for field in ("position", "contacts"):
            a, b = getattr(person, field), getattr(after[key], field)
            if a != b:
                yield Change(Section.PERSONS, field, a or None, b or None, row_name=person.name)
    for key, person in after.items():
        if key not in before:
            yield Change(
                Section.PERSONS,
                "person",
                None,
                f"{person.role} {person.name}",
                row_name=person.name,
            )


def _match(
    old: Iterable[PlanFactRow | FinancingLine], new: Iterable[PlanFactRow | FinancingLine]
) -> tuple[list, list, list]:
    """Rows matched by number (then name): pairs, removed, added."""
    remaining = list(new)
    pairs, removed = [], []
    for row in old:
        twin = next(
            (r for r in remaining if r.number == row.number and r.name == row.name), None
        ) or next((r for r in remaining if r.number == row.number), None)
        if twin is None:
            removed.append(row)
        else:
            remaining.remove(twin)
            pairs.append((row, twin))
    return pairs, removed, remaining


def row_changes(
    section: Section, old: PlanFactRow, new: PlanFactRow, years: Iterable[int]
) -> Iterator[Change]:
    """Fields and plan/fact values of one row that differ."""
    place = {"row_number": new.number, "row_name": new.name}
    for field in ("number", "name", "unit", "cumulative", "direction", "characteristic"):
        a, b = value_text(getattr(old, field)), value_text(getattr(new, field))
        if a != b:
            yield Change(section, field, a, b, **place)
    base_old = value_text(old.base_value), old.base_year
    base_new = value_text(new.base_value), new.base_year
    if base_old != base_new:
        yield Change(section, "base", _base(*base_old), _base(*base_new), **place)
    for year in years:
        for field in ("plan", "fact"):
            a = value_text(getattr(old.value(year), field))
            b = value_text(getattr(new.value(year), field))
            if a != b:
                yield Change(section, field, a, b, year=year, **place)


def _base(value: str | None, year: int | None) -> str | None:
    return None if value is None else f"{value} ({year})" if year else value


def _rows(old: Project, new: Project, kind: RowKind) -> Iterator[Change]:
    section = ROW_SECTIONS[kind]
    years = sorted(set(old.years) | set(new.years))
    pairs, removed, added = _match(old.rows(kind), new.rows(kind))
    for row in removed:
        yield Change(section, "row", row.name, None, row_number=row.number, row_name=row.name)
    for row in added:
        yield Change(section, "row", None, row.name, row_number=row.number, row_name=row.name)
    for before, after in pairs:
        yield from row_changes(section, before, after, years)


def _financing(old: Project, new: Project) -> Iterator[Change]:
    years = sorted(set(old.years) | set(new.years))
    pairs, removed, added = _match(old.financing, new.financing)
    for line in removed:
        yield Change(
            Section.FINANCING, "row", line.name, None, row_number=line.number, row_name=line.name
        )
    for line in added:
        yield Change(
            Section.FINANCING, "row", None, line.name, row_number=line.number, row_name=line.name
        )
    for before, after in pairs:
        place = {"row_number": after.number, "row_name": after.name}
        for field, a, b in (
            ("name", before.name, after.name),
            ("result", before.result, after.result),
        ):
            if a != b:
                yield Change(Section.FINANCING, field, a, b, **place)
        names = [s.name for s in before.sources]
        names += [s.name for s in after.sources if s.name not in names]
        for name in names:
            source_old = next((s for s in before.sources if s.name == name), None)
            source_new = next((s for s in after.sources if s.name == name), None)
            for year in years:
                a = value_text(source_old.values.get(year)) if source_old else None
                b = value_text(source_new.values.get(year)) if source_new else None
                if a != b:
                    yield Change(Section.FINANCING, "amount", a, b, year=year, detail=name, **place)
