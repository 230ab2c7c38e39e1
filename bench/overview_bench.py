"""«Все проекты» on the large database: every project open in the overview's window.

    python bench/overview_bench.py [DATABASE] [--runs N]     (bench/run.py runs it too)

Ours: the window made and shown for the latest year with a fact — the bulk read
(storage/overview_reading.py), the overview built by core.overview, the table laid out.
Baseline: reading every project whole (`load_all`), which the window would need without it.
Target: under 0.5 s for 60 projects × 300 rows.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_SECONDS = 0.5


def measure(database: Path, runs: int) -> tuple[str, str, float, float, str, bool]:
    """(what, baseline, baseline seconds, our seconds, target, met), medians of `runs`."""
    from cdo_desktop.app import create_application
    from cdo_desktop.storage.database import open_store
    from cdo_desktop.storage.overview_reading import read_overview_sources
    from cdo_desktop.ui.overview_window import OverviewWindow

    application = create_application()
    store = open_store(database)
    try:
        count = len(store.summaries())
        base, ours = [], []
        for _ in range(runs):
            start = time.perf_counter()
            store.load_all()
            base.append(time.perf_counter() - start)
            start = time.perf_counter()
            window = OverviewWindow(lambda year: read_overview_sources(store, year))
            window.show()
            application.processEvents()
            ours.append(time.perf_counter() - start)
            assert window.model.rowCount() == count
            window.close()
            window.deleteLater()
            application.processEvents()
    finally:
        store.close()
    best = statistics.median(ours)
    return (
        f"«Все проекты»: {count} projects open in the overview window",
        "load_all (every project whole)",
        statistics.median(base),
        best,
        f"< {TARGET_SECONDS} s",
        best < TARGET_SECONDS,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", nargs="?", type=Path, help="default: generate 60 × 300")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    database = args.database
    if database is None:
        import generate

        database = Path(tempfile.mkdtemp(prefix="cdo-overview-")) / "large.sqlite"
        generate.write_database(database, generate.projects(60, 300, 12))
    what, baseline, base, ours, target, met = measure(database, args.runs)
    print(
        f"{what}: {ours:.3f} s (target {target}: {'met' if met else 'NOT met'}); "
        f"{baseline}: {base:.3f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
