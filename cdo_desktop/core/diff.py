"""The one diff: a project as stored → the project as it should be → the changes between them.

`load` and the import preview both lay a project over the stored one with `diff_project`; the
store applies the result in place, so a row keeps its id (and its history) when a document or a
workbook changes one of its values. Rows are paired by id where the new project kept it, then as
people recognise them: number and name, then name alone (renumbered), then number alone
(renamed); what is left is removed or added.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import TypeVar

from cdo_desktop.core.changes import (
    LINE_FIELDS,
    PASSPORT_FIELDS,
    PERSON_FIELDS,
    ROW_FIELDS,
    AddItem,
    Change,
    MoveItem,
    RemoveItem,
    SetValue,
    Value,
    Where,
)
from cdo_desktop.core.history import ROW_SECTIONS, Section, value_text
from cdo_desktop.core.model import (
    BudgetSource,
    Direction,
    FinancingLine,
    Person,
    PlanFactRow,
    Project,
    RowKind,
)
from cdo_desktop.core.monitoring_diff import execution_changes, monitoring_changes
from cdo_desktop.core.passport import row_field

T = TypeVar("T")
U = TypeVar("U")


def squeeze(text: str) -> str:
    return " ".join(text.split())


def name_key(text: str) -> str:
    return squeeze(text.replace("ё", "е").replace("Ё", "Е")).casefold()


def number_key(text: str) -> str:
    return text.strip().rstrip(".").casefold()


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
        indexes[0][(number_key(number), name_key(name))].append(index)
        indexes[1][name_key(name)].append(index)
        indexes[2][number_key(number)].append(index)
    found: list[int | None] = [None] * len(news)
    keys = [new_key(new) for new in news]
    for step, index_map in enumerate(indexes):
        for position, (number, name) in enumerate(keys):
            if found[position] is not None:
                continue
            if step == 0:
                key: Hashable = (number_key(number), name_key(name))
            elif step == 1:
                key = name_key(name)
            else:
                key = number_key(number)
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


def _pair(
    olds: Sequence[T], news: Sequence[T], key: Callable[[T], tuple[str, str]]
) -> list[int | None]:
    """The old index of each new item: by id where it kept one, then by `key` (match_rows)."""
    by_id = {getattr(old, "id", None): index for index, old in enumerate(olds)}
    by_id.pop(None, None)
    found: list[int | None] = [None] * len(news)
    taken: set[int] = set()
    for position, new in enumerate(news):
        index = by_id.get(getattr(new, "id", None))
        if index is not None and index not in taken:
            found[position] = index
            taken.add(index)
    rest_old = [index for index in range(len(olds)) if index not in taken]
    rest_new = [position for position, index in enumerate(found) if index is None]
    matched, _ = match_rows(
        [olds[index] for index in rest_old], [news[position] for position in rest_new], key, key
    )
    for position, index in zip(rest_new, matched, strict=True):
        if index is not None:
            found[position] = rest_old[index]
    return found


def _ordered(
    where: Callable[[object], Where],
    olds: Sequence[T],
    news: Sequence[T],
    found: list[int | None],
    item_of: Callable[[T], object],
    same: Callable[[T, T], Iterator[Change]],
) -> Iterator[Change]:
    """Removals, then the paired items' own changes, then moves and additions, in an order the
    store can apply one by one (positions count among the items present at that moment)."""
    paired = {index for index in found if index is not None}
    current = [index for index in range(len(olds)) if index in paired]
    for index in reversed(range(len(olds))):
        if index not in paired:
            yield RemoveItem(where(item_of(olds[index])), olds[index], index)  # type: ignore[arg-type]
    for position, match in enumerate(found):
        if match is not None:
            yield from same(olds[match], news[position])
    target = [match for match in found if match is not None]
    for position, match in enumerate(target):
        at = current.index(match)
        if at != position:
            current.insert(position, current.pop(at))
            yield MoveItem(where(item_of(olds[match])), at, position)
    for position, match in enumerate(found):
        if match is None:
            yield AddItem(where(None), news[position], position)  # type: ignore[arg-type]


def _value(value: object) -> Value:
    """A stored value as the vocabulary keeps it (a direction as its word)."""
    if isinstance(value, Direction):
        return value.value
    assert value is None or isinstance(value, Decimal | str | bool | int | date)
    return value


def _differs(a: object, b: object) -> bool:
    return value_text(_value(a)) != value_text(_value(b))


def diff_project(old: Project, new: Project) -> list[Change]:
    """Every change that turns the stored project `old` (with ids) into `new`."""
    assert old.id is not None
    project = old.id
    changes: list[Change] = []
    for field in PASSPORT_FIELDS:
        a, b = _passport_value(old, field), _passport_value(new, field)
        if _differs(a, b):
            changes.append(SetValue(Where(project, Section.PASSPORT, field=field), a, b))
    changes += participant_changes(project, old.participants, new.participants)
    changes += _persons(project, old.persons, new.persons)
    years = sorted(set(old.years) | set(new.years) | _row_years(old) | _row_years(new))
    for kind in RowKind:
        changes += _rows(project, ROW_SECTIONS[kind], old.rows(kind), new.rows(kind), years)
    changes += _lines(project, old.financing, new.financing, years)
    changes += passport_diff.project_changes(old, new)
    from cdo_desktop.core.diff_points import point_and_risk_changes  # it builds on this module

    changes += point_and_risk_changes(old, new)
    return changes


def _passport_value(project: Project, field: str) -> Value:
    federal = project.federal_project
    if field == "federal_project_code":
        return federal.code if federal else None
    if field == "federal_project_name":
        return federal.name if federal else None
    return getattr(project, field)  # type: ignore[no-any-return]


def _row_years(project: Project) -> set[int]:
    """Years that hold values even outside the period (they must be diffed too)."""
    years = {year for kind in RowKind for row in project.rows(kind) for year in row.values}
    for line in project.financing:
        for source in line.sources:
            years.update(source.values)
    return years


def participant_changes(project: int, old: list[str], new: list[str]) -> list[Change]:
    def where(item: object) -> Where:
        return Where(project, Section.PARTICIPANTS, item=item)  # type: ignore[arg-type]

    found: list[int | None] = []
    used: set[int] = set()
    for name in new:
        index = next((i for i, o in enumerate(old) if o == name and i not in used), None)
        if index is not None:
            used.add(index)
        found.append(index)
    return list(_ordered(where, old, new, found, lambda name: name, lambda a, b: iter(())))


def _persons(project: int, old: list[Person], new: list[Person]) -> list[Change]:
    def where(item: object) -> Where:
        return Where(project, Section.PERSONS, item=item)  # type: ignore[arg-type]

    def same(a: Person, b: Person) -> Iterator[Change]:
        for field in PERSON_FIELDS:
            if _differs(getattr(a, field), getattr(b, field)):
                yield SetValue(
                    Where(project, Section.PERSONS, a.id, field),
                    getattr(a, field),
                    getattr(b, field),
                )

    found = _pair(old, new, lambda person: (person.role, person.name))
    return list(_ordered(where, old, new, found, lambda person: person.id, same))


def row_changes(
    project: int, section: Section, a: PlanFactRow, b: PlanFactRow, years: Sequence[int]
) -> Iterator[Change]:
    """The fields and plan/fact values of one row that differ (`a` is stored, with its id)."""
    for field in ROW_FIELDS:
        before, after = row_field(a, field), row_field(b, field)
        if _differs(before, after):
            yield SetValue(Where(project, section, a.id, field), before, after)
    for year in years:
        for field in ("plan", "fact"):
            before, after = getattr(a.value(year), field), getattr(b.value(year), field)
            if _differs(before, after):
                yield SetValue(Where(project, section, a.id, field, year), before, after)
    yield from passport_diff.municipal_changes(project, a, b, years)
    yield from monitoring_changes(project, section, a, b)


def _rows(
    project: int,
    section: Section,
    old: list[PlanFactRow],
    new: list[PlanFactRow],
    years: Sequence[int],
) -> list[Change]:
    def where(item: object) -> Where:
        return Where(project, section, item=item)  # type: ignore[arg-type]

    found = _pair(old, new, lambda row: (row.number, row.name))
    return list(
        _ordered(
            where,
            old,
            new,
            found,
            lambda row: row.id,
            lambda a, b: row_changes(project, section, a, b, years),
        )
    )


def _lines(
    project: int, old: list[FinancingLine], new: list[FinancingLine], years: Sequence[int]
) -> list[Change]:
    def where(item: object) -> Where:
        return Where(project, Section.FINANCING, item=item)  # type: ignore[arg-type]

    def same(a: FinancingLine, b: FinancingLine) -> Iterator[Change]:
        for field, before, after in (
            ("number", a.number, b.number),
            ("name", a.name, b.name),
            ("result_number", a.result, b.result),
        ):
            assert field in LINE_FIELDS
            if _differs(before, after):
                yield SetValue(Where(project, Section.FINANCING, a.id, field), before, after)
        yield from source_changes(project, a, b, years)

    found = _pair(old, new, lambda line: (line.number, line.name))
    return list(_ordered(where, old, new, found, lambda line: line.id, same))


def source_changes(
    project: int, a: FinancingLine, b: FinancingLine, years: Sequence[int]
) -> Iterator[Change]:
    """The budget sources of one stored line `a` turned into those of `b`."""

    def where(item: object) -> Where:
        return Where(project, Section.SOURCES, item=item, parent=a.id)  # type: ignore[arg-type]

    def same(x: BudgetSource, y: BudgetSource) -> Iterator[Change]:
        place = {"item": x.id, "parent": a.id}
        for field in ("name", "parent"):
            if _differs(getattr(x, field), getattr(y, field)):
                yield SetValue(
                    Where(project, Section.SOURCES, field=field, **place),  # type: ignore[arg-type]
                    getattr(x, field),
                    getattr(y, field),
                )
        for year in years:
            before, after = x.values.get(year), y.values.get(year)
            if _differs(before, after):
                yield SetValue(
                    Where(project, Section.SOURCES, field="amount", year=year, **place),  # type: ignore[arg-type]
                    before,
                    after,
                )
        yield from execution_changes(project, a.id, x, y)

    found = _pair(a.sources, b.sources, lambda source: ("", source.name))
    yield from _ordered(where, a.sources, b.sources, found, lambda source: source.id, same)


from cdo_desktop.core import passport_diff  # noqa: E402  (it builds on this module's helpers)
