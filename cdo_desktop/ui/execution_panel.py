"""The «Кассовое исполнение» table under the monitoring rows: typed, pasted, cleared and undone
like the other tables; its sources are added in «Финансирование»."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from cdo_desktop.ui.execution_model import AMOUNT, EXECUTED, PERCENT, SOURCE, ExecutionTableModel
from cdo_desktop.ui.table_panel import TablePanel


class ExecutionPanel(TablePanel):
    model: ExecutionTableModel

    def __init__(self, model: ExecutionTableModel, parent: QWidget | None = None) -> None:
        super().__init__(
            model,
            "execution",
            "строку",
            hint="Кассовое исполнение с начала года на отчётную дату, тыс. рублей.",
            parent=parent,
        )
        for action in (self.add_action, self.delete_action, self.up_action, self.down_action):
            action.setVisible(False)  # sources are added in «Финансирование»
            action.setEnabled(False)
        self.set_column_widths({SOURCE: 380, AMOUNT: 170, EXECUTED: 140, PERCENT: 110})

    def first_editable_column(self) -> int:
        return EXECUTED

    def item_title(self, position: int) -> str:
        return str(self.model.cell_value(self.model.index(position, SOURCE)))

    def new_item(self) -> object:
        raise NotImplementedError("sources are added in «Финансирование»")

    def showEvent(self, event: QShowEvent) -> None:
        # Sources or amounts may have changed in «Финансирование» since it was last seen.
        super().showEvent(event)
        self.model.reload()
