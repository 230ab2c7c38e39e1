"""`control-points` and `summary --as-of`: the lines as the issue spells them, at a date."""

from __future__ import annotations

import re
from copy import deepcopy
from datetime import date

import pytest
from pypdf import PdfReader

from cdo_desktop.cli import main
from cdo_desktop.core.model import ControlPoint, PointKind, Risk, RiskStatus, RowKind
from cdo_desktop.workspace import open_workspace


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def with_points(db_path):
    workspace = open_workspace(db_path)
    try:
        store = workspace.store
        project = deepcopy(store.load(store.find("E4").id))
        project.results[0].control_points = [
            ControlPoint("1.1", "Соглашения", date(2024, 3, 31), done=date(2024, 3, 30)),
            ControlPoint("1.2", "Закупка\tоборудования", date(2024, 6, 30)),
            ControlPoint(
                "1.3", "Отчёт", date(2024, 12, 20), kind=PointKind.ACTIVITY, done=date(2025, 1, 9)
            ),
        ]
        project.risks = [
            Risk("1", "Срыв поставок", target_kind=RowKind.RESULT, target_number="1"),
            Risk("2", "Закрытый риск", status=RiskStatus.CLOSED),
        ]
        store.replace([project])
    finally:
        workspace.close()
    return db_path


def test_one_line_per_point_tab_separated_at_a_date(capsys, with_points):
    code, out, err = run(capsys, "control-points", "--db", with_points, "--as-of", "01.07.2024")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "E4\t1\t1.1\tСоглашения\t31.03.2024\t30.03.2024\tвыполнена",
        "E4\t1\t1.2\tЗакупка\\x09оборудования\t30.06.2024\t–\tпросрочена",
        # done after the date: not done at it (the actual date is the stored one)
        "E4\t1\t1.3\tОтчёт\t20.12.2024\t09.01.2025\tв работе",
    ]


def test_overdue_only_and_a_later_date(capsys, with_points):
    code, out, _ = run(
        capsys, "control-points", "--db", with_points, "--as-of", "10.01.2025", "--overdue"
    )
    assert code == 0
    assert [line.split("\t")[2] for line in out.splitlines()] == ["1.2"]
    code, out, _ = run(capsys, "control-points", "--db", with_points, "--project", "E4")
    assert code == 0  # today by default
    assert "выполнена с нарушением срока" in out.splitlines()[2]


def test_a_wrong_date_is_one_russian_line_and_exit_1(capsys, with_points):
    # As `report`, `due`, `check` and `overview` do (issue 19: «any other date: exit 1»).
    code, out, err = run(capsys, "control-points", "--db", with_points, "--as-of", "31.02.2024")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "такой даты не бывает" in err and "31.02.2024" in err


def test_an_unknown_project_is_one_russian_line(capsys, with_points):
    code, out, err = run(capsys, "control-points", "--db", with_points, "--project", "Z9")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "не найден" in err


def test_the_summary_shows_overdue_points_and_open_risks_at_the_date(capsys, with_points, tmp_path):
    out = tmp_path / "сводка.pdf"
    code, _, err = run(capsys, "summary", out, "--db", with_points, "--as-of", "01.07.2024")
    assert (code, err) == (0, "")
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(out).pages))
    assert "Контрольные точки и риски по состоянию на 01.07.2024" in text
    assert "Закупка" in text and "Срыв поставок" in text
    assert "Закрытый риск" not in text
    assert "Соглашения" not in text  # done in time: not overdue


def test_a_summary_without_points_has_no_such_section(capsys, db_path, tmp_path):
    out = tmp_path / "сводка.pdf"
    assert run(capsys, "summary", out, "--db", db_path)[0] == 0
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Контрольные точки" not in text
