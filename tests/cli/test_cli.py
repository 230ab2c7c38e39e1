"""The command line as scripts and acceptance checks drive it: output, exit status, safety."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

import cdo_desktop
from cdo_desktop.cli import main
from cdo_desktop.workspace import open_workspace


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump_of(path):
    store = open_workspace(path)
    try:
        from cdo_desktop.exchange.json_format import to_document, write_document

        return write_document(to_document(store.store.load_all()))
    finally:
        store.close()


def test_projects_on_a_new_database_lists_the_demo(capsys, db_path):
    code, out, err = run(capsys, "projects", "--db", str(db_path))
    assert (code, err) == (0, "")
    assert out == "E4\tЦифровая образовательная среда\t2019–2024\n"


def test_db_option_before_or_after_the_subcommand(capsys, db_path):
    assert (
        run(capsys, "--db", str(db_path), "projects")[1]
        == run(capsys, "projects", "--db", str(db_path))[1]
    )


def test_cdo_db_environment_variable(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("CDO_DB", str(tmp_path / "env.sqlite"))
    assert run(capsys, "projects")[0] == 0
    assert (tmp_path / "env.sqlite").exists()


def test_no_demo_gives_an_empty_database(capsys, db_path):
    code, out, _ = run(capsys, "projects", "--no-demo", "--db", str(db_path))
    assert code == 0
    assert "нет проектов" in out


def test_dump_prints_every_seed_figure(capsysbinary, db_path):
    assert main(["dump", "--db", str(db_path)]) == 0
    text = capsysbinary.readouterr().out.decode("utf-8")
    document = json.loads(text, parse_float=Decimal)
    assert document["format"] == "cdo-desktop/1"
    project = document["projects"][0]
    assert project["indicators"][2]["values"]["2021"]["plan"] == Decimal("38.28")
    assert '"2019": 37955.2' in text and '"2020": 13264.90' in text
    assert project["results"][3]["values"]["2020"] == {
        "plan": Decimal("0.5"),
        "fact": Decimal("6.0"),
    }


def test_dump_to_a_file_and_of_one_project(capsys, db_path, tmp_path):
    out_file = tmp_path / "out.json"
    code, out, err = run(
        capsys, "dump", "--db", str(db_path), "--project", "E4", "-o", str(out_file)
    )
    assert (code, out, err) == (0, "", "")
    assert json.loads(out_file.read_text(encoding="utf-8"))["projects"][0]["code"] == "E4"


def test_dump_load_dump_into_a_fresh_database_is_the_same(capsys, db_path, tmp_path):
    first = tmp_path / "first.json"
    run(capsys, "dump", "--db", str(db_path), "-o", str(first))
    fresh = tmp_path / "fresh.sqlite"
    code, out, _ = run(capsys, "load", str(first), "--db", str(fresh), "--no-demo")
    assert code == 0 and "Загружено проектов: 1" in out
    second = tmp_path / "second.json"
    run(capsys, "dump", "--db", str(fresh), "-o", str(second))
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


def test_load_replaces_a_project_with_the_same_code(capsys, db_path, tmp_path):
    document = json.loads(dump_of(db_path))
    document["projects"][0]["name"] = "Новое имя"
    document["projects"][0]["indicators"] = []
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "load", str(changed), "--db", str(db_path))[0] == 0
    after = json.loads(dump_of(db_path))
    assert len(after["projects"]) == 1
    assert after["projects"][0]["name"] == "Новое имя"
    assert after["projects"][0]["indicators"] == []


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "это не JSON"),
        ('{"format": "other/2", "projects": []}', "неизвестный формат"),
        ('{"projects": []}', "нет поля «format»"),
        (
            '{"format": "cdo-desktop/1", "projects": [{"code": "X", "name": "Икс", '
            '"years": [2019, 2020], "indicators": [{"number": "1", "name": "a", '
            '"values": {"2019": {"plan": "десять"}}}]}]}',
            "$.projects[0].indicators[0].values.2019.plan",
        ),
        (
            '{"format": "cdo-desktop/1", "projects": [{"code": "X", "name": "Икс", '
            '"years": "2019"}]}',
            "$.projects[0].years",
        ),
    ],
)
def test_broken_documents_exit_1_with_a_message_and_change_nothing(
    capsys, db_path, tmp_path, content, words
):
    run(capsys, "projects", "--db", str(db_path))
    before = digest(db_path)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "load", str(bad), "--db", str(db_path))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("cdo-desktop: ошибка: Файл «")
    assert words in err
    assert "Traceback" not in err
    assert digest(db_path) == before


def test_a_bad_second_project_loads_nothing(capsys, db_path, tmp_path):
    run(capsys, "projects", "--db", str(db_path))
    before = dump_of(db_path)
    document = json.loads(before)
    second = json.loads(before)["projects"][0]
    second["code"] = "E9"
    second["financing"][0]["values"]["2019"] = 1  # disagrees with its source: found on reading
    document["projects"].append(second)
    document["projects"][0]["name"] = "Не должно сохраниться"
    bad = tmp_path / "two.json"
    bad.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "load", str(bad), "--db", str(db_path))
    assert code == 1 and "$.projects[1].financing[0].values.2019" in err
    assert dump_of(db_path) == before


def test_missing_and_undecodable_files(capsys, db_path, tmp_path):
    code, _, err = run(capsys, "load", str(tmp_path / "nope.json"), "--db", str(db_path))
    assert code == 1 and "файл не найден" in err
    latin = tmp_path / "cp1251.json"
    latin.write_bytes('{"format": "Проект"}'.encode("cp1251"))
    code, _, err = run(capsys, "load", str(latin), "--db", str(db_path))
    assert code == 1 and "UTF-8" in err


def test_unknown_project_exits_1(capsys, db_path):
    code, out, err = run(capsys, "dump", "--db", str(db_path), "--project", "E9")
    assert code == 1 and out == ""
    assert err == "cdo-desktop: ошибка: проект «E9» не найден в базе данных\n"


def test_newer_database_exits_1(capsys, db_path):
    store = open_workspace(db_path)
    store.database.pragma("user_version", 99)
    store.close()
    code, _, err = run(capsys, "projects", "--db", str(db_path))
    assert code == 1 and "более новой версией" in err


@pytest.mark.parametrize(
    "argv", [["frobnicate"], ["load"], ["dump", "--project"], ["projects", "--bogus"]]
)
def test_usage_errors_exit_2_in_russian(capsys, argv):
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2
    err = capsys.readouterr().err
    assert "Использование:" in err and "ошибка:" in err


def test_the_module_runs_as_a_program_without_traceback(db_path, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cdo_desktop", "load", str(bad), "--db", str(db_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "ожидалось: объект" in done.stderr


@pytest.mark.parametrize(
    ("argv", "window"),
    [
        ([], (None, False)),
        (["--db", "база.sqlite"], ("база.sqlite", False)),
        (["--no-demo", "--db=б.sqlite"], ("б.sqlite", True)),
        (["--no"], None),  # an abbreviation: the whole parser decides
        (["-h"], None),
        (["--db"], None),
        (["projects"], None),
        (["--db", "x", "dump"], None),
    ],
)
def test_the_window_is_opened_without_building_every_subcommand(argv, window, monkeypatch):
    opened = []
    monkeypatch.setattr(
        "cdo_desktop.cli.open_window", lambda args: opened.append((args.db, args.no_demo)) or 0
    )
    monkeypatch.setattr("cdo_desktop.cli.build_parser", lambda: pytest.fail("parser built"))
    if window is None:
        with pytest.raises(pytest.fail.Exception, match="parser built"):
            main(argv)
    else:
        assert main(argv) == 0
        assert opened == [window]


def test_help_and_usage_errors_still_come_from_the_whole_parser(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["--db"])
    assert raised.value.code == 2
    assert "аргументу --db нужно значение" in capsys.readouterr().err


def test_version_is_the_package_version(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["--version"])
    assert raised.value.code == 0
    assert capsys.readouterr().out == "cdo-desktop 0.2.0\n"
    assert cdo_desktop.__version__ == "0.2.0"
    pyproject = tomllib.loads(
        (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    )
    # One place for the version: the package's; the build reads it from there.
    assert "version" in pyproject["project"]["dynamic"]
    assert "version" not in pyproject["project"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "cdo_desktop/__init__.py"


@pytest.mark.parametrize(
    "command",
    ["dump", "load", "summary", "export", "import", "history", "check", "backup", "restore"],
)
def test_argument_placeholders_are_russian(capsys, command):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    usage = capsys.readouterr().out
    assert not re.search(r"\b(CODE|FILE|PATH|DATE|YEAR|OUT)\b", usage), usage
    assert re.search(r"ФАЙЛ|КОД|ДАТА|ГОД", usage)
