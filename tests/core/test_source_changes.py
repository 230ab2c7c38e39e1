"""Budget sources of a line as change lists: add, rename, delete with sub-sources, reorder."""

from __future__ import annotations

from cdo_desktop.core.changes import AddItem, MoveItem, RemoveItem, SetValue
from cdo_desktop.core.model import ALL_SOURCES, BudgetSource, FinancingLine
from cdo_desktop.core.source_changes import (
    add_source,
    family,
    move_source,
    name_problem,
    remove_source,
)


def line() -> FinancingLine:
    return FinancingLine(
        "1",
        "Оснащение",
        id=5,
        sources=[
            BudgetSource("федеральный бюджет", id=1),
            BudgetSource("субсидия", parent="федеральный бюджет", id=2),
            BudgetSource("региональный бюджет", id=3),
            BudgetSource("внебюджетные", id=4),
        ],
    )


def apply_moves(sources, changes):
    order = list(sources)
    for change in changes:
        assert isinstance(change, MoveItem)
        assert order[change.old].id == change.where.item
        order.insert(change.new, order.pop(change.old))
    return [s.name for s in order]


def test_a_first_real_source_renames_the_placeholder_keeping_its_amounts():
    only = FinancingLine("1", "x", id=5, sources=[BudgetSource(ALL_SOURCES, id=9)])
    [change] = add_source(1, only, "федеральный бюджет")
    assert isinstance(change, SetValue)
    assert (change.where.item, change.where.field, change.where.parent) == (9, "name", 5)
    assert (change.old, change.new) == (ALL_SOURCES, "федеральный бюджет")


def test_sources_are_added_at_the_end_and_sub_sources_after_their_family():
    [top] = add_source(1, line(), "  местный бюджет ")
    assert isinstance(top, AddItem) and top.position == 4
    assert top.item == BudgetSource("местный бюджет")
    federal = line().sources[0]
    [sub] = add_source(1, line(), "иные", parent=federal)
    assert isinstance(sub, AddItem) and sub.position == 2
    assert sub.item.parent == "федеральный бюджет" and sub.where.parent == 5


def test_removing_a_source_removes_its_sub_sources_first():
    sources = line()
    changes = remove_source(1, sources, sources.sources[0])
    assert [(c.where.item, c.position) for c in changes] == [(2, 1), (1, 0)]
    assert all(isinstance(c, RemoveItem) for c in changes)


def test_moving_a_source_takes_its_sub_sources_along():
    sources = line()
    down = move_source(1, sources, sources.sources[0], 1)
    assert apply_moves(sources.sources, down) == [
        "региональный бюджет",
        "федеральный бюджет",
        "субсидия",
        "внебюджетные",
    ]
    up = move_source(1, sources, sources.sources[2], -1)
    assert apply_moves(sources.sources, up) == apply_moves(sources.sources, down)
    assert move_source(1, sources, sources.sources[0], -1) == []
    assert move_source(1, sources, sources.sources[1], 1) == []  # the only sub-source


def test_names_are_unique_within_a_line():
    sources = line()
    assert name_problem(sources, "Региональный бюджет") != ""
    assert name_problem(sources, "региональный бюджет", sources.sources[2]) == ""
    assert name_problem(sources, "  ") != ""
    assert family(sources, sources.sources[0]) == sources.sources[:2]
