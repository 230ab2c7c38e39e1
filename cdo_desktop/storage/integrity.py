"""Is a database file sound? The start-up check, which may run in a thread while the program
loads; no peewee here, so it can start before the rest of the program is even imported."""

from __future__ import annotations

import sqlite3
import sys
import threading
from pathlib import Path

from cdo_desktop.core.errors import CdoError, DatabaseFileError

# How long a connection waits for a lock held by a colleague's copy of the program.
BUSY_TIMEOUT_MS = 10_000


class DamagedDatabaseError(DatabaseFileError):
    """The file is a database but its pages or links are broken: restore a backup."""


def check_integrity(connection: sqlite3.Connection, path: Path) -> None:
    """quick_check finds broken pages, foreign_key_check rows pointing nowhere; both are cheap
    enough for every start (no full index comparison, unlike integrity_check)."""
    status = connection.execute("PRAGMA quick_check").fetchone()[0]
    if status != "ok":
        raise DamagedDatabaseError(f"файл базы данных повреждён ({status})", place=str(path))
    orphan = connection.execute("PRAGMA foreign_key_check").fetchone()
    if orphan is not None:
        raise DamagedDatabaseError(
            f"в базе данных нарушены связи (таблица {orphan[0]}, строка {orphan[1]})",
            place=str(path),
        )


class IntegrityCheck:
    """The start-up check of an existing file, in a thread on a connection of its own.

    quick_check reads every page (about 0.07 s for 50 MB). SQLite lets go of the GIL while it
    reads, so the window is built from the same file meanwhile; `wait()` says whether the file
    is sound before the window is shown or anything is written.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._problem: DatabaseFileError | None = None
        self._thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                check_integrity(connection, self.path)
            finally:
                connection.close()
        except DatabaseFileError as problem:
            self._problem = problem
        except sqlite3.Error as error:
            self._problem = file_error(error, self.path)
        except Exception as error:  # an unchecked file is never taken for a sound one
            self._problem = DatabaseFileError(
                f"не удалось проверить файл базы данных: {error}", place=str(self.path)
            )

    def wait(self) -> None:
        """Return once the file has passed; raise DamagedDatabaseError (or, for a file that
        cannot be read at all, DatabaseFileError) if it has not."""
        self.finish()
        if self._problem is not None:
            raise self._problem

    @classmethod
    def of_existing(cls, path: Path) -> IntegrityCheck | None:
        """Start checking the file at `path`, if there is one to check (a new one is created)."""
        try:
            present = path.is_file() and path.stat().st_size > 0
        except OSError:
            present = False
        return cls(path) if present else None

    def finish(self) -> None:
        """Let the thread end, whatever it found (the file is being closed anyway)."""
        self._thread.join()


def is_database_error(error: BaseException) -> bool:
    """An error of SQLite's or peewee's (without importing peewee: if it is not loaded, the
    error cannot be one of its)."""
    if isinstance(error, sqlite3.Error):
        return True
    peewee = sys.modules.get("peewee")
    return peewee is not None and isinstance(error, peewee.PeeweeException)


def as_told(error: BaseException, path: Path) -> CdoError | None:
    """The error as the program tells it: its own, SQLite's or peewee's in Russian (about
    the file at `path`), the system's about the file it names; None for anything else,
    which is a bug."""
    if isinstance(error, CdoError):
        return error
    if isinstance(error, Exception) and is_database_error(error):
        return file_error(error, path)
    if isinstance(error, OSError):
        from cdo_desktop.files import file_problem

        return CdoError(file_problem(error), place=error.filename and str(error.filename))
    return None


def file_error(error: Exception, path: Path) -> DatabaseFileError:
    """SQLite's complaint in Russian, naming the file and what to do; a damaged file is told
    apart (a backup can help it)."""
    reason = _sqlite_reason(underlying_error(error))
    damaged = "повреждён" in reason and "не является" not in reason
    kind = DamagedDatabaseError if damaged else DatabaseFileError
    return kind(reason, place=str(path))


def underlying_error(error: BaseException) -> BaseException:
    """The error that made a transaction fail, not the failed rollback that followed it.

    When SQLite meets a full disk it rolls the transaction back itself; peewee's rollback on
    the way out then fails with «cannot rollback - no transaction is active», and the disk,
    the real cause, is only in the exception's context.
    """
    while "no transaction is active" in str(error) and error.__context__ is not None:
        if not is_database_error(error.__context__):
            break
        error = error.__context__
    return error


# (what SQLite says, what the user is told): the first match wins.
_SQLITE_REASONS = (
    ("file is not a database", "файл не является базой данных или повреждён"),
    ("malformed", "файл базы данных повреждён"),
    ("corrupt", "файл базы данных повреждён"),
    (
        "readonly",  # also «read-only»: compared without the hyphen
        "нет права записи в файл базы данных или в его папку (или диск только для чтения); "
        "изменения не записаны, база не изменена — откройте файл с правом записи",
    ),
    (
        "disk is full",
        "на диске нет места; изменения не записаны, база не изменена — освободите место "
        "и повторите",
    ),
    (
        "disk i/o error",
        "ошибка чтения или записи диска (сбой диска или сети); база не изменена — "
        "проверьте диск или сетевую папку и повторите",
    ),
    (
        "unable to open",
        "не удалось открыть файл базы данных: проверьте, что папка существует и в неё можно писать",
    ),
    ("locked", "база данных занята другой программой; попробуйте ещё раз"),
    ("busy", "база данных занята другой программой; попробуйте ещё раз"),
)


def _sqlite_reason(error: BaseException) -> str:
    text = str(error)
    folded = text.casefold().replace("read-only", "readonly")
    for words, reason in _SQLITE_REASONS:
        if words in folded:
            return reason
    return f"ошибка базы данных: {text}"
