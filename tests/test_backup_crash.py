"""Power cuts during `backup`, the daily copy and `restore`: whatever the moment, the database
and the backups folder stay sound, and the next copy cleans what the killed one left."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cdo_desktop.storage import backups
from cdo_desktop.storage.safe_copy import PARTIAL
from cdo_desktop.workspace import open_workspace
from tests.test_crash_safety import integrity, run_and_kill

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

KILLS = 5


@pytest.fixture(scope="module")
def big_database(tmp_path_factory) -> Path:
    """Tens of megabytes (a long change history), so a copy takes long enough to be cut."""
    path = tmp_path_factory.mktemp("backup-crash") / "big.sqlite"
    open_workspace(path).close()
    connection = sqlite3.connect(path)
    connection.executemany(
        "INSERT INTO change_log (at, author, project_code, section, field, old, new, source) "
        "VALUES ('2026-01-01T00:00:00', 'ivanov', 'E4', 'indicator', 'plan', ?, ?, 'тест')",
        ((f"старое значение {n} " * 8, f"новое значение {n} " * 8) for n in range(80_000)),
    )
    connection.commit()
    connection.close()
    return path


def history_size(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM change_log").fetchone()[0]
    finally:
        connection.close()


def leftovers(database: Path) -> list[Path]:
    return [
        path
        for path in [*backups.folder_of(database).rglob("*"), *database.parent.iterdir()]
        if PARTIAL in path.name or path.name.endswith("-journal")
    ]


def assert_sound(database: Path) -> None:
    assert integrity(database) == "ok"
    for backup in backups.list_backups(database):
        assert integrity(backup.path) == "ok", f"a copy under a final name is whole: {backup}"


def kill_while_copying(command: list[str], database: Path, delay: float) -> None:
    """Kill `delay` seconds after a partial copy has appeared: surely in the middle of one."""
    process = subprocess.Popen(
        [sys.executable, "-m", "cdo_desktop", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            if any(PARTIAL in path.name for path in backups.folder_of(database).rglob("*")):
                break
            time.sleep(0.002)
        time.sleep(delay)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    assert run_and_kill(command, after=120) == 0
    return time.perf_counter() - started


def test_killed_backups_leave_the_database_and_the_folder_sound(big_database, tmp_path):
    work = tmp_path / "work.sqlite"
    shutil.copy(big_database, work)
    duration = timed(["backup", "--db", str(work)])
    moments = random.Random(13)
    cut = 0
    for _ in range(KILLS):
        # Any moment of the run, from start-up to the end, then surely midway through a copy.
        run_and_kill(["backup", "--db", str(work)], after=duration * moments.uniform(0.3, 1.0))
        assert_sound(work)
        kill_while_copying(["backup", "--db", str(work)], work, moments.uniform(0, 0.2))
        assert_sound(work)
        cut += bool(leftovers(work))
    assert cut, "copies were cut off midway"
    assert timed(["backup", "--db", str(work)]) > 0
    assert leftovers(work) == [], "the next copy cleaned what the killed ones left"
    assert_sound(work)


def test_killed_daily_backups_leave_no_copy_but_a_whole_one(big_database, tmp_path):
    reference = tmp_path / "reference.sqlite"
    shutil.copy(big_database, reference)
    duration = timed(["projects", "--db", str(reference)])  # the day's first start copies
    assert [backup.reason for backup in backups.list_backups(reference)] == ["daily"]
    moments = random.Random(7)
    for attempt in range(KILLS):
        work = tmp_path / f"work-{attempt}.sqlite"
        shutil.copy(big_database, work)
        run_and_kill(["projects", "--db", str(work)], after=duration * moments.uniform(0.3, 1.0))
        assert_sound(work)
        assert timed(["projects", "--db", str(work)]) > 0
        assert [backup.reason for backup in backups.list_backups(work)] == ["daily"]
        assert leftovers(work) == []


def test_a_killed_restore_leaves_the_old_state_or_the_restored_one(big_database, tmp_path):
    work = tmp_path / "work.sqlite"
    shutil.copy(big_database, work)
    store = open_workspace(work, daily_backup=False)
    copy = store.backup("manual")
    store.close()
    restored = history_size(work)
    connection = sqlite3.connect(work)
    connection.execute("DELETE FROM change_log WHERE id % 2 = 0")
    connection.commit()
    connection.close()
    old = history_size(work)
    assert old != restored
    keep = tmp_path / "before.sqlite"
    shutil.copy(work, keep)
    duration = timed(["restore", str(copy), "--db", str(work)])
    assert history_size(work) == restored
    moments = random.Random(31)
    for _ in range(KILLS):
        shutil.copy(keep, work)
        run_and_kill(
            ["restore", str(copy), "--db", str(work)], after=duration * moments.uniform(0.2, 1.0)
        )
        assert_sound(work)
        after = history_size(work)
        assert after in (old, restored), "never a mix"
    assert timed(["restore", str(copy), "--db", str(work)]) > 0
    assert history_size(work) == restored
    assert leftovers(work) == []
