"""A small database of three projects for the overview's tests: one with rows achieved, not
achieved and without a fact in 2024, one ended before 2024, the demo project."""

from __future__ import annotations

from decimal import Decimal

from cdo_desktop.core.model import (
    ALL_SOURCES,
    BudgetSource,
    FinancingLine,
    Person,
    PlanFact,
    PlanFactRow,
    Project,
)
from cdo_desktop.workspace import demo_projects


def _row(number: str, name: str, plan: str | None, fact: str | None) -> PlanFactRow:
    def value(text: str | None) -> Decimal | None:
        return None if text is None else Decimal(text)

    return PlanFactRow(number, name, "процент", values={2024: PlanFact(value(plan), value(fact))})


def three_projects() -> list[Project]:
    current = Project(
        code="E1",
        name="Современная школа",
        region="Кировская область",
        first_year=2022,
        last_year=2026,
        persons=[Person("куратор", "А.А. Кураторов"), Person("руководитель", "Б.Б. Лидеров")],
        indicators=[
            _row("1", "Доля школ с новым оборудованием", "50", "61"),
            _row("2", "Доля учителей, прошедших обучение", "80", "64"),
            _row("3", "Число детских технопарков", "4", None),
        ],
        results=[_row("1", "Созданы центры «Точка роста»", "10", "10")],
        financing=[
            FinancingLine(
                "1",
                "Оборудование",
                sources=[BudgetSource(ALL_SOURCES, None, {2024: Decimal("1500.5")})],
            )
        ],
    )
    ended = Project(code="A2", name="Завершённый проект", first_year=2019, last_year=2021)
    return [current, ended, *demo_projects()]
