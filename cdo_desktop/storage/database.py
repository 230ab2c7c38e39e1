"""Opening a database file: connection settings, schema version checks and migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from cdo_desktop.core.errors import DatabaseFileError
from cdo_desktop.core.history import Change, Section
from cdo_desktop.storage import history
from cdo_desktop.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from cdo_desktop.storage.tables import database_proxy

# A rollback journal with full fsync: a committed change survives a power cut, and unlike WAL it
# works on the network shares where some ministries keep their files. Waiting on a lock held by a
# colleague's copy of the program is better than failing at once.
PRAGMAS = {
    "foreign_keys": 1,
    "journal_mode": "delete",
    "synchronous": "full",
    "busy_timeout": 10_000,
}

BACKUP_FOLDER = "backups"


def connect(path: Path | str) -> SqliteDatabase:
    """A peewee connection with the program's settings; nothing is checked or created yet."""
    return SqliteDatabase(str(path), pragmas=PRAGMAS, autoconnect=True)


def open_database(
    path: Path,
    *,
    fill_new: Callable[[SqliteDatabase], None] | None = None,
) -> SqliteDatabase:
    """Open (or create) the database at `path`, bring its schema up to date and bind the tables.

    A new file is created with the current schema and, in the same transaction, filled by
    `fill_new`; if that fails the file is removed again. An older schema is migrated in one
    transaction after a copy of the file is put aside; a newer one is refused.
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
            _upgrade(database, path)
    except (sqlite3.DatabaseError, peewee.DatabaseError) as error:
        database.close()
        raise DatabaseFileError(_sqlite_reason(error), place=str(path)) from None
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


def _upgrade(database: SqliteDatabase, path: Path) -> None:
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
        copy_aside(database, path, f"до-обновления-схемы-{version}")
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


def copy_aside(database: SqliteDatabase, path: Path, reason: str) -> Path:
    """A consistent copy of the open database in `backups/` beside it (SQLite's backup API)."""
    folder = path.parent / BACKUP_FOLDER
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{stamp}-{reason}.sqlite"
    destination = sqlite3.connect(target)
    try:
        database.connection().backup(destination)
    finally:
        destination.close()
    return target


def _sqlite_reason(error: Exception) -> str:
    text = str(error)
    if "file is not a database" in text:
        return "файл не является базой данных или повреждён"
    if "database disk image is malformed" in text:
        return "файл базы данных повреждён"
    if "readonly" in text or "read-only" in text:
        return "нет права записи в файл базы данных"
    if "unable to open" in text:
        return "не удалось открыть файл базы данных"
    if "locked" in text or "busy" in text:
        return "база данных занята другой программой; попробуйте ещё раз"
    return f"ошибка базы данных: {text}"
