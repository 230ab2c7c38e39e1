"""The server's faults in the middle of work: one Russian line each, nothing lost, a retry
works (PostgreSQL only)."""

from __future__ import annotations

from decimal import Decimal

import psycopg
import pytest

from cdo_desktop.core.changes import SetValue, Where
from cdo_desktop.core.history import Section
from cdo_desktop.storage.server import ServerError, open_server_store
from tests.conftest import open_demo_store


@pytest.fixture
def server(servers):
    database = servers.new_database()
    official = servers.official(database)
    open_demo_store(official).close()
    store = open_server_store(official)
    yield servers, database, store
    store.close()


def first_plan_edit(store, new):
    project = store.load(store.find("E4").id)
    row = project.indicators[0]
    old = row.value(2021).plan
    return SetValue(Where(project.id, Section.INDICATORS, row.id, "plan", 2021), old, new)


def stored_first_plan(url):
    store = open_server_store(url)
    try:
        return store.load(store.find("E4").id).indicators[0].value(2021).plan
    finally:
        store.close()


def test_a_lost_connection_mid_edit_is_told_and_the_edit_can_be_retried(server):
    servers, database, store = server
    edit = first_plan_edit(store, Decimal(77))
    (pid,) = store.execute("SELECT pg_backend_pid()").fetchone()
    with psycopg.connect(servers.url(database), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with pytest.raises(ServerError) as caught:
        store.apply([edit])
    assert "соединение с сервером потеряно; изменение не сохранено, повторите его" in str(
        caught.value
    )
    assert "\n" not in str(caught.value)
    assert stored_first_plan(servers.official(database)) == edit.old
    store.apply([edit])  # the retry connects again
    assert stored_first_plan(servers.official(database)) == Decimal(77)


def test_a_statement_timeout_is_told_and_nothing_is_written(server):
    servers, database, store = server
    edit = first_plan_edit(store, Decimal(78))
    store.execute("SET statement_timeout = 300")
    with psycopg.connect(servers.url(database)) as admin:
        admin.execute("SELECT id FROM project WHERE code = 'E4' FOR UPDATE")  # held meanwhile
        with pytest.raises(ServerError) as caught:
            store.apply([edit])
        assert "сервер прервал слишком долгую операцию" in str(caught.value)
        admin.rollback()
    assert stored_first_plan(servers.official(database)) == edit.old
    store.apply([edit])
    assert stored_first_plan(servers.official(database)) == Decimal(78)


def test_an_edit_without_a_grant_is_refused_by_the_server(server):
    servers, database, _ = server
    outsider = open_server_store(servers.url(database, servers.role("outsider")))
    try:
        edit = first_plan_edit(outsider, Decimal(79))
        with pytest.raises(ServerError) as caught:
            outsider.apply([edit])
        assert "нет права на изменение" in str(caught.value)
        assert len(outsider.history(project_code="E4")) == 1  # only the project's creation
    finally:
        outsider.close()
    assert stored_first_plan(servers.official(database)) == edit.old


def test_test_roles_own_no_table(server):
    servers, database, _ = server
    with psycopg.connect(servers.url(database)) as admin:
        owners = {
            row[0]
            for row in admin.execute(
                "SELECT tableowner FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
        }
    assert f"official_{servers.tag}" not in owners
