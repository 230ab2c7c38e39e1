"""A tab around one editable table: row tools above, an optional chart, messages below."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence, QShowEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QToolBar, QVBoxLayout, QWidget

from cdo_desktop.core.words import counted
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.column_choice import ColumnChoice
from cdo_desktop.ui.column_fit import ColumnFit
from cdo_desktop.ui.grid_model import EditableGridModel, YearGridModel
from cdo_desktop.ui.grid_view import GridView
from cdo_desktop.ui.message_line import MessageLine
from cdo_desktop.ui.unsaved_edit import push_keeping

if TYPE_CHECKING:
    from cdo_desktop.charts.plan_fact_chart import PlanFactChart
    from cdo_desktop.core.changes import Change

FROZEN_COLUMNS = 2  # «№ п/п» and «Наименование» (in every table with years)
NAME_COLUMN = 1  # it takes the width the other columns leave


class ChartSlot(QWidget):
    """Where a tab's chart goes: the chart (and pyqtgraph with it) is made when first seen.

    Importing pyqtgraph costs more than starting Qt itself, and most projects are opened on
    the passport; the panel asks for a redraw whenever its data changes, and the slot draws
    only what is on screen (or when someone asks for `chart`).
    """

    def __init__(
        self, draw: Callable[[PlanFactChart], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._draw = draw
        self._chart: PlanFactChart | None = None
        self._stale = True
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setMinimumSize(240, 180)  # the chart's own minimum: the splitter keeps its place

    @property
    def chart(self) -> PlanFactChart:
        """The chart, made now if it was not yet, showing the panel's current data."""
        if self._chart is None:
            from cdo_desktop.charts.plan_fact_chart import PlanFactChart

            self._chart = PlanFactChart(self)
            self._layout.addWidget(self._chart)
            self._chart.show()  # now, not on the layout's next turn of the event loop
        if self._stale:
            self._stale = False
            self._draw(self._chart)
        return self._chart

    def refresh(self) -> None:
        """The data changed: draw now if the chart is on screen, else when it is next seen."""
        self._stale = True
        if self._chart is not None and self.isVisible():
            _ = self.chart

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._chart is None or self._stale:
            # The tab (its table) appears first; the chart is drawn on the next turn of the
            # event loop, so switching tabs never waits for it.
            QTimer.singleShot(0, self._draw_if_seen)

    def _draw_if_seen(self) -> None:
        if self.isVisible():
            _ = self.chart


class TablePanel(QWidget):
    """Subclasses say what a new item is and how items map to visible rows."""

    def __init__(
        self,
        model: EditableGridModel,
        name: str,
        item_word: str,
        hint: str = "",
        side: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.view = GridView(self)
        self.view.setObjectName(f"{name}_table")
        self.view.setModel(model)
        self.view.verticalHeader().hide()  # «№ п/п» numbers the rows
        if isinstance(model, YearGridModel):
            # Years scroll; «№» and «Наименование» stay, so one sees which row one edits.
            self.view.freeze_columns(FROZEN_COLUMNS)
            self.column_fit: ColumnFit | None = ColumnFit(self.view, NAME_COLUMN, self.fit_rows)
        else:
            self.column_fit = None
        self.messages = MessageLine(self)
        self.view.input_refused.connect(self.messages.show_message)
        # Any write that went through (here or in another tab) or an undo: the message is old.
        model.cells_written.connect(self.messages.clear_message)
        model.undo_stack.indexChanged.connect(self.messages.clear_message)
        # A row the server did not take (a lost connection): told, and offered «Повторить».
        model.row_writer = self.write_rows

        self.add_action = self._action(
            "list-add", f"Добавить {item_word}", "Ctrl+Shift+=", self.add_item
        )
        self.delete_action = self._action(
            "list-remove", "Удалить строку…", "Ctrl+-", self.delete_items
        )
        self.up_action = self._action("go-up", "Выше", "Ctrl+Shift+Up", lambda: self.move(-1))
        self.down_action = self._action("go-down", "Ниже", "Ctrl+Shift+Down", lambda: self.move(1))
        tools = QToolBar(self)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tools.addActions([self.add_action, self.delete_action, self.up_action, self.down_action])
        self.column_choice = ColumnChoice(self.view, model, name)
        if self.column_fit is not None:
            self.column_choice.after_change = self.column_fit.fit_stretch
        if self.column_choice.has_choice():
            columns = tools.addAction("Столбцы…")
            columns.setToolTip("Какие из необязательных столбцов показывать")
            columns.triggered.connect(lambda: self._show_column_menu(tools, columns))
        if hint:
            label = QLabel(hint, self)
            label.setStyleSheet("color: #595959; padding-left: 12px;")
            tools.addWidget(label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(tools)
        self.splitter: QSplitter | None = None
        if side is None:
            layout.addWidget(self.view, 1)
        else:
            # The chart goes under the table: a table of twelve years needs all the width.
            self.splitter = QSplitter(Qt.Orientation.Vertical, self)
            self.splitter.setObjectName(f"{name}_splitter")
            self.splitter.addWidget(self.view)
            self.splitter.addWidget(side)
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
            self.splitter.setSizes([600, 400])
            self.splitter.setChildrenCollapsible(False)
            layout.addWidget(self.splitter, 1)
        layout.addWidget(self.messages)

    def set_column_widths(self, widths: Mapping[int, int], *, stretch_last: bool = False) -> None:
        """Starting widths the user may drag; `stretch_last`: the last column to the edge."""
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(stretch_last)
        for column, width in widths.items():
            self.view.setColumnWidth(column, width)

    def _show_column_menu(self, tools: QToolBar, action: QAction) -> None:
        button = tools.widgetForAction(action)
        corner = button.geometry().bottomLeft() if button is not None else tools.rect().bottomLeft()
        self.column_choice.menu.popup(tools.mapToGlobal(corner))

    def _action(self, icon: str, text: str, shortcut: str, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(QIcon.fromTheme(icon), text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # ---------------------------------------------------------------- what subclasses provide

    def new_item(self) -> object:
        raise NotImplementedError

    def item_position(self, row: int) -> int:
        """The item shown on a visible row (-1 for none); rows and items match by default."""
        return row if 0 <= row < self.model.item_count() else -1

    def item_row(self, position: int) -> int:
        return position

    def item_title(self, position: int) -> str:
        raise NotImplementedError

    def first_editable_column(self) -> int:
        return 1

    def fit_rows(self) -> None:
        """Row heights after the name column's width changed (tables with wrapped names)."""

    # ---------------------------------------------------------------- row tools

    def current_item(self) -> int:
        return self.item_position(self.view.currentIndex().row())

    def add_item(self) -> None:
        current = self.current_item()
        position = current + 1 if current >= 0 else self.model.item_count()
        item = self.new_item()
        if not self.model.add_item(position, item, "добавление строки"):
            return  # not written (told): no row of someone else's to type into
        index = self.select_row(self.item_row(position), self.first_editable_column())
        self.view.edit(index)

    def delete_items(self) -> None:
        rows = {index.row() for index in self.view.selectedIndexes()}
        rows.add(self.view.currentIndex().row())
        positions = sorted({p for p in map(self.item_position, rows) if p >= 0})
        if not positions:
            return
        titles = "\n".join(self.item_title(p) for p in positions[:5])
        more = f"\n… и ещё {len(positions) - 5}" if len(positions) > 5 else ""
        if not dialogs.confirm(
            self,
            "Удаление строк",
            f"Удалить {counted(len(positions), 'строку', 'строки', 'строк')}?\n\n{titles}{more}\n\n"
            "Удаление можно отменить (Ctrl+Z).",
        ):
            return
        if not self.model.delete_items(positions):
            return
        if self.model.item_count():
            self.select_row(
                self.item_row(min(positions[0], self.model.item_count() - 1)),
                self.first_editable_column(),
            )

    def move(self, delta: int) -> None:  # type: ignore[override]  # a row's move, not QWidget's
        position = self.current_item()
        column = max(self.view.currentIndex().column(), 0)
        if self.model.move_item(position, delta):
            self.select_row(self.item_row(position + delta), column)

    def write_rows(self, changes: list[Change], text: str) -> bool:
        """Rows added, removed or moved (and a line's budget sources): when the server does not
        take them the user may write them again; given up, nothing is written."""
        return push_keeping(self, self.model, self.model.undo_stack, changes, text)

    def select_row(self, row: int, column: int):  # type: ignore[no-untyped-def]
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        self.view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        return index
