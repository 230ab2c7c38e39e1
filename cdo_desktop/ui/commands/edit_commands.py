"""«Правка»: undo and redo, the clipboard, rows of the current table, the history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtGui import QAction, QIcon, QKeySequence

from cdo_desktop.ui.commands import make_action

if TYPE_CHECKING:
    from cdo_desktop.ui.grid_view import GridView
    from cdo_desktop.ui.main_window import MainWindow
    from cdo_desktop.ui.table_panel import TablePanel


class EditCommands(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        key = QKeySequence.StandardKey
        # The open project's history: each project keeps its own (ui/project_pages.py).
        self.undo_action = window.pages.group.createUndoAction(window, "Отменить")
        self.undo_action.setShortcut(key.Undo)
        self.undo_action.setIcon(QIcon.fromTheme("edit-undo"))
        self.redo_action = window.pages.group.createRedoAction(window, "Повторить")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.redo_action.setIcon(QIcon.fromTheme("edit-redo"))
        # The table keeps Ctrl+C / Ctrl+V while it has the focus (see GridView.event).
        self.copy_action = make_action(window, "Копировать", self.copy, key.Copy, "edit-copy")
        self.paste_action = make_action(window, "Вставить", self.paste, key.Paste, "edit-paste")
        self.clear_action = make_action(
            window, "Очистить ячейки\tDel", self.clear, icon="edit-clear"
        )
        self.history_action = make_action(window, "История изменений…", self.show_history, "Ctrl+H")
        self.passport_action = make_action(window, "Паспорт 2025–2030…", self.show_passport_2025)
        self.row_actions = [
            make_action(window, text, lambda _=False, name=name: self._panel_do(name))
            for text, name in (
                ("Добавить строку\tCtrl+Shift+=", "add_action"),
                ("Удалить строку…\tCtrl+-", "delete_action"),
                ("Строку выше\tCtrl+Shift+Up", "up_action"),
                ("Строку ниже\tCtrl+Shift+Down", "down_action"),
            )
        ]

    def menu_groups(self) -> list[list[QAction]]:
        """The «Правка» menu, group by group (separators between)."""
        return [
            [self.undo_action, self.redo_action],
            [self.copy_action, self.paste_action, self.clear_action],
            [self.history_action],
            self.row_actions,
            [self.passport_action],
        ]

    # ---------------------------------------------------------------- the current table

    def _current_panel(self) -> TablePanel | None:
        tabs = self.window.tabs
        return tabs.current_table_panel() if tabs is not None else None

    def _current_view(self) -> GridView | None:
        panel = self._current_panel()
        return panel.view if panel is not None else None

    def copy(self) -> None:
        view = self._current_view()
        if view is not None:
            view.copy_selection()

    def paste(self) -> None:
        view = self._current_view()
        if view is not None:
            view.paste()

    def clear(self) -> None:
        view = self._current_view()
        if view is not None:
            view.clear_selection_values()

    def _panel_do(self, action_name: str) -> None:
        panel = self._current_panel()
        if panel is not None:
            getattr(panel, action_name).trigger()

    # ---------------------------------------------------------------- the 2025–2030 passport

    def show_passport_2025(self) -> None:
        from cdo_desktop.ui.passport_2025_dialog import Passport2025Dialog

        window, tabs = self.window, self.window.tabs
        if tabs is None:
            window.statusBar().showMessage("Откройте проект.", 5000)
            return
        store = window.workspace.store

        def refresh() -> None:
            tabs.refresh(store.load(tabs.project_id))

        Passport2025Dialog(store, tabs.project_id, window.undo_stack, window, refresh).exec()

    # ---------------------------------------------------------------- history

    def show_history(self) -> None:
        from cdo_desktop.ui.history_dialog import HistoryDialog

        window = self.window
        HistoryDialog(window.workspace, window.open_code(), parent=window).exec()

    def show_cell_history(self, panel: TablePanel, index: QModelIndex) -> None:
        from cdo_desktop.ui.history_dialog import HistoryDialog

        window = self.window
        key = panel.model.history_key(index)
        code = window.open_code()
        if key is None or code is None:
            window.statusBar().showMessage("У этой ячейки нет своей истории.", 5000)
            return
        HistoryDialog(window.workspace, code, cell=key, parent=window).exec()
