"""The one place that wires the layers into a running window: Qt application, Russian, database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from cdo_desktop import __version__, paths
from cdo_desktop.core.errors import CdoError
from cdo_desktop.storage import backups
from cdo_desktop.storage.database import DamagedDatabaseError
from cdo_desktop.workspace import Workspace, open_workspace

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
    target = path or paths.default_database_path()
    try:
        return open_workspace(target, with_demo=with_demo)
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
        return open_workspace_or_explain(target, with_demo)
    except CdoError as error:
        QMessageBox.critical(None, "Не удалось открыть базу данных", str(error))
        return None


def run_gui(args: argparse.Namespace) -> int:
    app = create_application()
    workspace = open_workspace_or_explain(Path(args.db) if args.db else None, not args.no_demo)
    if workspace is None:
        return 1
    from cdo_desktop.ui.main_window import MainWindow

    window = MainWindow(workspace)
    window.show()
    try:
        return app.exec()
    finally:
        workspace.close()
