"""The «Мониторинг» tab: a reporting date chosen above the table of every indicator and result
at that date, the row's chart through the year below, what is due and overdue counted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cdo_desktop.core.model import Project
from cdo_desktop.core.monitoring_dates import as_of_words, day_text, year_month_ends
from cdo_desktop.core.work_calendar import WorkCalendar, missing_notice
from cdo_desktop.storage.editing import ProjectEditor
from cdo_desktop.ui.execution_model import ExecutionTableModel
from cdo_desktop.ui.execution_panel import ExecutionPanel
from cdo_desktop.ui.monitoring_model import (
    ANNUAL,
    DOCUMENT,
    FACT,
    FORECAST,
    NAME,
    NUMBER,
    PERCENT,
    PERIODICITY,
    PLAN,
    REASON,
    STATUS,
    MonitoringTableModel,
)
from cdo_desktop.ui.table_panel import TablePanel

if TYPE_CHECKING:
    from cdo_desktop.charts.monitoring_chart import MonitoringChart
    from cdo_desktop.ui.monitoring_calendar_dialog import CalendarEdits


def default_as_of(project: Project, today: date) -> date:
    """The last reporting date before today within the project's years (else its first)."""
    dates = year_month_ends(project.years)
    past = [day for day in dates if day < today]
    return past[-1] if past else dates[0]


class ChartHolder(QWidget):
    """Where the chart goes: made (and pyqtgraph imported) when first seen."""

    def __init__(self, draw: Callable[[MonitoringChart], None]) -> None:
        super().__init__()  # the panel's splitter takes it
        self.draw = draw
        self._chart: MonitoringChart | None = None
        self._pending = False
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)
        self.setMinimumSize(240, 180)

    @property
    def chart(self) -> MonitoringChart:
        if self._chart is None:
            from cdo_desktop.charts.monitoring_chart import MonitoringChart

            self._chart = MonitoringChart(self)
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self._chart)
        return self._chart

    def refresh(self) -> None:
        """Draw on the event loop's next turn, once however many changes asked for it: the
        table follows a new date at once, the chart just after."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._draw_now)

    def _draw_now(self) -> None:
        self._pending = False
        if self.isVisible():
            self.draw(self.chart)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()


class MonitoringPanel(TablePanel):
    model: MonitoringTableModel

    def __init__(
        self,
        project: Project,
        editor: ProjectEditor,
        undo_stack: QUndoStack,
        calendar: WorkCalendar,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.today = today or date.today()
        self.project = project
        self.chart_holder = ChartHolder(self.draw_chart)
        self._calendar_edits: CalendarEdits | None = None
        model = MonitoringTableModel(
            project, default_as_of(project, self.today), editor, undo_stack, calendar, self.today
        )
        self.execution = ExecutionPanel(
            ExecutionTableModel(
                project, model.as_of, editor, undo_stack, self._due_date, self.today
            )
        )
        # The chart and the cash execution share the space under the rows: the tab fits 1280×720.
        self.below = QTabWidget()
        self.below.setObjectName("monitoring_below")
        self.below.addTab(self.chart_holder, "График")
        self.below.addTab(self.execution, "Кассовое исполнение")
        super().__init__(
            model,
            "monitoring",
            "строку",
            hint="Значения мониторинга на отчётную дату; график — для выбранной строки.",
            side=self.below,
            parent=parent,
        )
        for action in (self.add_action, self.delete_action, self.up_action, self.down_action):
            action.setVisible(False)  # rows are added in «Показатели» and «Результаты»
            action.setEnabled(False)
        self.date_box = QComboBox(self)
        self.date_box.setObjectName("monitoring_date")
        self.date_box.setMaxVisibleItems(24)
        self.calendar_button = QPushButton("Календарь…", self)
        self.calendar_button.setToolTip("Производственный календарь: праздничные и рабочие дни")
        self.calendar_button.clicked.connect(self.edit_calendar)
        self.preview_button = QPushButton("Отчёт…", self)
        self.preview_button.setToolTip(
            "Отчёт о ходе реализации на отчётную дату: просмотр и печать"
        )
        self.preview_button.clicked.connect(self.preview_report)
        self.save_button = QPushButton("Сохранить отчёт…", self)
        self.save_button.setToolTip("Отчёт на отчётную дату в PDF или Excel")
        self.save_button.clicked.connect(self.save_report)
        self.export_button = QPushButton("В Excel…", self)
        self.export_button.setToolTip(
            "Таблица мониторинга на отчётную дату: книга, которую можно "
            "заполнить и загрузить обратно («Импорт из Excel»)"
        )
        self.export_button.clicked.connect(self.export_table)
        self.workday = QSpinBox(self)
        self.workday.setObjectName("monitoring_due_workday")
        self.workday.setRange(1, 30)
        self.workday.setPrefix("срок: ")
        self.workday.setSuffix("-й раб. день")
        self.workday.setToolTip("Значения сдаются к этому рабочему дню после окончания периода")
        self.workday.setValue(project.due_workday)
        self.workday.editingFinished.connect(self._workday_typed)
        self.counts = QLabel(self)
        self.counts.setObjectName("monitoring_counts")
        # The counts give way on a narrow screen (the status bar repeats them whole).
        self.counts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.notice = QLabel(self)
        self.notice.setStyleSheet("color: #7f6000;")
        bar = QWidget(self)
        row = QHBoxLayout(bar)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(QLabel("Отчётная дата:", bar))
        row.addWidget(self.date_box)
        row.addWidget(self.workday)
        row.addWidget(self.counts, 1)
        row.addWidget(self.notice)
        row.addWidget(self.export_button)
        row.addWidget(self.preview_button)
        row.addWidget(self.save_button)
        row.addWidget(self.calendar_button)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, bar)
        self.fill_dates()
        self.date_box.currentIndexChanged.connect(self._date_chosen)
        self.size_columns()
        self.view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        model.cells_written.connect(self._after_write)
        model.modelReset.connect(self._after_write)
        # A change made elsewhere found by the execution table: the window reloads, as for rows.
        self.execution.model.stale_data_found.connect(model.stale_data_found)
        self.execution.model.cells_written.connect(self.show_counts)
        if model.rowCount():
            self.view.setCurrentIndex(model.index(0, FACT))
        self.show_counts()

    # ---------------------------------------------------------------- the reporting date

    def fill_dates(self) -> None:
        self.date_box.blockSignals(True)
        self.date_box.clear()
        for day in year_month_ends(self.project.years):
            # ISO text as the item's data: a date would come back from Qt as a QDate.
            self.date_box.addItem(f"{as_of_words(day)} ({day_text(day)})", day.isoformat())
        found = self.date_box.findData(self.model.as_of.isoformat())
        self.date_box.setCurrentIndex(max(found, 0))
        self.date_box.blockSignals(False)

    def set_as_of(self, as_of: date) -> None:
        found = self.date_box.findData(as_of.isoformat())
        if found >= 0:
            self.date_box.setCurrentIndex(found)

    def _date_chosen(self, position: int) -> None:
        data = self.date_box.itemData(position)
        if isinstance(data, str):
            self.model.set_as_of(date.fromisoformat(data))
            self.execution.model.set_as_of(self.model.as_of)
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, ANNUAL, ANNUAL)
            self.show_counts()
            self.chart_holder.refresh()

    def _due_date(self, as_of: date) -> date:
        return self.model.calendar.working_day_after(as_of, self.project.due_workday)

    def show_counts(self) -> None:
        # Cash execution owed at this date counts like a row's fact.
        owed, missing, overdue = (
            rows + sources
            for rows, sources in zip(
                self.model.counts(), self.execution.model.counts(), strict=True
            )
        )
        due = day_text(self.model.due_date())
        if not owed:
            text = f"Значений не положено (срок {due})"
        else:
            text = f"Положено: {owed} · не внесено: {missing} · просрочено: {overdue} (срок {due})"
        # Short enough for the toolbar at 1280 pixels; the whole sentence in the tooltip.
        self.counts.setText(text)
        self.counts.setToolTip(f"Мониторинг {as_of_words(self.model.as_of)}: {text}")
        unloaded = self.model.calendar.missing_years([self.model.due_date()])
        self.notice.setText("; ".join(missing_notice(unloaded)))
        window = self.window()
        if isinstance(window, QMainWindow) and self.isVisible():
            window.statusBar().showMessage(f"Мониторинг {as_of_words(self.model.as_of)}: {text}")

    def preview_report(self) -> None:
        from cdo_desktop.ui.monitoring_report_dialog import preview_report

        preview_report(self, self.project, self.model.as_of)

    def save_report(self, path: str | None = None) -> object:
        from cdo_desktop.ui.monitoring_report_dialog import save_report

        return save_report(self, self.project, self.model.as_of, path=path)

    def export_table(self, path: str | None = None) -> object:
        from cdo_desktop.ui.monitoring_report_dialog import export_table

        return export_table(self, self.project, self.model.as_of, path=path)

    def edit_calendar(self) -> None:
        from cdo_desktop.ui.monitoring_calendar_dialog import CalendarDialog, CalendarEdits

        if self._calendar_edits is None:  # the undo steps outlive the dialog: so does this
            self._calendar_edits = CalendarEdits(self.model.editor.store, self)
            self._calendar_edits.changed.connect(self.calendar_changed)
        dialog = CalendarDialog(self._calendar_edits, self.model.undo_stack, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def calendar_changed(self) -> None:
        """An edit of the calendar made or undone: due dates counted again."""
        from cdo_desktop.storage.monitoring_store import database_calendar

        self.model.calendar = database_calendar(self.model.editor.store.database)
        self.model.show_rows_changed()
        self.execution.model.show_rows_changed()
        self.show_counts()

    # ---------------------------------------------------------------- table and chart

    def size_columns(self) -> None:
        metrics = self.view.fontMetrics()
        widths = {
            NUMBER: metrics.horizontalAdvance("Р 10.10") + 16,
            NAME: 320,
            PERIODICITY: metrics.horizontalAdvance("Периодичность") + 16,
            PLAN: 90,
            FACT: 90,
            FORECAST: 100,
            PERCENT: 70,
            STATUS: metrics.horizontalAdvance("прогноз: будет достигнуто") + 16,
            REASON: 220,
            DOCUMENT: 140,
            ANNUAL: 110,
        }
        self.set_column_widths(widths)

    def first_editable_column(self) -> int:
        return FACT

    def item_title(self, position: int) -> str:
        return self.model.rows[position][1].name

    def new_item(self) -> object:
        raise NotImplementedError("rows are added in their own tabs")

    def draw_chart(self, chart: MonitoringChart) -> None:
        position = self.view.currentIndex().row()
        row = self.model.rows[position][1] if 0 <= position < self.model.rowCount() else None
        chart.show_row(row, self.model.as_of)

    def _current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.chart_holder.refresh()

    def _workday_typed(self) -> None:
        self.model.set_due_workday(self.workday.value())

    def _after_write(self) -> None:
        self.workday.blockSignals(True)
        self.workday.setValue(self.project.due_workday)
        self.workday.blockSignals(False)
        self.show_counts()
        self.chart_holder.refresh()


def monitoring_panel(
    project: Project, editor: ProjectEditor, undo_stack: QUndoStack, parent: QWidget
) -> MonitoringPanel:
    """The tab's panel over the project's rows, with the database's calendar edits."""
    from cdo_desktop.storage.monitoring_store import database_calendar

    calendar = database_calendar(editor.store.database)
    return MonitoringPanel(project, editor, undo_stack, calendar, parent=parent)
