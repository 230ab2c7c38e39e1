"""Benchmark of the summary sheet: the demo PDF, and a 300-indicator PDF against LibreOffice.

Run from the top of the repository:  python bench/summary_bench.py [--runs N]

1. The demo project's PDF (all sections, charts included), in one process after start-up:
   the first run (charts warming up) and the best and median of the next runs.
2. A made-up project of 300 indicators, 40 results and 5 financing lines: the tables of the
   summary (no charts) as PDF, timed the same way; then side by side with LibreOffice printing
   the same three tables from an xlsx (`soffice --headless --convert-to pdf`), and with the
   whole `cdo-desktop summary` command, start-up included, as LibreOffice's time includes its.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402

from cdo_desktop.core.model import Project  # noqa: E402
from cdo_desktop.core.numbers import format_number  # noqa: E402
from cdo_desktop.core.totals import line_grand_total  # noqa: E402
from cdo_desktop.reports.summary import (  # noqa: E402
    Section,
    SummaryOptions,
    fact_years,
)
from tests.reports.projects import big_project  # noqa: E402

TABLES = frozenset({Section.INDICATORS, Section.RESULTS, Section.FINANCING})
NAME_CHARS_PER_LINE = 85  # characters of 8 pt text in the 70-wide name column
LINE_HEIGHT = 11.0  # points


def timed(action: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    """The first run's seconds, and those of `runs` more."""
    start = time.perf_counter()
    action()
    first = time.perf_counter() - start
    more = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        more.append(time.perf_counter() - start)
    return first, more


def describe(first: float, more: list[float]) -> str:
    return (
        f"first {first:.3f} s, then best {min(more):.3f} s, "
        f"median {statistics.median(more):.3f} s ({len(more)} runs)"
    )


# ---------------------------------------------------------------------- the xlsx for LibreOffice


def write_tables_xlsx(project: Project, year: int, path: Path) -> None:
    """The summary's three tables, as a ministry clerk would lay them out in Excel to print:
    two-row headers repeated on every page, wrapped names, A4 landscape, fit to the width."""
    book = Workbook()
    thin = Side(style="thin", color="7F7F7F")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="DCE4F0")
    with_facts = set(fact_years(project, year))
    sheets = [
        ("Показатели", "Показатель / единица измерения", project.indicators),
        ("Результаты", "Результат / единица измерения", project.results),
    ]
    for index, (title, name_title, rows) in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = title
        columns = [(y, kind) for y in project.years for kind in ("план", "факт")]
        columns = [(y, kind) for y, kind in columns if kind == "план" or y in with_facts]
        sheet.append(["№ п/п", name_title] + [str(y) for y, _ in columns])
        sheet.append(["", ""] + [kind for _, kind in columns])
        sheet.merge_cells(start_row=1, start_column=1, end_row=2, end_column=1)
        sheet.merge_cells(start_row=1, start_column=2, end_row=2, end_column=2)
        position = 3
        for y in project.years:
            if y in with_facts:
                sheet.merge_cells(
                    start_row=1, start_column=position, end_row=1, end_column=position + 1
                )
                position += 2
            else:
                position += 1
        for row in rows:
            unit = f", {row.unit}" + (" (нарастающим итогом)" if row.cumulative else "")
            values = [
                format_number(row.value(y).plan if kind == "план" else row.value(y).fact)
                for y, kind in columns
            ]
            sheet.append([row.number, row.name + unit, *values])
            # Row heights as Excel's autofit leaves them: LibreOffice does not fit rows of an
            # xlsx on loading, and would print one clipped line a row, a third of the pages.
            lines = -(-len(row.name + unit) // NAME_CHARS_PER_LINE)
            sheet.row_dimensions[sheet.max_row].height = lines * LINE_HEIGHT + 3
        _style(sheet, len(columns) + 2, border, head_fill)
    sheet = book.create_sheet("Финансирование")
    sheet.append(["№ п/п", "Результат"] + [str(y) for y in project.years] + ["Всего"])
    for line in project.financing:
        sheet.append(
            [line.number, line.name]
            + [format_number(line.total(y)) for y in project.years]
            + [format_number(line_grand_total(line, project.years))]
        )
    _style(sheet, len(project.years) + 3, border, head_fill, header_rows=1)
    book.save(path)


def _style(sheet, columns: int, border, fill, header_rows: int = 2) -> None:  # type: ignore[no-untyped-def]
    sheet.column_dimensions["A"].width = 5
    sheet.column_dimensions["B"].width = 70
    for column in range(3, columns + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 9
    for row in sheet.iter_rows():
        for cell in row:
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.font = Font(name="DejaVu Sans", size=8, bold=cell.row <= header_rows)
            if cell.row <= header_rows:
                cell.fill = fill
    sheet.print_title_rows = f"1:{header_rows}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def libreoffice_seconds(xlsx: Path, runs: int) -> tuple[float, list[float]] | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    out = xlsx.parent / "lo"
    # A profile of its own: a LibreOffice the user has open would take the job otherwise.
    profile = (xlsx.parent / "lo-profile").as_uri()

    def convert() -> None:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(xlsx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )

    convert()  # the profile is created on the first run: not counted
    return timed(convert, runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs after the first one")
    args = parser.parse_args()

    start = time.perf_counter()
    from cdo_desktop.app import create_application
    from cdo_desktop.reports.printing import printable_width, write_pdf
    from cdo_desktop.reports.summary import build_summary
    from cdo_desktop.workspace import demo_projects

    create_application()
    print(f"Start-up (imports, QApplication): {time.perf_counter() - start:.3f} s")

    folder = Path(tempfile.mkdtemp(prefix="summary_bench_"))
    width = printable_width()

    demo = demo_projects()[0]

    def demo_pdf() -> None:
        document = build_summary(demo, SummaryOptions(year=2020), width=width)
        write_pdf(document, folder / "demo.pdf")

    first, more = timed(demo_pdf, args.runs)
    verdict = "yes" if max(first, *more) < 0.5 else "NO"
    print(f"Demo PDF, all sections and 8 charts: {describe(first, more)}; under 0.5 s: {verdict}")

    big = big_project(indicators=300, results=40)
    big_options = SummaryOptions(year=2021, sections=TABLES)

    def big_pdf() -> None:
        document = build_summary(big, big_options, width=width)
        write_pdf(document, folder / "big.pdf")

    big_first, big_more = timed(big_pdf, args.runs)
    print(f"300 indicators + 40 results + financing, tables: {describe(big_first, big_more)}")

    # The whole command, start-up included: the fair match for LibreOffice's own start-up.
    from cdo_desktop.workspace import open_workspace

    database = folder / "big.sqlite"
    store = open_workspace(database, with_demo=False)
    store.store.replace([big])
    store.close()

    cli_args = ["--db", str(database), "--year", "2021"]

    def big_cli() -> None:
        subprocess.run(
            [sys.executable, "-m", "cdo_desktop", "summary", str(folder / "cli.pdf"), *cli_args],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=300,
        )

    cli_first, cli_more = timed(big_cli, max(1, args.runs // 2))
    print(
        "   the same project, all sections (340 charts), `cdo-desktop summary` as a process: "
        + describe(cli_first, cli_more)
    )

    xlsx = folder / "big.xlsx"
    write_tables_xlsx(big, 2021, xlsx)
    office = libreoffice_seconds(xlsx, max(1, args.runs // 2))
    if office is None:
        print("LibreOffice (soffice) is not installed: no comparison.")
        return 0
    office_first, office_more = office
    office_median = statistics.median(office_more)
    ours = statistics.median(big_more)
    print(
        f"LibreOffice, the same tables from xlsx (start-up included): "
        f"{describe(office_first, office_more)}"
    )
    print(
        f"Tables PDF: cdo_desktop {ours:.3f} s against LibreOffice {office_median:.3f} s — "
        f"{'not slower' if ours <= office_median else 'SLOWER'} "
        f"({office_median / ours:.1f} times as fast)"
    )
    from pypdf import PdfReader

    print(
        f"Pages: cdo_desktop {len(PdfReader(folder / 'big.pdf').pages)}, "
        f"LibreOffice {len(PdfReader(folder / 'lo' / 'big.pdf').pages)} "
        "(LibreOffice shrinks the sheet to the page width)"
    )
    print(f"Files: {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
