"""LibreOffice as the tests run it: headless, a profile of the test's own, one conversion."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) не установлен"
)


def convert(
    path: Path, to: str, folder: Path, profile: Path, *, timeout: int = 120, check: bool = False
) -> subprocess.CompletedProcess[str]:
    """`soffice --convert-to TO` of `path` into `folder`."""
    return subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(folder),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=check,
    )
