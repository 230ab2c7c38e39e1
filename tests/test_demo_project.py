"""The demo project carries every fact and figure of the ministry's document, exactly."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from cdo_desktop.core.model import RowKind
from cdo_desktop.core.numbers import parse_number

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_1408064df4833e22.txt"
YEARS = range(2019, 2025)
# The document's tables: plan and fact for 2019 and 2020, plan only for 2021-2024.
PLAN_FACT_COLUMNS = [
    (2019, "plan"),
    (2019, "fact"),
    (2020, "plan"),
    (2020, "fact"),
    (2021, "plan"),
    (2022, "plan"),
    (2023, "plan"),
    (2024, "plan"),
]

# The figures as printed, typed once more by hand: `-` is no value.
INDICATORS = {
    "1": ("единица", "1 1 1 1 1 1 1 1"),
    "2": ("процент", "10 10 15 16 - - - -"),
    "3": ("процент", "0 0 0 0 38,28 51,88 74,9 74,9"),
}
RESULTS = {
    "1": ("единиц", "17 17 119 119 217 282 392 392"),
    "2": ("единиц", "0 0 1 1 2 3 4 4"),
    "3": ("процент", "20 0 40 41,1 - - - -"),
    "4": ("тыс. человек", "0 0 0,5 6,0 - - - -"),
}
FINANCING = {
    "1": ["37 955,2", "230 435,8", "186 156,3", "102 986,5", "172 004,4", "-"],
    "2": ["-", "13 264,90", "11 698,7", "17 443,6", "20 324,4", "-"],
}


def _figures(row, year_fields):
    return {(year, field): getattr(row.value(year), field) for year, field in year_fields}


@pytest.fixture
def demo(workspace):
    return workspace.store.load(workspace.store.find("E4").id)


@pytest.mark.parametrize(
    ("kind", "expected"), [(RowKind.INDICATOR, INDICATORS), (RowKind.RESULT, RESULTS)]
)
def test_plan_fact_tables_hold_the_printed_figures(demo, kind, expected):
    rows = demo.rows(kind)
    assert [row.number for row in rows] == list(expected)
    for row in rows:
        unit, figures = expected[row.number]
        assert row.unit == unit
        assert row.cumulative, "every row of the document is «нарастающим итогом»"
        printed = [parse_number(text) for text in figures.split()]
        assert _figures(row, PLAN_FACT_COLUMNS) == dict(
            zip(PLAN_FACT_COLUMNS, printed, strict=True)
        )
        for year in (2021, 2022, 2023, 2024):
            assert row.value(year).fact is None, "no facts for the years that had not come"


def test_exact_digits_survive_the_database(demo):
    third = demo.indicators[2]
    assert str(third.value(2021).plan) == "38.28"
    assert str(demo.results[3].value(2020).fact) == "6.0"
    assert str(demo.financing[1].total(2020)) == "13264.90"
    # empty is not zero
    assert demo.indicators[1].value(2021).plan is None
    assert demo.results[2].value(2019).fact == 0


def test_financing_holds_the_printed_figures(demo):
    assert [line.number for line in demo.financing] == ["1", "2"]
    for line in demo.financing:
        expected = [parse_number(text) for text in FINANCING[line.number]]
        assert [line.total(year) for year in YEARS] == expected
        assert [source.name for source in line.sources] == ["все источники"]
    assert [line.result for line in demo.financing] == ["1", "2"]
    total = sum(line.grand_total(demo.years) for line in demo.financing)
    assert total == Decimal("792269.8")


def test_passport(demo):
    assert demo.code == "E4"
    assert demo.name == "Цифровая образовательная среда"
    assert demo.region == "Кировская область"
    assert demo.national_project == "Образование"
    assert demo.federal_project.code == "E4"
    assert (demo.first_year, demo.last_year) == (2019, 2024)
    assert demo.customer == "министерство образования Кировской области"
    assert demo.goal.startswith(
        "создание в Кировской области условий для внедрения в 100 "
        "процентах образовательных организаций к концу 2024 года"
    )
    curator, leader = demo.persons
    assert (curator.role, curator.name, curator.position) == (
        "куратор",
        "Д.А. Курдюмов",
        "Первый заместитель Председателя Правительства Кировской области",
    )
    assert (leader.role, leader.name, leader.position) == (
        "руководитель",
        "С.В. Стяжкин",
        "Заместитель министра образования Кировской области",
    )
    assert len(demo.participants) == 6
    assert demo.participants[2] == "КОГОАУ ДПО «Институт развития образования Кировской области»"


# ----------------------------------------------------------------- against the document itself


def _seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the source document is not beside the checkout: {SEED}")
    text = SEED.read_text(encoding="utf-8")
    # Repairs the seed's README lists: hyphens lost at line breaks, a broken closing quote.
    return (
        text.replace("информационносервисной", "информационно-сервисной")
        .replace("материальнотехнической", "материально-технической")
        .replace('"IT-куб«', "«IT-куб»")
    )


def _seed_rows(text: str, heading: str, end: str) -> list[list[str]]:
    section = text[text.index(heading) : text.index(end, text.index(heading))]
    return [
        line.strip("\t").split("\t") for line in section.splitlines() if re.match(r"^\t?\d\t", line)
    ]


def _split_unit(printed: str) -> tuple[str, str, bool]:
    cumulative = printed.endswith("(нарастающим итогом)")
    printed = printed.removesuffix("(нарастающим итогом)").strip()
    name, _, unit = printed.rpartition(", ")
    return name, unit, cumulative


@pytest.mark.parametrize(
    ("kind", "heading", "end"),
    [
        (RowKind.INDICATOR, "Показатели проекта", "Полный перечень"),
        (RowKind.RESULT, "Результаты проекта в цифрах", "Результаты проекта в 2020 году"),
    ],
)
def test_tables_equal_the_seed_document(demo, kind, heading, end):
    seed_rows = _seed_rows(_seed_text(), heading, end)
    rows = demo.rows(kind)
    assert len(rows) == len(seed_rows)
    for row, cells in zip(rows, seed_rows, strict=True):
        number, printed_name, *figures = cells
        name, unit, cumulative = _split_unit(printed_name)
        assert (row.number, row.name, row.unit, row.cumulative) == (number, name, unit, cumulative)
        printed = [parse_number(value) for value in figures]
        assert _figures(row, PLAN_FACT_COLUMNS) == dict(
            zip(PLAN_FACT_COLUMNS, printed, strict=True)
        )


def test_financing_equals_the_seed_document(demo):
    text = _seed_text()
    section = text[text.index("Объем финансирования") :]
    seed_rows = [line.split("\t") for line in section.splitlines() if re.match(r"^\d\t", line)]
    assert len(seed_rows) == len(demo.financing)
    for line, (number, printed_name, *amounts) in zip(demo.financing, seed_rows, strict=True):
        name, unit, _ = _split_unit(printed_name)
        assert (line.number, line.name, unit) == (number, name, "тыс. рублей")
        assert [line.total(year) for year in YEARS] == [parse_number(a) for a in amounts]


def test_passport_facts_appear_in_the_seed_document(demo):
    text = " ".join(_seed_text().split())
    assert f"Цель проекта: {demo.goal}" in text
    assert f"функциональный заказчик – {demo.customer}" in text
    assert f"«{demo.name} »" in text or f"«{demo.name}»" in text
    for person in demo.persons:
        assert f"{person.name} {person.position}" in text
    for participant in demo.participants:
        assert f"- {participant}" in text
