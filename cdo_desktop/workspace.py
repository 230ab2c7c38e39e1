"""Opening the database the user works in: created with the demo project on first use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from peewee import SqliteDatabase

from cdo_desktop import paths
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import Project
from cdo_desktop.storage import backups
from cdo_desktop.storage.database import IntegrityCheck, open_database
from cdo_desktop.storage.projects import ProjectRepository


def demo_projects() -> list[Project]:
    """The demo project «Цифровая образовательная среда» of Кировская область, from db/demo/."""
    # Only a new database needs it: the JSON reader stays off the start of an existing one.
    from cdo_desktop.exchange.json_format import parse_document_text

    file = paths.demo_data_file()
    return parse_document_text(file.read_text(encoding="utf-8"), file=str(file))


@dataclass
class Workspace:
    """An open database and the repositories over it."""

    path: Path
    database: SqliteDatabase
    projects: ProjectRepository
    # The start-up check still running in its thread (open_workspace(check_in_background=True)),
    # and the day's backup that waits for it.
    running_check: IntegrityCheck | None = field(default=None, repr=False)
    daily_backup_due: bool = False

    def confirm_sound(self) -> None:
        """Wait for a start-up check that runs in the background; DamagedDatabaseError if the
        file is damaged. Then the day's first backup, of a file known to be sound."""
        if self.running_check is not None:
            self.running_check.wait()
            self.running_check = None
        if self.daily_backup_due:
            self.daily_backup_due = False
            try:
                backups.backup_daily(self.database, self.path)
            except CdoError:
                # A full disk or a read-only backups folder must not keep the official from
                # work; the window's «Резервные копии…» says what is wrong when they look.
                pass

    def close(self) -> None:
        if self.running_check is not None:
            self.running_check.finish()
            self.running_check = None
        self.database.close()

    def backup(self, reason: str) -> Path:
        """A copy of the database in `backups/` beside it, before something big happens."""
        return backups.make_backup(self.database, self.path, reason)

    def restore(self, backup_path: Path) -> Path:
        """Put a backup in place (the current state is copied first); returns that copy."""
        saved = backups.restore_backup(self.database, self.path, backup_path)
        # A backup of an older schema is brought up to date like any older file.
        self.database.close()
        self.database = open_database(self.path)
        self.projects = ProjectRepository(self.database)
        return saved


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

    def fill(database: SqliteDatabase) -> None:
        if with_demo:
            ProjectRepository(database).replace(demo_projects(), source="демонстрационный проект")

    existed = path.exists() and path.stat().st_size > 0 and not path.is_dir()
    running_check = started_check
    if running_check is None and existed and check_in_background:
        running_check = IntegrityCheck(path)
    try:
        database = open_database(path, fill_new=fill, running_check=running_check)
    except BaseException:
        if running_check is not None:
            running_check.finish()
        raise
    workspace = Workspace(
        path=path,
        database=database,
        projects=ProjectRepository(database),
        running_check=running_check,
        daily_backup_due=existed and daily_backup,
    )
    if not check_in_background:
        workspace.confirm_sound()
    return workspace
