"""«Справка» → «Руководство пользователя» (F1): the guide that travels with the program, opened
in the system's browser, offline."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from cdo_desktop import paths
from cdo_desktop.ui import dialogs

TITLE = "Руководство пользователя"


def open_guide(parent: QWidget | None) -> bool:
    """Open the guide's page; a Russian message (never a traceback) when it cannot be."""
    page = paths.guide_file()
    if page is None:
        dialogs.show_error(
            parent,
            TITLE,
            "Руководство пользователя не найдено среди файлов программы. "
            "Переустановите программу или откройте docs/руководство.md в её исходных файлах.",
        )
        return False
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(page))):
        dialogs.show_error(
            parent,
            TITLE,
            f"Не удалось открыть руководство: в системе нет программы для просмотра HTML. "
            f"Файл руководства: {page}",
        )
        return False
    return True
