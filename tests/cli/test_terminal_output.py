"""Names and values reach the terminal with their control characters escaped: an escape
sequence in a project's name (from an old database, a workbook) cannot clear the screen or
hide a line of `--dry-run`, `history`, `projects`, `check` or an error message."""

from __future__ import annotations

import sqlite3

from openpyxl import load_workbook

from tests.cli.test_cli import run

CLEAR_SCREEN = "\x1b[2J"
CSI = "\x9b"  # the one-byte escape of some terminals; a workbook cell may hold it


def with_a_hostile_name(capsys, db_path):
    assert run(capsys, "projects", "--db", str(db_path))[0] == 0
    # Stored by an older version that did not check names (storage takes any text).
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("UPDATE project SET name = ?", (f"Проект{CLEAR_SCREEN}\r\tскрыт",))
    connection.close()


def assert_escaped(text):
    assert "\x1b" not in text and "\r" not in text and CSI not in text
    assert "Проект\\x1b[2J\\x0d" in text  # a tab is harmless (escaped in tabbed lists)


def test_projects_and_check_escape_control_characters(capsys, db_path):
    with_a_hostile_name(capsys, db_path)
    code, out, _ = run(capsys, "projects", "--db", str(db_path))
    assert code == 0
    assert_escaped(out)
    assert "\\x0d\\x09скрыт" in out
    assert out.count("\t") == 2 and out.count("\n") == 1
    code, out, _ = run(capsys, "check", "--db", str(db_path))
    assert_escaped(out)


def test_dry_run_and_history_escape_control_characters(capsys, db_path, tmp_path):
    exported = tmp_path / "e.xlsx"
    assert run(capsys, "export", str(exported), "--db", str(db_path))[0] == 0
    book = load_workbook(exported)
    assert book["Показатели"]["B3"].value
    book["Показатели"]["B3"] = f"Имя{CSI}2J"
    book.save(exported)
    code, out, err = run(capsys, "import", str(exported), "--db", str(db_path), "--dry-run")
    assert (code, err) == (0, "")
    assert CSI not in out and "Имя\\x9b2J" in out
    assert run(capsys, "import", str(exported), "--db", str(db_path))[0] == 0
    code, out, _ = run(capsys, "history", "--db", str(db_path))
    assert code == 0
    assert CSI not in out and "Имя\\x9b2J" in out
    assert all(line.count("\t") == 5 for line in out.splitlines())


def test_an_error_message_escapes_what_the_user_gave(capsys, db_path):
    code, _, err = run(capsys, "dump", "--project", f"E{CLEAR_SCREEN}", "--db", str(db_path))
    assert code == 1
    assert "\x1b" not in err and "E\\x1b[2J" in err
