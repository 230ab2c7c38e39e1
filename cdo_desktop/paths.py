"""Where things are: the user's database, and the files that ship with the program."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "cdo_desktop"
DATABASE_FILE = "cdo_desktop.sqlite"
DATABASE_ENV = "CDO_DB"
# A folder of this name beside the program's executable turns on the portable mode.
PORTABLE_FOLDER = "data"

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


def executable_dir() -> Path | None:
    """The folder holding the program's executable in a frozen build; None when run by Python.

    Run from source or from a pip install, sys.executable is python itself: nothing beside it
    belongs to the program, so nothing there is looked at.
    """
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def portable_folder() -> Path | None:
    """Where the portable data folder is or would be: `data` beside the executable."""
    folder = executable_dir()
    return folder / PORTABLE_FOLDER if folder is not None else None


def portable_data_dir() -> Path | None:
    """The portable data folder if it is in use: it exists and the program may write there.

    For a USB stick or a shared folder: the database and its `backups/` stay beside the program.
    A read-only `data` (a CD, a share without the right to write) is passed over, not an error.
    """
    folder = portable_folder()
    if folder is None or not folder.is_dir() or not _writable(folder):
        return None
    return folder


def is_portable(database: Path) -> bool:
    """True when `database` lies in the portable data folder."""
    folder = portable_folder()
    if folder is None:
        return False
    try:
        Path(database).resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _writable(folder: Path) -> bool:
    # os.access trusts the mode bits, which Windows ACLs and network shares do not follow:
    # only creating a file proves it can be done. (tempfile is imported here: only a portable
    # copy needs it, and it costs the window's start a few milliseconds.)
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".cdo-write-test-"):
            return True
    except OSError:
        return False


def default_database_path() -> Path:
    """The database used when none is named.

    $CDO_DB if set; else the portable `data` folder beside the executable, if it exists and is
    writable; else the user's data folder.
    """
    chosen = os.environ.get(DATABASE_ENV)
    if chosen:
        return Path(chosen).expanduser()
    portable = portable_data_dir()
    if portable is not None:
        return portable / DATABASE_FILE
    return user_data_dir() / DATABASE_FILE
