"""The 2025–2030 passport's part of the one diff: tasks, the municipalities, breakdowns."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from cdo_desktop.core import diff
from cdo_desktop.core.changes import TASK_FIELDS, Change, SetValue, Where
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import MunicipalValues, PlanFactRow, Project, Task


def project_changes(old: Project, new: Project) -> list[Change]:
    """Tasks and the list of municipalities of the stored `old` turned into those of `new`."""
    assert old.id is not None
    project = old.id

    def task_where(item: object) -> Where:
        return Where(project, Section.TASKS, item=item)  # type: ignore[arg-type]

    def same_task(a: Task, b: Task) -> Iterator[Change]:
        for field in TASK_FIELDS:
            if diff._differs(getattr(a, field), getattr(b, field)):
                yield SetValue(
                    Where(project, Section.TASKS, a.id, field), getattr(a, field), getattr(b, field)
                )

    found = diff._pair(old.tasks, new.tasks, lambda task: (task.number, task.name))
    changes = list(
        diff._ordered(task_where, old.tasks, new.tasks, found, lambda task: task.id, same_task)
    )
    changes += _municipality_list(project, old.municipalities, new.municipalities)
    return changes


def _municipality_list(project: int, old: list[str], new: list[str]) -> list[Change]:
    """The project's municipalities, a list of names like the participants."""
    changes = diff.participant_changes(project, old, new)
    return [replace(change, where=_as_municipality(change.where)) for change in changes]


def _as_municipality(where: Where) -> Where:
    return Where(where.project, Section.MUNICIPALITIES, where.item, where.field)


def municipal_changes(
    project: int, a: PlanFactRow, b: PlanFactRow, years: Sequence[int]
) -> Iterator[Change]:
    """The municipal breakdown of the stored row `a` turned into that of `b`."""

    def where(item: object) -> Where:
        return Where(project, Section.MUNICIPAL, item=item, parent=a.id)  # type: ignore[arg-type]

    def same(x: MunicipalValues, y: MunicipalValues) -> Iterator[Change]:
        if diff._differs(x.name, y.name):
            yield SetValue(
                Where(project, Section.MUNICIPAL, x.id, "name", parent=a.id), x.name, y.name
            )
        for year in sorted(set(years) | set(x.values) | set(y.values)):
            for field in ("plan", "fact"):
                before = getattr(x.values.get(year), field, None)
                after = getattr(y.values.get(year), field, None)
                if diff._differs(before, after):
                    yield SetValue(
                        Where(project, Section.MUNICIPAL, x.id, field, year, parent=a.id),
                        before,
                        after,
                    )

    found = diff._pair(a.municipalities, b.municipalities, lambda entry: ("", entry.name))
    yield from diff._ordered(
        where, a.municipalities, b.municipalities, found, lambda entry: entry.id, same
    )
