"""No value is stored outside its project's years: a change list that would leave one is refused.

The window removes the values of the years it drops in the same change list (core/period.py);
this is the store's own check, so that no other path (an undo half-refused, a script) can hide
values where no screen, dump or export shows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from peewee import Database

from cdo_desktop.core.changes import AddItem, Change, SetValue
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.history import Section
from cdo_desktop.core.words import counted
from cdo_desktop.storage import dialect

# Values dated outside the years of their project, per table that holds dated values; later
# issues add their tables here.
OUTSIDE_QUERIES = [
    "SELECT count(*) FROM plan_fact_value v JOIN plan_fact_row r ON r.id = v.row_id "
    "JOIN project p ON p.id = r.project_id "
    "WHERE p.id = ? AND (v.year < p.first_year OR v.year > p.last_year)",
    "SELECT count(*) FROM financing_amount a JOIN budget_source s ON s.id = a.source_id "
    "JOIN financing_line l ON l.id = s.line_id JOIN project p ON p.id = l.project_id "
    "WHERE p.id = ? AND (a.year < p.first_year OR a.year > p.last_year)",
]


def may_leave_values_outside(changes: Sequence[Change]) -> set[int]:
    """The projects whose years or dated values these changes touch (the others need no
    look)."""
    projects: set[int] = set()
    for change in changes:
        where = change.where
        if isinstance(change, SetValue) and (
            where.year is not None or where.field in ("first_year", "last_year")
        ):
            projects.add(where.project)
        elif isinstance(change, AddItem) and where.section is not Section.PROJECT:
            projects.add(where.project)
    return projects


def refuse_values_outside(database: Database, projects: Iterable[int]) -> None:
    """CdoError (the caller's transaction then writes nothing) when a project holds values
    outside its years."""
    for project_id in sorted(projects):
        outside = sum(
            int(database.execute_sql(dialect.sql(query, database), (project_id,)).fetchone()[0])
            for query in OUTSIDE_QUERIES
        )
        if outside:
            raise CdoError(
                f"{counted(outside, 'значение', 'значения', 'значений')} вне лет проекта: "
                "сначала удалите их или расширьте годы реализации; ничего не записано"
            )
