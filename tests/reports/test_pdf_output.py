"""A PDF is written whole or not at all: the writer's result and the file's end are checked,
a failure keeps the old file and leaves nothing beside it, and the new file gets the user's
usual permissions. Through `summary` on the command line and «Сохранить в PDF» in the window."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from cdo_desktop.core.errors import CdoError
from cdo_desktop.files import STALE_AFTER_SECONDS
from cdo_desktop.reports import printing
from cdo_desktop.reports.printing import check_pdf, printable_width, save_pdf
from cdo_desktop.reports.summary import SummaryOptions, build_summary, default_report_year
from cdo_desktop.ui.summary_dialog import save_summary_pdf
from cdo_desktop.workspace import demo_projects
from tests.cli.test_cli import run
from tests.mounts import tmpfs

OLD = b"%PDF-1.4 the good old summary %%EOF\n"


@pytest.fixture(scope="module")
def demo():
    return demo_projects()[0]


@pytest.fixture
def document(qapp, demo):
    options = SummaryOptions(year=default_report_year(demo))
    return build_summary(demo, options, width=printable_width())


@pytest.fixture
def usual_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_nearly_full_disk_fails_the_summary_and_keeps_the_old_file(capsys, db_path, tmp_path):
    assert run(capsys, "projects", "--db", str(db_path))[0] == 0
    with tmpfs(tmp_path / "disk", "60k") as disk:
        (disk / "s.pdf").write_bytes(OLD)
        code, out, err = run(capsys, "summary", str(disk / "s.pdf"), "--db", str(db_path))
        assert code == 1 and "страниц" not in out
        assert err == (
            f"cdo-desktop: ошибка: {disk / 's.pdf'}: файл PDF записан не полностью "
            "(нет места на диске?); прежний файл оставлен\n"
        )
        assert (disk / "s.pdf").read_bytes() == OLD
        assert names(disk) == ["s.pdf"]


def test_a_truncated_pdf_is_refused_even_when_qt_reports_success(document, tmp_path, monkeypatch):
    target = tmp_path / "s.pdf"
    target.write_bytes(OLD)
    written = printing.write_pdf

    def cut_short(document, path, layout=None):
        pages = written(document, path, layout)
        data = Path(path).read_bytes()
        Path(path).write_bytes(data[: len(data) // 2])  # what a full disk leaves
        return pages

    monkeypatch.setattr(printing, "write_pdf", cut_short)
    with pytest.raises(CdoError, match="записан не полностью"):
        save_pdf(document, target)
    assert target.read_bytes() == OLD
    assert names(tmp_path) == ["s.pdf"]


def test_check_pdf_wants_the_end_of_file_mark(tmp_path):
    path = tmp_path / "x.pdf"
    for whole in (b"%PDF-1.4 ... %%EOF", b"%PDF-1.4 ... %%EOF\r\n", b"%PDF ... %%EOF\n\n"):
        path.write_bytes(whole)
        check_pdf(path)
    for broken in (b"", b"%PDF-1.4 ... stream\n", b"%PDF-1.4 %%EOF trailing"):
        path.write_bytes(broken)
        with pytest.raises(CdoError):
            check_pdf(path)


def test_a_new_pdf_gets_the_users_permissions(capsys, db_path, tmp_path, usual_umask, document):
    save_pdf(document, tmp_path / "a.pdf")
    assert (tmp_path / "a.pdf").stat().st_mode & 0o777 == 0o644
    assert run(capsys, "summary", str(tmp_path / "b.pdf"), "--db", str(db_path))[0] == 0
    assert (tmp_path / "b.pdf").stat().st_mode & 0o777 == 0o644


def test_the_windows_save_gets_the_users_permissions_and_tells_a_failure(
    qapp, demo, tmp_path, usual_umask, monkeypatch
):
    written = save_summary_pdf(None, demo, path=tmp_path / "окно.pdf")
    assert written == tmp_path / "окно.pdf"
    assert written.stat().st_mode & 0o777 == 0o644
    check_pdf(written)

    told = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda parent, title, text: told.append(text))
    )

    def cut_short(path):
        path.write_bytes(path.read_bytes()[:1000])  # a full disk in the middle of the file
        check_pdf(path)

    monkeypatch.setattr(printing, "check_pdf", cut_short)
    written.write_bytes(OLD)
    assert save_summary_pdf(None, demo, path=written) is None
    assert told and "окно.pdf" in told[0] and "записан не полностью" in told[0]
    assert written.read_bytes() == OLD
    assert names(tmp_path) == ["окно.pdf"]


def test_temporary_files_a_killed_write_left_are_removed_next_time(document, tmp_path):
    stale = tmp_path / ".s.pdf.k2j4h1ab.tmp"
    stale.write_bytes(b"half a pdf")
    old = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(stale, (old, old))
    running = tmp_path / ".s.pdf.zzzzzzzz.tmp"  # another write, still going on
    running.write_bytes(b"being written")
    users = [tmp_path / ".s.pdf.notes.tmp", tmp_path / ".other.pdf.k2j4h1ab.tmp"]
    for path in users:
        path.write_bytes(b"not ours to delete")
        os.utime(path, (old, old))
    save_pdf(document, tmp_path / "s.pdf")
    assert not stale.exists()
    assert running.exists() and all(path.exists() for path in users)
    check_pdf(tmp_path / "s.pdf")
