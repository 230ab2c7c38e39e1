"""A 2025–2030 project as the new passports write it, for the tests of issue 21."""

from __future__ import annotations

from decimal import Decimal

from cdo_desktop.core.model import (
    MunicipalValues,
    Person,
    PlanFact,
    PlanFactRow,
    Project,
    Task,
)

MUNICIPALITIES = ["Энский район", "Город Энск", "Приморский округ"]


def _d(text: str) -> Decimal:
    return Decimal(text)


def project_2025() -> Project:
    """«Молодёжь и дети»-style regional project with tasks, levels, ОКЕИ units and breakdowns."""
    return Project(
        code="Ю1",
        name="Педагоги и наставники",
        region="Энская область",
        national_project="Молодёжь и дети",
        goal="Обеспечение школ педагогами",
        first_year=2025,
        last_year=2030,
        tasks=[
            Task("1", "Создание условий для профессионального роста педагогов"),
            Task("2", "Поддержка молодых учителей"),
        ],
        municipalities=list(MUNICIPALITIES),
        persons=[
            Person("куратор", "Иванов И. И.", "министр"),
            Person(
                "руководитель",
                "Петрова П. П.",
                "заместитель министра",
                supervisor="Иванов И. И.",
                share=_d("25"),
            ),
            Person("ответственный", "Сидоров С. С.", share=_d("12.5")),
        ],
        indicators=[
            PlanFactRow(
                "1",
                "Численность педагогов, прошедших повышение квалификации",
                unit="человек",
                okei="792",
                base_value=_d("1200"),
                base_year=2024,
                cumulative=True,
                task="1",
                level=["ФП", "РП"],
                indicator_kind="main",
                data_source="ГИИС «Электронный бюджет»",
                values={2025: PlanFact(_d("1500"), _d("1510")), 2026: PlanFact(_d("1800"))},
                municipalities=[
                    MunicipalValues(
                        "Энский район",
                        {2025: PlanFact(_d("500"), _d("505")), 2026: PlanFact(_d("600"))},
                    ),
                    MunicipalValues(
                        "Город Энск",
                        {2025: PlanFact(_d("700"), _d("705")), 2026: PlanFact(_d("900"))},
                    ),
                    MunicipalValues(
                        "Приморский округ",
                        {2025: PlanFact(_d("300"), _d("300")), 2026: PlanFact(_d("300"))},
                    ),
                ],
            ),
            PlanFactRow(
                "2",
                "Доля молодых учителей, получивших поддержку",
                unit="процент",
                okei="744",
                task="2",
                level=["ГП РФ", "РП", "ВДЛ"],
                indicator_kind="additional",
                data_source="региональная информационная система",
                values={2025: PlanFact(_d("40"), _d("41.5"))},
                municipalities=[
                    MunicipalValues("Энский район", {2025: PlanFact(_d("35"))}),
                    MunicipalValues("Город Энск", {2025: PlanFact(_d("45"))}),
                ],
            ),
            PlanFactRow("3", "Показатель без задачи", unit="единица", values={}),
        ],
        results=[
            PlanFactRow(
                "1.1",
                "Проведены курсы повышения квалификации",
                unit="единица",
                task="1",
                result_type="Проведение образовательных мероприятий",
                linked_indicators=["1"],
                values={2025: PlanFact(_d("12"), _d("12"))},
            ),
            PlanFactRow(
                "2.1",
                "Выплачены подъёмные молодым учителям",
                unit="тысяча рублей",
                task="2",
                result_type="Оказание финансовой поддержки",
                linked_indicators=["1", "2"],
                values={2025: PlanFact(_d("5000.50"))},
            ),
        ],
    )
