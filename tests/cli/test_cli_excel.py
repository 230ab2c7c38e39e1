"""`cdo-desktop export` and `import` as scripts drive them: output, exit status, safety."""

from __future__ import annotations

import hashlib

import pytest
from openpyxl import Workbook, load_workbook

from cdo_desktop.cli import main
from cdo_desktop.exchange.json_format import to_document, write_document
from cdo_desktop.workspace import open_workspace


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump_of(path) -> str:
    store = open_workspace(path)
    try:
        return write_document(to_document(store.store.load_all()))
    finally:
        store.close()


@pytest.fixture
def exported(capsys, db_path, tmp_path):
    path = tmp_path / "e4.xlsx"
    code, out, err = run(capsys, "export", path, "--db", db_path)
    assert (code, err) == (0, "")
    assert out == f"Записана книга: {path} (проект E4 «Цифровая образовательная среда»)\n"
    return path


def test_export_then_import_into_a_fresh_database_gives_the_same_dump(
    capsys, exported, db_path, tmp_path
):
    fresh = tmp_path / "fresh.sqlite"
    code, out, err = run(capsys, "import", exported, "--db", fresh, "--no-demo")
    assert (code, err) == (0, "")
    assert out.startswith(f"Файл: {exported}\nПроект: E4 «Цифровая образовательная среда» — новый")
    assert out.endswith("\nИзменения записаны в базу данных.\n")
    assert dump_of(fresh) == dump_of(db_path)


def test_dry_run_prints_the_changes_and_writes_nothing(capsys, exported, db_path):
    book = load_workbook(exported)
    book["Показатели"]["I5"] = 40
    book["Показатели"].delete_rows(3)
    book.save(exported)
    before = digest(db_path)
    code, out, err = run(capsys, "import", exported, "--db", db_path, "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines()[:3] == [
        f"Файл: {exported}",
        "Проект: E4 «Цифровая образовательная среда» — изменяется",
        "Добавляется: 0, изменяется: 1, удаляется: 1",
    ]
    assert "Показатели:" in out
    assert (
        "  ~ 3. Доля общеобразовательных организаций, оснащенных в целях внедрения цифровой "
        "образовательной среды\n      план 2021: 38,28 → 40,00\n" in out
    )
    assert "  - 1. В Кировской области внедрена целевая модель" in out
    assert out.endswith("Пробный запуск (--dry-run): база данных не изменена.\n")
    assert digest(db_path) == before
    # Without --dry-run the same changes go in; then there is nothing left to change.
    assert run(capsys, "import", exported, "--db", db_path)[0] == 0
    code, out, _ = run(capsys, "import", exported, "--db", db_path, "--dry-run")
    assert "Изменений нет." in out


def test_keep_missing(capsys, exported, db_path):
    book = load_workbook(exported)
    book["Показатели"].delete_rows(3)
    book.save(exported)
    code, out, _ = run(capsys, "import", exported, "--db", db_path, "--keep-missing", "--dry-run")
    assert code == 0 and "Изменений нет." in out
    code, out, _ = run(capsys, "import", exported, "--db", db_path, "--dry-run")
    assert code == 0 and "  - 1. В Кировской области" in out


def test_a_bad_value_is_exit_1_with_the_cell_and_no_write(capsys, exported, db_path):
    book = load_workbook(exported)
    book["Показатели"]["F4"] = "десять"
    book.save(exported)
    before = digest(db_path)
    code, out, err = run(capsys, "import", exported, "--db", db_path)
    assert (code, out) == (1, "")
    assert err.splitlines() == [  # one message, as for every user error
        f"cdo-desktop: ошибка: Файл «{exported}», лист «Показатели», ячейка F4: "
        "«десять» — не число; база данных не изменена",
    ]
    assert digest(db_path) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not a workbook", "это не книга Excel (.xlsx)"),
        (bytes.fromhex("d0cf11e0a1b11ae1") + "Workbook".encode("utf-16-le"), "(.xls)"),
    ],
)
def test_a_bad_file_is_exit_1_and_the_database_is_not_even_opened(
    capsys, tmp_path, content, expected
):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    db = tmp_path / "never.sqlite"
    code, out, err = run(capsys, "import", path, "--db", db)
    assert (code, out) == (1, "")
    assert err.startswith(f"cdo-desktop: ошибка: Файл «{path}»: ") and expected in err
    assert not db.exists()


def test_no_table_at_all(capsys, tmp_path, db_path):
    book = Workbook()
    book.active["A1"] = "привет"
    book.save(tmp_path / "t.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "t.xlsx", "--db", db_path)
    assert code == 1 and "не найдено ни одной таблицы" in err


def test_project_option(capsys, exported, db_path, tmp_path):
    code, _, err = run(capsys, "import", exported, "--db", db_path, "--project", "Х1")
    assert code == 1 and "проект «Х1» не найден" in err
    code, _, _ = run(capsys, "export", tmp_path / "one.xlsx", "--db", db_path, "--project", "е4")
    assert code == 0 and (tmp_path / "one.xlsx").exists()


def test_export_of_several_projects_and_of_none(capsys, exported, db_path, tmp_path):
    book = load_workbook(exported)
    book["Паспорт"]["B1"] = "E5"
    book["Паспорт"]["B2"] = "Второй проект"
    book.save(exported)
    assert run(capsys, "import", exported, "--db", db_path)[0] == 0
    code, out, _ = run(capsys, "export", tmp_path / "all.xlsx", "--db", db_path)
    assert code == 0
    assert out.splitlines() == [
        f"Записана книга: {tmp_path / 'all_E4.xlsx'} (проект E4 «Цифровая образовательная среда»)",
        f"Записана книга: {tmp_path / 'all_E5.xlsx'} (проект E5 «Второй проект»)",
    ]
    empty = tmp_path / "empty.sqlite"
    code, _, err = run(capsys, "export", tmp_path / "x.xlsx", "--db", empty, "--no-demo")
    assert code == 1 and "в базе нет проектов" in err


def test_usage_errors_are_exit_2(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["import"])
    assert raised.value.code == 2
    assert "не указаны обязательные аргументы: ФАЙЛ.xlsx" in capsys.readouterr().err
