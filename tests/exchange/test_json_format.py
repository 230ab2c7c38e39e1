"""The JSON exchange document: exact numbers out, every wrong field reported with its JSON path."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from cdo_desktop.core.errors import DocumentError
from cdo_desktop.exchange.json_format import (
    parse_document_text,
    read_document,
    to_document,
    write_document,
)
from cdo_desktop.workspace import demo_projects
from tests.strategies import projects


@pytest.fixture
def demo_document():
    return json.loads(write_document(to_document(demo_projects())), parse_float=Decimal)


def test_numbers_are_written_with_their_exact_digits():
    text = write_document(to_document(demo_projects()))
    assert '"plan": 38.28' in text
    assert '"2019": 37955.2' in text
    assert '"2020": 13264.90' in text
    assert '"fact": 6.0' in text
    assert "E+" not in text and "e+" not in text


def test_the_text_is_indented_json_with_texts_as_written():
    tricky = 'Кавычки "ёлочки", \\ обратная черта,\nновая строка,\tтаб, \x01, 😀'
    document = {
        "format": "x",
        "list": [1, True, None, Decimal("0.10")],
        "texts": {"a": tricky, "пусто": "", "долгий список": list(range(30))},
    }
    text = write_document(document)
    assert json.loads(text, parse_float=Decimal) == document
    assert text == (
        '{\n  "format": "x",\n  "list": [1, true, null, 0.10],\n  "texts": {\n'
        f'    "a": {json.dumps(tricky, ensure_ascii=False)},\n    "пусто": "",\n'
        '    "долгий список": [\n'
        + ",\n".join(f"      {number}" for number in range(30))
        + "\n    ]\n  }\n}\n"
    )


def test_every_year_appears_with_null_for_empty(demo_document):
    indicator = demo_document["projects"][0]["indicators"][1]
    assert list(indicator["values"]) == ["2019", "2020", "2021", "2022", "2023", "2024"]
    assert indicator["values"]["2022"] == {"plan": None, "fact": None}
    zero = demo_document["projects"][0]["indicators"][2]["values"]["2019"]
    assert zero == {"plan": 0, "fact": 0}


def test_only_values_gives_the_single_source(demo_document):
    line = demo_document["projects"][0]["financing"][0]
    del line["sources"]
    project = read_document(demo_document)[0]
    assert [source.name for source in project.financing[0].sources] == ["все источники"]
    assert project.financing[0].total(2019) == Decimal("37955.2")


def test_sources_give_the_totals_and_a_disagreeing_total_is_an_error(demo_document):
    line = demo_document["projects"][0]["financing"][0]
    line["sources"] = [
        {"name": "бюджет субъекта", "parent": None, "values": {"2019": 100}},
        {"name": "из них: МБТ", "parent": "бюджет субъекта", "values": {"2019": 60}},
        {"name": "внебюджетные источники", "parent": None, "values": {"2019": 5}},
    ]
    line["values"] = {"2019": 105}
    assert read_document(copy.deepcopy(demo_document))[0].financing[0].total(2019) == 105
    line["values"] = {"2019": 165}
    with pytest.raises(DocumentError) as raised:
        read_document(demo_document)
    assert raised.value.location == "$.projects[0].financing[0].values.2019"
    assert "не равен сумме по источникам 105" in str(raised.value)


def _mutate(document, path, value):
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


@pytest.mark.parametrize(
    ("path", "value", "location", "words"),
    [
        (("format",), "cdo-desktop/9", "$.format", "неизвестный формат"),
        (("projects",), {}, "$.projects", "ожидалось: список"),
        (("projects", 0, "code"), 4, "$.projects[0].code", "ожидалось: строка"),
        (("projects", 0, "years"), [2024, 2019], "$.projects[0].years", "позже"),
        (
            ("projects", 0, "indicators", 0, "values", "2019", "plan"),
            "1",
            "$.projects[0].indicators[0].values.2019.plan",
            "ожидалось: число или null",
        ),
        (
            ("projects", 0, "indicators", 0, "values", "2019", "plan"),
            True,
            "$.projects[0].indicators[0].values.2019.plan",
            "ожидалось: число или null",
        ),
        (
            ("projects", 0, "indicators", 0, "values", "2031"),
            {"plan": 1},
            "$.projects[0].indicators[0].values.2031",
            "вне лет проекта",
        ),
        (
            ("projects", 0, "results", 1, "direction"),
            "sideways",
            "$.projects[0].results[1].direction",
            "«up» или «down»",
        ),
        (
            ("projects", 0, "results", 1, "cumulative"),
            "да",
            "$.projects[0].results[1].cumulative",
            "true или false",
        ),
        (("projects", 0, "persons", 0), "Курдюмов", "$.projects[0].persons[0]", "объект"),
        (
            ("projects", 0, "financing", 1, "values", "2020"),
            "13 264,90",
            "$.projects[0].financing[1].values.2020",
            "число",
        ),
    ],
)
def test_wrong_fields_are_named_by_json_path(demo_document, path, value, location, words):
    _mutate(demo_document, path, value)
    with pytest.raises(DocumentError) as raised:
        read_document(demo_document)
    assert raised.value.location == location
    assert words in str(raised.value)


def test_missing_format_and_duplicate_codes(demo_document):
    twice = copy.deepcopy(demo_document)
    twice["projects"].append(copy.deepcopy(twice["projects"][0]))
    with pytest.raises(DocumentError, match=r"\$\.projects\[1\]\.code.*уже встречался"):
        read_document(twice)
    del demo_document["format"]
    with pytest.raises(DocumentError, match="нет поля «format»"):
        read_document(demo_document)


def one_indicator_2019(plan_fact: str) -> str:
    """A document of one project with one indicator whose 2019 is the JSON text given."""
    return (
        '{"format": "cdo-desktop/1", "projects": [{"code": "A", "name": "x", "years": [2019, '
        '2019], "indicators": [{"number": "1", "name": "a", '
        f'"values": {{"2019": {plan_fact}}}}}]}}]}}'
    )


def test_a_field_written_twice_is_refused_with_its_place():
    text = one_indicator_2019('{"plan": 1, "plan": 2}')
    with pytest.raises(DocumentError) as raised:
        parse_document_text(text)
    assert raised.value.location == "$.projects[0].indicators[0].values.2019"
    assert "поле «plan» записано дважды" in str(raised.value)


@pytest.mark.parametrize("value", ["NaN", "1.5", '{"a": Infinity}'])
def test_an_odd_format_is_told_not_crashed_on(value):
    with pytest.raises(DocumentError, match="неизвестный формат"):
        parse_document_text(f'{{"format": {value}, "projects": []}}')


def test_a_nan_is_named_by_its_place():
    text = one_indicator_2019('{"plan": 1, "fact": -Infinity}')
    with pytest.raises(DocumentError) as raised:
        parse_document_text(text)
    assert raised.value.location == "$.projects[0].indicators[0].values.2019.fact"
    assert "значение -Infinity не является числом" in str(raised.value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "это не JSON"),
        ('{"format": "cdo-desktop/1", "projects": [', "это не JSON"),
        (
            '{"format": "cdo-desktop/1", "projects": [{"code": "A", "name": "x", "years": [2019, '
            '2019], "indicators": [{"number": "1", "name": "a", '
            '"values": {"2019": {"plan": NaN}}}]}]}',
            "не является числом",
        ),
        ("[1, 2]", "ожидалось: объект"),
    ],
)
def test_broken_text_names_the_file(text, words):
    with pytest.raises(DocumentError) as raised:
        parse_document_text(text, file="данные.json")
    message = str(raised.value)
    assert message.startswith("Файл «данные.json»")
    assert words in message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_document_round_trip(project):
    text = write_document(to_document([project]))
    assert write_document(to_document(parse_document_text(text))) == text


def test_numbers_out_of_range_and_lookalike_codes_are_refused(demo_document):
    huge = copy.deepcopy(demo_document)
    huge["projects"][0]["indicators"][0]["values"]["2019"]["plan"] = Decimal("1e400")
    with pytest.raises(DocumentError) as raised:
        read_document(huge)
    assert raised.value.location == "$.projects[0].indicators[0].values.2019.plan"
    assert "вне допустимых пределов" in str(raised.value)
    twins = copy.deepcopy(demo_document)
    cyrillic = copy.deepcopy(twins["projects"][0])
    cyrillic["code"] = "Е4"  # Cyrillic Е: the same code as people type it
    twins["projects"].append(cyrillic)
    with pytest.raises(DocumentError, match="уже встречался"):
        read_document(twins)
