"""Columns as wide as what they show, header included; the name column takes the rest.

Numbers are never cut («729 538,» was once all a total showed of itself); the name column
stretches to the width left over (at least NAME_MINIMUM, beyond which the table scrolls and
the name wraps, the whole name in its tooltip). Short texts (a unit, a source) are fitted too,
up to TEXT_MAXIMUM, and wrap beyond it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle, QTableView

from cdo_desktop.ui.grid_model import CellKind, EditableGridModel
from cdo_desktop.ui.plan_fact_model import STATUS_ROLE

NAME_MINIMUM = 300
TEXT_MAXIMUM = 220
CELL_PADDING = 18  # the cell's margins and a little air
MARK_ROOM = 16  # the status mark («✓») painted at the left of a fact
HEADER_PADDING = 14
SHORT_TITLE = 6
CANDIDATES = 3  # the longest texts measured of a column: a proportional font may reorder them


class ColumnFit(QObject):
    """Keeps the column widths of one table fitted; `after` refits the row heights."""

    def __init__(
        self, view: QTableView, stretch_column: int, after: Callable[[], object] | None = None
    ) -> None:
        super().__init__(view)
        self.view = view
        self.stretch_column = stretch_column
        self.after = after
        self._fitting = False
        self._shown = False
        view.installEventFilter(self)
        model = view.model()
        model.modelReset.connect(self.fit_all)
        model.columnsInserted.connect(self.fit_all)
        model.rowsInserted.connect(self.fit_all)
        model.dataChanged.connect(self._data_changed)

    def model(self) -> EditableGridModel:
        model = self.view.model()
        assert isinstance(model, EditableGridModel)
        return model

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Show and not self._shown:
            # The first time only: widths a user set by hand stay when the tab comes back.
            self._shown = True
            self.fit_all()
        elif watched is self.view and event.type() == QEvent.Type.Resize:
            self.fit_stretch()
        return False

    # ---------------------------------------------------------------- widths

    def fit_all(self, *_args: object) -> None:
        """Every column to its contents and header, then the name to the rest."""
        model = self.model()
        rows = range(model.rowCount())
        for column in range(model.columnCount()):
            if column != self.stretch_column:
                self.view.setColumnWidth(column, self.needed_width(column, rows))
        self.fit_stretch()

    def fit_stretch(self) -> None:
        if self._fitting:
            return
        self._fitting = True
        try:
            view = self.view
            model = self.model()
            others = sum(
                view.columnWidth(column)
                for column in range(model.columnCount())
                if column != self.stretch_column and not view.isColumnHidden(column)
            )
            # The scroll bar's room is kept whether it shows or not: a name that grows until
            # the bar goes, and shrinks when it comes back, would never settle.
            bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
            header = view.verticalHeader().width() if view.verticalHeader().isVisible() else 0
            room = view.width() - 2 * view.frameWidth() - bar - header - others
            width = max(NAME_MINIMUM, room)
            if width != view.columnWidth(self.stretch_column):
                view.setColumnWidth(self.stretch_column, width)
                if self.after is not None:
                    self.after()
        finally:
            self._fitting = False

    def needed_width(self, column: int, rows: Iterable[int]) -> int:
        model = self.model()
        metrics = self.view.fontMetrics()
        header = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        # A title may wrap at its spaces: its longest word or line is what must fit (a short
        # one, «№ п/п», stays whole).
        words = header.split("\n") if len(header) <= SHORT_TITLE else header.split() or [""]
        header_width = max(metrics.horizontalAdvance(word) for word in words) + HEADER_PADDING
        if not model.rowCount():
            return header_width
        kind = model.cell_kind(model.index(0, column))
        if kind is CellKind.FLAG:
            return header_width
        texts = [(str(model.data(model.index(row, column)) or ""), row) for row in rows]
        longest = sorted(texts, key=lambda text_row: len(text_row[0]), reverse=True)[:CANDIDATES]
        content = max((self.text_width(text, column, row) for text, row in longest), default=0)
        if kind is CellKind.CHOICE:
            content += self.view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        content += CELL_PADDING
        if model.index(0, column).data(STATUS_ROLE) is not None:
            content += MARK_ROOM
        if kind in (CellKind.TEXT, CellKind.OPTIONAL_TEXT):
            content = min(content, TEXT_MAXIMUM)
        return max(header_width, content)

    def text_width(self, text: str, column: int, row: int) -> int:
        """As the cell paints it: a total is in bold, and bold is wider."""
        font = self.model().data(self.model().index(row, column), Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font) if isinstance(font, QFont) else self.view.fontMetrics()
        return metrics.horizontalAdvance(text)

    def _data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, *_args: object
    ) -> None:
        """A value grew wider than its column: the column grows (it never jumps narrower)."""
        rows = range(top_left.row(), bottom_right.row() + 1)
        grown = False
        for column in range(top_left.column(), bottom_right.column() + 1):
            if column == self.stretch_column:
                continue
            needed = self.needed_width(column, rows)
            if needed > self.view.columnWidth(column):
                self.view.setColumnWidth(column, needed)
                grown = True
        if grown:
            self.fit_stretch()
