"""The 2025–2030 passport in an exported workbook: task rows and the new columns of the
indicator and result tables, people's supervisor and share, and the «Муниципалитеты» sheet of
breakdowns. Written only when the project has them, so older projects export as before; the
importer reads every one of them back (exchange/excel/passport_rows.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from openpyxl.utils import get_column_letter

from cdo_desktop.core.model import Person, PlanFact, PlanFactRow, Project, RowKind
from cdo_desktop.core.passport import KIND_WORDS
from cdo_desktop.exchange.excel_cells_out import Cell
from cdo_desktop.exchange.excel_layout import (
    BREAKDOWN_CAPTION,
    HEADER_DATA_SOURCE,
    HEADER_FACT,
    HEADER_KIND,
    HEADER_LEVEL,
    HEADER_LINKED,
    HEADER_MUNICIPALITY,
    HEADER_NUMBER,
    HEADER_OKEI,
    HEADER_PLAN,
    HEADER_RESULT_TYPE,
    HEADER_SHARE,
    HEADER_SUPERVISOR,
    NO_TASK_LABEL,
    TASK_LABEL,
    TOTAL_REGION,
)

if TYPE_CHECKING:
    from cdo_desktop.exchange.excel_cells_out import Sheet
    from cdo_desktop.exchange.excel_export import _Writer


class PassportColumns:
    """The passport's columns and task rows of one indicator or result table."""

    def __init__(self, project: Project, rows: list[PlanFactRow], kind: RowKind) -> None:
        self.tasks = {task.number: task for task in project.tasks}
        self.columns: list[tuple[str, float, str]] = []  # (header, width, field)
        if kind is RowKind.INDICATOR:
            for header, width, field in (
                (HEADER_LEVEL, 11.0, "level"),
                (HEADER_KIND, 15.0, "indicator_kind"),
                (HEADER_OKEI, 9.0, "okei"),
                (HEADER_DATA_SOURCE, 30.0, "data_source"),
            ):
                if any(getattr(row, field) for row in rows):
                    self.columns.append((header, width, field))
        else:
            for header, width, field in (
                (HEADER_RESULT_TYPE, 30.0, "result_type"),
                (HEADER_LINKED, 14.0, "linked_indicators"),
            ):
                if any(getattr(row, field) for row in rows):
                    self.columns.append((header, width, field))
        self.current: str | None = None
        self.task_rows = self._task_row_count(rows)
        self.next_row = 3  # under the two header rows

    @property
    def headers(self) -> list[str]:
        return [header for header, _, _ in self.columns]

    @property
    def widths(self) -> list[float]:
        return [width for _, width, _ in self.columns]

    def _task_row_count(self, rows: list[PlanFactRow]) -> int:
        count, current = 0, None
        for row in rows:
            if row.task != current:
                count, current = count + 1, row.task
        return count if self.tasks or any(row.task for row in rows) else 0

    def before(self, writer: _Writer, sheet: Sheet, row: PlanFactRow, width: int) -> None:
        """A «Задача: …» row (or «Вне задач») where the row's task differs from the last."""
        if row.task != self.current and (self.tasks or row.task is not None):
            self.current = row.task
            task = self.tasks.get(row.task or "")
            if row.task is None:
                label = NO_TASK_LABEL
            elif task is None:
                label = f"{TASK_LABEL} {row.task}"
            else:
                label = f"{TASK_LABEL} {task.number}: {task.name}"
            cells: list[Any] = [writer.text(label, writer.styles.total_label)]
            cells += [writer.number(None) for _ in range(width - 1)]
            sheet.add(cells)
            sheet.merged_cells.add(f"A{self.next_row}:{get_column_letter(width)}{self.next_row}")
            self.next_row += 1
        self.next_row += 1

    def cells(self, writer: _Writer, row: PlanFactRow) -> list[Any]:
        styles = writer.styles
        cells: list[Any] = []
        for _, _, field in self.columns:
            value = getattr(row, field)
            if field == "indicator_kind":
                value = KIND_WORDS.get(value, value)
            elif field == "level":
                value = "\n".join(value)
            elif field == "linked_indicators":
                value = ", ".join(value)
            centered = field in ("level", "okei", "indicator_kind", "linked_indicators")
            style = styles.center if centered else None
            cells.append(writer.text(value or None, style, styles.center_quoted))
        return cells


def person_headers(persons: list[Person]) -> list[str]:
    headers = []
    if any(person.supervisor for person in persons):
        headers.append(HEADER_SUPERVISOR)
    if any(person.share is not None for person in persons):
        headers.append(HEADER_SHARE)
    return headers


def person_cells(writer: _Writer, person: Person, headers: list[str]) -> list[Any]:
    cells: list[Any] = []
    if HEADER_SUPERVISOR in headers:
        cells.append(writer.text(person.supervisor))
    if HEADER_SHARE in headers:
        cells.append(writer.number(person.share))
    return cells


def write_municipalities(writer: _Writer, sheet: Sheet) -> None:
    """One table per broken-down indicator: its caption names it, «Итого по области» gives the
    region's values (the import checks them and does not load them)."""
    project = writer.project
    years = project.years
    broken = [row for row in project.indicators if row.municipalities]
    width = 2 + 2 * len(years)
    rows = sum(4 + len(row.municipalities) + 1 for row in broken)
    writer._layout(sheet, [7, 45] + [10] * (2 * len(years)), rows)
    number, text, header = writer.number, writer.text, writer.header
    line = 1
    for row in broken:
        caption = f"Показатель № {row.number} «{row.name}»: {BREAKDOWN_CAPTION}"
        sheet.add([text(caption, writer.styles.total_label)])
        first: list[Any] = [header(HEADER_NUMBER), header(HEADER_MUNICIPALITY)]
        second: list[Any] = [header(None), header(None)]
        for year in years:
            first += [header(year), header(None)]
            second += [header(HEADER_PLAN), header(HEADER_FACT)]
        sheet.add(first)
        sheet.add(second)
        merged = sheet.merged_cells
        for column in (1, 2):
            letter = get_column_letter(column)
            merged.add(f"{letter}{line + 1}:{letter}{line + 2}")
        for offset in range(len(years)):
            column = 3 + 2 * offset
            left, right = get_column_letter(column), get_column_letter(column + 1)
            merged.add(f"{left}{line + 1}:{right}{line + 1}")
        for index, entry in enumerate(row.municipalities, 1):
            cells: list[Any] = [Cell(index, "n", writer.styles.center), text(entry.name)]
            for year in years:
                pair = entry.values.get(year) or PlanFact()
                cells += [number(pair.plan), number(pair.fact)]
            sheet.add(cells)
        total: list[Any] = [number(None), text(TOTAL_REGION, writer.styles.total_label)]
        for year in years:
            pair = row.value(year)
            total += [number(pair.plan, bold=True), number(pair.fact, bold=True)]
        sheet.add(total)
        sheet.add([number(None) for _ in range(width)])
        line += 5 + len(row.municipalities)
