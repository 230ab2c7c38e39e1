"""Writing files people keep: all or nothing, never a half-written file in place of a good one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from cdo_desktop.core.errors import CdoError


def write_file_atomically(path: str | Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file in the same folder, renamed over the target at the end:
    an interrupted write never leaves a half-written file where the old one was."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as error:
        raise CdoError(f"не удалось записать файл: {error.strerror}", place=str(target)) from None
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        write(temporary)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise CdoError(f"не удалось записать файл: {error.strerror}", place=str(target)) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
