"""The seed document's tables typed into Excel as a ministry would, in several layouts, read back.

Each layout is built here with openpyxl, cell by cell, the way an official types the
presentation's tables: merged or unmerged year headers, «№» over «п/п» in two rows, numbers as
numbers or as Russian text, dashes, footnotes, captions, a table at C5, two tables on a sheet.
Read into the demo database, every layout must change nothing: the figures are the demo's.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import Workbook

from cdo_desktop.core.numbers import parse_number
from cdo_desktop.exchange.excel_import import plan_for, read_workbook
from cdo_desktop.exchange.import_plan import Severity, build_plan
from cdo_desktop.workspace import demo_projects

YEARS = [2019, 2020, 2021, 2022, 2023, 2024]
# (year, has a «факт» column): plan and fact for 2019 and 2020, plan only afterwards.
COLUMNS = [(2019, True), (2020, True), (2021, False), (2022, False), (2023, False), (2024, False)]

DEMO = demo_projects()[0]
INDICATORS = [
    (row.number, f"{row.name}, {row.unit} (нарастающим итогом)", figures)
    for row, figures in zip(
        DEMO.indicators,
        ["1 1 1 1 1 1 1 1", "10 10 15 16 - - - -", "0 0 0 0 38,28 51,88 74,9 74,9"],
        strict=True,
    )
]
RESULTS = [
    (row.number, f"{row.name}, {row.unit} (нарастающим итогом)", figures)
    for row, figures in zip(
        DEMO.results,
        [
            "17 17 119 119 217 282 392 392",
            "0 0 1 1 2 3 4 4",
            "20 0 40 41,1 - - - -",
            "0 0 0,5 6,0 - - - -",
        ],
        strict=True,
    )
]
FINANCING = [
    (
        "1",
        "Образовательные организации обеспечены материально-технической базой для внедрения "
        "цифровой образовательной среды, тыс. рублей",
        ["37 955,2", "230 435,8", "186 156,3", "102 986,5", "172 004,4", "-"],
    ),
    (
        "2",
        "Созданы центры цифрового образования детей «IT-куб», тыс. рублей",
        ["-", "13 264,90", "11 698,7", "17 443,6", "20 324,4", "-"],
    ),
]
FOOTNOTE = "* Полный перечень показателей проекта представлен в паспорте регионального проекта"


def typed(token: str, *, as_text: bool, dash: str = "-"):
    """A figure as an official types it: a number, or Russian text with a non-breaking space."""
    if token == "-":
        return dash
    if as_text:
        return token.replace(" ", "\u00a0")
    value = parse_number(token)
    assert value is not None
    return int(value) if value == value.to_integral_value() and "," not in token else float(value)


def plan_fact_table(
    sheet,
    top: int,
    left: int,
    name_header: str,
    rows,
    *,
    merged: bool = True,
    year_in_both: bool = False,
    number_split: bool = False,
    as_text: bool = False,
    dashes=("-",),
) -> int:
    """The passport's plan/fact table at (top, left); returns the row after its last."""
    if number_split:
        sheet.cell(top, left, "№")
        sheet.cell(top + 1, left, "п/п")
    else:
        sheet.cell(top, left, "№ п/п")
    sheet.cell(top, left + 1, name_header)
    if merged:
        if not number_split:
            sheet.merge_cells(start_row=top, end_row=top + 1, start_column=left, end_column=left)
        sheet.merge_cells(
            start_row=top, end_row=top + 1, start_column=left + 1, end_column=left + 1
        )
    column = left + 2
    for year, with_fact in COLUMNS:
        sheet.cell(top, column, year if not as_text else str(year))
        sheet.cell(top + 1, column, "план")
        if with_fact:
            sheet.cell(top + 1, column + 1, "факт")
            if merged:
                sheet.merge_cells(
                    start_row=top, end_row=top, start_column=column, end_column=column + 1
                )
            elif year_in_both:
                sheet.cell(top, column + 1, year)
            column += 2
        else:
            column += 1
    row_index = top + 2
    for index, (number, name, figures) in enumerate(rows):
        sheet.cell(row_index, left, int(number) if not as_text else number)
        sheet.cell(row_index, left + 1, name)
        dash = dashes[index % len(dashes)]
        for offset, token in enumerate(figures.split()):
            sheet.cell(row_index, left + 2 + offset, typed(token, as_text=as_text, dash=dash))
        row_index += 1
    return row_index


def financing_table(sheet, top: int, left: int, *, as_text: bool, caption=True) -> int:
    if caption:
        sheet.cell(top, left, "Объем финансирования")
        top += 2
    sheet.cell(top, left, "№ п/п")
    sheet.cell(top, left + 1, "Результат")
    for offset, year in enumerate(YEARS):
        sheet.cell(top, left + 2 + offset, year)
    row_index = top + 1
    for number, name, amounts in FINANCING:
        sheet.cell(row_index, left, number)
        sheet.cell(row_index, left + 1, name)
        for offset, token in enumerate(amounts):
            value = typed(token, as_text=as_text, dash="—")
            cell = sheet.cell(row_index, left + 2 + offset, value)
            if not as_text and isinstance(value, float):
                cell.number_format = "#,##0.00" if token.endswith("0") and "," in token else "0.0"
        row_index += 1
    return row_index


def passport_sheet(sheet, *, with_code: bool) -> None:
    """The passport as label/value rows, partly typed as in the presentation («Цель: …»)."""
    rows = [
        ["Наименование регионального проекта", DEMO.name],
        [f"Цель проекта: {DEMO.goal}"],
        [f"функциональный заказчик – {DEMO.customer}"],
        ["Куратор регионального проекта", "Д.А. Курдюмов", DEMO.persons[0].position],
        ["Руководитель регионального проекта", "С.В. Стяжкин", DEMO.persons[1].position],
        ["Участники регионального проекта:"],
        *[[f"- {name}"] for name in DEMO.participants],
    ]
    if with_code:
        rows.insert(0, ["Код проекта", "E4"])
    for row in rows:
        sheet.append(row)


def layout_merged(path) -> None:
    """Merged year headers, numbers as numbers, both plan/fact tables on one sheet with a
    footnote and a caption between them; financing on a sheet of its own; the passport."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Лист1"
    sheet["A1"] = "Показатели проекта"
    end = plan_fact_table(sheet, 3, 1, "Показатель/единица измерения", INDICATORS)
    sheet.cell(end + 1, 1, FOOTNOTE)
    sheet.cell(end + 3, 1, "Результаты проекта в цифрах")
    plan_fact_table(sheet, end + 5, 1, "Результат/единица измерения", RESULTS)
    financing_table(book.create_sheet("Лист2"), 1, 1, as_text=False)
    passport_sheet(book.create_sheet("Паспорт"), with_code=False)
    book.save(path)


def layout_text_at_c5(path) -> None:
    """Tables starting at C5, the year typed into both unmerged cells, «№» over «п/п», figures
    as Russian text with non-breaking spaces, every kind of dash."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Показатели"
    plan_fact_table(
        sheet,
        5,
        3,
        "Показатель/единица измерения",
        INDICATORS,
        merged=False,
        year_in_both=True,
        number_split=True,
        as_text=True,
        dashes=("–", "—", "-"),
    )
    sheet = book.create_sheet("Результаты")
    plan_fact_table(
        sheet,
        5,
        3,
        "Результат/единица измерения",
        RESULTS,
        merged=False,
        year_in_both=True,
        number_split=True,
        as_text=True,
        dashes=("—",),
    )
    financing_table(book.create_sheet("Финансирование"), 5, 3, as_text=True)
    passport_sheet(book.create_sheet("Паспорт проекта"), with_code=True)
    book.save(path)


def layout_year_once(path) -> None:
    """Unmerged headers with the year in the first cell only, separate sheets, no passport."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Целевые показатели"
    sheet["B2"] = "Показатели проекта"
    plan_fact_table(sheet, 4, 2, "Показатель/единица измерения", INDICATORS, merged=False)
    sheet = book.create_sheet("Результаты")
    end = plan_fact_table(sheet, 1, 1, "Результат/единица измерения", RESULTS, merged=False)
    sheet.cell(end, 1, "")
    sheet.cell(end + 1, 2, "Источник: паспорт регионального проекта")
    financing_table(book.create_sheet("Деньги"), 2, 2, as_text=False)
    book.save(path)


LAYOUTS = {
    "merged": layout_merged,
    "text_at_c5": layout_text_at_c5,
    "year_once": layout_year_once,
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_the_seed_tables_in_every_layout_are_the_demo_project(layout, tmp_path, workspace):
    path = tmp_path / f"{layout}.xlsx"
    LAYOUTS[layout](path)
    incoming = read_workbook(path)
    assert [p for p in incoming.problems if p.severity is Severity.ERROR] == []
    assert incoming.indicators is not None and len(incoming.indicators) == 3
    assert incoming.results is not None and len(incoming.results) == 4
    assert incoming.financing is not None and len(incoming.financing) == 2
    plan = plan_for(incoming, workspace.store, file=str(path), project="E4")
    # Every figure, unit, flag and name equals the demo's: there is nothing to change.
    assert plan.changes == [], [change.describe() for change in plan.changes]
    assert plan.warnings == []


def test_names_are_split_into_name_unit_and_cumulative(tmp_path):
    layout_merged(tmp_path / "book.xlsx")
    incoming = read_workbook(tmp_path / "book.xlsx")
    first = incoming.indicators[1].row
    assert first.name == DEMO.indicators[1].name
    assert (first.unit, first.cumulative) == ("процент", True)
    assert incoming.results[3].row.unit == "тыс. человек"
    assert incoming.financing[1].line.name == "Созданы центры цифрового образования детей «IT-куб»"


def test_plan_only_years_cover_only_the_plan(tmp_path):
    layout_text_at_c5(tmp_path / "book.xlsx")
    row = read_workbook(tmp_path / "book.xlsx").indicators[2]
    assert (2020, "fact") in row.covered and (2021, "fact") not in row.covered
    assert row.row.values[2021].plan == Decimal("38.28")
    assert row.row.values[2021].fact is None
    assert row.row.values[2020].fact == Decimal("0")


def test_numbers_as_text_keep_their_digits(tmp_path):
    layout_text_at_c5(tmp_path / "book.xlsx")
    incoming = read_workbook(tmp_path / "book.xlsx")
    amounts = incoming.financing[1].line.sources[0].values
    assert str(amounts[2020]) == "13264.90"
    assert incoming.financing[0].line.sources[0].values[2019] == Decimal("37955.2")
    assert 2019 not in amounts  # «—» is no value
    assert str(incoming.results[3].row.values[2020].fact) == "6.0"


def test_number_formats_give_the_digits_shown(tmp_path):
    layout_merged(tmp_path / "book.xlsx")
    amounts = read_workbook(tmp_path / "book.xlsx").financing[1].line.sources[0].values
    # 13264.9 stored, «#,##0.00» shown: 13 264,90 is what the official sees and typed.
    assert str(amounts[2020]) == "13264.90"


def test_the_passport_rows_are_read(tmp_path):
    layout_text_at_c5(tmp_path / "book.xlsx")
    incoming = read_workbook(tmp_path / "book.xlsx")
    assert incoming.code == "E4"
    assert incoming.name == DEMO.name
    assert incoming.texts == {"goal": DEMO.goal, "customer": DEMO.customer}
    assert incoming.participants == DEMO.participants
    curator, leader = (person for person, _ in incoming.passport_persons)
    assert (curator.role, curator.name, curator.position) == (
        "куратор",
        "Д.А. Курдюмов",
        DEMO.persons[0].position,
    )
    assert leader.name == "С.В. Стяжкин"


def test_the_seed_tables_make_a_new_project_in_an_empty_database(tmp_path):
    layout_text_at_c5(tmp_path / "book.xlsx")
    plan = build_plan(read_workbook(tmp_path / "book.xlsx"), None, file="book.xlsx")
    assert not plan.has_errors
    project = plan.project
    assert (project.code, project.name, project.years) == ("E4", DEMO.name, range(2019, 2025))
    for kind_rows, demo_rows in (
        (project.indicators, DEMO.indicators),
        (project.results, DEMO.results),
    ):
        assert [(r.number, r.name, r.unit, r.cumulative) for r in kind_rows] == [
            (r.number, r.name, r.unit, r.cumulative) for r in demo_rows
        ]
        assert [r.values for r in kind_rows] == [r.values for r in demo_rows]
    assert [line.totals(project.years) for line in project.financing] == [
        line.totals(DEMO.years) for line in DEMO.financing
    ]
    # The financing table's «Результат» column: each line is the result of its number.
    assert [line.result for line in project.financing] == ["1", "2"]


def test_footnotes_captions_and_empty_rows_are_not_rows(tmp_path):
    layout_year_once(tmp_path / "book.xlsx")
    incoming = read_workbook(tmp_path / "book.xlsx")
    assert [item.row.number for item in incoming.results] == ["1", "2", "3", "4"]
    assert incoming.problems == []
