"""Whole projects in and out of the database: rows <-> core types, each write one transaction."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from peewee import SqliteDatabase

from cdo_desktop.core.errors import ProjectNotFoundError
from cdo_desktop.core.history import diff_projects
from cdo_desktop.core.model import (
    BudgetSource,
    Direction,
    FederalProject,
    FinancingLine,
    Person,
    PlanFact,
    PlanFactRow,
    Project,
    ProjectSummary,
    RowKind,
    code_key,
)
from cdo_desktop.storage import history
from cdo_desktop.storage.tables import (
    ParticipantTable,
    PersonTable,
    ProjectTable,
)


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def now_stamp() -> str:
    return datetime.now().isoformat(timespec="seconds")


class ProjectRepository:
    """Reads and writes whole projects; finer edits live in their own repositories."""

    def __init__(self, database: SqliteDatabase) -> None:
        self.database = database

    # ------------------------------------------------------------------ reading

    def summaries(self) -> list[ProjectSummary]:
        query = ProjectTable.select(
            ProjectTable.id,
            ProjectTable.code,
            ProjectTable.name,
            ProjectTable.region,
            ProjectTable.first_year,
            ProjectTable.last_year,
        ).order_by(ProjectTable.code)
        return [ProjectSummary(*row) for row in query.tuples()]

    def find(self, code_or_name: str) -> ProjectSummary:
        """The project whose code (or else name) is the one given, as a person would type it."""
        key = code_key(code_or_name)
        summaries = self.summaries()
        for summary in summaries:
            if code_key(summary.code) == key:
                return summary
        for summary in summaries:
            if summary.name.strip().casefold() == code_or_name.strip().casefold():
                return summary
        raise ProjectNotFoundError(code_or_name)

    def updated_at(self, project_id: int) -> str | None:
        row = ProjectTable.select(ProjectTable.updated_at).where(ProjectTable.id == project_id)
        return row.scalar()

    def load_all(self) -> list[Project]:
        return [self.load(summary.id) for summary in self.summaries()]

    def load(self, project_id: int, *, with_tables: bool = True) -> Project:
        """A whole project in a handful of queries, whatever its size.

        Without `with_tables` its indicators, results and financing are left empty, for
        `load_tables` to read when they are first needed (the window opens on the passport).
        """
        record = ProjectTable.get_or_none(ProjectTable.id == project_id)
        if record is None:
            raise ProjectNotFoundError(str(project_id))
        project = Project(
            id=record.id,
            code=record.code,
            name=record.name,
            region=record.region,
            national_project=record.national_project,
            federal_project=(
                FederalProject(record.federal_project_code, record.federal_project_name or "")
                if record.federal_project_code is not None
                else None
            ),
            goal=record.goal,
            customer=record.customer,
            first_year=record.first_year,
            last_year=record.last_year,
        )
        project.persons = [
            Person(id=pid, role=role, name=name, position=position, contacts=contacts)
            for pid, role, name, position, contacts in PersonTable.select(
                PersonTable.id,
                PersonTable.role,
                PersonTable.name,
                PersonTable.position,
                PersonTable.contacts,
            )
            .where(PersonTable.project == project_id)
            .order_by(PersonTable.sort_order)
            .tuples()
        ]
        project.participants = [
            name
            for (name,) in ParticipantTable.select(ParticipantTable.name)
            .where(ParticipantTable.project == project_id)
            .order_by(ParticipantTable.sort_order)
            .tuples()
        ]
        if with_tables:
            self.load_tables(project)
        return project

    def load_tables(self, project: Project) -> None:
        """Read a project's indicators, results and financing into it."""
        assert project.id is not None
        project.indicators = self.load_rows(project.id, RowKind.INDICATOR)
        project.results = self.load_rows(project.id, RowKind.RESULT)
        project.financing = self.load_financing(project.id)

    def load_rows(self, project_id: int, kind: RowKind) -> list[PlanFactRow]:
        """Indicators or results of a project with all their values: two queries in all.

        Plain SQL on peewee's connection: a large database has hundreds of thousands of values,
        and peewee's per-row conversions took most of the time of opening and dumping.
        """
        rows: dict[int, PlanFactRow] = {}
        cursor = self.database.execute_sql(
            "SELECT id, number, name, unit, cumulative, direction, base_value, base_year, "
            "characteristic FROM plan_fact_row WHERE project_id = ? AND kind = ? "
            "ORDER BY sort_order, id",
            (project_id, kind.value),
        )
        for row_id, number, name, unit, cumulative, direction, base, base_year, note in cursor:
            rows[row_id] = PlanFactRow(
                id=row_id,
                number=number,
                name=name,
                unit=unit,
                cumulative=bool(cumulative),
                direction=Direction(direction),
                base_value=_decimal(base),
                base_year=base_year,
                characteristic=note,
            )
        cursor = self.database.execute_sql(
            "SELECT v.row_id, v.year, v.plan, v.fact FROM plan_fact_value v "
            "JOIN plan_fact_row r ON r.id = v.row_id WHERE r.project_id = ? AND r.kind = ?",
            (project_id, kind.value),
        )
        for row_id, year, plan, fact in cursor:
            rows[row_id].values[year] = PlanFact(
                None if plan is None else Decimal(plan), None if fact is None else Decimal(fact)
            )
        return list(rows.values())

    def load_financing(self, project_id: int) -> list[FinancingLine]:
        lines: dict[int, FinancingLine] = {}
        execute = self.database.execute_sql
        for line_id, number, name, result in execute(
            "SELECT id, number, name, result_number FROM financing_line WHERE project_id = ? "
            "ORDER BY sort_order, id",
            (project_id,),
        ):
            lines[line_id] = FinancingLine(id=line_id, number=number, name=name, result=result)
        sources: dict[int, tuple[BudgetSource, int | None, int]] = {}
        for source_id, line_id, name, parent_id in execute(
            "SELECT s.id, s.line_id, s.name, s.parent_id FROM budget_source s "
            "JOIN financing_line l ON l.id = s.line_id WHERE l.project_id = ? "
            "ORDER BY s.sort_order, s.id",
            (project_id,),
        ):
            sources[source_id] = (BudgetSource(id=source_id, name=name), parent_id, line_id)
        for source, parent_id, line_id in sources.values():
            source.parent = sources[parent_id][0].name if parent_id is not None else None
            lines[line_id].sources.append(source)
        for source_id, year, amount in execute(
            "SELECT a.source_id, a.year, a.amount FROM financing_amount a "
            "JOIN budget_source s ON s.id = a.source_id "
            "JOIN financing_line l ON l.id = s.line_id WHERE l.project_id = ?",
            (project_id,),
        ):
            sources[source_id][0].values[year] = Decimal(amount)
        return list(lines.values())

    # ------------------------------------------------------------------ writing

    def replace(self, projects: list[Project], source: str = "загрузка документа") -> list[int]:
        """Store each project, replacing whole any project with the same code; all or nothing.

        What changed, value by value, goes into the history in the same transaction.
        """
        with self.database.atomic():
            ids = []
            for project in projects:
                # «Е4» typed in Cyrillic is the project «E4»: replaced, not added beside it.
                key = code_key(project.code)
                existing = next((s for s in self.summaries() if code_key(s.code) == key), None)
                old = self.load(existing.id) if existing is not None else None
                if existing is not None:
                    ProjectTable.delete().where(ProjectTable.id == existing.id).execute()
                ids.append(self._insert(project))
                history.record(project.code, diff_projects(old, project), source)
            return ids

    def delete(self, project_id: int, source: str = history.EDITING) -> None:
        with self.database.atomic():
            old = self.load(project_id)
            ProjectTable.delete().where(ProjectTable.id == project_id).execute()
            history.record(old.code, diff_projects(old, None), source)

    def _insert(self, project: Project) -> int:
        # Raw executemany: bulk writes go at the speed of sqlite3 itself (peewee's per-row
        # create is dozens of times slower), and the cursor is peewee's, inside its transaction.
        cursor = self.database.cursor()
        federal = project.federal_project
        cursor.execute(
            "INSERT INTO project (code, name, region, national_project, federal_project_code, "
            "federal_project_name, goal, customer, first_year, last_year, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                project.code,
                project.name,
                project.region,
                project.national_project,
                federal.code if federal else None,
                federal.name if federal else None,
                project.goal,
                project.customer,
                project.first_year,
                project.last_year,
                now_stamp(),
            ),
        )
        project_id = int(cursor.lastrowid or 0)
        cursor.executemany(
            "INSERT INTO person (project_id, sort_order, role, name, position, contacts) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (project_id, order, person.role, person.name, person.position, person.contacts)
                for order, person in enumerate(project.persons)
            ],
        )
        cursor.executemany(
            "INSERT INTO participant (project_id, sort_order, name) VALUES (?, ?, ?)",
            [(project_id, order, name) for order, name in enumerate(project.participants)],
        )
        # Row ids given here, so the rows go in one executemany too: the transaction holds the
        # write lock (BEGIN IMMEDIATE), nobody else can take the next ids meanwhile.
        cursor.execute("SELECT coalesce(max(id), 0) FROM plan_fact_row")
        next_id = int(cursor.fetchone()[0])
        rows: list[tuple[object, ...]] = []
        values: list[tuple[int, int, str | None, str | None]] = []
        for kind in RowKind:
            for order, row in enumerate(project.rows(kind)):
                next_id += 1
                rows.append(
                    (
                        next_id,
                        project_id,
                        kind.value,
                        order,
                        row.number,
                        row.name,
                        row.unit,
                        int(row.cumulative),
                        row.direction.value,
                        _text(row.base_value),
                        row.base_year,
                        row.characteristic,
                    )
                )
                values.extend(
                    (next_id, year, _text(pair.plan), _text(pair.fact))
                    for year, pair in sorted(row.values.items())
                    if not pair.is_empty()
                )
        cursor.executemany(
            "INSERT INTO plan_fact_row (id, project_id, kind, sort_order, number, name, unit, "
            "cumulative, direction, base_value, base_year, characteristic) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        cursor.executemany(
            "INSERT INTO plan_fact_value (row_id, year, plan, fact) VALUES (?, ?, ?, ?)", values
        )
        amounts: list[tuple[int, int, str | None]] = []
        for order, line in enumerate(project.financing):
            cursor.execute(
                "INSERT INTO financing_line (project_id, sort_order, number, name, result_number) "
                "VALUES (?, ?, ?, ?, ?)",
                (project_id, order, line.number, line.name, line.result),
            )
            line_id = int(cursor.lastrowid or 0)
            source_ids: dict[str, int] = {}
            pending = defaultdict(list)
            for source_order, source in enumerate(line.sources):
                pending[source.parent].append((source_order, source))
            # Parents before children, so each child can point at its parent's id.
            queue = list(pending[None])
            while queue:
                source_order, source = queue.pop(0)
                cursor.execute(
                    "INSERT INTO budget_source (line_id, sort_order, name, parent_id) "
                    "VALUES (?, ?, ?, ?)",
                    (
                        line_id,
                        source_order,
                        source.name,
                        source_ids[source.parent] if source.parent is not None else None,
                    ),
                )
                source_ids[source.name] = int(cursor.lastrowid or 0)
                queue.extend(pending[source.name])
                amounts.extend(
                    (source_ids[source.name], year, _text(amount))
                    for year, amount in sorted(source.values.items())
                    if amount is not None
                )
        cursor.executemany(
            "INSERT INTO financing_amount (source_id, year, amount) VALUES (?, ?, ?)", amounts
        )
        return project_id
