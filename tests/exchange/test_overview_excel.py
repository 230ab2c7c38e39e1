"""The overview as a workbook, read back with openpyxl: one sheet, one row a project, code
first, figures as numbers, ready to print."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import load_workbook

from cdo_desktop.core.overview import COLUMNS, LastChange, OverviewSource, build_overview
from cdo_desktop.exchange.overview_excel import SHEET_TITLE, write_overview_workbook
from tests.overview_data import three_projects


def test_the_workbook_reads_back_as_the_overview(tmp_path):
    change = LastChange(datetime(2026, 11, 20, 9, 5), "ivanov")
    sources = [OverviewSource.of(project, change) for project in three_projects()]
    overview = build_overview(sources, 2024, date(2026, 11, 27))
    path = tmp_path / "все.xlsx"
    write_overview_workbook(overview, path)

    book = load_workbook(path)
    assert book.sheetnames == [SHEET_TITLE] == ["Все проекты"]
    sheet = book[SHEET_TITLE]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(column.title for column in COLUMNS)
    assert [row[0] for row in rows[1:]] == ["A2", "E1", "E4", "Итого"]
    keys = [column.key for column in COLUMNS]
    by_code = {row[0]: dict(zip(keys, row, strict=True)) for row in rows[1:]}
    e1 = by_code["E1"]
    assert (e1["achieved"], e1["not_achieved"], e1["no_fact"]) == (2, 1, 1)
    assert all(isinstance(e1[key], int) for key in ("achieved", "not_achieved", "no_fact"))
    assert e1["year_financing"] == e1["total_financing"] == 1500.5
    assert e1["curator"] == "А.А. Кураторов" and e1["leader"] == "Б.Б. Лидеров"
    assert e1["changed_at"] == datetime(2026, 11, 20, 9, 5) and e1["changed_by"] == "ivanov"
    # 2024 is not a year of A2: its figures of the year are «–», its total is none at all.
    a2 = by_code["A2"]
    assert (a2["achieved"], a2["year_financing"]) == ("–", "–")
    e4 = by_code["E4"]
    assert round(e4["total_financing"], 1) == 792269.8
    total = by_code["Итого"]
    assert total["achieved"] == e1["achieved"] + e4["achieved"]
    amounts = [row["year_financing"] for row in (e1, e4) if row["year_financing"] != "–"]
    assert round(total["year_financing"], 1) == round(sum(amounts), 1)
    assert round(total["total_financing"], 1) == round(1500.5 + 792269.8, 1)

    # Print-ready: A4 landscape, one page wide, the header on every page, a title and page numbers.
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.freeze_panes == "C2"
    assert "Сводка по всем проектам за 2024 год" in sheet.oddHeader.center.text
    assert "по состоянию на 27.11.2026" in sheet.oddHeader.center.text
    assert sheet["J3"].number_format.startswith("#,##0")
    assert sheet["A1"].font.b


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    project = three_projects()[1]
    project.name = "=СУММ(A1:A3)"
    overview = build_overview([OverviewSource.of(project)], 2020, date(2026, 11, 27))
    path = tmp_path / "все.xlsx"
    write_overview_workbook(overview, path)
    cell = load_workbook(path)["Все проекты"]["B2"]
    assert cell.value == "=СУММ(A1:A3)"
    assert cell.data_type == "s"
