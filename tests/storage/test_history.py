"""The change history: every kind of change recorded with its transaction, and kept."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from cdo_desktop.cli import main
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import Person, PlanFactRow, RowKind
from cdo_desktop.storage import history
from cdo_desktop.storage.database import connect
from cdo_desktop.storage.editing import ProjectEditor
from cdo_desktop.storage.migrations import MIGRATIONS
from cdo_desktop.workspace import open_workspace


@pytest.fixture
def editor(workspace):
    return ProjectEditor(workspace.store, workspace.store.find("E4").id)


def newest(workspace, **filters):
    return history.entries(workspace.database, **filters)[0]


def test_a_cell_edit_is_recorded_with_who_when_where(workspace, editor):
    row_id = workspace.store.load_rows(editor.project_id, RowKind.INDICATOR)[2].id
    editor.set_plan_fact_values([(row_id, 2021, "plan", Decimal(40))])
    entry = newest(workspace)
    assert entry.project_code == "E4"
    assert entry.user == history.os_user() and entry.user
    assert entry.source == "правка в окне программы"
    assert entry.change.where() == "Показатель № 3, 2021, план"
    assert entry.change.what() == "38,28 → 40"
    assert (entry.change.old, entry.change.new) == ("38.28", "40")


def test_undoing_is_recorded_as_a_change_back(workspace, editor):
    row_id = workspace.store.load_rows(editor.project_id, RowKind.RESULT)[3].id
    editor.set_plan_fact_values([(row_id, 2020, "fact", Decimal(7))])
    editor.set_plan_fact_values([(row_id, 2020, "fact", Decimal("6.0"))])
    back, forth = history.entries(workspace.database, section=Section.RESULTS, limit=2)
    assert (forth.change.old, forth.change.new) == ("6.0", "7")
    assert (back.change.old, back.change.new) == ("7", "6.0")


def test_rows_people_passport_and_financing_are_recorded(workspace, editor):
    editor.insert_row(RowKind.RESULT, 4, PlanFactRow("5", "Новый результат"))
    assert newest(workspace).change.what() == "– → Новый результат"
    editor.update_project(goal="Новая цель")
    assert newest(workspace).change.where() == "Паспорт, цель"
    editor.insert_person(2, Person("ответственный", "Иванова И.И."))
    assert newest(workspace).change.new == "ответственный Иванова И.И."
    line = workspace.store.load(editor.project_id).financing[1]
    editor.set_amounts([(line.sources[0].id, 2024, Decimal("100.5"))])
    entry = newest(workspace)
    assert entry.change.where() == "Финансирование № 2, все источники, 2024, сумма"
    assert entry.change.what() == "– → 100,5"


def test_a_failed_change_leaves_no_history(workspace, editor):
    before = len(history.entries(workspace.database))
    with pytest.raises(Exception):  # noqa: B017 - the database refuses the unknown row
        editor.set_plan_fact_values([(999_999, 2021, "plan", Decimal(1))])
    assert len(history.entries(workspace.database)) == before


def test_load_records_value_by_value_and_survives_restart(capsys, tmp_path, db_path):
    main(["dump", "--db", str(db_path), "-o", str(tmp_path / "a.json")])
    document = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    document["projects"][0]["results"][2]["values"]["2020"]["fact"] = 42
    (tmp_path / "b.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert main(["load", str(tmp_path / "b.json"), "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["history", "--db", str(db_path), "--project", "E4"]) == 0
    out = capsys.readouterr().out
    assert "Результат № 3, 2020, факт\t41,1 → 42\tзагрузка файла" in out
    assert "демонстрационный проект" in out


def test_history_command_filters_by_date(capsys, db_path):
    main(["projects", "--db", str(db_path)])
    capsys.readouterr()
    assert main(["history", "--db", str(db_path), "--since", "01.01.2100"]) == 0
    assert capsys.readouterr().out == "Изменений не найдено.\n"
    assert main(["history", "--db", str(db_path), "--since", "вчера"]) == 1
    assert "не дата" in capsys.readouterr().err


def test_migration_is_recorded(db_path):
    database = connect(db_path)
    with database.atomic():
        for version, migration in enumerate(MIGRATIONS[:2], start=1):
            migration.upgrade(database)
            database.pragma("user_version", version)
    database.close()
    store = open_workspace(db_path)
    try:
        entry = newest(store)
        assert entry.source == "обновление схемы базы данных"
        assert (entry.change.old, entry.change.new) == ("2", str(len(MIGRATIONS)))
    finally:
        store.close()


def test_a_load_records_exactly_the_values_it_changes(workspace):
    new = workspace.store.load_all()[0]
    new.results[0].values[2021].fact = Decimal(220)
    new.financing[0].sources[0].values[2024] = Decimal(5)
    new.participants.append("Новый участник")
    del new.indicators[1]
    before = len(history.entries(workspace.database))
    workspace.store.replace([new], source="загрузка")
    entries = history.entries(workspace.database)[
        : len(history.entries(workspace.database)) - before
    ]
    changes = {
        (c.section, c.row_number, c.year, c.field, c.old, c.new)
        for c in (e.change for e in entries)
    }
    assert (Section.RESULTS, "1", 2021, "fact", None, "220") in changes
    assert (Section.FINANCING, "1", 2024, "amount", None, "5") in changes
    assert (Section.PARTICIPANTS, "", None, "participant", None, "Новый участник") in changes
    assert any(c[0] is Section.INDICATORS and c[3] == "row" and c[5] is None for c in changes)
    assert len(changes) == 4
