"""«Импорт из Excel» of a workbook of monitoring tables: the passport import's preview dialog
shows what it adds, the passport import's path writes it (`Workspace.apply_import`: a backup
first, the stale check, one transaction), and the change list is one undo step of the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from cdo_desktop.core.changes import Change, inverse
from cdo_desktop.core.errors import CdoError
from cdo_desktop.exchange.monitoring_excel import monitoring_import_plan
from cdo_desktop.ui import dialogs
from cdo_desktop.workspace import Workspace

TITLE = "Импорт таблицы мониторинга"


def import_monitoring_workbook(
    parent: QWidget | None, workspace: Workspace, project_id: int | None, path: str
) -> bool:
    """True when the values were written."""
    from cdo_desktop.ui.excel_dialogs import preview_and_apply

    if project_id is None:
        dialogs.show_error(parent, TITLE, "откройте проект, к которому относится таблица")
        return False
    store = workspace.store
    try:
        stored = store.load(project_id)
        plan = monitoring_import_plan(path, stored, store.updated_at(project_id))
    except CdoError as error:
        dialogs.show_error(parent, TITLE, f"{error}\n\nБаза данных не изменена.")
        return False
    written = preview_and_apply(parent, workspace, plan, TITLE, monitoring=True)
    if written is None:
        return False
    _undo_step(parent, project_id, written.edits, f"импорт мониторинга: {Path(path).name}")
    return True


def _undo_step(parent: QWidget | None, project_id: int, edits: list[Change], text: str) -> None:
    """The written values as one step of the project's undo (the «Мониторинг» tab reloads
    what undo and redo touch); the store checked every old value, so the inverse is exact."""
    from cdo_desktop.ui.change_command import ChangeCommand
    from cdo_desktop.ui.project_tabs import MONITORING

    tabs = getattr(parent, "tabs", None)
    if tabs is None or getattr(tabs, "project_id", None) != project_id:
        return
    panel = tabs.panel(MONITORING)
    tabs.undo_stack.push(ChangeCommand(panel.model, list(edits), inverse(edits), text))
    panel.model.reload()
