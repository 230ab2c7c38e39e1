"""One read of every project for the overview: the same figures as reading each project whole,
in a fixed number of queries, with each project's last change."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdo_desktop.core.changes import SetValue, Where
from cdo_desktop.core.history import Section
from cdo_desktop.core.overview import (
    COLUMNS,
    LastChange,
    OverviewSource,
    attention_counts,
    build_overview,
)
from cdo_desktop.core.work_calendar import WorkCalendar
from cdo_desktop.storage.overview_reading import read_overview_sources
from tests.conftest import open_demo_store, open_store_at
from tests.core.test_overview import databases

AS_OF = date(2026, 11, 27)


def figures(overview):
    return [
        {
            column.key: column.value(line)
            for column in COLUMNS
            if not column.key.startswith("changed_")
        }
        for line in overview.lines
    ]


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(databases(), st.none() | st.integers(2018, 2030))
def test_the_bulk_read_gives_the_figures_of_whole_projects(new_location, database, year):
    store = open_store_at(new_location())
    try:
        if database:
            store.replace(database)
        chosen, sources = read_overview_sources(store, year, AS_OF)
        whole = [
            OverviewSource.of(project, extra=attention_counts(project, WorkCalendar(), AS_OF))
            for project in store.load_all()
        ]
        expected = build_overview(whole, year, AS_OF)
        assert chosen == expected.year
        got = build_overview(sources, chosen, AS_OF)
        assert figures(got) == figures(expected)
        assert [source.fact_years for source in sources] == [s.fact_years for s in whole]
    finally:
        store.close()


class CountingStore:
    """A store that counts the statements it runs."""

    def __init__(self, store):
        self.store, self.statements = store, 0

    def execute(self, text, parameters=()):
        self.statements += 1
        return self.store.execute(text, parameters)


def test_queries_do_not_grow_with_projects_and_the_last_change_is_read(new_location):
    store = open_demo_store(new_location())
    try:
        counting = CountingStore(store)
        read_overview_sources(counting)
        one = counting.statements
        demo = store.load(store.find("E4").id)
        for code in ("E1", "E2", "E3"):
            demo.code = code
            store.create(demo)
        counting.statements = 0
        _, sources = read_overview_sources(counting)
        assert counting.statements == one
        assert [source.project.code for source in sources] == ["E1", "E2", "E3", "E4"]

        project = store.load(store.find("E2").id)
        row = project.indicators[0]
        store.apply(
            [SetValue(Where(project.id, Section.INDICATORS, row.id, "name"), row.name, "Новое")]
        )
        _, sources = read_overview_sources(store)
        changes = {source.project.code: source.last_change for source in sources}
        newest = store.history()[0]
        assert newest.project_code == "E2"
        assert changes["E2"] == LastChange(datetime.fromisoformat(newest.at), newest.user)
        assert changes["E2"].at >= changes["E1"].at
        curator = next(s for s in sources if s.project.code == "E4").project.person("куратор")
        assert curator is not None and curator.name == "Д.А. Курдюмов"
    finally:
        store.close()


def test_a_later_column_reads_its_own_figures_through_extra_reads(new_location, monkeypatch):
    """How issues 19 and 20 add a column: a read for all projects, and a column over it."""
    from cdo_desktop.core import overview as core_overview
    from cdo_desktop.core.overview import Column, ColumnKind, add_column
    from cdo_desktop.storage import overview_reading
    from cdo_desktop.storage.extra_reads import ExtraRead

    asked = []

    def statements(as_of):
        asked.append(as_of)
        return [("SELECT project_id, COUNT(*) FROM person GROUP BY project_id", ())]

    def answer(rows, as_of):
        (counts,) = rows
        return {project_id: {"persons": count} for project_id, count in counts}

    persons_by_project = ExtraRead(statements, answer)
    monkeypatch.setattr(overview_reading, "EXTRA_READS", [persons_by_project])
    monkeypatch.setattr(core_overview, "COLUMNS", list(COLUMNS))
    add_column(
        Column(
            "persons",
            "Ответственных",
            ColumnKind.COUNT,
            lambda line: line.source.extra.get("persons"),
        )
    )
    store = open_demo_store(new_location())
    try:
        year, sources = read_overview_sources(store, None, AS_OF)
        overview = core_overview.build_overview(sources, year, AS_OF)
        persons = next(column for column in overview.columns if column.key == "persons")
        assert [persons.value(line) for line in overview.lines] == [2]
        assert overview.totals()["persons"] == 2
        assert asked == [AS_OF]
    finally:
        store.close()


def test_the_later_columns_are_read_beside_on_a_file_and_give_the_same_figures(tmp_path):
    """On a file the columns of EXTRA_READS come from a read-only connection of their own;
    through anything else (here a wrapper without the database) from the store itself."""
    from peewee import SqliteDatabase

    from cdo_desktop.storage.side_reading import side_opener

    store = open_demo_store(str(tmp_path / "demo.sqlite"))
    try:
        opener = side_opener(store)
        assert opener is not None
        connection = opener()
        try:
            assert connection.execute("SELECT COUNT(*) FROM project").fetchone() == (1,)
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                connection.execute("DELETE FROM project")
        finally:
            connection.close()
        counting = CountingStore(store)
        assert side_opener(counting) is None
        with store.database.atomic():
            assert side_opener(store) is None  # another connection would not see this
        assert side_opener(type("Shown", (), {"database": SqliteDatabase(":memory:")})()) is None
        beside = build_overview(read_overview_sources(store, None, AS_OF)[1], None, AS_OF)
        inside = build_overview(read_overview_sources(counting, None, AS_OF)[1], None, AS_OF)
        assert figures(beside) == figures(inside)
        assert counting.statements > 8  # the columns' own queries ran through the wrapper
    finally:
        store.close()
    assert side_opener(store) is None  # a closed store is not read around


def test_a_server_is_read_on_its_own_connection_only(new_location):
    """A server's connection carries the official's login and role: nothing is read around it."""
    from cdo_desktop.storage.side_reading import side_opener

    store = open_demo_store(new_location())
    try:
        assert (side_opener(store) is None) == store.on_server
        _, sources = read_overview_sources(store, None, AS_OF)
        assert [source.project.code for source in sources] == ["E4"]
    finally:
        store.close()


def test_the_side_statements_share_a_connection_a_thread_and_close_them(tmp_path, monkeypatch):
    """Ten statements beside, two threads: a file on a network share is opened twice, not
    ten times, and nothing stays open after the read."""
    from cdo_desktop.storage import extra_reads

    opened = []

    def counting_opener(store):
        real = side_opener(store)
        if real is None:
            return None

        def open_connection():
            opened.append(real())
            return opened[-1]

        return open_connection

    from cdo_desktop.storage.side_reading import side_opener

    monkeypatch.setattr(extra_reads, "side_opener", counting_opener)
    store = open_demo_store(str(tmp_path / "demo.sqlite"))
    try:
        read_overview_sources(store, None, AS_OF)
    finally:
        store.close()
    assert 1 <= len(opened) <= 2
    for connection in opened:
        with pytest.raises(sqlite3.ProgrammingError, match="closed"):
            connection.execute("SELECT 1")
