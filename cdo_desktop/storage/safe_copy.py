"""Copying a database file page by page without ever leaving a half copy under a good name.

A copy is written under a temporary name that says which process writes it, checked with
`PRAGMA integrity_check`, flushed to the disk and only then renamed: a file under a final name
is always whole. A process killed mid-copy leaves the temporary file (and SQLite's `-journal`
of it); `clean_strays` removes those at the next copy. Waiting on another connection's lock is
bounded (`WAIT_SECONDS`): SQLite's backup API, as Python drives it, would retry for ever.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from cdo_desktop.core.errors import DatabaseFileError
from cdo_desktop.files import flush_folder, flush_to_disk
from cdo_desktop.storage.presence import is_running, this_host

# How long a copy or a restore waits for other connections to let go of the file: the
# program's own busy_timeout, so a colleague's ordinary save is waited for, a held file is not.
WAIT_SECONDS = 10.0
PARTIAL = ".partial"
# A partial file from another computer cannot be asked whether its process still runs; after
# an hour no copy of this program is still writing it (a 2 GB copy takes about a minute).
STRAY_AGE_SECONDS = 3600
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
_HEADER = b"SQLite format 3\x00"
_OWNER = re.compile(r"\.(?P<host>[^.]+)-(?P<pid>\d+)" + re.escape(PARTIAL) + r"(-journal)?$")


class StillLocked(Exception):
    """Another connection held the file for longer than the wait."""


class _Timeout(Exception):
    pass


def read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection (it never creates the file); the path as a URI, quoted, so `#`,
    `?` and `%` in it are only letters."""
    return sqlite3.connect(f"{file_uri(path)}?mode=ro", uri=True)


def file_uri(path: Path) -> str:
    """SQLite's `file:` URI of a path: `file:///C:/…` or `file:///home/…`, and for a Windows
    network path `file:////server/share/…` (SQLite refuses a host in the authority, which
    Path.as_uri() would put there)."""
    text = Path(path).absolute().as_posix()
    return "file://" + ("" if text.startswith("/") else "/") + quote(text, safe="/:")


def copy_pages(source: sqlite3.Connection, destination: sqlite3.Connection) -> None:
    """All pages in one step of SQLite's backup API (one transaction on the destination, so a
    crash midway leaves it as it was); StillLocked after WAIT_SECONDS of others' locks."""
    deadline = time.monotonic() + WAIT_SECONDS

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (_SQLITE_BUSY, _SQLITE_LOCKED) and time.monotonic() >= deadline:
            raise _Timeout

    try:
        source.backup(destination, progress=progress, sleep=0.05)
    except _Timeout:
        raise StillLocked from None


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of an open database, even while others write to it."""
    destination = sqlite3.connect(target, timeout=0.5)
    try:
        copy_pages(source, destination)
    finally:
        destination.close()


def host_tag() -> str:
    """This computer's name as it can stand in a file name (no dots: they part the name)."""
    return re.sub(r"[^\w-]", "_", this_host()) or "_"


def partial_name(target: Path) -> Path:
    """The hidden name a copy is written under: whose it is, for `clean_strays`."""
    return target.with_name(f".{target.name}.{host_tag()}-{os.getpid()}{PARTIAL}")


def write_verified_copy(source: sqlite3.Connection, target: Path) -> None:
    """Copy under a partial name, check, flush, rename to `target`; on any failure nothing is
    left behind and the error goes on (OSError, sqlite3.Error, StillLocked, DatabaseFileError).
    """
    partial = partial_name(target)
    try:
        copy_database(source, partial)
        problem = integrity_problem(partial)
        if problem is not None:
            raise DatabaseFileError(f"копия не прошла проверку ({problem})", place=str(target))
        flush_to_disk(partial)
        os.replace(partial, target)
    except BaseException:
        remove_with_journal(partial)
        raise
    flush_folder(target)


def integrity_problem(path: Path) -> str | None:
    """None when `PRAGMA integrity_check` finds the file whole; else its first complaint."""
    connection = read_only(path)
    try:
        (status,) = connection.execute("PRAGMA integrity_check(1)").fetchone()
    finally:
        connection.close()
    return None if status == "ok" else str(status)


def remove_with_journal(path: Path) -> None:
    for leftover in (path, Path(f"{path}-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def clean_strays(folder: Path) -> None:
    """Remove partial copies (and their journals) whose writer is gone: a process of this
    computer that no longer runs, or any that has not been touched for an hour."""
    try:
        names = [path for path in folder.iterdir() if _OWNER.search(path.name)]
    except OSError:
        return
    host = host_tag()
    for path in names:
        owner = _OWNER.search(path.name)
        assert owner is not None
        if owner["host"] == host and int(owner["pid"]) == os.getpid():
            continue  # this process's copy in progress (another thread's)
        gone = owner["host"] == host and not is_running(int(owner["pid"]))
        try:
            old = time.time() - path.stat().st_mtime > STRAY_AGE_SECONDS
        except OSError:
            continue
        if gone or old:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)


def looks_whole(path: Path) -> bool:
    """Whether a copy is whole, from its header alone (no page is read): the SQLite magic,
    and as many bytes as the header's page count says; a `-journal` beside it means the
    copy was cut off (earlier versions wrote straight to the final name)."""
    try:
        if Path(f"{path}-journal").exists():
            return False
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(_HEADER):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or size % page_size:
        return False
    pages = int.from_bytes(header[28:32], "big")
    header_is_current = header[24:28] == header[92:96]
    return not header_is_current or pages == 0 or size == pages * page_size


def disk_problem(error: BaseException) -> str:
    """Why a copy could not be written or read, in Russian."""
    if isinstance(error, StillLocked):
        return "база данных занята другой программой; попробуйте ещё раз"
    if isinstance(error, DatabaseFileError):
        return error.problem
    if isinstance(error, OSError):
        reasons = {
            errno.ENOSPC: "на диске нет места",
            getattr(errno, "EDQUOT", errno.ENOSPC): "на диске нет места",
            errno.EACCES: "нет права записи в папку",
            errno.EPERM: "нет права записи в папку",
            errno.EROFS: "диск только для чтения",
        }
        return reasons.get(error.errno or 0) or f"ошибка записи ({error.strerror or error})"
    text = str(error)
    if "disk is full" in text:
        return "на диске нет места"
    if "readonly" in text or "read-only" in text:
        return "нет права записи в папку"
    if "unable to open" in text:
        return "не удалось создать файл"
    if "not a database" in text or "malformed" in text:
        return "файл не является базой данных или повреждён"
    return f"ошибка базы данных: {text}"
