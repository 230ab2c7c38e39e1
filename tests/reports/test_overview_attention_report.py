"""The columns of issues 19 and 20 in the consolidated document, its workbook and its command
(`overview --as-of` dates what is overdue); control points and risks in the monitoring report."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtGui import QImage

from cdo_desktop.core.model import ControlPoint
from cdo_desktop.core.overview import (
    POINTS_OVERDUE,
    RISKS_OPEN,
    VALUES_OVERDUE,
    OverviewSource,
    attention_counts,
    build_overview,
)
from cdo_desktop.core.work_calendar import WorkCalendar
from cdo_desktop.exchange.overview_excel import write_overview_workbook
from cdo_desktop.reports.monitoring_report import build_monitoring_report
from cdo_desktop.reports.overview import (
    SOFT_HYPHEN,
    build_overview_document,
    overview_table,
    printed_title,
)
from cdo_desktop.reports.printing import printable_width, save_pdf
from cdo_desktop.workspace import open_workspace
from tests.attention_data import AS_OF, attention_projects
from tests.cli.test_cli import run

TITLES = ("Значений просрочено", "Контрольных точек просрочено", "Рисков открыто")


@pytest.fixture
def overview():
    sources = [
        OverviewSource.of(project, extra=attention_counts(project, WorkCalendar(), AS_OF))
        for project in attention_projects()
    ]
    return build_overview(sources, 2024, AS_OF)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_counts_in_the_table_and_its_totals(overview):
    e1 = next(line for line in overview.lines if line.project.code == "E1")
    values = {column.key: column.value(e1) for column in overview.columns}
    assert (values[VALUES_OVERDUE], values[POINTS_OVERDUE], values[RISKS_OPEN]) == (1, 2, 2)
    totals = overview.totals()
    assert totals[POINTS_OVERDUE] == 2 and totals[RISKS_OPEN] == 2
    assert totals[VALUES_OVERDUE] == sum(
        attention_counts(line.project, WorkCalendar(), AS_OF)[VALUES_OVERDUE]
        for line in overview.lines
    )
    table = overview_table(overview)
    header = table.header[0]
    for column in overview.columns:
        if column.key in (VALUES_OVERDUE, POINTS_OVERDUE, RISKS_OPEN):
            assert printed_title(column) in header
            assert printed_title(column).replace(SOFT_HYPHEN, "") == column.title
    assert "Итого" in table.rows[-1]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not here")
def test_the_first_page_holds_every_column_unbroken_looked_at_as_png(qapp, overview, tmp_path):
    path = tmp_path / "все.pdf"
    save_pdf(build_overview_document(overview, width=printable_width(), printed_on=AS_OF), path)
    first = flat(PdfReader(path).pages[0].extract_text())
    # Words break only where a hyphen is printed: at the hyphenation points given.
    for words in ("Значе- ний просро- чено", "Контроль- ных точек просро- чено", "Рисков"):
        assert words in first
    assert "Кураторов" in first and "2022–2026" in first  # no word of the data broken
    assert re.search(r"Итого 2 2 4 1 500,5 793 770,3 13 2 2", first)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
        check=True,
    )
    page = QImage(str(tmp_path / "p-1.png"))
    assert page.width() > page.height()
    # The table ends inside the page: its right border is left of the right margin.
    right = max(
        x
        for y in range(0, page.height(), 3)
        for x in range(page.width() - 1, 0, -1)
        if page.pixelColor(x, y).lightness() < 200
    )
    assert right < page.width() * 0.97


def test_the_workbook_has_the_counts_as_numbers(overview, tmp_path):
    path = tmp_path / "все.xlsx"
    write_overview_workbook(overview, path)
    sheet = load_workbook(path)["Все проекты"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    columns = [header.index(title) for title in TITLES]
    e1 = next(row for row in rows if row[0] == "E1")
    assert [e1[column] for column in columns] == [1, 2, 2]
    total = next(row for row in rows if row[0] == "Итого")
    assert all(isinstance(total[column], int) for column in columns)


def test_overview_as_of_dates_what_is_overdue(capsys, tmp_path):
    path = tmp_path / "все.sqlite"
    workspace = open_workspace(path, with_demo=False)
    workspace.store.replace(attention_projects())
    workspace.close()
    xlsx = tmp_path / "все.xlsx"

    def counts(as_of: str) -> list[object]:
        code, _, err = run(
            capsys, "--db", str(path), "overview", str(xlsx), "--year", "2024", "--as-of", as_of
        )
        assert (code, err) == (0, "")
        rows = list(load_workbook(xlsx)["Все проекты"].iter_rows(values_only=True))
        e1 = next(row for row in rows if row[0] == "E1")
        return [e1[rows[0].index(title)] for title in TITLES]

    assert counts("03.10.2024") == [1, 2, 2]
    # On 02.10.2024 September is not yet overdue (due that day); both points are.
    assert counts("02.10.2024") == [0, 2, 2]
    # On 01.04.2024 only the point planned for 31.03.2024 is overdue.
    assert counts("01.04.2024") == [0, 1, 2]


def test_the_monitoring_report_has_the_points_and_risks_at_its_date():
    project = attention_projects()[0]
    report = build_monitoring_report(project, date(2024, 9, 30), today=AS_OF)
    text = report.html()
    section = text[text.index("Контрольные точки и риски по состоянию на 01.10.2024") :]
    assert "просрочено: 2" in section and "рисков открыто: 2 из 3" in section
    assert "Закуплено оборудование" in section and "Проведён ремонт" in section
    assert "Открыты центры" not in section  # done on time
    assert "Срыв поставки оборудования" in section and "Рост цен" not in section
    # A point planned for the reporting date itself is overdue on the day the report is dated.
    project.results[0].control_points.append(ControlPoint("1.4", "Сдан отчёт", date(2024, 9, 30)))
    later = build_monitoring_report(project, date(2024, 9, 30), today=AS_OF).html()
    assert "просрочено: 3" in later and "Сдан отчёт" in later
    # The signatures stay last.
    assert later.rindex("Сдан отчёт") < later.rindex("Руководитель")


def test_a_project_without_points_or_risks_prints_no_such_section():
    project = attention_projects()[2]
    assert project.risks == [] and not any(r.control_points for r in project.results)
    text = build_monitoring_report(project, date(2024, 9, 30), today=AS_OF).html()
    assert "Контрольные точки и риски" not in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not here")
def test_the_monitoring_report_pages_looked_at_as_png(qapp, tmp_path):
    project = attention_projects()[0]
    path = tmp_path / "отчёт.pdf"
    pages = save_pdf(
        build_monitoring_report(project, date(2024, 9, 30), today=AS_OF, width=printable_width()),
        path,
    )
    text = flat(" ".join(page.extract_text() for page in PdfReader(path).pages))
    assert pages == len(PdfReader(path).pages)
    assert "Просрочено: 2 контрольные точки" in text and "Открытые риски" in text
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(tmp_path / "r")], check=True)
    for number in range(1, pages + 1):
        image = QImage(str(tmp_path / f"r-{number}.png"))
        assert image.width() > image.height()
