"""Workbooks people made, each layout of issue 14 built here: read right, or refused with a reason.

Totals, numbering rows, footnote marks, label rows, sub-rows, signatures, units, municipal
breakdowns, formula and percent values, persons headers and the value limits; openpyxl writes
most, XlsxWriter the formulas with their stored results (openpyxl cannot store a result).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import xlsxwriter
from openpyxl import Workbook, load_workbook

from cdo_desktop.core.errors import DocumentError
from cdo_desktop.exchange.excel.furniture import TOTAL_ROW_NOTE
from cdo_desktop.exchange.excel_export import export_projects
from cdo_desktop.exchange.excel_import import plan_for, plan_import, read_workbook
from cdo_desktop.exchange.import_plan import Action, Severity, build_plan, describe_plan
from cdo_desktop.exchange.import_preview import show_difference
from tests.exchange.test_excel_seed import DEMO, INDICATORS, YEARS, plan_fact_table

# Indicator rows of the seed table: 1 | name | 2019 план факт | 2020 план факт | 2021 … 2024 план.
WIDTH = 2 + 2 + 2 + 4


def errors(incoming) -> list[str]:
    return [str(p) for p in incoming.problems if p.severity is Severity.ERROR]


def notes(incoming) -> list[str]:
    return [str(p) for p in incoming.problems if p.severity is Severity.WARNING]


def indicators_book(tmp_path, edit, name="t.xlsx"):
    """The seed indicator table on «Показатели»: header rows 3–4, data rows 5–7."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Показатели"
    plan_fact_table(sheet, 3, 1, "Показатель/единица измерения", INDICATORS)
    edit(sheet)
    path = tmp_path / name
    book.save(path)
    return path


def demo_changes(path, workspace):
    plan = plan_for(read_workbook(path), workspace.store, file=str(path), project="E4")
    return [change.describe() for change in plan.changes if change.section.value == "indicators"]


# ---------------------------------------------------------------------------- total rows


def test_a_total_row_at_the_foot_is_checked_not_imported(tmp_path, workspace):
    def edit(sheet):
        sheet.append(["", "Итого", 11, 11, 16, 999])  # 2020 fact: 1 + 16 + 0, not 999

    path = indicators_book(tmp_path, edit)
    incoming = read_workbook(path)
    assert len(incoming.indicators) == 3
    assert errors(incoming) == []
    assert "Лист «Показатели», строка 8: " + TOTAL_ROW_NOTE in notes(incoming)
    [mismatch] = [n for n in notes(incoming) if "не равен" in n]
    assert mismatch.startswith("Лист «Показатели», ячейка F8: итог 999 не равен сумме строк 17")
    assert demo_changes(path, workspace) == []


def test_a_total_row_at_the_head_is_checked_against_every_row(tmp_path, workspace):
    book = Workbook()
    sheet = book.active
    sheet.title = "Финансирование"
    sheet.append(["№ п/п", "Результат / источник финансирования, тыс. рублей", 2019, 2020])
    sheet.append(["Всего по области", None, 37955.2, 243700.7])
    sheet.append([1, DEMO.financing[0].name, 37955.2, 230435.8])
    sheet.append([2, DEMO.financing[1].name, None, 13264.9])
    book.save(tmp_path / "f.xlsx")
    incoming = read_workbook(tmp_path / "f.xlsx")
    assert [item.line.number for item in incoming.financing] == ["1", "2"]
    assert notes(incoming) == ["Лист «Финансирование», строка 2: " + TOTAL_ROW_NOTE]


# ---------------------------------------------------------------------------- numbering, marks


def test_a_row_of_column_numbers_is_not_an_indicator(tmp_path, workspace):
    def edit(sheet):
        sheet.insert_rows(5)
        for column in range(1, WIDTH + 1):
            sheet.cell(5, column, column)

    path = indicators_book(tmp_path, edit)
    incoming = read_workbook(path)
    assert [item.row.number for item in incoming.indicators] == ["1", "2", "3"]
    assert notes(incoming) == [
        "Лист «Показатели», строка 5: строка с номерами столбцов (1, 2, 3 …) пропущена"
    ]
    assert demo_changes(path, workspace) == []


def test_footnote_marks_do_not_change_unit_flag_or_name(tmp_path, workspace):
    def edit(sheet):
        sheet["B5"] = sheet["B5"].value + "¹"  # «…, единица (нарастающим итогом)¹»
        sheet["B6"] = sheet["B6"].value.replace(", процент", "*, процент")
        sheet["A9"] = "¹ Значение на конец года"
        sheet["A10"] = "* По данным мониторинга"

    path = indicators_book(tmp_path, edit)
    incoming = read_workbook(path)
    first, second = incoming.indicators[0].row, incoming.indicators[1].row
    assert (first.unit, first.cumulative) == (DEMO.indicators[0].unit, True)
    assert second.name == DEMO.indicators[1].name and second.unit == "процент"
    assert len([n for n in notes(incoming) if "знак сноски убран" in n]) == 2
    assert demo_changes(path, workspace) == []


def test_signature_lines_under_a_table_end_it(tmp_path, workspace):
    def edit(sheet):
        sheet["A10"] = "Министр образования Кировской области"
        sheet["E10"] = "____________"
        sheet["G10"] = "А.В. Иванов"
        sheet["A12"] = "Исполнитель: Иванова И.И., тел. 8 (8332) 27-27-27"

    path = indicators_book(tmp_path, edit)
    incoming = read_workbook(path)
    assert errors(incoming) == [] and len(incoming.indicators) == 3
    assert demo_changes(path, workspace) == []


# ---------------------------------------------------------------------------- financing


def financing_book(
    tmp_path, rows, *, caption=None, header="Наименование", name="f.xlsx", engine="openpyxl"
):
    """A financing table on «Финансирование», written by openpyxl or by XlsxWriter (which
    writes shared strings and its own styles, as Excel does)."""
    table = [*([[caption], []] if caption else []), ["№ п/п", header, 2019, 2020], *rows]
    path = tmp_path / name
    if engine == "xlsxwriter":
        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet("Финансирование")
        for index, row in enumerate(table):
            sheet.write_row(index, 0, row)
        book.close()
        return path
    book = Workbook()
    sheet = book.active
    sheet.title = "Финансирование"
    for row in table:
        sheet.append(row)
    book.save(path)
    return path


ENGINES = ["openpyxl", "xlsxwriter"]


def sources(line):
    return [(s.name, s.parent, s.values) for s in line.sources]


@pytest.mark.parametrize("engine", ENGINES)
def test_label_rows_are_structure_and_sub_rows_are_sources(tmp_path, engine):
    path = financing_book(
        tmp_path,
        [
            [1, "Центры «IT-куб»", 300, 400],
            [None, "в том числе:"],
            ["1.1", "федеральный бюджет", 200, 300],
            ["1.2", "бюджет субъекта", 100, 100],
            [None, "из них:"],
            [None, "межбюджетные трансферты", 50, None],
            [2, "Оснащение школ", 10, 20],
        ],
        caption="Финансовое обеспечение, тыс. рублей",
        engine=engine,
    )
    incoming = read_workbook(path)
    first, second = (item.line for item in incoming.financing)
    assert [line.number for line in (first, second)] == ["1", "2"]
    assert sources(first) == [
        ("федеральный бюджет", None, {2019: Decimal(200), 2020: Decimal(300)}),
        ("бюджет субъекта", None, {2019: Decimal(100), 2020: Decimal(100)}),
        ("межбюджетные трансферты", "бюджет субъекта", {2019: Decimal(50)}),
    ]
    # The project's total is the sources', not doubled by the sub-rows.
    assert first.total(2019) == Decimal(300)
    assert errors(incoming) == [] and notes(incoming) == []


@pytest.mark.parametrize(
    ("caption", "header", "name_tail"),
    [
        ("Объём финансирования, млн рублей", "Наименование", ""),
        (None, "Наименование, млн руб.", ""),
        (None, "Наименование", ", млн рублей"),
    ],
)
@pytest.mark.parametrize("engine", ENGINES)
def test_amounts_in_millions_are_converted_exactly(tmp_path, caption, header, name_tail, engine):
    path = financing_book(
        tmp_path,
        [[1, "Центры «IT-куб»" + name_tail, 37955.2, "13 264,90"]],
        caption=caption,
        header=header,
        engine=engine,
    )
    incoming = read_workbook(path)
    line = incoming.financing[0].line
    assert line.name == "Центры «IT-куб»"
    assert line.sources[0].values == {2019: Decimal("37955200"), 2020: Decimal("13264900")}
    [note] = notes(incoming)
    assert "указаны в млн рублей: пересчитаны в тыс. рублей (×1000)" in note


def test_amounts_in_rubles_are_divided_by_a_thousand(tmp_path):
    path = financing_book(tmp_path, [[1, "Центры", 1500, 37955200]], caption="(в рублях) руб.")
    amounts = read_workbook(path).financing[0].line.sources[0].values
    assert amounts == {2019: Decimal("1.5"), 2020: Decimal("37955.2")}


def test_amounts_whose_unit_cannot_be_told_are_refused(tmp_path):
    path = financing_book(tmp_path, [[1, "Центры", 1, 2], [2, "Школы", 3, 4]])
    [error] = errors(read_workbook(path))
    assert error.startswith("Лист «Финансирование», ячейка B2: не указано, в каких единицах")


# ---------------------------------------------------------------------------- municipalities


def test_a_breakdown_by_municipalities_is_refused(tmp_path):
    rows = [
        ("1", "г. Киров, процент", "1 1 1 1 1 1 1 1"),
        ("2", "Слободской район, процент", "1 1 1 1 1 1 1 1"),
        ("3", "Оричевский муниципальный округ, процент", "1 1 1 1 1 1 1 1"),
    ]
    book = Workbook()
    plan_fact_table(book.active, 1, 1, "Показатель/единица измерения", rows)
    book.save(tmp_path / "m.xlsx")
    with pytest.raises(DocumentError) as caught:
        read_workbook(tmp_path / "m.xlsx")
    assert "разбивка по муниципальным образованиям" in str(caught.value)
    assert "ни одной таблицы" not in str(caught.value)


def test_a_breakdown_beside_the_projects_table_blocks_the_import(tmp_path, workspace):
    book = Workbook()
    end = plan_fact_table(book.active, 1, 1, "Показатель/единица измерения", INDICATORS)
    rows = [("1", "г. Киров, процент", "1 1 1"), ("2", "Слободской район, процент", "1 2 3")]
    plan_fact_table(book.active, end + 2, 1, "Показатель/единица измерения", rows)
    book.save(tmp_path / "m.xlsx")
    plan = plan_import(tmp_path / "m.xlsx", workspace.store, project="E4")
    assert plan.has_errors
    assert "разбивка по муниципальным образованиям" in plan.errors[0].message


# ---------------------------------------------------------------------------- values


def xlsxwriter_indicators(path, cells):
    """A one-row indicator table; `cells` is [(column letter, value, number format, formula)]."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Показатели")
    sheet.write_row(0, 0, ["№ п/п", "Показатель/единица измерения", 2019, 2020, 2021])
    sheet.write_row(1, 2, ["план", "план", "план"])
    sheet.write_row(2, 0, [1, "Доля организаций, процент"])
    for column, value, number_format, formula in cells:
        style = book.add_format({"num_format": number_format}) if number_format else None
        if formula:
            sheet.write_formula(f"{column}3", formula, style, value)
        else:
            sheet.write_number(f"{column}3", value, style)
    book.close()
    return path


def plans(incoming):
    return {year: pair.plan for year, pair in incoming.indicators[0].row.values.items()}


def test_formula_values_are_read_as_the_cell_shows_them(tmp_path):
    path = xlsxwriter_indicators(
        tmp_path / "f.xlsx",
        [
            ("C", 36057.439999999995, "#,##0.00", "=36000+57.44"),
            ("D", 36057.439999999995, None, "=36000+57.44"),  # «Общий»: no binary tail
            ("E", 37955.2, "0", None),  # typed: as typed, whatever the format shows
        ],
    )
    incoming = read_workbook(path)
    values = plans(incoming)
    assert [str(values[year]) for year in (2019, 2020, 2021)] == ["36057.44", "36057.44", "37955.2"]
    rounded = [n for n in notes(incoming) if "значение формулы" in n]
    assert rounded[0] == (
        "Лист «Показатели», ячейка C3: значение формулы 36 057,439999999995 загружается так, "
        "как показано в ячейке: 36 057,44"
    )
    assert len(rounded) == 2


def test_percent_cells_by_the_same_two_rules(tmp_path):
    path = xlsxwriter_indicators(
        tmp_path / "p.xlsx",
        [
            ("C", 0.3828, "0%", None),  # typed: 38,28
            ("D", 0.3828, "0%", "=0.3828*1"),  # a formula shown as 38 %: 38
            ("E", 0.390990990990991, "0.00%", "=43.4/111"),  # shown 39,10 %
        ],
    )
    incoming = read_workbook(path)
    values = plans(incoming)
    assert [str(values[year]) for year in (2019, 2020, 2021)] == ["38.28", "38", "39.10"]
    assert len([n for n in notes(incoming) if "значение формулы" in n]) == 2


def test_numbers_beyond_the_limits_are_refused_with_their_cell(tmp_path):
    path = xlsxwriter_indicators(
        tmp_path / "l.xlsx", [("C", 1e16, None, None), ("D", 0.12345678901, None, None)]
    )
    found = errors(read_workbook(path))
    assert found[0].startswith("Лист «Показатели», ячейка C3: число 10 000 000 000 000 000 вне")
    assert found[1].startswith("Лист «Показатели», ячейка D3: число 0,12345678901 вне пределов")
    assert "не больше 10 знаков после запятой" in found[1]


# ---------------------------------------------------------------------------- persons


@pytest.mark.parametrize(
    "header",
    [
        ["Роль в проекте", "ФИО", "Должность"],
        ["№ п/п", "Роль", "Ф.И.О.", "Должность, место работы", "Телефон"],
        ["Роль в региональном проекте", "Фамилия, имя, отчество", "Должность"],
    ],
)
def test_persons_header_variants(tmp_path, header):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    offset = 1 if header[0].startswith("№") else 0
    sheet.append([*([1] * offset), "куратор", "Д.А. Курдюмов", "заместитель Председателя"])
    book.save(tmp_path / "p.xlsx")
    [person] = read_workbook(tmp_path / "p.xlsx").persons
    assert (person.role, person.name, person.position) == (
        "куратор",
        "Д.А. Курдюмов",
        "заместитель Председателя",
    )


def test_people_without_roles_are_a_warning_not_silence(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Команда"
    sheet.append(["ФИО", "Должность"])
    sheet.append(["Д.А. Курдюмов", "заместитель Председателя"])
    plan_fact_table(book.create_sheet("Показатели"), 1, 1, "Показатель/ед. изм.", INDICATORS)
    book.save(tmp_path / "p.xlsx")
    incoming = read_workbook(tmp_path / "p.xlsx")
    assert incoming.persons is None
    assert any(
        n.startswith("Лист «Команда», строка 1: похоже на список ответственных")
        for n in notes(incoming)
    )


# ---------------------------------------------------------------------------- the preview


def test_added_rows_show_their_figures_and_renames_their_difference(tmp_path, workspace):
    long_name = DEMO.indicators[2].name

    def edit(sheet):
        sheet["B7"] = long_name.replace("оснащенных", "оснащённых вновь") + ", процент"
        sheet.append([4, "Новый показатель, единица", 5, 6, 7])

    path = indicators_book(tmp_path, edit)
    plan = plan_import(path, workspace.store, project="E4")
    text = "\n".join(describe_plan(plan))
    assert "  + 4. Новый показатель\n      2019: план 5, факт 6; 2020: план 7" in text
    rename = next(c for c in plan.changes if c.field == "name")
    assert rename.action is Action.CHANGE
    line = next(line for line in describe_plan(plan) if line.strip().startswith("наименование"))
    assert "оснащённых вновь" in line and "оснащенных" in line


def test_a_new_project_from_the_seed_keeps_its_figures(tmp_path):
    path = indicators_book(tmp_path, lambda sheet: None)
    plan = build_plan(read_workbook(path), None, file="x")
    assert [row.values for row in plan.project.indicators] == [
        row.values for row in DEMO.indicators
    ]
    assert YEARS[0] == plan.project.first_year


def test_a_removed_financing_line_lists_its_amounts(tmp_path, workspace):
    [path] = export_projects(workspace.store.load_all(), tmp_path / "e4.xlsx")
    book = load_workbook(path)
    book["Финансирование"].delete_rows(3)  # line 2, «IT-куб», goes
    book.save(path)
    lines = describe_plan(plan_import(path, workspace.store))
    at = lines.index("  - 2. Созданы центры цифрового образования детей «IT-куб»")
    assert lines[at + 1] == "      2020: 13 264,90; 2021: 11 698,7; 2022: 17 443,6; 2023: 20 324,4"


def test_two_long_names_are_cut_around_their_difference_not_through_it():
    head, tail = "Доля организаций " * 8, " в Кировской области" * 6
    old, new = show_difference(head + "оснащенных" + tail, head + "оснащённых вновь" + tail)
    assert old.startswith("…") and old.endswith("…") and "оснащенных" in old
    assert "оснащённых вновь" in new and len(new) < 100
    assert show_difference("короткое", "другое") == ("короткое", "другое")


def test_the_caption_between_two_tables_gives_the_second_its_unit(tmp_path):
    book = Workbook()
    sheet = book.active
    end = plan_fact_table(sheet, 1, 1, "Показатель/единица измерения", INDICATORS)
    sheet.cell(end + 1, 1, "Финансовое обеспечение проекта, млн рублей")
    sheet.cell(end + 3, 1, "№ п/п")
    sheet.cell(end + 3, 2, "Наименование")
    sheet.cell(end + 3, 3, 2019)
    sheet.cell(end + 4, 1, 1)
    sheet.cell(end + 4, 2, "Центры «IT-куб»")
    sheet.cell(end + 4, 3, 1.5)
    book.save(tmp_path / "two.xlsx")
    incoming = read_workbook(tmp_path / "two.xlsx")
    assert len(incoming.indicators) == 3
    assert incoming.financing[0].line.sources[0].values == {2019: Decimal(1500)}


def test_sources_added_to_a_long_line_are_told_apart_with_their_figures(tmp_path, workspace):
    path = financing_book(
        tmp_path,
        [
            [1, DEMO.financing[0].name, 300, 400],
            ["1.1", "федеральный бюджет", 200, 300],
            ["1.2", "бюджет субъекта", 100, 100],
        ],
        caption="Финансирование, тыс. рублей",
    )
    lines = describe_plan(plan_import(path, workspace.store, project="E4", remove_missing=False))
    title = f"1. {DEMO.financing[0].name}"
    added = [line for line in lines if line.startswith("  + ")]
    assert [line.rsplit(" / ", 1)[1] for line in added] == ["федеральный бюджет", "бюджет субъекта"]
    assert all(len(line) <= 104 and line[4:].startswith(title[:40]) for line in added)
    assert lines[lines.index(added[0]) + 1] == "      2019: 200; 2020: 300"
