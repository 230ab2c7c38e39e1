"""The row columns of the plan/fact tables, declared once: a new row field is one entry here.

Each entry names a row field of core (ROW_FIELDS in core/changes.py, so edits and their undo
go through the one change vocabulary), its title, what kind of cell it is and which tables
show it. Columns marked `hideable` are offered in the table's «Столбцы…» menu; those of the
2025–2030 passport (ui/passport_cells.py reads and shows them) are hidden until a project has
them filled.
"""

from __future__ import annotations

from dataclasses import dataclass

from cdo_desktop.core.changes import ROW_FIELDS
from cdo_desktop.core.model import Direction, RowKind
from cdo_desktop.ui.grid_model import CellKind
from cdo_desktop.ui.passport_cells import BREAKDOWN

BOTH = frozenset(RowKind)
INDICATORS_ONLY = frozenset({RowKind.INDICATOR})
RESULTS_ONLY = frozenset({RowKind.RESULT})

# The words of the passport for a row's direction, in the order the combo box offers them.
DIRECTION_CHOICES: dict[str, object] = {"рост": Direction.UP, "снижение": Direction.DOWN}


@dataclass(frozen=True)
class RowColumn:
    field: str  # a field of PlanFactRow, one of ROW_FIELDS
    title: str
    kind: CellKind
    tables: frozenset[RowKind] = BOTH
    hideable: bool = False
    # For CellKind.CHOICE: the words offered and the values they stand for.
    choices: dict[str, object] | None = None


ROW_COLUMNS: tuple[RowColumn, ...] = (
    RowColumn("number", "№ п/п", CellKind.TEXT),
    RowColumn("name", "Наименование", CellKind.TEXT),
    RowColumn("unit", "Ед. изм.", CellKind.OPTIONAL_TEXT),
    RowColumn("cumulative", "Нарастающим итогом", CellKind.FLAG),
    RowColumn(
        "direction",
        "Направление",
        CellKind.CHOICE,
        INDICATORS_ONLY,
        hideable=True,
        choices=DIRECTION_CHOICES,
    ),
    RowColumn("base_value", "Базовое значение", CellKind.NUMBER, INDICATORS_ONLY, hideable=True),
    RowColumn("base_year", "Базовый год", CellKind.YEAR, INDICATORS_ONLY, hideable=True),
    RowColumn(
        "characteristic", "Характеристика", CellKind.OPTIONAL_TEXT, RESULTS_ONLY, hideable=True
    ),
    # The 2025–2030 passport. The task's and the kind's words come from the model (the
    # project's tasks); ОКЕИ offers the listed units and takes any code.
    RowColumn("task", "Задача", CellKind.CHOICE, hideable=True),
    RowColumn("level", "Уровень", CellKind.OPTIONAL_TEXT, INDICATORS_ONLY, hideable=True),
    RowColumn("indicator_kind", "Тип показателя", CellKind.CHOICE, INDICATORS_ONLY, hideable=True),
    RowColumn("okei", "Код ОКЕИ", CellKind.OPTIONAL_TEXT, INDICATORS_ONLY, hideable=True),
    RowColumn(
        "data_source", "Источник данных", CellKind.OPTIONAL_TEXT, INDICATORS_ONLY, hideable=True
    ),
    RowColumn(BREAKDOWN, "По муниципалитетам", CellKind.FLAG, INDICATORS_ONLY, hideable=True),
    RowColumn("result_type", "Тип результата", CellKind.OPTIONAL_TEXT, RESULTS_ONLY, hideable=True),
    RowColumn(
        "linked_indicators",
        "Связь с показателями",
        CellKind.OPTIONAL_TEXT,
        RESULTS_ONLY,
        hideable=True,
    ),
)

assert all(column.field in ROW_FIELDS or column.field == BREAKDOWN for column in ROW_COLUMNS), (
    "a row column without a change"
)


def row_columns(kind: RowKind) -> tuple[RowColumn, ...]:
    """The columns before the years in the table of this kind, in order."""
    return tuple(column for column in ROW_COLUMNS if kind in column.tables)
