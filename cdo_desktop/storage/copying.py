"""Copying projects with their history between two stores (a file and a server, either way).

Everything is written in one transaction on the target: a copy that fails leaves the target as
it was. A project whose code the target holds already is an error unless `replace` is given;
then the target's project is removed (its history stays) and the source's laid in its place.
The history entries come across as they are (who, when, from where); an entry the target has
already (a copy back and forth) is not doubled.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import code_key
from cdo_desktop.storage import access, dialect
from cdo_desktop.storage.monitoring_store import copy_calendar_edits
from cdo_desktop.storage.store import Store, now_stamp
from cdo_desktop.storage.versions import copy_versions

_LOG_COLUMNS = (
    "at, author, project_code, section, row_number, row_name, year, field, detail, old, new, source"
)


def copy_projects(
    source: Store,
    target: Store,
    *,
    replace: bool = False,
    codes: Sequence[str] | None = None,
    exact: bool = False,
    notes: list[str] | None = None,
) -> list[str]:
    """Copy the projects of `source` (all, or those with `codes`) into `target`; their codes.
    `exact` (a whole restore): the target's projects that `source` lacks are removed.
    `notes` gets what the copy left behind, in words (calendar edits the target did not take)."""
    wanted = None if codes is None else {code_key(code) for code in codes}
    projects = [
        project
        for project in source.load_all()
        if wanted is None or code_key(project.code) in wanted
    ]
    found = {code_key(project.code) for project in projects}
    missing = [code for code in codes or [] if code_key(code) not in found]
    if missing:
        raise CdoError("в базе-источнике нет проектов с кодами: " + ", ".join(missing))
    logs = {project.code: _history(source, project.code) for project in projects}
    present = {code_key(summary.code): summary for summary in target.summaries()}
    clashes = [project.code for project in projects if code_key(project.code) in present]
    if clashes and not replace:
        raise CdoError(
            "в базе назначения уже есть проекты с такими кодами: "
            + ", ".join(clashes)
            + " (чтобы заменить их, добавьте --replace)"
        )
    with target.database.atomic():
        granted_before = access.own_grants(target.database) if target.on_server else set()
        if exact:
            kept = {code_key(project.code) for project in projects}
            for key, summary in present.items():
                if key not in kept:
                    target.delete(summary.id, source="восстановление из резервной копии")
        for project in projects:
            existing = present.get(code_key(project.code))
            if existing is not None:
                target.execute("DELETE FROM project WHERE id = ?", (existing.id,))
            new_id = target.insert_project(project)
            assert project.id is not None
            copy_versions(source, project.id, target, new_id)
            _add_history(target, project.code, logs[project.code])
        for project in projects:
            target.execute(
                "UPDATE project SET updated_at = ? WHERE code = ?",
                (project_stamp(source, project.code) or now_stamp(), project.code),
            )
        may_write = not target.on_server or access.is_admin(target.database)
        left = copy_calendar_edits(source.database, target.database, may_write=may_write)
        if left and notes is not None:
            why = (
                "в базе назначения календарь правит только администратор (cdo_admin)"
                if not may_write
                else "в базе назначения на эти дни свои правки, они оставлены"
            )
            notes.append(f"Правок производственного календаря не перенесено: {left} ({why})")
        if may_write:  # the calendar's history comes with its edits (it is no project's)
            _add_history(target, "", _calendar_history(source), section="calendar")
        if target.on_server:
            # Grants are neither copied nor given to the copying role.
            access.forget_creator(target.database, {p.code for p in projects} - granted_before)
    return [project.code for project in projects]


def project_stamp(store: Store, code: str) -> str | None:
    row = store.execute("SELECT updated_at FROM project WHERE code = ?", (code,)).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def _history(store: Store, code: str) -> list[tuple[object, ...]]:
    cursor = store.execute(
        f"SELECT {_LOG_COLUMNS} FROM change_log WHERE project_code = ? ORDER BY id", (code,)
    )
    return [tuple(row) for row in cursor.fetchall()]


def _calendar_history(store: Store) -> list[tuple[object, ...]]:
    cursor = store.execute(
        f"SELECT {_LOG_COLUMNS} FROM change_log WHERE project_code = '' AND section = 'calendar' "
        "ORDER BY id"
    )
    return [tuple(row) for row in cursor.fetchall()]


def _add_history(
    target: Store, code: str, entries: list[tuple[object, ...]], *, section: str | None = None
) -> None:
    have = set(_history(target, code) if section is None else _calendar_history(target))
    rows = [entry for entry in entries if entry not in have]
    if rows:
        placeholders = ", ".join("?" * len(_LOG_COLUMNS.split(",")))
        dialect.insert_many(
            target.database,
            f"INSERT INTO change_log ({_LOG_COLUMNS}) VALUES ({placeholders})",
            rows,
        )


def restore_projects(backup: Path, target: Store, codes: Sequence[str] | None = None) -> list[str]:
    """Put the projects of the backup file (all: the target then holds exactly them; or those
    with `codes`) into `target` with their history, in one transaction. The backup is read from
    a temporary copy: an older one is brought up to date there, never in place."""
    import shutil
    import tempfile

    from cdo_desktop.storage.backups import check_backup_file
    from cdo_desktop.storage.database import open_store

    check_backup_file(backup)
    with tempfile.TemporaryDirectory(prefix="cdo-restore-") as folder:
        copy = Path(folder) / "backup.sqlite"
        shutil.copyfile(backup, copy)
        source = open_store(copy)
        try:
            return copy_projects(source, target, replace=True, codes=codes, exact=codes is None)
        finally:
            source.close()
