"""The preview's separate tick box that shortens a project's period, with the count of values."""

from __future__ import annotations

from cdo_desktop.exchange.excel_import import plan_import
from cdo_desktop.exchange.import_period import values_outside
from cdo_desktop.exchange.import_plan import Action
from cdo_desktop.ui.excel_dialogs import ImportPreviewDialog
from tests.exchange.test_import_period import DEMO, passport


def test_the_preview_asks_with_a_separate_tick_box(qtbot, tmp_path, workspace):
    dialog = ImportPreviewDialog(plan_import(passport(tmp_path, "2019–2022"), workspace.store))
    qtbot.addWidget(dialog)
    dialog.show()
    count = values_outside(DEMO, 2019, 2022)
    assert dialog.drop_outside.isVisible() and not dialog.drop_outside.isChecked()
    assert f"значения вне этого срока: {count}" in dialog.drop_outside.text()
    assert not dialog.apply_button.isEnabled()  # nothing changes without the tick
    dialog.drop_outside.setChecked(True)
    assert dialog.plan.drop_outside_period and dialog.plan.project.last_year == 2022
    assert dialog.apply_button.isEnabled()
    assert dialog.plan.counts()[Action.CHANGE] > 0


def test_the_tick_box_is_hidden_when_nothing_would_go(qtbot, tmp_path, workspace):
    dialog = ImportPreviewDialog(plan_import(passport(tmp_path, "2019–2030"), workspace.store))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.drop_outside.isVisible()
