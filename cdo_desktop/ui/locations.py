"""Where the data lives, in the words of the status bar (cheap to import: no About dialog)."""

from __future__ import annotations

from pathlib import Path

from cdo_desktop import paths


def database_status_text(database: Path) -> str:
    """The database label of the main window's status bar."""
    shown = str(database)
    if shown.lower().startswith(("postgresql:", "postgres:")):
        # A server's workspace names its address as a path (which keeps one slash of two, or
        # turns them into backslashes on Windows).
        return f"Сервер: {shown.split(':', 1)[1].replace(chr(92), '/').lstrip('/')}"
    if paths.is_portable(database):
        return f"Данные: переносной режим (папка {database.parent}) — база {database.name}"
    return f"База данных: {database}"
