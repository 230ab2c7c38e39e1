"""Control points and risks in workbooks: exported and read back, tables in several layouts,
dates as Excel dates or texts, impossible dates refused with their cell."""

from __future__ import annotations

from copy import deepcopy
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from cdo_desktop.core.history import Section as CoreSection
from cdo_desktop.core.model import (
    ControlPoint,
    Level,
    PointKind,
    Risk,
    RiskStatus,
    RowKind,
)
from cdo_desktop.exchange.excel_export import export_projects
from cdo_desktop.exchange.excel_import import plan_import, read_workbook
from cdo_desktop.exchange.import_plan import Action, Section, Severity, apply_plan, build_plan
from cdo_desktop.workspace import demo_projects, open_workspace

POINTS = [
    ControlPoint(
        "1.1",
        "Заключены соглашения о предоставлении субсидий",
        date(2024, 3, 31),
        done=date(2024, 3, 30),
        responsible="Стяжкин С.В.",
        document="Соглашение",
        control_level="РП",
    ),
    ControlPoint(
        "1.2",
        "Закуплено оборудование",
        date(2024, 12, 20),
        kind=PointKind.ACTIVITY,
        document="Акт приёмки; отчёт",
        control_level="ФП",
    ),
]
RISKS = [
    Risk(
        "1",
        "Срыв поставок оборудования",
        target_kind=RowKind.RESULT,
        target_number="1",
        probability=Level.HIGH,
        impact=Level.LOW,
        mitigation="Резервный поставщик",
        owner="Курдюмов Д.А.",
    ),
    Risk("2", "Нехватка педагогов", target_kind=RowKind.INDICATOR, target_number="3"),
    Risk("3", "Закрытый", status=RiskStatus.CLOSED),
]


def demo_with_points():
    project = deepcopy(demo_projects()[0])
    project.results[0].control_points = deepcopy(POINTS)
    project.results[2].control_points = [ControlPoint("3.1", "Отчёт", date(2025, 1, 15))]
    project.risks = deepcopy(RISKS)
    return project


@pytest.fixture
def store(db_path):
    workspace = open_workspace(db_path)
    yield workspace.store
    workspace.close()


def stored(store):
    return store.load(store.find("E4").id)


def errors(plan):
    return [p for p in plan.problems if p.severity is Severity.ERROR]


# ---------------------------------------------------------------------------- export and back


def test_export_writes_both_sheets_and_the_import_reads_them_back(tmp_path, store):
    project = demo_with_points()
    [path] = export_projects([project], tmp_path / "e4.xlsx")
    book = load_workbook(path)
    assert book.sheetnames[-2:] == ["Контрольные точки", "Риски"]
    sheet = book["Контрольные точки"]
    assert sheet["B2"].value == f"Результат 1. {project.results[0].name}"
    assert sheet["D3"].value == datetime(2024, 3, 31) and sheet["D3"].number_format == "DD.MM.YYYY"
    assert sheet["E4"].value == "-"
    plan = build_plan(read_workbook(path), None, file=str(path))
    assert errors(plan) == []
    assert [r.control_points for r in plan.project.results] == [
        r.control_points for r in project.results
    ]
    assert plan.project.risks == project.risks
    # over the stored project: it becomes the same, and read again, nothing changes
    apply_plan(store, plan_import(path, store, project="E4"))
    assert stored(store).results[0].control_points[1].document == "Акт приёмки; отчёт"
    again = plan_import(path, store, project="E4")
    assert again.edits == [] and again.changes == []


def test_a_project_without_points_exports_no_such_sheets(tmp_path):
    [path] = export_projects(demo_projects(), tmp_path / "e4.xlsx")
    assert "Контрольные точки" not in load_workbook(path).sheetnames


# ---------------------------------------------------------------------------- layouts


def workbook(tmp_path, rows, title="КТ", caption=None):
    book = Workbook()
    sheet = book.active
    sheet.title = title
    if caption:
        sheet.append([caption])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "points.xlsx"
    book.save(path)
    return path


def test_group_rows_and_dates_as_text(tmp_path, store):
    path = workbook(
        tmp_path,
        [
            [
                "№ п/п",
                "Наименование результата, мероприятия, контрольной точки",
                "Срок начала",
                "Плановый срок",
                "Фактический срок",
                "Ответственный исполнитель",
                "Вид документа и характеристика результата",
                "Уровень контроля",
            ],
            [1, 2, 3, 4, 5, 6, 7, 8],
            ["1.", "Результат «Внедрена целевая модель»", None, None, None, None, None, None],
            [
                "1.1",
                "Заключены соглашения",
                "01.01.2024",
                "31.03.2024",
                "30.03.2024",
                "Стяжкин С.В.",
                "Соглашение",
                "РП",
            ],
            [
                "1.2",
                "Закуплено оборудование",
                None,
                "20.12.2024 г.",
                "-",
                "Курдюмов Д.А.",
                "Акт",
                "ФП",
            ],
            ["Результат 2. Созданы центры", None, None, None, None, None, None, None],
            ["1", "Открыт центр", None, "01.09.2024", "02.09.2024 г.", None, None, None],
        ],
        caption="Контрольные точки регионального проекта",
    )
    plan = plan_import(path, store, project="E4")
    assert errors(plan) == []
    project = plan.project
    first, second = project.results[0].control_points, project.results[1].control_points
    assert [(p.number, p.due, p.done) for p in first] == [
        ("1.1", date(2024, 3, 31), date(2024, 3, 30)),
        ("1.2", date(2024, 12, 20), None),
    ]
    assert (first[0].responsible, first[0].document, first[0].control_level) == (
        "Стяжкин С.В.",
        "Соглашение",
        "РП",
    )
    assert [(p.number, p.name, p.done) for p in second] == [("1", "Открыт центр", date(2024, 9, 2))]
    # a control-point table never edits results' figures or fields
    assert {edit.where.section for edit in plan.edits} == {CoreSection.CONTROL_POINTS}
    assert {line.section for line in plan.changes} == {Section.CONTROL_POINTS}
    assert [line.action for line in plan.changes] == [Action.ADD] * 3
    apply_plan(store, plan)
    assert stored(store).results[0].values == demo_projects()[0].results[0].values


def test_a_result_column_and_excel_dates(tmp_path, store):
    path = workbook(
        tmp_path,
        [
            [
                "№",
                "№ результата",
                "Контрольная точка",
                "Вид",
                "Дата окончания",
                "Дата фактического исполнения",
            ],
            ["1", "2", "Подписан акт", "контрольная точка", datetime(2024, 5, 15), None],
            ["2", "2", "Семинар", "мероприятие", datetime(2024, 6, 1), datetime(2024, 6, 3)],
        ],
    )
    plan = plan_import(path, store, project="E4")
    assert errors(plan) == []
    points = plan.project.results[1].control_points
    assert [(p.number, p.kind, p.due, p.done) for p in points] == [
        ("1", PointKind.CHECKPOINT, date(2024, 5, 15), None),
        ("2", PointKind.ACTIVITY, date(2024, 6, 1), date(2024, 6, 3)),
    ]


def test_point_numbers_name_their_results_and_other_results_keep_their_points(tmp_path, store):
    project = deepcopy(stored(store))
    project.results[3].control_points = [ControlPoint("4.1", "Своя точка", date(2024, 1, 1))]
    store.replace([project])
    path = workbook(
        tmp_path,
        [
            ["№ п/п", "Наименование контрольной точки", "Срок"],
            ["1.1", "Первая", "31.03.2024"],
            ["3.1", "Третья", "30.06.2024"],
        ],
    )
    plan = plan_import(path, store, project="E4")
    assert errors(plan) == []
    results = plan.project.results
    assert [p.name for p in results[0].control_points] == ["Первая"]
    assert [p.name for p in results[2].control_points] == ["Третья"]
    assert [p.name for p in results[3].control_points] == ["Своя точка"]


def test_an_impossible_date_is_refused_with_its_cell(tmp_path, store):
    path = workbook(
        tmp_path,
        [
            ["№ п/п", "Наименование контрольной точки", "Плановый срок", "Фактический срок"],
            ["1.1", "Первая", "31.02.2024", None],
            ["1.2", "Вторая", "31.03.2024", "весной"],
            ["1.3", "Третья", None, None],
        ],
    )
    plan = plan_import(path, store, project="E4")
    told = [(p.location, p.message) for p in errors(plan)]
    assert told == [
        ("лист «КТ», ячейка C2", "даты «31.02.2024» не бывает"),
        ("лист «КТ», ячейка D3", "«весной» не является датой: ожидалось ДД.ММ.ГГГГ"),
        ("лист «КТ», ячейка C4", "не указан плановый срок"),
    ]
    with pytest.raises(Exception) as raised:
        apply_plan(store, plan)
    assert "C2" in str(raised.value)
    assert all(not r.control_points for r in stored(store).results)


def test_a_result_the_project_lacks_is_an_error(tmp_path, store):
    path = workbook(
        tmp_path,
        [["№ п/п", "Наименование контрольной точки", "Срок"], ["9.1", "Чужая", "31.03.2024"]],
    )
    plan = plan_import(path, store, project="E4")
    [problem] = errors(plan)
    assert "нет результата № 9" in problem.message and problem.location == "лист «КТ», ячейка A2"


def test_a_risk_table_with_words(tmp_path, store):
    path = workbook(
        tmp_path,
        [
            [
                "№ п/п",
                "Наименование риска",
                "Угроза для",
                "Вероятность",
                "Влияние",
                "Меры реагирования",
                "Ответственный",
                "Статус",
            ],
            [1, "Срыв поставок", "Результат 1", "высокая", "Средняя", "Резерв", "Иванов", "открыт"],
            [2, "Кадры", "показатель 3", "низкая", "высокая", None, None, "закрыт"],
        ],
        title="Риски",
    )
    plan = plan_import(path, store, project="E4")
    assert errors(plan) == []
    assert plan.project.risks == [
        Risk(
            "1", "Срыв поставок", RowKind.RESULT, "1", Level.HIGH, Level.MEDIUM, "Резерв", "Иванов"
        ),
        Risk("2", "Кадры", RowKind.INDICATOR, "3", Level.LOW, Level.HIGH, status=RiskStatus.CLOSED),
    ]
    apply_plan(store, plan)
    assert [risk.description for risk in stored(store).risks] == ["Срыв поставок", "Кадры"]
    bad = workbook(
        tmp_path,
        [["№", "Риск", "Вероятность"], [1, "Срыв", "огромная"]],
        title="Риски",
    )
    [problem] = errors(plan_import(bad, store, project="E4"))
    assert problem.location == "лист «Риски», ячейка C2" and "«высокая»" in problem.message
    vague = workbook(
        tmp_path, [["№", "Риск", "Угроза для", "Влияние"], [1, "Срыв", "весь проект", "высокое"]]
    )
    [problem] = errors(plan_import(vague, store, project="E4"))
    assert problem.location == "лист «КТ», ячейка C2" and "«Результат N»" in problem.message


def test_columns_the_table_lacks_keep_their_stored_values(tmp_path, store):
    project = deepcopy(stored(store))
    project.results[0].control_points = deepcopy(POINTS)
    project.risks = deepcopy(RISKS[:1])
    store.replace([project])
    path = workbook(
        tmp_path,
        [
            ["№ п/п", "Наименование контрольной точки", "Плановый срок", "Фактический срок"],
            ["1.1", "Заключены соглашения о предоставлении субсидий", "31.03.2024", "01.04.2024"],
            ["1.2", "Закуплено оборудование", "20.12.2024", None],
        ],
    )
    plan = plan_import(path, store, project="E4")
    assert errors(plan) == []
    assert [(line.label, line.old, line.new) for line in plan.changes if line.label] == [
        ("фактический срок", "30.03.2024", "01.04.2024")
    ]
    first, second = plan.project.results[0].control_points
    assert (first.responsible, first.document, second.kind) == (
        "Стяжкин С.В.",
        "Соглашение",
        PointKind.ACTIVITY,
    )
    risks = workbook(
        tmp_path, [["№", "Риск", "Вероятность"], [1, "Срыв поставок оборудования", "низкая"]]
    )
    plan = plan_import(risks, store, project="E4")
    [risk] = plan.project.risks
    assert (risk.probability, risk.impact, risk.mitigation, risk.target_number) == (
        Level.LOW,
        Level.LOW,
        "Резервный поставщик",
        "1",
    )
