"""The change request as printed: its pages looked at as PNG, its text read back from the PDF;
the workbook printed by LibreOffice the same way."""

from __future__ import annotations

import copy
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtGui import QImage

from cdo_desktop.core.change_request import make_request
from cdo_desktop.core.version_records import PassportVersion
from cdo_desktop.core.versions import RequestDraft, change_key, compare
from cdo_desktop.exchange.change_request_excel import save_request_workbook
from cdo_desktop.exchange.version_document import version_project, version_text
from cdo_desktop.reports.change_request import build_request
from cdo_desktop.reports.printing import save_pdf
from cdo_desktop.workspace import demo_projects
from tests.exchange.libreoffice import convert, needs_libreoffice

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils (pdftoppm, pdftotext) не установлены",
)
REASON = "приведение в соответствие с законом о бюджете"


def a_request(changed: bool):
    """The demo project with, when `changed`, every plan, unit and amount changed (and every
    fact too) since version 1."""
    before = demo_projects()[0]
    now = copy.deepcopy(before)
    for row in (now.indicators + now.results) if changed else []:
        row.unit += " (уточнено)"
        for pair in row.values.values():
            pair.plan = (pair.plan or Decimal(0)) + 1
            pair.fact = Decimal("12345")
    for line in now.financing if changed else []:
        for source in line.sources:
            source.values = {year: (value or 0) + 1 for year, value in source.values.items()}
    base = PassportVersion(1, "утверждён", version_text(before), "2026-11-02T10:15:00", "иванов")
    changes = compare(version_project(base.document, 1), now)
    draft = RequestDraft(1, "", {change_key(c): "первое обоснование" for c in changes[:1]})
    return make_request(now, base, changes, draft, REASON, date(2026, 11, 27))


def pages_as_png(pdf, folder):
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page*.png"))


def inked(image: QImage) -> float:
    """The share of the page that is not white (text, rules, fills)."""
    small = image.scaled(120, 85)
    dark = sum(
        1
        for x in range(small.width())
        for y in range(small.height())
        if small.pixelColor(x, y).lightness() < 230
    )
    return dark / (small.width() * small.height())


@needs_poppler
def test_a_long_request_prints_on_pages_with_its_header_and_ends_with_the_signatures(
    qapp, tmp_path
):
    request = a_request(changed=True)
    assert len(request.rows()) > 40
    pdf = tmp_path / "запрос.pdf"
    pages = save_pdf(build_request(request), pdf)
    assert pages >= 2
    images = pages_as_png(pdf, tmp_path)
    assert len(images) == pages
    for path in images:
        assert 0.02 < inked(QImage(str(path))) < 0.6, path.name  # neither blank nor a blot
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    first, *_, last = text.split("\f")[:pages]
    assert "Запрос на изменение паспорта регионального проекта" in first
    assert "версии паспорта № 1 от 02.11.2026, основание: утверждён" in first
    assert "первое обоснование" in first
    assert all("Обоснование" in page for page in text.split("\f")[:pages])  # header repeats
    assert "12 345" not in text  # facts are never part of a request
    assert "Руководитель регионального проекта" in last and "С.В. Стяжкин" in last
    assert "Куратор регионального проекта" in last and "Д.А. Курдюмов" in last
    assert "Дата: 27.11.2026" in last


@needs_poppler
def test_a_request_with_no_changes_says_so(qapp, tmp_path):
    request = a_request(changed=False)
    pdf = tmp_path / "запрос.pdf"
    assert save_pdf(build_request(request), pdf) == 1
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Паспорт не изменился со времени этой версии." in text


@needs_libreoffice
@needs_poppler
def test_the_workbook_prints_one_page_wide_with_the_same_content(tmp_path):
    request = a_request(changed=True)
    book = tmp_path / "запрос.xlsx"
    save_request_workbook(request, book)
    convert(book, "pdf", tmp_path, tmp_path / "profile", check=True)
    pdf = tmp_path / "запрос.pdf"
    images = pages_as_png(pdf, tmp_path)
    assert len(images) >= 2
    first = QImage(str(images[0]))
    assert first.width() > first.height()  # landscape
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert all("Обоснование" in page for page in pages)  # the header row repeats
    assert "первое обоснование" in pages[0] and "Курдюмов" in pages[-1]
