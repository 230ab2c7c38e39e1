"""Whole projects in and out of the database: rows <-> core types, each write one transaction."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from peewee import SqliteDatabase

from cdo_desktop.core.history import diff_projects
from cdo_desktop.core.model import (
    Project,
    RowKind,
    code_key,
)
from cdo_desktop.storage import history
from cdo_desktop.storage.reading import ProjectReader
from cdo_desktop.storage.tables import (
    ProjectTable,
)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def now_stamp() -> str:
    return datetime.now().isoformat(timespec="seconds")


class ProjectRepository(ProjectReader):
    """Reads (ProjectReader's plain SQL) and writes whole projects; finer edits live in their
    own repositories."""

    def __init__(self, database: SqliteDatabase) -> None:
        super().__init__(database.connection)
        self.database = database

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
