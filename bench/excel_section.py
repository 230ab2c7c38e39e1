"""The Excel section of bench/run.py: a large project exported and its workbook imported.

Export against openpyxl's write-only mode writing the same cells; reading and planning the
import against openpyxl's read-only mode (bench/excel_bench.py); the import written to an empty
database, its write alone, and the write of a workbook that differs from its project in one cell.
"""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import generate
from bulk_section import bulk_write, empty_database
from measuring import Line, count, in_turns, median


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
            where = Where(summary.id, Section.INDICATORS, row.id, "plan", project.first_year)
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
