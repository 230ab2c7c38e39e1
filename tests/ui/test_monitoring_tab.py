"""The «Мониторинг» tab through the keyboard: a reporting date, typed facts, forecasts and
reasons, undo and redo, pasting, periodicity, statuses and what is due."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

from cdo_desktop.core.model import MonitoringValue, Periodicity, RowKind
from cdo_desktop.core.monitoring_status import MonitoringStatus
from cdo_desktop.core.numbers import format_number
from cdo_desktop.ui.main_window import INDICATORS
from cdo_desktop.ui.monitoring_model import (
    ANNUAL,
    FACT,
    FORECAST,
    MONITORING_COLORS,
    PERCENT,
    PERIODICITY,
    REASON,
    STATUS,
)
from cdo_desktop.ui.project_tabs import MONITORING, TAB_TITLES
from tests.ui.test_plan_fact_table import stored_rows, type_into

AS_OF = date(2024, 9, 30)


def open_monitoring(window, as_of=AS_OF):
    window.tabs.setCurrentIndex(MONITORING)
    panel = window.tabs.panel(MONITORING)
    panel.set_as_of(as_of)
    panel.view.setFocus()
    return panel


def go(panel, row, column):
    index = panel.model.index(row, column)
    panel.view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    return index


def test_the_tab_is_the_sixth(window):
    assert TAB_TITLES[MONITORING] == "Мониторинг"
    assert window.tabs.tabText(MONITORING) == "Мониторинг"


def test_model_passes_qt_model_tester(window, qtmodeltester):
    qtmodeltester.check(open_monitoring(window).model, force_py=True)


def test_typed_fact_forecast_and_reason_reach_the_database_and_undo(window, workspace, qtbot):
    panel = open_monitoring(window)
    assert panel.date_box.currentText().startswith("по состоянию на 01.10.2024")
    go(panel, 2, FACT)  # indicator 3, plan 2024: 74,9
    type_into(qtbot, panel, "59,92")
    go(panel, 2, FORECAST)
    type_into(qtbot, panel, "70")
    go(panel, 2, REASON)
    type_into(qtbot, panel, "Задержка поставки")
    assert stored_rows(workspace)[2].monitoring[AS_OF] == MonitoringValue(
        Decimal("59.92"), Decimal(70), "Задержка поставки"
    )
    model = panel.model
    assert model.data(model.index(2, STATUS)) == "риск недостижения"
    assert model.data(model.index(2, PERCENT)) == "80 %"
    brush = model.data(model.index(2, STATUS), Qt.ItemDataRole.BackgroundRole)
    assert brush.color() == MONITORING_COLORS[MonitoringStatus.AT_RISK]
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_rows(workspace)[2].monitoring[AS_OF].reason == ""
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_rows(workspace)[2].monitoring == {}
    qtbot.keyClick(panel.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored_rows(workspace)[2].monitoring[AS_OF].fact == Decimal("59.92")
    entry = workspace.store.history(limit=1)[0]
    assert "по состоянию на 01.10.2024, факт" in entry.change.where()


def test_another_date_shows_other_values_and_the_annual_fact_stays(window, workspace, qtbot):
    annual = stored_rows(workspace)[2].value(2024)
    panel = open_monitoring(window, date(2024, 12, 31))
    go(panel, 2, FACT)
    type_into(qtbot, panel, "75")
    assert panel.model.data(panel.model.index(2, STATUS)) == "достигнуто"
    assert panel.model.data(panel.model.index(2, ANNUAL)) == format_number(annual.fact)
    assert stored_rows(workspace)[2].value(2024) == annual  # nothing copied into it
    panel.set_as_of(date(2024, 8, 31))
    assert panel.model.data(panel.model.index(2, FACT)) == "–"
    assert panel.model.headerData(ANNUAL, Qt.Orientation.Horizontal) == "Годовой факт 2024"


def test_a_word_for_a_number_is_refused_in_place(window, workspace, qtbot):
    panel = open_monitoring(window)
    go(panel, 2, FACT)
    type_into(qtbot, panel, "высокий")
    assert stored_rows(workspace)[2].monitoring == {}
    assert "«высокий» — не число" in panel.messages.text()
    assert "по состоянию на 01.10.2024" in panel.messages.text()


def test_periodicity_makes_a_value_due_and_counted(window, workspace, qtbot):
    panel = open_monitoring(window)
    go(panel, 2, PERIODICITY)
    type_into(qtbot, panel, "месяц")
    assert stored_rows(workspace)[2].periodicity is Periodicity.MONTH
    assert panel.model.data(panel.model.index(2, STATUS)) == "не внесено"
    assert "не внесено: 1" in panel.counts.text()
    go(panel, 2, PERIODICITY)
    type_into(qtbot, panel, "неделя")
    assert "ожидалось «месяц», «квартал» или «год»" in panel.messages.text()
    assert stored_rows(workspace)[2].periodicity is Periodicity.MONTH


def test_paste_a_block_and_undo_it_in_one_step(window, workspace, qtbot):
    panel = open_monitoring(window)
    go(panel, 0, FACT)
    QGuiApplication.clipboard().setText("1\t1\r\n-\t\r\n59,9\t74,9\r\n")
    qtbot.keyClick(panel.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    rows = stored_rows(workspace)
    assert rows[0].monitoring[AS_OF] == MonitoringValue(Decimal(1), Decimal(1))
    assert rows[1].monitoring == {}
    assert rows[2].monitoring[AS_OF] == MonitoringValue(Decimal("59.9"), Decimal("74.9"))
    assert panel.model.data(panel.model.index(2, STATUS)) == "прогноз: будет достигнуто"
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert all(row.monitoring == {} for row in stored_rows(workspace))


def test_an_edit_in_another_tab_shows_here(window, workspace, qtbot):
    panel = open_monitoring(window)
    window.tabs.setCurrentIndex(INDICATORS)
    indicators = window.tabs.panel(INDICATORS)
    index = indicators.model.index(2, indicators.model.column_of(2024, "plan"))
    indicators.view.setFocus()
    indicators.view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    type_into(qtbot, indicators, "80")
    window.refresh_from_database()
    assert panel.model.data(panel.model.index(2, 3)) == "80"
    assert stored_rows(workspace, RowKind.INDICATOR)[2].value(2024).plan == 80


def test_the_report_is_saved_from_the_tab(window, workspace, qtbot, tmp_path):
    panel = open_monitoring(window)
    go(panel, 2, FACT)
    type_into(qtbot, panel, "59,92")
    pdf = panel.save_report(str(tmp_path / "отчёт.pdf"))
    assert pdf == tmp_path / "отчёт.pdf" and pdf.stat().st_size > 1000
    xlsx = panel.save_report(str(tmp_path / "отчёт.xlsx"))
    from openpyxl import load_workbook

    cells = [c for r in load_workbook(xlsx).active.iter_rows(values_only=True) for c in r if c]
    assert cells[0].endswith("по состоянию на 01.10.2024")
    assert "59,92" in cells


def test_the_table_exported_from_the_tab_imports_back(window, workspace, qtbot, tmp_path):
    from cdo_desktop.exchange.monitoring_excel import read_monitoring_workbook

    panel = open_monitoring(window)
    go(panel, 2, FACT)
    type_into(qtbot, panel, "59,92")
    path = panel.export_table(str(tmp_path / "таблица.xlsx"))
    stored = workspace.store.load(workspace.store.find("E4").id)
    assert read_monitoring_workbook(path, stored).changes(stored) == []


def test_a_monitoring_workbook_imported_in_the_window(window, workspace, tmp_path, monkeypatch):
    """The passport import's preview, its apply path (a backup first) and one undo step."""
    from PySide6.QtWidgets import QDialog

    from cdo_desktop.exchange.monitoring_excel import export_monitoring
    from cdo_desktop.storage import backups
    from cdo_desktop.ui.excel_dialogs import ImportPreviewDialog
    from cdo_desktop.ui.monitoring_import_dialog import import_monitoring_workbook

    stored = workspace.store.load(workspace.store.find("E4").id)
    before = stored_rows(workspace)[2].monitoring
    stored.indicators[2].monitoring = {AS_OF: MonitoringValue(Decimal("59.92"), Decimal(70))}
    path = tmp_path / "мониторинг.xlsx"
    export_monitoring(stored, [AS_OF], path)
    shown = []

    def accept(dialog):
        shown.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportPreviewDialog, "exec", accept)

    def imports():
        return [b for b in backups.list_backups(workspace.path) if b.reason == "import"]

    backups_before = len(imports())
    open_monitoring(window)
    assert import_monitoring_workbook(window, workspace, stored.id, str(path))
    [dialog] = shown
    assert dialog.remove_missing.isHidden() and dialog.drop_outside.isHidden()
    assert dialog.apply_button.isEnabled()
    texts = [
        dialog.tree.topLevelItem(0).child(0).child(i).text(0)
        for i in range(dialog.tree.topLevelItem(0).child(0).childCount())
    ]
    assert "по состоянию на 01.10.2024, факт" in texts
    assert len(imports()) == backups_before + 1
    assert stored_rows(workspace)[2].monitoring[AS_OF] == MonitoringValue(
        Decimal("59.92"), Decimal(70)
    )
    assert stored_rows(workspace)[2].values == stored.indicators[2].values
    assert window.undo_stack.undoText() == "импорт мониторинга: мониторинг.xlsx"
    window.undo_stack.undo()
    assert stored_rows(workspace)[2].monitoring == before
    window.undo_stack.redo()
    assert stored_rows(workspace)[2].monitoring[AS_OF].fact == Decimal("59.92")


def test_a_monitoring_workbook_with_nothing_new_cannot_be_applied(
    window, workspace, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QDialog

    from cdo_desktop.exchange.monitoring_excel import export_monitoring
    from cdo_desktop.ui.excel_dialogs import ImportPreviewDialog
    from cdo_desktop.ui.monitoring_import_dialog import import_monitoring_workbook

    stored = workspace.store.load(workspace.store.find("E4").id)
    path = tmp_path / "как_в_базе.xlsx"
    export_monitoring(stored, [AS_OF], path)
    shown = []

    def reject(dialog):
        shown.append(dialog.apply_button.isEnabled())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ImportPreviewDialog, "exec", reject)
    assert not import_monitoring_workbook(window, workspace, stored.id, str(path))
    assert shown == [False]


def test_the_due_working_day_is_set_and_undone(window, workspace, qtbot):
    panel = open_monitoring(window)
    assert "02.10.2024" in panel.counts.text()
    panel.workday.setValue(5)
    panel.workday.editingFinished.emit()
    assert workspace.store.load(workspace.store.find("E4").id).due_workday == 5
    assert "07.10.2024" in panel.counts.text()
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert workspace.store.load(workspace.store.find("E4").id).due_workday == 2
    assert panel.workday.value() == 2
    assert "02.10.2024" in panel.counts.text()
