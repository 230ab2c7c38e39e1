"""Monitoring tables in Excel: the export imports back unchanged; tables officials type (a
caption «по состоянию на …» or «на …», their own column names) add monitoring values only;
wrong dates and words for numbers are refused with the sheet and cell named."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from cdo_desktop.cli import main
from cdo_desktop.core.errors import DocumentError
from cdo_desktop.core.model import MonitoringValue
from cdo_desktop.exchange.monitoring_excel import (
    export_monitoring,
    is_monitoring_workbook,
    read_monitoring_workbook,
)
from cdo_desktop.workspace import demo_projects

AS_OF = date(2024, 9, 30)


def _project():
    [project] = demo_projects()
    row = project.indicators[2]
    row.monitoring = {AS_OF: MonitoringValue(Decimal("59.92"), Decimal(70), "срыв", "№ 5")}
    return project


def test_the_export_imports_back_with_nothing_to_change(tmp_path):
    project = _project()
    path = tmp_path / "мониторинг.xlsx"
    export_monitoring(project, [AS_OF, date(2024, 8, 31)], path)
    assert is_monitoring_workbook(path)
    read = read_monitoring_workbook(path, project)
    assert [as_of for _, as_of in read.tables] == [
        AS_OF,
        AS_OF,
        date(2024, 8, 31),
        date(2024, 8, 31),
    ]
    assert read.project.indicators[2].monitoring == project.indicators[2].monitoring


def _typed(tmp_path, caption, rows, header=None):
    book = Workbook()
    sheet = book.active
    sheet.title = "Лист1"
    sheet.append([caption])
    sheet.append([])
    sheet.append(
        header
        or [
            "№ п/п",
            "Наименование показателя",
            "Плановое значение на год",
            "Фактическое значение",
            "Прогноз на конец года",
            "% исполнения",
            "Причины отклонения",
        ]
    )
    sheet.append(list(range(1, len(header or range(7)) + 1)))  # the row of column numbers
    for row in rows:
        sheet.append(row)
    path = tmp_path / "typed.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize(
    "caption",
    [
        "Сведения о достижении показателей по состоянию на 01.10.2024",
        "Мониторинг на 30.09.2024 г.",
        "Отчёт по состоянию на 2024-10-01",
    ],
)
def test_a_typed_table_adds_monitoring_values_only(tmp_path, caption):
    [project] = demo_projects()
    project.id = 1  # as stored
    plan = project.indicators[2].value(2024)
    path = _typed(
        tmp_path,
        caption,
        [
            ["Показатели"],
            ["3", "Доля общеобразовательных организаций", 99, "59,92", 70.5, "80 %", "Поставка"],
            ["1", "В Кировской области внедрена целевая модель", 1, 1, None, None, None],
        ],
    )
    read = read_monitoring_workbook(path, project)
    assert read.project.indicators[2].monitoring == {
        AS_OF: MonitoringValue(Decimal("59.92"), Decimal("70.5"), "Поставка")
    }
    assert read.project.indicators[0].monitoring == {AS_OF: MonitoringValue(fact=Decimal(1))}
    assert read.project.indicators[2].value(2024) == plan  # «План» is not data
    changes = read.changes(project)
    assert changes and all(change.where.as_of == AS_OF for change in changes)


@pytest.mark.parametrize(
    ("caption", "rows", "words", "cell"),
    [
        ("по состоянию на 15.09.2024", [["3", "x", 1, 2]], "не отчётная дата", "A1"),
        ("на 30.09.2024", [["3", "x", 1, "высокий"]], "«высокий»", "D5"),
        (
            "на 30.09.2024",
            [["3", "x", 1, 2], ["по состоянию на 31.08.2024"]],
            "две отчётные даты",
            "A6",
        ),
        ("на 30.09.2024", [["99", "нет такой", 1, 2]], "строки № 99 нет", "A5"),
        ("на 30.09.2031", [["3", "x", 1, 2]], "вне лет проекта", "лист «Лист1»"),
    ],
)
def test_what_cannot_be_read_is_refused_naming_the_cell(tmp_path, caption, rows, words, cell):
    [project] = demo_projects()
    header = ["№", "Наименование", "План на год", "Факт"]
    path = _typed(tmp_path, caption, rows, header)
    with pytest.raises(DocumentError) as refused:
        read_monitoring_workbook(path, project)
    assert words in str(refused.value)
    assert cell in str(refused.value)


def test_budget_execution_table(tmp_path):
    [project] = demo_projects()
    line = project.financing[0]
    source = line.sources[0]
    path = _typed(
        tmp_path,
        "Кассовое исполнение по состоянию на 01.10.2024",
        [[line.number, line.name, source.name, 100, "12,5", "12 %"]],
        [
            "№ п/п",
            "Наименование",
            "Источник",
            "Объём на год",
            "Кассовое исполнение",
            "% исполнения",
        ],
    )
    read = read_monitoring_workbook(path, project)
    assert read.project.financing[0].sources[0].execution == {AS_OF: Decimal("12.5")}


def test_import_command_takes_a_monitoring_workbook(capsys, tmp_path, db_path):
    path = _typed(
        tmp_path,
        "по состоянию на 01.10.2024",
        [["3", "Доля", 74.9, "59,92", 70, None, "Поставка"]],
    )
    assert main(["import", str(path), "--db", str(db_path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Показатель № 3, по состоянию на 01.10.2024, факт: – → 59,92" in out
    assert "база данных не изменена" in out
    from pathlib import Path

    from cdo_desktop.storage.backups import list_backups

    def imports():
        return [b for b in list_backups(Path(db_path)) if b.reason == "import"]

    assert main(["import", str(path), "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert len(imports()) == 1  # a backup first, as the passport import makes
    assert main(["dump", "--db", str(db_path)]) == 0
    assert '"as_of": "2024-09-30"' in capsys.readouterr().out
    assert main(["history", "--db", str(db_path)]) == 0
    assert "импорт из Excel: typed.xlsx" in capsys.readouterr().out
