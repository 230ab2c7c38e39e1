"""Starting on a damaged or foreign database file: told in Russian, never a traceback."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QMessageBox

from cdo_desktop.app import open_main_window, open_workspace_or_explain
from cdo_desktop.core.model import RowKind
from cdo_desktop.workspace import open_workspace
from tests.damage import damaged_with_a_backup


def answer_yes_to_restoring(monkeypatch) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda parent, title, text, *rest: (asked.append(text), QMessageBox.StandardButton.Yes)[1],
    )
    return asked


def test_a_damaged_database_is_restored_from_its_newest_backup(qapp, db_path, monkeypatch):
    damaged_with_a_backup(db_path)
    asked = answer_yes_to_restoring(monkeypatch)
    workspace = open_workspace_or_explain(db_path, with_demo=True)
    try:
        assert workspace is not None
        assert "повреждён" in asked[0] and "Восстановить" in asked[0]
        rows = workspace.store.load_rows(workspace.store.find("E4").id, RowKind.INDICATOR)
        assert rows[2].value(2021).plan == Decimal("38.28")
    finally:
        workspace.close()


def test_declining_the_restore_leaves_the_file_alone(qapp, db_path, monkeypatch):
    damaged_with_a_backup(db_path)
    damaged = db_path.read_bytes()
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)
    assert open_workspace_or_explain(db_path, with_demo=True) is None
    assert db_path.read_bytes() == damaged


def test_a_foreign_file_is_explained(qapp, tmp_path, monkeypatch):
    told = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, text, *rest: told.append((title, text))
    )
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    assert open_workspace_or_explain(junk, with_demo=True) is None
    assert told[0][0] == "Не удалось открыть базу данных"
    assert "не является базой данных" in told[0][1]


def test_the_window_is_built_while_the_file_is_checked(qapp, db_path):
    open_workspace(db_path).close()
    window = open_main_window(db_path, with_demo=True)
    assert window is not None
    try:
        assert window.workspace.running_check is None, "checked before it is returned"
        assert window.tabs is not None and window.tabs.project.code == "E4"
    finally:
        window.workspace.close()
        window.deleteLater()


def test_damage_found_while_the_window_is_built_offers_the_backup(qapp, db_path, monkeypatch):
    damaged_with_a_backup(db_path)
    asked = answer_yes_to_restoring(monkeypatch)
    window = open_main_window(db_path, with_demo=True)
    assert window is not None
    try:
        assert "повреждён" in asked[0]
        rows = window.tabs.indicators.model.rows
        assert rows[2].value(2021).plan == Decimal("38.28")
    finally:
        window.workspace.close()
        window.deleteLater()


SHOW_THEN_EDIT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from cdo_desktop.app import create_application, open_main_window
app = create_application()
window = open_main_window(Path(sys.argv[1]), False)
window.show()
app.processEvents()
print("shown:", window.tabs.project.code)
import time
deadline = time.monotonic() + 2.5  # the watch for other copies' changes looks at 2 s
while time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.02)
print("watched")
passport = window.tabs.passport
edit = passport.line_edits["customer"]
edit.setText("министерство просвещения")
edit.editingFinished.emit()
print("edited")
window.workspace.close()
"""


def test_a_window_in_its_own_process_shows_the_project_and_stores_an_edit(db_path):
    """The window reads and writes through its one store, in a process of its own."""
    import subprocess
    import sys

    open_workspace(db_path).close()
    done = subprocess.run(
        [sys.executable, "-c", SHOW_THEN_EDIT, str(db_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "shown: E4",
        "watched",
        "edited",
    ]
    store = open_workspace(db_path)
    try:
        assert store.store.load(store.store.find("E4").id).customer == ("министерство просвещения")
    finally:
        store.close()
