"""The summary as HTML from core data: what it says, without Qt."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from cdo_desktop.core.model import Person, PlanFact, PlanFactRow, Project
from cdo_desktop.reports.summary import (
    ReportYearError,
    Section,
    SummaryOptions,
    Table,
    build_summary,
    check_report_year,
    default_report_year,
    fact_years,
)
from cdo_desktop.workspace import demo_projects


@pytest.fixture(scope="module")
def demo() -> Project:
    return demo_projects()[0]


def text_of(markup: str) -> str:
    """The words a reader sees: tags dropped, entities read, spaces squeezed."""
    without_tags = re.sub(r"<br\s*/?>|</(p|li|td|h1|h2)>", " ", markup)
    without_tags = re.sub(r"<[^>]+>", "", without_tags)
    return re.sub(r"\s+", " ", html.unescape(without_tags))


def cells(table: Table) -> list[list[str]]:
    return [
        [text_of(cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in table.rows
    ]


def tables(document) -> list[Table]:
    return [item for item in document.items if isinstance(item, Table)]


def build(project, year=2020, **options):
    return build_summary(
        project, SummaryOptions(year=year, printed_on=date(2025, 5, 14), **options)
    )


def test_title_goal_customer_and_people(demo):
    text = text_of(build(demo).html())
    assert "Реализация регионального проекта «Цифровая образовательная среда»" in text
    assert "Кировская область" in text
    assert f"Цель проекта: {demo.goal}" in text
    assert "Функциональный заказчик – министерство образования Кировской области" in text
    for name, position in [
        ("Д.А. Курдюмов", "Первый заместитель Председателя Правительства Кировской области"),
        ("С.В. Стяжкин", "Заместитель министра образования Кировской области"),
    ]:
        assert name in text and position in text
    assert text.index("Куратор регионального проекта") < text.index("Д.А. Курдюмов")
    assert text.index("Руководитель регионального проекта") < text.index("С.В. Стяжкин")
    for participant in demo.participants:
        assert participant in text


# The seed's tables as printed: plan, fact for 2019 and 2020 (with the fact's mark), plan after.
SEED_INDICATORS = [
    ["1", "1 ✓", "1", "1 ✓", "1", "1", "1", "1"],
    ["10", "10 ✓", "15", "16 ✓", "–", "–", "–", "–"],
    ["0", "0 ✓", "0", "0 ✓", "38,28", "51,88", "74,9", "74,9"],
]
SEED_RESULTS = [
    ["17", "17 ✓", "119", "119 ✓", "217", "282", "392", "392"],
    ["0", "0 ✓", "1", "1 ✓", "2", "3", "4", "4"],
    ["20", "0 ✗", "40", "41,1 ✓", "–", "–", "–", "–"],
    ["0", "0 ✓", "0,5", "6,0 ✓", "–", "–", "–", "–"],
]
SEED_FINANCING = [
    ["37 955,2", "230 435,8", "186 156,3", "102 986,5", "172 004,4", "–", "729 538,2"],
    ["–", "13 264,90", "11 698,7", "17 443,6", "20 324,4", "–", "62 731,6"],
    ["37 955,2", "243 700,7", "197 855", "120 430,1", "192 328,8", "–", "792 269,8"],
]


def test_passport_tables_hold_every_seed_figure(demo):
    indicators, results, _year_results, _year_indicators, financing = tables(build(demo))
    assert [row[2:] for row in cells(indicators)] == SEED_INDICATORS
    assert [row[2:] for row in cells(results)] == SEED_RESULTS
    assert [row[2:] for row in cells(financing)] == SEED_FINANCING
    assert cells(financing)[-1][1] == "Итого"
    assert [row[0] for row in cells(indicators)] == ["1", "2", "3"]
    assert cells(indicators)[2][1] == (
        "Доля общеобразовательных организаций, оснащенных в целях внедрения цифровой "
        "образовательной среды, процент (нарастающим итогом)"
    )


def test_header_puts_plan_and_fact_under_each_year_with_facts(demo):
    indicators = tables(build(demo))[0]
    top, bottom = (text_of(row).split() for row in indicators.header)
    assert top == ["№", "п/п", "Показатель", "/", "единица", "измерения"] + [
        str(year) for year in range(2019, 2025)
    ]
    assert bottom == ["план", "факт", "план", "факт", "план", "план", "план", "план"]
    assert 'colspan="2"' in indicators.header[0]


def test_report_year_section_follows_the_year(demo):
    text_2020 = text_of(build(demo, 2020).html())
    text_2019 = text_of(build(demo, 2019).html())
    assert "Результаты проекта в 2020 году" in text_2020
    assert "Результаты проекта в 2019 году" in text_2019
    assert "Результаты проекта в 2020 году" not in text_2019
    year_results = tables(build(demo, 2019))[2]
    # Result 3 in 2019: plan 20, fact 0 — not achieved.
    assert cells(year_results)[2][2:] == ["20", "0", "0 %", "✗ не достигнуто"]
    year_results = tables(build(demo, 2020))[2]
    assert cells(year_results)[3][2:] == ["0,5", "6,0", "1200 %", "✓ достигнуто"]
    assert "2020: план 0,5 · факт 6,0 · 1200 % плана ✓" in text_2020


def test_every_report_year_row_asks_for_its_chart(demo):
    document = build(demo)
    charts = document.charts()
    rows = [chart.row for chart in charts if chart.row is not None]
    assert rows == [*demo.results, *demo.indicators]
    assert [chart.key for chart in charts if chart.financing] == ["chart-financing"]
    for chart in charts:
        assert f'src="{chart.key}"' in document.html()


def test_sections_can_be_left_out(demo):
    text = text_of(build(demo, sections=frozenset({Section.FINANCING})).html())
    assert "Цель проекта" in text and "Объем финансирования" in text
    for title in ("Ответственные участники", "Показатели проекта", "Результаты проекта в"):
        assert title not in text


def test_years_with_facts(demo):
    assert fact_years(demo, 2020) == [2019, 2020]
    assert fact_years(demo, 2019) == [2019, 2020]
    # A report about 2022, where no fact is in yet, still has its «факт» column.
    assert fact_years(demo, 2022) == [2019, 2020, 2021, 2022]


def test_default_and_unknown_report_year(demo):
    assert default_report_year(demo) == 2020
    assert check_report_year(demo, 2024) == 2024
    with pytest.raises(ReportYearError) as caught:
        build(demo, 2030)
    assert str(caught.value) == "год 2030 не входит в годы проекта E4 (2019–2024)"
    no_facts = Project(code="N", name="Без фактов", first_year=2019, last_year=2024)
    assert default_report_year(no_facts, today=date(2022, 3, 1)) == 2022
    assert default_report_year(no_facts, today=date(2030, 3, 1)) == 2024


def test_user_text_is_escaped(demo):
    project = replace(
        demo,
        name="<b>Проект</b> & «мир»",
        goal="цель <script>",
        persons=[Person("куратор", "А.Б. <Иванов>", "должность & звание")],
        participants=["<i>участник</i>"],
        indicators=[
            PlanFactRow("1<x", "имя <br>", unit="ед.&", values={2019: PlanFact(Decimal(1), None)})
        ],
    )
    markup = build(project).html()
    for raw in ("<b>Проект", "<script>", "<Иванов>", "<i>участник", "имя <br>", "1<x"):
        assert raw not in markup
    text = text_of(markup)
    assert "«<b>Проект</b> & «мир»»" in text
    assert "А.Б. <Иванов>" in text and "должность & звание" in text


def test_an_empty_project_prints_notes_not_empty_tables():
    project = Project(code="E", name="Пустой", first_year=2019, last_year=2020)
    text = text_of(build(project, 2019).html())
    assert "Показатели проекта не внесены." in text
    assert "Результаты проекта не внесены." in text
    assert "Объем финансирования не внесен." in text
    assert tables(build(project, 2019)) == []


def test_building_the_summary_needs_no_qt():
    code = (
        "import sys; import cdo_desktop.reports.summary, cdo_desktop.cli.summary; "
        "print('PySide6' in sys.modules)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "False"
