"""Backups: consistent copies made with SQLite's online backup API, the last 20 kept.

A copy is made before every import, `load` and migration, once a day at the first start, and
before a restore; they live in `backups/` beside the database.
"""

from __future__ import annotations

import glob
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cdo_desktop.core.errors import DatabaseFileError
from cdo_desktop.storage.migrations import SCHEMA_VERSION

if TYPE_CHECKING:
    from peewee import SqliteDatabase

BACKUP_FOLDER = "backups"
KEEP = 20
_STAMP = re.compile(r"-(\d{8}-\d{6}-\d{6})-")

REASONS = {
    "daily": "ежедневная",
    "import": "перед импортом",
    "load": "перед загрузкой",
    "migration": "перед обновлением схемы",
    "restore": "перед восстановлением",
    "manual": "по команде",
}


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime
    reason: str

    @property
    def reason_words(self) -> str:
        return REASONS.get(self.reason, self.reason)


def folder_of(database_path: Path) -> Path:
    return database_path.parent / BACKUP_FOLDER


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of an open database, even while others write to it."""
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()


def make_backup(
    database: SqliteDatabase | sqlite3.Connection, database_path: Path, reason: str
) -> Path:
    """Copy the open database into `backups/`, then keep only the newest copies."""
    folder = folder_of(database_path)
    try:
        folder.mkdir(exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{database_path.stem}-{stamp}-{reason}.sqlite"
        source = database if isinstance(database, sqlite3.Connection) else database.connection()
        copy_database(source, target)
    except (OSError, sqlite3.Error) as error:
        raise DatabaseFileError(
            f"не удалось сделать резервную копию: {error}", place=str(folder)
        ) from None
    prune(database_path)
    return target


def list_backups(database_path: Path) -> list[Backup]:
    """This database's backups, newest first."""
    folder = folder_of(database_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{glob.escape(database_path.stem)}-*.sqlite"):
        match = _STAMP.search(path.name[len(database_path.stem) :])
        if match is None:
            continue
        made = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f")
        reason = path.stem[len(database_path.stem) + match.end() :]
        found.append(Backup(path, made, reason))
    return sorted(found, key=lambda backup: backup.made, reverse=True)


def prune(database_path: Path, keep: int = KEEP) -> None:
    for backup in list_backups(database_path)[keep:]:
        backup.path.unlink(missing_ok=True)


def backup_daily(database: SqliteDatabase | sqlite3.Connection, database_path: Path) -> Path | None:
    """The day's first start makes a copy; later starts the same day do not."""
    # Looked up by name, not by list_backups(): this runs at every start, which it should not slow.
    today = f"{glob.escape(database_path.stem)}-{date.today():%Y%m%d}-*.sqlite"
    if next(folder_of(database_path).glob(today), None) is not None:
        return None
    return make_backup(database, database_path, "daily")


def check_backup_file(path: Path) -> None:
    """A file to restore from must be a sound SQLite database of this program."""
    if not path.is_file():
        raise DatabaseFileError("файл резервной копии не найден", place=str(path))
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            status = connection.execute("PRAGMA quick_check").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            connection.close()
    except sqlite3.Error:
        raise DatabaseFileError(
            "файл не является базой данных или повреждён", place=str(path)
        ) from None
    if status != "ok":
        raise DatabaseFileError("резервная копия повреждена", place=str(path))
    if version == 0 or "project" not in tables:
        raise DatabaseFileError("файл не является базой данных cdo_desktop", place=str(path))
    if version > SCHEMA_VERSION:
        raise DatabaseFileError(
            "резервная копия сделана более новой версией программы", place=str(path)
        )


def refuse_same_file(database_path: Path, other: Path, action: str) -> None:
    """Copying a database onto itself would wait for its own lock for ever."""
    try:
        same = other.exists() and os.path.samefile(other, database_path)
    except OSError:
        same = False
    if same:
        raise DatabaseFileError(f"это сам файл базы данных: {action}", place=str(other))


def restore_backup(database: SqliteDatabase, database_path: Path, backup_path: Path) -> Path:
    """Put a backup's contents into the open database; the current state is copied first.

    The backup API writes the pages under the database's own lock, so a crash midway leaves
    the old contents (SQLite's journal rolls it back), never a mix.
    """
    refuse_same_file(database_path, backup_path, "восстановить базу из неё самой нельзя")
    check_backup_file(backup_path)
    saved = make_backup(database, database_path, "restore")
    source = sqlite3.connect(f"file:{backup_path}?mode=ro", uri=True)
    try:
        source.backup(database.connection())
    except sqlite3.Error as error:
        raise DatabaseFileError(
            f"не удалось восстановить: {error}", place=str(backup_path)
        ) from None
    finally:
        source.close()
    return saved


def recover_from_backup(database_path: Path) -> Backup | None:
    """Replace a damaged database file by its newest sound backup, without opening it.

    The damaged file is kept beside, renamed, for the IT department; None when no backup is
    sound.
    """
    for backup in list_backups(database_path):
        try:
            check_backup_file(backup.path)
        except DatabaseFileError:
            continue
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        damaged = database_path.with_name(f"{database_path.stem}-повреждён-{stamp}.sqlite")
        database_path.replace(damaged)
        for suffix in ("-journal", "-wal", "-shm"):
            Path(f"{database_path}{suffix}").unlink(missing_ok=True)
        source = sqlite3.connect(f"file:{backup.path}?mode=ro", uri=True)
        try:
            copy_database(source, database_path)
        finally:
            source.close()
        return backup
    return None
