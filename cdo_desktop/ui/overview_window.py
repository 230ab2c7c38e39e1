"""«Все проекты»: every project of the database in one sortable table for a chosen year;
a double click opens the project in the main window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import cast

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cdo_desktop.core.overview import (
    CODE,
    NAME,
    ColumnKind,
    Overview,
    OverviewSource,
    as_of_text,
    build_overview,
    overview_years,
)
from cdo_desktop.core.words import counted
from cdo_desktop.ui.overview_model import (
    BAR_KEY,
    CODE_ROLE,
    BarDelegate,
    OverviewSortModel,
    OverviewTableModel,
)
from cdo_desktop.ui.screen_fit import fit_to_screen

# Reads every project for a year (None: the default year): the year and the sources.
ReadSources = Callable[[int | None], tuple[int, list[OverviewSource]]]


class OverviewWindow(QWidget):
    """A window of its own beside the main one, so both can be looked at; made once, shown
    again (and read anew) by «Все проекты»."""

    project_chosen = Signal(str)  # a project's code, double-clicked
    print_requested = Signal(int)  # the year shown, for «Печать…»
    export_requested = Signal(int)

    def __init__(
        self, read: ReadSources, parent: QWidget | None = None, *, as_of: date | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("overview_window")
        self.setWindowTitle("Все проекты")
        self._read = read
        self.as_of = as_of or date.today()
        year, sources = read(None)
        self.model = OverviewTableModel(build_overview(sources, year, self.as_of), self)
        self._init_widgets()
        self._fill_years(sources, year)
        self._connect_signals()
        self._update_caption()
        fit_to_screen(self, *self._wanted_size())

    @property
    def overview(self) -> Overview:
        return self.model.overview

    def _init_widgets(self) -> None:
        self.year_box = QComboBox(self)
        self.year_box.setObjectName("overview_year")
        self.caption = QLabel(self)
        self.print_button = QPushButton("Печать…", self)
        self.export_button = QPushButton("В Excel…", self)
        self.refresh_button = QPushButton("Обновить", self)
        self.refresh_button.setToolTip("Прочитать базу данных заново (F5)")
        top = QHBoxLayout()
        top.addWidget(QLabel("Год:", self))
        top.addWidget(self.year_box)
        top.addWidget(self.caption, 1)
        for button in (self.refresh_button, self.export_button, self.print_button):
            top.addWidget(button)
        self.proxy = OverviewSortModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setObjectName("overview_table")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(self.model.column_of(CODE), Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.setToolTip("Двойной щелчок — открыть проект")
        self.bar_delegate = BarDelegate(self.view)
        self._size_columns()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)

    def _size_columns(self) -> None:
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(90)
        header.setStretchLastSection(False)
        # Widths from the header and the first rows: the rest are of the same kind of text.
        header.setResizeContentsPrecision(20)
        bar = self.model.column_of(BAR_KEY)
        self.view.setItemDelegateForColumn(bar, self.bar_delegate)
        self.view.resizeColumnsToContents()
        # Names and people are long: a readable width, the rest in the tooltip.
        for key, width in ((NAME, 230), ("region", 130), ("curator", 120), ("leader", 120)):
            if key in [column.key for column in self.model.overview.columns]:
                column = self.model.column_of(key)
                self.view.setColumnWidth(column, min(self.view.columnWidth(column), width))
        self.view.setColumnWidth(bar, 90)
        # Number columns as wide as their header's longest line and their numbers, without
        # the room Qt keeps in every header for a sort arrow: the money then fits on screen.
        metrics = header.fontMetrics()
        for definition in self.model.overview.columns:
            if definition.kind in (ColumnKind.COUNT, ColumnKind.MONEY):
                number = self.model.column_of(definition.key)
                title = str(self.model.headerData(number, Qt.Orientation.Horizontal))
                needed = max(metrics.horizontalAdvance(part) for part in title.split("\n"))
                content = self.view.sizeHintForColumn(number)
                self.view.setColumnWidth(number, max(needed + 14, content))

    def _wanted_size(self) -> tuple[int, int]:
        """Wide enough for every column and tall enough for every project where the screen
        allows (a 1920 px screen shows the whole table), at least 1240 × 640."""
        header = self.view.horizontalHeader()
        scroll_bar = self.view.verticalScrollBar().sizeHint().width()
        margins = self.contentsMargins() + cast(QLayout, self.layout()).contentsMargins()
        room = margins.left() + margins.right() + 2 * self.view.frameWidth() + scroll_bar
        rows = self.view.verticalHeader().length() + header.sizeHint().height()
        top = self.year_box.sizeHint().height() + margins.top() + margins.bottom() + 40
        return max(1240, header.length() + room), max(640, rows + top)

    def _fill_years(self, sources: list[OverviewSource], year: int) -> None:
        self.year_box.blockSignals(True)
        self.year_box.clear()
        years = overview_years(sources) or [year]
        if year not in years:
            years = sorted({*years, year})
        for each in years:
            self.year_box.addItem(str(each), each)
        self.year_box.setCurrentIndex(years.index(year))
        self.year_box.blockSignals(False)

    def _connect_signals(self) -> None:
        self.year_box.currentIndexChanged.connect(lambda _index: self.refresh())
        self.view.doubleClicked.connect(self._open)
        self.refresh_button.clicked.connect(self.refresh)
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.year))
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.year))

    @property
    def year(self) -> int:
        return int(self.year_box.currentData())

    def set_year(self, year: int) -> None:
        self.year_box.setCurrentIndex(self.year_box.findData(year))

    def refresh(self) -> None:
        """Read every project anew for the chosen year; the sort order is kept."""
        year, sources = self._read(self.year)
        self.model.set_overview(build_overview(sources, year, self.as_of))
        self._fill_years(sources, year)
        self._update_caption()

    def _update_caption(self) -> None:
        overview = self.overview
        outside = len(overview.lines) - len(overview.in_year())
        text = (
            f"{counted(len(overview.lines), 'проект', 'проекта', 'проектов')}, "
            f"{as_of_text(overview.as_of)}"
        )
        if outside:
            text += (
                f"; {overview.year} год не входит в годы "
                f"{counted(outside, 'проекта', 'проектов', 'проектов')} (показан «–»)"
            )
        self.caption.setText(text)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.project_chosen.emit(str(index.data(CODE_ROLE)))
