"""`due` and `report`: monitoring values missing at a day, and the report at a reporting date."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from cdo_desktop.cli.common import EXIT_OK, say, tabbed, workspace_from
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import Project
from cdo_desktop.core.work_calendar import WorkCalendar

DATE_HELP = "ГГГГ-ММ-ДД или ДД.ММ.ГГГГ"


def register(subcommands: Any, shared: argparse.ArgumentParser) -> None:
    due = subcommands.add_parser(
        "due",
        parents=[shared],
        help="значения мониторинга, срок сдачи которых наступил, а их нет",
        description="По строке на каждое значение, период которого закончился к дате и которого "
        "нет: код проекта, раздел, номер строки, источник, конец периода, срок, "
        "«просрочено» или «к сдаче» (через табуляцию).",
    )
    due.add_argument(
        "--as-of", metavar="ДАТА", help=f"на какой день ({DATE_HELP}); по умолчанию сегодня"
    )
    due.add_argument("--project", metavar="КОД", help="только этот проект (код или название)")
    due.set_defaults(run=list_due)
    report = subcommands.add_parser(
        "report",
        parents=[shared],
        help="отчёт о ходе реализации проекта на отчётную дату — PDF или xlsx",
        description="Отчёт о ходе реализации регионального проекта по состоянию на дату: "
        "показатели, результаты, финансирование с кассовым исполнением, подписи.",
    )
    report.add_argument("output", metavar="ФАЙЛ.pdf|ФАЙЛ.xlsx", help="куда записать отчёт")
    report.add_argument(
        "--as-of",
        metavar="ДАТА",
        required=True,
        help=f"отчётная дата ({DATE_HELP}): последний день месяца или первый день следующего",
    )
    report.add_argument(
        "--project",
        metavar="КОД",
        help="проект (код или название); можно не указывать, если проект в базе один",
    )
    report.set_defaults(run=write_report)


def calendar_and_projects(args: argparse.Namespace) -> tuple[WorkCalendar, list[Project]]:
    """The database's working-day calendar (with the user's edits) and the projects of
    --project (code or name) or all; `due` and `check` count due dates on it."""
    from cdo_desktop.storage.monitoring_store import database_calendar

    workspace = workspace_from(args)
    try:
        store = workspace.store
        calendar = database_calendar(store.database)
        if args.project:
            projects = [store.load(store.find(args.project).id)]
        else:
            projects = store.load_all()
        return calendar, projects
    finally:
        workspace.close()


def list_due(args: argparse.Namespace) -> int:
    from cdo_desktop.core.monitoring_dates import day_text, parse_day
    from cdo_desktop.core.monitoring_due import due_state, missing_values
    from cdo_desktop.core.work_calendar import missing_notice

    day = date.today()
    if args.as_of is not None:
        parsed = parse_day(args.as_of)
        if parsed is None:
            raise CdoError(f"--as-of: не дата «{args.as_of}» (нужно {DATE_HELP})")
        day = parsed
    calendar, projects = calendar_and_projects(args)
    unloaded: set[int] = set()
    for project in projects:
        for value in missing_values(project, calendar, day):
            if not value.annual:
                unloaded.update(calendar.missing_years([value.due]))
            say(
                tabbed(
                    project.code,
                    value.section,
                    value.number,
                    value.source,
                    day_text(value.period_end),
                    day_text(value.due),
                    due_state(value, day),
                )
            )
    for line in missing_notice(unloaded):
        print(line, file=sys.stderr)
    return EXIT_OK


def write_report(args: argparse.Namespace) -> int:
    from cdo_desktop.cli.summary import choose_project, use_offscreen_qt_without_display
    from cdo_desktop.core.monitoring_dates import as_of_words, day_text, parse_reporting_date
    from cdo_desktop.files import write_file_atomically

    suffix = Path(args.output).suffix.casefold()
    if suffix not in (".pdf", ".xlsx"):
        raise CdoError(f"отчёт пишется в файл .pdf или .xlsx, а не «{args.output}»")
    as_of = parse_reporting_date(args.as_of)
    project = choose_project(args)
    if as_of.year not in project.years:
        raise CdoError(
            f"отчётная дата {day_text(as_of)} вне лет проекта "
            f"{project.first_year}–{project.last_year}"
        )
    today = date.today()
    if suffix == ".xlsx":
        from cdo_desktop.reports.monitoring_report_xlsx import write_monitoring_xlsx

        write_file_atomically(
            args.output, lambda path: write_monitoring_xlsx(project, as_of, path, today)
        )
        say(f"Отчёт по проекту {project.code} {as_of_words(as_of)}: {args.output}")
        return EXIT_OK
    use_offscreen_qt_without_display()
    from cdo_desktop.app import create_application
    from cdo_desktop.reports.monitoring_report import build_monitoring_report
    from cdo_desktop.reports.printing import printable_width, save_pdf

    create_application()
    document = build_monitoring_report(project, as_of, today=today, width=printable_width())
    pages = save_pdf(document, args.output)
    say(f"Отчёт по проекту {project.code} {as_of_words(as_of)}: {args.output} (страниц: {pages})")
    return EXIT_OK


def import_monitoring(args: argparse.Namespace) -> int:
    """`import` of a workbook of monitoring tables: their values laid over the project's, told
    line by line; nothing else of the project changes. --dry-run writes nothing."""
    from cdo_desktop.cli.summary import choose_project
    from cdo_desktop.core.monitoring_dates import as_of_words
    from cdo_desktop.exchange.monitoring_excel import (
        describe_changes,
        monitoring_import_plan,
        read_monitoring_workbook,
    )

    stored = choose_project(args)
    read = read_monitoring_workbook(args.file, stored)
    changes = read.changes(stored)
    for title, as_of in read.tables:
        say(f"Лист «{title}»: {as_of_words(as_of)}")
    for line in describe_changes(stored, changes):
        say(f"  {line}")
    if args.dry_run:
        say("\nПробный запуск (--dry-run): база данных не изменена.")
        return EXIT_OK
    if not changes:
        say("\nБаза данных не изменена.")
        return EXIT_OK
    workspace = workspace_from(args)
    try:
        # The passport import's path: a backup first, then the values in one transaction (a
        # project changed since it was read is refused, nothing written).
        assert stored.id is not None
        fresh = workspace.store.load(stored.id)
        workspace.apply_import(
            monitoring_import_plan(args.file, fresh, workspace.store.updated_at(stored.id))
        )
    finally:
        workspace.close()
    say("\nИзменения записаны в базу данных.")
    return EXIT_OK
