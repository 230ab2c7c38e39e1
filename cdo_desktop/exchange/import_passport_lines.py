"""The import preview's lines for the 2025–2030 passport's sections: tasks, the project's
municipalities, and an indicator's values by municipality."""

from __future__ import annotations

from cdo_desktop.core.changes import SetValue
from cdo_desktop.core.history import Section as CoreSection
from cdo_desktop.core.model import PlanFactRow, Project
from cdo_desktop.exchange.import_changes import (
    FIELD_LABELS,
    VALUE_LABELS,
    Action,
    Change,
    Section,
    row_title,
)

PASSPORT_SECTIONS = frozenset(
    {CoreSection.TASKS, CoreSection.MUNICIPALITIES, CoreSection.MUNICIPAL}
)


def _row(old: Project, row_id: int | None) -> PlanFactRow | None:
    return next((row for row in [*old.indicators, *old.results] if row.id == row_id), None)


def item_title(where_parent: int | None, item: object, old: Project) -> str:
    """«1. Численность … / Энский район» for a municipality of a row's breakdown."""
    row = _row(old, where_parent)
    name = str(getattr(item, "name", item))
    return f"{row_title(row.number, row.name)} / {name}" if row is not None else name


def passport_value_lines(edit: SetValue, section: Section, old: Project) -> list[Change]:
    where, field = edit.where, edit.where.field
    if where.section is CoreSection.TASKS:
        task = next((task for task in old.tasks if task.id == where.item), None)
        title = f"Задача {row_title(task.number, task.name)}" if task is not None else "Задача"
        label = FIELD_LABELS.get(field, field)
    else:
        row = _row(old, where.parent)
        entry = next((e for e in (row.municipalities if row else []) if e.id == where.item), None)
        title = row_title(row.number, row.name) if row is not None else ""
        place = entry.name if entry is not None else ""
        label = (
            f"{VALUE_LABELS[field]} {where.year}, {place}"
            if field in VALUE_LABELS
            else f"муниципалитет «{place}»"
        )
        field = f"{field}:{place}:{where.year}"
    return [
        Change(Action.CHANGE, section, title, field=field, label=label, old=edit.old, new=edit.new)
    ]
