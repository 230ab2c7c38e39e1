"""No value is stored outside its project's years: a change list that would leave one is refused.

The window removes the values of the years it drops in the same change list (core/period.py);
this is the store's own check, so that no other path (an undo half-refused, a script) can hide
values where no screen, dump or export shows them.
"""

from __future__ import annotations

from collections.abc import Sequence

from peewee import Database

from cdo_desktop.core.changes import AddItem, Change, SetValue
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.history import Section
from cdo_desktop.core.words import counted
from cdo_desktop.storage import dialect

# The year of a reporting date stored as text 'YYYY-MM-DD' (SQLite and PostgreSQL alike).
_AS_OF_YEAR = "CAST(substr({0}.as_of, 1, 4) AS INTEGER)"

# Values dated outside the years of their project, per table that holds dated values; later
# issues add their tables here.
OUTSIDE_QUERIES = [
    "SELECT count(*) FROM plan_fact_value v JOIN plan_fact_row r ON r.id = v.row_id "
    "JOIN project p ON p.id = r.project_id "
    "WHERE p.id = ? AND (v.year < p.first_year OR v.year > p.last_year)",
    "SELECT count(*) FROM financing_amount a JOIN budget_source s ON s.id = a.source_id "
    "JOIN financing_line l ON l.id = s.line_id JOIN project p ON p.id = l.project_id "
    "WHERE p.id = ? AND (a.year < p.first_year OR a.year > p.last_year)",
    "SELECT count(*) FROM monitoring_value m JOIN plan_fact_row r ON r.id = m.row_id "
    "JOIN project p ON p.id = r.project_id WHERE p.id = ? AND "
    f"({_AS_OF_YEAR.format('m')} < p.first_year OR {_AS_OF_YEAR.format('m')} > p.last_year)",
    "SELECT count(*) FROM budget_execution e JOIN budget_source s ON s.id = e.source_id "
    "JOIN financing_line l ON l.id = s.line_id JOIN project p ON p.id = l.project_id "
    f"WHERE p.id = ? AND ({_AS_OF_YEAR.format('e')} < p.first_year "
    f"OR {_AS_OF_YEAR.format('e')} > p.last_year)",
    "SELECT count(*) FROM municipal_value v JOIN municipal_row m ON m.id = v.entry_id "
    "JOIN plan_fact_row r ON r.id = m.row_id JOIN project p ON p.id = r.project_id "
    "WHERE p.id = ? AND (v.year < p.first_year OR v.year > p.last_year)",
]


def refuse_values_outside(database: Database, changes: Sequence[Change]) -> None:
    """CdoError (the caller's transaction then writes nothing) when the changes, as applied,
    leave a value outside its project's years.

    A value typed for a year needs only that year looked at (every cell typed passes here, so
    it stays one lookup by key); changed years and added rows are counted whole.
    """
    counted_whole: set[int] = set()
    typed: dict[int, set[int]] = {}
    for change in changes:
        where = change.where
        if isinstance(change, SetValue) and where.field in ("first_year", "last_year"):
            counted_whole.add(where.project)
        elif isinstance(change, SetValue) and where.year is not None and change.new is not None:
            typed.setdefault(where.project, set()).add(where.year)
        elif isinstance(change, AddItem) and where.section is not Section.PROJECT:
            counted_whole.add(where.project)
    for project_id, years in sorted(typed.items()):
        if project_id in counted_whole:
            continue
        row = database.execute_sql(
            dialect.sql("SELECT first_year, last_year FROM project WHERE id = ?", database),
            (project_id,),
        ).fetchone()
        if row is not None:
            _refuse(sum(1 for year in years if not int(row[0]) <= year <= int(row[1])))
    for project_id in sorted(counted_whole):
        _refuse(
            sum(
                int(database.execute_sql(dialect.sql(q, database), (project_id,)).fetchone()[0])
                for q in OUTSIDE_QUERIES
            )
        )


def _refuse(outside: int) -> None:
    if outside:
        raise CdoError(
            f"{counted(outside, 'значение', 'значения', 'значений')} вне лет проекта: "
            "сначала удалите их или расширьте годы реализации; ничего не записано"
        )
