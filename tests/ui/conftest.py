"""GUI fixtures: the real main window over a fresh demo database, settings in a file of its own."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from cdo_desktop.app import install_russian
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.main_window import MainWindow
from cdo_desktop.ui.settings import WindowSettings
from cdo_desktop.workspace import open_workspace


@pytest.fixture(scope="session", autouse=True)
def russian_qt(qapp):
    qapp.setOrganizationName("cdo_desktop_tests")
    qapp.setApplicationName("cdo_desktop_tests")
    install_russian(qapp)
    return qapp


@pytest.fixture(autouse=True)
def no_dialog_left_waiting(qapp):
    """A modal dialog that no test answers would wait for ever (CI once hung 90 minutes on one).

    Close any modal dialog that stays up longer than a slow machine could need, and fail the test.
    """
    patience = 90.0
    first_seen: dict[int, float] = {}
    stuck: list[str] = []

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            first_seen.clear()
            return
        since = first_seen.setdefault(id(modal), time.monotonic())
        if time.monotonic() - since > patience and isinstance(modal, QDialog):
            stuck.append(modal.windowTitle())
            modal.reject()

    watchdog = QTimer()
    watchdog.setInterval(1000)
    watchdog.timeout.connect(look)
    watchdog.start()
    yield
    watchdog.stop()
    assert not stuck, f"a modal dialog nobody answered: {stuck}"


@pytest.fixture
def workspace(db_path):
    """The demo database opened as the window opens it: the file checked in a thread while
    the store reads."""
    open_workspace(db_path).close()
    opened = open_workspace(db_path, daily_backup=False, check_in_background=True)
    opened.confirm_sound()
    yield opened
    opened.close()


@pytest.fixture
def settings_file(tmp_path):
    return tmp_path / "settings.ini"


@pytest.fixture
def make_window(qtbot, workspace, settings_file):
    """Build a main window (several may be built, e.g. to check remembered settings)."""

    def build(target_workspace=None) -> MainWindow:
        settings = WindowSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
        window = MainWindow(target_workspace or workspace, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        # Shortcuts go to the active window: make it this one, not the previous test's.
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    return build


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def always_yes(monkeypatch):
    """Answer «Да» to confirmations (the dialog itself is Qt's QMessageBox)."""
    asked = []

    def confirm(parent, title, text):
        asked.append((title, text))
        return True

    monkeypatch.setattr(dialogs, "confirm", confirm)
    return asked
