"""An import never shortens a project's period without a yes, and never merges another period."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook

from cdo_desktop.cli import main
from cdo_desktop.exchange.excel_import import plan_import
from cdo_desktop.exchange.import_period import values_outside
from cdo_desktop.exchange.import_plan import Section, apply_plan, describe_plan
from cdo_desktop.workspace import demo_projects, open_workspace

DEMO = demo_projects()[0]  # 2019–2024, figures in 2023 and 2024, financing up to 2023


def passport(tmp_path, years: str, name: str = "p.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.title = "Паспорт"
    sheet.append(["Код проекта", "E4"])
    sheet.append(["Срок реализации", years])
    path = tmp_path / name
    book.save(path)
    return path


def test_the_values_outside_a_period_are_counted():
    assert values_outside(DEMO, 2019, 2024) == 0
    late = values_outside(DEMO, 2019, 2022)
    financing_2023 = sum(
        1 for line in DEMO.financing for s in line.sources if s.values.get(2023) is not None
    )
    assert late > financing_2023 > 0


def test_a_shorter_period_becomes_the_union_and_nothing_goes(tmp_path, workspace):
    plan = plan_import(passport(tmp_path, "2019–2022"), workspace.store)
    assert not plan.has_errors
    assert (plan.project.first_year, plan.project.last_year) == (2019, 2024)
    assert plan.changes == []
    assert plan.outside_period == values_outside(DEMO, 2019, 2022)
    [note] = plan.warnings
    assert "2019–2022 короче срока проекта 2019–2024" in note.message
    assert "--drop-outside-period" in note.message
    assert "Замечания:" in describe_plan(plan)


def test_a_confirmed_shorter_period_removes_and_lists_every_value(tmp_path, workspace):
    plan = plan_import(passport(tmp_path, "2019–2022"), workspace.store, drop_outside_period=True)
    assert (plan.project.first_year, plan.project.last_year) == (2019, 2022)
    gone = [c for c in plan.changes if c.field.endswith((":2023", ":2024"))]
    assert len(gone) == plan.outside_period
    # Financing amounts removed are listed like every other value.
    amounts = [c for c in gone if c.section is Section.FINANCING]
    assert amounts and all(c.new is None and c.old is not None for c in amounts)
    assert amounts[0].label == "2023"
    text = "\n".join(describe_plan(plan))
    assert "2023: 172 004,4 → –" in text
    apply_plan(workspace.store, plan)
    stored = workspace.store.load(workspace.store.find("E4").id)
    assert stored.last_year == 2022
    assert all(2023 not in s.values for line in stored.financing for s in line.sources)


def test_a_longer_period_is_taken(tmp_path, workspace):
    plan = plan_import(passport(tmp_path, "2019–2030"), workspace.store)
    assert (plan.project.first_year, plan.project.last_year) == (2019, 2030)
    assert plan.warnings == []


def test_a_period_that_does_not_overlap_is_another_project(tmp_path, workspace):
    plan = plan_import(passport(tmp_path, "2025–2030"), workspace.store)
    assert plan.has_errors
    message = plan.errors[0].message
    assert "2025–2030 не пересекается со сроком проекта «E4» 2019–2024" in message
    assert "другой региональный проект" in message


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_command_line_keeps_values_unless_told(capsys, tmp_path, db_path):
    path = passport(tmp_path, "2019–2022")
    code, out, err = run(capsys, "import", path, "--db", db_path)
    assert (code, err) == (0, "")
    assert "короче срока проекта" in out
    store = open_workspace(db_path)
    try:
        kept = store.store.load(store.store.find("E4").id)
    finally:
        store.close()
    assert kept.last_year == 2024 and kept.indicators[2].values[2024].plan == Decimal("74.9")
    code, out, err = run(capsys, "import", path, "--db", db_path, "--drop-outside-period")
    assert (code, err) == (0, "")
    assert "срок реализации: «2019–2024» → «2019–2022»" in out
    store = open_workspace(db_path)
    try:
        shortened = store.store.load(store.store.find("E4").id)
    finally:
        store.close()
    assert shortened.last_year == 2022 and 2024 not in shortened.indicators[2].values


def test_the_command_line_refuses_a_period_that_does_not_overlap(capsys, tmp_path, db_path):
    code, _, err = run(capsys, "import", passport(tmp_path, "2025–2030"), "--db", db_path)
    assert code == 1
    assert "не пересекается" in err and err.count("\n") == 1
