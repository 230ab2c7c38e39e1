"""A refusal message leaves with the next good edit or undo; a new person goes where roles rank."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from cdo_desktop.core.changes import MoveItem, Where
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import ROLE_ORDER, Role
from cdo_desktop.ui.main_window import INDICATORS, PERSONS
from cdo_desktop.ui.persons_model import role_rank
from tests.ui.test_plan_fact_table import go_to, open_tab, stored_rows, type_into


def test_the_not_a_number_message_goes_after_the_next_good_edit(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    go_to(panel, 2, 2021, "plan")
    type_into(qtbot, panel, "десять")
    assert panel.messages.isVisible() and "не число" in panel.messages.text()
    go_to(panel, 2, 2022, "plan")
    type_into(qtbot, panel, "41")
    assert stored_rows(workspace)[2].value(2022).plan == 41
    assert not panel.messages.isVisible()


def test_the_not_a_number_message_goes_after_an_undo(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)
    go_to(panel, 2, 2022, "plan")
    type_into(qtbot, panel, "41")
    go_to(panel, 2, 2021, "plan")
    type_into(qtbot, panel, "abc")
    assert panel.messages.isVisible()
    window.undo_action.trigger()
    assert not panel.messages.isVisible()


def _roles(panel):
    return [person.role for person in panel.model.persons]


def _stored_roles(workspace):
    project = workspace.store.load(workspace.store.find("E4").id, with_tables=False)
    return [person.role for person in project.persons]  # in the stored order, unsorted


def test_a_new_person_goes_after_the_last_of_the_same_or_higher_rank(window, workspace, qtbot):
    panel = open_tab(window, PERSONS)
    before = _roles(panel)
    assert before[:2] == [Role.CURATOR.value, Role.LEADER.value]
    # the cursor on the curator: a new person still does not go between curator and leader
    panel.view.selectionModel().setCurrentIndex(
        panel.model.index(0, 1), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    panel.add_action.trigger()
    panel.view.closePersistentEditor(panel.view.currentIndex())
    after = _roles(panel)
    assert after[:2] == [Role.CURATOR.value, Role.LEADER.value]
    row = panel.view.currentIndex().row()
    assert panel.model.persons[row].name == "Новый ответственный"
    ranks = [role_rank(role) for role in after]
    assert ranks == sorted(ranks)
    assert all(rank <= ROLE_ORDER[Role.RESPONSIBLE] for rank in ranks[:row])
    assert all(rank > ROLE_ORDER[Role.RESPONSIBLE] for rank in ranks[row + 1 :])
    assert _stored_roles(workspace) == after
    window.undo_action.trigger()
    assert _roles(panel) == before


def test_a_new_curator_goes_right_after_the_curator(window):
    model = open_tab(window, PERSONS).model
    position, row = model.place_for(Role.CURATOR.value)
    assert row == 1
    assert model.stored_ids[position - 1] == model.persons[0].id
    assert model.place_for("совсем новая роль")[1] == len(model.persons)


def test_moving_a_person_swaps_them_with_the_shown_neighbour(window, workspace, qtbot):
    panel = open_tab(window, PERSONS)
    model = panel.model
    for _ in range(2):  # two responsible people, one after the other
        panel.add_action.trigger()
        panel.view.closePersistentEditor(panel.view.currentIndex())
    panel.model.setData(panel.model.index(len(model.persons) - 1, 1), "Второй ответственный")
    # stored in another order than shown: the curator last (an older file, another program)
    curator = model.persons[0]
    project_id = workspace.store.find("E4").id
    workspace.store.apply(
        [MoveItem(Where(project_id, Section.PERSONS, curator.id), 0, len(model.persons) - 1)]
    )
    model.reload()
    assert model.persons[0].id == curator.id and model.stored_ids[-1] == curator.id
    last = len(model.persons) - 1
    names = [person.name for person in model.persons]
    assert role_rank(model.persons[last - 1].role) == role_rank(model.persons[last].role)
    panel.select_row(last, 1)
    panel.up_action.trigger()
    swapped = [*names[: last - 1], names[last], names[last - 1]]
    assert [person.name for person in model.persons] == swapped
    project = workspace.store.load(project_id, with_tables=False)
    assert [person.name for person in project.persons] == [*swapped[1:], swapped[0]]
