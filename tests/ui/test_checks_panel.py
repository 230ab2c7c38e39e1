"""«Проверка данных» groups the problems by kind, counts them, and leads to the cell."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from cdo_desktop.core.model import PlanFact
from cdo_desktop.ui.checks_panel import ChecksPanel
from cdo_desktop.workspace import demo_projects


def test_missing_past_facts_are_warned_grouped_with_a_count(qtbot):
    panel = ChecksPanel()
    qtbot.addWidget(panel)
    told = []
    panel.counted.connect(lambda text, errors, warnings: told.append((text, errors, warnings)))
    project = demo_projects()[0]
    project.results[2].values[2020] = PlanFact(Decimal(40), Decimal("141.1"))
    panel.as_of = date(2026, 11, 27)
    problems = panel.check(project)
    late = [p for p in problems if p.rule == "missing_fact"]
    assert len(late) > 4 and {p.year for p in late} == {2021, 2022, 2023, 2024}
    assert panel.tree.topLevelItemCount() == 2
    errors, warnings = panel.tree.topLevelItem(0), panel.tree.topLevelItem(1)
    assert errors.text(0) == "Процент вне пределов 0–100 (1)"
    assert warnings.text(0) == f"Нет факта за прошедший год ({len(late)})"
    assert warnings.childCount() == len(late)
    assert (
        warnings.child(0).text(0) == "! Показатели, строка № 1, 2021: нет факта (срок 01.02.2022)"
    )
    count = f"1 ошибка, {len(late)} предупреждени"
    assert panel.summary.text().startswith(count)
    assert told[-1][0].startswith(count) and told[-1][1:] == (1, len(late))

    activated = []
    panel.problem_activated.connect(activated.append)
    panel.tree.itemClicked.emit(warnings, 0)  # a group's title leads nowhere
    assert activated == []
    panel.tree.itemClicked.emit(warnings.child(0), 0)
    assert activated == [late[0]]


def test_a_fact_due_today_is_not_yet_missing(qtbot):
    panel = ChecksPanel()
    qtbot.addWidget(panel)
    panel.as_of = date(2022, 2, 1)
    assert panel.check(demo_projects()[0]) == []
    assert panel.summary.text() == "Проблем не найдено."
    assert panel.tree.topLevelItemCount() == 0
    panel.as_of = date(2022, 2, 2)
    assert {p.year for p in panel.check(demo_projects()[0])} == {2021}
