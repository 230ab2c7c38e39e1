"""Opening the database the user works in: created with the demo project on first use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from cdo_desktop import paths
from cdo_desktop.core.model import Project
from cdo_desktop.exchange.json_format import parse_document_text
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


def open_workspace(path: Path | None = None, *, with_demo: bool = True) -> Workspace:
    """Open the database at `path` (default: $CDO_DB or the user's data folder).

    A file that does not exist yet is created, holding the demo project unless `with_demo` is off.
    """
    path = Path(path) if path is not None else paths.default_database_path()

    def fill(database: SqliteDatabase) -> None:
        if with_demo:
            ProjectRepository(database).replace(demo_projects(), source="демонстрационный проект")

    database = open_database(path, fill_new=fill)
    return Workspace(path=path, database=database, projects=ProjectRepository(database))
