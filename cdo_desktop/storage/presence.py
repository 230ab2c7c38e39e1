"""Who has a database open: each running window leaves a small record beside the file.

SQLite's locks say that someone holds the file, never who. So that a message can say «База
открыта: ivanov на WS-12 с 09:14» instead of «занята», each window writes
`<db>.presence/<host>-<pid>.json` (user, computer, process, since when) at start and removes it
on exit. A window that was killed leaves its record behind: one from this computer whose
process is gone is ignored (and removed); one from another computer cannot be tested, and is
quoted — a stale name is still better than none, and the file says when it was written.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import re
import socket
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

SUFFIX = ".presence"


@dataclass(frozen=True)
class Holder:
    user: str
    host: str
    pid: int
    since: datetime

    def words(self) -> str:
        """«ivanov на WS-12 с 09:14» (with the date when it is not today's)."""
        when = (
            f"{self.since:%H:%M}"
            if self.since.date() == date.today()
            else f"{self.since:%d.%m.%Y %H:%M}"
        )
        return f"{self.user} на {self.host} с {when}"


class PresenceHandle:
    """This process's record; `close()` removes it (it never raises: it runs at exit)."""

    def __init__(self, record: Path | None) -> None:
        self.record = record

    def close(self) -> None:
        if self.record is None:
            return
        with contextlib.suppress(OSError):
            self.record.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            self.record.parent.rmdir()  # only when no other copy's record is left in it
        self.record = None


def os_user() -> str:
    # As storage.history names the author of a change, without importing peewee with it.
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return os.environ.get("USERNAME") or os.environ.get("USER") or "неизвестный"


def folder_of(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + SUFFIX)


def this_host() -> str:
    return socket.gethostname() or "?"


def _safe(text: str) -> str:
    return re.sub(r"[^\w.-]", "_", text) or "_"


def register(database_path: Path) -> PresenceHandle:
    """Leave this process's record beside the database. A folder that cannot be written (a
    read-only share) only means the record is missing: the window works all the same."""
    host, pid = this_host(), os.getpid()
    record = folder_of(database_path) / f"{_safe(host)}-{pid}.json"
    text = json.dumps(
        {
            "user": os_user(),
            "host": host,
            "pid": pid,
            "since": datetime.now().isoformat(timespec="seconds"),
        },
        ensure_ascii=False,
    )
    try:
        record.parent.mkdir(exist_ok=True)
        record.write_text(text, encoding="utf-8")
    except OSError:
        return PresenceHandle(None)
    return PresenceHandle(record)


def holders(database_path: Path, *, except_self: bool = True) -> list[Holder]:
    """The running copies of the program that have the database open, earliest first."""
    folder = folder_of(database_path)
    try:
        records = sorted(folder.glob("*.json"))
    except OSError:
        return []
    found = []
    host = this_host()
    for record in records:
        holder = _read(record)
        if holder is None:
            continue
        if holder.host == host:
            if except_self and holder.pid == os.getpid():
                continue
            if not is_running(holder.pid):
                with contextlib.suppress(OSError):
                    record.unlink(missing_ok=True)  # a killed window's
                continue
        found.append(holder)
    return sorted(found, key=lambda holder: holder.since)


def _read(record: Path) -> Holder | None:
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        return Holder(
            str(data["user"]),
            str(data["host"]),
            int(data["pid"]),
            datetime.fromisoformat(str(data["since"])),
        )
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None  # half-written or not ours: says nothing about who holds the file


def is_running(pid: int) -> bool:
    """Whether a process of this computer still runs (a recycled id counts as running)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - tested on Windows in CI
        return _is_running_windows(pid)
    try:
        os.kill(pid, 0)  # signal 0 tests, it does not signal
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return False
    return True


def _is_running_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    # Not os.kill: on Windows it terminates the process whatever the signal.
    import ctypes

    query_limited_information, still_active, access_denied = 0x1000, 259, 5
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    kernel32.OpenProcess.restype = ctypes.c_void_p  # a HANDLE is pointer-sized
    kernel32.GetExitCodeProcess.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_ulong)]
    kernel32.CloseHandle.argtypes = [ctypes.c_void_p]
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return bool(kernel32.GetLastError() == access_denied)
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def held_by(database_path: Path) -> str:
    """«База открыта: ivanov на WS-12 с 09:14», or «другой программой» when no copy of this
    program has left its record."""
    found = holders(database_path)
    if not found:
        return "база данных занята другой программой"
    return "База открыта: " + ", ".join(holder.words() for holder in found)
