"""Opening the database the user works in: created with the demo project on first use."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cdo_desktop import paths
from cdo_desktop.core.errors import CdoError, DatabaseFileError
from cdo_desktop.core.model import Project
from cdo_desktop.storage import backups
from cdo_desktop.storage.integrity import IntegrityCheck

if TYPE_CHECKING:
    from peewee import SqliteDatabase

    from cdo_desktop.exchange.import_plan import ImportPlan
    from cdo_desktop.storage.store import Store


def demo_projects() -> list[Project]:
    """The demo project «Цифровая образовательная среда» of Кировская область, from db/demo/."""
    # Only a new database needs it: the JSON reader stays off the start of an existing one.
    from cdo_desktop.exchange.json_format import parse_document_text

    file = paths.demo_data_file()
    return parse_document_text(file.read_text(encoding="utf-8"), file=str(file))


class Workspace:
    """An open database and its one store, through which every read and write goes.

    Opened for the window (`check_in_background`), the start-up check of the file runs in a
    thread while the window reads from the store; `confirm_sound()` waits for it before anything
    is written.
    """

    def __init__(
        self,
        path: Path,
        *,
        store: Store,
        running_check: IntegrityCheck | None = None,
        daily_backup_due: bool = False,
    ) -> None:
        self.path = path
        self._store: Store | None = store
        self._closed = False
        # Counts the connections read with (data_version is per connection).
        self._generation = 0
        # The start-up check still running in its thread (open_workspace(check_in_background=
        # True)), and the day's backup that waits for it.
        self.running_check = running_check
        self.daily_backup_due = daily_backup_due

    @property
    def store(self) -> Store:
        self._refuse_if_closed()
        assert self._store is not None
        return self._store

    @property
    def reader(self) -> Store:
        """What the window reads with: the store itself (kept as a name for reading code)."""
        return self.store

    @property
    def database(self) -> SqliteDatabase:
        """The store's database object (SQLite here: backups copy it)."""
        return self.store.database  # type: ignore[return-value]

    def _read_with(self, store: Store) -> None:
        self._store = store
        self._generation += 1

    def _read_connection(self) -> sqlite3.Connection:
        return self.store.database.connection()  # type: ignore[no-any-return]

    @property
    def closed(self) -> bool:
        return self._closed

    def _refuse_if_closed(self) -> None:
        # A closed workspace stays closed: reopening it would bind the tables to its file again,
        # behind the back of the workspace the window works in now.
        if self._closed:
            raise DatabaseFileError("база данных уже закрыта в этом окне", place=str(self.path))

    def data_version(self) -> tuple[int, int]:
        """Changes when another connection commits (SQLite's PRAGMA data_version), read over
        the connection the window reads with; the first number changes when that connection
        does, and then the second says nothing about others' commits."""
        (version,) = self._read_connection().execute("PRAGMA data_version").fetchone()
        return self._generation, int(version)

    def confirm_sound(self) -> None:
        """Wait for a start-up check that runs in the background; DamagedDatabaseError if the
        file is damaged. Then the day's first backup, of a file known to be sound."""
        if self.running_check is not None:
            self.running_check.wait()
            self.running_check = None
        if self.daily_backup_due:
            self.daily_backup_due = False
            try:
                backups.backup_daily(self._read_connection(), self.path)
            except CdoError as error:
                # A full disk or a read-only backups folder must not keep the official from
                # work, nor go unsaid: the window tells `backup_failure`. No copy is left, so
                # the next start tries again.
                self.backup_failure: str | None = str(error)

    def close(self) -> None:
        self._closed = True
        if self.running_check is not None:
            self.running_check.finish()
            self.running_check = None
        if self._store is not None:
            self._store.close()

    def backup(self, reason: str) -> Path:
        """A copy of the database in `backups/` beside it, before something big happens."""
        return backups.make_backup(self._read_connection(), self.path, reason)

    def apply_import(self, plan: ImportPlan) -> int | None:
        """The one way an import is written, for the command line and the window alike: a
        backup first (when anything changes), then the plan's changes in one transaction."""
        from cdo_desktop.exchange.import_plan import apply_plan

        if plan.has_errors:
            raise plan.errors[0].as_error(plan.file)
        if plan.changes or plan.edits or plan.existing is None:
            codes = [p.code for p in (plan.existing, plan.project) if p is not None]
            self.backup_before("import", codes)
        return apply_plan(self.store, plan)

    def backup_before(self, reason: str, codes: list[str]) -> None:
        """The safety net before a load or an import: a copy of the file (the projects of
        `codes` are all in it)."""
        self.backup(reason)

    def restore(self, backup_path: Path) -> Path | None:
        """Put a backup in place (the current state is copied first); returns that copy."""
        from cdo_desktop.storage.database import open_store

        saved = backups.restore_backup(self.database, self.path, backup_path)
        # A backup of an older schema is brought up to date like any older file.
        self.store.close()
        self._read_with(open_store(self.path))
        return saved


class ServerWorkspace(Workspace):
    """A database on the ministry's server (PostgreSQL): the same store, no file behind it.

    `path` only names the server for messages; backups are SQLite snapshots in the user's
    own data folder.
    """

    def __init__(self, url: str, *, store: Store) -> None:
        from cdo_desktop.storage.server import shown
        from cdo_desktop.storage.server_watch import ChangesListener

        super().__init__(Path(shown(url)), store=store)
        self.url = url
        password = getattr(store.database, "connect_params", {}).get("password")
        self._listener = ChangesListener(url, password)

    def data_version(self) -> tuple[int, int]:
        """Changes when another session commits a change (storage/server_watch.py: the server
        tells, this session's own commits left out); polled by the window."""
        own: int | None = None
        database = self.store.database
        try:
            # Never connects here (a server that is down would hold the window every look).
            if not database.is_closed():
                own = int(database.connection().info.backend_pid)
        except Exception:  # not connected now: every notification counts
            pass
        return self._generation, self._listener.others_changes(own)

    def close(self) -> None:
        self._listener.close()
        super().close()

    def confirm_sound(self) -> None:
        """Nothing to wait for: the server keeps its own data sound."""

    def backup(self, reason: str, codes: list[str] | None = None) -> Path:
        """A SQLite snapshot of the server's projects (or those with `codes`) with their
        history in the user's backups folder, before something big happens."""
        from datetime import datetime

        target = (
            self.snapshot_folder() / f"server-{datetime.now():%Y%m%d-%H%M%S-%f}-{reason}.sqlite"
        )
        return snapshot(self.store, target, codes)

    def snapshot_folder(self) -> Path:
        """Where this user's snapshots of this server go (in the user's own data folder)."""
        from urllib.parse import urlsplit

        parts = urlsplit(self.url)
        place = "-".join(
            part for part in (parts.hostname, str(parts.port or ""), parts.path.strip("/")) if part
        )
        return paths.user_data_dir() / "backups" / f"server-{place}"

    def backup_before(self, reason: str, codes: list[str]) -> None:
        """On a server: a SQLite snapshot of the projects about to change (those of `codes`
        it holds) in the user's own backups folder."""
        from cdo_desktop.core.model import code_key

        wanted = {code_key(code) for code in codes}
        held = [s.code for s in self.store.summaries() if code_key(s.code) in wanted]
        if held:
            self.backup(reason, codes=held)

    def restore(self, backup_path: Path) -> Path | None:
        raise CdoError(
            "восстановление базы на сервере из окна программы пока не поддерживается; "
            "обратитесь к администратору"
        )


def snapshot(store: Store, target: Path, codes: list[str] | None = None) -> Path:
    """The projects of `store` (all, or `codes`) with their history in a new SQLite file."""
    from cdo_desktop.storage.copying import copy_projects
    from cdo_desktop.storage.database import open_store

    if target.exists() and target.stat().st_size > 0:
        raise DatabaseFileError("файл уже существует", place=str(target))
    copy = open_store(target)
    try:
        with store.database.atomic():
            if store.on_server:
                # One consistent view of the server however long the copy takes.
                store.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            copy_projects(store, copy, codes=codes)
    except BaseException:
        copy.close()
        target.unlink(missing_ok=True)
        raise
    copy.close()
    return target


def server_url(location: Path | str | None) -> str | None:
    """The server address `location` (or $CDO_DB when none is given) names, if it names one."""
    import os

    from cdo_desktop.storage.server import is_server_url

    chosen = location if location is not None else os.environ.get(paths.DATABASE_ENV)
    return chosen if isinstance(chosen, str) and is_server_url(chosen) else None


def open_workspace(
    path: Path | str | None = None,
    *,
    with_demo: bool = True,
    daily_backup: bool = True,
    check_in_background: bool = False,
    started_check: IntegrityCheck | None = None,
    ask_password: Callable[[], str | None] | None = None,
) -> Workspace:
    """Open the database at `path` (default: $CDO_DB or the user's data folder); `path` may
    also be a server's address, postgresql://user@host:port/dbname (never created from here;
    `ask_password` asks for the password when the server wants one and none is known).

    A file that does not exist yet is created, holding the demo project unless `with_demo` is off.
    An existing file is checked for damage before this returns, or, with `check_in_background`,
    while the caller reads from it: the caller then calls `confirm_sound()` before showing or
    writing anything (the window does: its start-up is then no longer than the check).
    `started_check` is such a check of this file, started earlier (`IntegrityCheck.of_existing`).
    """
    url = server_url(path)
    if url is not None:
        from cdo_desktop.storage.server import open_server_store

        return ServerWorkspace(url, store=open_server_store(url, ask_password=ask_password))
    path = Path(path) if path is not None else paths.default_database_path()
    existed = path.exists() and path.stat().st_size > 0 and not path.is_dir()
    running_check = started_check
    if running_check is None and existed and check_in_background:
        running_check = IntegrityCheck(path)
    from cdo_desktop.storage.database import open_store

    def fill(store: Store) -> None:
        if with_demo:
            store.replace(demo_projects(), source="демонстрационный проект")

    try:
        store = open_store(
            path, fill_new=fill, running_check=running_check, checked=running_check is not None
        )
    except BaseException:
        if running_check is not None:
            running_check.finish()
        raise
    workspace = Workspace(
        path,
        store=store,
        running_check=running_check,
        daily_backup_due=existed and daily_backup,
    )
    if not check_in_background:
        workspace.confirm_sound()
    return workspace
