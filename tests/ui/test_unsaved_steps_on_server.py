"""On a lost server connection the persons tab and undo/redo behave as the other tables: «не
сохранено — Повторить», written when repeated, and nothing lost when given up (PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QMessageBox

from cdo_desktop.storage.versions import list_versions
from cdo_desktop.ui.commands import versions as versions_commands
from cdo_desktop.ui.project_tabs import PERSONS
from tests.ui import test_window_on_server as window_on_server
from tests.ui.modal import when_shown
from tests.ui.test_two_windows import type_plan_2021
from tests.ui.test_window_on_server import click, lose_connection, plan_2021

# The server database with the demo project, and the window's workspace on it.
on_server = window_on_server.on_server
server_workspace = window_on_server.server_workspace

LOST = "соединение с сервером потеряно; изменение не сохранено, повторите его"


def answer(text, asked):
    def act(box: QMessageBox) -> None:
        asked.append(box.text())
        click(text)(box)

    return act


def stored_persons(store):
    return store.load(store.find("E4").id).persons


def persons_panel(window):
    window.tabs.setCurrentIndex(PERSONS)
    return window.tabs.persons


def test_a_role_typed_on_the_persons_tab_is_offered_again_and_written(
    make_window, server_workspace, on_server, qtbot
):
    servers, database, _ = on_server
    window = make_window(server_workspace)
    panel = persons_panel(window)
    index = panel.model.index(0, 0)
    lose_connection(servers, database, server_workspace)
    asked = []
    when_shown(QMessageBox, answer("Повторить", asked))
    editor = QComboBox()
    editor.setEditable(True)
    editor.setCurrentText("Администратор проекта")
    panel.role_delegate.setModelData(editor, panel.model, index)
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert LOST in asked[0] and "Администратор проекта" in asked[0]
    roles = [person.role for person in stored_persons(server_workspace.store)]
    assert "Администратор проекта" in roles
    assert window.undo_stack.canUndo()


def test_a_person_added_on_a_lost_connection_is_offered_again(
    make_window, server_workspace, on_server, qtbot
):
    servers, database, _ = on_server
    window = make_window(server_workspace)
    panel = persons_panel(window)
    before = len(stored_persons(server_workspace.store))
    lose_connection(servers, database, server_workspace)
    asked = []
    when_shown(QMessageBox, answer("Повторить", asked))
    panel.add_action.trigger()
    assert LOST in asked[0] and "добавление строки" in asked[0]
    names = [person.name for person in stored_persons(server_workspace.store)]
    assert len(names) == before + 1 and "Новый ответственный" in names
    assert panel.model.item_count() == before + 1
    assert window.undo_stack.undoText() == "добавление строки"


def test_a_person_given_up_is_not_written_and_no_row_is_typed_into(
    make_window, server_workspace, on_server, qtbot
):
    servers, database, _ = on_server
    window = make_window(server_workspace)
    panel = persons_panel(window)
    before = stored_persons(server_workspace.store)
    lose_connection(servers, database, server_workspace)
    asked = []
    when_shown(QMessageBox, answer("Отказаться от изменения", asked))
    panel.add_action.trigger()
    assert LOST in asked[0]
    assert stored_persons(server_workspace.store) == before
    assert panel.model.item_count() == len(before)
    assert not panel.view.isPersistentEditorOpen(panel.view.currentIndex())
    assert not window.undo_stack.canUndo()


def test_an_undo_on_a_lost_connection_is_offered_again_and_written(
    make_window, server_workspace, on_server, qtbot
):
    servers, database, _ = on_server
    window = make_window(server_workspace)
    before = plan_2021(server_workspace.store)
    type_plan_2021(qtbot, window, "41")
    assert plan_2021(server_workspace.store) == Decimal(41)
    lose_connection(servers, database, server_workspace)
    asked = []
    when_shown(QMessageBox, answer("Повторить", asked))
    window.edit_commands.undo_action.trigger()
    assert LOST in asked[0] and "Не записано: отмена действия «изменение ячейки»." in asked[0]
    assert plan_2021(server_workspace.store) == before
    assert window.undo_stack.canRedo()


def test_an_undo_and_a_redo_given_up_stay_on_the_stack_to_be_tried_again(
    make_window, server_workspace, on_server, qtbot
):
    servers, database, _ = on_server
    window = make_window(server_workspace)
    store = server_workspace.store
    before = plan_2021(store)
    type_plan_2021(qtbot, window, "41")
    stack = window.undo_stack
    lose_connection(servers, database, server_workspace)
    asked = []
    when_shown(QMessageBox, answer("Отказаться от изменения", asked))
    window.edit_commands.undo_action.trigger()
    assert LOST in asked[0]
    # Nothing written; the step goes back on the stack where it was (not dropped).
    qtbot.waitUntil(lambda: stack.canUndo() and not stack.canRedo(), timeout=5000)
    assert plan_2021(store) == Decimal(41)
    assert stack.undoText() == "изменение ячейки"
    window.edit_commands.undo_action.trigger()  # the connection is back: written at once
    assert plan_2021(store) == before
    assert stack.canRedo()

    lose_connection(servers, database, server_workspace)
    when_shown(QMessageBox, answer("Отказаться от изменения", asked))
    window.edit_commands.redo_action.trigger()
    assert "Не записано: повтор действия «изменение ячейки»." in asked[1]
    qtbot.waitUntil(lambda: stack.canRedo() and not stack.canUndo(), timeout=5000)
    assert plan_2021(store) == before
    window.edit_commands.redo_action.trigger()
    assert plan_2021(store) == Decimal(41)


def test_a_person_removed_on_a_lost_connection_is_offered_again(
    make_window, server_workspace, on_server, qtbot, always_yes
):
    servers, database, _ = on_server
    window = make_window(server_workspace)
    panel = persons_panel(window)
    before = stored_persons(server_workspace.store)
    panel.view.setCurrentIndex(panel.model.index(len(before) - 1, 1))
    lose_connection(servers, database, server_workspace)
    asked = []
    when_shown(QMessageBox, answer("Повторить", asked))
    panel.delete_action.trigger()
    assert LOST in asked[0] and "удаление строки" in asked[0]
    assert len(stored_persons(server_workspace.store)) == len(before) - 1
    window.edit_commands.undo_action.trigger()  # the connection is back
    assert stored_persons(server_workspace.store) == before


def test_a_version_fixed_on_the_server_is_undone_and_redone(
    make_window, server_workspace, on_server, monkeypatch
):
    window = make_window(server_workspace)
    monkeypatch.setattr(versions_commands, "ask_basis", lambda parent, title, label: "утверждён")
    window.version_commands.fix_action.trigger()
    store, project_id = server_workspace.store, window.stored_id()
    assert [v.number for v in list_versions(store, project_id)] == [1]
    window.edit_commands.undo_action.trigger()
    assert list_versions(store, project_id) == []
    window.edit_commands.redo_action.trigger()
    assert [v.basis for v in list_versions(store, project_id)] == ["утверждён"]
