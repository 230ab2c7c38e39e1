"""Every dialog the window opens fits a small screen (1280×720, 1366×768, less a task bar)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from cdo_desktop.exchange.excel_export import export_projects
from cdo_desktop.exchange.excel_import import plan_import
from cdo_desktop.ui import screen_fit
from cdo_desktop.ui.about_dialog import AboutDialog
from cdo_desktop.ui.backups_dialog import BackupsDialog
from cdo_desktop.ui.excel_dialogs import ImportPreviewDialog, NewProjectCodeDialog
from cdo_desktop.ui.history_dialog import HistoryDialog
from cdo_desktop.ui.new_project_dialog import NewProjectDialog
from cdo_desktop.ui.server_dialog import ServerDialog
from cdo_desktop.ui.summary_dialog import SummaryPreviewDialog

TASK_BAR = 40
SCREENS = [(1280, 720), (1366, 768)]


@pytest.fixture(params=SCREENS, ids=lambda size: f"{size[0]}x{size[1]}")
def small_screen(request, monkeypatch):
    width, height = request.param
    room = QRect(0, 0, width, height - TASK_BAR)
    monkeypatch.setattr(screen_fit, "available", lambda widget: room)
    return room


def assert_fits(dialog: QWidget, room: QRect) -> None:
    dialog.show()
    QApplication.processEvents()
    size = dialog.size()
    # The window manager adds a frame and a title bar (FRAME_ROOM) outside the dialog.
    assert size.width() <= room.width(), dialog.windowTitle()
    assert size.height() + screen_fit.FRAME_ROOM <= room.height(), dialog.windowTitle()
    least = dialog.minimumSizeHint()
    assert least.width() <= room.width() and least.height() <= room.height(), least
    dialog.close()


def test_about(qtbot, small_screen, db_path):
    dialog = AboutDialog(db_path)
    qtbot.addWidget(dialog)
    assert_fits(dialog, small_screen)


def test_backups(qtbot, small_screen, workspace):
    dialog = BackupsDialog(workspace)
    qtbot.addWidget(dialog)
    assert_fits(dialog, small_screen)


def test_history(qtbot, small_screen, workspace):
    dialog = HistoryDialog(workspace, "E4")
    qtbot.addWidget(dialog)
    assert_fits(dialog, small_screen)


def test_import_preview(qtbot, small_screen, workspace, tmp_path):
    [path] = export_projects(workspace.store.load_all(), tmp_path / "e4.xlsx")
    dialog = ImportPreviewDialog(plan_import(path, workspace.store))
    qtbot.addWidget(dialog)
    assert_fits(dialog, small_screen)


def test_new_project_and_its_code(qtbot, small_screen):
    for dialog in (
        NewProjectDialog({"E4"}),
        NewProjectCodeDialog("E9", "Очень длинное имя проекта из книги " * 4),
    ):
        qtbot.addWidget(dialog)
        assert_fits(dialog, small_screen)


def test_server(qtbot, small_screen, tmp_path):
    dialog = ServerDialog(None, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(dialog)
    assert_fits(dialog, small_screen)


def test_summary_preview(qtbot, small_screen, workspace):
    project = workspace.store.load(workspace.store.find("E4").id)
    dialog = SummaryPreviewDialog(project)
    qtbot.addWidget(dialog)
    assert_fits(dialog, small_screen)


def test_the_main_window(small_screen, make_window):
    window = make_window()
    for tab in range(window.tabs.count()):  # every tab built: their tables and charts count
        window.tabs.setCurrentIndex(tab)
    QApplication.processEvents()
    assert window.size().width() <= small_screen.width()
    assert window.size().height() + screen_fit.FRAME_ROOM <= small_screen.height()
    least = window.minimumSizeHint()
    assert least.width() <= small_screen.width() and least.height() <= small_screen.height()
