"""One read of every project for the overview: a fixed number of queries, whatever the count.

Reading each project whole (`load_all`) costs eight queries a project and every year's values
(60 projects × 300 rows: 0,8 s); the overview needs one year's plan and fact, every year's
financing (for «всего»), the years with a fact and the last change, so this reads just those,
for all projects at once.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

from cdo_desktop.core.model import (
    BudgetSource,
    ControlPoint,
    Direction,
    FinancingLine,
    Periodicity,
    Person,
    PlanFact,
    PlanFactRow,
    Project,
    Risk,
    RiskStatus,
    RowKind,
)
from cdo_desktop.core.overview import (
    LastChange,
    OverviewSource,
    Value,
    attention_counts,
    default_year,
)
from cdo_desktop.core.overview_due import DueTally, RememberingCalendar
from cdo_desktop.core.work_calendar import CalendarEdit
from cdo_desktop.storage.side_reading import OpenConnection, side_opener


class Executes(Protocol):
    """A store (or anything) that runs SQL written with `?` placeholders."""

    def execute(self, text: str, parameters: Any = ()) -> Any: ...


ExtraRead = Callable[[Executes, date], dict[int, dict[str, Value]]]
"""A read for later columns (issues 19, 20): one query or a few for all projects, answering
{project id: {column key: value}} as of a date; its values go to OverviewSource.extra."""


def read_attention(store: Executes, as_of: date) -> dict[int, dict[str, Value]]:
    """Values overdue, control points overdue and risks open of every project at `as_of`
    (core.overview.attention_counts' figures), from eight queries whatever the count.

    What is owed and entered is read summed (core.overview_due.DueTally) by periodicity, year
    and reporting date, up to `as_of`'s year (no later period has ended); points and risks are
    read into a skeleton of each project holding only them."""
    projects = {
        project_id: Project(
            id=project_id,
            code="",
            name="",
            first_year=first_year,
            last_year=last_year,
            due_workday=due_workday,
        )
        for project_id, first_year, last_year, due_workday in store.execute(
            "SELECT id, first_year, last_year, due_workday FROM project"
        )
    }
    tallies = {project_id: DueTally() for project_id in projects}
    yearly = Periodicity.YEAR.value
    periodicities = {periodicity.value: periodicity for periodicity in Periodicity}
    for project_id, periodicity, year, no_fact, rows in store.execute(
        "SELECT r.project_id, r.periodicity, v.year, v.fact IS NULL, COUNT(*) "
        "FROM plan_fact_row r JOIN plan_fact_value v ON v.row_id = r.id "
        "WHERE v.plan IS NOT NULL AND v.year <= ? "
        "GROUP BY r.project_id, r.periodicity, v.year, v.fact IS NULL",
        (as_of.year,),
    ):
        tally = tallies[project_id]
        if periodicity != yearly:
            tally.planned[periodicities[periodicity], year] += rows
        elif no_fact:
            tally.annual_missing[year] += rows
    # A fact counts for a row with a plan in its year: the join on the year of the date.
    for project_id, periodicity, day, facts in store.execute(
        "SELECT r.project_id, r.periodicity, m.as_of, COUNT(*) FROM monitoring_value m "
        "JOIN plan_fact_row r ON r.id = m.row_id "
        "JOIN plan_fact_value v ON v.row_id = m.row_id "
        "AND v.year = CAST(substr(m.as_of, 1, 4) AS INTEGER) "
        "WHERE m.fact IS NOT NULL AND v.plan IS NOT NULL AND r.periodicity <> ? AND m.as_of < ? "
        "GROUP BY r.project_id, r.periodicity, m.as_of",
        (yearly, as_of.isoformat()),
    ):
        tallies[project_id].entered[periodicities[periodicity], date.fromisoformat(day)] += facts
    _read_execution(store, tallies, as_of)
    # Only a point planned before `as_of` can be overdue at it (core.control_points decides).
    results: dict[int, PlanFactRow] = {}
    for project_id, result_id, due, done in store.execute(
        "SELECT r.project_id, r.id, c.due, c.done FROM control_point c "
        "JOIN plan_fact_row r ON r.id = c.result_id WHERE c.due < ?",
        (as_of.isoformat(),),
    ):
        result = results.get(result_id)
        if result is None:
            result = results[result_id] = PlanFactRow("", "", id=result_id)
            projects[project_id].results.append(result)
        result.control_points.append(ControlPoint("", "", date.fromisoformat(due), done=_day(done)))
    for project_id, number, status in store.execute("SELECT project_id, number, status FROM risk"):
        projects[project_id].risks.append(Risk(number, "", status=RiskStatus(status)))
    calendar = RememberingCalendar.with_edits(
        CalendarEdit(date.fromisoformat(day), bool(working))
        for day, working in store.execute("SELECT day, working FROM calendar_day")
    )
    return {
        project_id: attention_counts(project, calendar, as_of, tallies[project_id])
        for project_id, project in projects.items()
    }


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _read_execution(store: Executes, tallies: dict[int, DueTally], as_of: date) -> None:
    """Budget execution up to the end of `as_of`'s year: one value in a year makes the
    source owe it monthly that year (core.monitoring_due), so the whole year counts."""
    for project_id, year, sources in store.execute(
        "SELECT l.project_id, CAST(substr(e.as_of, 1, 4) AS INTEGER), COUNT(DISTINCT s.id) "
        "FROM budget_execution e JOIN budget_source s ON s.id = e.source_id "
        "JOIN financing_line l ON l.id = s.line_id WHERE e.as_of < ? "
        "GROUP BY l.project_id, CAST(substr(e.as_of, 1, 4) AS INTEGER)",
        (date(as_of.year + 1, 1, 1).isoformat(),),
    ):
        tallies[project_id].executing[year] += sources
    for project_id, day, values in store.execute(
        "SELECT l.project_id, e.as_of, COUNT(*) "
        "FROM budget_execution e JOIN budget_source s ON s.id = e.source_id "
        "JOIN financing_line l ON l.id = s.line_id WHERE e.as_of < ? "
        "GROUP BY l.project_id, e.as_of",
        (as_of.isoformat(),),
    ):
        tallies[project_id].executed[date.fromisoformat(day)] += values


EXTRA_READS: list[ExtraRead] = [read_attention]


def read_overview_sources(
    store: Executes, year: int | None = None, as_of: date | None = None
) -> tuple[int, list[OverviewSource]]:
    """The year (given, or core.overview.default_year) and every project with its rows holding
    that year's plan and fact only, its financing whole, its fact years and last change, and
    what EXTRA_READS give as of `as_of` (today by default).

    On a file, EXTRA_READS run on a connection of their own beside this read (side_reading);
    the collector is paused meanwhile: the read makes some 200 000 objects, none of them in a
    cycle, and each full collection on the way would walk them all (0,1 s of 0,9 s)."""
    day = as_of or date.today()
    opener = side_opener(store)
    with _collection_paused(), ThreadPoolExecutor(max_workers=1) as pool:
        beside = pool.submit(_read_extra_beside, opener, day) if opener is not None else None
        projects = _projects(store)
        fact_years = _fact_years(store)
        changes = _last_changes(store)
        extra: dict[int, dict[str, Value]] = defaultdict(dict)
        sources = [
            OverviewSource(
                project,
                frozenset(fact_years.get(project.id or 0, set()) & set(project.years)),
                changes.get(project.code),
                extra[project.id or 0],
            )
            for project in projects.values()
        ]
        chosen = year if year is not None else default_year(sources)
        _read_rows(store, projects, chosen)
        _read_financing(store, projects)
        # Each source holds its project's dict: filled in place once the reads are done.
        for project_id, values in (
            beside.result() if beside is not None else _read_extra(store, day)
        ).items():
            extra[project_id].update(values)
    return chosen, sources


def _read_extra(store: Executes, as_of: date) -> dict[int, dict[str, Value]]:
    extra: dict[int, dict[str, Value]] = defaultdict(dict)
    for read in EXTRA_READS:
        for project_id, values in read(store, as_of).items():
            extra[project_id].update(values)
    return extra


def _read_extra_beside(open_connection: OpenConnection, as_of: date) -> dict[int, dict[str, Value]]:
    connection = open_connection()
    try:
        return _read_extra(connection, as_of)
    finally:
        connection.close()


@contextmanager
def _collection_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _projects(store: Executes) -> dict[int, Project]:
    projects = {
        project_id: Project(
            id=project_id,
            code=code,
            name=name,
            region=region,
            first_year=first_year,
            last_year=last_year,
        )
        for project_id, code, name, region, first_year, last_year in store.execute(
            "SELECT id, code, name, region, first_year, last_year FROM project ORDER BY code"
        )
    }
    for project_id, role, name, position in store.execute(
        "SELECT project_id, role, name, position FROM person ORDER BY project_id, sort_order"
    ):
        projects[project_id].persons.append(Person(role=role, name=name, position=position))
    return projects


def _fact_years(store: Executes) -> dict[int, set[int]]:
    years: dict[int, set[int]] = defaultdict(set)
    for project_id, year in store.execute(
        "SELECT DISTINCT r.project_id, v.year FROM plan_fact_value v "
        "JOIN plan_fact_row r ON r.id = v.row_id WHERE v.fact IS NOT NULL"
    ):
        years[project_id].add(year)
    return years


def _last_changes(store: Executes) -> dict[str, LastChange]:
    """The newest history entry of each project code (the highest id is the last written)."""
    return {
        code: LastChange(datetime.fromisoformat(at), author)
        for code, at, author in store.execute(
            "SELECT c.project_code, c.at, c.author FROM change_log c JOIN "
            "(SELECT project_code, MAX(id) AS last_id FROM change_log GROUP BY project_code) n "
            "ON c.id = n.last_id"
        )
    }


def _number(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _read_rows(store: Executes, projects: dict[int, Project], year: int) -> None:
    """Rows with a plan or a fact in the year, with them: a row without either counts nowhere
    (core.overview.count_statuses) and lists nowhere, so it is not read."""
    directions = {direction.value: direction for direction in Direction}
    lists = {
        (project_id, kind.value): project.rows(kind)
        for project_id, project in projects.items()
        for kind in RowKind
    }
    for project_id, kind, number, name, unit, direction, plan, fact in store.execute(
        "SELECT r.project_id, r.kind, r.number, r.name, r.unit, r.direction, v.plan, v.fact "
        "FROM plan_fact_row r JOIN plan_fact_value v ON v.row_id = r.id AND v.year = ? "
        # The order of the index on (project_id, kind, sort_order): rows are walked in it and
        # each finds its year's value, instead of every value sorted (0,05 s against 0,09 s).
        "ORDER BY r.project_id, r.kind, r.sort_order, r.id",
        (year,),
    ):
        row = PlanFactRow(number, name, unit, direction=directions[direction])
        row.values[year] = PlanFact(_number(plan), _number(fact))
        lists[project_id, kind].append(row)


def _read_financing(store: Executes, projects: dict[int, Project]) -> None:
    lines: dict[int, FinancingLine] = {}
    for line_id, project_id, number, name in store.execute(
        "SELECT id, project_id, number, name FROM financing_line "
        "ORDER BY project_id, sort_order, id"
    ):
        line = FinancingLine(id=line_id, number=number, name=name)
        lines[line_id] = line
        projects[project_id].financing.append(line)
    sources: dict[int, BudgetSource] = {}
    parents: list[tuple[BudgetSource, int]] = []
    for source_id, line_id, name, parent_id in store.execute(
        "SELECT id, line_id, name, parent_id FROM budget_source ORDER BY sort_order, id"
    ):
        source = BudgetSource(id=source_id, name=name)
        sources[source_id] = source
        lines[line_id].sources.append(source)
        if parent_id is not None:
            parents.append((source, parent_id))
    for source, parent_id in parents:
        source.parent = sources[parent_id].name
    # The largest table of all (130 000 amounts in the bench's database): the loop stays bare.
    amounts = {source_id: source.values for source_id, source in sources.items()}
    for source_id, year, amount in store.execute(
        "SELECT source_id, year, amount FROM financing_amount"
    ):
        amounts[source_id][year] = Decimal(amount)
