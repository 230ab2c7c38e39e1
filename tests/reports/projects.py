"""Projects made up for the summary's tests and benchmark: a big one, and awkward texts."""

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

_WORDS = (
    "доля образовательных организаций, реализующих программы общего образования, "
    "дополнительного образования детей и среднего профессионального образования, "
    "осуществляющих образовательную деятельность с использованием федеральной "
    "информационно-сервисной платформы цифровой образовательной среды"
).split()


def row_name(number: int) -> str:
    """A name of 4 to 30 words, so rows are of many heights; it starts and ends with markers."""
    length = 4 + (number * 7) % 27
    words = [_WORDS[(number + index) % len(_WORDS)] for index in range(length)]
    return f"Показатель-{number:03d} " + " ".join(words) + f" конец-{number:03d}"


def big_project(indicators: int = 300, results: int = 40, code: str = "B1") -> Project:
    """A project with many rows: plan and fact for 2019–2021, plan only later."""
    years = range(2019, 2025)
    project = Project(
        code=code,
        name="Большой проект",
        region="Кировская область",
        goal="проверить, как сводка делится на страницы",
        customer="министерство образования Кировской области",
        first_year=years.start,
        last_year=years.stop - 1,
        persons=[
            Person("куратор", "А.Б. Иванов", "Куратор"),
            Person("руководитель", "В.Г. Петров", "Руководитель"),
        ],
        participants=["Министерство образования Кировской области"],
    )
    for kind, count in ((project.indicators, indicators), (project.results, results)):
        for number in range(1, count + 1):
            values = {}
            for year in years:
                plan = Decimal(number * 10 + year - 2019)
                fact = plan + (number % 3) - 1 if year <= 2021 else None
                values[year] = PlanFact(plan, fact)
            kind.append(
                PlanFactRow(
                    number=str(number),
                    name=row_name(number),
                    unit="процент",
                    cumulative=number % 2 == 0,
                    values=values,
                )
            )
    project.financing = [
        FinancingLine(
            number=str(number),
            name=f"Мероприятие {number}",
            sources=[
                BudgetSource(
                    ALL_SOURCES,
                    values={year: Decimal(f"{number * 1000 + year}.5") for year in years},
                )
            ],
        )
        for number in range(1, 6)
    ]
    return project
