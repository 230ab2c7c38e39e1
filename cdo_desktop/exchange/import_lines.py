"""The import preview's lines, told from the one diff: what the store will apply, in words.

`plan.edits` (core changes, core.diff) is what an import writes; these lines are the same list as
the preview and `--dry-run` show it — «~ 3. Доля … план 2021: 38,28 → 40», «+ 4. Новый
показатель» — so the preview never says anything the store does not do.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from cdo_desktop.core.changes import AddItem, MoveItem, RemoveItem, SetValue
from cdo_desktop.core.changes import Change as CoreChange
from cdo_desktop.core.history import Section as CoreSection
from cdo_desktop.core.model import BudgetSource, FinancingLine, Person, PlanFactRow, Project
from cdo_desktop.exchange.import_changes import (
    FIELD_LABELS,
    VALUE_LABELS,
    Action,
    Change,
    Section,
    row_title,
)
from cdo_desktop.exchange.import_passport_lines import (
    PASSPORT_SECTIONS,
    item_title,
    passport_value_lines,
)
from cdo_desktop.exchange.import_points import SECTIONS as POINT_SECTIONS
from cdo_desktop.exchange.import_points import preview_point_lines

_SECTIONS = {
    CoreSection.PASSPORT: Section.PROJECT,
    CoreSection.PERSONS: Section.PERSONS,
    CoreSection.PARTICIPANTS: Section.PARTICIPANTS,
    CoreSection.INDICATORS: Section.INDICATORS,
    CoreSection.RESULTS: Section.RESULTS,
    CoreSection.FINANCING: Section.FINANCING,
    CoreSection.SOURCES: Section.FINANCING,
    CoreSection.TASKS: Section.PROJECT,
    CoreSection.MUNICIPALITIES: Section.PROJECT,
    CoreSection.MUNICIPAL: Section.INDICATORS,
}


def _federal(project: Project) -> str | None:
    federal = project.federal_project
    text = f"{federal.code} {federal.name}".strip() if federal else ""
    return text or None


def _title(item: object) -> str:
    if isinstance(item, PlanFactRow | FinancingLine):
        return row_title(item.number, item.name)
    if isinstance(item, Person):
        return f"{item.role} {item.name}"
    return str(getattr(item, "name", item))


def preview_lines(old: Project, new: Project, edits: list[CoreChange]) -> list[Change]:
    """The preview's lines for `edits`, the changes from the stored `old` to the planned `new`."""
    rows = {
        (section, row.id): row
        for section, items in (
            (CoreSection.INDICATORS, old.indicators),
            (CoreSection.RESULTS, old.results),
            (CoreSection.FINANCING, old.financing),
            (CoreSection.PERSONS, old.persons),
        )
        for row in items
    }
    sources = {source.id: (line, source) for line in old.financing for source in line.sources}
    new_lines = {line.id: line for line in new.financing}
    lines: list[Change] = []
    told: set[str] = set()
    for edit in edits:
        where = edit.where
        if where.section in POINT_SECTIONS:
            lines.extend(preview_point_lines(edit, old, new))
            continue
        section = _SECTIONS[where.section]
        if isinstance(edit, MoveItem):
            if section not in told:  # one line a table: the order of its rows follows the file
                told.add(section)
                lines.append(
                    Change(
                        Action.CHANGE,
                        section,
                        field="order",
                        label=FIELD_LABELS["order"],
                        old="как в базе",
                        new="как в файле",
                    )
                )
            continue
        if isinstance(edit, AddItem | RemoveItem):
            action = Action.ADD if isinstance(edit, AddItem) else Action.REMOVE
            title = _title(edit.item)
            if where.section is CoreSection.SOURCES:
                line = new_lines.get(where.parent) or next(
                    (o for o in old.financing if o.id == where.parent), None
                )
                title = f"{_title(line)} / {title}" if line is not None else title
            if where.section is CoreSection.MUNICIPAL:
                title = item_title(where.parent, edit.item, old)
            lines.append(Change(action, section, title))
            continue
        assert isinstance(edit, SetValue)
        if where.section in PASSPORT_SECTIONS:
            lines.extend(passport_value_lines(edit, section, old))
            continue
        lines.extend(_value_lines(edit, section, old, new, rows, sources, told))
    return _as_read(lines)


def _as_read(lines: list[Change]) -> list[Change]:
    """Each table's lines together, changes and additions in the file's order, removals after
    them in the database's order (the store removes last-first, a person reads top-down)."""
    sections = list(dict.fromkeys(line.section for line in lines))
    ordered: list[Change] = []
    for section in sections:
        mine = [line for line in lines if line.section == section]
        ordered += [line for line in mine if line.action is not Action.REMOVE]
        ordered += reversed([line for line in mine if line.action is Action.REMOVE])
    return ordered


def _value_lines(
    edit: SetValue,
    section: Section,
    old: Project,
    new: Project,
    rows: Mapping[tuple[CoreSection, int | None], PlanFactRow | FinancingLine | Person],
    sources: Mapping[int | None, tuple[FinancingLine, BudgetSource]],
    told: set[str],
) -> list[Change]:
    where, field = edit.where, edit.where.field
    if where.section is CoreSection.PASSPORT:
        if field in ("first_year", "last_year"):
            if "years" in told:
                return []
            told.add("years")
            return [
                _changed(
                    section,
                    "",
                    "years",
                    f"{old.first_year}–{old.last_year}",
                    f"{new.first_year}–{new.last_year}",
                )
            ]
        if field in ("federal_project_code", "federal_project_name"):
            if "federal_project" in told:
                return []
            told.add("federal_project")
            return [_changed(section, "", "federal_project", _federal(old), _federal(new))]
        return [_changed(section, "", field, edit.old, edit.new)]
    if where.section is CoreSection.SOURCES:
        found = sources.get(where.item) if isinstance(where.item, int) else None
        if found is None:
            return []
        line, source = found
        title, name = _title(line), source.name
        if field == "amount":
            planned = next((n for n in new.financing if n.id == line.id), line)
            single = len(line.sources) <= 1 and len(planned.sources) <= 1
            label = str(where.year) if single else f"{where.year}, {name}"
            return [
                _changed(section, title, f"amount:{name}:{where.year}", edit.old, edit.new, label)
            ]
        if field == "name":
            return [
                _changed(section, title, f"source:{name}", edit.old, edit.new, f"источник «{name}»")
            ]
        return [
            _changed(section, title, f"parent:{name}", edit.old, edit.new, f"«{name}» входит в")
        ]
    item = rows.get((where.section, where.item)) if isinstance(where.item, int) else None
    title = _title(item) if item is not None else ""
    if field in VALUE_LABELS and where.year is not None:
        label = f"{VALUE_LABELS[field]} {where.year}"
        return [_changed(section, title, f"{field}:{where.year}", edit.old, edit.new, label)]
    if where.section is CoreSection.FINANCING and field == "result_number":
        field = "result"
    return [_changed(section, title, field, edit.old, edit.new)]


def _changed(
    section: Section,
    item: str,
    field: str,
    old: object,
    new: object,
    label: str = "",
) -> Change:
    return Change(
        Action.CHANGE,
        section,
        item,
        field=field,
        label=label or FIELD_LABELS.get(field, field),
        old=old if old is None or isinstance(old, Decimal | str | bool | int) else str(old),
        new=new if new is None or isinstance(new, Decimal | str | bool | int) else str(new),
    )
