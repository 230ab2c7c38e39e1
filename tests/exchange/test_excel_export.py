"""The exported workbook: the passport's layout, numbers as numbers, print set-up, safe text."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import BudgetSource, FinancingLine, Person, PlanFact, PlanFactRow
from cdo_desktop.exchange.excel_export import export_projects, workbook_paths
from cdo_desktop.exchange.excel_progress import Cancelled
from cdo_desktop.workspace import demo_projects
from tests.exchange.libreoffice import convert, needs_libreoffice

SHEETS = ["Паспорт", "Показатели", "Результаты", "Финансирование", "Ответственные"]


@pytest.fixture
def demo():
    return demo_projects()[0]


@pytest.fixture
def exported(demo, tmp_path):
    [path] = export_projects([demo], tmp_path / "e4.xlsx")
    return load_workbook(path)


def test_the_sheets_and_the_passport(exported, demo):
    assert exported.sheetnames == SHEETS
    passport = {row[0]: row[1:] for row in exported["Паспорт"].iter_rows(values_only=True)}
    assert passport["Код проекта"][0] == "E4"
    assert passport["Цель регионального проекта"][0] == demo.goal
    assert passport["Срок реализации"][0] == "2019–2024"
    assert passport["Куратор регионального проекта"] == ("Д.А. Курдюмов", demo.persons[0].position)
    assert passport["Участники регионального проекта"][0] == demo.participants[0]


def test_plan_fact_sheets_have_the_passport_header(exported):
    sheet = exported["Показатели"]
    first = [cell.value for cell in sheet[1]]
    second = [cell.value for cell in sheet[2]]
    assert first[:5] == ["№ п/п", "Показатель", "Единица измерения", "Нарастающим итогом", 2019]
    assert first[4:16:2] == [2019, 2020, 2021, 2022, 2023, 2024]
    assert second[4:8] == ["план", "факт", "план", "факт"]
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert {"A1:A2", "B1:B2", "E1:F1", "O1:P1"} <= merged
    assert exported["Результаты"]["B1"].value == "Результат"


def test_values_are_numbers_with_their_own_digits(exported):
    sheet = exported["Показатели"]
    row = [cell for cell in sheet[5]]  # indicator 3: 0 0 0 0 38,28 51,88 74,9 74,9
    assert row[0].value == 3 and row[1].value.startswith("Доля общеобразовательных")
    assert (row[2].value, row[3].value) == ("процент", "да")
    plan_2021 = row[8]
    assert plan_2021.data_type == "n" and plan_2021.value == pytest.approx(38.28)
    assert plan_2021.number_format == "#,##0.00"
    assert row[12].number_format == "#,##0.0"  # 74,9
    assert row[4].value == 0 and row[4].number_format == "#,##0"
    assert row[9].value is None  # no fact for 2021: empty, not zero and not a dash
    assert sheet["B3"].alignment.wrap_text


def test_financing_has_years_totals_and_the_total_row(exported):
    sheet = exported["Финансирование"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "№ п/п",
        "Результат / источник финансирования, тыс. рублей",
        "№ результата",
        2019,
        2020,
        2021,
        2022,
        2023,
        2024,
        "Всего",
    )
    assert rows[2][:4] == (2, "Созданы центры цифрового образования детей «IT-куб»", "2", None)
    assert sheet["E3"].number_format == "#,##0.00"  # 13 264,90 keeps its zero
    line_totals = [Decimal(str(row[9])) for row in rows[1:3]]
    assert line_totals == [Decimal("729538.2"), Decimal("62731.6")]
    total = rows[3]
    assert total[1] == "Итого"
    assert Decimal(str(total[3])) == Decimal("37955.2")
    assert Decimal(str(total[4])) == Decimal("243700.7")
    assert total[8] is None  # 2024: no amounts at all, so no total either
    assert Decimal(str(total[9])) == sum(line_totals)


def test_sources_are_indented_under_their_line(demo, tmp_path):
    demo.financing[0].sources = [
        BudgetSource("бюджет субъекта", None, {2019: Decimal("100")}),
        BudgetSource("из них: МБТ", "бюджет субъекта", {2019: Decimal("60")}),
        BudgetSource("внебюджетные источники", None, {2019: Decimal("5")}),
    ]
    [path] = export_projects([demo], tmp_path / "e4.xlsx")
    sheet = load_workbook(path)["Финансирование"]
    names = [(sheet.cell(row, 2).value, sheet.cell(row, 2).alignment.indent) for row in range(2, 6)]
    assert names[1:] == [
        ("бюджет субъекта", 1),
        ("из них: МБТ", 2),
        ("внебюджетные источники", 1),
    ]
    assert sheet["D2"].value == 105  # the line: its sources, each amount counted once


def test_view_and_print_set_up(exported):
    for name in SHEETS:
        sheet = exported[name]
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9)
        assert setup.fitToWidth == 1 and setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert "Страница &P из &N" in sheet.oddFooter.center.text
    sheet = exported["Показатели"]
    assert sheet.freeze_panes == "C3"
    assert sheet.print_title_rows == "$1:$2"
    assert sheet.column_dimensions["B"].width == 50
    assert exported["Финансирование"].print_title_rows == "$1:$1"
    assert sheet.row_dimensions[4].height > 15  # a long name gets the lines it needs


def test_text_that_looks_like_a_formula_stays_text(demo, tmp_path):
    demo.name = '=HYPERLINK("http://example.com")'
    demo.goal = "+7 (8332) 00-00-00"
    demo.region = "#N/A"
    demo.participants = ["-министерство", "@SUM(A1)"]
    demo.indicators[0].unit = "=1+1"
    demo.persons.append(Person("ответственный", "=cmd|' /C calc'!A0", "-", "@"))
    [path] = export_projects([demo], tmp_path / "e4.xlsx")
    book = load_workbook(path)
    cells = [
        book["Паспорт"]["B2"],
        book["Паспорт"]["B3"],
        book["Паспорт"]["B7"],
        book["Показатели"]["C3"],
        book["Ответственные"]["C4"],
    ]
    assert [cell.value for cell in cells] == [
        demo.name,
        demo.region,
        demo.goal,
        "=1+1",
        "=cmd|' /C calc'!A0",
    ]
    assert all(cell.data_type == "s" for cell in cells)
    assert book["Показатели"]["C3"].quotePrefix
    participants = [row[1] for row in book["Паспорт"].iter_rows(min_row=12, values_only=True)]
    assert participants == demo.participants


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda project: setattr(project, "goal", "цель\x01 с управляющим символом"),
            "проект E4, цель: недопустимый знак U+0001 (управляющий символ) в позиции 5",
        ),
        (
            lambda project: setattr(project.indicators[2], "name", "x" * 32_768),
            "проект E4, Показатели, строка 3, наименование: текст длиннее 32767 знаков",
        ),
        (
            lambda project: setattr(project, "name", "Проект\x1b[2J"),
            "проект E4, наименование: недопустимый знак U+001B",
        ),
    ],
)
def test_text_a_cell_cannot_hold_is_refused_not_cut_or_dropped(demo, tmp_path, change, words):
    """Such text is refused where it enters; an older database may hold it still, and an
    export that dropped or cut it would come back as a change on re-import."""
    target = tmp_path / "e4.xlsx"
    target.write_bytes(b"the old workbook")
    change(demo)
    with pytest.raises(CdoError) as refused:
        export_projects([demo], target)
    assert words in str(refused.value)
    assert target.read_bytes() == b"the old workbook"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["e4.xlsx"]


def test_several_projects_one_workbook_each(demo, tmp_path):
    other = demo_projects()[0]
    other.code, other.name = "E5/x", "Другой проект"
    target = tmp_path / "проекты.xlsx"
    paths = export_projects([demo, other], target)
    assert paths == [tmp_path / "проекты_E4.xlsx", tmp_path / "проекты_E5_x.xlsx"]
    assert all(path.exists() for path in paths) and not target.exists()
    assert workbook_paths(target, [demo]) == [target]
    assert load_workbook(paths[1])["Паспорт"]["B2"].value == "Другой проект"


def test_a_cancelled_export_leaves_nothing_behind(demo, tmp_path):
    demo.indicators = [
        PlanFactRow(str(i), f"показатель {i}", values={2019: PlanFact(Decimal(i))})
        for i in range(1, 3000)
    ]
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return len(calls) < 3

    target = tmp_path / "e4.xlsx"
    target.write_bytes(b"the old file")
    with pytest.raises(Cancelled):
        export_projects([demo, demo_projects()[0]], target, progress)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["e4.xlsx"]
    assert target.read_bytes() == b"the old file"
    assert calls[0] == (0, calls[0][1]) and calls[0][1] > 3000


def test_progress_reaches_the_total(demo, tmp_path):
    seen = []
    export_projects(
        [demo], tmp_path / "e4.xlsx", lambda done, total: seen.append((done, total)) or True
    )
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1]


def test_an_unwritable_folder_is_told_in_russian(demo, tmp_path):
    with pytest.raises(Exception, match="не удалось записать файл"):
        export_projects([demo], tmp_path / "нет такой папки" / "e4.xlsx")


def test_empty_and_minimal_projects_export(tmp_path):
    from cdo_desktop.core.model import Project

    project = Project(code="X1", name="Пустой", financing=[FinancingLine("1", "строка")])
    [path] = export_projects([project], tmp_path / "x.xlsx")
    book = load_workbook(path)
    assert book["Показатели"].max_row == 2
    assert book["Финансирование"]["B3"].value == "Итого"


@needs_libreoffice
def test_libreoffice_opens_the_workbook_without_repair(demo, tmp_path):
    [path] = export_projects([demo], tmp_path / "e4.xlsx")
    result = convert(path, "pdf", tmp_path, tmp_path / "lo-profile")
    pdf = Path(tmp_path / "e4.pdf")
    assert result.returncode == 0, result.stderr
    assert pdf.exists(), result.stdout + result.stderr
    reader = PdfReader(pdf)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == len(SHEETS)
    for expected in ("Код проекта", "Показатель", "38.28", "Итого", "Курдюмов"):
        assert expected in text
