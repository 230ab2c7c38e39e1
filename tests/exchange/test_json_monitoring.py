"""The monitoring fields of `cdo-desktop/1`: written only when set, read back exactly, refused
with the JSON path when wrong; old documents unchanged."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal

import pytest

from cdo_desktop.core.errors import DocumentError
from cdo_desktop.core.model import MonitoringValue, Periodicity
from cdo_desktop.exchange.json_format import (
    parse_document_text,
    read_document,
    to_document,
    write_document,
)
from cdo_desktop.workspace import demo_projects


def _with_monitoring():
    [project] = demo_projects()
    row = project.indicators[0]
    row.periodicity = Periodicity.QUARTER
    row.monitoring = {
        date(2021, 9, 30): MonitoringValue(Decimal("12.50"), Decimal(40), "срыв сроков", "№ 5"),
        date(2021, 3, 31): MonitoringValue(fact=Decimal(3)),
    }
    project.financing[0].sources[0].execution = {date(2021, 6, 30): Decimal("100.0")}
    project.due_workday = 3
    return project


def test_a_document_without_monitoring_is_written_as_before():
    text = write_document(to_document(demo_projects()))
    for key in ("periodicity", "monitoring", "execution", "reporting"):
        assert f'"{key}"' not in text
    assert write_document(to_document(parse_document_text(text))) == text


def test_monitoring_is_written_sorted_with_all_keys_and_read_back_byte_identical():
    text = write_document(to_document([_with_monitoring()]))
    data = json.loads(text)["projects"][0]
    row = data["indicators"][0]
    assert row["periodicity"] == "quarter"
    assert [entry["as_of"] for entry in row["monitoring"]] == ["2021-03-31", "2021-09-30"]
    assert row["monitoring"][0] == {
        "as_of": "2021-03-31",
        "fact": 3,
        "forecast": None,
        "reason": "",
        "document": "",
    }
    assert data["financing"][0]["sources"][0]["execution"] == [
        {"as_of": "2021-06-30", "executed": 100}
    ]
    assert '"executed": 100.0' in text and '"fact": 12.50' in text
    assert data["reporting"] == {"due_workday": 3}
    [back] = parse_document_text(text)
    assert back.indicators[0].monitoring == _with_monitoring().indicators[0].monitoring
    assert back.due_workday == 3
    assert write_document(to_document([back])) == text


def _document():
    return json.loads(write_document(to_document([_with_monitoring()])), parse_float=Decimal)


@pytest.mark.parametrize(
    ("spoil", "location", "words"),
    [
        (
            lambda p: p["indicators"][0]["monitoring"][0].update(as_of="2021-03-30"),
            "$.projects[0].indicators[0].monitoring[0].as_of",
            "не последний день месяца",
        ),
        (
            lambda p: p["indicators"][0]["monitoring"][0].update(as_of="2031-03-31"),
            "$.projects[0].indicators[0].monitoring[0].as_of",
            "вне лет проекта",
        ),
        (
            lambda p: p["indicators"][0]["monitoring"][1].update(as_of="2021-03-31"),
            "$.projects[0].indicators[0].monitoring[1].as_of",
            "указана дважды",
        ),
        (
            lambda p: p["indicators"][0]["monitoring"][0].update(fact="высокий"),
            "$.projects[0].indicators[0].monitoring[0].fact",
            "ожидалось: число",
        ),
        (
            lambda p: p["indicators"][0].update(periodicity="неделя"),
            "$.projects[0].indicators[0].periodicity",
            "периодичность",
        ),
        (
            lambda p: p.update(reporting={"due_workday": 0}),
            "$.projects[0].reporting.due_workday",
            "от 1 до 30",
        ),
        (
            lambda p: p["financing"][0]["sources"][0]["execution"][0].update(as_of="30.06.2021"),
            "$.projects[0].financing[0].sources[0].execution[0].as_of",
            "ГГГГ-ММ-ДД",
        ),
    ],
)
def test_a_wrong_field_is_refused_with_its_path(spoil, location, words):
    document = _document()
    spoil(document["projects"][0])
    with pytest.raises(DocumentError) as refused:
        read_document(document)
    assert refused.value.location == location
    assert words in refused.value.problem


def test_an_empty_entry_is_not_kept():
    document = _document()
    document["projects"][0]["indicators"][1]["monitoring"] = [
        {"as_of": "2021-01-31", "fact": None, "forecast": None, "reason": "", "document": ""}
    ]
    document["projects"][0]["indicators"][0]["monitoring"][0]["later"] = 1  # skipped, as all
    [project] = read_document(copy.deepcopy(document))
    assert project.indicators[1].monitoring == {}
    assert project.indicators[0].monitoring[date(2021, 3, 31)].fact == 3
