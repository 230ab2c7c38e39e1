"""Projects through the database: exact, whole, and several side by side."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from cdo_desktop.core.errors import ProjectNotFoundError
from cdo_desktop.core.model import PlanFact, PlanFactRow, Project
from cdo_desktop.exchange.json_format import to_document, write_document
from cdo_desktop.workspace import demo_projects, open_workspace
from tests.strategies import projects


def test_decimals_are_stored_as_their_digits(workspace, db_path):
    raw = sqlite3.connect(db_path)
    stored = {row[0] for row in raw.execute("SELECT plan FROM plan_fact_value")}
    amounts = {row[0] for row in raw.execute("SELECT amount FROM financing_amount")}
    raw.close()
    assert "38.28" in stored
    assert "13264.90" in amounts
    assert not any(value and "9999" in value for value in stored)


def test_empty_is_stored_as_no_value_and_zero_as_zero(workspace):
    project = Project(
        code="T1",
        name="Проба",
        first_year=2020,
        last_year=2021,
        indicators=[
            PlanFactRow("1", "Ноль и пусто", values={2020: PlanFact(Decimal(0), None)}),
        ],
    )
    workspace.store.replace([project])
    loaded = workspace.store.load(workspace.store.find("T1").id)
    assert loaded.indicators[0].value(2020) == PlanFact(Decimal(0), None)
    assert loaded.indicators[0].value(2021) == PlanFact(None, None)


def test_several_projects_live_side_by_side_and_replace_keeps_the_others(workspace):
    workspace.store.replace([Project(code="E1", name="Современная школа")])
    assert [s.code for s in workspace.store.summaries()] == ["E1", "E4"]
    changed = demo_projects()[0]
    changed.name = "Цифровая образовательная среда (изм.)"
    changed.indicators = changed.indicators[:1]
    workspace.store.replace([changed])
    assert [s.code for s in workspace.store.summaries()] == ["E1", "E4"]
    reloaded = workspace.store.load(workspace.store.find("E4").id)
    assert reloaded.name.endswith("(изм.)")
    assert len(reloaded.indicators) == 1


def test_find_by_code_as_typed_or_by_name(workspace):
    assert workspace.store.find("e4").code == "E4"
    assert workspace.store.find("Е4").code == "E4"  # Cyrillic Е
    assert workspace.store.find("цифровая образовательная среда").code == "E4"
    with pytest.raises(ProjectNotFoundError, match="«E9» не найден"):
        workspace.store.find("E9")


def test_replace_is_all_or_nothing(workspace):
    good = Project(code="E1", name="Современная школа")
    broken = Project(code="E2", name=None)  # type: ignore[arg-type]  # NOT NULL fails midway
    with pytest.raises(Exception):  # noqa: B017 - the database's own error, whatever it is
        workspace.store.replace([good, broken])
    assert [s.code for s in workspace.store.summaries()] == ["E4"]


def test_delete_removes_every_row_of_the_project(workspace, db_path):
    workspace.store.delete(workspace.store.find("E4").id)
    raw = sqlite3.connect(db_path)
    for table in (
        "project",
        "person",
        "participant",
        "plan_fact_row",
        "plan_fact_value",
        "financing_line",
        "budget_source",
        "financing_amount",
    ):
        assert raw.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
    raw.close()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(projects(code="P1"))
def test_database_round_trip(tmp_path, project):
    """dump → load into a fresh database → dump gives the same document."""
    path = tmp_path / "round.sqlite"
    path.unlink(missing_ok=True)
    store = open_workspace(path, with_demo=False)
    try:
        store.store.replace([project])
        first = write_document(to_document(store.store.load_all()))
    finally:
        store.close()
    path.unlink()
    from cdo_desktop.exchange.json_format import parse_document_text

    again = open_workspace(path, with_demo=False)
    try:
        again.store.replace(parse_document_text(first))
        assert write_document(to_document(again.store.load_all())) == first
    finally:
        again.close()
