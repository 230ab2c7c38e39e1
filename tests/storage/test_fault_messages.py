"""SQLite's and the system's faults, made real, as the program tells them (`as_told`): the
window's error handler and the command line say these words."""

from __future__ import annotations

import errno
import sqlite3

import peewee
import pytest

from cdo_desktop.storage.integrity import as_told
from cdo_desktop.workspace import demo_projects, open_workspace
from tests.mounts import read_only_file, tmpfs


def failure_of(action) -> BaseException:
    with pytest.raises((sqlite3.Error, peewee.PeeweeException)) as failed:
        action()
    return failed.value


def many_projects(count):
    projects = []
    for number in range(count):
        project = demo_projects()[0]
        project.code = f"P{number}"
        projects.append(project)
    return projects


def test_a_full_disk_is_told_not_the_failed_rollback_after_it(tmp_path):
    with tmpfs(tmp_path / "disk", "400k") as disk:
        workspace = open_workspace(disk / "full.sqlite", daily_backup=False)
        try:
            before = [summary.code for summary in workspace.store.summaries()]
            error = failure_of(lambda: workspace.store.replace(many_projects(60), source="t"))
            assert "rollback" in str(error) or "full" in str(error)
            told = str(as_told(error, workspace.path))
            assert told == (
                f"{workspace.path}: на диске нет места; изменения не записаны, база не изменена "
                "— освободите место и повторите"
            )
            assert [summary.code for summary in workspace.store.summaries()] == before
        finally:
            workspace.close()


def test_a_read_only_database_file(db_path):
    open_workspace(db_path).close()
    with read_only_file(db_path):
        workspace = open_workspace(db_path, daily_backup=False)
        try:
            error = failure_of(lambda: workspace.store.replace(many_projects(1), source="t"))
            told = str(as_told(error, db_path))
        finally:
            workspace.close()
    assert told.startswith(f"{db_path}: нет права записи в файл базы данных или в его папку")


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("database is locked", "база данных занята другой программой; попробуйте ещё раз"),
        ("disk I/O error", "ошибка чтения или записи диска (сбой диска или сети)"),
        ("file is not a database", "файл не является базой данных или повреждён"),
        ("attempt to write a readonly database", "нет права записи в файл базы данных"),
        ("database or disk is full", "на диске нет места"),
    ],
)
def test_each_sqlite_fault_in_russian(tmp_path, message, words):
    told = as_told(sqlite3.OperationalError(message), tmp_path / "a.sqlite")
    assert str(told).startswith(f"{tmp_path / 'a.sqlite'}: {words}")


def test_an_os_error_names_its_file(tmp_path):
    error = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out.pdf"))
    assert str(as_told(error, tmp_path / "db.sqlite")) == (
        f"{tmp_path / 'out.pdf'}: ошибка файла: на диске нет места"
    )
    assert as_told(ZeroDivisionError(), tmp_path / "db.sqlite") is None
