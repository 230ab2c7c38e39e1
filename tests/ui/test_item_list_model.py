"""The five tables of a project's items over one base (ui/item_list_model.py): headers, a cell's
key leading back to its cell, a change's place shown, tooltips, re-reads that repaint or reset,
and the overdue look the two monitoring tables share."""

from __future__ import annotations

from copy import deepcopy
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack

from cdo_desktop.core.changes import Where
from cdo_desktop.core.history import ROW_SECTIONS, Section
from cdo_desktop.core.model import ControlPoint, Risk
from cdo_desktop.core.work_calendar import WorkCalendar
from cdo_desktop.storage.editing import ProjectEditor
from cdo_desktop.ui import control_points_model as points
from cdo_desktop.ui import execution_model as execution
from cdo_desktop.ui import monitoring_model as monitoring
from cdo_desktop.ui import persons_model as persons
from cdo_desktop.ui import risks_model as risks

TODAY = date(2026, 11, 27)
AS_OF = date(2024, 9, 30)
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


class Tables:
    """The five models over the demo project E4, with two control points and two risks."""

    def __init__(self, workspace):
        store = workspace.store
        project = deepcopy(store.load(store.find("E4").id))
        project.results[0].control_points = [
            ControlPoint("1.1", "Просрочена", TODAY - timedelta(5)),
            ControlPoint("1.2", "В работе", TODAY + timedelta(20)),
        ]
        project.risks = [Risk("1", "Срыв поставок"), Risk("2", "Нет подрядчика")]
        store.replace([project])
        self.store = store
        self.project_id = store.find("E4").id
        project = store.load(self.project_id)
        editor = ProjectEditor(store, self.project_id)
        stack = QUndoStack()
        self.persons = persons.PersonsTableModel(project.persons, editor, stack)
        self.risks = risks.RisksModel(list(project.risks), editor, stack)
        self.points = points.ControlPointsModel(list(project.results), editor, stack, as_of=TODAY)
        self.monitoring = monitoring.MonitoringTableModel(
            project, AS_OF, editor, stack, WorkCalendar(), TODAY
        )
        self.execution = execution.ExecutionTableModel(
            project, AS_OF, editor, stack, lambda day: day + timedelta(10), TODAY
        )

    def all(self):
        return [self.persons, self.risks, self.points, self.monitoring, self.execution]


@pytest.fixture
def tables(workspace):
    return Tables(workspace)


def test_each_table_passes_the_qt_model_tester(tables, qtmodeltester):
    for model in tables.all():
        qtmodeltester.check(model, force_py=True)


def test_headers_name_the_columns_and_number_the_rows_where_they_did(tables):
    horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    assert tables.persons.headerData(persons.NAME, horizontal) == "ФИО"
    assert tables.risks.headerData(risks.OWNER, horizontal) == "Владелец"
    assert tables.points.headerData(points.DUE, horizontal) == "Плановый срок"
    assert tables.monitoring.headerData(monitoring.ANNUAL, horizontal) == "Годовой факт 2024"
    assert tables.monitoring.headerData(monitoring.FACT, horizontal) == "Факт на дату"
    assert (
        tables.execution.headerData(execution.AMOUNT, horizontal) == "Сумма на 2024 год, тыс. руб."
    )
    assert [model.headerData(1, vertical) for model in tables.all()] == [
        "2",
        None,
        None,
        "2",
        "2",
    ]
    for model in tables.all():
        assert model.headerData(0, horizontal, TOOLTIP) is None
        assert model.columnCount() == len(model.titles)
        assert model.rowCount(model.index(0, 0)) == 0


def test_every_cell_is_found_again_by_its_key(tables):
    for model in tables.all():
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                found = model.index_of_key(model.cell_key(index))
                if model is tables.points and tables.points.is_group(row):
                    assert not found.isValid()  # a result's own row holds no point
                else:
                    assert (found.row(), found.column()) == (row, column)


def test_a_change_naming_no_column_is_shown_in_the_rows_main_column(tables):
    project = tables.project_id
    person = tables.persons.persons[1]
    risk = tables.risks.risks[1]
    point_row = tables.points.row_of_point(tables.points.lines[1].point.id)
    source = tables.execution.rows[1][1]
    kind, row = tables.monitoring.rows[2]
    shown = [
        (tables.persons, Where(project, Section.PERSONS, person.id), (1, persons.NAME)),
        (tables.persons, Where(project, Section.PERSONS, person.id, "position"), (1, 2)),
        (tables.risks, Where(project, Section.RISKS, risk.id), (1, risks.DESCRIPTION)),
        (tables.risks, Where(project, Section.RISKS, risk.id, "owner"), (1, risks.OWNER)),
        (
            tables.points,
            Where(project, Section.CONTROL_POINTS, tables.points.lines[point_row].point.id),
            (point_row, points.NAME),
        ),
        (
            tables.execution,
            Where(project, Section.SOURCES, source.id, "executed", as_of=AS_OF),
            (1, execution.EXECUTED),
        ),
        (tables.execution, Where(project, Section.SOURCES, source.id), (1, execution.EXECUTED)),
        (
            tables.monitoring,
            Where(project, ROW_SECTIONS[kind], row.id, "fact", as_of=AS_OF),
            (2, monitoring.FACT),
        ),
        (tables.monitoring, Where(project, ROW_SECTIONS[kind], row.id), (2, monitoring.NAME)),
    ]
    for model, where, place in shown:
        index = model.index_of_where(where)
        assert (index.row(), index.column()) == place, where
    # A row added (no item yet) is not shown anywhere.
    assert not tables.persons.index_of_where(Where(project, Section.PERSONS)).isValid()
    assert not tables.points.index_of_where(Where(project, Section.CONTROL_POINTS)).isValid()


def test_tooltips_and_text_of_the_lists(tables):
    for model in (tables.persons, tables.risks, tables.points):
        index = model.index(1, 1)
        assert model.data(index, TOOLTIP) == model.data(index, DISPLAY) != ""
    for model in tables.all():
        assert model.data(QModelIndex()) is None
        index = model.index(0, 0)
        assert model.data(index, Qt.ItemDataRole.EditRole) == model.cell_text(index)
    assert tables.risks.data(tables.risks.index(0, risks.DESCRIPTION)) == "Срыв поставок"
    # The monitoring tables tell a due date, not the text, and only where a value is owed.
    assert tables.monitoring.data(tables.monitoring.index(0, monitoring.PLAN), TOOLTIP) is None


def test_the_same_rows_read_again_are_repainted_other_rows_reset(tables, qtbot):
    model = tables.risks
    with qtbot.wait_signal(model.dataChanged):
        model.reload()
    assert [risk.description for risk in model.risks] == ["Срыв поставок", "Нет подрядчика"]
    assert model.setData(model.index(0, risks.DESCRIPTION), "Срыв сроков поставок")
    assert model.risks[0].description == "Срыв сроков поставок"
    assert model.delete_items([1])
    assert model.rowCount() == 1 and model.item_count() == 1
    with qtbot.wait_signal(model.modelReset):
        model.undo_stack.undo()
    assert [risk.description for risk in model.risks] == ["Срыв сроков поставок", "Нет подрядчика"]


def test_an_overdue_value_reads_red_and_bold_in_both_monitoring_tables(tables):
    model = tables.monitoring
    assert model.setData(model.index(2, monitoring.PERIODICITY), "месяц")
    assert model.overdue(2)
    fact = model.index(2, monitoring.FACT)
    assert model.data(fact, Qt.ItemDataRole.ForegroundRole).color() == monitoring.OVERDUE_TEXT
    assert model.data(fact, Qt.ItemDataRole.FontRole).bold()
    due = model.due_date().strftime("%d.%m.%Y")
    assert model.data(fact, TOOLTIP) == f"Срок сдачи — {due}: просрочено"
    assert model.data(model.index(2, monitoring.REASON), Qt.ItemDataRole.FontRole) is None
    assert model.setData(fact, "5")
    assert not model.overdue(2)
    assert model.data(fact, Qt.ItemDataRole.FontRole) is None
    assert model.data(fact, TOOLTIP) == f"Срок сдачи — {due}: сдано"
