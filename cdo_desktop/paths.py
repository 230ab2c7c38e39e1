"""Where things are: the user's database, and the files that ship with the program."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "cdo_desktop"
DATABASE_FILE = "cdo_desktop.sqlite"
DATABASE_ENV = "CDO_DB"

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    """`resources/` or `db/`: inside the installed package, or at the top of a source checkout."""
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def resources_dir() -> Path:
    return _bundled("resources")


def db_dir() -> Path:
    return _bundled("db")


def demo_data_file() -> Path:
    return db_dir() / "demo" / "cos_kirov.json"


def user_data_dir() -> Path:
    """%APPDATA%\\cdo_desktop on Windows, ~/.local/share/cdo_desktop (XDG) elsewhere.

    The same folders Qt's QStandardPaths.AppDataLocation gives, found without Qt so the
    command line never loads it.
    """
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_NAME


def default_database_path() -> Path:
    """The database used when none is named: $CDO_DB, else the user's data folder."""
    chosen = os.environ.get(DATABASE_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return user_data_dir() / DATABASE_FILE
