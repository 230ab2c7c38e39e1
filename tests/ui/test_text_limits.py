"""What a workbook cell cannot hold, or a number beyond the program's limits, is refused where
it is typed or pasted, naming the place: export never has to cut or drop anything."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from cdo_desktop.ui.main_window import INDICATORS, PASSPORT, PERSONS
from cdo_desktop.ui.plan_fact_model import NAME
from tests.ui.keyboard import type_text
from tests.ui.test_plan_fact_table import go_to, open_tab, stored_rows, type_into


def test_a_typed_number_beyond_the_limit_is_refused_saying_why(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    go_to(panel, 2, 2021, "plan")
    type_into(qtbot, panel, "1 000 000 000 000 000")
    assert stored_rows(workspace)[2].value(2021).plan == Decimal("38.28")
    assert "2021 план: «1 000 000 000 000 000» — вне допустимых пределов" in (panel.messages.text())
    assert window.undo_stack.count() == 0


def test_a_pasted_block_with_a_control_character_is_refused_whole(window, workspace):
    panel = open_tab(window, INDICATORS)
    model = panel.model
    before = stored_rows(workspace)
    assert not model.paste_text(model.index(0, NAME), "Имя\x1b[2J\nДругое")
    assert "U+001B (управляющий символ)" in model.last_error
    assert stored_rows(workspace) == before


def test_pasted_text_longer_than_a_cell_holds_is_refused(window, workspace):
    panel = open_tab(window, PERSONS)
    model = panel.model
    before = workspace.store.load(workspace.store.find("E4").id).persons
    assert not model.paste_text(model.index(0, 1), "x" * 32_768)
    assert "текст длиннее 32767 знаков" in model.last_error
    assert workspace.store.load(workspace.store.find("E4").id).persons == before


def test_a_passport_field_with_a_control_character_is_refused(window, workspace, qtbot):
    window.tabs.setCurrentIndex(PASSPORT)
    passport = window.tabs.passport
    edit = passport.line_edits["customer"]
    before = edit.text()
    edit.setFocus()
    edit.selectAll()
    type_text(edit, "Министерство")
    edit.insert("\x07")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    project = workspace.store.load(workspace.store.find("E4").id)
    assert project.customer == before
    assert edit.text() == before
    assert "Поле «Функциональный заказчик»: недопустимый знак U+0007" in passport.messages.text()
    assert window.undo_stack.count() == 0


def test_a_full_disk_during_an_edit_is_told_as_such_in_the_window(
    window, qtbot, monkeypatch, capsys
):
    import peewee

    from cdo_desktop.ui.errors import error_handler

    told = []
    monkeypatch.setattr(
        "cdo_desktop.ui.dialogs.show_error", lambda parent, title, text: told.append(text)
    )
    # As peewee raises it: SQLite rolled back by itself, peewee's own rollback then failed.
    try:
        try:
            raise peewee.OperationalError("database or disk is full")
        except peewee.OperationalError:
            raise peewee.OperationalError("cannot rollback - no transaction is active")  # noqa: B904
    except peewee.OperationalError as failed:
        error = failed
    error_handler(window)(type(error), error, error.__traceback__)
    qtbot.waitUntil(lambda: bool(told))
    assert told[0].startswith(f"{window.workspace.path}: на диске нет места")
    assert "rollback" not in told[0]
    capsys.readouterr()


def test_a_new_project_with_a_control_character_in_its_name_is_refused(qtbot):
    from cdo_desktop.ui.new_project_dialog import NewProjectDialog

    dialog = NewProjectDialog({"E4"})
    qtbot.addWidget(dialog)
    dialog.code.setText("E1")
    dialog.name.setText("Школа\x1b[2J")
    dialog.accept()
    assert dialog.problem.text().startswith("Наименование: недопустимый знак U+001B")
    dialog.name.setText("Школа")
    assert dialog.check() == ""
