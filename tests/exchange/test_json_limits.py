"""JSON that would push the reader past Python's limits is refused like any wrong field: with
its JSON path, as a DocumentError, never RecursionError, ValueError or UnicodeEncodeError."""

from __future__ import annotations

import json

import pytest

from cdo_desktop.core.errors import DocumentError
from cdo_desktop.exchange.json_format import parse_document_text, to_document, write_document
from cdo_desktop.workspace import demo_projects

HUGE = "9" * 5000


def demo_text(change) -> str:
    document = json.loads(write_document(to_document(demo_projects())))
    change(document["projects"][0])
    return json.dumps(document, ensure_ascii=True)


def refused(text: str) -> DocumentError:
    with pytest.raises(DocumentError) as error:
        parse_document_text(text, file="d.json")
    assert str(error.value).startswith("Файл «d.json»")
    return error.value


@pytest.mark.parametrize("bracket", ["[", '{"a":'])
def test_brackets_nested_100000_deep(bracket):
    error = refused(bracket * 100_000)
    assert "вложенность скобок глубже 64 уровней" in error.problem
    assert error.location is not None and "строка 1, столбец" in error.location


def test_deep_nesting_inside_a_field_names_its_path():
    text = '{"format": "cdo-desktop/1", "projects": [{"name": ' + "[" * 5000 + "]" * 5000 + "}]}"
    error = refused(text)
    assert error.location.startswith("$.projects[0].name[0][0]")
    # Three levels are open before the name's brackets: the 62nd of them is the 65th level.
    column = text.index("[[") + 61 + 1
    assert error.location.endswith(f"…, строка 1, столбец {column}")


def test_a_5000_digit_value():
    def change(project):
        project["indicators"][0]["values"]["2020"]["plan"] = "HUGE"

    error = refused(demo_text(change).replace('"HUGE"', HUGE))
    assert error.location == "$.projects[0].indicators[0].values.2020.plan"
    assert "вне допустимых пределов" in error.problem and "5 000 знаков" in error.problem


def test_a_5000_digit_year():
    def change(project):
        project["years"][1] = "HUGE"

    error = refused(demo_text(change).replace('"HUGE"', HUGE))
    assert error.location == "$.projects[0].years[1]"
    assert "вне допустимых пределов 1990–2100" in error.problem


def test_a_5000_digit_year_key():
    def change(project):
        project["financing"][0]["sources"][0]["values"][HUGE] = 1

    error = refused(demo_text(change))
    assert error.location.startswith("$.projects[0].financing[0].sources[0].values.999")
    assert "вне лет проекта 2019–2024" in error.problem


def test_a_long_integer_within_the_limit_is_read():
    def change(project):
        project["indicators"][0]["values"]["2020"]["plan"] = "LONG"

    [project] = parse_document_text(demo_text(change).replace('"LONG"', "999999999999999"))
    assert project.indicators[0].value(2020).plan == 999_999_999_999_999


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (lambda p: p.update(name="Проект \ud800"), "$.projects[0].name"),
        (lambda p: p["participants"].append("\udfff"), "$.projects[0].participants[6]"),
        (lambda p: p["indicators"][1].update(unit="%\ud83d"), "$.projects[0].indicators[1].unit"),
    ],
)
def test_a_lone_surrogate_in_a_text(where, path):
    error = refused(demo_text(where))
    assert error.location == path
    assert "без пары" in error.problem


def test_control_characters_and_overlong_text_are_refused_where_they_enter():
    error = refused(demo_text(lambda p: p.update(goal="цель\x1b[2J")))
    assert (error.location, "U+001B" in error.problem) == ("$.projects[0].goal", True)
    error = refused(demo_text(lambda p: p["persons"][0].update(contacts="x" * 32_768)))
    assert error.location == "$.projects[0].persons[0].contacts"
    assert "длиннее 32767 знаков" in error.problem
    [project] = parse_document_text(demo_text(lambda p: p.update(goal="цель\r\n\tи ещё")))
    assert project.goal == "цель\r\n\tи ещё"
