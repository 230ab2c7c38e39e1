"""A passport version keeps the planned side; a comparison lists exactly the planned changes,
worded as the history words them, and never a fact."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdo_desktop.core.changes import SetValue, Where
from cdo_desktop.core.history import Section, value_text
from cdo_desktop.core.model import PlanFact, PlanFactRow, RowKind
from cdo_desktop.core.versions import (
    RequestDraft,
    change_columns,
    change_key,
    compare,
    justification,
    passport_side,
    row_label,
)
from cdo_desktop.exchange.version_document import as_kept, version_project, version_text
from cdo_desktop.storage.versions import next_version
from cdo_desktop.workspace import demo_projects
from tests.conftest import open_demo_store
from tests.strategies import decimals, maybe_decimal


@pytest.fixture(scope="module")
def demo():
    return demo_projects()[0]


def test_the_planned_side_has_no_facts_and_keeps_every_plan(demo):
    side = passport_side(demo)
    for kind in RowKind:
        for before, after in zip(demo.rows(kind), side.rows(kind), strict=True):
            assert all(pair.fact is None for pair in after.values.values())
            assert {y: p.plan for y, p in before.values.items() if p.plan is not None} == {
                y: p.plan for y, p in after.values.items()
            }
    assert demo.indicators[0].values != side.indicators[0].values  # the demo has facts


def test_a_version_read_back_is_the_same_passport(demo):
    assert compare(version_project(version_text(demo), 1), demo) == []


def test_now_is_compared_as_a_version_would_keep_it(demo):
    odd = copy.deepcopy(demo)
    odd.indicators[0].values[2031] = PlanFact(Decimal(5))  # outside the project's years
    odd.indicators[1].base_value, odd.indicators[1].base_year = None, 2017
    version = version_project(version_text(odd), 1)
    assert compare(version, odd) != []  # what the format cannot hold would show as changes
    assert compare(version, as_kept(odd)) == []


def test_rows_added_and_removed_are_one_line_each_with_the_rows_name(demo):
    now = copy.deepcopy(demo)
    removed = now.results.pop(0)
    now.indicators.append(PlanFactRow("9", "Новый показатель", values={2021: PlanFact(1, 2)}))
    lines = [change_columns(c) for c in compare(version_project(version_text(demo), 1), now)]
    assert ["Результат", removed.number, "строка", "–", removed.name, "–"] in lines
    assert ["Показатель", "9", "строка", "–", "–", "Новый показатель"] in lines
    assert len(lines) == 2


def test_a_budget_source_is_named_after_its_line(demo):
    now = copy.deepcopy(demo)
    line = now.financing[0]
    line.sources[0].values[2020] = Decimal("5")
    [change] = compare(version_project(version_text(demo), 1), now)
    assert row_label(change) == f"{line.number} / {line.sources[0].name}"
    assert change_columns(change)[2:] == ["сумма", "2020", "230 435,8", "5"]


def test_a_justification_is_its_own_else_the_common_basis(demo):
    now = copy.deepcopy(demo)
    now.goal = "Новая цель"
    now.customer = "Новый заказчик"
    goal, customer = compare(version_project(version_text(demo), 1), now)
    draft = RequestDraft(1, "по закону о бюджете", {change_key(goal): "уточнена цель"})
    assert justification(draft, goal) == "уточнена цель"
    assert justification(draft, customer) == "по закону о бюджете"


# ---------------------------------------------------------------------- the property test

WORDS = st.from_regex(r"[А-Яа-яЁё]{1,8}( [А-Яа-яЁё]{1,8}){0,3}", fullmatch=True)
EDIT = st.one_of(
    st.tuples(st.just("plan"), st.integers(0, 50), st.integers(2019, 2024), maybe_decimal),
    st.tuples(st.just("fact"), st.integers(0, 50), st.integers(2019, 2024), maybe_decimal),
    st.tuples(st.just("base_value"), st.integers(0, 50), st.none(), decimals),
    st.tuples(st.just("unit"), st.integers(0, 50), st.none(), WORDS),
    st.tuples(st.just("name"), st.integers(0, 50), st.none(), WORDS),
    st.tuples(st.just("amount"), st.integers(0, 50), st.integers(2019, 2024), maybe_decimal),
    st.tuples(st.just("goal"), st.none(), st.none(), WORDS),
)


@pytest.fixture
def store(new_location):
    opened = open_demo_store(new_location())
    yield opened
    opened.close()


def _edit(project, edit):
    """The store change of one random edit, and its place as a comparison names it (None for a
    fact: not part of the passport)."""
    field, index, year, value = edit
    rows = [(Section.INDICATORS, r) for r in project.indicators] + [
        (Section.RESULTS, r) for r in project.results
    ]
    if field == "goal":
        where = Where(project.id, Section.PASSPORT, field="goal")
        return SetValue(where, project.goal, value), ("Паспорт", "–", "цель", "–")
    if field == "amount":
        sources = [(line, s) for line in project.financing for s in line.sources]
        line, source = sources[index % len(sources)]
        where = Where(project.id, Section.SOURCES, source.id, "amount", year, parent=line.id)
        place = ("Финансирование", f"{line.number} / {source.name}", "сумма", str(year))
        return SetValue(where, source.values.get(year), value), place
    section, row = rows[index % len(rows)]
    where = Where(project.id, section, row.id, field, year)
    words = {"plan": "план", "fact": "факт", "base_value": "базовое значение"}
    kind = "Показатель" if section is Section.INDICATORS else "Результат"
    place = (kind, row.number, words.get(field, {"unit": "ед. изм."}.get(field, "наименование")))
    place += ("–" if year is None else str(year),)
    old = getattr(row.value(year), field) if year is not None else getattr(row, field)
    return SetValue(where, old, value), None if field == "fact" else place


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(EDIT, max_size=8))
def test_diff_from_a_snapshot_lists_exactly_the_planned_changes(store, edits):
    project_id = store.find("E4").id
    undo = store.apply([next_version(store, project_id, version_text(store.load(project_id)), "")])
    snapshot = store.load(project_id)
    version = version_project(version_text(snapshot), 1)
    first_value: dict[tuple[str, ...], str | None] = {}
    last_value: dict[tuple[str, ...], str | None] = {}
    try:
        for edit in edits:
            change, place = _edit(store.load(project_id), edit)
            undo = store.apply([change]) + undo
            if place is not None:
                first_value.setdefault(place, value_text(change.old))
                last_value[place] = value_text(change.new)
        now = store.load(project_id)
        told = [tuple(change_columns(change)) for change in compare(version, now)]
        expected = {p for p in last_value if last_value[p] != first_value[p]}
        assert {line[:4] for line in told} == expected
        assert len(told) == len(expected)
        assert all(line[2] != "факт" for line in told)
    finally:
        store.apply(undo)
