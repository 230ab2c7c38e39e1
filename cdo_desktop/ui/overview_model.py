"""The table of all projects: a model over core.overview's lines and columns, the bar of
achieved / not achieved / without a fact, and sorting that puts «–» last."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from cdo_desktop.core.overview import (
    NO_FACT,
    Column,
    ColumnKind,
    Overview,
    ProjectLine,
    StatusCounts,
    Value,
    format_value,
)
from cdo_desktop.core.words import counted
from cdo_desktop.reports.overview import BAR_COLORS as BAR_HEX
from cdo_desktop.reports.overview import BAR_TITLE

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
COUNTS_ROLE = Qt.ItemDataRole.UserRole + 2
CODE_ROLE = Qt.ItemDataRole.UserRole + 3

BAR_KEY = "bar"
# The bar printed by reports/overview.py, in its colours.
BAR_COLORS = tuple(QColor(colour) for colour in BAR_HEX)

Index = QModelIndex | QPersistentModelIndex


def _rows(counts: StatusCounts, one: str, few: str, many: str) -> str:
    return (
        f"{counted(counts.counted, one, few, many)}: достигнуто {counts.achieved}, "
        f"не достигнуто {counts.not_achieved}, без факта {counts.no_fact}"
        + (f", факт без плана {counts.no_plan}" if counts.no_plan else "")
    )


def counts_tooltip(line: ProjectLine) -> str:
    """Indicators and results apart, in words: what the bar and the counts add up."""
    if line.indicators is None or line.results is None:
        project = line.project
        return (
            f"{line.year} год не входит в годы проекта ({project.first_year}–{project.last_year})"
        )
    return (
        f"{line.year} год.\n{_rows(line.indicators, 'показатель', 'показателя', 'показателей')}"
        f"\n{_rows(line.results, 'результат', 'результата', 'результатов')}"
    )


class OverviewTableModel(QAbstractTableModel):
    """One row a project; the overview's columns with the bar after «Без факта»."""

    def __init__(self, overview: Overview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.overview = overview
        self._columns = self._layout(overview)

    @staticmethod
    def _layout(overview: Overview) -> list[Column | None]:
        """The columns in order; None is the bar."""
        columns: list[Column | None] = list(overview.columns)
        keys = [column.key for column in overview.columns]
        columns.insert(keys.index(NO_FACT) + 1 if NO_FACT in keys else len(columns), None)
        return columns

    def set_overview(self, overview: Overview) -> None:
        self.beginResetModel()
        self.overview = overview
        self._columns = self._layout(overview)
        self.endResetModel()

    def column_key(self, column: int) -> str:
        definition = self._columns[column]
        return BAR_KEY if definition is None else definition.key

    def column_of(self, key: str) -> int:
        return [self.column_key(number) for number in range(len(self._columns))].index(key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.overview.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        definition = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return BAR_TITLE if definition is None else header_text(definition.title)
        if role == Qt.ItemDataRole.ToolTipRole:
            if definition is None:
                return "Достигнуто, не достигнуто и без факта — доли строк года"
            return definition.tooltip or None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.overview.lines[index.row()]
        definition = self._columns[index.column()]
        if role == CODE_ROLE:
            return line.project.code
        if role == COUNTS_ROLE:
            return line.counts
        if definition is None:
            if role == Qt.ItemDataRole.ToolTipRole:
                return counts_tooltip(line)
            if role == SORT_ROLE:
                counts = line.counts
                return counts.achieved / counts.counted if counts and counts.counted else None
            return None
        value = definition.value(line)
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(value)
        if role == SORT_ROLE:
            return sort_key(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if definition.kind in (ColumnKind.COUNT, ColumnKind.MONEY):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if definition.kind is ColumnKind.COUNT:
                return counts_tooltip(line)
            text = format_value(value)
            return text if len(text) > 20 else None
        return None


def header_text(title: str) -> str:
    """A long title in lines no wider than its longest word («Контрольных / точек /
    просрочено»), so that the number columns are as narrow as their numbers and the table
    fits a 1280 px screen; a title of up to 10 letters stays on one line."""
    if len(title) <= 10 or " " not in title:
        return title
    # «тыс. руб.» is one unit: a no-break space keeps it on one line.
    words = title.replace("тыс. руб.", "тыс.\u00a0руб.").split(" ")
    width = max(len(word) for word in words)
    lines = [words[0]]
    for word in words[1:]:
        if len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def sort_key(value: Value) -> Any:
    """What a cell sorts by: numbers as numbers, text as a person reads it; None is «–»."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value.casefold()
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, date):
        return value.toordinal()
    if isinstance(value, Decimal):
        return float(value)
    return value


class OverviewSortModel(QSortFilterProxyModel):
    """Sorts by SORT_ROLE; «–» (no value) goes after every value, whichever the order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:
        first, second = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if first is None or second is None:
            # Ascending, None is greatest; descending Qt reverses it, so flip for «last».
            descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
            if first is None and second is None:
                return False
            return (first is None) == descending
        return bool(first < second)


class BarDelegate(QStyledItemDelegate):
    """Paints achieved, not achieved and without a fact side by side in the marks' colours."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        counts = index.data(COUNTS_ROLE)
        if not isinstance(counts, StatusCounts) or counts.counted == 0:
            return
        area: QRect = option.rect.adjusted(4, 5, -4, -5)
        left = area.left()
        parts = (counts.achieved, counts.not_achieved, counts.no_fact)
        painter.save()
        for number, colour in enumerate(BAR_COLORS):
            # Each part ends where the running share ends: the parts fill the bar exactly.
            share = sum(parts[: number + 1]) / counts.counted
            right = area.left() + round(area.width() * share)
            if right > left:
                painter.fillRect(QRect(left, area.top(), right - left, area.height()), colour)
            left = right
        painter.restore()
