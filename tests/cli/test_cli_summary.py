"""`cdo-desktop summary`: the PDF from the command line, its errors, and no display needed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from cdo_desktop.cli import main
from cdo_desktop.workspace import open_workspace
from tests.reports.projects import big_project


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def pdf_text(path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(path).pages))


def test_summary_writes_the_demo_pdf(capsys, db_path, tmp_path):
    out = tmp_path / "сводка.pdf"
    code, stdout, stderr = run(capsys, "summary", out, "--db", db_path)
    assert (code, stderr) == (0, "")
    assert stdout == f"Сводка по проекту E4 за 2020 год: {out} (страниц: 5)\n"
    assert len(PdfReader(out).pages) == 5
    text = pdf_text(out)
    for words in (
        "Цифровая образовательная среда",
        "Цель проекта: создание в Кировской области условий",
        "Д.А. Курдюмов",
        "С.В. Стяжкин",
        "Результаты проекта в 2020 году",
        "37 955,2",
        "13 264,90",
        "38,28",
        "792 269,8",
    ):
        assert words in text
    # Nothing is left behind but the PDF.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["test.sqlite", "сводка.pdf"]


def test_year_option_chooses_the_report_year(capsys, db_path, tmp_path):
    out = tmp_path / "2019.pdf"
    code, stdout, _ = run(capsys, "--db", db_path, "summary", out, "--year", "2019")
    assert code == 0 and "за 2019 год" in stdout
    text = pdf_text(out)
    assert "Результаты проекта в 2019 году" in text
    assert "Результаты проекта в 2020 году" not in text


def test_unknown_year_or_project_exit_1_in_russian(capsys, db_path, tmp_path):
    out = tmp_path / "out.pdf"
    code, stdout, stderr = run(capsys, "summary", out, "--db", db_path, "--year", "2030")
    assert (code, stdout) == (1, "")
    assert stderr == "cdo-desktop: ошибка: год 2030 не входит в годы проекта E4 (2019–2024)\n"
    code, _, stderr = run(capsys, "summary", out, "--db", db_path, "--project", "Z9")
    assert code == 1
    assert stderr == "cdo-desktop: ошибка: проект «Z9» не найден в базе данных\n"
    assert not out.exists()


def test_project_must_be_named_when_there_are_several(capsys, db_path, tmp_path):
    store = open_workspace(db_path)
    store.store.replace([big_project(indicators=3, results=2, code="B1")])
    store.close()
    out = tmp_path / "out.pdf"
    code, _, stderr = run(capsys, "summary", out, "--db", db_path)
    assert code == 1
    assert stderr == (
        "cdo-desktop: ошибка: в базе данных несколько проектов (B1, E4): "
        "укажите один, --project КОД\n"
    )
    code, stdout, _ = run(capsys, "summary", out, "--db", db_path, "--project", "В1")
    assert code == 0 and stdout.startswith("Сводка по проекту B1 за 2021 год")
    assert "Большой проект" in pdf_text(out)


def test_empty_database(capsys, db_path, tmp_path):
    code, _, stderr = run(capsys, "summary", tmp_path / "x.pdf", "--db", db_path, "--no-demo")
    assert code == 1
    assert stderr == "cdo-desktop: ошибка: в базе данных нет проектов\n"


def test_unwritable_folder(capsys, db_path, tmp_path):
    out = tmp_path / "нет такой папки" / "out.pdf"
    code, _, stderr = run(capsys, "summary", out, "--db", db_path)
    assert code == 1
    assert stderr.startswith(f"cdo-desktop: ошибка: {out}: не удалось записать файл")


def _environment_without_display() -> dict[str, str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    environment["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    return environment


def test_runs_with_no_display_at_all(db_path, tmp_path):
    out = tmp_path / "headless.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "cdo_desktop", "summary", str(out), "--db", str(db_path)],
        capture_output=True,
        text=True,
        env=_environment_without_display(),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "страниц: 5" in result.stdout
    assert len(PdfReader(out).pages) == 5


def test_other_subcommands_do_not_load_qt(db_path):
    code = (
        "import sys; from cdo_desktop.cli import main; "
        f"main(['projects', '--db', {str(db_path)!r}]); print('PySide6' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=_environment_without_display(),
        timeout=60,
        check=True,
    )
    assert result.stdout.splitlines()[-1] == "False"
