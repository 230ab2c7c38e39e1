"""Reading workbooks: the program's own export exactly, bad files refused in Russian, the plan."""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import Workbook, load_workbook

from cdo_desktop.core.changes import ChangeConflict
from cdo_desktop.core.errors import DocumentError
from cdo_desktop.core.model import BudgetSource, Direction, Person, PlanFact, RowKind
from cdo_desktop.exchange import excel_source
from cdo_desktop.exchange.excel.furniture import TOTAL_ROW_NOTE
from cdo_desktop.exchange.excel_export import export_projects, write_workbook
from cdo_desktop.exchange.excel_import import plan_import, read_workbook
from cdo_desktop.exchange.excel_progress import Cancelled
from cdo_desktop.exchange.import_plan import Action, Section, Severity, apply_plan, build_plan
from cdo_desktop.exchange.json_format import to_document, write_document
from cdo_desktop.storage import store as projects_module
from cdo_desktop.storage.applying import Applier
from cdo_desktop.storage.editing import ProjectEditor
from cdo_desktop.workspace import demo_projects, open_workspace
from tests.exchange.test_excel_seed import INDICATORS, plan_fact_table
from tests.strategies import projects


def not_totals(problems):
    """The problems but the note every exported «Итого» row gets: it is skipped, not read."""
    return [p for p in problems if p.message != TOTAL_ROW_NOTE]


def document(project) -> str:
    return write_document(to_document([project]))


# ---------------------------------------------------------------------------- round trip


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(project=projects())
def test_export_then_import_gives_the_same_document(project, tmp_path_factory):
    folder = tmp_path_factory.mktemp("roundtrip")
    [path] = export_projects([project], folder / "project.xlsx")
    plan = build_plan(read_workbook(path), None, file=str(path))
    assert not_totals(plan.problems) == []
    assert document(plan.project) == document(project)


def test_the_demo_round_trips_through_a_fresh_database(tmp_path):
    [path] = export_projects(demo_projects(), tmp_path / "e4.xlsx")
    store = open_workspace(tmp_path / "fresh.sqlite", with_demo=False)
    try:
        plan = plan_import(path, store.store)
        apply_plan(store.store, plan)
        [stored] = store.store.load_all()
    finally:
        store.close()
    assert document(stored) == document(demo_projects()[0])


def test_own_export_into_its_own_database_changes_nothing(tmp_path, workspace):
    [path] = export_projects(workspace.store.load_all(), tmp_path / "e4.xlsx")
    plan = plan_import(path, workspace.store)
    assert plan.existing is not None and plan.changes == [] and not_totals(plan.problems) == []


# ---------------------------------------------------------------------------- the plan


@pytest.fixture
def edited(tmp_path, workspace):
    """The demo exported, then edited in the workbook as an official would."""
    [path] = export_projects(workspace.store.load_all(), tmp_path / "e4.xlsx")
    book = load_workbook(path)
    sheet = book["Показатели"]
    sheet["I5"] = 40  # indicator 3, plan 2021: 38,28 → 40
    sheet["F4"] = None  # indicator 2, fact 2019: 10 → none
    sheet.delete_rows(3)  # indicator 1 goes
    sheet.append([4, "Новый показатель", "единиц", "да", 1, 2])
    book["Финансирование"]["D2"] = "37 955,3"
    book["Паспорт"]["B7"] = "новая цель"
    book.save(path)
    return path


def test_the_plan_lists_every_change_value_by_value(edited, workspace):
    plan = plan_import(edited, workspace.store)
    described = {(c.action, c.section, c.item.split(".")[0], c.describe()) for c in plan.changes}
    assert (Action.CHANGE, Section.INDICATORS, "3", "план 2021: 38,28 → 40,00") in described
    assert (Action.CHANGE, Section.INDICATORS, "2", "факт 2019: 10 → –") in described
    assert (Action.ADD, Section.INDICATORS, "4", "4. Новый показатель") in described
    removed = [c for c in plan.changes if c.action is Action.REMOVE]
    assert [c.item[:2] for c in removed] == ["1."]
    assert (Action.CHANGE, Section.FINANCING, "1", "2019: 37 955,2 → 37 955,3") in described
    goal = next(c for c in plan.changes if c.field == "goal")
    assert goal.new == "новая цель" and goal.old.startswith("создание")
    assert plan.counts() == {Action.ADD: 1, Action.CHANGE: 4, Action.REMOVE: 1}
    # The totals the official left alone are noted, not imported.
    assert {p.location for p in not_totals(plan.warnings)} == {
        "лист «Финансирование», ячейка J2",
        "лист «Финансирование», ячейка D4",
    }
    change = next(c for c in plan.changes if c.field == "plan:2021")
    assert (change.old, change.new) == (Decimal("38.28"), Decimal("40.00"))


def test_applying_writes_exactly_the_plan(edited, workspace):
    plan = plan_import(edited, workspace.store)
    apply_plan(workspace.store, plan)
    stored = workspace.store.load(workspace.store.find("E4").id)
    assert [row.number for row in stored.indicators] == ["2", "3", "4"]
    assert stored.indicators[1].values[2021].plan == Decimal("40.00")
    assert stored.indicators[0].values[2019] == PlanFact(Decimal(10), None)
    assert stored.goal == "новая цель"
    assert document(stored) == document(plan.project)
    # Nothing was left to change.
    assert plan_import(edited, workspace.store).changes == []


def test_keep_missing_keeps_the_rows_the_file_lacks(edited, workspace):
    plan = plan_import(edited, workspace.store, remove_missing=False)
    assert not [c for c in plan.changes if c.action is Action.REMOVE]
    # A row the file lacks keeps its place: before the rows that followed it in the database.
    assert [row.number for row in plan.project.indicators] == ["1", "2", "3", "4"]
    assert plan.rebuilt(remove_missing=True).counts()[Action.REMOVE] == 1


def test_rows_match_by_number_and_name(workspace):
    existing = workspace.store.load(workspace.store.find("E4").id)
    incoming = read_like(existing)
    first, second, third = incoming.indicators
    first.row.number, second.row.number = "2", "1"  # renumbered: found by name
    third.row.name = "Доля школ, оснащённых для цифровой среды"  # renamed: found by number
    plan = build_plan(incoming, existing, file="x")
    assert {(c.item[:1], c.field) for c in plan.changes} == {
        ("1", "number"),
        ("2", "number"),
        ("3", "name"),
    }
    incoming.indicators.reverse()
    plan = build_plan(incoming, existing, file="x")
    assert [c.describe() for c in plan.changes if c.field == "order"] == [
        "порядок строк: «как в базе» → «как в файле»"
    ]


def read_like(project):
    """The Incoming a workbook of this very project gives."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.xlsx"
        write_workbook(project, path)
        return read_workbook(path)


def test_equal_numbers_keep_their_digits(workspace):
    existing = workspace.store.load(workspace.store.find("E4").id)
    incoming = read_like(existing)
    source = incoming.financing[1].line.sources[0]
    source.values[2020] = Decimal("13264.9")  # the database has 13264.90
    plan = build_plan(incoming, existing, file="x")
    assert plan.changes == []
    assert str(plan.project.financing[1].sources[0].values[2020]) == "13264.90"


def test_a_new_project_needs_a_code(tmp_path, workspace):
    book = Workbook()
    plan_fact_table(book.active, 1, 1, "Показатель/единица измерения", INDICATORS)
    book.save(tmp_path / "t.xlsx")
    plan = plan_import(tmp_path / "t.xlsx", workspace.store)
    assert plan.has_errors and "не указан код проекта" in plan.errors[0].message
    # Named in the command, or open in the window, the project is known.
    assert plan_import(tmp_path / "t.xlsx", workspace.store, project="E4").changes == []
    fallback = workspace.store.find("E4").id
    assert plan_import(tmp_path / "t.xlsx", workspace.store, fallback_id=fallback).changes == []


def test_a_code_typed_in_cyrillic_is_the_same_project(tmp_path, workspace):
    [path] = export_projects(workspace.store.load_all(), tmp_path / "e4.xlsx")
    book = load_workbook(path)
    book["Паспорт"]["B1"] = "Е4"  # Cyrillic Е
    book.save(path)
    plan = plan_import(path, workspace.store)
    assert plan.project.code == "E4" and plan.changes == []


def test_the_project_option_overrides_the_files_code(tmp_path, workspace):
    project = demo_projects()[0]
    project.code = "X9"
    [path] = export_projects([project], tmp_path / "x9.xlsx")
    plan = plan_import(path, workspace.store, project="E4")
    assert plan.project.code == "E4" and plan.changes == []
    assert "X9" in not_totals(plan.warnings)[0].message


def test_sources_with_parents_and_totals_round_trip(tmp_path):
    project = demo_projects()[0]
    project.financing[0].sources = [
        BudgetSource("бюджет субъекта", None, {2019: Decimal("100.5")}),
        BudgetSource("из них: МБТ", "бюджет субъекта", {2019: Decimal("60"), 2020: Decimal("7")}),
        BudgetSource("внебюджетные источники", None, {2021: Decimal("5")}),
    ]
    project.indicators[0].direction = Direction.DOWN
    project.indicators[0].base_value, project.indicators[0].base_year = Decimal("0.5"), 2018
    project.results[0].characteristic = "Характеристика результата"
    [path] = export_projects([project], tmp_path / "e4.xlsx")
    plan = build_plan(read_workbook(path), None, file="e4.xlsx")
    assert not_totals(plan.problems) == []
    assert document(plan.project) == document(project)


def test_the_persons_sheet_is_the_whole_list(tmp_path):
    project = demo_projects()[0]
    project.persons.append(Person("ответственный", "И.И. Иванов", "специалист", "+7 8332 00"))
    [path] = export_projects([project], tmp_path / "e4.xlsx")
    assert read_workbook(path).persons == project.persons


def test_percent_cells_are_read_as_shown(tmp_path):
    book = Workbook()
    plan_fact_table(book.active, 1, 1, "Показатель/единица измерения", INDICATORS)
    cell = book.active["G5"]  # indicator 3, plan 2021
    cell.value, cell.number_format = 0.3828, "0.00%"
    book.save(tmp_path / "t.xlsx")
    assert str(read_workbook(tmp_path / "t.xlsx").indicators[2].row.values[2021].plan) == "38.28"


# ---------------------------------------------------------------------------- bad input


def seed_book(tmp_path, edit=None, name="t.xlsx"):
    """The seed's indicator table on a sheet «Показатели»; rows 3–4 header, 5–7 data."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Показатели"
    plan_fact_table(sheet, 3, 1, "Показатель/единица измерения", INDICATORS)
    if edit:
        edit(sheet)
    path = tmp_path / name
    book.save(path)
    return path


def error_of(path) -> str:
    with pytest.raises(DocumentError) as caught:
        read_workbook(path)
    return str(caught.value)


def errors_of(path) -> list[str]:
    incoming = read_workbook(path)
    return [str(p.as_error(str(path))) for p in incoming.problems if p.severity is Severity.ERROR]


def test_a_word_in_a_value_cell_names_sheet_and_cell(tmp_path):
    path = seed_book(tmp_path, lambda sheet: sheet.__setitem__("F7", "десять"))
    assert errors_of(path) == [f"Файл «{path}», лист «Показатели», ячейка F7: «десять» — не число"]


def test_every_bad_value_is_reported_not_only_the_first(tmp_path):
    def edit(sheet):
        sheet["C5"] = "1,2,3"
        sheet["D6"] = True
        sheet["E7"] = "#DIV/0!"
        sheet["F7"] = datetime(2020, 12, 31)

    assert [re.sub(r".*ячейка ", "", e) for e in errors_of(seed_book(tmp_path, edit))] == [
        "C5: «1,2,3» — не число",
        "D6: логическое значение, а не число",
        "E7: ошибка в формуле: #DIV/0!",
        "F7: дата, а не число",
    ]


def test_a_year_twice(tmp_path):
    path = seed_book(tmp_path, lambda sheet: sheet.__setitem__("I3", 2019))
    [message] = errors_of(path)
    assert message.endswith("ячейка I3: год 2019 указан дважды (уже в ячейке C3)")


def test_a_formula_without_a_cached_value(tmp_path):
    path = seed_book(tmp_path, lambda sheet: sheet.__setitem__("F7", "=1+2"))
    [message] = errors_of(path)
    assert "ячейка F7: формула «=1+2» без вычисленного значения" in message


def test_a_year_by_a_formula_without_a_value(tmp_path):
    path = seed_book(tmp_path, lambda sheet: sheet.__setitem__("E3", "=C3+1"))
    assert "ячейка E3: формула «=C3+1» без вычисленного значения" in errors_of(path)[0]


def test_a_formula_with_its_cached_value_is_read(tmp_path):
    path = seed_book(tmp_path, lambda sheet: sheet.__setitem__("F7", "=1+2"))
    rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace("<f>1+2</f><v />", "<f>1+2</f><v>3</v>"),
    )
    assert read_workbook(path).indicators[2].row.values[2020].fact == 3


def rewrite(path, member, change):
    """Replace one part of an xlsx archive, as a damaged or hostile file would have it."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    text = parts[member].decode("utf-8")
    changed = change(text)
    assert changed != text, "the rewrite found nothing to change"
    parts[member] = changed.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def ole_file(path, stream_name: str) -> None:
    """An OLE compound file whose directory names `stream_name` (UTF-16, as OLE stores it)."""
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
    entry = stream_name.encode("utf-16-le").ljust(64, b"\0") + bytes(64)
    path.write_bytes(header + entry + bytes(4096))


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.write_text("№;Показатель\n1;x\n"), "это не книга Excel (.xlsx)"),
        (lambda p: p.write_bytes(b""), "файл пустой"),
        (lambda p: p.write_text("<html><table></table></html>"), "в формате XML или HTML"),
        (lambda p: ole_file(p, "Workbook"), "книга Excel старого формата (.xls)"),
        (lambda p: ole_file(p, "EncryptedPackage"), "книга защищена паролем"),
        (lambda p: zip_of(p, {"word/document.xml": "<w/>"}), "это документ Word"),
        (lambda p: zip_of(p, {"a.txt": "x"}), "это архив, но не книга Excel"),
        (lambda p: zip_of(p, {"mimetype": "x", "content.xml": "<x/>"}), "OpenDocument (.ods)"),
    ],
    ids=["csv", "empty", "html", "xls", "password", "docx", "zip", "ods"],
)
def test_files_that_are_not_workbooks(tmp_path, make, expected):
    path = tmp_path / "data.xlsx"
    make(path)
    message = error_of(path)
    assert message.startswith(f"Файл «{path}»") and expected in message


def zip_of(path, parts):
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)


def test_a_missing_file_and_a_folder(tmp_path):
    assert "файл не найден" in error_of(tmp_path / "нет.xlsx")
    assert "это папка" in error_of(tmp_path)


def test_a_truncated_workbook(tmp_path):
    path = seed_book(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert "повреждён или обрезан" in error_of(path)


def test_a_workbook_with_broken_xml(tmp_path):
    path = seed_book(tmp_path)
    rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace("</sheetData>", "<row>"))
    message = error_of(path)
    assert "повреждён" in message and "лист «Показатели»" in message


def test_a_damaged_archive_member(tmp_path):
    path = seed_book(tmp_path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    data[start : start + 40] = bytes(40)  # compressed sheet data overwritten: a bad CRC
    path.write_bytes(bytes(data))
    assert "повреждён" in error_of(path)


def test_an_xml_bomb_is_refused_before_it_expands(tmp_path):
    path = seed_book(tmp_path)
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)
        )
        + "]>"
    )
    rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace("<worksheet", bomb + "<worksheet", 1),
    )
    assert "XML-бомб" in error_of(path)


def test_a_file_too_large(tmp_path, monkeypatch):
    path = seed_book(tmp_path)
    monkeypatch.setattr(excel_source, "MAX_FILE_BYTES", 1000)
    assert "файл слишком большой" in error_of(path)


def test_a_zip_bomb(tmp_path, monkeypatch):
    path = seed_book(tmp_path)
    monkeypatch.setattr(excel_source, "MAX_UNPACKED_BYTES", 2_000)
    assert "распаковывается" in error_of(path)


def test_a_workbook_without_any_table(tmp_path):
    book = Workbook()
    book.active["A1"] = "Список дел"
    book.active["B2"] = 42
    book.save(tmp_path / "t.xlsx")
    assert "не найдено ни одной таблицы" in error_of(tmp_path / "t.xlsx")


def test_a_cancelled_read(tmp_path):
    path = seed_book(tmp_path)
    with pytest.raises(Cancelled):
        read_workbook(path, lambda done, total: False)


# ---------------------------------------------------------------------------- the database


def test_a_failure_halfway_leaves_the_database_unchanged(edited, workspace, monkeypatch):
    before = document(workspace.store.load(workspace.store.find("E4").id))
    plan = plan_import(edited, workspace.store)
    real = Applier.apply
    applied = []

    def half(self, change):
        if len(applied) == 3:  # some values written in place, then...
            raise RuntimeError("disk full")
        applied.append(change)
        return real(self, change)

    monkeypatch.setattr(Applier, "apply", half)
    with pytest.raises(RuntimeError):
        apply_plan(workspace.store, plan)
    monkeypatch.undo()
    assert len(applied) == 3
    assert [s.code for s in workspace.store.summaries()] == ["E4"]
    assert document(workspace.store.load(workspace.store.find("E4").id)) == before


def test_a_plan_made_stale_is_not_applied(edited, workspace, monkeypatch):
    plan = plan_import(edited, workspace.store)
    # Someone saved the project while the preview was open (a second later: stamps are seconds).
    monkeypatch.setattr(projects_module, "now_stamp", lambda: "2099-01-01T00:00:00")
    [project] = workspace.store.load_all()
    project.goal = "Другая цель"
    workspace.store.replace([project])
    with pytest.raises(Exception, match="изменился после предварительного просмотра"):
        apply_plan(workspace.store, plan)


def test_a_plan_with_errors_is_not_applied(tmp_path, workspace):
    path = seed_book(tmp_path, lambda sheet: sheet.__setitem__("F7", "десять"))
    plan = plan_import(path, workspace.store, project="E4")
    with pytest.raises(DocumentError, match="десять"):
        apply_plan(workspace.store, plan)


def test_a_table_year_outside_the_passport_term_is_an_error(tmp_path, workspace):
    [path] = export_projects(workspace.store.load_all(), tmp_path / "e4.xlsx")
    book = load_workbook(path)
    book["Паспорт"]["B9"] = "2019–2023"
    book.save(path)
    assert [e.split(", ", 1)[1] for e in errors_of(path)] == [
        f"лист «{sheet}», ячейка {cell}: год 2024 вне срока реализации проекта 2019–2023, "
        "указанного в паспорте"
        for sheet, cell in (("Показатели", "O1"), ("Результаты", "O1"), ("Финансирование", "I1"))
    ]


def test_a_longer_term_is_a_change_of_the_project(tmp_path, workspace):
    [path] = export_projects(workspace.store.load_all(), tmp_path / "e4.xlsx")
    book = load_workbook(path)
    book["Паспорт"]["B9"] = "2019 - 2030 годы"
    book.save(path)
    plan = plan_import(path, workspace.store)
    assert [c.describe() for c in plan.changes] == ["срок реализации: «2019–2024» → «2019–2030»"]
    assert plan.project.years == range(2019, 2031)


def test_a_value_changed_since_the_preview_is_a_conflict_and_nothing_is_written(edited, workspace):
    plan = replace(plan_import(edited, workspace.store), existing_stamp=None)
    project_id = workspace.store.find("E4").id
    third = workspace.store.load_rows(project_id, RowKind.INDICATOR)[2]
    # Another copy writes the very cell the import changes (38,28 → 40) after the preview.
    ProjectEditor(workspace.store, project_id).set_plan_fact_values(
        [(third.id, 2021, "plan", Decimal("777"))]
    )
    before = document(workspace.store.load(project_id))
    with pytest.raises(ChangeConflict, match="777"):
        apply_plan(workspace.store, plan)
    assert document(workspace.store.load(project_id)) == before


def test_a_one_cell_import_keeps_every_id_and_writes_one_history_entry(tmp_path, workspace):
    second = demo_projects()[0]
    second.code, second.name = "E2", "Второй проект"
    workspace.store.replace([second])
    first_id = workspace.store.find("E4").id
    ids_before = _ids(workspace.store.load(first_id))
    [path] = export_projects([workspace.store.load(first_id)], tmp_path / "one.xlsx")
    book = load_workbook(path)
    book["Показатели"]["I5"] = 40
    book.save(path)
    history_before = len(workspace.store.history())
    apply_plan(workspace.store, plan_import(path, workspace.store, project="E4"))
    after = workspace.store.load(first_id)
    assert _ids(after) == ids_before
    assert after.indicators[2].value(2021).plan == 40
    entries = workspace.store.history()
    assert len(entries) == history_before + 1
    assert (entries[0].change.year, entries[0].change.field) == (2021, "plan")
    assert Decimal(entries[0].change.new) == 40


def _ids(project):
    return (
        [row.id for row in project.indicators],
        [row.id for row in project.results],
        [(line.id, [s.id for s in line.sources]) for line in project.financing],
        [person.id for person in project.persons],
    )


def test_the_preview_and_what_is_applied_are_the_same_changes(edited, workspace):
    """The store applies plan.edits (the one diff); the preview's lines are told from them."""
    from cdo_desktop.core.changes import AddItem, RemoveItem, SetValue

    plan = plan_import(edited, workspace.store)
    values = [c for c in plan.changes if c.field.split(":")[0] in ("plan", "fact", "amount")]
    edited_values = [
        e
        for e in plan.edits
        if isinstance(e, SetValue) and e.where.field in ("plan", "fact", "amount")
    ]
    assert len(values) == len(edited_values) > 0
    assert sorted(str(c.new) for c in values) == sorted(str(e.new) for e in edited_values)
    added = [c for c in plan.changes if c.action is Action.ADD]
    removed = [c for c in plan.changes if c.action is Action.REMOVE]
    assert len(added) == sum(isinstance(e, AddItem) for e in plan.edits)
    assert len(removed) == sum(isinstance(e, RemoveItem) for e in plan.edits)


def test_a_financing_line_named_fact_is_data_not_a_plan_fact_header(tmp_path):
    """Found by hypothesis: «ФАКТ» in the name column under the header is a line's name."""
    from cdo_desktop.core.model import FinancingLine, Project

    project = Project(
        code="A0",
        name="0",
        first_year=2018,
        last_year=2018,
        financing=[FinancingLine("1", "ФАКТ", sources=[BudgetSource("все источники", values={})])],
    )
    [path] = export_projects([project], tmp_path / "fact.xlsx")
    incoming = read_workbook(path)
    assert not_totals(incoming.problems) == []
    assert [line.line.name for line in incoming.financing] == ["ФАКТ"]


def test_a_one_cell_import_is_previewed_as_the_one_change_the_store_applies(tmp_path, workspace):
    from cdo_desktop.core.changes import SetValue

    first_id = workspace.store.find("E4").id
    [path] = export_projects([workspace.store.load(first_id)], tmp_path / "one.xlsx")
    book = load_workbook(path)
    book["Показатели"]["I5"] = 40
    book.save(path)
    plan = plan_import(path, workspace.store, project="E4")
    [edit] = plan.edits
    assert isinstance(edit, SetValue) and (edit.where.year, edit.where.field) == (2021, "plan")
    [line] = plan.changes
    assert line.action is Action.CHANGE and line.item.startswith("3. Доля")
    assert line.describe() == "план 2021: 38,28 → 40,00"  # typed in a 0,00 cell: as shown
