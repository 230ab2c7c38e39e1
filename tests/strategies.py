"""Hypothesis strategies for whole projects, shared by the round-trip tests."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

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
from cdo_desktop.core.project_names import unquoted

# Text as officials type it: Cyrillic, Latin, digits, punctuation, quotes, dashes; no control
# characters (spreadsheets and XML cannot hold them).
text = st.text(
    alphabet=st.characters(
        codec="utf-8",
        categories=("L", "N", "P", "Zs", "Sm", "Sc"),
        # Footnote marks («*», «¹») after a word are furniture, stripped on import (issue 14).
        exclude_characters="\x00\r\n\t\x0b\x0c\u2028\u2029\u0085*¹²³⁴⁵⁶⁷⁸⁹⁰",
    ),
    max_size=40,
)
name = text.filter(lambda value: value.strip() != "")
# Quotes round a whole project name are no part of it (issue 15: «Цифровая …» is Цифровая …).
project_name = name.filter(lambda value: unquoted(value) == value)
decimals = (
    st.decimals(
        min_value=Decimal("-1e9"),
        max_value=Decimal("1e9"),
        places=None,
        allow_nan=False,
        allow_infinity=False,
    )
    .map(lambda value: value.quantize(Decimal("0.001")))
    .map(lambda value: value.normalize() if value else Decimal(0))
)
maybe_decimal = st.none() | decimals


@st.composite
def plan_fact_rows(draw: st.DrawFn, years: range, with_characteristic: bool) -> PlanFactRow:
    values = {}
    for year in years:
        pair = PlanFact(draw(maybe_decimal), draw(maybe_decimal))
        if not pair.is_empty():
            values[year] = pair
    has_base = draw(st.booleans())
    return PlanFactRow(
        number=draw(st.from_regex(r"[1-9][0-9]?(\.[1-9])?", fullmatch=True)),
        name=draw(name),
        unit=draw(st.sampled_from(["процент", "единиц", "тыс. человек", "единица", ""])),
        cumulative=draw(st.booleans()),
        direction=draw(st.sampled_from(list(Direction))),
        base_value=draw(decimals) if has_base else None,
        base_year=draw(st.integers(2010, 2030)) if has_base else None,
        characteristic=draw(text) if with_characteristic else "",
        values=values,
    )


@st.composite
def financing_lines(draw: st.DrawFn, years: range) -> FinancingLine:
    def amounts() -> dict[int, Decimal | None]:
        return {year: value for year in years if (value := draw(maybe_decimal)) is not None}

    if draw(st.booleans()):
        sources = [BudgetSource(ALL_SOURCES, None, amounts())]
    else:
        sources = [
            BudgetSource("бюджет субъекта", None, amounts()),
            BudgetSource(
                "из них: межбюджетные трансферты из федерального бюджета",
                "бюджет субъекта",
                amounts(),
            ),
            BudgetSource("внебюджетные источники", None, amounts()),
        ]
    return FinancingLine(
        number=draw(st.from_regex(r"[1-9]", fullmatch=True)),
        name=draw(name),
        result=draw(st.none() | st.from_regex(r"[1-9]", fullmatch=True)),
        sources=sources,
    )


@st.composite
def projects(draw: st.DrawFn, code: str | None = None) -> Project:
    first = draw(st.integers(2018, 2024))
    last = draw(st.integers(first, first + 6))
    years = range(first, last + 1)
    return Project(
        code=code or draw(st.from_regex(r"[A-ZА-Я][0-9]{1,2}", fullmatch=True)),
        name=draw(project_name),
        region=draw(text),
        national_project=draw(st.none() | name),
        federal_project=draw(st.none() | st.builds(FederalProject, name, text)),
        goal=draw(text),
        customer=draw(text),
        first_year=first,
        last_year=last,
        persons=draw(
            st.lists(
                st.builds(
                    Person,
                    st.sampled_from(["куратор", "руководитель", "ответственный"]),
                    name,
                    text,
                    text,
                ),
                max_size=3,
            )
        ),
        participants=draw(st.lists(name, max_size=4)),
        indicators=draw(st.lists(plan_fact_rows(years, False), max_size=4)),
        results=draw(st.lists(plan_fact_rows(years, True), max_size=4)),
        financing=draw(st.lists(financing_lines(years), max_size=3)),
    )
