"""An import plan for people to read: what `--dry-run` prints, and what the preview dialog shows.

Added and removed rows and sources show their figures (a removed financing amount is a value
like any other); a renamed row shows both names with the differing part in view, never cut.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cdo_desktop.core.diff import squeeze
from cdo_desktop.core.model import FinancingLine, PlanFactRow, Project, RowKind
from cdo_desktop.core.numbers import format_number
from cdo_desktop.exchange.import_changes import (
    ACTION_MARKS,
    SECTION_TITLES,
    Action,
    Change,
    Section,
    row_title,
    shown,
)

if TYPE_CHECKING:
    from cdo_desktop.exchange.import_plan import ImportPlan

# Around a difference this many characters of the common text are kept.
_CONTEXT = 30


def shorten(text: str, limit: int = 100) -> str:
    text = squeeze(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def show_difference(
    old: str, new: str, limit: int = 160, context: int = _CONTEXT
) -> tuple[str, str]:
    """Two long texts cut to where they differ («…образовательной среды» → «…среды»): the
    common head and tail are elided, the differing part is always shown whole with `context`
    characters of the common text around it."""
    old, new = squeeze(old), squeeze(new)
    if len(old) <= limit and len(new) <= limit:
        return old, new
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(old), len(new)) - prefix
        and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]
    ):
        suffix += 1
    start = max(0, prefix - context)

    def cut(text: str) -> str:
        stop = min(len(text), len(text) - suffix + context)
        return ("…" if start > 0 else "") + text[start:stop] + ("…" if stop < len(text) else "")

    return cut(old), cut(new)


def describe_change(change: Change) -> str:
    """One changed value: «план 2021: 38,28 → 40,00»; a new name with its difference in view."""
    if (
        change.action is Action.CHANGE
        and isinstance(change.old, str)
        and isinstance(change.new, str)
    ):
        old, new = show_difference(change.old, change.new)
        return f"{change.label}: «{old}» → «{new}»"
    if change.action is Action.CHANGE and change.label:
        return shorten(change.describe(), 160)
    return change.item or change.label


def _row_figures(row: PlanFactRow) -> list[str]:
    figures = []
    for year, pair in sorted(row.values.items()):
        parts = [
            f"{label} {format_number(value)}"
            for label, value in (("план", pair.plan), ("факт", pair.fact))
            if value is not None
        ]
        if parts:
            figures.append(f"{year}: {', '.join(parts)}")
    return ["; ".join(figures)] if figures else []


def _amounts(values: dict[int, object]) -> str:
    return "; ".join(
        f"{year}: {shown(value)}"  # type: ignore[arg-type]
        for year, value in sorted(values.items())
        if value is not None
    )


def _line_figures(line: FinancingLine) -> list[str]:
    if len(line.sources) == 1:
        text = _amounts(line.sources[0].values)  # type: ignore[arg-type]
        return [text] if text else []
    return [
        f"{source.name}: {text}"
        for source in line.sources
        if (text := _amounts(source.values))  # type: ignore[arg-type]
    ]


class Figures:
    """The figures of rows and sources an import adds (from the planned project) or removes
    (from the project in the database), found by the change's item."""

    def __init__(self, plan: ImportPlan) -> None:
        # A source added to a renamed line is listed under the line's old title.
        old_titles: dict[int, str] = {}
        if plan.existing is not None:
            old_titles = {
                line.id: row_title(line.number, line.name)
                for line in plan.existing.financing
                if line.id is not None
            }
        self.added = _index(plan.project, old_titles)
        self.removed = _index(plan.existing) if plan.existing is not None else {}

    def of(self, change: Change) -> list[str]:
        if change.action is Action.CHANGE:
            return []
        index = self.added if change.action is Action.ADD else self.removed
        return index.get((change.section, change.item), [])


def _index(
    project: Project, old_titles: dict[int, str] | None = None
) -> dict[tuple[Section, str], list[str]]:
    index: dict[tuple[Section, str], list[str]] = {}
    for kind, section in (
        (RowKind.INDICATOR, Section.INDICATORS),
        (RowKind.RESULT, Section.RESULTS),
    ):
        for row in project.rows(kind):
            index[(section, row_title(row.number, row.name))] = _row_figures(row)
    for line in project.financing:
        title = row_title(line.number, line.name)
        index[(Section.FINANCING, title)] = _line_figures(line)
        titles = {title}
        if old_titles and line.id in old_titles:
            titles.add(old_titles[line.id])
        for source in line.sources:
            text = _amounts(source.values)  # type: ignore[arg-type]
            for known in titles:
                index[(Section.FINANCING, f"{known} / {source.name}")] = [text] if text else []
    return index


def shorten_item(item: str, limit: int = 100) -> str:
    """A row's title shortened; a source's «line / source» keeps the source's name whole, so
    three sources of one long line do not all read the same."""
    item = squeeze(item)
    if len(item) <= limit or " / " not in item:
        return shorten(item, limit)
    line, _, source = item.rpartition(" / ")
    return f"{shorten(line, max(30, limit - len(source) - 3))} / {source}"


def plan_lines(plan: ImportPlan) -> list[str]:
    """The plan as lines of text: what `--dry-run` prints and the log of an import keeps."""
    project = plan.project
    state = "новый проект" if plan.existing is None else "изменяется"
    counts = plan.counts()
    lines = [
        f"Файл: {plan.file}",
        f"Проект: {project.code} «{shorten(project.name, 80)}» — {state}",
        f"Добавляется: {counts[Action.ADD]}, изменяется: {counts[Action.CHANGE]}, "
        f"удаляется: {counts[Action.REMOVE]}",
    ]
    if not plan.changes:
        lines.append("Изменений нет.")
    figures = Figures(plan)
    for section in Section:
        group = [change for change in plan.changes if change.section is section]
        if not group:
            continue
        lines += ["", f"{SECTION_TITLES[section]}:"]
        last_item: tuple[Action, str] | None = None
        for change in group:
            mark = ACTION_MARKS[change.action]
            if change.action is not Action.CHANGE:
                lines.append(f"  {mark} {shorten_item(change.item or change.label)}")
                lines += [f"      {text}" for text in figures.of(change)]
                last_item = None
                continue
            if not change.item:
                lines.append(f"  {mark} {describe_change(change)}")
                continue
            if last_item != (change.action, change.item):
                lines.append(f"  {mark} {shorten(change.item)}")
                last_item = (change.action, change.item)
            lines.append(f"      {describe_change(change)}")
    if plan.warnings:
        lines += ["", "Замечания:"]
        lines += [f"  ! {problem}" for problem in plan.warnings]
    return lines
