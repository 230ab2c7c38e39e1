"""Backups: verified copies of the database that belong to it and to no other.

A copy is made before every import, `load` and migration, once a day at the first start, and
before a restore.

Whose copy is it? Every database (schema 4) carries a random `database_id` in its `meta`
table, and its copies live in a folder of their own, `backups/<stem>-<id8>/`. A folder, not a
manifest: nothing shared is rewritten by two copies of the program at once, a copy is found
by listing one folder, and the copy itself repeats the id (its `meta` table), which a restore
checks. Copies made before schema 4 lie in `backups/` as `<stem>-ГГГГММДД-ЧЧММСС-ffffff-
<reason>.sqlite`; they are this database's when the name matches exactly — `проект` never
takes `проект-2023`'s — and are moved into its folder at its next copy, so none is orphaned.
A database of an older schema (before its migration) has no id yet and is copied under that
older name, to be adopted the same way.

Each copy is written under a partial name, checked with `integrity_check` and renamed
(`safe_copy`); one that fails is removed and the failure told. Retention keeps the newest
copies by count and by total size; copies that are not whole go first, and the newest whole
copy is never removed.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cdo_desktop.core.errors import DatabaseFileError
from cdo_desktop.files import flush_folder, flush_to_disk
from cdo_desktop.storage import presence, safe_copy
from cdo_desktop.storage.integrity import DamagedDatabaseError, file_error
from cdo_desktop.storage.migrations import SCHEMA_VERSION
from cdo_desktop.storage.safe_copy import (
    StillLocked,
    clean_strays,
    copy_database,
    copy_pages,
    disk_problem,
    looks_whole,
    partial_name,
    read_only,
    remove_with_journal,
    write_verified_copy,
)
from cdo_desktop.storage.schema_check import migrate_plain, schema_problem

if TYPE_CHECKING:
    from peewee import SqliteDatabase

BACKUP_FOLDER = "backups"
# 20 copies: a month of working days' first starts, or a week's imports and loads besides.
KEEP = 20
# 2 GB: a region's database is a few megabytes, so only an unusually big file meets this
# cap; it keeps a shared or portable drive from filling with copies (20 copies of a 240 MB
# file reached 4.8 GB). The newest whole copy is kept even when it alone is bigger.
KEEP_BYTES = 2 * 1024**3
_SHARING_VIOLATIONS = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
_STAMP_AND_REASON = r"-(\d{8}-\d{6}-\d{6})-([a-z]+)\.sqlite"

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


@dataclass(frozen=True)
class ProjectStamp:
    """A project in a copy, as the restore dialog shows it before replacing."""

    code: str
    name: str
    updated_at: str | None


def folder_of(database_path: Path) -> Path:
    """The folder all backups beside the database live in (each database's in a subfolder)."""
    return database_path.parent / BACKUP_FOLDER


def database_id(connection: sqlite3.Connection) -> str | None:
    """The database's own id; "" for a readable database without one (an older schema), None
    for a file that cannot be read."""
    try:
        rows = connection.execute("SELECT value FROM meta WHERE key = 'database_id'").fetchall()
    except sqlite3.OperationalError as error:
        return "" if "no such table" in str(error) else None
    except sqlite3.Error:
        return None
    return str(rows[0][0]) if rows else ""


def read_database_id(database_path: Path) -> str | None:
    """`database_id` of the file at `database_path`, without writing to it."""
    try:
        connection = read_only(database_path)
    except sqlite3.Error:
        return None
    try:
        return database_id(connection)
    finally:
        connection.close()


def own_folder(database_path: Path, identity: str) -> Path:
    return folder_of(database_path) / f"{database_path.stem}-{identity[:8]}"


def _folders(database_path: Path, identity: str | None) -> list[Path]:
    """Where this database's copies are: its own folder; for a file whose id cannot be read
    (a damaged one), every folder of exactly its stem; none before it has an id."""
    if identity:
        return [own_folder(database_path, identity)]
    if identity == "":
        return []
    pattern = re.compile(re.escape(database_path.stem) + r"-[0-9a-f]{8}")
    try:
        return [
            path
            for path in folder_of(database_path).iterdir()
            if path.is_dir() and pattern.fullmatch(path.name)
        ]
    except OSError:
        return []


def _copies_in(folder: Path, stem: str) -> list[Backup]:
    pattern = re.compile(re.escape(stem) + _STAMP_AND_REASON)
    try:
        paths = list(folder.iterdir())
    except OSError:
        return []
    found = []
    for path in paths:
        match = pattern.fullmatch(path.name)
        if match is not None:
            made = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f")
            found.append(Backup(path, made, match.group(2)))
    return found


def _list(database_path: Path, identity: str | None) -> list[Backup]:
    stem = database_path.stem
    found = _copies_in(folder_of(database_path), stem)  # by earlier versions, exact name
    for folder in _folders(database_path, identity):
        found += _copies_in(folder, stem)
    return sorted(found, key=lambda backup: backup.made, reverse=True)


def list_backups(database_path: Path) -> list[Backup]:
    """This database's backups, newest first (its id read from the file)."""
    return _list(database_path, read_database_id(database_path))


def make_backup(
    database: SqliteDatabase | sqlite3.Connection, database_path: Path, reason: str
) -> Path:
    """A verified copy of the open database in its backups folder, then the retention.

    DatabaseFileError, in Russian, when the copy could not be made; nothing is left of it.
    """
    source = database if isinstance(database, sqlite3.Connection) else database.connection()
    identity = database_id(source) or ""
    folder = own_folder(database_path, identity) if identity else folder_of(database_path)
    target = folder / f"{database_path.stem}-{datetime.now():%Y%m%d-%H%M%S-%f}-{reason}.sqlite"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        clean_strays(folder)
        if identity:
            clean_strays(folder_of(database_path))
            _adopt(database_path, folder)
        write_verified_copy(source, target)
    except (OSError, sqlite3.Error, StillLocked, DatabaseFileError) as error:
        raise DatabaseFileError(
            f"не удалось сделать резервную копию: {disk_problem(error)}", place=str(folder)
        ) from None
    prune(database_path, identity)
    return target


def _adopt(database_path: Path, folder: Path) -> None:
    """Move the copies earlier versions made of this database (exact name) into its folder;
    one cut off mid-copy (a journal beside it) is left for `prune` to remove."""
    for backup in _copies_in(folder_of(database_path), database_path.stem):
        if looks_whole(backup.path) and not (folder / backup.path.name).exists():
            os.replace(backup.path, folder / backup.path.name)


def prune(
    database_path: Path, identity: str | None, keep: int = KEEP, keep_bytes: int = KEEP_BYTES
) -> None:
    """Remove copies that are not whole, then the oldest whole ones beyond `keep` copies or
    `keep_bytes` in all; the newest whole copy always stays."""
    found = _list(database_path, identity)
    whole = []
    for backup in found:
        if looks_whole(backup.path):
            whole.append(backup)
        else:
            remove_with_journal(backup.path)
    total = 0
    for index, backup in enumerate(whole):
        try:
            size = backup.path.stat().st_size
        except OSError:
            continue
        total += size
        if index > 0 and (index >= keep or total > keep_bytes):
            for older in whole[index:]:
                older.path.unlink(missing_ok=True)
            return


def backup_daily(database: SqliteDatabase | sqlite3.Connection, database_path: Path) -> Path | None:
    """The day's first start makes a copy; later starts the same day do not. Only a whole
    copy counts: a failed attempt leaves none, so the next start tries again."""
    source = database if isinstance(database, sqlite3.Connection) else database.connection()
    today = date.today()
    for backup in _list(database_path, database_id(source) or ""):
        if backup.made.date() == today and looks_whole(backup.path):
            return None
    return make_backup(database, database_path, "daily")


def check_backup_file(path: Path, *, identity: str | None = None) -> None:
    """A file to restore from must be a sound database of this program, of its schema version
    or an older one; given `identity`, a copy of that database and no other."""
    if not path.is_file():
        raise DatabaseFileError("файл резервной копии не найден", place=str(path))
    try:
        connection = read_only(path)
        try:
            (status,) = connection.execute("PRAGMA quick_check(1)").fetchone()
            problem = schema_problem(connection) if status == "ok" else None
            own = database_id(connection)
        finally:
            connection.close()
    except sqlite3.Error:
        raise DatabaseFileError(
            "файл не является базой данных или повреждён", place=str(path)
        ) from None
    if status != "ok":
        raise DatabaseFileError("резервная копия повреждена", place=str(path))
    if problem is not None:
        if "более новой версией" in problem:
            problem = "резервная копия сделана более новой версией программы"
        raise DatabaseFileError(problem, place=str(path))
    if identity and own and own != identity:
        raise DatabaseFileError("это резервная копия другой базы данных", place=str(path))


def backup_contents(path: Path) -> list[ProjectStamp]:
    """The projects in a copy and their last change, for the user to see before restoring."""
    try:
        connection = read_only(path)
        try:
            columns = {row[1] for row in connection.execute("PRAGMA table_info(project)")}
            changed = "updated_at" if "updated_at" in columns else "NULL"
            rows = connection.execute(
                f"SELECT code, name, {changed} FROM project ORDER BY code"
            ).fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        raise DatabaseFileError(
            "файл не является базой данных или повреждён", place=str(path)
        ) from None
    return [ProjectStamp(str(code), str(name), updated) for code, name, updated in rows]


def refuse_same_file(database_path: Path, other: Path, action: str) -> None:
    """Copying a database onto itself would wait for its own lock for ever."""
    try:
        same = other.exists() and os.path.samefile(other, database_path)
    except OSError:
        same = False
    if same:
        raise DatabaseFileError(f"это сам файл базы данных: {action}", place=str(other))


def restore_backup(
    database: SqliteDatabase | sqlite3.Connection | None, database_path: Path, backup_path: Path
) -> Path | None:
    """Put a backup's contents in place of the database's; returns where the state it had
    is kept (None when there was no file).

    `database`: the caller's open connection to it, if any (not in a transaction); the
    current state is copied through it. A sound file is copied into the backups folder and then
    overwritten page by page under SQLite's lock, so other copies of the program see the
    restored data and a crash midway leaves the old contents. A damaged file is not read
    through SQLite at all: it is kept beside as `<stem>-повреждён-<stamp>` and replaced. A
    copy of an older schema is brought up to date first; the database keeps its own id, so
    its backups stay its own. Waits for other connections at most `safe_copy.WAIT_SECONDS`,
    then says who holds the file.
    """
    refuse_same_file(database_path, backup_path, "восстановить базу из неё самой нельзя")
    check_backup_file(backup_path)
    clean_strays(database_path.parent)  # what a restore killed midway left beside the file
    replacement = partial_name(database_path.with_name(database_path.name + ".restore"))
    as_found = partial_name(database_path.with_name(database_path.name + ".as-found"))
    try:
        database_path.parent.mkdir(parents=True, exist_ok=True)  # a first use: no folder yet
        _snapshot_with_journal(database_path, as_found)
        state, identity = _current_state(database_path)
        _prepare(backup_path, replacement, identity)
        if state == "sound":
            return _overwrite(database, database_path, replacement)
        return _replace(database_path, replacement, as_found, damaged=state == "damaged")
    except StillLocked:
        raise _held(database_path) from None
    except OSError as error:
        if getattr(error, "winerror", None) in _SHARING_VIOLATIONS:
            raise _held(database_path) from None  # Windows: the file is open elsewhere
        raise DatabaseFileError(
            f"не удалось восстановить: {disk_problem(error)}; база не изменена",
            place=str(database_path),
        ) from None
    except sqlite3.Error as error:
        raise DatabaseFileError(
            f"не удалось восстановить: {disk_problem(error)}; база не изменена",
            place=str(database_path),
        ) from None
    finally:
        remove_with_journal(replacement)
        remove_with_journal(as_found)


def _snapshot_with_journal(database_path: Path, as_found: Path) -> None:
    """A file with a journal beside it (a crash) is copied with it before SQLite first opens
    it, which rolls the journal in: a damaged file is then kept exactly as it was found."""
    journal = Path(f"{database_path}-journal")
    if not journal.exists():
        return
    shutil.copyfile(database_path, as_found)
    shutil.copyfile(journal, Path(f"{as_found}-journal"))


def _current_state(database_path: Path) -> tuple[str, str | None]:
    """ "missing", "sound" or "damaged", and the database's id when it can be read; a sound
    file that is not this program's database (or a newer one's) is refused."""
    try:
        if not database_path.is_file() or database_path.stat().st_size == 0:
            return "missing", None
    except OSError:
        return "missing", None
    # A read-write connection: a sound file's hot journal (a crash) is rolled back as at any
    # start, instead of being taken for damage.
    try:
        connection = sqlite3.connect(database_path, timeout=safe_copy.WAIT_SECONDS)
        try:
            (status,) = connection.execute("PRAGMA quick_check(1)").fetchone()
            problem = schema_problem(connection) if status == "ok" else None
            identity = database_id(connection) if status == "ok" else None
        finally:
            connection.close()
    except sqlite3.Error as error:
        if _is_busy(error):
            raise _held(database_path) from None
        told = file_error(error, database_path)
        if not isinstance(told, DamagedDatabaseError) and "не является" not in told.problem:
            raise told from None
        status = "damaged"
    if status != "ok":
        return "damaged", read_database_id(database_path) or None
    if problem is not None:
        raise DatabaseFileError(
            f"{problem}; восстановление в этот файл не выполнено", place=str(database_path)
        )
    return "sound", identity or None


def _is_busy(error: BaseException) -> bool:
    return "locked" in str(error) or "busy" in str(error)


def _held(database_path: Path) -> DatabaseFileError:
    return DatabaseFileError(
        f"{presence.held_by(database_path)}. Восстановление не выполнено, база не изменена; "
        "закройте программу там и повторите",
        place=str(database_path),
    )


def _prepare(backup_path: Path, replacement: Path, identity: str | None) -> None:
    """The restored contents in a file of their own: the copy, migrated to the current
    schema, with the database's own id."""
    source = read_only(backup_path)
    try:
        copy_database(source, replacement)
    finally:
        source.close()
    connection = sqlite3.connect(replacement, isolation_level=None)
    try:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        connection.execute("BEGIN IMMEDIATE")
        if version < SCHEMA_VERSION:
            migrate_plain(connection, version)
        if identity:
            connection.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('database_id', ?)", (identity,)
            )
        connection.execute("COMMIT")
    finally:
        connection.close()


def _overwrite(
    database: SqliteDatabase | sqlite3.Connection | None, database_path: Path, replacement: Path
) -> Path:
    if database is None:
        current = sqlite3.connect(database_path, timeout=0.5)
        try:
            saved = make_backup(current, database_path, "restore")
        finally:
            current.close()
    else:
        saved = make_backup(database, database_path, "restore")
    source = read_only(replacement)
    # A connection of its own with a short busy wait: copy_pages bounds the whole wait.
    destination = sqlite3.connect(database_path, timeout=0.5)
    try:
        copy_pages(source, destination)
    finally:
        destination.close()
        source.close()
    return saved


def _replace(
    database_path: Path, replacement: Path, as_found: Path, *, damaged: bool
) -> Path | None:
    """The damaged file is kept beside, as it was found, with its journal (which belongs to it
    and must never be rolled into the restored contents); a copy, then a rename over it, so
    there is never a moment without a database file. Nobody may have it open: its lock says.
    """
    kept = None
    if damaged:
        _wait_until_free(database_path)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = database_path.with_name(
            f"{database_path.stem}-повреждён-{stamp}{database_path.suffix}"
        )
        journal = Path(f"{database_path}-journal")
        if as_found.exists():
            os.replace(Path(f"{as_found}-journal"), Path(f"{kept}-journal"))
            os.replace(as_found, kept)
            journal.unlink(missing_ok=True)  # kept with the file, as it was found
        else:
            shutil.copyfile(database_path, kept)
            if journal.exists():
                os.replace(journal, Path(f"{kept}-journal"))
        flush_to_disk(kept)
        for suffix in ("-wal", "-shm"):
            Path(f"{database_path}{suffix}").unlink(missing_ok=True)  # never made: no WAL
    flush_to_disk(replacement)
    os.replace(replacement, database_path)
    flush_folder(database_path)
    return kept


def _wait_until_free(database_path: Path) -> None:
    """StillLocked when another connection keeps a lock on the file past the wait; a file
    too damaged to be locked through SQLite is nobody's to wait for."""
    probe = sqlite3.connect(database_path, timeout=0.2, isolation_level=None)
    deadline = time.monotonic() + safe_copy.WAIT_SECONDS
    try:
        while True:
            try:
                probe.execute("BEGIN EXCLUSIVE")
                probe.execute("ROLLBACK")
                return
            except sqlite3.Error as error:
                if not _is_busy(error):
                    return
            if time.monotonic() >= deadline:
                raise StillLocked
            time.sleep(0.1)
    finally:
        probe.close()


def newest_sound_backup(database_path: Path) -> Backup | None:
    """The newest of the database's own backups that passes `check_backup_file`."""
    identity = read_database_id(database_path)
    for backup in _list(database_path, identity):
        try:
            check_backup_file(backup.path, identity=identity or None)
        except DatabaseFileError:
            continue
        return backup
    return None


def recover_from_backup(database_path: Path) -> Backup | None:
    """Replace a damaged database file by its newest sound backup; the damaged file is kept
    beside, renamed, for the IT department. None when no backup is sound."""
    backup = newest_sound_backup(database_path)
    if backup is not None:
        restore_backup(None, database_path, backup.path)
    return backup
