"""«Файл»: projects, databases, backups, Excel, the printed summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog

from cdo_desktop.core.history import NEW_PROJECT_SOURCE
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.commands import make_action
from cdo_desktop.ui.project_tabs import PASSPORT
from cdo_desktop.ui.written_notice import WrittenNotice

if TYPE_CHECKING:
    from cdo_desktop.ui.main_window import MainWindow


class FileCommands(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        key = QKeySequence.StandardKey
        self.new_project_action = make_action(
            window, "Новый проект…", self.new_project, key.New, "document-new"
        )
        self.open_database_action = make_action(
            window, "Открыть базу…", self.open_database, key.Open, "document-open"
        )
        self.delete_project_action = make_action(window, "Удалить проект…", self.delete_project)
        self.backups_action = make_action(window, "Резервные копии…", self.show_backups)
        self.import_action = make_action(
            window, "Импорт из Excel…", self.import_excel, "Ctrl+I", "document-import"
        )
        self.export_action = make_action(
            window, "Экспорт в Excel…", self.export_excel, "Ctrl+E", "document-export"
        )
        self.print_action = make_action(
            window, "Печать сводки…", self.print_summary, key.Print, "document-print"
        )
        self.pdf_action = make_action(
            window, "Сохранить сводку в PDF…", self.save_summary_pdf, "Ctrl+Shift+P"
        )
        self.quit_action = make_action(window, "Выход", window.close, key.Quit, "application-exit")
        # What an export or a PDF wrote, with «Открыть файл» and «Открыть папку».
        self.written_notice = WrittenNotice(window.statusBar())

    def menu_groups(self) -> list[list[QAction]]:
        """The «Файл» menu, group by group (separators between)."""
        return [
            [
                self.new_project_action,
                self.open_database_action,
                self.delete_project_action,
                self.backups_action,
            ],
            [self.import_action, self.export_action],
            [self.print_action, self.pdf_action],
            self.window.overview_commands.actions(),
            [self.quit_action],
        ]

    def project_opened(self, is_open: bool) -> None:
        """What needs a project is enabled only while one is open."""
        for action in (
            self.delete_project_action,
            self.export_action,
            self.print_action,
            self.pdf_action,
        ):
            action.setEnabled(is_open)

    # ---------------------------------------------------------------- projects and databases

    def new_project(self) -> None:
        from cdo_desktop.ui.new_project_dialog import NewProjectDialog

        window = self.window
        codes = {summary.code for summary in window.workspace.store.summaries()}
        dialog = NewProjectDialog(codes, window)
        if dialog.exec():
            project = dialog.project()
            window.workspace.store.replace([project], source=NEW_PROJECT_SOURCE)
            window.reload_projects(prefer=project.code)
            window.show_tab(PASSPORT)

    def open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            "Открыть базу данных",
            str(self.window.workspace.path.parent),
            "База данных cdo_desktop (*.sqlite *.db);;Все файлы (*)",
        )
        if path:
            self.window.switch_database(Path(path))

    def show_backups(self) -> None:
        from cdo_desktop.ui.backups_dialog import BackupsDialog

        window = self.window
        if window.workspace.store.on_server:
            from cdo_desktop.ui.commands.server import show_server_backups

            show_server_backups(window)
            return
        dialog = BackupsDialog(window.workspace, window)
        dialog.exec()
        if dialog.restored:
            window.pages.drop_all()  # the restored file has other rows: no step applies
            window.reload_projects(prefer=window.open_code())

    def delete_project(self) -> None:
        window = self.window
        if window.tabs is None:
            return
        project = window.tabs.project
        if not dialogs.confirm(
            window,
            "Удаление проекта",
            f"Удалить проект {project.code} «{project.name}» со всеми показателями, результатами, "
            "финансированием и ответственными?\n\nЭто действие нельзя отменить.",
        ):
            return
        project_id = window.stored_id()
        if project_id is not None:
            window.workspace.store.delete(project_id)
            window.reload_projects()

    # ---------------------------------------------------------------- Excel

    def import_excel(self) -> None:
        from cdo_desktop.ui import excel_dialogs

        window = self.window
        store = window.workspace.store
        project_id = window.stored_id()
        before = {summary.code for summary in store.summaries()}
        if excel_dialogs.import_from_excel(window, window.workspace, project_id):
            # A workbook of another project creates it: show that one, else stay where we were.
            added = sorted({summary.code for summary in store.summaries()} - before)
            window.reload_projects(prefer=added[0] if added else window.open_code())

    def export_excel(self) -> None:
        window = self.window
        project = window.stored_project()
        if project is None or not window.view_commands.confirm_despite_problems(
            "выгрузить в Excel", project
        ):
            return
        from cdo_desktop.ui import excel_dialogs

        self.written_notice.show_written(
            excel_dialogs.export_to_excel(window, window.workspace, project.id)
        )

    # ---------------------------------------------------------------- the summary

    def print_summary(self) -> None:
        """The preview of what the database holds now (not what some tab last showed)."""
        project = self.window.stored_project()
        if project is not None and self.window.view_commands.confirm_despite_problems(
            "печатать сводку", project
        ):
            from cdo_desktop.ui import summary_dialog

            self.written_notice.show_written(
                summary_dialog.open_summary_preview(self.window, project)
            )

    def save_summary_pdf(self) -> None:
        project = self.window.stored_project()
        if project is not None and self.window.view_commands.confirm_despite_problems(
            "сохранить сводку", project
        ):
            from cdo_desktop.ui import summary_dialog

            written = summary_dialog.save_summary_pdf(self.window, project)
            self.written_notice.show_written([written] if written is not None else [])
