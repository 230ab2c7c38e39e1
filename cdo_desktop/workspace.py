"""Opening the database the user works in: created with the demo project on first use."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from cdo_desktop import paths
from cdo_desktop.core.errors import CdoError, DatabaseFileError
from cdo_desktop.core.model import Project
from cdo_desktop.storage import backups
from cdo_desktop.storage.integrity import BUSY_TIMEOUT_MS, IntegrityCheck
from cdo_desktop.storage.migrations import SCHEMA_VERSION
from cdo_desktop.storage.reading import ProjectReader

if TYPE_CHECKING:
    from peewee import SqliteDatabase

    from cdo_desktop.storage.projects import ProjectRepository


def demo_projects() -> list[Project]:
    """The demo project «Цифровая образовательная среда» of Кировская область, from db/demo/."""
    # Only a new database needs it: the JSON reader stays off the start of an existing one.
    from cdo_desktop.exchange.json_format import parse_document_text

    file = paths.demo_data_file()
    return parse_document_text(file.read_text(encoding="utf-8"), file=str(file))


class Workspace:
    """An open database and the repositories over it.

    Opened for the window (`check_in_background`) on a file of the current schema, it starts on
    a plain sqlite3 connection: `reader` shows projects at once, and peewee, with the rest of
    the storage code, is imported and connected at the first use of `database` or `projects`
    (the first edit, say), not before the window is up.
    """

    def __init__(
        self,
        path: Path,
        *,
        database: SqliteDatabase | None = None,
        plain: sqlite3.Connection | None = None,
        running_check: IntegrityCheck | None = None,
        daily_backup_due: bool = False,
    ) -> None:
        self.path = path
        self._database = database
        self._plain = plain
        self._closed = False
        # Counts the connections read with (data_version is per connection).
        self._generation = 0
        self._projects: ProjectRepository | None = None
        self.reader = ProjectReader(self._read_connection)
        # The start-up check still running in its thread (open_workspace(check_in_background=
        # True)), and the day's backup that waits for it.
        self.running_check = running_check
        self.daily_backup_due = daily_backup_due

    @property
    def database(self) -> SqliteDatabase:
        self._refuse_if_closed()
        if self._database is None:
            from cdo_desktop.storage.database import open_database

            # The file was checked (or is: confirm_sound waits for it) and has the current
            # schema: opening connects and binds the tables.
            self._read_with(open_database(self.path, checked=True))
        assert self._database is not None
        return self._database

    def _read_with(self, database: SqliteDatabase) -> None:
        """peewee's connection from now on, for writing and reading alike."""
        if self._plain is not None:
            self._plain.close()
            self._plain = None
        self._database = database
        self._projects = None
        self._generation += 1

    @property
    def projects(self) -> ProjectRepository:
        if self._projects is None:
            from cdo_desktop.storage.projects import ProjectRepository

            self._projects = ProjectRepository(self.database)
        return self._projects

    def _read_connection(self) -> sqlite3.Connection:
        self._refuse_if_closed()
        if self._database is not None:
            return self._database.connection()
        assert self._plain is not None
        return self._plain

    @property
    def closed(self) -> bool:
        return self._closed

    def _refuse_if_closed(self) -> None:
        # A closed workspace stays closed: reopening it would bind the tables to its file again,
        # behind the back of the workspace the window works in now.
        if self._closed:
            raise DatabaseFileError("база данных уже закрыта в этом окне", place=str(self.path))

    def data_version(self) -> tuple[int, int]:
        """Changes when another connection commits (SQLite's PRAGMA data_version), read over
        the connection the window reads with; the first number changes when that connection
        does, and then the second says nothing about others' commits."""
        (version,) = self._read_connection().execute("PRAGMA data_version").fetchone()
        return self._generation, int(version)

    def confirm_sound(self) -> None:
        """Wait for a start-up check that runs in the background; DamagedDatabaseError if the
        file is damaged. Then the day's first backup, of a file known to be sound."""
        if self.running_check is not None:
            self.running_check.wait()
            self.running_check = None
        if self.daily_backup_due:
            self.daily_backup_due = False
            try:
                backups.backup_daily(self._read_connection(), self.path)
            except CdoError as error:
                # A full disk or a read-only backups folder must not keep the official from
                # work, nor go unsaid: the window tells `backup_failure`. No copy is left, so
                # the next start tries again.
                self.backup_failure: str | None = str(error)

    def close(self) -> None:
        self._closed = True
        if self.running_check is not None:
            self.running_check.finish()
            self.running_check = None
        if self._database is not None:
            self._database.close()
        if self._plain is not None:
            self._plain.close()
            self._plain = None

    def backup(self, reason: str) -> Path:
        """A copy of the database in `backups/` beside it, before something big happens."""
        return backups.make_backup(self._read_connection(), self.path, reason)

    def restore(self, backup_path: Path) -> Path:
        """Put a backup in place (the current state is copied first); returns that copy."""
        from cdo_desktop.storage.database import open_database

        saved = backups.restore_backup(self.database, self.path, backup_path)
        # A backup of an older schema is brought up to date like any older file.
        self.database.close()
        self._read_with(open_database(self.path))
        return saved


def _plain_connection(path: Path) -> sqlite3.Connection | None:
    """A plain connection to a file of the current schema, for reading; None for anything
    else (an older or newer schema, not a database), which the full opening deals with."""
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return None
    try:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error:
        version = None
    if version != SCHEMA_VERSION:
        connection.close()
        return None
    return connection


def open_workspace(
    path: Path | None = None,
    *,
    with_demo: bool = True,
    daily_backup: bool = True,
    check_in_background: bool = False,
    started_check: IntegrityCheck | None = None,
) -> Workspace:
    """Open the database at `path` (default: $CDO_DB or the user's data folder).

    A file that does not exist yet is created, holding the demo project unless `with_demo` is off.
    An existing file is checked for damage before this returns, or, with `check_in_background`,
    while the caller reads from it: the caller then calls `confirm_sound()` before showing or
    writing anything (the window does: its start-up is then no longer than the check).
    `started_check` is such a check of this file, started earlier (`IntegrityCheck.of_existing`).
    """
    path = Path(path) if path is not None else paths.default_database_path()
    existed = path.exists() and path.stat().st_size > 0 and not path.is_dir()
    running_check = started_check
    if running_check is None and existed and check_in_background:
        running_check = IntegrityCheck(path)
    plain = _plain_connection(path) if existed and check_in_background else None
    if plain is not None:
        return Workspace(
            path,
            plain=plain,
            running_check=running_check,
            daily_backup_due=daily_backup,
        )

    from cdo_desktop.storage.database import open_database
    from cdo_desktop.storage.projects import ProjectRepository

    def fill(database: SqliteDatabase) -> None:
        if with_demo:
            ProjectRepository(database).replace(demo_projects(), source="демонстрационный проект")

    try:
        database = open_database(path, fill_new=fill, running_check=running_check)
    except BaseException:
        if running_check is not None:
            running_check.finish()
        raise
    workspace = Workspace(
        path,
        database=database,
        running_check=running_check,
        daily_backup_due=existed and daily_backup,
    )
    if not check_in_background:
        workspace.confirm_sound()
    return workspace
