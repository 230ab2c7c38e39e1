"""Build the program as one folder for a workstation without Python: `python packaging/build.py`.

Runs PyInstaller on packaging/cdo_desktop.spec; puts the licence texts, the user guide as HTML
(docs/руководство.html) and a short Russian README.txt at the top of the folder; then runs the
built program's own check (`cdo-desktop --bundle-check`). The result is dist/cdo_desktop/
(on Windows with cdo-desktop.exe and cdo-desktop-gui.exe), ready to be zipped and handed out.

Needs the `build` extra: `python -m pip install -e ".[build]"`.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
SPEC = PACKAGING / "cdo_desktop.spec"
BUNDLE_NAME = "cdo_desktop"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
CONSOLE_EXE = f"cdo-desktop{EXE_SUFFIX}"
WINDOWED_EXE = f"cdo-desktop-gui{EXE_SUFFIX}"


class BuildError(Exception):
    pass


def check_environment() -> None:
    """Stop early, in words, when the build would fail or give a broken program."""
    if importlib.util.find_spec("PyInstaller") is None:
        raise BuildError('нет PyInstaller: python -m pip install -e ".[build]"')
    import PySide6

    # PySide6 6.12.0 loses a reference on every call returning None; on Python 3.11 the
    # program aborts after a while (pyproject.toml pins <6.12 there). Never ship that.
    version = tuple(int(part) for part in PySide6.__version__.split(".")[:2])
    if sys.version_info < (3, 12) and version >= (6, 12):
        raise BuildError(
            f"PySide6 {PySide6.__version__} на Python {sys.version_info[0]}."
            f"{sys.version_info[1]} падает; нужна PySide6 < 6.12 (см. pyproject.toml)"
        )


def run_pyinstaller(dist: Path, work: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--clean",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        raise BuildError("PyInstaller завершился с ошибкой (сообщения выше)")


def finish_bundle(bundle: Path) -> None:
    """Licence texts, the user guide and the README where a person opening the folder sees them."""
    licenses = bundle / "licenses"
    shutil.rmtree(licenses, ignore_errors=True)
    shutil.copytree(ROOT / "resources" / "licenses", licenses)
    docs = bundle / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    guide = [sys.executable, str(PACKAGING / "guide_html.py"), str(docs)]
    if subprocess.run(guide, cwd=ROOT).returncode != 0:
        raise BuildError("не удалось сделать руководство пользователя в HTML")
    # With a BOM, so that every Notepad shows the Russian text correctly.
    readme = (PACKAGING / "bundle-readme.txt").read_text(encoding="utf-8")
    (bundle / "README.txt").write_text(readme, encoding="utf-8-sig", newline="\r\n")


def check_bundle(bundle: Path) -> None:
    for name in (CONSOLE_EXE, WINDOWED_EXE):
        if not (bundle / name).is_file():
            raise BuildError(f"в сборке нет {name}")
    result = subprocess.run(
        [str(bundle / CONSOLE_EXE), "--bundle-check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    print(result.stdout, end="")
    print(result.stderr, end="", file=sys.stderr)
    if result.returncode != 0:
        raise BuildError("собранная программа не прошла проверку (--bundle-check)")


def folder_size(folder: Path) -> int:
    """Bytes on disk; the links PyInstaller makes between libraries are not counted twice."""
    return sum(
        file.stat().st_size
        for file in folder.rglob("*")
        if file.is_file() and not file.is_symlink()
    )


def build(dist: Path, work: Path, *, check: bool = True) -> Path:
    """Build into dist/cdo_desktop and return that folder."""
    check_environment()
    run_pyinstaller(dist, work)
    bundle = dist / BUNDLE_NAME
    finish_bundle(bundle)
    if check:
        check_bundle(bundle)
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Собрать программу в одну папку (PyInstaller): dist/cdo_desktop."
    )
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", help="куда положить папку (dist/)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "pyinstaller",
        help="рабочая папка PyInstaller (build/pyinstaller/)",
    )
    parser.add_argument(
        "--no-check", action="store_true", help="не запускать собранную программу для проверки"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        bundle = build(args.dist.resolve(), args.work.resolve(), check=not args.no_check)
    except BuildError as error:
        print(f"build.py: ошибка: {error}", file=sys.stderr)
        return 1
    minutes, seconds = divmod(round(time.monotonic() - started), 60)
    size = folder_size(bundle) / 2**20
    print(f"Готово: {bundle} ({size:.0f} МБ, {minutes} мин {seconds} с)")
    print(f"  окно программы:   {bundle / WINDOWED_EXE}")
    print(f"  командная строка: {bundle / CONSOLE_EXE} --help")
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
