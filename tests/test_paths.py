"""Where the database lives: $CDO_DB, the portable `data` folder of a frozen build, the profile."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

from cdo_desktop import paths
from cdo_desktop.storage.backups import BACKUP_FOLDER, make_backup
from cdo_desktop.workspace import open_workspace


@pytest.fixture
def frozen_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend to be the built program: sys.frozen set, the executable in a folder of its own."""
    folder = tmp_path / "cdo_desktop"
    folder.mkdir()
    executable = folder / ("cdo-desktop.exe" if sys.platform == "win32" else "cdo-desktop")
    executable.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    return folder


def test_bundled_files_are_found() -> None:
    assert (paths.resources_dir() / "icons" / "app.svg").is_file()
    assert paths.demo_data_file().is_file()


def test_without_anything_the_database_is_in_the_user_folder(isolated_profile: Path) -> None:
    assert paths.default_database_path() == paths.user_data_dir() / paths.DATABASE_FILE
    assert paths.user_data_dir().is_relative_to(isolated_profile)
    assert paths.portable_data_dir() is None


def test_cdo_db_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CDO_DB", str(tmp_path / "chosen.sqlite"))
    assert paths.default_database_path() == tmp_path / "chosen.sqlite"


def test_run_from_python_never_looks_beside_the_interpreter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.executable_dir() is None
    assert paths.portable_folder() is None
    assert paths.portable_data_dir() is None
    assert paths.default_database_path() == paths.user_data_dir() / paths.DATABASE_FILE


def test_frozen_without_data_folder_uses_the_user_folder(frozen_program: Path) -> None:
    assert paths.executable_dir() == frozen_program.resolve()
    assert paths.portable_folder() == frozen_program.resolve() / "data"
    assert paths.portable_data_dir() is None
    assert paths.default_database_path() == paths.user_data_dir() / paths.DATABASE_FILE


def test_data_folder_beside_the_executable_turns_on_the_portable_mode(
    frozen_program: Path,
) -> None:
    (frozen_program / "data").mkdir()
    expected = frozen_program.resolve() / "data" / paths.DATABASE_FILE
    assert paths.portable_data_dir() == frozen_program.resolve() / "data"
    assert paths.default_database_path() == expected
    assert paths.is_portable(expected)
    assert not paths.is_portable(paths.user_data_dir() / paths.DATABASE_FILE)
    # The write test leaves nothing behind.
    assert list((frozen_program / "data").iterdir()) == []


def test_cdo_db_wins_over_the_portable_mode(
    frozen_program: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (frozen_program / "data").mkdir()
    monkeypatch.setenv("CDO_DB", str(tmp_path / "chosen.sqlite"))
    assert paths.default_database_path() == tmp_path / "chosen.sqlite"


def test_a_file_named_data_is_not_a_portable_folder(frozen_program: Path) -> None:
    (frozen_program / "data").write_text("не папка", encoding="utf-8")
    assert paths.portable_data_dir() is None
    assert paths.default_database_path() == paths.user_data_dir() / paths.DATABASE_FILE


@pytest.mark.skipif(
    sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="needs POSIX permissions that bind the user (root writes anywhere)",
)
def test_read_only_data_folder_falls_back_to_the_user_folder(frozen_program: Path) -> None:
    data = frozen_program / "data"
    data.mkdir()
    data.chmod(0o555)
    try:
        assert paths.portable_data_dir() is None
        assert paths.default_database_path() == paths.user_data_dir() / paths.DATABASE_FILE
    finally:
        data.chmod(0o755)


def test_unwritable_data_folder_falls_back_to_the_user_folder(
    frozen_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same as above where permissions cannot be taken away (root, Windows): the file
    # system refuses to create the probe file.
    (frozen_program / "data").mkdir()

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    assert paths.portable_data_dir() is None
    assert paths.default_database_path() == paths.user_data_dir() / paths.DATABASE_FILE


def test_portable_database_and_its_backups_stay_in_the_data_folder(
    frozen_program: Path,
) -> None:
    data = frozen_program / "data"
    data.mkdir()
    workspace = open_workspace()
    try:
        assert workspace.path == data.resolve() / paths.DATABASE_FILE
        assert workspace.path.is_file()
        assert workspace.store.summaries()
        backup = make_backup(workspace.database, workspace.path, "manual")
    finally:
        workspace.close()
    assert backup.parent.parent == data.resolve() / BACKUP_FOLDER  # in the database's own folder
    assert not paths.user_data_dir().exists()
