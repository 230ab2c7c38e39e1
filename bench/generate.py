"""Realistic large data for the benchmarks: a ministry's database of many years, a big workbook.

    python bench/generate.py FOLDER [--projects 60] [--rows 300] [--years 12]
                                    [--workbook-rows 50000]

The database holds `--projects` regional projects of `--rows` indicators and results each
(two thirds indicators), plan and fact for `--years` years, financing lines with budget
sources and «из них» children: with the defaults about 450,000 values. Names are Russian and
of the length the ministry's passports use. The workbook is one project of `--workbook-rows`
rows in the passport layout, written by the program's own export.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from cdo_desktop.core.model import (
    ALL_SOURCES,
    BudgetSource,
    Direction,
    FederalProject,
    FinancingLine,
    Person,
    PlanFact,
    PlanFactRow,
    Project,
)

FIRST_YEAR = 2019

_REGIONS = [
    "Кировская область",
    "Республика Татарстан",
    "Свердловская область",
    "Новосибирская область",
    "Краснодарский край",
    "Республика Саха (Якутия)",
    "Ханты-Мансийский автономный округ — Югра",
    "Нижегородская область",
]
_PROJECTS = [
    ("E1", "Современная школа"),
    ("E2", "Успех каждого ребёнка"),
    ("E3", "Поддержка семей, имеющих детей"),
    ("E4", "Цифровая образовательная среда"),
    ("E5", "Учитель будущего"),
    ("E6", "Молодые профессионалы"),
    ("E7", "Новые возможности для каждого"),
    ("E8", "Социальная активность"),
]
_SUBJECTS = [
    "общеобразовательных организаций",
    "организаций дополнительного образования детей",
    "профессиональных образовательных организаций",
    "детей в возрасте от 5 до 18 лет",
    "педагогических работников",
    "обучающихся по программам общего образования",
    "муниципальных образований",
    "центров цифрового образования детей «IT-куб»",
]
_WHAT = [
    "обеспеченных современной материально-технической базой",
    "использующих федеральную информационно-сервисную платформу цифровой образовательной среды",
    "охваченных дополнительными общеразвивающими программами технической и "
    "естественно-научной направленности",
    "прошедших повышение квалификации в рамках периодической аттестации в цифровой форме",
    "реализующих образовательные программы с использованием дистанционных технологий",
    "в которых обновлено содержание и методы обучения предметной области «Технология»",
    "подключённых к сети «Интернет» со скоростью не менее 100 Мбит/с",
]
_UNITS = ["процент", "единица", "тыс. человек", "человек", "млн рублей"]
_SOURCES = [
    ("федеральный бюджет", None),
    ("бюджет субъекта Российской Федерации", None),
    ("из них межбюджетные трансферты бюджету субъекта", "бюджет субъекта Российской Федерации"),
    ("внебюджетные источники", None),
]


def _amount(rng: random.Random, scale: int) -> Decimal:
    return Decimal(rng.randint(0, scale * 1000)).scaleb(-rng.choice((0, 1, 1, 2, 3)))


def _row(rng: random.Random, number: int, kind: str, years: range, now: int) -> PlanFactRow:
    """An indicator or result; plan for every year, fact for the years already past."""
    subject, what = rng.choice(_SUBJECTS), rng.choice(_WHAT)
    words = "Доля" if kind == "indicator" else "Создано (оснащено) не менее"
    name = f"{words} {subject}, {what}"
    if rng.random() < 0.4:
        name += f", в общем числе {rng.choice(_SUBJECTS)} субъекта Российской Федерации"
    unit = rng.choice(_UNITS)
    percent = unit == "процент"

    def amount() -> Decimal:
        if percent:  # 0–100, one decimal
            return Decimal(rng.randint(0, 1000)).scaleb(-1)
        return _amount(rng, rng.choice((1, 100, 10_000)))

    base = amount() if rng.random() < 0.5 else None
    cumulative = not percent and rng.random() < 0.3
    values = {}
    running = Decimal(0)
    for year in years:
        plan = amount() if rng.random() > 0.05 else None
        if cumulative and plan is not None:  # a running total never goes down
            running = plan = running + plan
        fact = amount() if year <= now and rng.random() > 0.1 else None
        values[year] = PlanFact(plan, fact)
    return PlanFactRow(
        number=f"{number // 10 + 1}.{number % 10 + 1}" if kind == "result" else str(number),
        name=name,
        unit=unit,
        cumulative=cumulative,
        direction=Direction.UP if rng.random() < 0.9 else Direction.DOWN,
        base_value=base,
        base_year=FIRST_YEAR - 1 if base is not None else None,
        characteristic="" if kind == "indicator" else f"Характеристика результата {number}",
        values=values,
    )


def project(index: int, rows: int = 300, years: int = 12, lines: int = 50) -> Project:
    """One regional project; the same `index` always gives the same project."""
    rng = random.Random(index)
    span = range(FIRST_YEAR, FIRST_YEAR + years)
    now = date.today().year - 1  # facts for the years past; a later one is an error
    code, title = _PROJECTS[index % len(_PROJECTS)]
    region = _REGIONS[index % len(_REGIONS)]
    indicators = rows * 2 // 3
    results = [_row(rng, n, "result", span, now) for n in range(1, rows - indicators + 1)]
    numbers = [row.number for row in results] or [None]
    return Project(
        code=f"{code}-{index + 1:03d}",
        name=f"{title} ({region})",
        region=region,
        national_project="Образование",
        federal_project=FederalProject(code, title),
        goal=f"Обеспечение возможности детям получать качественное общее образование: {title}",
        customer=f"Министерство образования ({region})",
        first_year=span.start,
        last_year=span.stop - 1,
        persons=[
            Person("куратор", "Иванова Анна Борисовна", "Заместитель председателя правительства"),
            Person("руководитель", "Петров Василий Геннадьевич", "Министр образования"),
            Person("администратор", "Сидорова Елена Дмитриевна", "Начальник отдела"),
        ],
        participants=[f"Муниципальное образование № {n}" for n in range(1, 11)],
        indicators=[_row(rng, n, "indicator", span, now) for n in range(1, indicators + 1)],
        results=results,
        financing=[_line(rng, n, span, numbers[n % len(numbers)]) for n in range(1, lines + 1)],
    )


def _line(rng: random.Random, number: int, years: range, result: str | None) -> FinancingLine:
    sources = [BudgetSource(ALL_SOURCES)]
    for name, parent in _SOURCES:
        sources.append(
            BudgetSource(
                name,
                parent=parent or ALL_SOURCES,
                values={year: _amount(rng, 100_000) for year in years if rng.random() < 0.9},
            )
        )
    return FinancingLine(
        number=str(number),
        name=f"Результат {number}: {rng.choice(_SUBJECTS)} {rng.choice(_WHAT)}",
        result=result,
        sources=sources,
    )


def projects(count: int = 60, rows: int = 300, years: int = 12) -> list[Project]:
    return [project(index, rows, years) for index in range(count)]


def value_count(items: list[Project]) -> int:
    plan_fact = sum(
        (pair.plan is not None) + (pair.fact is not None)
        for item in items
        for row in (*item.indicators, *item.results)
        for pair in row.values.values()
    )
    amounts = sum(
        len(source.values) for item in items for line in item.financing for source in line.sources
    )
    return plan_fact + amounts


def write_database(path: Path, items: list[Project]) -> None:
    """A database file holding `items`, written by the program (as `load` would)."""
    from cdo_desktop.workspace import open_workspace

    path.unlink(missing_ok=True)
    workspace = open_workspace(path, with_demo=False, daily_backup=False)
    try:
        workspace.store.replace(items, source="замер")
    finally:
        workspace.close()


def write_workbook(path: Path, rows: int = 50_000) -> None:
    """One project of `rows` rows in the passport layout, by the program's export."""
    from cdo_desktop.exchange.excel_export import export_projects

    export_projects([workbook_project(rows)], path)


def workbook_project(rows: int = 50_000) -> Project:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from excel_bench import big_project  # the Excel benchmark's 50,000-row project

    return big_project(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--projects", type=int, default=60)
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--years", type=int, default=12)
    parser.add_argument("--workbook-rows", type=int, default=50_000)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    items = projects(args.projects, args.rows, args.years)
    write_database(args.folder / "large.sqlite", items)
    print(f"{args.folder / 'large.sqlite'}: {len(items)} projects, {value_count(items)} values")
    write_workbook(args.folder / "large.xlsx", args.workbook_rows)
    print(f"{args.folder / 'large.xlsx'}: {args.workbook_rows} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
