"""«Производственный календарь»: the user's holidays and working days over the shipped calendar.

The edits are the database's (on a server, only cdo_admin may write them). Each is a core change
the store applies (old value checked, history written) and one step of the window's undo; «Как в
календаре» takes an edit back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cdo_desktop.core.changes import Change, ChangeConflict
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.monitoring_dates import day_text
from cdo_desktop.core.work_calendar import WorkCalendar, calendar_change, shipped_calendar
from cdo_desktop.storage.monitoring_store import calendar_edits, database_calendar
from cdo_desktop.storage.store import Store
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.change_command import push_changes

WEEKDAYS = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"]


class CalendarEdits(QObject):
    """What the calendar's undo steps change (ui/change_command.ChangeTarget): it lives as long
    as the tab, so an edit is undone after the dialog is closed; `changed` tells the tab."""

    changed = Signal()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store

    def change_store(self) -> Store:
        return self.store

    def reload(self) -> None:
        self.changed.emit()

    def reload_after(self, changes: Sequence[Change]) -> None:
        self.changed.emit()

    def resolve(self, conflict: ChangeConflict) -> bool:
        # Another copy edited the same day: its edit stays, the user is told.
        dialogs.show_error(None, "Календарь не изменён", str(conflict))
        return False

    def after_refusal(self) -> None:
        self.changed.emit()


class CalendarDialog(QDialog):
    def __init__(
        self,
        edits: CalendarEdits,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.target = edits
        self.store = edits.store
        self.undo_stack = undo_stack
        edits.changed.connect(self._refresh)
        self.setWindowTitle("Производственный календарь")
        years = sorted(shipped_calendar().years)
        about = QLabel(
            f"Выходные и праздничные дни РФ с переносами — за {years[0]}–{years[-1]} годы "
            "(постановления Правительства РФ о переносе выходных дней). Здесь можно сделать "
            "день праздничным или рабочим: правки хранятся в базе данных.",
            self,
        )
        about.setWordWrap(True)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd.MM.yyyy")
        self.day.setDate(QDate.currentDate())
        self.state = QLabel(self)
        self.day.dateChanged.connect(self.show_state)
        holiday = QPushButton("Сделать нерабочим", self)
        working = QPushButton("Сделать рабочим", self)
        restore = QPushButton("Как в календаре", self)
        holiday.clicked.connect(lambda: self.set_day(False))
        working.clicked.connect(lambda: self.set_day(True))
        restore.clicked.connect(lambda: self.set_day(None))
        for button in (holiday, working, restore):
            button.setAutoDefault(False)  # Enter in the date field must not change a day
        self.edits = QListWidget(self)
        self.edits.currentRowChanged.connect(self._edit_chosen)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText("Закрыть")
        line = QHBoxLayout()
        for widget in (self.day, holiday, working, restore):
            line.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(line)
        layout.addWidget(self.state)
        layout.addWidget(QLabel("Правки календаря:", self))
        layout.addWidget(self.edits)
        layout.addWidget(buttons)
        self.show_edits()
        self.show_state()

    def calendar(self) -> WorkCalendar:
        return database_calendar(self.store.database)

    def chosen(self) -> date:
        value = self.day.date()
        return date(value.year(), value.month(), value.day())

    def show_state(self) -> None:
        day = self.chosen()
        working = self.calendar().is_working(day)
        self.state.setText(
            f"{day_text(day)} ({WEEKDAYS[day.weekday()]}) — "
            f"{'рабочий день' if working else 'нерабочий день'}"
        )

    def show_edits(self) -> None:
        self.edits.clear()
        self._shown = calendar_edits(self.store.database)
        for edit in self._shown:
            word = "рабочий" if edit.working else "нерабочий"
            self.edits.addItem(f"{day_text(edit.day)} ({WEEKDAYS[edit.day.weekday()]}) — {word}")

    def _edit_chosen(self, row: int) -> None:
        if 0 <= row < len(self._shown):
            day = self._shown[row].day
            self.day.setDate(QDate(day.year, day.month, day.day))

    def _refresh(self) -> None:
        self.show_edits()
        self.show_state()

    def set_day(self, working: bool | None) -> None:
        day = self.chosen()
        stored = {edit.day: edit.working for edit in calendar_edits(self.store.database)}
        if stored.get(day) == working:
            return  # the day is so already: no undo step that changes nothing
        word = {True: "рабочий", False: "нерабочий", None: "как в календаре"}[working]
        change = calendar_change(day, stored.get(day), working)
        try:
            push_changes(
                self.target,
                self.undo_stack,
                [change],
                f"производственный календарь: {day_text(day)} — {word}",
            )
        except CdoError as error:
            dialogs.show_error(self, "Календарь не изменён", str(error))
        self._refresh()
