"""`cdo-desktop overview OUT.pdf|OUT.xlsx [--year] [--as-of]`: its line, its files, its errors."""

from __future__ import annotations

import re

from openpyxl import load_workbook
from pypdf import PdfReader

from cdo_desktop.workspace import open_workspace
from tests.cli.test_cli import run
from tests.overview_data import three_projects


def database(tmp_path):
    path = tmp_path / "все.sqlite"
    workspace = open_workspace(path, with_demo=False)
    workspace.store.replace(three_projects())
    workspace.close()
    return str(path)


def test_pdf_and_xlsx_of_the_latest_year_with_a_fact(capsys, tmp_path):
    db = database(tmp_path)
    pdf = tmp_path / "сводка.pdf"
    code, out, err = run(capsys, "--db", db, "overview", str(pdf), "--as-of", "01.12.2026")
    assert (code, err) == (0, "")
    assert out == f"Сводка по всем проектам за 2024 год: {pdf}\n"
    text = re.sub(r"\s+", " ", PdfReader(pdf).pages[0].extract_text())
    assert "по состоянию на 01.12.2026" in text.lower()

    xlsx = tmp_path / "сводка.xlsx"
    code, out, err = run(capsys, "overview", str(xlsx), "--year", "2020", "--db", db)
    assert (code, err) == (0, "")
    assert out == f"Сводка по всем проектам за 2020 год: {xlsx}\n"
    sheet = load_workbook(xlsx)["Все проекты"]
    assert [sheet.cell(row, 1).value for row in range(2, 5)] == ["A2", "E1", "E4"]
    assert sheet["G2"].value == "–" or isinstance(sheet["G2"].value, int)


def test_wrong_extension_year_or_date_is_one_russian_line(capsys, tmp_path):
    db = database(tmp_path)
    for argv, message in (
        (["overview", str(tmp_path / "x.docx")], "сводку можно записать в файл .pdf или .xlsx"),
        (
            ["overview", str(tmp_path / "x.pdf"), "--year", "1999"],
            "год 1999 не входит в годы ни одного проекта базы (2019–2026)",
        ),
        (["overview", str(tmp_path / "x.pdf"), "--as-of", "31.02.2026"], "ДД.ММ.ГГГГ"),
    ):
        code, out, err = run(capsys, "--db", db, *argv)
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and message in err
    assert sorted(path.name for path in tmp_path.iterdir() if path.suffix != ".sqlite") == [
        "backups"
    ] or not list(tmp_path.glob("x.*"))


def test_an_empty_database_is_told(capsys, tmp_path):
    path = tmp_path / "пусто.sqlite"
    open_workspace(path, with_demo=False).close()
    code, _, err = run(capsys, "--db", str(path), "overview", str(tmp_path / "x.pdf"))
    assert code == 1 and "в базе данных нет проектов" in err
