"""The window's backups: only this database's own, what a copy holds shown before it replaces
anything, a failed daily copy told, and the presence record kept while the window runs."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from cdo_desktop import app
from cdo_desktop.app import open_workspace_or_explain, tell_backup_failure
from cdo_desktop.storage import backups, presence, safe_copy
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.backups_dialog import BackupsDialog
from cdo_desktop.workspace import open_workspace
from tests.damage import damaged_with_a_backup


def test_the_dialog_offers_only_this_databases_copies_and_shows_what_one_holds(
    qtbot, tmp_path, monkeypatch
):
    mine, other = tmp_path / "проект.sqlite", tmp_path / "проект-2023.sqlite"
    open_workspace(mine).close()
    shutil.copy(mine, other)  # even a copy of the same file, under a longer name
    for path in (other, mine, other):
        store = open_workspace(path, daily_backup=False)
        store.backup("manual")
        store.close()
    workspace = open_workspace(mine, daily_backup=False)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: asked.append(text))
    try:
        dialog = BackupsDialog(workspace)
        qtbot.addWidget(dialog)
        assert dialog.table.rowCount() == 1
        assert dialog.backups[0].path.parent.name.startswith("проект-")
        assert not dialog.backups[0].path.parent.name.startswith("проект-2023")
        shown = dialog.contents.text()
        assert "Копия от " in shown and "(по команде)" in shown
        assert "E4 «Цифровая образовательная среда»" in shown
        assert "последнее изменение" in shown
        dialog.restore_selected()
        assert asked and "E4 «Цифровая образовательная среда»" in asked[0]
    finally:
        workspace.close()


def test_a_copy_of_another_database_is_not_restored_from_the_dialog(qtbot, tmp_path, monkeypatch):
    mine, other = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    for path in (mine, other):
        open_workspace(path).close()
    store = open_workspace(other, daily_backup=False)
    foreign = store.backup("manual")
    store.close()
    workspace = open_workspace(mine, daily_backup=False)
    workspace.backup("manual")
    told: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: told.append(text))
    monkeypatch.setattr(dialogs, "confirm", lambda *args: True)
    try:
        dialog = BackupsDialog(workspace)
        qtbot.addWidget(dialog)
        # Put there by hand: the dialog would never list it.
        dialog.backups = [backups.Backup(foreign, dialog.backups[0].made, "manual")]
        assert dialog.selected() is dialog.backups[0]
        before = mine.read_bytes()
        dialog.restore_selected()
        assert told and "другой базы данных" in told[0]
        assert not dialog.restored
        assert mine.read_bytes() == before
    finally:
        workspace.close()


def test_the_damaged_start_shows_the_copys_projects_before_restoring(qapp, db_path, monkeypatch):
    damaged_with_a_backup(db_path)
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda parent, title, text, *rest: (asked.append(text), QMessageBox.StandardButton.Yes)[1],
    )
    workspace = open_workspace_or_explain(db_path, with_demo=True)
    assert workspace is not None
    workspace.close()
    assert "E4 «Цифровая образовательная среда»" in asked[0]
    assert list(db_path.parent.glob("test-повреждён-*.sqlite"))


def test_a_failed_daily_backup_is_told_in_the_window(qapp, db_path, monkeypatch):
    open_workspace(db_path, daily_backup=False).close()

    def full_disk(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_copy, "copy_database", full_disk)
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *rest: warned.append(text)
    )
    workspace = open_workspace(db_path)
    try:
        tell_backup_failure(None, workspace)
    finally:
        workspace.close()
    assert warned and "на диске нет места" in warned[0]
    assert "при следующем запуске" in warned[0]
    warned.clear()
    monkeypatch.undo()
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *rest: warned.append(text)
    )
    workspace = open_workspace(db_path)
    try:
        tell_backup_failure(None, workspace)  # the next start made the copy
    finally:
        workspace.close()
    assert warned == []


def test_the_window_keeps_a_presence_record_while_it_runs(qapp, qtbot, db_path, monkeypatch):
    seen: list[list[Path]] = []
    monkeypatch.setattr(
        qapp, "exec", lambda: seen.append(list(presence.folder_of(db_path).glob("*.json"))) or 0
    )
    opened = []
    build = app.open_main_window
    monkeypatch.setattr(
        app, "open_main_window", lambda *args: opened.append(build(*args)) or opened[0]
    )
    assert app.run_gui(db_path, with_demo=True) == 0
    qtbot.addWidget(opened[0])
    assert len(seen[0]) == 1
    assert not presence.folder_of(db_path).exists(), "removed on exit"
