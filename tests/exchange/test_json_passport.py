"""The 2025–2030 passport's fields of `cdo-desktop/1`: written only when set, read back exactly,
a wrong one named by its JSON path; a 2025–2030 project round-trips through a database."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest

from cdo_desktop.cli import main
from cdo_desktop.core.errors import DocumentError
from cdo_desktop.exchange.json_format import (
    parse_document_text,
    read_document,
    to_document,
    write_document,
)
from cdo_desktop.workspace import demo_projects
from tests.passport_2025 import project_2025


def _text(projects):
    return write_document(to_document(projects))


def _document():
    return json.loads(_text([project_2025()]), parse_float=Decimal)


def test_the_fields_are_written_as_the_issue_spells_them():
    [project] = _document()["projects"]
    assert project["tasks"][0] == {
        "number": "1",
        "name": "Создание условий для профессионального роста педагогов",
    }
    assert project["municipalities"] == ["Энский район", "Город Энск", "Приморский округ"]
    indicator = project["indicators"][0]
    assert indicator["task"] == "1"
    assert indicator["level"] == ["ФП", "РП"]
    assert indicator["kind"] == "main"
    assert indicator["okei"] == "792"
    assert indicator["data_source"] == "ГИИС «Электронный бюджет»"
    assert indicator["municipalities"][0]["name"] == "Энский район"
    assert indicator["municipalities"][0]["values"]["2025"] == {"plan": 500, "fact": 505}
    assert indicator["municipalities"][2]["values"]["2030"] == {"plan": None, "fact": None}
    assert project["indicators"][1]["level"] == ["ГП РФ", "РП", "ВДЛ"]
    result = project["results"][1]
    assert result["type"] == "Оказание финансовой поддержки"
    assert result["indicators"] == ["1", "2"]
    assert "level" not in result and "kind" not in result
    assert project["persons"][1]["supervisor"] == "Иванов И. И."
    assert project["persons"][1]["share"] == 25
    assert "supervisor" not in project["persons"][0] and "share" not in project["persons"][0]
    bare = project["indicators"][2]
    assert not {"task", "level", "kind", "okei", "data_source", "municipalities"} & set(bare)


def test_an_older_document_is_written_exactly_as_before():
    text = _text(demo_projects())
    for key in ('"tasks"', '"municipalities"', '"level"', '"okei"', '"supervisor"', '"task"'):
        assert key not in text


def test_dump_load_dump_is_byte_identical():
    first = _text([project_2025()])
    loaded = parse_document_text(first)
    assert _text(loaded) == first
    [project] = loaded
    assert project.indicators[0].municipalities[1].values[2025].fact == Decimal("705")
    assert project.persons[2].share == Decimal("12.5")


def test_through_a_database_the_dump_is_the_same(capsys, tmp_path):
    first = tmp_path / "first.json"
    first.write_text(_text([project_2025()]), encoding="utf-8")
    database = tmp_path / "db.sqlite"
    assert main(["load", str(first), "--db", str(database), "--no-demo"]) == 0
    second = tmp_path / "second.json"
    assert main(["dump", "--db", str(database), "-o", str(second)]) == 0
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    # Loaded again over itself: nothing to change.
    assert main(["load", str(second), "--db", str(database)]) == 0
    assert "Загружено проектов: 1" in capsys.readouterr().out


def _set(document, path, value):
    place = document
    for key in path[:-1]:
        place = place[key]
    place[path[-1]] = value


@pytest.mark.parametrize(
    ("path", "value", "location", "words"),
    [
        (("indicators", 0, "task"), "9", "indicators[0].task", "задачи № 9 нет"),
        (("indicators", 0, "level"), ["ФП", "ПП"], "indicators[0].level[1]", "«ПП» неизвестен"),
        (("indicators", 0, "kind"), "основной", "indicators[0].kind", "«main» или «additional»"),
        (("indicators", 0, "okei"), "чел", "indicators[0].okei", "три или четыре цифры"),
        (
            ("indicators", 0, "municipalities", 0, "name"),
            "Чужой район",
            "indicators[0].municipalities[0].name",
            "нет в списке муниципалитетов",
        ),
        (
            ("indicators", 0, "municipalities", 1, "name"),
            "Энский район",
            "indicators[0].municipalities[1].name",
            "указан дважды",
        ),
        (
            ("indicators", 0, "municipalities", 0, "values", "2031"),
            {"plan": 1},
            "indicators[0].municipalities[0].values.2031",
            "вне лет проекта",
        ),
        (("results", 1, "indicators"), ["1", "5"], "results[1].indicators[1]", "№ 5"),
        (("persons", 1, "share"), 120, "persons[1].share", "от 0 до 100"),
        (("municipalities", 1), "Энский район", "municipalities[1]", "указан дважды"),
        (("tasks", 1, "number"), "1", "tasks[1].number", "уже встречалась"),
    ],
)
def test_wrong_fields_are_named_by_json_path(path, value, location, words):
    document = _document()
    _set(document["projects"][0], path, copy.deepcopy(value))
    with pytest.raises(DocumentError) as raised:
        read_document(document)
    assert raised.value.location == f"$.projects[0].{location}"
    assert words in str(raised.value)


def test_levels_are_written_in_the_passports_order():
    document = _document()
    document["projects"][0]["indicators"][0]["level"] = ["РП", "ФП"]
    [project] = read_document(document)
    assert project.indicators[0].level == ["ФП", "РП"]
