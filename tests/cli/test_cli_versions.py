"""`snapshot`, `versions`, `diff` and `change-request` as scripts use them."""

from __future__ import annotations

import json
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cdo_desktop.core.versions import RequestDraft, draft_changes
from cdo_desktop.exchange.json_format import write_document
from cdo_desktop.storage.versions import read_draft
from cdo_desktop.workspace import open_workspace
from tests.cli.test_cli import run

REASON = "приведение в соответствие с законом о бюджете"


def edited_dump(capsys, db: Path, tmp_path: Path, edit) -> Path:
    """The database's dump changed by `edit` (a function of the document), as a file."""
    code, out, _ = run(capsys, "dump", "--db", str(db))
    assert code == 0
    document = json.loads(out, parse_float=Decimal)
    edit(document["projects"][0])
    path = tmp_path / "edited.json"
    path.write_text(write_document(document), encoding="utf-8")
    return path


def change_plan_and_fact(project):
    project["indicators"][0]["values"]["2021"]["plan"] = Decimal("99")
    project["indicators"][0]["values"]["2022"]["fact"] = Decimal("1")
    project["results"][1]["name"] = "Новое имя"


def test_snapshot_versions_and_diff_against_now(capsys, db_path, tmp_path):
    db = str(db_path)
    assert run(capsys, "snapshot", "--db", db, "--basis", "утверждён") == (
        0,
        "Версия 1 зафиксирована\n",
        "",
    )
    assert run(capsys, "snapshot", "--db", db)[1] == "Версия 2 зафиксирована\n"
    code, out, err = run(capsys, "versions", "--db", db)
    assert (code, err) == (0, "")
    lines = [line.split("\t") for line in out.splitlines()]
    assert [(line[0], line[3]) for line in lines] == [("1", "утверждён"), ("2", "")]
    assert all(re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", line[1]) for line in lines)
    assert all(line[2] for line in lines)

    assert run(capsys, "diff", "--from", "1", "--db", db) == (0, "", "")
    edited = edited_dump(capsys, db_path, tmp_path, change_plan_and_fact)
    assert run(capsys, "load", str(edited), "--db", db)[0] == 0
    code, out, err = run(capsys, "diff", "--from", "1", "--db", db)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Показатель\t1\tплан\t2021\t1\t99",
        "Результат\t2\tнаименование\t–\t"
        "В Кировской области созданы центры цифрового образования детей «IT-куб»\tНовое имя",
    ]
    # Between two versions: none until a third is fixed after the edit.
    assert run(capsys, "diff", "--from", "1", "--to", "2", "--db", db) == (0, "", "")
    run(capsys, "snapshot", "--db", db)
    assert run(capsys, "diff", "--from", "2", "--to", "3", "--db", db)[1] == out
    assert run(capsys, "diff", "--from", "3", "--db", db)[1] == ""


def test_a_row_removed_is_one_line_with_its_name(capsys, db_path, tmp_path):
    db = str(db_path)
    run(capsys, "snapshot", "--db", db)
    removed = {}

    def remove(project):
        removed.update(project["results"].pop(0))

    run(capsys, "load", str(edited_dump(capsys, db_path, tmp_path, remove)), "--db", db)
    out = run(capsys, "diff", "--from", "1", "--db", db)[1]
    assert out == f"Результат\t{removed['number']}\tстрока\t–\t{removed['name']}\t–\n"


def test_several_projects_need_a_project_and_a_missing_version_is_told(capsys, db_path, tmp_path):
    db = str(db_path)
    edited = edited_dump(
        capsys, db_path, tmp_path, lambda project: project.update(code="E5", name="Другой")
    )
    assert run(capsys, "load", str(edited), "--db", db)[0] == 0
    for argv in (["snapshot"], ["versions"], ["diff", "--from", "1"]):
        code, out, err = run(capsys, *argv, "--db", db)
        assert (code, out) == (1, "")
        assert "E4, E5" in err and "--project" in err and err.count("\n") == 1
    assert run(capsys, "snapshot", "--project", "E5", "--db", db)[1] == "Версия 1 зафиксирована\n"
    assert run(capsys, "snapshot", "--project", "E4", "--db", db)[1] == "Версия 1 зафиксирована\n"
    code, out, err = run(capsys, "diff", "--from", "4", "--project", "E4", "--db", db)
    assert (code, out) == (1, "")
    assert err == "cdo-desktop: ошибка: нет версии паспорта 4: есть версия 1\n"


def _request_with_a_saved_justification(capsys, db_path, tmp_path) -> None:
    db = str(db_path)
    run(capsys, "snapshot", "--db", db, "--basis", "утверждён")
    run(
        capsys,
        "load",
        str(edited_dump(capsys, db_path, tmp_path, change_plan_and_fact)),
        "--db",
        db,
    )
    workspace = open_workspace(db_path)
    try:
        project_id = workspace.store.find("E4").id
        wanted = RequestDraft(1, "", {"Показатель № 1, 2021, план": "уточнён план 2021 года"})
        workspace.store.apply(draft_changes(project_id, None, wanted))
        assert read_draft(workspace.store, project_id) == wanted
    finally:
        workspace.close()


def test_change_request_workbook_has_the_saved_justification_and_the_reason(
    capsys, db_path, tmp_path
):
    _request_with_a_saved_justification(capsys, db_path, tmp_path)
    out_file = tmp_path / "запрос.xlsx"
    code, out, err = run(
        capsys, "change-request", str(out_file), "--from", "1", "--reason", REASON,
        "--db", str(db_path),
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == f"Запрос на изменение паспорта E4: {out_file}\n"
    sheet = load_workbook(out_file).active
    cells = list(sheet.iter_rows(values_only=True))
    texts = [c for row in cells for c in row if c]
    assert (
        "Запрос на изменение паспорта регионального проекта «Цифровая образовательная среда»"
        in texts
    )
    table = [row for row in cells if row[0] in ("1", "2")]
    assert table == [
        ("1", "Показатель", "1", "план", "2021", "1", "99", "уточнён план 2021 года"),
        ("2", "Результат", "2", "наименование", "–", table[1][5], "Новое имя", REASON),
    ]
    assert "Руководитель регионального проекта" in texts and "С.В. Стяжкин" in texts
    assert "Куратор регионального проекта" in texts and "Д.А. Курдюмов" in texts
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows


def test_change_request_pdf_is_written_and_a_wrong_file_kind_is_refused(capsys, db_path, tmp_path):
    _request_with_a_saved_justification(capsys, db_path, tmp_path)
    out_file = tmp_path / "запрос.pdf"
    code, out, err = run(
        capsys, "change-request", str(out_file), "--from", "1", "--db", str(db_path)
    )
    assert (code, err) == (0, "")
    assert out == f"Запрос на изменение паспорта E4: {out_file} (страниц: 1)\n"
    assert out_file.read_bytes().startswith(b"%PDF")
    code, out, err = run(
        capsys, "change-request", str(tmp_path / "x.docx"), "--from", "1", "--db", str(db_path)
    )
    assert (code, out) == (1, "")
    assert ".pdf или .xlsx" in err
    assert not (tmp_path / "x.docx").exists()


def test_the_commands_are_in_the_help():
    result = subprocess.run(
        ["python", "-m", "cdo_desktop", "--help"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        check=False,
    )
    for command in ("snapshot", "versions", "diff", "change-request"):
        assert command in result.stdout


@pytest.mark.parametrize("argv", [["diff"], ["change-request", "x.pdf"]])
def test_from_is_required(capsys, db_path, argv):
    with pytest.raises(SystemExit) as exit_:
        run(capsys, *argv, "--db", str(db_path))
    assert exit_.value.code == 2


def test_on_a_server_only_an_editor_of_the_project_fixes_versions(capsys, servers):
    """Not run without CDO_TEST_PG: the server's row-level security over the new tables."""
    import psycopg

    from tests.conftest import open_demo_store

    database = servers.new_database()
    admin = servers.url(database, servers.role("chief22", admin=True))
    open_demo_store(admin).close()
    role = servers.role("clerk22")
    url = servers.url(database, role)
    assert run(capsys, "snapshot", "--db", admin)[0] == 0
    code, out, err = run(capsys, "snapshot", "--db", url)
    assert (code, out) == (1, "") and err.count("\n") == 1
    with pytest.raises(psycopg.errors.InsufficientPrivilege), psycopg.connect(url) as connection:
        connection.execute(
            "INSERT INTO change_request (project_id, from_version, basis, sent) "
            "SELECT id, 1, 'чужое', 0 FROM project WHERE code = 'E4'"
        )
    with psycopg.connect(url) as connection:
        assert connection.execute("DELETE FROM passport_version").rowcount == 0
    assert run(capsys, "versions", "--db", url)[1].count("\n") == 1  # everyone reads
    assert run(capsys, "grant", role, "E4", "--db", admin)[0] == 0
    assert run(capsys, "snapshot", "--db", url)[1] == "Версия 2 зафиксирована\n"


def test_versions_and_the_draft_travel_with_copy_and_backup(capsys, db_path, tmp_path):
    _request_with_a_saved_justification(capsys, db_path, tmp_path)
    versions = run(capsys, "versions", "--db", str(db_path))[1]
    copied, backup = tmp_path / "копия.sqlite", tmp_path / "резерв.sqlite"
    assert run(capsys, "copy", "--db", str(db_path), "--to", str(copied))[0] == 0
    assert run(capsys, "backup", str(backup), "--db", str(db_path))[0] == 0
    for other in (copied, backup):
        assert run(capsys, "versions", "--db", str(other))[1] == versions
        out_file = tmp_path / f"{other.stem}.xlsx"
        assert (
            run(capsys, "change-request", str(out_file), "--from", "1", "--db", str(other))[0] == 0
        )
        cells = [
            c for row in load_workbook(out_file).active.iter_rows(values_only=True) for c in row
        ]
        assert "уточнён план 2021 года" in cells
