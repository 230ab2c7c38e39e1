"""The summary groups a 2025–2030 project's rows under its tasks; older projects print as before."""

from __future__ import annotations

from datetime import date

from cdo_desktop.reports.summary import SummaryOptions, build_summary
from cdo_desktop.workspace import demo_projects
from tests.passport_2025 import project_2025


def _html(project) -> str:
    options = SummaryOptions(project.first_year, printed_on=date(2026, 11, 27))
    return build_summary(project, options).html()


def test_rows_are_printed_under_their_tasks():
    text = _html(project_2025())
    first = text.index("Задача 1. Создание условий для профессионального роста педагогов")
    second = text.index("Задача 2. Поддержка молодых учителей")
    outside = text.index("Вне задач")
    assert first < text.index("Численность педагогов") < second
    assert second < text.index("Доля молодых учителей") < outside
    assert outside < text.index("Показатель без задачи")
    assert text.count('<tr class="task">') == 3 + 2  # indicators: 1, 2, none; results: 1, 2


def test_a_project_without_tasks_prints_no_task_lines():
    [demo] = demo_projects()
    assert 'class="task"' not in _html(demo)
