"""The window over the one store: what is printed is what is stored; another copy's changes
appear within seconds, the first one included; a refresh never discards what is being typed;
the open project is found again by its code."""

from __future__ import annotations

import re
import sqlite3
from decimal import Decimal

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFocusEvent, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QLineEdit

from cdo_desktop.core.model import Project, RowKind
from cdo_desktop.ui.main_window import INDICATORS, PASSPORT, PERSONS
from cdo_desktop.ui.outside_changes import INTERVAL_MS
from cdo_desktop.ui.summary_dialog import PDF_FILTER, SummaryPreviewDialog
from cdo_desktop.workspace import open_workspace
from tests.ui.keyboard import type_text
from tests.ui.modal import when_shown

# «Within a few seconds»: two looks of the watch and a margin for a slow machine.
FEW_SECONDS_MS = 3 * INTERVAL_MS


def pdf_text(path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(path).pages))


def select(view, row, column):
    index = view.model().index(row, column)
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.setFocus()
    return index


def add_person(qtbot, panel, name):
    panel.add_action.trigger()
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), "adding a person opens the editor on the name"
    editor.selectAll()
    type_text(editor, name)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.view.state() != QAbstractItemView.State.EditingState)


def names_in(model):
    return [model.data(model.index(row, 1)) for row in range(model.rowCount())]


def test_the_printed_summary_shows_exactly_the_people_stored(
    window, workspace, qtbot, tmp_path, monkeypatch, always_yes
):
    window.tabs.setCurrentIndex(PERSONS)
    panel = window.tabs.persons
    add_person(qtbot, panel, "Петрова Анна Сергеевна")
    add_person(qtbot, panel, "Сидоров Олег Петрович")
    select(panel.view, names_in(panel.model).index("Петрова Анна Сергеевна"), 1)
    panel.delete_action.trigger()
    assert names_in(panel.model) == ["Д.А. Курдюмов", "С.В. Стяжкин", "Сидоров Олег Петрович"]

    target = tmp_path / "сводка.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(target), PDF_FILTER))
    )
    saved = []

    def save_and_close(dialog: SummaryPreviewDialog) -> None:
        dialog.save_button.click()  # «Сохранить в PDF», its file dialog answered above
        saved.append(target.exists())
        dialog.reject()

    when_shown(SummaryPreviewDialog, save_and_close)
    window.print_action.trigger()
    assert saved == [True]
    text = pdf_text(target)
    for name in ("Д.А. Курдюмов", "С.В. Стяжкин", "Сидоров Олег Петрович"):
        assert name in text
    assert "Петрова" not in text, "a person deleted on «Ответственные» is not printed"
    assert "Новый ответственный" not in text


@pytest.fixture
def second_copy(db_path, workspace):
    """Another copy of the program on the same file: its own workspace, its own connection."""
    other = open_workspace(db_path, daily_backup=False)
    yield other
    other.close()


@pytest.fixture
def other_window(make_window, second_copy):
    return make_window(second_copy)


def set_customer(window, text):
    window.tabs.setCurrentIndex(PASSPORT)
    edit = window.tabs.passport.line_edits["customer"]
    edit.setText(text)
    edit.editingFinished.emit()


def stored_project(workspace):
    return workspace.store.load(workspace.store.find("E4").id)


def test_another_windows_first_change_appears_within_seconds(
    make_window, other_window, workspace, qtbot
):
    """Made at once after this window opened, before its watch has looked even once."""
    window = make_window()
    set_customer(other_window, "министерство просвещения")
    customer = window.tabs.passport.line_edits["customer"]
    qtbot.waitUntil(lambda: customer.text() == "министерство просвещения", timeout=FEW_SECONDS_MS)
    assert "другой копии" in window.statusBar().currentMessage()


def test_a_change_just_before_this_windows_first_edit_appears(
    make_window, other_window, workspace, qtbot
):
    window = make_window()
    set_customer(other_window, "министерство просвещения")
    window.tabs.passport.line_edits["region"].setText("Кировская обл.")
    window.tabs.passport.line_edits["region"].editingFinished.emit()
    assert stored_project(workspace).region == "Кировская обл."
    customer = window.tabs.passport.line_edits["customer"]
    qtbot.waitUntil(lambda: customer.text() == "министерство просвещения", timeout=FEW_SECONDS_MS)
    assert stored_project(workspace).customer == "министерство просвещения"


def test_the_project_made_again_under_its_code_is_found_by_it(
    window, second_copy, workspace, qtbot
):
    """Another copy deletes the project and writes it again (new ids): this window shows the
    new one and its edits go there, instead of failing on the old id."""
    other = second_copy.store
    project = other.load(other.find("E4").id)
    project.goal = "Цель, записанная заново"
    other.delete(project.id)
    filler_id = other.create(Project(code="X1", name="Другой проект"))
    project.id = None
    other.create(project)  # SQLite would give a lone new project the old id again
    other.delete(filler_id)
    passport = window.tabs.passport
    qtbot.waitUntil(
        lambda: window.tabs.passport.goal.toPlainText() == "Цель, записанная заново",
        timeout=FEW_SECONDS_MS,
    )
    assert window.tabs.passport is not passport, "the tabs were made anew"
    assert window.tabs.project_id == other.find("E4").id
    set_customer(window, "министерство просвещения")
    assert stored_project(workspace).customer == "министерство просвещения"


def test_another_copys_load_appears_and_edits_go_on(window, second_copy, workspace, qtbot):
    """`load` of the open project by another copy (rows matched, ids kept): shown within
    seconds, and this window's next edit is stored (it once failed on change_log)."""
    other = second_copy.store
    project = other.load(other.find("E4").id)
    project.goal = "Цель из загруженного документа"
    other.replace([project])
    goal = window.tabs.passport.goal
    qtbot.waitUntil(
        lambda: goal.toPlainText() == "Цель из загруженного документа", timeout=FEW_SECONDS_MS
    )
    set_customer(window, "министерство просвещения")
    stored = stored_project(workspace)
    assert (stored.goal, stored.customer) == (
        "Цель из загруженного документа",
        "министерство просвещения",
    )


def test_printing_a_project_deleted_elsewhere_tells_it(
    window, second_copy, workspace, qtbot, monkeypatch
):
    monkeypatch.setattr(
        "cdo_desktop.ui.summary_dialog.save_summary_pdf",
        lambda *args: pytest.fail("a deleted project was printed"),
    )
    window.watch.timer.stop()  # before the watch has noticed
    second_copy.store.delete(second_copy.store.find("E4").id)
    window.pdf_action.trigger()
    assert window.tabs is None
    assert window.statusBar().currentMessage() == "Проект удалён в другой копии программы."


def focus_out(widget):
    QApplication.sendEvent(widget, QFocusEvent(QFocusEvent.Type.FocusOut))


def start_typing(qtbot, window, widget, text):
    window.activateWindow()  # the other copy's window was shown last
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    if isinstance(widget, QLineEdit):
        widget.end(False)
    else:
        widget.moveCursor(QTextCursor.MoveOperation.End)
    type_text(widget, text)


def test_a_refresh_keeps_what_is_typed_in_the_goal_box(window, other_window, workspace, qtbot):
    window.tabs.setCurrentIndex(PASSPORT)
    passport = window.tabs.passport
    start_typing(qtbot, window, passport.goal, " и ещё")
    typed = passport.goal.toPlainText()
    assert typed.endswith(" и ещё")

    set_customer(other_window, "министерство просвещения")
    customer = passport.line_edits["customer"]
    qtbot.waitUntil(lambda: customer.text() == "министерство просвещения", timeout=FEW_SECONDS_MS)
    assert passport.goal.toPlainText() == typed
    assert passport.goal.textCursor().position() == len(typed), "the cursor where it was"
    assert "текст оставлен" in window.statusBar().currentMessage()

    focus_out(passport.goal)  # the user leaves the goal box: what was typed is stored
    stored = stored_project(workspace)
    assert stored.goal == typed.strip()
    assert stored.customer == "министерство просвещения", "theirs kept too"


def test_typing_over_a_goal_changed_elsewhere_keeps_the_base_of_the_edit(
    window, second_copy, workspace, qtbot
):
    """The goal the user began from stays the old value of their edit, so that committing it
    is checked against the other copy's goal (not silently laid over it)."""
    window.tabs.setCurrentIndex(PASSPORT)
    passport = window.tabs.passport
    began_from = passport.goal.toPlainText()
    start_typing(qtbot, window, passport.goal, " и ещё")
    typed = passport.goal.toPlainText()
    other = second_copy.store
    theirs = other.load(other.find("E4").id)
    theirs.goal, theirs.customer = "Их цель", "министерство просвещения"
    other.replace([theirs])

    customer = passport.line_edits["customer"]
    qtbot.waitUntil(lambda: customer.text() == "министерство просвещения", timeout=FEW_SECONDS_MS)
    assert passport.goal.toPlainText() == typed
    assert passport.value("goal") == began_from
    assert passport.value("customer") == "министерство просвещения"
    # The user gives their typing up: closing the window commits nothing (committing it is
    # the passport's conflict check, ui/passport_panel.py).
    passport.goal.setPlainText(began_from)


def test_a_refresh_keeps_what_is_typed_in_a_passport_line(window, other_window, workspace, qtbot):
    window.tabs.setCurrentIndex(PASSPORT)
    name = window.tabs.passport.line_edits["name"]
    start_typing(qtbot, window, name, " (новая)")
    typed = name.text()

    set_customer(other_window, "министерство просвещения")
    customer = window.tabs.passport.line_edits["customer"]
    qtbot.waitUntil(lambda: customer.text() == "министерство просвещения", timeout=FEW_SECONDS_MS)
    assert name.text() == typed and name.cursorPosition() == len(typed)

    qtbot.keyClick(name, Qt.Key.Key_Return)
    stored = stored_project(workspace)
    assert stored.name == "Цифровая образовательная среда (новая)"
    assert stored.customer == "министерство просвещения"


PLAN_2020_OF_INDICATOR_2 = (
    "UPDATE plan_fact_value SET plan = ? WHERE year = 2020 AND row_id = "
    "(SELECT id FROM plan_fact_row WHERE kind = 'indicator' AND number = '2')"
)


def test_a_refresh_waits_for_an_open_cell_editor(window, workspace, db_path, qtbot):
    window.tabs.setCurrentIndex(INDICATORS)
    panel = window.tabs.indicators
    plan_2021 = panel.model.column_of(2021, "plan")
    select(panel.view, 2, plan_2021)
    type_text(panel.view, "51")
    editor = QApplication.focusWidget()
    assert panel.view.state() == QAbstractItemView.State.EditingState
    plan_2020 = panel.model.column_of(2020, "plan")
    assert panel.model.data(panel.model.index(1, plan_2020)) == "15"

    other = sqlite3.connect(db_path)  # a colleague's copy: its own connection, its own commit
    other.execute(PLAN_2020_OF_INDICATOR_2, ("77",))
    other.commit()
    other.close()
    qtbot.wait(INTERVAL_MS + 500)  # a look of the watch has come and gone
    assert panel.view.state() == QAbstractItemView.State.EditingState
    assert QApplication.focusWidget() is editor and editor.text() == "51"
    assert panel.model.data(panel.model.index(1, plan_2020)) == "15", "not refreshed yet"

    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.view.state() != QAbstractItemView.State.EditingState)
    rows = workspace.store.load_rows(workspace.store.find("E4").id, RowKind.INDICATOR)
    assert rows[2].value(2021).plan == Decimal(51)
    qtbot.waitUntil(
        lambda: panel.model.data(panel.model.index(1, plan_2020)) == "77",
        timeout=FEW_SECONDS_MS,
    )
    assert panel.model.data(panel.model.index(2, plan_2021)) == "51"
