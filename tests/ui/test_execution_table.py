"""The «Кассовое исполнение» table of the «Мониторинг» tab through the keyboard: a value typed
at the reporting date, its percent, undo, refusals, another date, what is due."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, Qt

from cdo_desktop.core.monitoring_status import MonitoringStatus
from cdo_desktop.ui.execution_model import AMOUNT, EXECUTED, PERCENT, SOURCE
from cdo_desktop.ui.monitoring_model import MONITORING_COLORS, OVERDUE_TEXT
from tests.ui.test_monitoring_tab import open_monitoring
from tests.ui.test_plan_fact_table import type_into

AS_OF = date(2023, 9, 30)  # line 1's amount for 2023: 172 004,4


def open_execution(window, as_of=AS_OF):
    monitoring = open_monitoring(window, as_of)
    monitoring.below.setCurrentWidget(monitoring.execution)
    panel = monitoring.execution
    panel.view.setFocus()
    return monitoring, panel


def go(panel, row, column=EXECUTED):
    index = panel.model.index(row, column)
    panel.view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    return index


def stored_execution(workspace, line=0):
    project_id = workspace.store.find("E4").id
    return workspace.store.load_financing(project_id)[line].sources[0].execution


def test_model_passes_qt_model_tester(window, qtmodeltester):
    qtmodeltester.check(open_execution(window)[1].model, force_py=True)


def test_a_row_per_source_with_the_years_amount(window):
    monitoring, panel = open_execution(window)
    model = panel.model
    assert monitoring.below.tabText(monitoring.below.indexOf(panel)) == "Кассовое исполнение"
    assert [model.data(model.index(row, SOURCE)) for row in range(model.rowCount())] == [
        "1 / все источники",
        "2 / все источники",
    ]
    assert model.data(model.index(0, AMOUNT)) == "172 004,4"
    assert model.data(model.index(0, EXECUTED)) == "–"
    assert model.data(model.index(0, PERCENT)) == "–"
    assert model.headerData(AMOUNT, Qt.Orientation.Horizontal) == "Сумма на 2023 год, тыс. руб."


def test_typed_execution_is_stored_at_the_date_and_undone(window, workspace, qtbot):
    _, panel = open_execution(window)
    go(panel, 0)
    type_into(qtbot, panel, "86 002,2")
    assert stored_execution(workspace) == {AS_OF: Decimal("86002.2")}
    model = panel.model
    assert model.data(model.index(0, EXECUTED)) == "86 002,2"
    assert model.data(model.index(0, PERCENT)) == "50 %"
    entry = workspace.store.history(limit=1)[0]
    assert "по состоянию на 01.10.2023, кассовое исполнение" in entry.change.where()
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_execution(workspace) == {}
    assert model.data(model.index(0, PERCENT)) == "–"
    qtbot.keyClick(panel.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored_execution(workspace) == {AS_OF: Decimal("86002.2")}


def test_a_dash_removes_the_value(window, workspace, qtbot):
    _, panel = open_execution(window)
    go(panel, 1)
    type_into(qtbot, panel, "100")
    assert stored_execution(workspace, line=1) == {AS_OF: Decimal(100)}
    go(panel, 1)
    type_into(qtbot, panel, "–")
    assert stored_execution(workspace, line=1) == {}


def test_a_word_is_refused_with_the_cell_named(window, workspace, qtbot):
    _, panel = open_execution(window)
    go(panel, 0)
    type_into(qtbot, panel, "высокий")
    assert stored_execution(workspace) == {}
    message = panel.messages.text()
    assert "«высокий» — не число" in message
    assert "строка № 1" in message and "по состоянию на 01.10.2023" in message


def test_another_reporting_date_is_read_again(window, workspace, qtbot):
    monitoring, panel = open_execution(window)
    go(panel, 0)
    type_into(qtbot, panel, "1 000")
    monitoring.set_as_of(date(2023, 10, 31))
    model = panel.model
    assert model.as_of == date(2023, 10, 31)
    assert model.data(model.index(0, EXECUTED)) == "–"
    monitoring.set_as_of(date(2022, 12, 31))
    assert model.data(model.index(0, AMOUNT)) == "102 986,5"
    monitoring.set_as_of(AS_OF)
    assert model.data(model.index(0, EXECUTED)) == "1 000"


def test_a_missing_value_of_a_reporting_source_is_overdue(window, workspace, qtbot):
    monitoring, panel = open_execution(window, date(2023, 8, 31))
    go(panel, 0)
    type_into(qtbot, panel, "500")
    monitoring.set_as_of(AS_OF)
    model = panel.model
    index = model.index(0, EXECUTED)
    # The source reports execution in 2023: 30.09.2023 is owed and long overdue.
    assert model.overdue(0)
    brush = model.data(index, Qt.ItemDataRole.BackgroundRole)
    assert brush.color() == MONITORING_COLORS[MonitoringStatus.NOT_ENTERED]
    assert model.data(index, Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_TEXT
    assert "просрочено" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    # Line 2 reports none: nothing is owed for it.
    assert not model.owed(1)
    assert model.data(model.index(1, EXECUTED), Qt.ItemDataRole.BackgroundRole) is None
    go(panel, 0)
    type_into(qtbot, panel, "900")
    assert not model.missing(0)
    assert "сдано" in model.data(index, Qt.ItemDataRole.ToolTipRole)


def test_owed_execution_is_counted_with_the_rows(window, workspace, qtbot):
    monitoring, panel = open_execution(window, date(2023, 8, 31))
    go(panel, 0)
    type_into(qtbot, panel, "500")
    assert "Положено: 1 · не внесено: 0" in monitoring.counts.text()
    monitoring.set_as_of(AS_OF)
    assert "Положено: 1 · не внесено: 1 · просрочено: 1" in monitoring.counts.text()
    go(panel, 0)
    type_into(qtbot, panel, "900")
    assert "не внесено: 0 · просрочено: 0" in monitoring.counts.text()
