"""The one place that wires the layers into a running window: Qt application, Russian, database."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cdo_desktop import __version__, paths
from cdo_desktop.core.errors import CdoError
from cdo_desktop.storage import backups
from cdo_desktop.storage.integrity import DamagedDatabaseError, IntegrityCheck
from cdo_desktop.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from cdo_desktop.ui.main_window import MainWindow

ORGANIZATION = "cdo_desktop"
APPLICATION = "cdo_desktop"


def install_russian(app: QApplication) -> None:
    """Russian for Qt's own dialogs and buttons (qtbase_ru ships with PySide6), and for numbers."""
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_ru", folder):
        app.installTranslator(translator)


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("ЦОС: региональный проект")
    app.setApplicationVersion(__version__)
    install_russian(app)
    return app


def open_workspace_or_explain(path: Path | None, with_demo: bool) -> Workspace | None:
    """The database, or a Russian explanation; a damaged file is offered its newest backup."""
    opened = _open_or_explain(path, with_demo, build=None)
    return opened[0] if opened is not None else None


def open_main_window(
    path: Path | None, with_demo: bool, started_check: IntegrityCheck | None = None
) -> MainWindow | None:
    """The window over the database, not yet shown; None when the file cannot be used.

    The file's damage check runs in a thread (`started_check`, if the caller started it even
    earlier) while the window is built from it, and the window is returned only once the check
    has passed: start-up costs the longer of the two, not both.
    """
    from cdo_desktop.ui.main_window import MainWindow

    opened = _open_or_explain(path, with_demo, MainWindow, started_check)
    return cast("MainWindow", opened[1]) if opened is not None else None


def _open_or_explain(
    path: Path | None,
    with_demo: bool,
    build: Callable[[Workspace], QWidget] | None,
    started_check: IntegrityCheck | None = None,
) -> tuple[Workspace, QWidget | None] | None:
    target = path or paths.default_database_path()
    try:
        return _open_checked(target, with_demo, build, started_check)
    except DamagedDatabaseError as error:
        newest = next(iter(backups.list_backups(target)), None)
        if newest is None:
            QMessageBox.critical(
                None, "База данных повреждена", f"{error}\n\nРезервных копий этой базы нет."
            )
            return None
        answer = QMessageBox.question(
            None,
            "База данных повреждена",
            f"{error}\n\nВосстановить базу из последней исправной резервной копии "
            f"(не позднее {newest.made:%d.%m.%Y %H:%M})? Повреждённый файл будет сохранён "
            "рядом под другим именем.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        if backups.recover_from_backup(target) is None:
            QMessageBox.critical(
                None, "База данных повреждена", "Ни одна резервная копия не прошла проверку."
            )
            return None
        return _open_or_explain(target, with_demo, build)  # checked afresh
    except CdoError as error:
        QMessageBox.critical(None, "Не удалось открыть базу данных", str(error))
        return None


def _open_checked(
    target: Path,
    with_demo: bool,
    build: Callable[[Workspace], QWidget] | None,
    started_check: IntegrityCheck | None,
) -> tuple[Workspace, QWidget | None]:
    if build is None:
        return open_workspace(target, with_demo=with_demo, started_check=started_check), None
    workspace = open_workspace(
        target, with_demo=with_demo, check_in_background=True, started_check=started_check
    )
    built: QWidget | None = None
    try:
        try:
            built = build(workspace)
        except Exception:
            # Reading a damaged file fails in many ways; the check names the real cause.
            workspace.confirm_sound()
            raise
        workspace.confirm_sound()
    except BaseException:
        if built is not None:
            built.deleteLater()
        workspace.close()
        raise
    return workspace, built


def run_gui(database: Path, with_demo: bool, started_check: IntegrityCheck | None = None) -> int:
    app = create_application()
    window = open_main_window(database, with_demo, started_check)
    if window is None:
        return 1
    from cdo_desktop.ui.errors import error_handler

    previous, sys.excepthook = sys.excepthook, error_handler(window)
    window.show()
    try:
        return app.exec()
    finally:
        sys.excepthook = previous
        window.workspace.close()
