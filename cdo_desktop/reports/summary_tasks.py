"""The summary's indicator and result tables grouped under the project's tasks (the 2025–2030
passport): a «Задача …» line above the rows of each task, as the passport prints them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from html import escape

from cdo_desktop.core.model import PlanFactRow, Project
from cdo_desktop.reports.summary_model import Table

NO_TASK = "Вне задач"


def with_tasks(table: Table, rows: Sequence[PlanFactRow], project: Project) -> Table:
    """`table` (one body row per row of `rows`) with a task line wherever the task changes;
    the table as it is for a project without tasks."""
    if not project.tasks and not any(row.task for row in rows):
        return table
    names = {task.number: task.name for task in project.tasks}
    body: list[str] = []
    current: object = object()  # no task seen yet: the first row always opens its group
    for row, html in zip(rows, table.rows, strict=True):
        if row.task != current:
            current = row.task
            span = html.count("<td")
            body.append(
                f'<tr class="task"><td colspan="{span}">{escape(_task_title(row.task, names))}'
                "</td></tr>"
            )
        body.append(html)
    return replace(table, rows=tuple(body))


def _task_title(number: str | None, names: dict[str, str]) -> str:
    if number is None:
        return NO_TASK
    name = names.get(number)
    return f"Задача {number}. {name}" if name else f"Задача {number}"
