"""«Все проекты» shows the columns of issues 19 and 20 with the core's counts at its date."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cdo_desktop.core.overview import POINTS_OVERDUE, RISKS_OPEN, VALUES_OVERDUE, attention_counts
from cdo_desktop.core.work_calendar import WorkCalendar
from cdo_desktop.ui.overview_model import header_text
from tests.attention_data import attention_projects

KEYS = (VALUES_OVERDUE, POINTS_OVERDUE, RISKS_OPEN)


@pytest.fixture
def overview(make_window, workspace, qtbot):
    workspace.store.replace(attention_projects())
    window = make_window()
    window.reload_projects(prefer="E1")
    shown = window.overview_commands.show_overview()
    qtbot.addWidget(shown)
    qtbot.waitExposed(shown)
    return shown, workspace


def test_the_columns_show_the_cores_counts_at_the_windows_date(overview):
    shown, workspace = overview
    model = shown.model
    expected = {
        project.code: attention_counts(project, WorkCalendar(), shown.as_of)
        for project in workspace.store.load_all()
    }
    for row in range(model.rowCount()):
        code = model.index(row, 0).data()
        for key in KEYS:
            cell = model.index(row, model.column_of(key)).data()
            assert cell == str(expected[code][key])
    e1 = next(row for row in range(model.rowCount()) if model.index(row, 0).data() == "E1")
    assert model.index(e1, model.column_of(POINTS_OVERDUE)).data() == "2"
    assert model.index(e1, model.column_of(RISKS_OPEN)).data() == "2"
    headers = [model.headerData(model.column_of(key), Qt.Orientation.Horizontal) for key in KEYS]
    assert headers == ["Значений\nпросрочено", "Контрольных\nточек\nпросрочено", "Рисков\nоткрыто"]


def test_sorting_by_open_risks(overview):
    shown, _ = overview
    column = shown.model.column_of(RISKS_OPEN)
    shown.view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    assert shown.proxy.index(0, 0).data() == "E1"


def test_long_titles_wrap_no_wider_than_their_longest_word():
    assert header_text("Финансирование года, тыс. руб.") == "Финансирование\nгода,\nтыс.\u00a0руб."
    assert header_text("Не достигнуто") == "Не\nдостигнуто"
    assert header_text("Без факта") == "Без факта"
    assert header_text("Кем изменён") == "Кем\nизменён"
