"""The table view of an editable grid: keyboard, Excel clipboard, refused input told in place."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QGuiApplication, QKeyEvent, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from cdo_desktop.core.changes import Missing
from cdo_desktop.core.numbers import format_number
from cdo_desktop.core.status import MARKS, Status
from cdo_desktop.core.words import counted
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.change_command import ask_whose_values
from cdo_desktop.ui.frozen_columns import FrozenColumnsView
from cdo_desktop.ui.grid_model import CellKind, ConflictError, EditableGridModel, UnsavedEdit
from cdo_desktop.ui.plan_fact_model import STATUS_ROLE
from cdo_desktop.ui.several_choice import SeveralChoice
from cdo_desktop.ui.two_row_header import TwoRowHeader
from cdo_desktop.ui.unsaved_edit import offer_retry

MARK_COLORS = {
    "✓": QColor("#38761d"),
    "✗": QColor("#cc0000"),
    "…": QColor("#7f6000"),
    "?": QColor("#595959"),
}


class GridDelegate(QStyledItemDelegate):
    """Paints a fact's status mark at the left of the cell; hands refused input to the view."""

    edit_refused = Signal(QModelIndex, str)
    conflict_found = Signal(object)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        status = index.data(STATUS_ROLE)
        mark = MARKS[Status(status)] if status else ""
        if mark:
            painter.save()
            painter.setPen(MARK_COLORS.get(mark, QColor("black")))
            rect: QRect = option.rect.adjusted(4, 0, 0, 0)
            painter.drawText(
                rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), mark
            )
            painter.restore()

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        # A check box the model refused (a breakdown with values): said like refused typing.
        if isinstance(model, EditableGridModel):
            model.last_error = ""
        handled = super().editorEvent(event, model, option, index)
        refused = getattr(model, "last_error", "")
        if refused and event.type() == QEvent.Type.MouseButtonRelease:
            self.edit_refused.emit(QModelIndex(index), refused)  # type: ignore[arg-type]
        return handled

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        model = index.model()
        if isinstance(model, EditableGridModel) and model.cell_kind(index) is CellKind.CHOICE:
            choice = QComboBox(parent)
            choice.addItems(list(model.cell_choices(index)))
            return choice
        if isinstance(model, EditableGridModel) and model.cell_takes_several(index):
            return SeveralChoice(model.cell_suggestions(index), parent)
        if isinstance(model, EditableGridModel) and model.cell_suggestions(index):
            offered = QComboBox(parent)
            offered.setEditable(True)  # a word from the list, or any text
            offered.addItems(model.cell_suggestions(index))
            return offered
        editor = QLineEdit(parent)
        editor.setFrame(False)
        alignment = index.data(Qt.ItemDataRole.TextAlignmentRole)
        if alignment is not None:
            editor.setAlignment(Qt.AlignmentFlag(int(alignment)))
        return editor

    def updateEditorGeometry(
        self,
        editor: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect: QRect = option.rect
        if isinstance(editor, QComboBox) and rect.height() > editor.sizeHint().height():
            # A combo box as tall as a row of wrapped names looks like something else.
            height = editor.sizeHint().height()
            rect = QRect(rect.left(), rect.center().y() - height // 2, rect.width(), height)
        editor.setGeometry(rect)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        elif isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            line = editor.lineEdit()
            if line is not None:
                line.selectAll()  # typing replaces the value, as in a line edit
            if isinstance(editor, SeveralChoice):
                editor.remember_text()

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QLineEdit | QComboBox)
        text = editor.currentText() if isinstance(editor, QComboBox) else editor.text()
        if not model.setData(index, text, Qt.ItemDataRole.EditRole):
            conflict = getattr(model, "last_conflict", None)
            if conflict is not None:
                self.conflict_found.emit(conflict)
                return
            message = getattr(model, "last_error", "") or "значение не принято"
            self.edit_refused.emit(QModelIndex(index), message)  # type: ignore[arg-type]


class ChoiceDelegate(GridDelegate):
    """A cell edited by choosing a word; `editable` lets another text be typed (a person, a
    role). Refused or conflicting input goes to the view as in any cell."""

    def __init__(self, choices: Callable[[], list[str]], editable: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.choices = choices
        self.editable = editable

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QComboBox(parent)
        editor.setEditable(self.editable)
        editor.addItems(self.choices())
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data() or ""))


class GridView(QTableView):
    """A QTableView that behaves like a spreadsheet for officials used to Excel.

    Arrows, Tab and Enter move; F2, a double click or typing starts editing; Delete clears the
    selected numbers; Ctrl+C / Ctrl+V exchange blocks with Excel. Refused input is reported by
    `input_refused` (the panel shows it) and the cell is left as it was.
    """

    input_refused = Signal(str)
    cell_history_requested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen: FrozenColumnsView | None = None
        self.setHorizontalHeader(TwoRowHeader(self))
        self.delegate = GridDelegate(self)
        self.delegate.edit_refused.connect(self.report_refused)
        self.delegate.conflict_found.connect(
            self.resolve_conflict, Qt.ConnectionType.QueuedConnection
        )
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(True)
        self.setAlternatingRowColors(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        for text, slot in (
            ("Копировать", self.copy_selection),
            ("Вставить", self.paste),
            ("Очистить ячейки", self.clear_selection_values),
        ):
            action = QAction(text, self)
            action.triggered.connect(slot)
            self.addAction(action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def grid_model(self) -> EditableGridModel:
        model = self.model()
        assert isinstance(model, EditableGridModel)
        return model

    # ---------------------------------------------------------------- frozen columns

    def freeze_columns(self, count: int) -> None:
        """Keep the first `count` columns in sight while the others scroll."""
        self.frozen = FrozenColumnsView(self, count)
        self.frozen.show()
        self.frozen.place()

    def is_frozen(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return self.frozen is not None and self.frozen.is_frozen(index)

    def edit(  # type: ignore[override]
        self,
        index: QModelIndex | QPersistentModelIndex,
        trigger: QAbstractItemView.EditTrigger | None = None,
        event: QEvent | None = None,
    ) -> bool:
        if trigger is None:  # the public edit(index): Qt calls back with a trigger
            super().edit(index)
            return self.state() == QAbstractItemView.State.EditingState
        if self.frozen is not None and self.is_frozen(index):
            return self.frozen.edit_frozen(index, trigger, event)
        return super().edit(index, trigger, event)  # type: ignore[arg-type]

    def edit_next(self, forward: bool) -> None:
        """Tab or Shift+Tab in an editor: the next cell is edited, as Qt does in one view."""
        action = (
            QAbstractItemView.CursorAction.MoveNext
            if forward
            else QAbstractItemView.CursorAction.MovePrevious
        )
        index = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if index.isValid():
            self.setCurrentIndex(index)
            if self.model().flags(index) & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)

    def state(self) -> QAbstractItemView.State:
        # A frozen cell being edited is this table being edited (Python callers ask this).
        if self.frozen is not None and self.frozen.state() == QAbstractItemView.State.EditingState:
            return QAbstractItemView.State.EditingState
        return super().state()

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        if self.frozen is None or not self.frozen.isVisible():
            super().scrollTo(index, hint)
            return
        bar = self.horizontalScrollBar()
        if self.is_frozen(index):
            # Always in sight: only the rows scroll.
            keep = bar.value()
            super().scrollTo(index, hint)
            bar.setValue(keep)
            return
        super().scrollTo(index, hint)
        hidden_under = self.frozen.frozen_width() - self.visualRect(index).left()
        if hidden_under > 0:
            bar.setValue(bar.value() - hidden_under)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.frozen is not None:
            self.frozen.place()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if self.frozen is not None:
            self.frozen.place()

    # ---------------------------------------------------------------- keyboard

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_selection_values()
            return
        if not editing and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # As in Excel: Enter goes down a row (Shift+Enter goes up).
            step = -1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1
            current = self.currentIndex()
            target = self.model().index(current.row() + step, current.column())
            if target.isValid():
                self.setCurrentIndex(target)
            return
        if not editing and key == Qt.Key.Key_Space and self.currentIndex().isValid():
            index = self.currentIndex()
            if self.model().flags(index) & Qt.ItemFlag.ItemIsUserCheckable:
                checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
                toggled = self.model().setData(
                    index,
                    (Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked).value,
                    Qt.ItemDataRole.CheckStateRole,
                )
                refused = "" if toggled else str(getattr(self.model(), "last_error", ""))
                if refused:
                    self.report_refused(index, refused)
                return
        super().keyPressEvent(event)

    # ---------------------------------------------------------------- clipboard and clearing

    def _request_cell_history(self) -> None:
        if self.currentIndex().isValid():
            self.cell_history_requested.emit(self.currentIndex())

    def selected_indexes_sorted(self) -> list[QModelIndex]:
        return sorted(self.selectedIndexes(), key=lambda index: (index.row(), index.column()))

    def copy_selection(self) -> None:
        text = self.grid_model().copy_text(self.selected_indexes_sorted())
        if text:
            QGuiApplication.clipboard().setText(text)

    def paste(self) -> None:
        selection = self.selected_indexes_sorted()
        top_left = selection[0] if selection else self.currentIndex()
        if not top_left.isValid():
            return
        model = self.grid_model()
        text = QGuiApplication.clipboard().text()
        missing = model.rows_missing_for_paste(top_left, text)
        add_rows = False
        if missing and model.can_add_rows() and not model.paste_too_wide(top_left, text):
            rows = counted(missing, "строку", "строки", "строк")
            if not dialogs.confirm(
                self, "Вставка", f"Вставляемый блок длиннее таблицы. Добавить {rows}?"
            ):
                self.report_refused(
                    top_left, f"Вставка отменена: чтобы блок поместился, нужно добавить {rows}."
                )
                return
            add_rows = True
        try:
            pasted = model.paste_text(top_left, text, add_rows)
        except ConflictError as conflict:
            self.resolve_conflict(conflict)
            return
        if not pasted:
            self.report_refused(top_left, f"Вставка отменена. {model.last_error}")

    def clear_selection_values(self) -> None:
        try:
            self.grid_model().clear(self.selected_indexes_sorted())
        except ConflictError as conflict:
            self.resolve_conflict(conflict)

    def resolve_conflict(self, conflict: ConflictError) -> None:
        """Someone else changed these cells since they were shown: the user decides."""
        model = self.grid_model()
        if isinstance(conflict, UnsavedEdit):  # the server did not take them: write again?
            offer_retry(self, model, conflict)
            return
        if self.ours_over_theirs(conflict):
            model.overwrite(conflict)
        else:
            model.stale_data_found.emit()

    def ours_over_theirs(self, conflict: ConflictError) -> bool:
        """Ask whose values to keep; True: write ours over theirs."""
        model = self.grid_model()
        if any(isinstance(stored, Missing) for _, _, stored in conflict.cells):
            dialogs.show_info(
                self,
                "Данные изменены другим пользователем",
                "Строку удалили в другой копии программы: записать значения некуда. "
                "Показаны данные, какие они сейчас.",
            )
            return False
        lines = [
            f"• {model.cell_name(index)}: было {_shown(shown)}, сейчас {_shown(stored)}"
            for index, shown, stored in conflict.cells[:6]
        ]
        if len(conflict.cells) > 6:
            lines.append(f"… и ещё {len(conflict.cells) - 6}")
        return ask_whose_values(
            self,
            "Пока вы редактировали, эти значения изменили в другой копии программы:\n\n"
            + "\n".join(lines),
        )

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if self.frozen is not None and model is not None:
            self.frozen.follow_model()
        if isinstance(model, EditableGridModel):
            # An undo or redo that meets others' changes asks here too.
            model.conflict_resolver = self.ours_over_theirs

    def report_refused(self, index: QModelIndex, message: str) -> None:
        """Say it where the cell is (a tooltip) and to the panel (a message line)."""
        text = message[0].upper() + message[1:] if message else message
        if index.isValid():
            # A frozen cell is where the frozen part shows it, whatever the scrolling.
            shown_in: QTableView = self
            if self.frozen is not None and self.frozen.is_frozen(index):
                shown_in = self.frozen
            rect = shown_in.visualRect(index)
            QToolTip.showText(
                shown_in.viewport().mapToGlobal(rect.bottomLeft()), text, shown_in, rect, 5000
            )
        self.input_refused.emit(text)


def _shown(value: object) -> str:
    if isinstance(value, Missing):
        return "строка удалена"
    if isinstance(value, Decimal) or value is None:
        return format_number(value)
    if isinstance(value, bool):
        return "да" if value else "нет"
    return f"«{value}»"
