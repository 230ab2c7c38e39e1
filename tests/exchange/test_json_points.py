"""Control points and risks in `cdo-desktop/1`: optional fields, tokens, dates, round trips."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdo_desktop.cli import main
from cdo_desktop.core.errors import DocumentError
from cdo_desktop.core.model import ControlPoint, Level, PointKind, Risk, RiskStatus, RowKind
from cdo_desktop.exchange.json_format import (
    parse_document_text,
    read_document,
    to_document,
    write_document,
)
from cdo_desktop.workspace import demo_projects
from tests.strategies import name, projects, text

days = st.dates(min_value=date(2018, 1, 1), max_value=date(2030, 12, 31))
control_points = st.builds(
    ControlPoint,
    number=st.from_regex(r"[0-9]{1,2}\.[0-9]{1,2}", fullmatch=True),
    name=name,
    due=days,
    kind=st.sampled_from(PointKind),
    done=st.none() | days,
    responsible=text,
    document=text,
    control_level=st.sampled_from(["РП", "ФП", ""]),
)
risks = st.builds(
    Risk,
    number=st.from_regex(r"[0-9]{1,2}", fullmatch=True),
    description=name,
    target_kind=st.none() | st.sampled_from(RowKind),
    target_number=st.sampled_from(["", "1", "1.2"]),
    probability=st.sampled_from(Level),
    impact=st.sampled_from(Level),
    mitigation=text,
    owner=text,
    status=st.sampled_from(RiskStatus),
)


@st.composite
def projects_with_points(draw: st.DrawFn):
    project = draw(projects())
    for result in project.results:
        result.control_points = draw(st.lists(control_points, max_size=3))
    project.risks = draw(st.lists(risks, max_size=3))
    for risk in project.risks:
        if risk.target_kind is None:
            risk.target_number = ""  # no target, no number: `null` in the document
    return project


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects_with_points())
def test_round_trip_with_points_and_risks(project):
    text_ = write_document(to_document([project]))
    [again] = parse_document_text(text_)
    assert again.risks == project.risks
    assert [r.control_points for r in again.results] == [r.control_points for r in project.results]
    assert write_document(to_document([again])) == text_


def test_fields_as_the_issue_spells_them():
    project = demo_projects()[0]
    project.results[0].control_points = [
        ControlPoint("1.1", "Точка", date(2024, 3, 31), done=None, control_level="РП")
    ]
    project.risks = [
        Risk("1", "Срыв", target_kind=RowKind.INDICATOR, target_number="3", probability=Level.HIGH)
    ]
    document = json.loads(write_document(to_document([project])))["projects"][0]
    assert document["results"][0]["control_points"] == [
        {
            "number": "1.1",
            "name": "Точка",
            "kind": "checkpoint",
            "due": "2024-03-31",
            "done": None,
            "responsible": "",
            "document": "",
            "control_level": "РП",
        }
    ]
    assert document["risks"] == [
        {
            "number": "1",
            "description": "Срыв",
            "target": {"section": "indicators", "number": "3"},
            "probability": "high",
            "impact": "medium",
            "mitigation": "",
            "owner": "",
            "status": "open",
        }
    ]
    assert "control_points" not in document["results"][1]


def test_a_document_without_them_is_written_as_before():
    document = to_document(demo_projects())
    assert "risks" not in document["projects"][0]
    assert all("control_points" not in row for row in document["projects"][0]["results"])


def _with(point=None, risk=None):
    document = to_document(demo_projects())
    project = document["projects"][0]
    if point is not None:
        project["results"][1]["control_points"] = [point]
    if risk is not None:
        project["risks"] = [risk]
    return json.loads(write_document(document), parse_float=Decimal)


POINT = {"number": "2.1", "name": "Точка", "due": "2024-03-31"}


@pytest.mark.parametrize(
    ("point", "risk", "location", "words"),
    [
        (
            {**POINT, "due": "2024-02-31"},
            None,
            "$.projects[0].results[1].control_points[0].due",
            "не бывает",
        ),
        (
            {**POINT, "done": "31.03.2024"},
            None,
            "$.projects[0].results[1].control_points[0].done",
            "ГГГГ-ММ-ДД",
        ),
        (
            {**POINT, "kind": "milestone"},
            None,
            "$.projects[0].results[1].control_points[0].kind",
            "«checkpoint» или «activity»",
        ),
        (
            {"number": "2.1", "name": "Точка"},
            None,
            "$.projects[0].results[1].control_points[0]",
            "«due»",
        ),
        (
            None,
            {"number": "1", "description": "Р", "status": "maybe"},
            "$.projects[0].risks[0].status",
            "«open» или «closed»",
        ),
        (
            None,
            {"number": "1", "description": "Р", "target": {"section": "x", "number": "1"}},
            "$.projects[0].risks[0].target.section",
            "«indicators» или «results»",
        ),
    ],
)
def test_wrong_fields_are_named_by_json_path(point, risk, location, words):
    with pytest.raises(DocumentError) as raised:
        read_document(_with(point, risk))
    assert raised.value.location == location
    assert words in str(raised.value)


def test_defaults_fill_what_is_left_out():
    [project] = read_document(_with(POINT, {"number": "1", "description": "Р"}))
    [point] = project.results[1].control_points
    assert (point.kind, point.done, point.responsible) == (PointKind.CHECKPOINT, None, "")
    [risk] = project.risks
    assert (risk.target_kind, risk.probability, risk.status) == (
        None,
        Level.MEDIUM,
        RiskStatus.OPEN,
    )


def test_dump_load_dump_with_points_is_byte_identical(capsys, tmp_path):
    project = copy.deepcopy(demo_projects()[0])
    project.results[0].control_points = [
        ControlPoint("1.1", "Точка", date(2024, 3, 31), done=date(2024, 4, 2)),
        ControlPoint("1.2", "Мероприятие", date(2024, 12, 20), kind=PointKind.ACTIVITY),
    ]
    project.risks = [Risk("1", "Срыв", target_kind=RowKind.RESULT, target_number="1")]
    first = tmp_path / "first.json"
    first.write_text(write_document(to_document([project])), encoding="utf-8")
    database = tmp_path / "db.sqlite"
    assert main(["load", str(first), "--db", str(database), "--no-demo"]) == 0
    second = tmp_path / "second.json"
    assert main(["dump", "--db", str(database), "-o", str(second)]) == 0
    assert second.read_bytes() == first.read_bytes()
    # loaded again over itself: nothing changes, nothing is recorded
    assert main(["load", str(second), "--db", str(database)]) == 0
    third = tmp_path / "third.json"
    assert main(["dump", "--db", str(database), "-o", str(third)]) == 0
    assert third.read_bytes() == first.read_bytes()
    capsys.readouterr()
