"""The window's version actions are undo steps of the open project like any edit: a version
fixed, a draft's justification typed, a request marked sent — Ctrl+Z undoes each through the
store (checked against what is stored), Ctrl+Y writes it again."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cdo_desktop.core.changes import SetValue, Where
from cdo_desktop.core.history import Section
from cdo_desktop.exchange.version_document import version_text
from cdo_desktop.storage.versions import list_versions, next_version, read_draft
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.commands import versions as commands
from cdo_desktop.ui.versions_request import JUSTIFICATION, ChangeRequestDialog


@pytest.fixture
def errors(monkeypatch):
    told = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: told.append(text))
    return told


def fix(window, monkeypatch, basis="утверждён"):
    monkeypatch.setattr(commands, "ask_basis", lambda parent, title, label: basis)
    window.version_commands.fix_action.trigger()


def numbers(window):
    return [v.number for v in list_versions(window.workspace.store, window.stored_id())]


def change_plan(window, value):
    project = window.stored_project()
    row = project.indicators[0]
    where = Where(project.id, Section.INDICATORS, row.id, "plan", 2021)
    window.workspace.store.apply([SetValue(where, row.value(2021).plan, value)])


def request_dialog(window):
    return ChangeRequestDialog(
        window.workspace.store,
        window.stored_project(),
        window,
        undo_stack=window.undo_stack,
    )


def test_a_fixed_version_is_undone_and_redone_from_the_menu(window, monkeypatch):
    fix(window, monkeypatch)
    undo, redo = window.edit_commands.undo_action, window.edit_commands.redo_action
    assert numbers(window) == [1]
    assert undo.isEnabled() and undo.text() == "Отменить сохранение версии паспорта"
    undo.trigger()
    assert numbers(window) == []
    redo.trigger()
    [version] = list_versions(window.workspace.store, window.stored_id())
    assert (version.number, version.basis) == (1, "утверждён")
    undo.trigger()
    fix(window, monkeypatch, "другое")  # the undone step gives way to the new one
    assert [v.basis for v in list_versions(window.workspace.store, window.stored_id())] == [
        "другое"
    ]


def test_a_version_fixed_elsewhere_since_is_not_undone_over(window, monkeypatch, errors):
    fix(window, monkeypatch)
    store, project_id = window.workspace.store, window.stored_id()
    # Another official fixes version 2 meanwhile: undoing version 1 would leave a gap.
    store.apply([next_version(store, project_id, version_text(store.load(project_id)), "их")])
    window.edit_commands.undo_action.trigger()
    assert numbers(window) == [1, 2]
    assert errors and "Версия паспорта 1" in errors[0]
    assert not window.undo_stack.canUndo()  # the step is dropped, told; nothing written


def test_justifications_typed_in_the_draft_are_undone_one_by_one(window, monkeypatch):
    fix(window, monkeypatch)
    change_plan(window, Decimal("99"))
    store, project_id = window.workspace.store, window.stored_id()
    steps_before = window.undo_stack.count()
    dialog = request_dialog(window)
    dialog.table.item(0, JUSTIFICATION).setText("уточнён план")
    dialog.table.item(0, JUSTIFICATION).setText("уточнён план на 2021 год")
    dialog.close()
    assert window.undo_stack.count() == steps_before + 2
    assert window.edit_commands.undo_action.text() == "Отменить изменение черновика запроса"
    [key] = read_draft(store, project_id).justifications
    window.undo_stack.undo()
    assert read_draft(store, project_id).justifications == {key: "уточнён план"}
    window.undo_stack.undo()
    assert read_draft(store, project_id) is None  # the draft began with that justification
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert read_draft(store, project_id).justifications == {key: "уточнён план на 2021 год"}
    # Opened again, the dialog shows what the undo steps left.
    window.undo_stack.undo()
    again = request_dialog(window)
    assert again.table.item(0, JUSTIFICATION).text() == "уточнён план"
    again.close()


def test_marking_the_request_sent_is_undone_the_draft_open_again(window, monkeypatch, always_yes):
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: None)
    fix(window, monkeypatch)
    change_plan(window, Decimal("99"))
    store, project_id = window.workspace.store, window.stored_id()
    dialog = request_dialog(window)
    dialog.table.item(0, JUSTIFICATION).setText("уточнён план")
    dialog.mark_sent()
    assert read_draft(store, project_id) is None and numbers(window) == [1, 2]
    assert window.edit_commands.undo_action.text() == "Отменить отправление запроса"
    window.edit_commands.undo_action.trigger()
    assert numbers(window) == [1]
    draft = read_draft(store, project_id)
    assert draft is not None and list(draft.justifications.values()) == ["уточнён план"]
    window.edit_commands.redo_action.trigger()
    assert read_draft(store, project_id) is None and numbers(window) == [1, 2]


def test_a_dialog_without_a_stack_still_saves_at_once(window, monkeypatch):
    """The command line's and a test's way: no window, no undo step, the write stays."""
    fix(window, monkeypatch)
    change_plan(window, Decimal("99"))
    steps = window.undo_stack.count()
    dialog = ChangeRequestDialog(window.workspace.store, window.stored_project())
    dialog.table.item(0, JUSTIFICATION).setText("уточнён план")
    dialog.close()
    assert window.undo_stack.count() == steps
    assert read_draft(window.workspace.store, window.stored_id()) is not None
