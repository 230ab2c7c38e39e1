"""Excel export and import of a 50,000-row project against bare openpyxl over the same cells.

    python bench/excel_bench.py [--rows 50000] [--runs 3]

Export is compared with openpyxl's write-only mode appending the same values without styles;
import (reading the workbook and planning it into an empty database) with read-only mode
iterating every row of every sheet. The best of `--runs` is taken for each; the target
(issue 4) is a ratio of at most 1.5, and 1.2 later.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook, load_workbook

from cdo_desktop.core.model import (
    ALL_SOURCES,
    BudgetSource,
    FinancingLine,
    PlanFact,
    PlanFactRow,
    Project,
)
from cdo_desktop.exchange.excel_export import export_projects
from cdo_desktop.exchange.excel_import import read_workbook
from cdo_desktop.exchange.import_plan import build_plan
from cdo_desktop.workspace import open_workspace

YEARS = range(2019, 2025)


def amount(rng: random.Random) -> Decimal | None:
    if rng.random() < 0.2:
        return None
    return Decimal(rng.randint(0, 10_000_000)).scaleb(-rng.randint(0, 3))


def big_project(rows: int) -> Project:
    """Half indicators, two fifths results, a tenth financing lines; a fifth of values empty."""
    rng = random.Random(4)
    indicators, results = rows // 2, rows * 2 // 5
    lines = rows - indicators - results

    def plan_fact_row(number: int, kind: str) -> PlanFactRow:
        return PlanFactRow(
            number=str(number),
            name=f"{kind} {number}: доля образовательных организаций, оснащённых для цифровой "
            "образовательной среды, в общем числе организаций",
            unit=rng.choice(["процент", "единиц", "тыс. человек"]),
            cumulative=rng.random() < 0.5,
            values={year: PlanFact(amount(rng), amount(rng)) for year in YEARS},
        )

    return Project(
        code="B1",
        name="Проект для замера",
        first_year=YEARS.start,
        last_year=YEARS.stop - 1,
        indicators=[plan_fact_row(i, "Показатель") for i in range(1, indicators + 1)],
        results=[plan_fact_row(i, "Результат") for i in range(1, results + 1)],
        financing=[
            FinancingLine(
                number=str(i),
                name=f"Результат {i}: обеспечение материально-технической базы",
                result=str(i),
                sources=[BudgetSource(ALL_SOURCES, values={y: amount(rng) for y in YEARS})],
            )
            for i in range(1, lines + 1)
        ],
    )


def bare_export(project: Project, path: Path) -> None:
    """openpyxl write-only, the same sheets and values, nothing more."""
    book = Workbook(write_only=True)
    book.create_sheet("Паспорт").append(["Код проекта", project.code])
    for title, rows in (("Показатели", project.indicators), ("Результаты", project.results)):
        sheet = book.create_sheet(title)
        for row in rows:
            values: list[object] = [
                row.number,
                row.name,
                row.unit,
                "да" if row.cumulative else None,
            ]
            for year in YEARS:
                pair = row.value(year)
                values += [pair.plan, pair.fact]
            sheet.append(values)
    sheet = book.create_sheet("Финансирование")
    for line in project.financing:
        totals = [line.total(year) for year in YEARS]
        sheet.append([line.number, line.name, line.result, *totals])
    book.create_sheet("Ответственные")
    book.save(path)


def bare_import(path: Path) -> int:
    """openpyxl read-only: every value of every sheet, whatever the declared dimensions."""
    book = load_workbook(path, read_only=True, data_only=True)
    count = 0
    for sheet in book.worksheets:
        sheet.reset_dimensions()
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if value is not None:
                    count += 1
    book.close()
    return count


def our_import(path: Path) -> int:
    plan = build_plan(read_workbook(path), None, file=str(path))
    assert not plan.problems, plan.problems[:3]
    return len(plan.project.indicators)


def best_pair(
    runs: int, bare: Callable[[], object], ours: Callable[[], object]
) -> tuple[float, float]:
    """The best time of each, run in turns so that a busy machine slows both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for action, spent in ((bare, times[0]), (ours, times[1])):
            start = time.perf_counter()
            action()
            spent.append(time.perf_counter() - start)
    return min(times[0]), min(times[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    project = big_project(args.rows)
    folder = Path(tempfile.mkdtemp(prefix="excel-bench-"))
    ours, bare = folder / "ours.xlsx", folder / "bare.xlsx"
    print(f"Проект: {args.rows} строк, годы {YEARS.start}–{YEARS.stop - 1}; лучший из {args.runs}")

    bare_time, our_time = best_pair(
        args.runs, lambda: bare_export(project, bare), lambda: export_projects([project], ours)
    )
    print(
        f"Экспорт:  openpyxl {bare_time:6.2f} с, программа {our_time:6.2f} с, "
        f"отношение {our_time / bare_time:.2f}"
    )

    bare_time, our_time = best_pair(args.runs, lambda: bare_import(ours), lambda: our_import(ours))
    print(
        f"Импорт:   openpyxl {bare_time:6.2f} с, программа {our_time:6.2f} с, "
        f"отношение {our_time / bare_time:.2f} (чтение и план, без записи в базу)"
    )

    plan = build_plan(read_workbook(ours), None, file=str(ours))
    store = open_workspace(folder / "bench.sqlite", with_demo=False)
    try:
        start = time.perf_counter()
        store.store.replace([plan.project], source="замер")
        print(
            f"Запись в базу одной транзакцией (для сведения): {time.perf_counter() - start:.2f} с"
        )
    finally:
        store.close()
    size = ours.stat().st_size / 1024 / 1024
    print(f"Книга: {size:.1f} МБ ({ours})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
