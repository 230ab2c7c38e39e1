"""One GUI measurement in a fresh process (started by bench/run.py); prints one JSON line.

    python bench/gui_probe.py bare                 a bare PySide6 QMainWindow shown and idle
    python bench/gui_probe.py start DB             the program's window over DB shown and idle
    python bench/gui_probe.py switch DB [N]        then N project switches and every tab of each

The parent times the cold start from launching this process to the line `shown`; the rest
is timed here. Peak memory is the process's VmHWM.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def shown() -> None:
    print("shown", flush=True)


def bare() -> dict[str, object]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    QTimer.singleShot(0, app.quit)
    app.exec()
    shown()
    return {"rss_mb": peak_rss_mb()}


def program(database: str, switches: int) -> dict[str, object]:
    # What `cdo-desktop --db DATABASE` runs: cli.main's parsing, cli.open_window, then run_gui's
    # steps up to the event loop.
    from cdo_desktop.cli import window_arguments
    from cdo_desktop.storage.integrity import IntegrityCheck

    args = window_arguments(["--db", database])
    assert args is not None
    started_check = IntegrityCheck.of_existing(Path(args.db))
    from cdo_desktop.app import create_application, open_main_window

    app = create_application()
    from PySide6.QtCore import QTimer

    window = open_main_window(Path(database), False, started_check)
    assert window is not None
    window.show()
    result: dict[str, object] = {}

    def after_shown() -> None:
        # The event loop has handled the showing and painting: the window is idle.
        shown()
        result["heavy_modules"] = sorted(
            name
            for name in ("pyqtgraph", "openpyxl", "cdo_desktop.reports.summary", "numpy", "peewee")
            if name in sys.modules
        )
        if switches:
            result.update(switch_through(app, window, switches))
        app.quit()

    QTimer.singleShot(0, after_shown)
    app.exec()
    result["rss_mb"] = peak_rss_mb()
    window.close()
    window.workspace.close()
    return result


def switch_through(app, window, switches: int) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """Open `switches` other projects; on each, every tab in turn and back to the first."""
    selector = window.project_selector
    codes = [selector.itemData(row) for row in range(selector.count())]
    project_times: list[float] = []
    tab_times: list[float] = []
    first_chart: list[float] = []
    for code in codes[1 : switches + 1]:
        start = time.perf_counter()
        window.open_project(code)
        app.processEvents()
        project_times.append(time.perf_counter() - start)
        tabs = window.tabs
        for index in [*range(1, tabs.count()), 0]:
            charts_loaded = "pyqtgraph" in sys.modules
            start = time.perf_counter()
            tabs.setCurrentIndex(index)
            app.processEvents()
            spent = time.perf_counter() - start
            # The first chart of the run also imports pyqtgraph: told apart.
            (tab_times if charts_loaded else first_chart).append(spent)
    return {
        "project_switch": project_times,
        "tab_switch": tab_times,
        "first_chart": first_chart,
        "cell_edit": cell_edits(app, window),
    }


def cell_edits(app, window, edits: int = 7) -> list[float]:  # type: ignore[no-untyped-def]
    """One cell typed end to end: parsed, applied by the store (old value checked, history
    written), the table re-read and the chart of the row redrawn."""
    tabs = window.tabs
    tabs.setCurrentIndex(1)
    app.processEvents()
    panel = tabs.indicators
    model = panel.model
    times = []
    base = time.time_ns() % 1_000_000  # a value the cell does not hold yet, run after run
    for edit in range(edits):
        index = model.index(0, model.column_of(model.years[edit % len(model.years)], "plan"))
        panel.view.setCurrentIndex(index)
        app.processEvents()
        start = time.perf_counter()
        assert model.setData(index, str(base + edit))
        app.processEvents()
        times.append(time.perf_counter() - start)
    # Back on the passport, where the next start lands (the window remembers its last tab).
    tabs.setCurrentIndex(0)
    app.processEvents()
    return times


def main() -> int:
    mode = sys.argv[1]
    if mode == "bare":
        result = bare()
    else:
        switches = int(sys.argv[3]) if len(sys.argv) > 3 else (5 if mode == "switch" else 0)
        result = program(sys.argv[2], switches)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
