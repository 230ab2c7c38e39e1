"""Which of a table's optional columns are shown: a «Столбцы…» menu, remembered between runs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu, QTableView

from cdo_desktop.ui.grid_model import EditableGridModel
from cdo_desktop.ui.settings import WindowSettings


class ColumnChoice:
    """The hideable columns of a table (the model names them) as check boxes in a menu.

    The menu opens from the table's header (right click) and from the tab's «Столбцы…» button.
    Hidden columns stay hidden when the table is read again or its years change; with
    `remember_in` the choice is kept in the window's settings under the table's name.
    """

    def __init__(self, view: QTableView, model: EditableGridModel, table: str) -> None:
        self.view = view
        self.model = model
        self.table = table
        self.hidden: set[str] = set()
        # Columns the user showed that the model hides by default (the 2025–2030 fields).
        self.shown: set[str] = set()
        self.settings: WindowSettings | None = None
        # Called after columns were hidden or shown (the name column takes the width freed).
        self.after_change: Callable[[], object] | None = None
        self.menu = QMenu("Столбцы…", view)
        self.menu.aboutToShow.connect(self._fill_menu)
        frozen = getattr(view, "frozen", None)  # the frozen part has a header of its own
        for header in [view.horizontalHeader()] + ([frozen.horizontalHeader()] if frozen else []):
            header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            header.customContextMenuRequested.connect(
                lambda position, header=header: self._menu_at(header.mapToGlobal(position))
            )
        # A reset (rows added, years changed) shows every column again: hide them once more.
        model.modelReset.connect(self.apply)
        model.columnsInserted.connect(self.apply)

    def has_choice(self) -> bool:
        return bool(self.model.hideable_columns())

    def remember_in(self, settings: WindowSettings) -> None:
        """Show the columns as last chosen, and keep every new choice."""
        self.settings = settings
        self.hidden = settings.hidden_columns(self.table)
        self.shown = settings.shown_columns(self.table)
        self.apply()

    def set_shown(self, key: str, shown: bool) -> None:
        if shown:
            self.hidden.discard(key)
            self.shown.add(key)
        else:
            self.hidden.add(key)
            self.shown.discard(key)
        self.apply()
        if self.settings is not None:
            self.settings.set_hidden_columns(self.table, self.hidden)
            self.settings.set_shown_columns(self.table, self.shown)

    def is_shown(self, key: str) -> bool:
        if key in self.hidden or key in self.shown:
            return key in self.shown
        return key not in self.model.columns_hidden_by_default()

    def apply(self, *_args: object) -> None:
        for column, key, _title in self.model.hideable_columns():
            self.view.setColumnHidden(column, not self.is_shown(key))
        if self.after_change is not None:
            self.after_change()

    def _fill_menu(self) -> None:
        self.menu.clear()
        for _column, key, title in self.model.hideable_columns():
            action = self.menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(self.is_shown(key))
            action.toggled.connect(lambda shown, key=key: self.set_shown(key, shown))

    def _menu_at(self, global_position: QPoint) -> None:
        if self.has_choice():
            self.menu.popup(global_position)
