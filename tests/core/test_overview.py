"""The overview of all projects: its figures are each project's own summary's figures."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cdo_desktop.core.model import PlanFact, PlanFactRow, Project, RowKind
from cdo_desktop.core.overview import (
    COLUMNS,
    Column,
    ColumnKind,
    LastChange,
    OverviewSource,
    StatusCounts,
    add_column,
    build_overview,
    default_year,
    format_value,
    shortfalls,
)
from cdo_desktop.core.status import Status
from cdo_desktop.core.totals import grand_total, year_total
from cdo_desktop.reports.summary import year_table
from tests.strategies import projects

AS_OF = date(2026, 11, 27)


def summary_verdicts(rows: list[PlanFactRow], year: int) -> Counter[str]:
    """The verdicts the project's summary prints for the year (its «Оценка» column)."""
    table = year_table(rows, year, name_title="Показатель")
    return Counter(
        re.sub(r"^\W+", "", verdict)
        for row in table.rows
        for verdict in re.findall(r'<td[^>]*class="verdict[^"]*">([^<]*)</td>', row)
    )


def counts_as_words(counts: StatusCounts) -> Counter[str]:
    return +Counter(
        {
            "достигнуто": counts.achieved,
            "не достигнуто": counts.not_achieved,
            "факт ещё не внесён": counts.no_fact,
            "факт без плана": counts.no_plan,
        }
    )


@st.composite
def databases(draw: st.DrawFn) -> list[Project]:
    codes = draw(st.lists(st.sampled_from(["E1", "E2", "E3", "E4", "A7", "Б2"]), unique=True))
    return [draw(projects(code=code)) for code in codes]


@settings(max_examples=30, deadline=None)
@given(databases(), st.none() | st.integers(2017, 2031))
def test_counts_and_money_are_the_summarys_for_every_project(database, year):
    overview = build_overview([OverviewSource.of(p) for p in database], year, AS_OF)
    assert [line.project.code for line in overview.lines] == sorted(p.code for p in database)
    for line in overview.lines:
        project = line.project
        if overview.year not in project.years:
            assert (line.indicators, line.results, line.year_financing) == (None, None, None)
            assert format_value(line.counts and line.counts.achieved) == "–"
        else:
            words = summary_verdicts(project.indicators, overview.year)
            assert counts_as_words(line.indicators) == +Counter(
                {key: value for key, value in words.items() if key != "нет данных"}
            )
            words = summary_verdicts(project.results, overview.year)
            assert counts_as_words(line.results) == +Counter(
                {key: value for key, value in words.items() if key != "нет данных"}
            )
            assert line.year_financing == year_total(project.financing, overview.year)
        assert line.total_financing == grand_total(project.financing, project.years)
    totals = overview.totals()
    in_year = overview.in_year()
    assert totals["achieved"] == (
        sum(line.counts.achieved for line in in_year) if in_year else None
    )


@settings(max_examples=30, deadline=None)
@given(databases())
def test_the_default_year_is_the_latest_with_a_fact_in_any_project(database):
    sources = [OverviewSource.of(p) for p in database]
    facts = [
        year
        for p in database
        for row in (*p.indicators, *p.results)
        for year, value in row.values.items()
        if value.fact is not None and year in p.years
    ]
    chosen = default_year(sources, AS_OF)
    if facts:
        assert chosen == max(facts)
    elif database:
        first = min(p.first_year for p in database)
        last = max(p.last_year for p in database)
        assert chosen == min(max(AS_OF.year, first), last)
    else:
        assert chosen == AS_OF.year


def row(number: str, plan: str | None, fact: str | None, year: int = 2024) -> PlanFactRow:
    def number_or_none(text: str | None) -> Decimal | None:
        return None if text is None else Decimal(text)

    return PlanFactRow(
        number,
        f"Строка {number}",
        values={year: PlanFact(number_or_none(plan), number_or_none(fact))},
    )


def sample() -> Project:
    return Project(
        code="E9",
        name="Проба",
        first_year=2023,
        last_year=2025,
        indicators=[row("1", "10", "12"), row("2", "10", "8"), row("3", "5", None)],
        results=[row("1", None, "3"), row("2", None, None), row("3", "1", "0")],
    )


def test_shortfalls_list_the_rows_not_achieved_and_without_a_fact():
    found = shortfalls(sample(), 2024)
    assert [(item.kind, item.row.number, item.status) for item in found] == [
        (RowKind.INDICATOR, "2", Status.NOT_ACHIEVED),
        (RowKind.INDICATOR, "3", Status.NO_FACT),
        (RowKind.RESULT, "3", Status.NOT_ACHIEVED),
    ]
    assert found[0].percent == Decimal(80)


def test_a_project_outside_the_year_shows_dashes_and_the_last_change():
    change = LastChange(datetime(2026, 11, 20, 9, 5), "ivanov")
    other = Project(code="A1", name="Старый", first_year=2019, last_year=2020)
    overview = build_overview(
        [OverviewSource.of(sample(), change), OverviewSource.of(other)], None, AS_OF
    )
    assert overview.year == 2024  # the latest fact of any project
    values = {
        line.project.code: {column.key: format_value(column.value(line)) for column in COLUMNS}
        for line in overview.lines
    }
    assert values["A1"]["achieved"] == values["A1"]["year_financing"] == "–"
    assert values["A1"]["changed_at"] == "–"
    assert values["E9"]["achieved"] == "1"
    assert values["E9"]["not_achieved"] == "2"
    assert values["E9"]["no_fact"] == "1"
    assert values["E9"]["changed_at"] == "20.11.2026 09:05"
    assert values["E9"]["changed_by"] == "ivanov"
    assert values["E9"]["years"] == "2023–2025"
    assert overview.totals()["not_achieved"] == 2


def test_a_later_column_is_one_definition_shown_everywhere(monkeypatch):
    monkeypatch.setattr("cdo_desktop.core.overview.COLUMNS", list(COLUMNS))
    from cdo_desktop.core import overview as module

    overdue = Column("overdue", "Значений просрочено", ColumnKind.COUNT, lambda line: 3)
    add_column(overdue)
    keys = [column.key for column in module.COLUMNS]
    assert keys.index("overdue") == keys.index("changed_at") - 1
    with pytest.raises(ValueError):
        add_column(overdue)
    made = module.build_overview([OverviewSource.of(sample())], None, AS_OF)
    assert made.totals()["overdue"] == 3
    assert "overdue" not in [column.key for column in COLUMNS]  # the real list is untouched
