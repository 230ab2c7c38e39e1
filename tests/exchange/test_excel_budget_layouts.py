"""Layouts of issue 15, each built here: read as a person reads them, or refused naming the table.

A «Период реализации» band with the years and «план»/«факт» below it; two tables side by side;
a signature block under a table; dates in «Срок реализации»; a dash in «Базовый год»; a name in
quotes; and the «Электронный бюджет» layouts (banners, merged bands, «Базовое значение» as value
and date, «Тип показателя», group rows, «ФИО, должность», «Краткое наименование», amounts in млн
рублей with «Дата формирования»). openpyxl writes most, XlsxWriter the «Электронный бюджет» ones.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import xlsxwriter
from openpyxl import Workbook

from cdo_desktop.core.errors import DocumentError
from cdo_desktop.core.model import PlanFact
from cdo_desktop.exchange.excel_import import plan_for, read_workbook
from cdo_desktop.exchange.import_plan import Severity

NAME = "Цифровая образовательная среда"


def problems(incoming, severity=Severity.ERROR) -> list[str]:
    return [str(p) for p in incoming.problems if p.severity is severity]


def book_of(tmp_path, rows, merges=(), name="t.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.title = "Лист1"
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    path = tmp_path / name
    book.save(path)
    return path


def values(row) -> dict[int, PlanFact]:
    return dict(row.values)


def test_years_under_a_merged_band_with_plan_and_fact_in_a_third_row(tmp_path):
    path = book_of(
        tmp_path,
        [
            ["№ п/п", "Показатель", "Единица измерения", "Период реализации"],
            [None, None, None, 2019, None, 2020, None],
            [None, None, None, "план", "факт", "план", "факт"],
            [1, "Доля школ", "процент", 10, 11, 20, 21.5],
        ],
        ["D1:G1", "D2:E2", "F2:G2"],
    )
    incoming = read_workbook(path)
    assert problems(incoming) == []
    [row] = [item.row for item in incoming.indicators]
    assert (row.name, row.unit) == ("Доля школ", "процент")
    assert values(row) == {
        2019: PlanFact(Decimal(10), Decimal(11)),
        2020: PlanFact(Decimal(20), Decimal("21.5")),
    }


def test_two_tables_side_by_side_are_two_tables(tmp_path):
    path = book_of(
        tmp_path,
        [
            ["Показатели", None, None, None, None, None, None, "Результаты"],
            [
                "№ п/п",
                "Показатель, единица измерения",
                2019,
                None,
                None,
                None,
                None,
                "№ п/п",
                "Результат",
                "Единица измерения",
                2019,
                None,
            ],
            [None, None, "план", "факт", None, None, None, None, None, None, "план", "факт"],
            [
                1,
                "Доля школ, процент",
                10,
                11,
                None,
                None,
                None,
                1,
                "Оснащены школы",
                "единица",
                3,
                4,
            ],
            [2, "Доля детей, процент", 5, 6, None, None, None, None, None, None, None, None],
        ],
    )
    incoming = read_workbook(path)
    assert problems(incoming) == []
    assert [item.row.name for item in incoming.indicators] == ["Доля школ", "Доля детей"]
    [result] = [item.row for item in incoming.results]
    assert (result.name, result.unit) == ("Оснащены школы", "единица")
    assert values(result) == {2019: PlanFact(Decimal(3), Decimal(4))}


@pytest.mark.parametrize(
    "signature",
    [
        [["Исполнитель: Петрова А.А., тел. 8 (8332) 27-27-27"]],
        [[None, "Исполнитель: Петрова А.А.", "тел. 8 (8332) 27-27-27"]],
        [[None, "Исполнитель: Петрова А.А., тел.", 88332272727]],
        [[None, "Министр образования", None, "_______", "А.В. Иванов"]],
    ],
)
def test_a_signature_block_under_the_table_is_not_data(tmp_path, signature):
    rows = [
        ["№ п/п", "Показатель, единица измерения", 2019, None],
        [None, None, "план", "факт"],
        [1, "Доля школ, процент", 10, 11],
        [],
        *signature,
    ]
    incoming = read_workbook(book_of(tmp_path, rows))
    assert problems(incoming) == []
    assert len(incoming.indicators) == 1


@pytest.mark.parametrize(
    "rows",
    [
        [["Срок реализации: 01.01.2019 – 31.12.2024"]],
        [["Срок реализации", "01.01.2019 – 31.12.2024"]],
        [["Срок начала и окончания проекта", "01.01.2019 - 31.12.2024"]],
        [["Срок реализации", "2019–2024 годы"]],
    ],
)
def test_period_with_dates(tmp_path, rows):
    incoming = read_workbook(book_of(tmp_path, [["Код проекта", "E4"], *rows]))
    assert problems(incoming) == []
    assert incoming.years == (2019, 2024)


@pytest.mark.parametrize("dash", ["-", "–", "—", " - "])
def test_a_dash_in_base_year_is_no_value(tmp_path, dash):
    path = book_of(
        tmp_path,
        [
            ["№ п/п", "Показатель", "Единица измерения", "Базовое значение", "Базовый год", 2019],
            [None, None, None, None, None, "план"],
            [1, "Доля школ", "процент", "-", dash, 10],
        ],
    )
    incoming = read_workbook(path)
    assert problems(incoming) == []
    row = incoming.indicators[0].row
    assert (row.base_value, row.base_year) == (None, None)


@pytest.mark.parametrize("quoted", [f"«{NAME}»", f'"{NAME}"', f"“{NAME}”", f"  «{NAME}» "])
def test_a_name_in_quotes_is_the_projects_name(tmp_path, workspace, quoted):
    path = book_of(tmp_path, [["Наименование регионального проекта", quoted]])
    incoming = read_workbook(path)
    assert incoming.name == NAME
    plan = plan_for(incoming, workspace.store, file=str(path))
    assert plan.existing is not None and plan.existing.code == "E4"
    assert plan.changes == []
    kept = plan_for(read_workbook(path), workspace.store, file=str(path), project="E4")
    assert kept.changes == []  # --project does not rename the project to include the quotes


def test_a_table_found_but_skipped_is_named_not_no_tables(tmp_path):
    path = book_of(
        tmp_path, [["№ п/п", "Показатель, единица измерения", "Примечание"], [1, "Доля"]]
    )
    with pytest.raises(DocumentError) as raised:
        read_workbook(path)
    message = str(raised.value)
    assert "ячейка B1" in message and "таблица без годов в заголовке пропущена" in message
    assert "не найдено ни одной таблицы" not in message


# ---------------------------------------------------------------- «Электронный бюджет»


def budget_passport(sheet, bold):
    """The passport as «Электронный бюджет» prints it: banners, merged bands, «ФИО, должность»."""
    sheet.merge_range("A1:F1", "ПАСПОРТ РЕГИОНАЛЬНОГО ПРОЕКТА", bold)
    sheet.merge_range("A2:F2", f"«{NAME}» (Кировская область)", bold)
    sheet.merge_range("A3:F3", "1. Основные положения", bold)
    rows = [
        ("Наименование национального проекта", "Образование"),
        ("Краткое наименование регионального проекта", "Цифровая среда"),
        ("Срок начала и окончания проекта", "01.01.2019 – 31.12.2024"),
        ("Куратор регионального проекта", "ФИО, должность", "Иванов И.И., министр"),
        ("Руководитель регионального проекта", "ФИО, должность", "Петров П.П., заместитель"),
        ("Администратор регионального проекта", "ФИО, должность", "Сидорова С.С., консультант"),
    ]
    for index, row in enumerate(rows, start=4):
        sheet.write_row(index, 0, row)


def budget_indicators(sheet, bold, top):
    sheet.merge_range(top, 0, top, 7, "2. Цель и показатели регионального проекта", bold)
    header = top + 1
    sheet.merge_range(header, 0, header + 1, 0, "№ п/п", bold)
    sheet.merge_range(header, 1, header + 1, 1, "Наименование показателя", bold)
    sheet.merge_range(header, 2, header + 1, 2, "Тип показателя", bold)
    sheet.merge_range(header, 3, header + 1, 3, "Единица измерения", bold)
    sheet.merge_range(header, 4, header, 5, "Базовое значение", bold)
    sheet.merge_range(header, 6, header, 7, "Период, год", bold)
    sheet.write_row(header + 1, 4, ["Значение", "Дата", 2019, 2020], bold)
    sheet.merge_range(header + 2, 0, header + 2, 7, "Отсутствует показатель федерального проекта")
    sheet.write_row(header + 3, 0, [1, "Доля школ", "основной", "процент", 5, "31.12.2017", 10, 20])
    sheet.write_row(header + 4, 0, [2, "Число центров", "дополнительный", "единица", 0, "-", 1, 2])
    # The federal indicator above the regional one it is broken down into: a group, not a row.
    sheet.merge_range(header + 5, 1, header + 5, 7, "Доля школ с высокоскоростным интернетом (ФП)")
    sheet.write_row(
        header + 6, 0, [3, "Доля школ с интернетом", "основной", "процент", 1, "-", 2, 3]
    )


def test_budget_passport_and_indicators_by_xlsxwriter(tmp_path, workspace):
    path = tmp_path / "eb.xlsx"
    book = xlsxwriter.Workbook(str(path))
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("Паспорт")
    budget_passport(sheet, bold)
    budget_indicators(sheet, bold, 12)
    book.close()
    incoming = read_workbook(path)
    assert problems(incoming) == []
    assert incoming.years == (2019, 2024)
    assert incoming.short_name == "Цифровая среда"
    people = [(p.role, p.name, p.position) for p, _ in incoming.passport_persons]
    assert people == [
        ("куратор", "Иванов И.И.", "министр"),
        ("руководитель", "Петров П.П.", "заместитель"),
        ("администратор", "Сидорова С.С.", "консультант"),
    ]
    rows = [item.row for item in incoming.indicators]
    assert [(r.number, r.name, r.unit, r.base_value, r.base_year) for r in rows] == [
        ("1", "Доля школ", "процент", Decimal(5), 2017),
        ("2", "Число центров", "единица", Decimal(0), None),
        ("3", "Доля школ с интернетом", "процент", Decimal(1), None),
    ]
    assert values(rows[0]) == {2019: PlanFact(Decimal(10)), 2020: PlanFact(Decimal(20))}
    # «Тип показателя» is the indicator's kind (issue 21).
    assert [r.indicator_kind for r in rows] == ["main", "additional", "main"]
    assert not any("Тип показателя" in n for n in problems(incoming, Severity.WARNING))


def test_base_value_and_date_in_one_column(tmp_path):
    path = book_of(
        tmp_path,
        [
            ["№ п/п", "Наименование показателя", "Единица измерения", "Базовое значение", 2019],
            [None, None, None, None, "план"],
            [1, "Доля школ", "процент", "38,5 (31.12.2017)", 10],
            [2, "Число центров", "единица", "3 на 01.01.2018", 1],
        ],
    )
    incoming = read_workbook(path)
    assert problems(incoming) == []
    rows = [item.row for item in incoming.indicators]
    assert [(r.base_value, r.base_year) for r in rows] == [
        (Decimal("38.5"), 2017),
        (Decimal(3), 2018),
    ]


def test_budget_financing_in_millions_with_a_banner_and_date(tmp_path):
    path = tmp_path / "fin.xlsx"
    book = xlsxwriter.Workbook(str(path))
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("Финансирование")
    sheet.merge_range("A1:E1", "4. Финансовое обеспечение реализации регионального проекта", bold)
    sheet.write("A2", "Дата формирования: 01.02.2020 12:00")
    sheet.merge_range("A3:A4", "№ п/п", bold)
    sheet.merge_range("B3:B4", "Наименование результата и источники финансирования", bold)
    sheet.merge_range(
        "C3:D3", "Объем финансового обеспечения по годам реализации (млн рублей)", bold
    )
    sheet.merge_range("E3:E4", "Всего (млн рублей)", bold)
    sheet.write_row("C4", [2019, 2020], bold)
    sheet.write_row("A5", [1, "Оснащены школы", 37.9552, 230.4358, 268.391])
    sheet.write_row("A6", ["1.1", "федеральный бюджет", 37.9552, 230.4358, 268.391])
    sheet.write_row("A7", [None, "Всего по региональному проекту", 37.9552, 230.4358, 268.391])
    book.close()
    incoming = read_workbook(path)
    assert problems(incoming) == []
    [line] = incoming.financing
    assert line.line.name == "Оснащены школы"
    [source] = line.line.sources
    assert source.values == {2019: Decimal("37955.2"), 2020: Decimal("230435.8")}
    assert any("млн рублей" in n for n in problems(incoming, Severity.WARNING))


def test_persons_table_with_name_and_position_in_one_column(tmp_path):
    path = book_of(
        tmp_path,
        [
            ["Роль в проекте", "ФИО, должность"],
            ["Куратор", "Иванов И.И., министр образования"],
            ["Администратор", "Сидорова С.С."],
        ],
    )
    incoming = read_workbook(path)
    assert [(p.role, p.name, p.position) for p in incoming.persons] == [
        ("Куратор", "Иванов И.И.", "министр образования"),
        ("Администратор", "Сидорова С.С.", ""),
    ]
