"""`load` of a document with a shorter period: the project is replaced whole, and the values of
the years that fall out are removed and counted on stdout."""

from __future__ import annotations

import json

from cdo_desktop.cli import main
from cdo_desktop.workspace import open_workspace


def stored_values_of(db_path, year):
    workspace = open_workspace(db_path)
    try:
        [project] = workspace.store.load_all()
    finally:
        workspace.close()
    count = 0
    for row in [*project.indicators, *project.results]:
        pair = row.values.get(year)
        if pair is not None:
            count += (pair.plan is not None) + (pair.fact is not None)
    for line in project.financing:
        count += sum(source.values.get(year) is not None for source in line.sources)
    return count, project


def without_year(node, year):
    if isinstance(node, dict):
        return {key: without_year(value, year) for key, value in node.items() if key != str(year)}
    if isinstance(node, list):
        return [without_year(value, year) for value in node]
    return node


def dump(capsys, db_path):
    assert main(["dump", "--db", str(db_path)]) == 0
    return capsys.readouterr().out


def test_a_shorter_period_removes_and_counts_the_values_that_fall_out(capsys, db_path, tmp_path):
    document = json.loads(dump(capsys, db_path))
    expected, before = stored_values_of(db_path, 2024)
    assert expected > 0  # the demo project has plans for 2024
    shorter = without_year(document, 2024)
    shorter["projects"][0]["years"] = [2019, 2023]
    path = tmp_path / "shorter.json"
    path.write_text(json.dumps(shorter, ensure_ascii=False), encoding="utf-8")

    assert main(["load", str(path), "--db", str(db_path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines()[-1] == f"Удалено значений вне периода: {expected}"
    count, after = stored_values_of(db_path, 2024)
    assert count == 0 and after.last_year == 2023
    assert after.id == before.id  # replaced in place, rows keep their ids

    # Loading the same document again removes nothing more and says nothing about it.
    assert main(["load", str(path), "--db", str(db_path)]) == 0
    assert "вне периода" not in capsys.readouterr().out


def test_the_same_period_prints_no_removal_line(capsys, db_path, tmp_path):
    path = tmp_path / "same.json"
    path.write_text(dump(capsys, db_path), encoding="utf-8")
    assert main(["load", str(path), "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Загружено проектов: 1 (E4 «Цифровая образовательная среда»)"
    ]
