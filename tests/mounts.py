"""Real faults of the file system for tests: a small disk that fills, a read-only disk or file.

They need mount(8) and root (root ignores file permissions, so chmod cannot make a file
read-only for it); elsewhere the tests that use them are skipped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(*argv: str) -> None:
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root and mount(8) to make a real read-only or full disk")
    result = subprocess.run(["mount", *argv], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"mount failed here: {result.stderr.strip()}")


def _unmount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


@contextlib.contextmanager
def tmpfs(path: Path, size: str, *, read_only: bool = False) -> Iterator[Path]:
    """A small disk at `path` (made read-only after it is mounted, if asked)."""
    path.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path))
    try:
        if read_only:
            _mount("-o", "remount,ro", str(path))
        yield path
    finally:
        _unmount(path)


@contextlib.contextmanager
def read_only_file(path: Path) -> Iterator[Path]:
    """The file itself read-only (its folder stays writable): a bind mount over it."""
    _mount("--bind", str(path), str(path))
    try:
        _mount("-o", "remount,bind,ro", str(path))
        yield path
    finally:
        _unmount(path)
