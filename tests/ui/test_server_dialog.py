"""«Подключиться к серверу…»: the address remembered, the password never; connecting."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QSettings

from cdo_desktop.core.errors import CdoError
from cdo_desktop.ui import server_dialog
from cdo_desktop.ui.server_dialog import ServerDialog, connect, server_address
from cdo_desktop.workspace import ServerWorkspace


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def no_typed_passwords(monkeypatch):
    monkeypatch.setattr(server_dialog, "_typed_passwords", {})


def fill(dialog, host, port, database, user, password=""):
    dialog.host.setText(host)
    dialog.port.setValue(port)
    dialog.database.setText(database)
    dialog.user.setText(user)
    dialog.password.setText(password)


def test_the_address_is_remembered_and_the_password_never(qtbot, settings, tmp_path):
    dialog = ServerDialog(settings=settings)
    qtbot.addWidget(dialog)
    fill(dialog, "db.minobr.local", 6543, "cdo", "ivanov", "тайна")
    dialog._accept_if_complete()
    assert dialog.result() == ServerDialog.DialogCode.Accepted
    assert dialog.address() == "postgresql://ivanov@db.minobr.local:6543/cdo"
    settings.sync()
    assert "тайна" not in (tmp_path / "settings.ini").read_text(encoding="utf-8")
    again = ServerDialog(settings=settings)
    qtbot.addWidget(again)
    assert (again.host.text(), again.port.value(), again.database.text(), again.user.text()) == (
        "db.minobr.local",
        6543,
        "cdo",
        "ivanov",
    )
    assert again.password.text() == ""


def test_an_incomplete_address_is_not_accepted(qtbot, settings):
    dialog = ServerDialog(settings=settings)
    qtbot.addWidget(dialog)
    fill(dialog, "", 5432, "cdo", "")
    dialog._accept_if_complete()
    assert dialog.result() != ServerDialog.DialogCode.Accepted
    assert dialog.problem.text() == "Укажите: сервер, пользователь."


def test_odd_characters_are_quoted_in_the_address():
    address = server_address("h", 5432, "база 1", "user@x")
    assert address == "postgresql://user%40x@h:5432/%D0%B1%D0%B0%D0%B7%D0%B0%201"


def test_a_refused_connection_is_one_russian_line():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(CdoError) as caught:
        connect(server_address("127.0.0.1", port, "cdo", "ivanov"))
    assert "сервер не принимает подключения" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_connecting_with_a_typed_password(qtbot, settings, servers):
    database = servers.new_database()
    role = servers.role("dialog_user", password="typed-secret")
    parts = urlsplit(servers.admin_url)
    dialog = ServerDialog(settings=settings)
    qtbot.addWidget(dialog)
    fill(dialog, parts.hostname, parts.port, database, role, "typed-secret")
    dialog._accept_if_complete()
    workspace = connect(dialog.address())
    try:
        assert isinstance(workspace, ServerWorkspace)
        assert workspace.store.summaries() == []
        assert "typed-secret" not in str(workspace.path)
    finally:
        workspace.close()
    # Without the typed password (a new start) and no password file, it is asked for.
    server_dialog._typed_passwords.clear()
    asked = []
    workspace = connect(dialog.address(), ask_password=lambda: asked.append(1) or "typed-secret")
    workspace.close()
    assert asked == [1]
