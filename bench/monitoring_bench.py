"""Benchmark of monitoring: the «Мониторинг» tab with 300 rows × 12 reporting dates, and the
monitoring report PDF of those 300 rows against LibreOffice printing the same table.

Run from the top of the repository:  python bench/monitoring_bench.py [--runs N]

1. The tab built and its table painted (the chart comes after, on the event loop's next
   turn; pyqtgraph's import is the window's, not the tab's) — target under 100 ms.
2. A reporting date switched and the table painted again — target under 100 ms.
3. The report PDF (`build_monitoring_report` + `save_pdf`), best of N; and LibreOffice
   converting the report's xlsx (`reports/monitoring_report_xlsx.py`) to PDF, start-up
   included, when `soffice` is installed — target: no slower than LibreOffice.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QUndoStack  # noqa: E402

from cdo_desktop.app import create_application  # noqa: E402
from cdo_desktop.core.model import (  # noqa: E402
    MonitoringValue,
    Periodicity,
    PlanFact,
    PlanFactRow,
    Project,
)
from cdo_desktop.core.monitoring_dates import month_end  # noqa: E402
from cdo_desktop.core.work_calendar import WorkCalendar  # noqa: E402

YEAR = 2024
TODAY = date(2024, 11, 27)


def project_of(rows: int) -> Project:
    made = []
    for index in range(rows):
        row = PlanFactRow(
            str(index + 1),
            f"Показатель {index + 1}: доля организаций, оснащённых оборудованием",
            unit="процент",
            periodicity=Periodicity.MONTH,
            values={YEAR: PlanFact(Decimal(100))},
            id=index + 1,
        )
        row.monitoring = {
            month_end(YEAR, month): MonitoringValue(
                Decimal(month * 8), Decimal(90 + index % 20), "задержка поставки"
            )
            for month in range(1, 13)
            if month < 10 or index % 3
        }
        made.append(row)
    half = rows // 2
    return Project(
        "E4",
        "Цифровая образовательная среда",
        first_year=YEAR,
        last_year=YEAR,
        indicators=made[:half],
        results=made[half:],
        id=1,
    )


class NoEditor:
    project_id = 1
    store = None


def best(runs: int, work) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=300)
    args = parser.parse_args()
    app = create_application()
    import pyqtgraph  # noqa: F401  (the window's import, not the tab's)

    from cdo_desktop.reports.monitoring_report import build_monitoring_report
    from cdo_desktop.reports.monitoring_report_xlsx import write_monitoring_xlsx
    from cdo_desktop.reports.printing import printable_width, save_pdf
    from cdo_desktop.ui.monitoring_panel import MonitoringPanel

    project = project_of(args.rows)
    panels = []

    def open_tab() -> None:
        panel = MonitoringPanel(project, NoEditor(), QUndoStack(), WorkCalendar(), today=TODAY)  # type: ignore[arg-type]
        panel.resize(1280, 700)
        panel.show()
        panel.view.viewport().repaint()
        panels.append(panel)

    print(f"Вкладка «Мониторинг», {args.rows} строк: {best(args.runs, open_tab):.0f} мс")
    app.processEvents()
    panel = panels[-1]
    months = iter(range(1, 10_000))

    def switch() -> None:
        panel.set_as_of(month_end(YEAR, next(months) % 12 + 1))
        panel.view.viewport().repaint()

    print(f"Смена отчётной даты: {best(args.runs, switch):.0f} мс")
    as_of = date(YEAR, 9, 30)
    with tempfile.TemporaryDirectory() as scratch:
        pdf = Path(scratch) / "report.pdf"

        def report() -> None:
            save_pdf(
                build_monitoring_report(project, as_of, today=TODAY, width=printable_width()), pdf
            )

        print(f"Отчёт PDF, {args.rows} строк: {best(args.runs, report):.0f} мс")
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            print("LibreOffice не найден: сравнение пропущено")
            return 0
        xlsx = Path(scratch) / "report.xlsx"
        write_monitoring_xlsx(project, as_of, xlsx, TODAY)
        profile = f"-env:UserInstallation=file://{scratch}/profile"
        command = [
            soffice,
            profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            scratch,
            str(xlsx),
        ]
        subprocess.run(command, capture_output=True, check=False)  # makes the profile

        def convert() -> None:
            subprocess.run(command, capture_output=True, check=False)

        office = best(max(1, args.runs // 2), convert)
        print(f"LibreOffice, та же таблица (с запуском): {office:.0f} мс")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
