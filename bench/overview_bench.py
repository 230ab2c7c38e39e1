"""«Все проекты» on the large database: every project open in the overview's window.

    python bench/overview_bench.py [DATABASE] [--runs N]     (bench/run.py runs it too)

Ours: the window made and shown for the latest year with a fact — the bulk read
(storage/overview_reading.py), the overview built by core.overview, the table laid out — on
the large database as generated and on a copy of it carrying monitoring, control points and
risks (add_monitoring).
Baseline: reading every project whole (`load_all`), which the window would need without it.
Target: under 0.5 s for 60 projects × 300 rows.
"""

from __future__ import annotations

import argparse
import gc
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


def add_monitoring(database: Path) -> None:
    """What the columns of issues 19 and 20 read, on the generated database (once): a third
    of the rows monthly and a third quarterly with their facts of last year and this year up
    to two months ago, the first source of every financing line executing monthly as long,
    three control points a result (one still open, past its date), ten risks a project."""
    import sqlite3
    from datetime import date, timedelta

    with sqlite3.connect(database) as connection:
        if connection.execute("SELECT COUNT(*) FROM monitoring_value").fetchone()[0]:
            return
        today = date.today()
        ends = []
        for year in (today.year - 1, today.year):
            for month in range(1, 13):
                end = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
                if end < today - timedelta(days=45):
                    ends.append(end)
        rows = connection.execute("SELECT id, kind FROM plan_fact_row").fetchall()
        monthly = [row_id for row_id, _ in rows if row_id % 3 == 1]
        quarterly = [row_id for row_id, _ in rows if row_id % 3 == 2]
        connection.executemany(
            "UPDATE plan_fact_row SET periodicity = ? WHERE id = ?",
            [("month", row_id) for row_id in monthly]
            + [("quarter", row_id) for row_id in quarterly],
        )
        values = [(row_id, end.isoformat(), "1.5") for row_id in monthly for end in ends] + [
            (row_id, end.isoformat(), "1.5")
            for row_id in quarterly
            for end in ends
            if end.month % 3 == 0
        ]
        connection.executemany(
            "INSERT INTO monitoring_value (row_id, as_of, fact) VALUES (?, ?, ?)", values
        )
        sources = connection.execute(
            "SELECT MIN(id) FROM budget_source GROUP BY line_id"
        ).fetchall()
        connection.executemany(
            "INSERT INTO budget_execution (source_id, as_of, executed) VALUES (?, ?, ?)",
            [(source_id, end.isoformat(), "10.5") for (source_id,) in sources for end in ends],
        )
        points = []
        for row_id, kind in rows:
            if kind == "result":
                for number, (due, done) in enumerate(
                    [
                        (ends[0], ends[0]),
                        (ends[1], ends[3]),
                        (ends[-1], None),
                    ]
                ):
                    points.append(
                        (row_id, number, f"1.{number + 1}", "Точка", due.isoformat(), done)
                    )
        connection.executemany(
            "INSERT INTO control_point (result_id, sort_order, number, name, due, done) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(*point[:5], point[5] and point[5].isoformat()) for point in points],
        )
        projects = [project_id for (project_id,) in connection.execute("SELECT id FROM project")]
        connection.executemany(
            "INSERT INTO risk (project_id, sort_order, number, description, status) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (project_id, number, str(number + 1), "Риск", "open" if number % 2 else "closed")
                for project_id in projects
                for number in range(10)
            ],
        )


def measure(database: Path, runs: int) -> list[tuple[str, str, float, float, str, bool]]:
    """Two lines (what, baseline, baseline seconds, our seconds, target, met), medians of
    `runs`: the large database as generated, then a copy of it with what the columns of
    issues 19 and 20 read (add_monitoring); the database given is left as it is."""
    import shutil

    lines = [_measure(database, runs, "")]
    with tempfile.TemporaryDirectory(prefix="cdo-overview-") as folder:
        heavy = Path(folder) / "with_monitoring.sqlite"
        shutil.copyfile(database, heavy)
        add_monitoring(heavy)
        lines.append(_measure(heavy, runs, " (with monitoring, control points, risks)"))
    return lines


def _measure(database: Path, runs: int, carrying: str) -> tuple[str, str, float, float, str, bool]:
    from PySide6.QtCore import QEvent

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
            gc.collect()  # each side starts without the garbage of the last
            start = time.perf_counter()
            store.load_all()
            base.append(time.perf_counter() - start)
            gc.collect()
            start = time.perf_counter()
            window = OverviewWindow(lambda year: read_overview_sources(store, year))
            window.show()
            application.processEvents()
            ours.append(time.perf_counter() - start)
            assert window.model.rowCount() == count
            window.close()
            window.deleteLater()
            # processEvents alone leaves a deleteLater'd window alive: the earlier windows
            # and their 150 000 objects then slowed each later run's collections.
            application.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            application.processEvents()
    finally:
        store.close()
    best = statistics.median(ours)
    return (
        f"«Все проекты»: {count} projects open in the overview window{carrying}",
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
    for what, baseline, base, ours, target, met in measure(database, args.runs):
        print(
            f"{what}: {ours:.3f} s (target {target}: {'met' if met else 'NOT met'}); "
            f"{baseline}: {base:.3f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
