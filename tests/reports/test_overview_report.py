"""The consolidated document: the table of all projects with its totals, then each project's
rows not achieved or without a fact; laid out by the summary's printing and looked at as PNG."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage

from cdo_desktop.core.overview import OverviewSource, StatusCounts, build_overview
from cdo_desktop.reports.overview import BAR_BLOCKS, bar_html, build_overview_document
from cdo_desktop.reports.printing import printable_width, save_pdf
from tests.overview_data import three_projects

AS_OF = date(2026, 11, 27)


@pytest.fixture
def overview():
    return build_overview([OverviewSource.of(p) for p in three_projects()], 2024, AS_OF)


def test_the_document_has_the_table_its_totals_and_each_projects_shortfalls(overview):
    document = build_overview_document(overview, printed_on=AS_OF)
    text = document.html()
    assert document.title == "Сводка по всем проектам за 2024 год"
    assert "По состоянию на 27.11.2026" in text
    table = document.items[2]
    assert len(table.rows) == 4  # three projects and «Итого»
    assert "Итого" in table.rows[-1]
    # E1: one indicator not achieved (80 → 64, 80 % of plan), one without a fact.
    e1 = text[text.index("E1 «Современная школа»") :]
    e1 = e1[: e1.index("<h2>", 10)]
    assert "Доля учителей, прошедших обучение" in e1
    assert "Число детских технопарков" in e1
    assert "80 %" in e1
    assert "Доля школ с новым оборудованием" not in e1  # achieved: not listed
    assert "Созданы центры" not in e1
    assert "2024 год не входит в годы проекта (2019–2021)." in text
    # The project sections start on a page of their own.
    breaks = [getattr(item, "page_break_before", False) for item in document.items]
    assert breaks.count(True) == 1


def test_the_bar_is_in_proportion_and_empty_without_rows():
    assert bar_html(None) == "–"
    assert bar_html(StatusCounts()) == "–"
    bar = bar_html(StatusCounts(achieved=3, not_achieved=1, no_fact=0))
    lengths = [len(part) for part in re.findall("█+", bar)]
    assert lengths == [6, 2] and sum(lengths) == BAR_BLOCKS


def colour_share(image: QImage, colour: str) -> float:
    wanted = QColor(colour)
    hits = total = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            total += 1
            if (
                abs(pixel.red() - wanted.red()) < 40
                and abs(pixel.green() - wanted.green()) < 40
                and abs(pixel.blue() - wanted.blue()) < 40
            ):
                hits += 1
    return hits / total


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not here")
def test_the_pdf_pages_looked_at_as_png(qapp, overview, tmp_path):
    path = tmp_path / "все.pdf"
    document = build_overview_document(overview, width=printable_width(), printed_on=AS_OF)
    pages = save_pdf(document, path)
    assert pages == len(PdfReader(path).pages) >= 2
    first = re.sub(r"\s+", " ", PdfReader(path).pages[0].extract_text())
    for words in ("Сводка по всем проектам за 2024 год", "27.11.2026", "Итого", "792 269,8"):
        assert words in first
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "2", str(path), str(tmp_path / "page")],
        check=True,
    )
    page_one = QImage(str(tmp_path / "page-1.png"))
    assert page_one.width() > page_one.height()  # A4 landscape
    # The bar prints in the marks' colours: green for achieved, red for not achieved.
    assert colour_share(page_one, "#1e7b34") > 0.0005
    assert colour_share(page_one, "#c00000") > 0.0001
    # The projects' sections begin on page 2: E1's table of shortfalls has a red fact.
    second = re.sub(r"\s+", " ", PdfReader(path).pages[1].extract_text())
    assert "Доля учителей, прошедших обучение" in second
    page_two = QImage(str(tmp_path / "page-2.png"))
    assert colour_share(page_two, "#c00000") > 0.00005
    assert colour_share(page_two, "#ffffff") < 0.995  # not blank
