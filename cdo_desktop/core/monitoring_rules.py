"""The check's monitoring rules (core/rules.py lists them): values due and missing at the day of
the check, and a 31 December monitoring fact that differs from the official annual fact.

Due dates count on the calendar the check is given: the database's, with the user's edits
(storage.monitoring_store.database_calendar); without one, the shipped calendar.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cdo_desktop.core.model import Project, RowKind
from cdo_desktop.core.monitoring_dates import as_of_words, day_text
from cdo_desktop.core.monitoring_due import SECTION_NAMES, due_state, missing_values
from cdo_desktop.core.numbers import format_number
from cdo_desktop.core.rules import FINANCING, Level, Problem
from cdo_desktop.core.work_calendar import WorkCalendar

_KIND_OF = {name: kind for kind, name in SECTION_NAMES.items()}


def missing_monitoring(
    project: Project, today: date, calendar: WorkCalendar | None = None
) -> Iterator[Problem]:
    """Each monitoring value whose period ended before the day and which has no fact; the
    annual facts are the `missing_fact` rule's."""
    indexes = {
        (kind, row.number): index
        for kind in RowKind
        for index, row in enumerate(project.rows(kind))
    }
    lines = {line.number: index for index, line in enumerate(project.financing)}
    for value in missing_values(project, calendar or WorkCalendar(), today):
        if value.annual:
            continue
        kind = _KIND_OF[value.section]
        source = f" («{value.source}»)" if value.source else ""
        what = "кассового исполнения" if kind is None else "факта мониторинга"
        yield Problem(
            "missing_monitoring",
            Level.WARNING,
            f"нет {what}{source} {as_of_words(value.period_end)} "
            f"(срок {day_text(value.due)}, {due_state(value, today)})",
            FINANCING if kind is None else kind,
            lines.get(value.number, 0) if kind is None else indexes[(kind, value.number)],
            value.number,
            value.period_end.year,
            "executed" if kind is None else "fact",
        )


def december_differs(project: Project, today: date) -> Iterator[Problem]:
    """The monitoring fact as of 31 December beside the annual fact: the annual one is official,
    nothing copies one into the other, so a difference is worth a look."""
    for kind in RowKind:
        for index, row in enumerate(project.rows(kind)):
            for year in project.years:
                entry = row.monitoring.get(date(year, 12, 31))
                annual = row.value(year).fact
                if entry is None or entry.fact is None or annual is None or entry.fact == annual:
                    continue
                yield Problem(
                    "december_differs",
                    Level.WARNING,
                    f"факт мониторинга {as_of_words(date(year, 12, 31))} "
                    f"{format_number(entry.fact)} не равен годовому факту {format_number(annual)}",
                    kind,
                    index,
                    row.number,
                    year,
                    "fact",
                )
