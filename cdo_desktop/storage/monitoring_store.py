"""Monitoring values, budget execution, periodicity, the due working day and the calendar's
edits as the database keeps them: read with a project, written by the applier, inserted with a
whole project. Plain SQL with `?` placeholders (storage/dialect.py makes it portable).

An entry with no fact, no forecast, no reason and no document is no row at all; so is an
execution value of none.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from peewee import Database

from cdo_desktop.core import history as told
from cdo_desktop.core.changes import Change, ChangeConflict, SetValue, Value, Where
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import (
    BudgetSource,
    MonitoringValue,
    Periodicity,
    PlanFactRow,
    Project,
    RowKind,
)
from cdo_desktop.core.work_calendar import CalendarEdit, WorkCalendar, day_kind_text
from cdo_desktop.storage import access, dialect
from cdo_desktop.storage.monitoring_reading import (
    decimal_or_none,
    entry_of,
)
from cdo_desktop.storage.passport_store import text as _text  # as its column keeps it


def _run(database: Database, text: str, parameters: Iterable[object] = ()) -> Any:
    return database.execute_sql(dialect.sql(text, database), tuple(parameters))


# ---------------------------------------------------------------------- reading


def read_row_monitoring(database: Database, row: PlanFactRow) -> PlanFactRow:
    """One stored row's periodicity and entries read into it (the applier's read_row)."""
    for (periodicity,) in _run(
        database, "SELECT periodicity FROM plan_fact_row WHERE id = ?", (row.id,)
    ):
        row.periodicity = Periodicity(periodicity)
    for as_of, *values in _run(
        database,
        "SELECT as_of, fact, forecast, reason, document FROM monitoring_value "
        "WHERE row_id = ? ORDER BY as_of",
        (row.id,),
    ):
        row.monitoring[date.fromisoformat(as_of)] = entry_of(tuple(values))
    return row


def read_source_execution(database: Database, source: BudgetSource) -> BudgetSource:
    for as_of, executed in _run(
        database,
        "SELECT as_of, executed FROM budget_execution WHERE source_id = ? ORDER BY as_of",
        (source.id,),
    ):
        source.execution[date.fromisoformat(as_of)] = Decimal(executed)
    return source


# ---------------------------------------------------------------------- one value


def stored_monitoring_value(database: Database, where: Where) -> Value:
    """The entry's field at `where.as_of` (the row is known to exist): none or «» when absent."""
    assert where.as_of is not None
    if where.field == "executed":
        found = _run(
            database,
            "SELECT executed FROM budget_execution WHERE source_id = ? AND as_of = ?",
            (where.item, where.as_of.isoformat()),
        ).fetchone()
        return None if found is None else decimal_or_none(found[0])
    found = _run(
        database,
        f"SELECT {where.field} FROM monitoring_value WHERE row_id = ? AND as_of = ?",
        (where.item, where.as_of.isoformat()),
    ).fetchone()
    if where.field in ("reason", "document"):
        return "" if found is None else str(found[0] or "")
    return None if found is None else decimal_or_none(found[0])


def write_monitoring_value(database: Database, where: Where, value: Value) -> None:
    """Write one field of an entry; an entry left empty is removed."""
    assert where.as_of is not None
    as_of = where.as_of.isoformat()
    if where.field == "executed":
        _run(
            database,
            "DELETE FROM budget_execution WHERE source_id = ? AND as_of = ?",
            (where.item, as_of),
        )
        if value is not None:
            _run(
                database,
                "INSERT INTO budget_execution (source_id, as_of, executed) VALUES (?, ?, ?)",
                (where.item, as_of, _text(value)),
            )
        return
    found = _run(
        database,
        "SELECT fact, forecast, reason, document FROM monitoring_value "
        "WHERE row_id = ? AND as_of = ?",
        (where.item, as_of),
    ).fetchone()
    entry = entry_of(tuple(found)) if found is not None else MonitoringValue()
    if where.field in ("reason", "document"):
        setattr(entry, where.field, "" if value is None else str(value))
    else:
        setattr(entry, where.field, None if value is None else Decimal(str(value)))
    _run(
        database, "DELETE FROM monitoring_value WHERE row_id = ? AND as_of = ?", (where.item, as_of)
    )
    if not entry.is_empty():
        _run(
            database,
            "INSERT INTO monitoring_value (row_id, as_of, fact, forecast, reason, document) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (where.item, as_of, *_entry_values(entry)),
        )


def _entry_values(entry: MonitoringValue) -> tuple[object, ...]:
    return (_text(entry.fact), _text(entry.forecast), entry.reason, entry.document)


# ---------------------------------------------------------------------- whole items


def insert_row_monitoring(database: Database, row_id: int, row: PlanFactRow) -> None:
    """A newly inserted row's periodicity and entries (an added row, an undone removal)."""
    if row.periodicity is not Periodicity.YEAR:
        _run(
            database,
            "UPDATE plan_fact_row SET periodicity = ? WHERE id = ?",
            (Periodicity(row.periodicity).value, row_id),
        )
    dialect.insert_many(
        database,
        "INSERT INTO monitoring_value (row_id, as_of, fact, forecast, reason, document) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (row_id, as_of.isoformat(), *_entry_values(entry))
            for as_of, entry in sorted(row.monitoring.items())
            if not entry.is_empty()
        ],
    )


def insert_source_execution(database: Database, source_id: int, source: BudgetSource) -> None:
    dialect.insert_many(
        database,
        "INSERT INTO budget_execution (source_id, as_of, executed) VALUES (?, ?, ?)",
        [
            (source_id, as_of.isoformat(), _text(executed))
            for as_of, executed in sorted(source.execution.items())
            if executed is not None
        ],
    )


def insert_project_monitoring(database: Database, project_id: int, project: Project) -> None:
    """After a whole project is inserted: its monitoring, execution and reporting settings.

    The rows and sources are found again by their order (they were just inserted in it).
    """
    if project.due_workday != 2:
        _run(
            database,
            "UPDATE project SET due_workday = ? WHERE id = ?",
            (project.due_workday, project_id),
        )
    has_monitoring = any(
        row.monitoring or row.periodicity is not Periodicity.YEAR
        for kind in RowKind
        for row in project.rows(kind)
    )
    if has_monitoring:
        for kind in RowKind:
            ids = [
                int(found[0])
                for found in _run(
                    database,
                    "SELECT id FROM plan_fact_row WHERE project_id = ? AND kind = ? "
                    "ORDER BY sort_order, id",
                    (project_id, kind.value),
                )
            ]
            for row_id, row in zip(ids, project.rows(kind), strict=True):
                insert_row_monitoring(database, row_id, row)
    if any(source.execution for line in project.financing for source in line.sources):
        for order, line in enumerate(project.financing):
            source_ids = {
                str(name): int(source_id)
                for source_id, name in _run(
                    database,
                    "SELECT s.id, s.name FROM budget_source s JOIN financing_line l "
                    "ON l.id = s.line_id WHERE l.project_id = ? AND l.sort_order = ?",
                    (project_id, order),
                )
            }
            for source in line.sources:
                insert_source_execution(database, source_ids[source.name], source)


# ---------------------------------------------------------------------- the calendar


# One statement and one reading of its rows, on the store's connection (calendar_edits) and
# in a read beside it (storage.overview_attention).
CALENDAR_EDITS_SQL = "SELECT day, working FROM calendar_day ORDER BY day"


def calendar_edits_of(rows: Iterable[tuple[Any, ...]]) -> list[CalendarEdit]:
    """(day, working) rows as stored → the edits."""
    return [CalendarEdit(date.fromisoformat(day), bool(working)) for day, working in rows]


def calendar_edits(database: Database) -> list[CalendarEdit]:
    return calendar_edits_of(_run(database, CALENDAR_EDITS_SQL))


def database_calendar(database: Database) -> WorkCalendar:
    """The database's working-day calendar: the shipped one with the user's edits laid over it.
    Everything that counts a due date (the check, `due`, the «Мониторинг» tab) takes this one."""
    return WorkCalendar.with_edits(calendar_edits(database))


def _stored_edit(database: Database, day: date) -> bool | None:
    found = _run(
        database, "SELECT working FROM calendar_day WHERE day = ?", (day.isoformat(),)
    ).fetchone()
    return None if found is None else bool(found[0])


def apply_calendar_change(database: Database, change: Change) -> tuple[Change, told.Change | None]:
    """One day's edit, in the applier's transaction: its old value checked, written; the
    inverse and what the history records (None when nothing changed).

    On a server only cdo_admin edits the calendar; row-level security would drop another
    role's DELETE silently, so the role is asked first and the edit refused in words.
    """
    where = change.where
    if not isinstance(change, SetValue) or where.field != "working":
        raise ValueError(f"calendar: unsupported change {change!r}")
    day = date.fromisoformat(str(where.item))
    place = f"Производственный календарь, {day:%d.%m.%Y}"
    if not dialect.is_sqlite(database) and not access.is_admin(database):
        raise CdoError(
            "на сервере производственный календарь изменяет только администратор (cdo_admin); "
            "ничего не записано",
            place=place,
        )
    stored = _stored_edit(database, day)
    if stored != change.old:
        raise ChangeConflict(where, change.old, stored, place)
    new = None if change.new is None else bool(change.new)
    if stored == new:
        return change.inverse(), None
    before = database_calendar(database)
    _run(database, "DELETE FROM calendar_day WHERE day = ?", (day.isoformat(),))
    if new is not None:
        _run(
            database,
            "INSERT INTO calendar_day (day, working) VALUES (?, ?)",
            (day.isoformat(), int(new)),
        )
    record = told.Change(
        Section.CALENDAR,
        "working",
        day_kind_text(before, day),
        day_kind_text(database_calendar(database), day),
        detail=f"{day:%d.%m.%Y}",
    )
    return change.inverse(), record


def copy_calendar_edits(source: Database, target: Database, *, may_write: bool = True) -> int:
    """The source's calendar edits into the target where the target has none for that day
    (`copy`, a restore); the target's own edits win. On a server only cdo_admin writes them.
    Answers how many of the source's edits the target did not take, for the caller to tell."""
    kept = {edit.day: edit.working for edit in calendar_edits(target)}
    source_edits = calendar_edits(source)
    new = [edit for edit in source_edits if edit.day not in kept]
    if new and may_write:
        dialect.insert_many(
            target,
            "INSERT INTO calendar_day (day, working) VALUES (?, ?)",
            [(edit.day.isoformat(), int(edit.working)) for edit in new],
        )
    differing = sum(1 for e in source_edits if e.day in kept and kept[e.day] != e.working)
    return differing + (0 if may_write else len(new))
