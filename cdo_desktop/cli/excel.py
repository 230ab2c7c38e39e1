"""`export` and `import`: projects to Excel workbooks, and the ministry's tables back in."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cdo_desktop.cli.common import (
    EXIT_OK,
    EXIT_USER_ERROR,
    report_error,
    say,
    workspace_from,
)
from cdo_desktop.core.errors import CdoError


def register(subcommands: Any, shared: argparse.ArgumentParser) -> None:
    export = subcommands.add_parser(
        "export",
        parents=[shared],
        help="выгрузить проекты в книги Excel (.xlsx), по книге на проект",
        description="Выгрузить проект в книгу Excel: листы «Паспорт», «Показатели», "
        "«Результаты», «Финансирование», «Ответственные». Без --project выгружаются все "
        "проекты; если их несколько, каждый в свою книгу рядом с ФАЙЛ: ФАЙЛ_<код>.xlsx.",
    )
    export.add_argument("file", metavar="ФАЙЛ.xlsx", help="книга, которую записать")
    export.add_argument("--project", metavar="КОД", help="только этот проект (код или название)")
    export.set_defaults(run=export_workbooks)

    load = subcommands.add_parser(
        "import",
        parents=[shared],
        help="загрузить таблицы из книги Excel; --dry-run показывает изменения без записи",
        description="Загрузить из книги Excel паспорт, показатели, результаты, финансирование "
        "и ответственных. Таблицы находятся по заголовкам на любом листе. Печатается список "
        "изменений; все изменения записываются одной транзакцией.",
    )
    load.add_argument("file", metavar="ФАЙЛ.xlsx", help="книга Excel (.xlsx)")
    target = load.add_mutually_exclusive_group()
    target.add_argument(
        "--project",
        metavar="КОД",
        help="загрузить в этот проект (код или название), какой бы ни был указан в книге",
    )
    target.add_argument(
        "--new-project",
        metavar="КОД",
        help="создать из книги новый проект с этим кодом (кода не должно быть в базе); без "
        "этого книга без кода, не подходящая ни к одному проекту, становится новым проектом "
        "с кодом из первых букв названия («ЦОС»)",
    )
    load.add_argument(
        "--dry-run",
        action="store_true",
        help="только показать, что будет добавлено, изменено и удалено; базу не менять",
    )
    load.add_argument(
        "--keep-missing",
        action="store_true",
        help="не удалять строки, которых нет в таблицах книги",
    )
    load.add_argument(
        "--drop-outside-period",
        action="store_true",
        help="сократить срок реализации проекта до срока из книги и удалить значения вне его "
        "(без этого срок становится объединением сроков проекта и книги, ничего не удаляется)",
    )
    load.set_defaults(run=import_workbook)


def export_workbooks(args: argparse.Namespace) -> int:
    # openpyxl (with numpy) costs 0.2 s to import: only the Excel commands pay for it, not
    # the start of the window, which goes through this module too.
    from cdo_desktop.exchange.excel_export import export_projects

    workspace = workspace_from(args)
    try:
        if args.project:
            projects = [workspace.store.load(workspace.store.find(args.project).id)]
        else:
            projects = workspace.store.load_all()
    finally:
        workspace.close()
    if not projects:
        raise CdoError("в базе нет проектов: выгружать нечего")
    paths = export_projects(projects, args.file)
    for project, path in zip(projects, paths, strict=True):
        say(f"Записана книга: {path} (проект {project.code} «{project.name}»)")
    return EXIT_OK


def import_workbook(args: argparse.Namespace) -> int:
    from cdo_desktop.exchange.excel_import import plan_for, read_workbook
    from cdo_desktop.exchange.import_plan import describe_plan
    from cdo_desktop.exchange.monitoring_excel import is_monitoring_workbook

    if is_monitoring_workbook(args.file):  # «по состоянию на …» tables: values, not the passport
        from cdo_desktop.cli.monitoring import import_monitoring

        return import_monitoring(args)
    # The workbook is read and checked before the database is opened: a bad file never gets
    # as far as the database, not even to create it.
    incoming = read_workbook(args.file)
    workspace = workspace_from(args)
    try:
        plan = plan_for(
            incoming,
            workspace.store,
            file=args.file,
            project=args.project,
            new_project=args.new_project,
            remove_missing=not args.keep_missing,
            drop_outside_period=args.drop_outside_period,
        )
        if plan.has_errors:
            # One message on stderr, as for every user error; with several, the full list
            # goes to stdout, where a person reads on and a script does not trip.
            errors = plan.errors
            if len(errors) > 1:
                say("Ошибки в файле:")
                say("\n".join(f"  ✗ {problem}" for problem in errors))
            more = f" (и ещё ошибок: {len(errors) - 1})" if len(errors) > 1 else ""
            report_error(f"{errors[0].as_error(plan.file)}{more}; база данных не изменена")
            return EXIT_USER_ERROR
        say("\n".join(describe_plan(plan)))
        if args.dry_run:
            say("\nПробный запуск (--dry-run): база данных не изменена.")
            return EXIT_OK
        if not plan.changes:
            say("\nБаза данных не изменена.")
            return EXIT_OK
        workspace.apply_import(plan)
    finally:
        workspace.close()
    say("\nИзменения записаны в базу данных.")
    sys.stdout.flush()
    return EXIT_OK
