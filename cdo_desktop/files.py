"""Writing files people keep: all or nothing, never a half-written file in place of a good one."""

from __future__ import annotations

import errno
import os
import tempfile
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
    errno.EISDIR: "это папка, а не файл",
}


def write_problem(error: OSError) -> str:
    """Why a file could not be written, in Russian (the system's own words are English)."""
    reason = _REASONS.get(error.errno or 0) or f"ошибка записи ({error.strerror or error})"
    return f"не удалось записать файл: {reason}"


def temporary_beside(target: Path) -> Path:
    """An empty file in the target's folder, to be renamed over it when complete.

    mkstemp makes it readable by its owner only; the finished file gets the permissions any
    new file gets (the umask), so a colleague can read an exchanged workbook.
    """
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise CdoError(write_problem(error), place=str(target)) from None
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)
    return Path(name)


def write_file_atomically(path: str | Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file in the same folder, renamed over the target at the end:
    an interrupted write never leaves a half-written file where the old one was."""
    target = Path(path)
    temporary = temporary_beside(target)
    try:
        write(temporary)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise CdoError(write_problem(error), place=str(target)) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
