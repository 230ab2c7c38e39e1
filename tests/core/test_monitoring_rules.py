"""The check's monitoring rules: values due and missing at a day; 31 December unlike the year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from cdo_desktop.core.model import (
    BudgetSource,
    FinancingLine,
    MonitoringValue,
    Periodicity,
    PlanFact,
    PlanFactRow,
    Project,
    RowKind,
)
from cdo_desktop.core.rules import FINANCING, RULE_TITLES, check_project, grouped


def _project():
    row = PlanFactRow("1.1", "Доля", periodicity=Periodicity.QUARTER)
    row.values = {2024: PlanFact(Decimal(50), Decimal(48))}
    row.monitoring = {
        date(2024, 3, 31): MonitoringValue(fact=Decimal(10)),
        date(2024, 12, 31): MonitoringValue(fact=Decimal(49)),
    }
    source = BudgetSource("областной бюджет", values={2024: Decimal(10)})
    source.execution = {date(2024, 1, 31): Decimal(1)}
    line = FinancingLine("1", "Оснащение", sources=[source])
    return Project("E4", "П", first_year=2024, last_year=2024, indicators=[row], financing=[line])


def test_missing_monitoring_values_are_listed_as_overdue_or_due():
    problems = [
        p for p in check_project(_project(), date(2024, 7, 2)) if p.rule == "missing_monitoring"
    ]
    told = [(p.table, p.row_number, p.message) for p in problems]
    assert (
        RowKind.INDICATOR,
        "1.1",
        "нет факта мониторинга по состоянию на 01.07.2024 (срок 02.07.2024, к сдаче)",
    ) in told
    assert all("01.04.2024" not in m for t, _, m in told if t is RowKind.INDICATOR)  # March is in
    executed = [p for p in problems if p.table == FINANCING]
    assert [p.message for p in executed][:1] == [
        "нет кассового исполнения («областной бюджет») по состоянию на 01.03.2024 "
        "(срок 04.03.2024, просрочено)"
    ]
    assert len(executed) == 5  # February to June (January is in)
    assert dict(grouped(problems))[RULE_TITLES["missing_monitoring"]] == problems


def test_a_december_fact_unlike_the_annual_one_is_a_warning():
    [problem] = [
        p for p in check_project(_project(), date(2024, 7, 2)) if p.rule == "december_differs"
    ]
    assert problem.message == (
        "факт мониторинга по состоянию на 01.01.2025 49 не равен годовому факту 48"
    )
    assert (problem.year, problem.field) == (2024, "fact")
