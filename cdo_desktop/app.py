"""The one place that wires the layers into a running window: Qt application, Russian, database."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cdo_desktop import __version__, paths
from cdo_desktop.core.errors import CdoError
from cdo_desktop.storage import backups, presence
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
        if not _recovered(target, error):
            return None
        return _open_or_explain(target, with_demo, build)  # checked afresh
    except CdoError as error:
        QMessageBox.critical(None, "Не удалось открыть базу данных", str(error))
        return None


def _recovered(target: Path, error: DamagedDatabaseError) -> bool:
    """Offer the newest sound backup of this database, showing what it holds; True once it
    is in place (the damaged file kept beside)."""
    from cdo_desktop.ui.backups_dialog import describe_backup

    newest = backups.newest_sound_backup(target)
    if newest is None:
        QMessageBox.critical(
            None,
            "База данных повреждена",
            f"{error}\n\nИсправных резервных копий этой базы нет.",
        )
        return False
    answer = QMessageBox.question(
        None,
        "База данных повреждена",
        f"{error}\n\nВосстановить базу из последней исправной резервной копии?\n\n"
        f"{describe_backup(newest)}\n\nПовреждённый файл будет сохранён рядом под другим "
        "именем.",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        backups.restore_backup(None, target, newest.path)
    except CdoError as failure:
        QMessageBox.critical(None, "Восстановление не выполнено", str(failure))
        return False
    return True


def tell_backup_failure(window: QWidget, workspace: Workspace) -> None:
    """A day's backup that failed at start is told once the window is up (and tried again at
    the next start)."""
    # The attribute is set only when the backup failed (Workspace.confirm_sound).
    failure = getattr(workspace, "backup_failure", None)
    if failure:
        QMessageBox.warning(
            window,
            "Резервная копия не сделана",
            f"Ежедневная резервная копия не сделана: {failure}\n\n"
            "Работать можно; программа попробует снова при следующем запуске.",
        )


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
    # Others who need the file (a restore) can then say who has it open; removed on exit.
    here = presence.register(database)
    try:
        window = open_main_window(database, with_demo, started_check)
        if window is None:
            return 1
        from cdo_desktop.ui.errors import error_handler

        window.presence = here  # moves with the window to another database
        previous, sys.excepthook = sys.excepthook, error_handler(window)
        window.show()
        QTimer.singleShot(0, lambda: tell_backup_failure(window, window.workspace))
        try:
            return app.exec()
        finally:
            sys.excepthook = previous
            window.workspace.close()
            here = window.presence or here
    finally:
        here.close()
