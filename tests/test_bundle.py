"""The built program (PyInstaller, packaging/): its launcher and icon, and a smoke test of a build.

The smoke test builds the folder and runs the built executable; it takes a minute or two, so it
runs only with CDO_BUNDLE_SMOKE=1 (needs the `build` extra), or with CDO_BUNDLE_DIR naming a
folder already built by `python packaging/build.py`.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SMOKE = os.environ.get("CDO_BUNDLE_SMOKE") == "1"
GIVEN_BUNDLE = os.environ.get("CDO_BUNDLE_DIR")
EXE = ".exe" if sys.platform == "win32" else ""

needs_bundle = pytest.mark.skipif(
    not (SMOKE or GIVEN_BUNDLE),
    reason="сборка PyInstaller идёт долго: CDO_BUNDLE_SMOKE=1 или CDO_BUNDLE_DIR=папка",
)


def packaging_module(name: str) -> ModuleType:
    """A script of packaging/ (not a package: the folder must not hide PyPI's `packaging`)."""
    spec = importlib.util.spec_from_file_location(f"cdo_packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    # UTF-8 both ways, whatever the code page: the built program is in UTF-8 mode itself,
    # the launcher run from source is told so.
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=300,
        env={**os.environ, "PYTHONUTF8": "1"},
    )


# ---------------------------------------------------------------- without a build


def test_launcher_check_from_source() -> None:
    result = run([sys.executable, str(PACKAGING / "launch.py"), "--bundle-check"])
    assert result.returncode == 0, result.stderr
    assert "запуск из Python" in result.stdout
    assert "«Cancel» по-русски: Отмена — да" in result.stdout


def test_launcher_runs_the_command_line(tmp_path: Path) -> None:
    database = tmp_path / "new.sqlite"
    result = run([sys.executable, str(PACKAGING / "launch.py"), "projects", "--db", str(database)])
    assert result.returncode == 0, result.stderr
    assert "E4" in result.stdout


def test_windowed_program_gets_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    launch = packaging_module("launch")
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    launch._give_windowed_program_streams()
    try:
        print("никуда", file=sys.stdout)
        print("никуда", file=sys.stderr)
    finally:
        sys.stdout.close()
        sys.stderr.close()


def test_icon_is_drawn_at_every_size(tmp_path: Path, qapp) -> None:
    from PySide6.QtGui import QImage, QImageReader

    make_icon = packaging_module("make_icon")
    ico, png = make_icon.make_icons(tmp_path)
    reader = QImageReader(str(ico))
    assert reader.imageCount() == len(make_icon.ICO_SIZES)
    sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull()
        sizes.append(image.width())
    assert sizes == make_icon.ICO_SIZES
    picture = QImage(str(png))
    assert (picture.width(), picture.height()) == (256, 256)
    # Drawn, not blank: the corner is transparent, the middle is the icon's blue.
    assert picture.pixelColor(0, 0).alpha() == 0
    assert picture.pixelColor(128, 40).alpha() == 255


# ---------------------------------------------------------------- the built folder


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if GIVEN_BUNDLE:
        return Path(GIVEN_BUNDLE).resolve()
    build = packaging_module("build")
    scratch = tmp_path_factory.mktemp("bundle")
    try:
        return build.build(scratch / "dist", scratch / "work", check=False)
    except build.BuildError as error:
        pytest.fail(f"сборка не удалась: {error}")


@pytest.fixture
def executable(bundle: Path) -> Path:
    return bundle / f"cdo-desktop{EXE}"


@needs_bundle
def test_bundle_holds_both_programs_and_only_what_is_needed(bundle: Path) -> None:
    assert (bundle / f"cdo-desktop{EXE}").is_file()
    assert (bundle / f"cdo-desktop-gui{EXE}").is_file()
    assert (bundle / "README.txt").read_text(encoding="utf-8-sig").startswith("ЦОС")
    assert (bundle / "licenses" / "LGPL-3.0.txt").is_file()
    assert (bundle / "docs" / "руководство.html").is_file()
    assert (bundle / "docs" / "images" / "o-programme.png").is_file()
    inside = bundle / "_internal"
    assert (inside / "cdo_desktop" / "resources" / "licenses" / "GPL-3.0.txt").is_file()
    assert (inside / "cdo_desktop" / "resources" / "icons" / "app.ico").is_file()
    assert (inside / "cdo_desktop" / "db" / "demo" / "cos_kirov.json").is_file()
    names = {path.name for path in inside.rglob("*")}
    assert "qtbase_ru.qm" in names
    assert "qtbase_de.qm" not in names  # only Russian of Qt's translations
    assert not any("Qt6Qml" in name or "Qt6Quick" in name for name in names)
    assert not any(name.startswith("QtNetwork.") for name in names)


@needs_bundle
def test_built_program_finds_russian_qt_and_its_files(executable: Path) -> None:
    result = run([str(executable), "--bundle-check"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "собранная программа" in result.stdout
    assert "«Cancel» по-русски: Отмена — да" in result.stdout
    assert "Python в режиме UTF-8: да" in result.stdout


@needs_bundle
def test_built_program_writes_the_summary_pdf(executable: Path, tmp_path: Path) -> None:
    database = tmp_path / "new.sqlite"
    out = tmp_path / "сводка.pdf"
    result = run([str(executable), "summary", str(out), "--db", str(database)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert database.is_file()
    assert out.read_bytes().startswith(b"%PDF")
    reader = PdfReader(out)
    assert len(reader.pages) >= 2
    words = " ".join(reader.pages[0].extract_text().split())
    assert "Цифровая образовательная среда" in words


@needs_bundle
def test_built_program_speaks_russian_on_errors(executable: Path, tmp_path: Path) -> None:
    result = run([str(executable), "summary", str(tmp_path / "x.pdf"), "--db", str(tmp_path)])
    assert result.returncode == 1
    assert "cdo-desktop: ошибка:" in result.stderr
    assert "это папка, а не файл базы данных" in result.stderr


@needs_bundle
def test_built_program_uses_a_data_folder_beside_it(bundle: Path, executable: Path) -> None:
    data = bundle / "data"
    if data.exists():
        pytest.fail(f"{data} уже есть: проверка переносного режима создаёт её сама")
    data.mkdir()
    try:
        result = run([str(executable), "projects"])
        assert result.returncode == 0, result.stdout + result.stderr
        assert "E4" in result.stdout
        assert (data / "cdo_desktop.sqlite").is_file()
        check = run([str(executable), "--bundle-check"])
        assert f"переносной режим: да, папка {data}" in check.stdout
    finally:
        shutil.rmtree(data)


def test_user_guide_as_html_keeps_its_pictures_and_contents_links(tmp_path: Path, qapp) -> None:
    guide_html = packaging_module("guide_html")
    page = guide_html.write_guide(tmp_path)
    text = page.read_text(encoding="utf-8")
    assert "<title>Руководство пользователя" in text
    for picture in re.findall(r'<img src="([^"]+)"', text):
        assert (tmp_path / picture).is_file(), picture
    anchors = set(re.findall(r'<h\d id="([^"]+)"', text))
    links = re.findall(r'href="#([^"]+)"', text)
    assert links, "в руководстве есть оглавление"
    assert set(links) <= anchors, set(links) - anchors
    assert not re.search(r'href="[^"#]*\.md', text), "ссылки на другие документы — текстом"
