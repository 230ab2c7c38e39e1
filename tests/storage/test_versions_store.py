"""Passport versions and change request drafts in the store: written by Store.apply with history
and an inverse, kept when the database is closed and opened again, carried by `copy`."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from cdo_desktop.core.changes import ChangeConflict, SetValue, Where
from cdo_desktop.core.history import Section
from cdo_desktop.core.versions import RequestDraft, compare, draft_changes, sent_change
from cdo_desktop.exchange.version_document import version_project, version_text
from cdo_desktop.storage.copying import copy_projects
from cdo_desktop.storage.versions import list_versions, next_version, read_draft
from tests.conftest import open_demo_store, open_store_at

# Every test here runs on both engines (`new_location`: a SQLite file, a PostgreSQL database).


@pytest.fixture
def location(new_location):
    return new_location()


@pytest.fixture
def store(location):
    opened = open_demo_store(location)
    yield opened
    opened.close()


def e4_id(store) -> int:
    return store.find("E4").id


def snapshot(store, basis=""):
    project_id = e4_id(store)
    change = next_version(store, project_id, version_text(store.load(project_id)), basis)
    return store.apply([change], "тест")


def set_plan(store, value):
    project = store.load(e4_id(store))
    row = project.indicators[0]
    where = Where(project.id, Section.INDICATORS, row.id, "plan", 2021)
    store.apply([SetValue(where, row.value(2021).plan, value)])


def test_versions_are_numbered_per_project_told_in_the_history_and_undone(store):
    snapshot(store, "утверждён")
    undo = snapshot(store)
    versions = list_versions(store, e4_id(store))
    assert [(v.number, v.basis) for v in versions] == [(1, "утверждён"), (2, "")]
    assert versions[0].author and versions[0].at[:4].isdigit()
    entry = store.history(project_code="E4", limit=1)[0]
    assert (entry.change.where(), entry.change.new_shown()) == ("Паспорт, версия", "версия 2")
    store.apply(undo)
    assert [v.number for v in list_versions(store, e4_id(store))] == [1]


def test_a_version_fixed_meanwhile_elsewhere_is_a_conflict_that_writes_nothing(store):
    project_id = e4_id(store)
    stale = next_version(store, project_id, version_text(store.load(project_id)), "")
    snapshot(store)
    with pytest.raises(ChangeConflict):
        store.apply([stale])
    assert [v.number for v in list_versions(store, project_id)] == [1]


def test_a_version_keeps_the_planned_side_and_compares_to_now(store):
    snapshot(store)
    set_plan(store, Decimal("99"))
    project = store.load(e4_id(store))
    version = list_versions(store, project.id)[0]
    changes = compare(version_project(version.document, 1), project)
    assert [(c.where(), c.new) for c in changes] == [("Показатель № 1, 2021, план", "99")]


def test_justifications_survive_closing_and_a_copy(location, store, tmp_path):
    snapshot(store)
    set_plan(store, Decimal("99"))
    project_id = e4_id(store)
    version = version_project(list_versions(store, project_id)[0].document, 1)
    [change] = compare(version, store.load(project_id))
    assert change.where() == "Показатель № 1, 2021, план"
    wanted = RequestDraft(1, "по закону о бюджете", {"Показатель № 1, 2021, план": "уточнение"})
    store.apply(draft_changes(project_id, None, wanted))
    store.close()

    reopened = open_store_at(location)
    try:
        assert read_draft(reopened, e4_id(reopened)) == wanted
        copy_path = tmp_path / "copy.sqlite"
        target = open_store_at(str(copy_path))
        try:
            copy_projects(reopened, target)
            copied_id = e4_id(target)
            assert read_draft(target, copied_id) == wanted
            assert [v.number for v in list_versions(target, copied_id)] == [1]
            [copied] = list_versions(target, copied_id)
            [original] = list_versions(reopened, e4_id(reopened))
            assert replace(copied, id=None) == replace(original, id=None)
        finally:
            target.close()
    finally:
        reopened.close()


def test_a_draft_is_edited_later_and_marking_it_sent_fixes_a_new_version(store):
    snapshot(store)
    project_id = e4_id(store)
    first = RequestDraft(1, "", {"Показатель № 1, 2021, план": "уточнение"})
    store.apply(draft_changes(project_id, None, first))
    edited = RequestDraft(1, "общее основание", {})
    store.apply(draft_changes(project_id, read_draft(store, project_id), edited))
    assert read_draft(store, project_id) == edited

    document = version_text(store.load(project_id))
    undo = store.apply([sent_change(project_id), next_version(store, project_id, document, "")])
    assert read_draft(store, project_id) is None
    assert [v.number for v in list_versions(store, project_id)] == [1, 2]
    store.apply(undo)
    assert read_draft(store, project_id) == edited
    assert [v.number for v in list_versions(store, project_id)] == [1]


def test_a_justification_changed_elsewhere_is_a_conflict(store):
    snapshot(store)
    project_id = e4_id(store)
    store.apply(draft_changes(project_id, None, RequestDraft(1, "", {"ключ": "первое"})))
    where = Where(project_id, Section.REQUEST, "ключ", "justification")
    with pytest.raises(ChangeConflict):
        store.apply([SetValue(where, None, "второе")])
    assert read_draft(store, project_id).justifications == {"ключ": "первое"}


def test_versions_and_drafts_go_with_their_project(store):
    snapshot(store)
    project_id = e4_id(store)
    store.apply(draft_changes(project_id, None, RequestDraft(1, "x", {"ключ": "т"})))
    store.delete(project_id)
    for table in ("passport_version", "change_request", "change_justification"):
        assert store.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
