"""A new project from a workbook by the command line: which project a file goes to, and the code
a new one gets (issue 15)."""

from __future__ import annotations

from openpyxl import Workbook

from cdo_desktop.cli import main
from cdo_desktop.workspace import open_workspace

NAME = "Цифровая образовательная среда"


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def passport(tmp_path, years="2025–2030", code=None, name=f"«{NAME}»", file="p.xlsx"):
    """The ministry's passport typed into Excel: no code unless given, an indicator table."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Паспорт"
    if code:
        sheet.append(["Код проекта", code])
    sheet.append(["Наименование регионального проекта", name])
    sheet.append(["Срок реализации", years])
    sheet.append([])
    first = int(years[:4])
    sheet.append(["№ п/п", "Показатель", "Единица измерения", first, first + 1])
    sheet.append([None, None, None, "план", "план"])
    sheet.append([1, "Доля школ", "процент", 10, 20])
    path = tmp_path / file
    book.save(path)
    return path


def codes(db_path) -> list[tuple[str, str, int, int]]:
    workspace = open_workspace(db_path)
    try:
        return [(s.code, s.name, s.first_year, s.last_year) for s in workspace.store.summaries()]
    finally:
        workspace.close()


def test_a_code_less_passport_into_an_empty_database_is_a_new_project(capsys, tmp_path):
    fresh = tmp_path / "fresh.sqlite"
    path = passport(tmp_path, years="2019–2024")
    code, out, err = run(capsys, "import", path, "--db", fresh, "--no-demo")
    assert (code, err) == (0, "")
    assert f"Проект: ЦОС «{NAME}» — новый проект" in out
    assert codes(fresh) == [("ЦОС", NAME, 2019, 2024)]


def test_a_new_period_beside_a_project_of_the_same_name_is_a_new_project(capsys, db_path, tmp_path):
    code, out, err = run(capsys, "import", passport(tmp_path), "--db", db_path)
    assert (code, err) == (0, "")
    assert f"Проект: ЦОС «{NAME}» — новый проект" in out
    assert codes(db_path) == [("E4", NAME, 2019, 2024), ("ЦОС", NAME, 2025, 2030)]
    # The same name again, another period: the proposed code is numbered.
    path = passport(tmp_path, years="2031–2036", file="q.xlsx")
    code, out, err = run(capsys, "import", path, "--db", db_path)
    assert (code, err) == (0, "")
    assert f"Проект: ЦОС2 «{NAME}» — новый проект" in out
    # A name two projects share, given to --project: refused with both codes.
    code, out, err = run(capsys, "import", path, "--db", db_path, "--project", f"«{NAME}»")
    assert code == 1
    assert "«E4»" in err and "«ЦОС»" in err and "«ЦОС2»" in err
    assert "укажите код проекта" in err


def test_the_same_name_within_the_period_goes_to_the_existing_project(capsys, db_path, tmp_path):
    path = passport(tmp_path, years="2019–2024")
    code, out, err = run(capsys, "import", path, "--db", db_path, "--dry-run", "--keep-missing")
    assert (code, err) == (0, "")
    assert "— новый проект" not in out
    assert "Проект: E4" in out


def test_new_project_option_takes_its_code_and_refuses_an_existing_one(capsys, db_path, tmp_path):
    path = passport(tmp_path)
    code, out, err = run(capsys, "import", path, "--db", db_path, "--new-project", "E4")
    assert code == 1
    assert "«E4» уже есть" in err
    assert codes(db_path) == [("E4", NAME, 2019, 2024)]
    code, out, err = run(capsys, "import", path, "--db", db_path, "--new-project", "ЦОС-2025")
    assert (code, err) == (0, "")
    assert f"Проект: ЦОС-2025 «{NAME}» — новый проект" in out
    assert ("ЦОС-2025", NAME, 2025, 2030) in codes(db_path)


def test_project_and_new_project_together_are_bad_arguments(capsys, db_path, tmp_path):
    path = passport(tmp_path)
    try:
        code = main(
            ["import", str(path), "--db", str(db_path), "--project", "E4", "--new-project", "X"]
        )
    except SystemExit as exit_:
        code = exit_.code
    assert code == 2


def test_an_existing_code_with_a_period_that_does_not_overlap_is_refused(capsys, db_path, tmp_path):
    path = passport(tmp_path, code="E4")
    code, _out, err = run(capsys, "import", path, "--db", db_path)
    assert code == 1
    assert "2025–2030" in err and "2019–2024" in err and "--new-project" in err
    assert err.count("\n") == 1
    assert codes(db_path) == [("E4", NAME, 2019, 2024)]


def test_a_missing_project_is_still_an_error(capsys, db_path, tmp_path):
    code, _out, err = run(capsys, "import", passport(tmp_path), "--db", db_path, "--project", "Z9")
    assert code == 1
    assert "проект «Z9» не найден" in err


def test_the_short_name_finds_the_project(capsys, db_path, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Краткое наименование регионального проекта", f"«{NAME}»"])
    sheet.append(["Наименование регионального проекта", f"Региональный проект «{NAME}»"])
    sheet.append(["Срок реализации", "01.01.2019 – 31.12.2024"])
    path = tmp_path / "short.xlsx"
    book.save(path)
    code, out, err = run(capsys, "import", path, "--db", db_path, "--dry-run")
    assert (code, err) == (0, "")
    assert "Проект: E4" in out and "— новый проект" not in out
