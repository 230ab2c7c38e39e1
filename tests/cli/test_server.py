"""The command line on both engines, and what only a server has: init-server, access by project
enforced by the server itself, copying between a file and a server, the server's faults."""

from __future__ import annotations

import json
import socket

import psycopg
import pytest

from cdo_desktop.cli import main
from cdo_desktop.storage.migrations import SCHEMA_VERSION
from tests.conftest import open_demo_store
from tests.older_schema import strip_to


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def demo_location(new_location) -> str:
    location = new_location()
    open_demo_store(location).close()
    return location


# ---------------------------------------------------------------------- both engines


def test_dump_load_dump_round_trip(capsys, new_location, tmp_path):
    source = demo_location(new_location)
    code, first, err = run(capsys, "dump", "--db", source)
    assert (code, err) == (0, "")
    document = json.loads(first)
    document["projects"][0]["code"] = "E5"
    (tmp_path / "e5.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "load", "--db", source, tmp_path / "e5.json")[0] == 0
    code, both, _ = run(capsys, "dump", "--db", source)
    (tmp_path / "both.json").write_text(both, encoding="utf-8")
    target = new_location()
    if not target.startswith("postgresql"):
        assert run(capsys, "projects", "--no-demo", "--db", target)[0] == 0
    assert run(capsys, "load", "--db", target, tmp_path / "both.json")[0] == 0
    assert run(capsys, "dump", "--db", target)[1] == both
    assert [p["code"] for p in json.loads(both)["projects"]] == ["E4", "E5"]


def test_check_history_and_summary(capsys, new_location, tmp_path):
    location = demo_location(new_location)
    code, out, _ = run(capsys, "check", "--db", location)
    assert out.startswith("E4 «Цифровая образовательная среда»")
    assert "Ошибок:" in out and code in (0, 1)
    code, out, err = run(capsys, "history", "--db", location, "--project", "E4")
    assert (code, err) == (0, "")
    assert "E4 «Цифровая образовательная среда»" in out
    code, out, err = run(capsys, "summary", tmp_path / "s.pdf", "--db", location)
    assert (code, err) == (0, "")
    assert (tmp_path / "s.pdf").stat().st_size > 1000


def test_access_commands_on_a_file_exit_1(capsys, db_path):
    for argv in (["grant", "ivanov", "E4"], ["revoke", "ivanov", "E4"], ["grants"]):
        code, out, err = run(capsys, *argv, "--db", db_path)
        assert (code, out) == (1, "")
        assert err == "cdo-desktop: ошибка: права доступа есть только на сервере\n"


# ---------------------------------------------------------------------- the server


@pytest.fixture
def server(servers):
    """A server database with the demo project, loaded by an administrator's role."""
    database = servers.new_database()
    admin = servers.url(database, servers.role("chief", admin=True))
    open_demo_store(admin).close()
    return database, admin


def test_a_normal_start_never_creates_a_schema(capsys, servers):
    database = f"cdo_test_{servers.tag}_empty"
    with psycopg.connect(servers.admin_url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {database}")
    servers.databases.append(database)
    url = servers.url(database)
    code, out, err = run(capsys, "projects", "--db", url)
    assert (code, out) == (1, "")
    assert "init-server" in err and "обратитесь к администратору" in err
    assert err.count("\n") == 1
    with psycopg.connect(url) as connection:
        (tables,) = connection.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()
    assert tables == 0
    code, out, _ = run(capsys, "init-server", "--db", url)
    assert code == 0 and f"схема базы данных создана (версия {SCHEMA_VERSION})" in out
    assert run(capsys, "projects", "--db", url)[:2] == (0, "В базе нет проектов.\n")


def test_an_older_or_newer_schema_is_refused_naming_both_versions(capsys, servers):
    database = servers.new_database()
    url = servers.url(database)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("UPDATE meta SET value = '9' WHERE key = 'schema_version'")
    code, _, err = run(capsys, "projects", "--db", url)
    assert code == 1
    assert (
        f"схема базы данных на сервере версии 9, программе нужна версия {SCHEMA_VERSION} — "
        "обратитесь к администратору" in err
    )
    # init-server leaves a newer schema alone too.
    assert run(capsys, "init-server", "--db", url)[0] == 1
    with psycopg.connect(url) as connection:
        (value,) = connection.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone()
    assert value == "9"


def _raw_edit(url: str) -> int:
    """An official's raw UPDATE of E4's figures on their own connection: rows changed."""
    with psycopg.connect(url) as connection:
        cursor = connection.execute(
            "UPDATE plan_fact_value SET plan = '1' WHERE row_id IN (SELECT r.id FROM "
            "plan_fact_row r JOIN project p ON p.id = r.project_id WHERE p.code = 'E4')"
        )
        return cursor.rowcount


def _plans(url: str) -> list[str]:
    with psycopg.connect(url) as connection:
        return [row[0] for row in connection.execute("SELECT plan FROM plan_fact_value")]


def test_a_role_writes_only_where_it_is_granted_even_through_raw_sql(capsys, servers, server):
    database, admin = server
    role = servers.role("ivanov")
    url = servers.url(database, role)
    before = _plans(admin)
    # Without a grant the server itself refuses: rows are out of reach, new ones are rejected.
    assert _raw_edit(url) == 0
    with psycopg.connect(url) as connection:
        assert connection.execute("DELETE FROM project").rowcount == 0
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with psycopg.connect(url) as connection:
            connection.execute(
                "INSERT INTO person (project_id, sort_order, role, name) "
                "SELECT id, 9, 'эксперт', 'Чужой' FROM project WHERE code = 'E4'"
            )
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with psycopg.connect(url) as connection:
            connection.execute("INSERT INTO project_grant VALUES (%s, 'E4')", (role,))
    assert _plans(admin) == before
    # Only cdo_admin grants, and the program says so.
    code, _, err = run(capsys, "grant", role, "E4", "--db", url)
    assert code == 1 and "только члены роли cdo_admin" in err
    # The administrator grants: accepted.
    code, out, err = run(capsys, "grant", role, "E4", "--db", admin)
    assert (code, err) == (0, "")
    assert out == f"Роль {role}: проект E4 — изменение разрешено\n"
    assert f"{role}\tE4\n" in run(capsys, "grants", "--db", admin)[1]
    assert _raw_edit(url) > 0
    # Revoked: refused again.
    code, out, _ = run(capsys, "revoke", role, "E4", "--db", admin)
    assert (code, out) == (0, f"Роль {role}: проект E4 — изменение запрещено\n")
    assert f"{role}\tE4" not in run(capsys, "grants", "--db", admin)[1]
    edited = _plans(admin)
    assert _raw_edit(url) == 0
    assert _plans(admin) == edited


def test_a_load_without_a_grant_is_refused_and_changes_nothing(capsys, servers, server, tmp_path):
    database, admin = server
    url = servers.url(database, servers.role("petrov"))
    document = json.loads(run(capsys, "dump", "--db", admin)[1])
    document["projects"][0]["name"] = "Чужое название"
    path = tmp_path / "e4.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    before = run(capsys, "dump", "--db", admin)[1]
    code, out, err = run(capsys, "load", "--db", url, path)
    assert (code, out) == (1, "")
    assert "нет права на изменение" in err and err.count("\n") == 1
    assert run(capsys, "dump", "--db", admin)[1] == before


def test_the_creator_of_a_project_becomes_its_editor_and_the_history_names_the_role(
    capsys, servers, server, tmp_path
):
    database, admin = server
    role = servers.role("sidorov")
    url = servers.url(database, role)
    document = json.loads(run(capsys, "dump", "--db", admin)[1])
    document["projects"][0]["code"] = "E9"
    path = tmp_path / "e9.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "load", "--db", url, path)[0] == 0
    assert f"{role}\tE9\n" in run(capsys, "grants", "--db", admin)[1]
    history = run(capsys, "history", "--db", admin, "--project", "E9")[1]
    assert f"\t{role}\tE9\t" in history


def test_copy_file_to_server_to_file_gives_the_same_dump(capsys, servers, db_path, tmp_path):
    assert run(capsys, "projects", "--db", db_path)[0] == 0  # the demo file
    before = run(capsys, "dump", "--db", db_path)[1]
    history_before = run(capsys, "history", "--db", db_path)[1]
    url = servers.url(servers.new_database(), servers.role("copier", admin=True))
    code, out, err = run(capsys, "copy", "--db", db_path, "--to", url)
    assert (code, err, out) == (0, "", "Скопировано проектов: 1 (E4)\n")
    assert run(capsys, "grants", "--db", url)[1] == ""  # not given to the copying role
    back = tmp_path / "back.sqlite"
    assert run(capsys, "copy", "--db", url, "--to", back)[0] == 0
    assert run(capsys, "dump", "--db", back)[1] == before
    assert run(capsys, "history", "--db", back)[1] == history_before
    # A code already in the target is an error unless --replace.
    code, out, err = run(capsys, "copy", "--db", db_path, "--to", url)
    assert code == 1 and "--replace" in err
    assert run(capsys, "copy", "--db", db_path, "--to", url, "--replace")[0] == 0
    assert run(capsys, "dump", "--db", url)[1] == before


def test_backup_of_a_server_is_a_sqlite_snapshot(capsys, server, tmp_path):
    _, admin = server
    out_file = tmp_path / "snapshot.sqlite"
    code, _, err = run(capsys, "backup", out_file, "--db", admin)
    assert (code, err) == (0, "")
    assert run(capsys, "dump", "--db", out_file)[1] == run(capsys, "dump", "--db", admin)[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_server_faults_are_one_russian_line(capsys, servers, server):
    database, _ = server
    refused = f"postgresql://nobody@127.0.0.1:{_free_port()}/cdo"
    code, out, err = run(capsys, "projects", "--db", refused)
    assert (code, out) == (1, "")
    assert "сервер не принимает подключения" in err and err.count("\n") == 1
    wrong = servers.url(database, "official_nobody", "wrong")
    code, _, err = run(capsys, "projects", "--db", wrong)
    assert code == 1 and "неверное имя пользователя или пароль" in err
    assert "wrong" not in err  # the password is never shown


def test_restore_one_project_or_the_whole_server_from_a_snapshot(capsys, servers, server, tmp_path):
    database, admin = server
    snapshot = tmp_path / "snapshot.sqlite"
    assert run(capsys, "backup", snapshot, "--db", admin)[0] == 0
    saved = run(capsys, "dump", "--db", admin)[1]
    document = json.loads(saved)
    document["projects"][0]["name"] = "Изменённое название"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "load", "--db", admin, changed)[0] == 0
    document["projects"][0]["code"] = "E9"
    extra = tmp_path / "e9.json"
    extra.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "load", "--db", admin, extra)[0] == 0
    # One project: its editor restores it; the others stay.
    code, out, err = run(capsys, "restore", snapshot, "--project", "E4", "--db", admin)
    assert (code, err) == (0, "") and "Восстановлено" in out and "(E4)" in out
    codes = [p["code"] for p in json.loads(run(capsys, "dump", "--db", admin)[1])["projects"]]
    assert codes == ["E4", "E9"]
    # The whole database is for cdo_admin only.
    official = servers.official(database)
    code, _, err = run(capsys, "restore", snapshot, "--db", official)
    assert code == 1 and "cdo_admin" in err
    assert run(capsys, "restore", snapshot, "--db", admin)[0] == 0
    assert run(capsys, "dump", "--db", admin)[1] == saved


def test_restore_one_project_on_a_file(capsys, db_path, tmp_path):
    assert run(capsys, "projects", "--db", db_path)[0] == 0
    snapshot = tmp_path / "copy.sqlite"
    assert run(capsys, "backup", snapshot, "--db", db_path)[0] == 0
    saved = run(capsys, "dump", "--db", db_path)[1]
    document = json.loads(saved)
    document["projects"][0]["goal"] = "Другая цель"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "load", "--db", db_path, changed)[0] == 0
    assert run(capsys, "restore", snapshot, "--project", "E4", "--db", db_path)[0] == 0
    assert run(capsys, "dump", "--db", db_path)[1] == saved
    code, _, err = run(capsys, "restore", snapshot, "--project", "X1", "--db", db_path)
    assert code == 1 and "X1" in err


def test_the_window_opens_on_a_server_address_and_no_file_is_made(capsys, tmp_path, monkeypatch):
    from cdo_desktop import app

    opened = []
    monkeypatch.setattr(app, "run_gui", lambda where, demo, *rest: opened.append(where) or 0)
    monkeypatch.chdir(tmp_path)
    address = "postgresql://ivanov@127.0.0.1:1/cdo"
    for argv in (["--db", address], []):
        if not argv:
            monkeypatch.setenv("CDO_DB", address)
        assert run(capsys, *argv) == (0, "", "")
    assert opened == [address, address]
    assert list(tmp_path.iterdir()) == []


def test_a_load_on_a_server_first_saves_the_projects_it_changes(capsys, server, tmp_path):
    from cdo_desktop import paths

    _, admin = server
    document = json.loads(run(capsys, "dump", "--db", admin)[1])
    document["projects"][0]["code"] = "E9"
    new = tmp_path / "e9.json"
    new.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "load", "--db", admin, new)[0] == 0
    folder = paths.user_data_dir() / "backups"
    assert not folder.exists()  # a new project: nothing to save first
    document["projects"][0]["name"] = "Другое название"
    assert run(capsys, "load", "--db", admin, new)[0] == 0
    [snapshot] = list(folder.glob("server-*/*-load.sqlite"))
    code, out, _ = run(capsys, "projects", "--db", snapshot)
    assert code == 0 and out.startswith("E9\t") and out.count("\n") == 1


def test_init_server_adds_the_tables_of_later_versions(capsys, servers):
    """A server made at schema 4 gets every later migration's tables and columns from
    init-server, with their policies; its projects stay."""
    database = servers.new_database()
    url = servers.url(database)
    with psycopg.connect(url, autocommit=True) as connection:
        strip_to(4, connection.execute, cascade=True)  # every later table and column
        connection.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    assert run(capsys, "projects", "--db", url)[0] == 1  # refused until upgraded
    code, out, _ = run(capsys, "init-server", "--db", url)
    assert code == 0 and f"с версии 4 до версии {SCHEMA_VERSION}" in out
    with psycopg.connect(url) as connection:
        (value,) = connection.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone()
        (secured,) = connection.execute(
            "SELECT relrowsecurity FROM pg_class WHERE relname = 'control_point'"
        ).fetchone()
    assert value == str(SCHEMA_VERSION) and secured
    assert run(capsys, "control-points", "--db", url)[0] == 0
