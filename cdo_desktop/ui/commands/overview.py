"""«Все проекты» and «Печать сводки по всем проектам…»: the overview window, its document and
its workbook; a project double-clicked there opens in the main window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from cdo_desktop.core.errors import CdoError
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.commands import make_action
from cdo_desktop.ui.save_path import ask_save_path

if TYPE_CHECKING:
    from cdo_desktop.core.overview import Overview, OverviewSource
    from cdo_desktop.ui.main_window import MainWindow
    from cdo_desktop.ui.overview_print import OverviewPreviewDialog
    from cdo_desktop.ui.overview_window import OverviewWindow


class OverviewCommands(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.overview_window: OverviewWindow | None = None
        self._read_from: object = None  # the workspace the overview window reads
        self.overview_action = make_action(
            window, "Все проекты…", self.show_overview, "Ctrl+Shift+O", "view-list-details"
        )
        self.overview_action.setToolTip("Все проекты базы данных в одной таблице (Ctrl+Shift+O)")
        self.print_action = make_action(
            window, "Печать сводки по всем проектам…", lambda: self.print_overview()
        )

    def actions(self) -> list[QAction]:
        """For the «Файл» menu."""
        return [self.overview_action, self.print_action]

    def read(self, year: int | None) -> tuple[int, list[OverviewSource]]:
        from cdo_desktop.storage.overview_reading import read_overview_sources

        as_of = self.overview_window.as_of if self.overview_window is not None else None
        return read_overview_sources(self.window.workspace.store, year, as_of)

    def overview_of(self, year: int) -> Overview:
        from cdo_desktop.core.overview import build_overview

        chosen, sources = self.read(year)
        as_of = self.overview_window.as_of if self.overview_window is not None else None
        return build_overview(sources, chosen, as_of)

    def show_overview(self) -> OverviewWindow:
        """Show the window (made for the open database), read anew."""
        from cdo_desktop.ui.overview_window import OverviewWindow

        workspace = self.window.workspace
        shown = self.overview_window
        if shown is not None and self._read_from is not workspace:
            shown.close()
            shown.deleteLater()
            shown = None
        if shown is None:
            try:
                shown = OverviewWindow(self.read, self.window)
            except CdoError as error:
                dialogs.show_error(self.window, "Не удалось прочитать проекты", str(error))
                raise
            shown.project_chosen.connect(self.open_project)
            shown.print_requested.connect(self.print_overview)
            shown.export_requested.connect(self.export_overview)
            self.overview_window, self._read_from = shown, workspace
        else:
            shown.refresh()
        shown.show()
        shown.raise_()
        shown.activateWindow()
        return shown

    def open_project(self, code: str) -> None:
        window = self.window
        if code != window.open_code():
            window.open_project(code)
        window.raise_()
        window.activateWindow()

    def print_overview(self, year: int | None = None) -> OverviewPreviewDialog | None:
        from cdo_desktop.core.overview import overview_years
        from cdo_desktop.ui.overview_print import OverviewPreviewDialog

        chosen, sources = self.read(year)
        if not sources:
            dialogs.show_error(self.window, "Сводка по всем проектам", "в базе данных нет проектов")
            return None
        dialog = OverviewPreviewDialog(
            self.overview_of, overview_years(sources), chosen, self.window
        )
        self.preview = dialog  # for the tests: the preview shown last
        dialog.exec()
        dialog.deleteLater()
        return dialog

    def export_overview(self, year: int, path: str | Path | None = None) -> Path | None:
        from cdo_desktop.core.overview import overview_title
        from cdo_desktop.exchange.overview_excel import write_overview_workbook

        overview = self.overview_of(year)
        parent = self.overview_window or self.window
        if path is None:
            path = ask_save_path(
                parent,
                "Сводка по всем проектам в Excel",
                Path.home() / f"{overview_title(year)}.xlsx",
                ".xlsx",
                "Книга Excel (*.xlsx)",
            )
            if path is None:
                return None
        try:
            write_overview_workbook(overview, path)
        except CdoError as error:
            dialogs.show_error(parent, "Не удалось записать файл", str(error))
            return None
        return Path(path)
