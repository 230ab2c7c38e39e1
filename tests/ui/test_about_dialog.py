"""«О программе»: version, database path, where the data is, licences; the status bar's wording."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox

from cdo_desktop import __version__, paths
from cdo_desktop.ui import about_dialog
from cdo_desktop.ui.about_dialog import (
    AboutDialog,
    components,
    data_location_text,
    database_status_text,
    licenses_dir,
)
from cdo_desktop.workspace import open_workspace


@pytest.fixture
def dialog(qtbot, db_path: Path) -> AboutDialog:
    shown = AboutDialog(db_path)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def portable_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen build with a `data` folder beside its executable; returns that folder."""
    folder = tmp_path / "cdo_desktop"
    (folder / "data").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "cdo-desktop"))
    return (folder / "data").resolve()


def test_shows_version_database_and_where_data_is(dialog: AboutDialog, db_path: Path) -> None:
    assert __version__ in dialog.findChild(type(dialog.database_label), "about_title").text()
    assert dialog.database_label.text() == str(db_path)
    assert "выбран" in dialog.location_label.text()
    assert dialog.backups_label.text() == str(db_path.parent / "backups")


def test_names_every_bundled_library_with_its_licence(dialog: AboutDialog) -> None:
    text = dialog.licences.toPlainText()
    for name in ["Qt", "PySide6", "pyqtgraph", "NumPy", "peewee", "openpyxl", "defusedxml"]:
        assert name in text
    for licence in ["LGPL-3.0", "MIT", "BSD-3-Clause", "PSF-2.0"]:
        assert licence in text
    # The LGPL obligations are stated, with the Qt version and where its source is.
    assert qVersion() in text
    assert "заменить" in text
    assert about_dialog.QT_SOURCE_URL in text


def test_versions_are_known_and_licence_texts_ship(dialog: AboutDialog) -> None:
    for component in components():
        assert component.version != "—", component.name
        assert (licenses_dir() / component.licence_file).is_file(), component.licence_file
    assert (licenses_dir() / "GPL-3.0.txt").is_file()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (licenses_dir() / "LGPL-3.0.txt").read_text()


def test_licence_links_point_at_the_shipped_texts(dialog: AboutDialog) -> None:
    html = dialog.licences.toHtml()
    lgpl = QUrl.fromLocalFile(str(licenses_dir() / "LGPL-3.0.txt")).toString()
    assert lgpl in html
    assert dialog.licences.openExternalLinks()


def test_open_data_folder(dialog: AboutDialog, db_path: Path, monkeypatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog.open_folder_button.click()
    assert [url.toLocalFile() for url in opened] == [str(db_path.parent)]


def test_close_button_speaks_russian(dialog: AboutDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons.button(QDialogButtonBox.StandardButton.Close).text() == "Закрыть"


def test_location_of_the_user_folder_and_of_cdo_db(monkeypatch, tmp_path: Path) -> None:
    assert "пользователя" in data_location_text(paths.user_data_dir() / paths.DATABASE_FILE)
    monkeypatch.setenv("CDO_DB", str(tmp_path / "x.sqlite"))
    assert "CDO_DB" in data_location_text(tmp_path / "x.sqlite")


def test_portable_mode_is_named_in_the_dialog_and_the_status_bar(
    portable_program: Path,
) -> None:
    database = portable_program / paths.DATABASE_FILE
    assert data_location_text(database).startswith("переносной режим")
    assert database_status_text(database) == (
        f"Данные: переносной режим (папка {portable_program}) — база {paths.DATABASE_FILE}"
    )
    elsewhere = portable_program.parent.parent / "other.sqlite"
    assert database_status_text(elsewhere) == f"База данных: {elsewhere}"


def test_main_window_status_bar_in_portable_mode(portable_program: Path, make_window) -> None:
    workspace = open_workspace()  # the default: the portable folder
    try:
        window = make_window(workspace)
        assert window.database_label.text().startswith("Данные: переносной режим (папка ")
        assert str(portable_program) in window.database_label.text()
    finally:
        workspace.close()


def test_help_menu_opens_the_dialog(window, monkeypatch) -> None:
    shown: list[AboutDialog] = []

    def record(dialog: AboutDialog) -> int:
        shown.append(dialog)
        return 0

    monkeypatch.setattr(AboutDialog, "exec", record)
    window.about_action.trigger()
    assert len(shown) == 1
    assert shown[0].parent() is window
    assert shown[0].database_label.text() == str(window.workspace.path)
