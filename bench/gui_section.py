"""The GUI section of bench/run.py: the program's window in fresh processes (bench/gui_probe.py).

Cold start to the window shown and idle against a bare QMainWindow; switching projects and
tabs, one cell edit, the first chart tab and peak memory on the large database; and what
opening one store costs against a plain sqlite3 connection.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from measuring import BENCH, ROOT, Line, child_env, median


def probe(folder: Path, *args: str) -> tuple[float, dict]:  # type: ignore[type-arg]
    """Seconds from launching bench/gui_probe.py to its window shown and idle, and its report."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(BENCH / "gui_probe.py"), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=child_env(folder),
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    shown = time.perf_counter() - start
    assert line.strip() == "shown", line
    report = json.loads(process.stdout.readline())
    process.wait(timeout=120)
    return shown, report


def gui(folder: Path, database: Path, runs: int) -> list[Line]:
    probe(folder, "bare")
    probe(folder, "start", str(database))  # warm the file cache; makes the day's backup
    bare, ours, bare_rss, heavy = [], [], [], set()
    for _ in range(runs):
        seconds, report = probe(folder, "bare")
        bare.append(seconds)
        bare_rss.append(report["rss_mb"])
        seconds, report = probe(folder, "start", str(database))
        ours.append(seconds)
        heavy.update(report["heavy_modules"])
    projects, tabs, first_chart, rss, edits = [], [], [], [], []
    for _ in range(max(1, runs // 2)):
        _, report = probe(folder, "switch", str(database), "5")
        projects += report["project_switch"]
        tabs += report["tab_switch"]
        edits += report["cell_edit"]
        first_chart += report["first_chart"]
        rss.append(report["rss_mb"])
    loaded = ", ".join(sorted(heavy)) or "none"
    return [
        Line(
            f"cold start, window shown and idle (loaded: {loaded})",
            "bare QMainWindow",
            median(bare),
            median(ours),
            "≤ 2.5 ×",  # issue 11: with peewee (the one store) imported at start
            median(ours) <= 2.5 * median(bare),
        ),
        Line(
            "open another project (largest database)",
            "—",
            None,
            median(projects),
            "< 0.1 s",
            max(projects) < 0.1,
        ),
        Line("switch tab (worst of all tabs)", "—", None, max(tabs), "< 0.1 s", max(tabs) < 0.1),
        Line(
            "one cell edit: typed → stored → history → table and chart redrawn (median)",
            "—",
            None,
            median(edits),
            "< 0.05 s",
            median(edits) < 0.05,
        ),
        Line(
            "first chart tab of a run (imports pyqtgraph)",
            "—",
            None,
            median(first_chart) if first_chart else 0.0,
            "—",
            None,
        ),
        Line(
            "peak RSS, GUI with large database, 5 projects × 5 tabs",
            "bare QMainWindow",
            median(bare_rss),
            max(rss),
            "< 400 MB",
            max(rss) < 400,
            unit="MB",
        ),
    ]


def store_cost(database: Path, runs: int) -> Line:
    """What one store costs: opened on the large database (peewee imported in a fresh process,
    the schema recognised), against a plain sqlite3 connection reading the project list."""
    script_ours = (
        "import sys, time; t = time.perf_counter(); "
        "from cdo_desktop.storage.database import open_store; "
        "s = open_store(sys.argv[1], checked=True); s.summaries(); "
        "print(time.perf_counter() - t)"
    )
    script_bare = (
        "import sys, time, sqlite3; t = time.perf_counter(); "
        "c = sqlite3.connect(sys.argv[1]); c.execute('SELECT id, code FROM project').fetchall(); "
        "print(time.perf_counter() - t)"
    )

    def timed(script: str) -> float:
        done = subprocess.run(
            [sys.executable, "-c", script, str(database)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        return float(done.stdout.strip())

    base, ours = [], []
    for _ in range(runs):
        base.append(timed(script_bare))
        ours.append(timed(script_ours))
    return Line(
        "one store: open it (peewee imported, schema recognised) and list projects",
        "sqlite3.connect + SELECT",
        median(base),
        median(ours),
        "—",
        None,
    )
