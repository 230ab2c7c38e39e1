"""The open project's five tabs, each built when first shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from cdo_desktop.core.model import Project, RowKind
from cdo_desktop.storage.integrity import as_told
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.typing_guard import PassportTyping
from cdo_desktop.workspace import Workspace

if TYPE_CHECKING:
    from cdo_desktop.storage.editing import ProjectEditor
    from cdo_desktop.ui.financing_panel import FinancingPanel
    from cdo_desktop.ui.passport_panel import PassportPanel
    from cdo_desktop.ui.persons_panel import PersonsPanel
    from cdo_desktop.ui.plan_fact_panel import PlanFactPanel
    from cdo_desktop.ui.table_panel import TablePanel

TAB_TITLES = [
    "Паспорт",
    "Показатели",
    "Результаты",
    "Финансирование",
    "Ответственные",
    "Мониторинг",
    "Контрольные точки",
    "Риски",
]
PASSPORT, INDICATORS, RESULTS, FINANCING, PERSONS, MONITORING, CONTROL_POINTS, RISKS = range(8)


class EditorOnDemand:
    """A project's ProjectEditor, made at its first use: showing a project needs no storage
    code, editing it does (and then peewee is imported, some 30 ms, once)."""

    def __init__(self, workspace: Workspace, project_id: int) -> None:
        self._workspace = workspace
        self.project_id = project_id
        self._editor: ProjectEditor | None = None

    def __getattr__(self, name: str) -> Any:
        if self._editor is None:
            from cdo_desktop.storage.editing import ProjectEditor

            self._editor = ProjectEditor(self._workspace.store, self.project_id)
        return getattr(self._editor, name)


class ProjectTabs(QTabWidget):
    """The five tabs of one project, each over its own model and the shared undo stack.

    A tab's table is built the first time it is shown (or asked for): opening a project of
    hundreds of rows does not build four tables nobody has looked at yet, and their modules are
    not even imported. The project object is what every tab shows and edits, so a tab built late
    shows the same state as one built early. It comes without its tables (indicators, results,
    financing), which are read when first needed: `whole_project()`.
    """

    # A tab's panel just built (tab, panel): the window connects to it, restores its layout.
    panel_built = Signal(int, QWidget)

    def __init__(
        self,
        project: Project,
        workspace: Workspace,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("project_tabs")
        self.setDocumentMode(True)
        assert project.id is not None
        self.project = project
        # The key that survives another copy's `load` or `import`: the window finds the project
        # by its code; the id is what this project's models and undo steps write to.
        self.code = project.code
        self.project_id = project.id
        self.repository = workspace.reader
        self._tables_loaded = False
        # Made at the first edit: the storage code (peewee) is not needed to show a project.
        self.editor = cast("ProjectEditor", EditorOnDemand(workspace, project.id))
        self.undo_stack = undo_stack
        self.database_path = workspace.path
        self._panels: dict[int, QWidget] = {}
        for title in TAB_TITLES:
            page = QWidget(self)
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self.addTab(page, title)
        self.currentChanged.connect(self.show_panel)

    # ---------------------------------------------------------------- the panels, built late

    def panel(self, index: int) -> QWidget:
        """The tab's panel, built now if it has not been."""
        built = self._panels.get(index)
        if built is None:
            built = self._build(index)
            self._panels[index] = built
            page = self.widget(index)
            assert page is not None
            layout = page.layout()
            assert layout is not None
            layout.addWidget(built)
            built.show()  # now, not on the layout's next turn: keys may come at once
            if index in (INDICATORS, RESULTS, FINANCING):  # the tables with year columns
                self._offer_add_year(cast("TablePanel", built))
            self.panel_built.emit(index, built)
        return built

    def show_panel(self, index: int) -> bool:
        """Build the tab's panel if it is not yet; a database that cannot be read just now
        (a colleague's copy holding it past the wait, say) is told, and the tab tried again
        when it is next shown."""
        if index < 0:
            return False
        try:
            self.panel(index)
        except Exception as error:
            told = as_told(error, self.database_path)
            if told is None:
                raise
            dialogs.show_error(self, f"Не удалось открыть вкладку «{TAB_TITLES[index]}»", str(told))
            return False
        return True

    def _offer_add_year(self, table: TablePanel) -> None:
        """«Добавить год» on the table's own toolbar, beside the year columns it adds to."""
        from PySide6.QtGui import QAction, QIcon
        from PySide6.QtWidgets import QToolBar

        from cdo_desktop.ui.period_actions import ADD_YEAR, add_year

        toolbar = table.findChild(QToolBar)
        if toolbar is None:
            return
        action = QAction(QIcon.fromTheme("list-add"), ADD_YEAR, table)
        action.setObjectName("add_year_action")
        action.setToolTip("Продлить проект на год: новый последний год")
        action.triggered.connect(lambda: add_year(self.passport))
        # After the row tools (add, delete, up, down), before the hint.
        actions = toolbar.actions()
        if len(actions) > 4:
            toolbar.insertAction(actions[4], action)
        else:
            toolbar.addAction(action)

    def built(self, index: int) -> QWidget | None:
        return self._panels.get(index)

    def whole_project(self) -> Project:
        """The project with its tables, read the first time they are asked for."""
        if not self._tables_loaded:
            self.repository.load_tables(self.project)
            self._tables_loaded = True
        return self.project

    def _build(self, index: int) -> QWidget:
        editor, undo = self.editor, self.undo_stack
        if index == PASSPORT:
            from cdo_desktop.ui.passport_panel import PassportPanel

            passport = PassportPanel(self.project, editor, undo, self)
            passport.years_changed.connect(self._years_changed)
            return passport
        project = self.whole_project()
        if index in (INDICATORS, RESULTS):
            from cdo_desktop.ui.plan_fact_model import PlanFactTableModel
            from cdo_desktop.ui.plan_fact_panel import PlanFactPanel

            kind = RowKind.INDICATOR if index == INDICATORS else RowKind.RESULT
            rows = project.rows(kind)
            return PlanFactPanel(PlanFactTableModel(kind, rows, project.years, editor, undo, self))
        if index == FINANCING:
            from cdo_desktop.ui.financing_model import FinancingTableModel
            from cdo_desktop.ui.financing_panel import FinancingPanel

            return FinancingPanel(
                FinancingTableModel(project.financing, project.years, editor, undo, self)
            )
        if index == MONITORING:
            from cdo_desktop.ui.monitoring_panel import monitoring_panel

            return monitoring_panel(project, editor, undo, self)
        if index in (CONTROL_POINTS, RISKS):
            from cdo_desktop.ui.control_points_panel import build_panel

            return build_panel(index - CONTROL_POINTS, project, editor, undo, self)
        from cdo_desktop.ui.persons_model import PersonsTableModel
        from cdo_desktop.ui.persons_panel import PersonsPanel

        return PersonsPanel(PersonsTableModel(project.persons, editor, undo, self))

    @property
    def passport(self) -> PassportPanel:
        return cast("PassportPanel", self.panel(PASSPORT))

    @property
    def indicators(self) -> PlanFactPanel:
        return cast("PlanFactPanel", self.panel(INDICATORS))

    @property
    def results(self) -> PlanFactPanel:
        return cast("PlanFactPanel", self.panel(RESULTS))

    @property
    def financing(self) -> FinancingPanel:
        return cast("FinancingPanel", self.panel(FINANCING))

    @property
    def persons(self) -> PersonsPanel:
        return cast("PersonsPanel", self.panel(PERSONS))

    def built_tables(self) -> dict[int, TablePanel]:
        """The table panels built so far, by tab."""
        return {
            index: cast("TablePanel", panel)
            for index, panel in sorted(self._panels.items())
            if index != PASSPORT
        }

    def current_table_panel(self) -> TablePanel | None:
        return self.built_tables().get(self.currentIndex())

    # ---------------------------------------------------------------- changes from elsewhere

    def _years_changed(self, first: int, last: int) -> None:
        years = range(first, last + 1)
        self.project.first_year, self.project.last_year = first, last
        # The values of a dropped year went with it (and an undo brings them back): re-read.
        for index in (INDICATORS, RESULTS):
            plan_fact = cast("PlanFactPanel | None", self.built(index))
            if plan_fact is not None:
                plan_fact.model.set_years(years)
                plan_fact.model.reload()
                plan_fact.size_columns()
        financing = cast("FinancingPanel | None", self.built(FINANCING))
        if financing is not None:
            financing.model.set_years(years)
            financing.model.reload()

    def refresh(self, fresh: Project) -> bool:
        """Show the project as stored now, keeping each table's current cell and the text being
        typed in the passport; whether such text was kept."""
        passport = cast("PassportPanel | None", self.built(PASSPORT))
        typing = PassportTyping(passport) if passport is not None else None
        typed_fields = typing.fields() if typing is not None else set()
        current = {
            panel: (panel.view.currentIndex().row(), panel.view.currentIndex().column())
            for panel in self.built_tables().values()
        }
        for field in (
            "name",
            "region",
            "national_project",
            "federal_project",
            "goal",
            "customer",
            "participants",
        ):
            if field not in typed_fields:
                setattr(self.project, field, getattr(fresh, field))
        years_changed = (self.project.first_year, self.project.last_year) != (
            fresh.first_year,
            fresh.last_year,
        )
        self.project.first_year, self.project.last_year = fresh.first_year, fresh.last_year
        built = self.built_tables()
        # A built table replaces its rows in the project's own list; for the others the list
        # is replaced here and they show it when built.
        # A built table reads again from the store what it shows (into the project's own list,
        # which it shares); for the others the list is replaced here and they show it when built.
        held_lists: list[tuple[int, list[Any], list[Any]]] = [
            (INDICATORS, self.project.indicators, fresh.indicators),
            (RESULTS, self.project.results, fresh.results),
            (FINANCING, self.project.financing, fresh.financing),
            (PERSONS, self.project.persons, fresh.persons),
        ]
        for index, held, rows in held_lists:
            if index in built:
                built[index].model.reload()
            if index not in built or index == PERSONS:
                held[:] = rows  # the people's table keeps a sorted list of its own
        if MONITORING in built:  # it shows the rows the tables above just read
            built[MONITORING].model.reload()
            built[MONITORING].execution.model.reload()  # type: ignore[attr-defined]
        for index in (CONTROL_POINTS, RISKS):
            if index in built:
                built[index].model.reload()
        self._tables_loaded = True
        if passport is not None and typing is not None:
            passport.show_project()
            typing.put_back(passport)
        if years_changed:
            self._years_changed(fresh.first_year, fresh.last_year)
        for index in (INDICATORS, RESULTS):
            if index in built:
                cast("PlanFactPanel", built[index]).fit_rows()
        for panel, (row, column) in current.items():
            if 0 <= row < panel.model.rowCount():
                panel.select_row(row, max(column, 0))
        return bool(typing)

    def splitters(self) -> list[QSplitter]:
        panels = self.built_tables().values()
        return [panel.splitter for panel in panels if panel.splitter is not None]
