"""The exported workbook on paper (issue 15): named fonts in headers, one rule for totals, the
passport's block, and a 2019–2030 table readable on A4 (never below 7 points)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from pypdf import PdfReader

from cdo_desktop.core.model import PlanFact
from cdo_desktop.core.numbers import format_number
from cdo_desktop.core.totals import year_total
from cdo_desktop.exchange.excel_export import export_projects
from cdo_desktop.exchange.excel_layout import number_format
from cdo_desktop.exchange.excel_print import _MIN_SCALE, _PRINTABLE_UNITS
from cdo_desktop.workspace import demo_projects
from tests.exchange.libreoffice import convert, needs_libreoffice

WIDE_YEARS = range(2019, 2031)


@pytest.fixture
def demo():
    return demo_projects()[0]


def widened(project):
    """The demo project over 2019–2030, every new year filled."""
    project.last_year = 2030
    for row in (*project.indicators, *project.results):
        for year in range(2025, 2031):
            row.values[year] = PlanFact(Decimal("12345.6"), Decimal("12345.7"))
    for line in project.financing:
        for source in line.sources:
            for year in range(2025, 2031):
                source.values[year] = Decimal("123456.7")
    return project


def widths(sheet, count):
    return [sheet.column_dimensions[get_column_letter(c)].width for c in range(1, count + 1)]


def test_header_cells_name_their_font(demo, tmp_path):
    [path] = export_projects([demo], tmp_path / "e4.xlsx")
    book = load_workbook(path)
    for name, cell in [("Показатели", "A1"), ("Показатели", "E2"), ("Финансирование", "B1")]:
        font = book[name][cell].font
        assert (font.name, font.bold, font.size) == ("Calibri", True, 11)
    assert book["Паспорт"]["A1"].font.name == "Calibri"
    # «Нарастающим» in bold fits its column: viewers break between the words only.
    assert book["Показатели"].column_dimensions["D"].width >= 15


def test_totals_in_the_workbook_follow_the_one_rule(demo, tmp_path):
    [path] = export_projects([demo], tmp_path / "e4.xlsx")
    sheet = load_workbook(path)["Финансирование"]
    total_row = next(
        row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 2).value == "Итого"
    )
    shown = {}
    for column, year in enumerate(demo.years, start=4):
        cell = sheet.cell(total_row, column)
        expected = year_total(demo.financing, year)
        if expected is None:
            assert cell.value is None
            continue
        decimals = max(0, -expected.as_tuple().exponent)
        assert cell.number_format == number_format(decimals)
        assert Decimal(str(cell.value)) == expected
        shown[year] = format_number(expected)
    assert shown[2020] == "243 700,7"  # not 243 700,70
    assert shown[2021] == "197 855"


def test_the_passports_positions_stay_inside_its_block(demo, tmp_path):
    [path] = export_projects([demo], tmp_path / "e4.xlsx")
    sheet = load_workbook(path)["Паспорт"]
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    people = {"Куратор регионального проекта", "Руководитель регионального проекта"}
    for row in range(1, sheet.max_row + 1):
        label = sheet.cell(row, 1).value
        if label in people:
            assert sheet.cell(row, 3).value  # the position, in the block's third column
            assert f"B{row}:C{row}" not in merged
        else:
            assert f"B{row}:C{row}" in merged, row  # the value spans the block's width
        assert sheet.cell(row, 3).border.right.style == "thin"


def test_a_narrow_table_is_fitted_to_one_page_wide(demo, tmp_path):
    [path] = export_projects([demo], tmp_path / "e4.xlsx")
    sheet = load_workbook(path)["Показатели"]
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sum(widths(sheet, 4 + 2 * 6)) * _MIN_SCALE / 100 <= _PRINTABLE_UNITS


@pytest.mark.parametrize(
    ("name", "fixed", "per_year", "tail"),
    [("Показатели", 4, 2, 0), ("Финансирование", 3, 1, 1)],  # the financing «Всего» at the end
)
def test_a_2019_2030_table_splits_its_years_across_pages(
    demo, tmp_path, name, fixed, per_year, tail
):
    [path] = export_projects([widened(demo)], tmp_path / "wide.xlsx")
    sheet = load_workbook(path)[name]
    setup = sheet.page_setup
    assert not sheet.sheet_properties.pageSetUpPr.fitToPage
    assert setup.scale >= _MIN_SCALE  # 11-point text at 7 points or more
    assert sheet.print_title_cols == "$A:$B"  # «№» and the name on every page
    breaks = [item.id for item in sheet.col_breaks.brk]
    assert breaks
    column_widths = widths(sheet, fixed + per_year * len(WIDE_YEARS) + tail)
    capacity = _PRINTABLE_UNITS * 100 / setup.scale
    start = 0
    for after in [*breaks, len(column_widths)]:
        # Each page ends after a whole year (its «факт»), and fits the page at that scale.
        assert (after - fixed) % per_year == 0 or after == len(column_widths)
        page = (
            column_widths[start:after]
            if start == 0
            else column_widths[:2] + column_widths[start:after]
        )
        assert sum(page) <= capacity
        start = after


@needs_libreoffice
def test_libreoffice_prints_the_2019_2030_table_with_titles_on_each_page(demo, tmp_path):
    [path] = export_projects([widened(demo)], tmp_path / "wide.xlsx")
    convert(path, "pdf", tmp_path, tmp_path / "lo-profile", timeout=180, check=True)
    pages = [page.extract_text() for page in PdfReader(tmp_path / "wide.pdf").pages]
    indicator_pages = [text for text in pages if "— Показатели" in text]
    assert len(indicator_pages) >= 2
    for text in indicator_pages:
        assert "№ п/п" in text and "Показатель" in text
    shown = " ".join(indicator_pages)
    for year in WIDE_YEARS:
        assert str(year) in shown
    assert "Нарастающим" in indicator_pages[0]
