"""The project's risks as a table: closed sets shown and typed as their Russian words."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from cdo_desktop.core.changes import AddItem, Change, MoveItem, RemoveItem, SetValue
from cdo_desktop.core.diff_points import field_value
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import LEVEL_WORDS, RISK_STATUS_WORDS, Level, Risk, RiskStatus, RowKind
from cdo_desktop.storage.points_reading import read_risks
from cdo_desktop.ui.grid_model import CellChange, CellError, CellKind, Index
from cdo_desktop.ui.item_list_model import ItemListModel

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
TITLES = [title for _, title in COLUMNS]
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


class RisksModel(ItemListModel):
    titles = TITLES
    column_keys = FIELDS
    fallback_column = "description"
    section = Section.RISKS

    @property
    def risks(self) -> list[Risk]:
        """The risks in their stored order, a row each."""
        return self.items

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

    def cell_name(self, index: Index) -> str:
        return f"риск {self.risks[index.row()].number}, «{TITLES[index.column()]}»"

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

    def role_data(self, index: Index, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and (
            self.risks[index.row()].status is RiskStatus.CLOSED
        ):
            return QBrush(_CLOSED)  # a closed risk reads greyed
        return super().role_data(index, role)

    def reload(self) -> None:
        store = self.editor.store
        self.replace_risks(read_risks(store.execute, self.editor.project_id))

    def replace_risks(self, risks: list[Risk]) -> None:
        self.replace_items(risks)

    # ---------------------------------------------------------------- risks as items

    def insert_change(self, position: int, risk: Risk) -> Change:
        return AddItem(self._where(), risk, position)

    def remove_change(self, position: int) -> Change:
        risk = self.risks[position]
        return RemoveItem(self._where(risk.id), risk, position)

    def move_change(self, source: int, target: int) -> Change:
        return MoveItem(self._where(self.risks[source].id), source, target)


def new_risk(number: str) -> Risk:
    return Risk(number=number, description="Новый риск", probability=Level.MEDIUM)
