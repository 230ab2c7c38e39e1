"""The first columns of a wide table kept in sight while the years scroll (Qt's frozen column).

A second table view, a child of the main one, lies over the main view's left edge and shows only
the frozen columns («№», «Наименование»). It shares the main view's model and selection model,
so the current cell and the selection are one; its rows follow the main view's vertical scroll
and row heights, its columns the main view's widths. The keyboard stays with the main view
(which moves across the boundary as usual and never leaves a cell hidden under the frozen part);
a frozen cell is edited in the frozen view, where it is seen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QFrame, QTableView, QWidget

from cdo_desktop.ui.two_row_header import TwoRowHeader

if TYPE_CHECKING:
    from cdo_desktop.ui.grid_view import GridView

EndEditHint = QAbstractItemDelegate.EndEditHint
BORDER_COLOR = QColor("#9e9e9e")


class FrozenColumnsView(QTableView):
    def __init__(self, main: GridView, count: int) -> None:
        super().__init__(main)
        self.main = main
        self.count = count
        self.setObjectName(f"{main.objectName()}_frozen")
        self.setHorizontalHeader(TwoRowHeader(self))
        # A delegate of its own: a delegate shared by two views makes each close the other's
        # editor (with a warning).
        self.delegate = type(main.delegate)(self)
        self.delegate.edit_refused.connect(main.report_refused)
        self.delegate.conflict_found.connect(
            main.resolve_conflict, Qt.ConnectionType.QueuedConnection
        )
        self.setItemDelegate(self.delegate)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays with the main view
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSelectionMode(main.selectionMode())
        self.setSelectionBehavior(main.selectionBehavior())
        self.setEditTriggers(main.editTriggers())
        self.setWordWrap(main.wordWrap())
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setDefaultSectionSize(main.verticalHeader().defaultSectionSize())
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.addActions(main.actions())
        # The main view has the focus: the frozen part shows the selection in the same colours.
        palette = self.palette()
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            palette.setColor(
                QPalette.ColorGroup.Inactive, role, palette.color(QPalette.ColorGroup.Active, role)
            )
        self.setPalette(palette)

        main.horizontalHeader().sectionResized.connect(self._column_resized)
        main.verticalHeader().sectionResized.connect(self._row_resized)
        main.horizontalHeader().geometriesChanged.connect(self.place)
        main.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(main.verticalScrollBar().setValue)
        self.follow_model()

    # ---------------------------------------------------------------- following the main view

    def follow_model(self) -> None:
        """Share the main view's model and selection (again after it got a new model)."""
        model = self.main.model()
        self.setModel(model)
        self.setSelectionModel(self.main.selectionModel())
        for signal in (model.modelReset, model.columnsInserted, model.columnsRemoved):
            signal.connect(self._model_reshaped)
        model.layoutChanged.connect(self._model_reshaped)
        self.copy_layout()

    def _model_reshaped(self, *_args: object) -> None:
        self.copy_layout()
        # Once more after the main view's own handlers (row heights fitted on the same signal).
        QTimer.singleShot(0, self, self.copy_layout)

    def copy_layout(self) -> None:
        """Columns, widths and row heights as the main view has them now."""
        model = self.model()
        if model is None:
            return
        for column in range(model.columnCount()):
            hidden = column >= self.count or self.main.isColumnHidden(column)
            self.setColumnHidden(column, hidden)
            if not hidden:
                self.setColumnWidth(column, self.main.columnWidth(column))
        for row in range(model.rowCount()):
            self.setRowHeight(row, self.main.rowHeight(row))
        self.verticalScrollBar().setValue(self.main.verticalScrollBar().value())
        self.place()

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if column < self.count:
            self.setColumnWidth(column, new)
            self.place()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        self.setRowHeight(row, new)

    def frozen_width(self) -> int:
        return sum(
            self.main.columnWidth(column)
            for column in range(min(self.count, self.main.model().columnCount()))
            if not self.main.isColumnHidden(column)
        )

    def place(self) -> None:
        """Over the main view's left edge: header and rows, down to the scroll bar."""
        main = self.main
        frame = main.frameWidth()
        left = frame + (main.verticalHeader().width() if main.verticalHeader().isVisible() else 0)
        header_height = main.horizontalHeader().height()
        self.horizontalHeader().setFixedHeight(header_height)
        self.setGeometry(
            left, frame, self.frozen_width() + 1, main.viewport().height() + header_height
        )

    def is_frozen(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return self.isVisible() and 0 <= index.column() < self.count

    # ---------------------------------------------------------------- editing and the mouse

    def edit_frozen(
        self,
        index: QModelIndex | QPersistentModelIndex,
        trigger: QAbstractItemView.EditTrigger,
        event: QEvent | None,
    ) -> bool:
        """Edit a frozen cell here, where it is seen (the main view's editor would be hidden)."""
        return self.edit(index, trigger, event)  # type: ignore[arg-type]

    def closeEditor(self, editor: QWidget, hint: EndEditHint) -> None:
        # Tab in the editor goes on in the main view, which has the keyboard.
        moves = hint in (EndEditHint.EditNextItem, EndEditHint.EditPreviousItem)
        super().closeEditor(editor, EndEditHint.NoHint if moves else hint)
        self.main.setFocus()
        if moves:
            self.main.edit_next(forward=hint == EndEditHint.EditNextItem)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.main.setFocus()
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        # A line where the scrolling part begins.
        painter = QPainter(self.viewport())
        painter.setPen(BORDER_COLOR)
        right = self.viewport().width() - 1
        rows = self.model().rowCount() if self.model() is not None else 0
        bottom = self.rowViewportPosition(rows - 1) + self.rowHeight(rows - 1) if rows else 0
        painter.drawLine(right, 0, right, min(bottom, self.viewport().height()))
        painter.end()
