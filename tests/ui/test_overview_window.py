"""«Все проекты»: the table of all projects, driven as a user drives it — sort, change the
year, double-click to open a project — and its printed document and workbook."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewWidget

from cdo_desktop.core.overview import OverviewSource, build_overview
from cdo_desktop.ui.overview_model import OverviewTableModel
from cdo_desktop.ui.overview_print import OverviewPreviewDialog
from tests.overview_data import three_projects
from tests.ui.modal import when_shown


@pytest.fixture
def window(make_window, workspace):
    workspace.store.replace(three_projects()[:2])  # E1 and A2 beside the demo's E4
    made = make_window()
    made.reload_projects(prefer="E4")
    return made


@pytest.fixture
def overview(window, qtbot):
    shown = window.overview_commands.show_overview()
    qtbot.addWidget(shown)
    qtbot.waitExposed(shown)
    return shown


def column(overview, key):
    return overview.model.column_of(key)


def shown_column(overview, key):
    number = column(overview, key)
    return [overview.proxy.index(row, number).data() for row in range(overview.proxy.rowCount())]


def test_the_model_is_a_sound_qt_model(qtmodeltester):
    sources = [OverviewSource.of(project) for project in three_projects()]
    qtmodeltester.check(OverviewTableModel(build_overview(sources, 2024)))


def test_every_project_in_a_row_for_the_latest_year_with_a_fact(overview, window):
    assert window.overview_commands.overview_action in window.findChildren(
        type(window.overview_commands.overview_action)
    )
    assert overview.year == 2024  # E1 has facts of 2024; the demo's last facts are of 2020
    assert shown_column(overview, "code") == ["A2", "E1", "E4"]
    assert shown_column(overview, "achieved") == ["–", "2", "0"]
    assert shown_column(overview, "no_fact") == ["–", "1", "4"]
    assert shown_column(overview, "curator") == ["", "А.А. Кураторов", "Д.А. Курдюмов"]
    assert "2024 год не входит в годы 1 проекта" in overview.caption.text()
    # Fits a 1280×720 screen.
    assert overview.width() <= 1280 and overview.height() <= 720


def test_sorting_puts_dashes_last_either_way(overview):
    header = overview.view.horizontalHeader()
    achieved = column(overview, "not_achieved")
    overview.view.sortByColumn(achieved, Qt.SortOrder.DescendingOrder)
    assert shown_column(overview, "not_achieved") == ["1", "0", "–"]
    header.setSortIndicator(achieved, Qt.SortOrder.AscendingOrder)
    assert shown_column(overview, "not_achieved") == ["0", "1", "–"]
    overview.view.sortByColumn(column(overview, "name"), Qt.SortOrder.AscendingOrder)
    assert shown_column(overview, "code") == [
        "A2",
        "E1",
        "E4",
    ]  # Завершённый, Современная, Цифровая
    overview.view.sortByColumn(column(overview, "total_financing"), Qt.SortOrder.DescendingOrder)
    assert shown_column(overview, "code") == ["E4", "E1", "A2"]


def test_changing_the_year_reads_the_figures_of_that_year(overview, qtbot):
    overview.view.sortByColumn(column(overview, "code"), Qt.SortOrder.AscendingOrder)
    overview.year_box.setCurrentIndex(overview.year_box.findData(2020))
    assert overview.overview.year == 2020
    # 2020: A2 and E4 have it, E1 (2022–2026) does not; the demo's 2020 is all achieved.
    assert shown_column(overview, "achieved") == ["0", "–", "7"]
    assert shown_column(overview, "year_financing")[2] == "243 700,7"
    assert "2020 год не входит в годы 1 проекта" in overview.caption.text()


def test_double_click_opens_the_project_in_the_main_window(overview, window, qtbot):
    assert window.open_code() == "E4"
    codes = shown_column(overview, "code")
    row = codes.index("E1")
    index = overview.proxy.index(row, column(overview, "name"))
    rect = overview.view.visualRect(index)
    # A double click as Qt gets it from a mouse: a click, then the second press and release.
    qtbot.mouseClick(overview.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(overview.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.open_code() == "E1")
    assert window.tabs.project.name == "Современная школа"


def test_the_window_is_read_anew_when_shown_again(overview, window, qtbot):
    project = three_projects()[0]
    project.code = "B5"
    window.workspace.store.replace([project])
    again = window.overview_commands.show_overview()
    assert again is overview
    assert shown_column(overview, "code") == ["A2", "B5", "E1", "E4"]


def test_print_preview_of_all_projects(overview, window, qtbot, tmp_path):
    seen = {}

    def look(dialog):
        preview = dialog.findChild(QPrintPreviewWidget)
        qtbot.waitUntil(lambda: preview.pageCount() > 0)
        seen["pages"], seen["year"] = preview.pageCount(), dialog.year_box.currentData()
        dialog.year_box.setCurrentIndex(dialog.year_box.findData(2020))
        qtbot.waitUntil(lambda: dialog.overview.year == 2020)
        seen["saved"] = dialog.save_pdf(path=tmp_path / "все.pdf")
        dialog.reject()

    when_shown(OverviewPreviewDialog, look)
    window.overview_commands.print_action.trigger()
    assert seen["year"] == 2024 and seen["pages"] >= 2
    assert seen["saved"] == tmp_path / "все.pdf" and seen["saved"].stat().st_size > 5000


def test_export_of_the_year_shown(overview, window, tmp_path):
    overview.set_year(2020)
    written = window.overview_commands.export_overview(overview.year, tmp_path / "все.xlsx")
    sheet = load_workbook(written)["Все проекты"]
    assert [sheet.cell(row, 1).value for row in range(2, 5)] == ["A2", "E1", "E4"]
    assert "2020" in sheet.oddHeader.center.text


@pytest.mark.parametrize("screen", [(1920, 1080), (1280, 720)], ids=["1920x1080", "1280x720"])
def test_a_wide_screen_shows_every_column_and_a_small_one_fits(window, qtbot, monkeypatch, screen):
    from PySide6.QtCore import QRect

    from cdo_desktop.ui import screen_fit

    room = QRect(0, 0, screen[0], screen[1] - 40)  # less a task bar
    monkeypatch.setattr(screen_fit, "available", lambda widget: room)
    shown = window.overview_commands.show_overview()
    qtbot.addWidget(shown)
    qtbot.waitExposed(shown)
    assert shown.width() <= room.width()
    assert shown.height() + screen_fit.FRAME_ROOM <= room.height()
    scroll_bar = shown.view.horizontalScrollBar()
    # All of the table's columns on 1920 px; on 1280 px it scrolls, as a table that wide must.
    assert (scroll_bar.maximum() == 0) == (screen[0] == 1920)
