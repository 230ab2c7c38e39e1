"""«Экспорт в Excel…» and «Импорт из Excel…»: real dialogs, the preview, cancelling."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog, QFileDialog, QProgressDialog

from cdo_desktop.exchange.excel_export import export_projects
from cdo_desktop.exchange.excel_import import plan_import
from cdo_desktop.exchange.json_format import to_document, write_document
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.excel_dialogs import (
    ImportPreviewDialog,
    ProgressCallback,
    export_to_excel,
    import_from_excel,
)
from tests.ui.modal import when_shown


def dump(workspace) -> str:
    return write_document(to_document(workspace.store.load_all()))


@pytest.fixture
def told(monkeypatch):
    """Messages the functions show, instead of modal boxes."""
    messages = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: messages.append(text))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: messages.append(text))
    return messages


def answer_files(monkeypatch, path):
    asked = []

    def answer(parent, caption, directory, filters):
        asked.append((caption, directory, filters))
        return (str(path) if path else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer))
    return asked


@pytest.fixture
def edited(tmp_path, workspace):
    [path] = export_projects(workspace.store.load_all(), tmp_path / "e4.xlsx")
    book = load_workbook(path)
    sheet = book["Показатели"]
    sheet["I5"] = 40
    sheet.delete_rows(3)
    sheet.append([4, "Новый показатель", "единиц", "да", 1, 2])
    book["Финансирование"]["D2"] = "37 955,3"
    book.save(path)
    return path


def test_export_asks_for_a_file_and_writes_the_project(qtbot, workspace, tmp_path, monkeypatch):
    asked = answer_files(monkeypatch, tmp_path / "выгрузка")
    project_id = workspace.store.find("E4").id
    paths = export_to_excel(None, workspace, project_id)
    assert paths == [tmp_path / "выгрузка.xlsx"]
    assert asked == [("Экспорт в Excel", "E4.xlsx", "Книги Excel (*.xlsx *.xlsm);;Все файлы (*)")]
    assert load_workbook(paths[0]).sheetnames[0] == "Паспорт"


def test_export_cancelled_in_the_file_dialog_writes_nothing(
    qtbot, workspace, tmp_path, monkeypatch
):
    answer_files(monkeypatch, None)
    assert export_to_excel(None, workspace, None) == []
    assert list(tmp_path.glob("*.xlsx")) == []


def test_a_failed_export_is_told(qtbot, workspace, tmp_path, monkeypatch, told):
    answer_files(monkeypatch, tmp_path / "нет папки" / "x.xlsx")
    assert export_to_excel(None, workspace, None) == []
    assert "не удалось записать файл" in told[0]


def test_import_previews_then_applies(qtbot, workspace, edited, monkeypatch):
    answer_files(monkeypatch, edited)
    shown = []

    def accept(dialog):
        shown.append(dialog.summary.text())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportPreviewDialog, "exec", accept)
    assert import_from_excel(None, workspace, None) is True
    assert "Добавляется: 1, изменяется: 2, удаляется: 1" in shown[0]
    project = workspace.store.load(workspace.store.find("E4").id)
    assert [row.number for row in project.indicators] == ["2", "3", "4"]
    assert project.financing[0].total(2019) == Decimal("37955.3")


def test_import_cancelled_in_the_preview_writes_nothing(qtbot, workspace, edited, monkeypatch):
    answer_files(monkeypatch, edited)
    before = dump(workspace)
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert import_from_excel(None, workspace, None) is False
    assert dump(workspace) == before


def test_a_bad_workbook_is_told_and_nothing_is_written(
    qtbot, workspace, tmp_path, monkeypatch, told
):
    bad = tmp_path / "old.xls"
    bad.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + "Workbook".encode("utf-16-le"))
    answer_files(monkeypatch, bad)
    before = dump(workspace)
    assert import_from_excel(None, workspace, None) is False
    assert told == [
        f"Файл «{bad}»: это книга Excel старого формата (.xls); сохраните её в формате .xlsx"
    ]
    assert dump(workspace) == before


def test_the_preview_lists_added_changed_removed(qtbot, workspace, edited, tmp_path):
    dialog = ImportPreviewDialog(plan_import(edited, workspace.store))
    qtbot.addWidget(dialog)
    dialog.show()
    tree = dialog.tree
    sections = {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
    }
    assert list(sections) == ["Замечания (3)", "Показатели (3)", "Финансирование (1)"]
    indicators = sections["Показатели (3)"]
    rows = [
        (indicators.child(i).text(0), indicators.child(i).text(2))
        for i in range(indicators.childCount())
    ]
    assert rows[0][0].startswith("~ 3. Доля общеобразовательных")
    assert rows[1:] == [
        ("+ 4. Новый показатель", "добавляется"),
        (
            "- 1. В Кировской области внедрена целевая модель цифровой образовательной среды",
            "удаляется",
        ),
    ]
    assert rows[0][1] == "изменений: 1"
    value = indicators.child(0).child(0)
    assert [value.text(c) for c in range(3)] == ["план 2021", "38,28", "40,00"]
    assert dialog.apply_button.isEnabled()
    assert dialog.remove_missing.isChecked()
    assert dialog.grab().save(str(tmp_path / "preview.png"))


def test_unticking_removal_keeps_the_rows(qtbot, workspace, edited):
    dialog = ImportPreviewDialog(plan_import(edited, workspace.store))
    qtbot.addWidget(dialog)
    dialog.remove_missing.setChecked(False)
    assert not dialog.plan.remove_missing
    assert "удаляется: 0" in dialog.summary.text()
    indicators = dialog.tree.topLevelItem(1)
    assert not any(
        indicators.child(i).text(2) == "удаляется" for i in range(indicators.childCount())
    )


def test_errors_disable_applying(qtbot, workspace, edited):
    book = load_workbook(edited)
    book["Показатели"]["F4"] = "десять"
    book.save(edited)
    dialog = ImportPreviewDialog(plan_import(edited, workspace.store))
    qtbot.addWidget(dialog)
    assert not dialog.apply_button.isEnabled()
    errors = dialog.tree.topLevelItem(0)
    assert errors.text(0) == "Ошибки (1)"
    assert errors.child(0).text(0) == "Лист «Показатели», ячейка F4: «десять» — не число"
    assert "Ошибок: 1" in dialog.summary.text()


def test_nothing_to_change_disables_applying(qtbot, workspace, tmp_path):
    [path] = export_projects(workspace.store.load_all(), tmp_path / "e4.xlsx")
    dialog = ImportPreviewDialog(plan_import(path, workspace.store))
    qtbot.addWidget(dialog)
    assert not dialog.apply_button.isEnabled()
    assert "Изменений нет" in dialog.summary.text()


def test_apply_and_cancel_buttons(qtbot, workspace, edited):
    dialog = ImportPreviewDialog(plan_import(edited, workspace.store))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted):
        dialog.apply_button.click()
    dialog = ImportPreviewDialog(plan_import(edited, workspace.store))
    qtbot.addWidget(dialog)
    cancel = next(b for b in dialog.buttons.buttons() if b.text() == "Отмена")
    with qtbot.waitSignal(dialog.rejected):
        cancel.click()


def test_the_progress_dialog_cancels(qtbot):
    progress = ProgressCallback(None, "Чтение книги Excel…")
    dialog = progress.dialog
    assert isinstance(dialog, QProgressDialog)
    assert progress(10, 100) is True and dialog.value() == 100
    dialog.cancel()
    assert progress(20, 100) is False
    progress.close()


def test_cancelling_a_long_import_writes_nothing(qtbot, workspace, edited, monkeypatch):
    answer_files(monkeypatch, edited)
    before = dump(workspace)
    real = ProgressCallback.__call__

    def cancel_at_once(self, done, total):
        self.dialog.cancel()
        return real(self, done, total)

    monkeypatch.setattr(ProgressCallback, "__call__", cancel_at_once)
    opened = []
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda dialog: opened.append(dialog) or 1)
    assert import_from_excel(None, workspace, None) is False
    assert opened == [] and dump(workspace) == before


def test_cancelling_a_long_export_leaves_no_file(qtbot, workspace, tmp_path, monkeypatch):
    answer_files(monkeypatch, tmp_path / "e4.xlsx")
    monkeypatch.setattr(ProgressCallback, "__call__", lambda self, done, total: False)
    assert export_to_excel(None, workspace, None) == []
    assert [path.name for path in tmp_path.iterdir()] == ["test.sqlite"]


def test_the_preview_is_shown_modal_and_answers_escape(qtbot, workspace, edited, monkeypatch):
    answer_files(monkeypatch, edited)
    before = dump(workspace)
    seen = []

    def press_escape(dialog: ImportPreviewDialog) -> None:
        seen.append(dialog.windowTitle())
        dialog.reject()

    when_shown(ImportPreviewDialog, press_escape)
    assert import_from_excel(None, workspace, None) is False
    assert seen == ["Импорт из Excel: предварительный просмотр"]
    assert dump(workspace) == before


def test_added_rows_show_their_figures_in_the_preview(qtbot, workspace, edited):
    dialog = ImportPreviewDialog(plan_import(edited, workspace.store))
    qtbot.addWidget(dialog)
    indicators = next(
        dialog.tree.topLevelItem(i)
        for i in range(dialog.tree.topLevelItemCount())
        if dialog.tree.topLevelItem(i).text(0).startswith("Показатели")
    )
    added = next(
        indicators.child(i)
        for i in range(indicators.childCount())
        if indicators.child(i).text(0) == "+ 4. Новый показатель"
    )
    assert added.child(0).text(0) == "2019: план 1, факт 2"
    # Nothing outside the period goes: the tick box that would shorten it is not offered.
    assert not dialog.drop_outside.isVisibleTo(dialog)


# ---------------------------------------------------------------- a new project from a passport


def test_a_code_less_passport_asks_for_the_code_and_makes_a_new_project(
    qtbot, tmp_path, monkeypatch
):
    from cdo_desktop.ui.excel_dialogs import NewProjectCodeDialog
    from cdo_desktop.workspace import open_workspace
    from tests.cli.test_cli_new_project import NAME, passport

    empty = open_workspace(tmp_path / "empty.sqlite", with_demo=False)
    try:
        answer_files(monkeypatch, passport(tmp_path, years="2019–2024"))
        asked, shown = [], []

        def answer(dialog):
            asked.append(dialog.code.text())
            dialog.code.setText("ЦОС-1")
            dialog.accept()

        def accept(dialog):
            shown.append([dialog.summary.text()])
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(ImportPreviewDialog, "exec", accept)
        when_shown(NewProjectCodeDialog, answer)
        assert import_from_excel(None, empty, None) is True
        assert asked == ["ЦОС"]
        assert f"<b>Проект:</b> ЦОС-1 «{NAME}» — новый проект" in shown[0][0]
        [summary] = empty.store.summaries()
        assert (summary.code, summary.name, summary.first_year) == ("ЦОС-1", NAME, 2019)
    finally:
        empty.close()


def test_closing_the_code_dialog_cancels_the_import(qtbot, tmp_path, monkeypatch, told):
    from cdo_desktop.ui.excel_dialogs import NewProjectCodeDialog
    from cdo_desktop.workspace import open_workspace
    from tests.cli.test_cli_new_project import passport

    empty = open_workspace(tmp_path / "empty.sqlite", with_demo=False)
    try:
        answer_files(monkeypatch, passport(tmp_path, years="2019–2024"))
        when_shown(NewProjectCodeDialog, lambda dialog: dialog.reject())
        assert import_from_excel(None, empty, None) is False
        assert empty.store.summaries() == []
        assert told == []
    finally:
        empty.close()
