"""Opening a database file: creating it whole, recognising it as ours, migrating it.

A file that is not this program's database is never touched: before any migration its tables
and columns are compared with what the migrations build at its version. A new database is made
in a temporary file and linked into place, so two copies started at once both end with one
valid database and neither deletes the other's.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from cdo_desktop.core.errors import DatabaseFileError
from cdo_desktop.core.history import Change, Section
from cdo_desktop.storage import backups, dialect, history
from cdo_desktop.storage.dialect import connect_sqlite as connect
from cdo_desktop.storage.dialect import schema_version
from cdo_desktop.storage.integrity import (
    DamagedDatabaseError,
    IntegrityCheck,
    check_integrity,
    file_error,
)
from cdo_desktop.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from cdo_desktop.storage.schema_check import schema_problem
from cdo_desktop.storage.store import Store

Fill = Callable[[Store], None]


def open_store(
    path: Path,
    *,
    fill_new: Fill | None = None,
    running_check: IntegrityCheck | None = None,
    checked: bool = False,
) -> Store:
    """Open (or create) the database at `path`, bring its schema up to date: its store.

    A new file is created with the current schema and filled by `fill_new` before it appears
    under its name. An existing file is checked for damage first, or, given `running_check`, by
    that check, which the caller waits for before writing. An older schema is migrated in one
    transaction after a copy of the file is put aside (and, with a running check, after it has
    passed); a newer or a foreign one is refused and left as it is. `checked`: the file was
    checked already (a workspace that opens peewee late), so it is not read through again.
    """
    path = Path(path)
    if path.is_dir():
        raise DatabaseFileError("это папка, а не файл базы данных", place=str(path))
    if not path.exists() or path.stat().st_size == 0:
        _create(path, fill_new)
    database = connect(path)
    try:
        if running_check is None and not checked:
            check_integrity(database.connection(), path)
        _upgrade(database, path, running_check)
    except (sqlite3.DatabaseError, peewee.DatabaseError) as error:
        database.close()
        raise file_error(error, path) from None
    except BaseException:
        database.close()
        raise
    return Store(database)


def open_database(path: Path, **options: object) -> SqliteDatabase:
    """The peewee database object of `open_store` (for code that needs no store)."""
    database = open_store(path, **options).database  # type: ignore[arg-type]
    assert isinstance(database, SqliteDatabase)
    return database


def _create(path: Path, fill_new: Fill | None) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.stem}-", suffix=".creating", dir=path.parent
        )
        os.close(handle)
    except OSError as error:
        raise DatabaseFileError(
            f"не удалось создать базу данных: {error.strerror}", place=str(path.parent)
        ) from None
    made = Path(temporary)
    try:
        database = connect(made)
        try:
            with database.atomic():
                _migrate(database, 0)
                if fill_new is not None:
                    fill_new(Store(database))
        finally:
            database.close()
        try:
            # Linking never replaces: a copy of the program that made the file first wins,
            # and this one opens that file instead.
            os.link(made, path)
        except FileExistsError:
            if path.stat().st_size == 0:
                os.replace(made, path)
        except OSError:
            # Filesystems without hard links: rename (the race is then only the same moment).
            if not path.exists() or path.stat().st_size == 0:
                os.replace(made, path)
    except (sqlite3.DatabaseError, peewee.DatabaseError) as error:
        raise file_error(error, path) from None
    except OSError as error:
        raise DatabaseFileError(
            f"не удалось создать базу данных: {error.strerror}", place=str(path)
        ) from None
    finally:
        made.unlink(missing_ok=True)
        Path(f"{made}-journal").unlink(missing_ok=True)


def _upgrade(database: SqliteDatabase, path: Path, running_check: IntegrityCheck | None) -> None:
    version = schema_version(database)
    if version > SCHEMA_VERSION:
        raise DatabaseFileError(
            f"база данных создана более новой версией программы (версия схемы {version}, "
            f"эта программа знает версии до {SCHEMA_VERSION}). Обновите программу; "
            "файл оставлен без изменений",
            place=str(path),
        )
    problem = schema_problem(database.connection())
    if problem is not None:
        raise DatabaseFileError(f"{problem}; файл оставлен без изменений", place=str(path))
    if version < SCHEMA_VERSION:
        if running_check is not None:
            running_check.wait()  # a damaged file is never migrated
        backups.make_backup(database, path, "migration")
        with database.atomic():
            _migrate(database, version)
            history.record(
                database,
                "",
                [Change(Section.PROJECT, "schema", str(version), str(SCHEMA_VERSION))],
                "обновление схемы базы данных",
            )


def _migrate(database: SqliteDatabase, current: int) -> None:
    for version, migration in enumerate(MIGRATIONS[current:], start=current + 1):
        migration.upgrade(database)
        dialect.set_schema_version(database, version)


__all__ = [
    "DamagedDatabaseError",
    "IntegrityCheck",
    "connect",
    "open_database",
    "open_store",
    "schema_version",
]
