"""`summary`: the project's summary sheet as a PDF, written without a display."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from cdo_desktop.cli.common import EXIT_OK, say, workspace_from
from cdo_desktop.cli.dates import add_as_of, as_of_or_today
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import Project, ProjectSummary

if TYPE_CHECKING:
    from cdo_desktop.storage.store import Store


def register(subcommands: Any, shared: argparse.ArgumentParser) -> None:
    summary = subcommands.add_parser(
        "summary",
        parents=[shared],
        help="сводка по проекту для печати — в файл PDF (дисплей не нужен)",
        description="Записать сводку по проекту в PDF: то же, что «Файл → Печать сводки…» "
        "в окне программы. Лист A4 альбомный, все разделы.",
    )
    summary.add_argument("output", metavar="ФАЙЛ.pdf", help="файл PDF, в который записать сводку")
    summary.add_argument(
        "--project",
        metavar="КОД",
        help="проект (код или название); можно не указывать, если проект в базе один",
    )
    summary.add_argument(
        "--year",
        type=int,
        metavar="ГОД",
        help="отчётный год (по умолчанию последний год, за который внесён факт)",
    )
    add_as_of(summary, "считаются просроченные контрольные точки")
    summary.set_defaults(run=write_summary)


def chosen_project(store: Store, args: argparse.Namespace) -> ProjectSummary:
    """The project named by --project; without it, the database's only project."""
    if args.project:
        return store.find(args.project)
    summaries = store.summaries()
    if not summaries:
        raise CdoError("в базе данных нет проектов")
    if len(summaries) > 1:
        codes = ", ".join(summary.code for summary in summaries)
        raise CdoError(f"в базе данных несколько проектов ({codes}): укажите один, --project КОД")
    return summaries[0]


def choose_project(args: argparse.Namespace) -> Project:
    """The project of `chosen_project`, loaded."""
    workspace = workspace_from(args)
    try:
        return workspace.store.load(chosen_project(workspace.store, args).id)
    finally:
        workspace.close()


def use_offscreen_qt_without_display() -> None:
    """Let Qt draw without a screen when there is none (a server, a CI job, ssh)."""
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def write_summary(args: argparse.Namespace) -> int:
    # The report code is imported here, not at the top: the window starts through this
    # package and need not pay for it.
    from cdo_desktop.reports.summary import (
        SummaryOptions,
        build_summary,
        check_report_year,
        default_report_year,
    )

    # Everything a user can get wrong is checked before Qt is loaded.
    as_of = as_of_or_today(args)
    project = choose_project(args)
    year = (
        check_report_year(project, args.year)
        if args.year is not None
        else default_report_year(project)
    )
    use_offscreen_qt_without_display()
    from cdo_desktop.app import create_application
    from cdo_desktop.reports.printing import printable_width, save_pdf

    create_application()
    options = SummaryOptions(year=year, as_of=as_of)
    document = build_summary(project, options, width=printable_width())
    pages = save_pdf(document, args.output)
    say(f"Сводка по проекту {project.code} за {year} год: {args.output} (страниц: {pages})")
    return EXIT_OK
