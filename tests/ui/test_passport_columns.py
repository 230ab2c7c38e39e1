"""The 2025–2030 row fields as columns of the Показатели/Результаты tables (issue 21): hidden for
a 2019–2024 project, shown for a 2025–2030 one, remembered as chosen; each field edited in its
cell as one undo step, bad input refused in Russian with the cell named."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox

from cdo_desktop.core.model import RowKind
from cdo_desktop.core.passport import LEVEL_CODES
from cdo_desktop.ui.main_window import INDICATORS, PERSONS, RESULTS
from cdo_desktop.ui.passport_cells import BREAKDOWN, PASSPORT_2025_COLUMNS
from cdo_desktop.ui.persons_model import SHARE, SUPERVISOR
from cdo_desktop.ui.several_choice import SeveralChoice
from tests.passport_2025 import MUNICIPALITIES, project_2025
from tests.ui.test_plan_fact_table import open_tab, press_enter, type_into

PASSPORT_TITLES = {
    "Задача",
    "Уровень",
    "Тип показателя",
    "Код ОКЕИ",
    "Источник данных",
    "По муниципалитетам",
}


def open_2025(window, workspace, tab=INDICATORS):
    workspace.store.create(project_2025())
    window.open_project("Ю1")
    return open_tab(window, tab)


def rows_2025(workspace, kind=RowKind.INDICATOR):
    project = workspace.store.load(workspace.store.find("Ю1").id)
    return project.indicators if kind is RowKind.INDICATOR else project.results


def go_to_field(panel, row, field):
    index = panel.model.index(row, panel.model.column_of_field(field))
    panel.view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    panel.view.scrollTo(index)
    return index


def shown_titles(panel):
    return {
        title
        for column, _key, title in panel.model.hideable_columns()
        if not panel.view.isColumnHidden(column)
    }


def test_hidden_for_the_demo_shown_for_a_2025_project_and_remembered(make_window, workspace, qtbot):
    window = make_window()
    demo = open_tab(window, INDICATORS)
    assert not shown_titles(demo) & PASSPORT_TITLES  # the 2019–2024 demo looks as before
    panel = open_2025(window, workspace)
    assert PASSPORT_TITLES <= shown_titles(panel)
    results = open_tab(window, RESULTS)
    assert {"Задача", "Тип результата", "Связь с показателями"} <= shown_titles(results)
    # the user hides one in the 2025–2030 project and shows one in the demo: both kept
    panel = open_tab(window, INDICATORS)
    panel.column_choice.set_shown("data_source", False)
    assert "Источник данных" not in shown_titles(panel)
    window.close()

    again = make_window()
    again.open_project("Ю1")
    panel = open_tab(again, INDICATORS)
    assert shown_titles(panel) & PASSPORT_TITLES == PASSPORT_TITLES - {"Источник данных"}
    again.open_project("E4")
    demo = open_tab(again, INDICATORS)
    demo.column_choice.set_shown("level", True)
    assert shown_titles(demo) & PASSPORT_TITLES == {"Уровень"}
    again.close()
    demo = open_tab(make_window(), INDICATORS)
    assert shown_titles(demo) & PASSPORT_TITLES == {"Уровень"}


def test_task_is_chosen_typed_and_undone(window, workspace, qtbot):
    panel = open_2025(window, workspace)
    index = go_to_field(panel, 2, "task")
    assert panel.model.data(index) == ""
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = panel.view.focusWidget()
    assert isinstance(editor, QComboBox)
    words = [editor.itemText(i) for i in range(editor.count())]
    assert words[0] == "—" and words[2].startswith("2. Поддержка молодых")
    editor.setCurrentIndex(2)
    press_enter(qtbot, panel, editor)
    assert rows_2025(workspace)[2].task == "2"
    assert panel.model.data(index) == "2"
    assert "Поддержка молодых учителей" in panel.model.data(index, Qt.ItemDataRole.ToolTipRole)
    window.undo_action.trigger()
    assert rows_2025(workspace)[2].task is None
    # typed or pasted as a number; a task the project lacks is refused
    assert panel.model.paste_text(index, "1\n")
    assert rows_2025(workspace)[2].task == "1"
    assert not panel.model.paste_text(index, "7\n")
    assert "задачи «7» в проекте нет; есть задачи 1, 2" in panel.model.last_error
    assert "строка 3 (№ 3), «Задача»" in panel.model.last_error


def test_opening_a_choice_and_leaving_it_changes_nothing(window, workspace, qtbot):
    panel = open_2025(window, workspace)
    for field in ("task", "indicator_kind"):
        go_to_field(panel, 0, field)
        qtbot.keyClick(panel.view, Qt.Key.Key_F2)
        press_enter(qtbot, panel, panel.view.focusWidget())
    row = rows_2025(workspace)[0]
    assert (row.task, row.indicator_kind) == ("1", "main")
    assert not window.undo_action.isEnabled() or window.undo_stack.count() == 0


def test_level_is_typed_as_the_passport_writes_it(window, workspace, qtbot):
    panel = open_2025(window, workspace)
    index = go_to_field(panel, 2, "level")
    type_into(qtbot, panel, "рп, фп")
    assert rows_2025(workspace)[2].level == ["ФП", "РП"]  # the passport's order
    assert panel.model.data(index) == "ФП, РП"
    go_to_field(panel, 2, "level")
    type_into(qtbot, panel, "ФП, ОП")
    assert "уровень «ОП» неизвестен" in panel.messages.text()
    assert rows_2025(workspace)[2].level == ["ФП", "РП"]
    window.undo_action.trigger()
    assert rows_2025(workspace)[2].level == []
    assert panel.model.paste_text(index, '"ГП РФ\nВДЛ"\n')  # «ГП РФ⏎ВДЛ» copied from a passport
    assert rows_2025(workspace)[2].level == ["ГП РФ", "ВДЛ"]


def test_kind_is_main_or_additional(window, workspace, qtbot):
    panel = open_2025(window, workspace)
    index = go_to_field(panel, 2, "indicator_kind")
    assert panel.model.data(index) == ""
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = panel.view.focusWidget()
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "—",
        "основной",
        "дополнительный",
    ]
    editor.setCurrentText("основной")
    press_enter(qtbot, panel, editor)
    assert rows_2025(workspace)[2].indicator_kind == "main"
    assert panel.model.paste_text(index, "Дополнительный\n")
    assert rows_2025(workspace)[2].indicator_kind == "additional"
    assert not panel.model.paste_text(index, "главный\n")
    assert "ожидался «основной» или «дополнительный»" in panel.model.last_error
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert rows_2025(workspace)[2].indicator_kind == ""


def test_okei_offers_the_list_and_takes_a_code_or_a_unit(window, workspace, qtbot):
    panel = open_2025(window, workspace)
    index = go_to_field(panel, 2, "okei")
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = panel.view.focusWidget()
    assert isinstance(editor, QComboBox) and editor.isEditable()
    assert editor.itemText(2) == "642 — единица"
    editor.setCurrentIndex(2)
    press_enter(qtbot, panel, editor)
    assert rows_2025(workspace)[2].okei == "642"
    assert panel.model.data(index, Qt.ItemDataRole.ToolTipRole) == "ОКЕИ 642: единица"
    go_to_field(panel, 2, "okei")
    type_into(qtbot, panel, "тыс. рублей")
    assert rows_2025(workspace)[2].okei == "384"
    go_to_field(panel, 2, "okei")
    type_into(qtbot, panel, "9999")  # a code not in the list is kept as typed
    assert rows_2025(workspace)[2].okei == "9999"
    go_to_field(panel, 2, "okei")
    type_into(qtbot, panel, "вёдра")
    assert "не код ОКЕИ и не единица из списка" in panel.messages.text()
    for _ in range(3):
        window.undo_action.trigger()
    assert rows_2025(workspace)[2].okei is None


def test_data_source_is_text(window, workspace, qtbot):
    panel = open_2025(window, workspace)
    go_to_field(panel, 2, "data_source")
    type_into(qtbot, panel, "ФГИС «Моя школа»")
    assert rows_2025(workspace)[2].data_source == "ФГИС «Моя школа»"
    window.undo_action.trigger()
    assert rows_2025(workspace)[2].data_source == ""


def test_breakdown_flag_makes_lines_and_never_drops_values(window, workspace, qtbot):
    panel = open_2025(window, workspace)
    index = go_to_field(panel, 2, BREAKDOWN)
    assert panel.model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    qtbot.keyClick(panel.view, Qt.Key.Key_Space)
    assert [m.name for m in rows_2025(workspace)[2].municipalities] == MUNICIPALITIES
    assert panel.model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    qtbot.keyClick(panel.view, Qt.Key.Key_Space)  # still empty: may be taken away again
    assert rows_2025(workspace)[2].municipalities == []
    window.undo_action.trigger()
    assert len(rows_2025(workspace)[2].municipalities) == 3
    window.undo_action.trigger()
    assert rows_2025(workspace)[2].municipalities == []
    # a breakdown with values is not taken away here (the dialog asks before it removes)
    go_to_field(panel, 0, BREAKDOWN)
    qtbot.keyClick(panel.view, Qt.Key.Key_Space)
    assert "есть значения по муниципалитетам" in panel.messages.text()
    assert len(rows_2025(workspace)[0].municipalities) == 3
    assert not panel.model.paste_text(panel.model.index(0, index.column()), "нет\n")


def test_no_breakdown_without_the_projects_municipalities(window, workspace, qtbot):
    panel = open_tab(window, INDICATORS)  # the demo has no list of municipalities
    panel.column_choice.set_shown(BREAKDOWN, True)
    index = go_to_field(panel, 0, BREAKDOWN)
    assert not panel.model.setData(
        index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert "в проекте нет списка муниципалитетов" in panel.model.last_error


def test_result_type_and_linked_indicators(window, workspace, qtbot):
    panel = open_2025(window, workspace, RESULTS)
    go_to_field(panel, 0, "result_type")
    type_into(qtbot, panel, "Строительство")
    assert rows_2025(workspace, RowKind.RESULT)[0].result_type == "Строительство"
    index = go_to_field(panel, 0, "linked_indicators")
    assert panel.model.data(index) == "1"
    type_into(qtbot, panel, "2; 1")
    assert rows_2025(workspace, RowKind.RESULT)[0].linked_indicators == ["2", "1"]
    assert panel.model.data(index) == "2, 1"
    go_to_field(panel, 0, "linked_indicators")
    type_into(qtbot, panel, "1, 8, 9")
    assert "показателей № 8, № 9 в проекте нет" in panel.messages.text()
    window.undo_action.trigger()
    assert rows_2025(workspace, RowKind.RESULT)[0].linked_indicators == ["1"]
    window.undo_action.trigger()
    assert rows_2025(workspace, RowKind.RESULT)[0].result_type != "Строительство"


def test_rows_pasted_at_the_end_keep_the_fields_and_the_table_keeps_its_own(
    window, workspace, qtbot
):
    panel = open_2025(window, workspace)
    model = panel.model
    first, last = model.column_of_field("task"), model.column_of_field(BREAKDOWN)
    copied = model.copy_text([model.index(r, c) for r in (0, 1) for c in range(first, last + 1)])
    assert copied.startswith("1. Создание условий")
    # the block's second line goes to a row added after the last one
    assert model.paste_text(model.index(model.rowCount() - 1, first), copied, add_rows=True)
    added = rows_2025(workspace)[-1]
    assert (added.task, added.level, added.indicator_kind, added.okei) == (
        "2",
        ["ГП РФ", "РП", "ВДЛ"],
        "additional",
        "744",
    )
    assert [m.name for m in added.municipalities] == MUNICIPALITIES
    # the table was read again (a row added): the rows shown keep their 2025–2030 fields
    assert model.rows[0].level == ["ФП", "РП"] and len(model.rows[0].municipalities) == 3
    window.undo_action.trigger()
    assert len(rows_2025(workspace)) == 3


def test_every_passport_field_is_a_column():
    from cdo_desktop.ui.row_columns import row_columns

    fields = {c.field for kind in RowKind for c in row_columns(kind) if c.hideable}
    assert PASSPORT_2025_COLUMNS <= fields


def test_people_supervisor_and_share_typed_in_the_window_and_undone(window, workspace, qtbot):
    panel = open_2025(window, workspace, PERSONS)
    panel.view.selectionModel().setCurrentIndex(
        panel.model.index(0, SUPERVISOR), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    type_into(qtbot, panel, "Губернатор")
    panel.view.selectionModel().setCurrentIndex(
        panel.model.index(0, SHARE), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    type_into(qtbot, panel, "150")
    assert "от 0 до 100" in panel.messages.text()
    type_into(qtbot, panel, "12,5")
    curator = workspace.store.load(workspace.store.find("Ю1").id).persons[0]
    assert (curator.supervisor, curator.share) == ("Губернатор", Decimal("12.5"))
    window.undo_action.trigger()
    window.undo_action.trigger()
    curator = workspace.store.load(workspace.store.find("Ю1").id).persons[0]
    assert (curator.supervisor, curator.share) == ("", None)


def test_levels_are_picked_several_from_the_list(window, workspace, qtbot):
    panel = open_2025(window, workspace)
    go_to_field(panel, 0, "level")
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = panel.view.focusWidget()
    assert isinstance(editor, SeveralChoice)
    assert editor.currentText() == "ФП, РП"
    assert [editor.itemText(i) for i in range(editor.count())] == list(LEVEL_CODES)
    editor.mark_chosen()  # as when the list opens (a real popup grabs the keyboard)
    assert editor.currentText() == "ФП, РП"
    marked = [editor.itemData(i, Qt.ItemDataRole.CheckStateRole) for i in range(editor.count())]
    assert [
        code for code, m in zip(LEVEL_CODES, marked, strict=True) if m == Qt.CheckState.Checked
    ] == [
        "ФП",
        "РП",
    ]
    for code in ("НП", "РП"):  # НП added, РП taken away
        editor.setCurrentIndex(LEVEL_CODES.index(code))
        editor.activated.emit(LEVEL_CODES.index(code))
    assert editor.currentText() == "НП, ФП"
    press_enter(qtbot, panel, editor)
    assert rows_2025(workspace)[0].level == ["НП", "ФП"]
    window.undo_action.trigger()
    assert rows_2025(workspace)[0].level == ["ФП", "РП"]
