"""Validation rules: each fires on a crafted case, and the demo project passes them all."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cdo_desktop.cli import main
from cdo_desktop.core.model import PlanFact, RowKind
from cdo_desktop.core.passport_rules import PASSPORT_RULES
from cdo_desktop.core.rules import RULES, Level, check_project, count_text, grouped, has_errors
from cdo_desktop.workspace import demo_projects

# The day the 2021 facts are due: none of the demo's missing facts is late yet.
TODAY = date(2022, 2, 1)


@pytest.fixture
def project():
    return demo_projects()[0]


def rules_fired(project):
    return {problem.rule for problem in check_project(project, TODAY)}


def test_the_demo_project_passes_every_rule(project):
    assert check_project(project, TODAY) == []


def test_cumulative_plan_that_decreases(project):
    project.indicators[2].values[2023] = PlanFact(Decimal(50), None)
    [problem] = check_project(project, TODAY)
    assert problem.rule == "cumulative_plan_decreases" and problem.level is Level.ERROR
    assert (problem.table, problem.row_number, problem.year) == (RowKind.INDICATOR, "3", 2023)
    assert "2022 — 51,88, 2023 — 50" in problem.message
    project.indicators[2].cumulative = False
    assert check_project(project, TODAY) == []


def test_percent_outside_0_100(project):
    project.results[2].values[2020] = PlanFact(Decimal(40), Decimal("141.1"))
    [problem] = check_project(project, TODAY)
    assert problem.rule == "percent_out_of_range"
    assert str(problem) == (
        "Ошибка: Результаты, строка № 3, 2020: факт 141,1 % — вне пределов 0–100"
    )


def test_fact_without_plan_is_a_warning(project):
    project.indicators[1].values[2021] = PlanFact(None, Decimal(20))
    problems = check_project(project, TODAY)
    assert [p.rule for p in problems] == ["fact_without_plan"]
    assert not has_errors(problems)


def test_fact_for_a_year_not_begun(project):
    project.last_year = 2027
    project.results[0].values[2027] = PlanFact(Decimal(400), Decimal(400))
    assert rules_fired(project) == {"fact_in_the_future"}


def test_negative_amount(project):
    project.financing[1].sources[0].values[2024] = Decimal("-5")
    assert rules_fired(project) == {"negative_amount"}


def test_financing_linked_to_a_missing_result(project):
    project.financing[1].result = "9"
    [problem] = check_project(project, TODAY)
    assert "результатом № 9, которого нет" in problem.message
    project.financing[1].result = project.results[0].number
    project.results[0].number += "."  # as a passport workbook writes it: «1.» is «1»
    assert check_project(project, TODAY) == []


def test_a_risk_that_names_a_missing_row(project):
    from cdo_desktop.core.model import Risk

    result = project.results[0].number
    project.results[0].number = f"{result}."  # as a passport workbook writes it: «1.»
    assert "9" not in {row.number for row in project.indicators}
    project.risks = [
        Risk("1", "Срыв поставок", target_kind=RowKind.RESULT, target_number=f" {result} "),
        Risk("2", "Нет кадров", target_kind=RowKind.INDICATOR, target_number="9"),
        Risk("3", "Общий риск"),
    ]
    [problem] = check_project(project, TODAY)
    assert problem.rule == "risk_names_missing_row" and problem.level is Level.WARNING
    assert str(problem) == (
        "Предупреждение: Риски, строка № 2: риск угрожает показателю № 9, которого нет"
    )
    assert problem.row_index == 1
    assert grouped([problem])[0][0] == "Риск угрожает несуществующей строке"


def test_duplicated_row_number(project):
    project.results[3].number = "3"
    problems = check_project(project, TODAY)
    assert {(p.rule, p.row_index) for p in problems} == {
        ("duplicated_row_number", 2),
        ("duplicated_row_number", 3),
    }


def test_every_rule_is_tested_here():
    tested = {
        "cumulative_plan_decreases",
        "percent_out_of_range",
        "fact_without_plan",
        "fact_in_the_future",
        "missing_fact",
        "negative_amount",
        "financing_linked_to_missing_result",
        "risk_names_missing_row",
        "duplicated_row_number",
        # tested in test_monitoring_rules.py
        "missing_monitoring",
        "december_differs",
    }
    tested |= {rule.__name__ for rule in PASSPORT_RULES}  # tested in test_passport.py
    assert {rule.__name__ for rule in RULES} == tested


def test_a_fact_is_missing_the_day_after_1_february_of_the_next_year(project):
    assert check_project(project, TODAY) == []
    problems = check_project(project, date(2022, 2, 2))
    assert {p.rule for p in problems} == {"missing_fact"}
    assert {p.year for p in problems} == {2021}
    assert all(p.level is Level.WARNING and p.field == "fact" for p in problems)
    planned_2021 = [
        (kind, index)
        for kind in RowKind
        for index, row in enumerate(project.rows(kind))
        if row.value(2021).plan is not None
    ]
    assert [(p.table, p.row_index) for p in problems] == planned_2021
    first = problems[0]
    assert str(first) == (
        f"Предупреждение: Показатели, строка № {project.indicators[first.row_index].number}, "
        "2021: нет факта (срок 01.02.2022)"
    )
    assert not has_errors(problems)


def test_a_fact_given_or_a_year_without_plan_is_not_missing(project):
    row = project.indicators[0]
    row.values[2021] = PlanFact(row.value(2021).plan, Decimal(1))
    row.values[2022] = PlanFact(None, None)
    late = {
        (p.row_index, p.year)
        for p in check_project(project, date(2026, 11, 27))
        if p.table is RowKind.INDICATOR
    }
    assert (0, 2021) not in late and (0, 2022) not in late
    assert {(0, 2023), (0, 2024)} <= late


def test_missing_facts_are_grouped_and_counted(project):
    project.indicators[0].values[2021] = PlanFact(None, Decimal(20))
    problems = check_project(project, date(2026, 11, 27))
    groups = grouped(problems)
    assert [title for title, _ in groups] == ["Факт без плана", "Нет факта за прошедший год"]
    late = groups[1][1]
    assert len(late) == len(problems) - 1 and all(p.rule == "missing_fact" for p in late)
    assert count_text(problems) == f"{len(problems)} предупреждений"
    assert count_text(problems[:1]) == "1 предупреждение"
    assert count_text([]) == "Проблем не найдено"


def test_check_command_warns_of_missing_facts_as_of_a_date(capsys, db_path):
    assert main(["check", "--db", str(db_path), "--as-of", "02.02.2022"]) == 0
    out = capsys.readouterr().out
    assert "Предупреждение: Показатели, строка № 1, 2021: нет факта (срок 01.02.2022)" in out
    assert "2022: нет факта" not in out
    assert main(["check", "--db", str(db_path), "--as-of", "2022-02-01"]) == 0
    assert "проблем не найдено" in capsys.readouterr().out
    assert main(["check", "--db", str(db_path)]) == 0  # today: late facts warn, exit 0
    assert "2024: нет факта (срок 01.02.2025)" in capsys.readouterr().out
    assert main(["check", "--db", str(db_path), "--as-of", "вчера"]) == 1
    assert "--as-of" in capsys.readouterr().err


def test_check_command_exit_status(capsys, db_path, tmp_path):
    assert main(["check", "--db", str(db_path), "--as-of", "2022-02-01"]) == 0
    assert "проблем не найдено" in capsys.readouterr().out
    main(["dump", "--db", str(db_path), "-o", str(tmp_path / "d.json")])
    text = (tmp_path / "d.json").read_text(encoding="utf-8")
    (tmp_path / "bad.json").write_text(
        text.replace('"plan": 74.9', '"plan": 174.9', 1), encoding="utf-8"
    )
    main(["load", str(tmp_path / "bad.json"), "--db", str(db_path)])
    capsys.readouterr()
    assert main(["check", "--project", "E4", "--db", str(db_path), "--as-of", "2022-02-01"]) == 1
    out = capsys.readouterr().out
    assert "план 174,9 % — вне пределов 0–100" in out
    assert "Ошибок: 2, предупреждений: 0" in out  # the percent, and the cumulative plan falling
