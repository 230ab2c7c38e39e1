"""The project's risks as a table: closed sets shown and typed as their Russian words."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QUndoStack

from cdo_desktop.core.changes import AddItem, Change, MoveItem, RemoveItem, SetValue, Where
from cdo_desktop.core.diff_points import field_value
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import LEVEL_WORDS, RISK_STATUS_WORDS, Level, Risk, RiskStatus, RowKind
from cdo_desktop.storage.points_reading import read_risks
from cdo_desktop.ui.grid_model import (
    CellChange,
    CellError,
    CellKey,
    CellKind,
    EditableGridModel,
    Index,
)

COLUMNS = [
    ("number", "№"),
    ("description", "Риск"),
    ("target_kind", "Угроза для"),
    ("target_number", "№ показателя / результата"),
    ("probability", "Вероятность"),
    ("impact", "Влияние"),
    ("mitigation", "Меры по снижению"),
    ("owner", "Владелец"),
    ("status", "Статус"),
]
FIELDS = [field for field, _ in COLUMNS]
NUMBER, DESCRIPTION, TARGET_KIND, TARGET_NUMBER, PROBABILITY, IMPACT = range(6)
MITIGATION, OWNER, STATUS = range(6, 9)
TARGET_WORDS = {RowKind.INDICATOR: "показатель", RowKind.RESULT: "результат"}
# Each closed set's words, as the combo boxes offer them and the cells accept them.
WORDS: dict[int, dict[Any, str]] = {
    TARGET_KIND: {None: "", **TARGET_WORDS},
    PROBABILITY: dict(LEVEL_WORDS),
    IMPACT: dict(LEVEL_WORDS),
    STATUS: dict(RISK_STATUS_WORDS),
}
_CLOSED = QColor("#6b6b6b")


class RisksModel(EditableGridModel):
    def __init__(
        self, risks: list[Risk], editor: Any, undo_stack: QUndoStack, parent: Any = None
    ) -> None:
        super().__init__(undo_stack, parent)
        self.risks = risks
        self.editor = editor

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.risks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return COLUMNS[section][1]

    def cell_kind(self, index: Index) -> CellKind:
        return CellKind.TEXT if index.column() in (NUMBER, DESCRIPTION) else CellKind.OPTIONAL_TEXT

    def cell_value(self, index: Index) -> Any:
        return getattr(self.risks[index.row()], FIELDS[index.column()])

    def display_text(self, index: Index) -> str:
        value = self.cell_value(index)
        words = WORDS.get(index.column())
        if words is not None:
            return words.get(value, "")
        return "" if value is None else str(value)

    def cell_text(self, index: Index) -> str:
        return self.display_text(index)

    def parse(self, index: Index, text: str) -> Any:
        words = WORDS.get(index.column())
        if index.column() == TARGET_NUMBER and text.strip():
            if self.risks[index.row()].target_kind is None:
                # The exchange format names a target by its section and number together.
                raise CellError(
                    f"{self.cell_name(index)}: сначала выберите в «Угроза для» показатель "
                    "или результат"
                )
        if words is None:
            return super().parse(index, text)
        typed = " ".join(text.split()).casefold()
        for value, word in words.items():
            if word == typed:
                return value
        allowed = " или ".join(f"«{word}»" for word in words.values() if word)
        raise CellError(f"{self.cell_name(index)}: «{text.strip()}» — ожидалось {allowed}")

    def cell_key(self, index: Index) -> CellKey:
        return self.risks[index.row()].id, FIELDS[index.column()]

    def index_of_key(self, key: CellKey) -> QModelIndex:
        risk_id, field = key
        for row, risk in enumerate(self.risks):
            if risk.id == risk_id:
                return self.index(row, FIELDS.index(str(field)))
        return QModelIndex()

    def cell_name(self, index: Index) -> str:
        return f"риск {self.risks[index.row()].number}, «{COLUMNS[index.column()][1]}»"

    def change_store(self) -> Any:
        return self.editor.store

    def _where(self, risk_id: int | None = None, field: str = "") -> Where:
        return Where(self.editor.project_id, Section.RISKS, risk_id, field)

    def index_of_where(self, where: Where) -> QModelIndex:
        field = where.field if where.field in FIELDS else "description"
        return self.index_of_key((where.item, field))

    def cell_changes(self, cells: list[CellChange]) -> list[Change]:
        changes: list[Change] = []
        for cell in cells:
            risk_id, field = cell.key
            risk = next(risk for risk in self.risks if risk.id == risk_id)
            new = cell.new.value if isinstance(cell.new, StrEnum) else cell.new
            old = field_value(risk, str(field))
            changes.append(SetValue(self._where(risk.id, str(field)), old, new))
            if field == "target_kind" and new is None and risk.target_number:
                # No target, no number: the number alone would name nothing.
                where = self._where(risk.id, "target_number")
                changes.append(SetValue(where, risk.target_number, ""))
        return changes

    def history_key(self, index: Index) -> tuple[Any, str, int | None, str] | None:
        return Section.RISKS, self.risks[index.row()].number, None, FIELDS[index.column()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.display_text(index)
        if role == Qt.ItemDataRole.EditRole:
            return self.cell_text(index)
        if role == Qt.ItemDataRole.ForegroundRole and (
            self.risks[index.row()].status is RiskStatus.CLOSED
        ):
            return QBrush(_CLOSED)  # a closed risk reads greyed
        return None

    def reload(self) -> None:
        store = self.editor.store
        self.replace_risks(read_risks(store.execute, self.editor.project_id))

    def replace_risks(self, risks: list[Risk]) -> None:
        if [risk.id for risk in risks] == [risk.id for risk in self.risks]:
            self.risks[:] = risks
            self.show_rows_changed()
            return
        self.beginResetModel()
        self.risks[:] = risks
        self.endResetModel()
        self.after_write()

    # ---------------------------------------------------------------- risks as items

    def item_count(self) -> int:
        return len(self.risks)

    def insert_change(self, position: int, risk: Risk) -> Change:
        return AddItem(self._where(), risk, position)

    def remove_change(self, position: int) -> Change:
        risk = self.risks[position]
        return RemoveItem(self._where(risk.id), risk, position)

    def move_change(self, source: int, target: int) -> Change:
        return MoveItem(self._where(self.risks[source].id), source, target)


def new_risk(number: str) -> Risk:
    return Risk(number=number, description="Новый риск", probability=Level.MEDIUM)
