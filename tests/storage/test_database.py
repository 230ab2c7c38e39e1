"""Schema versions: new files, migrations of older ones, refusal of newer and foreign ones."""

from __future__ import annotations

import sqlite3

import pytest

from cdo_desktop.core.errors import DatabaseFileError
from cdo_desktop.storage.database import connect, open_database, schema_version
from cdo_desktop.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from cdo_desktop.storage.tables import ALL_TABLES
from cdo_desktop.workspace import open_workspace


def _columns(path, table):
    raw = sqlite3.connect(path)
    try:
        return {row[1] for row in raw.execute(f"PRAGMA table_info({table})")}
    finally:
        raw.close()


def test_new_database_has_the_current_schema_matching_the_tables(workspace, db_path):
    assert schema_version(workspace.database) == SCHEMA_VERSION
    for table in ALL_TABLES:
        expected = {field.column_name for field in table._meta.sorted_fields}
        assert _columns(db_path, table._meta.table_name) == expected, table.__name__


def test_connection_settings_keep_data_safe(workspace):
    assert workspace.database.pragma("foreign_keys") == 1
    assert workspace.database.pragma("journal_mode") == "delete"
    assert workspace.database.pragma("synchronous") == 2  # FULL


def _database_at_version_1(path):
    database = connect(path)
    with database.atomic():
        MIGRATIONS[0].upgrade(database)
        database.pragma("user_version", 1)
    database.execute_sql(
        "INSERT INTO project (code, name, first_year, last_year) "
        "VALUES ('E4', 'Старый', 2019, 2024)"
    )
    database.execute_sql(
        "INSERT INTO plan_fact_row (project_id, kind, sort_order, number, name) "
        "VALUES (1, 'indicator', 0, '1', 'Показатель')"
    )
    database.execute_sql(
        "INSERT INTO plan_fact_value (row_id, year, plan) VALUES (1, 2021, '38.28')"
    )
    database.close()


def test_older_schema_is_migrated_after_a_copy_is_put_aside(db_path):
    _database_at_version_1(db_path)
    before = db_path.read_bytes()
    store = open_workspace(db_path)
    try:
        assert schema_version(store.database) == SCHEMA_VERSION
        project = store.store.load(store.store.find("E4").id)
        assert str(project.indicators[0].value(2021).plan) == "38.28"
        assert [s.code for s in store.store.summaries()] == ["E4"], "no demo in an old file"
    finally:
        store.close()
    assert "updated_at" in _columns(db_path, "project")
    copies = list((db_path.parent / "backups").glob("*.sqlite"))
    assert len(copies) == 1
    old = sqlite3.connect(copies[0])
    assert old.execute("PRAGMA user_version").fetchone() == (1,)
    assert old.execute("SELECT name FROM project").fetchone() == ("Старый",)
    old.close()
    assert db_path.read_bytes() != before


def test_a_damaged_old_file_is_not_migrated_while_checked_in_the_background(db_path):
    _database_at_version_1(db_path)
    raw = sqlite3.connect(db_path)
    raw.execute("INSERT INTO plan_fact_value (row_id, year, plan) VALUES (9999, 2020, '1')")
    raw.commit()
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseFileError, match="нарушены связи"):
        open_workspace(db_path, check_in_background=True)
    assert db_path.read_bytes() == before
    assert not (db_path.parent / "backups").exists()


def test_failed_migration_leaves_the_file_at_its_old_version(db_path, monkeypatch):
    _database_at_version_1(db_path)

    def broken(database):
        database.execute_sql("ALTER TABLE project ADD COLUMN half_done TEXT")
        raise RuntimeError("power cut")

    monkeypatch.setattr(MIGRATIONS[1], "upgrade", broken)
    with pytest.raises(RuntimeError):
        open_database(db_path)
    assert "half_done" not in _columns(db_path, "project")
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA user_version").fetchone() == (1,)
    raw.close()


def test_newer_schema_is_refused_and_left_alone(workspace, db_path):
    workspace.database.pragma("user_version", SCHEMA_VERSION + 5)
    workspace.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseFileError) as raised:
        open_workspace(db_path)
    message = str(raised.value)
    assert "более новой версией программы" in message
    assert str(db_path) in message
    assert db_path.read_bytes() == before


def test_foreign_files_are_refused(tmp_path):
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"This is not SQLite at all, just some text." * 50)
    with pytest.raises(DatabaseFileError, match="не является базой данных"):
        open_workspace(garbage)
    other = tmp_path / "other.sqlite"
    raw = sqlite3.connect(other)
    raw.execute("CREATE TABLE something (x)")
    raw.commit()
    raw.close()
    with pytest.raises(DatabaseFileError, match="не является базой данных cdo_desktop"):
        open_workspace(other)


def test_new_file_is_removed_when_filling_it_fails(tmp_path):
    path = tmp_path / "new.sqlite"

    def fail(database):
        raise RuntimeError("demo data broken")

    with pytest.raises(RuntimeError):
        open_database(path, fill_new=fail)
    assert not path.exists()


def test_no_demo_gives_an_empty_database(tmp_path):
    store = open_workspace(tmp_path / "empty.sqlite", with_demo=False)
    try:
        assert store.store.summaries() == []
    finally:
        store.close()


def test_default_location_is_the_user_data_folder(isolated_profile, monkeypatch):
    store = open_workspace()
    try:
        assert store.path == isolated_profile / "data" / "cdo_desktop" / "cdo_desktop.sqlite"
        assert store.path.exists()
    finally:
        store.close()
    monkeypatch.setenv("CDO_DB", str(isolated_profile / "chosen.sqlite"))
    chosen = open_workspace()
    chosen.close()
    assert chosen.path == isolated_profile / "chosen.sqlite"


def _foreign(path, statements, version):
    raw = sqlite3.connect(path)
    for statement in statements:
        raw.execute(statement)
    raw.execute(f"PRAGMA user_version = {version}")
    raw.commit()
    raw.close()


@pytest.mark.parametrize(
    ("statements", "version", "reason"),
    [
        (["CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"], 2, "нет таблицы"),
        (
            [
                "CREATE TABLE project (id INTEGER PRIMARY KEY, title TEXT)",
                "CREATE TABLE person (id INTEGER PRIMARY KEY)",
                "CREATE TABLE participant (id INTEGER PRIMARY KEY)",
                "CREATE TABLE plan_fact_row (id INTEGER PRIMARY KEY)",
                "CREATE TABLE plan_fact_value (id INTEGER PRIMARY KEY)",
                "CREATE TABLE financing_line (id INTEGER PRIMARY KEY)",
                "CREATE TABLE budget_source (id INTEGER PRIMARY KEY)",
                "CREATE TABLE financing_amount (id INTEGER PRIMARY KEY)",
            ],
            1,
            "нет столбца",
        ),
        (["CREATE TABLE project (id INTEGER PRIMARY KEY)"], SCHEMA_VERSION + 1, "более новой"),
    ],
    ids=["no-tables-of-ours", "our-names-other-columns", "newer-version"],
)
def test_a_file_that_is_not_ours_is_refused_and_left_byte_identical(
    tmp_path, statements, version, reason
):
    path = tmp_path / "other.sqlite"
    _foreign(path, statements, version)
    before = path.read_bytes()
    with pytest.raises(DatabaseFileError, match=reason):
        open_workspace(path)
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_our_schema_with_a_table_of_someone_else_is_refused_before_migration(db_path):
    _database_at_version_1(db_path)
    raw = sqlite3.connect(db_path)
    raw.execute("CREATE TABLE their_data (x)")
    raw.commit()
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseFileError, match="лишняя таблица «their_data»"):
        open_workspace(db_path)
    assert db_path.read_bytes() == before


def test_two_processes_creating_the_same_database_both_end_with_one_valid_file(tmp_path):
    import subprocess
    import sys

    for attempt in range(6):
        path = tmp_path / f"race{attempt}.sqlite"
        code = (
            "import sys; from cdo_desktop.workspace import open_workspace; "
            "w = open_workspace(__import__('pathlib').Path(sys.argv[1])); "
            "print(len(w.store.summaries())); w.close()"
        )
        runs = [
            subprocess.Popen(
                [sys.executable, "-c", code, str(path)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        results = [run.communicate(timeout=120) for run in runs]
        for (out, err), run in zip(results, runs, strict=True):
            assert run.returncode == 0, err
            assert out.strip() == "1"
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".race")] == []
        raw = sqlite3.connect(path)
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("SELECT count(*) FROM project").fetchone() == (1,)
        raw.close()


def test_dump_is_the_same_document_before_and_after_the_upgrade(tmp_path):
    """A database of the last release (schema 3) holding the demo: upgraded, it dumps the same
    document as a new database with the demo."""
    from cdo_desktop.exchange.json_format import to_document, write_document
    from cdo_desktop.storage.store import Store
    from cdo_desktop.workspace import demo_projects

    old = tmp_path / "release.sqlite"
    database = connect(old)
    with database.atomic():
        for version, migration in enumerate(MIGRATIONS[:3], start=1):
            migration.upgrade(database)
            database.pragma("user_version", version)
        Store(database)._insert(demo_projects()[0])
    database.close()
    fresh = open_workspace(tmp_path / "fresh.sqlite")
    upgraded = open_workspace(old)
    try:
        assert schema_version(upgraded.database) == SCHEMA_VERSION
        assert write_document(to_document(upgraded.store.load_all())) == write_document(
            to_document(fresh.store.load_all())
        )
    finally:
        fresh.close()
        upgraded.close()
