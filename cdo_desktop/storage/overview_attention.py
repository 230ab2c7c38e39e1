"""The overview's columns of issues 19 and 20 — values overdue, control points overdue, risks
open — for every project at once, as storage.extra_reads.ExtraRead: statements that the
database sums, and the answer by core.overview's rules from their rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from cdo_desktop.core.model import (
    ControlPoint,
    Periodicity,
    PlanFactRow,
    Project,
    Risk,
    RiskStatus,
)
from cdo_desktop.core.overview import points_and_risks, values_overdue
from cdo_desktop.core.overview_due import DueTally, RememberingCalendar
from cdo_desktop.storage.extra_reads import (
    Answer,
    Executes,
    ExtraRead,
    Rows,
    Statement,
    run_read,
)
from cdo_desktop.storage.monitoring_store import CALENDAR_EDITS_SQL, calendar_edits_of

YEARLY = Periodicity.YEAR.value
PERIODICITIES = {periodicity.value: periodicity for periodicity in Periodicity}
SKELETONS: Statement = ("SELECT id, first_year, last_year, due_workday FROM project", ())


def _skeletons(rows: Rows) -> dict[int, Project]:
    """Every project with only its years and its reporting day, for what is added to it."""
    return {
        project_id: Project(
            id=project_id,
            code="",
            name="",
            first_year=first_year,
            last_year=last_year,
            due_workday=due_workday,
        )
        for project_id, first_year, last_year, due_workday in rows
    }


# ---------------------------------------------------------------------- values overdue


def _overdue_statements(as_of: date) -> list[Statement]:
    """What is owed and entered up to `as_of`, summed by the database (core.overview_due.
    DueTally): the facts by reporting date and the rows with a plan by periodicity and year
    first — each sorts some 200 000 values inside SQLite and answers a few thousand sums."""
    day = as_of.isoformat()
    execution = (
        "FROM budget_execution e JOIN budget_source s ON s.id = e.source_id "
        "JOIN financing_line l ON l.id = s.line_id WHERE e.as_of < ? "
    )
    return [
        # A fact counts for a row with a plan in its year: the join on the year of the date.
        (
            "SELECT r.project_id, r.periodicity, m.as_of, COUNT(*) FROM monitoring_value m "
            "JOIN plan_fact_row r ON r.id = m.row_id "
            "JOIN plan_fact_value v ON v.row_id = m.row_id "
            "AND v.year = CAST(substr(m.as_of, 1, 4) AS INTEGER) "
            "WHERE m.fact IS NOT NULL AND v.plan IS NOT NULL AND r.periodicity <> ? "
            "AND m.as_of < ? GROUP BY r.project_id, r.periodicity, m.as_of",
            (YEARLY, day),
        ),
        (
            # A «год» row counts only where its fact is missing: the rest need no sorting.
            "SELECT r.project_id, r.periodicity, v.year, v.fact IS NULL, COUNT(*) "
            "FROM plan_fact_row r JOIN plan_fact_value v ON v.row_id = r.id "
            "WHERE v.plan IS NOT NULL AND v.year <= ? AND (r.periodicity <> ? OR v.fact IS NULL) "
            "GROUP BY r.project_id, r.periodicity, v.year, v.fact IS NULL",
            (as_of.year, YEARLY),
        ),
        # Budget execution up to the end of `as_of`'s year: one value in a year makes the
        # source owe it monthly that year (core.monitoring_due), so the whole year counts.
        (
            "SELECT l.project_id, CAST(substr(e.as_of, 1, 4) AS INTEGER), COUNT(DISTINCT s.id) "
            f"{execution}GROUP BY l.project_id, CAST(substr(e.as_of, 1, 4) AS INTEGER)",
            (date(as_of.year + 1, 1, 1).isoformat(),),
        ),
        (
            f"SELECT l.project_id, e.as_of, COUNT(*) {execution}GROUP BY l.project_id, e.as_of",
            (day,),
        ),
        (CALENDAR_EDITS_SQL, ()),
        SKELETONS,
    ]


def _overdue_answer(answers: Sequence[Rows], as_of: date) -> Answer:
    """core.overview.values_overdue of every project, from the tallies."""
    facts, planned, executing, executed, calendar_days, skeletons = answers
    projects = _skeletons(skeletons)
    # Each statement saw the file at its own moment: a project another copy of the program
    # removed or added meanwhile has sums and no skeleton, or the reverse; it counts nowhere.
    tallies: defaultdict[int, DueTally] = defaultdict(DueTally)
    for project_id, periodicity, day, count in facts:
        tallies[project_id].entered[PERIODICITIES[periodicity], date.fromisoformat(day)] += count
    for project_id, periodicity, year, no_fact, rows in planned:
        tally = tallies[project_id]
        if periodicity != YEARLY:
            tally.planned[PERIODICITIES[periodicity], year] += rows
        elif no_fact:
            tally.annual_missing[year] += rows
    for project_id, year, sources in executing:
        tallies[project_id].executing[year] += sources
    for project_id, day, values in executed:
        tallies[project_id].executed[date.fromisoformat(day)] += values
    calendar = RememberingCalendar.with_edits(calendar_edits_of(calendar_days))
    return {
        project_id: values_overdue(project, calendar, as_of, tallies[project_id])
        for project_id, project in projects.items()
    }


VALUES_OVERDUE_READ = ExtraRead(_overdue_statements, _overdue_answer)


# ---------------------------------------------------------------------- points and risks


def _points_statements(as_of: date) -> list[Statement]:
    """Only a point planned before `as_of` and not done by it can be overdue at it
    (core.control_points.point_status decides)."""
    day = as_of.isoformat()
    return [
        (
            "SELECT r.project_id, c.due, c.done FROM control_point c "
            "JOIN plan_fact_row r ON r.id = c.result_id "
            "WHERE c.due < ? AND (c.done IS NULL OR c.done > ?)",
            (day, day),
        ),
        ("SELECT project_id, number, status FROM risk", ()),
        SKELETONS,
    ]


def _points_answer(answers: Sequence[Rows], as_of: date) -> Answer:
    """core.overview.points_and_risks of every project: its points and risks put into a
    skeleton of it holding only them, the points under one result (each point's status is
    its own; which result it belongs to changes no count)."""
    points, risks, skeletons = answers
    projects = _skeletons(skeletons)
    results: dict[int, PlanFactRow] = {}
    for project_id, due, done in points:
        if project_id not in projects:  # removed meanwhile (see _overdue_answer)
            continue
        result = results.get(project_id)
        if result is None:
            result = results[project_id] = PlanFactRow("", "")
            projects[project_id].results.append(result)
        done_on = None if done is None else date.fromisoformat(done)
        result.control_points.append(ControlPoint("", "", date.fromisoformat(due), done=done_on))
    for project_id, number, status in risks:
        if project_id in projects:
            projects[project_id].risks.append(Risk(number, "", status=RiskStatus(status)))
    return {
        project_id: points_and_risks(project, as_of) for project_id, project in projects.items()
    }


POINTS_AND_RISKS_READ = ExtraRead(_points_statements, _points_answer)


def read_attention(store: Executes, as_of: date) -> Answer:
    """Values overdue, control points overdue and risks open of every project at `as_of`
    (core.overview.attention_counts' figures), the statements run one after the other."""
    values = run_read(store, VALUES_OVERDUE_READ, as_of)
    points = run_read(store, POINTS_AND_RISKS_READ, as_of)
    return {project_id: values[project_id] | points[project_id] for project_id in values}
