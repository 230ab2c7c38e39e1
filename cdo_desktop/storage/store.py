"""One store per open database: every read and write of the program goes through it.

The store owns its peewee `Database` object (no module-global binding: two stores on two files
in one process never mix). Its one write operation is `apply`: a list of core changes written in
place in one transaction — each change's old value checked against what is stored (a conflict
writes nothing), exactly those changes recorded in the history, their inverse returned for undo.
`replace` (the `load` command) and the import lay a whole project over the stored one through the
one diff (core.diff) and apply the result, so rows keep their ids and their history.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from typing import Any

from peewee import Database

from cdo_desktop.core import history as told
from cdo_desktop.core.changes import (
    MISSING,
    AddItem,
    Change,
    ChangeConflict,
    MoveItem,
    RemoveItem,
    SetValue,
    Where,
)
from cdo_desktop.core.diff import diff_project
from cdo_desktop.core.errors import ProjectNotFoundError
from cdo_desktop.core.history import HistoryEntry
from cdo_desktop.core.model import PlanFactRow, Project, RowKind, code_key
from cdo_desktop.storage import dialect, history, passport_store
from cdo_desktop.storage.applying import Applier
from cdo_desktop.storage.applying_points import insert_project_points_and_risks
from cdo_desktop.storage.faults import execute_on_server, told_faults
from cdo_desktop.storage.monitoring_store import insert_project_monitoring
from cdo_desktop.storage.period_guard import refuse_values_outside
from cdo_desktop.storage.reading import ProjectReader
from cdo_desktop.storage.stored import StoredReader
from cdo_desktop.storage.versions import VERSION_SECTIONS, VersionWriter

EDITING = history.EDITING


def _text(value: Any) -> str | None:
    return None if value is None else f"{value:f}"


def now_stamp() -> str:
    return datetime.now().isoformat(timespec="seconds")


class Store(ProjectReader):
    """Projects of one database: read them, apply changes to them, read their history."""

    def __init__(self, database: Database) -> None:
        super().__init__(self._execute)
        self.database = database
        self.closed = False  # closed by its owner: a late reader must not reconnect

    def _execute(self, text: str, parameters: Sequence[object] = ()) -> Any:
        if self.on_server:
            return execute_on_server(self.database, dialect.sql(text, self.database), parameters)
        return self.database.execute_sql(text, tuple(parameters))

    def _faults(self) -> AbstractContextManager[None]:
        """On a server, its faults told in Russian (a lost connection is reconnected next
        time: the edit was not saved and can be retried); on a file, nothing."""
        return told_faults(self.database) if self.on_server else nullcontext()

    def execute(self, text: str, parameters: Sequence[object] = ()) -> Any:
        """Run one statement written with `?` placeholders on this store's engine."""
        return self._execute(text, parameters)

    @property
    def on_server(self) -> bool:
        return not dialect.is_sqlite(self.database)

    def close(self) -> None:
        self.closed = True
        self.database.close()

    # ------------------------------------------------------------------ the one write

    def apply(self, changes: Sequence[Change], source: str = EDITING) -> list[Change]:
        """Write `changes` in one transaction; the list that undoes them (last change first).

        ChangeConflict (nothing written) when a stored value is not a change's `old`.
        """
        with self._faults(), self.database.atomic():
            self._lock({change.where.project for change in changes})
            applier = Applier(self.database, self.code_of)
            versions = VersionWriter(self.database, applier.records)
            undo = [
                self._apply_project(change, source)
                if change.where.section is told.Section.PROJECT
                else versions.apply(change)
                if change.where.section in VERSION_SECTIONS
                else applier.apply(change)
                for change in changes
            ]
            refuse_values_outside(self.database, changes)
            self._finish(applier, source)
        return list(reversed(undo))

    def _apply_project(self, change: Change, source: str) -> Change:
        """A whole project made or removed: in bulk, told as one line of the history."""
        where = change.where
        if isinstance(change, AddItem):
            project = change.item
            assert isinstance(project, Project)
            project_id = self._insert(project)
            line = told.Change(
                told.Section.PROJECT, "project", None, f"{project.code} «{project.name}»"
            )
            history.record(self.database, project.code, [line], source)
            return RemoveItem(Where(project_id, where.section, project_id), project, 0)
        assert isinstance(change, RemoveItem) and isinstance(change.item, Project)
        project_id = int(where.item)  # type: ignore[arg-type]
        try:
            stored = self.load(project_id)
        except ProjectNotFoundError:
            raise ChangeConflict(where, change.item, MISSING, "Проект") from None
        if diff_project(stored, change.item):
            # Someone changed the project since it was shown: it is not removed behind them.
            raise ChangeConflict(where, change.item, stored, f"Проект «{stored.code}»")
        self._execute("DELETE FROM project WHERE id = ?", (project_id,))
        line = told.Change(told.Section.PROJECT, "project", f"{stored.code} «{stored.name}»", None)
        history.record(self.database, stored.code, [line], source)
        return AddItem(Where(0, where.section), stored, 0)

    def forced(self, changes: Sequence[Change]) -> list[Change]:
        """The same intent over what is stored now: the user chose their values over others'.

        A value's `old` becomes the stored one; a row someone changed is removed as it is now; a
        change aimed at a row that no longer exists is left out (there is nowhere to write it).
        """
        reader = StoredReader(self.database)
        result: list[Change] = []
        for change in changes:
            if isinstance(change, SetValue):
                stored = reader.stored_value(change.where)
                if stored is not MISSING:
                    result.append(SetValue(change.where, stored, change.new))  # type: ignore[arg-type]
            elif isinstance(change, RemoveItem):
                _, index = reader.position_of(change.where)
                if index is not None:
                    current = reader.read_item(change.where)
                    result.append(RemoveItem(change.where, current, index))  # type: ignore[arg-type]
            elif isinstance(change, MoveItem):
                _, index = reader.position_of(change.where)
                if index is not None:
                    result.append(MoveItem(change.where, index, change.new))
            else:
                result.append(change)
        return result

    def read_row(self, row_id: int) -> PlanFactRow:
        """One indicator or result as stored now, with its values."""
        return StoredReader(self.database).read_row(row_id)

    def _lock(self, project_ids: set[int]) -> None:
        """On a server, hold the projects' rows until the transaction ends, so each change's
        old value is checked against what is stored with nobody writing in between (a lost
        update is impossible; a second writer waits, then sees the first one's values and gets
        the same conflict as on SQLite). SQLite: the IMMEDIATE transaction holds the file."""
        if self.on_server:
            for project_id in sorted(project_ids):  # one order: two writers never deadlock
                self._execute("SELECT id FROM project WHERE id = ? FOR UPDATE", (project_id,))

    def _finish(self, applier: Applier, source: str) -> None:
        stamp = now_stamp()
        for project_id in applier.touched:
            self._execute("UPDATE project SET updated_at = ? WHERE id = ?", (stamp, project_id))
        by_project: dict[int, list[told.Change]] = defaultdict(list)
        for project_id, record in applier.records:
            by_project[project_id].append(record)
        for project_id, records in by_project.items():
            history.record(self.database, self.code_of(project_id), records, source)

    def code_of(self, project_id: int) -> str:
        row = self._execute("SELECT code FROM project WHERE id = ?", (project_id,)).fetchone()
        return str(row[0]) if row else ""

    # ------------------------------------------------------------------ whole projects

    def replace(self, projects: list[Project], source: str = "загрузка документа") -> list[int]:
        """Store each project: a project with the same code is changed in place to match it
        (rows matched as an import matches them, so they keep their ids), a new one is created;
        all or nothing."""
        with self._faults(), self.database.atomic():
            return [self.lay_over(project, source) for project in projects]

    def lay_over(self, project: Project, source: str, existing: Project | None = None) -> int:
        """Make the stored project `existing` (by default the one with `project`'s code) equal
        to `project`, in the caller's transaction; its id."""
        if existing is None:
            key = code_key(project.code)
            summary = next((s for s in self.summaries() if code_key(s.code) == key), None)
            if summary is None:
                return self.create(project, source)
            existing = self.load(summary.id)
        assert existing.id is not None
        changes = diff_project(existing, project)
        if changes:
            self.apply(changes, source)
        return existing.id

    def delete(self, project_id: int, source: str = EDITING) -> None:
        """Remove a project, as it is stored now, with everything in it."""
        project = self.load(project_id)
        where = Where(project_id, told.Section.PROJECT, project_id)
        self.apply([RemoveItem(where, project, 0)], source)

    def create(self, project: Project, source: str = "загрузка документа") -> int:
        """A new project with all its rows, written in bulk (a 50 000-row document goes at the
        speed of the driver's executemany); its id."""
        [undo] = self.apply([AddItem(Where(0, told.Section.PROJECT), project, 0)], source)
        return int(undo.where.item)  # type: ignore[arg-type]

    def _many(self, text: str, rows: list[tuple[object, ...]]) -> None:
        dialect.insert_many(self.database, text, rows)

    def _insert_id(self, text: str, parameters: tuple[object, ...]) -> int:
        return dialect.insert_returning_id(
            self.database, dialect.sql(text, self.database), parameters
        )

    def _new_ids(self, table: str, count: int) -> Iterator[int]:
        """`count` ids no row of `table` has: on a server from its sequence (other sessions
        insert meanwhile); on SQLite after the largest (the transaction holds the file)."""
        if self.on_server:
            return iter(dialect.next_ids(self.database, table, count))
        (last,) = self._execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
        return iter(range(int(last) + 1, int(last) + 1 + count))

    def insert_project(self, project: Project) -> int:
        """Write `project` whole as a new project, recording nothing (a copy brings its own
        history); call inside a transaction."""
        return self._insert(project)

    def _insert(self, project: Project) -> int:
        federal = project.federal_project
        project_id = self._insert_id(
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
        self._many(
            "INSERT INTO person (project_id, sort_order, role, name, position, contacts) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (project_id, order, person.role, person.name, person.position, person.contacts)
                for order, person in enumerate(project.persons)
            ],
        )
        self._many(
            "INSERT INTO participant (project_id, sort_order, name) VALUES (?, ?, ?)",
            [(project_id, order, name) for order, name in enumerate(project.participants)],
        )
        # Ids given here, so the rows go in one bulk insert each.
        row_ids = self._new_ids("plan_fact_row", sum(len(project.rows(kind)) for kind in RowKind))
        rows: list[tuple[object, ...]] = []
        values: list[tuple[object, ...]] = []
        for kind in RowKind:
            for order, row in enumerate(project.rows(kind)):
                next_id = next(row_ids)
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
        self._many(
            "INSERT INTO plan_fact_row (id, project_id, kind, sort_order, number, name, unit, "
            "cumulative, direction, base_value, base_year, characteristic) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self._many(
            "INSERT INTO plan_fact_value (row_id, year, plan, fact) VALUES (?, ?, ?, ?)", values
        )
        line_ids = self._new_ids("financing_line", len(project.financing))
        source_ids = self._new_ids(
            "budget_source", sum(len(line.sources) for line in project.financing)
        )
        lines: list[tuple[object, ...]] = []
        sources: list[tuple[object, ...]] = []
        amounts: list[tuple[object, ...]] = []
        for order, line in enumerate(project.financing):
            line_id = next(line_ids)
            lines.append((line_id, project_id, order, line.number, line.name, line.result))
            ids_of: dict[str, int] = {}
            pending = list(enumerate(line.sources))
            # Parents before children, so each child can point at its parent's id.
            while pending:
                entry = next(
                    (e for e in pending if e[1].parent is None or e[1].parent in ids_of),
                    pending[0],
                )
                pending.remove(entry)
                source_order, source = entry
                parent_id = ids_of.get(source.parent or "")
                ids_of[source.name] = next(source_ids)
                sources.append((ids_of[source.name], line_id, source_order, source.name, parent_id))
                amounts.extend(
                    (ids_of[source.name], year, _text(amount))
                    for year, amount in sorted(source.values.items())
                    if amount is not None
                )
        self._many(
            "INSERT INTO financing_line (id, project_id, sort_order, number, name, "
            "result_number) VALUES (?, ?, ?, ?, ?, ?)",
            lines,
        )
        self._many(
            "INSERT INTO budget_source (id, line_id, sort_order, name, parent_id) "
            "VALUES (?, ?, ?, ?, ?)",
            sources,
        )
        self._many(
            "INSERT INTO financing_amount (source_id, year, amount) VALUES (?, ?, ?)", amounts
        )
        passport_store.Writer(self.database).project(project_id, project)
        insert_project_points_and_risks(self.database, project_id, project)
        insert_project_monitoring(self.database, project_id, project)
        return project_id

    # ------------------------------------------------------------------ history

    def history(self, **filters: Any) -> list[HistoryEntry]:
        """History entries, newest first (filters: see storage.history.entries)."""
        return history.entries(self.database, **filters)

    def history_users(self) -> list[str]:
        return history.users(self.database)
