"""The «Мониторинг» table: every indicator and result at one reporting date — the year's plan,
the fact as of the date, the forecast, % of plan, status, reason and document — editable like
the other tables (typed, pasted, cleared; one undo step each; the store's history)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QUndoStack

from cdo_desktop.core.changes import Change, SetValue, Where
from cdo_desktop.core.history import ROW_SECTIONS, Section
from cdo_desktop.core.model import PERIODICITY_WORDS, Periodicity, PlanFactRow, Project, RowKind
from cdo_desktop.core.monitoring_dates import as_of_words, day_text
from cdo_desktop.core.monitoring_due import row_owes
from cdo_desktop.core.monitoring_status import MonitoringStanding, MonitoringStatus, standing
from cdo_desktop.core.numbers import format_percent
from cdo_desktop.core.status import Status
from cdo_desktop.core.work_calendar import WorkCalendar
from cdo_desktop.storage.editing import ProjectEditor
from cdo_desktop.ui.grid_model import CellChange, CellError, CellKind, Index
from cdo_desktop.ui.item_list_model import ItemListModel
from cdo_desktop.ui.plan_fact_model import STATUS_COLORS

NUMBER, NAME, PERIODICITY, PLAN, FACT, FORECAST, PERCENT, STATUS, REASON, DOCUMENT, ANNUAL = range(
    11
)
TITLES = [
    "№",
    "Наименование",
    "Периодичность",
    "План на год",
    "Факт на дату",
    "Прогноз на конец года",
    "% плана",
    "Статус",
    "Причины отклонения",
    "Документ",
    "Годовой факт",
]
FIELD_OF = {
    PERIODICITY: "periodicity",
    FACT: "fact",
    FORECAST: "forecast",
    REASON: "reason",
    DOCUMENT: "document",
}
KIND_MARK = {RowKind.INDICATOR: "П", RowKind.RESULT: "Р"}
_WORD_TO_PERIODICITY = {word: token for token, word in PERIODICITY_WORDS.items()}
_WORD_TO_PERIODICITY.update({token.value: token for token in Periodicity})

# The annual table's colours: achieved green, risk red, missing amber.
MONITORING_COLORS = {
    MonitoringStatus.ACHIEVED: STATUS_COLORS[Status.ACHIEVED],
    MonitoringStatus.FORECAST_ACHIEVED: STATUS_COLORS[Status.ACHIEVED],
    MonitoringStatus.AT_RISK: STATUS_COLORS[Status.NOT_ACHIEVED],
    MonitoringStatus.NOT_ENTERED: STATUS_COLORS[Status.NO_FACT],
}
OVERDUE_TEXT = QColor("#990000")


def due_look(role: int, due: date, overdue: bool, missing: bool) -> Any:
    """How both monitoring tables paint a value owed by `due`: red and bold when overdue; the
    tooltip tells the date and whether the value is in, due or overdue."""
    if role == Qt.ItemDataRole.ForegroundRole and overdue:
        return QBrush(OVERDUE_TEXT)
    if role == Qt.ItemDataRole.FontRole and overdue:
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.ToolTipRole:
        state = "просрочено" if overdue else "к сдаче" if missing else "сдано"
        return f"Срок сдачи — {day_text(due)}: {state}"
    return None


class MonitoringTableModel(ItemListModel):
    """Indicators, then results, of one project at `as_of`."""

    titles = TITLES
    column_keys = range(len(TITLES))
    fallback_column = NAME
    numbered_rows = True

    def __init__(
        self,
        project: Project,
        as_of: date,
        editor: ProjectEditor,
        undo_stack: QUndoStack,
        calendar: WorkCalendar,
        today: date | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__([], editor, undo_stack, parent)
        self.project = project
        self.as_of = as_of
        self.calendar = calendar
        self.today = today or date.today()
        self.items = self._rows()
        # Per row at this date: (standing, missing, overdue); every cell's paint asks for it.
        self._figures: dict[int, tuple[MonitoringStanding, bool, bool]] = {}
        self._due_date: date | None = None
        self.modelReset.connect(self._forget)
        self.dataChanged.connect(self._forget)

    @property
    def rows(self) -> list[tuple[RowKind, PlanFactRow]]:
        """(kind, row) of each row shown: indicators, then results."""
        return self.items

    def item_key(self, item: tuple[RowKind, PlanFactRow]) -> tuple[str, int | None]:
        kind, row = item
        return kind.value, row.id

    def _rows(self) -> list[tuple[RowKind, PlanFactRow]]:
        return [(kind, row) for kind in RowKind for row in self.project.rows(kind)]

    def set_as_of(self, as_of: date) -> None:
        """Another reporting date: the same rows, other values (no store read)."""
        self.as_of = as_of
        self._forget()
        self.show_rows_changed()

    def _forget(self, *_args: object) -> None:
        self._figures.clear()
        self._due_date = None

    def figures(self, position: int) -> tuple[MonitoringStanding, bool, bool]:
        """(standing, missing, overdue) of a row at this date, worked out once."""
        found = self._figures.get(position)
        if found is None:
            row = self.rows[position][1]
            owed = row_owes(row, self.as_of) and self.as_of < self.today
            entry = row.monitoring.get(self.as_of)
            missing = owed and (entry is None or entry.fact is None)
            stand = standing(row, self.as_of, due=missing)
            found = (stand, missing, missing and self.due_date() < self.today)
            self._figures[position] = found
        return found

    # ---------------------------------------------------------------- due and overdue

    def due_date(self) -> date:
        if self._due_date is None:
            self._due_date = self.calendar.working_day_after(self.as_of, self.project.due_workday)
        return self._due_date

    def owed(self, position: int) -> bool:
        """The row owes a fact at this date and its period has ended."""
        return row_owes(self.rows[position][1], self.as_of) and self.as_of < self.today

    def missing(self, position: int) -> bool:
        return self.figures(position)[1]

    def overdue(self, position: int) -> bool:
        return self.figures(position)[2]

    def counts(self) -> tuple[int, int, int]:
        """(owed, missing, overdue) at this date."""
        owed = sum(self.owed(p) for p in range(len(self.rows)))
        missing = sum(self.missing(p) for p in range(len(self.rows)))
        overdue = missing if missing and self.due_date() < self.today else 0
        return owed, missing, overdue

    # ---------------------------------------------------------------- shape

    def column_title(self, column: int) -> str:
        if column == ANNUAL:
            return f"Годовой факт {self.as_of.year}"
        return super().column_title(column)

    # ---------------------------------------------------------------- cells

    def cell_kind(self, index: Index) -> CellKind:
        column = index.column()
        if column in (FACT, FORECAST):
            return CellKind.NUMBER
        if column in (PERIODICITY, REASON, DOCUMENT):
            return CellKind.OPTIONAL_TEXT
        return CellKind.READ_ONLY

    def cell_value(self, index: Index) -> Any:
        kind, row = self.rows[index.row()]
        column = index.column()
        stand = self.figures(index.row())[0]
        if column == NUMBER:
            return f"{KIND_MARK[kind]} {row.number}"
        if column == NAME:
            return f"{row.name}, {row.unit}" if row.unit else row.name
        if column == PERIODICITY:
            return PERIODICITY_WORDS[row.periodicity]
        if column == PLAN:
            return stand.plan
        if column == FACT:
            return stand.entry.fact
        if column == FORECAST:
            return stand.entry.forecast
        if column == PERCENT:
            return format_percent(stand.percent) if stand.percent is not None else "–"
        if column == STATUS:
            return stand.words
        if column == REASON:
            return stand.entry.reason
        if column == DOCUMENT:
            return stand.entry.document
        return row.value(self.as_of.year).fact

    def parse(self, index: Index, text: str) -> Any:
        if index.column() == PERIODICITY:
            token = _WORD_TO_PERIODICITY.get(text.strip().casefold())
            if token is None:
                raise CellError(
                    f"{self.cell_name(index)}: «{text.strip()}» — ожидалось «месяц», «квартал» "
                    "или «год»"
                )
            return PERIODICITY_WORDS[token]
        return super().parse(index, text)

    def cell_name(self, index: Index) -> str:
        kind, row = self.rows[index.row()]
        title = "показатель" if kind is RowKind.INDICATOR else "результат"
        return f"{title} № {row.number}, {as_of_words(self.as_of)}, «{TITLES[index.column()]}»"

    def index_of_where(self, where: Where) -> QModelIndex:
        kind = next(k for k, section in ROW_SECTIONS.items() if section is where.section)
        column = next((c for c, f in FIELD_OF.items() if f == where.field), self.fallback_column)
        return self.index_of_key(((kind.value, where.item), column))

    def cell_changes(self, cells: list[CellChange]) -> list[Change]:
        changes: list[Change] = []
        for cell in cells:
            row_key, column = cell.key
            kind_value, row_id = cast("tuple[str, int]", row_key)
            section = ROW_SECTIONS[RowKind(kind_value)]
            field = FIELD_OF[int(column)]  # type: ignore[call-overload]
            if field == "periodicity":
                old = _WORD_TO_PERIODICITY[str(cell.old)].value
                new = _WORD_TO_PERIODICITY[str(cell.new)].value
                where = Where(self.editor.project_id, section, row_id, field)
            else:
                old, new = cell.old, cell.new
                if field in ("reason", "document"):
                    old, new = old or "", new or ""
                where = Where(self.editor.project_id, section, row_id, field, as_of=self.as_of)
            changes.append(SetValue(where, old, new))
        return changes

    def reload(self) -> None:
        store = self.editor.store
        fresh = store.load(self.editor.project_id, with_tables=False)
        self.project.due_workday = fresh.due_workday
        for kind in RowKind:
            self.project.rows(kind)[:] = store.load_rows(self.editor.project_id, kind)
        self.replace_items(self._rows())

    def reload_after(self, changes: Sequence[Change]) -> None:
        """The rows a change touched read again; anything else reads all again."""
        wanted = {(c.where.section, c.where.item) for c in changes}
        found: dict[tuple[object, object], int] = {
            (ROW_SECTIONS[kind], row.id): position for position, (kind, row) in enumerate(self.rows)
        }
        if not all(isinstance(c, SetValue) for c in changes) or not wanted <= found.keys():
            self.reload()
            return
        for key in wanted:
            position = found[key]
            kind, old = self.rows[position]
            fresh = self.editor.store.read_row(int(key[1]))  # type: ignore[arg-type]
            held = self.project.rows(kind)
            held[held.index(old)] = fresh
            self.rows[position] = (kind, fresh)
            self.dataChanged.emit(self.index(position, 0), self.index(position, len(TITLES) - 1))
        self.after_write()

    def history_key(self, index: Index) -> tuple[Any, str, int | None, str] | None:
        return None  # monitoring values are found in «История изменений» by their date

    # ---------------------------------------------------------------- painting

    def role_data(self, index: Index, role: int) -> Any:
        column, position = index.column(), index.row()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (PLAN, FACT, FORECAST, PERCENT, ANNUAL):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if column not in (FACT, STATUS):
            if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
                return self.display_text(index)
            return None
        stand = self.figures(position)[0]
        if role == Qt.ItemDataRole.BackgroundRole:
            color = MONITORING_COLORS.get(stand.status)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and not self.owed(position):
            return None
        return due_look(role, self.due_date(), self.overdue(position), self.missing(position))

    def set_due_workday(self, workday: int) -> bool:
        """The project's due working day (one undo step, like a cell)."""
        old = self.project.due_workday
        if workday == old:
            return False
        where = Where(self.editor.project_id, Section.PASSPORT, field="due_workday")
        # Through the table's writer: on a lost server connection it is told and offered again.
        return self.write_rows([SetValue(where, old, workday)], "изменение срока отчёта")
