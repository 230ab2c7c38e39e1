"""Test set-up: headless Qt, and a user profile of the test's own so nothing real is touched."""

import os

# Before anything imports Qt: tests run without a display, here and in CI.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from pathlib import Path

import pytest

from cdo_desktop.workspace import Workspace, open_workspace


@pytest.fixture(autouse=True)
def isolated_profile(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point the user data folder, settings and $CDO_DB away from the real user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("APPDATA", str(home / "appdata"))
    monkeypatch.delenv("CDO_DB", raising=False)
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.sqlite"


@pytest.fixture
def workspace(db_path: Path):
    """A fresh database holding the demo project."""
    opened: Workspace = open_workspace(db_path)
    yield opened
    opened.close()
