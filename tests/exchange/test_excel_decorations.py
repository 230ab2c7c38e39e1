"""Property: decorative rows around a correct table never change what is imported.

Titles, empty rows and notes above; a row of column numbers and a total row under the header;
total rows, footnotes, notes and signature blocks under the last row — in any number and order.
The seed's indicator, result and financing tables read the same with and without them.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from cdo_desktop.exchange.excel_import import read_workbook
from cdo_desktop.exchange.import_plan import Severity
from tests.exchange.test_excel_seed import COLUMNS, FINANCING, INDICATORS, RESULTS, YEARS, typed

PLAN_FACT_WIDTH = 2 + sum(2 if with_fact else 1 for _, with_fact in COLUMNS)
FINANCING_WIDTH = 2 + len(YEARS)


def plan_fact_rows(name_header: str, rows) -> tuple[list[list], list[list]]:
    """Header rows and data rows of a seed table, unmerged (the year in its first cell)."""
    years: list = ["№ п/п", name_header]
    parts: list = [None, None]
    for year, with_fact in COLUMNS:
        years += [year, None] if with_fact else [year]
        parts += ["план", "факт"] if with_fact else ["план"]
    data = [
        [int(number), name, *(typed(token, as_text=False) for token in figures.split())]
        for number, name, figures in rows
    ]
    return [years, parts], data


def financing_rows() -> tuple[list[list], list[list]]:
    header = ["№ п/п", "Результат / источник финансирования, тыс. рублей", *YEARS]
    data = [
        [number, name, *(typed(token, as_text=True, dash="—") for token in amounts)]
        for number, name, amounts in FINANCING
    ]
    return [header], data


ABOVE = st.sampled_from(
    [
        ["Показатели регионального проекта «Цифровая образовательная среда»"],
        ["Кировская область"],
        [],
        ["Примечание: данные по состоянию на 01.01.2024"],
    ]
)


def under_header(width: int):
    return st.sampled_from([list(range(1, width + 1)), ["Итого", None, *range(width - 2)]])


BELOW = st.sampled_from(
    [
        [None, "Итого"] + [1] * 4,
        ["Всего по области", None, 5, 5],
        ["* Полный перечень показателей проекта представлен в паспорте"],
        ["¹ Нарастающим итогом с 2019 года"],
        ["Примечание: данные предварительные"],
        [],
        ["Министр образования Кировской области", None, "____________", "А.В. Иванов"],
        ["Исполнитель: Иванова И.И., тел. 8 (8332) 27-27-27"],
        ["М.П."],
    ]
)


@st.composite
def decorations(draw, width: int):
    return (
        draw(st.lists(ABOVE, max_size=3)),
        draw(st.lists(under_header(width), max_size=2, unique_by=lambda row: str(row[0]))),
        draw(st.lists(BELOW, max_size=4)),
    )


def write(path: Path, tables, decorated) -> None:
    book = Workbook()
    book.remove(book.active)
    for (title, (header, data)), (above, under, below) in zip(tables, decorated, strict=True):
        sheet = book.create_sheet(title)
        for row in [*above, *header, *under, *data, *below]:
            sheet.append(row)
    book.save(path)


def imported(path: Path):
    incoming = read_workbook(path)
    errors = [str(p) for p in incoming.problems if p.severity is Severity.ERROR]
    return (
        [item.row for item in incoming.indicators or []],
        [item.row for item in incoming.results or []],
        [item.line for item in incoming.financing or []],
        errors,
    )


TABLES = [
    ("Показатели", plan_fact_rows("Показатель/единица измерения", INDICATORS)),
    ("Результаты", plan_fact_rows("Результат/единица измерения", RESULTS)),
    ("Финансирование", financing_rows()),
]
NOTHING = [([], [], [])] * len(TABLES)


def plain() -> tuple:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plain.xlsx"
        write(path, TABLES, NOTHING)
        return imported(path)


PLAIN = plain()


def test_the_plain_tables_import_without_errors():
    indicators, results, financing, errors = PLAIN
    assert (len(indicators), len(results), len(financing), errors) == (3, 4, 2, [])


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    decorated=st.tuples(
        decorations(PLAN_FACT_WIDTH), decorations(PLAN_FACT_WIDTH), decorations(FINANCING_WIDTH)
    )
)
def test_decorative_rows_never_change_what_is_imported(decorated, tmp_path_factory):
    path = tmp_path_factory.mktemp("decorated") / "book.xlsx"
    write(path, TABLES, decorated)
    assert imported(path) == PLAIN
