"""Backups belong to their database: found by its id or by their exact old name, never by a
prefix; each copy verified before it counts; retention by count and size, bad copies first."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cdo_desktop.cli import main
from cdo_desktop.core.errors import DatabaseFileError
from cdo_desktop.storage import backups, safe_copy
from cdo_desktop.workspace import open_workspace
from tests.storage.old_schema import UNDO_MONITORING


def made_copies(path: Path) -> set[Path]:
    return {backup.path for backup in backups.list_backups(path)}


def legacy_copy(database: Path, when: datetime, reason: str = "load") -> Path:
    """A backup as versions before schema 4 named it: `backups/<stem>-stamp-reason.sqlite`."""
    folder = backups.folder_of(database)
    folder.mkdir(exist_ok=True)
    target = folder / f"{database.stem}-{when:%Y%m%d-%H%M%S-%f}-{reason}.sqlite"
    source = sqlite3.connect(database)
    try:
        safe_copy.copy_database(source, target)
    finally:
        source.close()
    return target


def test_a_database_has_an_id_and_its_copies_repeat_it(workspace):
    identity = backups.read_database_id(workspace.path)
    assert identity and len(identity) == 32
    copy = workspace.backup("manual")
    assert copy.parent.name == f"{workspace.path.stem}-{identity[:8]}"
    assert backups.read_database_id(copy) == identity


def test_loads_into_one_database_leave_another_with_a_longer_name_alone(capsys, tmp_path):
    """Issue 13, point 1: `проект` and `проект-2023` share a prefix, not their backups."""
    other = tmp_path / "проект-2023.sqlite"
    mine = tmp_path / "проект.sqlite"
    open_workspace(other).close()
    old_stamp = datetime.now() - timedelta(days=3)
    for n in range(3):
        legacy_copy(other, old_stamp + timedelta(seconds=n))
    for _ in range(2):
        assert main(["backup", "--db", str(other)]) == 0
    others = made_copies(other)
    reasons = sorted(backup.reason for backup in backups.list_backups(other))
    assert reasons == ["daily", "load", "load", "load", "manual", "manual"]
    document = tmp_path / "demo.json"
    assert main(["dump", "--db", str(other), "-o", str(document)]) == 0
    for _ in range(21):
        assert main(["load", str(document), "--db", str(mine)]) == 0
    capsys.readouterr()
    assert all(path.is_file() for path in others), "the other database's copies are intact"
    assert made_copies(other) == others
    mine_copies = made_copies(mine)
    assert len(mine_copies) == backups.KEEP
    assert not mine_copies & others


def test_older_copies_are_adopted_by_exact_name_and_none_is_lost(tmp_path):
    database = tmp_path / "проект.sqlite"
    open_workspace(database).close()
    stamp = datetime.now() - timedelta(days=2)
    own = legacy_copy(database, stamp)
    longer = tmp_path / "проект-2023.sqlite"
    shutil.copy(database, longer)
    foreign = legacy_copy(longer, stamp)
    assert own.name.startswith("проект-") and foreign.name.startswith("проект-2023-")
    assert [backup.path for backup in backups.list_backups(database)] == [own]
    store = open_workspace(database, daily_backup=False)
    try:
        made = store.backup("manual")
    finally:
        store.close()
    adopted = made.parent / own.name
    assert adopted.is_file() and not own.exists(), "moved into the database's own folder"
    assert [backup.path for backup in backups.list_backups(database)] == [made, adopted]
    assert foreign.is_file(), "a longer name's copy is not taken"
    assert [backup.path for backup in backups.list_backups(longer)] == [foreign]


def test_a_database_of_an_older_schema_is_copied_under_the_old_name_then_adopted(tmp_path):
    database = tmp_path / "база.sqlite"
    open_workspace(database).close()
    raw = sqlite3.connect(database)
    raw.executescript(
        UNDO_MONITORING + "DROP TABLE meta; ALTER TABLE change_log RENAME COLUMN author TO user; "
        "PRAGMA user_version = 3;"
    )
    raw.close()
    store = open_workspace(database)  # migrates, after a copy of the schema-3 file
    try:
        [migration] = backups.list_backups(database)
        assert migration.reason == "migration"
        assert migration.path.parent == backups.folder_of(database)
        made = store.backup("manual")
    finally:
        store.close()
    assert [backup.reason for backup in backups.list_backups(database)] == ["manual", "migration"]
    assert all(backup.path.parent == made.parent for backup in backups.list_backups(database))


def test_a_failed_copy_leaves_nothing_and_keeps_every_good_copy(workspace, monkeypatch):
    """Issue 13, point 3, with the disk's refusal injected: `ENOSPC` midway through a copy."""
    good = [workspace.backup("manual") for _ in range(3)]

    def full_disk(source, target):
        Path(target).write_bytes(b"SQLite format 3\x00" + b"\x00" * 2000)
        Path(f"{target}-journal").write_bytes(b"\x00" * 512)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_copy, "copy_database", full_disk)
    for _ in range(25):
        with pytest.raises(DatabaseFileError, match="на диске нет места"):
            workspace.backup("load")
    folder = good[0].parent
    assert sorted(folder.iterdir()) == sorted(good), "no empty, partial or journal file kept"
    monkeypatch.undo()
    assert workspace.backup("manual").is_file()


def test_a_copy_that_fails_its_check_is_not_kept(workspace, monkeypatch):
    monkeypatch.setattr(safe_copy, "integrity_problem", lambda path: "*** in database main ***")
    with pytest.raises(DatabaseFileError, match="не прошла проверку"):
        workspace.backup("manual")
    assert backups.list_backups(workspace.path) == []
    assert not any(backups.folder_of(workspace.path).rglob("*partial*"))


def test_a_failed_daily_backup_is_told_and_tried_again_at_the_next_start(db_path, monkeypatch):
    open_workspace(db_path, daily_backup=False).close()

    def full_disk(source, target):
        Path(target).write_bytes(b"")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_copy, "copy_database", full_disk)
    store = open_workspace(db_path)
    try:
        assert "на диске нет места" in store.backup_failure
    finally:
        store.close()
    assert backups.list_backups(db_path) == []
    monkeypatch.undo()
    store = open_workspace(db_path)
    try:
        assert getattr(store, "backup_failure", None) is None
    finally:
        store.close()
    assert [backup.reason for backup in backups.list_backups(db_path)] == ["daily"]


def test_copies_that_are_not_whole_go_first_and_the_good_ones_stay(workspace):
    good = [workspace.backup("manual") for _ in range(5)]
    folder = good[0].parent
    stamp = datetime.now() + timedelta(minutes=1)  # newer than every good copy
    bad = []
    for number in range(19):
        name = f"{workspace.path.stem}-{stamp + timedelta(seconds=number):%Y%m%d-%H%M%S-%f}-load"
        path = folder / f"{name}.sqlite"
        path.write_bytes(b"" if number % 2 else good[0].read_bytes()[:5000])
        bad.append(path)
    backups.prune(workspace.path, backups.read_database_id(workspace.path))
    assert not any(path.exists() for path in bad)
    assert all(path.exists() for path in good)


def test_retention_by_total_size_keeps_the_newest_whole_copy(workspace):
    copies = [workspace.backup("manual") for _ in range(6)]
    size = copies[0].stat().st_size
    identity = backups.read_database_id(workspace.path)
    backups.prune(workspace.path, identity, keep_bytes=3 * size)
    assert made_copies(workspace.path) == set(copies[-3:])
    backups.prune(workspace.path, identity, keep_bytes=1)
    assert made_copies(workspace.path) == {copies[-1]}, "the newest copy is never removed"


def test_partial_copies_of_killed_processes_are_cleaned_at_the_next_copy(workspace):
    first = workspace.backup("manual")
    folder = first.parent
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    host = safe_copy.host_tag()
    stray = folder / f".{first.stem}-x.sqlite.{host}-{dead.pid}{safe_copy.PARTIAL}"
    stray.write_bytes(b"half")
    Path(f"{stray}-journal").write_bytes(b"j")
    elsewhere = folder / f".{first.stem}-y.sqlite.OTHER-PC-123{safe_copy.PARTIAL}"
    elsewhere.write_bytes(b"half")
    alive = folder / f".{first.stem}-z.sqlite.OTHER-PC-456{safe_copy.PARTIAL}"
    alive.write_bytes(b"being written on another computer")
    hours_ago = datetime.now().timestamp() - 2 * safe_copy.STRAY_AGE_SECONDS
    os.utime(elsewhere, (hours_ago, hours_ago))
    # A copy an earlier version was writing straight under the final name when it was killed.
    cut = legacy_copy(workspace.path, datetime.now() - timedelta(days=1))
    Path(f"{cut}-journal").write_bytes(b"j")
    workspace.backup("manual")
    assert not stray.exists() and not Path(f"{stray}-journal").exists()
    assert not elsewhere.exists()
    assert alive.exists(), "another computer's copy in progress is left alone"
    assert not cut.exists() and not Path(f"{cut}-journal").exists()


def test_daily_backup_counts_only_a_whole_copy(db_path):
    open_workspace(db_path, daily_backup=False).close()
    identity = backups.read_database_id(db_path)
    assert identity is not None
    folder = backups.own_folder(db_path, identity)
    folder.mkdir(parents=True)
    (folder / f"{db_path.stem}-{datetime.now():%Y%m%d-%H%M%S-%f}-daily.sqlite").write_bytes(b"")
    open_workspace(db_path).close()
    reasons = [backup.reason for backup in backups.list_backups(db_path)]
    assert reasons == ["daily"]
    assert all(backup.path.stat().st_size for backup in backups.list_backups(db_path))


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None,
    reason="a small tmpfs needs root",
)
def test_a_really_full_disk_keeps_the_good_copies_and_no_empty_file(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=900k", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        database = disk / "база.sqlite"
        store = open_workspace(database)
        try:
            good = []
            failures = 0
            for _ in range(12):
                try:
                    good.append(store.backup("manual"))
                except DatabaseFileError as error:
                    assert "на диске нет места" in str(error)
                    failures += 1
            assert failures, "the disk did fill up"
            assert good, "copies were made before it did"
            kept = made_copies(database)
            assert kept == set(good)
            for path in backups.folder_of(database).rglob("*"):
                assert path.is_dir() or (path in kept and path.stat().st_size > 0), path
        finally:
            store.close()
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_names_with_uri_characters_are_only_letters(tmp_path):
    database = tmp_path / "база #1 100% [?].sqlite"
    open_workspace(database).close()
    store = open_workspace(database, daily_backup=False)
    try:
        copy = store.backup("manual")
    finally:
        store.close()
    assert backups.read_database_id(copy) == backups.read_database_id(database)
    assert [backup.path for backup in backups.list_backups(database)] == [copy]
    backups.check_backup_file(copy)
    assert backups.restore_backup(None, database, copy) is not None
