"""The project's period: what shortening it deletes, as changes, and how to ask about it.

A value is never kept outside the years of its project (nobody would see it, and an export
would leave it out without a word): shortening the period removes the dated values of the years
that fall out, in the same change list as the years themselves.

Later parts of the passport (monitoring, execution, municipal values) add their dated values by
appending a finder to `DATED_VALUE_FINDERS`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from cdo_desktop.core.changes import MONITORING_FIELDS, Change, SetValue, Value, Where
from cdo_desktop.core.history import ROW_SECTIONS, Section
from cdo_desktop.core.model import PlanFact, Project, RowKind
from cdo_desktop.core.words import counted

# Each finder gives, for a project and the years to keep, the removal (a SetValue to None) of
# every stored value dated outside those years.
DatedValueFinder = Callable[[Project, range], Iterable[SetValue]]

SECTION_NAMES = {
    Section.INDICATORS: "показатели",
    Section.RESULTS: "результаты",
    Section.SOURCES: "финансирование",
    Section.MUNICIPAL: "по муниципалитетам",
}


def _pairs_outside(values: dict[int, PlanFact], years: range) -> Iterator[tuple[int, str, Value]]:
    """(year, «plan» or «fact», value) of every plan and fact kept for a year outside `years`."""
    for year, pair in sorted(values.items()):
        if year in years:
            continue
        for field in ("plan", "fact"):
            value = getattr(pair, field)
            if value is not None:
                yield year, field, value


def _plan_fact_values(project: Project, years: range) -> Iterator[SetValue]:
    assert project.id is not None
    for kind in RowKind:
        section = ROW_SECTIONS[kind]
        for row in project.rows(kind):
            for year, field, value in _pairs_outside(row.values, years):
                where = Where(project.id, section, row.id, field, year)
                yield SetValue(where, value, None)


def _financing_amounts(project: Project, years: range) -> Iterator[SetValue]:
    assert project.id is not None
    for line in project.financing:
        for source in line.sources:
            for year, amount in sorted(source.values.items()):
                if year not in years and amount is not None:
                    where = Where(project.id, Section.SOURCES, source.id, "amount", year, line.id)
                    yield SetValue(where, amount, None)


def _monitoring_entries(project: Project, years: range) -> Iterator[SetValue]:
    """Monitoring entries (fact, forecast, reason, document) at reporting dates outside."""
    assert project.id is not None
    for kind in RowKind:
        section = ROW_SECTIONS[kind]
        for row in project.rows(kind):
            for as_of, entry in sorted(row.monitoring.items()):
                if as_of.year in years:
                    continue
                for field in MONITORING_FIELDS:
                    old = getattr(entry, field)
                    if old is not None and old != "":
                        cleared = None if field in ("fact", "forecast") else ""
                        where = Where(project.id, section, row.id, field, as_of=as_of)
                        yield SetValue(where, old, cleared)


def _execution_values(project: Project, years: range) -> Iterator[SetValue]:
    assert project.id is not None
    for line in project.financing:
        for source in line.sources:
            for as_of, executed in sorted(source.execution.items()):
                if as_of.year not in years and executed is not None:
                    where = Where(
                        project.id,
                        Section.SOURCES,
                        source.id,
                        "executed",
                        parent=line.id,
                        as_of=as_of,
                    )
                    yield SetValue(where, executed, None)


def _municipal_values(project: Project, years: range) -> Iterator[SetValue]:
    assert project.id is not None
    for row in project.indicators:
        for entry in row.municipalities:
            for year, field, value in _pairs_outside(entry.values, years):
                where = Where(project.id, Section.MUNICIPAL, entry.id, field, year, row.id)
                yield SetValue(where, value, None)


DATED_VALUE_FINDERS: list[DatedValueFinder] = [
    _plan_fact_values,
    _financing_amounts,
    _monitoring_entries,
    _execution_values,
    _municipal_values,
]


def values_outside(project: Project, years: range) -> list[SetValue]:
    """The removal of every value of `project` (read with its tables and ids) dated outside
    `years`."""
    return [change for finder in DATED_VALUE_FINDERS for change in finder(project, years)]


def period_changes(project: Project, first: int, last: int) -> list[Change]:
    """The project's years set to `first`–`last`, the values that fall out removed first; one
    change list (one undo step)."""
    assert project.id is not None
    changes: list[Change] = list(values_outside(project, range(first, last + 1)))
    for field, old, new in (
        ("first_year", project.first_year, first),
        ("last_year", project.last_year, last),
    ):
        if old != new:
            changes.append(SetValue(Where(project.id, Section.PASSPORT, field=field), old, new))
    return changes


def removed_values(changes: Iterable[Change]) -> list[SetValue]:
    """The dated values a change list removes."""
    return [
        change
        for change in changes
        if isinstance(change, SetValue)
        and (change.where.year is not None or change.where.as_of is not None)
        and change.new in (None, "")
    ]


def value_year(change: SetValue) -> int | None:
    """The year a dated value belongs to: its year, or its reporting date's."""
    as_of = change.where.as_of
    return change.where.year if as_of is None else as_of.year


def years_text(years: Iterable[int]) -> str:
    """«2024 год», «2023 и 2024 годы», «2019–2021 годы», «2019, 2021 и 2024 годы»."""
    ordered = sorted(set(years))
    if len(ordered) == 1:
        return f"{ordered[0]} год"
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return f"{ordered[0]}–{ordered[-1]} годы"
    return ", ".join(map(str, ordered[:-1])) + f" и {ordered[-1]} годы"


def removal_question(removals: list[SetValue]) -> str:
    """«Удалить 5 значений за 2024 год?» with what they are, section by section."""
    years = [year for year in map(value_year, removals) if year is not None]
    count = len(removals)
    sections = Counter(change.where.section for change in removals)
    parts = [f"{SECTION_NAMES.get(section, section.value)}: {n}" for section, n in sections.items()]
    return (
        f"Удалить {counted(count, 'значение', 'значения', 'значений')} за {years_text(years)}?\n\n"
        f"Из них {', '.join(parts)}.\n\nУдаление можно отменить (Ctrl+Z)."
    )
