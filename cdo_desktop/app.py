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


def run_gui(
    database: Path | str, with_demo: bool, started_check: IntegrityCheck | None = None
) -> int:
    """The window over the file `database`, or over the server `database` names
    (postgresql://…); the exit status."""
    app = create_application()
    if isinstance(database, str):
        return run_on_server(app, database, with_demo)
    # Others who need the file (a restore) can then say who has it open; removed on exit.
    here = presence.register(database)
    try:
        window = open_main_window(database, with_demo, started_check)
        if window is None:
            return 1
        window.presence = here  # moves with the window to another database
        try:
            return _run_window(app, window)
        finally:
            here = window.presence or here
    finally:
        here.close()


def _run_window(app: QApplication, window: MainWindow) -> int:
    from cdo_desktop.ui.errors import error_handler
    from cdo_desktop.ui.server_dialog import remember_at_start
    from cdo_desktop.workspace import ServerWorkspace

    previous, sys.excepthook = sys.excepthook, error_handler(window)
    window.show()
    QTimer.singleShot(0, lambda: tell_backup_failure(window, window.workspace))
    try:
        return app.exec()
    finally:
        sys.excepthook = previous
        # The next start without --db opens the server again if the window ended on one.
        workspace = window.workspace
        remember_at_start(workspace.url if isinstance(workspace, ServerWorkspace) else None)
        window.workspace.close()


SERVER_UNREACHABLE = "Сервер недоступен"


def remembered_server() -> str:
    """The server to open when no database is named ("" for the file): the one the window
    was on when it was last closed (settings read before the application object exists)."""
    from PySide6.QtCore import QSettings

    from cdo_desktop.ui.server_dialog import open_at_start

    return open_at_start(QSettings(ORGANIZATION, APPLICATION))


def run_on_server(app: QApplication, url: str, with_demo: bool) -> int:
    """The window over the server at `url`. Its password from PostgreSQL's password file or
    asked once; a server that cannot be used is told in one line with a choice: try again,
    open a database file instead, or quit."""
    from cdo_desktop.ui import dialogs
    from cdo_desktop.ui.commands.server import choose_file_instead
    from cdo_desktop.ui.main_window import MainWindow
    from cdo_desktop.ui.server_dialog import ask_password_dialog, connect

    problem: str | None = None
    while True:
        if problem is None:
            try:
                workspace = connect(url, ask_password_dialog(None, url))
                break
            except CdoError as error:
                problem = str(error)
        choice = dialogs.choose(
            None,
            SERVER_UNREACHABLE,
            f"{problem}\n\nОткрыть вместо него файл базы данных?",
            ["Открыть файл…", "Повторить", "Выход"],
        )
        if choice == 0:
            path = choose_file_instead(None)
            if path:
                return run_gui(Path(path), with_demo)
        elif choice == 1:
            problem = None
        else:
            return 1
    try:
        window = MainWindow(workspace)
    except Exception as error:
        workspace.close()
        from cdo_desktop.storage.server import server_error

        told = server_error(error, url)
        if told is None:
            raise
        QMessageBox.critical(None, SERVER_UNREACHABLE, str(told))
        return 1
    return _run_window(app, window)
