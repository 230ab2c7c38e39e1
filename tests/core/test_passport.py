"""The 2025–2030 passport's vocabulary and checks: levels, kinds, ОКЕИ units, municipal sums."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cdo_desktop.core.model import PlanFact, RowKind
from cdo_desktop.core.okei import is_additive, okei_code
from cdo_desktop.core.passport import LevelError, parse_kind, parse_levels, rows_of_task
from cdo_desktop.core.rules import check_project
from tests.passport_2025 import project_2025

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("cell", "levels"),
    [
        ("ФП\nРП", ["ФП", "РП"]),
        ("РП, ФП", ["ФП", "РП"]),
        ("ГП РФ\nРП", ["ГП РФ", "РП"]),
        ("ВДЛ; НП", ["НП", "ВДЛ"]),
        ("рп*", ["РП"]),
        ("", []),
    ],
)
def test_levels_are_read_as_the_passport_writes_them(cell, levels):
    assert parse_levels(cell) == levels


def test_an_unknown_level_is_refused_in_russian():
    with pytest.raises(LevelError, match="уровень «ПП» неизвестен"):
        parse_levels("ФП\nПП")


def test_kinds():
    assert parse_kind("Основной") == "main"
    assert parse_kind(" дополнительный ") == "additional"
    assert parse_kind("") == ""
    with pytest.raises(ValueError, match="тип показателя «прочий»"):
        parse_kind("прочий")


@pytest.mark.parametrize(
    ("unit", "code", "additive"),
    [
        ("процент", "744", False),
        ("%", "744", False),
        ("единица", "642", True),
        ("ед.", "642", True),
        ("человек", "792", True),
        ("тыс. человек", "793", True),
        ("тысяча рублей", "384", True),
        ("тыс. руб.", "384", True),
        ("балл", None, False),
    ],
)
def test_okei_units(unit, code, additive):
    assert okei_code(unit) == code
    assert is_additive(None, unit) is additive


def _sums(project):
    return [p for p in check_project(project, TODAY) if p.rule == "municipal_sum_differs"]


def test_the_municipal_sum_is_checked_for_an_additive_unit():
    project = project_2025()
    assert _sums(project) == []  # 500 + 700 + 300 = 1500, 505 + 705 + 300 = 1510
    project.indicators[0].municipalities[2].values[2025] = PlanFact(Decimal("250"), Decimal(300))
    [problem] = _sums(project)
    assert (problem.table, problem.row_number, problem.year, problem.field) == (
        RowKind.INDICATOR,
        "1",
        2025,
        "plan",
    )
    assert problem.message == "план по муниципалитетам в сумме 1 450, а по области 1 500"


def test_a_percent_is_not_summed():
    project = project_2025()
    # 35 % and 45 % in the municipalities, 40 % in the region: shares are not sums.
    assert project.indicators[1].okei == "744"
    assert _sums(project) == []
    project.indicators[1].okei = None
    project.indicators[1].unit = "%"
    assert _sums(project) == []


def test_unknown_municipalities_tasks_and_linked_indicators_are_told():
    project = project_2025()
    project.municipalities.remove("Приморский округ")
    project.results[0].task = "9"
    project.results[1].linked_indicators = ["1", "7"]
    messages = {p.message for p in check_project(project, TODAY)}
    assert "муниципалитета «Приморский округ» нет в списке муниципалитетов проекта" in messages
    assert "задачи № 9 в проекте нет" in messages
    assert "связанного показателя № 7 в проекте нет" in messages


def test_rows_are_grouped_by_task_in_the_tasks_order():
    project = project_2025()
    assert rows_of_task(project, project.indicators) == [(None, [2]), ("1", [0]), ("2", [1])]
