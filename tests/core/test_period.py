"""Shortening a project's period: the values that fall out, as removals, and the question."""

from __future__ import annotations

from decimal import Decimal

from cdo_desktop.core.changes import SetValue
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import (
    BudgetSource,
    FinancingLine,
    PlanFact,
    PlanFactRow,
    Project,
)
from cdo_desktop.core.period import (
    period_changes,
    removal_question,
    removed_values,
    values_outside,
    years_text,
)


def project() -> Project:
    return Project(
        code="E4",
        name="Проект",
        first_year=2019,
        last_year=2024,
        id=7,
        indicators=[
            PlanFactRow(
                "1",
                "Доля",
                id=11,
                values={
                    2019: PlanFact(Decimal(1), Decimal(2)),
                    2024: PlanFact(Decimal(3), None),
                },
            )
        ],
        results=[PlanFactRow("1", "Школы", id=12, values={2024: PlanFact(None, Decimal(5))})],
        financing=[
            FinancingLine(
                "1",
                "Оснащение",
                id=21,
                sources=[
                    BudgetSource("ФБ", id=31, values={2023: Decimal(10), 2024: Decimal(20)}),
                    BudgetSource("РБ", id=32, values={2024: None}),
                ],
            )
        ],
    )


def test_values_outside_lists_plans_facts_and_amounts_of_the_dropped_years():
    removals = values_outside(project(), range(2019, 2024))
    assert [(c.where.section, c.where.item, c.where.field, c.where.year) for c in removals] == [
        (Section.INDICATORS, 11, "plan", 2024),
        (Section.RESULTS, 12, "fact", 2024),
        (Section.SOURCES, 31, "amount", 2024),
    ]
    assert all(isinstance(c, SetValue) and c.new is None for c in removals)
    assert removals[2].where.parent == 21
    assert removals[0].old == Decimal(3)


def test_nothing_falls_out_when_the_period_grows():
    assert values_outside(project(), range(2018, 2026)) == []
    changes = period_changes(project(), 2019, 2025)
    assert changes == [
        SetValue(changes[0].where, 2024, 2025),
    ]
    assert changes[0].where.field == "last_year"


def test_period_changes_remove_values_before_the_years_change():
    changes = period_changes(project(), 2020, 2023)
    fields = [c.where.field for c in changes]
    assert fields[-2:] == ["first_year", "last_year"]
    assert len(removed_values(changes)) == 5  # 2019 plan and fact, 2024 plan, fact, amount


def test_the_question_counts_with_agreeing_words():
    removals = values_outside(project(), range(2019, 2024))
    question = removal_question(removals)
    assert question.startswith("Удалить 3 значения за 2024 год?")
    assert "показатели: 1" in question and "финансирование: 1" in question
    one = removal_question(removals[:1])
    assert one.startswith("Удалить 1 значение за 2024 год?")
    both = removal_question(values_outside(project(), range(2020, 2024)))
    assert both.startswith("Удалить 5 значений за 2019 и 2024 годы?")


def test_years_text():
    assert years_text([2024]) == "2024 год"
    assert years_text([2022, 2023, 2024, 2023]) == "2022–2024 годы"
    assert years_text([2019, 2021, 2024]) == "2019, 2021 и 2024 годы"
