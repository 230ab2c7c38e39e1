"""The store alone, without Qt: apply, conflicts, inverses, history; two stores in one process."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdo_desktop.core.changes import (
    AddItem,
    ChangeConflict,
    MoveItem,
    RemoveItem,
    SetValue,
    Where,
)
from cdo_desktop.core.diff import diff_project
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import BudgetSource, Person, PlanFact, PlanFactRow, RowKind
from cdo_desktop.exchange.json_format import parse_document_text, to_document, write_document
from cdo_desktop.workspace import demo_projects
from tests.conftest import open_demo_store

# Every test here runs on both engines (`new_location`: a SQLite file, a PostgreSQL database).


@pytest.fixture
def store(new_location):
    opened = open_demo_store(new_location())
    yield opened
    opened.close()


def dump(store):
    return write_document(to_document(store.load_all()))


def e4(store):
    return store.load(store.find("E4").id)


def test_a_value_is_written_in_place_recorded_and_undone(store):
    project = e4(store)
    row = project.indicators[2]
    where = Where(project.id, Section.INDICATORS, row.id, "plan", 2021)
    before = dump(store)
    undo = store.apply([SetValue(where, Decimal("38.28"), Decimal("40"))])
    assert e4(store).indicators[2].value(2021).plan == 40
    assert e4(store).indicators[2].id == row.id
    entry = store.history(limit=1)[0]
    assert (entry.change.section, entry.change.row_number, entry.change.year) == (
        Section.INDICATORS,
        row.number,
        2021,
    )
    assert (entry.change.old, entry.change.new) == ("38.28", "40")
    assert undo == [SetValue(where, Decimal("40"), Decimal("38.28"))]
    store.apply(undo)
    assert dump(store) == before


def test_a_conflict_names_the_cell_and_both_values_and_writes_nothing(store):
    project = e4(store)
    row = project.indicators[2]
    fact = row.value(2020).fact
    first = SetValue(Where(project.id, Section.INDICATORS, row.id, "fact", 2020), fact, Decimal(39))
    stale = SetValue(
        Where(project.id, Section.INDICATORS, row.id, "plan", 2021), Decimal("1"), Decimal("2")
    )
    before, entries = dump(store), len(store.history())
    with pytest.raises(ChangeConflict) as caught:
        store.apply([first, stale])
    message = str(caught.value)
    assert "№ 3" in message and "2021" in message and "план" in message
    assert "38,28" in message and "1" in message
    assert dump(store) == before
    assert len(store.history()) == entries


def test_removing_a_row_changed_since_is_a_conflict(store):
    project = e4(store)
    row = project.results[0]
    [undo] = store.apply([AddItem(Where(project.id, Section.RESULTS), _row("9", "Новый"), 1)])
    added = undo.where.item
    store.apply(
        [SetValue(Where(project.id, Section.RESULTS, added, "name"), "Новый", "Чужая правка")]
    )
    with pytest.raises(ChangeConflict):
        store.apply([undo])
    assert any(r.id == added for r in e4(store).results)
    assert e4(store).results[0].id == row.id


def test_undo_of_an_addition_removes_exactly_that_row_after_others_were_inserted(store):
    project = e4(store)
    [undo] = store.apply([AddItem(Where(project.id, Section.INDICATORS), _row("9", "Мой"), 3)])
    # Another copy inserts a row above it.
    store.apply([AddItem(Where(project.id, Section.INDICATORS), _row("0", "Чужой"), 0)])
    store.apply([undo])
    names = [r.name for r in e4(store).indicators]
    assert "Мой" not in names and names[0] == "Чужой"
    assert len(names) == len(project.indicators) + 1


def test_a_budget_source_is_added_renamed_and_removed_with_its_amounts(store):
    project = e4(store)
    line = project.financing[0]
    before = dump(store)
    source = BudgetSource("из них ФБ", values={2020: Decimal("1.5")})
    where = Where(project.id, Section.SOURCES, parent=line.id)
    undo_add = store.apply([AddItem(where, source, len(line.sources))])
    added = undo_add[0].where.item
    undo_rename = store.apply(
        [
            SetValue(
                Where(project.id, Section.SOURCES, added, "name", parent=line.id), "из них ФБ", "ФБ"
            )
        ]
    )
    stored = e4(store).financing[0].sources[-1]
    assert (stored.name, stored.values) == ("ФБ", {2020: Decimal("1.5")})
    store.apply(undo_rename)
    store.apply(undo_add)
    assert dump(store) == before


def test_a_moved_row_keeps_its_id_and_the_move_is_recorded(store):
    project = e4(store)
    last = project.indicators[-1]
    undo = store.apply(
        [MoveItem(Where(project.id, Section.INDICATORS, last.id), len(project.indicators) - 1, 0)]
    )
    assert e4(store).indicators[0].id == last.id
    assert store.history(limit=1)[0].change.field == "order"
    store.apply(undo)
    assert [r.id for r in e4(store).indicators] == [r.id for r in project.indicators]


def test_loading_an_unchanged_dump_writes_nothing(store):
    before_entries = len(store.history())
    ids = [r.id for r in e4(store).indicators]
    store.replace(parse_document_text(dump(store)))
    assert len(store.history()) == before_entries
    assert [r.id for r in e4(store).indicators] == ids


def test_a_load_keeps_the_ids_of_rows_it_matches(store):
    second = demo_projects()[0]
    second.code = "E2"
    store.replace([second])
    [document] = [p for p in parse_document_text(dump(store)) if p.code == "E4"]
    document.indicators[1].values[2020] = PlanFact(Decimal(1), Decimal(2))
    document.results.pop(0)
    ids = [r.id for r in e4(store).indicators]
    entries = len(store.history())
    store.replace([document])
    assert [r.id for r in e4(store).indicators] == ids
    assert len(store.history()) == entries + 3  # plan, fact, the removed result


def test_two_stores_on_two_databases_never_mix(new_location):
    first, second = open_demo_store(new_location()), open_demo_store(new_location())
    try:
        untouched = dump(second)
        project = e4(first)
        row = project.indicators[0]
        where = Where(project.id, Section.INDICATORS, row.id, "name")
        first.apply([SetValue(where, row.name, "Только в первой")])
        first.apply(
            [AddItem(Where(project.id, Section.PERSONS), Person("эксперт", "И. И. Иванов"), 9)]
        )
        assert e4(first).indicators[0].name == "Только в первой"
        assert dump(second) == untouched
        assert len(second.history()) == 1  # the demo project's creation only
    finally:
        first.close()
        second.close()


def _row(number, name):
    return PlanFactRow(number, name, "единиц", values={2020: PlanFact(Decimal(1), None)})


# ---------------------------------------------------------------------------- property


@st.composite
def change_steps(draw):
    """Kinds of edits with random choices; turned into changes against the stored state."""
    return draw(
        st.lists(
            st.tuples(
                st.sampled_from(
                    ["value", "name", "add", "remove", "move", "amount", "person", "participant"]
                ),
                st.integers(0, 50),
                st.integers(0, 50),
                st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False).map(
                    lambda d: d.normalize() if d else Decimal(0)
                )
                | st.none(),
            ),
            min_size=1,
            max_size=12,
        )
    )


def _change(store, step):
    kind, a, b, number = step
    project = e4(store)
    rows = project.indicators
    section = Section.INDICATORS
    if kind == "value" and rows:
        row = rows[a % len(rows)]
        year = project.first_year + b % len(project.years)
        field = "plan" if a % 2 else "fact"
        old = getattr(row.value(year), field)
        return SetValue(Where(project.id, section, row.id, field, year), old, number)
    if kind == "name" and rows:
        row = rows[a % len(rows)]
        return SetValue(Where(project.id, section, row.id, "name"), row.name, f"{row.name}!")
    if kind == "add":
        return AddItem(Where(project.id, section), _row(str(a), f"Строка {b}"), b)
    if kind == "remove" and rows:
        row = rows[a % len(rows)]
        return RemoveItem(Where(project.id, section, row.id), row, a % len(rows))
    if kind == "move" and rows:
        row = rows[a % len(rows)]
        return MoveItem(Where(project.id, section, row.id), a % len(rows), b % len(rows))
    if kind == "amount":
        source = project.financing[a % len(project.financing)].sources[0]
        year = project.first_year + b % len(project.years)
        where = Where(project.id, Section.SOURCES, source.id, "amount", year)
        return SetValue(where, source.values.get(year), number)
    if kind == "person":
        person = project.persons[a % len(project.persons)]
        where = Where(project.id, Section.PERSONS, person.id, "position")
        return SetValue(where, person.position, f"{person.position} {b}")
    name = f"Участник {a}"
    if name in project.participants:
        return RemoveItem(Where(project.id, Section.PARTICIPANTS, name), name, 0)
    return AddItem(Where(project.id, Section.PARTICIPANTS), name, b)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(batches=st.lists(change_steps(), min_size=1, max_size=4))
def test_changes_then_their_inverses_give_back_the_same_dump(new_location, batches):
    store = open_demo_store(new_location())
    try:
        before = dump(store)
        entries = len(store.history())
        undos, effective = [], 0
        for steps in batches:
            for step in steps:
                change = _change(store, step)
                if change is None:
                    continue
                undo = store.apply([change])
                recorded = len(store.history()) - entries
                entries += recorded
                effective += recorded
                undos.append(undo)
        for undo in reversed(undos):
            store.apply(undo)
        assert dump(store) == before
        # Every change that changed something is in the history once, and so is its undo.
        assert len(store.history()) - entries == effective
    finally:
        store.close()


def test_the_diff_of_a_project_with_itself_is_empty(store):
    project = e4(store)
    assert diff_project(project, e4(store)) == []
    assert RowKind.INDICATOR  # the kinds the diff walks


def test_a_file_store_does_not_load_the_postgresql_driver(tmp_path):
    """peewee would import psycopg (~90 ms of every start); a file never needs it."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; "
        "from cdo_desktop.storage.database import open_store; "
        "s = open_store(Path(sys.argv[1])); s.summaries(); "
        "print('psycopg' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "f.sqlite")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_a_project_is_made_and_removed_by_changes_and_undone(store):
    second = demo_projects()[0]
    second.code, second.name = "E2", "Второй"
    [undo_add] = store.apply([AddItem(Where(0, Section.PROJECT), second, 0)], "загрузка")
    project_id = undo_add.where.item
    assert store.find("E2").id == project_id
    assert store.history(limit=1)[0].change.field == "project"
    # Changed by someone since: the removal is refused, the project stays.
    row = store.load(project_id).indicators[0]
    store.apply(
        [SetValue(Where(project_id, Section.INDICATORS, row.id, "name"), row.name, "Чужая")]
    )
    with pytest.raises(ChangeConflict):
        store.apply([undo_add])
    store.delete(project_id)
    assert [s.code for s in store.summaries()] == ["E4"]
