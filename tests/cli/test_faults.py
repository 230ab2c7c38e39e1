"""Faults of the machine, not of the data: a read-only file, a lock held past the wait, a full
disk, a closed pipe. Each ends in one Russian line and exit 1, never a traceback, and the
database is as it was."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cdo_desktop.cli import main
from cdo_desktop.storage import dialect, integrity
from tests.cli.test_cli import digest, dump_of, run
from tests.mounts import read_only_file, tmpfs


def one_russian_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("cdo-desktop: ошибка: "), err
    assert "Traceback" not in err and "Error" not in err
    return lines[0]


@pytest.fixture
def short_wait(monkeypatch):
    """A lock is waited for 0.2 s, not 10 s."""
    monkeypatch.setitem(dialect.SQLITE_PRAGMAS, "busy_timeout", 200)
    monkeypatch.setattr(integrity, "BUSY_TIMEOUT_MS", 200)


def many_projects_document(db_path: Path, tmp_path: Path, count: int) -> Path:
    document = json.loads(dump_of(db_path))
    demo = document["projects"][0]
    document["projects"] = [{**demo, "code": f"P{number}"} for number in range(count)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("lock", ["EXCLUSIVE", "IMMEDIATE"])
def test_a_lock_held_past_the_wait_is_one_line(capsys, db_path, tmp_path, short_wait, lock):
    assert run(capsys, "--db", str(db_path), "dump", "-o", str(tmp_path / "d.json"))[0] == 0
    before = digest(db_path)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute(f"BEGIN {lock}")
    try:
        code, _, err = run(capsys, "--db", str(db_path), "load", str(tmp_path / "d.json"))
    finally:
        holder.rollback()
        holder.close()
    assert code == 1
    assert "занята другой программой" in one_russian_line(err)
    assert str(db_path) in err
    assert digest(db_path) == before


def test_a_write_to_a_read_only_database_file_is_one_line(capsys, db_path, tmp_path):
    assert run(capsys, "--db", str(db_path), "dump", "-o", str(tmp_path / "d.json"))[0] == 0
    # A document that changes something (an unchanged one writes nothing at all).
    document = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    document["projects"][0]["goal"] = "Другая цель"
    (tmp_path / "d.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    before = digest(db_path)
    with read_only_file(db_path):
        code, _, err = run(capsys, "--db", str(db_path), "load", str(tmp_path / "d.json"))
    assert code == 1
    line = one_russian_line(err)
    assert "нет права записи" in line and str(db_path) in line
    assert digest(db_path) == before


def test_a_full_disk_is_told_as_such_not_as_a_failed_rollback(capsys, tmp_path):
    source = tmp_path / "source.sqlite"
    assert run(capsys, "--db", str(source), "projects")[0] == 0
    document = many_projects_document(source, tmp_path, 300)
    with tmpfs(tmp_path / "disk", "1500k") as disk:
        database = disk / "full.sqlite"
        database.write_bytes(source.read_bytes())
        before = dump_of(database)
        code, _, err = run(capsys, "--db", str(database), "load", str(document))
        assert code == 1
        line = one_russian_line(err)
        assert "нет места" in line and "rollback" not in line
        assert dump_of(database) == before


def test_a_read_only_disk_for_the_output_file_is_one_line(capsys, db_path, tmp_path):
    assert run(capsys, "--db", str(db_path), "projects")[0] == 0
    with tmpfs(tmp_path / "disk", "1m", read_only=True) as disk:
        for argv in (
            ["dump", "-o", str(disk / "d.json")],
            ["export", str(disk / "d.xlsx")],
            ["backup", str(disk / "b.sqlite")],
        ):
            code, _, err = run(capsys, "--db", str(db_path), *argv)
            assert code == 1, argv
            assert "только для чтения" in one_russian_line(err)


def test_an_unexpected_os_error_is_one_line(capsys, db_path, tmp_path, monkeypatch):
    from cdo_desktop.cli import data

    def failing(args):
        raise OSError(5, "Input/output error", str(tmp_path / "x"))

    monkeypatch.setattr(data, "list_projects", failing)
    parser_args = ["--db", str(db_path), "projects"]
    code, _, err = run(capsys, *parser_args)
    assert code == 1
    assert str(tmp_path / "x") in one_russian_line(err)


@pytest.mark.parametrize("command", [["dump"], ["history"], ["projects"]])
def test_a_reader_that_stops_reading_gets_no_traceback(db_path, command):
    assert main(["--db", str(db_path), "projects"]) == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "cdo_desktop", "--db", str(db_path), *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=Path(__file__).parents[2],
        env={**os.environ, "PYTHONWARNINGS": ""},
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before a byte is written
    with process.stderr:
        err = process.stderr.read().decode("utf-8")
    process.wait(timeout=60)
    assert err == ""
    assert process.returncode == 1


def test_dump_into_head_in_a_shell(db_path):
    assert main(["--db", str(db_path), "projects"]) == 0
    result = subprocess.run(
        f'"{sys.executable}" -m cdo_desktop --db "{db_path}" dump | head -c 10',
        shell=True,
        capture_output=True,
        cwd=Path(__file__).parents[2],
        timeout=60,
        check=False,
    )
    assert result.stdout == b'{\n  "forma'
    assert result.stderr == b""


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["export"], "e.xlsx"),
        (["dump", "-o"], "d.json"),
        (["backup"], "b.sqlite"),
        (["summary"], "s.pdf"),
    ],
)
def test_an_output_file_on_a_full_disk(capsys, db_path, tmp_path, argv, name):
    """One line (no «Exception ignored in ZipFile.__del__» after it), the old file kept,
    nothing left beside it."""
    assert main(["--db", str(db_path), "projects"]) == 0
    with tmpfs(tmp_path / "disk", "8k") as disk:
        target = disk / name
        target.write_bytes(b"the old file")
        result = subprocess.run(
            [sys.executable, "-m", "cdo_desktop", "--db", str(db_path), *argv, str(target)],
            capture_output=True,
            cwd=Path(__file__).parents[2],
            timeout=120,
            check=False,
        )
        err = result.stderr.decode("utf-8")
        assert result.returncode == 1
        line = one_russian_line(err)
        assert str(target) in line and ("нет места" in line or "не полностью" in line)
        assert target.read_bytes() == b"the old file"
        assert [path.name for path in disk.iterdir()] == [name]


def test_dump_to_stdout_on_a_full_disk_is_not_cut_silently(db_path, tmp_path):
    """A file on a full disk takes part of a large write without an error: the rest is
    written (and refused), not dropped with exit 0."""
    assert main(["--db", str(db_path), "projects"]) == 0
    with tmpfs(tmp_path / "disk", "8k") as disk:
        with open(disk / "out.json", "wb") as output:
            result = subprocess.run(
                [sys.executable, "-m", "cdo_desktop", "--db", str(db_path), "dump"],
                stdout=output,
                stderr=subprocess.PIPE,
                cwd=Path(__file__).parents[2],
                timeout=120,
                check=False,
            )
        assert result.returncode == 1
        line = one_russian_line(result.stderr.decode("utf-8"))
        assert line.endswith("стандартный вывод: не удалось записать файл: на диске нет места")
