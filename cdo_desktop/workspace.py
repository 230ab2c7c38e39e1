"""Opening the database the user works in: created with the demo project on first use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from cdo_desktop import paths
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import Project
from cdo_desktop.exchange.json_format import parse_document_text
from cdo_desktop.storage import backups
from cdo_desktop.storage.database import open_database
from cdo_desktop.storage.projects import ProjectRepository


def demo_projects() -> list[Project]:
    """The demo project «Цифровая образовательная среда» of Кировская область, from db/demo/."""
    file = paths.demo_data_file()
    return parse_document_text(file.read_text(encoding="utf-8"), file=str(file))


@dataclass
class Workspace:
    """An open database and the repositories over it."""

    path: Path
    database: SqliteDatabase
    projects: ProjectRepository

    def close(self) -> None:
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
    path: Path | None = None, *, with_demo: bool = True, daily_backup: bool = True
) -> Workspace:
    """Open the database at `path` (default: $CDO_DB or the user's data folder).

    A file that does not exist yet is created, holding the demo project unless `with_demo` is off.
    """
    path = Path(path) if path is not None else paths.default_database_path()

    def fill(database: SqliteDatabase) -> None:
        if with_demo:
            ProjectRepository(database).replace(demo_projects(), source="демонстрационный проект")

    existed = path.exists() and path.stat().st_size > 0
    database = open_database(path, fill_new=fill)
    if existed and daily_backup:
        try:
            backups.backup_daily(database, path)
        except CdoError:
            # A full disk or a read-only backups folder must not keep the official from work;
            # the window's «Резервные копии…» says what is wrong when they look.
            pass
    return Workspace(path=path, database=database, projects=ProjectRepository(database))
