"""Workbooks written to a full disk: one CdoError, the old file kept, nothing beside it, and
no «Exception ignored in ZipFile.__del__» afterwards (pytest turns that into an error)."""

from __future__ import annotations

import gc

import pytest

from cdo_desktop.core.errors import CdoError
from cdo_desktop.exchange.excel_export import export_projects
from cdo_desktop.exchange.history_excel import write_history
from cdo_desktop.files import write_file_atomically
from cdo_desktop.storage import history
from cdo_desktop.workspace import demo_projects
from tests.mounts import tmpfs


def test_an_export_to_a_full_disk(tmp_path):
    with tmpfs(tmp_path / "disk", "8k") as disk:
        target = disk / "e4.xlsx"
        target.write_bytes(b"the old workbook")
        with pytest.raises(CdoError, match="на диске нет места"):
            export_projects(demo_projects(), target)
        gc.collect()
        assert target.read_bytes() == b"the old workbook"
        assert [path.name for path in disk.iterdir()] == ["e4.xlsx"]


def test_the_history_workbook_to_a_full_disk(workspace, tmp_path):
    entries = history.entries(workspace.database)
    assert entries
    with tmpfs(tmp_path / "disk", "4k") as disk:
        target = disk / "история.xlsx"
        target.write_bytes(b"the old workbook")
        with pytest.raises(CdoError, match="на диске нет места"):
            write_file_atomically(target, lambda path: write_history(entries * 200, path))
        gc.collect()
        assert target.read_bytes() == b"the old workbook"
        assert [path.name for path in disk.iterdir()] == ["история.xlsx"]
