"""«Производственный календарь»: the user's holidays and working days over the shipped calendar.

The edits are the database's (on a server, only cdo_admin may write them); each is written at
once, and «Как в календаре» takes one back.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
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

from cdo_desktop.core.monitoring_dates import day_text
from cdo_desktop.core.work_calendar import WorkCalendar, shipped_calendar
from cdo_desktop.storage.integrity import as_told
from cdo_desktop.storage.monitoring_store import calendar_edits, set_calendar_day
from cdo_desktop.storage.store import Store
from cdo_desktop.ui import dialogs

WEEKDAYS = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"]


class CalendarDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
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
        return WorkCalendar.with_edits(calendar_edits(self.store.database))

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

    def set_day(self, working: bool | None) -> None:
        try:
            set_calendar_day(self.store.database, self.chosen(), working)
        except Exception as error:
            told = as_told(error, Path(str(self.store.database.database)))
            if told is None and not self.store.on_server:
                raise
            text = (
                str(told)
                if told is not None
                else "на сервере производственный календарь изменяет администратор (cdo_admin)"
            )
            dialogs.show_error(self, "Календарь не изменён", text)
            return
        self.show_edits()
        self.show_state()
