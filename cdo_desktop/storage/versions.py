"""Passport versions and change request drafts in the database.

Written only through `Store.apply`, as core changes of two sections: `Section.VERSIONS` (a
version fixed: AddItem of a PassportVersion; its undo removes it) and `Section.REQUEST` (the
project's open draft: SetValue of `from_version`, `basis`, `sent`, and of a change's
`justification` with the change's key as `where.item`). Each is checked against what is stored,
told to the history, and answered with its inverse, in the store's transaction. A version's
document is kept as text; the store never reads it (the caller writes and reads it with
exchange/version_document.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from peewee import Database

from cdo_desktop.core import history as told
from cdo_desktop.core.changes import (
    MISSING,
    AddItem,
    Change,
    ChangeConflict,
    RemoveItem,
    SetValue,
    Value,
    Where,
)
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.history import Section, value_text
from cdo_desktop.core.version_records import PassportVersion, RequestDraft
from cdo_desktop.storage import dialect, history

if TYPE_CHECKING:
    from cdo_desktop.storage.store import Store

VERSION_SECTIONS = frozenset({Section.VERSIONS, Section.REQUEST})
REQUEST_FIELDS = ("from_version", "basis", "sent", "justification")

_VERSION_COLUMNS = "number, basis, document, at, author, id"


def _version(row: tuple[Any, ...]) -> PassportVersion:
    number, basis, document, at, author, version_id = row
    return PassportVersion(int(number), str(basis), str(document), str(at), str(author), version_id)


class VersionWriter:
    """Applies the changes of the two sections in the store's transaction; what it does goes
    to `records` (the store writes them to the history with the rest)."""

    def __init__(self, database: Database, records: list[tuple[int, told.Change]]) -> None:
        self.database = database
        self.records = records

    def _rows(self, text: str, parameters: Iterable[object] = ()) -> list[tuple[Any, ...]]:
        cursor = self.database.execute_sql(dialect.sql(text, self.database), tuple(parameters))
        return [tuple(row) for row in cursor.fetchall()]

    def _one(self, text: str, parameters: Iterable[object] = ()) -> tuple[Any, ...] | None:
        rows = self._rows(text, parameters)
        return rows[0] if rows else None

    def _run(self, text: str, parameters: Iterable[object] = ()) -> None:
        self.database.execute_sql(dialect.sql(text, self.database), tuple(parameters))

    def apply(self, change: Change) -> Change:
        if change.where.section is Section.VERSIONS:
            if isinstance(change, AddItem):
                return self._fix(change)
            if isinstance(change, RemoveItem):
                return self._unfix(change)
        elif isinstance(change, SetValue) and change.where.field in REQUEST_FIELDS:
            return self._set(change)
        raise ValueError(f"{change.where.section}: not a change of versions: {change}")

    # ------------------------------------------------------------------ versions

    def _fix(self, change: AddItem) -> Change:
        where, version = change.where, change.item
        assert isinstance(version, PassportVersion)
        last = self._one(
            "SELECT coalesce(max(number), 0) FROM passport_version WHERE project_id = ?",
            (where.project,),
        )
        expected = int(last[0]) + 1 if last else 1
        if version.number != expected:
            # Someone fixed a version meanwhile: this one would not be the next.
            raise ChangeConflict(
                where, version.number, expected, f"Версия паспорта {version.number}"
            )
        stored = PassportVersion(
            version.number,
            version.basis,
            version.document,
            version.at or history.now(),
            version.author or history.author(self.database),
        )
        new_id = dialect.insert_returning_id(
            self.database,
            dialect.sql(
                "INSERT INTO passport_version (project_id, number, at, author, basis, document) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                self.database,
            ),
            (where.project, stored.number, stored.at, stored.author, stored.basis, stored.document),
        )
        self._record(where, "version", None, _version_title(stored))
        stored = PassportVersion(*_version_fields(stored), id=new_id)
        return RemoveItem(Where(where.project, Section.VERSIONS, stored.number), stored, 0)

    def _unfix(self, change: RemoveItem) -> Change:
        where = change.where
        row = self._one(
            f"SELECT {_VERSION_COLUMNS} FROM passport_version WHERE project_id = ? AND number = ?",
            (where.project, where.item),
        )
        stored = MISSING if row is None else _version(row)
        later = self._one(
            "SELECT 1 FROM passport_version WHERE project_id = ? AND number > ?",
            (where.project, where.item),
        )
        if stored is MISSING or later is not None:
            raise ChangeConflict(where, change.item, stored, f"Версия паспорта {where.item}")
        assert isinstance(stored, PassportVersion)
        self._run("DELETE FROM passport_version WHERE id = ?", (stored.id,))
        self._record(where, "version", _version_title(stored), None)
        return AddItem(Where(where.project, Section.VERSIONS), stored, 0)

    # ------------------------------------------------------------------ the draft

    def _set(self, change: SetValue) -> Change:
        where = change.where
        stored = self._stored(where)
        if value_text(stored) != value_text(change.old):
            place = told.Change(Section.REQUEST, where.field, row_name=str(where.item or ""))
            raise ChangeConflict(where, change.old, stored, place.where())
        if value_text(stored) == value_text(change.new):
            return change.inverse()
        if where.field == "justification":
            self._write_justification(where, change.new)
        elif where.field == "from_version":
            self._write_from_version(where, change.new)
        elif where.field == "sent":
            self._write_sent(where, bool(change.new))
        else:
            self._run(
                "UPDATE change_request SET basis = ? WHERE id = ?",
                (change.new or "", self._open_id(where)),
            )
        self._record(
            where,
            where.field,
            value_text(change.old),
            value_text(change.new),
            str(where.item or ""),
        )
        return change.inverse()

    def _draft(self, project: int) -> tuple[Any, ...] | None:
        """The project's open draft as (id, from_version, basis), or None."""
        return self._one(
            "SELECT id, from_version, basis FROM change_request WHERE project_id = ? AND sent = 0",
            (project,),
        )

    def _open_id(self, where: Where) -> int:
        row = self._draft(where.project)
        if row is None:
            raise ChangeConflict(where, "запрос", MISSING, "Запрос на изменение")
        return int(row[0])

    def _stored(self, where: Where) -> Value:
        row = self._draft(where.project)
        if where.field == "sent":
            # The open draft is «not sent»; without one, the last sent request is «sent».
            return row is None and bool(
                self._one("SELECT id FROM change_request WHERE project_id = ?", (where.project,))
            )
        if where.field == "from_version":
            return None if row is None else int(row[1])
        if where.field == "basis":
            return None if row is None else str(row[2])
        if row is None:
            return None
        found = self._one(
            "SELECT justification FROM change_justification WHERE request_id = ? "
            "AND change_key = ?",
            (row[0], where.item),
        )
        return None if found is None else str(found[0])

    def _write_justification(self, where: Where, text: Value) -> None:
        request = self._open_id(where)
        self._run(
            "DELETE FROM change_justification WHERE request_id = ? AND change_key = ?",
            (request, where.item),
        )
        if text:
            self._run(
                "INSERT INTO change_justification (request_id, change_key, justification) "
                "VALUES (?, ?, ?)",
                (request, where.item, str(text)),
            )

    def _write_from_version(self, where: Where, number: Value) -> None:
        open_draft = self._draft(where.project)
        if number is None:
            # Undoing the draft's start: it goes with what was typed in it (undone before).
            assert open_draft is not None
            self._run("DELETE FROM change_request WHERE id = ?", (open_draft[0],))
        elif open_draft is None:
            self._run(
                "INSERT INTO change_request (project_id, from_version, basis, sent) "
                "VALUES (?, ?, '', 0)",
                (where.project, int(str(number))),
            )
        else:
            self._run(
                "UPDATE change_request SET from_version = ? WHERE id = ?",
                (int(str(number)), open_draft[0]),
            )

    def _write_sent(self, where: Where, sent: bool) -> None:
        if sent:
            self._run("UPDATE change_request SET sent = 1 WHERE id = ?", (self._open_id(where),))
            return
        # Undoing «sent»: the last sent request is a draft again.
        last = self._one(
            "SELECT max(id) FROM change_request WHERE project_id = ? AND sent = 1",
            (where.project,),
        )
        self._run("UPDATE change_request SET sent = 0 WHERE id = ?", (last[0] if last else None,))

    def _record(
        self, where: Where, field: str, old: str | None, new: str | None, name: str = ""
    ) -> None:
        self.records.append(
            (where.project, told.Change(where.section, field, old, new, row_name=name))
        )


def _version_fields(version: PassportVersion) -> tuple[int, str, str, str, str]:
    return version.number, version.basis, version.document, version.at, version.author


def _version_title(version: PassportVersion) -> str:
    basis = f" ({version.basis})" if version.basis else ""
    return f"версия {version.number}{basis}"


# ---------------------------------------------------------------------- reading


def list_versions(store: Store, project_id: int) -> list[PassportVersion]:
    """The project's versions, first to last."""
    cursor = store.execute(
        f"SELECT {_VERSION_COLUMNS} FROM passport_version WHERE project_id = ? ORDER BY number",
        (project_id,),
    )
    return [_version(tuple(row)) for row in cursor.fetchall()]


def read_version(store: Store, project_id: int, number: int) -> PassportVersion:
    """One version, or a Russian error naming the versions there are."""
    for version in list_versions(store, project_id):
        if version.number == number:
            return version
    there = list_versions(store, project_id)
    known = (
        "версий паспорта ещё нет (зафиксируйте: cdo-desktop snapshot)"
        if not there
        else "есть версия 1"
        if len(there) == 1
        else f"есть версии 1–{there[-1].number}"
    )
    raise CdoError(f"нет версии паспорта {number}: {known}")


def read_draft(store: Store, project_id: int) -> RequestDraft | None:
    """The project's open change request draft, with its justifications; None if none."""
    row = store.execute(
        "SELECT id, from_version, basis FROM change_request WHERE project_id = ? AND sent = 0",
        (project_id,),
    ).fetchone()
    if row is None:
        return None
    cursor = store.execute(
        "SELECT change_key, justification FROM change_justification WHERE request_id = ?",
        (row[0],),
    )
    return RequestDraft(
        int(row[1]), str(row[2]), {str(key): str(text) for key, text in cursor.fetchall()}
    )


def next_version(store: Store, project_id: int, document: str, basis: str) -> AddItem:
    """The change that fixes `document` as the project's next version."""
    versions = list_versions(store, project_id)
    number = versions[-1].number + 1 if versions else 1
    return AddItem(Where(project_id, Section.VERSIONS), PassportVersion(number, basis, document), 0)


# ---------------------------------------------------------------------- copying


def copy_versions(source: Store, source_id: int, target: Store, target_id: int) -> None:
    """The versions and requests of a project, as they are, into a project just written to
    `target` (in the caller's transaction; a copy brings its own history)."""
    for version in list_versions(source, source_id):
        target.execute(
            "INSERT INTO passport_version (project_id, number, basis, document, at, author) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (target_id, *_version_fields(version)),
        )
    requests = source.execute(
        "SELECT id, from_version, basis, sent FROM change_request WHERE project_id = ? ORDER BY id",
        (source_id,),
    ).fetchall()
    for request_id, from_version, basis, sent in requests:
        new_id = dialect.insert_returning_id(
            target.database,
            dialect.sql(
                "INSERT INTO change_request (project_id, from_version, basis, sent) "
                "VALUES (?, ?, ?, ?)",
                target.database,
            ),
            (target_id, from_version, basis, sent),
        )
        notes = source.execute(
            "SELECT change_key, justification FROM change_justification WHERE request_id = ?",
            (request_id,),
        ).fetchall()
        dialect.insert_many(
            target.database,
            "INSERT INTO change_justification (request_id, change_key, justification) "
            "VALUES (?, ?, ?)",
            [(new_id, key, text) for key, text in notes],
        )
