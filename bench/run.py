"""The program against the libraries it stands on, each baseline measured in the same run.

    python bench/run.py [--quick] [--runs N] [--data FOLDER]      (or: python -m bench)

Generates the large data (bench/generate.py) into a temporary folder, or reuses `--data`; then
for each measurement runs the program and its baseline in turns, `--runs` times each, and prints
the medians, their ratio and whether the target is met. Start-up and memory are measured in
fresh processes (bench/gui_probe.py). `--quick`: small data, no LibreOffice, for a smoke test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import generate  # noqa: E402

from cdo_desktop.core.model import Project, RowKind  # noqa: E402


@dataclass
class Line:
    """One row of the results table."""

    what: str
    baseline: str
    base: float | None  # seconds (or MB), median
    ours: float
    target: str
    met: bool | None
    unit: str = "s"

    @property
    def ratio(self) -> float | None:
        return self.ours / self.base if self.base else None


def count(number: int) -> str:
    """50 000: thousands apart the Russian way."""
    return f"{number:,}".replace(",", " ")


def median(values: list[float]) -> float:
    return statistics.median(values)


def in_turns(
    runs: int, base: Callable[[], object] | None, ours: Callable[[], object]
) -> tuple[list[float], list[float]]:
    """Seconds of each, run in turns so that a busy machine slows both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for action, spent in ((base, times[0]), (ours, times[1])):
            if action is None:
                continue
            start = time.perf_counter()
            action()
            spent.append(time.perf_counter() - start)
    return times


# ---------------------------------------------------------------------- fresh processes


def child_env(folder: Path) -> dict[str, str]:
    """Settings and the daily backup of a folder of their own; never the user's.

    An installed program runs from compiled bytecode (pip and PyInstaller compile it). Where
    the environment forbids writing it (PYTHONDONTWRITEBYTECODE, as on this project's machines)
    every start would compile the sources again, so the children, the bare baseline too, keep a
    bytecode cache in the bench folder; the warm-up runs fill it.
    """
    home = folder / "home"
    home.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "PYTHONPATH": str(ROOT),
        "PYTHONPYCACHEPREFIX": str(folder / "bytecode"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


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


# ---------------------------------------------------------------------- bulk writes


def empty_database(path: Path) -> Path:
    from cdo_desktop.workspace import open_workspace

    path.unlink(missing_ok=True)
    open_workspace(path, with_demo=False, daily_backup=False).close()
    return path


def raw_rows(projects: list[Project]) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """The rows the program stores for `projects`, ids given here: what sqlite3 alone inserts."""
    tables: dict[str, list[tuple]] = {  # type: ignore[type-arg]
        name: []
        for name in (
            "project",
            "person",
            "participant",
            "plan_fact_row",
            "plan_fact_value",
            "financing_line",
            "budget_source",
            "financing_amount",
        )
    }
    ids = dict.fromkeys(tables, 0)

    def new_id(table: str) -> int:
        ids[table] += 1
        return ids[table]

    def text(value: object) -> str | None:
        return None if value is None else f"{value:f}"

    for project in projects:
        pid = new_id("project")
        tables["project"].append(
            (pid, project.code, project.name, project.region, project.national_project, None,
             None, project.goal, project.customer, project.first_year, project.last_year, "",
             project.due_workday)
        )  # fmt: skip
        for order, person in enumerate(project.persons):
            tables["person"].append(
                (new_id("person"), pid, order, person.role, person.name, person.position,
                 person.contacts)
            )  # fmt: skip
        for order, name in enumerate(project.participants):
            tables["participant"].append((new_id("participant"), pid, order, name))
        for kind in RowKind:
            for order, row in enumerate(project.rows(kind)):
                rid = new_id("plan_fact_row")
                tables["plan_fact_row"].append(
                    (rid, pid, kind.value, order, row.number, row.name, row.unit,
                     int(row.cumulative), row.direction.value, text(row.base_value),
                     row.base_year, row.characteristic, row.periodicity.value)
                )  # fmt: skip
                tables["plan_fact_value"] += [
                    (new_id("plan_fact_value"), rid, year, text(pair.plan), text(pair.fact))
                    for year, pair in row.values.items()
                    if not pair.is_empty()
                ]
        for order, line in enumerate(project.financing):
            lid = new_id("financing_line")
            tables["financing_line"].append((lid, pid, order, line.number, line.name, line.result))
            source_ids: dict[str, int] = {}
            for order_, source in enumerate(line.sources):
                sid = source_ids[source.name] = new_id("budget_source")
                parent = source_ids.get(source.parent) if source.parent else None
                tables["budget_source"].append((sid, lid, order_, source.name, parent))
                tables["financing_amount"] += [
                    (new_id("financing_amount"), sid, year, text(amount))
                    for year, amount in source.values.items()
                    if amount is not None
                ]
    return tables


def raw_insert(path: Path, tables: dict[str, list[tuple]]) -> None:  # type: ignore[type-arg]
    """sqlite3 alone: executemany per table, one transaction, the program's pragmas."""
    from cdo_desktop.storage.dialect import SQLITE_PRAGMAS as PRAGMAS

    connection = sqlite3.connect(path, isolation_level=None)
    for name, value in PRAGMAS.items():
        connection.execute(f"PRAGMA {name} = {value!r}" if isinstance(value, str) else
                           f"PRAGMA {name} = {value}")  # fmt: skip
    connection.execute("BEGIN IMMEDIATE")
    for table, rows in tables.items():
        if rows:
            # Columns named: later schemas add columns after these (their defaults fill them).
            names = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            columns = ", ".join(names[: len(rows[0])])
            marks = ", ".join("?" * len(rows[0]))
            connection.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
    connection.execute("COMMIT")
    connection.close()


def store(path: Path, projects: list[Project], source: str = "замер") -> None:
    from cdo_desktop.workspace import open_workspace

    workspace = open_workspace(path, with_demo=False, daily_backup=False)
    try:
        workspace.store.replace(projects, source=source)
    finally:
        workspace.close()


def bulk_write(
    folder: Path, what: str, projects: list[Project], runs: int
) -> tuple[Line, list[float]]:
    tables = raw_rows(projects)
    total = sum(map(len, tables.values()))
    base_file, our_file = folder / "raw.sqlite", folder / "ours.sqlite"
    base, ours = [], []
    for _ in range(runs):
        empty_database(base_file)
        start = time.perf_counter()
        raw_insert(base_file, tables)
        base.append(time.perf_counter() - start)
        empty_database(our_file)
        start = time.perf_counter()
        store(our_file, projects)
        ours.append(time.perf_counter() - start)
    line = Line(
        f"{what}: write to an empty database ({count(total)} rows)",
        "sqlite3 executemany, 1 transaction",
        median(base),
        median(ours),
        "≤ 2 ×",
        median(ours) <= 2 * median(base),
    )
    return line, ours


# ---------------------------------------------------------------------- dump and load


def dump_load(folder: Path, database: Path, runs: int) -> list[Line]:
    from cdo_desktop.exchange.json_format import parse_document_text, to_document, write_document
    from cdo_desktop.workspace import open_workspace

    text_holder: list[str] = []

    def bare_dump() -> None:
        connection = sqlite3.connect(database)
        document = {
            table: connection.execute(f"SELECT * FROM {table}").fetchall()
            for table in ("project", "plan_fact_row", "plan_fact_value", "financing_line",
                          "budget_source", "financing_amount", "person", "participant")
        }  # fmt: skip
        json.dumps(document, ensure_ascii=False)
        connection.close()

    def our_dump() -> None:
        workspace = open_workspace(database, with_demo=False, daily_backup=False)
        try:
            text_holder[:] = [write_document(to_document(workspace.store.load_all()))]
        finally:
            workspace.close()

    base, ours = in_turns(runs, bare_dump, our_dump)
    lines = [
        Line(
            "dump: all projects to JSON text",
            "sqlite3 SELECT * + json.dumps",
            median(base),
            median(ours),
            "—",
            None,
        )
    ]
    text = text_holder[0]
    base, ours = in_turns(runs, lambda: json.loads(text), lambda: parse_document_text(text))
    lines.append(
        Line("load: read the JSON document", "json.loads", median(base), median(ours), "—", None)
    )
    projects = parse_document_text(text)
    line, _ = bulk_write(folder, "load", projects, runs)
    lines.append(line)
    (folder / "dump.json").write_text(text, encoding="utf-8")
    target = empty_database(folder / "cli.sqlite")
    start = time.perf_counter()
    command = ["-m", "cdo_desktop", "--db", str(target), "load", str(folder / "dump.json")]
    subprocess.run(
        [sys.executable, *command],
        check=True,
        capture_output=True,
        env=child_env(folder),
    )
    lines.append(
        Line(
            "`cdo-desktop load` as a process, start-up included (1 run)",
            "—",
            None,
            time.perf_counter() - start,
            "—",
            None,
        )
    )
    return lines


# ---------------------------------------------------------------------- Excel


def excel(folder: Path, rows: int, runs: int) -> list[Line]:
    from excel_bench import bare_export, bare_import

    from cdo_desktop.exchange.excel_export import export_projects
    from cdo_desktop.exchange.excel_import import read_workbook
    from cdo_desktop.exchange.import_plan import apply_plan, build_plan
    from cdo_desktop.workspace import open_workspace

    project = generate.workbook_project(rows)
    ours_xlsx, bare_xlsx = folder / "export.xlsx", folder / "bare.xlsx"
    base, ours = in_turns(
        runs,
        lambda: bare_export(project, bare_xlsx),
        lambda: export_projects([project], ours_xlsx),
    )
    lines = [
        Line(
            f"Excel export, {count(rows)}-row project, passport layout",
            "openpyxl write_only, same cells",
            median(base),
            median(ours),
            "≤ 1.2 ×",
            median(ours) <= 1.2 * median(base),
        )
    ]
    workbook = folder / "large.xlsx"
    if not workbook.exists():
        generate.write_workbook(workbook, rows)
    target = folder / "import.sqlite"

    def read_and_plan() -> object:
        return build_plan(read_workbook(workbook), None, file=str(workbook))

    def whole_import() -> None:
        empty_database(target)
        plan = read_and_plan()
        workspace = open_workspace(target, with_demo=False, daily_backup=False)
        try:
            apply_plan(workspace.store, plan)  # type: ignore[arg-type]
        finally:
            workspace.close()

    base, ours = in_turns(runs, lambda: bare_import(workbook), read_and_plan)
    lines.append(
        Line(
            f"Excel import, {count(rows)}-row workbook: read and plan",
            "openpyxl read_only, same cells",
            median(base),
            median(ours),
            "≤ 1.2 ×",
            median(ours) <= 1.2 * median(base),
        )
    )
    bare_median = median(base)
    _, ours = in_turns(runs, None, whole_import)
    lines.append(
        Line(
            "   the same, written to an empty database",
            "openpyxl read_only, same cells",
            bare_median,
            median(ours),
            "—",
            None,
        )
    )
    line, _ = bulk_write(folder, "   its write alone", [project], runs)
    lines.append(line)
    lines.append(one_cell_import(workbook, target, runs))
    return lines


def one_cell_import(workbook: Path, target: Path, runs: int) -> Line:
    """The workbook laid over its own project, which differs from it in one cell: the write
    (after the plan is built) changes that one value in place."""
    from cdo_desktop.core.changes import SetValue, Where
    from cdo_desktop.core.history import Section
    from cdo_desktop.exchange.excel_import import read_workbook
    from cdo_desktop.exchange.import_plan import apply_plan, build_plan
    from cdo_desktop.workspace import open_workspace

    incoming = read_workbook(workbook)
    workspace = open_workspace(target, with_demo=False, daily_backup=False)
    times = []
    try:
        store = workspace.store
        [summary] = store.summaries()
        for run in range(runs):
            project = store.load(summary.id)
            row = project.indicators[run]
            old = row.value(project.first_year).plan
            where = Where(project.id, Section.INDICATORS, row.id, "plan", project.first_year)
            store.apply([SetValue(where, old, Decimal(777_000 + run))])
            existing = store.load(summary.id)
            plan = build_plan(
                incoming, existing, file=str(workbook), existing_stamp=None, keep_code=True
            )
            assert len(plan.changes) == 1, plan.changes[:3]
            started = time.perf_counter()
            apply_plan(store, plan)
            times.append(time.perf_counter() - started)
    finally:
        workspace.close()
    return Line(
        "   the same workbook over its project differing in one cell: the write",
        "—",
        None,
        median(times),
        "< 0.5 s",
        median(times) < 0.5,
    )


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


# ---------------------------------------------------------------------- summary


def summary(folder: Path, runs: int, quick: bool) -> list[Line]:
    from summary_bench import TABLES, libreoffice_seconds, write_tables_xlsx

    from cdo_desktop.app import create_application
    from cdo_desktop.reports.printing import printable_width, write_pdf
    from cdo_desktop.reports.summary import SummaryOptions, build_summary
    from cdo_desktop.workspace import demo_projects
    from tests.reports.projects import big_project

    create_application()
    width = printable_width()
    demo, big = demo_projects()[0], big_project(indicators=300, results=40)

    def pdf(project: Project, options: SummaryOptions, name: str) -> Callable[[], None]:
        def write() -> None:
            write_pdf(build_summary(project, options, width=width), folder / name)

        return write

    demo_pdf = pdf(demo, SummaryOptions(year=2020), "demo.pdf")
    big_pdf = pdf(big, SummaryOptions(year=2021, sections=TABLES), "big.pdf")
    demo_pdf()  # the first of a run draws charts cold: warmed, as after start-up
    _, demo_times = in_turns(runs, None, demo_pdf)
    lines = [
        Line(
            "summary PDF, demo project (all sections, 8 charts)",
            "—",
            None,
            median(demo_times),
            "< 0.5 s",
            max(demo_times) < 0.5,
        )
    ]
    big_pdf()
    _, big_times = in_turns(runs, None, big_pdf)
    office = None
    if not quick:
        xlsx = folder / "big.xlsx"
        write_tables_xlsx(big, 2021, xlsx)
        office = libreoffice_seconds(xlsx, max(2, runs // 2))
    office_median = median(office[1]) if office else None
    lines.append(
        Line(
            "summary PDF, 300 indicators + 40 results + financing (tables)",
            "LibreOffice xlsx → pdf" if office else "LibreOffice (not run)",
            office_median,
            median(big_times),
            "≤ 1 ×",
            median(big_times) <= office_median if office_median else None,
        )
    )
    return lines


# ---------------------------------------------------------------------- the table


def show(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def table(lines: list[Line]) -> str:
    head = ["What", "Baseline", "Baseline median", "Ours median", "Ratio", "Target", "Met"]
    rows = [
        [
            line.what,
            line.baseline,
            show(line.base, line.unit),
            show(line.ours, line.unit),
            f"{line.ratio:.2f}" if line.ratio is not None else "—",
            line.target,
            {True: "yes", False: "**no**", None: "—"}[line.met],
        ]
        for line in lines
    ]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(out)


def server_lines(runs: int) -> list[Line]:
    """The store on a PostgreSQL server against a SQLite file (bench/server_bench.py)."""
    import server_bench

    return [
        Line(what, "the same on a SQLite file", base, ours, target, met)
        for what, base, ours, target, met in server_bench.measure(runs)
    ]


def overview_lines(database: Path, runs: int) -> list[tuple[str, str, float, float, str, bool]]:
    import overview_bench

    return overview_bench.measure(database, runs)


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
        (
            "overview",
            lambda: [Line(*it) for it in __import__("overview_bench").measure(database, runs)],
        ),
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
