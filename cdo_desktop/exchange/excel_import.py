"""The ministry's tables read from an xlsx workbook, wherever they stand, into an import plan.

A table is found by its header cells — «№ п/п» and «Показатель…»/«Результат…»/«Наименование…» in
one row, the years in that row and «план»/«факт» under them — on any sheet, at any cell, several
to a sheet. Passport fields are label/value rows («Цель регионального проекта» | текст).
Footnotes, captions, totals, numbering rows and signatures are furniture, not data (see
excel.furniture). Every unreadable value is a Problem naming the sheet and the cell; the
file-level failures are DocumentErrors (see excel_source). The readers live in `excel/`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cdo_desktop.core.errors import DocumentError
from cdo_desktop.exchange.excel.cells import MAX_PROBLEMS, BookReader, cell_name
from cdo_desktop.exchange.excel.sheet import SheetReader
from cdo_desktop.exchange.excel_progress import Progress
from cdo_desktop.exchange.excel_source import Workbook
from cdo_desktop.exchange.import_plan import ImportPlan, Incoming, build_plan
from cdo_desktop.exchange.import_target import AskCode, choose_target

__all__ = ["MAX_PROBLEMS", "cell_name", "plan_for", "plan_import", "read_workbook"]


def read_workbook(path: str | Path, progress: Progress | None = None) -> Incoming:
    """What the workbook at `path` says about a project; DocumentError when it is unusable."""
    path = Path(path)
    with Workbook(path, progress) as book:
        reader = BookReader(book)
        for title, rows in book.sheets():
            sheet = SheetReader(reader, title)
            for index, row in rows:
                sheet.feed(index, row)
            sheet.finish()
        incoming = reader.finish()
    if incoming.is_empty() and not incoming.problems:
        raise DocumentError(
            "в книге не найдено ни одной таблицы проекта: ожидались заголовки «№ п/п» и "
            "«Показатель/единица измерения» (или «Результат…», «Наименование…») с годами, "
            "«план» и «факт», либо лист «Паспорт» со строками «поле | значение»",
            file=str(path),
        )
    if incoming.is_empty():
        # Tables were found but none could be taken: say which and why, not "no tables".
        first = incoming.problems[0]
        more = len(incoming.problems) - 1
        raise DocumentError(
            first.message + (f" (и ещё замечаний: {more})" if more else ""),
            file=str(path),
            location=first.location,
        )
    return incoming


def plan_import(
    path: str | Path,
    projects: Any,
    *,
    project: str | None = None,
    new_project: str | None = None,
    fallback_id: int | None = None,
    ask_code: AskCode | None = None,
    remove_missing: bool = True,
    drop_outside_period: bool = False,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read the workbook and lay it over its project in the store."""
    incoming = read_workbook(path, progress)
    return plan_for(
        incoming,
        projects,
        file=str(path),
        project=project,
        new_project=new_project,
        fallback_id=fallback_id,
        ask_code=ask_code,
        remove_missing=remove_missing,
        drop_outside_period=drop_outside_period,
    )


def plan_for(
    incoming: Incoming,
    projects: Any,
    *,
    file: str,
    project: str | None = None,
    new_project: str | None = None,
    fallback_id: int | None = None,
    ask_code: AskCode | None = None,
    remove_missing: bool = True,
    drop_outside_period: bool = False,
) -> ImportPlan:
    """Lay what a file holds over its project in the store (chosen by import_target's rules:
    `project` as `--project`, `new_project` as `--new-project`, `fallback_id` the project open
    in the window, `ask_code` the window's question for a new project's code). Nothing is
    written."""
    target = choose_target(
        incoming,
        projects,
        project=project,
        new_project=new_project,
        fallback_id=fallback_id,
        ask_code=ask_code,
    )
    existing = projects.load(target.project_id) if target.project_id is not None else None
    stamp = projects.updated_at(existing.id) if existing is not None else None
    if existing is None and target.new_code:
        incoming.code = target.new_code
    return build_plan(
        incoming,
        existing,
        file=file,
        existing_stamp=stamp,
        keep_code=target.keep_code,
        remove_missing=remove_missing,
        drop_outside_period=drop_outside_period,
    )
