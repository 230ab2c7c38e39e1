"""Opening a database file: connection settings, schema version checks and migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from cdo_desktop.core.errors import DatabaseFileError
from cdo_desktop.core.history import Change, Section
from cdo_desktop.storage import backups, history
from cdo_desktop.storage.integrity import (
    BUSY_TIMEOUT_MS,
    DamagedDatabaseError,
    IntegrityCheck,
    check_integrity,
    file_error,
)
from cdo_desktop.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from cdo_desktop.storage.tables import database_proxy

# A rollback journal with full fsync: a committed change survives a power cut, and unlike WAL it
# works on the network shares where some ministries keep their files. Waiting on a lock held by a
# colleague's copy of the program is better than failing at once.
PRAGMAS = {
    "foreign_keys": 1,
    "journal_mode": "delete",
    "synchronous": "full",
    "busy_timeout": BUSY_TIMEOUT_MS,
}


def connect(path: Path | str) -> SqliteDatabase:
    """A peewee connection with the program's settings; nothing is checked or created yet.

    Transactions begin IMMEDIATE: a writer takes the write lock at once, so two copies of the
    program queue on busy_timeout instead of one failing with «database is locked» when both
    read first and then try to write.
    """
    return SqliteDatabase(str(path), pragmas=PRAGMAS, autoconnect=True, lock_type="IMMEDIATE")


def open_database(
    path: Path,
    *,
    fill_new: Callable[[SqliteDatabase], None] | None = None,
    running_check: IntegrityCheck | None = None,
    checked: bool = False,
) -> SqliteDatabase:
    """Open (or create) the database at `path`, bring its schema up to date and bind the tables.

    A new file is created with the current schema and, in the same transaction, filled by
    `fill_new`; if that fails the file is removed again. An existing file is checked for damage
    first, or, given `running_check`, by that check, which the caller waits for before writing.
    An older schema is migrated in one transaction after a copy of the file is put aside (and,
    with a running check, after it has passed); a newer one is refused. `checked`: the file
    was checked already (a workspace that opens peewee late), so it is not read through again.
    """
    path = Path(path)
    is_new = not path.exists() or path.stat().st_size == 0
    if is_new:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseFileError(
                f"не удалось создать папку для базы данных: {error.strerror}",
                place=str(path.parent),
            ) from None
    elif path.is_dir():
        raise DatabaseFileError("это папка, а не файл базы данных", place=str(path))
    database = connect(path)
    try:
        if is_new:
            _create(database, path, fill_new)
        else:
            if running_check is None and not checked:
                check_integrity(database.connection(), path)
            _upgrade(database, path, running_check)
    except (sqlite3.DatabaseError, peewee.DatabaseError) as error:
        database.close()
        raise file_error(error, path) from None
    except BaseException:
        database.close()
        raise
    database_proxy.initialize(database)
    return database


def _create(
    database: SqliteDatabase, path: Path, fill_new: Callable[[SqliteDatabase], None] | None
) -> None:
    try:
        with database.atomic():
            _migrate(database, 0)
            if fill_new is not None:
                database_proxy.initialize(database)
                fill_new(database)
    except BaseException:
        database.close()
        path.unlink(missing_ok=True)
        raise


def _upgrade(database: SqliteDatabase, path: Path, running_check: IntegrityCheck | None) -> None:
    version = schema_version(database)
    if version > SCHEMA_VERSION:
        raise DatabaseFileError(
            f"база данных создана более новой версией программы (версия схемы {version}, "
            f"эта программа знает версии до {SCHEMA_VERSION}). Обновите программу; "
            "файл оставлен без изменений",
            place=str(path),
        )
    if version == 0:
        raise DatabaseFileError(
            "файл не является базой данных cdo_desktop (в нём нет версии схемы)", place=str(path)
        )
    if version < SCHEMA_VERSION:
        if running_check is not None:
            running_check.wait()  # a damaged file is never migrated
        backups.make_backup(database, path, "migration")
        with database.atomic():
            _migrate(database, version)
            database_proxy.initialize(database)
            history.record(
                "",
                [Change(Section.PROJECT, "schema", str(version), str(SCHEMA_VERSION))],
                "обновление схемы базы данных",
            )


def _migrate(database: SqliteDatabase, current: int) -> None:
    for version, migration in enumerate(MIGRATIONS[current:], start=current + 1):
        migration.upgrade(database)
        # user_version is part of the database file, so it commits or rolls back with the DDL.
        database.pragma("user_version", version)


def schema_version(database: SqliteDatabase) -> int:
    return int(database.pragma("user_version"))


__all__ = ["DamagedDatabaseError", "IntegrityCheck", "connect", "open_database", "schema_version"]
