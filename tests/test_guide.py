"""F1 opens the user guide offline: the HTML page agrees with docs/руководство.md, travels in
the installed package with its pictures, and is found wherever the program runs from."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices

from cdo_desktop import paths
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.guide import open_guide

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "руководство.html"


def guide_maker():
    spec = importlib.util.spec_from_file_location("guide_html", ROOT / "packaging/guide_html.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_page_agrees_with_the_guide(qapp):
    markdown = (ROOT / "docs" / "руководство.md").read_text(encoding="utf-8")
    assert PAGE.read_text(encoding="utf-8") == guide_maker().guide_html(markdown), (
        "docs/руководство.md changed: run `python packaging/guide_html.py docs`"
    )


def test_the_page_and_its_pictures_travel_in_the_package():
    pictures = re.findall(r'<img src="([^"]+)"', PAGE.read_text(encoding="utf-8"))
    assert pictures and all(picture.startswith("images/") for picture in pictures)
    assert all((PAGE.parent / picture).is_file() for picture in pictures)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    carried = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert carried["docs/руководство.html"] == "cdo_desktop/guide/руководство.html"
    assert carried["docs/images"] == "cdo_desktop/guide/images"


def test_the_guide_is_found_in_a_checkout_a_package_and_the_windows_folder(tmp_path, monkeypatch):
    assert paths.guide_file() == PAGE
    package = tmp_path / "site-packages" / "cdo_desktop"
    (package / "guide").mkdir(parents=True)
    (package / "guide" / "руководство.html").write_text("<html/>", encoding="utf-8")
    monkeypatch.setattr(paths, "_PACKAGE", package)
    assert paths.guide_file() == package / "guide" / "руководство.html"
    folder = tmp_path / "cdo_desktop_folder"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "руководство.html").write_text("<html/>", encoding="utf-8")
    monkeypatch.setattr(paths, "executable_dir", lambda: folder)
    assert paths.guide_file() == folder / "docs" / "руководство.html"
    monkeypatch.setattr(paths, "_PACKAGE", tmp_path / "nowhere" / "cdo_desktop")
    monkeypatch.setattr(paths, "executable_dir", lambda: None)
    assert paths.guide_file() is None


@pytest.fixture
def told(monkeypatch):
    messages = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: messages.append(text))
    return messages


def test_f1_opens_the_page_in_the_browser(qapp, monkeypatch, told):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert open_guide(None)
    assert [url.toLocalFile() for url in opened] == [str(PAGE)]
    assert told == []


def test_a_guide_that_cannot_be_opened_is_told_in_russian(qapp, monkeypatch, told):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    assert not open_guide(None)
    assert told[-1].startswith("Не удалось открыть руководство") and str(PAGE) in told[-1]
    monkeypatch.setattr(paths, "guide_file", lambda: None)
    assert not open_guide(None)
    assert told[-1].startswith("Руководство пользователя не найдено")
