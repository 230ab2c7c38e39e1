"""Rows added, removed and pasted in the other tables on a lost server connection: the user is
told the change was not saved and offered «Повторить» — repeated, it is written once; given up,
nothing is written and no row is left to type into (PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from cdo_desktop.core.model import RowKind
from cdo_desktop.ui import control_points_model as points
from cdo_desktop.ui.financing_model import NAME
from cdo_desktop.ui.project_tabs import CONTROL_POINTS, FINANCING, INDICATORS
from tests.ui import test_window_on_server as window_on_server
from tests.ui.modal import when_shown
from tests.ui.test_unsaved_steps_on_server import LOST, answer
from tests.ui.test_window_on_server import lose_connection

on_server = window_on_server.on_server
server_workspace = window_on_server.server_workspace

RETRY, GIVE_UP = "Повторить", "Отказаться от изменения"


def stored(workspace):
    return workspace.store.load(workspace.store.find("E4").id)


def indicators(workspace):
    store = workspace.store
    return store.load_rows(store.find("E4").id, RowKind.INDICATOR)


@pytest.fixture
def window(server_workspace, make_window):
    built = make_window(server_workspace)
    yield built
    # The steps go while the store is still open: the control points tab re-reads on every
    # change of the undo stack, which would otherwise connect again after the store closed.
    built.undo_stack.clear()


@pytest.fixture
def lost(on_server, server_workspace):
    """Drops the window's connection and answers the offer with `choice`; what it was asked."""
    servers, database, _ = on_server
    asked: list[str] = []

    def drop_and_answer(choice: str) -> list[str]:
        lose_connection(servers, database, server_workspace)
        when_shown(QMessageBox, answer(choice, asked))
        return asked

    return drop_and_answer


def open_tab(window, index):
    window.tabs.setCurrentIndex(index)
    return window.tabs.panel(index)


@pytest.mark.parametrize("choice", [RETRY, GIVE_UP], ids=["retry", "give_up"])
def test_an_indicator_added_on_a_lost_connection(server_workspace, window, lost, choice):
    panel = open_tab(window, INDICATORS)
    before = indicators(server_workspace)
    asked = lost(choice)
    panel.add_action.trigger()
    assert len(asked) == 1 and LOST in asked[0] and "добавление строки" in asked[0]
    after = indicators(server_workspace)
    if choice == RETRY:
        assert len(after) == len(before) + 1  # written once, not twice
        assert panel.model.item_count() == len(after)
        assert window.undo_stack.count() == 1
        window.undo_action.trigger()  # the connection is back
        assert indicators(server_workspace) == before
    else:
        assert after == before
        assert panel.model.item_count() == len(before)
        assert not window.undo_stack.canUndo()
        assert not panel.view.isPersistentEditorOpen(panel.view.currentIndex())


@pytest.mark.parametrize("choice", [RETRY, GIVE_UP], ids=["retry", "give_up"])
def test_a_financing_line_removed_on_a_lost_connection(
    server_workspace, window, lost, choice, always_yes
):
    panel = open_tab(window, FINANCING)
    before = stored(server_workspace).financing
    last = len(before) - 1
    panel.view.setCurrentIndex(panel.model.index(panel.model.row_of_line(last), NAME))
    asked = lost(choice)
    panel.delete_action.trigger()
    assert len(asked) == 1 and LOST in asked[0] and "удаление строки" in asked[0]
    after = stored(server_workspace).financing
    if choice == RETRY:
        assert [line.name for line in after] == [line.name for line in before[:-1]]
        assert window.undo_stack.count() == 1
        window.undo_action.trigger()
        assert stored(server_workspace).financing == before
    else:
        assert after == before
        assert panel.model.item_count() == len(before)
        assert not window.undo_stack.canUndo()


@pytest.mark.parametrize("choice", [RETRY, GIVE_UP], ids=["retry", "give_up"])
def test_a_budget_source_added_on_a_lost_connection(server_workspace, window, lost, choice):
    panel = open_tab(window, FINANCING)
    before = stored(server_workspace).financing[0].sources
    panel.view.setCurrentIndex(panel.model.index(0, NAME))
    panel.sources.ask = lambda parent, title, label, ok: "бюджет субъекта"
    asked = lost(choice)
    panel.sources.add_action.trigger()
    assert len(asked) == 1 and LOST in asked[0] and "добавление источника" in asked[0]
    after = [source.name for source in stored(server_workspace).financing[0].sources]
    if choice == RETRY:
        assert after == ["бюджет субъекта"]  # the only source, named once
        assert window.undo_stack.undoText() == "добавление источника"
        assert "назван «бюджет субъекта»" in panel.messages.text()
    else:
        assert after == [source.name for source in before]
        assert not window.undo_stack.canUndo()
        assert panel.model.line_and_source(0)[0] == stored(server_workspace).financing[0]


@pytest.mark.parametrize("choice", [RETRY, GIVE_UP], ids=["retry", "give_up"])
def test_a_paste_on_a_lost_connection(server_workspace, window, lost, choice, qtbot):
    panel = open_tab(window, INDICATORS)
    before = indicators(server_workspace)
    model = panel.model
    top_left = model.index(2, model.column_of(2021, "plan"))
    panel.view.setCurrentIndex(top_left)
    QGuiApplication.clipboard().setText("41\t42\n")
    asked = lost(choice)
    panel.view.paste()
    assert len(asked) == 1 and LOST in asked[0] and "41" in asked[0]
    after = indicators(server_workspace)
    if choice == RETRY:
        assert after[2].value(2021).plan == Decimal(41)
        assert window.undo_stack.count() == 1
        window.undo_action.trigger()
        assert indicators(server_workspace) == before
    else:
        assert after == before
        assert not window.undo_stack.canUndo()
        qtbot.waitUntil(lambda: model.data(top_left) == panel_text(before[2], 2021))


def panel_text(row, year) -> str:
    from cdo_desktop.core.numbers import format_number

    return format_number(row.value(year).plan)


@pytest.mark.parametrize("choice", [RETRY, GIVE_UP], ids=["retry", "give_up"])
def test_a_control_point_added_on_a_lost_connection(server_workspace, window, lost, choice):
    panel = open_tab(window, CONTROL_POINTS)
    before = stored(server_workspace).results[0].control_points
    panel.view.setCurrentIndex(panel.model.index(0, points.NAME))  # the first result's group
    asked = lost(choice)
    panel.add_action.trigger()
    assert len(asked) == 1 and LOST in asked[0] and "добавление строки" in asked[0]
    after = stored(server_workspace).results[0].control_points
    if choice == RETRY:
        assert [point.name for point in after] == [
            *(point.name for point in before),
            "Новая контрольная точка",
        ]
        assert window.undo_stack.count() == 1
    else:
        assert after == before
        assert not window.undo_stack.canUndo()
        assert not panel.view.isPersistentEditorOpen(panel.view.currentIndex())


@pytest.mark.parametrize("choice", [RETRY, GIVE_UP], ids=["retry", "give_up"])
def test_an_indicator_moved_on_a_lost_connection(server_workspace, window, lost, choice):
    panel = open_tab(window, INDICATORS)
    before = [row.name for row in indicators(server_workspace)]
    panel.view.setCurrentIndex(panel.model.index(0, 1))
    asked = lost(choice)
    panel.down_action.trigger()
    assert len(asked) == 1 and LOST in asked[0] and "перемещение строки" in asked[0]
    after = [row.name for row in indicators(server_workspace)]
    if choice == RETRY:
        assert after == [before[1], before[0], *before[2:]]
        assert panel.view.currentIndex().row() == 1  # the moved row stays chosen
        assert window.undo_stack.count() == 1
    else:
        assert after == before
        assert panel.view.currentIndex().row() == 0
        assert not window.undo_stack.canUndo()


@pytest.mark.parametrize("choice", [RETRY, GIVE_UP], ids=["retry", "give_up"])
def test_the_due_workday_changed_on_a_lost_connection(server_workspace, window, lost, choice):
    from cdo_desktop.ui.project_tabs import MONITORING

    panel = open_tab(window, MONITORING)
    asked = lost(choice)
    panel.model.set_due_workday(5)
    assert len(asked) == 1 and LOST in asked[0] and "изменение срока отчёта" in asked[0]
    assert stored(server_workspace).due_workday == (5 if choice == RETRY else 2)
    assert window.undo_stack.count() == (1 if choice == RETRY else 0)
