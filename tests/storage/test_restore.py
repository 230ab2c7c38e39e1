"""Restore when it is needed: over a damaged file, never from a foreign or newer file, never
waiting on others for more than the wait, and saying who holds the file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from decimal import Decimal
from pathlib import Path

import pytest

from cdo_desktop.cli import main
from cdo_desktop.core.errors import DatabaseFileError
from cdo_desktop.core.model import RowKind
from cdo_desktop.storage import backups, presence, safe_copy
from cdo_desktop.storage.editing import ProjectEditor
from cdo_desktop.storage.migrations import SCHEMA_VERSION
from cdo_desktop.storage.schema_check import expected_schema, schema_problem
from cdo_desktop.workspace import open_workspace
from tests.damage import damage, damaged_with_a_backup
from tests.older_schema import strip_to


def plan_2021(path: Path) -> Decimal | None:
    store = open_workspace(path, daily_backup=False)
    try:
        project_id = store.store.find("E4").id
        return store.store.load_rows(project_id, RowKind.INDICATOR)[2].value(2021).plan
    finally:
        store.close()


def set_plan_2021(path: Path, value: int) -> None:
    store = open_workspace(path, daily_backup=False)
    try:
        editor = ProjectEditor(store.store, store.store.find("E4").id)
        row_id = store.store.load_rows(editor.project_id, RowKind.INDICATOR)[2].id
        editor.set_plan_fact_values([(row_id, 2021, "plan", Decimal(value))])
    finally:
        store.close()


def test_restore_over_a_damaged_file_keeps_it_beside_and_puts_the_copy_in(capsys, db_path):
    """Issue 13, point 4: the case restore exists for. The damaged file is not read through
    SQLite; it is kept beside, and the restored database keeps its id."""
    damaged_with_a_backup(db_path)
    identity = backups.read_database_id(db_path)
    [copy] = backups.list_backups(db_path)
    damaged = db_path.read_bytes()
    assert main(["restore", str(copy.path), "--db", str(db_path)]) == 0
    assert "Прежнее состояние сохранено" in capsys.readouterr().out
    [kept] = db_path.parent.glob("test-повреждён-*.sqlite")
    assert kept.read_bytes() == damaged
    assert plan_2021(db_path) == Decimal("38.28")
    assert backups.read_database_id(db_path) == identity


def test_a_file_with_a_broken_header_is_restored_and_its_journal_kept_with_it(db_path):
    """Its id cannot be read: its copies are found by the exact stem of their folder."""
    damaged_with_a_backup(db_path)
    data = bytearray(db_path.read_bytes())
    data[:100] = b"\x5a" * 100
    db_path.write_bytes(bytes(data))
    journal = Path(f"{db_path}-journal")
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\x00" * 504)
    assert backups.read_database_id(db_path) is None
    recovered = backups.recover_from_backup(db_path)
    assert recovered is not None
    assert not journal.exists(), "another file's journal is never rolled into the copy"
    [kept] = db_path.parent.glob("test-повреждён-*.sqlite")
    assert kept.read_bytes() == bytes(data)
    assert Path(f"{kept}-journal").exists()
    assert plan_2021(db_path) == Decimal("38.28")


def test_the_window_recovery_takes_only_this_databases_copies(tmp_path):
    """Issue 13, point 2: a damaged `проект` is never given `проект-2023`'s data."""
    mine, other = tmp_path / "проект.sqlite", tmp_path / "проект-2023.sqlite"
    damaged_with_a_backup(mine)
    open_workspace(other).close()
    set_plan_2021(other, 2023)
    store = open_workspace(other, daily_backup=False)
    store.backup("manual")  # the newer copy, of the other database
    store.close()
    recovered = backups.recover_from_backup(mine)
    assert recovered is not None
    assert recovered.path.parent.name.startswith("проект-")
    assert plan_2021(mine) == Decimal("38.28")


def test_a_foreign_sqlite_file_with_a_project_table_is_refused_and_left_as_it_was(
    capsys, db_path, tmp_path
):
    """Issue 13, point 4: a table named `project` proves nothing."""
    open_workspace(db_path).close()
    foreign = tmp_path / "чужая.sqlite"
    raw = sqlite3.connect(foreign)
    raw.executescript(
        "CREATE TABLE project (id INTEGER PRIMARY KEY, code TEXT, name TEXT);"
        "INSERT INTO project (code, name) VALUES ('X', 'чужой');"
        "PRAGMA user_version = 3;"
    )
    raw.close()
    before, foreign_before = db_path.read_bytes(), foreign.read_bytes()
    assert main(["restore", str(foreign), "--db", str(db_path)]) == 1
    assert "не является базой данных cdo_desktop" in capsys.readouterr().err
    assert db_path.read_bytes() == before
    assert foreign.read_bytes() == foreign_before


def test_a_copy_with_a_missing_column_or_of_a_newer_program_is_refused(capsys, db_path, tmp_path):
    open_workspace(db_path).close()
    before = db_path.read_bytes()
    short = tmp_path / "short.sqlite"
    raw = sqlite3.connect(db_path)
    raw.execute(f"VACUUM INTO '{short}'")
    raw.close()
    raw = sqlite3.connect(short)
    raw.execute("ALTER TABLE project DROP COLUMN goal")
    raw.commit()
    raw.close()
    assert main(["restore", str(short), "--db", str(db_path)]) == 1
    assert "в таблице «project» нет столбца «goal»" in capsys.readouterr().err
    newer = tmp_path / "newer.sqlite"
    raw = sqlite3.connect(db_path)
    raw.execute(f"VACUUM INTO '{newer}'")
    raw.close()
    raw = sqlite3.connect(newer)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    assert main(["restore", str(newer), "--db", str(db_path)]) == 1
    assert "более новой версией программы" in capsys.readouterr().err
    assert db_path.read_bytes() == before


def test_schema_problem_compares_tables_and_columns_at_the_files_version(tmp_path):
    assert set(expected_schema(SCHEMA_VERSION)) >= {"project", "meta", "change_log"}
    assert "meta" not in expected_schema(3)
    connection = sqlite3.connect(":memory:")
    assert "нет версии схемы" in schema_problem(connection)
    connection.execute("PRAGMA user_version = 1")
    assert "нет таблицы" in schema_problem(connection)
    path = tmp_path / "db.sqlite"
    open_workspace(path).close()
    sound = sqlite3.connect(path)
    assert schema_problem(sound) is None
    sound.execute("CREATE TABLE extra (x)")
    assert "лишняя таблица «extra»" in schema_problem(sound)
    sound.close()


def as_schema_3(path):
    """Make the file at `path` look as schema 3 made it: nothing a later migration adds."""
    raw = sqlite3.connect(path)
    strip_to(3, raw.execute)
    raw.execute("PRAGMA user_version = 3")
    raw.commit()
    raw.close()


def test_a_copy_of_an_older_schema_is_brought_up_to_date_and_keeps_the_id(db_path, tmp_path):
    open_workspace(db_path).close()
    identity = backups.read_database_id(db_path)
    old = tmp_path / "old.sqlite"
    raw = sqlite3.connect(db_path)
    raw.execute(f"VACUUM INTO '{old}'")
    raw.close()
    as_schema_3(old)
    set_plan_2021(db_path, 7)
    saved = backups.restore_backup(None, db_path, old)
    assert saved is not None and saved.is_file()
    assert plan_2021(db_path) == Decimal("38.28")
    assert backups.read_database_id(db_path) == identity
    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    connection.close()


HOLDER_SCRIPT = textwrap.dedent("""
    import sqlite3, sys, time
    from pathlib import Path
    from cdo_desktop.storage import presence
    handle = presence.register(Path(sys.argv[1])) if sys.argv[2] == "register" else None
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("BEGIN")
    connection.execute("SELECT count(*) FROM project").fetchall()
    print("holding", flush=True)
    time.sleep(60)
""")


@pytest.fixture
def holder(db_path, tmp_path):
    """Another process (a colleague's copy of the program) with a read transaction open."""
    started = []

    def start(register: bool) -> subprocess.Popen:
        script = tmp_path / "holder.py"
        script.write_text(HOLDER_SCRIPT, encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, str(script), str(db_path), "register" if register else "no"],
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parents[2],
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
        )
        started.append(process)
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "holding"
        return process

    yield start
    for process in started:
        process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()


def test_restore_while_another_copy_reads_gives_up_in_time_and_names_it(db_path, holder):
    """Issue 13, point 4: it hung without limit; now ~10 s, and it says who holds the file."""
    store = open_workspace(db_path, daily_backup=False)
    copy = store.backup("manual")
    store.close()
    set_plan_2021(db_path, 5)
    holder(register=True)
    [who] = presence.holders(db_path)
    started = time.monotonic()
    with pytest.raises(DatabaseFileError) as raised:
        backups.restore_backup(None, db_path, copy)
    waited = time.monotonic() - started
    assert waited < safe_copy.WAIT_SECONDS + 3
    assert f"База открыта: {who.user} на {who.host} с {who.since:%H:%M}" in str(raised.value)
    assert "база не изменена" in str(raised.value)
    assert plan_2021(db_path) == Decimal(5)


def test_a_holder_without_a_record_is_another_program(db_path, holder, monkeypatch):
    store = open_workspace(db_path, daily_backup=False)
    copy = store.backup("manual")
    store.close()
    holder(register=False)
    monkeypatch.setattr(safe_copy, "WAIT_SECONDS", 1.0)
    with pytest.raises(DatabaseFileError, match="занята другой программой"):
        backups.restore_backup(None, db_path, copy)


def test_restore_over_a_damaged_file_held_open_waits_then_names_the_holder(
    db_path, holder, monkeypatch
):
    damaged_with_a_backup(db_path)
    [copy] = backups.list_backups(db_path)
    monkeypatch.setattr(safe_copy, "WAIT_SECONDS", 1.0)
    # A reader still gets through the undamaged first pages, and holds its lock.
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("BEGIN")
    connection.execute("SELECT * FROM sqlite_master").fetchall()
    try:
        with pytest.raises(DatabaseFileError, match="занята другой программой"):
            backups.restore_backup(None, db_path, copy.path)
    finally:
        connection.close()
    assert not list(db_path.parent.glob("*-повреждён-*"))
    backups.restore_backup(None, db_path, copy.path)
    assert plan_2021(db_path) == Decimal("38.28")


def test_a_damaged_copy_is_not_restored(db_path):
    store = open_workspace(db_path, daily_backup=False)
    copy = store.backup("manual")
    store.close()
    damage(copy)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseFileError, match=r"повреждена|не является"):
        backups.restore_backup(None, db_path, copy)
    assert db_path.read_bytes() == before


def test_a_copy_of_another_database_is_refused_where_identity_is_asked(db_path, tmp_path):
    other = tmp_path / "другая.sqlite"
    open_workspace(other).close()
    store = open_workspace(other, daily_backup=False)
    foreign_copy = store.backup("manual")
    store.close()
    open_workspace(db_path).close()
    with pytest.raises(DatabaseFileError, match="другой базы данных"):
        backups.check_backup_file(foreign_copy, identity=backups.read_database_id(db_path))


def test_restore_into_a_database_not_made_yet_creates_it(capsys, db_path, tmp_path):
    store = open_workspace(db_path, daily_backup=False)
    copy = store.backup("manual")
    store.close()
    fresh = tmp_path / "новая папка" / "база.sqlite"
    assert main(["restore", str(copy), "--db", str(fresh)]) == 0
    assert "Прежнее состояние" not in capsys.readouterr().out
    assert plan_2021(fresh) == Decimal("38.28")
