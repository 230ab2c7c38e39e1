"""Switching projects keeps each project's undo history while the program is open."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from cdo_desktop.core.changes import SetValue, Where
from cdo_desktop.core.history import Section
from cdo_desktop.ui.main_window import FINANCING

YEAR_COLUMN = 4  # 2019


@pytest.fixture
def two_projects(workspace):
    other = copy.deepcopy(workspace.store.load(workspace.store.find("E4").id))
    other.code, other.name, other.id = "E1", "Современная школа", None
    workspace.store.replace([other])
    return workspace


def amount(workspace, code):
    return workspace.store.load(workspace.store.find(code).id).financing[0].total(2019)


def type_amount(window, text):
    window.tabs.setCurrentIndex(FINANCING)
    model = window.tabs.financing.model
    assert model.setData(model.index(0, YEAR_COLUMN), text)


def choose(window, code):
    window.project_selector.activated.emit(window.project_selector.findData(code))
    assert window.tabs.code == code


def test_each_project_keeps_its_own_undo_steps(two_projects, make_window):
    workspace = two_projects
    window = make_window()
    choose(window, "E4")
    e4_tabs = window.tabs
    before = amount(workspace, "E4")
    type_amount(window, "1")
    assert window.undo_stack.count() == 1
    choose(window, "E1")
    assert window.undo_stack.count() == 0 and not window.undo_action.isEnabled()
    type_amount(window, "2")
    type_amount(window, "3")
    assert window.undo_stack.count() == 2
    choose(window, "E4")
    assert window.tabs is e4_tabs
    assert window.undo_stack.count() == 1 and window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert amount(workspace, "E4") == before
    assert amount(workspace, "E1") == Decimal(3)
    choose(window, "E1")
    window.undo_action.trigger()
    assert amount(workspace, "E1") == Decimal(2)


def test_a_deleted_project_takes_its_history_along(two_projects, make_window, always_yes):
    window = make_window()
    choose(window, "E1")
    e1_id = window.tabs.project_id
    type_amount(window, "2")
    window.delete_project_action.trigger()
    assert window.pages.kept(e1_id) is None
    assert window.tabs.code == "E4" and window.undo_stack.count() == 0
    assert [s.code for s in two_projects.store.summaries()] == ["E4"]


def test_an_outside_change_meeting_a_kept_undo_is_asked_about(
    two_projects, make_window, monkeypatch
):
    workspace = two_projects
    window = make_window()
    choose(window, "E4")
    type_amount(window, "1")
    choose(window, "E1")
    # Meanwhile another copy writes the same amount.
    project = workspace.store.load(workspace.store.find("E4").id)
    line = project.financing[0]
    source = line.sources[0]
    where = Where(project.id, Section.SOURCES, source.id, "amount", 2019, line.id)
    workspace.store.apply([SetValue(where, Decimal(1), Decimal(7))])
    choose(window, "E4")
    model = window.tabs.financing.model
    assert model.data(model.index(0, YEAR_COLUMN)) == "7"  # shown as stored now
    asked = []
    monkeypatch.setattr(
        "cdo_desktop.ui.dialogs.choose",
        lambda parent, title, text, options: asked.append(text) or 0,
    )
    window.undo_action.trigger()
    assert asked and "сейчас 7" in asked[0]
    assert amount(workspace, "E4") == Decimal(7)  # theirs kept
