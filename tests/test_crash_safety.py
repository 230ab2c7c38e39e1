"""Power cuts: a process killed in the middle of an import or a load leaves the old data or
the new, whole, never a mix, in a file that passes SQLite's integrity check."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal

import pytest

from cdo_desktop.cli import main
from cdo_desktop.core.model import PlanFact, PlanFactRow
from cdo_desktop.workspace import demo_projects, open_workspace

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def big_version_of_the_demo():
    project = demo_projects()[0]
    project.last_year = 2030
    years = range(2019, 2031)
    for kind_rows in (project.indicators, project.results):
        for number in range(len(kind_rows) + 1, 301):
            kind_rows.append(
                PlanFactRow(
                    str(number),
                    f"Показатель регионального проекта номер {number}",
                    "единиц",
                    True,
                    values={
                        y: PlanFact(Decimal(number + y - 2019), Decimal(number))
                        for y in years
                        if y < 2026
                    },
                )
            )
    return project


def dump(path, capsysbinary):
    assert main(["dump", "--db", str(path)]) == 0
    return capsysbinary.readouterr().out


def integrity(path):
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """The old database, the file that makes it new, and how each state dumps."""
    folder = tmp_path_factory.mktemp("crash")
    old_db = folder / "old.sqlite"
    open_workspace(old_db).close()
    new_db = folder / "new.sqlite"
    store = open_workspace(new_db, with_demo=False)
    store.store.replace([big_version_of_the_demo()])
    store.close()
    assert main(["export", str(folder / "new.xlsx"), "--db", str(new_db)]) == 0
    assert main(["dump", "--db", str(new_db), "-o", str(folder / "new.json")]) == 0
    return folder


def run_and_kill(command, after):
    process = subprocess.Popen(
        [sys.executable, "-m", "cdo_desktop", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        return process.wait(timeout=after)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        return process.wait(timeout=60)


@pytest.mark.parametrize("kind", ["import", "load"])
def test_killed_midway_leaves_old_or_new(states, tmp_path, capsysbinary, kind):
    source = states / ("new.xlsx" if kind == "import" else "new.json")
    reference = tmp_path / "reference.sqlite"
    shutil.copy(states / "old.sqlite", reference)
    old = dump(reference, capsysbinary)
    started = time.perf_counter()
    assert run_and_kill([kind, str(source), "--db", str(reference)], after=120) == 0
    duration = time.perf_counter() - started
    new = dump(reference, capsysbinary)
    assert new != old
    outcomes = set()
    # Kill moments spread over the whole run, from start-up to the final commit.
    for fraction in (0.2, 0.4, 0.55, 0.7, 0.8, 0.9, 0.97):
        work = tmp_path / f"work-{fraction}.sqlite"
        shutil.copy(states / "old.sqlite", work)
        run_and_kill([kind, str(source), "--db", str(work)], after=duration * fraction)
        assert integrity(work) == "ok"
        after = dump(work, capsysbinary)
        assert after in (old, new), f"a mix after a kill at {fraction:.0%} of the run"
        outcomes.add("new" if after == new else "old")
    assert "old" in outcomes  # the kills did land before the commit
