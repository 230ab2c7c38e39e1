"""The «Контрольные точки» and «Риски» tabs: grouped, overdue first, filtered, edited through
the keyboard with undo, words chosen, dates typed as ДД.ММ.ГГГГ."""

from __future__ import annotations

from copy import deepcopy
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox

from cdo_desktop.core.model import ControlPoint, Risk, RiskStatus, RowKind
from cdo_desktop.ui import control_points_model as points
from cdo_desktop.ui import risks_model as risks
from cdo_desktop.ui.project_tabs import CONTROL_POINTS, RISKS, TAB_TITLES
from tests.ui.keyboard import type_text

TODAY = date.today()


@pytest.fixture
def with_points(workspace):
    store = workspace.store
    project = deepcopy(store.load(store.find("E4").id))
    project.results[0].control_points = [
        ControlPoint("1.1", "Выполнена в срок", TODAY - timedelta(30), done=TODAY - timedelta(31)),
        ControlPoint("1.2", "Просрочена", TODAY - timedelta(5)),
        ControlPoint("1.3", "В работе", TODAY + timedelta(20)),
    ]
    project.results[1].control_points = [
        ControlPoint("2.1", "Поздно", TODAY - timedelta(40), done=TODAY - timedelta(2)),
    ]
    project.risks = [
        Risk("1", "Срыв поставок", target_kind=RowKind.RESULT, target_number="1"),
        Risk("2", "Закрыт", status=RiskStatus.CLOSED),
    ]
    store.replace([project])
    return workspace


@pytest.fixture
def points_window(with_points, make_window):
    return make_window()


def stored(workspace):
    return workspace.store.load(workspace.store.find("E4").id)


def select(view, row, column):
    index = view.model().index(row, column)
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.setFocus()
    return index


def enter(qtbot, view, text):
    type_text(view, text)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def texts(model, column):
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_points_are_grouped_by_result_overdue_first(points_window, qtmodeltester):
    assert TAB_TITLES[CONTROL_POINTS] == "Контрольные точки"
    points_window.tabs.setCurrentIndex(CONTROL_POINTS)
    panel = points_window.tabs.panel(CONTROL_POINTS)
    model = panel.model
    qtmodeltester.check(model)
    shown = texts(model, points.NUMBER)
    assert shown[0].startswith("Результат 1. ")
    assert shown[1:4] == ["1.2", "1.3", "1.1"]
    assert shown[4].startswith("Результат 2. ")
    assert texts(model, points.STATUS)[1:4] == ["просрочена", "в работе", "выполнена"]
    assert panel.view.columnSpan(0, 0) == model.columnCount()
    panel.status_box.setCurrentIndex(panel.status_box.findText("просрочена"))
    assert texts(model, points.NUMBER)[1:] == ["1.2"]
    panel.status_box.setCurrentIndex(panel.status_box.findText("выполнена с нарушением срока"))
    assert [text for text in texts(model, points.NUMBER) if "." in text[:4]][-1] == "2.1"


def test_a_date_typed_is_stored_and_undone(points_window, with_points, qtbot):
    points_window.tabs.setCurrentIndex(CONTROL_POINTS)
    panel = points_window.tabs.panel(CONTROL_POINTS)
    select(panel.view, 1, points.DONE)  # 1.2, overdue
    enter(qtbot, panel.view, TODAY.strftime("%d.%m.%Y"))
    point = stored(with_points).results[0].control_points[1]
    assert point.done == TODAY
    # now done late: it moves below the point in work
    assert texts(panel.model, points.NUMBER)[1:4] == ["1.3", "1.2", "1.1"]
    points_window.undo_action.trigger()
    assert stored(with_points).results[0].control_points[1].done is None
    assert texts(panel.model, points.NUMBER)[1] == "1.2"
    entry = with_points.store.history(limit=1)[0]
    assert entry.change.where() == "Контрольная точка № 1.2, результат 1, фактический срок"


def test_an_impossible_date_is_refused_naming_the_cell(points_window, with_points, qtbot):
    points_window.tabs.setCurrentIndex(CONTROL_POINTS)
    panel = points_window.tabs.panel(CONTROL_POINTS)
    select(panel.view, 2, points.DUE)
    enter(qtbot, panel.view, "31.02.2024")
    assert "не бывает" in panel.messages.text() and "1.3" in panel.messages.text()
    assert stored(with_points).results[0].control_points[2].due == TODAY + timedelta(20)


def test_a_point_is_added_under_the_current_result_and_pasted_into(
    points_window, with_points, qtbot
):
    points_window.tabs.setCurrentIndex(CONTROL_POINTS)
    panel = points_window.tabs.panel(CONTROL_POINTS)
    select(panel.view, 5, points.NAME)  # 2.1
    panel.add_action.trigger()
    editor = QApplication.focusWidget()
    type_text(editor, "Отчёт о приёмке")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.view.state() != QAbstractItemView.State.EditingState)
    added = stored(with_points).results[1].control_points[-1]
    assert (added.number, added.name, added.due) == ("2.2", "Отчёт о приёмке", TODAY)
    row = panel.model.row_of_point(added.id)
    select(panel.view, row, points.RESPONSIBLE)
    QGuiApplication.clipboard().setText("Стяжкин С.В.\tАкт\tРП\n")
    qtbot.keyClick(panel.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    added = stored(with_points).results[1].control_points[-1]
    assert (added.responsible, added.document, added.control_level) == (
        "Стяжкин С.В.",
        "Акт",
        "РП",
    )
    points_window.undo_action.trigger()  # the paste
    assert stored(with_points).results[1].control_points[-1].responsible == ""
    points_window.undo_action.trigger()  # the name
    points_window.undo_action.trigger()  # the point
    assert len(stored(with_points).results[1].control_points) == 1


def test_the_kind_is_chosen_from_words(points_window, with_points, qtbot):
    points_window.tabs.setCurrentIndex(CONTROL_POINTS)
    panel = points_window.tabs.panel(CONTROL_POINTS)
    index = select(panel.view, 2, points.KIND)
    panel.view.edit(index)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox) and not combo.isEditable()
    combo.setCurrentText("мероприятие")
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.view.state() != QAbstractItemView.State.EditingState)
    assert stored(with_points).results[0].control_points[2].kind.value == "activity"


def test_risks_are_edited_with_words_and_undone(points_window, with_points, qtbot, always_yes):
    points_window.tabs.setCurrentIndex(RISKS)
    panel = points_window.tabs.panel(RISKS)
    model = panel.model
    assert texts(model, risks.STATUS) == ["открыт", "закрыт"]
    assert texts(model, risks.TARGET_KIND) == ["результат", ""]
    select(panel.view, 0, risks.PROBABILITY)
    enter(qtbot, panel.view, "высокая")
    assert stored(with_points).risks[0].probability.value == "high"
    select(panel.view, 0, risks.IMPACT)
    QGuiApplication.clipboard().setText("огромное\n")  # a combo box offers only its words
    qtbot.keyClick(panel.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "«низкая» или «средняя» или «высокая»" in panel.messages.text()
    panel.add_action.trigger()
    editor = QApplication.focusWidget()
    type_text(editor, "Нехватка педагогов")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.view.state() != QAbstractItemView.State.EditingState)
    assert [risk.description for risk in stored(with_points).risks] == [
        "Срыв поставок",
        "Нехватка педагогов",
        "Закрыт",
    ]
    select(panel.view, 1, risks.DESCRIPTION)
    panel.delete_action.trigger()
    assert len(stored(with_points).risks) == 2
    points_window.undo_action.trigger()
    assert len(stored(with_points).risks) == 3


def test_a_result_renamed_in_its_tab_is_renamed_here_and_undo_follows(
    points_window, with_points, qtbot
):
    from cdo_desktop.ui.project_tabs import RESULTS

    tabs = points_window.tabs
    points_panel = tabs.panel(CONTROL_POINTS)
    tabs.setCurrentIndex(RESULTS)
    results = tabs.results
    name_column = 1
    select(results.view, 0, name_column)
    enter(qtbot, results.view, "Новое имя результата")
    assert texts(points_panel.model, points.NUMBER)[0] == "Результат 1. Новое имя результата"
    tabs.setCurrentIndex(CONTROL_POINTS)
    points_window.undo_action.trigger()
    assert texts(points_panel.model, points.NUMBER)[0] != "Результат 1. Новое имя результата"
    assert texts(points_panel.model, points.NUMBER)[1:4] == ["1.2", "1.3", "1.1"]


def test_a_target_number_needs_its_kind_and_goes_with_it(points_window, with_points, qtbot):
    points_window.tabs.setCurrentIndex(RISKS)
    panel = points_window.tabs.panel(RISKS)
    select(panel.view, 1, risks.TARGET_NUMBER)
    enter(qtbot, panel.view, "2")
    assert "сначала выберите" in panel.messages.text()
    assert stored(with_points).risks[1].target_number == ""
    select(panel.view, 0, risks.TARGET_KIND)
    QGuiApplication.clipboard().setText(" \n")  # an empty cell pasted
    qtbot.keyClick(panel.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    risk = stored(with_points).risks[0]
    assert (risk.target_kind, risk.target_number) == (None, "")
    points_window.undo_action.trigger()
    risk = stored(with_points).risks[0]
    assert (risk.target_kind, risk.target_number) == (RowKind.RESULT, "1")


def test_a_date_changed_elsewhere_is_told_as_a_date(points_window, with_points, qtbot):
    from cdo_desktop.core.changes import SetValue, Where
    from cdo_desktop.core.history import Section
    from cdo_desktop.ui.grid_model import ConflictError

    points_window.tabs.setCurrentIndex(CONTROL_POINTS)
    model = points_window.tabs.panel(CONTROL_POINTS).model
    point = model.lines[2].point  # 1.3, in work
    result = model.lines[2].result
    where = Where(
        model.editor.project_id, Section.CONTROL_POINTS, point.id, "done", parent=result.id
    )
    with_points.store.apply([SetValue(where, None, date(2024, 5, 5))])  # another copy
    with pytest.raises(ConflictError) as raised:
        model.apply([(model.index(2, points.DONE), date(2024, 6, 6))], "изменение ячейки")
    [(_, expected, stored_now)] = raised.value.cells
    assert (expected, stored_now) == (None, "05.05.2024")  # «not done» was shown


def test_a_risk_naming_a_missing_row_is_checked_and_shown_on_its_tab(with_points, make_window):
    store = with_points.store
    project = deepcopy(store.load(store.find("E4").id))
    project.risks[1].target_kind, project.risks[1].target_number = RowKind.RESULT, "99"
    store.replace([project])
    window = make_window()
    window.checks_action.trigger()
    [problem] = [p for p in window.view_commands.recheck() if p.rule == "risk_names_missing_row"]
    assert problem.place() == "Риски, строка № 2"
    assert problem.message == "риск угрожает результату № 99, которого нет"
    window.view_commands.show_problem(problem)
    assert window.tabs.currentIndex() == RISKS
    current = window.tabs.panel(RISKS).view.currentIndex()
    assert (current.row(), current.column()) == (1, risks.TARGET_NUMBER)
    assert current.data() == "99"
