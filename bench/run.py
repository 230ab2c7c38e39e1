"""The program against the libraries it stands on, each baseline measured in the same run.

    python bench/run.py [--quick] [--runs N] [--data FOLDER]      (or: python -m bench)

Generates the large data (bench/generate.py) into a temporary folder, or reuses `--data`; then
for each measurement runs the program and its baseline in turns, `--runs` times each, and prints
the medians, their ratio and whether the target is met. Start-up and memory are measured in
fresh processes (bench/gui_probe.py). `--quick`: small data, no LibreOffice, for a smoke test.

The sections, each in a module of its own: gui_section.py, overview_bench.py, bulk_section.py,
excel_section.py, summary_section.py, server_bench.py; the table's rows in measuring.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import generate  # noqa: E402
from bulk_section import dump_load  # noqa: E402
from excel_section import excel  # noqa: E402
from gui_section import gui, store_cost  # noqa: E402
from measuring import Line, count, show, table  # noqa: E402
from summary_section import summary  # noqa: E402


def server_lines(runs: int) -> list[Line]:
    """The store on a PostgreSQL server against a SQLite file (bench/server_bench.py)."""
    import server_bench

    return [
        Line(what, "the same on a SQLite file", base, ours, target, met)
        for what, base, ours, target, met in server_bench.measure(runs)
    ]


def overview_lines(database: Path, runs: int) -> list[Line]:
    """«Все проекты» on the large database, as generated and with monitoring (overview_bench.py)."""
    import overview_bench

    return [Line(*measured) for measured in overview_bench.measure(database, runs)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small data, for a smoke test")
    parser.add_argument("--runs", type=int, help="runs of each (default 5, --quick 3)")
    parser.add_argument("--data", type=Path, help="folder for the data (kept; reused if there)")
    parser.add_argument(
        "--only",
        choices=["gui", "overview", "bulk", "excel", "summary", "server"],
        action="append",
        help="only these (server: with CDO_BENCH_PG or CDO_TEST_PG set)",
    )
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 5)
    sizes = (6, 60, 12, 2_000) if args.quick else (60, 300, 12, 50_000)
    projects_count, rows, years, workbook_rows = sizes
    folder = args.data or Path(tempfile.mkdtemp(prefix="cdo-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    import server_bench

    # The server's lines when a server is named (not in --quick: its data size is fixed).
    with_server = bool(server_bench.server_address()) and not args.quick
    default = ["gui", "overview", "bulk", "excel", "summary"] + (["server"] if with_server else [])
    only = set(args.only or default)

    started = time.perf_counter()
    database = folder / "large.sqlite"
    projects = generate.projects(projects_count, rows, years)
    if not database.exists():
        generate.write_database(database, projects)
    print(
        f"Data: {projects_count} projects × {rows} rows × {years} years, "
        f"{count(generate.value_count(projects))} values; workbook {count(workbook_rows)} rows; "
        f"median of {runs} runs; {os.cpu_count()} cores; {folder}",
        flush=True,
    )
    lines: list[Line] = []
    sections: list[tuple[str, Callable[[], list[Line]]]] = [
        ("gui", lambda: [*gui(folder, database, runs), store_cost(database, runs)]),
        ("overview", lambda: overview_lines(database, runs)),
        ("bulk", lambda: dump_load(folder, database, runs)),
        ("excel", lambda: excel(folder, workbook_rows, max(3, runs - 2))),
        ("summary", lambda: summary(folder, runs, args.quick)),
        ("server", lambda: server_lines(runs)),
    ]
    for name, measure in sections:
        if name in only:
            new = measure()
            lines += new
            for line in new:
                print(f"  {line.what}: {show(line.ours, line.unit)}", flush=True)
    print()
    print(table(lines))
    print(f"\nTotal {time.perf_counter() - started:.0f} s")
    if args.data is None and not args.quick:
        print(f"Data kept in {folder}")
    elif args.data is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
