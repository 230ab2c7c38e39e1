"""Acceptance of issues 16–22 through the command line: what the review found not to match the
issues' text, each fixed and kept so here."""

from __future__ import annotations

import json

import pytest

from cdo_desktop.cli import main
from cdo_desktop.core.period import period_changes, removal_question, removed_values
from cdo_desktop.workspace import open_workspace


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def dumped(capsys, db_path):
    code, out, _ = run(capsys, "dump", "--db", db_path)
    assert code == 0
    return json.loads(out)


def with_dated_2024_values(document):
    """The demo project with a monitoring entry, an execution value and a municipal value in
    2024 (besides its plans): the dated values that are not plan, fact or amount."""
    project = document["projects"][0]
    project["municipalities"] = ["г. Киров"]
    indicator = project["indicators"][0]
    indicator["monitoring"] = [
        {"as_of": "2024-03-31", "fact": 1, "forecast": 1, "reason": "", "document": "Отчёт"}
    ]
    indicator["municipalities"] = [{"name": "г. Киров", "values": {"2024": {"plan": 1}}}]
    project["financing"][0]["sources"][0]["execution"] = [
        {"as_of": "2024-03-31", "executed": 100.5}
    ]
    return document


def without_2024(document):
    def strip(node):
        if isinstance(node, dict):
            return {key: strip(value) for key, value in node.items() if key != "2024"}
        if isinstance(node, list):
            return [strip(value) for value in node]
        return node

    project = strip(document)["projects"][0]
    project["years"] = [2019, 2023]
    project["indicators"][0].pop("monitoring")
    project["financing"][0]["sources"][0].pop("execution")
    return {"format": document["format"], "projects": [project]}


@pytest.fixture
def loaded(capsys, db_path, tmp_path):
    document = with_dated_2024_values(dumped(capsys, db_path))
    path = tmp_path / "с-мониторингом.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "load", path, "--db", db_path)[0] == 0
    return document


# ------------------------------------------------------------- `load`: the removed-values line


def test_load_counts_monitoring_execution_and_municipal_values_it_removes(
    capsys, db_path, tmp_path, loaded
):
    plans_2024 = sum(
        pair.get("plan") is not None
        for row in [*loaded["projects"][0]["indicators"], *loaded["projects"][0]["results"]]
        for year, pair in row["values"].items()
        if year == "2024"
    )
    shorter = tmp_path / "короче.json"
    shorter.write_text(json.dumps(without_2024(loaded), ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "load", shorter, "--db", db_path)
    assert (code, err) == (0, "")
    # Plans of 2024, plus the monitoring entry's fact, forecast and document, the execution
    # value and the municipal plan: every value the replacement takes away is counted.
    assert f"Удалено значений вне периода: {plans_2024 + 3 + 1 + 1}" in out


# ------------------------------------------- shortening the period leaves no value hidden


def test_shortening_the_period_removes_monitoring_execution_and_municipal_values(
    capsys, db_path, loaded
):
    workspace = open_workspace(db_path)
    try:
        store = workspace.store
        project = store.load(store.find("E4").id)
        changes = period_changes(project, 2019, 2023)
        removals = removed_values(changes)
        assert {change.where.field for change in removals} >= {
            "fact",
            "forecast",
            "document",
            "executed",
            "plan",
        }
        assert "за 2024 год" in removal_question(removals)
        store.apply(changes, "сокращение периода")
        shortened = store.load(project.id)
    finally:
        workspace.close()
    assert shortened.indicators[0].monitoring == {}
    assert shortened.financing[0].sources[0].execution == {}
    assert all(2024 not in entry.values for entry in shortened.indicators[0].municipalities)


def test_the_store_refuses_to_hide_monitoring_values_outside_the_years(capsys, db_path, loaded):
    from cdo_desktop.core.changes import SetValue
    from cdo_desktop.core.errors import CdoError

    workspace = open_workspace(db_path)
    try:
        store = workspace.store
        project = store.load(store.find("E4").id)
        # The years and every value but those at reporting dates, as a change list from
        # before the monitoring issue had it: the monitoring entry would stay hidden.
        changes = [
            change
            for change in period_changes(project, 2019, 2023)
            if not (isinstance(change, SetValue) and change.where.as_of is not None)
        ]
        with pytest.raises(CdoError, match="вне лет проекта"):
            store.apply(changes, "сокращение периода")
        assert store.load(project.id).last_year == 2024
    finally:
        workspace.close()


# ---------------------------------------------------------------- one --as-of for every command


@pytest.mark.parametrize("day", ["01.07.2024", "2024-07-01"])
def test_control_points_take_the_date_in_both_forms(capsys, db_path, day):
    code, _, err = run(capsys, "control-points", "--db", db_path, "--as-of", day)
    assert (code, err) == (0, "")


@pytest.mark.parametrize("day", ["01.07.2024", "2024-07-01"])
def test_summary_takes_the_date_in_both_forms(capsys, db_path, tmp_path, day):
    code, out, err = run(capsys, "summary", tmp_path / "с.pdf", "--db", db_path, "--as-of", day)
    assert (code, err) == (0, "")
    assert "Сводка по проекту E4" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["control-points"],
        ["summary", "с.pdf"],
        ["overview", "о.xlsx"],
        ["check"],
        ["due"],
        ["report", "о.pdf"],
    ],
)
@pytest.mark.parametrize("day", ["31.02.2024", "вчера"])
def test_a_bad_date_is_one_russian_line_and_exit_1_everywhere(capsys, db_path, tmp_path, argv, day):
    argv = [str(tmp_path / arg) if "." in arg else arg for arg in argv]
    code, out, err = run(capsys, *argv, "--db", db_path, "--as-of", day)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and err.startswith("cdo-desktop: ошибка:") and day in err
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.xlsx"))


# ------------------------------------- `overview`: the columns issues 19 and 20 add to it


def test_the_overview_counts_overdue_values_points_and_open_risks_as_due_and_points_do(
    capsys, db_path, tmp_path, loaded
):
    from openpyxl import load_workbook

    document = loaded
    project = document["projects"][0]
    project["results"][0]["control_points"] = [
        {"number": "1.1", "name": "Закупка", "kind": "checkpoint", "due": "2024-03-31",
         "done": "2024-04-05", "responsible": "", "document": "", "control_level": ""},
        {"number": "1.2", "name": "Поставка", "kind": "activity", "due": "2024-06-30",
         "done": None, "responsible": "", "document": "", "control_level": ""},
    ]  # fmt: skip
    project["risks"] = [
        {"number": str(n), "description": "Риск", "target": None, "probability": "low",
         "impact": "low", "mitigation": "", "owner": "", "status": status}
        for n, status in enumerate(["open", "closed", "open"], 1)
    ]  # fmt: skip
    path = tmp_path / "с-точками.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "load", path, "--db", db_path)[0] == 0

    day = "01.07.2024"
    _, due, _ = run(capsys, "due", "--db", db_path, "--as-of", day)
    overdue_values = sum(line.endswith("\tпросрочено") for line in due.splitlines())
    _, points, _ = run(capsys, "control-points", "--db", db_path, "--as-of", day, "--overdue")
    assert overdue_values > 0 and len(points.splitlines()) == 1

    workbook_path = tmp_path / "все.xlsx"
    code, _, err = run(capsys, "overview", workbook_path, "--db", db_path, "--as-of", day)
    assert (code, err) == (0, "")
    sheet = load_workbook(workbook_path)["Все проекты"]
    titles = [cell.value for cell in sheet[1]]
    figures = dict(zip(titles, [cell.value for cell in sheet[2]], strict=True))
    assert figures["Код"] == "E4"
    assert figures["Значений просрочено"] == overdue_values
    assert figures["Контрольных точек просрочено"] == 1
    assert figures["Рисков открыто"] == 2


# ------------------------------------------- `diff`: a control point named after its result


def test_diff_names_a_control_point_after_its_result(capsys, db_path, tmp_path, loaded):
    document = loaded
    points = document["projects"][0]["results"][0]["control_points"] = [
        {"number": "1.1", "name": "Закупка", "kind": "checkpoint", "due": "2024-03-31",
         "done": None, "responsible": "", "document": "", "control_level": ""},
        {"number": "1.2", "name": "Поставка", "kind": "activity", "due": "2024-06-30",
         "done": None, "responsible": "", "document": "", "control_level": ""},
    ]  # fmt: skip
    path = tmp_path / "точки.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "load", path, "--db", db_path)[0] == 0
    assert run(capsys, "snapshot", "--db", db_path)[1] == "Версия 1 зафиксирована\n"
    points[1]["due"] = "2024-07-31"
    points[0] = dict(points[0], number="1.3", name="Монтаж")
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "load", path, "--db", db_path)[0] == 0

    code, out, err = run(capsys, "diff", "--db", db_path, "--from", "1")
    assert (code, err) == (0, "")
    lines = {tuple(line.split("\t")) for line in out.splitlines()}
    assert all(len(fields) == 6 for fields in lines)
    assert ("Контрольная точка", "1 / 1.2", "плановый срок", "–", "30.06.2024", "31.07.2024") in (
        lines
    )
    assert ("Контрольная точка", "1 / 1.1", "строка", "–", "Закупка", "–") in lines
    assert ("Контрольная точка", "1 / 1.3", "строка", "–", "–", "Монтаж") in lines


# ------------------------------------------------ the same on both engines (the store's guard)


def test_the_period_guard_and_removal_on_both_engines(new_location):
    from copy import deepcopy
    from datetime import date
    from decimal import Decimal

    from cdo_desktop.core.changes import SetValue
    from cdo_desktop.core.errors import CdoError
    from cdo_desktop.core.model import MonitoringValue, MunicipalValues, PlanFact
    from tests.conftest import open_demo_store

    store = open_demo_store(new_location())
    try:
        project = deepcopy(store.load(store.summaries()[0].id))
        project.municipalities = ["г. Киров"]
        indicator = project.indicators[0]
        indicator.monitoring = {date(2024, 3, 31): MonitoringValue(Decimal(1), reason="срыв")}
        indicator.municipalities = [MunicipalValues("г. Киров", {2024: PlanFact(Decimal(1))})]
        project.financing[0].sources[0].execution = {date(2024, 3, 31): Decimal("100.5")}
        store.replace([project])
        stored = store.load(project.id)

        hiding = [
            change
            for change in period_changes(stored, 2019, 2023)
            if not (isinstance(change, SetValue) and change.where.as_of is not None)
        ]
        with pytest.raises(CdoError, match="вне лет проекта"):
            store.apply(hiding, "сокращение периода")
        assert store.load(project.id) == stored  # nothing written

        undo = store.apply(period_changes(stored, 2019, 2023), "сокращение периода")
        shortened = store.load(project.id)
        assert shortened.last_year == 2023 and shortened.indicators[0].monitoring == {}
        assert shortened.financing[0].sources[0].execution == {}
        store.apply(undo, "отмена")
        assert store.load(project.id) == stored
    finally:
        store.close()
