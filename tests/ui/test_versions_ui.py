"""«Версии» in the window: fix a version (basis asked), list and compare, the request draft whose
justifications are saved at once and found again after the program is closed and opened."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from cdo_desktop.core.changes import SetValue, Where
from cdo_desktop.core.history import Section
from cdo_desktop.storage.versions import list_versions, read_draft
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.commands import versions as commands
from cdo_desktop.ui.versions_dialog import NOW, VersionsDialog
from cdo_desktop.ui.versions_request import JUSTIFICATION, ChangeRequestDialog
from cdo_desktop.workspace import open_workspace


@pytest.fixture
def infos(monkeypatch):
    told = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: told.append(text))
    return told


def fix(window, monkeypatch, basis="утверждён"):
    monkeypatch.setattr(commands, "ask_basis", lambda parent, title, label: basis)
    window.version_commands.fix_action.trigger()


def change_plan(window, value):
    project = window.stored_project()
    row = project.indicators[0]
    where = Where(project.id, Section.INDICATORS, row.id, "plan", 2021)
    window.workspace.store.apply([SetValue(where, row.value(2021).plan, value)])


def test_a_version_is_fixed_with_the_basis_asked(window, monkeypatch):
    assert window.menuBar().actions()[2].text() == "В&ерсии"
    fix(window, monkeypatch)
    [version] = list_versions(window.workspace.store, window.stored_id())
    assert (version.number, version.basis) == (1, "утверждён")
    assert window.statusBar().currentMessage() == "Версия 1 зафиксирована"
    monkeypatch.setattr(commands, "ask_basis", lambda parent, title, label: None)  # «Отмена»
    window.version_commands.fix_action.trigger()
    assert len(list_versions(window.workspace.store, window.stored_id())) == 1


def test_versions_are_listed_and_compared_with_now_and_with_each_other(window, monkeypatch):
    fix(window, monkeypatch)
    change_plan(window, Decimal("99"))
    fix(window, monkeypatch, "после правки")
    dialog = VersionsDialog(window.workspace.store, window.stored_project(), window)
    assert dialog.version_table.rowCount() == 2
    assert dialog.version_table.item(0, 3).text() == "после правки"  # the last one first
    assert dialog.newer.currentText() == NOW
    assert dialog.count.text() == "Изменений нет."
    dialog.older.setCurrentIndex(0)
    table = dialog.change_table
    assert [table.item(0, c).text() for c in range(6)] == [
        "Показатель", "1", "план", "2021", "1", "99",
    ]  # fmt: skip
    assert dialog.count.text() == "Изменено: 1 значение."
    dialog.newer.setCurrentIndex(1)
    assert table.rowCount() == 1
    dialog.close()


def test_justifications_are_saved_at_once_and_survive_closing_the_program(
    window, monkeypatch, workspace, db_path
):
    fix(window, monkeypatch)
    change_plan(window, Decimal("99"))
    dialog = ChangeRequestDialog(window.workspace.store, window.stored_project(), window)
    assert dialog.table.rowCount() == 1
    dialog.table.item(0, JUSTIFICATION).setText("уточнён план")
    dialog.basis_box.setCurrentText("приведение в соответствие с законом о бюджете")
    dialog.save()
    dialog.close()
    project_id = window.stored_id()
    window.close()
    workspace.close()

    reopened = open_workspace(db_path, daily_backup=False)
    try:
        draft = read_draft(reopened.store, project_id)
        assert draft.justifications == {"Показатель № 1, 2021, план": "уточнён план"}
        assert draft.basis == "приведение в соответствие с законом о бюджете"
        again = ChangeRequestDialog(reopened.store, reopened.store.load(project_id))
        assert again.table.item(0, JUSTIFICATION).text() == "уточнён план"
        again.table.item(0, JUSTIFICATION).setText("")  # edited later: cleared
        assert read_draft(reopened.store, project_id).justifications == {}
        again.close()
    finally:
        reopened.close()


def test_the_request_is_saved_as_pdf_and_xlsx_and_marked_sent(
    window, monkeypatch, tmp_path, always_yes, infos
):
    fix(window, monkeypatch)
    change_plan(window, Decimal("99"))
    dialog = ChangeRequestDialog(window.workspace.store, window.stored_project(), window)
    dialog.table.item(0, JUSTIFICATION).setText("уточнён план")
    assert dialog.save_pdf(tmp_path / "запрос.pdf").read_bytes().startswith(b"%PDF")
    sheet = load_workbook(dialog.save_xlsx(tmp_path / "запрос.xlsx")).active
    assert "уточнён план" in [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    dialog.mark_sent()
    store, project_id = window.workspace.store, window.stored_id()
    assert read_draft(store, project_id) is None
    assert [v.number for v in list_versions(store, project_id)] == [1, 2]
    assert infos == ["Запрос отмечен отправленным; версия 2 зафиксирована."]


def test_no_request_without_a_version(window, infos):
    window.version_commands.request_action.trigger()
    assert "сначала зафиксируйте версию" in infos[0]


def test_a_request_with_nothing_typed_is_marked_sent_too(window, monkeypatch, always_yes, infos):
    fix(window, monkeypatch)
    change_plan(window, Decimal("99"))
    dialog = ChangeRequestDialog(window.workspace.store, window.stored_project(), window)
    dialog.mark_sent()
    store, project_id = window.workspace.store, window.stored_id()
    assert read_draft(store, project_id) is None
    [sent] = store.execute("SELECT from_version, sent FROM change_request").fetchall()
    assert tuple(sent) == (1, 1)
    assert [v.basis for v in list_versions(store, project_id)][1] == (
        "запрос на изменение от версии 1 отправлен"
    )
