"""History tells changes as people read them: years as years, dates as dates, a person's name
as «ФИО», a project made in the window as such."""

from __future__ import annotations

import re

from cdo_desktop.cli import main
from cdo_desktop.core.history import (
    NEW_PROJECT_SOURCE,
    Change,
    HistoryEntry,
    Section,
    moment_text,
)
from cdo_desktop.core.model import Project
from cdo_desktop.storage import history
from cdo_desktop.storage.editing import ProjectEditor


def test_years_and_numbers_are_shown_as_typed_amounts_as_amounts():
    assert Change(Section.PASSPORT, "years", "2024", "2025").what() == "2024 → 2025"
    assert Change(Section.INDICATORS, "base_year", None, "2019").what() == "– → 2019"
    assert Change(Section.INDICATORS, "number", "1.10", "1.2").what() == "1.10 → 1.2"
    assert Change(Section.INDICATORS, "plan", "12345.5", "2024").what() == "12 345,5 → 2 024"
    assert Change(Section.FINANCING, "amount", "729538.1", None).what() == "729 538,1 → –"
    assert Change(Section.INDICATORS, "base_value", "1000", "1500").what() == "1 000 → 1 500"


def test_a_direction_is_told_in_the_passports_words():
    change = Change(Section.INDICATORS, "direction", "up", "down", row_number="2")
    assert change.what() == "рост → снижение"
    assert change.where() == "Показатель № 2, направление"


def test_a_persons_name_is_their_fio():
    change = Change(Section.PERSONS, "name", "Иванов И.И.", "Петров П.П.", row_name="Петров П.П.")
    assert change.where() == "Ответственные «Петров П.П.», ФИО"
    assert Change(Section.PASSPORT, "name", "а", "б").where() == "Паспорт, наименование"
    assert Change(Section.INDICATORS, "base_year", row_number="2").where() == (
        "Показатель № 2, базовый год"
    )


def test_dates_are_day_month_year_hours_minutes():
    assert moment_text("2026-11-27T14:05:33") == "27.11.2026 14:05"
    assert moment_text("испорчено") == "испорчено"
    entry = HistoryEntry(
        "2026-11-27T09:07:00", "ivanov", "E4", Change(Section.PASSPORT, "goal"), ""
    )
    assert entry.columns()[0] == "27.11.2026 09:07"


def test_stored_changes_read_as_people_read_them(workspace, capsys, db_path):
    project = workspace.store.find("E4")
    editor = ProjectEditor(workspace.store, project.id)
    editor.update_project(last_year=2025)
    entry = history.entries(workspace.database, limit=1)[0]
    assert entry.change.where() == "Паспорт, годы"
    assert entry.change.what() == "2024 → 2025"
    assert entry.columns()[0] == moment_text(entry.at) and "T" not in entry.columns()[0]
    person = workspace.store.load(project.id).persons[0]
    editor.update_person(person.id, name="Петрова А.Б.")
    entry = history.entries(workspace.database, limit=1)[0]
    assert entry.change.where().endswith(", ФИО")
    workspace.store.replace([Project("N1", "Новый")], source=NEW_PROJECT_SOURCE)
    entry = history.entries(workspace.database, limit=1)[0]
    assert entry.source == "«Новый проект…» в окне программы"
    workspace.close()
    assert main(["history", "--db", str(db_path), "--project", "E4"]) == 0
    out = capsys.readouterr().out
    assert "Паспорт, годы\t2024 → 2025" in out
    assert "2 024" not in out
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", out.splitlines()[-1].split("\t")[0])
