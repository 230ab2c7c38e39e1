"""Every tab of the main window, with its chart, as PNG.

`python -m cdo_desktop.tools.screenshots DIR` runs offscreen on a fresh copy of the demo
database, so the pictures show what a new user sees. With `--screen`, under a real X server
(Xvfb at 1280×720 or 1920×1080, QT_QPA_PLATFORM=xcb), the window fills that screen as it opens
for a user and the files are named after its size: `1-pasport-1280x720.png`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

TAB_FILES = [
    "1-pasport",
    "2-pokazateli",
    "3-rezultaty",
    "4-finansirovanie",
    "5-otvetstvennye",
    "6-monitoring",
    "7-kontrolnye-tochki",
    "8-riski",
]


def take_screenshots(
    out_dir: Path, width: int = 1400, height: int = 860, *, fill_screen: bool = False
) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from cdo_desktop.app import create_application
    from cdo_desktop.ui.main_window import RESULTS, MainWindow
    from cdo_desktop.ui.settings import WindowSettings
    from cdo_desktop.workspace import open_workspace

    app = create_application()
    out_dir.mkdir(parents=True, exist_ok=True)
    saved = []
    with tempfile.TemporaryDirectory() as scratch:
        workspace = open_workspace(Path(scratch) / "demo.sqlite")
        settings = WindowSettings(
            QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
        )
        window = MainWindow(workspace, settings)
        suffix = ""
        if fill_screen:
            screen = app.primaryScreen().availableGeometry()
            window.setGeometry(screen)
            suffix = f"-{screen.width()}x{screen.height()}"
        else:
            window.resize(width, height)
        window.show()
        app.processEvents()
        assert window.tabs is not None
        for index, name in enumerate(TAB_FILES):
            window.tabs.setCurrentIndex(index)
            if index == RESULTS:
                # A row with a fact far above plan: the chart and the status marks say the most.
                panel = window.tabs.results
                panel.select_row(3, panel.model.column_of(2020, "fact"))
            settle(app)
            path = out_dir / f"{name}{suffix}.png"
            window.grab().save(str(path))
            saved.append(path)
        window.close()
        workspace.close()
    return saved


def settle(app, seconds: float = 0.3) -> None:  # type: ignore[no-untyped-def]
    """Let the tab be built, its chart drawn and laid out (a chart takes a few turns of the
    event loop to size its axes), as a user sees it a moment after clicking."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Снимки всех вкладок главного окна (PNG).")
    parser.add_argument("out_dir", type=Path, help="папка для снимков")
    parser.add_argument(
        "--screen",
        action="store_true",
        help="окно во весь экран (под X-сервером); в именах файлов — размер экрана",
    )
    args = parser.parse_args(argv)
    for path in take_screenshots(args.out_dir, fill_screen=args.screen):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
