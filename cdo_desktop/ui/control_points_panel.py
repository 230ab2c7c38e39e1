"""The «Контрольные точки» and «Риски» tabs: tables edited like the others, words offered in
combo boxes, people of the project offered as the responsible, points filtered by status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QToolBar,
    QWidget,
)

from cdo_desktop.core.control_points import POINT_STATUS_WORDS, PointStatus
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import ControlPoint, PlanFactRow, Project
from cdo_desktop.storage.editing import ProjectEditor
from cdo_desktop.ui import control_points_model as points
from cdo_desktop.ui import risks_model as risks
from cdo_desktop.ui.control_points_model import ControlPointsModel
from cdo_desktop.ui.grid_view import ChoiceDelegate
from cdo_desktop.ui.risks_model import RisksModel, new_risk
from cdo_desktop.ui.table_panel import TablePanel

ALL_STATUSES = "все"


def _people(project: Project) -> Callable[[], list[str]]:
    return lambda: [""] + [person.name for person in project.persons]


def _choice(
    panel: TablePanel, column: int, choices: Callable[[], list[str]], editable: bool
) -> None:
    delegate = ChoiceDelegate(choices, editable, panel.view)
    delegate.edit_refused.connect(panel.view.report_refused)
    delegate.conflict_found.connect(panel.view.resolve_conflict)
    panel.view.setItemDelegateForColumn(column, delegate)


def _words(column: int) -> Callable[[], list[str]]:
    words = list(risks.WORDS[column].values())
    return lambda: words


def _toolbar(panel: TablePanel) -> QToolBar:
    toolbar = panel.findChild(QToolBar)
    assert toolbar is not None
    return toolbar


class ControlPointsPanel(TablePanel):
    model: ControlPointsModel

    def __init__(
        self, model: ControlPointsModel, project: Project, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            model,
            "control_points",
            "контрольную точку",
            hint=f"Сначала просроченные; статус на {model.as_of:%d.%m.%Y}.",
            parent=parent,
        )
        # Points are shown in the order of their status, so they are not moved by hand.
        for action in (self.up_action, self.down_action):
            action.setVisible(False)
            action.setEnabled(False)
        self.status_box = QComboBox(self)
        self.status_box.setObjectName("control_points_filter")
        self.status_box.addItem(ALL_STATUSES, None)
        for status in PointStatus:
            self.status_box.addItem(POINT_STATUS_WORDS[status], status.value)
        self.status_box.currentIndexChanged.connect(self._filter_changed)
        tools = _toolbar(self)
        tools.addWidget(QLabel("  Статус: ", self))
        tools.addWidget(self.status_box)
        _choice(self, points.KIND, lambda: list(points.KIND_WORDS), False)
        _choice(self, points.RESPONSIBLE, _people(project), True)
        model.modelReset.connect(self.show_groups)
        widths = (50, 290, 125, 100, 110, 205, 140, 130, 100)
        self.set_column_widths(
            dict(zip(range(len(points.COLUMNS)), widths, strict=True)), stretch_last=True
        )
        self.show_groups()

    def show_groups(self) -> None:
        """A result's row spans the table: its number and name, in bold."""
        self.view.clearSpans()
        for row in range(self.model.rowCount()):
            if self.model.is_group(row):
                self.view.setSpan(row, 0, 1, self.model.columnCount())

    def _filter_changed(self) -> None:
        data = self.status_box.currentData()
        self.model.set_filter(None if data is None else PointStatus(data))

    def item_position(self, row: int) -> int:
        return row if 0 <= row < self.model.item_count() and not self.model.is_group(row) else -1

    def item_title(self, position: int) -> str:
        point = self.model.lines[position].point
        assert point is not None
        return f"{point.number} {point.name}"

    def first_editable_column(self) -> int:
        return points.NAME

    def new_point(self, result: PlanFactRow) -> ControlPoint:
        return ControlPoint(
            number=f"{result.number}.{len(result.control_points) + 1}",
            name="Новая контрольная точка",
            due=date.today(),
        )

    def add_item(self) -> None:
        """A new point under the result of the current row, then its name is edited."""
        if not self.model.lines:
            self.messages.show_message("сначала внесите результаты проекта")
            return
        if self.status_box.currentIndex() != 0:
            self.status_box.setCurrentIndex(0)  # the new point is seen whatever its status
        row = self.view.currentIndex().row()
        position = row + 1 if row >= 0 else self.model.item_count()
        result = self.model.lines[position - 1].result
        known = {point.id for point in result.control_points}
        if not self.model.add_item(position, self.new_point(result), "добавление строки"):
            return
        added = next(
            (
                line.point
                for line in self.model.lines
                if line.point and line.point.id not in known and line.result.id == result.id
            ),
            None,
        )
        if added is not None:
            index = self.select_row(self.model.row_of_point(added.id), points.NAME)
            self.view.edit(index)


class RisksPanel(TablePanel):
    model: RisksModel

    def __init__(self, model: RisksModel, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(
            model,
            "risks",
            "риск",
            hint="Закрытые риски показаны серым.",
            parent=parent,
        )
        for column in (risks.TARGET_KIND, risks.PROBABILITY, risks.IMPACT, risks.STATUS):
            _choice(self, column, _words(column), False)
        _choice(self, risks.OWNER, _people(project), True)
        widths = (40, 300, 105, 120, 100, 90, 230, 150, 90)
        self.set_column_widths(
            dict(zip(range(len(risks.COLUMNS)), widths, strict=True)), stretch_last=True
        )

    def new_item(self) -> object:
        return new_risk(str(self.model.item_count() + 1))

    def item_title(self, position: int) -> str:
        risk = self.model.risks[position]
        return f"{risk.number} {risk.description}"


def build_panel(
    index: int, project: Project, editor: ProjectEditor, undo: QUndoStack, parent: QWidget
) -> TablePanel:
    """The tab's panel: `index` 0 the control points, 1 the risks. Its model keeps lists of its
    own and reads the project again after every step of the undo stack: a result renamed or
    removed in its own tab, or undone from here, shows here too."""
    panel: TablePanel
    if index == 0:
        model = ControlPointsModel(list(project.results), editor, undo, parent)
        panel = ControlPointsPanel(model, project)
    else:
        panel = RisksPanel(RisksModel(list(project.risks), editor, undo, parent), project)
    undo.indexChanged.connect(lambda _: _reload_quietly(panel))
    return panel


def _reload_quietly(panel: TablePanel) -> None:
    # An undo stack can change after its database was closed (the window going away, another
    # database opened): reading then would open a connection nobody closes.
    try:
        if panel.model.editor.store.closed:  # type: ignore[attr-defined]
            return
        panel.model.reload()
    except CdoError:
        pass  # the project is gone or the base unreadable now: the window tells it itself
