"""The summary on paper: the PDF's pages and text, and pagination of a big project."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QTextTable

from cdo_desktop.core.numbers import format_number
from cdo_desktop.reports.printing import (
    FOOTER_HEIGHT,
    _grid_document,
    default_page_layout,
    lay_out,
    printable_width,
    write_pdf,
)
from cdo_desktop.reports.summary import Section, SummaryOptions, Table, build_summary
from cdo_desktop.workspace import demo_projects
from tests.reports.projects import big_project
from tests.reports.test_summary import SEED_FINANCING, SEED_INDICATORS, SEED_RESULTS

PRINTED_ON = date(2025, 5, 14)


def pdf_pages(path) -> list[str]:
    """Each page's text with every run of white space made one space (pypdf gives tabs)."""
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(path).pages]


def summary_pdf(path, project, year, sections=frozenset(Section)):
    options = SummaryOptions(year=year, sections=sections, printed_on=PRINTED_ON)
    document = build_summary(project, options, width=printable_width())
    return write_pdf(document, path)


@pytest.fixture(scope="module")
def demo():
    return demo_projects()[0]


@pytest.fixture(scope="module")
def demo_pdf(qapp, demo, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "summary.pdf"
    pages = summary_pdf(path, demo, 2020)
    return path, pages


def test_demo_pdf_has_its_pages_on_a4_landscape(demo_pdf):
    path, pages = demo_pdf
    reader = PdfReader(path)
    assert len(reader.pages) == pages == 5
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (842, 595)
    assert (
        reader.metadata.title == "Реализация регионального проекта «Цифровая образовательная среда»"
    )


def test_demo_pdf_text_holds_the_whole_summary(demo_pdf, demo):
    path, _ = demo_pdf
    pages = pdf_pages(path)
    text = " ".join(pages)
    assert "Реализация регионального проекта «Цифровая образовательная среда»" in text
    assert "Цель проекта: " + re.sub(r"\s+", " ", demo.goal) in text
    assert "Функциональный заказчик – министерство образования Кировской области" in text
    for words in (
        "Куратор регионального проекта Д.А. Курдюмов "
        "Первый заместитель Председателя Правительства Кировской области",
        "Руководитель регионального проекта С.В. Стяжкин "
        "Заместитель министра образования Кировской области",
    ):
        assert words in text
    for title in (
        "Ответственные участники",
        "Показатели проекта",
        "Результаты проекта в цифрах",
        "Результаты проекта в 2020 году",
        "Объем финансирования",
    ):
        assert title in text
    for row in [*SEED_INDICATORS, *SEED_RESULTS]:
        for figure in row:
            assert figure.replace(" ✓", "").replace(" ✗", "") in text
    for row in SEED_FINANCING:
        for figure in row:
            assert figure in text
    assert "Итого 37 955,2 243 700,7 197 855 120 430,1 192 328,8 – 792 269,8" in text
    assert "38,28 51,88 74,9 74,9" in text
    for number, page in enumerate(pages, start=1):
        assert f"Дата печати: 14.05.2025 Стр. {number} из 5" in page


def test_status_marks_survive_black_and_white(demo_pdf):
    text = " ".join(pdf_pages(demo_pdf[0]))
    assert "16 ✓" in text and "0 ✗" in text
    assert "102,8 % ✓ достигнуто" in text


def test_report_year_changes_the_year_section(qapp, demo, tmp_path):
    summary_pdf(tmp_path / "2019.pdf", demo, 2019)
    text = " ".join(pdf_pages(tmp_path / "2019.pdf"))
    assert "Результаты проекта в 2019 году" in text
    assert "Результаты проекта в 2020 году" not in text
    assert "2019: план 20 · факт 0 · 0 % плана ✗" in text


@pytest.fixture(scope="module")
def big():
    return big_project(indicators=300, results=0)


def test_300_indicators_paginate_without_split_rows(qapp, big):
    layout = default_page_layout()
    area = layout.paintRect(layout.Unit.Point)
    height = area.height() - FOOTER_HEIGHT
    options = SummaryOptions(
        year=2021, sections=frozenset({Section.INDICATORS}), printed_on=PRINTED_ON
    )
    document = build_summary(big, options, width=area.width())
    pages = lay_out(document, area.width(), height)
    assert len(pages) > 10
    texts = [[piece.document.toPlainText().strip() for piece in page.pieces] for page in pages]
    rows_seen = []
    for page, page_texts in zip(pages, texts, strict=True):
        for piece in page.pieces:
            assert piece.top >= 0
            assert piece.top + piece.height <= height + 0.01
        header_at = [i for i, text in enumerate(page_texts) if "Показатель / единица" in text]
        assert len(header_at) == 1  # the header is on every page, once
        rows = [text for text in page_texts if text.startswith(tuple("0123456789"))]
        assert header_at[0] < page_texts.index(rows[0])
        rows_seen.extend(int(text.split()[0]) for text in rows)
    assert rows_seen == list(range(1, 301))
    # Pages are filled: no page but the last ends with more than a tall row's room left.
    for page in pages[:-1]:
        last = page.pieces[-1]
        assert height - (last.top + last.height) < 80


def test_300_indicator_pdf_keeps_each_row_on_one_page(qapp, big, tmp_path):
    path = tmp_path / "big.pdf"
    count = summary_pdf(path, big, 2021, frozenset({Section.INDICATORS}))
    pages = pdf_pages(path)
    assert len(pages) == count > 10
    for page in pages:
        assert "№ п/п Показатель / единица измерения 2019 2020 2021 2022 2023 2024" in page
        assert "план факт план факт план факт план план план" in page
    for number in range(1, 301):
        holding = [page for page in pages if f"Показатель-{number:03d} " in page]
        assert len(holding) == 1
        assert f"конец-{number:03d}" in holding[0]
        plan_2024 = format_number(big.indicators[number - 1].value(2024).plan)
        assert plan_2024 in holding[0]


def _cell_lefts(document, row: int) -> list[float | None]:
    table = next(f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable))
    lefts: list[float | None] = []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        block = cell.firstCursorPosition().block()
        lefts.append(
            round(document.documentLayout().blockBoundingRect(block).x(), 2)
            if cell.column() == column
            else None
        )
    return lefts


@pytest.mark.parametrize("project", ["demo", "big"])
def test_columns_of_header_and_rows_line_up(qapp, project, demo, big):
    chosen = demo if project == "demo" else big
    width = printable_width()
    document = build_summary(chosen, SummaryOptions(year=2020), width=width)
    tables = [item for item in document.items if isinstance(item, Table)]
    assert len(tables) == (5 if project == "demo" else 3)
    for table in tables:
        header = _grid_document(table.header_html(), width, top_rule=True)
        expected = _cell_lefts(header, len(table.header) - 1)
        for index in range(0, len(table.rows), 7):
            row = _grid_document(table.row_html(index), width, top_rule=False)
            lefts = _cell_lefts(row, 0)
            assert [a for a, b in zip(lefts, expected, strict=True) if b is not None] == [
                b for b in expected if b is not None
            ]


def test_a_long_participants_list_goes_on_over_the_page(qapp, demo):
    many = replace(demo, participants=[f"Участник № {number}" for number in range(1, 81)])
    layout = default_page_layout()
    area = layout.paintRect(layout.Unit.Point)
    height = area.height() - FOOTER_HEIGHT
    options = SummaryOptions(year=2020, sections=frozenset({Section.PEOPLE}))
    pages = lay_out(build_summary(many, options, width=area.width()), area.width(), height)
    assert len(pages) >= 2
    texts = []
    for page in pages:
        for piece in page.pieces:
            assert piece.top + piece.height <= height + 0.01
            texts.append(piece.document.toPlainText().strip())
    assert [text for text in texts if text.startswith("Участник №")] == [
        f"Участник № {number}" for number in range(1, 81)
    ]


def test_a_text_or_row_taller_than_a_page_goes_on_over_pages(qapp, demo, tmp_path):
    """A goal of several pages and an indicator with a name of several pages: in slices that
    end under whole lines, the table's header over each, nothing cut off."""
    goal = " ".join(f"Слово{number} цели проекта," for number in range(1500))
    rows = list(demo.indicators)
    rows[1] = replace(rows[1], name=" ".join(f"очень{number} длинное имя" for number in range(900)))
    tall = replace(demo, goal=goal, indicators=rows)
    layout = default_page_layout()
    area = layout.paintRect(layout.Unit.Point)
    height = area.height() - FOOTER_HEIGHT
    options = SummaryOptions(year=2020, sections=frozenset({Section.INDICATORS}))
    document = build_summary(tall, options, width=area.width())
    pages = lay_out(document, area.width(), height)
    slices: dict[int, list] = {}
    for page in pages:
        for piece in page.pieces:
            assert piece.top + piece.height <= height + 0.01
            if piece.span is not None:
                slices.setdefault(id(piece.document), []).append(piece)
    assert len(slices) == 2, "the goal and the long row"
    for pieces in slices.values():
        # The slices follow each other without a gap or an overlap, to the document's end.
        ends = [(piece.start, piece.start + piece.span) for piece in pieces]
        assert ends[0][0] == 0 and all(a[1] == b[0] for a, b in itertools.pairwise(ends))
        assert ends[-1][1] == pytest.approx(pieces[0].document.size().height())
        assert len(pieces) >= 3
    # Every page of the long row starts with the table's header.
    row_pages = [
        page
        for page in pages
        if any(p.span and "очень" in p.document.toPlainText() for p in page.pieces)
    ]
    assert all("Показатель" in page.pieces[0].document.toPlainText() for page in row_pages)
    path = tmp_path / "tall.pdf"
    assert write_pdf(document, path) == len(pages)
    # pypdf breaks a line's text in odd places ("Сл\nово717"): compared without whitespace.
    text = re.sub(r"\s+", "", "".join(pdf_pages(path)))
    assert {int(n) for n in re.findall(r"Слово(\d+)", text)} == set(range(1500))
    assert {int(n) for n in re.findall(r"очень(\d+)", text)} == set(range(900))


def test_slices_end_even_with_no_room_on_the_page(qapp):
    from cdo_desktop.reports.printing import _text_document, slices

    document = _text_document("<p>" + "слово " * 3000 + "</p>", 400)
    for first_room, room in ((0.0, 0.0), (-5.0, 10.0), (500.0, 0.0)):
        pieces = slices(document, first_room, room)
        assert sum(span for _, span in pieces) == pytest.approx(document.size().height())
