"""Writing and reading the change history; every write happens inside the change's transaction."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable
from datetime import datetime

from peewee import Database

from cdo_desktop.core.history import Change, HistoryEntry, Section
from cdo_desktop.storage import dialect
from cdo_desktop.storage.tables import ChangeLogTable

EDITING = "правка в окне программы"


def os_user() -> str:
    """The operating-system user name: who changed a figure, as the ministry's IT knows them."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return os.environ.get("USERNAME") or os.environ.get("USER") or "неизвестный"


def author(database: Database) -> str:
    """Who makes a change: the server's user (the role the official connects as), or on a
    file the operating-system user."""
    if dialect.is_sqlite(database):
        return os_user()
    return str(database.execute_sql("SELECT session_user").fetchone()[0])


def now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def record(database: Database, project_code: str, changes: Iterable[Change], source: str) -> int:
    """Store changes; call inside the transaction that makes them. Returns how many."""
    at, user = now(), author(database)
    rows = [
        (
            at,
            user,
            project_code,
            change.section.value,
            change.row_number,
            change.row_name,
            change.year,
            change.field,
            change.detail,
            change.old,
            change.new,
            source,
        )
        for change in changes
    ]
    # A big import writes tens of thousands of entries: one executemany on the database's
    # cursor, in the caller's transaction, goes at the driver's own speed.
    dialect.insert_many(database, _INSERT, rows)
    return len(rows)


_INSERT = (
    "INSERT INTO change_log (at, author, project_code, section, row_number, row_name, year, "
    "field, detail, old, new, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def entries(
    database: Database,
    *,
    project_code: str | None = None,
    since: str | None = None,
    user: str | None = None,
    row: str | None = None,
    section: Section | None = None,
    year: int | None = None,
    field: str | None = None,
    limit: int | None = None,
) -> list[HistoryEntry]:
    """History entries, newest first, filtered as asked (`since`: an ISO date or date-time;
    `row`: a row number, or words found in the row's name)."""
    with database.bind_ctx([ChangeLogTable]):
        return _entries(
            project_code=project_code,
            since=since,
            user=user,
            row=row,
            section=section,
            year=year,
            field=field,
            limit=limit,
        )


def _entries(
    *,
    project_code: str | None,
    since: str | None,
    user: str | None,
    row: str | None,
    section: Section | None,
    year: int | None,
    field: str | None,
    limit: int | None,
) -> list[HistoryEntry]:
    query = ChangeLogTable.select().order_by(ChangeLogTable.at.desc(), ChangeLogTable.id.desc())
    if project_code is not None:
        query = query.where(ChangeLogTable.project_code == project_code)
    if since:
        query = query.where(ChangeLogTable.at >= since)
    if user:
        query = query.where(ChangeLogTable.author == user)
    if row:
        query = query.where(
            (ChangeLogTable.row_number == row) | ChangeLogTable.row_name.contains(row)
        )
    if section is not None:
        query = query.where(ChangeLogTable.section == section.value)
    if year is not None:
        query = query.where(ChangeLogTable.year == year)
    if field is not None:
        query = query.where(ChangeLogTable.field == field)
    if limit is not None:
        query = query.limit(limit)
    return [
        HistoryEntry(
            id=record.id,
            at=record.at,
            user=record.author,
            project_code=record.project_code,
            source=record.source,
            change=Change(
                Section(record.section),
                record.field,
                record.old,
                record.new,
                record.row_number,
                record.row_name,
                record.year,
                record.detail,
            ),
        )
        for record in query
    ]


def users(database: Database) -> list[str]:
    with database.bind_ctx([ChangeLogTable]):
        return [
            r.author
            for r in ChangeLogTable.select(ChangeLogTable.author)
            .distinct()
            .order_by(ChangeLogTable.author)
        ]
