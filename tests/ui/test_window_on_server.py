"""The window on the ministry's server: opened from the command line, the menu or the remembered
address; another official's change shown; an edit the server did not take kept to be written
again; the grants dialog for cdo_admin (PostgreSQL, except where a file or no server will do)."""

from __future__ import annotations

import argparse
import socket
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from cdo_desktop import app, cli
from cdo_desktop.core.model import RowKind
from cdo_desktop.storage.server import open_server_store
from cdo_desktop.ui import server_dialog
from cdo_desktop.ui.commands import server as server_commands
from cdo_desktop.ui.grants_dialog import GrantsDialog
from cdo_desktop.ui.grid_model import UnsavedEdit
from cdo_desktop.ui.main_window import INDICATORS
from cdo_desktop.workspace import ServerWorkspace, open_workspace
from tests.conftest import open_demo_store
from tests.ui.modal import when_shown
from tests.ui.test_two_windows import type_plan_2021


@pytest.fixture
def on_server(servers):
    """A server database with the demo project; (servers, database, the official's address)."""
    database = servers.new_database()
    official = servers.official(database)
    open_demo_store(official).close()
    return servers, database, official


@pytest.fixture
def server_workspace(on_server):
    opened = open_workspace(on_server[2])
    yield opened
    opened.close()


def plan_2021(store, row=2):
    rows = store.load_rows(store.find("E4").id, RowKind.INDICATOR)
    return rows[row].value(2021).plan


def click(text):
    def act(box: QMessageBox) -> None:
        for button in box.buttons():
            if button.text() == text:
                button.click()
                return
        box.reject()

    return act


def lose_connection(servers, database, workspace) -> None:
    """The server drops the window's connection (a restart, a network fault)."""
    (pid,) = workspace.store.execute("SELECT pg_backend_pid()").fetchone()
    with psycopg.connect(servers.url(database), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# ---------------------------------------------------------------------- on a server


def test_the_window_names_the_server_and_shows_another_officials_change(
    make_window, server_workspace, on_server, qtbot
):
    _, _, official = on_server
    window = make_window(server_workspace)
    label = window.database_label.text()
    assert label.startswith("Сервер: official_") and "@127.0.0.1:" in label
    assert "secret" not in label and "secret" not in window.windowTitle()
    # The window's own edit is not taken for another's.
    type_plan_2021(qtbot, window, "41")
    window.check_for_outside_changes()
    assert "другой копии" not in window.statusBar().currentMessage()
    other = open_server_store(official)
    try:
        project = other.load(other.find("E4").id)
        row = project.indicators[2]
        from cdo_desktop.core.changes import SetValue, Where
        from cdo_desktop.core.history import Section

        where = Where(project.id, Section.INDICATORS, row.id, "plan", 2021)
        other.apply([SetValue(where, row.value(2021).plan, Decimal(45))])
    finally:
        other.close()
    panel = window.tabs.indicators
    index = panel.model.index(2, panel.model.column_of(2021, "plan"))
    # The window's own watch (every two seconds) shows it, with no help from the test.
    qtbot.waitUntil(lambda: panel.model.data(index) == "45", timeout=8000)
    assert "другой копии" in window.statusBar().currentMessage()


def test_an_edit_the_server_did_not_take_is_offered_again_and_written(
    make_window, server_workspace, on_server, qtbot
):
    servers, database, _ = on_server
    window = make_window(server_workspace)
    window.tabs.setCurrentIndex(INDICATORS)
    lose_connection(servers, database, server_workspace)
    asked = []

    def retry(box: QMessageBox) -> None:
        asked.append(box.text())
        click("Повторить")(box)

    when_shown(QMessageBox, retry)
    panel, index = type_plan_2021(qtbot, window, "77")
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert "соединение с сервером потеряно; изменение не сохранено, повторите его" in asked[0]
    assert "77" in asked[0]
    qtbot.waitUntil(lambda: panel.model.data(index) == "77", timeout=5000)
    assert plan_2021(server_workspace.store) == Decimal(77)
    # It is one undo step like any edit.
    assert window.undo_stack.canUndo()


def test_an_unsaved_edit_given_up_leaves_the_stored_value(
    make_window, server_workspace, on_server, qtbot
):
    servers, database, _ = on_server
    window = make_window(server_workspace)
    before = plan_2021(server_workspace.store)
    window.tabs.setCurrentIndex(INDICATORS)
    panel = window.tabs.indicators
    index = panel.model.index(2, panel.model.column_of(2021, "plan"))
    lose_connection(servers, database, server_workspace)
    assert not panel.model.setData(index, "78")
    unsaved = panel.model.last_conflict
    assert isinstance(unsaved, UnsavedEdit)
    when_shown(QMessageBox, click("Отказаться от изменения"))
    panel.view.resolve_conflict(unsaved)
    assert plan_2021(server_workspace.store) == before


def test_grants_in_the_window_for_cdo_admin_only(make_window, on_server, qtbot, workspace):
    servers, database, _ = on_server
    admin = open_workspace(servers.url(database, servers.role("chief", admin=True)))
    window = make_window(admin)
    try:
        assert window.server_commands.grants_action.isEnabled()
        role = servers.role("ivanov")
        dialog = GrantsDialog(admin, window)
        qtbot.addWidget(dialog)
        assert dialog.role.findText(role) >= 0
        dialog.role.setCurrentText(role)
        dialog.project.setCurrentIndex(dialog.project.findData("E4"))
        assert dialog.change(allow=True)
        assert dialog.outcome.text() == f"Роль {role}: проект E4 — изменение разрешено"
        shown = {
            (dialog.table.item(row, 0).text(), dialog.table.item(row, 1).text())
            for row in range(dialog.table.rowCount())
        }
        assert (role, "E4") in shown
        assert dialog.change(allow=False)
        assert dialog.outcome.text() == f"Роль {role}: проект E4 — изменение запрещено"
        dialog.role.setCurrentText("nobody_here")
        assert not dialog.change(allow=True)
        assert dialog.outcome.text() == "На сервере нет роли «nobody_here»"
    finally:
        window.close()
        admin.close()
    # An official (not cdo_admin) and a file: the menu entry is not there to use.
    official = open_workspace(servers.official(database))
    assert not server_commands.is_server_admin(official)
    official.close()
    assert not server_commands.is_server_admin(workspace)


def test_connecting_from_the_menu_moves_the_window_and_remembers_the_server(
    make_window, on_server, qtbot, monkeypatch
):
    _, database, official = on_server
    window = make_window()
    assert window.database_label.text().startswith("База данных:")
    monkeypatch.setattr(server_dialog, "_typed_passwords", {})

    def fill(dialog: server_dialog.ServerDialog) -> None:
        from urllib.parse import urlsplit

        parts = urlsplit(official)
        dialog.host.setText(parts.hostname)
        dialog.port.setValue(parts.port)
        dialog.database.setText(database)
        dialog.user.setText(parts.username)
        dialog.password.setText(parts.password)
        dialog._accept_if_complete()

    when_shown(server_dialog.ServerDialog, fill)
    window.server_commands.connect_to_server()
    assert isinstance(window.workspace, ServerWorkspace)
    assert window.database_label.text().startswith("Сервер: ")
    assert window.tabs is not None and window.tabs.code == "E4"
    assert not window.server_commands.grants_action.isEnabled()
    remembered = server_dialog.open_at_start()
    assert remembered.startswith("postgresql://official_") and "secret" not in remembered
    window.close()
    window.workspace.close()


# ---------------------------------------------------------------------- starting the window


def test_an_unreachable_server_at_start_offers_a_file_instead(qtbot, monkeypatch, tmp_path):
    url = f"postgresql://ivanov@127.0.0.1:{free_port()}/cdo"
    told = []

    def quit_(box: QMessageBox) -> None:
        told.append(box.text())
        click("Выход")(box)

    when_shown(QMessageBox, quit_)
    assert app.run_on_server(QApplication.instance(), url, False) == 1
    assert "сервер не принимает подключения" in told[0]
    assert "Открыть вместо него файл базы данных?" in told[0]
    # «Открыть файл…» opens the chosen file instead.
    opened = []
    monkeypatch.setattr(server_commands, "choose_file_instead", lambda parent: "/x/y.sqlite")
    monkeypatch.setattr(app, "run_gui", lambda path, demo, *rest: opened.append(path) or 0)
    when_shown(QMessageBox, click("Открыть файл…"))
    assert app.run_on_server(QApplication.instance(), url, False) == 0
    assert opened == [Path("/x/y.sqlite")]


def test_the_start_opens_the_server_named_or_remembered(monkeypatch, tmp_path):
    started = []
    monkeypatch.setattr(app, "run_gui", lambda where, demo, *rest: started.append(where) or 0)
    url = "postgresql://ivanov@db.minobr.local:5432/cdo"
    window_args = argparse.Namespace(db=url, no_demo=False)
    assert cli.open_window(window_args) == 0
    monkeypatch.setenv("CDO_DB", url)
    assert cli.open_window(argparse.Namespace(db=None, no_demo=False)) == 0
    monkeypatch.delenv("CDO_DB")
    settings = QSettings(app.ORGANIZATION, app.APPLICATION)
    server_dialog.remember_at_start(url, settings)
    settings.sync()
    assert cli.open_window(argparse.Namespace(db=None, no_demo=False)) == 0
    # A file named on the command line wins over the remembered server.
    file = tmp_path / "mine.sqlite"
    assert cli.open_window(argparse.Namespace(db=str(file), no_demo=False)) == 0
    server_dialog.remember_at_start(None, settings)
    settings.sync()
    assert cli.open_window(argparse.Namespace(db=None, no_demo=False)) == 0
    assert started[:3] == [url, url, url]
    assert started[3] == file and isinstance(started[4], Path)
    assert not file.exists()


def test_the_window_closed_on_a_server_opens_there_next_time(
    make_window, server_workspace, workspace, qtbot
):
    from PySide6.QtCore import QTimer

    for opened, expected in ((server_workspace, True), (workspace, False)):
        window = make_window(opened)
        QTimer.singleShot(50, window.close)
        assert app._run_window(QApplication.instance(), window) == 0
        remembered = server_dialog.open_at_start()
        assert bool(remembered) is expected
        assert "secret" not in remembered
        assert opened.closed


def test_backups_on_a_server_name_the_snapshots_and_make_one(make_window, server_workspace, qtbot):
    window = make_window(server_workspace)
    told = []

    def snapshot_now(box: QMessageBox) -> None:
        told.append(box.text())
        when_shown(QMessageBox, lambda done: (told.append(done.text()), done.accept()))
        click("Сделать снимок сейчас")(box)

    when_shown(QMessageBox, snapshot_now)
    window.file_commands.show_backups()
    folder = server_workspace.snapshot_folder()
    assert str(folder) in told[0] and "администратор" in told[0]
    made = list(folder.glob("server-*-manual.sqlite"))
    assert len(made) == 1 and str(made[0]) in told[1]


def test_an_edit_without_the_right_is_told_not_offered_again(make_window, servers, qtbot):
    database = servers.new_database()
    open_demo_store(servers.url(database, servers.role("chief", admin=True))).close()
    stranger = open_workspace(servers.url(database, servers.role("stranger")))
    try:
        window = make_window(stranger)
        told = []

        def read(box: QMessageBox) -> None:
            told.append([button.text() for button in box.buttons()])
            told.append(box.text())
            box.accept()

        when_shown(QMessageBox, read)
        panel, index = type_plan_2021(qtbot, window, "79")
        qtbot.waitUntil(lambda: bool(told), timeout=10000)
        assert "Повторить" not in told[0]
        assert "нет права на изменение: обратитесь к администратору" in told[1]
        assert "79" in told[1]
        qtbot.waitUntil(lambda: panel.model.data(index) != "79", timeout=5000)
        assert plan_2021(stranger.store) != Decimal(79)
        window.close()
    finally:
        stranger.close()


def test_a_passport_edit_the_server_did_not_take_is_written_again(
    make_window, server_workspace, on_server, qtbot
):
    servers, database, _ = on_server
    window = make_window(server_workspace)
    passport = window.tabs.passport
    lose_connection(servers, database, server_workspace)
    asked = []

    def retry(box: QMessageBox) -> None:
        asked.append(box.text())
        click("Повторить")(box)

    when_shown(QMessageBox, retry)
    field = passport.line_edits["name"]
    field.setText("Цифровая среда Кировской области")
    field.editingFinished.emit()
    assert "соединение с сервером потеряно" in asked[0]
    assert "Не записано: изменение паспорта." in asked[0]
    store = server_workspace.store
    assert store.load(store.find("E4").id).name == "Цифровая среда Кировской области"


def test_the_password_file_spares_the_question_and_a_typed_one_serves_the_listener(
    servers, tmp_path, monkeypatch
):
    from urllib.parse import urlsplit

    monkeypatch.setattr(server_dialog, "_typed_passwords", {})
    database = servers.new_database()
    role = servers.role("pgpass_user", password="from-file")
    parts = urlsplit(servers.admin_url)
    address = f"postgresql://{role}@{parts.hostname}:{parts.port}/{database}"
    password_file = tmp_path / "pgpass"
    password_file.write_text(f"{parts.hostname}:{parts.port}:{database}:{role}:from-file\n")
    password_file.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(password_file))
    asked = []
    workspace = server_dialog.connect(address, ask_password=lambda: asked.append(1) or None)
    workspace.close()
    assert asked == []
    # No password file: asked once, and the window's listener connects with it too.
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    workspace = server_dialog.connect(address, ask_password=lambda: asked.append(1) or "from-file")
    try:
        workspace.data_version()
        assert workspace._listener._connection is not None
    finally:
        workspace.close()
    assert asked == [1]
