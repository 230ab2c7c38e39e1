"""The schema on a server: init-server creates or upgrades it in one transaction and secures
every table, a later migration's too; a normal start never changes it (PostgreSQL only)."""

from __future__ import annotations

from types import SimpleNamespace

import psycopg
import pytest

from cdo_desktop.cli import main
from cdo_desktop.storage import access, server
from cdo_desktop.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from cdo_desktop.storage.server import ServerError, connect_server, open_server_store
from cdo_desktop.storage.tables import ALL_TABLES
from tests.conftest import open_demo_store

# A later migration as another issue would write it (SQLite and PostgreSQL alike): a table
# whose rows name their project only through a plan/fact row, one naming it by code, a column.
LATER_TABLES = [
    """CREATE TABLE row_note (
        id INTEGER PRIMARY KEY,
        row_id INTEGER NOT NULL REFERENCES plan_fact_row (id) ON DELETE CASCADE,
        text TEXT NOT NULL)""",
    "CREATE TABLE code_note (id INTEGER PRIMARY KEY, project_code TEXT NOT NULL, text TEXT)",
    "CREATE TABLE loose_note (id INTEGER PRIMARY KEY, text TEXT)",
    "ALTER TABLE project ADD COLUMN note TEXT",
]


def later_migration(fail: bool = False) -> SimpleNamespace:
    def upgrade(database) -> None:
        for statement in LATER_TABLES:
            database.execute_sql(statement)
        database.execute_sql("INSERT INTO meta (key, value) VALUES ('later', ?)", ("да",))
        if fail:
            raise RuntimeError("a migration that breaks half way")

    return SimpleNamespace(upgrade=upgrade)


@pytest.fixture
def demo_server(servers):
    database = servers.new_database()
    admin = servers.url(database, servers.role("chief", admin=True))
    open_demo_store(admin).close()
    return database, admin


def with_later_migration(monkeypatch, fail: bool = False) -> int:
    monkeypatch.setattr(server, "MIGRATIONS", [*MIGRATIONS, later_migration(fail)])
    monkeypatch.setattr(server, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    return SCHEMA_VERSION + 1


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def tables(url: str) -> set[str]:
    with psycopg.connect(url) as connection:
        rows = connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {row[0] for row in rows}


def stored_version(url: str) -> str:
    with psycopg.connect(url) as connection:
        (value,) = connection.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone()
    return str(value)


def test_every_table_names_its_project_from_the_catalog(servers):
    url = servers.url(servers.new_database())
    database = connect_server(url)
    try:
        links = access.project_links(database)
        unsecured = database.execute_sql(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = "
            "'public'::regnamespace AND NOT (relrowsecurity AND relforcerowsecurity)"
        ).fetchall()
    finally:
        database.close()
    expected = {
        "project": ("id", "id"),
        "person": ("id", "project_id"),
        "participant": ("id", "project_id"),
        "plan_fact_row": ("id", "project_id"),
        "financing_line": ("id", "project_id"),
        "plan_fact_value": (
            "id",
            "(SELECT l0.project_id FROM plan_fact_row l0 WHERE l0.id = row_id)",
        ),
        "budget_source": (
            "id",
            "(SELECT l0.project_id FROM financing_line l0 WHERE l0.id = line_id)",
        ),
        "financing_amount": (
            "id",
            "(SELECT l1.project_id FROM financing_line l1 WHERE l1.id = "
            "(SELECT l0.line_id FROM budget_source l0 WHERE l0.id = source_id))",
        ),
        "control_point": (
            "id",
            "(SELECT l0.project_id FROM plan_fact_row l0 WHERE l0.id = result_id)",
        ),
        "risk": ("id", "project_id"),
        "calendar_day": ("admin", ""),  # the ministry's calendar: cdo_admin edits it
    }
    assert {table: links[table] for table in expected} == expected
    # Every later table too: named by the catalog, none left out.
    own = {"change_log", "meta", "project_grant"}
    assert set(links) == {table._meta.table_name for table in ALL_TABLES} - own
    assert unsecured == []


def test_an_older_schema_is_refused_at_start_and_upgraded_by_init_server(
    capsys, servers, demo_server, monkeypatch
):
    database, admin = demo_server
    newer = with_later_migration(monkeypatch)
    role = servers.role("kuznetsov")
    official = servers.url(database, role)
    expected = (
        f"схема базы данных на сервере версии {SCHEMA_VERSION}, программе нужна версия "
        f"{newer} — обратитесь к администратору"
    )
    with pytest.raises(ServerError) as refused:
        open_server_store(official)
    assert expected in str(refused.value)
    code, out, err = run(capsys, "projects", "--db", official)
    assert (code, out) == (1, "") and expected in err and err.count("\n") == 1
    # A normal start changed nothing.
    assert "row_note" not in tables(admin) and stored_version(admin) == str(SCHEMA_VERSION)

    code, out, err = run(capsys, "init-server", "--db", servers.url(database))
    assert (code, err) == (0, "")
    assert f"схема базы данных обновлена с версии {SCHEMA_VERSION} до версии {newer}" in out
    assert stored_version(admin) == str(newer)
    assert run(capsys, "projects", "--db", official)[0] == 0
    # The later tables are secured like the first ones: the server refuses a role without
    # the project's grant, even on its own connection; new rows are numbered by the server.
    add_note = (
        "INSERT INTO row_note (row_id, text) SELECT r.id, 'заметка' FROM plan_fact_row r "
        "JOIN project p ON p.id = r.project_id WHERE p.code = 'E4' LIMIT 1"
    )
    for statement in (
        add_note,
        "INSERT INTO code_note (project_code, text) VALUES ('E4', 'заметка')",
        "INSERT INTO loose_note (text) VALUES ('заметка')",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with psycopg.connect(official) as connection:
                connection.execute(statement)
    assert run(capsys, "grant", role, "E4", "--db", admin)[0] == 0
    with psycopg.connect(official) as connection:
        connection.execute(add_note)
        connection.execute("INSERT INTO code_note (project_code, text) VALUES ('E4', 'да')")
        (ids,) = connection.execute("SELECT count(id) FROM row_note").fetchone()
    assert ids == 1
    with psycopg.connect(admin) as connection:  # only cdo_admin writes a table with no project
        connection.execute("INSERT INTO loose_note (text) VALUES ('заметка')")
    # Run again: nothing to upgrade, the policies applied afresh.
    code, out, _ = run(capsys, "init-server", "--db", servers.url(database))
    assert code == 0 and f"схема базы данных уже версии {newer}" in out


def test_a_failed_upgrade_leaves_the_schema_as_it_was(capsys, servers, demo_server, monkeypatch):
    database, admin = demo_server
    with_later_migration(monkeypatch, fail=True)
    before = tables(admin)
    with pytest.raises(RuntimeError):
        main(["init-server", "--db", servers.url(database)])
    assert tables(admin) == before
    assert stored_version(admin) == str(SCHEMA_VERSION)


def test_an_upgrade_that_does_not_build_the_programs_tables_is_undone(
    capsys, servers, demo_server, monkeypatch
):
    database, admin = demo_server
    monkeypatch.setattr(
        server,
        "MIGRATIONS",
        [*MIGRATIONS, SimpleNamespace(upgrade=lambda db: db.execute_sql("DROP TABLE person"))],
    )
    monkeypatch.setattr(server, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    code, _, err = run(capsys, "init-server", "--db", servers.url(database))
    assert code == 1
    assert "обновление схемы не выполнено: после него нет таблицы «person»" in err
    assert "person" in tables(admin) and stored_version(admin) == str(SCHEMA_VERSION)


def test_a_newer_schema_is_refused_by_a_start_and_left_alone_by_init_server(capsys, servers):
    database = servers.new_database()
    url = servers.url(database)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(
            "UPDATE meta SET value = %s WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),)
        )
    expected = (
        f"схема базы данных на сервере версии {SCHEMA_VERSION + 1}, программе нужна версия "
        f"{SCHEMA_VERSION} — обратитесь к администратору"
    )
    for argv in (["projects"], ["init-server"]):
        code, out, err = run(capsys, *argv, "--db", url)
        assert (code, out) == (1, "") and expected in err
    assert stored_version(url) == str(SCHEMA_VERSION + 1)


def test_an_upgrade_by_the_owner_reaches_every_projects_rows(capsys, servers, monkeypatch):
    """The tables' owner is held to the row-level security like anyone (forced), yet a
    migration that moves data must change every project's rows, granted to it or not."""
    servers.new_database()  # the cluster's roles exist
    owner = servers.role("owner")
    database = f"cdo_test_{servers.tag}_owned"
    with psycopg.connect(servers.admin_url, autocommit=True) as connection:
        connection.execute(f"ALTER ROLE {owner} CREATEROLE")
        connection.execute(f"CREATE DATABASE {database} OWNER {owner}")
    servers.databases.insert(0, database)
    owner_url = servers.url(database, owner)
    assert run(capsys, "init-server", "--db", owner_url)[0] == 0
    open_demo_store(servers.url(database, servers.role("chief", admin=True))).close()
    moving = SimpleNamespace(
        upgrade=lambda db: [
            db.execute_sql("ALTER TABLE project ADD COLUMN note TEXT"),
            db.execute_sql("UPDATE project SET note = ?", ("перенесено",)),
        ]
    )
    monkeypatch.setattr(server, "MIGRATIONS", [*MIGRATIONS, moving])
    monkeypatch.setattr(server, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    code, _, err = run(capsys, "init-server", "--db", owner_url)
    assert (code, err) == (0, "")
    with psycopg.connect(servers.url(database)) as connection:
        notes = connection.execute("SELECT code, note FROM project").fetchall()
        unforced = connection.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = "
            "'public'::regnamespace AND NOT relforcerowsecurity"
        ).fetchall()
    assert notes == [("E4", "перенесено")]
    assert unforced == []
    with psycopg.connect(servers.url(database)) as connection:
        told = connection.execute(
            "SELECT author, field, old, new, source FROM change_log WHERE project_code = ''"
        ).fetchall()
    assert told == [
        (
            owner,
            "schema",
            str(SCHEMA_VERSION),
            str(SCHEMA_VERSION + 1),
            "обновление схемы базы данных",
        )
    ]
