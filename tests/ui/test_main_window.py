"""The main window around the tables: passport, financing, people, projects, settings, Russian."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, QLibraryInfo, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialogButtonBox

from cdo_desktop.core.model import Project
from cdo_desktop.tools.screenshots import take_screenshots
from cdo_desktop.ui.main_window import FINANCING, INDICATORS, PASSPORT, PERSONS, RESULTS
from cdo_desktop.ui.new_project_dialog import NewProjectDialog
from cdo_desktop.workspace import open_workspace
from tests.ui.keyboard import type_text


def demo(workspace) -> Project:
    return workspace.store.load(workspace.store.find("E4").id)


def select(view, row, column):
    index = view.model().index(row, column)
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.setFocus()
    return index


def enter(qtbot, view, text):
    type_text(view, text)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_window_shows_the_demo_project(window, workspace):
    assert window.windowTitle() == f"E4 «Цифровая образовательная среда» — {workspace.path.name}"
    assert [window.tabs.tabText(i) for i in range(5)] == [
        "Паспорт",
        "Показатели",
        "Результаты",
        "Финансирование",
        "Ответственные",
    ]
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Файл", "&Правка", "В&ерсии", "&Вид", "&Справка"]
    assert str(workspace.path) in window.database_label.text()
    assert window.rows_label.text() == "Строк в таблицах: 9"
    assert window.changed_label.text().startswith("Изменено: ")
    assert not window.project_selector_action.isVisible(), "one project: no selector"


def test_qt_dialogs_speak_russian(window):
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Отмена", translations
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Отмена"


def test_financing_edit_updates_totals_and_undo(window, workspace, qtbot):
    window.tabs.setCurrentIndex(FINANCING)
    panel = window.tabs.financing
    model = panel.model
    total_row = model.rowCount() - 1
    assert model.data(model.index(total_row, model.total_column())) == "792 269,8"
    assert model.data(model.index(0, 4)) == "37 955,2"
    select(panel.view, 1, 4)  # line 2, 2019: empty
    enter(qtbot, panel.view, "1 000,5")
    assert demo(workspace).financing[1].total(2019) == Decimal("1000.5")
    assert model.data(model.index(total_row, 4)) == "38 955,7"
    assert model.data(model.index(total_row, model.total_column())) == "793 270,3"
    assert panel.chart.series[1].values[2019] == Decimal("1000.5")
    window.undo_action.trigger()
    assert demo(workspace).financing[1].total(2019) is None
    assert model.data(model.index(total_row, 4)) == "37 955,2"


def test_financing_totals_are_not_editable(window, workspace, qtbot):
    window.tabs.setCurrentIndex(FINANCING)
    panel = window.tabs.financing
    model = panel.model
    select(panel.view, model.rowCount() - 1, 4)
    QGuiApplication.clipboard().setText("5\n")
    qtbot.keyClick(panel.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "вычисляется" in panel.messages.text()
    assert demo(workspace).financing[0].total(2019) == Decimal("37955.2")


def test_financing_line_with_several_sources_shows_them_as_rows(make_window, workspace):
    project = demo(workspace)
    from cdo_desktop.core.model import BudgetSource

    project.financing[0].sources = [
        BudgetSource("бюджет субъекта", None, {2019: Decimal(100)}),
        BudgetSource("из них: МБТ из федерального бюджета", "бюджет субъекта", {2019: Decimal(80)}),
        BudgetSource("внебюджетные источники", None, {2019: Decimal(5)}),
    ]
    workspace.store.replace([project])
    window = make_window()
    model = window.tabs.financing.model
    assert model.rowCount() == 1 + 3 + 1 + 1
    assert model.data(model.index(0, 4)) == "105"
    assert not model.flags(model.index(0, 4)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(1, 4)) & Qt.ItemFlag.ItemIsEditable
    assert model.data(model.index(2, 1)).strip() == "из них: МБТ из федерального бюджета"


def test_people_curator_and_leader_first_and_editable(window, workspace, qtbot, always_yes):
    window.tabs.setCurrentIndex(PERSONS)
    panel = window.tabs.persons
    model = panel.model
    assert [model.data(model.index(r, 0)) for r in range(2)] == ["куратор", "руководитель"]
    select(panel.view, 1, 3)
    enter(qtbot, panel.view, "+7 (8332) 27-27-34")
    assert demo(workspace).persons[1].contacts == "+7 (8332) 27-27-34"
    panel.add_action.trigger()
    editor = QApplication.focusWidget()
    type_text(editor, "Иванова И.И.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.view.state() != QAbstractItemView.State.EditingState)
    people = demo(workspace).persons
    assert [(p.role, p.name) for p in people][-1] == ("ответственный", "Иванова И.И.")
    select(panel.view, 2, 1)
    panel.delete_action.trigger()
    assert len(demo(workspace).persons) == 2


def test_passport_edit_is_stored_and_undone(window, workspace, qtbot):
    window.tabs.setCurrentIndex(PASSPORT)
    edit = window.tabs.passport.line_edits["customer"]
    edit.setFocus()
    edit.selectAll()
    type_text(edit, "Министерство образования Кировской области")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert demo(workspace).customer == "Министерство образования Кировской области"
    window.undo_action.trigger()
    assert demo(workspace).customer == "министерство образования Кировской области"
    assert edit.text() == "министерство образования Кировской области"


def test_passport_years_change_the_table_columns(window, workspace, qtbot):
    results = window.tabs.results.model  # built before the change; indicators after it
    passport = window.tabs.passport
    passport.last_year.setValue(2030)
    passport.last_year.editingFinished.emit()
    assert demo(workspace).last_year == 2030
    assert window.tabs.built(INDICATORS) is None
    model = window.tabs.indicators.model
    for shown in (model, results):
        assert shown.columnCount() == shown.fixed_columns + 2 * 12
        assert shown.headerData(shown.columnCount() - 1, Qt.Orientation.Horizontal) == "2030\nфакт"
    window.undo_action.trigger()
    indicators = window.tabs.indicators.model
    assert indicators.columnCount() == indicators.fixed_columns + 2 * 6
    assert list(window.tabs.financing.model.years) == list(range(2019, 2025))


def test_a_tab_is_built_when_first_shown(window, qtbot):
    assert window.tabs.currentIndex() == PASSPORT
    assert [window.tabs.built(tab) is None for tab in range(5)] == [False, True, True, True, True]
    window.tabs.setCurrentIndex(FINANCING)
    financing = window.tabs.built(FINANCING)
    assert financing is not None and financing.isVisible()
    qtbot.waitUntil(lambda: financing.view.viewport().height() > 100)
    assert financing.model.rowCount() > 0
    assert window.tabs.built(INDICATORS) is None
    from cdo_desktop.charts.plan_fact_chart import PlanFactChart

    # The chart comes a moment later, on screen, with the financing drawn.
    qtbot.waitUntil(lambda: financing.findChild(PlanFactChart) is not None)
    chart = financing.findChild(PlanFactChart)
    qtbot.waitUntil(chart.isVisible)
    assert [series.name[:3] for series in chart.series] == ["1. ", "2. "]


def test_new_project_and_switching(window, workspace, qtbot, monkeypatch):
    dialog = NewProjectDialog({"E4"})
    qtbot.addWidget(dialog)
    dialog.code.setText("e4")
    dialog.name.setText("Дубль")
    dialog.accept()
    assert "уже есть" in dialog.problem.text()
    dialog.code.setText("E1")
    dialog.name.setText("Современная школа")
    assert dialog.check() == ""
    workspace.store.replace([dialog.project()])
    window.reload_projects(prefer="E1")
    assert window.tabs.project.code == "E1"
    assert window.project_selector_action.isVisible()
    assert window.project_selector.count() == 2
    index = window.project_selector.findData("E4")
    window.project_selector.setCurrentIndex(index)
    window.project_selector.activated.emit(index)
    assert window.tabs.project.code == "E4"


def test_delete_project_asks_first(window, workspace, always_yes):
    window.delete_project_action.trigger()
    assert "Удалить проект E4" in always_yes[0][1]
    assert workspace.store.summaries() == []
    assert window.tabs is None
    assert "нет проектов" in window.centralWidget().text()


def test_open_another_database(window, tmp_path, monkeypatch):
    other = open_workspace(tmp_path / "other.sqlite", with_demo=False)
    other.store.replace([Project(code="E2", name="Успех каждого ребёнка")])
    other.close()
    assert window.switch_database(tmp_path / "other.sqlite")
    assert window.tabs.project.code == "E2"
    assert "other.sqlite" in window.windowTitle()


def test_a_broken_database_file_is_told_not_opened(window, tmp_path, monkeypatch):
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database" * 100)
    told = []
    monkeypatch.setattr(
        "cdo_desktop.ui.dialogs.show_error", lambda parent, title, text: told.append(text)
    )
    assert not window.switch_database(broken)
    assert "не является базой данных" in told[0]
    assert window.tabs.project.code == "E4"


def test_settings_are_restored_in_a_second_window(qtbot, make_window, workspace):
    first = make_window()
    first.resize(711, 577)  # within the offscreen screen (800 × 800): restoring clamps to it
    first.tabs.setCurrentIndex(RESULTS)
    splitter = first.tabs.results.splitter
    # The tab is built as it is first shown: the user drags once it is laid out.
    qtbot.waitUntil(lambda: splitter.height() > 300)
    splitter.setSizes([500, 150])
    sizes = splitter.sizes()
    first.close()
    second = make_window()
    assert second.tabs.currentIndex() == RESULTS
    assert (second.size().width(), second.size().height()) == (711, 577)
    assert second.tabs.results.splitter.sizes() == sizes


def test_edits_survive_a_restart(make_window, workspace, qtbot, db_path):
    window = make_window()
    window.tabs.setCurrentIndex(INDICATORS)
    view = window.tabs.indicators.view
    model = window.tabs.indicators.model
    select(view, 2, model.column_of(2021, "fact"))
    enter(qtbot, view, "40,5")
    window.close()
    workspace.close()
    again = open_workspace(db_path)
    try:
        second = make_window(again)
        second_model = second.tabs.indicators.model
        index = second_model.index(2, second_model.column_of(2021, "fact"))
        assert second_model.data(index) == "40,5"
    finally:
        again.close()


def test_screenshot_tool_saves_every_tab(tmp_path):
    saved = take_screenshots(tmp_path, width=900, height=600)
    assert [path.name for path in saved] == [
        "1-pasport.png",
        "2-pokazateli.png",
        "3-rezultaty.png",
        "4-finansirovanie.png",
        "5-otvetstvennye.png",
        "6-monitoring.png",
        "7-kontrolnye-tochki.png",
        "8-riski.png",
    ]
    assert all(path.stat().st_size > 10_000 for path in saved)


def test_importing_another_projects_workbook_shows_that_project(
    window, workspace, tmp_path, monkeypatch
):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QDialog, QFileDialog

    from cdo_desktop.exchange.excel_export import export_projects
    from cdo_desktop.ui.excel_dialogs import ImportPreviewDialog

    [path] = export_projects(workspace.store.load_all(), tmp_path / "e1.xlsx")
    book = load_workbook(path)
    passport = book["Паспорт"]
    for row in passport.iter_rows():
        if row[0].value == "Код проекта":
            row[1].value = "E1"
        if row[0].value == "Наименование регионального проекта":
            row[1].value = "Современная школа"
    book.save(path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args: (str(path), "")))
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    window.import_action.trigger()
    assert {s.code for s in workspace.store.summaries()} == {"E1", "E4"}
    assert window.tabs.project.code == "E1"


def test_reports_and_checks_see_tables_never_shown(
    make_window, workspace, qtbot, monkeypatch, always_yes
):
    """The window reads a project's tables when first needed; whatever needs them gets them."""
    editor_project = demo(workspace)
    from cdo_desktop.storage.editing import ProjectEditor

    ProjectEditor(workspace.store, editor_project.id).set_plan_fact_values(
        [(editor_project.indicators[2].id, 2023, "plan", Decimal(140))]
    )
    window = make_window()
    assert window.tabs.currentIndex() == PASSPORT
    saved = []
    monkeypatch.setattr(
        "cdo_desktop.ui.summary_dialog.save_summary_pdf",
        lambda parent, project: saved.append(project),
    )
    window.pdf_action.trigger()
    assert "140" in always_yes[0][1], "the error was found before saving"
    assert [len(saved[0].indicators), len(saved[0].results), len(saved[0].financing)] == [3, 4, 2]
    qtbot.waitUntil(window.checks.isVisible)  # opened to show the error
    assert "percent_out_of_range" in [problem.rule for problem in window.checks.problems]


def test_a_tab_that_cannot_be_read_now_is_told_and_tried_again(window, qtbot, monkeypatch):
    import peewee

    from cdo_desktop.storage.reading import ProjectReader

    told = []
    monkeypatch.setattr(
        "cdo_desktop.ui.dialogs.show_error", lambda parent, title, text: told.append((title, text))
    )
    real = ProjectReader.load_tables

    def locked(self, project):
        raise peewee.OperationalError("database is locked")

    monkeypatch.setattr(ProjectReader, "load_tables", locked)
    window.tabs.setCurrentIndex(INDICATORS)
    assert told == [
        (
            "Не удалось открыть вкладку «Показатели»",
            f"{window.workspace.path}: база данных занята другой программой; попробуйте ещё раз",
        )
    ]
    assert window.tabs.built(INDICATORS) is None
    monkeypatch.setattr(ProjectReader, "load_tables", real)
    window.tabs.setCurrentIndex(PASSPORT)
    window.tabs.setCurrentIndex(INDICATORS)
    assert window.tabs.built(INDICATORS) is not None
    assert window.tabs.indicators.model.rowCount() == 3


def test_a_database_that_cannot_be_read_after_all_leaves_the_old_one_in_use(
    window, workspace, tmp_path, monkeypatch
):
    import sqlite3

    from cdo_desktop.ui import main_window

    other = tmp_path / "b.sqlite"
    open_workspace(other).close()
    told = []
    monkeypatch.setattr(
        "cdo_desktop.ui.dialogs.show_error", lambda parent, title, text: told.append(text)
    )
    real_open = main_window.open_workspace

    def unreadable(path, **options):
        opened = real_open(path, **options)

        def locked():
            raise sqlite3.OperationalError("database is locked")

        monkeypatch.setattr(opened.reader, "summaries", locked)
        return opened

    monkeypatch.setattr(main_window, "open_workspace", unreadable)
    assert not window.switch_database(other)
    assert "база данных занята другой программой" in told[0]
    assert window.workspace is workspace and not workspace.closed
    edit = window.tabs.passport.line_edits["customer"]
    edit.setText("министерство просвещения")
    edit.editingFinished.emit()
    assert demo(workspace).customer == "министерство просвещения"


def test_the_status_bar_counts_what_the_checks_find(window, qtbot):
    """The demo has no facts after 2020: the overdue ones are counted without opening F7."""
    qtbot.waitUntil(lambda: "предупрежден" in window.problems_label.text(), timeout=5000)
    assert not window.checks_open if hasattr(window, "checks_open") else True


def test_f1_opens_the_guide(window, monkeypatch):
    opened = []
    monkeypatch.setattr("cdo_desktop.ui.guide.open_guide", lambda parent: opened.append(parent))
    window.view_commands.guide_action.trigger()
    assert opened == [window]
    assert window.view_commands.guide_action.shortcut().toString() == "F1"


def test_the_presence_record_moves_with_the_window_to_another_database(window, tmp_path):
    from cdo_desktop.storage import presence

    window.presence = presence.register(window.workspace.path)
    old = window.workspace.path
    assert presence.holders(old, except_self=False)
    assert window.switch_database(tmp_path / "other.sqlite")
    assert presence.holders(old, except_self=False) == []
    assert presence.holders(tmp_path / "other.sqlite", except_self=False)
    window.presence.close()


def test_the_window_and_its_dialogs_fit_a_small_screen(window, monkeypatch):
    """On a 1280×720 screen the status bar and a dialog's buttons are not off-screen."""
    from PySide6.QtCore import QRect

    from cdo_desktop.ui import screen_fit
    from cdo_desktop.ui.history_dialog import HistoryDialog

    small = QRect(0, 0, 1280, 720)
    monkeypatch.setattr(screen_fit, "available", lambda widget: small)
    screen_fit.restore_fitting(window, None, 1280, 800)
    assert window.height() <= 720 - screen_fit.FRAME_ROOM and window.width() <= 1280
    window.resize(1900, 1000)
    big_and_far = window.saveGeometry()
    screen_fit.restore_fitting(window, big_and_far, 1280, 800)
    assert window.height() <= 720
    dialog = HistoryDialog(window.workspace, window)
    try:
        assert dialog.height() <= 720 and dialog.width() <= 1280
    finally:
        dialog.deleteLater()
