"""Monitoring values and budget execution of a stored row or source laid over a new one: the
changes between them, addressed by `Where.as_of` (core/diff.py calls these per paired item)."""

from __future__ import annotations

from collections.abc import Iterator

from cdo_desktop.core.changes import MONITORING_FIELDS, Change, SetValue, Where
from cdo_desktop.core.history import Section, value_text
from cdo_desktop.core.model import BudgetSource, MonitoringValue, PlanFactRow


def monitoring_changes(
    project: int, section: Section, a: PlanFactRow, b: PlanFactRow
) -> Iterator[Change]:
    """The monitoring entries of the stored row `a` turned into those of `b`, date by date."""
    for as_of in sorted(set(a.monitoring) | set(b.monitoring)):
        before = a.monitoring.get(as_of) or MonitoringValue()
        after = b.monitoring.get(as_of) or MonitoringValue()
        for field in MONITORING_FIELDS:
            old, new = getattr(before, field), getattr(after, field)
            if value_text(old or None) != value_text(new or None):
                yield SetValue(Where(project, section, a.id, field, as_of=as_of), old, new)


def execution_changes(
    project: int, line_id: int | None, a: BudgetSource, b: BudgetSource
) -> Iterator[Change]:
    """The execution values of the stored source `a` turned into those of `b`."""
    for as_of in sorted(set(a.execution) | set(b.execution)):
        old, new = a.execution.get(as_of), b.execution.get(as_of)
        if value_text(old) != value_text(new):
            yield SetValue(
                Where(project, Section.SOURCES, a.id, "executed", parent=line_id, as_of=as_of),
                old,
                new,
            )
