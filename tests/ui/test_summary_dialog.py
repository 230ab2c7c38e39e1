"""«Печать сводки…»: the real preview dialog, its year and sections, «Сохранить в PDF…»."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox

from cdo_desktop.reports.summary import Section
from cdo_desktop.ui import summary_dialog
from cdo_desktop.ui.summary_dialog import (
    SummaryPreviewDialog,
    open_summary_preview,
    save_summary_pdf,
)
from cdo_desktop.workspace import demo_projects
from tests.ui.modal import when_shown


@pytest.fixture(scope="module")
def demo():
    return demo_projects()[0]


@pytest.fixture
def dialog(qtbot, demo):
    shown = SummaryPreviewDialog(demo)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(lambda: shown.preview_widget().pageCount() > 0)
    return shown


def pdf_text(path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(path).pages))


def test_preview_shows_the_whole_summary(dialog, tmp_path):
    assert dialog.windowTitle() == "Печать сводки — Цифровая образовательная среда"
    assert dialog.year_box.currentText() == "2020"
    assert [dialog.year_box.itemText(i) for i in range(dialog.year_box.count())] == [
        str(year) for year in range(2019, 2025)
    ]
    assert all(box.isChecked() for box in dialog.section_boxes.values())
    assert dialog.pages_painted == dialog.preview_widget().pageCount() == 5
    assert dialog.section_boxes[Section.REPORT_YEAR].text() == "Результаты проекта в 2020 году"
    dialog.grab().save(str(tmp_path / "summary-preview.png"))
    assert (tmp_path / "summary-preview.png").stat().st_size > 10_000


def test_leaving_out_sections_redraws_the_preview(dialog, qtbot):
    dialog.section_boxes[Section.REPORT_YEAR].setChecked(False)
    qtbot.waitUntil(lambda: dialog.preview_widget().pageCount() == 3)
    assert dialog.pages_painted == 3
    for section in Section:
        dialog.section_boxes[section].setChecked(False)
    qtbot.waitUntil(lambda: dialog.preview_widget().pageCount() == 1)
    assert dialog.options().sections == frozenset()


def test_report_year_follows_the_choice(dialog, qtbot, tmp_path):
    dialog.year_box.setCurrentIndex(0)
    assert dialog.options().year == 2019
    assert dialog.section_boxes[Section.REPORT_YEAR].text() == "Результаты проекта в 2019 году"
    dialog.section_boxes[Section.PEOPLE].setChecked(False)
    written = dialog.save_pdf(path=tmp_path / "сводка.pdf")
    assert written == tmp_path / "сводка.pdf"
    text = pdf_text(written)
    assert "Результаты проекта в 2019 году" in text
    assert "Ответственные участники" not in text
    assert "792 269,8" in text


def test_save_asks_for_a_file_and_adds_pdf(qapp, demo, tmp_path, monkeypatch):
    asked = {}

    def answer(parent, caption, suggested, filter_text):
        asked.update(caption=caption, suggested=suggested, filter=filter_text)
        return str(tmp_path / "отчёт"), filter_text

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    written = save_summary_pdf(None, demo)
    assert written == tmp_path / "отчёт.pdf"
    assert len(PdfReader(written).pages) == 5
    assert asked["caption"] == "Сохранить сводку в PDF"
    assert asked["suggested"].endswith("Сводка E4 2020.pdf")
    assert asked["filter"] == "Документ PDF (*.pdf)"
    assert [path.name for path in tmp_path.iterdir()] == ["отчёт.pdf"]


def test_cancelled_save_writes_nothing(qapp, demo, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: ("", "")))
    assert save_summary_pdf(None, demo) is None


def test_failed_save_is_told_in_russian(qapp, demo, tmp_path, monkeypatch):
    told = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda parent, title, text: told.append(title))
    )
    assert save_summary_pdf(None, demo, path=tmp_path / "нет" / "x.pdf") is None
    assert told == ["Не удалось сохранить PDF"]


def test_open_summary_preview_is_modal_and_closes(qtbot, demo):
    seen = []

    def close(dialog: summary_dialog.SummaryPreviewDialog) -> None:
        seen.append(dialog)
        dialog.reject()

    when_shown(summary_dialog.SummaryPreviewDialog, close)
    open_summary_preview(None, demo)
    assert isinstance(seen[0], summary_dialog.SummaryPreviewDialog)
