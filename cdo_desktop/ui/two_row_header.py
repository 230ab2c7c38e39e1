"""A header in two rows: a year spans its «план» and «факт», as in the passport tables."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget


class TwoRowHeader(QHeaderView):
    """Reads each section's title as "top\\nbottom": neighbours with the same top share one cell
    above their own bottoms; a title without a bottom fills both rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)

    def _parts(self, section: int) -> tuple[str, str | None]:
        model = self.model()
        if model is None:
            return "", None
        title = str(
            model.headerData(section, self.orientation(), Qt.ItemDataRole.DisplayRole) or ""
        )
        top, separator, bottom = title.partition("\n")
        return top, (bottom if separator else None)

    def _span(self, section: int) -> tuple[int, int]:
        """First and last section sharing this section's top row."""
        top, bottom = self._parts(section)
        first = last = section
        if bottom is None:
            return first, last
        while first > 0 and self._parts(first - 1)[0] == top and self._parts(first - 1)[1]:
            first -= 1
        count = self.count()
        while last < count - 1 and self._parts(last + 1)[0] == top and self._parts(last + 1)[1]:
            last += 1
        return first, last

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        line = self.fontMetrics().height()
        return QSize(hint.width(), max(hint.height(), 2 * line + 14))

    def sectionSizeFromContents(self, logical_index: int) -> QSize:
        size = super().sectionSizeFromContents(logical_index)
        return QSize(size.width(), 2 * self.fontMetrics().height() + 14)

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:
        if not rect.isValid():
            return
        top, bottom = self._parts(logical_index)
        if bottom is None:
            self._paint_cell(painter, rect, top, logical_index)
            return
        half = rect.height() // 2
        first, last = self._span(logical_index)
        left = self.sectionViewportPosition(first)
        right = self.sectionViewportPosition(last) + self.sectionSize(last)
        # Every section of the group paints the whole shared cell: whichever paints last, the
        # group looks the same.
        painter.save()
        painter.setClipRect(rect)
        self._paint_cell(painter, QRect(left, rect.top(), right - left, half), top, logical_index)
        painter.restore()
        self._paint_cell(
            painter,
            QRect(rect.left(), rect.top() + half, rect.width(), rect.height() - half),
            bottom,
            logical_index,
        )

    def _paint_cell(self, painter: QPainter, rect: QRect, text: str, logical_index: int) -> None:
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logical_index
        option.text = text
        option.textAlignment = Qt.AlignmentFlag.AlignCenter
        option.position = QStyleOptionHeader.SectionPosition.Middle
        selection = self.selectionModel()
        if selection is not None and self.highlightSections():
            if selection.isColumnSelected(logical_index, self.rootIndex()) or (
                selection.currentIndex().column() == logical_index
            ):
                option.state |= QStyle.StateFlag.State_On
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_HeaderSection, option, painter, self)
        painter.drawText(
            rect.adjusted(3, 1, -3, -1),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            text,
        )
        painter.restore()
