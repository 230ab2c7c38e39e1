"""Another official's change is heard by an open window's workspace; its own are not
(LISTEN/NOTIFY, storage/server_watch.py; PostgreSQL only)."""

from __future__ import annotations

import time
from decimal import Decimal

import psycopg
import pytest

from cdo_desktop.core.changes import SetValue, Where
from cdo_desktop.core.history import Section
from cdo_desktop.storage.server import open_server_store
from cdo_desktop.workspace import open_workspace
from tests.conftest import open_demo_store


@pytest.fixture
def server(servers):
    database = servers.new_database()
    official = servers.official(database)
    open_demo_store(official).close()
    store = open_server_store(official)
    yield servers, database, store
    store.close()


def plan_edit(store, new, row_number=0):
    project = store.load(store.find("E4").id)
    row = project.indicators[row_number]
    old = row.value(2021).plan
    return SetValue(Where(project.id, Section.INDICATORS, row.id, "plan", 2021), old, new)


def changed_within(workspace, before, seconds=3.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if workspace.data_version() != before:
            return True
        time.sleep(0.05)
    return False


def test_another_officials_change_is_heard_and_its_own_are_not(server):
    servers, database, store = server
    watching = open_workspace(servers.official(database))
    try:
        before = watching.data_version()
        assert not changed_within(watching, before, 0.5)  # nothing changed: no reload
        watching.store.apply([plan_edit(watching.store, Decimal(81))])
        assert not changed_within(watching, before, 0.5)  # its own edit: nothing to show
        store.apply([plan_edit(store, Decimal(80))])
        assert changed_within(watching, before)
    finally:
        watching.close()


def test_a_change_committed_after_a_later_one_is_heard_too(server):
    """The history's ids are taken at insert, not at commit: a transaction that took the
    smaller id and commits last is still heard (polling max(id) would miss it)."""
    servers, database, _ = server
    watching = open_workspace(servers.official(database))
    other = open_server_store(servers.official(database))
    try:
        slow = psycopg.connect(servers.url(database))
        slow.execute(
            "INSERT INTO change_log (at, author, project_code, section, row_number, row_name, "
            "field, detail, source) VALUES ('2026-11-27T08:00:00', 'x', 'E4', 'project', '', "
            "'', 'name', '', 'test')"
        )
        before = watching.data_version()
        other.apply([plan_edit(other, Decimal(82), 1)])
        assert changed_within(watching, before)
        before = watching.data_version()
        slow.commit()
        slow.close()
        assert changed_within(watching, before)
    finally:
        other.close()
        watching.close()


def test_listening_again_after_a_lost_connection_counts_as_a_change(server):
    servers, database, _ = server
    watching = open_workspace(servers.official(database))
    try:
        before = watching.data_version()
        with psycopg.connect(servers.url(database), autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE query LIKE 'LISTEN%%' AND datname = %s",
                (database,),
            )
        time.sleep(0.2)
        assert changed_within(watching, before)
    finally:
        watching.close()


def test_a_server_out_of_reach_is_not_tried_at_every_look(monkeypatch):
    from cdo_desktop.storage import server_watch

    tries = []

    def refused(*args, **kwargs):
        tries.append(1)
        raise psycopg.OperationalError("connection refused")

    monkeypatch.setattr(psycopg, "connect", refused)
    listener = server_watch.ChangesListener("postgresql://ivanov@127.0.0.1:1/cdo")
    counts = {listener.others_changes(None) for _ in range(5)}
    assert tries == [1] and counts == {0}
    monkeypatch.setattr(server_watch, "RETRY_SECONDS", 0.0)
    listener._retry_at = 0.0
    listener.others_changes(None)
    assert tries == [1, 1]
