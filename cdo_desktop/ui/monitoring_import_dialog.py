"""«Импорт из Excel» of a workbook of monitoring tables: what it adds, told line by line and
applied on «Да» (the project open in the window; its values only, in one transaction)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.monitoring_dates import as_of_words
from cdo_desktop.exchange.monitoring_excel import describe_changes, read_monitoring_workbook
from cdo_desktop.ui import dialogs
from cdo_desktop.workspace import Workspace

TITLE = "Импорт таблицы мониторинга"
SHOWN_LINES = 25


def import_monitoring_workbook(
    parent: QWidget | None, workspace: Workspace, project_id: int | None, path: str
) -> bool:
    """True when the values were written."""
    if project_id is None:
        dialogs.show_error(parent, TITLE, "откройте проект, к которому относится таблица")
        return False
    store = workspace.store
    try:
        stored = store.load(project_id)
        read = read_monitoring_workbook(path, stored)
        changes = read.changes(stored)
    except CdoError as error:
        dialogs.show_error(parent, TITLE, f"{error}\n\nБаза данных не изменена.")
        return False
    tables = ", ".join(f"«{title}» ({as_of_words(as_of)})" for title, as_of in read.tables)
    if not changes:
        dialogs.show_error(parent, TITLE, f"в таблицах {tables} нет новых значений")
        return False
    lines = describe_changes(stored, changes)
    more = f"\n… и ещё {len(lines) - SHOWN_LINES}" if len(lines) > SHOWN_LINES else ""
    if not dialogs.confirm(
        parent,
        TITLE,
        f"Таблицы {tables} добавляют значения мониторинга проекта {stored.code}:\n\n"
        + "\n".join(lines[:SHOWN_LINES])
        + more
        + "\n\nЗаписать?",
    ):
        return False
    try:
        store.apply(changes, f"импорт из Excel: {Path(path).name}")
    except CdoError as error:
        dialogs.show_error(parent, TITLE, f"{error}\n\nБаза данных не изменена.")
        return False
    return True
