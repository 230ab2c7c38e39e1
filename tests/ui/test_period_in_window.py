"""The project's years in the window: «Добавить год», and a shorter period as a deletion that
is asked for, one undo step, or nothing at all."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from cdo_desktop.core.model import Project
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.main_window import FINANCING, INDICATORS, PASSPORT


def demo(workspace) -> Project:
    return workspace.store.load(workspace.store.find("E4").id)


def values_in(project: Project, year: int) -> int:
    count = 0
    for row in [*project.indicators, *project.results]:
        pair = row.values.get(year)
        if pair is not None:
            count += (pair.plan is not None) + (pair.fact is not None)
    for line in project.financing:
        count += sum(source.values.get(year) is not None for source in line.sources)
    return count


def set_last_year(qtbot, passport, year):
    box = passport.last_year
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, str(year))
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_add_year_from_the_financing_tab_is_one_undo_step(window, workspace, qtbot):
    window.tabs.setCurrentIndex(FINANCING)
    panel = window.tabs.financing
    action = panel.findChild(QAction, "add_year_action")
    assert action is not None and action.text() == "Добавить год"
    columns = panel.model.columnCount()
    action.trigger()
    assert demo(workspace).last_year == 2025
    assert panel.model.columnCount() == columns + 1
    assert panel.model.headerData(columns - 1, Qt.Orientation.Horizontal) == "2025"
    assert window.tabs.passport.last_year.value() == 2025
    window.undo_action.trigger()
    assert demo(workspace).last_year == 2024
    assert panel.model.columnCount() == columns


def test_add_year_on_the_passport(window, workspace, qtbot):
    window.tabs.setCurrentIndex(PASSPORT)
    window.tabs.passport.add_year_button.click()
    assert (demo(workspace).first_year, demo(workspace).last_year) == (2019, 2025)


def test_shrinking_asks_and_on_no_changes_nothing(window, workspace, qtbot, monkeypatch):
    before = demo(workspace)
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda p, title, text: asked.append(text) or False)
    window.tabs.setCurrentIndex(PASSPORT)
    passport = window.tabs.passport
    set_last_year(qtbot, passport, 2023)
    expected = values_in(before, 2024)
    assert len(asked) == 1
    assert asked[0].startswith(f"Удалить {expected} значени")
    assert "за 2024 год?" in asked[0]
    assert demo(workspace) == before
    assert passport.last_year.value() == 2024
    assert window.undo_stack.count() == 0


def test_shrinking_on_yes_removes_the_values_as_one_undoable_change(
    window, workspace, qtbot, always_yes
):
    before = demo(workspace)
    window.tabs.setCurrentIndex(INDICATORS)
    indicators = window.tabs.indicators
    window.tabs.setCurrentIndex(PASSPORT)
    set_last_year(qtbot, window.tabs.passport, 2023)
    after = demo(workspace)
    assert after.last_year == 2023 and values_in(after, 2024) == 0
    assert all(row.values.get(2024) is None for row in indicators.model.rows)
    assert len(always_yes) == 1
    assert list(indicators.model.years) == list(range(2019, 2024))
    assert window.undo_stack.count() == 1
    window.undo_action.trigger()
    assert demo(workspace) == before
    assert list(indicators.model.years) == list(range(2019, 2025))
    # The indicators' table reads the restored 2024 values again.
    shown = {row.id: row.values.get(2024) for row in indicators.model.rows}
    assert shown == {row.id: row.values.get(2024) for row in before.indicators}
    assert any(value is not None for value in shown.values())


def test_undoing_a_year_that_another_copy_filled_is_told_and_writes_nothing(
    window, workspace, qtbot, monkeypatch
):
    from decimal import Decimal

    from cdo_desktop.core.changes import SetValue, Where
    from cdo_desktop.core.history import Section

    told = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: told.append(text))
    window.tabs.setCurrentIndex(PASSPORT)
    window.tabs.passport.add_year_button.click()
    project = demo(workspace)
    row = project.indicators[0]
    where = Where(project.id, Section.INDICATORS, row.id, "plan", 2025)
    workspace.store.apply([SetValue(where, None, Decimal(9))])  # another copy, meanwhile
    window.undo_action.trigger()
    assert told and "вне лет проекта" in told[0]
    after = demo(workspace)
    assert after.last_year == 2025
    assert after.indicators[0].values[2025].plan == Decimal(9)
    qtbot.waitUntil(lambda: window.undo_stack.count() == 0)  # the step is dropped


def test_add_year_is_offered_only_beside_year_columns(window, qtbot):
    from cdo_desktop.ui.project_tabs import CONTROL_POINTS, MONITORING, RESULTS, RISKS

    for index in (MONITORING, CONTROL_POINTS, RISKS):
        panel = window.tabs.panel(index)
        assert panel.findChild(QAction, "add_year_action") is None
    for index in (INDICATORS, RESULTS, FINANCING):
        assert window.tabs.panel(index).findChild(QAction, "add_year_action") is not None
