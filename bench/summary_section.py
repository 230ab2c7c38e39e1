"""The summary section of bench/run.py: the summary sheet printed to PDF.

The demo project with all sections and charts; a 300-indicator project's tables against
LibreOffice printing the same tables from an xlsx (bench/summary_bench.py; not in --quick).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from measuring import Line, in_turns, median

from cdo_desktop.core.model import Project


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
