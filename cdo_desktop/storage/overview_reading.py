"""One read of every project for the overview: a fixed number of queries, whatever the count.

Reading each project whole (`load_all`) costs eight queries a project and every year's values
(60 projects × 300 rows: 0,8 s); the overview needs one year's plan and fact, every year's
financing (for «всего»), the years with a fact and the last change, so this reads just those,
for all projects at once.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal

from cdo_desktop.core.model import (
    BudgetSource,
    Direction,
    FinancingLine,
    Person,
    PlanFact,
    PlanFactRow,
    Project,
    RowKind,
)
from cdo_desktop.core.overview import LastChange, OverviewSource, Value, default_year
from cdo_desktop.storage.extra_reads import (
    Beside,
    Executes,
    ExtraRead,
    Rows,
    Statement,
    collection_paused,
)
from cdo_desktop.storage.overview_attention import POINTS_AND_RISKS_READ, VALUES_OVERDUE_READ

EXTRA_READS: list[ExtraRead] = [VALUES_OVERDUE_READ, POINTS_AND_RISKS_READ]
"""Reads for later columns (issues 19, 20): their values go to OverviewSource.extra."""


def read_overview_sources(
    store: Executes, year: int | None = None, as_of: date | None = None
) -> tuple[int, list[OverviewSource]]:
    """The year (given, or core.overview.default_year) and every project with its rows holding
    that year's plan and fact only, its financing whole, its fact years and last change, and
    what EXTRA_READS give as of `as_of` (today by default).

    On a file, the statements of EXTRA_READS and of the fact years run beside this read, each
    on a connection of its own (extra_reads.Beside), while this one reads the projects, their
    financing and rows; the garbage collector waits meanwhile (extra_reads.collection_paused)."""
    day = as_of or date.today()
    with collection_paused(), Beside(store) as beside:
        # The fact years first: the year to read the rows for waits on them.
        fact_years_read = beside.fetch(FACT_YEARS)
        later = [beside.start(read, day) for read in EXTRA_READS]
        projects = _projects(store)
        # The financing wants no year: read while the fact years are found beside.
        _read_financing(store, projects)
        fact_years = _fact_years(fact_years_read())
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
        # Each source holds its project's dict: filled in place once the reads are done.
        for answer in later:
            for project_id, values in answer().items():
                extra[project_id].update(values)
    return chosen, sources


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


FACT_YEARS: Statement = (
    "SELECT DISTINCT r.project_id, v.year FROM plan_fact_value v "
    "JOIN plan_fact_row r ON r.id = v.row_id WHERE v.fact IS NOT NULL",
    (),
)


def _fact_years(rows: Rows) -> dict[int, set[int]]:
    years: dict[int, set[int]] = defaultdict(set)
    for project_id, year in rows:
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
