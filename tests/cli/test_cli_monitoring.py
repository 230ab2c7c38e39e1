"""`due` and `report` on the command line; monitoring carried by `dump` → `load` → `dump`."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from cdo_desktop.cli import main
from cdo_desktop.core.model import MonitoringValue, Periodicity
from cdo_desktop.exchange.json_format import to_document, write_document
from cdo_desktop.workspace import demo_projects


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _document_file(tmp_path, *, last_year=2024, code="E4"):
    [project] = demo_projects()
    project.code = code
    project.last_year = last_year
    row = project.indicators[2]
    row.periodicity = Periodicity.MONTH
    row.values[2024].fact = None
    row.monitoring = {date(2024, 8, 31): MonitoringValue(Decimal("60.1"), Decimal(70), "срыв")}
    for value in project.results[0].values.values():
        value.fact = None
    if last_year > 2024:
        row.values[last_year] = type(row.values[2024])(Decimal(80))
    project.financing[0].sources[0].execution = {date(2024, 1, 31): Decimal(1)}
    path = tmp_path / f"{code}.json"
    path.write_text(write_document(to_document([project])), encoding="utf-8")
    return path


def _loaded(capsys, tmp_path, db_path, **kwargs):
    path = _document_file(tmp_path, **kwargs)
    code, _, err = run(capsys, "load", path, "--db", db_path)
    assert (code, err) == (0, "")
    return path


def test_due_lists_missing_values_in_seven_fields(capsys, tmp_path, db_path):
    _loaded(capsys, tmp_path, db_path)
    code, out, err = run(capsys, "due", "--as-of", "03.10.2024", "--db", db_path)
    assert (code, err) == (0, "")
    lines = [line.split("\t") for line in out.splitlines()]
    assert all(len(fields) == 7 for fields in lines)
    monthly = [fields for fields in lines if fields[1] == "Показатели" and fields[2] == "3"]
    ends = [fields[4] for fields in monthly]
    assert "31.08.2024" not in ends  # entered
    assert ends[-2:] == ["31.07.2024", "30.09.2024"]
    assert monthly[-1] == ["E4", "Показатели", "3", "", "30.09.2024", "02.10.2024", "просрочено"]
    assert [
        "E4",
        "Финансирование",
        "1",
        "федеральный бюджет",
        "30.09.2024",
        "02.10.2024",
        "просрочено",
    ] in lines or any(
        fields[1] == "Финансирование" and fields[4] == "30.09.2024" for fields in lines
    )
    annual = [fields for fields in lines if fields[1] == "Результаты" and fields[2] == "1"]
    assert annual and all(fields[4].startswith("31.12.") for fields in annual)
    code, out, _ = run(capsys, "due", "--as-of", "2024-10-02", "--db", db_path)
    assert "E4\tПоказатели\t3\t\t30.09.2024\t02.10.2024\tк сдаче" in out.splitlines()
    code, out, _ = run(capsys, "due", "--as-of", "2024-01-01", "--project", "E4", "--db", db_path)
    assert all("2024\t" not in line.split("\t")[4] for line in out.splitlines() if line)


def test_due_says_when_the_calendar_of_a_year_is_missing(capsys, tmp_path, db_path):
    _loaded(capsys, tmp_path, db_path, last_year=2027)
    code, out, err = run(capsys, "due", "--as-of", "2028-03-01", "--db", db_path)
    assert code == 0
    assert "E4\tПоказатели\t3\t\t31.12.2027\t" in out
    assert err == (
        "производственный календарь на 2027 год не загружен\n"
        "производственный календарь на 2028 год не загружен\n"
    )


def test_due_refuses_a_word_for_a_date(capsys, db_path):
    code, out, err = run(capsys, "due", "--as-of", "вчера", "--db", db_path)
    assert (code, out) == (1, "")
    assert "не дата «вчера»" in err


def test_monitoring_goes_through_the_database_byte_for_byte(capsys, tmp_path, db_path):
    path = _loaded(capsys, tmp_path, db_path)
    out = tmp_path / "out.json"
    assert run(capsys, "dump", "-o", out, "--db", db_path)[0] == 0
    dumped = json.loads(out.read_text(encoding="utf-8"))["projects"][0]
    assert dumped["indicators"][2]["monitoring"][0]["as_of"] == "2024-08-31"
    assert out.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def _text(path):
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(path).pages))


def test_report_pdf_and_xlsx(capsys, tmp_path, db_path):
    _loaded(capsys, tmp_path, db_path)
    pdf = tmp_path / "отчёт.pdf"
    code, out, err = run(capsys, "report", pdf, "--as-of", "2024-09-01", "--db", db_path)
    assert (code, err) == (0, "")
    assert out.startswith("Отчёт по проекту E4 по состоянию на 01.09.2024")
    text = _text(pdf)
    for words in (
        "Отчёт о ходе реализации регионального проекта «Цифровая образовательная среда» "
        "по состоянию на 01.09.2024",
        "60,1",
        "риск недостижения",
        "срыв",
        "С.В. Стяжкин",
        "Д.А. Курдюмов",
    ):
        assert words in text
    xlsx = tmp_path / "отчёт.xlsx"
    code, _, err = run(capsys, "report", xlsx, "--as-of", "31.08.2024", "--db", db_path)
    assert (code, err) == (0, "")
    cells = [c for row in load_workbook(xlsx).active.iter_rows(values_only=True) for c in row if c]
    assert cells[0].endswith("по состоянию на 01.09.2024")
    assert "60,1" in cells and "риск недостижения" in cells
    code, _, _ = run(capsys, "report", xlsx, "--as-of", "30.09.2024", "--db", db_path)
    cells = [c for row in load_workbook(xlsx).active.iter_rows(values_only=True) for c in row if c]
    assert code == 0 and "не внесено" in cells and "60,1" not in cells


def test_report_refuses_what_it_cannot_print(capsys, tmp_path, db_path):
    _loaded(capsys, tmp_path, db_path)
    pdf = tmp_path / "r.pdf"
    code, _, err = run(capsys, "report", pdf, "--as-of", "15.09.2024", "--db", db_path)
    assert code == 1 and "не отчётная дата" in err
    code, _, err = run(capsys, "report", pdf, "--as-of", "31.08.2031", "--db", db_path)
    assert code == 1 and "вне лет проекта" in err
    assert run(capsys, "load", _document_file(tmp_path, code="E5"), "--db", db_path)[0] == 0
    code, _, err = run(capsys, "report", pdf, "--as-of", "31.08.2024", "--db", db_path)
    assert code == 1 and "E4, E5" in err
    assert not pdf.exists()
    with pytest.raises(SystemExit) as usage:
        run(capsys, "report", pdf, "--db", db_path)
    assert usage.value.code == 2


def test_due_and_check_count_on_the_calendar_with_its_edits(capsys, tmp_path, db_path):
    from cdo_desktop.core.work_calendar import calendar_change
    from cdo_desktop.storage.database import open_store

    _loaded(capsys, tmp_path, db_path)
    line = "E4\tПоказатели\t3\t\t30.09.2024\t02.10.2024\tпросрочено"
    assert line in run(capsys, "due", "--as-of", "2024-10-03", "--db", db_path)[1].splitlines()
    store = open_store(db_path)
    try:
        store.apply([calendar_change(date(2024, 10, 1), None, False)])  # Tuesday made a holiday
    finally:
        store.close()
    code, out, _ = run(capsys, "due", "--as-of", "2024-10-03", "--db", db_path)
    assert code == 0
    assert "E4\tПоказатели\t3\t\t30.09.2024\t03.10.2024\tк сдаче" in out.splitlines()
    _, out, _ = run(capsys, "check", "--as-of", "2024-10-03", "--db", db_path)
    assert "по состоянию на 01.10.2024 (срок 03.10.2024, к сдаче)" in out
    assert "срок 02.10.2024" not in out


def test_report_xlsx_has_the_control_points_and_risks_of_the_pdf(capsys, tmp_path, db_path):
    """Issue 20: points and risks appear in the monitoring report, in either format."""
    document = json.loads(run(capsys, "dump", "--db", db_path)[1])
    project = document["projects"][0]
    project["results"][0]["control_points"] = [
        {"number": "1.1", "name": "Закупка оборудования", "kind": "checkpoint",
         "due": "2024-09-30", "done": None, "responsible": "Иванов", "document": "",
         "control_level": "РП"},
        {"number": "1.2", "name": "Монтаж", "kind": "activity", "due": "2024-10-31",
         "done": None, "responsible": "", "document": "", "control_level": ""},
    ]  # fmt: skip
    project["risks"] = [
        {"number": "1", "description": "Срыв поставки", "target": None, "probability": "high",
         "impact": "medium", "mitigation": "Резервный поставщик", "owner": "Петров",
         "status": "open"},
    ]  # fmt: skip
    path = tmp_path / "с-точками.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "load", path, "--db", db_path)[0] == 0
    xlsx = tmp_path / "отчёт.xlsx"
    code, _, err = run(capsys, "report", xlsx, "--as-of", "30.09.2024", "--db", db_path)
    assert (code, err) == (0, "")
    cells = [c for row in load_workbook(xlsx).active.iter_rows(values_only=True) for c in row if c]
    assert "Контрольные точки и риски по состоянию на 01.10.2024" in cells
    # Planned for 30.09 and not done: overdue on the report's day; 1.2 is not due yet.
    assert "Закупка оборудования" in cells and "Монтаж" not in cells
    assert "Срыв поставки" in cells and "высокая" in cells
    assert any("просрочено: 1" in str(c) for c in cells)
