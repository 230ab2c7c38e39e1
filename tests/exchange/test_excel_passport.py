"""The 2025–2030 passport from workbooks (issue 21): the 2024+ indicator table with task rows,
«ФП⏎РП» in one cell, footnote marks and ОКЕИ units; tables by municipality taken into their
indicator's breakdown with «Итого по области» checked, not imported. Books by openpyxl and
XlsxWriter."""

from __future__ import annotations

from decimal import Decimal

import pytest
import xlsxwriter
from openpyxl import Workbook, load_workbook

from cdo_desktop.cli import main
from cdo_desktop.core.model import PlanFact
from cdo_desktop.core.rules import check_project
from cdo_desktop.exchange.excel_import import plan_import, read_workbook
from cdo_desktop.exchange.import_plan import Severity, apply_plan
from cdo_desktop.exchange.json_format import to_document, write_document
from cdo_desktop.workspace import open_workspace
from tests.passport_2025 import project_2025

HEADER = [
    "№ п/п",
    "Показатели регионального проекта",
    "Уровень показателя",
    "Единица измерения (по ОКЕИ)",
    "Базовое значение (значение, год)",
    None,
    "Период, год",
    None,
    None,
    "Признак возрастания/убывания",
    "Нарастающий итог",
    "Декомпозиция на муниципальные образования",
    "Информационная система (источник данных)",
]
SUBHEADER = [None, None, None, None, "значение", "год", 2025, 2026, 2027]
TASK_1 = "Задача: Создание условий для профессионального роста педагогов"
TASK_2 = "Задача 2. «Поддержка молодых учителей»"
INDICATOR_1 = [
    1,
    "Численность педагогов, прошедших повышение квалификации¹",
    "ФП\nРП",
    "Человек",
    1200,
    2024,
    1500,
    1800,
    2100,
    "возрастание",
    "да",
    "да",
    "ГИИС «Электронный бюджет»",
]
INDICATOR_2 = [
    2,
    "Доля молодых учителей, получивших поддержку",
    "ГП РФ\nРП*",
    "процент",
    35,
    2024,
    40,
    45,
    50,
    "возрастание",
    "нет",
    "нет",
    "региональная информационная система",
]
PASSPORT = [
    ("Код проекта", "Ю1"),
    ("Наименование регионального проекта", "Педагоги и наставники"),
    ("Срок реализации", "2025–2030"),
]
BREAKDOWN_CAPTION = (
    "Показатель № 1 «Численность педагогов, прошедших повышение квалификации»: "
    "декомпозиция на муниципальные образования"
)
BREAKDOWN = [
    ["№ п/п", "Наименование муниципального образования", 2025, None, 2026, None],
    [None, None, "план", "факт", "план", "факт"],
    [1, "Энский район", 500, 505, 600, None],
    [2, "Город Энск", 700, 705, 900, None],
    [3, "Приморский округ", 300, 300, 300, None],
    [None, "Итого по области", 1500, 1510, 1800, None],
]


def openpyxl_book(path, *, total_2025_plan=1500):
    book = Workbook()
    sheet = book.active
    sheet.title = "Паспорт"
    for row in PASSPORT:
        sheet.append(row)
    sheet.append([])
    sheet.append(["2. Показатели регионального проекта"])
    sheet.append(HEADER)
    sheet.append(SUBHEADER)
    top = sheet.max_row + 1
    sheet.append([TASK_1])
    sheet.merge_cells(start_row=top, start_column=1, end_row=top, end_column=len(HEADER))
    sheet.append(INDICATOR_1)
    sheet.append([None, TASK_2])
    sheet.append(INDICATOR_2)
    sheet.append(["¹ Показатель федерального проекта"])
    municipal = book.create_sheet("Муниципалитеты")
    municipal.append([BREAKDOWN_CAPTION])
    for row in BREAKDOWN:
        municipal.append(row)
    municipal["C7"] = total_2025_plan
    book.save(path)
    return path


def xlsxwriter_book(path):
    book = xlsxwriter.Workbook(str(path))
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True})
    sheet = book.add_worksheet("Паспорт")
    for index, row in enumerate(PASSPORT):
        sheet.write_row(index, 0, row)
    header = 5
    sheet.write_row(header, 0, HEADER, bold)
    sheet.merge_range(header, 4, header, 5, HEADER[4], bold)
    sheet.merge_range(header, 6, header, 8, HEADER[6], bold)
    sheet.write_row(header + 1, 4, SUBHEADER[4:], bold)
    sheet.merge_range(header + 2, 0, header + 2, len(HEADER) - 1, TASK_1, bold)
    sheet.write_row(header + 3, 0, INDICATOR_1)
    sheet.write(header + 3, 2, INDICATOR_1[2], wrap)  # «ФП⏎РП» in one wrapped cell
    sheet.merge_range(header + 4, 1, header + 4, len(HEADER) - 1, TASK_2, bold)
    sheet.write_row(header + 5, 0, INDICATOR_2)
    municipal = book.add_worksheet("Муниципалитеты")
    municipal.write(0, 0, BREAKDOWN_CAPTION)
    for index, row in enumerate(BREAKDOWN, start=1):
        municipal.write_row(index, 0, row)
    book.close()
    return path


@pytest.mark.parametrize("make", [openpyxl_book, xlsxwriter_book])
def test_the_2024_table_is_read_with_tasks_levels_and_units(tmp_path, make):
    incoming = read_workbook(make(tmp_path / "passport.xlsx"))
    assert [p for p in incoming.problems if p.severity is Severity.ERROR] == []
    assert [(task.number, task.name) for task in incoming.tasks] == [
        ("1", "Создание условий для профессионального роста педагогов"),
        ("2", "Поддержка молодых учителей"),
    ]
    first, second = (item.row for item in incoming.indicators)
    assert first.name == "Численность педагогов, прошедших повышение квалификации"
    assert (first.task, first.level, first.unit, first.okei) == (
        "1",
        ["ФП", "РП"],
        "Человек",
        "792",
    )
    assert (first.base_value, first.base_year, first.cumulative) == (Decimal(1200), 2024, True)
    assert first.data_source == "ГИИС «Электронный бюджет»"
    assert first.values[2027] == PlanFact(Decimal(2100))
    assert (second.task, second.level, second.okei) == ("2", ["ГП РФ", "РП"], "744")
    assert [item.broken_down for item in incoming.indicators] == [True, False]
    [breakdown] = incoming.breakdowns
    assert [item.row.name for item in breakdown.rows] == [
        "Энский район",
        "Город Энск",
        "Приморский округ",
    ]


def _stored(store, code="Ю1"):
    return store.load(store.find(code).id)


@pytest.mark.parametrize("make", [openpyxl_book, xlsxwriter_book])
def test_a_new_2025_project_is_imported_with_its_breakdown(tmp_path, workspace, make):
    path = make(tmp_path / "passport.xlsx")
    plan = plan_import(path, workspace.store)
    assert not plan.has_errors, plan.errors
    warnings = [str(p) for p in plan.warnings]
    assert any("«Итого» таблицы по муниципальным образованиям сверена" in w for w in warnings)
    assert not any("не равен значению показателя" in w for w in warnings)
    apply_plan(workspace.store, plan)
    project = _stored(workspace.store)
    assert (project.first_year, project.last_year) == (2025, 2030)
    assert [task.number for task in project.tasks] == ["1", "2"]
    assert project.municipalities == ["Энский район", "Город Энск", "Приморский округ"]
    first, second = project.indicators
    assert [entry.name for entry in first.municipalities] == project.municipalities
    assert first.municipalities[1].values == {
        2025: PlanFact(Decimal(700), Decimal(705)),
        2026: PlanFact(Decimal(900)),
    }
    assert second.municipalities == []
    assert [p for p in check_project(project) if p.rule == "municipal_sum_differs"] == []


def test_a_total_that_differs_from_the_region_is_told_and_not_imported(tmp_path, workspace):
    plan = plan_import(openpyxl_book(tmp_path / "p.xlsx", total_2025_plan=1499), workspace.store)
    [told] = [str(p) for p in plan.warnings if "не равен значению показателя" in str(p)]
    assert told == (
        "Лист «Муниципалитеты», ячейка B7: итог по области 1 499 не равен значению показателя "
        "№ 1 1 500 (план 2025)"
    )
    apply_plan(workspace.store, plan)
    names = [entry.name for entry in _stored(workspace.store).indicators[0].municipalities]
    assert "Итого по области" not in names


def test_a_breakdown_of_an_indicator_the_project_lacks_is_refused(tmp_path, workspace):
    path = tmp_path / "p.xlsx"
    openpyxl_book(path)
    book = load_workbook(path)
    book["Муниципалитеты"]["A1"] = "Показатель № 7 «Чего нет»: по муниципальным образованиям"
    book.save(path)
    plan = plan_import(path, workspace.store)
    assert plan.has_errors
    assert "показатель, названный над ней" in plan.errors[0].message
    assert plan.errors[0].location == "лист «Муниципалитеты», строка 2"


def test_a_breakdown_table_laid_over_a_stored_project_changes_only_its_values(tmp_path, workspace):
    apply_plan(workspace.store, plan_import(openpyxl_book(tmp_path / "p.xlsx"), workspace.store))
    book = Workbook()
    sheet = book.active
    sheet.title = "Муниципалитеты"
    sheet.append(["Показатель «Численность педагогов, прошедших повышение квалификации»"])
    sheet.append(BREAKDOWN[0])
    sheet.append(BREAKDOWN[1])
    sheet.append([1, "Город Энск", 700, 710, 900, None])
    sheet.append([2, "Северный район", 1, None, None, None])
    path = tmp_path / "m.xlsx"
    book.save(path)
    plan = plan_import(path, workspace.store, project="Ю1", remove_missing=False)
    assert not plan.has_errors, plan.errors
    told = {(line.item, line.describe()) for line in plan.changes}
    indicator = "1. Численность педагогов, прошедших повышение квалификации"
    assert (indicator, "факт 2025, Город Энск: 705 → 710") in told, told
    assert (f"{indicator} / Северный район", f"{indicator} / Северный район") in told, told
    apply_plan(workspace.store, plan)
    project = _stored(workspace.store)
    entries = {entry.name: entry for entry in project.indicators[0].municipalities}
    assert entries["Город Энск"].values[2025] == PlanFact(Decimal(700), Decimal(710))
    assert entries["Энский район"].values[2025] == PlanFact(Decimal(500), Decimal(505))
    assert entries["Северный район"].values == {2025: PlanFact(Decimal(1))}
    assert project.municipalities[-1] == "Северный район"


# ---------------------------------------------------------------------------- round trip


def _dump(store) -> str:
    return write_document(to_document(store.load_all()))


def test_a_2025_project_round_trips_through_json_and_excel(capsys, tmp_path):
    """JSON → database → Excel → a fresh database → JSON: the same document, byte for byte."""
    project = project_2025()
    project.municipalities.append("Северный район")  # in no breakdown: kept by the passport row
    document = tmp_path / "passport.json"
    document.write_text(write_document(to_document([project])), encoding="utf-8")
    first = tmp_path / "first.sqlite"
    assert main(["load", str(document), "--db", str(first), "--no-demo"]) == 0
    book = tmp_path / "passport.xlsx"
    assert main(["export", str(book), "--db", str(first)]) == 0
    assert "Муниципалитеты" in load_workbook(book).sheetnames
    fresh = tmp_path / "fresh.sqlite"
    assert main(["import", str(book), "--db", str(fresh), "--no-demo"]) == 0, capsys.readouterr()
    capsys.readouterr()
    opened = [open_workspace(path) for path in (first, fresh)]
    try:
        before, after = (_dump(workspace.store) for workspace in opened)
    finally:
        for workspace in opened:
            workspace.close()
    assert after == before == document.read_text(encoding="utf-8")
    # And imported again over itself, the workbook changes nothing.
    code = main(["import", str(book), "--db", str(fresh), "--dry-run"])
    assert code == 0 and "Изменений нет." in capsys.readouterr().out


def test_an_older_project_exports_as_before(tmp_path, workspace):
    from cdo_desktop.exchange.excel_export import export_projects

    [path] = export_projects(workspace.store.load_all(), tmp_path / "e4.xlsx")
    book = load_workbook(path)
    assert "Муниципалитеты" not in book.sheetnames
    headers = {cell.value for sheet in book for cell in sheet[1]}
    assert not {"Уровень показателя", "Код ОКЕИ", "Тип результата", "Занятость в проекте, %"} & (
        headers
    )


def test_a_no_in_the_breakdown_column_keeps_the_stored_breakdown_and_says_so(tmp_path, workspace):
    path = openpyxl_book(tmp_path / "p.xlsx")
    apply_plan(workspace.store, plan_import(path, workspace.store))
    book = load_workbook(path)
    book["Паспорт"]["L9"] = "нет"  # indicator 1: «Декомпозиция на муниципальные образования»
    del book["Муниципалитеты"]
    book.save(path)
    plan = plan_import(path, workspace.store, project="Ю1")
    assert any("в базе есть значения по муниципалитетам" in str(p) for p in plan.warnings)
    assert not plan.edits
