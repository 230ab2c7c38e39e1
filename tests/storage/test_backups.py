"""Backups and damaged files: copies by SQLite's backup API, the last 20 kept, restores whole."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from cdo_desktop.cli import main
from cdo_desktop.core.errors import DatabaseFileError
from cdo_desktop.core.model import RowKind
from cdo_desktop.storage import backups
from cdo_desktop.storage.database import DamagedDatabaseError
from cdo_desktop.storage.editing import ProjectEditor
from cdo_desktop.storage.integrity import IntegrityCheck
from cdo_desktop.workspace import open_workspace
from tests.damage import damaged_with_a_backup


def plan_2021(store):
    project_id = store.store.find("E4").id
    return store.store.load_rows(project_id, RowKind.INDICATOR)[2].value(2021).plan


def test_backup_is_a_sound_copy_and_only_20_are_kept(workspace):
    first = workspace.backup("manual")
    backups.check_backup_file(first)
    for _ in range(25):
        workspace.backup("manual")
    kept = backups.list_backups(workspace.path)
    assert len(kept) == backups.KEEP
    assert kept[0].made >= kept[-1].made
    assert not first.exists()
    assert kept[0].reason_words == "по команде"


@pytest.mark.parametrize("name", ["test.sqlite", "база [2026] *.sqlite"])
def test_daily_backup_once_a_day(tmp_path, name):
    db_path = tmp_path / name
    open_workspace(db_path).close()
    assert backups.list_backups(db_path) == []  # a new file has nothing to keep yet
    open_workspace(db_path).close()
    open_workspace(db_path).close()
    assert [b.reason for b in backups.list_backups(db_path)] == ["daily"]


def test_restore_brings_back_the_old_state_and_keeps_the_current(workspace):
    saved = workspace.backup("manual")
    editor = ProjectEditor(workspace.store, workspace.store.find("E4").id)
    row_id = workspace.store.load_rows(editor.project_id, RowKind.INDICATOR)[2].id
    editor.set_plan_fact_values([(row_id, 2021, "plan", Decimal(99))])
    before_restore = workspace.restore(saved)
    assert plan_2021(workspace) == Decimal("38.28")
    assert "restore" in before_restore.name
    check = sqlite3.connect(before_restore)
    assert check.execute("SELECT count(*) FROM plan_fact_value WHERE plan = '99'").fetchone()[0]
    check.close()


def test_a_bad_file_is_not_restored_and_nothing_changes(capsys, db_path, tmp_path):
    main(["projects", "--db", str(db_path)])
    before = db_path.read_bytes()
    (tmp_path / "junk.sqlite").write_bytes(b"junk" * 1000)
    assert main(["restore", str(tmp_path / "junk.sqlite"), "--db", str(db_path)]) == 1
    assert "не является базой данных" in capsys.readouterr().err
    assert db_path.read_bytes() == before


def test_backup_and_restore_commands(capsys, db_path, tmp_path):
    copy = tmp_path / "copy.sqlite"
    assert main(["backup", str(copy), "--db", str(db_path)]) == 0
    main(["dump", "--db", str(db_path), "-o", str(tmp_path / "d.json")])
    text = (tmp_path / "d.json").read_text(encoding="utf-8").replace('"plan": 38.28', '"plan": 1')
    (tmp_path / "e.json").write_text(text, encoding="utf-8")
    main(["load", str(tmp_path / "e.json"), "--db", str(db_path)])
    assert [b.reason for b in backups.list_backups(db_path)].count("load") == 1
    assert main(["restore", str(copy), "--db", str(db_path)]) == 0
    store = open_workspace(db_path)
    try:
        assert plan_2021(store) == Decimal("38.28")
    finally:
        store.close()


def test_damaged_file_is_told_and_recovered_from_the_newest_sound_backup(db_path):
    damaged_with_a_backup(db_path)
    with pytest.raises(DamagedDatabaseError) as raised:
        open_workspace(db_path)
    assert "повреждён" in str(raised.value)
    recovered = backups.recover_from_backup(db_path)
    assert recovered is not None
    assert list(db_path.parent.glob("*-повреждён-*.sqlite"))
    store = open_workspace(db_path)
    try:
        assert plan_2021(store) == Decimal("38.28")
    finally:
        store.close()


def test_the_check_in_the_background_finds_the_damage_too(db_path):
    damaged_with_a_backup(db_path)
    damaged = db_path.read_bytes()
    store = open_workspace(db_path, check_in_background=True)  # the header is sound
    try:
        with pytest.raises(DamagedDatabaseError, match="повреждён"):
            store.confirm_sound()
        assert len(backups.list_backups(db_path)) == 1, "no daily copy of a damaged file"
    finally:
        store.close()
    assert db_path.read_bytes() == damaged


def test_a_check_started_early_is_waited_for(db_path):
    damaged_with_a_backup(db_path)
    with pytest.raises(DamagedDatabaseError):
        open_workspace(db_path, started_check=IntegrityCheck.of_existing(db_path))


def test_the_daily_backup_waits_for_the_check(db_path):
    open_workspace(db_path, daily_backup=False).close()
    store = open_workspace(db_path, check_in_background=True)
    try:
        assert backups.list_backups(db_path) == []
        store.confirm_sound()
        assert [backup.reason for backup in backups.list_backups(db_path)] == ["daily"]
    finally:
        store.close()


def test_broken_links_are_found_at_start(db_path):
    open_workspace(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute("INSERT INTO plan_fact_value (row_id, year, plan) VALUES (9999, 2020, '1')")
    raw.commit()
    raw.close()
    with pytest.raises(DatabaseFileError, match="нарушены связи"):
        open_workspace(db_path)
    store = open_workspace(db_path, check_in_background=True)
    try:
        with pytest.raises(DatabaseFileError, match="нарушены связи"):
            store.confirm_sound()
    finally:
        store.close()


def test_backup_list_reads_names_it_made(tmp_path):
    path = tmp_path / "base.sqlite"
    folder = backups.folder_of(path)
    folder.mkdir()
    stamp = (datetime.now() - timedelta(days=1)).strftime("%Y%m%d-%H%M%S-%f")
    (folder / f"base-{stamp}-import.sqlite").write_bytes(b"")
    (folder / "other-file.sqlite").write_bytes(b"")
    [found] = backups.list_backups(path)
    assert found.reason_words == "перед импортом"


def test_import_makes_a_backup_first_and_a_dry_run_does_not(capsys, db_path, tmp_path):
    workbook = tmp_path / "book.xlsx"
    assert main(["export", str(workbook), "--db", str(db_path)]) == 0
    store = open_workspace(db_path)
    ProjectEditor(store.store, store.store.find("E4").id).update_project(goal="Другая цель")
    store.close()
    assert main(["import", str(workbook), "--db", str(db_path), "--dry-run"]) == 0
    assert [b.reason for b in backups.list_backups(db_path)].count("import") == 0
    assert main(["import", str(workbook), "--db", str(db_path)]) == 0
    assert [b.reason for b in backups.list_backups(db_path)].count("import") == 1
    capsys.readouterr()
    assert main(["history", "--db", str(db_path)]) == 0
    assert "Паспорт, цель\tДругая цель → создание в Кировской" in capsys.readouterr().out


def test_the_database_cannot_be_restored_from_or_backed_up_onto_itself(capsys, db_path):
    main(["projects", "--db", str(db_path)])
    before = db_path.read_bytes()
    assert main(["restore", str(db_path), "--db", str(db_path)]) == 1
    assert "это сам файл базы данных" in capsys.readouterr().err
    assert main(["backup", str(db_path), "--db", str(db_path)]) == 1
    assert "это сам файл базы данных" in capsys.readouterr().err
    assert db_path.read_bytes() == before


def test_a_closed_workspace_stays_closed(db_path):
    """Reopening it would bind the tables to its file behind the back of the one in use."""
    open_workspace(db_path).close()
    for lazily in (False, True):
        store = open_workspace(db_path, check_in_background=lazily)
        store.confirm_sound()
        store.close()
        with pytest.raises(DatabaseFileError, match="уже закрыта"):
            _ = store.database
        with pytest.raises(DatabaseFileError, match="уже закрыта"):
            store.reader.summaries()
