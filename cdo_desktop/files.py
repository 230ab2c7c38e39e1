"""Writing files people keep: all or nothing, never a half-written file in place of a good one."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cdo_desktop.core.errors import CdoError

_REASONS = {
    errno.ENOENT: "папка не существует",
    errno.ENOTDIR: "папка не существует",
    errno.EACCES: "нет права записи",
    errno.EPERM: "нет права записи",
    errno.EROFS: "диск только для чтения",
    errno.ENOSPC: "на диске нет места",
    errno.EDQUOT: "на диске нет места (превышена квота)",
    errno.EISDIR: "это папка, а не файл",
    errno.EIO: "ошибка ввода-вывода (сбой диска или сети)",
}

# Our temporary files are hidden and end like this: `.отчёт.xlsx.k2j4h1.tmp`.
TEMPORARY_SUFFIX = ".tmp"
# A temporary file of ours this old is left by a killed program: no write takes that long.
STALE_AFTER_SECONDS = 3600.0


def write_problem(error: OSError) -> str:
    """Why a file could not be written, in Russian (the system's own words are English)."""
    reason = _REASONS.get(error.errno or 0) or f"ошибка записи ({error.strerror or error})"
    return f"не удалось записать файл: {reason}"


def file_problem(error: OSError) -> str:
    """A file error no code expected (reading or writing), in Russian."""
    reason = _REASONS.get(error.errno or 0) or (error.strerror or str(error))
    return f"ошибка файла: {reason}"


def temporary_beside(target: Path) -> Path:
    """An empty file in the target's folder, to be renamed over it when complete.

    mkstemp makes it readable by its owner only; the finished file gets the permissions any
    new file gets (the umask), so a colleague can read an exchanged workbook.
    """
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale_temporaries(target)
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX, dir=folder
        )
    except OSError as error:
        raise CdoError(write_problem(error), place=str(target)) from None
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)
    return Path(name)


def remove_stale_temporaries(target: Path) -> None:
    """Delete what a killed write of `target` left behind: our hidden temporary files of that
    name, an hour old or more (a write still running keeps its own younger file).

    Only files of exactly our pattern for this target are touched, never the user's.
    """
    folder = target.parent if str(target.parent) else Path(".")
    prefix = f".{target.name}."
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(TEMPORARY_SUFFIX)):
                continue
            if len(name) - len(prefix) - len(TEMPORARY_SUFFIX) != 8:  # mkstemp's 8 letters
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and (
                    now - entry.stat(follow_symlinks=False).st_mtime >= STALE_AFTER_SECONDS
                ):
                    os.unlink(entry.path)


def write_file_atomically(
    path: str | Path,
    write: Callable[[Path], None],
    check: Callable[[Path], None] | None = None,
) -> None:
    """Write through a temporary file in the same folder, renamed over the target at the end:
    an interrupted write never leaves a half-written file where the old one was.

    `check` looks at the finished temporary file (a PDF's end, say) and raises CdoError if it
    is not whole; the file is flushed to the disk before the rename, so a power cut after it
    cannot leave an empty file in place of the old one. On any failure the old file stays
    and the temporary one is removed.
    """
    target = Path(path)
    temporary = temporary_beside(target)
    try:
        write(temporary)
        if temporary.stat().st_size == 0:
            raise CdoError("не удалось записать файл: записано 0 байт", place=str(target))
        if check is not None:
            check(temporary)
        flush_to_disk(temporary)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise CdoError(write_problem(error), place=str(target)) from None
    except CdoError as error:
        temporary.unlink(missing_ok=True)
        if error.place:
            raise
        raise CdoError(error.problem, place=str(target)) from None  # the file the user named
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    flush_folder(target)


def flush_to_disk(path: Path) -> None:
    """The file's bytes on the disk, not in the system's cache, before it is renamed."""
    with open(path, "rb+") as file:
        os.fsync(file.fileno())


def flush_folder(target: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no handle on a folder to flush)."""
    if os.name != "posix":
        return
    folder = target.parent if str(target.parent) else Path(".")
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
